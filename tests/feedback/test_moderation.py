"""The moderation queue in the admin: who may answer and publish, reply-by dates, the audit log."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEntry
from feedback.models import Message
from tests.builders import make_editor, make_feedback_message, make_publisher, make_staff
from tests.public_site import parse

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:feedback_message_changelist")


def change_url(message):
    return reverse("admin:feedback_message_change", args=[message.pk])


def change_data(message, **overrides):
    data = {
        "subject": message.subject,
        "text": message.text,
        "status": message.status,
        "reply": message.reply,
        "_save": "保存",
    }
    if message.is_public:
        data["is_public"] = "on"
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def audit_trail():
    """What the audit log says about messages (creating the test's accounts is logged too)."""
    entries = AuditEntry.objects.filter(object_type="feedback.message").order_by("id")
    return list(entries.values_list("event", "outcome", "username", "object_repr", "detail"))


def form_errors(response):
    return {name: list(errors) for name, errors in response.context["adminform"].form.errors.items()}


# ---------------------------------------------------------------------------------------------
# Who may see the queue


def test_an_anonymous_visitor_is_sent_to_the_login(client):
    message = make_feedback_message()

    for url in (CHANGELIST, change_url(message)):
        response = client.get(url)
        assert (response.status_code, response["Location"].split("?")[0]) == (302, "/admin/login/")


def test_staff_without_a_role_cannot_open_the_queue(client, django_user_model):
    client.force_login(make_staff(django_user_model, "nobody"))

    assert client.get(CHANGELIST).status_code == 403


def test_nobody_adds_or_deletes_a_message_in_the_admin(client, django_user_model):
    client.force_login(make_publisher(django_user_model))
    message = make_feedback_message()

    assert client.get(reverse("admin:feedback_message_add")).status_code == 403
    assert client.post(reverse("admin:feedback_message_delete", args=[message.pk]), {"post": "yes"}).status_code == 403
    assert Message.objects.count() == 1


def test_an_editor_reads_the_queue_with_the_senders_contact(client, django_user_model):
    client.force_login(make_editor(django_user_model))
    message = make_feedback_message(subject="项目页面打不开", contact="li@example.gov.cn", kind="error",
                                    page_path="/projects/x/")

    listing = client.get(CHANGELIST)
    detail = client.get(change_url(message))

    assert listing.status_code == 200
    assert [a.text for a in parse(listing).find_all("th", cls="field-reference")] == [message.reference]
    page = parse(detail)
    assert page.find("div", cls="field-contact").find("div", cls="readonly").text == "li@example.gov.cn"
    assert page.find("div", cls="field-page_link").find("a").attrs["href"] == "/projects/x/"


# ---------------------------------------------------------------------------------------------
# Answering


def test_an_editor_answers_and_the_message_becomes_answered(client, django_user_model):
    editor = make_editor(django_user_model)
    client.force_login(editor)
    message = make_feedback_message()

    response = client.post(change_url(message), change_data(message, reply="已转项目办，下月起公布。"))

    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.status, message.reply, message.replied_by, message.is_public) == (
        "answered", "已转项目办，下月起公布。", editor, False
    )
    assert message.replied_at is not None
    assert message.history.first().history_user == editor


def test_an_editor_cannot_publish_even_with_a_forged_post(client, django_user_model):
    client.force_login(make_editor(django_user_model))
    message = make_feedback_message(status="answered", reply="已办理。")

    form = client.get(change_url(message)).context["adminform"].form
    client.post(change_url(message), change_data(message, is_public="on"))

    assert "is_public" not in form.fields
    message.refresh_from_db()
    assert (message.is_public, message.published_at) == (False, None)
    assert audit_trail() == [("publish", "denied", "editor", str(message), "无公开权限")]


def test_an_editor_has_no_publish_action_and_a_forged_one_does_nothing(client, django_user_model):
    client.force_login(make_editor(django_user_model))
    message = make_feedback_message(status="answered", reply="已办理。")

    actions = [name for name, _ in client.get(CHANGELIST).context["action_form"].fields["action"].choices]
    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [message.pk]})

    assert actions == ["", "mark_in_progress"]
    message.refresh_from_db()
    assert message.is_public is False
    assert audit_trail() == []


def test_an_editor_cannot_change_what_the_public_reads(client, django_user_model):
    client.force_login(make_editor(django_user_model))
    message = make_feedback_message(status="answered", reply="已办理。", is_public=True, published_at=timezone.now())

    client.post(change_url(message), change_data(message, text="改过的内容", status="closed", reply=""))

    message.refresh_from_db()
    assert (message.text, message.status, message.reply, message.is_public) == (
        "希望公布更多协作项目的进展。", "answered", "已办理。", True
    )


def test_marking_new_messages_in_progress(client, django_user_model):
    client.force_login(make_editor(django_user_model))
    new = make_feedback_message()
    answered = make_feedback_message(status="answered", reply="已办理。")

    client.post(CHANGELIST, {"action": "mark_in_progress", "_selected_action": [new.pk, answered.pk]})

    assert [m.status for m in Message.objects.order_by("id")] == ["in_progress", "answered"]


# ---------------------------------------------------------------------------------------------
# Publishing, and the audit log


def test_a_publisher_publishes_with_the_reply_and_the_audit_log_records_it(client, django_user_model):
    client.force_login(make_publisher(django_user_model))
    message = make_feedback_message(subject="建议")

    client.post(change_url(message), change_data(message, reply="感谢建议，已采纳。", is_public="on"))

    message.refresh_from_db()
    assert (message.status, message.is_public) == ("answered", True)
    assert message.published_at is not None
    assert audit_trail() == [("publish", "success", "publisher", str(message), "公开留言及答复")]
    entry = AuditEntry.objects.get(event="publish")
    assert (entry.object_type, entry.object_id, entry.role) == ("feedback.message", str(message.pk), "审核发布")


def test_taking_a_message_off_the_public_page_is_audited(client, django_user_model):
    client.force_login(make_publisher(django_user_model))
    message = make_feedback_message(status="answered", reply="已办理。", is_public=True, published_at=timezone.now())

    client.post(change_url(message), change_data(message, is_public=None))

    message.refresh_from_db()
    assert (message.is_public, message.published_at) == (False, None)
    assert audit_trail() == [("withdraw", "success", "publisher", str(message), "取消公开留言及答复")]


def test_a_message_without_a_reply_cannot_be_published(client, django_user_model):
    client.force_login(make_publisher(django_user_model))
    message = make_feedback_message()

    response = client.post(change_url(message), change_data(message, is_public="on"))

    assert form_errors(response) == {"is_public": ["请先填写答复，再公开。"]}
    message.refresh_from_db()
    assert message.is_public is False
    assert audit_trail() == []


def test_a_message_kept_private_cannot_be_published(client, django_user_model):
    client.force_login(make_publisher(django_user_model))
    message = make_feedback_message(status="answered", reply="已办理。")

    response = client.post(change_url(message), change_data(message, status="not_public", is_public="on"))

    assert form_errors(response) == {"is_public": ["只有“已答复”的留言可以公开；现在的状态是“不予公开”。"]}


def test_the_publish_action_skips_unanswered_messages_and_says_so(client, django_user_model):
    client.force_login(make_publisher(django_user_model))
    answered = make_feedback_message(status="answered", reply="已办理。")
    waiting = make_feedback_message()

    response = client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [answered.pk, waiting.pk]}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == ["已公开 1 条。", "1 条尚未答复，未公开。"]
    assert list(Message.objects.public()) == [answered]
    assert [(event, obj) for event, _o, _u, obj, _d in audit_trail()] == [("publish", str(answered))]


def test_the_withdraw_action_is_audited_per_message(client, django_user_model):
    client.force_login(make_publisher(django_user_model))
    messages = [
        make_feedback_message(status="answered", reply="已办理。", is_public=True, published_at=timezone.now())
        for _ in range(2)
    ]

    client.post(CHANGELIST, {"action": "withdraw_selected", "_selected_action": [m.pk for m in messages]})

    assert list(Message.objects.public()) == []
    assert sorted(obj for _e, _o, _u, obj, _d in audit_trail()) == sorted(str(m) for m in messages)
    assert {event for event, *_ in audit_trail()} == {"withdraw"}


# ---------------------------------------------------------------------------------------------
# Reply-by dates in the queue


def test_overdue_messages_are_flagged_and_can_be_filtered(client, django_user_model):
    client.force_login(make_editor(django_user_model))
    today = timezone.localdate()
    late = make_feedback_message(subject="逾期的", reply_by=today - datetime.timedelta(days=1))
    make_feedback_message(subject="今天到期的", reply_by=today)
    make_feedback_message(subject="已答复的", reply_by=today - datetime.timedelta(days=3), status="answered",
                          reply="已办理。")

    page = parse(client.get(CHANGELIST))
    overdue_only = parse(client.get(CHANGELIST, {"due": "overdue"}))

    flags = {
        row.find("td", cls="field-subject").text: [span.text for span in row.find_all("span", cls="feedback-overdue")]
        for row in page.find("table", id="result_list").find("tbody").find_all("tr")
    }
    assert flags == {"逾期的": ["已逾期"], "今天到期的": [], "已答复的": []}
    assert [th.text for th in overdue_only.find_all("th", cls="field-reference")] == [late.reference]


def test_the_queue_asks_the_same_number_of_queries_for_one_message_or_many(client, django_user_model):
    editor = make_editor(django_user_model)
    client.force_login(editor)
    make_feedback_message(status="answered", reply="已办理。", replied_by=editor)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(CHANGELIST).status_code == 200
        return len(queries)

    one = count()
    for _ in range(5):
        make_feedback_message(status="answered", reply="已办理。", replied_by=editor)

    assert count() == one
