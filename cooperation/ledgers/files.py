"""Files in and out: CSV in any encoding Chinese offices save, XLSX, the legacy .xls of Excel
97–2003, and the two ".xls" office systems export that are no BIFF workbook — an HTML table and
Excel 2003's XML Spreadsheet (all three read only) — and nothing else.

Reading turns the bytes into `Sheet`s (headers and numbered rows) or refuses the file with
`FileRefused` and a message in plain words. Writing turns exported rows into CSV (UTF-8
with BOM, so that Excel opens it) or XLSX, with every cell that a spreadsheet could run as
a formula neutralised.
"""

import csv
import datetime
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field

import xlrd
from charset_normalizer import from_bytes
from lxml import etree
from lxml import html as lxml_html
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import range_boundaries

from cooperation.ledgers.cells import clean_text, neutralise, normalise_header, title_year, years_named

# An Excel 97–2003 workbook (.xls) is an OLE compound file, as Word's .doc is: the workbook in it
# is told by xlrd.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An XLSX is a zip: refuse one whose contents would unpack to more than this (a zip bomb).
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_ROWS = 500_000
MAX_COLUMNS = 200
# How far down a title row (2023年京蒙协作考察活动台账) and notes may push the header row.
HEADER_SEARCH_ROWS = 15
_SPACE_RUN = re.compile(r"[\s\u3000]+")
_MERGE_CELL = re.compile(rb'<mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
# A column's width and state (<col min="7" max="7" hidden="1"/>): a read-only worksheet does not parse them.
_COLUMN = re.compile(rb"<col\b[^>]*>")
_COLUMN_ATTRIBUTE = re.compile(rb'\b(min|max|hidden)="([^"]*)"')


class FileRefused(Exception):
    """The file as a whole cannot be imported; `messages` say why, in plain words."""

    def __init__(self, *messages):
        super().__init__("；".join(messages))
        self.messages = list(messages)


@dataclass
class Sheet:
    """One table of a file: its headers (normalised) and its rows, each with its row number."""

    name: str
    headers: list
    rows: list = field(default_factory=list)  # (spreadsheet row number, [cells aligned with headers])
    header_row: int = 1
    # Cells right of the last header that hold something: (row number, column number, value).
    stray_cells: list = field(default_factory=list)
    in_workbook: bool = False  # a workbook's sheet (XLSX or XLS): messages name it
    # Rows above the header row that hold something (a title): (row number, their text).
    title_rows: list = field(default_factory=list)
    merged_down: int = 0  # cells filled from a merged cell above them
    # Cells merged over several rows: (column index, first row number, last row number). A trip's
    # title merged over its rows says they are one trip (a row per person).
    merged_spans: list = field(default_factory=list)
    original_headers: list = field(default_factory=list)  # as the sheet names them, before synonyms
    hidden: bool = False  # a workbook's sheet Excel does not show (the lists a drop-down cell offers)
    hidden_headers: list = field(default_factory=list)  # the headers of columns Excel does not show
    # A header over two rows: the upper row's number and its group names the row below
    # replaced (人员 over 带队领导, 随行人员 …).
    upper_header_row: int = 0
    group_headers: list = field(default_factory=list)
    # Rows under the header that are no record: (row number, "合计" or "说明", their text).
    set_aside: list = field(default_factory=list)
    # A person a pair of columns under a group (我方参加人员 over 人员1, 职务1 …): (group, pairs).
    people_pairs: list = field(default_factory=list)

    @property
    def label(self):
        return f"工作表“{self.name}”" if self.in_workbook else "文件"

    @property
    def title_year(self):
        """The year the title rows name, for dates written without one (11月23日); when they name
        none (or there is none), the year a workbook's sheet is named for (a sheet per year:
        2020年) or a CSV file is (a file per year: 2020年北京来访接待登记.csv)."""
        titles = [text for _number, text in self.title_rows]
        if years_named(titles):  # 2021—2024年 names two: no year, and none of the name's either
            return title_year(titles)
        return title_year([self.name])

    @property
    def name_year(self):
        """The one year a workbook's sheet is named for (a sheet per year: 2023年, 2023年度), else None."""
        return title_year([self.name]) if self.in_workbook else None

    def supply_column(self, header, value):
        """A column the sheet leaves out, the same value on every row (年度 from the sheet's name)."""
        self.headers.append(header)
        for _number, row in self.rows:
            row.append(value)

    @property
    def year_source(self):
        if title_year(text for _number, text in self.title_rows) is not None:
            return "标题行"
        return "工作表名" if self.in_workbook else "文件名"


@dataclass
class LedgerFile:
    file_name: str
    sha256: str
    size: int
    kind: str  # "CSV", "XLSX", "XLS", "HTML" (a web page's tables) or "XML" (Excel 2003's XML Spreadsheet)
    encoding: str = ""
    sheets: list = field(default_factory=list)
    notices: list = field(default_factory=list)

    @property
    def is_workbook(self):
        """A file of named sheets (XLSX, XLS, XML Spreadsheet, a page of several tables), not one
        table (CSV, a page of one table)."""
        return self.kind in WORKBOOK_KINDS or len(self.sheets) > 1


WORKBOOK_KINDS = ("XLSX", "XLS", "XML")


def sha256_of(data):
    return hashlib.sha256(data).hexdigest()


def _row_limit(max_rows):
    """Lines a sheet may have: the web limit counts the ledger's rows, not the header and the
    title rows that may stand above it (a sheet of exactly 20,000 trips is taken)."""
    return max_rows + HEADER_SEARCH_ROWS if max_rows else MAX_ROWS


def _too_many_rows(where, max_rows):
    if max_rows is None:
        return FileRefused(f"{where}超过 {MAX_ROWS} 行；请拆成几个文件导入。")
    return FileRefused(
        f"{where}超过网页导入的上限 {max_rows} 行；请拆成几个文件，或请管理员用 import_ledger 命令导入。"
    )


def read_ledger_file(data, file_name, *, max_bytes=None, max_rows=None, known_headers=frozenset()):
    """Bytes of an uploaded ledger → `LedgerFile`, or `FileRefused`.

    `known_headers`: every ledger's headers; the header row is the first row holding one of
    them, so a title row or notes above it are skipped (and named in the sheet's title_rows).
    `max_bytes` and `max_rows` are the web import's limits: the file is refused as soon as a
    sheet passes `max_rows`, before the rest is read (the command line reads up to MAX_ROWS).
    """
    if not data:
        raise FileRefused("文件是空的。")
    if max_bytes is not None and len(data) > max_bytes:
        raise FileRefused(
            f"文件有 {len(data) / 1024 / 1024:.1f} MB，超过网页导入的上限 {max_bytes / 1024 / 1024:.0f} MB；"
            "请拆成几个文件，或请管理员用 import_ledger 命令导入。"
        )
    info = LedgerFile(file_name=file_name, sha256=sha256_of(data), size=len(data), kind="")
    if data.startswith(b"PK\x03\x04"):
        info.kind = "XLSX"
        info.sheets = _read_xlsx(data, known_headers, max_rows)
    elif data.startswith(OLE_SIGNATURE[:4]):  # even a file cut short of its signature: refused as .xls
        info.kind = "XLS"
        info.sheets = _read_xls(data, known_headers, max_rows)
    elif (markup := markup_kind(data)) == "XML":
        info.kind = "XML"
        info.sheets = _read_spreadsheet_xml(data, known_headers, max_rows)
    elif markup == "HTML":
        text, info.encoding = _decode_html(data)
        info.kind = "HTML"
        info.sheets = _read_html(text, _sheet_name(file_name), known_headers, max_rows)
    else:
        text, info.encoding = decode(data)
        info.kind = "CSV"
        info.sheets = [_read_csv(text, _sheet_name(file_name), known_headers, max_rows)]
    return info


def _sheet_name(file_name):
    stem = (file_name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return stem.rsplit(".", 1)[0] if "." in stem else stem


ENCODING_LABELS = {
    "utf_8_sig": "UTF-8（带 BOM）",
    "utf_8": "UTF-8",
    "gb18030": "GB18030（兼容 GBK、GB2312）",
    "utf_16": "UTF-16",
}


def decode(data):
    """Decode a CSV: UTF-8 with or without BOM, UTF-16 with BOM, else GB18030, else detected.

    GBK and GB2312 files are read as GB18030, their superset: GBK lacks characters found in
    names (e.g. 㛃, 䶮), which WPS and newer Excel write in GB18030.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode_as(data, "utf_8_sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_as(data, "utf_16")
    if b"\x00" in data:
        raise FileRefused("这不是表格文件（CSV、XLSX 或 XLS）：文件里有二进制内容。")
    try:
        return data.decode("utf_8"), ENCODING_LABELS["utf_8"]
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), ENCODING_LABELS["gb18030"]
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is not None:
        try:
            return data.decode(best.encoding), best.encoding.upper()
        except (UnicodeDecodeError, LookupError):
            pass
    raise FileRefused("无法识别文件的文字编码；请在 Excel 或 WPS 中另存为“CSV UTF-8”或 XLSX。")


def _decode_as(data, encoding):
    try:
        return data.decode(encoding), ENCODING_LABELS[encoding]
    except UnicodeDecodeError as exc:
        raise FileRefused(f"文件声明为 {ENCODING_LABELS[encoding]}，但第 {exc.start} 字节处无法解码。") from None


# The longest cell a CSV ledger may hold: the csv module's own default limit, checked here
# because that limit is one setting of the whole process, which another library may raise.
MAX_CELL_CHARACTERS = 131_072


def _read_csv(text, name, known_headers=frozenset(), max_rows=None):
    sample = text[:20_000]
    first_line = sample.split("\n", 1)[0]
    delimiter = max(",\t;", key=first_line.count) if any(d in first_line for d in ",\t;") else ","
    if first_line.lower().startswith("sep=") and len(first_line.strip()) == 5:
        # Excel's "sep=;" hint line: it names the delimiter and is not a row of the ledger.
        delimiter = first_line.strip()[4]
        text = text.split("\n", 1)[1] if "\n" in text else ""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    limit = _row_limit(max_rows)
    try:
        for number, cells in enumerate(reader, start=1):
            if number > limit:
                raise _too_many_rows("文件", max_rows)
            if cells and max(map(len, cells)) > MAX_CELL_CHARACTERS:
                raise FileRefused(
                    f"CSV 第 {reader.line_num} 行有一格超过 {MAX_CELL_CHARACTERS:,} 个字符；请检查引号是否成对。"
                )
            rows.append((number, cells))
    except csv.Error as exc:
        raise FileRefused(f"CSV 第 {reader.line_num} 行无法读取（{exc}）；请检查引号是否成对。") from None
    return _make_sheet(name, rows, known_headers)


def _read_xlsx(data, known_headers=frozenset(), max_rows=None):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRefused("文件像是 XLSX，但已损坏，无法打开。") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileRefused("XLSX 解压后过大，无法导入；请拆成几个文件。")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (KeyError, InvalidFileException …) on bad files
        raise FileRefused("无法作为 XLSX 工作簿打开；请确认是 Excel 或 WPS 保存的 .xlsx 文件。") from None
    sheets = []
    try:
        for worksheet in workbook.worksheets:
            rows = []
            for number, cells in enumerate(worksheet.iter_rows(min_row=1), start=1):
                if number > _row_limit(max_rows):
                    raise _too_many_rows(f"工作表“{worksheet.title}”", max_rows)
                rows.append((number, [_xlsx_value(cell) for cell in cells[:MAX_COLUMNS]]))
            xml = _sheet_xml(archive, worksheet)
            sheet = _workbook_sheet(
                worksheet.title, rows, known_headers, _merged_ranges(xml),
                hidden=getattr(worksheet, "sheet_state", "visible") != "visible",
                hidden_columns=_hidden_columns(xml),
            )
            sheets.append(sheet)
    except FileRefused:
        raise
    except Exception:
        raise FileRefused("XLSX 工作簿的内容无法读取，文件可能已损坏。") from None
    finally:
        workbook.close()
    return sheets


def _workbook_sheet(name, rows, known_headers, ranges, *, hidden, hidden_columns):
    """A workbook's sheet (XLSX or XLS) from its numbered rows of cell values, its merged ranges
    ((first column, first row, last column, last row), from 1), whether Excel hides it, and the
    positions (from 0) of the columns it hides."""
    ranges = _disjoint_merges(ranges)
    merged = _carry_merged_down(rows, ranges)
    sheet = _make_sheet(name, rows, known_headers, ranges)
    sheet.in_workbook = True
    sheet.hidden = hidden
    sheet.hidden_headers = [
        sheet.headers[column] for column in hidden_columns if column < len(sheet.headers) and sheet.headers[column]
    ]
    sheet.merged_spans = [
        (min_col - 1, min_row, max_row)
        for min_col, min_row, _max_col, max_row in ranges
        if max_row > min_row > sheet.header_row
    ]
    # Only what reached the records: a header's cells merged down its two rows are layout.
    sheet.merged_down = sum(1 for number in merged if number > sheet.header_row)
    return sheet


def _read_xls(data, known_headers=frozenset(), max_rows=None):
    """An Excel 97–2003 workbook (BIFF8, as Excel and WPS save .xls) read as `_read_xlsx` reads an
    XLSX: the same sheets, each cell the value openpyxl would give for it (`_xls_value`)."""
    try:
        # xlrd writes its warnings (a file size not a multiple of its sector size …) to a log,
        # stdout unless told: kept out of the command's output.
        # Ragged rows: a row holds its own cells, not the widest row's count of empty ones (a merged
        # range claiming all 256 columns of 65,536 rows would otherwise fill memory from a few KB).
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, ragged_rows=True, logfile=io.StringIO()
        )
    except xlrd.XLRDError as exc:
        raise FileRefused(_xls_refusal(str(exc))) from None
    except Exception:  # xlrd raises many kinds (CompDocError, struct.error, IndexError …) on bad files
        raise FileRefused(XLS_DAMAGED) from None
    sheets = []
    try:
        for index in range(book.nsheets):
            worksheet = book.sheet_by_index(index)
            count = _xls_row_count(worksheet)
            if count > _row_limit(max_rows):
                raise _too_many_rows(f"工作表“{worksheet.name}”", max_rows)
            rows = [
                (number, [_xls_value(book, cell) for cell in worksheet.row(number - 1)[:MAX_COLUMNS]])
                for number in range(1, count + 1)
            ]
            ranges = [
                (first_column + 1, first_row + 1, last_column, last_row)
                for first_row, last_row, first_column, last_column in worksheet.merged_cells
            ]
            hidden_columns = sorted(
                column for column, info in worksheet.colinfo_map.items() if info.hidden and column < MAX_COLUMNS
            )
            sheets.append(_workbook_sheet(
                worksheet.name, rows, known_headers, ranges,
                hidden=worksheet.visibility != 0, hidden_columns=hidden_columns,
            ))
            book.unload_sheet(index)
    except FileRefused:
        raise
    except Exception:
        raise FileRefused(XLS_DAMAGED) from None
    finally:
        book.release_resources()
    return sheets


def _xls_row_count(worksheet):
    """The sheet's rows down to the last that holds a cell, as an XLSX's are: a merged range reaching
    below them adds none (xlrd marks its foot with an empty cell)."""
    count = worksheet.nrows
    while count and all(kind == xlrd.XL_CELL_EMPTY for kind in worksheet.row_types(count - 1)):
        count -= 1
    return count


XLS_DAMAGED = "文件像是旧版 Excel（.xls），但已损坏，无法读取；请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。"


def _xls_refusal(reason):
    """What to tell a person whose .xls xlrd cannot open, by xlrd's reason."""
    if "encrypted" in reason.lower():
        return "这个 .xls 工作簿设置了打开密码，无法读取；请在 Excel 或 WPS 中取消密码后再导入。"
    if "find workbook" in reason.lower():
        return (
            "这是 Office 97–2003 格式的文件，但里面没有 Excel 工作簿（可能是 Word 或 PowerPoint 文件）；"
            "请上传台账的 CSV、XLSX 或 XLS。"
        )
    return XLS_DAMAGED


def _xls_value(book, cell):
    """A cell of an .xls as openpyxl gives the same cell of an XLSX: a whole number an int (BIFF
    stores every number as a float; Excel writes 1, not 1.0, in an XLSX), a date cell a datetime
    of the book's date system, read by `_date_cell` as an XLSX date cell is, an error its text
    (#N/A), an empty cell None."""
    kind, value = cell.ctype, cell.value
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_NUMBER:
        return _whole(value)
    if kind == xlrd.XL_CELL_DATE:
        try:
            moment = xlrd.xldate_as_datetime(value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return _whole(value)  # no date: its serial number
        if value < 1:  # a time of day alone (9:30)
            return moment.time()
        return _date_cell(moment, _xls_number_format(book, cell))
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#VALUE!")
    return value


def _xls_number_format(book, cell):
    try:
        return book.format_map[book.xf_list[cell.xf_index].format_key].format_str
    except (IndexError, KeyError, AttributeError, TypeError):
        return ""


def _whole(number):
    """A number as openpyxl gives an XLSX's: a whole number an int (BIFF and XML Spreadsheet store
    every number as a float; Excel writes 1, not 1.0, in an XLSX)."""
    number = float(number)
    return int(number) if number.is_integer() else number


# Excel 2003's XML Spreadsheet and HTML tables named .xls ------------------------------------

SPREADSHEET_NS = "urn:schemas-microsoft-com:office:spreadsheet"
_SS = f"{{{SPREADSHEET_NS}}}"
EXCEL_NS = "urn:schemas-microsoft-com:office:excel"
# The first tag of a web page (after a BOM, white space, a doctype or comments): what an office
# system's "导出 Excel" writes into a file it names .xls.
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|meta|body|table|style|title)\b", re.IGNORECASE)
_XML_DECLARATION = re.compile(rb"<\?xml\b")
_CHARSET = re.compile(rb"""<meta\b[^>]*charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_HTML_SPACE = re.compile(r"[ \t\n\r\f\u00a0]+")
_LINE_BREAK = "\u2028"  # where a <br> was, while the cell's other white space is folded
XML_DAMAGED = (
    "文件像是 Excel 2003 的 XML 表格（.xml 或 .xls），但内容不完整或已损坏，无法读取；"
    "请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。"
)
HTML_DAMAGED = "文件像是网页导出的表格（HTML），但无法读取；请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。"


def markup_kind(data):
    """"XML" for Excel 2003's XML Spreadsheet, "HTML" for a web page (a table an office system
    exported), else None — told by the content, not the file's name: such files are named .xls,
    .xml, .htm or .html alike."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 (Excel's "Unicode" web page)
        head = head.decode("utf_16", errors="ignore").encode("utf-8")
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not head.startswith(b"<"):
        return None
    if b"progid=\"Excel.Sheet\"" in head or SPREADSHEET_NS.encode() in head:
        return "XML" if _XML_DECLARATION.match(head) or head.startswith(b"<Workbook") else "HTML"
    if _HTML_START.search(head):
        return "HTML"
    if _XML_DECLARATION.match(head):
        return "XML"  # an XML file of another kind: refused by its reader, saying so
    return None


def _decode_html(data):
    """A web page's text: by its BOM, else by the charset its <meta> names (gb2312 and GBK read as
    GB18030, their superset, as a CSV's are), else as a CSV is decoded."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data)
    named = _CHARSET.search(data[:4096])
    if named:
        encoding = named.group(1).decode("ascii").lower()
        encoding = "gb18030" if encoding in ("gb2312", "gbk", "gb18030", "x-gbk", "cp936") else encoding
        try:
            return data.decode(encoding), ENCODING_LABELS.get(encoding, encoding.upper())
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown charset: read as a CSV would be
    return decode(data)


def _read_html(text, name, known_headers=frozenset(), max_rows=None):
    """A web page's tables (an office system's "Excel" export) read as a workbook's sheets: each
    cell the text a person sees in it (a date or number read from that text, as a CSV's are), a
    cell spanning rows (rowspan) or columns (colspan) a merged range, a column whose cells are
    display:none (or whose <col> is) a hidden column. Hidden rows are read, as an XLSX's are.

    Each innermost <table> that holds rows is a sheet — one named after the file, as a CSV is; of
    several (a query form above the records, a table per year) each named 表格1, 表格2 … or by its
    <caption>, so that those that are no ledger are skipped as a workbook's other sheets are."""
    try:
        parser = lxml_html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True)
        document = lxml_html.document_fromstring(text.encode("utf-8", errors="replace"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        raise FileRefused(HTML_DAMAGED) from None
    tables = [table for table in document.iter("table") if not table.xpath(".//table") and table.xpath(".//tr")]
    if not tables:
        raise FileRefused(
            "这是网页（HTML）文件，但里面没有表格；请上传台账的 CSV、XLSX 或 XLS，"
            "或在系统中用“导出 Excel”导出表格本身。"
        )
    sheets = []
    for index, table in enumerate(tables, start=1):
        caption = clean_text(_html_text(table.find("caption"))) if table.find("caption") is not None else ""
        title = name if len(tables) == 1 else (caption or f"表格{index}")
        rows, ranges, hidden_columns = _html_rows(table, title if len(tables) > 1 else "", max_rows)
        sheet = _workbook_sheet(title, rows, known_headers, ranges, hidden=False, hidden_columns=hidden_columns)
        sheet.in_workbook = len(tables) > 1
        sheets.append(sheet)
    return sheets


def _html_rows(table, where, max_rows):
    """A table's numbered rows of cell texts, its merged ranges ((first column, first row, last
    column, last row), from 1) and its hidden columns (from 0). A span is cut at MAX_COLUMNS and
    at the rows there are, so that no span claimed (colspan="10000000") costs more than the cells
    the file holds."""
    limit = _row_limit(max_rows)
    rows, ranges = [], []
    below = {}  # column → rows a cell above still covers (rowspan)
    seen, hidden = {}, {}
    for number, tr in enumerate((tr for tr in table.iter("tr") if _own_row(tr, table)), start=1):
        if number > limit:
            raise _too_many_rows(f"工作表“{where}”" if where else "文件", max_rows)
        cells, column = [], 0
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            while below.get(column):
                column += 1
            if column >= MAX_COLUMNS:
                break
            across = min(_span(td.get("colspan")), MAX_COLUMNS - column)
            down = _span(td.get("rowspan"), zero=limit)
            cells.extend([None] * (column - len(cells)))
            cells.append(_html_text(td) or None)
            cells.extend([None] * (across - 1))
            if across > 1 or down > 1:
                ranges.append((column + 1, number, column + across, number + down - 1))
            for spanned in range(column, column + across):
                if down > 1:
                    below[spanned] = down  # counted down below, this row included
            if across == 1 and cells[column] is not None:
                seen[column] = seen.get(column, 0) + 1
                if _DISPLAY_NONE.search(td.get("style") or ""):
                    hidden[column] = hidden.get(column, 0) + 1
            column += across
        rows.append((number, cells))
        below = {spanned: left - 1 for spanned, left in below.items() if left > 1}
    # A column is hidden when each cell of its own (not one spanning it) that holds text is.
    hidden_columns = {column for column, count in hidden.items() if count == seen[column]}
    return rows, ranges, sorted(hidden_columns | set(_hidden_html_columns(table)))


def _own_row(tr, table):
    """A row of this table (in its <thead>, <tbody>, <tfoot> or directly), not of one inside it."""
    parent = tr.getparent()
    return parent is table or (parent is not None and parent.getparent() is table)


def _leading_number(value):
    """The whole number an attribute starts with, as browsers and Excel read one ("3px" is 3),
    at most nine digits (a span or index of billions is cut, never allocated); None without one."""
    digits = re.match(r"\s*(\d+)", value or "")
    return int(digits.group(1)[:9]) if digits else None


def _span(value, zero=1):
    """A colspan or rowspan as the browser reads it: a positive whole number, else 1; rowspan="0"
    (to the table's end) as `zero`."""
    number = _leading_number(value)
    if number is None:
        return 1
    return zero if number == 0 else number


def _hidden_html_columns(table):
    """The columns (from 0) a table's <col> elements hide (style="display:none")."""
    hidden, column = [], 0
    for col in table.iter("col"):
        span = min(_span(col.get("span")), MAX_COLUMNS)
        if _DISPLAY_NONE.search(col.get("style") or ""):
            hidden += range(column, min(column + span, MAX_COLUMNS))
        column += span
        if column >= MAX_COLUMNS:
            break
    return hidden


def _html_text(element):
    """The text a cell shows: white space folded as a browser folds it (&nbsp; padding, the
    source's line breaks), a <br> a line break."""
    if element is None:
        return ""
    for br in element.iter("br"):
        br.tail = _LINE_BREAK + (br.tail or "")
    text = _HTML_SPACE.sub(" ", element.text_content())
    return "\n".join(line.strip() for line in text.split(_LINE_BREAK)).strip()


def _read_spreadsheet_xml(data, known_headers=frozenset(), max_rows=None):
    """Excel 2003's XML Spreadsheet (<?mso-application progid="Excel.Sheet"?>) read as `_read_xlsx`
    reads an XLSX: a sheet per <Worksheet>, ss:MergeAcross and ss:MergeDown merged ranges, hidden
    columns and sheets, each cell the value openpyxl would give (`_spreadsheet_xml_value`).

    Parsed without a DTD, entities or the network: a file that declares entities (a "billion
    laughs") is refused before it is parsed."""
    if b"<!ENTITY" in data or b"<!DOCTYPE" in data:
        raise FileRefused("这个 XML 文件含有实体或文档类型声明，Excel 的 XML 表格不会有；为安全起见不读取。")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        raise FileRefused(XML_DAMAGED) from None
    if root.tag != f"{_SS}Workbook":
        raise FileRefused(
            "这是 XML 文件，但不是 Excel 的 XML 表格（Excel 2003 XML）；请上传台账的 CSV、XLSX 或 XLS。"
        )
    formats = {
        style.get(f"{_SS}ID"): style.find(f"{_SS}NumberFormat").get(f"{_SS}Format", "")
        for style in root.iter(f"{_SS}Style")
        if style.find(f"{_SS}NumberFormat") is not None
    }
    sheets = []
    for index, worksheet in enumerate(root.iter(f"{_SS}Worksheet"), start=1):
        name = worksheet.get(f"{_SS}Name") or f"Sheet{index}"
        table = worksheet.find(f"{_SS}Table")
        rows, ranges, hidden_columns = _spreadsheet_xml_rows(table, name, formats, max_rows)
        visible = worksheet.findtext(f"{{{EXCEL_NS}}}WorksheetOptions/{{{EXCEL_NS}}}Visible") or ""
        sheets.append(_workbook_sheet(
            name, rows, known_headers, ranges,
            hidden=visible in ("SheetHidden", "SheetVeryHidden"), hidden_columns=hidden_columns,
        ))
    return sheets


def _spreadsheet_xml_rows(table, name, formats, max_rows):
    """A <Table>'s numbered rows of cell values, merged ranges and hidden columns. A row or cell
    placed by ss:Index leaves the ones it skips empty; past the row limit or MAX_COLUMNS it is
    refused or cut, never filled (a merge overlapping another is dropped by `_disjoint_merges`)."""
    if table is None:
        return [], [], []
    limit = _row_limit(max_rows)
    hidden, column = [], 0
    for element in table.iterchildren(f"{_SS}Column"):
        column = _ss_index(element, column)
        span = 1 + min(_ss_number(element, "Span"), MAX_COLUMNS)
        if element.get(f"{_SS}Hidden") in ("1", "true"):
            hidden += range(column - 1, min(column - 1 + span, MAX_COLUMNS))
        column += span - 1
    rows, ranges, number = [], [], 0
    for row in table.iterchildren(f"{_SS}Row"):
        number = _ss_index(row, number)
        if number > limit:
            raise _too_many_rows(f"工作表“{name}”", max_rows)
        while len(rows) < number - 1:
            rows.append((len(rows) + 1, []))
        cells, column = [], 0
        for cell in row.iterchildren(f"{_SS}Cell"):
            column = _ss_index(cell, column)
            if column > MAX_COLUMNS:
                break
            across = min(_ss_number(cell, "MergeAcross"), MAX_COLUMNS - column)
            down = min(_ss_number(cell, "MergeDown"), limit)
            cells.extend([None] * (column - 1 - len(cells)))
            cells.append(_spreadsheet_xml_value(cell, formats))
            if across or down:
                ranges.append((column, number, column + across, number + down))
            column += across
        rows.append((number, cells))
    return rows, ranges, hidden


def _ss_index(element, previous):
    """An element's place (from 1): its ss:Index, else the one after the previous."""
    index = _ss_number(element, "Index")
    return index if index > previous else previous + 1


def _ss_number(element, attribute):
    return _leading_number(element.get(f"{_SS}{attribute}")) or 0


def _spreadsheet_xml_value(cell, formats):
    """A cell of an XML Spreadsheet as openpyxl gives the same cell of an XLSX: a Number a number
    (`_whole`), a DateTime a date read by `_date_cell` with its style's number format, a Boolean a
    bool, a String or an Error its text (rich text's runs joined), an empty cell None."""
    data = cell.find(f"{_SS}Data")
    if data is None:
        return None
    kind, text = data.get(f"{_SS}Type", "String"), "".join(data.itertext())
    if text == "":
        return None
    try:
        if kind == "Number":
            return _whole(text)
        if kind == "DateTime":
            moment = datetime.datetime.fromisoformat(text.strip()[:19])
            if moment.date() <= datetime.date(1899, 12, 31):  # a time of day alone (9:30)
                return moment.time()
            return _date_cell(moment, formats.get(cell.get(f"{_SS}StyleID"), ""))
        if kind == "Boolean":
            return text.strip() not in ("0", "false", "")
    except (ValueError, OverflowError):
        pass  # no number or date: its text, as a person sees it
    return text


def _sheet_xml(archive, worksheet):
    """A sheet's XML, read once for what a read-only worksheet does not parse."""
    path = getattr(worksheet, "_worksheet_path", None)
    return archive.read(path.lstrip("/")) if path else b""


def _merged_ranges(xml):
    """The merged ranges of a sheet (a read-only worksheet does not parse them): (col, row, col, row)."""
    if b"<mergeCell" not in xml:
        return []
    return [range_boundaries(ref.decode()) for ref in _MERGE_CELL.findall(xml)]


def _hidden_columns(xml):
    """The positions (from 0) of the columns a sheet hides (a contact column kept out of sight):
    from its <cols>, which come before the cells."""
    head = xml[: xml.find(b"<sheetData")] if b"<sheetData" in xml else xml
    if b"hidden=" not in head:
        return []
    hidden = []
    for element in _COLUMN.findall(head):
        attributes = dict(_COLUMN_ATTRIBUTE.findall(element))
        if attributes.get(b"hidden") in (b"1", b"true") and attributes.get(b"min", b"").isdigit():
            first = int(attributes[b"min"])
            last = int(attributes.get(b"max", b"").decode() or first)
            hidden += range(first - 1, min(last, MAX_COLUMNS))
    return hidden


def _disjoint_merges(ranges):
    """The merged ranges as Excel writes them, none overlapping another: a range overlapping one
    above or beside it (a broken or hostile file — Excel, WPS and the systems that export tables
    never write one) is dropped, so that no cell is carried down twice and a file of merges costs
    what its cells do, whatever the format."""
    kept, covered_to = [], {}  # column → the last row a kept range covers
    for merge in sorted(ranges, key=lambda merge: (merge[1], merge[0])):
        min_col, min_row, max_col, max_row = merge
        columns = range(min_col, min(max_col, MAX_COLUMNS) + 1)
        if all(covered_to.get(column, 0) < min_row for column in columns):
            kept.append(merge)
            covered_to.update(dict.fromkeys(columns, max_row))
    return kept


def _carry_merged_down(rows, ranges):
    """A cell merged over several rows (a trip's date over its rows) holds its value in each row.

    Only downwards, in the range's first column: a merge across columns is layout, not data.
    Returns the row number of each cell filled.
    """
    filled = []
    for min_col, min_row, _max_col, max_row in ranges:
        if max_row <= min_row or min_row > len(rows):
            continue
        column = min_col - 1
        top = rows[min_row - 1][1]
        value = top[column] if column < len(top) else None
        if value is None or value == "":
            continue
        for number in range(min_row + 1, min(max_row, len(rows)) + 1):
            cells = rows[number - 1][1]
            if column >= len(cells):
                cells.extend([None] * (column + 1 - len(cells)))
            if cells[column] is None or cells[column] == "":
                cells[column] = value
                filled.append(number)
    return filled


def _xlsx_value(cell):
    value = getattr(cell, "value", None)
    if isinstance(value, datetime.date):  # a cell's format is looked up only for a date's (it costs)
        return _date_cell(value, getattr(cell, "number_format", ""))
    return value


def _date_cell(value, number_format):
    """A workbook's cell value as a ledger reads it: a date cell at midnight is its day; a date cell
    formatted without the day (yyyy"年"m"月") is a month, not its 1st (2024年9月), or a year."""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
        value = value.date()
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        number_format = (number_format or "").lower()
        if "d" not in number_format.replace("[dbnum", ""):
            if "m" in number_format:
                return f"{value.year}年{value.month}月"
            if "y" in number_format:
                return f"{value.year}年"
    return value


def _make_sheet(name, numbered_rows, known_headers=frozenset(), ranges=()):
    """The header row and the rows under it; empty columns at the right are dropped.

    The header row is the first of the first rows to hold a known header (a title row or a
    note may sit above it), else — every column named in the office's own words — the first of
    them to name at least half as many columns as the fullest (a title row names one thing, a
    填报单位 row two), else the first non-empty row. `ranges`: an XLSX sheet's merged
    cells, (first column, first row, last column, last row), for a header whose groups are
    merged across their columns (`_grouped_header`).
    """
    filled = [i for i, (_number, cells) in enumerate(numbered_rows[:500]) if any(clean_text(c) for c in cells)]
    if not filled:
        return Sheet(name=name, headers=[])
    header_index = filled[0]
    for i in filled[:HEADER_SEARCH_ROWS]:
        if any(normalise_header(c) in known_headers for c in numbered_rows[i][1]):
            header_index = i
            break
    else:
        named = {i: len({clean_text(c) for c in numbered_rows[i][1]} - {""}) for i in filled[:HEADER_SEARCH_ROWS]}
        fullest = max(named.values())
        header_index = next(i for i in filled if named[i] >= max(2, fullest / 2)) if fullest >= 2 else header_index
    header_number, raw_headers = numbered_rows[header_index]
    headers = [normalise_header(h) for h in raw_headers]
    upper_number, groups, pairs = 0, [], []
    if header_index + 1 < len(numbered_rows):
        lower_number, lower = numbered_rows[header_index + 1]
        lower = [normalise_header(h) for h in lower]
        combined = _two_row_header(headers, lower, known_headers)
        if combined is None:
            combined = _grouped_header(headers, lower, known_headers, _spans_across(ranges, header_number))
        if combined is not None:
            pairs = _person_pairs(headers, lower, _spans_across(ranges, header_number))
            upper_number, header_number = header_number, lower_number
            groups = list(dict.fromkeys(h for h, c in zip(headers, combined, strict=False) if h and h != c))
            headers, header_index = combined, header_index + 1
    groups = [group for group in groups if group not in {group for group, _columns in pairs}]
    for group, columns in pairs:
        # A person a pair of columns (人员1, 职务1 …) under a group: one column of the group's name.
        headers[columns[0][0]] = group
        for name_column, post_column in columns:
            for column in (name_column, post_column):
                if column != columns[0][0]:
                    headers[column] = ""
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    sheet = Sheet(
        name=name, headers=headers, header_row=header_number, upper_header_row=upper_number, group_headers=groups
    )
    sheet.people_pairs = [(group, len(columns)) for group, columns in pairs]
    for i in filled:
        if i >= header_index - (1 if upper_number else 0):
            break
        number, cells = numbered_rows[i]
        text = " ".join(dict.fromkeys(clean_text(c) for c in cells if clean_text(c)))
        sheet.title_rows.append((number, text))
    for number, cells in numbered_rows[header_index + 1 :]:
        aside = _set_aside(cells)
        if aside is not None:
            sheet.set_aside.append((number, aside, " ".join(clean_text(c) for c in cells if clean_text(c))))
            continue
        cells = list(cells)
        if pairs:
            cells = _joined_pairs(cells, pairs)
        for column, value in enumerate(cells[width:], start=width + 1):
            if clean_text(value):
                sheet.stray_cells.append((number, column, value))
        cells = cells[:width] + [None] * (width - len(cells))
        sheet.rows.append((number, cells))
    return sheet


# A totals row starts with 合计 (合  计, 总计：, 小计（3项）); a note row is one cell saying what it is
# (注：…, 说明：…, 填表人：…).
_TOTALS = re.compile(r"^(?:合计|总计|小计|共计)(?:$|[：:（(\d])")
_NOTE = re.compile(r"^(?:注|说明|备注|填表说明|填报说明|填表人|填报人|审核人|制表人|制表|联系人)\d*[：:]")


_ASIDE_STARTS = frozenset("合总小共注说备填审制联")


def _set_aside(cells):
    """"合计" or "说明" for a row under the header that holds no record, else None."""
    for cell in cells:
        if cell is None or cell == "":
            continue
        text = cell.strip() if isinstance(cell, str) else "0"
        if text:
            if text[0] not in _ASIDE_STARTS:
                return None  # a record's first cell (a number, a code, a date): read no further
            break
    texts = [text for text in (clean_text(c) for c in cells) if text]
    if not texts:
        return None
    first = _SPACE_RUN.sub("", texts[0])
    if _TOTALS.match(first):
        return "合计"
    if len(texts) == 1 and _NOTE.match(first):
        return "说明"
    return None


def _two_row_header(upper, lower, known_headers):
    """A header over two rows — group names above (人员, 行程), the columns' own names below
    (带队领导, 随行人员 …), the single headers merged down both or left empty below — read as one
    row: each column's lower name, else its upper one. None when the row below is not such a
    row: it must name at least two known headers its upper cells do not, and hold nothing else
    where the upper row has a header of its own (a data row never does)."""
    if sum(1 for u, h in zip(upper, lower, strict=False) if h and h != u and h in known_headers) < 2:
        return None
    width = max(len(upper), len(lower))
    upper, lower = upper + [""] * (width - len(upper)), lower + [""] * (width - len(lower))
    if any(h and h != u and h not in known_headers and u in known_headers for u, h in zip(upper, lower, strict=True)):
        return None
    return [h or u for u, h in zip(upper, lower, strict=True)]


def _spans_across(ranges, row_number):
    """The cells of row `row_number` merged across columns (not down): (first, last) column
    positions from 0 — a header's group names (考察时间 over 开始 and 结束)."""
    return [
        (min_col - 1, max_col - 1)
        for min_col, min_row, max_col, max_row in ranges
        if min_row == max_row == row_number and max_col > min_col
    ]


def _grouped_header(upper, lower, known_headers, spans):
    """A header over two rows told by its layout: group names merged across the columns they
    stand over (考察时间 over 开始 and 结束; 我方参加人员 over 人员1, 职务1, 人员2, 职务2), every other
    header merged down both rows. The row below is such a row when under each group it names
    every column, and elsewhere holds nothing but what the merge down carried (a data row never
    leaves a merged group's columns all named and the rest equal to the header). Each column
    under a group is named by its own name when a ledger knows it, else by the group's and its
    own together when a ledger knows that (考察时间开始; 我方参加人员 for 参加人员 over 我方), else by
    its own; None for no such row."""
    if not spans:
        return None
    width = max(len(upper), len(lower), max(last for _first, last in spans) + 1)
    upper, lower = upper + [""] * (width - len(upper)), lower + [""] * (width - len(lower))
    under = {column: first for first, last in spans for column in range(first, last + 1)}
    for column in range(width):
        if column in under:
            if not lower[column]:
                return None
        elif lower[column] and lower[column] != upper[column]:
            return None
    combined = []
    for column in range(width):
        if column not in under:
            combined.append(upper[column])
            continue
        group, own = upper[under[column]], lower[column]
        together = [name for name in (group + own, own + group) if name in known_headers]
        combined.append(own if own in known_headers or not together else together[0])
    return combined


# Under a group of people, a person is a pair of columns: the name (人员1, 姓名1) and the post (职务1).
_PAIR_NAME = re.compile(r"^(?:人员|姓名|名字|参加人员)(\d*)$")
_PAIR_POST = re.compile(r"^(?:职务|职位|职务职称)(\d*)$")


def _person_pairs(upper, lower, spans):
    """[(group, [(name column, post column) …])] for each group (the upper row's name) merged
    across columns whose own columns are all names and posts in pairs (人员1, 职务1, 人员2, 职务2),
    numbered alike or side by side."""
    found = []
    for first, last in spans:
        if first >= len(lower) or not lower[first]:
            continue
        names, posts = {}, {}
        for column in range(first, min(last, len(lower) - 1) + 1):
            name, post = _PAIR_NAME.match(lower[column] or ""), _PAIR_POST.match(lower[column] or "")
            if name:
                names[name.group(1) or str(column)] = column
            elif post:
                posts[post.group(1) or str(column - 1)] = column
        columns = [(names[key], posts[key]) for key in names if key in posts]
        group = upper[first] if first < len(upper) else ""
        if group and columns and len(columns) * 2 == last - first + 1:
            found.append((group, columns))
    return found


def _joined_pairs(cells, pairs):
    """A row's people in pairs of columns as one cell: 姓名（职务） items separated by ；."""
    cells = cells + [None] * (max(post for _group, columns in pairs for _name, post in columns) + 1 - len(cells))
    for _group, columns in pairs:
        items = []
        for name_column, post_column in columns:
            name, post = clean_text(cells[name_column]), clean_text(cells[post_column])
            if name or post:
                items.append(f"{name}（{post}）" if post else name)
            cells[name_column] = cells[post_column] = None
        cells[columns[0][0]] = "；".join(items) or None
    return cells


# Writing ------------------------------------------------------------------------------------


def write_csv(headers, rows):
    """UTF-8 with BOM, CRLF line ends: what Excel and WPS open without asking."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([neutralise(_csv_text(value)) for value in row])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def _csv_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


def write_xlsx(sheets):
    """`sheets`: [(sheet name, headers, rows)] → the bytes of one workbook.

    Day-precise dates become real date cells; text that starts like a formula is stored as
    text (and marked with a leading ' as in CSV), so Excel shows it and never runs it.
    """
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=False, vertical="top")
    for name, headers, rows in sheets:
        worksheet = workbook.create_sheet(title=name)
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(worksheet, value=header)
            cell.font = bold
            header_cells.append(cell)
        worksheet.append(header_cells)
        for row in rows:
            worksheet.append([_xlsx_cell(worksheet, value, wrap) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(worksheet, value, alignment):
    if value is None or value == "":
        return None
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, (int, float)):
        return value
    text = neutralise(str(value))
    cell = WriteOnlyCell(worksheet, value=text)
    cell.data_type = "s"
    if "\n" in text:
        cell.alignment = alignment
    return cell
