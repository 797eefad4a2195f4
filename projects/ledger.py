"""The 项目 ledger: one cooperation project per row.

支援方 with 受援方 names the project's pairing (created, and shown as new, when not yet known);
所在地 its county or township; 实施主体 the body that carries it out. What the ledger does not
say — the timeline, photos, the 首页推荐 flag — is never touched.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from cooperation.ledgers import bulk, cells
from cooperation.ledgers.context import NameProblem, apply_status, chunks, identity, snapshot
from cooperation.ledgers.resources import (
    ERROR,
    NEW,
    PAIRING_COLUMN,
    PAIRING_COLUMN_SYNONYMS,
    PUBLISHED_ONLY_MESSAGE,
    UNCHANGED,
    UPDATED,
    LedgerResource,
    RowOutcome,
    claim_record,
    editor_may_change,
    flag_repeated_keys,
    region_text,
    sides_from_pairing_column,
)
from cooperation.models import RegionLevel
from cooperation.regions import TOWNSHIP_ENDINGS, VILLAGE_ENDINGS, RegionIndex
from projects.models import Project, ProjectStage

PROJECT_HEADERS = (
    "编号",
    "项目名称",
    "支援方",
    "受援方",
    "所在地",
    "实施主体",
    "协作领域",
    "年度",
    "状态",
    "帮扶资金（万元）",
    "总投资（万元）",
    "受益人数",
    "简介",
    "链接",
)
LABELS = {
    "code": "编号",
    "name": "项目名称",
    "pairing": "支援方、受援方",
    "region": "所在地",
    "organization": "实施主体",
    "start_year": "年度",
    "stage": "状态",
    "aid_funds": "帮扶资金（万元）",
    "total_investment": "总投资（万元）",
    "beneficiaries": "受益人数",
    "description": "简介",
    "source": "链接",
}

AID_FUNDS, TOTAL_INVESTMENT = "帮扶资金（万元）", "总投资（万元）"
# A project's money split by where it came from (资金来源), as a county's finance office keeps
# it: column → (whether it is the program's aid, how many of its units make a 万元). The aid
# columns add up to 帮扶资金 with the ledger's own (or its synonym, 京蒙协作资金（万元）); every
# source adds up to 总投资 where the sheet has no 总投资 column. An enterprise's money is often
# in 元 (its books), the program's in 万元 (the agreements).
_AID_SOURCES = ("社会帮扶资金",)
_AID_IN_YUAN = ("帮扶资金", "京蒙协作资金", "东西部协作资金", "财政援助资金", "社会帮扶资金")
_OTHER_SOURCES = (
    "企业投入", "企业自筹", "企业自筹资金", "自筹资金", "地方配套", "地方配套资金", "银行贷款", "其他资金",
)
FUND_SOURCES = {
    **{f"{name}（万元）": (True, 1) for name in _AID_SOURCES},
    **{f"{name}（元）": (True, 10000) for name in _AID_IN_YUAN},
    **{f"{name}（万元）": (False, 1) for name in _OTHER_SOURCES},
    **{f"{name}（元）": (False, 10000) for name in _OTHER_SOURCES},
}


@dataclass
class ProjectPlan:
    reader: object
    code: str = ""
    name: str = ""
    support: object = None
    recipient: object = None
    pairing: object = None
    region: object = None
    organization_name: str = ""
    topics: list = field(default_factory=list)
    start_year: object = None
    stage: str = ""
    aid_funds: object = None
    total_investment: object = None
    beneficiaries: object = None
    description: str = ""
    url: str = ""
    project: object = None

    @property
    def key(self):
        if self.code:
            return ("编号", self.code)
        return ("项目名称", self.name, identity(self.recipient) if self.recipient is not None else None)


def describe_key(key):
    return f"{key[0]}“{key[1]}”" + ("（同一受援方）" if len(key) > 2 else "")


class ProjectLedger(LedgerResource):
    ledger_name = "项目"
    ledger_slug = "projects"
    ledger_headers = PROJECT_HEADERS
    required_headers = ("项目名称",)
    extra_headers = (PAIRING_COLUMN, *FUND_SOURCES)  # read, never written: the export writes the sums
    # Other names offices give these columns (read as the ledger's own, with a warning).
    header_synonyms = {
        **dict.fromkeys(("项目", "项目名"), "项目名称"),
        **dict.fromkeys(("帮扶方", "支援地区", "帮扶地区"), "支援方"),
        **dict.fromkeys(("受援旗县", "受援地区", "受帮扶地区"), "受援方"),
        **dict.fromkeys(("实施地点", "项目地点", "建设地点"), "所在地"),
        **dict.fromkeys(("实施单位", "承建单位"), "实施主体"),
        **dict.fromkeys(("项目类别", "项目类型", "领域"), "协作领域"),
        **dict.fromkeys(("实施年度", "年份"), "年度"),
        **dict.fromkeys(("项目状态", "进度"), "状态"),
        **dict.fromkeys(
            (
                "京蒙资金（万元）", "协作资金（万元）", "京蒙协作资金（万元）", "东西部协作资金（万元）",
                "财政援助资金（万元）", "援助资金（万元）", "帮扶资金",
            ),
            "帮扶资金（万元）",
        ),
        "总投资": "总投资（万元）",
        **dict.fromkeys(("项目简介", "建设内容"), "简介"),
        **dict.fromkeys(("原文链接", "网址"), "链接"),
        **dict.fromkeys(PAIRING_COLUMN_SYNONYMS, PAIRING_COLUMN),
    }
    region_headers = ("支援方", "受援方")
    place_headers = ("所在地",)
    choice_headers = ("状态",)
    record_model = Project

    def parse(self, reader, context):
        plan = ProjectPlan(reader=reader)
        plan.code = reader.text("编号", 60)
        plan.name = reader.text("项目名称", 200, required=True)
        plan.support = self._region(reader, "支援方", context)
        plan.recipient = self._region(reader, "受援方", context)
        if PAIRING_COLUMN in reader.values:
            plan.support, plan.recipient = sides_from_pairing_column(reader, context, plan.support, plan.recipient)
        named_recipient = plan.recipient  # where the row's places lie, whether or not a pairing is found
        if (plan.support is None) != (plan.recipient is None) and not reader.problems:
            self.complete_pairing(plan, reader, context)
        if plan.support is not None and plan.recipient is not None:
            try:
                plan.pairing = context.pairings.resolve(plan.support, plan.recipient)
            except NameProblem as exc:
                reader.problem("支援方", str(exc))
        plan.region = self.place(reader, context, plan.recipient or named_recipient)
        plan.organization_name = reader.text("实施主体", 120)
        for name in reader.terms("协作领域"):
            try:
                plan.topics.append(context.topics.resolve(name))
            except NameProblem as exc:
                reader.problem("协作领域", str(exc), value=name)
        plan.topics = list({identity(t): t for t in plan.topics}.values())
        plan.start_year = reader.integer("年度", minimum=1990, maximum=2100, suffixes=("年度", "年"))
        plan.stage = reader.choice("状态", ProjectStage, "")
        plan.aid_funds, plan.total_investment = self.funds(reader)
        plan.beneficiaries = reader.integer("受益人数", minimum=0, maximum=2_147_483_647, suffixes=("人",))
        plan.description = reader.text("简介", multiline=True)
        plan.url = reader.url("链接")
        return plan

    @staticmethod
    def funds(reader):
        """(帮扶资金, 总投资) in 万元: the ledger's own columns, or the sums of its sources, each
        sum and each amount in 元 named in a warning."""
        aid, other = [], []
        own = reader.decimal(AID_FUNDS)
        if own is not None:
            aid.append((AID_FUNDS, own))
        present = [column for column in FUND_SOURCES if column in reader.values]
        for column in present:
            is_aid, per_wan = FUND_SOURCES[column]
            amount = reader.decimal(column)
            if amount is None:
                continue
            if per_wan != 1:
                amount, message = cells.yuan_warning(amount)
                reader.warn(column, message)
            (aid if is_aid else other).append((column, amount))
        if len(aid) < 2:
            aid_funds = aid[0][1] if aid else None
        else:
            aid_funds = sum((amount for _c, amount in aid), Decimal(0))
            reader.warn(
                AID_FUNDS,
                f"帮扶资金按{'、'.join(f'“{c}”' for c, _a in aid)}之和读作 {cells.format_decimal(aid_funds)} 万元",
                value="",
            )
        total = reader.decimal(TOTAL_INVESTMENT)
        if total is None and present and (aid or other) and any(not FUND_SOURCES[c][0] for c in present):
            total = sum((amount for _c, amount in aid + other), Decimal(0))
            reader.warn(
                TOTAL_INVESTMENT,
                f"总投资未写：按资金来源各列之和读作 {cells.format_decimal(total)} 万元",
                value="",
            )
        return aid_funds, total

    @staticmethod
    def complete_pairing(plan, reader, context):
        """One side named: the other is the named region's pairing partner, where it has exactly one.

        Real ledgers often name only the receiving side (the supporting side is the pairing's, or
        a city-level fund). Otherwise the project keeps no pairing, and the row says so.
        """
        named = plan.support or plan.recipient
        other = "受援方" if plan.support is not None else "支援方"
        partners = context.pairings.partners(named)
        if len(partners) == 1:
            plan.support, plan.recipient = partners[0].support_region, partners[0].recipient_region
            label = f"{plan.support.display_name}—{plan.recipient.display_name}"
            reader.warn(other, f"未填{other}：按“{named.display_name}”唯一的结对关系取“{label}”", value="")
            context.note_review(
                "推断的结对关系", f"{label}（只写了“{named.display_name}”，取它唯一的结对关系）", reader, "项目"
            )
            return
        what = f"有 {len(partners)} 个结对关系" if partners else "没有结对关系"
        message = f"未填{other}，“{named.display_name}”{what}，无法确定；项目暂不关联结对关系"
        reader.warn(other, message, value=named.display_name)
        plan.support = plan.recipient = None

    @classmethod
    def place(cls, reader, context, recipient):
        """所在地: a township or village written without its county (贲红镇, 阿彦浅村 in a banner's
        own ledger) lies in the row's 受援方 when that is a county, with a warning; without one it
        is the row's error, asking for either."""
        items = cells.split_terms(reader.raw("所在地"))
        text = items[0] if len(items) == 1 else ""
        alone = text.endswith(TOWNSHIP_ENDINGS + VILLAGE_ENDINGS) and not context.regions.index.candidates(text)
        if not alone or context.regions.index.split_known_prefix(text)[0] is not None:
            return cls._region(reader, "所在地", context)
        if recipient is None or recipient.level != RegionLevel.COUNTY:
            reader.problem(
                "所在地",
                f"乡镇或村“{text}”没写所在旗县，本行也没有写受援方（旗县）；请写全，如 察右后旗贲红镇，或写明受援方",
            )
            return None
        try:
            region = context.regions.resolve(recipient.name + text)
        except NameProblem as exc:
            reader.problem("所在地", str(exc))
            return None
        reader.warn("所在地", f"没写所在旗县：按受援方读作“{recipient.display_name}{text}”")
        return region

    @staticmethod
    def _region(reader, column, context):
        items = cells.split_terms(reader.raw(column))
        if len(items) > 1:
            reader.problem(column, "只能写一个行政区划")
            return None
        if not items:
            return None
        try:
            return context.regions.resolve(items[0])
        except NameProblem as exc:
            reader.problem(column, str(exc))
            return None

    def match(self, plans):
        codes = {p.code for p in plans if p.code}
        names = {p.name for p in plans if p.name and not p.reader.problems}
        found = {}
        base = Project.objects.select_related("pairing", "source")
        for chunk in chunks(codes):
            found.update((p.pk, p) for p in base.filter(code__in=chunk))
        for chunk in chunks(names):
            found.update((p.pk, p) for p in base.filter(name__in=chunk))
        by_code = {p.code: p for p in found.values() if p.code}
        by_name = {}
        for project in sorted(found.values(), key=lambda p: p.pk):
            recipient = project.pairing.recipient_region_id if project.pairing_id else None
            by_name.setdefault((project.name, recipient), []).append(project)
        claimed = {}
        for plan in plans:
            if plan.reader.problems:
                continue
            project = by_code.get(plan.code) if plan.code else None
            if project is None and (plan.recipient is None or plan.recipient.pk is not None):
                recipient = plan.recipient.pk if plan.recipient is not None else None
                candidates = [p for p in by_name.get((plan.name, recipient), []) if not plan.code or not p.code]
                if len(candidates) > 1:
                    plan.reader.problem("项目名称", f"有 {len(candidates)} 个同名、同受援方的项目；请写编号以区分")
                    continue
                project = candidates[0] if candidates else None
            if project is not None and not claim_record(claimed, project, plan.reader, "个项目"):
                continue
            plan.project = project

    def import_rows(self, readers, context, result):
        plans = [self.parse(reader, context) for reader in self.counted(readers, context, "检查")]
        flag_repeated_keys([(p.reader, p.key) for p in plans if p.name], describe_key)
        self.match(plans)
        context.organizations.load(p.organization_name for p in plans)
        context.sources.load(p.url for p in plans)
        topic_links = self.load_topics([p.project for p in plans if p.project is not None])
        new, changed, before, adds, removes = [], {}, {}, [], []
        for plan in plans:
            outcome = RowOutcome(number=plan.reader.number, label=plan.name)
            result.outcomes.append(outcome)
            self.plan_row(plan, outcome, context, topic_links, new, changed, before, adds, removes)
        context.progress(f"{self.ledger_name}：写入")
        writer = context.writer
        context.flush_vocabulary()
        allocator = context.slugs(Project)
        for project in new:
            project.slug = allocator.allocate(project.name)
        writer.create(Project, new)
        if changed:
            fields = sorted({f for names in changed.values() for f in names[1]})
            if fields:
                writer.update(Project, [p for p, names in changed.values() if names], fields, before=None)
            writer.record_update(Project, [p for p, _names in changed.values()], before)
        writer.remove_links(Project.topics, removes)
        writer.add_links(Project.topics, adds)

    @staticmethod
    def load_topics(projects):
        links = {p.pk: set() for p in projects}
        through = Project.topics.through
        for chunk in chunks(list(links)):
            for project_id, topic_id in through.objects.filter(project_id__in=chunk).values_list(
                "project_id", "topic_id"
            ):
                links[project_id].add(topic_id)
        return links

    def plan_row(self, plan, outcome, context, topic_links, new, changed, before, adds, removes):
        reader = plan.reader
        region_for_body = plan.region or plan.recipient
        organization = None
        if not reader.problems and plan.organization_name:
            try:
                organization = context.organizations.resolve(plan.organization_name, region_for_body)
            except NameProblem as exc:
                reader.problem("实施主体", str(exc))
        if reader.problems:
            outcome.status, outcome.problems = ERROR, reader.problems
            return
        project = plan.project
        is_new = project is None
        if is_new:
            project = bulk.build(Project)
        desired = {
            "name": plan.name,
            "start_year": plan.start_year,
            "stage": plan.stage,
            "aid_funds": plan.aid_funds,
            "total_investment": plan.total_investment,
            "beneficiaries": plan.beneficiaries,
            "description": plan.description,
        }
        if plan.code:
            desired["code"] = plan.code
        fields = [name for name, value in desired.items() if getattr(project, name) != value]
        for name, target in (("pairing", plan.pairing), ("region", plan.region), ("organization", organization)):
            current = getattr(project, f"{name}_id")
            if (target is None and current is not None) or (
                target is not None and (target.pk is None or target.pk != current)
            ):
                fields.append(name)
                desired[name] = target
        source = None
        if plan.url:
            source = context.sources.by_url.get(plan.url)
            if source is None:
                # Titled by its address until a 考察活动 row gives the report's title: a project's
                # name is not the title of the report it comes from.
                source = context.sources.new(title=plan.url, url=plan.url)
            if source.pk is None or source.pk != project.source_id:
                fields.append("source")
                desired["source"] = source
        current_topics = topic_links.get(project.pk, set())
        topic_adds = [t for t in plan.topics if t.pk is None or t.pk not in current_topics]
        wanted = {t.pk for t in plan.topics if t.pk is not None}
        topic_removes = [pk for pk in current_topics if pk not in wanted]
        original_status = project.status
        status_changed = not is_new and context.publish and apply_status(context, project)
        changes = [LABELS[f] for f in fields] + (["协作领域"] if topic_adds or topic_removes else [])
        if status_changed:
            changes.append("发布状态")
        if not is_new and changes and not editor_may_change(context, Project, original_status):
            reader.problem("", PUBLISHED_ONLY_MESSAGE)
            outcome.status, outcome.problems = ERROR, reader.problems
            return
        snapshot_before = None if is_new else snapshot(project, {"topics": current_topics})
        for name in fields:
            setattr(project, name, desired[name])
        if is_new:
            apply_status(context, project)
            new.append(project)
            outcome.status = NEW
        elif changes:
            write_fields = fields + (["status", "published_at"] if status_changed else [])
            changed[project.pk] = (project, write_fields)
            before[project.pk] = snapshot_before
            outcome.status, outcome.changes = UPDATED, changes
        else:
            outcome.status = UNCHANGED
        adds += [(project, topic) for topic in topic_adds]
        removes += [(project.pk, pk) for pk in topic_removes]
        plan.project = project
        outcome.obj = project

    # Export --------------------------------------------------------------------------------

    def export_queryset(self, public=False):
        queryset = Project.objects.published() if public else Project.objects.all()
        return queryset.order_by("pk")

    def export_records(self, queryset, public=False):
        index = RegionIndex.load()
        queryset = queryset.select_related("pairing", "organization", "source").prefetch_related("topics")
        for project in queryset.iterator(chunk_size=1000):
            pairing = project.pairing
            support = index.regions.get(pairing.support_region_id) if pairing else None
            recipient = index.regions.get(pairing.recipient_region_id) if pairing else None
            yield project, [
                project.code or "",
                project.name,
                region_text(index, support),
                region_text(index, recipient),
                region_text(index, index.regions.get(project.region_id)),
                project.organization.name if project.organization_id else "",
                "、".join(t.name for t in sorted(project.topics.all(), key=lambda t: (t.order, t.name))),
                project.start_year if project.start_year is not None else "",
                project.get_stage_display() if project.stage else "",
                cells.format_decimal(project.aid_funds),
                cells.format_decimal(project.total_investment),
                project.beneficiaries if project.beneficiaries is not None else "",
                project.description,
                project.source.url if project.source_id else "",
            ]
