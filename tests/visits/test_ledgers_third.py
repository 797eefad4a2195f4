"""A third set of ledgers, typed the way another office keeps them, from reports neither earlier
set uses (tests/data/ledgers_third, sources in its README). What the database must hold
afterwards was written here by hand from the reports before the files were first imported.

The office's workbook (built below) has its sheets in its own order (会议发言, 考察活动, 项目), a
title row naming the year over each sheet, a 序号 column, dates as 2025.4.9, 11月23日 (the year
in the title row) and ２月１３日 in full-width digits, names written 尹  力 and 刘东伟同志, a
speaker's title split into 单位 and 职务, a region written with its prefecture (通辽市库伦旗) and a
stop list numbered 1.… 2.… on one line. Two more files hold what the documented format cannot
carry, and are refused whole, each reason naming its sheet, row and column: a Beijing office's
对口支援 trips to 青海 and 新疆, and yearly figures for two pairings at once or for no year.
"""

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cooperation.ledgers import cells
from cooperation.ledgers.service import import_file
from cooperation.models import Person, ProgramFigure
from projects.models import Project
from tests.builders import make_publisher
from tests.visits.test_ledgers_as_meant import workbook
from tests.visits.test_ledgers_unseen import database_facts as trip_facts
from tests.visits.test_ledgers_unseen import score, through_admin, through_command
from visits.models import Delegation, Speech

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent.parent / "data" / "ledgers_third"
V, H = "visiting", "host"

# Who took part, on which side, with the title printed beside them (as the report prints it).
PEOPLE = {
    "NMG-2023-1123": [
        (V, "孙绍骋", "自治区党委书记、人大常委会党组书记"),
        (V, "王莉霞", "自治区党委副书记、自治区主席"),
        (V, "杨伟东", "自治区党委副书记"),
        (H, "尹力", "北京市委书记"),
        (H, "殷勇", "市委副书记、代市长"),
    ],
    "ZX-2023-0213": [
        (V, "张延昆", "内蒙古自治区政协党组书记、主席"),
    ],
    "ELC-2025-0409": [
        (V, "晋洪生", "鄂伦春自治旗委书记"),
        (H, "刘东伟", "西城区委书记"),
    ],
    # 乌审旗's leaders ("我旗领导") as the report lists them, without titles: the host side.
    "AES-2012-0828": [
        (H, "伊达木", ""),
        (H, "宝音满都呼", ""),
        (H, "王力平", ""),
        (H, "陈旭辉", ""),
        (H, "曹银山", ""),
        (H, "肖翠艳", ""),
    ],
}
# (place, the county-level region it lies in): 乌审旗's stops, each in 乌审旗.
STOPS = {
    "NMG-2023-1123": [],
    "ZX-2023-0213": [],
    "ELC-2025-0409": [],
    "AES-2012-0828": [
        ("图克工业项目区", "乌审旗"),
        ("乌兰陶勒盖镇皇香牌生猪养殖基地", "乌审旗"),
        ("旗行政服务中心", "乌审旗"),
        ("人居环境示范住宅区1#地怡林苑", "乌审旗"),
        ("旗教育园区", "乌审旗"),
        ("人民医院", "乌审旗"),
        ("南丁佳苑", "乌审旗"),
        ("文化活动中心", "乌审旗"),
    ],
}
# No ledger of the set names a pairing any trip's ends make: 西城区—鄂伦春自治旗 is one in the
# report, but neither 项目 nor 年度数据 names it; the others are province to province or 兴安盟's
# 阿尔山市 to 鄂尔多斯's 乌审旗.
PAIRINGS = {code: [] for code in PEOPLE}
PLACES = {
    "NMG-2023-1123": ("内蒙古自治区", ["北京市"]),
    "ZX-2023-0213": ("内蒙古自治区", ["北京市"]),
    "ELC-2025-0409": ("鄂伦春自治旗", ["西城区"]),  # written 鄂伦春旗
    "AES-2012-0828": ("阿尔山市", ["乌审旗"]),
}
# (date, precision): the year of 11月23日 and ２月１３日 is the title row's.
DATES = {
    "NMG-2023-1123": ("2023-11-23", "day"),
    "ZX-2023-0213": ("2023-02-13", "day"),
    "ELC-2025-0409": ("2025-04-09", "day"),
    "AES-2012-0828": ("2012-08-28", "day"),
}
SOURCES = {
    "NMG-2023-1123": ("内蒙古自治区党政代表团来京考察", "北京人大"),
    "ZX-2023-0213": ("内蒙古自治区政协主席张延昆带队赴京召开“京蒙协作 政协助力”座谈会", "内蒙古日报"),
    "ELC-2025-0409": ("鄂伦春自治旗党政代表团来访西城区对接东西部协作工作", "首都之窗"),
    "AES-2012-0828": ("阿尔山市党政考察团一行来乌审旗考察", "乌审旗人民政府"),
}
# The projects sheet: a pairing where both sides are named, none (with a warning) where only the
# receiving side is and it has no pairing; 所在地 as written with its prefecture.
PROJECT_PAIRINGS = {
    "密云二中库伦旗分校": ("密云区", "库伦旗"),
    "北京二中阿尔山分校": None,
    "扎赉特旗音德尔第三中学“组团式”教育帮扶": None,
}
PROJECT_PLACES = {
    "密云二中库伦旗分校": "库伦旗",
    "北京二中阿尔山分校": "阿尔山市",
    "扎赉特旗音德尔第三中学“组团式”教育帮扶": "扎赉特旗",
}
# (trip, meeting, order, speaker, title as printed): 单位 and 职务 read as one title; each
# speaker is the trip's participant of that name.
SPEECHES = [
    ("ELC-2025-0409", "西城区与鄂伦春自治旗东西部协作工作座谈会", 1, "晋洪生", "鄂伦春自治旗委书记"),
    ("ELC-2025-0409", "西城区与鄂伦春自治旗东西部协作工作座谈会", 2, "刘东伟", "西城区委书记"),
    ("NMG-2023-1123", "京蒙两地党政领导座谈会", 1, "孙绍骋", "内蒙古自治区党委书记"),
    ("NMG-2023-1123", "京蒙两地党政领导座谈会", 2, "尹力", "北京市委书记"),
]

TITLE = "2023年京蒙协作来访接待台账"
TRIP_HEADER = [
    "序号", "编号", "标题", "类型", "开始日期", "出发地", "目的地", "带队领导", "代表团成员", "出席人员", "考察点",
    "来源", "链接", "发布日期",
]
SPEECH_HEADER = [
    "序号", "活动编号", "会议", "会议类型", "会议日期", "会议地点", "顺序", "发言人", "单位", "职务", "发言类型",
    "要点",
]
PROJECT_HEADER = [
    "序号", "编号", "项目名称", "支援方", "受援方", "所在地", "实施主体", "协作领域", "年度", "简介", "链接",
]


def office_workbook():
    """The receiving office's workbook, its sheets in its own order."""
    speeches = [
        [TITLE],
        SPEECH_HEADER,
        [1, "ELC-2025-0409", "西城区与鄂伦春自治旗东西部协作工作座谈会", "座谈会", "2025.4.9", "西城区", "１",
         "晋 洪生", "鄂伦春自治旗委", "书记", "讲话", "感谢西城区长期以来对鄂伦春自治旗的帮助与支持"],
        [2, "ELC-2025-0409", "西城区与鄂伦春自治旗东西部协作工作座谈会", "座谈会", "2025.4.9", "西城区", "２",
         "刘东伟同志", "西城区委", "书记", "讲话", "希望两地继续深化交流合作"],
        [3, "NMG-2023-1123", "京蒙两地党政领导座谈会", "座谈会", "11月23日", "北京市", 1,
         "孙绍骋", "内蒙古自治区党委", "书记", "讲话", "希望把内蒙古更多的绿电送到北京"],
        [4, "NMG-2023-1123", "京蒙两地党政领导座谈会", "座谈会", "11月23日", "北京市", 2,
         "尹  力", "北京市委", "书记", "讲话", "推动京蒙协作继续走在全国前列"],
    ]
    trips = [
        [TITLE],
        TRIP_HEADER,
        [1, "NMG-2023-1123", "内蒙古自治区党政代表团来京考察", "来访", "11月23日", "内蒙古自治区", "北京市",
         "孙绍骋（自治区党委书记、人大常委会党组书记）",
         "王莉霞（自治区党委副书记、自治区主席）、杨伟东（自治区党委副书记）",
         "尹  力（北京市委书记）\n殷  勇（市委副书记、代市长）", "",
         "北京人大", "https://freewechat.com/a/MzU2ODU2NDQ0NQ==/2247537399/3", "2023.12.23"],
        [2, "ZX-2023-0213", "内蒙古自治区政协主席张延昆带队赴京召开“京蒙协作 政协助力”座谈会", "会议", "２月１３日",
         "内蒙古自治区", "北京市", "张延昆同志（内蒙古自治区政协党组书记、主席）", "", "", "",
         "内蒙古日报", "https://szb.northnews.cn/nmgrb/html/2024-01/18/content_45546_225225.htm", "2024.1.18"],
        [3, "ELC-2025-0409", "鄂伦春自治旗党政代表团来访西城区对接东西部协作工作", "来访", "2025.4.9", "鄂伦春旗",
         "西城区", "晋 洪生（鄂伦春自治旗委书记）", "", "刘东伟同志（西城区委书记）", "",
         "首都之窗",
         "https://www.beijing.gov.cn/gate/big5/www.beijing.gov.cn/ywdt/gqrd/202504/t20250410_4062083.html",
         "2025.4.10"],
        [4, "AES-2012-0828", "阿尔山市党政考察团一行来乌审旗考察", "考察", "2012.8.28", "阿尔山市", "乌审旗", "", "",
         "伊达木、宝音满都呼、王力平、陈旭辉、曹银山、肖翠艳",
         "1.图克工业项目区 2.乌兰陶勒盖镇皇香牌生猪养殖基地 3.旗行政服务中心 4.人居环境示范住宅区1#地怡林苑 "
         "5.旗教育园区 6.人民医院 7.南丁佳苑 8.文化活动中心",
         "乌审旗人民政府", "http://wmws.gov.cn/contents/53/3011.html", "2012.8.29"],
    ]
    projects = [
        [TITLE],
        PROJECT_HEADER,
        [1, "", "密云二中库伦旗分校", "密云区", "库伦旗", "通辽市库伦旗", "", "教育", "2023", "京蒙协作对口示范学校",
         "http://www.nmg.xinhuanet.com/20230828/474bdeacc672458a952ed6fea25d41a7/c.html"],
        [2, "", "北京二中阿尔山分校", "", "阿尔山市", "兴安盟阿尔山市", "", "教育", "2023", "京蒙协作对口示范学校",
         "http://www.nmg.xinhuanet.com/20230828/474bdeacc672458a952ed6fea25d41a7/c.html"],
        [3, "", "扎赉特旗音德尔第三中学“组团式”教育帮扶", "", "扎赉特旗", "兴安盟扎赉特旗", "北京市第十二中学", "教育",
         "２０２４", "北京市第十二中学“组团式”教育帮扶", "http://nm.people.com.cn/BIG5/n2/2024/0824/c192247-40954234.html"],
    ]
    return workbook(
        {"会议发言": speeches, "考察活动": trips, "项目": projects},
        merges=[("会议发言", "A1:L1"), ("考察活动", "A1:N1"), ("项目", "A1:K1")],
    )


def database_facts():
    return trip_facts(("people and sides", "stops and places", "pairings", "sources", "places", "dates"))


def expected_facts():
    return {
        "people and sides": [(code, *person) for code, people in PEOPLE.items() for person in people],
        "stops and places": [(code, *stop) for code, stops in STOPS.items() for stop in stops],
        "pairings": [(code, *pair) for code, pairs in PAIRINGS.items() for pair in pairs],
        "sources": [(code, *source) for code, source in SOURCES.items()],
        "places": [(code, origin, tuple(sorted(ends))) for code, (origin, ends) in PLACES.items()],
        "dates": [(code, *date) for code, date in DATES.items()],
    }


@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_another_offices_workbook_imports_as_its_reports_say(door, tmp_path, capsys, client, django_user_model):
    user = make_publisher(django_user_model, "office")

    previews = door([("2023年京蒙协作来访接待台账.xlsx", office_workbook())], tmp_path, capsys, client, user)

    actual, expected = database_facts(), expected_facts()
    scores = {kind: score(expected[kind], actual[kind]) for kind in expected}
    assert sorted(Delegation.objects.values_list("code", flat=True)) == sorted(PEOPLE)
    assert scores == {kind: (len(set(facts)),) * 3 for kind, facts in expected.items()}, {
        kind: (sorted(set(expected[kind]) - set(actual[kind]), key=str),
               sorted(set(actual[kind]) - set(expected[kind]), key=str))
        for kind in expected
    }
    names = {name for people in PEOPLE.values() for _side, name, _title in people}
    assert sorted(Person.objects.values_list("name", flat=True)) == sorted(names)
    projects = {
        p.name: (p.pairing.support_region.name, p.pairing.recipient_region.name) if p.pairing else None
        for p in Project.objects.select_related("pairing__support_region", "pairing__recipient_region")
    }
    assert projects == PROJECT_PAIRINGS
    assert {p.name: p.region.name for p in Project.objects.select_related("region")} == PROJECT_PLACES
    speeches = [
        (s.meeting.delegation.code, s.meeting.title, s.order, s.name_as_printed, s.title_as_printed)
        for s in Speech.objects.select_related("meeting__delegation")
    ]
    assert sorted(speeches) == sorted(SPEECHES)
    for speech in Speech.objects.select_related("meeting__delegation"):
        participant = speech.meeting.delegation.participants.get(name_as_printed=speech.name_as_printed)
        assert speech.person_id == participant.person_id, speech
    preview = previews[0]
    # What was read with a warning is named, sheet and column: the title row's year, the joined title.
    assert "标题行" in preview and "2023" in preview
    assert "单位" in preview


def test_another_offices_workbook_imported_twice_changes_nothing(tmp_path, capsys, client, django_user_model):
    user = make_publisher(django_user_model, "office")
    through_command([("台账.xlsx", office_workbook())], tmp_path, capsys, client, user)

    again = import_file(office_workbook(), "台账.xlsx", dry_run=True)

    assert [(result.ledger, result.counts) for result in again.results] == [
        (ledger, {"new": 0, "updated": 0, "unchanged": count, "error": 0})
        for ledger, count in (("项目", 3), ("考察活动", 4), ("会议发言", 4))
    ]


def refusals(name):
    report = import_file((CORPUS / name).read_bytes(), name, dry_run=False)
    assert report.has_errors
    return {(p.row, p.column, p.value) for result in report.results for p in result.problems}


def test_trips_outside_the_pairings_regions_are_refused_naming_row_and_column():
    """A Beijing office's 对口支援 ledger (玉树, 和田): places the reference does not know are
    refused, never created or dropped; nothing of the file is written."""
    problems = refusals("对口支援台账.csv")

    assert {(row, column, value) for row, column, value in problems if column == "目的地"} == {
        (3, "目的地", "玉树市"), (4, "目的地", "和田地区"),
    }
    assert Delegation.objects.count() == 0
    assert Person.objects.count() == 0


def test_the_admin_shows_each_refusal_with_its_row_and_column(client, django_user_model):
    client.force_login(make_publisher(django_user_model, "office"))
    data = (CORPUS / "对口支援台账.csv").read_bytes()

    response = client.post(
        reverse("admin:ledgers_importbatch_add"), {"file": SimpleUploadedFile("对口支援台账.csv", data)}
    )

    assert response.status_code == 200
    assert response.context["confirm"] is None
    shown = {(p.row, p.column, p.value_text) for p in response.context["problems"]}
    assert shown == {(3, "目的地", "玉树市"), (4, "目的地", "和田地区")}
    page = response.content.decode()
    assert "玉树市" in page and "和田地区" in page
    assert Delegation.objects.count() == 0


OUTSIDE = (
    "不是京蒙协作的地区：只能写北京市、内蒙古自治区及其盟市、旗县区（如 大兴区、察右前旗）和它们的乡镇"
    "（如 察右前旗巴音塔拉镇）。京蒙协作以外的去处（如援青、援疆）本站不记录：请删去它；"
    "整行都是京蒙协作以外的工作，就删去这一行"
)


def preview(door, name, data, tmp_path, capsys, client, user):
    """The preview of a refused file: the command's output, or the admin's page."""
    if door == "command":
        from django.core.management import call_command
        from django.core.management.base import CommandError

        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(CommandError):
            call_command("import_ledger", str(path), "--dry-run", "--user", user.username)
        return capsys.readouterr().out
    client.force_login(user)
    response = client.post(reverse("admin:ledgers_importbatch_add"), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 200 and response.context["confirm"] is None
    return response.content.decode()


@pytest.mark.parametrize("door", ["command", "admin"])
def test_a_place_outside_the_program_is_named_as_such_with_what_to_do(
    door, tmp_path, capsys, client, django_user_model
):
    """玉树市 and 和田地区 are not unknown spellings but places the program does not reach: the
    preview says so, and that such a row or place is to be left out; a misspelt banner is asked
    about by the name it resembles."""
    user = make_publisher(django_user_model, "office")
    data = (CORPUS / "对口支援台账.csv").read_bytes()

    shown = preview(door, "对口支援台账.csv", data, tmp_path, capsys, client, user)

    assert f"“玉树市”{OUTSIDE}" in shown and f"“和田地区”{OUTSIDE}" in shown
    assert "未知的行政区划" not in shown
    typo = "编号,标题,目的地\r\nT1,大兴区到察右前期考察,察右前期\r\n".encode()
    shown = preview(door, "考察活动.csv", typo, tmp_path, capsys, client, user)
    assert "未知的行政区划“察右前期”；是不是“察右前旗”？请写旗县区的正式名称或简称，如 察右前旗、大兴区" in shown
    assert Delegation.objects.count() == 0


@pytest.mark.parametrize("door", ["command", "admin"])
def test_a_refused_figures_file_names_the_pairing_of_each_row(door, tmp_path, capsys, client, django_user_model):
    """Each refused row of 年度数据 says whose figures it holds — the two pairings a row mixes,
    the pairing whose year is no year — and a row naming one side lists the pairing taken for
    it among the guesses to check."""
    from tests.builders import make_pairing

    make_pairing("石景山区", "宁城县")
    user = make_publisher(django_user_model, "office")
    data = (CORPUS / "年度数据.csv").read_bytes().decode("utf-8-sig")
    data += "\r\n,宁城县,2024,1200,,,,,,,,https://8x2.com/a/7684.html,\r\n"

    shown = preview(door, "年度数据.csv", data.encode("utf-8-sig"), tmp_path, capsys, client, user)

    assert "这里有 2 个行政区划（大兴区—察右前旗、大兴区—正镶白旗）；请每个结对关系各写一行" in shown
    assert "北京市—赤峰市的数字：须是一个年份" in shown
    assert "推断的结对关系" in shown
    assert "石景山区—宁城县（只写了“宁城县”，取它唯一的结对关系）" in shown
    assert not ProgramFigure.objects.exists()


def test_figures_that_no_single_pairing_and_year_carry_are_refused():
    """大兴区's 2024 funds for 察右前旗 and 正镶白旗 together, and 赤峰市's figures since 1996: a
    figure belongs to one pairing and one year, so each row is refused in its column."""
    report = import_file((CORPUS / "年度数据.csv").read_bytes(), "年度数据.csv", dry_run=False)

    assert [(p.row, p.column, p.message) for p in report.problems] == [
        (
            3,
            "受援方",
            "一行只写一个结对关系的数字，这里有 2 个行政区划（大兴区—察右前旗、大兴区—正镶白旗）；"
            "请每个结对关系各写一行",
        ),
        (
            4,
            "年度",
            "北京市—赤峰市的数字：须是一个年份，如 2024：一行是一个结对关系一年的数字，"
            "累计或几年合计的数字不能按年导入",
        ),
    ]
    assert not ProgramFigure.objects.exists()


def test_all_three_sets_in_one_database_name_each_person_once(tmp_path, capsys, client, django_user_model):
    """The first two sets and then this one, as one office would over the years: the leaders all
    three name — 孙绍骋 and 王莉霞 of the region, Beijing's 尹力 and 殷勇 (代市长 here, 市长 in the
    second set) — are one person each, linked without a doubt."""
    from tests.visits.test_ledger_corpus import CORPUS as FIRST
    from tests.visits.test_ledger_corpus import PEOPLE as FIRST_PEOPLE
    from tests.visits.test_ledgers_unseen import LEDGERS as SECOND
    from tests.visits.test_ledgers_unseen import PEOPLE as SECOND_PEOPLE

    user = make_publisher(django_user_model, "office")
    first = [(name, (FIRST / name).read_bytes()) for name in ("项目.csv", "考察活动.csv", "会议发言.csv")]
    through_command(first, tmp_path, capsys, client, user)
    through_command([(name, load()) for name, load in SECOND], tmp_path, capsys, client, user)

    previews = through_command([("台账.xlsx", office_workbook())], tmp_path, capsys, client, user)

    everyone = (*FIRST_PEOPLE.values(), *SECOND_PEOPLE.values(), *PEOPLE.values())
    names = {name for people in everyone for _side, name, _title in people if name}
    assert sorted(Person.objects.values_list("name", flat=True)) == sorted(names)
    for name in ("孙绍骋", "王莉霞", "尹力", "殷勇"):
        codes = set(Person.objects.get(name=name).participations.values_list("delegation__code", flat=True))
        assert "NMG-2023-1123" in codes and len(codes) > 1, (name, codes)
    assert "可能是同一人" not in previews[0]


def test_another_offices_workbook_exports_as_the_documented_format_and_round_trips(
    tmp_path, capsys, client, django_user_model
):
    """What was read with a warning is exported in the documented format — full dates, one
    title under 职务, stops without their numbers — and that export imports unchanged and
    exports again byte for byte."""
    from cooperation.ledgers.service import export_ledgers

    user = make_publisher(django_user_model, "office")
    through_command([("台账.xlsx", office_workbook())], tmp_path, capsys, client, user)

    exported = {slug: export_ledgers([slug], file_format="csv") for slug in ("projects", "trips", "speeches")}
    again = [import_file(data, f"{slug}.csv", dry_run=False) for slug, data in exported.items()]

    assert [report.totals for report in again] == [
        {"new": 0, "updated": 0, "unchanged": count, "error": 0} for count in (3, 4, 4)
    ]
    assert {slug: export_ledgers([slug], file_format="csv") for slug in exported} == exported
    trips, speeches = exported["trips"].decode("utf-8-sig"), exported["speeches"].decode("utf-8-sig")
    assert "2023年11月23日" in trips and ",11月23日" not in trips
    rows = {row["编号"]: row for row in csv.DictReader(io.StringIO(trips))}
    stops = rows["AES-2012-0828"]["考察点"]
    assert not stops.startswith("1.") and cells.split_sites(stops) == [place for place, _c in STOPS["AES-2012-0828"]]
    assert "鄂伦春自治旗委书记" in speeches and "刘东伟同志" not in speeches
