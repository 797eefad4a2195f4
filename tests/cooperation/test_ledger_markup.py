"""The ".xls" office systems export that is no Excel 97–2003 workbook — an HTML table, Excel 2003's
XML Spreadsheet — read, by its content whatever its name, as the same workbook saved as .xlsx is;
within the same limits; a page without a table, another XML or a hostile file refused with a reason."""

import datetime
import html
import time

import pytest

from cooperation.ledgers.files import FileRefused, read_ledger_file
from tests.cooperation.ledger_builders import run
from tests.cooperation.test_ledger_xls import (
    CELLS,
    DAY,
    HEADER,
    HIDDEN_COLUMN,
    MERGED_DOWN,
    MONTH,
    TITLE,
    as_xlsx,
    read,
    shape,
)
from visits.models import Delegation

pytestmark = pytest.mark.django_db

WIDTH = len(HEADER)
[(MERGE_FIRST, MERGE_LAST, MERGE_COLUMN, _)] = MERGED_DOWN
STYLES = {DAY: "day", MONTH: "month", "yyyy-mm-dd hh:mm": "moment"}
NAMESPACES = (
    'xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"'
)


def _under_merge(row, column):
    return column == MERGE_COLUMN and MERGE_FIRST < row <= MERGE_LAST


def as_spreadsheet_xml(rows=None, extra=""):
    """The workbook of test_ledger_xls as Excel 2003 saves "XML Spreadsheet"."""
    styles = "".join(
        f'<Style ss:ID="{style}"><NumberFormat ss:Format="{html.escape(number_format)}"/></Style>'
        for number_format, style in STYLES.items()
    )
    if rows is None:
        rows = [f'<Row><Cell ss:MergeAcross="{WIDTH - 1}"><Data ss:Type="String">{TITLE}</Data></Cell></Row>']
        rows.append("<Row>" + "".join(f'<Cell><Data ss:Type="String">{h}</Data></Cell>' for h in HEADER) + "</Row>")
        for row in range(2, 6):
            cells, previous = [], -1
            for column in range(WIDTH):
                value = CELLS.get((row, column))
                if value is None or _under_merge(row, column):
                    continue
                index = f' ss:Index="{column + 1}"' if column != previous + 1 else ""
                merge = ' ss:MergeDown="1"' if (row, column) == (MERGE_FIRST, MERGE_COLUMN) else ""
                if isinstance(value, tuple):
                    moment = value[0] if isinstance(value[0], datetime.datetime) else datetime.datetime(
                        value[0].year, value[0].month, value[0].day
                    )
                    cells.append(
                        f'<Cell{index}{merge} ss:StyleID="{STYLES[value[1]]}"><Data ss:Type="DateTime">'
                        f"{moment.isoformat()}.000</Data></Cell>"
                    )
                elif isinstance(value, str):
                    cells.append(f'<Cell{index}{merge}><Data ss:Type="String">{value}</Data></Cell>')
                else:
                    cells.append(f'<Cell{index}{merge}><Data ss:Type="Number">{value}</Data></Cell>')
                previous = column
            rows.append("<Row>" + "".join(cells) + "</Row>")
        rows = "".join(rows)
        lists = (
            '<Worksheet ss:Name="下拉选项"><Table><Row><Cell><Data ss:Type="String">旗县区</Data></Cell></Row></Table>'
            '<WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible>'
            "</WorksheetOptions></Worksheet>"
        )
    else:
        lists = ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        f"{extra}<Workbook {NAMESPACES}><Styles>{styles}</Styles>"
        f'<Worksheet ss:Name="考察活动"><Table><Column ss:Index="{HIDDEN_COLUMN + 1}" ss:Hidden="1"/>{rows}</Table>'
        f"</Worksheet>{lists}</Workbook>"
    ).encode()


def shown(value):
    """A cell as a web page shows it: its text."""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value if value is None or isinstance(value, str) else str(value)


HIDE = ' style="display:none"'


def as_html(encoding="gb2312"):
    """The workbook of test_ledger_xls as a web register exports it: one <table>, every cell the
    text it shows, the merged date a rowspan, the hidden column display:none."""
    lines = [
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}"></head><body>',
        "<table border=1>",
        f"<tr><td colspan={WIDTH}><b>{TITLE}</b></td></tr>",
        "<tr>" + "".join(f"<th{HIDE if column == HIDDEN_COLUMN else ''}>{h}</th>" for column, h in enumerate(HEADER))
        + "</tr>",
    ]
    for row in range(2, 6):
        cells = []
        for column in range(WIDTH):
            if _under_merge(row, column):
                continue
            value = CELLS.get((row, column))
            text = shown(value[0] if isinstance(value, tuple) else value)
            if isinstance(value, tuple) and value[1] == MONTH:
                text = f"{value[0].year}年{value[0].month}月"
            span = " rowspan=2" if (row, column) == (MERGE_FIRST, MERGE_COLUMN) else ""
            hide = HIDE if column == HIDDEN_COLUMN else ""
            cells.append(f"<td{span}{hide}>&nbsp;{html.escape(text) if text else ''}&nbsp;</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines += ["</table>", "</body></html>"]
    return "\n".join(lines).encode(encoding)


def test_an_xml_spreadsheet_is_read_as_the_same_workbook_saved_as_xlsx():
    """Title merged across, the date merged down, ss:Index, the hidden column and sheet, date cells
    (a day, a month, a time), whole numbers as integers, the 合计 row: the same sheets, cell for cell."""
    xml, xlsx = read(as_spreadsheet_xml(), "台账.xls"), read(as_xlsx(), "台账.xlsx")

    assert xml.kind == "XML" and xml.is_workbook
    assert [shape(sheet) for sheet in xml.sheets] == [shape(sheet) for sheet in xlsx.sheets]
    [records, lists] = xml.sheets
    assert records.rows[1] == (4, [2, "赴商都县考察", "2024年7月", "商都县", "李四（副区长）", 2.5, None])
    assert type(records.rows[0][1][0]) is int and records.merged_down == 1
    assert records.hidden_headers == ["联系人"] and lists.hidden


@pytest.mark.parametrize("encoding", ["gb2312", "utf-8"])
def test_an_html_table_is_read_as_the_same_workbook_saved_as_xlsx_shows_it(encoding):
    """The same sheet, but each cell the text the page shows (read as a CSV's text is): title row,
    rowspan carried down, display:none column, 合计 row, &nbsp; padding gone; one table, named as a
    CSV file is."""
    page, xlsx = read(as_html(encoding), "台账.xls"), read(as_xlsx(), "台账.xlsx")

    [records] = page.sheets
    [expected, _lists] = xlsx.sheets
    assert page.kind == "HTML" and not page.is_workbook and not records.in_workbook
    assert records.name == "台账"
    assert {**shape(records), "name": "", "in_workbook": True, "rows": []} == {
        **shape(expected), "name": "", "rows": []
    }
    assert records.rows == [(number, [shown(value) for value in cells]) for number, cells in expected.rows]
    assert records.rows[2][1][2] == "2024年7月" and records.hidden_headers == ["联系人"]


@pytest.mark.parametrize("name", ["台账.xls", "台账.htm", "台账.html", "台账.xml", "台账"])
def test_the_file_is_told_by_its_content_not_its_name(name):
    assert read(as_html(), name).kind == "HTML"
    assert read(as_spreadsheet_xml(), name).kind == "XML"


def test_an_html_ledger_imports_through_the_import():
    page = (
        "<html><body><table><tr><th>标题</th><th>开始日期</th><th>目的地</th></tr>"
        "<tr><td>赴察右前旗考察</td><td>2024年6月20日</td><td>察右前旗</td></tr></table></body></html>"
    ).encode()

    report = run(page, "考察活动.xls")

    assert not report.has_errors, report.summary_lines()
    assert list(Delegation.objects.values_list("title", flat=True)) == ["赴察右前旗考察"]


def test_several_tables_are_several_sheets_and_the_one_of_no_ledger_is_skipped():
    """A query form above the records (查询条件 in a table of its own): each innermost table a sheet,
    named by its caption or 表格1, 表格2 …; the one that is no ledger is skipped as a workbook's is."""
    page = (
        "<html><body><table><tr><td><table><caption>查询条件</caption><tr><td>年度</td><td>2024</td></tr></table>"
        "</td></tr><tr><td><table><tr><th>标题</th><th>开始日期</th><th>目的地</th></tr>"
        "<tr><td>赴察右前旗考察</td><td>2024年6月20日</td><td>察右前旗</td></tr></table></td></tr></table>"
        "</body></html>"
    ).encode()

    ledger = read_ledger_file(page, "导出.xls")
    report = run(page, "导出.xls")

    assert [sheet.name for sheet in ledger.sheets] == ["查询条件", "表格2"] and ledger.is_workbook
    assert not report.has_errors, report.summary_lines()
    assert Delegation.objects.count() == 1


def test_unclosed_tags_are_read_as_a_browser_reads_them():
    page = "<table><tr><th>标题<th>开始日期<th>目的地<tr><td>赴察右前旗考察<td>2024-06-20<td>察右前旗".encode()

    [sheet] = read(page, "台账.xls").sheets

    assert sheet.headers == ["标题", "开始日期", "目的地"]
    assert sheet.rows == [(2, ["赴察右前旗考察", "2024-06-20", "察右前旗"])]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html><body><p>\xe6\x9a\x82\xe6\x97\xa0\xe6\x95\xb0\xe6\x8d\xae</p></body></html>", "里面没有表格"),
        (b'<?xml version="1.0"?><rss><channel/></rss>', "不是 Excel 的 XML 表格"),
        (as_spreadsheet_xml()[:300], "内容不完整或已损坏"),
    ],
    ids=["page without a table", "other xml", "cut short"],
)
def test_what_is_no_table_is_refused_saying_what_it_is(data, message):
    with pytest.raises(FileRefused) as refused:
        read(data, "导出.xls")

    assert message in refused.value.messages[0]


LAUGHS = "<!DOCTYPE Workbook [<!ENTITY lol0 \"lol\">" + "".join(
    f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
) + "]>\n"
XXE = '<!DOCTYPE Workbook [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'


@pytest.mark.parametrize(
    "data",
    [
        as_spreadsheet_xml(extra=LAUGHS).replace(TITLE.encode(), b"&lol9;", 1),
        as_spreadsheet_xml(extra=XXE).replace(TITLE.encode(), b"&x;", 1),
    ],
    ids=["billion laughs", "external entity"],
)
def test_an_xml_declaring_entities_is_refused_before_it_is_parsed(data):
    started = time.process_time()

    with pytest.raises(FileRefused) as refused:
        read(data, "台账.xls")

    assert "实体或文档类型声明" in refused.value.messages[0]
    assert time.process_time() - started < 5


def test_spans_claimed_over_millions_of_cells_cost_only_the_cells_there_are():
    """10 MB of cells each claiming colspan and rowspan of ten million: the rows the file has, at
    most MAX_COLUMNS columns, each merged value carried down once."""
    cell = '<td colspan="10000000" rowspan="10000000">赴察右前旗考察</td>'
    page = ("<table><tr><th>标题</th><th>开始日期</th><th>目的地</th></tr>"
            + f"<tr>{cell * 3}</tr>" * (10 * 1024 * 1024 // (len(cell.encode()) * 3))
            + "</table>").encode()
    started = time.process_time()

    with pytest.raises(FileRefused) as refused:
        read(page, "台账.xls", max_rows=20_000)
    [sheet] = read(page[: 200 * 3 * len(cell.encode())] + b"</table>", "台账.xls", max_rows=20_000).sheets

    assert "超过网页导入的上限 20000 行" in refused.value.messages[0]
    assert len(sheet.rows) < 200 and all(len(cells) == 3 for _number, cells in sheet.rows)
    assert time.process_time() - started < 60


def test_xml_merges_and_indexes_claiming_millions_cost_only_the_cells_there_are():
    header = "".join(f'<Cell><Data ss:Type="String">{h}</Data></Cell>' for h in ("标题", "开始日期", "目的地"))
    header = f"<Row>{header}</Row>"
    claim = (
        '<Row><Cell ss:MergeAcross="9999999" ss:MergeDown="9999999"><Data ss:Type="String">赴察右前旗考察</Data>'
        "</Cell></Row>"
    )
    far = '<Row><Cell ss:Index="99999999"><Data ss:Type="String">x</Data></Cell></Row>'

    [records] = read(as_spreadsheet_xml(rows=header + claim * 3000 + far), "台账.xls", max_rows=20_000).sheets
    with pytest.raises(FileRefused) as refused:
        read(as_spreadsheet_xml(rows=header + '<Row ss:Index="99999999"/>'), "台账.xls", max_rows=20_000)

    # The rows there are; each row's own merge overlaps the first one's and is dropped: only the
    # row whose cell lies past MAX_COLUMNS, empty, takes the first merge's value.
    assert len(records.rows) == 3001 and all(len(cells) == 3 for _number, cells in records.rows)
    assert records.merged_down == 1 and records.rows[-1] == (3002, ["赴察右前旗考察", None, None])
    assert "超过网页导入的上限 20000 行" in refused.value.messages[0]


def test_a_table_over_the_web_limit_is_refused_naming_it():
    header = "".join(f'<Cell><Data ss:Type="String">{h}</Data></Cell>' for h in ("标题", "开始日期", "目的地"))
    xml_rows = f"<Row>{header}</Row>" + "".join(
        f'<Row><Cell><Data ss:Type="String">考察{row}</Data></Cell></Row>' for row in range(60)
    )
    page = ("<table><tr><th>标题</th><th>开始日期</th><th>目的地</th></tr>"
            + "".join(f"<tr><td>考察{row}</td></tr>" for row in range(60)) + "</table>").encode()

    refusals = []
    for data in (as_spreadsheet_xml(rows=xml_rows), page):
        with pytest.raises(FileRefused) as refused:
            read(data, "台账.xls", max_rows=40)
        refusals += refused.value.messages

    assert refusals == [
        "工作表“考察活动”超过网页导入的上限 40 行；请拆成几个文件，或请管理员用 import_ledger 命令导入。",
        "文件超过网页导入的上限 40 行；请拆成几个文件，或请管理员用 import_ledger 命令导入。",
    ]
