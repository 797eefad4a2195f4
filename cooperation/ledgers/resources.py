"""The ledger resource: django-import-export's Resource, reading a whole file at once.

A plain ModelResource saves one row at a time, one model per row. A row of 考察活动 is a trip
with its participants, site visits, destinations, topics, projects and source, so a ledger
here parses and validates every row first (names resolved against in-memory indexes built
once per file), then writes all rows of a kind with one bulk query per few hundred rows.
It keeps the Resource interface — `import_data(dataset, dry_run=...)` returning a `Result`
of `RowResult`s, `export()` returning a tablib `Dataset` — so the rest of the import-export
machinery and anyone who knows it can use it as usual.
"""

import functools
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from import_export import resources
from import_export.results import Result, RowResult

from cooperation.dates import DatePrecision
from cooperation.ledgers import cells, proposals
from cooperation.ledgers.cells import CellError
from cooperation.ledgers.context import ImportContext, NameProblem, identity
from cooperation.ledgers.files import Sheet
from cooperation.models import RegionLevel, Side
from review.checks import find_personal_information
from review.models import Status
from review.publishing import ReviewRefused

NEW, UPDATED, UNCHANGED, ERROR = "new", "updated", "unchanged", "error"
STATUS_LABELS = {NEW: "新增", UPDATED: "更新", UNCHANGED: "未变", ERROR: "错误"}
IMPORT_TYPES = {
    NEW: RowResult.IMPORT_TYPE_NEW,
    UPDATED: RowResult.IMPORT_TYPE_UPDATE,
    UNCHANGED: RowResult.IMPORT_TYPE_SKIP,
    ERROR: RowResult.IMPORT_TYPE_INVALID,
}
EDITOR_STATUSES = (Status.DRAFT, Status.REVIEW)

PERSONAL_INFORMATION_KINDS = {"id_number": "身份证号", "mobile": "手机号", "bank_card": "银行卡号"}
# A web address's long digit runs are page numbers, not anybody's ID or card number.
NOT_PERSONAL_COLUMNS = frozenset({"链接"})
# Rows between two progress reports, and between two that the command prints.
PROGRESS_EVERY = 250
PRINTED_EVERY = 2000
# Every ID, mobile or card number holds a run of at least eleven digits, spaces or dashes:
# cells without one (nearly all of them) skip the detectors.
_LONG_NUMBER = re.compile(r"\d[\d -]{9,}\d")


@dataclass
class Problem:
    """Something wrong with one cell (or the row, when column is empty), in plain words."""

    row: int
    column: str
    value: object
    message: str
    sheet: str = ""  # the worksheet's name, when the file is a workbook

    @property
    def value_text(self):
        return cells.clean_text(self.value, multiline=True)

    @property
    def where(self):
        sheet = f"工作表“{self.sheet}”" if self.sheet else ""
        return sheet + f"第 {self.row} 行" + (f"“{self.column}”列" if self.column else "")

    def __str__(self):
        where = self.where
        value = self.value_text
        if value:
            shown = value if len(value) <= 40 else value[:40] + f"…（共 {len(value)} 字）"
            return f"{where}（“{shown}”）：{self.message}"
        return f"{where}：{self.message}"


@dataclass
class RowOutcome:
    number: int
    label: str = ""
    status: str = ""
    problems: list = field(default_factory=list)
    changes: list = field(default_factory=list)  # what an update changes, in the ledger's words
    obj: object = None
    warnings: list = field(default_factory=list)  # Problems that do not stop the row

    @property
    def status_label(self):
        return STATUS_LABELS.get(self.status, self.status)


class LedgerResult(Result):
    """import-export's Result, with the row numbers, columns and values a person needs."""

    def __init__(self, resource, sheet_name=""):
        super().__init__()
        self.ledger = resource.ledger_name
        self.sheet_name = sheet_name
        self.outcomes = []
        self.skipped = 0  # empty rows
        self.diff_headers = list(resource.ledger_headers)

    @property
    def counts(self):
        counts = {NEW: 0, UPDATED: 0, UNCHANGED: 0, ERROR: 0}
        for outcome in self.outcomes:
            counts[outcome.status] += 1
        return counts

    @property
    def problems(self):
        return [problem for outcome in self.outcomes for problem in outcome.problems]

    @property
    def warnings(self):
        return [warning for outcome in self.outcomes for warning in outcome.warnings]

    def has_problems(self):
        return any(outcome.status == ERROR for outcome in self.outcomes)

    def finish(self, readers):
        """Fill in the import-export side: one RowResult per row, an InvalidRow per bad row."""
        values = {reader.number: reader.values for reader in readers}
        warnings = {reader.number: reader.warnings for reader in readers}
        for outcome in sorted(self.outcomes, key=lambda o: o.number):
            outcome.warnings = warnings.get(outcome.number, [])
            row_result = RowResult()
            row_result.import_type = IMPORT_TYPES[outcome.status]
            row_result.object_repr = outcome.label
            row_result.object_id = getattr(outcome.obj, "pk", None)
            row_result.row_values = values.get(outcome.number, {})
            if outcome.problems:
                errors = {}
                for problem in outcome.problems:
                    errors.setdefault(problem.column or "__all__", []).append(problem.message)
                row_result.validation_error = ValidationError(errors)
                self.append_invalid_row(outcome.number, row_result.row_values, row_result.validation_error)
            self.append_row_result(row_result)
            self.increment_row_result_total(row_result)
        self.total_rows = len(self.outcomes)


class RowReader:
    """One row's cells by header; every reader records a Problem instead of raising."""

    def __init__(self, number, values, sheet="", year=None, year_source="标题行"):
        self.number = number
        self.values = values
        self.sheet = sheet
        self.year = year  # the one year the sheet's title row names, for dates written without one
        self.year_source = year_source  # where that year is written: 标题行, or 工作表名 (2020年)
        self.problems = []
        self.warnings = []
        self.doubts = []

    def raw(self, column):
        return self.values.get(column)

    def problem(self, column, message, value=None):
        value = self.raw(column) if value is None else value
        self.problems.append(Problem(self.number, column, value, message, self.sheet))

    def warn(self, column, message, value=None):
        """Something the importer should check; the row is imported all the same."""
        value = self.raw(column) if value is None else value
        self.warnings.append(Problem(self.number, column, value, message, self.sheet))

    def doubt(self, column, message, value=None):
        """A warning the preview also lists among what to check (姓名不全): the row was read as
        less than it writes."""
        self.warn(column, message, value)
        self.doubts.append(message)

    def _read(self, column, reader, default):
        try:
            return reader(self.raw(column))
        except CellError as exc:
            self.problem(column, str(exc))
            return default

    def text(self, column, max_length=None, *, multiline=False, required=False):
        value = cells.clean_text(self.raw(column), multiline=multiline)
        if required and not value:
            self.problem(column, "必填，不能为空")
        if max_length and len(value) > max_length:
            try:
                cells.check_length(value, max_length, "")
            except CellError as exc:
                self.problem(column, str(exc))
                return value[:max_length]
        return value

    def date(self, column):
        return self.date_span(column, span=False)[:2]

    def date_span(self, column, span=True):
        """(date, precision, end): the cell's date, and the second day when it holds two
        (`span`: 9月11日至12日 in 开始日期); an Excel serial number (45175) or a bracketed note
        after the date (2025年8月7日（那达慕开幕）) is read with a warning."""
        value = self.raw(column)
        try:
            reading = _date_reading(value, self.year, self.year_source, span)
        except TypeError:  # a value that cannot be remembered by (no hash): read as it is
            reading = _date_reading.__wrapped__(value, self.year, self.year_source, span)
        found, precision, end, messages = reading
        for is_problem, message in messages:
            (self.problem if is_problem else self.warn)(column, message)
        return found, precision, end

    def choice(self, column, choices, default):
        return self._read(column, lambda v: cells.parse_choice(v, choices, default), default)

    def integer(self, column, **bounds):
        if self._not_known_yet(column):
            return None
        return self._read(column, lambda v: cells.parse_int(v, **bounds), None)

    def decimal(self, column):
        if self._not_known_yet(column):
            return None
        value = self.raw(column)
        try:
            with_unit = cells.number_with_unit(value, column)
        except CellError as exc:
            self.problem(column, str(exc))
            return None
        if with_unit is not None:
            return self._number_with_unit(column, value, *with_unit)
        try:
            return cells.parse_decimal(value)
        except CellError as exc:
            # Only a cell that is no number is looked at again: the figure as a report prints it.
            approximate = cells.approximate_number(value)
            if approximate is None:
                self.problem(column, str(exc))
                return None
        number = self._read(column, lambda _value: cells.parse_decimal(approximate), None)
        if number is not None:
            self.warn(
                column,
                f"按 {cells.format_decimal(number)} 读入：“余”“多”是说实际略多，这里只记到这个数；知道确数后请改正",
            )
        return number

    def _number_with_unit(self, column, value, number, unit, column_unit, approximate):
        """A number the cell writes with its unit (950（万元）, 1.2亿元, 37个), read in the column's
        unit and said so; 余/多 as a report prints it, said so too."""
        rounded = ""
        if cells.money_unit(f"（{column_unit}）") and number != number.quantize(Decimal("0.01")):
            number, rounded = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), "，四舍五入到分位"
        shown = cells.format_decimal(number)
        try:
            number = cells.parse_decimal(shown)
        except CellError as exc:
            self.problem(column, f"“{cells.clean_text(value)}”按{column_unit}计是 {shown}：{exc}")
            return None
        converted = "" if unit == column_unit else f"（{unit}换算为{column_unit}{rounded}）"
        self.warn(column, f"单元格写了单位：“{cells.clean_text(value)}”按 {shown} {column_unit}读入{converted}")
        if approximate:
            self.warn(
                column, f"按 {shown} 读入：“余”“多”是说实际略多，这里只记到这个数；知道确数后请改正"
            )
        return number

    def _not_known_yet(self, column):
        """A number cell that says the number is not known (待核, 待定, 不详): empty, with a warning."""
        value = self.raw(column)
        if type(value) is str and cells.clean_text(value) in cells.NOT_KNOWN_YET:
            self.warn(column, "不是数字，是说明：按空读入，数字知道后再填")
            return True
        return False

    def url(self, column, max_length=500):
        value = self._read(column, cells.parse_url, "")
        if len(value) > max_length:
            self.problem(column, f"链接最长 {max_length} 字")
            return ""
        return value

    def people(self, column, title_max=200, name_max=60, *, with_markers=False):
        """(name, title) of each person; with_markers: (side marker, name, title), see cells."""
        people = []
        for marker, item in cells.split_people_marked(self.raw(column)):
            try:
                name, title, doubt = cells.read_person(item)
                if len(name) > name_max or len(title) > title_max:
                    cells.check_length(name, name_max, "姓名")
                    cells.check_length(title, title_max, "职务")
            except CellError as exc:
                self.problem(column, str(exc), value=item)
                continue
            if doubt:
                self.doubt(column, doubt, item)
            elif name and title and "（" not in item and "(" not in item:
                form = "职务 姓名" if item.startswith(title) else "姓名 职务"
                self.warn(column, f"“{item}”按“{form}”读作 {cells.format_person(name, title)}", value=item)
            people.append((marker, name, title) if with_markers else (name, title))
        return people

    def sites(self, column, place_max=200):
        """(place, description) of each stop; a place listed twice is one stop (its
        descriptions joined with ；), with a warning."""
        sites = []
        seen = {}
        for item in cells.split_sites(self.raw(column)):
            try:
                place, description = cells.parse_site(item)
                sentence = cells.visit_sentence(item)
                if sentence is not None:
                    place, description = sentence
                    shown = f"，内容“{description}”" if description else ""
                    self.warn(column, f"“{item}”读作地点“{place}”{shown}（动词不算地名）", value=item)
                cells.check_length(place, place_max, "地点")
            except CellError as exc:
                self.problem(column, str(exc), value=item)
                continue
            if place in seen:
                index = seen[place]
                before = sites[index][1]
                if description and description not in before.split("；"):
                    sites[index] = (place, f"{before}；{description}" if before else description)
                self.warn(column, f"“{place}”写了两次，算作一个考察点", value=place)
                continue
            seen[place] = len(sites)
            sites.append((place, description))
        return sites

    def terms(self, column):
        return cells.split_terms(self.raw(column))


@functools.lru_cache(maxsize=8192, typed=True)
def _date_reading(value, year, year_source, span):
    """`RowReader.date_span` of one cell: (date, precision, end, ((is problem, message), …)).
    A ledger repeats its dates: each is read once per file."""
    messages = []
    serial = cells.excel_serial(value)
    if serial is not None:
        messages.append((False, f"按 Excel 的日期序号读作 {cells.format_date(serial, DatePrecision.DAY)}"))
        return serial, DatePrecision.DAY, None, tuple(messages)
    noted = cells.date_note(value)
    if noted is not None:
        value = noted[0]
    try:
        found = cells.parse_date(value, year)
        end = None
    except CellError as exc:
        found = cells.parse_date_range(value, year) if span else None
        if found is None:
            return None, None, None, ((True, str(exc)),)
        found, end = (found[0], found[2]), found[1]
        messages.append(
            (False, f"一格写了起止两天：读作 {cells.format_date(*found)} 至 {cells.format_date(end, found[1])}")
        )
    if found[0] is not None and year is not None and cells.lacks_year(value):
        messages.append((False, f"没有写年份，按{year_source}所写的 {year} 年读作 {cells.format_date(*found)}"))
    if noted is not None and found[0] is not None:
        if noted[2]:
            messages.append((False, f"括号里的“{noted[1]}”是说明，没有读入"))
        else:
            messages.append((False, f"日期后的“{noted[1]}”是一天中的时间，没有读入"))
    return found[0], found[1], end, tuple(messages)


def check_personal_information(reader):
    """An unmasked ID, mobile or bank-card number in any cell is an error naming its masked form.

    The site must not publish personal information (review.checks); a ledger row would
    bring it straight into a record, so the file is refused until the numbers are masked
    (138****1234). The error shows only the masked number, never the number itself.
    """
    values = reader.values
    if all(type(v) is str or v is None for v in values.values()) and not _LONG_NUMBER.search(
        "\n".join(v for c, v in values.items() if v and c not in NOT_PERSONAL_COLUMNS)
    ):
        return  # a text row without a run of 11+ digits: one search for the whole row
    for column, value in values.items():
        if column in NOT_PERSONAL_COLUMNS or value is None or isinstance(value, bool):
            continue
        if isinstance(value, float):  # XLSX: a mobile number typed as a number
            if not value.is_integer():
                continue
            value = int(value)
        text = value if type(value) is str else str(value)
        if not _LONG_NUMBER.search(text):
            continue
        for finding in find_personal_information(text):
            kind = PERSONAL_INFORMATION_KINDS.get(finding.kind, finding.kind)
            reader.problem(
                column,
                f"含有未打码的{kind}；个人信息须打码后才能导入（如 {finding.masked}）",
                value=finding.masked,
            )


def region_text(index, region):
    """The shortest way of writing a region that the import reads back as the same region."""
    if region is None:
        return ""
    region = index.regions.get(region.pk, region)
    if region.level in (RegionLevel.TOWNSHIP, RegionLevel.VILLAGE):
        names = []
        node = region
        while node is not None and node.level in (RegionLevel.TOWNSHIP, RegionLevel.VILLAGE):
            names.insert(0, node.name)
            node = index.regions.get(node.parent_id)
        text = region_text(index, node) + "".join(names)
        return text if index.resolve(text) == region else region.full_name
    parent = index.regions.get(region.parent_id)
    forms = [region.display_name, region.name]
    if parent is not None:
        forms += [parent.display_name + region.display_name, parent.name + region.name]
    for text in forms:
        if index.resolve(text) == region:
            return text
    return region.full_name


def export_date(value, precision):
    """A day-precise date stays a date (a real date cell in XLSX); a partial one is text."""
    if value is None:
        return ""
    if precision == "day":
        return value
    return cells.format_date(value, precision)


class LedgerResource(resources.Resource):
    """One ledger: its headers, how a row is imported, how records are exported."""

    ledger_name = ""  # 考察活动
    ledger_slug = ""  # trips (for file names and URLs)
    ledger_headers = ()  # read and written, in this order
    extra_headers = ()  # also read, never written (a column that settles a question on import)
    # Read only beside another of its kind, never proposed for a column of another name (the
    # trips' 京方单位, 蒙方地区 and 方向, which only together say the ends of a trip).
    unproposed_headers = ()
    required_headers = ()
    # A sheet is this ledger's only if it has one of these too (年度数据: 年度 and a side of the
    # pairing — a summary sheet's 年度 | 批次 is none).
    one_of_headers = ()
    # Other names offices give a column (日期 for 开始日期): read as that column, with a warning,
    # where the sheet has no column of the ledger's own name.
    header_synonyms = {}
    # Synonyms that name their column only loosely (活动内容 for 标题): one gives way to a column of
    # the ledger's own name or a closer synonym (事由), wherever that stands, and is ignored.
    loose_synonyms = frozenset()
    # What the cells of a field read as, for proposing a field for a column no ledger knows
    # (`proposals`): regions of the region table, lists of people. Dates, amounts and links are
    # known by the field's name (`field_kind`).
    region_headers = ()
    place_headers = ()  # a place written from its region down (察右中旗铁沙盖镇)
    people_headers = ()
    choice_headers = ()  # one of a few words (类型)
    record_model = None  # the record one row stands for

    def field_kind(self, field):
        """What a field's cells read as (proposals.DATE …), None for free text."""
        if field in self.region_headers:
            return proposals.REGION
        if field in self.people_headers:
            return proposals.PEOPLE
        if field in self.place_headers:
            return proposals.PLACE
        if field in self.choice_headers:
            return proposals.CHOICE
        if field.endswith("日期"):
            return proposals.DATE
        if field.endswith("链接"):
            return proposals.LINK
        if cells.money_unit(field):
            return proposals.NUMBER
        return None

    def publishable_models(self):
        """The models whose records this ledger may publish (the publish permission needed)."""
        return (self.record_model,)

    def admin_models(self):
        """The admin change lists that offer this ledger's import and export."""
        return (self.record_model,)

    def check_headers(self, sheet):
        """Problems with the header row, each naming the column: nothing is imported with any."""
        messages = []
        seen = set()
        for position, header in enumerate(sheet.headers, start=1):
            if not header:
                if any(not cells.is_blank(row[position - 1]) for _number, row in sheet.rows):
                    messages.append(f"第 {position} 列有内容但没有表头")
                continue
            if header in seen and header in self.accepted_headers:
                messages.append(f"表头“{header}”出现了两次")
            seen.add(header)
        for header in self.required_headers:
            if header not in seen:
                messages.append(f"缺少必填列“{header}”")
        return messages

    # The column that says a row's year (年度), which a workbook's sheet named for a year may leave out.
    year_column = None

    def supplied_headers(self, sheet):
        """The required columns the sheet itself stands for: 年度 when it is missing and the sheet
        is named for one year (a workbook kept a sheet per year)."""
        if self.year_column and self.year_column not in sheet.headers and getattr(sheet, "name_year", None):
            return {self.year_column}
        return set()

    def prepare_sheet(self, sheet):
        """Read a sheet's own layout into the ledger's rows before they are read (the trips
        ledger's row per person); returns what was so read, each a sentence after the sheet's
        name. Nothing by default."""
        return []

    def sheet_refusals(self, sheet, own_region=""):
        """Why this sheet cannot be imported with the options given (the trips ledger's missing
        end of a trip, which 本单位所在地区 supplies); none by default."""
        return []

    def sheet_notices(self, sheet, own_region=""):
        """What the importer should know of this sheet with the options given; none by default."""
        return []

    def canonical_headers(self, headers):
        """The headers with each synonym read as the ledger's own name, and what was so read."""
        present = set(headers)
        # What a column of the ledger's own name or a close synonym reads as: a loose synonym gives way.
        closer = present | {
            self.header_synonyms[h] for h in headers if h in self.header_synonyms and h not in self.loose_synonyms
        }
        renamed, read_as = [], []
        for header in headers:
            target = self.header_synonyms.get(header)
            if target and header in self.loose_synonyms and target in closer:
                renamed.append(header)
            elif target and target not in present:
                renamed.append(target)
                read_as.append((header, target))
                present.add(target)
            else:
                renamed.append(header)
        return renamed, read_as

    def unknown_headers(self, sheet):
        """Columns this ledger does not read (备注, 序号, 填表人): ignored, and the importer told."""
        return list(dict.fromkeys(h for h in sheet.headers if h and h not in self.accepted_headers))

    @property
    def accepted_headers(self):
        return self.ledger_headers + self.extra_headers

    @property
    def proposed_headers(self):
        """The fields an unknown column may be proposed for."""
        return tuple(h for h in self.accepted_headers if h not in self.unproposed_headers)

    def readers(self, sheet):
        """A RowReader for each non-empty row; empty rows are counted, not imported."""
        readers, empty = [], 0
        accepted = set(self.accepted_headers)
        headers = [h if h in accepted else "" for h in sheet.headers]
        sheet_name = sheet.name if getattr(sheet, "in_workbook", False) else ""
        year = getattr(sheet, "title_year", None)
        year_source = getattr(sheet, "year_source", "标题行")
        stray = {}
        for number, column, value in sheet.stray_cells:
            stray.setdefault(number, (column, value))
        for number, row in sheet.rows:
            values = {h: v for h, v in zip(headers, row, strict=True) if h}
            if all(cells.is_blank(v) for v in values.values()) and number not in stray:
                empty += 1
                continue
            reader = RowReader(number, values, sheet_name, year, year_source)
            if number in stray:
                column, value = stray[number]
                reader.problem("", f"第 {column} 列在表头之外还有内容", value=value)
            check_personal_information(reader)
            readers.append(reader)
        return readers, empty

    def run(self, sheet, context):
        """Import one sheet inside the caller's transaction; returns its LedgerResult."""
        result = LedgerResult(self, sheet.name)
        readers, result.skipped = self.readers(sheet)
        context.progress(f"{self.ledger_name}：读取 {len(readers)} 行")
        self.import_rows(readers, context, result)
        context.writer.flush()
        for reader in readers:
            for doubt in reader.doubts:
                context.note_review("姓名不全", doubt, reader, self.ledger_name)
        result.finish(readers)
        return result

    def import_rows(self, readers, context, result):
        raise NotImplementedError

    def counted(self, items, context, doing, every=PROGRESS_EVERY):
        """The items, with a progress report every `every` of them.

        `context.progress(message, done=…, total=…)`: the command prints every `PRINTED_EVERY`th
        row's line, a background import shows each as its progress bar.
        """
        total = len(items)
        for number, item in enumerate(items, start=1):
            yield item
            if number % every == 0 and number < total:
                context.progress(f"{self.ledger_name}：{doing} {number}/{total} 行", done=number, total=total)

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=True,
        **kwargs,
    ):
        """import-export's entry point for one ledger: all rows or none, dry run rolled back."""
        sheet = Sheet(
            name=kwargs.get("sheet_name", self.ledger_name),
            headers=[cells.normalise_header(h) for h in (dataset.headers or [])],
        )
        sheet.rows = [(number, list(row)) for number, row in enumerate(dataset, start=2)]
        problems = self.check_headers(sheet)
        context = kwargs.get("context") or ImportContext(user=kwargs.get("user"), publish=kwargs.get("publish", False))
        with transaction.atomic():
            if problems:
                result = LedgerResult(self, sheet.name)
                for message in problems:
                    result.append_base_error(message)
                return result
            result = self.run(sheet, context)
            refused = False
            if not dry_run and not result.has_problems():
                # What the rows changed of records the public sees waits for review (review.held).
                try:
                    context.held.settle(f"台账导入的修改：{self.ledger_name}")
                except ReviewRefused as error:
                    result.append_base_error(str(error))
                    refused = True
            if dry_run or refused or result.has_problems():
                transaction.set_rollback(True)
        if raise_errors and result.has_problems():
            raise ValidationError([str(p) for p in result.problems])
        return result

    # Export -------------------------------------------------------------------------------

    def export_queryset(self, public=False):
        raise NotImplementedError

    def export_records(self, queryset, public=False):
        """(record, row) pairs: the row in `ledger_headers` order, and the record it stands for
        (the open-data package reads the record's ID and address from it)."""
        raise NotImplementedError

    def export_rows(self, queryset, public=False):
        return (row for _record, row in self.export_records(queryset, public))

    def export(self, queryset=None, **kwargs):
        public = kwargs.get("public", False)
        queryset = self.export_queryset(public) if queryset is None else queryset
        return tablib.Dataset(*self.export_rows(queryset, public), headers=list(self.ledger_headers))


# One column for the pairing, its sides joined by a dash (北京市石景山区—宁城县), as a county's
# documents name it: read by 项目 and 年度数据 as 支援方 and 受援方.
PAIRING_COLUMN = "结对关系"
PAIRING_COLUMN_SYNONYMS = ("结对帮扶关系", "帮扶关系", "协作关系")


def sides_from_pairing_column(reader, context, support, recipient):
    """(support, recipient): the row's own 支援方 and 受援方, or where it names neither or one that
    agrees, the regions its 结对关系 cell names, each on its side whichever is written first. A cell that
    names two regions of one side, or other sides than 支援方/受援方 name, is the row's error."""
    if PAIRING_COLUMN not in reader.values:
        return support, recipient
    try:
        names = cells.split_pairing(reader.raw(PAIRING_COLUMN))
    except CellError as exc:
        reader.problem(PAIRING_COLUMN, str(exc))
        return support, recipient
    if not names:
        return support, recipient
    regions = []
    for name in names:
        try:
            regions.append(context.regions.resolve(name))
        except NameProblem as exc:
            reader.problem(PAIRING_COLUMN, str(exc))
            return support, recipient
    if {region.side for region in regions} != {Side.SUPPORT, Side.RECIPIENT}:
        reader.problem(PAIRING_COLUMN, "两方须一方是支援方（北京）、一方是受援方（内蒙古）")
        return support, recipient
    first, second = regions
    named = (first, second) if first.side == Side.SUPPORT else (second, first)
    if first.side != Side.SUPPORT:
        reader.warn(
            PAIRING_COLUMN, f"先写了受援方：读作支援方“{named[0].display_name}”、受援方“{named[1].display_name}”"
        )
    if support is None and recipient is None:
        return named
    for given, found, column in ((support, named[0], "支援方"), (recipient, named[1], "受援方")):
        if given is not None and identity(given) != identity(found):
            reader.problem(column, f"与结对关系“{reader.raw(PAIRING_COLUMN)}”不一致")
            return support, recipient
    # One side written and agreeing (受援方 莫旗 beside 石景山区—莫旗): the other is the pairing's.
    return support or named[0], recipient or named[1]


def flag_repeated_keys(entries, describe):
    """Rows whose key repeats an earlier row's: both rows get an error naming the other."""
    for reader, messages in repeated_key_messages(entries, describe).items():
        for message in messages:
            reader.problem("", message)


def repeated_key_messages(entries, describe):
    """(reader, key) pairs → {reader: its errors} for the rows whose key another row has too,
    in the order `flag_repeated_keys` gives them."""
    first_row, messages = {}, {}
    for reader, key in entries:
        if key is None:
            continue
        if key in first_row:
            earlier = first_row[key]
            messages.setdefault(reader, []).append(
                f"与第 {earlier.number} 行重复（{describe(key)}）；同一文件中每条记录只能出现一次"
            )
            messages.setdefault(earlier, []).append(
                f"与第 {reader.number} 行重复（{describe(key)}）；同一文件中每条记录只能出现一次"
            )
        else:
            first_row[key] = reader
    return messages


def claim_record(claimed, record, reader, what):
    """Two rows must not resolve to one existing record: both rows get an error naming the other.

    `claimed` maps record ids to the row that took them; returns whether this row may have it.
    """
    other = claimed.get(record.pk)
    if other is not None:
        message = "与第 {} 行指向同一{}“{}”"
        reader.problem("", message.format(other.number, what, record))
        other.problem("", message.format(reader.number, what, record))
        return False
    claimed[record.pk] = reader
    return True


def editor_may_change(context, model, status):
    """An editor's import may change drafts and records in review; published ones need a publisher."""
    return status in EDITOR_STATUSES or context.can_publish(model)


PUBLISHED_ONLY_MESSAGE = "这条记录已发布或已撤回，只有审核发布人员可以通过导入修改它"
