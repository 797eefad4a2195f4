"""Excel 97–2003 workbooks (.xls, BIFF8): read as the same workbook saved as .xlsx is, within the
same limits; a damaged, encrypted or other Office 97–2003 file refused with a reason."""

import datetime
import io
import struct

import pytest
import xlwt
from openpyxl import Workbook

from cooperation.ledgers.files import FileRefused, read_ledger_file
from tests.cooperation.ledger_builders import run, trip
from visits.ledgers.common import TRIP_HEADERS
from visits.models import Delegation

pytestmark = pytest.mark.django_db

DAY, MONTH = "yyyy-mm-dd", 'yyyy"年"m"月"'
# One workbook as an office keeps it, cell by cell: (row, column) from 0 → value, and its format.
TITLE = "2024年京蒙协作考察活动台账"
HEADER = ["序号", "标题", "开始日期", "目的地", "代表团成员", "金额", "联系人"]
CELLS = {
    (2, 0): 1, (2, 1): "赴察右前旗考察", (2, 2): (datetime.date(2024, 6, 20), DAY), (2, 3): "察右前旗",
    (2, 4): "张三（区长）", (2, 5): 500, (2, 6): "协作科",
    # The second trip's date merged over its two rows (a row per person).
    (3, 0): 2, (3, 1): "赴商都县考察", (3, 2): (datetime.date(2024, 7, 1), MONTH), (3, 3): "商都县",
    (3, 4): "李四（副区长）", (3, 5): 2.5,
    (4, 0): 3, (4, 1): "赴商都县考察", (4, 3): "商都县", (4, 4): "王五（局长）",
    (4, 5): (datetime.datetime(2024, 7, 2, 9, 30), "yyyy-mm-dd hh:mm"),
    (5, 0): "合计", (5, 5): 502.5,
}
MERGED_DOWN = [(3, 4, 2, 2)]  # (first row, last row, first column, last column), from 0
HIDDEN_COLUMN = 6


def as_xls(dates_1904=False, hidden_sheet=True):
    book = xlwt.Workbook(encoding="utf-8")
    book.dates_1904 = dates_1904
    sheet = book.add_sheet("考察活动")
    sheet.write_merge(0, 0, 0, len(HEADER) - 1, TITLE)
    for column, header in enumerate(HEADER):
        sheet.write(1, column, header)
    for (row, column), value in CELLS.items():
        if (row, column) == (3, 2):
            first, last, left, right = MERGED_DOWN[0]
            sheet.write_merge(first, last, left, right, value[0], xlwt.easyxf(num_format_str=value[1]))
        elif isinstance(value, tuple):
            sheet.write(row, column, value[0], xlwt.easyxf(num_format_str=value[1]))
        else:
            sheet.write(row, column, float(value) if isinstance(value, int) else value)
    sheet.col(HIDDEN_COLUMN).hidden = True
    if hidden_sheet:
        lists = book.add_sheet("下拉选项")
        lists.write(0, 0, "旗县区")
        lists.visibility = 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def as_xlsx():
    book = Workbook()
    sheet = book.active
    sheet.title = "考察活动"
    sheet.cell(1, 1, TITLE)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    for column, header in enumerate(HEADER, start=1):
        sheet.cell(2, column, header)
    for (row, column), value in CELLS.items():
        if isinstance(value, tuple):
            cell = sheet.cell(row + 1, column + 1, value[0])
            cell.number_format = value[1]
        else:
            sheet.cell(row + 1, column + 1, value)
    for first, last, left, right in MERGED_DOWN:
        sheet.merge_cells(start_row=first + 1, start_column=left + 1, end_row=last + 1, end_column=right + 1)
    sheet.column_dimensions["G"].hidden = True
    lists = book.create_sheet("下拉选项")
    lists["A1"] = "旗县区"
    lists.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read(data, name, **limits):
    return read_ledger_file(data, name, known_headers=frozenset(HEADER[1:4]), **limits)


def shape(sheet):
    return {
        "name": sheet.name, "headers": sheet.headers, "rows": sheet.rows, "header_row": sheet.header_row,
        "title_rows": sheet.title_rows, "merged_down": sheet.merged_down, "merged_spans": sheet.merged_spans,
        "hidden": sheet.hidden, "hidden_headers": sheet.hidden_headers, "set_aside": sheet.set_aside,
        "in_workbook": sheet.in_workbook, "stray_cells": sheet.stray_cells,
    }


def test_an_xls_is_read_as_the_same_workbook_saved_as_xlsx():
    """Title row, merged value carried down, hidden sheet and column, date cells (a day, a month,
    a time of day), whole numbers as integers, the 合计 row: the same sheets, cell for cell."""
    xls, xlsx = read(as_xls(), "台账.xls"), read(as_xlsx(), "台账.xlsx")

    assert (xls.kind, xlsx.kind) == ("XLS", "XLSX")
    assert [shape(sheet) for sheet in xls.sheets] == [shape(sheet) for sheet in xlsx.sheets]
    [records, lists] = xls.sheets
    assert records.rows[:2] == [
        (3, [1, "赴察右前旗考察", datetime.date(2024, 6, 20), "察右前旗", "张三（区长）", 500, "协作科"]),
        (4, [2, "赴商都县考察", "2024年7月", "商都县", "李四（副区长）", 2.5, None]),
    ]
    assert records.rows[2][1][2] == "2024年7月" and records.merged_down == 1
    assert records.rows[2][1][5] == datetime.datetime(2024, 7, 2, 9, 30)
    assert type(records.rows[0][1][0]) is int and type(records.rows[1][1][5]) is float
    assert records.title_rows == [(1, TITLE)] and records.hidden_headers == ["联系人"]
    assert records.set_aside == [(6, "合计", "合计 502.5")]
    assert lists.hidden and lists.name == "下拉选项"


def test_a_workbook_of_the_1904_date_system_reads_the_same_days():
    """Excel for Mac once saved dates as days since 1904: the book says which, and the day is the same."""
    assert read(as_xls(dates_1904=True), "台账.xls").sheets[0].rows == read(as_xls(), "台账.xls").sheets[0].rows


def test_date_cells_read_as_in_an_xlsx_import():
    """The same ledger as test_ledger_files' date cells: a day cell a day, a month-formatted cell a month."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("考察活动")
    rows = [
        list(TRIP_HEADERS),
        trip(标题="一", 开始日期=datetime.date(2024, 6, 20)),
        trip(标题="二", 开始日期=datetime.date(2024, 7, 1)),
    ]
    date_column = list(TRIP_HEADERS).index("开始日期")
    formats = {1: xlwt.easyxf(num_format_str=DAY), 2: xlwt.easyxf(num_format_str=MONTH)}
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value not in ("", None):
                sheet.write(r, c, value, formats[r] if r and c == date_column else xlwt.Style.default_style)
    buffer = io.BytesIO()
    book.save(buffer)

    report = run(buffer.getvalue(), "台账.xls")

    assert not report.has_errors, report.summary_lines()
    assert report.summary_lines()[0] == "文件：台账.xls（XLS）"
    assert sorted(Delegation.objects.values_list("title", "start_date", "date_precision")) == [
        ("一", datetime.date(2024, 6, 20), "day"),
        ("二", datetime.date(2024, 7, 1), "month"),
    ]


def test_an_xls_sheet_over_the_web_limit_is_refused_naming_it():
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("考察活动")
    for column, header in enumerate(HEADER[1:4]):
        sheet.write(0, column, header)
    for row in range(1, 60):
        sheet.write(row, 0, f"考察{row}")
    buffer = io.BytesIO()
    book.save(buffer)

    with pytest.raises(FileRefused) as refused:
        read(buffer.getvalue(), "台账.xls", max_rows=40)

    assert refused.value.messages == [
        "工作表“考察活动”超过网页导入的上限 40 行；请拆成几个文件，或请管理员用 import_ledger 命令导入。"
    ]


def _workbook_stream_patched(data, old, new):
    """The .xls with the first record of type `old` in its Workbook stream given type `new` (same
    length: the compound file stays whole)."""
    marker = struct.pack("<H", old)
    at = data.index(marker, data.index(b"\x09\x08"))  # after the workbook's BOF record
    return data[:at] + struct.pack("<H", new) + data[at + 2 :]


DAMAGED = "文件像是旧版 Excel（.xls），但已损坏，无法读取；请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。"


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("truncated.xls", lambda: as_xls()[:3000], DAMAGED),
        ("half.xls", lambda: as_xls()[: len(as_xls()) // 2], DAMAGED),
        ("header-only.xls", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), DAMAGED),
        ("signature-cut.xls", lambda: b"\xd0\xcf\x11\xe0", DAMAGED),
        (
            # An Office 97–2003 file of another program: its stream is no workbook (a Word .doc's
            # is WordDocument).
            "report.doc",
            lambda: as_xls().replace("Workbook".encode("utf-16-le"), "WordDocu".encode("utf-16-le")),
            "这是 Office 97–2003 格式的文件，但里面没有 Excel 工作簿（可能是 Word 或 PowerPoint 文件）；"
            "请上传台账的 CSV、XLSX 或 XLS。",
        ),
        (
            # A workbook saved with a password to open it: a FILEPASS record after its BOF.
            "locked.xls",
            lambda: _workbook_stream_patched(as_xls(), 0x005C, 0x002F),
            "这个 .xls 工作簿设置了打开密码，无法读取；请在 Excel 或 WPS 中取消密码后再导入。",
        ),
    ],
)
def test_a_damaged_or_foreign_ole_file_is_refused_with_a_reason(name, make, message):
    report = run(make(), name)

    assert report.refusals == [message]
    assert Delegation.objects.count() == 0


def test_random_bytes_after_the_ole_signature_never_raise_anything_but_a_refusal():
    import random

    source = random.Random(15)
    good = as_xls()
    for _ in range(40):
        data = bytearray(good)
        for _ in range(20):
            data[source.randrange(512, len(data))] = source.randrange(256)
        try:
            read(bytes(data), "noise.xls")
        except FileRefused as refused:
            assert refused.messages


def test_a_merged_range_claiming_the_whole_sheet_adds_no_rows():
    """A few KB whose merged range claims all 65,536 rows and 256 columns: the rows there are, as
    an XLSX's (never a sheet of 16 million empty cells, nor a refusal for rows nobody wrote)."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("考察活动")
    for column, header in enumerate(HEADER[1:4]):
        sheet.write(0, column, header)
    sheet.write_merge(1, 2, 0, 1, "赴察右前旗考察")
    buffer = io.BytesIO()
    book.save(buffer)
    merge = struct.pack("<HHH", 0x00E5, 10, 1)
    data = buffer.getvalue().replace(
        merge + struct.pack("<HHHH", 1, 2, 0, 1), merge + struct.pack("<HHHH", 1, 65535, 0, 255)
    )
    assert data != buffer.getvalue()

    [records] = read(data, "台账.xls", max_rows=20_000).sheets

    assert [number for number, _cells in records.rows] == [2, 3]
    assert records.rows[1][1][0] == "赴察右前旗考察" and records.merged_down == 1
