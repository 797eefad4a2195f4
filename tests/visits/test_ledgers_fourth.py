"""A fourth set of ledgers, kept by a receiving banner's office (扎赉特旗) in its own way, from
reports the ledger sets before did not use (tests/data/ledgers_fourth, sources in its README).
What the database must hold afterwards was written here by hand from the reports before the
files were first imported.

The office's trips are a workbook with a sheet per year (2020年, 2023年, 2024年, 2025年), its
own column names and order (日期 or 时间, 活动名称, 随行人员, 参加人员, 考察点位, 关联项目, 信息来源,
原文链接, 发布时间 …), a title row over some sheets and none over another, a value merged over
two rows, dates as Excel serial numbers, as real date cells and as text (9月11日至12日 in the
2020年 sheet, 2024.3.15-16, 2025年8月7日（那达慕开幕）), notes where people or a leader would
be (无, /, 150名师生, 另有…参加), stops listed with 、 on one line, and a stop listed twice. Its
projects are a GB18030 CSV with other column names (项目, 帮扶方, 受援旗县, 实施地点 …) and a note
where an amount would be (待核). The database already holds a 刘建 of another unit.
"""

import datetime
from pathlib import Path

import pytest

from cooperation.ledgers.service import import_file
from cooperation.models import Person, Region
from projects.models import Project
from tests.builders import make_person, make_publisher
from tests.visits.test_ledgers_as_meant import workbook
from tests.visits.test_ledgers_unseen import database_facts as trip_facts
from tests.visits.test_ledgers_unseen import score, through_admin, through_command
from visits.models import Delegation, Participant, SiteVisit

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent.parent / "data" / "ledgers_fourth"
V, H = "visiting", "host"

# The office keeps no 编号: its trips are known by their 活动名称.
FENGTAI_2020 = "丰台区党政代表团赴扎赉特旗对接扶贫协作工作"
YUNGANG_2023 = "丰台区云岗街道办事处主任洪鑫一行到阿拉达尔吐苏木调研"
LABOUR_2024 = "扎赉特旗人力资源和就业服务中心赴北京市丰台区开展劳务协作对接"
PUPILS_2025 = "扎赉特旗150师生去北京“上课”"
NAADAM_2025 = "从首都到草原 北京孩子跨越千里参加那达慕"

# Who took part, on which side, with the title the ledger prints beside them. 无 and / are
# nobody; a group (150名师生, 北京学生数十名, 另有…参加) or a role without a name is a participant
# without a name, as the project records （大兴区相关单位负责人） (tests/visits/test_ledger_corpus.py)
# and as the report corpus reads these very reports (104, 164) — first written here as nobody,
# revised after the first import (README).
PEOPLE = {
    FENGTAI_2020: [
        (V, "初军威", "丰台区委副书记、代区长"),
        (V, "苏扬", "丰台区领导"),
        (H, "孟文涛", "兴安盟委委员、副盟长"),
        (H, "姜天虎", "兴安盟政协副主席、扎赉特旗委书记"),
        (H, "赵田喜", "旗委副书记、旗长"),
        (H, "麒麟", "旗领导"),
        (H, "刘建", "旗领导"),
        (H, "刘海涛", "旗领导"),
        (H, "陈庆华", "旗领导"),
        (H, "于长江", "旗领导"),
    ],
    YUNGANG_2023: [
        (V, "洪鑫", "丰台区云岗街道办事处主任"),
        (V, "黄开宇", "北京京盛时代购物中心总经理"),
        (H, "赖智广", "苏木党委书记"),
        (H, "刘正树", "苏木党委副书记、苏木达"),
        (H, "", "苏木党政班子成员、部分嘎查书记、学校领导"),
    ],
    LABOUR_2024: [
        (V, "李洪福", "扎赉特旗晟泽人力资源有限公司总经理"),
        (H, "", "丰台区人力资源和社会保障局相关负责人"),
    ],
    PUPILS_2025: [
        (V, "", "150名师生"),
    ],
    NAADAM_2025: [
        (V, "武志", "带队老师"),
        (V, "", "北京学生数十名"),
    ],
}
# (place, the county-level region it lies in). 和义学校, listed twice, is one stop. The labour
# office's four stops lie in 丰台区, the trip's one destination, though two of them begin with
# 北京 (the province that holds it); the pupils' stops lie in 北京市, all the ledger says.
STOPS = {
    FENGTAI_2020: [
        ("扎赉特旗草原鸿德扶贫车间建设项目", "扎赉特旗"),
        ("森发牧业安格斯牛养殖项目", "扎赉特旗"),
        ("“我在扎赉特有一亩田”项目基地", "扎赉特旗"),
        ("魏佳米业合作社", "扎赉特旗"),
        ("国家现代农业产业园", "扎赉特旗"),
    ],
    YUNGANG_2023: [],
    LABOUR_2024: [
        ("北京市妙策士职业技能培训丰台学校有限责任公司", "丰台区"),
        ("益盛堂（北京）中医药文化传播有限公司", "丰台区"),
        ("北京市丰台区来宝汽车美容装饰职业技能培训学校", "丰台区"),
        ("北京来宝汽车装饰连锁有限公司", "丰台区"),
    ],
    PUPILS_2025: [
        ("北京市第十二中学科丰校区", "北京市"),
        ("和义学校", "北京市"),
    ],
    NAADAM_2025: [("巴达尔胡赛马场", "扎赉特旗")],
}
# The projects sheet names 丰台区—扎赉特旗; each trip between the two — from a 街道 to a 苏木,
# from the banner to the district — has it. 北京市 is no party to a district's pairing.
PAIRING = ("丰台区", "扎赉特旗")
PAIRINGS = {
    FENGTAI_2020: [PAIRING],
    YUNGANG_2023: [PAIRING],
    LABOUR_2024: [PAIRING],
    PUPILS_2025: [],
    NAADAM_2025: [],
}
# (project, the stop that inspected it)
PROJECTS = {
    FENGTAI_2020: [
        ("草原鸿德扶贫车间建设项目", "扎赉特旗草原鸿德扶贫车间建设项目"),
        ("森发牧业安格斯牛养殖项目", "森发牧业安格斯牛养殖项目"),
        ("“我在扎赉特有一亩田”项目基地", "“我在扎赉特有一亩田”项目基地"),
    ],
    YUNGANG_2023: [],
    LABOUR_2024: [],
    PUPILS_2025: [],
    NAADAM_2025: [],
}
# Where each trip went from and to: a 街道 and a 苏木 written with their district and banner.
PLACES = {
    FENGTAI_2020: ("丰台区", ["扎赉特旗"]),
    YUNGANG_2023: ("云岗街道", ["阿拉达尔吐苏木"]),
    LABOUR_2024: ("扎赉特旗", ["丰台区"]),
    PUPILS_2025: ("扎赉特旗", ["北京市"]),
    NAADAM_2025: ("北京市", ["扎赉特旗"]),
}
NEW_PLACES = {"云岗街道": "丰台区", "阿拉达尔吐苏木": "扎赉特旗"}
# (start, end, precision): 9月11日至12日 in the 2020年 sheet is of 2020; 45175 is Excel's serial
# number of 2023-09-06; 2024.3.15-16 is a range.
DATES = {
    FENGTAI_2020: ("2020-09-11", "2020-09-12", "day"),
    YUNGANG_2023: ("2023-09-06", None, "day"),
    LABOUR_2024: ("2024-03-15", "2024-03-16", "day"),
    PUPILS_2025: ("2025-03-20", None, "day"),
    NAADAM_2025: ("2025-08-07", None, "day"),
}
# (title, publisher, date of publication): 中新网 merged over both 2025 rows reaches the second.
SOURCES = {
    FENGTAI_2020: (FENGTAI_2020, "农民权益在线网", None),
    YUNGANG_2023: (YUNGANG_2023, "北京日报客户端", "2023-09-06"),
    LABOUR_2024: (LABOUR_2024, "", "2024-04-10"),
    PUPILS_2025: (PUPILS_2025, "中新网", "2025-03-22"),
    NAADAM_2025: (NAADAM_2025, "中新网", "2025-08-07"),
}
# Every project is of the banner's one pairing: two name it, two name only the banner.
PROJECT_FACTS = {
    "草原鸿德扶贫车间建设项目": (PAIRING, "扎赉特旗", None),
    "森发牧业安格斯牛养殖项目": (PAIRING, "扎赉特旗", None),  # 京蒙资金 待核: not known yet
    "“我在扎赉特有一亩田”项目基地": (PAIRING, "扎赉特旗", None),
    "扎赉特旗音德尔第三中学“组团式”教育帮扶": (PAIRING, "扎赉特旗", 2024),
}
# A 刘建 the database held before, of another banner (made up for this test): the 旗领导 of
# 扎赉特旗 is another person.
NAMESAKE = ("刘建", "科尔沁右翼前旗副旗长")

HEADER_2020 = [
    "序号", "时间", "活动名称", "出发地", "目的地", "带队领导", "随行人员", "参加人员", "考察点位", "关联项目",
    "信息来源", "原文链接", "备注",
]
HEADER = [
    "序号", "日期", "活动名称", "活动类型", "带队领导", "随行人员", "出发地", "目的地", "考察点位", "参加人员",
    "信息来源", "原文链接", "发布时间", "备注",
]


def office_workbook():
    """扎赉特旗's trips, a sheet per year, as its office keeps them."""
    year_2020 = [
        HEADER_2020,
        [1, "9月11日至12日", FENGTAI_2020, "北京市丰台区", "扎赉特旗", "初军威（丰台区委副书记、代区长）",
         "苏扬（丰台区领导）",
         "孟文涛（兴安盟委委员、副盟长）\n姜天虎（兴安盟政协副主席、扎赉特旗委书记）\n赵田喜（旗委副书记、旗长）\n"
         "麒麟（旗领导）\n刘建（旗领导）\n刘海涛（旗领导）\n陈庆华（旗领导）\n于长江（旗领导）",
         "扎赉特旗草原鸿德扶贫车间建设项目、森发牧业安格斯牛养殖项目、“我在扎赉特有一亩田”项目基地、魏佳米业合作社、"
         "国家现代农业产业园",
         "草原鸿德扶贫车间建设项目；森发牧业安格斯牛养殖项目；“我在扎赉特有一亩田”项目基地",
         "农民权益在线网", "http://qyzx.nmzix.org.cn/show-79518.html",
         "走访慰问贫困户，看望丰台区挂职干部和专业技术人员代表"],
    ]
    year_2023 = [
        ["2023年京蒙协作工作台账"],
        HEADER,
        [1, 45175, YUNGANG_2023, "调研", "洪鑫（丰台区云岗街道办事处主任）", "黄开宇（北京京盛时代购物中心总经理）",
         "丰台区云岗街道", "扎赉特旗阿拉达尔吐苏木", "",
         "赖智广（苏木党委书记）、刘正树（苏木党委副书记、苏木达）；另有苏木党政班子成员、部分嘎查书记、学校领导参加",
         "北京日报客户端",
         "https://peking.bjd.com.cn/channels/5b165687a010550e5ddc0e70/contentShare/5f705244e4b03c6143a7c6f3/"
         "AP64f88204e4b03b71707da76a.html",
         "2023-09-06", "云岗街道与阿拉达尔吐苏木2018年结对；张家坟村与沙日格台嘎查签署消费帮扶协议"],
    ]
    year_2024 = [
        ["2024年京蒙协作工作台账"],
        HEADER,
        [1, "2024.3.15-16", LABOUR_2024, "考察", "无", "李洪福（扎赉特旗晟泽人力资源有限公司总经理）", "扎赉特旗",
         "北京市丰台区",
         "北京市妙策士职业技能培训丰台学校有限责任公司\n益盛堂（北京）中医药文化传播有限公司\n"
         "北京市丰台区来宝汽车美容装饰职业技能培训学校\n北京来宝汽车装饰连锁有限公司",
         "（丰台区人力资源和社会保障局相关负责人）", "",
         "http://tyjgjz.com/cn/Instant/municipal/202404/t20240410_7606334.html", 45392,
         "3月16日赴河北省唐山市梦牌瓷业有限公司签署《劳务协作合作》协议书"],
    ]
    year_2025 = [
        ["2025年京蒙协作工作台账"],
        HEADER,
        [1, datetime.datetime(2025, 3, 20), PUPILS_2025, "来访", "/", "150名师生", "扎赉特旗", "北京市",
         "北京市第十二中学科丰校区：开展互动交流活动\n和义学校：开展互动交流活动\n"
         "和义学校：体验激光雕刻、陶艺创作、MR沉浸式穿越体验等课程",
         "", "中新网", "http://cn.office369.com/news/show-1848527.html", "2025-03-22", "首次组织师生赴京研学"],
        [2, "2025年8月7日（那达慕开幕）", NAADAM_2025, "其他", "武志（带队老师）", "北京学生数十名", "北京市",
         "扎赉特旗", "巴达尔胡赛马场：参加2025扎赉特旗农牧民那达慕开幕式", "", None,
         "http://blog.zzhuanghui.com/article/6303446.shtml", datetime.datetime(2025, 8, 7), ""],
    ]
    return workbook(
        {"2020年": year_2020, "2023年": year_2023, "2024年": year_2024, "2025年": year_2025},
        merges=[("2023年", "A1:N1"), ("2024年", "A1:N1"), ("2025年", "A1:N1"), ("2025年", "K3:K4")],
    )


def ledgers():
    """The office's files in the order it would import them: projects, then the trips."""
    return [
        ("京蒙协作项目.csv", (CORPUS / "京蒙协作项目.csv").read_bytes()),
        ("扎赉特旗京蒙协作台账.xlsx", office_workbook()),
    ]


def database_facts():
    """What the database holds of each trip, by kind of fact, each keyed by the trip's title (this
    office's ledger has no 编号): the second set's reading, with the end date and the source's
    publication date besides."""
    actual = trip_facts(
        ("people and sides", "stops and places", "pairings", "projects and where", "places"),
        key=lambda delegation: delegation.title,
    )
    actual["dates"], actual["sources"] = [], []
    for delegation in Delegation.objects.select_related("source"):
        key = delegation.title
        actual["dates"].append((
            key,
            delegation.start_date.isoformat() if delegation.start_date else None,
            delegation.end_date.isoformat() if delegation.end_date else None,
            delegation.date_precision,
        ))
        if delegation.source_id:
            source = delegation.source
            published = source.published_on.isoformat() if source.published_on else None
            actual["sources"].append((key, source.title, source.publisher, published))
    return actual


def expected_facts(people, stops, pairings, projects, places, dates, sources):
    """What the database must hold by kind of fact, from a set's hand-written tables (each keyed
    by the trip's title), in the form `database_facts` reads it."""
    return {
        "people and sides": [(key, *person) for key, listed in people.items() for person in listed],
        "stops and places": [(key, *stop) for key, listed in stops.items() for stop in listed],
        "pairings": [(key, *pair) for key, listed in pairings.items() for pair in listed],
        "projects and where": [(key, *link) for key, listed in projects.items() for link in listed],
        "places": [(key, origin, tuple(sorted(ends))) for key, (origin, ends) in places.items()],
        "dates": [(key, *when) for key, when in dates.items()],
        "sources": [(key, *source) for key, source in sources.items()],
    }


def assert_one_record_a_row(people, stops):
    """The database holds the trips, participants and stops a set's ledger writes, and no more:
    `people` by trip title, (side, name, title) each; `stops` by trip title."""
    assert sorted(Delegation.objects.values_list("title", flat=True)) == sorted(people)
    assert Participant.objects.count() == sum(map(len, people.values()))
    assert SiteVisit.objects.count() == sum(map(len, stops.values()))


def assert_one_person_a_name(people, namesake):
    """Each name of `people` (by trip title, (side, name, title) each) is one person, and the
    namesake held before (name, post) stays apart with its own post: never merged, never doubled."""
    names = {name for trip in people.values() for _side, name, _title in trip if name}
    assert sorted(Person.objects.values_list("name", flat=True)) == sorted([*names, namesake[0]])
    assert Person.objects.get(name=namesake[0], disambiguation="").appointments.get().title == namesake[1]


def scores(expected, actual):
    """(matched, expected, found) for each kind of fact in `expected`, and what differs where they differ."""
    found = {kind: score(expected[kind], actual[kind]) for kind in expected}
    differences = {
        kind: (sorted(set(expected[kind]) - set(actual[kind]), key=str),
               sorted(set(actual[kind]) - set(expected[kind]), key=str))
        for kind in expected
        if set(expected[kind]) != set(actual[kind])
    }
    return found, differences


def assert_holds_as_written(expected, people, stops, namesake, actual=None, short=None):
    """The database holds exactly what the ledger says: every kind of fact matched, each trip,
    participant and stop once (nothing twice that the sets of facts would fold into one), each
    person named once, and the namesake held before kept apart with their own post.

    `actual`: the facts read, when a set reads kinds of its own beside `database_facts()`;
    `short`: the kinds a set's test records as not all matched, with their measured scores."""
    found, differences = scores(expected, database_facts() if actual is None else actual)
    assert found == {**{kind: (len(set(expected[kind])),) * 3 for kind in expected}, **(short or {})}, differences
    assert_one_record_a_row(people, stops)
    assert_one_person_a_name(people, namesake)


@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_a_banners_own_ledgers_import_as_its_reports_say(door, tmp_path, capsys, client, django_user_model):
    make_person(*NAMESAKE)
    user = make_publisher(django_user_model, "office")

    previews = door(ledgers(), tmp_path, capsys, client, user)

    expected = expected_facts(PEOPLE, STOPS, PAIRINGS, PROJECTS, PLACES, DATES, SOURCES)
    # 和义学校 is listed twice: still one participant each time it is listed.
    assert_holds_as_written(expected, PEOPLE, STOPS, NAMESAKE)
    assert "可能是同一人" in previews[1]
    # What was read otherwise than written is named in the preview, each guess among the doubts.
    assert "列“项目”按“项目名称”" in previews[0] and "“活动名称”按“标题”" in previews[1]
    assert "丰台区—扎赉特旗（只写了“扎赉特旗”，取它唯一的结对关系）" in previews[0]
    assert "按 Excel 的日期序号读作 2023年9月6日" in previews[1]
    assert "没有写年份，按工作表名所写的 2020 年读作 2020年9月11日" in previews[1]
    assert "一格写了起止两天：读作 2020年9月11日 至 2020年9月12日" in previews[1]
    assert "“和义学校”写了两次，算作一个考察点" in previews[1]
    assert "不是数字，是说明：按空读入" in previews[0]
    projects = {
        p.name: ((p.pairing.support_region.name, p.pairing.recipient_region.name) if p.pairing else None,
                 p.region.name if p.region else None, p.start_year)
        for p in Project.objects.select_related("pairing__support_region", "pairing__recipient_region", "region")
    }
    assert projects == PROJECT_FACTS
    assert not Project.objects.exclude(aid_funds=None).exists()
    assert {name: Region.objects.get(name=name).parent.name for name in NEW_PLACES} == NEW_PLACES


def test_a_banners_own_ledgers_imported_twice_change_nothing(tmp_path, capsys, client, django_user_model):
    make_person(*NAMESAKE)
    user = make_publisher(django_user_model, "office")
    through_command(ledgers(), tmp_path, capsys, client, user)

    again = [import_file(data, name, dry_run=True) for name, data in ledgers()]

    assert [report.totals for report in again] == [
        {"new": 0, "updated": 0, "unchanged": count, "error": 0} for count in (4, 5)
    ]
