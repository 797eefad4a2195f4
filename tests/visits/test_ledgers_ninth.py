"""A ninth set of ledgers: the Beijing side's register of delegations that came to Beijing (来京对接),
kept by 北京市支援合作办公室 and sent in every quarter, a sheet a quarter, from two reports no
earlier ledger set uses (tests/data/ledgers_ninth, sources in its README). What the database must
hold afterwards was written here by hand from the reports before the workbook was first imported.

The office writes its visitors as an office writes a list of leaders for a briefing: one a line in
one cell, the post first and the name after it without a space (市委书记冯玉臻同志,
市委常委、副市长方玉东), or with one (盟行署副盟长 孙书涛同志), and a group as 相关负责同志. Its own
side is 我方出席领导 (the same, post first). The region the visitors came from is 来访地区; it
never writes 目的地 (every row came to Beijing: 本单位所在地区 北京市). The dates are an Excel
serial number (the cell lost its format when the quarter's sheet was pasted in) and 2月3日上午
(the year only in the sheet's name and title row). A place is written with its district after it
in brackets. Each quarter's sheet ends with a 合计 row and a note merged across; 联系人 is a hidden
column; the coming quarter's sheet is there with its header and no rows yet.

The database holds, before the import, a 胡虎 of 科右中旗 (made up for the test): the 胡虎 of
北京市's 文旅局 is someone else.
"""

import io

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment

from cooperation.ledgers.service import import_file
from tests.builders import make_person, make_publisher
from tests.cooperation.ledger_builders import csv_bytes, run
from tests.visits.test_ledgers_fourth import assert_holds_as_written, expected_facts
from tests.visits.test_ledgers_unseen import county_of, through_admin, through_command
from visits.models import Delegation, Participant, SiteVisit

pytestmark = pytest.mark.django_db

FILE = "京蒙协作来京对接接待情况统计表（季度报送）.xlsx"
OWN_REGION = "北京市"
V, H = "visiting", "host"

# The office's titles (对接事项): the reports' own headlines are the publishers'.
TONGLIAO_2021 = "通辽市党政代表团来京参加“深化京蒙协作助力乡村振兴”通辽-北京项目对接会"
XINGAN_2026 = "兴安盟副盟长孙书涛带队来京对接农文旅合作"

URL_2021 = "https://fgw.beijing.gov.cn/fzggzl/zyhz/gzdt/jmxz/xggz/202105/t20210506_3597681.htm"
URL_2026 = "https://nmt.nmg.gov.cn/xw/msdt/xam/202602/t20260204_2858840.html"

# (side, name, post as the register prints it): the post written before the name is the post;
# 同志 is no part of a name; a group without names (相关负责同志) is a participant without a name.
PEOPLE = {
    TONGLIAO_2021: [
        (V, "冯玉臻", "市委书记"),
        (V, "方玉东", "市委常委、副市长"),
        (V, "布仁", "市政协副主席"),
        (V, "", "各旗县党委、政府负责同志"),
        (H, "汪兆龙", "市扶贫支援办副主任"),
    ],
    XINGAN_2026: [
        (V, "孙书涛", "盟行署副盟长"),
        (V, "", "盟农牧局、文旅体局及阿尔山市相关负责同志"),
        (H, "姚忠阳", "市委农工委副书记、市农业农村局副局长"),
        (H, "陆军", "市农业农村局支援协作处处长"),
        (H, "胡虎", "市文旅局区域合作处处长"),
    ],
}
# (place, the county-level region it lies in): the district in brackets after the place is where
# it lies, not part of its name. 兴安盟's visit was a 座谈 at the two bureaus: no stops.
STOPS = {
    TONGLIAO_2021: [("京顺鑫石门国际农产品批发市场集团有限公司", "顺义区")],
    XINGAN_2026: [],
}
# A pairing is a district's and a banner's: 通辽市, 兴安盟 and 北京市 are none.
PAIRINGS = {TONGLIAO_2021: [], XINGAN_2026: []}
PROJECTS = {TONGLIAO_2021: [], XINGAN_2026: []}
# (origin, destinations): 来访地区 is where they came from; the register's own region is the
# destination of every row.
PLACES = {
    TONGLIAO_2021: ("通辽市", ["北京市"]),
    XINGAN_2026: ("兴安盟", ["北京市"]),
}
# (start, end, precision): 44315 is 2021-04-29; 2月3日上午 is in 2026, the year of its sheet.
DATES = {
    TONGLIAO_2021: ("2021-04-29", None, "day"),
    XINGAN_2026: ("2026-02-03", None, "day"),
}
# (title, publisher, date of publication)
SOURCES = {
    TONGLIAO_2021: (TONGLIAO_2021, "北京市支援合作办公室", "2021-04-30"),
    XINGAN_2026: (XINGAN_2026, "内蒙古自治区农牧厅", "2026-02-04"),
}
NAMESAKE = ("胡虎", "科右中旗副旗长")

HEADER = [
    "序号", "接待日期", "来访地区", "对接事项", "来访领导", "我方出席领导", "联系人", "考察点位",
    "信息来源", "发布日期", "链接", "备注",
]
HIDDEN_COLUMN = "G"  # 联系人: the office's own contact for the visit, never shown
NOTE = (
    "注：1.本表按季度报送，每季度结束后5个工作日内报京蒙协作处；"
    "2.来访领导、我方出席领导按“职务+姓名”填写，一人一行。"
)


def quarter(title, rows, totals):
    return [
        [title],
        ["报送单位：北京市支援合作办公室", *[""] * 8, "单位：批次"],
        HEADER,
        *rows,
        ["合计", "", totals],
        [NOTE],
    ]


def register():
    """The quarterly register as the office keeps it: a sheet a quarter, its coming quarter
    already made; 联系人 hidden."""
    sheets = {
        "2021年二季度": quarter(
            "京蒙协作来京对接接待情况统计表（2021年第二季度）",
            [[
                1, 44315, "通辽市", TONGLIAO_2021,
                "市委书记冯玉臻同志\n市委常委、副市长方玉东\n市政协副主席布仁\n各旗县党委、政府负责同志",
                "市扶贫支援办副主任 汪兆龙", "京蒙协作处",
                "京顺鑫石门国际农产品批发市场集团有限公司（顺义区）",
                "北京市支援合作办公室", "2021.4.30", URL_2021,
                "我办与通辽市共同举办；会上签约项目25个，计划总投资额159亿元",
            ]],
            "本季度接待1批次",
        ),
        "2026年一季度": quarter(
            "京蒙协作来京对接接待情况统计表（2026年第一季度）",
            [[
                1, "2月3日上午", "兴安盟", XINGAN_2026,
                "盟行署副盟长 孙书涛同志\n盟农牧局、文旅体局及阿尔山市相关负责同志",
                "市委农工委副书记、市农业农村局副局长姚忠阳\n市农业农村局支援协作处处长陆军\n市文旅局区域合作处处长胡虎",
                "京蒙协作处", "", "内蒙古自治区农牧厅", "2026年2月4日", URL_2026,
                "在市农业农村局、市文旅局座谈",
            ]],
            "本季度接待1批次",
        ),
        "2026年二季度": quarter("京蒙协作来京对接接待情况统计表（2026年第二季度）", [], ""),
    }
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for values in rows:
            sheet.append(values)
        sheet.merge_cells(f"A1:{chr(ord('A') + len(HEADER) - 1)}1")
        sheet.merge_cells(f"A{len(rows)}:{chr(ord('A') + len(HEADER) - 1)}{len(rows)}")
        sheet.column_dimensions[HIDDEN_COLUMN].hidden = True
        for cells in sheet.iter_rows(min_row=4):
            for cell in cells:
                cell.alignment = Alignment(wrap_text=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def expected():
    return expected_facts(PEOPLE, STOPS, PAIRINGS, PROJECTS, PLACES, DATES, SOURCES)


@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_beijings_quarterly_register_of_visitors_imports_as_its_reports_say(
    door, tmp_path, capsys, client, django_user_model
):
    make_person(*NAMESAKE)
    user = make_publisher(django_user_model, "office")

    [preview] = door([(FILE, register())], tmp_path, capsys, client, user, own_region=OWN_REGION)

    facts = expected()
    assert_holds_as_written(facts, PEOPLE, STOPS, NAMESAKE)
    assert "可能是同一人" in preview
    # What was read otherwise than written is named: the office's own column names.
    for column in ("来访地区", "来访领导", "我方出席领导"):
        assert f"“{column}”" in preview, column


def test_the_hidden_column_is_never_read():
    report = import_file(register(), FILE, dry_run=True, own_region=OWN_REGION)

    assert "京蒙协作处" not in " ".join(map(str, report.problems))


def test_beijings_quarterly_register_imported_twice_changes_nothing(tmp_path, capsys, client, django_user_model):
    make_person(*NAMESAKE)
    user = make_publisher(django_user_model, "office")
    through_command([(FILE, register())], tmp_path, capsys, client, user, own_region=OWN_REGION)

    again = import_file(register(), FILE, dry_run=True, own_region=OWN_REGION)

    assert again.totals == {"new": 0, "updated": 0, "unchanged": 2, "error": 0}


# Each reading the register needed, from its rows, on its own --------------------------------

ROW_2021 = ["44315", "通辽市", TONGLIAO_2021, "市委书记冯玉臻同志", "市扶贫支援办副主任 汪兆龙"]
ROW_HEADERS = ["接待日期", "来访地区", "对接事项", "来访领导", "我方出席领导"]


def row_people(title):
    return sorted(
        Participant.objects.filter(delegation__title=title).values_list("side", "name_as_printed", "title_as_printed")
    )


def test_visitors_region_and_leaders_and_the_offices_own_people_are_read_by_their_column():
    report = run(csv_bytes(ROW_HEADERS, [ROW_2021]), own_region=OWN_REGION)

    assert not report.has_errors, report.summary_lines()
    trip = Delegation.objects.get(title=TONGLIAO_2021)
    assert (trip.origin.name, [r.name for r in trip.destinations.all()]) == ("通辽市", ["北京市"])
    assert row_people(TONGLIAO_2021) == [(H, "汪兆龙", "市扶贫支援办副主任"), (V, "冯玉臻", "市委书记")]
    warnings = " ".join(report.warnings)
    for column, field in (("来访地区", "出发地"), ("来访领导", "带队领导"), ("我方出席领导", "出席人员")):
        assert f"“{column}”按“{field}”" in warnings, column


def test_our_side_is_the_offices_own_region_whichever_end_of_the_trip_it_is():
    """我方 in a register of an office's own trips out (通辽市's, to 北京市) is the visiting side."""
    headers = ["日期", "目的地", "对接事项", "我方出席领导"]
    report = run(csv_bytes(headers, [["2021.4.29", "北京市", "赴京对接", "市委书记冯玉臻"]]), own_region="通辽市")

    assert not report.has_errors, report.summary_lines()
    assert row_people("赴京对接") == [(V, "冯玉臻", "市委书记")]


def test_our_side_without_the_offices_region_is_a_guess_the_preview_names():
    headers = ["日期", "出发地", "目的地", "对接事项", "我方出席领导"]
    row = ["2021.4.29", "通辽市", "北京市", "来京对接", "北京市扶贫支援办副主任 汪兆龙"]

    report = run(csv_bytes(headers, [row]), dry_run=True)

    assert not report.has_errors, report.summary_lines()
    guessed = [item for item in report.review if item.kind == "推断的所属方"]
    assert [item.text for item in guessed] == ["汪兆龙（北京市扶贫支援办副主任） → 接待方（职务中的“北京市”是目的地）"]


MARKET = "京顺鑫石门国际农产品批发市场集团有限公司"


@pytest.mark.parametrize(
    ("written", "own_region", "place", "county"),
    [
        (f"{MARKET}（顺义区）", OWN_REGION, MARKET, "顺义区"),
        # A region above the trip's one destination under it: the destination.
        (f"{MARKET}（北京市）", "顺义区", MARKET, "顺义区"),
        ("北京二中（本部）", OWN_REGION, "北京二中（本部）", "北京市"),  # brackets naming no region stay in the name
    ],
)
def test_a_region_in_brackets_after_a_stop_is_where_it_lies(written, own_region, place, county):
    headers = ["接待日期", "来访地区", "对接事项", "考察点位"]
    report = run(csv_bytes(headers, [["2021.4.29", "通辽市", TONGLIAO_2021, written]]), own_region=own_region)

    assert not report.has_errors, report.summary_lines()
    stop = SiteVisit.objects.get()
    assert (stop.place, county_of(stop.region)) == (place, county)


def test_a_time_of_day_after_the_date_is_left_out_with_a_warning():
    headers = ["接待日期", "来访地区", "对接事项"]
    report = run(csv_bytes(headers, [["2026年2月3日上午", "兴安盟", XINGAN_2026]]), own_region=OWN_REGION)

    assert not report.has_errors, report.summary_lines()
    assert Delegation.objects.get().start_date.isoformat() == "2026-02-03"
    assert any("“上午”是一天中的时间" in str(problem) for problem in report.row_warnings)


def test_a_hidden_column_the_ledger_reads_is_read_and_named():
    """联系人 is hidden and no ledger's: ignored like any such column. Had the office hidden
    信息来源 too, it would be read — and the preview says nobody sees what it holds."""
    book = load_workbook(io.BytesIO(register()))
    for sheet in book.worksheets:
        sheet.column_dimensions["I"].hidden = True  # 信息来源
    buffer = io.BytesIO()
    book.save(buffer)

    report = import_file(buffer.getvalue(), FILE, dry_run=False, own_region=OWN_REGION)

    assert not report.has_errors, report.summary_lines()
    hidden = [warning for warning in report.warnings if "隐藏" in warning]
    assert len(hidden) == 3 and all("列“信息来源”在表中是隐藏的" in warning for warning in hidden), hidden
    assert not any("联系人" in warning for warning in hidden)
    publishers = sorted(Delegation.objects.values_list("source__publisher", flat=True))
    assert publishers == ["内蒙古自治区农牧厅", "北京市支援合作办公室"]


def test_what_was_read_from_the_register_exports_in_the_documented_form_and_imports_unchanged(
    tmp_path, capsys, client, django_user_model
):
    """Posts written first come out as 姓名（职务）, the office's side with its marker where the
    import would guess otherwise, the stop without its bracketed district; that export imports
    unchanged and exports again byte for byte."""
    from cooperation.ledgers.service import export_ledgers

    make_person(*NAMESAKE)
    user = make_publisher(django_user_model, "office")
    through_command([(FILE, register())], tmp_path, capsys, client, user, own_region=OWN_REGION)

    exported = export_ledgers(["trips"], file_format="csv")
    again = import_file(exported, "trips.csv", dry_run=False)

    assert again.totals == {"new": 0, "updated": 0, "unchanged": 2, "error": 0}, again.summary_lines()
    assert export_ledgers(["trips"], file_format="csv") == exported
    text = exported.decode("utf-8-sig")
    assert "冯玉臻（市委书记）" in text and "方玉东（市委常委、副市长）" in text
    assert "同志" not in text.replace("负责同志", "")
    assert "（顺义区）" not in text
