"""Import a file, export the ledgers, roll a batch back: what the admin and the commands call.

The ledgers themselves live with their models (`visits.ledgers`, `projects.ledger`) and are
named in ``settings.LEDGERS``, in the order a workbook imports them (项目 first, so that
考察活动 can point at the projects, then 考察活动, so that 会议发言 can point at the trips).
"""

import gc
import logging
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import DatabaseError, InterfaceError, transaction
from django.db.models import ProtectedError
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.module_loading import import_string

from accounts.audit import record
from accounts.models import AuditEvent, Outcome
from cooperation.ledgers import bulk, cells, proposals
from cooperation.ledgers.cells import normalise_header
from cooperation.ledgers.context import ImportContext, NameProblem, chunks
from cooperation.ledgers.files import FileRefused, read_ledger_file, write_csv, write_xlsx
from cooperation.ledgers.models import BatchChange, BatchStatus, ChangeAction, ImportBatch
from cooperation.ledgers.resources import ERROR, NEW, PAIRING_COLUMN, UNCHANGED, UPDATED
from cooperation.regions import RegionIndex
from review import publishing
from review.publishing import ReviewRefused

logger = logging.getLogger(__name__)
AUDITED_PROBLEMS = 5  # the first problems of a refused file, in its audit entry
SHOWN_REVIEW = 500  # the items to check that a summary lists (the admin shows 1,000)


def ledgers():
    """The ledger resources, in import order."""
    return [import_string(path)() for path in settings.LEDGERS]


def ledger_by_slug(slug):
    for ledger in ledgers():
        if ledger.ledger_slug == slug:
            return ledger
    raise KeyError(slug)


def recognise(sheet, available):
    """Which ledger a sheet is: by its name (a workbook's 考察活动 sheet), else by its headers."""
    by_name = {normalise_header(ledger.ledger_name): ledger for ledger in available}
    if normalise_header(sheet.name) in by_name:
        return by_name[normalise_header(sheet.name)]
    scored = []
    for ledger in available:
        headers = {h for h in ledger.canonical_headers(sheet.headers)[0] if h} | ledger.supplied_headers(sheet)
        known = len(headers & set(ledger.ledger_headers))
        identified = not ledger.one_of_headers or headers & set(ledger.one_of_headers)
        if known and set(ledger.required_headers) <= headers and identified:
            scored.append((known, ledger))
    scored.sort(key=lambda pair: -pair[0])
    if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    return None


@dataclass
class ImportReport:
    """What an import did or would do: per ledger, per row; or why the file was refused."""

    file_name: str
    sha256: str = ""
    size: int = 0
    kind: str = ""
    encoding: str = ""
    dry_run: bool = True
    publish: bool = False
    results: list = field(default_factory=list)
    refusals: list = field(default_factory=list)  # why the file as a whole cannot be imported
    notices: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # about the file as a whole: columns ignored …
    review: list = field(default_factory=list)  # ReviewItems: what the importer should check
    # Columns no ledger reads, for the importer to map to a field (`columns`): one
    # (sheet's label, ledger's name, [its unknown columns], [the fields they may be read as]) a sheet.
    unknown_columns: list = field(default_factory=list)
    # What each unknown column probably is (`proposals`): (sheet's label, column, field or None,
    # why), shown as a question and never applied until the importer maps the column.
    column_proposals: list = field(default_factory=list)
    columns: dict = field(default_factory=dict)  # the importer's {column: field}, as given
    new_names: dict = field(default_factory=dict)
    region_index: object = None  # loaded once, when a column is to be proposed
    batch: object = None
    # The batch that records a failed import (status 导入失败), written after its rollback.
    failed_batch: object = None

    @property
    def refused(self):
        return bool(self.refusals)

    @property
    def has_errors(self):
        return self.refused or any(result.has_problems() for result in self.results)

    @property
    def totals(self):
        totals = {NEW: 0, UPDATED: 0, UNCHANGED: 0, ERROR: 0}
        for result in self.results:
            for key, value in result.counts.items():
                totals[key] += value
        return totals

    @property
    def problems(self):
        return [problem for result in self.results for problem in result.problems]

    @property
    def row_warnings(self):
        return [warning for result in self.results for warning in result.warnings]

    @property
    def committed(self):
        return self.batch is not None and not self.dry_run

    def summary_lines(self):
        """The summary the command prints and the admin shows, in the same words."""
        lines = [f"文件：{self.file_name}（{self.kind}{'，' + self.encoding if self.encoding else ''}）"]
        lines += [f"无法导入：{message}" for message in self.refusals]
        for result in self.results:
            counts = result.counts
            line = (
                f"{result.ledger}：新增 {counts[NEW]}，更新 {counts[UPDATED]}，未变 {counts[UNCHANGED]}，"
                f"错误 {counts[ERROR]}"
            )
            if result.skipped:
                line += f"（空行 {result.skipped}）"
            lines.append(line)
        for kind, names in self.new_names.items():
            shown = "、".join(names[:20]) + (f" 等 {len(names)} 个" if len(names) > 20 else "")
            lines.append(f"将新建{kind}：{shown}")
        lines += self.notices
        lines += [f"提示：{warning}" for warning in self.warnings]
        lines += [f"提示：{warning}" for warning in self.row_warnings]
        for problem in self.problems:
            lines.append(f"  {problem}")
        if self.review:
            kinds = Counter(item.kind for item in self.review)
            counts = "，".join(f"{kind} {count}" for kind, count in kinds.items())
            lines.append(f"请核对（{counts}；存疑的在前）：")
            lines += [f"  {item}" for item in self.review[:SHOWN_REVIEW]]
            if len(self.review) > SHOWN_REVIEW:
                lines.append(f"  ……另有 {len(self.review) - SHOWN_REVIEW} 项未列出")
        if self.failed_batch is not None:
            lines.append(f"导入失败，已记为批次“{self.failed_batch}”（导入失败），没有写入任何内容。")
        elif self.refused or self.has_errors:
            lines.append("有错误：没有写入任何内容。改正后请重新导入。")
        elif self.dry_run:
            lines.append("试运行：没有写入任何内容。")
        elif self.batch is not None:
            lines.append(f"已导入，批次“{self.batch}”（可回滚）。")
        return lines


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector, off while an import runs.

    An import makes millions of short-lived objects while holding hundreds of thousands of
    records; each of the collector's full passes walks all of them again, which measured a
    fifth of the time of a 10,000-trip import. The records hold no reference cycles, so
    nothing waits for the collector; it runs again as soon as the import is over.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Enabled as it is, the collector would at once make a full pass over every object
            # the import made that is still held (0.5 s for 20,000 trips, after the commit):
            # frozen meanwhile, they are left for a later pass, by when the report is gone too.
            # (The import leaves no cycles to find: `ImportContext.release`.)
            gc.freeze()
            gc.enable()
            gc.unfreeze()


def import_file(data, file_name, **options):
    """Import a ledger file all or nothing. A dry run does everything and rolls it back.

    Every call — dry run, import, refusal — leaves an entry in the audit log.
    """
    with collector_paused():
        report = _import_file(data, file_name, **options)
    audit_import(report, options.get("user"))
    return report


def audit_import(report, user=None):
    """The audit log's entry for an import: what was done with which file, and how it ended."""
    what = "试运行" if report.dry_run else "导入并发布" if report.publish else "导入"
    outcome = Outcome.FAILURE if report.has_errors else Outcome.SUCCESS
    lines = [f"{what}：{describe_file(report)}"]
    if report.columns:
        # How the importer chose to read the sheet's own column names is part of what was done.
        lines.append("列的读法（导入时指定）：" + "，".join(f"{k}={v}" for k, v in report.columns.items()))
    for result in report.results:
        counts = result.counts
        lines.append(
            f"{result.ledger}：新增 {counts[NEW]}，更新 {counts[UPDATED]}，未变 {counts[UNCHANGED]}，"
            f"错误 {counts[ERROR]}"
        )
    lines += [f"无法导入：{message}" for message in report.refusals[:AUDITED_PROBLEMS]]
    problems = report.problems
    lines += [str(problem) for problem in problems[:AUDITED_PROBLEMS]]
    if len(problems) > AUDITED_PROBLEMS:
        lines.append(f"……共 {len(problems)} 处错误")
    if report.has_errors:
        lines.append("没有写入任何内容")
    try:
        record(
            AuditEvent.IMPORT,
            user=_acting(user),
            obj=report.batch if report.committed else report.failed_batch or report.file_name,
            outcome=outcome,
            detail="\n".join(lines),
        )
    except (DatabaseError, InterfaceError) as exc:
        # The database is away (the import failed for that reason): the report already says so.
        logger.warning("Could not write the audit entry for the import of %s: %s", report.file_name, exc)


def describe_file(report):
    parts = [report.kind, report.encoding, f"{report.size} 字节" if report.size else ""]
    if report.sha256:
        parts.append(f"SHA-256 {report.sha256[:16]}…")
    described = "，".join(part for part in parts if part)
    return f"{report.file_name}（{described}）" if described else report.file_name


def _import_file(data, file_name, *, user=None, publish=False, dry_run=True, max_bytes=None, max_rows=None,
                 progress=None, own_region="", columns=None):
    """`own_region`: the office's own region, as the importer writes it (本单位所在地区, 奈曼旗): the
    other end of the trips of a sheet that has a column for one end only, in the rows that leave
    the other empty. `columns`: {the sheet's column name: the ledger's field} the importer gave
    (an office's own name for a column, read as that field)."""
    own_region = "".join((own_region or "").split())
    columns = {normalise_header(k): normalise_header(v) for k, v in (columns or {}).items()}
    report = ImportReport(file_name=file_name, dry_run=dry_run, publish=publish, columns=columns)
    try:
        known = frozenset(
            header for ledger in ledgers() for header in (*ledger.accepted_headers, *ledger.header_synonyms)
        )
        ledger_file = read_ledger_file(
            data, file_name, max_bytes=max_bytes, max_rows=max_rows, known_headers=known
        )
    except FileRefused as refused:
        report.refusals = refused.messages
        return report
    report.sha256, report.size = ledger_file.sha256, ledger_file.size
    report.kind, report.encoding = ledger_file.kind, ledger_file.encoding
    plan = plan_sheets(ledger_file, report, own_region=own_region, columns=columns)
    if report.refused:
        return report
    try:
        with bulk.page_cache(), transaction.atomic():
            batch = ImportBatch.objects.create(
                user=user if user is not None and user.pk else None,
                file_name=file_name[:255],
                sha256=ledger_file.sha256,
                size=ledger_file.size,
                file_kind=ledger_file.kind,
                encoding=ledger_file.encoding[:40],
                published=publish,
                ledgers="、".join(dict.fromkeys(ledger.ledger_name for _sheet, ledger in plan)),
            )
            # 导入即发布 writes drafts like any import, then submits them as one batch (submit_batch).
            context = ImportContext(user=user, publish=False, file_name=file_name, batch=batch, progress=progress)
            if own_region:
                try:
                    context.own_region = context.regions.resolve(own_region)
                except NameProblem as exc:
                    report.refusals.append(f"本单位所在地区：{exc}")
                    transaction.set_rollback(True)
                    context.release()
                    return report
            # Every content type the batch's records may need, known before the first COPY is
            # queued: a lookup among the writes would wait for the COPYs before it.
            ContentType.objects.get_for_models(*apps.get_models())
            with bulk.copies_alongside():
                for sheet, ledger in plan:
                    report.results.append(ledger.run(sheet, context))
            report.new_names = {kind: list(names) for kind, names in context.new_names.items()}
            stems = context.regions.read_without_ending
            if stems:
                # 敖汉 for 敖汉旗, in any ledger's column: one region has that name and an ending.
                read = "，".join(f"“{text}”按“{region.name}”" for text, region in stems.items())
                report.notices.append(f"地名省去了“旗”“县”“区”等的，{read}读入。")
            report.review = context.review_items()
            if dry_run and context.held.kept and not report.has_errors:
                report.notices.append(
                    f"文件改动了 {len(context.held.kept)} 条公众可见的记录：导入后这些改动作为它们的修改提交审核，"
                    "经终审签发后才公开；在此之前公众看到的仍是已发布的版本。"
                )
            if not dry_run and not report.has_errors:
                hold_public_changes(context, batch, user, report)
            if dry_run or report.has_errors:
                transaction.set_rollback(True)
            else:
                totals = report.totals
                batch.new, batch.updated, batch.unchanged = totals[NEW], totals[UPDATED], totals[UNCHANGED]
                batch.counts = {result.ledger: result.counts for result in report.results}
                batch.save(update_fields=["new", "updated", "unchanged", "counts"])
                if publish:
                    submit_batch(batch, user)
                report.batch = batch
            context.release()
    except (DatabaseError, InterfaceError) as exc:
        # A record changed by someone else while the file was read, or the database went away:
        # the transaction rolled back whole, so nothing of the file was written.
        logger.warning("Import of %s failed in the database: %s: %s", file_name, type(exc).__name__, exc)
        _failed(report, f"写入数据库时出错（{type(exc).__name__}：{_first_line(exc)}），没有写入任何内容；请稍后重试。",
                ledger_file, plan, user)
    except Exception as exc:
        logger.exception("Import of %s failed", file_name)
        _failed(report, f"导入时出现程序错误（{type(exc).__name__}），没有写入任何内容；请把文件交给管理员。",
                ledger_file, plan, user)
    return report


def batch_label(batch):
    """How the review queue names an import's submissions, one label per batch (new records and
    held changes alike), so that a reviewer takes each step on the whole batch at once."""
    return f"导入批次 {batch}"[:60]


def hold_public_changes(context, batch, user, report):
    """What the import wrote to records the public sees becomes their pending revisions (review.held).

    The same rule as a change saved on a change page: the checks run on every record, and the
    public keeps the approved version until 终审签发 — which the import gives itself only where
    the office's chain for the record's grade is that step alone and the importer holds it.
    """
    try:
        requests = context.held.settle(f"台账导入的修改：{batch.file_name}"[:300], batch=batch_label(batch))
    except ReviewRefused as refused:
        report.refusals.append(str(refused))
        return
    waiting = [request for request in requests if request.is_pending]
    if waiting:
        report.notices.append(
            f"{len(waiting)} 条公众可见的记录的修改已提交审核（{batch_label(batch)}）："
            "经终审签发后才公开，在此之前公众看到的仍是已发布的版本。"
        )
    if len(requests) > len(waiting):
        signed = len(requests) - len(waiting)
        report.notices.append(f"{signed} 条公众可见的记录的修改已由导入人终审签发（审核流程仅终审签发）。")


def submit_batch(batch, user):
    """导入即发布: every record the batch created or changed that is not public goes to its chain,
    labelled with the batch, so that a reviewer takes each step on the whole batch at once; the
    checks (personal information, 错敏词) run on each, the people the import created included."""
    label = batch_label(batch)
    ids = defaultdict(list)
    for content_type_id, object_id in batch.changes.values_list("content_type_id", "object_id").order_by("pk"):
        ids[content_type_id].append(object_id)
    for content_type_id, object_ids in ids.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or not hasattr(model, "status"):
            continue
        for obj in model.objects.filter(pk__in=object_ids).order_by("pk"):
            if not publishing.is_live(obj):
                publishing.publish_imported(obj, user, label)


def _first_line(error):
    text = str(error).strip()
    return text.splitlines()[0][:200] if text else "无详细信息"


def _failed(report, reason, ledger_file, plan, user):
    """The import's transaction failed: say why, and record a failed batch outside it.

    The batch is written in a transaction of its own, after the failed one rolled back, so the
    office's record of imports (and the audit log, written next) shows the attempt and its
    reason. A database that is still away cannot take even that; the report says so.
    """
    report.refusals = [reason]
    report.results = []
    if report.dry_run:
        return
    try:
        with transaction.atomic():
            report.failed_batch = ImportBatch.objects.create(
                user=user if user is not None and user.pk else None,
                file_name=report.file_name[:255],
                sha256=ledger_file.sha256,
                size=ledger_file.size,
                file_kind=ledger_file.kind,
                encoding=ledger_file.encoding[:40],
                published=report.publish,
                ledgers="、".join(dict.fromkeys(ledger.ledger_name for _sheet, ledger in plan)),
                status=BatchStatus.FAILED,
                failure=reason,
            )
    except (DatabaseError, InterfaceError) as exc:
        logger.warning("Could not record the failed import of %s: %s", report.file_name, exc)
        report.refusals.append("数据库仍无法写入：这次失败也没能记入导入批次和审计日志。")


# What the importer calls a sheet's title row when it confirms the pairing the title names
# (--column 标题行=结对关系, the preview's 不认识的列).
TITLE_ROW = "标题行"


def _title_pairing(report, where, sheet, ledger, columns):
    """The one pairing a sheet's title rows name (2023年石景山区—莫旗京蒙协作项目台账), for a ledger
    that reads 结对关系 and a sheet that names no supporting side (no 支援方, no 结对关系): a banner's
    office keeps its own projects, and writes its supporter once, above the header.

    A title is the office's heading, not a column — it may name a year's programme, a city or
    several pairings — so the pairing is proposed as the unknown columns are, and read only once
    the importer confirms it (`columns`: 标题行=结对关系): then it is every row's 结对关系 (a row
    whose 受援方 differs is that row's error) and the warning says so. True when it was read."""
    if PAIRING_COLUMN not in ledger.accepted_headers or not sheet.title_rows:
        return False
    if PAIRING_COLUMN in sheet.headers or "支援方" in sheet.headers:
        return False
    if report.region_index is None:
        report.region_index = RegionIndex.load()
    named = []
    for _number, text in sheet.title_rows:
        named += [pair for pair in report.region_index.pairings_named(text) if pair not in named]
    label = "、".join(f"{support.name}—{recipient.name}" for support, recipient in named)
    given = columns.get(TITLE_ROW)
    if len(named) != 1:
        if len(named) > 1:
            report.notices.append(
                f"{where}（{ledger.ledger_name}）：标题行写了 {len(named)} 个结对关系（{label}），"
                "不能作各行的结对关系；请在表中加“结对关系”或“支援方”一栏。"
            )
        return False
    number = sheet.title_rows[0][0]
    if given == PAIRING_COLUMN:
        sheet.headers.append(PAIRING_COLUMN)
        sheet.rows = [
            (row_number, [*row, "" if all(cells.is_blank(value) for value in row) else label])
            for row_number, row in sheet.rows
        ]
        report.warnings.append(
            f"{where}（{ledger.ledger_name}）：标题行写的结对关系“{label}”作各行的结对关系读入（导入时指定 "
            f"{TITLE_ROW}={PAIRING_COLUMN}）；写了别的受援方的行报错。"
        )
        return True
    if given:
        report.refusals.append(
            f"{where}（{ledger.ledger_name}）：指定的“{TITLE_ROW}={given}”中，标题行只能读作“{PAIRING_COLUMN}”"
        )
        return True
    reason = f"第 {number} 行标题写了唯一的结对关系“{label}”，表中没有支援方"
    report.unknown_columns.append((where, ledger.ledger_name, [TITLE_ROW], [PAIRING_COLUMN]))
    report.column_proposals.append((where, TITLE_ROW, PAIRING_COLUMN, reason))
    report.warnings.append(
        f"{where}（{ledger.ledger_name}）：{reason}，可能是各行的“{PAIRING_COLUMN}”；确认后才按它读入"
        f"（导入时指定 {TITLE_ROW}={PAIRING_COLUMN}）。"
    )
    return False


SAMPLED_ROWS = 200  # rows an unknown column's content is judged by


def _proposed_count(report, sheet, unknown, available):
    """How many of a sheet's unknown columns would be proposed a field."""
    if report.region_index is None:
        report.region_index = RegionIndex.load()
    found = proposals.propose_for_unknown_sheet(_sampled(sheet, unknown), sheet.headers, available, report.region_index)
    return sum(1 for target, _ledger, _why in found.values() if target)


def _sampled(sheet, unknown):
    rows = [row for _number, row in sheet.rows[:SAMPLED_ROWS]]
    columns = {}
    for column in unknown:
        position = sheet.headers.index(column)
        columns[column] = [row[position] for row in rows if position < len(row)]
    return columns


def _propose_columns(report, where, sheet, unknown, available, recognised=True):
    """Propose a field for each unknown column of a sheet, each a warning: a question for the
    importer, never applied (the admin's form is filled with it; the command prints the
    --column to rerun with)."""
    if report.region_index is None:
        report.region_index = RegionIndex.load()
    columns = _sampled(sheet, unknown)
    if recognised:
        [ledger] = available
        candidates = [(ledger, field) for field in ledger.proposed_headers if field not in sheet.headers]
        found = proposals.propose(columns, candidates, report.region_index)
    else:
        found = proposals.propose_for_unknown_sheet(columns, sheet.headers, available, report.region_index)
    for column, (target, _ledger, reason) in found.items():
        report.column_proposals.append((where, column, target, reason))
        if target:
            report.warnings.append(
                f"{where}：列“{column}”可能是“{target}”（{reason}）；确认后才按它读入"
                f"（导入时指定 {column}={target}）。"
            )
        elif not recognised:
            # (A recognised sheet's columns left out are named as ignored already.)
            report.warnings.append(f"{where}：列“{column}”不导入：{reason}。")


def plan_sheets(ledger_file, report, own_region="", columns=None):
    """Each sheet with its ledger, in import order; header problems refuse the whole file.

    Several sheets of one ledger (a sheet per year) are imported one after the other, in the
    workbook's order. `columns` ({column: field}) renames a sheet's columns before anything else
    reads them, each use told; a field its sheet's ledger does not read, or a column no sheet
    has, refuses the file.
    """
    available = ledgers()
    chosen = defaultdict(list)
    columns = columns or {}
    mapped_anywhere = set()
    for sheet in ledger_file.sheets:
        if not sheet.headers:
            if len(ledger_file.sheets) == 1:
                report.refusals.append("文件里没有表头，也没有数据。")
            continue
        where = sheet.label
        if sheet.hidden:
            # Nobody filling the workbook sees it: mostly the lists its drop-down cells offer, or
            # an old copy kept out of sight. Never read without a person choosing to.
            report.notices.append(
                f"已跳过{where}：它是隐藏的工作表（多为下拉选项等辅助内容），未导入；"
                "如要导入，请在 Excel 中取消隐藏后重新上传。"
            )
            continue
        sheet.original_headers = list(sheet.headers)
        mapped = [(header, columns[header]) for header in sheet.headers if header in columns]
        if mapped:
            mapped_anywhere.update(header for header, _field in mapped)
            sheet.headers = [columns.get(header, header) for header in sheet.headers]
        ledger = recognise(sheet, available)
        if ledger is None:
            known = {h for each in available for h in (*each.accepted_headers, *each.header_synonyms)}
            unknown = [h for h in dict.fromkeys(sheet.headers) if h and h not in known]
            if ledger_file.is_workbook and len(ledger_file.sheets) > 1:
                report.notices.append(f"已跳过{where}：它的表头不属于任何台账。")
                # A sheet of a ledger in the office's own words (活动名称 for 标题) is asked about
                # when its columns are proposed as two fields or more; a 填表说明 sheet is not.
                if unknown and _proposed_count(report, sheet, unknown, available) >= 2:
                    fields = list(dict.fromkeys(h for each in available for h in each.accepted_headers))
                    report.unknown_columns.append((where, "未识别的台账", unknown, fields))
                    _propose_columns(report, where, sheet, unknown, available, recognised=False)
                continue
            names = "、".join(f"{ledger.ledger_name}（{ledger.required_headers[0]}…）" for ledger in available)
            report.refusals.append(f"无法从表头判断{where}是哪一种台账；应是 {names} 之一。")
            # The importer may know which of its columns is which field (走访事由 is 标题): asked
            # with every ledger's fields, the next preview recognises the sheet by them.
            if unknown:
                fields = list(dict.fromkeys(h for each in available for h in each.accepted_headers))
                report.unknown_columns.append((where, "未识别的台账", unknown, fields))
                _propose_columns(report, where, sheet, unknown, available, recognised=False)
            continue
        if mapped:
            wrong = [(header, target) for header, target in mapped if target not in ledger.accepted_headers]
            for header, target in wrong:
                report.refusals.append(
                    f"{where}（{ledger.ledger_name}）：指定的“{header}={target}”中，“{target}”不是{ledger.ledger_name}的列；"
                    f"可以指定的列：{'、'.join(ledger.accepted_headers)}"
                )
            # An amount in 元 read as 万元 would be ten thousand times too large, and look right.
            units = [
                (header, target, cells.money_unit(header), cells.money_unit(target))
                for header, target in mapped if (header, target) not in wrong
            ]
            for header, target, unit, field_unit in units:
                if unit and field_unit and unit != field_unit:
                    wrong.append((header, target))
                    report.refusals.append(
                        f"{where}（{ledger.ledger_name}）：指定的“{header}={target}”中，两列的单位不同（{unit}、"
                        f"{field_unit}），金额会差一万倍；请在表中换算成{field_unit}后再导入"
                    )
            names = "，".join(f"“{header}”按“{target}”" for header, target in mapped if (header, target) not in wrong)
            if names:
                report.warnings.append(f"{where}（{ledger.ledger_name}）：列{names}读入（导入时指定）。")
        sheet.headers, read_as = ledger.canonical_headers(sheet.headers)
        if read_as:
            names = "，".join(f"“{header}”按“{target}”" for header, target in read_as)
            report.warnings.append(f"{where}（{ledger.ledger_name}）：列{names}读入。")
        if ledger.supplied_headers(sheet):
            # A workbook kept a sheet per year: the sheet's name is each row's 年度.
            sheet.supply_column(ledger.year_column, str(sheet.name_year))
            report.notices.append(
                f"{where}（{ledger.ledger_name}）没有“{ledger.year_column}”列：各行的{ledger.year_column}"
                f"按工作表名读作 {sheet.name_year}。"
            )
        if _title_pairing(report, where, sheet, ledger, columns):
            mapped_anywhere.add(TITLE_ROW)
        for message in (*ledger.check_headers(sheet), *ledger.sheet_refusals(sheet, own_region)):
            report.refusals.append(f"{where}（{ledger.ledger_name}）：{message}")
        report.notices.extend(ledger.sheet_notices(sheet, own_region))
        for number, text in sheet.title_rows:
            shown = text if len(text) <= 40 else text[:40] + "…"
            report.notices.append(
                f"{where}第 {number} 行（“{shown}”）不是表头，已跳过；表头在第 {sheet.header_row} 行。"
            )
        report.notices.extend(f"{where}：{message}" for message in ledger.prepare_sheet(sheet))
        unknown = ledger.unknown_headers(sheet)
        hidden = [header for header in getattr(sheet, "hidden_headers", ()) if header not in unknown]
        if hidden:
            # Read as any column is, but nobody looking at the sheet has seen what they hold.
            names = "、".join(f"“{header}”" for header in hidden)
            report.warnings.append(
                f"{where}（{ledger.ledger_name}）：列{names}在表中是隐藏的，其内容照常导入；请先在表中显示并核对这些列。"
            )
        if unknown:
            names = "、".join(f"“{header}”" for header in unknown)
            report.warnings.append(f"{where}（{ledger.ledger_name}）：已忽略无法识别的列 {names}，其内容不会导入。")
            fields = [header for header in ledger.accepted_headers if header not in sheet.headers]
            report.unknown_columns.append((where, ledger.ledger_name, unknown, fields))
            _propose_columns(report, where, sheet, unknown, [ledger])
        if sheet.upper_header_row:
            groups = "、".join(f"“{header}”" for header in sheet.group_headers)
            report.notices.append(
                f"{where}的表头占两行（第 {sheet.upper_header_row}、{sheet.header_row} 行）：各列按第 "
                f"{sheet.header_row} 行的列名读入，它为空时按第 {sheet.upper_header_row} 行的"
                + (f"；{groups} 是分组名，不作列名。" if groups else "。")
            )
        for group, count in getattr(sheet, "people_pairs", ()):
            report.notices.append(
                f"{where}：“{group}”下的 {count * 2} 列每两列（人员、职务）是一人，按 姓名（职务） 读入这一栏。"
            )
        for number, kind, text in sheet.set_aside:
            shown = text if len(text) <= 40 else text[:40] + "…"
            what = "合计行" if kind == "合计" else "说明"
            report.notices.append(f"{where}第 {number} 行（“{shown}”）是{what}，不是一条记录，已跳过。")
        if sheet.merged_down:
            report.notices.append(f"{where}：合并单元格的内容已填入其下各行（{sheet.merged_down} 格）。")
        chosen[ledger.ledger_slug].append((sheet, ledger))
    for header in columns:
        if header == TITLE_ROW and header not in mapped_anywhere:
            report.refusals.append(
                f"指定了“{TITLE_ROW}={columns[header]}”，但没有哪一张项目或年度数据表的标题行写了唯一的结对关系"
                "（如 2023年石景山区—莫旗京蒙协作项目台账），而表中又没有“支援方”“结对关系”列。"
            )
        elif header not in mapped_anywhere:
            report.refusals.append(f"指定了列“{header}”的读法，但文件里没有这一列。")
    if not chosen and not report.refusals:
        report.refusals.append("文件里没有可导入的台账。")
    return [pair for ledger in available for pair in chosen.get(ledger.ledger_slug, ())]


# Export ---------------------------------------------------------------------------------------


def export_ledgers(slugs=None, *, file_format="xlsx", public=False, querysets=None, counts=None):
    """The named ledgers (all by default) as one XLSX workbook or, for one ledger, a CSV.

    `counts`: a dict to receive each ledger's number of rows (for the audit log).
    """
    chosen = [ledger for ledger in ledgers() if slugs is None or ledger.ledger_slug in slugs]
    querysets = querysets or {}
    tables = []
    for ledger in chosen:
        queryset = querysets.get(ledger.ledger_slug)
        queryset = ledger.export_queryset(public) if queryset is None else queryset
        tables.append((ledger.ledger_name, list(ledger.ledger_headers), list(ledger.export_rows(queryset, public))))
        if counts is not None:
            counts[ledger.ledger_name] = len(tables[-1][2])
    if file_format == "csv":
        if len(tables) != 1:
            raise ValueError("CSV holds one ledger; choose one, or XLSX for all of them")
        _name, headers, rows = tables[0]
        return write_csv(headers, rows)
    return write_xlsx(tables)


def audit_export(file_name, data, *, counts, public, user=None, request=None):
    """The audit log's entry for an export made by staff (admin or command): what left, how much."""
    rows = "，".join(f"{name} {number} 行" for name, number in counts.items())
    scope = "只含已发布记录" if public else "含草稿、待审和已撤回的记录"
    record(
        AuditEvent.EXPORT,
        request=request,
        user=user,
        obj=file_name,
        detail=f"{rows}；{scope}；{len(data)} 字节",
    )


# Rollback -------------------------------------------------------------------------------------


class RollbackRefused(Exception):
    pass


def rollback_conflicts(batch):
    """Later imports, not yet rolled back, that touched a record this batch touched."""
    later = BatchChange.objects.filter(
        batch__created_at__gt=batch.created_at, batch__status=BatchStatus.COMMITTED
    ).exclude(batch=batch)
    conflicts = set()
    changes = batch.changes.values_list("content_type_id", "object_id")
    by_type = {}
    for content_type_id, object_id in changes:
        by_type.setdefault(content_type_id, []).append(object_id)
    for content_type_id, ids in by_type.items():
        for chunk in chunks(ids, 900):
            conflicts.update(
                later.filter(content_type_id=content_type_id, object_id__in=chunk).values_list("batch_id", flat=True)
            )
    return sorted(conflicts)


def rollback(batch, user=None):
    """Undo a batch: delete what it created, restore what it changed or deleted, all or nothing.

    The audit log records it, or the refusal and its reason.
    """
    try:
        done = _rollback(batch, user)
    except RollbackRefused as refused:
        record(AuditEvent.IMPORT_ROLLBACK, user=_acting(user), obj=batch, outcome=Outcome.FAILURE, detail=str(refused))
        raise
    counts = Counter(done.changes.values_list("action", flat=True))
    record(
        AuditEvent.IMPORT_ROLLBACK,
        user=_acting(user),
        obj=done,
        detail=(
            f"{done.file_name}：删除新增的 {counts[ChangeAction.CREATED]} 条，"
            f"还原修改的 {counts[ChangeAction.UPDATED]} 条、删除的 {counts[ChangeAction.DELETED]} 条"
        ),
    )
    return done


def _acting(user):
    return user if user is not None and user.pk else None


@transaction.atomic
def _rollback(batch, user=None):
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == BatchStatus.FAILED:
        raise RollbackRefused("这个批次导入失败，没有写入任何记录，无需回滚。")
    if batch.status != BatchStatus.COMMITTED:
        raise RollbackRefused("这个批次已经回滚过了。")
    conflicts = rollback_conflicts(batch)
    if conflicts:
        names = "、".join(f"“{later}”" for later in ImportBatch.objects.filter(pk__in=conflicts).order_by("created_at"))
        raise RollbackRefused(f"之后的导入批次 {names} 修改了同样的记录；请先回滚它们。")
    changes = list(batch.changes.select_related("content_type").order_by("-pk"))
    try:
        for action, content_type, group in _groups(changes):
            model = content_type.model_class()
            if action == ChangeAction.CREATED:
                for chunk in chunks([change.object_id for change in group]):
                    delete_with_history(model._default_manager.filter(pk__in=chunk), user)
            else:
                _restore([change.before for change in group if change.before], user)
    except ProtectedError as exc:
        names = "、".join(str(obj) for obj in list(exc.protected_objects)[:5])
        raise RollbackRefused(f"导入后新建的记录已被其他记录引用（{names}），无法回滚；请先处理这些引用。") from None
    batch.status = BatchStatus.ROLLED_BACK
    batch.rolled_back_at = timezone.now()
    batch.rolled_back_by = user if user is not None and user.pk else None
    batch.save(update_fields=["status", "rolled_back_at", "rolled_back_by"])
    return batch


def delete_with_history(queryset, user=None):
    """Delete records and what cascades from them, with a "-" history row each, in bulk.

    simple-history writes a deletion's history row one query at a time, from a signal: for
    a batch of 10,000 trips, over 100,000 queries. Here Django's collector finds everything
    the deletion reaches, the history rows are written in bulk, and the per-record handler
    is switched off for the delete itself. Nothing else runs meanwhile in this worker (the
    site is served by single-threaded gunicorn workers), and it is switched back on at once.
    """
    using = queryset.db
    collector = Collector(using=using, origin=queryset)
    collector.collect(queryset)
    now = timezone.now()
    user_id = user.pk if user is not None and user.pk else None
    for model, instances in collector.data.items():
        if hasattr(model, "history"):
            bulk.insert_history(
                model, list(instances), history_type="-", user_id=user_id, date=now, reason="回滚导入批次"
            )
    previous = getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
    settings.SIMPLE_HISTORY_ENABLED = False
    try:
        collector.delete()
    finally:
        settings.SIMPLE_HISTORY_ENABLED = previous


def _groups(changes):
    """Consecutive changes of one action and one model: deleted and restored together."""
    group, key = [], None
    for change in changes:
        this = (change.action if change.action == ChangeAction.CREATED else "restore", change.content_type_id)
        if key is not None and this != key:
            yield group[0].action, group[0].content_type, group
            group = []
        key = this
        group.append(change)
    if group:
        yield group[0].action, group[0].content_type, group


def _restore(snapshots, user):
    for restored in serializers.deserialize("python", snapshots):
        obj = restored.object
        obj._history_user = user if user is not None and user.pk else None
        obj.save()
        for name, ids in (restored.m2m_data or {}).items():
            getattr(obj, name).set(ids)
