"""A published record: withdrawing and changing it go through the chain, the public keeps the approved version."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from review import publishing
from review.models import ReviewRequest, Status
from tests.builders import (
    delegation_form_data,
    make_delegation,
    make_participant,
    review_decision,
)

pytestmark = pytest.mark.django_db


def decide(client, user, record, decision="approve", **kwargs):
    client.force_login(user)
    response = review_decision(client, record, decision, **kwargs)
    record.refresh_from_db()
    return response


def public_page(client, record):
    client.logout()
    return client.get(record.get_absolute_url())


def change_in_admin(client, user, trip, **overrides):
    client.force_login(user)
    data = delegation_form_data(trip, **overrides)
    data.pop("status")  # read-only once published
    return client.post(reverse("admin:visits_delegation_change", args=[trip.pk]), data)


def test_withdrawing_goes_through_the_chain_and_the_record_stays_public_until_sign_off(client, editor, first, final):
    trip = make_delegation(status=Status.PUBLISHED)
    client.force_login(editor)

    client.post(reverse("admin:visits_delegation_changelist"),
                {"action": "request_withdrawal_selected", "_selected_action": [trip.pk]})
    review = ReviewRequest.objects.get()
    decide(client, first, trip, opinion="同意撤回。")
    assert (review.action, trip.status, public_page(client, trip).status_code) == ("withdraw", "published", 200)

    decide(client, final, trip, opinion="同意撤回。")

    assert (trip.status, public_page(client, trip).status_code) == ("withdrawn", 404)
    assert list(AuditEntry.objects.filter(event="withdraw", username="zhong").values_list("detail", flat=True)) == [
        "终审签发通过：同意撤回。；撤回生效",
    ]


def test_editors_have_no_direct_publish_or_withdraw_action(client, editor):
    client.force_login(editor)

    actions = client.get(reverse("admin:visits_delegation_changelist")).context["action_form"].fields["action"].choices

    assert [name for name, _label in actions] == ["", "submit_selected", "request_withdrawal_selected"]


def test_a_change_waits_for_the_chain_while_the_public_sees_the_approved_version(client, editor, first, final):
    trip = make_delegation(status=Status.PUBLISHED, title="已发布的标题", summary="旧摘要")
    published_at = trip.published_at

    response = change_in_admin(client, editor, trip, title="改过的标题", summary="新摘要")

    trip.refresh_from_db()
    review = ReviewRequest.objects.get()
    assert response.status_code == 302
    assert (trip.title, trip.status, review.action, review.state) == ("已发布的标题", "published", "change", "pending")
    assert "已发布的标题" in public_page(client, trip).content.decode()

    client.force_login(first)
    screen = client.get(reverse("admin:visits_delegation_review", args=[trip.pk]))
    assert [(str(label), old, new) for label, old, new in screen.context["diff"]] == [
        ("标题", "已发布的标题", "改过的标题"), ("摘要", "旧摘要", "新摘要"),
    ]
    decide(client, first, trip)
    assert trip.title == "已发布的标题"

    decide(client, final, trip)

    assert (trip.title, trip.summary, trip.status) == ("改过的标题", "新摘要", "published")
    assert trip.published_at == published_at
    assert "改过的标题" in public_page(client, trip).content.decode()
    assert [h.title for h in trip.history.order_by("history_date")][-2:] == ["已发布的标题", "改过的标题"]


def test_a_rejected_change_leaves_the_published_record_as_it_was(client, editor, first):
    trip = make_delegation(status=Status.PUBLISHED, title="已发布的标题")
    change_in_admin(client, editor, trip, title="有误的标题")

    decide(client, first, trip, "reject", opinion="标题与原文不符。")

    assert (trip.title, trip.status, ReviewRequest.objects.get().state) == ("已发布的标题", "published", "rejected")


def test_a_change_of_inline_rows_waits_too(client, editor, first, final):
    trip = make_delegation(status=Status.PUBLISHED)
    participant = make_participant(trip, name_as_printed="张三", title_as_printed="旗长")
    form = {
        "participants-TOTAL_FORMS": "1", "participants-INITIAL_FORMS": "1",
        "participants-0-id": participant.pk, "participants-0-delegation": trip.pk,
        "participants-0-order": participant.order, "participants-0-side": participant.side,
        "participants-0-role": participant.role, "participants-0-name_as_printed": "张三",
        "participants-0-title_as_printed": "副旗长", "participants-0-person": "",
    }

    change_in_admin(client, editor, trip, **form)
    participant.refresh_from_db()
    assert participant.title_as_printed == "旗长"

    decide(client, first, trip)
    decide(client, final, trip)
    participant.refresh_from_db()
    assert participant.title_as_printed == "副旗长"


def test_saving_a_published_record_unchanged_opens_no_review(client, editor):
    trip = make_delegation(status=Status.PUBLISHED)

    change_in_admin(client, editor, trip)

    assert ReviewRequest.objects.count() == 0


def test_a_second_change_replaces_the_pending_one(client, editor):
    trip = make_delegation(status=Status.PUBLISHED, title="原标题")

    change_in_admin(client, editor, trip, title="第一次修改")
    change_in_admin(client, editor, trip, title="第二次修改")

    assert [(r.state, r.revision["title"] if r.revision else None) for r in ReviewRequest.objects.order_by("pk")] == [
        ("superseded", ["第一次修改"]), ("pending", ["第二次修改"]),
    ]


def test_a_withdrawal_cannot_be_asked_while_a_change_is_pending(client, editor):
    trip = make_delegation(status=Status.PUBLISHED)
    change_in_admin(client, editor, trip, title="改过的标题")

    with pytest.raises(publishing.ReviewRefused, match="已有一项“修改已发布记录”申请在审核中"):
        publishing.submit(trip, editor, "withdraw")


def test_the_first_publication_time_is_set_by_the_system_and_not_editable(client, editor, publisher, first, final):
    trip = make_delegation(status=Status.DRAFT)
    client.force_login(publisher)
    form = client.get(reverse("admin:visits_delegation_change", args=[trip.pk])).context["adminform"].form
    assert "published_at" not in form.fields

    client.force_login(editor)
    client.post(reverse("admin:visits_delegation_change", args=[trip.pk]), delegation_form_data(
        trip, status="review", published_at_0="2020-01-01", published_at_1="08:00:00",
    ))
    trip.refresh_from_db()
    assert trip.published_at is None
    decide(client, first, trip)
    before = datetime.datetime.now(tz=datetime.UTC)
    decide(client, final, trip)
    first_time = trip.published_at
    assert first_time >= before - datetime.timedelta(seconds=1)

    # Withdrawn and published again: the first publication time stays.
    publishing.submit(trip, editor, "withdraw")
    publishing.approve(ReviewRequest.objects.pending().get(), first, "同意")
    publishing.approve(ReviewRequest.objects.pending().get(), final, "同意")
    trip.refresh_from_db()
    publishing.submit(trip, editor)
    publishing.approve(ReviewRequest.objects.pending().get(), first, "同意")
    publishing.approve(ReviewRequest.objects.pending().get(), final, "同意")
    trip.refresh_from_db()
    assert (trip.status, trip.published_at) == ("published", first_time)


def test_changing_a_published_records_date_needs_a_reason(client, editor):
    trip = make_delegation(status=Status.PUBLISHED, start_date=datetime.date(2024, 6, 1))

    response = change_in_admin(client, editor, trip, start_date="2024-06-20")

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["date_change_reason"] == ["已发布记录的显示日期有改动，请填写理由。"]
    assert ReviewRequest.objects.count() == 0


def test_a_date_change_is_logged_with_who_and_why_when_asked_and_when_applied(client, editor, first, final):
    trip = make_delegation(status=Status.PUBLISHED, start_date=datetime.date(2024, 6, 1))

    change_in_admin(client, editor, trip, start_date="2024-06-20", date_change_reason="原报道日期有误，按会议纪要更正")
    decide(client, first, trip)
    decide(client, final, trip)

    assert trip.start_date == datetime.date(2024, 6, 20)
    logged = AuditEntry.objects.filter(detail__contains="显示日期").order_by("id").values_list("username", "detail")
    change, reason = "开始日期 2024-06-01 → 2024-06-20", "理由：原报道日期有误，按会议纪要更正"
    assert list(logged) == [
        ("li", f"申请修改显示日期：{change}；{reason}"),
        ("zhong", f"显示日期修改生效：{change}；{reason}；修改人：li"),
    ]


def test_a_draft_date_change_needs_no_reason(client, editor):
    trip = make_delegation(status=Status.DRAFT, start_date=datetime.date(2024, 6, 1))
    client.force_login(editor)

    response = client.post(reverse("admin:visits_delegation_change", args=[trip.pk]),
                           delegation_form_data(trip, start_date="2024-06-20"))

    trip.refresh_from_db()
    assert (response.status_code, trip.start_date) == (302, datetime.date(2024, 6, 20))
