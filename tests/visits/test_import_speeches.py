"""The 会议发言 ledger: a speech per row, meetings gathered from their rows."""

import datetime

import pytest

from cooperation.models import Source
from tests.builders import make_delegation, make_meeting, make_person, make_speech, region
from tests.cooperation.ledger_builders import outcomes, problems, run, speech, speeches_csv
from visits.models import Meeting, Speech

pytestmark = pytest.mark.django_db


@pytest.fixture
def trips():
    source = Source.objects.create(title="报道", url="https://example.gov.cn/2.html")
    return {
        "code": make_delegation(code="T1", title="有编号的考察", origin=region("大兴区")),
        "link": make_delegation(title="有链接的考察", source=source, origin=region("大兴区")),
        "title": make_delegation(title="只有标题的考察", origin=region("大兴区")),
    }


def test_the_trip_is_found_by_code_else_link_else_title(trips):
    data = speeches_csv(
        speech(活动编号="T1", 会议="一会"),
        speech(活动编号="https://example.gov.cn/2.html", 会议="二会"),
        speech(活动编号="只有标题的考察", 会议="三会"),
        speech(活动编号="没有这次考察", 会议="四会"),
        speech(活动编号="", 会议="独立的会议", 会议日期="2024-05-01"),
    )

    report = run(data)

    assert problems(report) == [
        (5, "活动编号", "没有这次考察", "找不到这个编号、链接或标题的考察活动；请先导入考察活动")
    ]
    run(
        speeches_csv(
            *[
                speech(活动编号=r, 会议=m)
                for r, m in (("T1", "一会"), ("https://example.gov.cn/2.html", "二会"), ("只有标题的考察", "三会"))
            ],
            speech(会议="独立的会议", 会议日期="2024-05-01"),
        )
    )
    assert sorted((m.title, m.delegation.title if m.delegation else None) for m in Meeting.objects.all()) == [
        ("一会", "有编号的考察"),
        ("三会", "只有标题的考察"),
        ("二会", "有链接的考察"),
        ("独立的会议", None),
    ]


def test_a_meeting_gathers_its_speeches_in_order(trips):
    data = speeches_csv(
        speech(
            活动编号="T1",
            会议="察右前旗座谈会",
            会议类型="座谈会",
            会议日期="2024年6月",
            会议地点="察右前旗",
            顺序="1",
            发言人="冀宏",
            职务="乌兰察布市政协副主席、察右前旗委书记",
            发言类型="介绍情况",
            要点="介绍了情况。",
        ),
        speech(活动编号="T1", 会议="察右前旗座谈会", 发言人="", 职务="大兴区相关单位负责人", 发言类型="介绍情况"),
        speech(
            活动编号="T1",
            会议="察右前旗座谈会",
            发言人="王有国（区委书记）",
            职务="",
            发言类型="强调",
            要点="要坚决贯彻落实。\n\n推动产业协作。",
        ),
        speech(
            活动编号="T1",
            会议="签约仪式",
            会议类型="签约仪式",
            顺序="1",
            发言人="乔允利",
            职务="市委副书记",
            发言类型="讲话",
        ),
    )

    report = run(data)

    assert outcomes(report) == [(2, "new"), (3, "new"), (4, "new"), (5, "new")]
    first, second = Meeting.objects.order_by("order")
    assert (first.title, first.kind, first.date, first.date_precision, first.place, first.region, first.order) == (
        "察右前旗座谈会",
        "symposium",
        datetime.date(2024, 6, 1),
        "month",
        "察右前旗",
        region("察右前旗"),
        1,
    )
    assert (second.title, second.kind, second.order) == ("签约仪式", "signing", 2)
    assert [
        (s.order, s.name_as_printed, s.title_as_printed, s.kind, s.person_id is None) for s in first.speeches.all()
    ] == [
        (1, "冀宏", "乌兰察布市政协副主席、察右前旗委书记", "briefing", False),
        (2, "", "大兴区相关单位负责人", "briefing", True),
        (3, "王有国", "区委书记", "emphasis", False),
    ]
    assert first.speeches.get(order=3).points == "要坚决贯彻落实。\n\n推动产业协作。"
    assert first.status == "draft"


def test_rows_of_one_meeting_must_agree_and_an_order_may_not_repeat(trips):
    data = speeches_csv(
        speech(活动编号="T1", 会议="座谈会", 会议类型="座谈会", 顺序="1"),
        speech(活动编号="T1", 会议="座谈会", 会议类型="联席会", 顺序="2"),
        speech(活动编号="T1", 会议="座谈会", 顺序="1", 发言人="乙"),
    )

    report = run(data)

    assert problems(report) == [
        (2, "顺序", "1", "与第 4 行是同一会议的同一顺序（1）；每位发言人的顺序不能重复"),
        (3, "会议类型", "联席会", "同一会议在第 2 行写的会议类型不同"),
        (4, "顺序", "1", "与第 2 行是同一会议的同一顺序（1）；每位发言人的顺序不能重复"),
    ]


def test_a_speaker_needs_a_name_or_a_title_and_a_known_kind(trips):
    report = run(
        speeches_csv(speech(活动编号="T1", 发言人="", 职务=""), speech(活动编号="T1", 顺序="2", 发言类型="唱歌"))
    )

    assert problems(report) == [
        (2, "发言人", "", "发言人和职务至少要写一项"),
        (3, "发言类型", "唱歌", "须是 讲话、介绍情况、表示、强调、主持、其他 之一"),
    ]


def test_a_corrected_speech_updates_in_place_and_missing_ones_stay(trips):
    person = make_person("王有国")
    meeting = make_meeting(trips["code"], title="座谈会")
    first = make_speech(meeting, person, title_as_printed="区委书记", kind="speech", order=1, points="旧")
    second = make_speech(meeting, None, name_as_printed="乙", title_as_printed="旗长", order=2)

    report = run(
        speeches_csv(speech(活动编号="T1", 会议="座谈会", 会议类型="座谈会", 顺序="1", 发言类型="讲话", 要点="新"))
    )

    assert outcomes(report) == [(2, "updated")]
    assert report.results[0].outcomes[0].changes == ["要点"]
    first.refresh_from_db()
    assert (first.points, first.person) == ("新", person)
    assert Speech.objects.filter(pk=second.pk).exists()
