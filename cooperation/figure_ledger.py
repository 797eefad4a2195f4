"""The 年度数据 ledger: a pairing's reported figures for one year, a row per pairing and year.

Each number column is one `ProgramFigure` (the 完成 value; a plan is the staff's to enter).
An empty cell leaves that figure as it is; a row whose numbers are all empty changes nothing.
支援方 with 受援方 name the pairing (created, and shown as new, when not yet known); a row
naming one side takes the other from that region's only pairing, else it is an error — a
figure without its pairing has nowhere to be shown. 来源链接 is the report the numbers come from.
"""

from dataclasses import dataclass, field

from cooperation.ledgers import bulk, cells
from cooperation.ledgers.context import NameProblem, chunks, identity, snapshot
from cooperation.ledgers.resources import (
    ERROR,
    NEW,
    PAIRING_COLUMN,
    PAIRING_COLUMN_SYNONYMS,
    UNCHANGED,
    UPDATED,
    LedgerResource,
    RowOutcome,
    flag_repeated_keys,
    region_text,
    sides_from_pairing_column,
)
from cooperation.models import FigureMetric, Pairing, ProgramFigure
from cooperation.regions import RegionIndex

# The number columns, in the order a pairing's yearly report gives them.
FIGURE_COLUMNS = {
    "财政援助资金（万元）": FigureMetric.FUNDS,
    "社会帮扶资金（万元）": FigureMetric.SOCIAL,
    "挂职干部（人次）": FigureMetric.CADRES,
    "专业技术人才交流（人次）": FigureMetric.TALENT,
    "消费帮扶金额（万元）": FigureMetric.CONSUMPTION,
    "劳务协作人数（人）": FigureMetric.LABOUR,
    "协作项目数（个）": FigureMetric.PROJECTS,
    "引导企业投资（万元）": FigureMetric.INVESTMENT,
}
FIGURE_HEADERS = ("支援方", "受援方", "年度", *FIGURE_COLUMNS, "来源链接")
# The money columns as an office keeps them in 元 (read, never written: the export writes 万元).
FIGURE_YUAN_COLUMNS = {
    column.replace("（万元）", "（元）"): (column, metric)
    for column, metric in FIGURE_COLUMNS.items()
    if column.endswith("（万元）")
}


@dataclass
class FigurePlan:
    reader: object
    pairing: object = None
    year: object = None
    values: dict = field(default_factory=dict)  # metric → Decimal
    url: str = ""

    @property
    def key(self):
        if self.pairing is None or self.year is None:
            return None
        return (identity(self.pairing), self.year)


def pairing_label(pairing):
    return f"{pairing.support_region.display_name}—{pairing.recipient_region.display_name}"


class FigureLedger(LedgerResource):
    ledger_name = "年度数据"
    ledger_slug = "figures"
    ledger_headers = FIGURE_HEADERS
    required_headers = ("年度",)
    one_of_headers = ("支援方", "受援方", PAIRING_COLUMN)
    extra_headers = (PAIRING_COLUMN, *FIGURE_YUAN_COLUMNS)  # 北京市石景山区—宁城县: read as 支援方 and 受援方
    header_synonyms = dict.fromkeys(PAIRING_COLUMN_SYNONYMS, PAIRING_COLUMN)
    region_headers = ("支援方", "受援方")
    record_model = ProgramFigure
    year_column = "年度"  # a workbook kept a sheet per year (2023年) may leave it out

    def publishable_models(self):
        return ()  # figures are public with their pairing's page; nothing to publish

    def admin_models(self):
        return (ProgramFigure, Pairing)

    def parse(self, reader, context):
        plan = FigurePlan(reader=reader)
        support = self._region(reader, "支援方", context)
        recipient = self._region(reader, "受援方", context)
        if PAIRING_COLUMN in reader.values and not isinstance(support, list) and not isinstance(recipient, list):
            support, recipient = sides_from_pairing_column(reader, context, support, recipient)
        if isinstance(support, list) or isinstance(recipient, list):
            self._several(reader, support, recipient, context)
        elif support is not None and recipient is not None:
            try:
                plan.pairing = context.pairings.resolve(support, recipient)
            except NameProblem as exc:
                reader.problem("支援方", str(exc))
        elif (support or recipient) is not None and not reader.problems:
            named = support or recipient
            partners = context.pairings.partners(named)
            column = "受援方" if support is not None else "支援方"
            if len(partners) == 1:
                plan.pairing = partners[0]
                label = pairing_label(plan.pairing)
                reader.warn(column, f"未填{column}：按“{named.display_name}”唯一的结对关系取“{label}”", value="")
                context.note_review(
                    "推断的结对关系", f"{label}（只写了“{named.display_name}”，取它唯一的结对关系）", reader,
                    self.ledger_name,
                )
            else:
                what = f"有 {len(partners)} 个结对关系" if partners else "没有结对关系"
                listed = f"（{'、'.join(pairing_label(p) for p in partners)}）" if partners else ""
                reader.problem(
                    "支援方" if support is not None else "受援方",
                    f"“{named.display_name}”{what}{listed}；请写明支援方与受援方",
                )
        elif not reader.problems:
            reader.problem("受援方", "须写明结对关系（支援方与受援方）")
        try:
            plan.year = cells.parse_int(reader.raw("年度"), minimum=1990, maximum=2100, suffixes=("年度", "年"))
        except cells.CellError:
            reader.problem(
                "年度", "须是一个年份，如 2024：一行是一个结对关系一年的数字，累计或几年合计的数字不能按年导入"
            )
        else:
            named = cells.title_year([reader.sheet]) if reader.sheet else None
            if plan.year is None:
                reader.problem("年度", "必填，不能为空")
            elif named is not None and named != plan.year:
                reader.problem(
                    "年度",
                    f"本行写的是 {plan.year} 年度，工作表“{reader.sheet}”却是 {named} 年的；"
                    "请改正年度，或把这一行移到它那一年的工作表",
                )
        for column, metric in FIGURE_COLUMNS.items():
            value = reader.decimal(column)
            if value is not None:
                plan.values[metric] = value
        for column in [column for column in FIGURE_YUAN_COLUMNS if column in reader.values]:
            value = reader.decimal(column)
            if value is None:
                continue
            wan_column, metric = FIGURE_YUAN_COLUMNS[column]
            if metric in plan.values:
                reader.problem(column, f"与“{wan_column}”是同一个数字，只填一列")
                continue
            plan.values[metric], message = cells.yuan_warning(value)
            reader.warn(column, message)
        plan.url = reader.url("来源链接")
        if plan.pairing is not None:
            # A refused row says whose figures it holds: the preview is read before the file is fixed.
            label = pairing_label(plan.pairing)
            for problem in reader.problems:
                problem.message = f"{label}的数字：{problem.message}"
        return plan

    @staticmethod
    def _region(reader, column, context):
        """The region a side names; a list of them when it names several (an error the caller words)."""
        items = cells.split_terms(reader.raw(column))
        regions = []
        for item in items:
            try:
                regions.append(context.regions.resolve(item))
            except NameProblem as exc:
                reader.problem(column, str(exc))
                return None
        if len(regions) > 1:
            return regions
        return regions[0] if regions else None

    @staticmethod
    def _several(reader, support, recipient, context):
        """A row naming several regions on a side: refused, naming the pairings it would mix."""
        supports = support if isinstance(support, list) else [support]
        recipients = recipient if isinstance(recipient, list) else [recipient]
        column = "受援方" if isinstance(recipient, list) else "支援方"
        count = len(recipients) if column == "受援方" else len(supports)
        listed = ""
        if None not in supports + recipients:
            listed = "（" + "、".join(f"{s.display_name}—{r.display_name}" for s in supports for r in recipients) + "）"
        reader.problem(
            column, f"一行只写一个结对关系的数字，这里有 {count} 个行政区划{listed}；请每个结对关系各写一行"
        )

    def import_rows(self, readers, context, result):
        plans = [self.parse(reader, context) for reader in self.counted(readers, context, "检查")]
        flag_repeated_keys(
            [(p.reader, p.key) for p in plans], lambda key: f"同一结对关系的{key[1]}年度"
        )
        context.sources.load(p.url for p in plans)
        existing = {}
        pairings = {p.pairing.pk for p in plans if p.pairing is not None and p.pairing.pk is not None}
        for chunk in chunks(pairings):
            for figure in ProgramFigure.objects.filter(pairing_id__in=chunk):
                existing[(figure.pairing_id, figure.year, figure.metric)] = figure
        new, changed = [], {}
        for plan in plans:
            outcome = RowOutcome(number=plan.reader.number, label=self.label(plan))
            result.outcomes.append(outcome)
            if plan.reader.problems:
                outcome.status, outcome.problems = ERROR, plan.reader.problems
                continue
            source = None
            if plan.url:
                source = context.sources.by_url.get(plan.url) or context.sources.new(title=plan.url, url=plan.url)
            made, labels = 0, []
            for column, metric in FIGURE_COLUMNS.items():
                if metric not in plan.values:
                    continue
                figure = existing.get((plan.pairing.pk, plan.year, metric))
                if figure is None:
                    new.append(
                        bulk.build(
                            ProgramFigure,
                            pairing=plan.pairing,
                            year=plan.year,
                            metric=metric,
                            actual=plan.values[metric],
                            source=source,
                        )
                    )
                    made += 1
                    continue
                fields = []
                if figure.actual != plan.values[metric]:
                    fields.append("actual")
                if source is not None and (source.pk is None or source.pk != figure.source_id):
                    fields.append("source")
                if fields:
                    before = snapshot(figure)
                    figure.actual = plan.values[metric]
                    if "source" in fields:
                        figure.source = source
                    changed[figure.pk] = (figure, fields, before)
                    labels.append(column)
            outcome.obj = plan.pairing
            if made and not labels and made == len(plan.values):
                outcome.status = NEW
            elif made or labels:
                outcome.status, outcome.changes = UPDATED, labels + (["新的数据"] if made else [])
            else:
                outcome.status = UNCHANGED
        context.progress(f"{self.ledger_name}：写入")
        context.flush_vocabulary()
        context.writer.create(ProgramFigure, new)
        if changed:
            values = list(changed.values())
            fields = sorted({name for _f, names, _b in values for name in names})
            context.writer.update(
                ProgramFigure, [f for f, _n, _b in values], fields, before={f.pk: b for f, _n, b in values}
            )

    @staticmethod
    def label(plan):
        if plan.pairing is None:
            return str(plan.year or "")
        return f"{pairing_label(plan.pairing)} {plan.year or ''}"

    # Export --------------------------------------------------------------------------------

    def export_queryset(self, public=False):
        figures = ProgramFigure.objects.filter(actual__isnull=False).order_by("pairing_id", "year", "metric")
        if public:
            # The open data shows what the pairing's page shows: nothing of a pairing not yet in public use.
            figures = figures.filter(pairing__in=Pairing.objects.in_public_use())
        return figures

    def export_records(self, queryset, public=False):
        """A row per pairing and year; its record is the pairing."""
        index = RegionIndex.load()
        rows, pairings = {}, {}
        for figure in queryset.select_related("pairing", "source"):
            key = (figure.pairing_id, figure.year)
            row = rows.get(key)
            if row is None:
                pairing = pairings[key] = figure.pairing
                row = rows[key] = {
                    "支援方": region_text(index, index.regions.get(pairing.support_region_id)),
                    "受援方": region_text(index, index.regions.get(pairing.recipient_region_id)),
                    "年度": figure.year,
                    "来源链接": "",
                }
            column = METRIC_COLUMNS[figure.metric]
            row[column] = cells.format_decimal(figure.actual)
            if figure.source_id and figure.source.url and not row["来源链接"]:
                row["来源链接"] = figure.source.url
        for key, row in rows.items():
            yield pairings[key], [row.get(header, "") for header in FIGURE_HEADERS]


METRIC_COLUMNS = {metric: column for column, metric in FIGURE_COLUMNS.items()}
