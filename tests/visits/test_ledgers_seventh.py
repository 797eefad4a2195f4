"""A seventh set of ledgers: a league-level city's register of its own trips to Beijing (来京), from
reports 125, 131 and 165 of the report reader's corpus, which no earlier ledger set uses
(tests/data/ledgers_seventh, sources in its README). What the database must hold afterwards was
written here by hand from the reports before the workbook was first imported.

乌兰察布市's office keeps one row per person of its own delegations, as it does for travel
records: 带队领导 and 随行人员 in columns of their own, each person's post in 职务 beside them,
序号 numbered 2-1, 2-2 … over a trip's rows, and the trip's own cells (时间, 对接事项, 派出单位,
目的地, 北京方对接人员, 考察点位, 信息来源, 链接, 备注) merged over them. The Beijing people who
received them are one cell (北京方对接人员). It writes its own bodies and posts without the city
(市委, 市科技局局长) and never writes 出发地: the trips are its own, the 派出单位 says who went. A
summary sheet (汇总) comes first and a hidden sheet holds the lists its drop-down cells offer
(数据源). Dates as 2005年12月, 2021.3.26 and 2024.7.29-8.4; a totals row under the trips.

The database holds, before the import, the pairing 怀柔区—四子王旗 and a 张莉 of 化德县 (made up
for the test): the 张莉 of 中国农科院's 畜牧所 is someone else.
"""

import pytest

from cooperation.ledgers.service import import_file
from tests.builders import make_pairing, make_person, make_publisher
from tests.visits.test_ledgers_as_meant import workbook
from tests.visits.test_ledgers_fourth import assert_holds_as_written, expected_facts
from tests.visits.test_ledgers_unseen import through_admin, through_command
from visits.models import Delegation

pytestmark = pytest.mark.django_db

FILE = "乌兰察布市京蒙协作赴京对接活动登记表.xlsx"
OWN_REGION = "乌兰察布市"
V, H = "visiting", "host"

# The office keeps no 编号: its trips are known by their 对接事项 (the title). 131's is the
# report's headline; the other two are the office's.
THANKS_2005 = "市委书记吴永新带队赴京答谢慰问对口帮扶区县并考察学习"
SCIENCE_2021 = "乌兰察布市科技局赴京开展京蒙合作对接活动"
STUDY_TOUR_2024 = "四子王旗师生赴京开展暑期励志研学活动"

URL_2005 = "http://news.sina.com.cn/c/2005-12-14/12007706803s.shtml"
URL_2021 = "http://www.asiabclist.com/slb/kjdt/mscx/202104/t20210401_1410583.html"
URL_2024 = "http://www.nmg.chinanews.com.cn/news/20240808/46393.html"

# Who took part, on which side, with the post the register prints beside them: its own people
# one a row (name in 带队领导 or 随行人员, post in 职务), the Beijing side in one cell. A group
# without names (相关科室负责人及专家, 百名师生) is a participant without a name, as the sets
# before record them; the office's posts are printed as it writes them (市委书记, not
# 乌兰察布市委书记).
PEOPLE = {
    THANKS_2005: [(V, "吴永新", "市委书记")],
    SCIENCE_2021: [
        (V, "王清", "市科技局局长"),
        (V, "尹玉和", "市农林研究所所长"),
        (V, "", "市科技局、市农林研究所相关科室负责人及专家"),
        (H, "方智远", "院士"),
        (H, "金黎平", "马铃薯首席专家"),
        (H, "张友军", ""),
        (H, "庄飞云", ""),
        (H, "杨久臣", "作科所"),
        (H, "吴斌", "作科所"),
        (H, "马少康", "作科所"),
        (H, "袁维峰", "畜牧所"),
        (H, "张莉", "畜牧所"),
    ],
    STUDY_TOUR_2024: [(V, "", "百名师生")],
}
# (place, the county-level region it lies in): every stop is in Beijing, which the register
# writes as 北京市 — the one destination of both trips that have stops.
STOPS = {
    THANKS_2005: [],
    SCIENCE_2021: [
        ("中国农科院蔬菜花卉研究所", "北京市"),
        ("作物科学研究所", "北京市"),
        ("畜牧兽医研究所", "北京市"),
    ],
    STUDY_TOUR_2024: [
        ("故宫博物院", "北京市"),
        ("圆明园", "北京市"),
        ("国子监", "北京市"),
        ("孔庙", "北京市"),
        ("清华大学", "北京市"),
        ("北京101中学", "北京市"),
        ("生存岛", "北京市"),
    ],
}
# A pairing is a district's and a banner's: neither the city (乌兰察布市) nor 北京市 is a party
# to one. 四子王旗's trip went to 北京市 (its host 怀柔区 is only in 备注): the pairing
# 怀柔区—四子王旗 the database holds is not the register's to claim.
PAIRINGS = {THANKS_2005: [], SCIENCE_2021: [], STUDY_TOUR_2024: []}
PROJECTS = {THANKS_2005: [], SCIENCE_2021: [], STUDY_TOUR_2024: []}
# Where each trip went from and to. 派出单位 says who went: a body written without its region
# (市委, 市科技局) is the office's own city; 四子王旗教育体育局 is 四子王旗's. 延庆县 is
# 延庆区's old name.
PLACES = {
    THANKS_2005: ("乌兰察布市", ["房山区", "门头沟区", "顺义区", "朝阳区", "海淀区", "延庆区"]),
    SCIENCE_2021: ("乌兰察布市", ["北京市"]),
    STUDY_TOUR_2024: ("四子王旗", ["北京市"]),
}
# (start, end, precision): the report of 2005 says only 前不久 (before 14 December).
DATES = {
    THANKS_2005: ("2005-12-01", None, "month"),
    SCIENCE_2021: ("2021-03-26", None, "day"),
    STUDY_TOUR_2024: ("2024-07-29", "2024-08-04", "day"),
}
# (title, publisher, date of publication): the register has no column for the date.
SOURCES = {
    THANKS_2005: (THANKS_2005, "北京日报", None),
    SCIENCE_2021: (SCIENCE_2021, "乌兰察布市科技局", None),
    STUDY_TOUR_2024: (STUDY_TOUR_2024, "中新网内蒙古新闻", None),
}
# A 张莉 the database held before, of another region: the 畜牧所's 张莉 is someone else.
NAMESAKE = ("张莉", "化德县副县长")
PAIRING_HELD = ("怀柔区", "四子王旗")

HEADER = [
    "序号", "时间", "对接事项", "派出单位", "目的地", "带队领导", "随行人员", "职务", "北京方对接人员", "考察点位",
    "信息来源", "链接", "备注",
]
HOSTS_2021 = (
    "方智远（院士）、金黎平（马铃薯首席专家）、张友军、庄飞云、杨久臣（作科所）、吴斌（作科所）、马少康（作科所）、"
    "袁维峰（畜牧所）、张莉（畜牧所）"
)


def register():
    """乌兰察布市's register as its office keeps it: a summary first, the trips one row per
    person, the drop-down lists on a hidden sheet."""
    trips = [
        ["乌兰察布市京蒙协作赴京对接活动登记表"],
        ["填报单位：乌兰察布市京蒙协作办公室", *[""] * 9, "填报时间：2024年8月"],
        HEADER,
        [1, "2005年12月", THANKS_2005, "市委", "北京市房山区、门头沟区、顺义区、朝阳区、海淀区、延庆县", "吴永新", "",
         "市委书记", "", "", "北京日报", URL_2005,
         "答谢慰问六个对口帮扶区县，与房山区、门头沟区达成煤炭采掘设备转让承接合作意向"],
        ["2-1", "2021.3.26", SCIENCE_2021, "市科技局、市农林研究所", "北京市", "王清", "", "市科技局局长", HOSTS_2021,
         "中国农科院蔬菜花卉研究所、作物科学研究所、畜牧兽医研究所", "乌兰察布市科技局", URL_2021,
         "确定2021年实施的试验示范项目"],
        ["2-2", None, None, None, None, "尹玉和", "", "市农林研究所所长"],
        ["2-3", None, None, None, None, "", "市科技局、市农林研究所相关科室负责人及专家", ""],
        [3, "2024.7.29-8.4", STUDY_TOUR_2024, "四子王旗教育体育局", "北京市", "", "百名师生", "", "",
         "故宫博物院、圆明园、国子监、孔庙、清华大学、北京101中学、生存岛", "中新网内蒙古新闻", URL_2024,
         "受怀柔区教委邀请；自2020年起共组织5批314人"],
        ["合计", "", "共3批次"],
    ]
    summary = [
        ["乌兰察布市赴京对接活动汇总"],
        ["年度", "批次"],
        [2005, 1],
        [2021, 1],
        [2024, 1],
        ["合计", 3],
    ]
    lists = [
        ["活动类型", "派出单位"],
        ["考察", "市委"],
        ["调研", "市政府"],
        ["来访", "市科技局"],
        ["其他", "四子王旗教育体育局"],
    ]
    return workbook(
        {"汇总": summary, "登记表": trips, "数据源": lists},
        merges=[
            ("汇总", "A1:B1"),
            ("登记表", "A1:M1"),
            *(("登记表", f"{column}5:{column}7") for column in "BCDEIJKLM"),
        ],
        hidden=["数据源"],
    )


def expected():
    return expected_facts(PEOPLE, STOPS, PAIRINGS, PROJECTS, PLACES, DATES, SOURCES)


@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_a_citys_own_trips_to_beijing_import_as_its_reports_say(door, tmp_path, capsys, client, django_user_model):
    make_pairing(*PAIRING_HELD)
    make_person(*NAMESAKE)
    user = make_publisher(django_user_model, "office")

    [preview] = door([(FILE, register())], tmp_path, capsys, client, user, own_region=OWN_REGION)

    facts = expected()
    # One trip a 序号 (2-1, 2-2, 2-3 are one trip), each person once.
    assert_holds_as_written(facts, PEOPLE, STOPS, NAMESAKE)
    assert "可能是同一人" in preview
    # What was read otherwise than written is named: the office's column names, and the two
    # sheets that hold no trips.
    for column in ("对接事项", "派出单位", "北京方对接人员", "职务"):
        assert f"“{column}”" in preview, column
    assert "工作表“汇总”" in preview and "工作表“数据源”" in preview


def test_without_the_offices_region_the_register_asks_where_its_trips_began():
    make_pairing(*PAIRING_HELD)

    report = import_file(register(), FILE, dry_run=True)

    assert report.has_errors
    text = " ".join([*report.refusals, *map(str, report.problems)])
    assert "出发地" in text and "本单位所在地区" in text
    assert not Delegation.objects.exists()


def test_a_citys_own_trips_imported_twice_change_nothing(tmp_path, capsys, client, django_user_model):
    make_pairing(*PAIRING_HELD)
    make_person(*NAMESAKE)
    user = make_publisher(django_user_model, "office")
    through_command([(FILE, register())], tmp_path, capsys, client, user, own_region=OWN_REGION)

    again = import_file(register(), FILE, dry_run=True, own_region=OWN_REGION)

    assert again.totals == {"new": 0, "updated": 0, "unchanged": 3, "error": 0}
