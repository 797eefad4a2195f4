"""The 考察活动 ledger (a trip per row) and the 会议发言 ledger (a speech per row).

A trip row fans out into a Delegation with its participants (带队领导, 代表团成员, 出席人员),
site visits (考察点, with the projects of 相关项目), destinations, topics, pairings and source.
The row is the whole trip: a participant or site visit no longer in the cell is removed (and
kept in the batch, so a rollback brings it back). A speech row adds to or corrects one speech;
speeches missing from the file are left alone.

What a ledger does not say is never overwritten on an existing record: a participant keeps
the person it is linked to, a site visit its region, body and photos, a meeting its order,
region, chair and summary, a trip its purpose, cover photo and the pairings staff added.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from cooperation.dates import DatePrecision
from cooperation.ledgers import bulk, cells
from cooperation.ledgers.context import NameProblem, chunks, identity, snapshot
from cooperation.ledgers.resources import (
    ERROR,
    NEW,
    PUBLISHED_ONLY_MESSAGE,
    UNCHANGED,
    UPDATED,
    LedgerResource,
    RowOutcome,
    apply_status,
    claim_record,
    editor_may_change,
    export_date,
    flag_repeated_keys,
    region_text,
)
from cooperation.models import RegionLevel, Source
from cooperation.regions import RegionIndex
from review.models import Status
from visits.models import (
    Delegation,
    DelegationKind,
    Meeting,
    MeetingKind,
    Participant,
    ParticipantRole,
    ParticipantSide,
    SiteVisit,
    Speech,
    SpeechKind,
)

# visits meets projects only through the site visit that inspects a project.
Project = SiteVisit._meta.get_field("projects").related_model

TRIP_HEADERS = (
    "编号",
    "标题",
    "类型",
    "开始日期",
    "结束日期",
    "代表团",
    "带队领导",
    "代表团成员",
    "出发地",
    "目的地",
    "考察点",
    "出席人员",
    "协作领域",
    "相关项目",
    "来源",
    "链接",
    "发布日期",
    "摘要",
    "正文",
)
SPEECH_HEADERS = ("活动编号", "会议", "会议类型", "会议日期", "会议地点", "顺序", "发言人", "职务", "发言类型", "要点")

LEADERS, MEMBERS, HOSTS = "带队领导", "代表团成员", "出席人员"
PEOPLE_COLUMNS = {
    LEADERS: (ParticipantSide.VISITING, ParticipantRole.LEADER),
    MEMBERS: (ParticipantSide.VISITING, ParticipantRole.MEMBER),
    HOSTS: (ParticipantSide.HOST, ParticipantRole.ATTENDING),
}
TRIP_FIELDS = {
    "code": "编号",
    "title": "标题",
    "kind": "类型",
    "start_date": "开始日期",
    "end_date": "结束日期",
    "date_precision": "开始日期",
    "name": "代表团",
    "origin": "出发地",
    "summary": "摘要",
    "body": "正文",
}


def people_column(participant):
    """Which column of the ledger a participant belongs in (陪同 reads as a member or host)."""
    if participant.side == ParticipantSide.VISITING:
        return LEADERS if participant.role == ParticipantRole.LEADER else MEMBERS
    return HOSTS


def trip_reference(delegation, shared_urls=frozenset()):
    """What 活动编号 writes for a trip: its 编号, else its 链接 (if no other trip has it), else its 标题."""
    if delegation.code:
        return delegation.code
    url = delegation.source.url if delegation.source_id else ""
    if url and url not in shared_urls:
        return url
    return delegation.title


@dataclass
class TripPlan:
    reader: object
    code: str = ""
    title: str = ""
    kind: str = DelegationKind.INSPECTION
    start: object = None
    end: object = None
    precision: str = DatePrecision.DAY
    name: str = ""
    people: list = field(default_factory=list)  # (column, name, title)
    origin: object = None
    destinations: list = field(default_factory=list)
    sites: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    project_refs: list = field(default_factory=list)
    publisher: str = ""
    url: str = ""
    published_on: object = None
    summary: str = ""
    body: str = ""
    delegation: object = None
    outcome: object = None

    @property
    def key(self):
        if self.code:
            return ("编号", self.code)
        if self.url:
            return ("链接", self.url)
        return ("标题", self.title, self.start)


def describe_key(key):
    if key[0] == "标题":
        return f"标题“{key[1]}”、开始日期 {cells.format_date(key[2], DatePrecision.DAY) if key[2] else '空'}"
    return f"{key[0]}“{key[1]}”"


@dataclass
class TripState:
    """What the matched trips hold now, loaded with a fixed number of queries per 500 trips."""

    participants: dict = field(default_factory=lambda: defaultdict(list))
    sites: dict = field(default_factory=lambda: defaultdict(list))
    site_projects: dict = field(default_factory=lambda: defaultdict(set))
    site_photos: dict = field(default_factory=lambda: defaultdict(set))
    destinations: dict = field(default_factory=lambda: defaultdict(set))
    topics: dict = field(default_factory=lambda: defaultdict(set))
    pairings: dict = field(default_factory=lambda: defaultdict(set))


@dataclass
class TripWrites:
    new_trips: list = field(default_factory=list)
    changed_trips: dict = field(default_factory=dict)  # pk → (delegation, fields)
    touched_trips: dict = field(default_factory=dict)  # pk → delegation whose children or links changed
    before: dict = field(default_factory=dict)
    link_adds: dict = field(default_factory=lambda: defaultdict(list))  # m2m name → [(delegation, target)]
    link_removes: dict = field(default_factory=lambda: defaultdict(list))  # m2m name → [(delegation pk, target pk)]
    new_participants: list = field(default_factory=list)
    changed_participants: dict = field(default_factory=dict)  # pk → (participant, fields, before)
    gone_participants: list = field(default_factory=list)
    new_sites: list = field(default_factory=list)  # (site visit, [projects])
    changed_sites: dict = field(default_factory=dict)
    gone_sites: list = field(default_factory=list)
    site_project_adds: list = field(default_factory=list)  # (site visit, project)
    site_project_removes: list = field(default_factory=list)  # (site visit pk, project pk)
    changed_sources: dict = field(default_factory=dict)
    # The parts of new trips, as value rows: (delegation, *values of `new_parts`).
    new_participant_rows: list = field(default_factory=list)
    new_stop_rows: list = field(default_factory=list)


class ProjectRefs:
    """相关项目 by 编号 or by name; an unknown name becomes a new draft project."""

    def __init__(self, context):
        self.context = context
        self.by_code = {}
        self.by_name = defaultdict(list)
        self.by_pk = {}
        self.pending = {}

    def load(self, refs, linked_ids):
        fields = ("pk", "code", "name", "region_id", "organization_id")
        refs = list(set(refs))
        # By 编号 first (an indexed column), then by name only what no code matched.
        for chunk in chunks(refs):
            self._add(Project.objects.filter(code__in=chunk).only(*fields))
        for chunk in chunks([ref for ref in refs if ref not in self.by_code]):
            self._add(Project.objects.filter(name__in=chunk).only(*fields))
        missing = [pk for pk in set(linked_ids) if pk not in self.by_pk]
        for chunk in chunks(missing):
            self._add(Project.objects.filter(pk__in=chunk).only(*fields))

    def _add(self, projects):
        for project in projects:
            if project.pk in self.by_pk:
                continue
            self.by_pk[project.pk] = project
            if project.code:
                self.by_code[project.code] = project
            self.by_name[project.name].append(project)

    def resolve(self, ref, linked_ids):
        if ref in self.by_code:
            return self.by_code[ref]
        found = self.by_name.get(ref, [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            already = [p for p in found if p.pk in linked_ids]
            if len(already) == 1:
                return already[0]
            raise NameProblem(f"有 {len(found)} 个名为“{ref}”的项目；请写项目的编号")
        if len(ref) > 200:
            raise NameProblem("项目名称最长 200 字")
        project = self.pending.get(ref)
        if project is None:
            project = bulk.build(Project, name=ref, status=Status.DRAFT)
            self.pending[ref] = project
            self.context.note_new("协作项目", ref)
        return project

    def flush(self, writer):
        batch = list(self.pending.values())
        allocator = self.context.slugs(Project)
        for project in batch:
            project.slug = allocator.allocate(project.name)
        writer.create(Project, batch)
        for project in batch:
            self._add([project])
        self.pending = {}


class TripLedger(LedgerResource):
    ledger_name = "考察活动"
    ledger_slug = "trips"
    ledger_headers = TRIP_HEADERS
    required_headers = ("标题",)
    record_model = Delegation

    # Reading a row ------------------------------------------------------------------------

    def parse(self, reader, context):
        plan = TripPlan(reader=reader)
        plan.code = reader.text("编号", 60) or ""
        plan.title = reader.text("标题", 300, required=True)
        plan.kind = reader.choice("类型", DelegationKind, DelegationKind.INSPECTION)
        start, start_precision = reader.date("开始日期")
        end, end_precision = reader.date("结束日期")
        plan.name = reader.text("代表团", 120)
        for column in PEOPLE_COLUMNS:
            plan.people += [(column, name, title) for name, title in reader.people(column)]
        plan.origin = self._region(reader, "出发地", context, single=True)
        plan.destinations = self._region(reader, "目的地", context)
        plan.sites = reader.sites("考察点")
        for name in reader.terms("协作领域"):
            try:
                plan.topics.append(context.topics.resolve(name))
            except NameProblem as exc:
                reader.problem("协作领域", str(exc), value=name)
        plan.project_refs = cells.split_projects(reader.raw("相关项目"))
        plan.publisher = reader.text("来源", 120)
        plan.url = reader.url("链接")
        published_on, published_precision = reader.date("发布日期")
        if published_on is not None and published_precision != DatePrecision.DAY:
            reader.problem("发布日期", "发布日期须写到日，如 2024-06-20")
        plan.published_on = published_on
        plan.summary = reader.text("摘要", multiline=True)
        plan.body = reader.text("正文", multiline=True)
        if start is None and end is not None:
            reader.problem("开始日期", "写了结束日期，却没有开始日期")
        if start is None and published_on is not None:
            # 近日 in a report: the trip is known to the month of its publication.
            start, start_precision = published_on.replace(day=1), DatePrecision.MONTH
        if start is not None and end is not None:
            if end_precision != start_precision:
                reader.problem("结束日期", "结束日期与开始日期须精确到同一级（都到日、都到月或都到年）")
            elif end < start:
                reader.problem("结束日期", "结束日期早于开始日期")
        plan.start, plan.end = start, end
        plan.precision = start_precision if start is not None else DatePrecision.DAY
        return plan

    def _region(self, reader, column, context, single=False):
        items = cells.split_terms(reader.raw(column))
        if single and len(items) > 1:
            reader.problem(column, "只能写一个出发地")
            return None
        regions = []
        for item in items:
            try:
                regions.append(context.regions.resolve(item))
            except NameProblem as exc:
                reader.problem(column, str(exc), value=item)
        if single:
            return regions[0] if regions else None
        unique = {identity(r): r for r in regions}
        return list(unique.values())

    # Matching what exists -------------------------------------------------------------------

    def match(self, plans):
        codes = {p.code for p in plans if p.code}
        urls = {p.url for p in plans if p.url}
        titles = {p.title for p in plans if p.title}
        found = {}
        base = Delegation.objects.select_related("source")
        for values, lookup in ((codes, "code__in"), (urls, "source__url__in"), (titles, "title__in")):
            for chunk in chunks(values):
                for delegation in base.filter(**{lookup: chunk}):
                    found[delegation.pk] = delegation
        by_code, by_url, by_title = {}, defaultdict(list), defaultdict(list)
        for delegation in found.values():
            if delegation.code:
                by_code[delegation.code] = delegation
            if delegation.source_id and delegation.source.url:
                by_url[delegation.source.url].append(delegation)
            by_title[(delegation.title, delegation.start_date)].append(delegation)
        claimed = {}
        for plan in plans:
            if plan.reader.problems:
                continue
            delegation = by_code.get(plan.code) if plan.code else None
            if delegation is None and plan.url:
                candidates = [d for d in by_url[plan.url] if not plan.code or not d.code]
                if len(candidates) > 1:
                    plan.reader.problem("链接", f"这个链接对应 {len(candidates)} 条考察活动；请写编号以区分")
                    continue
                delegation = candidates[0] if candidates else None
            if delegation is None:
                candidates = [
                    d
                    for d in by_title[(plan.title, plan.start)]
                    if (not plan.code or not d.code) and (not plan.url or not (d.source_id and d.source.url))
                ]
                if len(candidates) > 1:
                    plan.reader.problem("标题", f"有 {len(candidates)} 条同标题、同开始日期的考察活动；请写编号以区分")
                    continue
                delegation = candidates[0] if candidates else None
            if delegation is not None and not claim_record(claimed, delegation, plan.reader, "条考察活动"):
                continue
            plan.delegation = delegation

    def load_state(self, delegations):
        state = TripState()
        pks = [d.pk for d in delegations]
        for chunk in chunks(pks):
            for participant in Participant.objects.filter(delegation_id__in=chunk).order_by("order", "pk"):
                state.participants[participant.delegation_id].append(participant)
            for site in SiteVisit.objects.filter(delegation_id__in=chunk).order_by("order", "pk"):
                state.sites[site.delegation_id].append(site)
            through = SiteVisit.projects.through
            for site_id, project_id in through.objects.filter(sitevisit__delegation_id__in=chunk).values_list(
                "sitevisit_id", "project_id"
            ):
                state.site_projects[site_id].add(project_id)
            through = SiteVisit.photos.through
            for site_id, photo_id in through.objects.filter(sitevisit__delegation_id__in=chunk).values_list(
                "sitevisit_id", "photo_id"
            ):
                state.site_photos[site_id].add(photo_id)
            for name, target in (("destinations", "region_id"), ("topics", "topic_id"), ("pairings", "pairing_id")):
                through = getattr(Delegation, name).through
                links = getattr(state, name)
                for delegation_id, target_id in through.objects.filter(delegation_id__in=chunk).values_list(
                    "delegation_id", target
                ):
                    links[delegation_id].add(target_id)
        return state

    # Importing -----------------------------------------------------------------------------

    def import_rows(self, readers, context, result):
        plans = [self.parse(reader, context) for reader in self.counted(readers, context, "检查")]
        flag_repeated_keys([(p.reader, p.key) for p in plans if p.title], describe_key)
        self.match(plans)
        matched = [p.delegation for p in plans if p.delegation is not None]
        state = self.load_state(matched)
        context.people.load(name for p in plans for _column, name, _title in p.people)
        context.sources.load(p.url for p in plans)
        projects = ProjectRefs(context)
        projects.load(
            (ref for p in plans for ref in p.project_refs),
            (pk for ids in state.site_projects.values() for pk in ids),
        )
        context.progress(f"{self.ledger_name}：比对 {len(plans)} 行")
        writes = TripWrites()
        for plan in self.counted(plans, context, "比对"):
            plan.outcome = self.plan_row(plan, state, projects, context, writes)
            result.outcomes.append(plan.outcome)
        context.progress(f"{self.ledger_name}：写入")
        self.write(writes, projects, context)
        for plan in plans:
            if plan.outcome.status in (NEW, UPDATED, UNCHANGED):
                plan.outcome.obj = plan.delegation

    def plan_row(self, plan, state, projects, context, writes):
        reader = plan.reader
        outcome = RowOutcome(number=reader.number, label=plan.title)
        if reader.problems:
            outcome.status, outcome.problems = ERROR, reader.problems
            return outcome
        delegation = plan.delegation
        is_new = delegation is None
        if is_new:
            delegation = bulk.build(Delegation)
        before = (
            None
            if is_new
            else snapshot(
                delegation,
                {name: getattr(state, name)[delegation.pk] for name in ("destinations", "topics", "pairings")},
            )
        )
        changes = []
        scalar = self.scalar_changes(plan, delegation)
        changes += sorted({TRIP_FIELDS[f] for f in scalar}, key=list(TRIP_FIELDS.values()).index)
        source_change = self.source_change(plan, delegation, context)
        if source_change:
            changes.append(source_change)
        links = self.link_changes(plan, delegation, state, context)
        changes += [label for label, _adds, _removes in links.values() if _adds or _removes]
        try:
            if is_new:
                parts = self.new_parts(plan, projects, context)
            else:
                people = self.people_changes(plan, delegation, state, context)
                sites = self.site_changes(plan, delegation, state, projects, context)
        except NameProblem as exc:  # raised with the column set in its args
            column, item, message = exc.args
            reader.problem(column, message, value=item)
            outcome.status, outcome.problems = ERROR, reader.problems
            return outcome
        if not is_new and people["changed"]:
            changes.append("参加人员")
        if not is_new and sites["changed"]:
            changes += sites["changed"]
        status_changed = apply_status(context, delegation) if (is_new or context.publish) else False
        if status_changed and not is_new:
            changes.append("发布状态")
        if not is_new and changes and not editor_may_change(context, Delegation, before["fields"]["status"]):
            reader.problem("", PUBLISHED_ONLY_MESSAGE)
            outcome.status, outcome.problems = ERROR, reader.problems
            return outcome

        # The row is good: apply it.
        for name, value in scalar.items():
            setattr(delegation, name, value)
        if plan.delegation is None:
            plan.delegation = delegation
        if source_change:
            self.apply_source(plan, delegation, context, writes)
        if is_new:
            delegation.slug = ""
            writes.new_trips.append(delegation)
        elif changes:
            fields = list(scalar)
            if source_change:
                fields.append("source")
            if status_changed:
                fields += ["status", "published_at"]
            if fields:
                writes.changed_trips[delegation.pk] = (delegation, fields)
            writes.touched_trips[delegation.pk] = delegation
            writes.before[delegation.pk] = before
        for name, (_label, adds, removes) in links.items():
            writes.link_adds[name] += [(delegation, target) for target in adds]
            writes.link_removes[name] += [(delegation.pk, target.pk) for target in removes]
        if is_new:
            people_rows, stop_rows = parts
            writes.new_participant_rows += [(delegation, *values) for values in people_rows]
            writes.new_stop_rows += [(delegation, *values) for values in stop_rows]
        else:
            self.queue_people(people, delegation, writes, is_new)
            self.queue_sites(sites, delegation, writes, is_new)
        outcome.status = NEW if is_new else (UPDATED if changes else UNCHANGED)
        outcome.changes = [] if is_new else changes
        return outcome

    def scalar_changes(self, plan, delegation):
        desired = {
            "title": plan.title,
            "kind": plan.kind,
            "start_date": plan.start,
            "end_date": plan.end,
            "date_precision": plan.precision,
            "name": plan.name,
            "summary": plan.summary,
            "body": plan.body,
        }
        if plan.code:
            desired["code"] = plan.code
        changed = {name: value for name, value in desired.items() if getattr(delegation, name) != value}
        origin = plan.origin
        if (origin is None and delegation.origin_id is not None) or (
            origin is not None and (origin.pk is None or origin.pk != delegation.origin_id)
        ):
            changed["origin"] = origin
        return changed

    def source_change(self, plan, delegation, context):
        """Which report the trip comes from: by 链接, else the one it has, else a new one."""
        current = delegation.source if delegation.source_id else None
        if plan.url:
            source = context.sources.by_url.get(plan.url)
            if source is None or current is None or source.pk != current.pk:
                return "来源"
            return "来源" if (source.publisher, source.published_on) != (plan.publisher, plan.published_on) else ""
        if current is not None:
            return "来源" if (current.publisher, current.published_on) != (plan.publisher, plan.published_on) else ""
        if plan.publisher or plan.published_on or plan.body:
            return "来源"
        return ""

    def apply_source(self, plan, delegation, context, writes):
        current = delegation.source if delegation.source_id else None
        source = context.sources.by_url.get(plan.url) if plan.url else current
        if source is None:
            source = context.sources.new(
                title=plan.title,
                publisher=plan.publisher,
                url=plan.url,
                published_on=plan.published_on,
                text=plan.body,
            )
        elif source.pk is not None and (source.publisher, source.published_on) != (plan.publisher, plan.published_on):
            if source.pk not in writes.changed_sources:
                writes.changed_sources[source.pk] = (source, snapshot(source))
            source.publisher, source.published_on = plan.publisher, plan.published_on
        delegation.source = source

    def link_changes(self, plan, delegation, state, context):
        """Destinations and topics as the row says; a new trip's pairings from where it went."""
        result = {}
        for name, label, desired in (
            ("destinations", "目的地", plan.destinations),
            ("topics", "协作领域", plan.topics),
        ):
            current = getattr(state, name)[delegation.pk] if delegation.pk else set()
            adds = [t for t in desired if t.pk is None or t.pk not in current]
            wanted = {t.pk for t in desired if t.pk is not None}
            removes = [_Ref(pk) for pk in current if pk not in wanted]
            result[name] = (label, adds, removes)
        # Pairings are derived once, for a new trip, from origin and destinations; afterwards
        # they are the staff's to keep (a pairing made later is not forced onto old trips).
        pairings = []
        if delegation.pk is not None:
            result["pairings"] = ("结对关系", pairings, [])
            return result
        for destination in plan.destinations:
            pairing = context.pairings.find(plan.origin, destination)
            if pairing is None and destination.level in (RegionLevel.TOWNSHIP, RegionLevel.VILLAGE):
                county = destination.parent
                while county is not None and county.level != RegionLevel.COUNTY:
                    county = county.parent
                pairing = context.pairings.find(plan.origin, county)
            if pairing is not None and pairing.pk is not None and pairing not in pairings:
                pairings.append(pairing)
        result["pairings"] = ("结对关系", pairings, [])
        return result

    def new_parts(self, plan, projects, context):
        """A new trip's participants and stops, as value rows (see `write`).

        People: (person, name, title, side, role, order). Stops: (order, place, description,
        region, body, projects).
        """
        people = []
        for order, (column, name, title) in enumerate(plan.people, start=1):
            try:
                person = context.people.resolve(name, title)
            except NameProblem as exc:
                raise NameProblem(column, cells.format_person(name, title), str(exc)) from None
            side, role = PEOPLE_COLUMNS[column]
            people.append((person, name, title, side, role, order))
        sites = list(plan.sites)
        wanted = [[] for _site in sites]
        for project in self.resolve_projects(plan, projects, set()):
            target = self.stop_naming(project, sites)
            if target is None:
                sites.append((project.name[:200], ""))
                wanted.append([])
                target = len(sites) - 1
            wanted[target].append(project)
        stops = []
        for order, ((place, description), inspected) in enumerate(zip(sites, wanted, strict=True), start=1):
            region, organization = self.stop_place(place, context, inspected)
            stops.append((order, place, description, region, organization, inspected))
        return people, stops

    @staticmethod
    def resolve_projects(plan, projects, linked):
        resolved = []
        for ref in plan.project_refs:
            try:
                project = projects.resolve(ref, linked)
            except NameProblem as exc:
                raise NameProblem("相关项目", ref, str(exc)) from None
            if all(identity(project) != identity(p) for p in resolved):
                resolved.append(project)
        return resolved

    @staticmethod
    def stop_naming(project, sites):
        """The first stop whose place or content names the project (or is named by it)."""
        for i, (place, description) in enumerate(sites):
            if project.name in place or place in project.name or project.name in description:
                return i
        return None

    def people_changes(self, plan, delegation, state, context):
        existing = list(state.participants[delegation.pk]) if delegation.pk else []
        used = set()
        matched = [None] * len(plan.people)
        for strict in (True, False) if existing else ():
            for i, (column, name, title) in enumerate(plan.people):
                if matched[i] is not None or (not strict and not name):
                    continue
                for participant in existing:
                    if participant.pk in used or people_column(participant) != column:
                        continue
                    if participant.name_as_printed == name and (not strict or participant.title_as_printed == title):
                        matched[i] = participant
                        used.add(participant.pk)
                        break
        new, changed = [], []
        for i, (column, name, title) in enumerate(plan.people):
            participant = matched[i]
            if participant is None:
                try:
                    person = context.people.resolve(name, title)
                except NameProblem as exc:
                    raise NameProblem(column, cells.format_person(name, title), str(exc)) from None
                side, role = PEOPLE_COLUMNS[column]
                new.append(
                    (
                        i,
                        bulk.build(
                            Participant,
                            person=person,
                            name_as_printed=name,
                            title_as_printed=title,
                            side=side,
                            role=role,
                        ),
                    )
                )
            elif participant.title_as_printed != title:
                changed.append((participant, {"title_as_printed": title}))
        gone = [p for p in existing if p.pk not in used]
        order = self._order([m for m in matched if m is not None], bool(new or gone))
        final = []
        new_by_position = dict(new)
        for i in range(len(plan.people)):
            final.append(matched[i] if matched[i] is not None else new_by_position[i])
        return {
            "final": final,
            "new": [p for _i, p in new],
            "changed": changed or new or gone,
            "updates": changed,
            "gone": gone,
            "renumber": order,
        }

    @staticmethod
    def _order(matched_in_file_order, added_or_removed):
        """Orders are rewritten (1, 2, 3 …) only when the sequence itself changes."""
        if added_or_removed:
            return True
        keys = [(m.order, m.pk) for m in matched_in_file_order]
        return keys != sorted(keys)

    def site_changes(self, plan, delegation, state, projects, context):
        existing = list(state.sites[delegation.pk]) if delegation.pk else []
        linked = {pk for site in existing for pk in state.site_projects[site.pk]}
        resolved = self.resolve_projects(plan, projects, linked)
        sites = list(plan.sites)
        matched = [None] * len(sites)
        used = set()
        for i, (place, _description) in enumerate(sites if existing else ()):
            for site in existing:
                if site.pk not in used and site.place == place:
                    matched[i] = site
                    used.add(site.pk)
                    break
        for i in range(len(sites) if existing else 0):
            if matched[i] is None and i < len(existing) and existing[i].pk not in used:
                matched[i] = existing[i]
                used.add(existing[i].pk)
        wanted = [[] for _site in sites]
        for project in resolved:
            target = None
            if existing:
                target = next(
                    (
                        i
                        for i, site in enumerate(matched)
                        if site is not None and project.pk in state.site_projects[site.pk]
                    ),
                    None,
                )
            if target is None:
                target = self.stop_naming(project, sites)
            if target is None:
                # A project inspected at no listed stop is a stop of its own, at the project.
                place = project.name[:200]
                sites.append((place, ""))
                wanted.append([])
                reuse = next((s for s in existing if s.pk not in used and s.place == place), None)
                matched.append(reuse)
                if reuse is not None:
                    used.add(reuse.pk)
                target = len(sites) - 1
            wanted[target].append(project)
        new, updates, link_adds, link_removes = [], [], [], []
        labels = set()
        for i, (place, description) in enumerate(sites):
            site = matched[i]
            if site is None:
                region, organization = self.stop_place(place, context, wanted[i])
                stop = bulk.build(
                    SiteVisit, place=place, description=description, region=region, organization=organization
                )
                new.append((i, stop, wanted[i]))
                labels.add("考察点")
                if wanted[i]:
                    labels.add("相关项目")
                continue
            fields = {}
            if site.place != place:
                fields["place"] = place
            if site.description != description:
                fields["description"] = description
            if fields:
                updates.append((site, fields))
                labels.add("考察点")
            current = state.site_projects[site.pk]
            adds = [p for p in wanted[i] if p.pk is None or p.pk not in current]
            keep = {p.pk for p in wanted[i] if p.pk is not None}
            removes = [pk for pk in current if pk not in keep]
            if adds or removes:
                labels.add("相关项目")
                link_adds += [(site, p) for p in adds]
                link_removes += [(site, pk) for pk in removes]
        gone = [s for s in existing if s.pk not in used]
        if gone:
            labels.add("考察点")
        renumber = self._order([m for m in matched if m is not None], bool(new or gone))
        new_by_position = {i: site for i, site, _projects in new}
        final = [matched[i] if matched[i] is not None else new_by_position[i] for i in range(len(sites))]
        return {
            "final": final,
            "new": new,
            "updates": updates,
            "gone": gone,
            "renumber": renumber,
            "link_adds": link_adds,
            "link_removes": link_removes,
            "changed": sorted(labels, key=["考察点", "相关项目"].index),
            "photos": state.site_photos,
            "projects": state.site_projects,
        }

    @staticmethod
    def stop_place(place, context, projects):
        """A new stop's region and body, when its place begins with them (正镶白旗人才公寓).

        Set once, when the stop is made: staff may correct them, and the ledger has no column
        that would say otherwise. A stop at a project with no such name lies where it does.
        """
        known = context.memo.setdefault("places", {})
        if place not in known:
            index = context.regions.index
            region = index.resolve(place) or index.split_known_prefix(place)[0]
            known[place] = (region, context.organizations.prefix_of(place))
        region, organization = known[place]
        if region is None and len(projects) == 1 and projects[0].region_id:
            region = context.regions.index.regions.get(projects[0].region_id)
        return region, organization

    def queue_people(self, people, delegation, writes, is_new):
        changed = {}
        for participant, fields in people["updates"]:
            changed[participant.pk] = (participant, dict(fields))
        if people["renumber"]:
            for position, participant in enumerate(people["final"], start=1):
                if participant.pk is None:
                    participant.order = position
                elif participant.order != position:
                    changed.setdefault(participant.pk, (participant, {}))[1]["order"] = position
        for participant in people["new"]:
            bulk.attach(participant, "delegation", delegation)
            participant._parent_is_new = is_new
            writes.new_participants.append(participant)
        for pk, (participant, fields) in changed.items():
            before = snapshot(participant)
            for name, value in fields.items():
                setattr(participant, name, value)
            writes.changed_participants[pk] = (participant, list(fields), before)
        writes.gone_participants += people["gone"]
        if not is_new and (changed or people["new"] or people["gone"]):
            writes.touched_trips[delegation.pk] = delegation

    def queue_sites(self, sites, delegation, writes, is_new):
        changed = {}
        for site, fields in sites["updates"]:
            changed[site.pk] = (site, dict(fields))
        if sites["renumber"]:
            for position, site in enumerate(sites["final"], start=1):
                if site.pk is None:
                    site.order = position
                elif site.order != position:
                    changed.setdefault(site.pk, (site, {}))[1]["order"] = position
        for site, _project in sites["link_adds"] + [(s, None) for s, _pk in sites["link_removes"]]:
            if site.pk is not None:
                changed.setdefault(site.pk, (site, {}))
        for _i, site, projects in sites["new"]:
            bulk.attach(site, "delegation", delegation)
            site._parent_is_new = is_new
            writes.new_sites.append((site, projects))
        for pk, (site, fields) in changed.items():
            before = snapshot(site, {"projects": sites["projects"][pk], "photos": sites["photos"][pk]})
            for name, value in fields.items():
                setattr(site, name, value)
            writes.changed_sites[pk] = (site, list(fields), before)
        writes.gone_sites += [
            (site, snapshot(site, {"projects": sites["projects"][site.pk], "photos": sites["photos"][site.pk]}))
            for site in sites["gone"]
        ]
        writes.site_project_adds += sites["link_adds"]
        writes.site_project_removes += [(site.pk, pk) for site, pk in sites["link_removes"]]
        if not is_new and (changed or sites["new"] or sites["gone"]):
            writes.touched_trips[delegation.pk] = delegation

    # Writing -------------------------------------------------------------------------------

    def write(self, writes, projects, context):
        writer = context.writer
        context.flush_vocabulary()
        projects.flush(writer)
        allocator = context.slugs(Delegation)
        for delegation in writes.new_trips:
            delegation.slug = allocator.allocate(delegation.name or delegation.title)
        writer.create(Delegation, writes.new_trips)
        if writes.changed_sources:
            sources = [source for source, _before in writes.changed_sources.values()]
            befores = {pk: before for pk, (_source, before) in writes.changed_sources.items()}
            writer.update(Source, sources, ["publisher", "published_on"], before=befores)
        changed = list(writes.changed_trips.values())
        fields = sorted({name for _d, names in changed for name in names})
        writer.update(Delegation, [d for d, _names in changed], fields, before=None)
        touched = list(writes.touched_trips.values())
        writer.record_update(Delegation, touched, writes.before)

        for name, pairs in writes.link_removes.items():
            writer.remove_links(getattr(Delegation, name), pairs)
        for name, pairs in writes.link_adds.items():
            writer.add_links(getattr(Delegation, name), pairs)

        writer.create_parts(
            Participant,
            ["delegation", "person", "name_as_printed", "title_as_printed", "side", "role", "order"],
            writes.new_participant_rows,
        )
        ids = writer.create_parts(
            SiteVisit,
            ["delegation", "order", "place", "description", "region", "organization"],
            [row[:-1] for row in writes.new_stop_rows],
            ids=True,
        )
        bulk.insert_rows(
            SiteVisit.projects.through,
            ["sitevisit_id", "project_id"],
            (
                (stop_id, project.pk)
                for stop_id, row in zip(ids, writes.new_stop_rows, strict=True)
                for project in row[-1]
            ),
        )
        self.write_children(
            writer,
            Participant,
            writes.new_participants,
            list(writes.changed_participants.values()),
            [(p, snapshot(p)) for p in writes.gone_participants],
        )
        self.write_children(
            writer,
            SiteVisit,
            [site for site, _projects in writes.new_sites],
            list(writes.changed_sites.values()),
            writes.gone_sites,
        )
        writer.remove_links(SiteVisit.projects, writes.site_project_removes)
        adds = [(site, project) for site, projects in writes.new_sites for project in projects]
        writer.add_links(SiteVisit.projects, adds + writes.site_project_adds)

    @staticmethod
    def write_children(writer, model, new, changed, gone):
        orphans = [obj for obj in new if not getattr(obj, "_parent_is_new", False)]
        writer.create(model, [obj for obj in new if getattr(obj, "_parent_is_new", False)], part_of_new=True)
        writer.create(model, orphans)
        fields = sorted({name for _obj, names, _before in changed for name in names})
        if fields:
            writer.update(
                model,
                [obj for obj, _names, _before in changed],
                fields,
                before={obj.pk: before for obj, _names, before in changed},
            )
        elif changed:
            writer.record_update(model, [obj for obj, _n, _b in changed], {obj.pk: b for obj, _n, b in changed})
        writer.delete(model, [obj for obj, _before in gone], before={obj.pk: before for obj, before in gone})

    # Export --------------------------------------------------------------------------------

    def export_queryset(self, public=False):
        queryset = Delegation.objects.published() if public else Delegation.objects.all()
        return queryset.order_by("start_date", "pk")

    def export_rows(self, queryset, public=False):
        index = RegionIndex.load()
        visible_projects = set(Project.objects.published().values_list("pk", flat=True)) if public else None
        queryset = queryset.select_related("source").prefetch_related(
            "destinations", "topics", "participants", "site_visits__projects"
        )
        for delegation in queryset.iterator(chunk_size=500):
            yield self.export_row(delegation, index, visible_projects)

    def export_row(self, delegation, index, visible_projects=None):
        participants = sorted(delegation.participants.all(), key=lambda p: (p.order, p.pk))
        people = {column: [] for column in PEOPLE_COLUMNS}
        for participant in participants:
            people[people_column(participant)].append(
                cells.format_person(participant.name_as_printed, participant.title_as_printed)
            )
        sites = sorted(delegation.site_visits.all(), key=lambda s: (s.order, s.pk))
        projects = []
        for site in sites:
            for project in sorted(site.projects.all(), key=lambda p: p.pk):
                if visible_projects is not None and project.pk not in visible_projects:
                    continue
                reference = project.code or project.name
                if reference not in projects:
                    projects.append(reference)
        destinations = sorted(delegation.destinations.all(), key=lambda r: (r.code or "", r.full_name))
        source = delegation.source
        return [
            delegation.code or "",
            delegation.title,
            delegation.get_kind_display(),
            export_date(delegation.start_date, delegation.date_precision),
            export_date(delegation.end_date, delegation.date_precision),
            delegation.name,
            "；".join(people[LEADERS]),
            "；".join(people[MEMBERS]),
            region_text(index, delegation.origin_id and index.regions.get(delegation.origin_id)),
            "、".join(region_text(index, r) for r in destinations),
            "；\n".join(cells.format_site(s.place, s.description) for s in sites),
            "；".join(people[HOSTS]),
            "、".join(t.name for t in sorted(delegation.topics.all(), key=lambda t: (t.order, t.name))),
            "；".join(projects),
            source.publisher if source else "",
            source.url if source else "",
            export_date(source.published_on, DatePrecision.DAY) if source else "",
            delegation.summary,
            delegation.body,
        ]


class _Ref:
    """A record known only by its pk (an m2m link about to be removed)."""

    def __init__(self, pk):
        self.pk = pk


# 会议发言 ------------------------------------------------------------------------------------


@dataclass
class SpeechPlan:
    reader: object
    trip_ref: str = ""
    meeting_title: str = ""
    meeting_kind: str = ""
    meeting_date: object = None
    meeting_precision: str = DatePrecision.DAY
    meeting_place: str = ""
    rank: int = 0
    rank_given: bool = False
    name: str = ""
    title: str = ""
    kind: str = SpeechKind.SPEECH
    points: str = ""
    delegation: object = None
    meeting_key: tuple = ()


@dataclass
class MeetingGroup:
    key: tuple
    delegation: object
    title: str
    plans: list = field(default_factory=list)
    kind: str = ""
    date: object = None
    precision: str = DatePrecision.DAY
    place: str = ""
    meeting: object = None


class SpeechLedger(LedgerResource):
    ledger_name = "会议发言"
    ledger_slug = "speeches"
    ledger_headers = SPEECH_HEADERS
    required_headers = ("会议",)
    record_model = Speech

    def publishable_models(self):
        return (Meeting,)

    def admin_models(self):
        return (Meeting, Speech)

    def parse(self, reader):
        plan = SpeechPlan(reader=reader)
        plan.trip_ref = reader.text("活动编号", 500)
        plan.meeting_title = reader.text("会议", 200, required=True)
        plan.meeting_kind = reader.choice("会议类型", MeetingKind, "")
        date, precision = reader.date("会议日期")
        plan.meeting_date, plan.meeting_precision = date, precision or DatePrecision.DAY
        plan.meeting_place = reader.text("会议地点", 200)
        rank = reader.integer("顺序", minimum=1, maximum=30000)
        plan.rank, plan.rank_given = rank or 0, rank is not None
        speaker = cells.clean_text(reader.raw("发言人"))
        title = reader.text("职务", 200)
        if speaker:
            try:
                name, written_title = cells.parse_person(speaker)
            except cells.CellError as exc:
                reader.problem("发言人", str(exc))
                name, written_title = "", ""
            if written_title and title and written_title != title:
                reader.problem("发言人", "括号里的职务与“职务”列不同；只写一处即可")
            title = title or written_title
            if len(name) > 60:
                reader.problem("发言人", "姓名最长 60 字")
            plan.name = name
        plan.title = title
        if not plan.name and not plan.title:
            reader.problem("发言人", "发言人和职务至少要写一项")
        plan.kind = reader.choice("发言类型", SpeechKind, SpeechKind.SPEECH)
        plan.points = reader.text("要点", multiline=True)
        return plan

    def resolve_trips(self, plans):
        refs = {p.trip_ref for p in plans if p.trip_ref}
        found = {}
        for chunk in chunks(refs):
            condition = Q(code__in=chunk) | Q(source__url__in=chunk) | Q(title__in=chunk)
            trips = Delegation.objects.filter(condition).select_related("source")
            for delegation in trips.only("pk", "code", "title", "source__url"):
                found[delegation.pk] = delegation
        by_code, by_url, by_title = {}, defaultdict(list), defaultdict(list)
        for delegation in found.values():
            if delegation.code:
                by_code[delegation.code] = delegation
            if delegation.source_id and delegation.source.url:
                by_url[delegation.source.url].append(delegation)
            by_title[delegation.title].append(delegation)
        for plan in plans:
            if not plan.trip_ref:
                continue
            if plan.trip_ref in by_code:
                plan.delegation = by_code[plan.trip_ref]
                continue
            for candidates, what in ((by_url.get(plan.trip_ref), "链接"), (by_title.get(plan.trip_ref), "标题")):
                if candidates:
                    if len(candidates) > 1:
                        plan.reader.problem(
                            "活动编号", f"有 {len(candidates)} 条考察活动的{what}是它；请写考察活动的编号"
                        )
                    else:
                        plan.delegation = candidates[0]
                    break
            else:
                plan.reader.problem("活动编号", "找不到这个编号、链接或标题的考察活动；请先导入考察活动")

    def import_rows(self, readers, context, result):
        plans = [self.parse(reader) for reader in self.counted(readers, context, "检查")]
        self.resolve_trips(plans)
        groups = {}
        for plan in plans:
            if plan.reader.problems:
                continue
            key = (plan.delegation.pk if plan.delegation is not None else None, plan.meeting_title)
            group = groups.get(key)
            if group is None:
                group = groups[key] = MeetingGroup(key=key, delegation=plan.delegation, title=plan.meeting_title)
            self.merge_meeting(group, plan)
            plan.meeting_key = key
        for group in groups.values():
            ranks = {}
            running = 0
            for plan in group.plans:
                if not plan.rank_given:
                    plan.rank = running + 1
                running = max(running, plan.rank)
                if plan.rank in ranks:
                    other = ranks[plan.rank]
                    message = "与第 {} 行是同一会议的同一顺序（{}）；每位发言人的顺序不能重复"
                    plan.reader.problem("顺序", message.format(other.number, plan.rank))
                    other.problem("顺序", message.format(plan.reader.number, plan.rank))
                else:
                    ranks[plan.rank] = plan.reader
        meetings, speeches = self.load_meetings(groups)
        context.people.load(p.name for p in plans if p.name)
        new_meetings, changed_meetings, new_speeches, changed_speeches = [], {}, [], {}
        meeting_status = {}
        for group in groups.values():
            meeting_status[group.key] = self.plan_meeting(group, meetings, context, new_meetings, changed_meetings)
        next_meeting_order = defaultdict(int)
        for meeting in meetings.values():
            if meeting.delegation_id:
                next_meeting_order[meeting.delegation_id] = max(
                    next_meeting_order[meeting.delegation_id], meeting.order
                )
        for meeting in new_meetings:
            if meeting.delegation is not None:
                next_meeting_order[meeting.delegation.pk] += 1
                meeting.order = next_meeting_order[meeting.delegation.pk]
        first_row_of = {}
        for plan in self.counted(plans, context, "比对"):
            outcome = RowOutcome(number=plan.reader.number, label=f"{plan.meeting_title}：{plan.name or plan.title}")
            result.outcomes.append(outcome)
            group = groups.get(plan.meeting_key)
            if plan.reader.problems or group is None:
                outcome.status, outcome.problems = ERROR, plan.reader.problems
                continue
            status, meeting_changes = meeting_status[group.key]
            if status == ERROR:
                outcome.status, outcome.problems = ERROR, plan.reader.problems
                continue
            is_first = group.key not in first_row_of
            first_row_of.setdefault(group.key, plan.reader.number)
            speech_status, changes = self.plan_speech(plan, group, speeches, context, new_speeches, changed_speeches)
            if speech_status == ERROR:
                outcome.status, outcome.problems = ERROR, plan.reader.problems
                continue
            if is_first and meeting_changes:
                changes = meeting_changes + changes
            if status == NEW or speech_status == NEW:
                outcome.status = NEW
            elif changes:
                outcome.status = UPDATED
            else:
                outcome.status = UNCHANGED
            outcome.changes = changes if outcome.status == UPDATED else []
            outcome.obj = group.meeting
        self.write(context, new_meetings, changed_meetings, new_speeches, changed_speeches)

    def merge_meeting(self, group, plan):
        group.plans.append(plan)
        for attr, column, value in (
            ("kind", "会议类型", plan.meeting_kind),
            ("date", "会议日期", plan.meeting_date),
            ("place", "会议地点", plan.meeting_place),
        ):
            if value in ("", None):
                continue
            current = getattr(group, attr)
            if current in ("", None):
                setattr(group, attr, value)
                if attr == "date":
                    group.precision = plan.meeting_precision
                    group.date_row = plan.reader.number
                setattr(group, f"{attr}_row", plan.reader.number)
            elif current != value or (attr == "date" and group.precision != plan.meeting_precision):
                other = getattr(group, f"{attr}_row")
                plan.reader.problem(column, f"同一会议在第 {other} 行写的{column}不同")

    def load_meetings(self, groups):
        trip_ids = {g.delegation.pk for g in groups.values() if g.delegation is not None}
        standalone_titles = {g.title for g in groups.values() if g.delegation is None}
        found = []
        for chunk in chunks(trip_ids):
            found += list(Meeting.objects.filter(delegation_id__in=chunk))
        for chunk in chunks(standalone_titles):
            found += list(Meeting.objects.filter(delegation__isnull=True, title__in=chunk))
        meetings = {}
        for meeting in sorted(found, key=lambda m: (m.order, m.pk)):
            meetings.setdefault((meeting.delegation_id, meeting.title, meeting.date), meeting)
            meetings.setdefault((meeting.delegation_id, meeting.title), meeting)
        speeches = defaultdict(list)
        ids = list({m.pk for m in meetings.values()})
        for chunk in chunks(ids):
            for speech in Speech.objects.filter(meeting_id__in=chunk).order_by("order", "pk"):
                speeches[speech.meeting_id].append(speech)
        self._all_meetings = {m.pk: m for m in found}
        return meetings, speeches

    def plan_meeting(self, group, meetings, context, new_meetings, changed_meetings):
        if group.delegation is not None:
            meeting = meetings.get((group.delegation.pk, group.title))
        else:
            meeting = meetings.get((None, group.title, group.date)) or meetings.get((None, group.title))
        kind = group.kind or MeetingKind.SYMPOSIUM
        desired = {
            "title": group.title,
            "kind": kind,
            "date": group.date,
            "date_precision": group.precision,
            "place": group.place,
        }
        if meeting is None:
            meeting = bulk.build(Meeting, delegation=group.delegation, **desired)
            apply_status(context, meeting)
            if group.place:
                meeting.region = self.place_region(context, group.place)
            new_meetings.append(meeting)
            group.meeting = meeting
            return NEW, []
        group.meeting = meeting
        labels = {"kind": "会议类型", "date": "会议日期", "date_precision": "会议日期", "place": "会议地点"}
        fields = [name for name, value in desired.items() if getattr(meeting, name) != value]
        status_changed = context.publish and meeting.status != Status.PUBLISHED
        if (fields or status_changed) and not editor_may_change(context, Meeting, meeting.status):
            for plan in group.plans:
                plan.reader.problem("会议", PUBLISHED_ONLY_MESSAGE)
            return ERROR, []
        if fields or status_changed:
            before = snapshot(meeting)
            for name in fields:
                setattr(meeting, name, desired[name])
            if status_changed:
                apply_status(context, meeting)
                fields += ["status", "published_at"]
            changed_meetings[meeting.pk] = (meeting, fields, before)
        changes = sorted({labels.get(f, "发布状态") for f in fields}, key=lambda s: s)
        return (UPDATED if fields else UNCHANGED), changes

    @staticmethod
    def place_region(context, place):
        index = context.regions.index
        region = index.resolve(place)
        if region is None:
            region, _rest = index.split_known_prefix(place)
        return region

    def plan_speech(self, plan, group, speeches, context, new_speeches, changed_speeches):
        meeting = group.meeting
        existing = speeches.get(meeting.pk, []) if meeting.pk else []
        # A speech is part of its meeting: adding or changing one changes the published meeting.
        if meeting.pk and not editor_may_change(context, Meeting, meeting.status):
            speech = existing[plan.rank - 1] if plan.rank <= len(existing) else None
            unchanged = speech is not None and (
                speech.name_as_printed, speech.title_as_printed, speech.kind, speech.points,
            ) == (plan.name, plan.title, plan.kind, plan.points)
            if not unchanged:
                plan.reader.problem("会议", PUBLISHED_ONLY_MESSAGE)
                return ERROR, []
            return UNCHANGED, []
        speech = existing[plan.rank - 1] if plan.rank <= len(existing) else None
        desired = {
            "name_as_printed": plan.name,
            "title_as_printed": plan.title,
            "kind": plan.kind,
            "points": plan.points,
        }
        if speech is None or speech.name_as_printed != plan.name:
            try:
                person = context.people.resolve(plan.name, plan.title)
            except NameProblem as exc:
                plan.reader.problem("发言人", str(exc), value=cells.format_person(plan.name, plan.title))
                return ERROR, []
            desired["person"] = person
        if speech is None:
            last = existing[-1].order if existing else 0
            order = max(plan.rank, last + plan.rank - len(existing))
            new_speeches.append(bulk.build(Speech, meeting=meeting, order=order, **desired))
            return NEW, []
        fields = [
            name
            for name in ("name_as_printed", "title_as_printed", "kind", "points")
            if getattr(speech, name) != desired[name]
        ]
        if "person" in desired:
            person = desired["person"]
            if (person is None) != (speech.person_id is None) or (person is not None and person.pk != speech.person_id):
                fields.append("person")
        if not fields:
            return UNCHANGED, []
        before = snapshot(speech)
        for name in fields:
            setattr(speech, name, desired[name])
        changed_speeches[speech.pk] = (speech, fields, before)
        labels = {
            "name_as_printed": "发言人",
            "person": "发言人",
            "title_as_printed": "职务",
            "kind": "发言类型",
            "points": "要点",
        }
        return UPDATED, sorted({labels[f] for f in fields}, key=list(SPEECH_HEADERS).index)

    def write(self, context, new_meetings, changed_meetings, new_speeches, changed_speeches):
        writer = context.writer
        context.flush_vocabulary()
        allocator = context.slugs(Meeting)
        for meeting in new_meetings:
            meeting.slug = allocator.allocate(meeting.title)
        writer.create(Meeting, new_meetings)
        if changed_meetings:
            values = list(changed_meetings.values())
            fields = sorted({f for _m, names, _b in values for f in names})
            writer.update(Meeting, [m for m, _n, _b in values], fields, before={m.pk: b for m, _n, b in values})
        new_meeting_ids = {id(m) for m in new_meetings}
        writer.create(Speech, [s for s in new_speeches if id(s.meeting) in new_meeting_ids], part_of_new=True)
        writer.create(Speech, [s for s in new_speeches if id(s.meeting) not in new_meeting_ids])
        if changed_speeches:
            values = list(changed_speeches.values())
            fields = sorted({f for _s, names, _b in values for f in names})
            writer.update(Speech, [s for s, _n, _b in values], fields, before={s.pk: b for s, _n, b in values})

    # Export --------------------------------------------------------------------------------

    def export_queryset(self, public=False):
        queryset = Speech.objects.published() if public else Speech.objects.all()
        return queryset.order_by(
            "meeting__delegation__start_date", "meeting__delegation_id", "meeting__order", "meeting_id", "order", "pk"
        )

    def export_rows(self, queryset, public=False):
        duplicated_urls = set(
            Delegation.objects.exclude(source__url="")
            .filter(source__isnull=False)
            .values("source__url")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
            .values_list("source__url", flat=True)
        )
        rank = {}
        for speech in queryset.select_related("meeting__delegation__source").iterator(chunk_size=1000):
            yield self.export_row(speech, rank, duplicated_urls)

    def export_row(self, speech, rank, duplicated_urls):
        meeting = speech.meeting
        rank[meeting.pk] = rank.get(meeting.pk, 0) + 1
        delegation = meeting.delegation
        reference = trip_reference(delegation, duplicated_urls) if delegation is not None else ""
        return [
            reference,
            meeting.title,
            meeting.get_kind_display(),
            export_date(meeting.date, meeting.date_precision),
            meeting.place,
            rank[meeting.pk],
            speech.name_as_printed,
            speech.title_as_printed,
            speech.get_kind_display(),
            speech.points,
        ]
