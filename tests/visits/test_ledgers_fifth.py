"""A fifth set of ledgers, kept by a supporting district's office (房山区) for its two banners
(突泉县, 察右中旗), from reports no earlier ledger set uses (tests/data/ledgers_fifth, sources in
its README). What the database must hold afterwards was written here by hand from the reports
before the files were first imported.

The office's trips are a workbook whose sheets come newest first after a sheet of notes
(填表说明, 2024年, 2019—2021年); the 2019—2021年 sheet has its header over two rows (人员, 行程 and
信息来源 over the columns they group, the others merged down both rows), a blank row, a totals
row and a note row under its trips; the 2024年 sheet has a title block of two rows and other
column names (日期, 活动名称, 带队, 成员, 陪同人员, 考察地点, 网址). People are written with the
title after the name (`李立奎 窦店镇党委副书记、镇长`), in brackets, or not at all, several to a
cell separated by /, ，, 、, ； or line breaks; groups are counted after their noun (支教教师7名).
Dates are 2019.6.27—30, 2020年9月15日—17日, an Excel serial number and 2024年11月1日. Its
projects are a GB18030 CSV with a title block, a blank row, a totals row (合计) and a note row.
The database already holds a 王海燕 of another banner.
"""

import datetime
from pathlib import Path

import pytest

from cooperation.ledgers.service import import_file
from cooperation.models import Person, Region
from projects.models import Project
from tests.builders import make_person, make_publisher
from tests.visits.test_ledgers_as_meant import workbook
from tests.visits.test_ledgers_fourth import database_facts, expected_facts, scores
from tests.visits.test_ledgers_unseen import through_admin, through_command
from visits.models import Delegation, Participant, SiteVisit

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent.parent / "data" / "ledgers_fifth"
V, H = "visiting", "host"

# The office keeps no 编号: its trips are known by their 事项 (the title).
DOUDIAN_2019 = "窦店镇赴突泉县太平乡、察右中旗铁沙盖镇开展对口帮扶调研"
NPC_2020 = "房山区人大常委会调研组赴突泉县调研京蒙扶贫协作工作"
TEACHERS_2021 = "房山区选派14名教师赴突泉县、察右中旗支教"
CHEST_2024 = "北京胸科医院专家赴察右中旗人民医院义诊"

# Who took part, on which side, with the title the ledger prints beside them ("" where it
# prints none). A role without a name (镇相关领导, a company's 负责人) and a counted group
# (支教教师7名) are participants without a name, as the sets before record them.
PEOPLE = {
    DOUDIAN_2019: [
        (V, "李立奎", "窦店镇党委副书记、镇长"),
        (V, "", "镇相关领导"),
        (V, "", "北京恒升牧业有限公司负责人"),
        (V, "", "北京三仁农业有限公司负责人"),
        (H, "杨宝田", "太平乡党委书记"),
        (H, "李飞", "铁沙盖镇党委书记"),
        (H, "田胜", "察右中旗人大主任"),
        (H, "王海燕", "副旗长"),
    ],
    NPC_2020: [
        (V, "孙强", "房山区人大常委会党组书记、主任"),
        (H, "耿天良", "县委副书记、县长"),
        (H, "秦蓉", ""),
        (H, "包胡格吉勒图", ""),
        (H, "宁海岩", ""),
        (H, "清河", ""),
        (H, "刘福芬", ""),
        (H, "王文革", ""),
        (H, "冯建忠", ""),
        (H, "李德良", ""),
    ],
    TEACHERS_2021: [
        (V, "", "赴突泉县支教教师7名"),
        (V, "", "赴察右中旗支教教师7名"),
    ],
    CHEST_2024: [
        (V, "黄少君", "北京胸科医院胸外科主任医师"),
        (V, "吕岩", "医学影像科主任医师"),
        (V, "张权", "肿瘤内科副主任医师"),
        (H, "曹世文", "察右中旗人民医院院长"),
    ],
}
# (place, the county-level region it lies in). A stop that names its township lies under the
# destination that holds it; 曙光现代农业循环经济园区 names none on a trip to two places, and
# 库伦苏木 is a 苏木 of that name, not 库伦旗 (no destination of the trip): neither is placed.
STOPS = {
    DOUDIAN_2019: [
        ("太平乡五三村庭院经济", "突泉县"),
        ("太平乡东风养猪场", "突泉县"),
        ("曙光现代农业循环经济园区", None),
        ("铁沙盖镇永富肉牛养殖场", "察哈尔右翼中旗"),
        ("铁沙盖镇卫生院", "察哈尔右翼中旗"),
        ("库伦苏木", None),
    ],
    NPC_2020: [],
    TEACHERS_2021: [],
    CHEST_2024: [("察右中旗人民医院", "察哈尔右翼中旗")],
}
# The projects file names 房山区—突泉县 and 房山区—察右中旗; a trip from 房山区 or its 窦店镇 to
# either banner or a township of it has that pairing. 北京市 is no party to a district's pairing.
TUQUAN, CHAYOUZHONG = ("房山区", "突泉县"), ("房山区", "察哈尔右翼中旗")
PAIRINGS = {
    DOUDIAN_2019: [TUQUAN, CHAYOUZHONG],
    NPC_2020: [TUQUAN],
    TEACHERS_2021: [TUQUAN, CHAYOUZHONG],
    CHEST_2024: [],
}
# (project, the stop that inspected it — "" for the trip itself): no stop names the funds.
PROJECTS = {
    DOUDIAN_2019: [("窦店镇对口帮扶太平乡资金", ""), ("窦店镇对口帮扶铁沙盖镇资金", "")],
    NPC_2020: [],
    TEACHERS_2021: [],
    CHEST_2024: [],
}
# Where each trip went from and to: a 镇 and a 乡 written with their district and county.
PLACES = {
    DOUDIAN_2019: ("窦店镇", ["太平乡", "铁沙盖镇"]),
    NPC_2020: ("房山区", ["突泉县"]),
    TEACHERS_2021: ("房山区", ["察哈尔右翼中旗", "突泉县"]),
    CHEST_2024: ("北京市", ["察哈尔右翼中旗"]),
}
NEW_PLACES = {"窦店镇": "房山区", "太平乡": "突泉县", "铁沙盖镇": "察哈尔右翼中旗"}
# (start, end, precision): 44442 is Excel's serial number of 2021-09-03.
DATES = {
    DOUDIAN_2019: ("2019-06-27", "2019-06-30", "day"),
    NPC_2020: ("2020-09-15", "2020-09-17", "day"),
    TEACHERS_2021: ("2021-09-03", None, "day"),
    CHEST_2024: ("2024-11-01", None, "day"),
}
# (title, publisher, date of publication): only the 2024年 sheet has a column for the date.
SOURCES = {
    DOUDIAN_2019: (DOUDIAN_2019, "中国经济新闻联播", None),
    NPC_2020: (NPC_2020, "突泉县人民政府", None),
    TEACHERS_2021: (TEACHERS_2021, "方方", None),
    CHEST_2024: (CHEST_2024, "北京胸科医院", "2024-11-05"),
}
# (pairing, where it lies, year, 京蒙协作资金): the two enterprises' rows name only 突泉县, whose
# one pairing is 房山区's; their year and amount are not known (the note says so). The totals
# row and the note row are no projects.
PROJECT_FACTS = {
    "窦店镇对口帮扶太平乡资金": (TUQUAN, "太平乡", 2019, 30),
    "窦店镇对口帮扶铁沙盖镇资金": (CHAYOUZHONG, "铁沙盖镇", 2019, 30),
    "北京韩建河山管业进驻突泉县": (TUQUAN, "突泉县", None, None),
    "北京航天恒丰科技进驻突泉县": (TUQUAN, "突泉县", None, None),
}
# A 王海燕 the database held before, of another banner (made up for this test): the 副旗长 who
# met 窦店镇's group in 察右中旗 is another person.
NAMESAKE = ("王海燕", "科尔沁右翼中旗副旗长")

NOTES = [
    ["填表说明"],
    ["1. 每次对接考察填一行，人员写“姓名 职务”，多人之间用顿号、斜杠或换行分隔。"],
    ["2. 日期写开始日期，跨天的写起止日期。"],
    ["3. 京蒙协作资金单位为万元。"],
]
TWO_ROW_HEADER = [
    ["序号", "时间", "事项", "人员", "", "", "行程", "", "", "关联项目", "信息来源", "", "备注"],
    ["", "", "", "带队领导", "随行人员", "接待人员", "出发地", "目的地", "考察点位", "", "来源", "链接", ""],
]
HEADER_2024 = [
    "序号", "日期", "活动名称", "出发地", "目的地", "带队", "成员", "陪同人员", "考察地点", "来源", "网址", "发布时间",
]


def office_workbook():
    """房山区's trips as its office keeps them: notes first, then the years newest first."""
    years_2019_2021 = [
        ["房山区京蒙协作对接考察台账（2019—2021年）"],
        *TWO_ROW_HEADER,
        [1, "2019.6.27—30", DOUDIAN_2019, "李立奎 窦店镇党委副书记、镇长",
         "镇相关领导、北京恒升牧业有限公司负责人、北京三仁农业有限公司负责人",
         "杨宝田 太平乡党委书记/李飞 铁沙盖镇党委书记/田胜 察右中旗人大主任/王海燕 副旗长",
         "房山区窦店镇", "突泉县太平乡、察右中旗铁沙盖镇",
         "1.太平乡五三村庭院经济\n2.太平乡东风养猪场\n3.曙光现代农业循环经济园区\n4.铁沙盖镇永富肉牛养殖场\n"
         "5.铁沙盖镇卫生院\n6.库伦苏木",
         "窦店镇对口帮扶太平乡资金；窦店镇对口帮扶铁沙盖镇资金",
         "中国经济新闻联播", "http://www.cctv-cmpany.net/nav8/49675.html", "给两地各送去帮扶资金30万元"],
        [2, "2020年9月15日—17日", NPC_2020, "孙强（房山区人大常委会党组书记、主任）", "",
         "耿天良（县委副书记、县长），秦蓉、包胡格吉勒图、宁海岩、清河、刘福芬、王文革、冯建忠、李德良",
         "房山区", "兴安盟突泉县", "", "", "突泉县人民政府", "http://xlx.tq.gov.cn/jzfp/info/233877.html",
         "召开房山区、突泉县京蒙扶贫协作座谈会议"],
        [3, 44442, TEACHERS_2021, "", "赴突泉县支教教师7名；赴察右中旗支教教师7名", "", "房山区", "突泉县、察右中旗",
         "", "", "方方", "http://www1.yajiaomupia.com/jwbls/1782.html", "长期教师3名、短期教师4名（每地）"],
        [],
        ["合计", "", "共3批次"],
        ["注：2019—2021年为扶贫协作期，2021年起为东西部协作。"],
    ]
    year_2024 = [
        ["2024年京蒙协作对接考察台账"],
        ["填报单位：房山区支援合作办公室", "", "", "", "", "", "", "", "", "", "填报时间：2024年12月"],
        HEADER_2024,
        [1, "2024年11月1日", CHEST_2024, "北京市", "察右中旗", "黄少君 北京胸科医院胸外科主任医师",
         "吕岩 医学影像科主任医师；张权 肿瘤内科副主任医师", "曹世文（察右中旗人民医院院长）",
         "察右中旗人民医院：“关爱肺部健康，移动CT一扫双筛”义诊", "北京胸科医院",
         "https://www.bjxkyy.cn/Html/News/Articles/15825.html", datetime.datetime(2024, 11, 5)],
    ]
    return workbook(
        {"填表说明": NOTES, "2024年": year_2024, "2019—2021年": years_2019_2021},
        merges=[
            ("2019—2021年", "A1:M1"),
            *(("2019—2021年", f"{column}2:{column}3") for column in "ABCJM"),
            ("2019—2021年", "D2:F2"), ("2019—2021年", "G2:I2"), ("2019—2021年", "K2:L2"),
            ("2019—2021年", "A9:M9"),
            ("2024年", "A1:L1"),
        ],
    )


def ledgers():
    """The office's files in the order it would import them: projects, then the trips."""
    return [
        ("房山区京蒙协作帮扶项目汇总表.csv", (CORPUS / "房山区京蒙协作帮扶项目汇总表.csv").read_bytes()),
        ("房山区京蒙协作对接考察台账.xlsx", office_workbook()),
    ]


def project_facts():
    return {
        p.name: ((p.pairing.support_region.name, p.pairing.recipient_region.name) if p.pairing else None,
                 p.region.name if p.region else None, p.start_year,
                 int(p.aid_funds) if p.aid_funds is not None else None)
        for p in Project.objects.select_related("pairing__support_region", "pairing__recipient_region", "region")
    }


def fifth_set_scores():
    """`scores` of every kind of fact, the projects' own facts as one kind more."""
    expected = expected_facts(PEOPLE, STOPS, PAIRINGS, PROJECTS, PLACES, DATES, SOURCES)
    expected["projects"] = sorted(PROJECT_FACTS.items(), key=str)
    actual = database_facts()
    actual["projects"] = sorted(project_facts().items(), key=str)
    return scores(expected, actual)


@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_a_districts_own_ledgers_import_as_its_reports_say(door, tmp_path, capsys, client, django_user_model):
    make_person(*NAMESAKE)
    user = make_publisher(django_user_model, "office")

    previews = door(ledgers(), tmp_path, capsys, client, user)

    found, differences = fifth_set_scores()
    assert sorted(Delegation.objects.values_list("title", flat=True)) == sorted(PEOPLE)
    assert all(matched == expected == got for matched, expected, got in found.values()), (found, differences)
    assert Participant.objects.count() == sum(map(len, PEOPLE.values()))
    assert SiteVisit.objects.count() == sum(map(len, STOPS.values()))
    names = {name for people in PEOPLE.values() for _side, name, _title in people if name}
    assert sorted(Person.objects.values_list("name", flat=True)) == sorted([*names, NAMESAKE[0]])
    assert Person.objects.get(name="王海燕", disambiguation="").appointments.get().title == NAMESAKE[1]
    assert "可能是同一人" in previews[1]
    # What was read otherwise than written is named in the preview.
    assert "表头占两行（第 2、3 行）" in previews[1] and "“人员”、“行程”、“信息来源” 是分组名" in previews[1]
    assert "第 9 行（“合计 60”）是合计行" in previews[0] and "第 8 行（“合计 共3批次”）是合计行" in previews[1]
    assert "第 10 行（“注：企业投资不计入京蒙协作资金；3、4两项年度不详。”）是说明" in previews[0]
    assert "按“姓名 职务”读作 李立奎（窦店镇党委副书记、镇长）" in previews[1]
    assert "合并单元格的内容已填入其下各行" not in previews[1]  # only the header's cells were merged down
    assert {name: Region.objects.get(name=name).parent.name for name in NEW_PLACES} == NEW_PLACES


def test_a_districts_own_ledgers_imported_twice_change_nothing(tmp_path, capsys, client, django_user_model):
    make_person(*NAMESAKE)
    user = make_publisher(django_user_model, "office")
    through_command(ledgers(), tmp_path, capsys, client, user)

    again = [import_file(data, name, dry_run=True) for name, data in ledgers()]

    assert [report.totals for report in again] == [
        {"new": 0, "updated": 0, "unchanged": count, "error": 0} for count in (4, 4)
    ]
