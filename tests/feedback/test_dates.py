"""The reply-by date: working days after receipt, weekends skipped, in the office's time zone."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from feedback.models import Message
from feedback.services import add_working_days, reply_by_for
from tests.builders import make_feedback_message

SHANGHAI = ZoneInfo("Asia/Shanghai")


def received(*args):
    return datetime.datetime(*args, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 11, 23), datetime.date(2026, 11, 26)),  # Monday → Thursday
        (datetime.date(2026, 11, 25), datetime.date(2026, 11, 30)),  # Wednesday → Monday
        (datetime.date(2026, 11, 27), datetime.date(2026, 12, 2)),  # Friday → Wednesday
        (datetime.date(2026, 11, 28), datetime.date(2026, 12, 2)),  # Saturday → Wednesday
        (datetime.date(2026, 11, 29), datetime.date(2026, 12, 2)),  # Sunday → Wednesday
    ],
)
def test_three_working_days_skip_the_weekend(day, expected):
    assert add_working_days(day, 3) == expected


def test_the_day_is_the_offices_day_not_utcs():
    # 01:00 on Friday in Beijing is still Thursday in UTC.
    friday_night = received(2026, 11, 27, 1, 0).astimezone(datetime.UTC)

    assert friday_night.date() == datetime.date(2026, 11, 26)
    assert reply_by_for(friday_night) == datetime.date(2026, 12, 2)


def test_the_number_of_working_days_is_a_setting(settings):
    settings.FEEDBACK_REPLY_WORKING_DAYS = 5

    assert reply_by_for(received(2026, 11, 27, 10, 0)) == datetime.date(2026, 12, 4)


@pytest.mark.django_db
def test_a_message_is_overdue_only_while_it_waits_for_its_reply():
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    late = make_feedback_message(subject="逾期", reply_by=yesterday)
    in_progress = make_feedback_message(subject="处理中逾期", reply_by=yesterday, status="in_progress")
    due_today = make_feedback_message(subject="今天到期", reply_by=today)
    answered = make_feedback_message(subject="已答复", reply_by=yesterday, status="answered", reply="已办理。")
    closed = make_feedback_message(subject="已关闭", reply_by=yesterday, status="closed")

    flags = [m.is_overdue for m in (late, in_progress, due_today, answered, closed)]

    assert flags == [True, True, False, False, False]
    assert sorted(Message.objects.overdue().values_list("subject", flat=True)) == ["处理中逾期", "逾期"]
