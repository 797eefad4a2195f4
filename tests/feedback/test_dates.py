"""The reply-by date: working days after receipt (weekends, holidays and 调休 as published), office time."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from feedback.models import Message
from feedback.services import add_working_days, is_working_day, reply_by_for
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


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # 国庆节 2026: 1–7 October off, Saturday 10 October worked (调休).
        (datetime.date(2026, 9, 30), datetime.date(2026, 10, 10)),
        # 春节 2026: 15–23 February off, Saturday 14 February worked.
        (datetime.date(2026, 2, 13), datetime.date(2026, 2, 25)),
        # 劳动节 2026: 1–5 May off, Saturday 9 May worked.
        (datetime.date(2026, 4, 30), datetime.date(2026, 5, 8)),
    ],
)
def test_public_holidays_are_skipped_and_make_up_weekends_count(day, expected):
    assert add_working_days(day, 3) == expected


def test_a_year_without_a_published_schedule_still_skips_weekends_and_fixed_date_holidays():
    # No schedule will be published for 2099 for a long while: the fallback decides.
    assert not is_working_day(datetime.date(2099, 1, 1))  # Thursday, 元旦
    assert is_working_day(datetime.date(2099, 1, 2))  # Friday
    assert not is_working_day(datetime.date(2099, 1, 3))  # Saturday
    assert not is_working_day(datetime.date(2099, 5, 1))  # Friday, 劳动节
    assert not is_working_day(datetime.date(2099, 10, 1))  # Thursday, 国庆节
    # Tuesday 30 December → Wednesday 31, Friday 2 January, Monday 5 January.
    assert add_working_days(datetime.date(2098, 12, 30), 3) == datetime.date(2099, 1, 5)


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
