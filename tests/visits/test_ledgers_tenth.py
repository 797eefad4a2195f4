"""A tenth set of ledgers: 赤峰市's register of the Beijing delegations that came to its banners
(北京来赤考察对接), kept by the city's 乡村振兴局 (京蒙协作科) in one wide WPS sheet, from two reports
no earlier ledger set uses (tests/data/ledgers_tenth, sources in its README). What the database
must hold afterwards was written here by hand from the reports before the workbook was first
imported.

The sheet's header is over two rows: 考察时间 over 开始 and 结束; 对方参加人员 and 我方参加人员 each
over 人员1, 职务1, 人员2, 职务2 — a person a pair of columns, the name in one, the post in the
other. A trip is a numbered row and the rows under it, unnumbered, whose trip cells are empty:
the people and stops that did not fit on the first row (one stop a row). 旗县 is written without
its 旗 (巴林右, 敖汉), as the city's offices write their banners among themselves. Dates as WPS
keeps them when typed as text: 2018年9月13日, 2023/6/15. The city writes its own posts without the
city (市委常委、副市长) and a banner's with the banner (巴林右旗委书记). A 合计 row and a note merged
across close the sheet.

The database holds, before the import, the pairing 海淀区—敖汉旗 and a 王永福 of 察右中旗 (made up
for the test): the 王永福 of 赤峰市's 扶贫办 is someone else. 密云区 and 巴林右旗 were paired in
2018, but the site holds no such pairing and the register names none: the trip has no pairing.
"""

import io

import pytest
from openpyxl import Workbook

from cooperation.ledgers.service import import_file
from tests.builders import make_pairing, make_person, make_publisher
from tests.visits.test_ledgers_fourth import assert_holds_as_written, expected_facts
from tests.visits.test_ledgers_unseen import through_admin, through_command
from visits.models import Delegation, Participant, SiteVisit

pytestmark = pytest.mark.django_db

FILE = "赤峰市京蒙协作北京来赤考察对接台账.xlsx"
OWN_REGION = "赤峰市"
V, H = "visiting", "host"

# The office's titles (考察事项).
MIYUN_2018 = "密云区委副书记、区长潘临珠一行到巴林右旗调研对接京蒙对口帮扶工作"
HAIDIAN_2023 = "海淀区委副书记、区长李俊杰率队到敖汉旗考察对接东西部协作帮扶工作"

URL_2018 = (
    "http://huhehaote.baogaosu.com/xinwen/%E6%B7%B1%E5%85%A5%E5%88%B0%E5%B7%B4%E6%9E%97%E5%8F%B3"
    "%E6%97%97%E5%AF%B9%E6%8E%A5%E4%BA%AC%E8%92%99%E5%AF%B9%E5%8F%A3%E5%B8%AE%E6%89%B6/69687395/"
)
URL_2023 = "https://www.zxyjh.com.cn/news/1897.html"

# (side, name, post as the register prints it): 对方 are the visitors, 我方 the city's own side
# (本单位所在地区 赤峰市), here the hosts; a role without a name is a participant without a name.
PEOPLE = {
    MIYUN_2018: [
        (V, "潘临珠", "密云区委副书记、区长"),
        (H, "石银峰", "市委常委、副市长"),
        (H, "黄彦峰", "巴林右旗委书记"),
        (H, "韩颖", "巴林右旗委常委、宣传部长"),
        (H, "王启华", "巴林右旗委常委、副旗长"),
        (H, "任启玉", "巴林右旗副旗长"),
        (H, "王永福", "市扶贫办副主任"),
        (H, "常培忠", "自治区驻巴林右旗脱贫攻坚工作总队长、巴林右旗委副书记"),
        (H, "浩毕斯嘎拉图", "巴林右旗委副书记、旗长"),
        (H, "", "巴林右旗各有关单位负责人"),
    ],
    HAIDIAN_2023: [
        (V, "李俊杰", "海淀区委副书记、区长"),
        (V, "李劲涛", "海淀区委卫生健康工委书记、区卫生健康委主任"),
        (V, "刘全喜", "北京中西医结合医院呼吸消化内科医生"),
    ],
}
# (place, the county-level region it lies in): one stop a row, under the trip's first row.
STOPS = {
    MIYUN_2018: [
        ("巴林右旗精准扶贫大数据中心", "巴林右旗"),
        ("巴林右旗牧兴合作社", "巴林右旗"),
        ("巴林红食品有限公司", "巴林右旗"),
    ],
    HAIDIAN_2023: [],
}
PAIRINGS = {MIYUN_2018: [], HAIDIAN_2023: [("海淀区", "敖汉旗")]}
PROJECTS = {MIYUN_2018: [], HAIDIAN_2023: []}
# (origin, destinations): 来访单位 begins with the region the visitors came from; 旗县 is where
# they went, written without its 旗.
PLACES = {
    MIYUN_2018: ("密云区", ["巴林右旗"]),
    HAIDIAN_2023: ("海淀区", ["敖汉旗"]),
}
# (start, end, precision)
DATES = {
    MIYUN_2018: ("2018-09-13", None, "day"),
    HAIDIAN_2023: ("2023-06-15", None, "day"),
}
# (title, publisher, date of publication): the hospital's account has no date.
SOURCES = {
    MIYUN_2018: (MIYUN_2018, "巴林右旗新闻", "2018-09-18"),
    HAIDIAN_2023: (HAIDIAN_2023, "北京中西医结合医院", None),
}
NAMESAKE = ("王永福", "察右中旗副旗长")

GROUPS = [
    "序号", "考察时间", "", "旗县", "来访单位", "考察事项", "对方参加人员", "", "", "", "我方参加人员", "", "", "",
    "考察点位", "信息来源", "发布日期", "链接", "备注",
]
NAMES = ["", "开始", "结束", "", "", "", "人员1", "职务1", "人员2", "职务2", "人员1", "职务1", "人员2", "职务2"]
WIDTH = len(GROUPS)
NOTE = "注：1.参加人员每人填一组“人员、职务”，一行写不下的续写在下一行；2.旗县只写名称；3.考察点位一行一个。"


def trip_rows(number, start, county, body, title, visitors, hosts, stops, source, published, url, remark):
    """A trip's numbered row and the rows under it: two people of each side a row, a stop a row."""
    pairs = lambda people: [people[i : i + 2] for i in range(0, len(people), 2)]  # noqa: E731
    visitor_rows, host_rows = pairs(visitors), pairs(hosts)
    rows = []
    for position in range(max(len(visitor_rows), len(host_rows), len(stops), 1)):
        row = [""] * WIDTH
        if position == 0:
            row[0:6] = [number, start, "", county, body, title]
            row[15:19] = [source, published, url, remark]
        for offset, people in ((6, visitor_rows), (10, host_rows)):
            if position < len(people):
                for index, (name, post) in enumerate(people[position]):
                    row[offset + 2 * index : offset + 2 * index + 2] = [name, post]
        if position < len(stops):
            row[14] = stops[position]
        rows.append(row)
    return rows


def register():
    """The city's register as its office keeps it, in one sheet."""
    rows = [
        ["赤峰市京蒙协作北京市来赤考察对接台账"],
        ["填报单位：赤峰市乡村振兴局（京蒙协作科）", *[""] * 14, "填报日期：2023年7月"],
        GROUPS,
        NAMES,
        *trip_rows(
            1, "2018年9月13日", "巴林右", "北京市密云区", MIYUN_2018,
            [("潘临珠", "密云区委副书记、区长")],
            [
                ("石银峰", "市委常委、副市长"),
                ("黄彦峰", "巴林右旗委书记"),
                ("韩颖", "巴林右旗委常委、宣传部长"),
                ("王启华", "巴林右旗委常委、副旗长"),
                ("任启玉", "巴林右旗副旗长"),
                ("王永福", "市扶贫办副主任"),
                ("常培忠", "自治区驻巴林右旗脱贫攻坚工作总队长、巴林右旗委副书记"),
                ("浩毕斯嘎拉图", "巴林右旗委副书记、旗长"),
                ("", "巴林右旗各有关单位负责人"),
            ],
            ["巴林右旗精准扶贫大数据中心", "巴林右旗牧兴合作社", "巴林红食品有限公司"],
            "巴林右旗新闻", "2018/9/18", URL_2018, "座谈会在凌水温泉酒店会议室召开，旗长浩毕斯嘎拉图主持",
        ),
        *trip_rows(
            2, "2023/6/15", "敖汉", "海淀区", HAIDIAN_2023,
            [
                ("李俊杰", "海淀区委副书记、区长"),
                ("李劲涛", "海淀区委卫生健康工委书记、区卫生健康委主任"),
                ("刘全喜", "北京中西医结合医院呼吸消化内科医生"),
            ],
            [],
            [],
            "北京中西医结合医院", "", URL_2023, "召开海淀区与敖汉旗东西部协作高层互访联席座谈会",
        ),
        ["合计", "", "", "", "", "共2批次"],
        [NOTE],
    ]
    book = Workbook()
    sheet = book.active
    sheet.title = "考察对接台账"
    for values in rows:
        sheet.append(values)
    last = chr(ord("A") + WIDTH - 1)
    sheet.merge_cells(f"A1:{last}1")
    sheet.merge_cells(f"A{len(rows)}:{last}{len(rows)}")
    for column, header in zip("ABCDEFGHIJKLMNOPQRS", GROUPS, strict=True):
        if header and column not in "BGK":
            sheet.merge_cells(f"{column}3:{column}4")
    for span in ("B3:C3", "G3:J3", "K3:N3"):
        sheet.merge_cells(span)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def expected():
    return expected_facts(PEOPLE, STOPS, PAIRINGS, PROJECTS, PLACES, DATES, SOURCES)


def held_before():
    make_pairing("海淀区", "敖汉旗")
    make_person(*NAMESAKE)


@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_a_citys_wide_register_of_beijing_visitors_imports_as_its_reports_say(
    door, tmp_path, capsys, client, django_user_model
):
    held_before()
    user = make_publisher(django_user_model, "office")

    [preview] = door([(FILE, register())], tmp_path, capsys, client, user, own_region=OWN_REGION)

    facts = expected()
    assert_holds_as_written(facts, PEOPLE, STOPS, NAMESAKE)
    assert "可能是同一人" in preview


def test_a_citys_wide_register_imported_twice_changes_nothing(tmp_path, capsys, client, django_user_model):
    held_before()
    user = make_publisher(django_user_model, "office")
    through_command([(FILE, register())], tmp_path, capsys, client, user, own_region=OWN_REGION)

    again = import_file(register(), FILE, dry_run=True, own_region=OWN_REGION)

    assert again.totals == {"new": 0, "updated": 0, "unchanged": 2, "error": 0}


# Each reading the register needed, from its rows, on its own --------------------------------


def workbook(rows, merges=()):
    book = Workbook()
    sheet = book.active
    for values in rows:
        sheet.append(values)
    for span in merges:
        sheet.merge_cells(span)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def row_people(title):
    return sorted(
        Participant.objects.filter(delegation__title=title).values_list("side", "name_as_printed", "title_as_printed")
    )


# The register's first trip, its header and rows cut to what each reading needs.
GROUPED = [
    ["考察时间", "", "旗县", "来访单位", "考察事项", "对方参加人员", "", "我方参加人员", "", "", "", "考察点位"],
    ["开始", "结束", "", "", "", "人员1", "职务1", "人员1", "职务1", "人员2", "职务2", ""],
]
GROUPED_MERGES = ("A1:B1", "F1:G1", "H1:K1", "C1:C2", "D1:D2", "E1:E2", "L1:L2")
FIRST_ROW = [
    "2018年9月13日", "", "巴林右", "北京市密云区", MIYUN_2018, "潘临珠", "密云区委副书记、区长",
    "石银峰", "市委常委、副市长", "黄彦峰", "巴林右旗委书记", "巴林右旗精准扶贫大数据中心",
]


def test_a_header_grouped_by_merged_cells_names_each_column_by_its_group():
    """考察时间 merged over 开始 and 结束 are the trip's two dates; every other header merged down."""
    row = ["2023年5月16日", "2023年5月18日", "敖汉", "海淀区", HAIDIAN_2023, *[""] * 7]

    report = import_file(workbook([*GROUPED, row], GROUPED_MERGES), "台账.xlsx", dry_run=False, own_region=OWN_REGION)

    assert not report.has_errors, report.summary_lines()
    trip = Delegation.objects.get()
    assert (trip.start_date.isoformat(), trip.end_date.isoformat()) == ("2023-05-16", "2023-05-18")
    assert any("“考察时间开始”按“开始日期”" in warning for warning in report.warnings)


def test_a_person_a_pair_of_columns_under_our_side_and_the_other():
    """人员N and 职务N under 对方参加人员 are the visitors (the side that is not 赤峰市's), under
    我方参加人员 the city's own."""
    report = import_file(
        workbook([*GROUPED, FIRST_ROW], GROUPED_MERGES), "台账.xlsx", dry_run=False, own_region=OWN_REGION
    )

    assert not report.has_errors, report.summary_lines()
    assert row_people(MIYUN_2018) == [
        (H, "石银峰", "市委常委、副市长"), (H, "黄彦峰", "巴林右旗委书记"), (V, "潘临珠", "密云区委副书记、区长"),
    ]
    notices = " ".join(report.notices)
    assert "“我方参加人员”下的 4 列每两列（人员、职务）是一人" in notices


def test_the_other_side_without_the_offices_region_is_guessed_and_listed():
    report = import_file(workbook([*GROUPED, FIRST_ROW], GROUPED_MERGES), "台账.xlsx", dry_run=True)

    assert not any("对方" in str(problem) for problem in report.problems)
    assert any(item.kind == "推断的所属方" for item in report.review)


def test_rows_that_only_carry_on_a_trips_people_and_stops_are_that_trip():
    more = ["", "", "", "", "", "", "", "韩颖", "巴林右旗委常委、宣传部长", "", "", "巴林右旗牧兴合作社"]
    stop = [*[""] * 11, "巴林红食品有限公司"]

    report = import_file(
        workbook([*GROUPED, FIRST_ROW, more, stop], GROUPED_MERGES), "台账.xlsx", dry_run=False, own_region=OWN_REGION
    )

    assert not report.has_errors, report.summary_lines()
    assert Delegation.objects.count() == 1
    assert (H, "韩颖", "巴林右旗委常委、宣传部长") in row_people(MIYUN_2018)
    assert list(SiteVisit.objects.order_by("order").values_list("place", flat=True)) == [
        "巴林右旗精准扶贫大数据中心", "巴林右旗牧兴合作社", "巴林红食品有限公司",
    ]
    assert any("第 4—5 行只写了人员或考察点，续写上一行" in notice for notice in report.notices)


def test_a_row_under_a_trip_with_a_cell_of_its_own_is_no_continuation():
    """A date under the trip is another trip's: without its 标题 the row is an error naming it."""
    stray = ["2018年9月14日", *[""] * 10, "巴林右旗牧兴合作社"]

    report = import_file(
        workbook([*GROUPED, FIRST_ROW, stray], GROUPED_MERGES), "台账.xlsx", dry_run=True, own_region=OWN_REGION
    )

    assert [(p.row, p.column) for p in report.problems] == [(4, "标题")]


@pytest.mark.parametrize(
    ("headers", "row", "origin", "destinations"),
    [
        # Beside where the visitors came from, the county is where they went.
        (
            ["考察事项", "开始日期", "来访单位", "旗县"], [MIYUN_2018, "2018-09-13", "密云区", "巴林右旗"],
            "密云区", ["巴林右旗"],
        ),
        # Beside where the trip went, the county is where it came from.
        (
            ["考察事项", "开始日期", "目的地", "旗县"], ["赴京对接", "2018-09-13", "密云区", "巴林右旗"],
            "巴林右旗", ["密云区"],
        ),
    ],
)
def test_a_column_of_counties_is_the_end_the_sheet_has_no_other_column_for(headers, row, origin, destinations):
    from tests.cooperation.ledger_builders import csv_bytes, run

    report = run(csv_bytes(headers, [row]))

    assert not report.has_errors, report.summary_lines()
    trip = Delegation.objects.get()
    assert (trip.origin.name, [r.name for r in trip.destinations.all()]) == (origin, destinations)
    assert any("“旗县”按" in warning for warning in report.warnings)


def test_a_column_of_counties_beside_both_ends_is_asked_about():
    from tests.cooperation.ledger_builders import csv_bytes, run

    headers = ["考察事项", "开始日期", "出发地", "目的地", "旗县"]
    report = run(csv_bytes(headers, [[MIYUN_2018, "2018-09-13", "密云区", "巴林右旗", "巴林右"]]), dry_run=True)

    assert any(columns == ["旗县"] for _where, _ledger, columns, _fields in report.unknown_columns)


@pytest.mark.parametrize(("written", "region"), [("敖汉", "敖汉旗"), ("巴林右", "巴林右旗"), ("宁城", "宁城县")])
def test_a_banner_written_without_its_ending_is_the_one_region_it_names(written, region):
    from tests.cooperation.ledger_builders import csv_bytes, run

    report = run(csv_bytes(["标题", "开始日期", "出发地", "目的地"], [["对接", "2023-06-15", "海淀区", written]]))

    assert not report.has_errors, report.summary_lines()
    assert [r.name for r in Delegation.objects.get().destinations.all()] == [region]
    assert any(f"“{written}”按“{region}”读入" in str(warning) for warning in report.row_warnings)


def test_a_name_without_its_ending_that_two_regions_share_is_asked_about():
    from cooperation.models import Region, RegionLevel
    from tests.builders import make_region
    from tests.cooperation.ledger_builders import csv_bytes, run

    make_region("敖汉县", parent=Region.objects.get(name="赤峰市"), level=RegionLevel.COUNTY)
    report = run(csv_bytes(["标题", "开始日期", "出发地", "目的地"], [["对接", "2023-06-15", "海淀区", "敖汉"]]))

    [problem] = report.problems
    assert (problem.row, problem.column) == (2, "目的地")
    assert "可指多个行政区划" in problem.message and "请写全称" in problem.message


def test_what_was_read_from_the_register_exports_in_the_documented_form_and_imports_unchanged(
    tmp_path, capsys, client, django_user_model
):
    """People of a pair of columns come out as 姓名（职务）, 对方 and 我方 with the side's marker where
    the import would guess otherwise, 敖汉 as 敖汉旗; that export imports unchanged and exports again
    byte for byte."""
    from cooperation.ledgers.service import export_ledgers

    held_before()
    user = make_publisher(django_user_model, "office")
    through_command([(FILE, register())], tmp_path, capsys, client, user, own_region=OWN_REGION)

    exported = export_ledgers(["trips"], file_format="csv")
    again = import_file(exported, "trips.csv", dry_run=False)

    assert again.totals == {"new": 0, "updated": 0, "unchanged": 2, "error": 0}, again.summary_lines()
    assert export_ledgers(["trips"], file_format="csv") == exported
    text = exported.decode("utf-8-sig")
    assert "黄彦峰（巴林右旗委书记）" in text and "敖汉旗" in text


def test_people_grouped_by_side_under_one_header_are_each_sides():
    """参加人员 over 我方 and 对方: 我方参加人员 and 对方参加人员, each cell its side's people."""
    rows = [
        ["考察事项", "开始日期", "来访单位", "旗县", "参加人员", ""],
        ["", "", "", "", "我方", "对方"],
        [
            MIYUN_2018, "2018-09-13", "北京市密云区", "巴林右",
            "黄彦峰（巴林右旗委书记）", "潘临珠（密云区委副书记、区长）",
        ],
    ]
    merges = ("A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:F1")

    report = import_file(workbook(rows, merges), "台账.xlsx", dry_run=False, own_region=OWN_REGION)

    assert not report.has_errors, report.summary_lines()
    assert row_people(MIYUN_2018) == [(H, "黄彦峰", "巴林右旗委书记"), (V, "潘临珠", "密云区委副书记、区长")]
