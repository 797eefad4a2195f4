"""Files as offices save them: encodings, CSV and XLSX (XLS: test_ledger_xls), headers; and files not ledgers."""

import csv
import datetime
import io
import sys
import zipfile

import pytest
from openpyxl import Workbook

from cooperation.ledgers.files import read_ledger_file
from projects.ledger import PROJECT_HEADERS
from projects.models import Project
from tests.cooperation.ledger_builders import (
    csv_bytes,
    outcomes,
    problems,
    project,
    projects_csv,
    run,
    speech,
    trip,
    trips_csv,
    xlsx_bytes,
)
from visits.ledgers.common import SPEECH_HEADERS, TRIP_HEADERS
from visits.models import Delegation, Meeting

pytestmark = pytest.mark.django_db

# 㛃 and 䶮 are in GB18030 but not in GBK: the reason GB18030 is the encoding read.
RARE_NAME = "王㛃"


@pytest.mark.parametrize(
    ("encoding", "label"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8（带 BOM）"),
        ("gb18030", "GB18030（兼容 GBK、GB2312）"),
        ("utf-16", "UTF-16"),
    ],
)
def test_each_encoding_is_detected_shown_and_read(encoding, label):
    data = trips_csv(trip(标题="大兴区代表团赴察右前旗考察", 带队领导=f"{RARE_NAME}（区委书记）"), encoding=encoding)

    report = run(data)

    assert (report.encoding, report.totals["new"]) == (label, 1)
    assert Delegation.objects.get().participants.get().name_as_printed == RARE_NAME


def test_a_gbk_file_is_read_as_gb18030():
    data = trips_csv(trip(标题="赴察右前旗、正镶白旗对接考察", 带队领导="额尔德尼（旗长）"), encoding="gbk")

    report = run(data)

    assert (report.encoding, report.totals["new"]) == ("GB18030（兼容 GBK、GB2312）", 1)
    assert Delegation.objects.get().title == "赴察右前旗、正镶白旗对接考察"


def test_a_tab_separated_file_from_excel_unicode_text_is_read():
    data = trips_csv(trip(), encoding="utf-16", delimiter="\t")

    assert run(data).totals["new"] == 1


def test_a_workbook_with_the_three_sheets_imports_projects_first_then_trips_then_speeches():
    workbook = xlsx_bytes(
        {
            "会议发言": (SPEECH_HEADERS, [speech(活动编号="T1")]),
            "考察活动": (TRIP_HEADERS, [trip(编号="T1", 相关项目="P1")]),
            "项目": (PROJECT_HEADERS, [project(编号="P1")]),
        }
    )

    report = run(workbook, "台账.xlsx")

    assert [r.ledger for r in report.results] == ["项目", "考察活动", "会议发言"]
    assert outcomes(report) == [(2, "new"), (2, "new"), (2, "new")]
    trip_record = Delegation.objects.get(code="T1")
    assert [p.code for p in trip_record.related_projects.all()] == ["P1"]  # no stop names it: the trip's
    assert Meeting.objects.get().delegation == trip_record


def test_real_date_cells_and_month_formatted_cells_in_a_workbook():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "考察活动"
    sheet.append(list(TRIP_HEADERS))
    sheet.append(trip(标题="一", 开始日期=datetime.date(2024, 6, 20)))
    sheet.append(trip(标题="二", 开始日期=datetime.datetime(2024, 7, 1)))
    sheet["D3"].number_format = 'yyyy"年"m"月"'
    buffer = io.BytesIO()
    workbook.save(buffer)

    run(buffer.getvalue(), "台账.xlsx")

    assert sorted(Delegation.objects.values_list("title", "start_date", "date_precision")) == [
        ("一", datetime.date(2024, 6, 20), "day"),
        ("二", datetime.date(2024, 7, 1), "month"),
    ]


def test_headers_with_spaces_and_a_bom_are_accepted():
    data = "\ufeff 编号 , 标题 ,开始日期\r\nT1,赴察右前旗考察,2024年6月\r\n".encode()

    report = run(data)

    assert (report.refusals, report.totals["new"]) == ([], 1)


def test_a_missing_required_column_refuses_and_an_unknown_one_is_ignored_by_name():
    data = "编号,开始日期,联系人,目的地\r\nT1,2024-06-20,王有国,察右前旗\r\n".encode()

    report = run(data)

    assert report.refusals == [
        "无法从表头判断文件是哪一种台账；"
        "应是 项目（项目名称…）、年度数据（年度…）、考察活动（标题…）、会议发言（会议…） 之一。"
    ]

    data = "编号,标题,联系人,目的地,\r\nT1,考察,王有国,察右前旗,\r\n".encode()
    report = run(data)

    assert report.refusals == []
    assert report.warnings == ["文件（考察活动）：已忽略无法识别的列 “联系人”，其内容不会导入。"]
    assert list(Delegation.objects.values_list("code", "title")) == [("T1", "考察")]
    assert Delegation.objects.get().participants.count() == 0


def test_a_column_an_office_names_its_own_way_is_read_as_the_ledgers_with_a_warning():
    """活动名称 is 标题, 带队人 is 带队领导, 日期 is 开始日期 — unless the sheet has the ledger's own
    column too, which is then read and the other ignored by name."""
    data = "活动名称,日期,带队人,目的地\r\n考察,2024-06-20,王有国（区委书记）,察右前旗\r\n".encode()

    report = run(data)

    assert report.refusals == []
    assert report.warnings == [
        "文件（考察活动）：列“活动名称”按“标题”，“日期”按“开始日期”，“带队人”按“带队领导”读入。"
    ]
    trip = Delegation.objects.get()
    assert (trip.title, trip.start_date.isoformat()) == ("考察", "2024-06-20")
    assert list(trip.participants.values_list("name_as_printed", "title_as_printed", "side")) == [
        ("王有国", "区委书记", "visiting")
    ]

    data = "标题,带队领导,带队人\r\n又一次考察,王有国（区委书记）,李四\r\n".encode()
    report = run(data)

    assert report.warnings == ["文件（考察活动）：已忽略无法识别的列 “带队人”，其内容不会导入。"]
    assert Delegation.objects.get(title="又一次考察").participants.count() == 1


def test_a_sheet_named_for_a_ledger_without_its_required_column_is_refused():
    workbook = xlsx_bytes({"项目": (["编号", "支援方"], [["P1", "大兴区"]])})

    report = run(workbook, "台账.xlsx")

    assert report.refusals == ["工作表“项目”（项目）：缺少必填列“项目名称”"]


def test_a_repeated_header_and_a_cell_outside_the_headers_are_reported():
    data = "标题,标题\r\n一,二\r\n".encode()
    assert run(data).refusals == ["文件（考察活动）：表头“标题”出现了两次"]

    data = "标题,开始日期\r\n赴察右前旗考察,2024-06-20,多出来的\r\n".encode()
    report = run(data)
    assert problems(report) == [(2, "", "多出来的", "第 3 列在表头之外还有内容")]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.csv", b"", "文件是空的。"),
        (
            "photo.csv",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
            "这不是表格文件（CSV、XLSX 或 XLS）：文件里有二进制内容。",
        ),
        (
            "old.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
            "文件像是旧版 Excel（.xls），但已损坏，无法读取；请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。",
        ),
        ("broken.xlsx", b"PK\x03\x04" + b"garbage" * 20, "文件像是 XLSX，但已损坏，无法打开。"),
        (
            "notes.txt",
            "随便写的一段话，没有表头\n第二行".encode(),
            "无法从表头判断文件是哪一种台账；"
            "应是 项目（项目名称…）、年度数据（年度…）、考察活动（标题…）、会议发言（会议…） 之一。",
        ),
        ("latin.csv", "标题\n".encode() + bytes(range(0x80, 0x100)) * 3, None),
    ],
)
def test_a_file_that_is_not_a_ledger_is_refused_with_a_reason(name, data, message):
    report = run(data, name)

    assert report.refused
    if message:
        assert report.refusals == [message]
    assert Delegation.objects.count() == 0


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "不是工作簿")

    report = run(buffer.getvalue(), "台账.xlsx")

    assert report.refusals == ["无法作为 XLSX 工作簿打开；请确认是 Excel 或 WPS 保存的 .xlsx 文件。"]


def test_a_file_over_the_limit_is_refused_before_it_is_read():
    data = projects_csv(*[project(项目名称=f"项目{n}", 简介="说明" * 400) for n in range(12_000)])
    assert len(data) > 20 * 1024 * 1024

    report = run(data, max_bytes=10 * 1024 * 1024)

    assert report.refusals == [
        f"文件有 {len(data) / 1024 / 1024:.1f} MB，超过网页导入的上限 10 MB；"
        "请拆成几个文件，或请管理员用 import_ledger 命令导入。"
    ]
    assert Project.objects.count() == 0


@pytest.mark.parametrize("process_limit", [None, sys.maxsize], ids=["csv default", "raised by another library"])
def test_an_unclosed_quote_and_an_oversized_cell(process_limit):
    data = '标题,摘要\r\n"赴察右前旗考察,"没有收尾的引号\r\n'.encode() + ("x" * 200_000).encode()
    previous = csv.field_size_limit()
    if process_limit:
        csv.field_size_limit(process_limit)  # as importing frictionless does, for the whole process
    try:
        report = run(data)
    finally:
        csv.field_size_limit(previous)

    assert report.refused
    assert report.refusals[0].startswith("CSV 第 ")


def test_empty_rows_and_a_title_row_above_the_headers_are_skipped():
    data = "\r\n,,\r\n标题,开始日期\r\n赴察右前旗考察,2024-06-20\r\n,\r\n\r\n正镶白旗调研,2024年\r\n".encode()

    report = run(data)

    assert outcomes(report) == [(4, "new"), (7, "new")]
    assert report.results[0].skipped == 2


def test_reading_keeps_row_numbers_of_multiline_cells():
    data = '标题,考察点\r\n一,"甲：看了\r\n乙：也看了"\r\n二,丙\r\n'.encode()

    sheet = read_ledger_file(data, "t.csv").sheets[0]

    assert [number for number, _cells in sheet.rows] == [2, 3]


def test_excels_delimiter_hint_line_is_not_a_row():
    data = "sep=;\r\n标题;开始日期\r\n赴察右前旗考察;2024-06-20\r\n".encode()

    report = run(data)

    assert outcomes(report) == [(2, "new")]  # numbered as Excel shows it: the hint line is not shown


def test_a_header_over_two_rows_is_read_as_one_its_group_names_left_out():
    """人员 over 带队领导 and 出席人员, the single headers empty below (a CSV) or merged down both
    rows (a workbook): each column is its lower name, else its upper one."""
    rows = [
        ["2019—2021年对接考察台账", "", "", ""],
        ["事项", "人员", "", "时间"],
        ["", "带队领导", "出席人员", ""],
        ["赴突泉县调研", "孙强（房山区人大常委会主任）", "耿天良（县长）", "2020-09-15"],
    ]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "2019—2021年"
    for values in rows:
        sheet.append(values)
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("B2:C2")
    sheet.merge_cells("D2:D3")
    buffer = io.BytesIO()
    workbook.save(buffer)
    as_csv = "\r\n".join(",".join(values) for values in rows).encode()

    for name, data in (("台账.xlsx", buffer.getvalue()), ("台账.csv", as_csv)):
        report = run(data, name)

        assert outcomes(report) == [(4, "new")], report.refusals + [str(p) for p in report.problems]
        trip_record = Delegation.objects.get(title="赴突泉县调研")
        assert sorted(trip_record.participants.values_list("name_as_printed", "side")) == [
            ("孙强", "visiting"), ("耿天良", "host"),
        ]
        assert any("表头占两行（第 2、3 行）" in n and "“人员” 是分组名" in n for n in report.notices), report.notices
        trip_record.delete()


def test_a_row_under_a_header_is_no_part_of_it_unless_it_names_headers_of_its_own():
    data = "标题,开始日期,带队领导\r\n带队领导,2024-06-20,王有国（区委书记）\r\n".encode()

    sheet = read_ledger_file(data, "t.csv", known_headers={"标题", "开始日期", "带队领导"}).sheets[0]

    assert sheet.headers == ["标题", "开始日期", "带队领导"] and sheet.upper_header_row == 0
    assert [number for number, _cells in sheet.rows] == [2]


def test_a_totals_row_and_a_note_row_under_the_records_are_set_aside_and_named():
    """合计 with the sum in the amount column, and a note merged across (its text in the first
    cell): neither is a project, and the preview says why each was left out."""
    headers = ["序号", "项目名称", "受援方", "帮扶资金（万元）", "备注"]
    data = csv_bytes(headers, [
        ["1", "甲项目", "察右前旗", "30", ""],
        ["2", "乙项目", "察右前旗", "30", ""],
        ["合  计", "", "", "60", ""],
        ["注：资金单位为万元。", "", "", "", ""],
        ["填表人：王", "", "", "", ""],
    ])

    report = run(data, "项目.csv")

    assert outcomes(report) == [(2, "new"), (3, "new")]
    assert sorted(Project.objects.values_list("name", flat=True)) == ["乙项目", "甲项目"]
    assert [n for n in report.notices if "不是一条记录" in n] == [
        "文件第 4 行（“合  计 60”）是合计行，不是一条记录，已跳过。",
        "文件第 5 行（“注：资金单位为万元。”）是说明，不是一条记录，已跳过。",
        "文件第 6 行（“填表人：王”）是说明，不是一条记录，已跳过。",
    ]


def test_a_row_that_only_begins_like_a_note_is_still_a_record():
    data = projects_csv(project(项目名称="注：甲项目", 简介="说明：乙"))

    report = run(data, "项目.csv")

    assert outcomes(report) == [(2, "new")]


def test_more_names_offices_give_the_columns():
    """事项 (房山区's 2019—2021年 sheet) is 标题, 来访人员 (a receiving office's register) is
    代表团成员, 京蒙协作资金（万元） (房山区's projects) is 帮扶资金（万元）."""
    data = "事项,日期,目的地,来访人员\r\n赴察右前旗考察,2024-06-20,察右前旗,张三（大兴区副区长）\r\n".encode()

    report = run(data)

    assert report.warnings == ["文件（考察活动）：列“事项”按“标题”，“日期”按“开始日期”，“来访人员”按“代表团成员”读入。"]
    trip = Delegation.objects.get()
    assert (trip.title, list(trip.participants.values_list("name_as_printed", "side"))) == (
        "赴察右前旗考察", [("张三", "visiting")],
    )

    report = run("项目名称,受援方,京蒙协作资金（万元）\r\n甲项目,察右前旗,30\r\n".encode(), "项目.csv")

    assert report.refusals == [] and Project.objects.get().aid_funds == 30


def test_overlapping_merges_of_a_workbook_are_dropped_each_cell_carried_down_once():
    """Excel never writes a merge overlapping another; a broken or hostile file does. The first
    (topmost) is kept, those overlapping it are dropped: no cell is carried down twice, and two
    thousand merges each claiming the rest of the sheet cost what its cells do."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["标题", "开始日期"])
    sheet.append(["赴库伦旗考察", "2024-06-20"])
    for _ in range(2_000):
        sheet.append([None, "2024-06-21"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    # Each merge overlapping the one above it, down to the last row (written into the sheet's XML:
    # openpyxl takes seconds to merge so many cells), and one beside the first, overlapping none.
    merges = ["A2:A4", *(f"A{row}:A2002" for row in range(3, 2_002)), "B5:B6"]
    written = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(written, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                cells = "".join(f'<mergeCell ref="{merge}"/>' for merge in merges)
                content = content.replace(
                    b"</sheetData>", f'</sheetData><mergeCells count="{len(merges)}">{cells}</mergeCells>'.encode()
                )
            target.writestr(item, content)

    [records] = read_ledger_file(written.getvalue(), "台账.xlsx", known_headers={"标题", "开始日期"}).sheets

    titles = [cells[0] for _number, cells in records.rows]
    assert titles[:3] == ["赴库伦旗考察"] * 3 and set(titles[3:]) == {None}
    assert records.merged_down == 2  # A3, A4 from A2 (B6 holds a date of its own)
    # A5:A2002 overlaps none kept before it (its top cell is empty: it carries nothing down).
    assert records.merged_spans == [(0, 2, 4), (0, 5, 2002), (1, 5, 6)]
