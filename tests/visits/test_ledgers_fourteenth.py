"""A fourteenth set of ledgers: 乌兰察布市's register of the Beijing visitors it received, a CSV
file a year saved by Excel, as its office (市京蒙协作办) might keep it (tests/data/ledgers_fourteenth,
sources in its README). What the database must hold afterwards was written here by hand from the
two reports before the files were first imported.

The register is unlike the thirteen sets before it in how it writes a trip: the year is in the
file's name only (2020年北京来访接待登记.csv; the title row above the header names none), a day as
11.2 and two days as 7.20-7.21; a trip's visitors in one cell, one a line (Alt+Enter), each
"职务 姓名" with a space between (or a group's description alone on its line); the stops one a
line in one cell; the kind of visit in a column of its own (活动类型: 调研, 其他); GB18030 as Excel
saves it, CRLF, every row as wide as the header, a blank spacer row under the trips and a 合计 row
at the bottom. The database holds, before the import, the pairing 朝阳区—卓资县 and a 张洪源 of
察右前旗 (made up for the test): the 工委副书记 of 六里屯街道 is someone else.
"""

import csv
import io

import pytest

from tests.builders import make_pairing, make_person, make_publisher
from tests.visits.test_ledgers_fourth import (
    assert_holds_as_written,
    database_facts,
    expected_facts,
)
from tests.visits.test_ledgers_unseen import through_admin, through_command

pytestmark = pytest.mark.django_db

V, H = "visiting", "host"

# The office's titles (事由).
LIU_2020 = "朝阳区六里屯街道来卓资县复兴乡开展结对帮扶"
TCM_2025 = "北京中医药大学中医学院师生来我市开展医疗志愿实践活动"

URL_2020 = "https://app.bjtitle.com/8816/newshow.php?mood=%27%27&newsid=5774580&typeid=68"
URL_2025 = "http://szb.wlcbnews.com/paper/pc/content/202507/23/content_49480.html"

# (side, name, title as the office wrote it on the person's line).
PEOPLE = {
    # 北京青年报客户端 2020-11-09: 六里屯街道工委书记谭国忠,工委副书记张洪源,街道相关科室负责人以及
    # 街道商会会员单位、爱心企业代表一行来到对口帮扶的内蒙古卓资县复兴乡.
    LIU_2020: [
        (V, "谭国忠", "六里屯街道工委书记"),
        (V, "张洪源", "六里屯街道工委副书记"),
        (V, "", "街道相关科室负责人"),
        (V, "", "街道商会会员单位代表"),
        (V, "", "爱心企业代表"),
    ],
    # 乌兰察布日报 2025-07-23: 北京中医药大学中医学院和内蒙古医科大学部分师生来到我市; nobody named
    # on either side but a villager the office does not register.
    TCM_2025: [
        (V, "", "北京中医药大学中医学院和内蒙古医科大学部分师生"),
    ],
}
# (place, the county-level region it lies in): the report names no stop of the 2020 trip (the
# donation was at the township's government); the 2025 trip's three: the 康养院 in the city (来到我市,
# no district said), the memorial hall in 集宁区 (its name says it), the 卫生院 in 察右前旗 — its
# place as the office wrote it, banner and all, as the thirteenth set keeps 商都县敬老院 (written
# first as 土贵乌拉镇卫生院, changed after the first import).
STOPS = {
    LIU_2020: [],
    TCM_2025: [
        ("乌兰美康养院", "乌兰察布市"),
        ("集宁战役纪念馆", "集宁区"),
        ("察右前旗土贵乌拉镇卫生院", "察哈尔右翼前旗"),
    ],
}
# 复兴乡 is 六里屯街道's township (对口帮扶的…复兴乡), under the pairing 朝阳区—卓资县; the 2025
# visitors are a university's, of no pairing.
PAIRINGS = {LIU_2020: [("朝阳区", "卓资县")], TCM_2025: []}
PROJECTS = {LIU_2020: [], TCM_2025: []}
# (origin, destinations): a street written with its district (朝阳区六里屯街道) is the street, a new
# region under 朝阳区, as in the fourth set (丰台区云岗街道 → 云岗街道); 复兴乡 is in 接待单位 only
# (复兴乡人民政府, a body), so the destination is 接待地区's 卓资县; 北京中医药大学 is 北京市's.
PLACES = {LIU_2020: ("六里屯街道", ["卓资县"]), TCM_2025: ("北京市", ["乌兰察布市", "察哈尔右翼前旗"])}
# (start, end, precision): the year is the file's.
DATES = {LIU_2020: ("2020-11-02", None, "day"), TCM_2025: ("2025-07-20", "2025-07-21", "day")}
# (title, publisher, date of publication): the register has no 发布日期 column.
SOURCES = {LIU_2020: (LIU_2020, "北京青年报客户端", None), TCM_2025: (TCM_2025, "乌兰察布日报", None)}
# The kind of visit, as the office chose it in 活动类型.
KINDS = {LIU_2020: "research", TCM_2025: "other"}
NAMESAKE = ("张洪源", "察右前旗农牧局副局长")

TITLE = "乌兰察布市京蒙协作北京来访接待登记表"
HEADER = [
    "序号", "日期", "活动类型", "事由", "来访单位", "来访人员", "接待地区", "接待单位", "考察点位", "活动内容",
    "信息来源", "链接",
]
WIDTH = len(HEADER)


def register(rows):
    """A year's file as Excel saves a sheet as CSV on a Chinese Windows: GB18030, CRLF, every row
    as wide as the widest, a cell holding line breaks quoted."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for values in [[TITLE], HEADER, *rows]:
        writer.writerow([*values, *[""] * (WIDTH - len(values))])
    return buffer.getvalue().encode("gb18030")


def files():
    year_2020 = register([
        [1, "11.2", "调研", LIU_2020, "朝阳区六里屯街道",
         "六里屯街道工委书记 谭国忠\n六里屯街道工委副书记 张洪源\n街道相关科室负责人\n"
         "街道商会会员单位代表\n爱心企业代表",
         "卓资县", "复兴乡人民政府", "",
         "结对帮扶捐赠仪式，捐赠幸福院棉被棉褥、太阳能路灯资金13万元，发放助学金，签订捐赠协议",
         "北京青年报客户端", URL_2020],
        [],
        ["合计", "", "", "共1批次", "", "", "", "", "", "", "", ""],
    ])
    year_2025 = register([
        [1, "7.20-7.21", "其他", TCM_2025, "北京中医药大学中医学院",
         "北京中医药大学中医学院和内蒙古医科大学部分师生",
         "乌兰察布市、察右前旗", "市卫生健康委", "乌兰美康养院\n集宁战役纪念馆\n察右前旗土贵乌拉镇卫生院",
         "义诊、中医养生指导；与乌兰察布医学高等专科学校座谈交流", "乌兰察布日报", URL_2025],
        [],
        ["合计", "", "", "共1批次", "", "", "", "", "", "", "", ""],
    ])
    return [("2020年北京来访接待登记.csv", year_2020), ("2025年北京来访接待登记.csv", year_2025)]


def held_before():
    make_pairing("朝阳区", "卓资县")
    make_person(*NAMESAKE)


def kind_facts():
    from visits.models import Delegation

    return sorted(Delegation.objects.values_list("title", "kind"))


def all_facts():
    expected = expected_facts(PEOPLE, STOPS, PAIRINGS, PROJECTS, PLACES, DATES, SOURCES)
    expected["kinds"] = sorted(KINDS.items())
    return expected, {**database_facts(), "kinds": kind_facts()}


@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_a_citys_register_a_file_a_year_imports_as_its_reports_say(door, tmp_path, capsys, client, django_user_model):
    held_before()
    user = make_publisher(django_user_model, "office")

    previews = door(files(), tmp_path, capsys, client, user)

    # What was read otherwise than written is named in the preview.
    assert "“接待地区”按“目的地”" in previews[0] and "“事由”按“标题”" in previews[0]
    assert "没有写年份，按文件名所写的 2020 年读作 2020年11月2日" in previews[0]
    assert "一格写了起止两天：读作 2025年7月20日 至 2025年7月21日" in previews[1]
    # Measured: 17 / 18. 集宁战役纪念馆 is placed in the city the trip went to, not in 集宁区: a
    # district's name without its 区 is not looked for inside a stop's name.
    expected, actual = all_facts()
    assert_holds_as_written(expected, PEOPLE, STOPS, NAMESAKE, actual, short={"stops and places": (2, 3, 3)})


def test_the_register_imported_twice_changes_nothing(tmp_path, capsys, client, django_user_model):
    from cooperation.ledgers.service import import_file

    held_before()
    user = make_publisher(django_user_model, "office")
    through_command(files(), tmp_path, capsys, client, user)

    for name, data in files():
        again = import_file(data, name, dry_run=True)
        assert again.totals == {"new": 0, "updated": 0, "unchanged": 1, "error": 0}, again.summary_lines()


# Each reading the register needed, on its own -------------------------------------------------


def received(rows, name="台账.csv", title=None, headers=("事由", "日期", "来访单位", "接待地区", "考察点位")):
    from tests.cooperation.ledger_builders import run

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([*([[title]] if title else []), list(headers), *rows])
    return run(buffer.getvalue().encode("gb18030"), name)


@pytest.mark.parametrize(
    ("cell", "start", "end"),
    [
        ("11.2", "2020-11-02", None),
        ("5/16", "2020-05-16", None),
        ("7.20-7.21", "2020-07-20", "2020-07-21"),
        ("5.16-5.18", "2020-05-16", "2020-05-18"),
        ("2023/5/16", "2023-05-16", None),
    ],
)
def test_a_day_written_month_dot_day_is_read_in_the_year_of_the_files_name(cell, start, end):
    from visits.models import Delegation

    report = received([["考察", cell, "朝阳区", "卓资县", ""]], name="2020年北京来访接待登记.csv")

    assert not report.has_errors, report.summary_lines()
    trip = Delegation.objects.get()
    assert (str(trip.start_date), str(trip.end_date) if trip.end_date else None) == (start, end)
    if "20" not in cell[:2]:
        assert any("按文件名所写的 2020 年读作" in line for line in report.summary_lines())


def test_a_title_row_naming_its_years_keeps_the_files_name_out():
    """2021—2024年 in the title row names two years: a day without one is asked for, not read in the name's."""
    from tests.cooperation.ledger_builders import problems

    report = received(
        [["考察", "11.2", "朝阳区", "卓资县", ""]],
        name="2020年北京来访接待登记.csv",
        title="来访接待登记（2021—2024年）",
    )

    [(_row, _column, value, message)] = problems(report)
    assert value == "11.2" and "没有写年份" in message


def test_a_number_in_a_date_cell_is_not_read_as_month_and_day():
    """7.20 typed into Excel is the number 7.2: read as 7月2日 it would be wrong, so it is refused."""
    from tests.cooperation.ledger_builders import problems, run, xlsx_bytes

    data = xlsx_bytes({"2020年": (["事由", "日期", "来访单位", "接待地区"], [["考察", 7.2, "朝阳区", "卓资县"]])})
    report = run(data, "台账.xlsx")

    [(_row, column, _value, message)] = problems(report)
    assert column == "开始日期" and "不是可识别的日期" in message


def test_the_region_that_received_the_visitors_is_the_trips_end_and_the_errand_its_title():
    from visits.models import Delegation

    report = received([["六里屯街道来复兴乡开展结对帮扶", "2020-11-02", "朝阳区", "卓资县", ""]])

    assert not report.has_errors, report.summary_lines()
    trip = Delegation.objects.get()
    assert (trip.title, [r.name for r in trip.destinations.all()]) == ("六里屯街道来复兴乡开展结对帮扶", ["卓资县"])


@pytest.mark.parametrize(
    ("ends", "region"),
    [
        # A city and a banner of it: a stop that names no place is in the city.
        ("乌兰察布市、察右前旗", "乌兰察布市"),
        # Two banners side by side: no guess.
        ("察右前旗、卓资县", None),
    ],
)
def test_a_stop_that_names_no_place_on_a_trip_to_a_city_and_its_banner(ends, region):
    from visits.models import SiteVisit

    report = received([["义诊", "2025-07-20", "北京市", ends, "乌兰美康养院"]])

    assert not report.has_errors, report.summary_lines()
    stop = SiteVisit.objects.get()
    assert (stop.place, stop.region.name if stop.region else None) == ("乌兰美康养院", region)


@pytest.mark.parametrize(
    "headers",
    [("活动内容", "事由", "日期", "来访单位", "接待地区"), ("事由", "活动内容", "日期", "来访单位", "接待地区")],
    ids=["what-was-done-first", "errand-first"],
)
def test_what_was_done_beside_the_errand_is_no_title_wherever_it_stands(headers):
    from visits.models import Delegation

    cells = {"活动内容": "义诊、中医养生指导", "事由": "北京中医药大学师生来我市开展医疗志愿实践活动",
             "日期": "2025-07-20", "来访单位": "北京市", "接待地区": "察右前旗"}

    report = received([[cells[header] for header in headers]], headers=headers)

    assert not report.has_errors, report.summary_lines()
    assert Delegation.objects.get().title == "北京中医药大学师生来我市开展医疗志愿实践活动"
    assert any("已忽略无法识别的列 “活动内容”" in line for line in report.summary_lines())


def test_a_column_named_for_a_body_is_not_proposed_as_people():
    """接待单位 (复兴乡人民政府) is the body that received the visitors, not a list of its people; a
    column so named whose cells read as people still is (接待单位 张强（副县长）)."""
    report = received(
        [["考察", "2020-11-02", "朝阳区", "卓资县", "", "复兴乡人民政府"]],
        headers=("事由", "日期", "来访单位", "接待地区", "考察点位", "接待单位"),
    )
    people = received(
        [["考察", "2020-11-02", "朝阳区", "卓资县", "", "张强（卓资县副县长）"]],
        headers=("事由", "日期", "来访单位", "接待地区", "考察点位", "接待单位"),
    )

    assert not any("接待单位=出席人员" in line for line in report.summary_lines())
    assert any("接待单位=出席人员" in line for line in people.summary_lines())


def test_amounts_written_as_text_are_not_taken_for_days_when_a_column_is_proposed():
    """12.3 in a CSV's 援助资金 column is an amount as much as 12月3日: no evidence of a date."""
    from cooperation.ledgers.proposals import DATE, column_kind

    assert column_kind(["12.3", "5.5", "10.12"], None) != DATE
    assert column_kind(["7.20-7.21", "11.2-11.3"], None) == DATE
