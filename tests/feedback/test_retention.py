"""Senders' names and contact details are kept only as long as the reply needs them."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEntry
from feedback.models import Message
from tests.builders import make_editor, make_feedback_message
from tests.public_site import parse

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def purge(*args):
    out = StringIO()
    call_command("purge_feedback_contacts", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def messages():
    return {
        "old answered": make_feedback_message(subject="旧已答复", status="answered", reply="已办理。",
                                              received_at=days_ago(200)),
        "old closed": make_feedback_message(subject="旧已关闭", status="closed", received_at=days_ago(181)),
        "old not public": make_feedback_message(subject="旧不公开", status="not_public", received_at=days_ago(365)),
        "old and still open": make_feedback_message(subject="旧待办", status="in_progress", received_at=days_ago(400)),
        "recent answered": make_feedback_message(subject="近已答复", status="answered", reply="已办理。",
                                                 received_at=days_ago(179)),
    }


def test_settled_messages_past_the_period_lose_name_and_contact_in_the_record_and_its_history(messages):
    output = purge()

    assert "已清除 3 条" in output
    held = {m.subject: (m.name, m.contact, m.contact_purged_at is not None) for m in Message.objects.all()}
    assert held == {
        "旧已答复": ("", "", True),
        "旧已关闭": ("", "", True),
        "旧不公开": ("", "", True),
        "旧待办": ("张三", "13800138000", False),  # still waiting for its reply
        "近已答复": ("张三", "13800138000", False),  # inside the period
    }
    still_in_history = {row.subject for row in Message.history.all() if row.name or row.contact}
    assert still_in_history == {"旧待办", "近已答复"}
    # What the office keeps on file stays: the text and the reply.
    answered = Message.objects.get(subject="旧已答复")
    assert (answered.text, answered.reply) == ("希望公布更多协作项目的进展。", "已办理。")


def test_the_purge_is_audited_and_a_second_run_clears_nothing(messages):
    purge()
    second = purge()

    entries = list(AuditEntry.objects.filter(event="personal_data_purge").values_list("username", "detail"))
    assert entries == [
        ("manage.py purge_feedback_contacts", "清除 3 条找错与留言的姓名和联系方式（收到超过 180 天且已办结）"),
    ]
    assert "已清除 0 条" in second


def test_a_dry_run_counts_and_changes_nothing(messages):
    output = purge("--dry-run")

    assert "将清除 3 条" in output
    assert not Message.objects.filter(name="").exists()
    assert not AuditEntry.objects.filter(event="personal_data_purge").exists()


def test_the_period_is_a_setting_and_an_option(messages, settings):
    settings.FEEDBACK_CONTACT_RETENTION_DAYS = 300
    assert "已清除 1 条" in purge()  # only the one received 365 days ago

    assert "已清除 2 条" in purge("--days", "180")  # then the two received 181 and 200 days ago
    with pytest.raises(CommandError, match="至少 1 天"):
        purge("--days", "0")


def test_staff_see_when_the_contact_details_were_cleared(client, django_user_model, messages):
    purge()
    client.force_login(make_editor(django_user_model))

    page = parse(client.get(reverse("admin:feedback_message_change", args=[messages["old answered"].pk])))

    assert page.find("div", cls="field-contact").find("div", cls="readonly").text in ("", "-")
    cleared = page.find("div", cls="field-contact_purged_at").find("div", cls="readonly").text
    assert cleared.startswith(timezone.localdate().strftime("%Y"))
