"""The 考察活动 ledger: a trip per row.

A trip row fans out into a Delegation with its participants (带队领导, 代表团成员, 出席人员),
site visits (考察点, with the projects of 相关项目), destinations, topics, pairings and source.
The row is the whole trip: a participant or site visit no longer in the cell is removed (and
kept in the batch, so a rollback brings it back).

What a ledger does not say is never overwritten on an existing record: a participant keeps
the person it is linked to, a site visit its region, body and photos, a trip its purpose,
cover photo and the pairings staff added.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

from cooperation.dates import DatePrecision
from cooperation.ledgers import bulk, cells
from cooperation.ledgers.context import NameProblem, apply_status, chunks, identity, lookup_chunks, snapshot
from cooperation.ledgers.resources import (
    ERROR,
    NEW,
    PROGRESS_EVERY,
    PUBLISHED_ONLY_MESSAGE,
    UNCHANGED,
    UPDATED,
    LedgerResource,
    RowOutcome,
    RowReader,
    claim_record,
    editor_may_change,
    export_date,
    region_text,
    repeated_key_messages,
)
from cooperation.models import Side, Source
from cooperation.regions import TOWNSHIP_ENDINGS, VILLAGE_ENDINGS, RegionIndex
from visits.ledgers.common import (
    HOSTS,
    LEADERS,
    MARKED_PEOPLE_HEADERS,
    MEMBERS,
    NAME_HEADERS,
    PART_HEADERS,
    PARTS,
    PEOPLE_COLUMNS,
    SENT_BODY_HEADERS,
    TRIP_HEADERS,
    TRIP_SERIAL_SHEETS,
    TRIP_SERIALS,
    TRIP_SYNONYMS,
    UNIT_HEADERS,
    LinkRef,
    Project,
    pass_printed_titles,
    people_column,
)
from visits.ledgers.project_refs import ProjectRefs
from visits.models import (
    Delegation,
    DelegationKind,
    Participant,
    ParticipantSide,
    SiteVisit,
)

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
# Each label's place among the columns, for listing a row's changes in the ledger's order.
TRIP_FIELD_ORDER = {}
for _label in TRIP_FIELDS.values():
    TRIP_FIELD_ORDER.setdefault(_label, len(TRIP_FIELD_ORDER))


class PersonEntry(NamedTuple):
    """One person of a people column, with the side they are on and how that was known."""

    column: str
    name: str
    title: str
    side: str
    role: str
    side_basis: str = ""  # how a 出席人员's side was found: "" (said), or the guess in words
    ref: str = ""  # the 人物标识 given for this name


PERSON_REFS = "人物标识"
# A receiving office's visitor register names the visiting body (通州区红十字会, 北京市通州区台湖镇)
# instead of 出发地: the origin is the region its name begins with. Read, never written.
VISITING_BODY = "来访单位"
OWN_REGION_LABEL = "本单位所在地区"
# The level a body's name begins with when it leaves out its region's name (市委, 旗政府).
_LEVEL_WORDS = frozenset("省市盟旗县区镇乡")
# A register of one row per person keeps each one's post beside the name: read as the title of
# the one person its row names in 带队领导 or 代表团成员 (else in 出席人员). Read, never written.
POST = "职务"
# 序号 of a trip's rows, one a person: 2-1, 2-2 … (the trip's number, then the person's).
_SUB_NUMBER = re.compile(r"^(\d+)\s*[-－—–]\s*\d+$")
OWN_REGION_OPTION = "--own-region"
# A large file's trips are read, planned and written this many at a time: on PostgreSQL the
# server then works through one part's COPYs (bulk.copies_alongside) while the client reads and
# plans the next, and what it has left once the client is done is one small part. Each part
# costs its handful of queries. The first and the last part are smaller (`part_bounds`).
WRITE_EVERY = 2500
FIRST_PART = 500
# A 出席人员 marker (北京方：…) says a Beijing or Inner Mongolia side; the trip's origin says which is visiting.
MARKER_SIDES = {"visiting": ParticipantSide.VISITING, "host": ParticipantSide.HOST}
MARKER_REGION_SIDES = {"support": Side.SUPPORT, "recipient": Side.RECIPIENT}
# A place with its region in brackets after it: 京顺鑫石门国际农产品批发市场集团有限公司（顺义区）.
_PLACE_REGION = re.compile(r"^(.+?)\s*[（(]([^（）()]{2,20})[）)]$")
# What a trip's row may carry on in the rows under it (its lists), and 序号, empty there too.
CONTINUED_COLUMNS = frozenset({LEADERS, MEMBERS, HOSTS, POST, "考察点", "相关项目", "协作领域"})
# A column of counties (a city's register: which of its banners): one end of each trip.
COUNTY_COLUMNS = ("旗县", "旗县区", "旗县市区", "旗县（市、区）", "旗县（市区）", "所在旗县", "区县", "县区")
# A column of the supported region (a Beijing register of its bodies' trips: where each went, or
# whence its visitors came): the end of the trips the sheet has no other column for, as 旗县 is.
SUPPORTED_REGION_COLUMNS = ("受援地区", "受援地", "受援旗县", "受援旗县区", "受援县区", "受援县")
# A register may keep a trip's two ends by side — the Beijing body or region (京方单位) and the
# Inner Mongolian one (蒙方地区) — and say in 方向 which went to which (京方赴蒙, 蒙方来京). Read,
# never written: the ends are 出发地 and 目的地 as the ledger's own columns.
BEIJING_END_HEADERS = ("京方单位", "京方地区", "北京方单位", "北京方地区", "京方区县")
INNER_END_HEADERS = ("蒙方单位", "蒙方地区", "蒙方旗县", "蒙方盟市旗县", "内蒙古方单位", "内蒙古方地区")
DIRECTION = "方向"
_TO_INNER = re.compile(r"赴蒙|来蒙|赴内蒙古|京方赴|北京赴|京\s*(?:→|->|至|到)\s*蒙")
_TO_BEIJING = re.compile(r"来京|赴京|进京|蒙方赴|蒙方来|蒙\s*(?:→|->|至|到)\s*京")
OWN_MARKER = "own"  # 我方：, 本方： (cells.SIDE_MARKERS)
OTHER_MARKER = "other"  # 对方：
OTHER_SIDES = {str(Side.SUPPORT): str(Side.RECIPIENT), str(Side.RECIPIENT): str(Side.SUPPORT)}
SIDE_MARKER_WORDS = {ParticipantSide.VISITING: "来访方", ParticipantSide.HOST: "接待方"}


def part_bounds(total):
    """(start, end) of each part of a sheet of `total` rows: the first and the last `FIRST_PART`
    rows, the rest in parts of at most `WRITE_EVERY`. The server has nothing to write until the
    client has planned the first part, and what it has left once the client is done is the last."""
    small = min(FIRST_PART, WRITE_EVERY)
    if total <= 2 * small:
        cuts = [*range(0, total, small), total]
    else:
        middle = total - 2 * small
        count = -(-middle // WRITE_EVERY)
        cuts = [0, *(small + middle * i // count for i in range(count + 1)), total]
    return list(pairwise(cuts))


def format_people(participants):
    return [cells.format_person(p.name_as_printed, p.title_as_printed) for p in participants]


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
    people: list = field(default_factory=list)  # PersonEntry
    origin: object = None
    destinations: list = field(default_factory=list)
    sites: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    project_refs: list = field(default_factory=list)
    site_regions: dict = field(default_factory=dict)  # place → the region written after it in brackets
    person_refs: dict = field(default_factory=dict)  # name → ID or slug (人物标识)
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
    related_projects: dict = field(default_factory=lambda: defaultdict(set))


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


SECONDED = "挂职"


def person_side(column, marker, title, origin, destinations, regions):
    """A person of a people column: (side, role, how the side was guessed — "" when the ledger says it).

    带队领导 and 代表团成员 are the visitors. In 出席人员 a marker (接待方：, 北京方：) says the
    side; else the region the title names (after 挂职, where the post is, when it names one),
    against the trip's origin and destinations; else the host side, as the column's name
    suggests — marked as a guess.
    """
    side, role = PEOPLE_COLUMNS[column]
    if column != HOSTS:
        return side, role, ""
    if marker in MARKER_SIDES:
        return MARKER_SIDES[marker], role, ""
    if marker in MARKER_REGION_SIDES:
        wanted = MARKER_REGION_SIDES[marker]
        if origin is not None and origin.side == wanted:
            return ParticipantSide.VISITING, role, ""
        if origin is not None or any(d.side == wanted for d in destinations):
            return ParticipantSide.HOST, role, ""
    resolver = regions  # a RegionIndex, or the import's resolver that remembers its answers
    named = resolver.in_title(title)
    if SECONDED in title:
        # 通州区挂职奈曼旗旗委常委、旗政府副旗长: seconded from one place to serve in another —
        # the post, and so the side, is the one after 挂职 (when it names a place).
        named = resolver.in_title(title.rsplit(SECONDED, 1)[1]) or named
    for region in named:
        if origin is not None and resolver.lines_up(region, origin):
            return ParticipantSide.VISITING, role, f"职务中的“{region.display_name}”是出发地"
        if any(resolver.lines_up(region, d) for d in destinations):
            return ParticipantSide.HOST, role, f"职务中的“{region.display_name}”是目的地"
        if origin is not None and region.side == origin.side and all(d.side != region.side for d in destinations):
            return ParticipantSide.VISITING, role, f"职务中的“{region.display_name}”与出发地同属一方"
        if destinations and any(d.side == region.side for d in destinations) and (
            origin is None or origin.side != region.side
        ):
            return ParticipantSide.HOST, role, f"职务中的“{region.display_name}”与目的地同属一方"
    return ParticipantSide.HOST, role, "职务中没有可判断的地区，按接待方记"


def side_labels():
    """Each side's label in the active language (an import translates them once, not per person)."""
    return {side: str(side.label) for side in ParticipantSide}


class TripLedger(LedgerResource):
    ledger_name = "考察活动"
    ledger_slug = "trips"
    ledger_headers = TRIP_HEADERS
    extra_headers = (PERSON_REFS, VISITING_BODY, POST, DIRECTION, *BEIJING_END_HEADERS, *INNER_END_HEADERS)
    unproposed_headers = (DIRECTION, *BEIJING_END_HEADERS, *INNER_END_HEADERS)
    required_headers = ("标题",)
    header_synonyms = TRIP_SYNONYMS
    loose_synonyms = frozenset(("活动内容",))  # what was done: the title only without 事由, 事项 …
    region_headers = ("出发地", "目的地")
    people_headers = tuple(PEOPLE_COLUMNS)
    place_headers = ("考察点",)
    choice_headers = ("类型",)
    record_model = Delegation
    # Across the parts of one sheet (`import_rows`): existing trips taken, by id, with the row
    # that took them; ids of the trips written by earlier parts.
    claimed = None
    created = frozenset()

    def canonical_headers(self, headers):
        """The ledger's names, and a column of counties (旗县) read as the end of the trips the
        sheet has no other column for: 目的地 beside where the visitors came from (出发地,
        来访单位), 出发地 beside 目的地. A sheet with both ends, or neither, leaves it unread: which
        end it is, only the importer can say (the column's reading asked in the preview)."""
        renamed, read_as = super().canonical_headers(headers)
        present = set(renamed)
        has_origin, has_destination = "出发地" in present or VISITING_BODY in present, "目的地" in present
        if has_origin != has_destination:
            end = "出发地" if has_destination else "目的地"
            for position, header in enumerate(renamed):
                if header in COUNTY_COLUMNS or header in SUPPORTED_REGION_COLUMNS:
                    renamed[position] = end
                    read_as.append((header, end))
                    break
        return renamed, read_as

    # Reading a row ------------------------------------------------------------------------

    def parse(self, reader, context):
        plan = TripPlan(reader=reader)
        plan.code = reader.text("编号", 60) or ""
        plan.title = reader.text("标题", 300, required=True)
        plan.kind = reader.choice("类型", DelegationKind, DelegationKind.INSPECTION)
        start, start_precision, span_end = reader.date_span("开始日期")
        end, end_precision = reader.date("结束日期")
        if span_end is not None and end is None and cells.is_blank(reader.raw("结束日期")):
            end, end_precision = span_end, start_precision  # 9月11日至12日: both days in 开始日期
        plan.name = reader.text("代表团", 120)
        plan.origin = self._region(reader, "出发地", context, single=True)
        if plan.origin is None and cells.is_blank(reader.raw("出发地")):
            plan.origin = self._visiting_body_region(reader, context)
        plan.destinations = self._region(reader, "目的地", context)
        if plan.origin is None and not plan.destinations:
            plan.origin, plan.destinations = self._ends_by_side(reader, context)
        self._own_region(plan, reader, context)
        plan.person_refs = self._person_refs(reader)
        if not cells.is_blank(reader.raw(POST)):
            # `prepare_sheet` gave each post to the one person of its row; this one it could not.
            reader.problem(
                POST,
                "看不出“职务”是这一行哪一位的（这一行的人员不止一位，或已写了职务）；"
                "请把职务写在姓名后的括号里，如 王清（市科技局局长）",
            )
        sides = context.memo.setdefault("person sides", {})
        places = (id(plan.origin), *map(id, plan.destinations))
        labels = context.memo.get("side labels") or context.memo.setdefault("side labels", side_labels())
        own = getattr(context, "own_region", None)
        for column in PEOPLE_COLUMNS:
            for marker, name, title in reader.people(column, with_markers=True):
                if marker == OWN_MARKER:
                    # 我方: the side of the office's own region (本单位所在地区); without it, the
                    # side is guessed from the title, as for a cell without a marker.
                    marker = str(own.side) if own is not None else ""
                elif marker == OTHER_MARKER:
                    # 对方: the side that is not the office's own; guessed likewise without it.
                    marker = OTHER_SIDES.get(str(own.side), "") if own is not None else ""
                # Titles repeat across rows: the side they give against one trip's places is
                # worked out once per file (`person_side` is pure).
                key = (column, marker, title, places)
                found = sides.get(key)
                if found is None:
                    found = sides[key] = person_side(
                        column, marker, title, plan.origin, plan.destinations, context.regions
                    )
                side, role, basis = found
                ref = plan.person_refs.get(name, "")
                plan.people.append(PersonEntry(column, name, title, side, role, basis, ref))
                if basis:
                    shown = cells.format_person(name, title)
                    text = f"{shown} → {labels[side]}（{basis}）"
                    context.note_review("推断的所属方", text, reader, self.ledger_name)
        plan.sites = self._sites_with_their_region(reader, plan, context)
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

    @staticmethod
    def _person_refs(reader):
        """人物标识: 姓名=编号或网址标识, separated like people (张强=zhang-qiang-2；李娜=新)."""
        refs = {}
        for item in cells.split_items(reader.raw(PERSON_REFS)):
            name, sep, ref = item.replace("＝", "=").partition("=")
            if not sep or not name.strip() or not ref.strip():
                reader.problem(PERSON_REFS, "请写作 姓名=人物的编号或网址标识（新建人物写 姓名=新）", value=item)
                continue
            refs[cells.normalise_name(name.strip())] = ref.strip()
        return refs

    def _region(self, reader, column, context, single=False):
        """The region (`single`) or regions a cell names, each problem and warning on the row.

        A ledger repeats its places (20,000 generated trips: 6,552 distinct 目的地): a cell's
        reading is remembered for the rest of the file while no region is added, since a
        township made or saved meanwhile may answer it otherwise (星耀镇 under two banners)."""
        raw = reader.raw(column)
        resolver = context.regions
        key = (raw, single, len(resolver.index.regions), len(resolver.pending))
        memo = context.memo.setdefault("region cells", {})
        try:
            reading = memo.get(key)
        except TypeError:  # a value without a hash: read, not remembered
            key, reading = None, None
        if reading is None:
            reading = self._region_reading(raw, context, single)
            if key is not None:
                memo[key] = reading
        found, messages = reading
        for is_problem, message, value in messages:
            (reader.problem if is_problem else reader.warn)(column, message, value=value)
        return found if single else list(found)

    @staticmethod
    def _region_reading(raw, context, single):
        """(the region or the regions, ((is problem, message, value), …)) of one cell."""
        items = cells.split_terms(raw)
        if single and len(items) > 1:
            return None, ((True, "只能写一个出发地", None),)
        regions, messages = [], []
        for item in items:
            try:
                regions.append(context.regions.resolve(item))
            except NameProblem as exc:
                messages.append((True, str(exc), item))
                continue
            stem = context.regions.read_without_ending.get("".join(item.split()))
            if stem is not None:
                messages.append((False, f"“{item}”按“{stem.name}”读入（名称省去了“{stem.name[-1]}”）", item))
        if single:
            return (regions[0] if regions else None), tuple(messages)
        unique = {identity(r): r for r in regions}
        return tuple(unique.values()), tuple(messages)

    def _ends_by_side(self, reader, context):
        """(origin, destinations) from 京方单位 and 蒙方地区, as 方向 says which went to which;
        (None, []) when the row has not both, or 方向 says neither way (a warning: no guess)."""
        beijing = next((h for h in BEIJING_END_HEADERS if not cells.is_blank(reader.raw(h))), None)
        inner = next((h for h in INNER_END_HEADERS if not cells.is_blank(reader.raw(h))), None)
        if beijing is None or inner is None:
            return None, []
        direction = cells.clean_text(reader.raw(DIRECTION)) or ""
        to_inner, to_beijing = bool(_TO_INNER.search(direction)), bool(_TO_BEIJING.search(direction))
        if to_inner == to_beijing:
            reader.warn(
                DIRECTION,
                f"看不出是京方赴蒙还是蒙方来京（如 京方赴蒙、蒙方来京），"
                f"“{beijing}”和“{inner}”都没有读作出发地或目的地",
                value=direction,
            )
            return None, []
        beijing_end = self._beijing_end(reader, beijing, context)
        inner_ends = self._region(reader, inner, context)
        if beijing_end is None or not inner_ends:
            return None, []
        if to_inner:
            origin, destinations = beijing_end, inner_ends
        elif len(inner_ends) > 1:
            reader.problem(inner, "蒙方来京时只能写一个出发地")
            return None, []
        else:
            origin, destinations = inner_ends[0], [beijing_end]
        ends = "、".join(r.display_name for r in destinations)
        reader.warn(DIRECTION, f"按“{direction}”读作从“{origin.display_name}”到“{ends}”", value=direction)
        return origin, destinations

    @staticmethod
    def _beijing_end(reader, column, context):
        """京方单位 → its region: the one its name begins with (北京化工大学 → 北京市), else 北京市,
        which the column's 京方 says (首都医科大学附属北京世纪坛医院), with a warning."""
        text = "".join((reader.text(column, 200) or "").split())
        place = _leading_place(text, context.regions.index)
        try:
            region = context.regions.resolve(place or "北京市")
        except NameProblem as exc:
            reader.problem(column, str(exc), value=text)
            return None
        if place is None:
            reader.warn(column, f"“{text}”没有写地区，按“{column}”读作“{region.display_name}”", value=text)
        return region

    @staticmethod
    def _visiting_body_region(reader, context):
        """来访单位 → the visitors' origin: the region its name begins with (通州区红十字会 → 通州区;
        北京市通州区台湖镇 → 台湖镇 of 通州区), resolved as 出发地 is. A body that begins with no
        region is an error asking for 出发地, never a guess."""
        text = "".join((reader.text(VISITING_BODY, 200) or "").split())
        if not text:
            return None
        place = _leading_place(text, context.regions.index)
        if place is None:
            own = getattr(context, "own_region", None)
            going_out = not cells.is_blank(reader.raw("目的地"))
            if own is not None and going_out and (text[0] not in _LEVEL_WORDS or own.name.endswith(text[0])):
                # The office's own trips out: its own bodies are written without its region
                # (市委, 市科技局 in 乌兰察布市's register) — a 市 of a 旗's office is not its own.
                reader.warn(
                    VISITING_BODY,
                    f"“{text}”没有写地区，按本单位的读：出发地按{OWN_REGION_LABEL}填作“{own.display_name}”",
                )
                return own
            reader.problem(
                VISITING_BODY,
                f"单位“{text}”不以地区名开头，看不出从哪里出发；请在“出发地”一栏写明所在的旗县区（如 通州区），"
                "或把单位连同地区写全（如 通州区红十字会）"
                + (
                    f"；若这是本单位外出的台账，请写明{OWN_REGION_LABEL}（导入页的“{OWN_REGION_LABEL}”，"
                    f"或命令行 {OWN_REGION_OPTION} 旗县区名）"
                    if going_out and own is None
                    else ""
                ),
            )
            return None
        try:
            region = context.regions.resolve(place)
        except NameProblem as exc:
            reader.problem(VISITING_BODY, str(exc), value=place)
            return None
        reader.warn(VISITING_BODY, f"出发地按来访单位读作“{region.display_name}”")
        return region

    @staticmethod
    def _own_region(plan, reader, context):
        """本单位所在地区 (`--own-region`), given by the importer: the destination of a row that
        leaves 目的地 empty but says where the visitors came from (a visitor register), or the
        origin of one that leaves 出发地 empty but says where it went (the office's own trips
        out). A row that says neither is left as it is. Each use is a warning in its row."""
        own = getattr(context, "own_region", None)
        if own is None:
            return
        if not plan.destinations and cells.is_blank(reader.raw("目的地")) and plan.origin is not None:
            if identity(plan.origin) != identity(own):
                plan.destinations = [own]
                reader.warn("目的地", f"目的地未写，按{OWN_REGION_LABEL}填作“{own.display_name}”", value="")
        elif (
            plan.origin is None
            and plan.destinations
            and cells.is_blank(reader.raw("出发地"))
            and cells.is_blank(reader.raw(VISITING_BODY))
        ):
            plan.origin = own
            reader.warn("出发地", f"出发地未写，按{OWN_REGION_LABEL}填作“{own.display_name}”", value="")

    def sheet_refusals(self, sheet, own_region=""):
        """A sheet that says where its visitors came from (出发地, 来访单位) and has no column for
        where they went — a visitor register: the destination is the office's own region, which
        the importer gives (never guessed from a title row's 来访接待)."""
        if self._one_ended(sheet) != "目的地":
            return []
        sent = [header for header in sheet.original_headers or () if header in SENT_BODY_HEADERS]
        if sent:
            # The office's own trips out: each went somewhere of its own, which no option supplies.
            return [
                f"表中没有“目的地”一栏。“{sent[0]}”是出访的一方，各次去了哪里须写在“目的地”一栏"
                f"（{OWN_REGION_LABEL}不能代替它）；如表中另有一列写着去的地方，可指定它按“目的地”读入"
                "（导入页的“不认识的列”，或命令行 --column 列名=目的地）"
            ]
        if own_region:
            return []
        return [
            f"表中没有“目的地”一栏。来访接待登记表的目的地是本单位所在地区：请在导入时写明它（导入页的"
            f"“{OWN_REGION_LABEL}”，或命令行 {OWN_REGION_OPTION} 旗县区名，如 {OWN_REGION_OPTION} 奈曼旗），"
            "它只用于目的地空着的行；或在表中加上“目的地”一栏"
        ]

    def sheet_notices(self, sheet, own_region=""):
        """A sheet that says where its trips went and has no column for where from: the new trips
        have no origin — unless it is the office's own trips out and the importer gives its region.
        Told, not refused: such sheets (and ones updating the destinations of trips already
        imported) were imported before, and an empty origin is no guess."""
        if own_region or self._one_ended(sheet) != "出发地":
            return []
        return [
            f"{sheet.label}（{self.ledger_name}）没有“出发地”一栏：新建的考察活动将没有出发地。若这是本单位外出的台账，"
            f"请写明本单位所在地区（导入页的“{OWN_REGION_LABEL}”，或命令行 {OWN_REGION_OPTION} 旗县区名），"
            "它将作为出发地空着的行的出发地"
        ]

    def prepare_sheet(self, sheet):
        """A register of one row per person, read as the trips it holds: a column of one side's
        people (北京方对接人员) read with that side's marker, each row's 职务 given to the one
        person the row names, and the rows of one trip — its 标题 merged over them, or 序号 2-1,
        2-2 … — read as one row, their people together. What was so read is told."""
        notes = []
        headers = sheet.headers
        originals = sheet.original_headers or headers
        marked = {
            position: MARKED_PEOPLE_HEADERS[original]
            for position, (header, original) in enumerate(zip(headers, originals, strict=False))
            if header in (HOSTS, original) and original in MARKED_PEOPLE_HEADERS
        }
        for position, marker in marked.items():
            for _number, row in sheet.rows:
                text = cells.clean_text(row[position], multiline=True)
                if text and not cells.starts_with_marker(text):
                    row[position] = f"{marker}：{text}"
            notes.append(f"“{originals[position]}”一栏的人员按“{marker}：”读入出席人员（所属方由出发地定）。")
        notes += self._marked_columns_together(sheet, marked)
        person_rows = self._person_columns(sheet)
        notes += person_rows
        if POST in headers:
            notes += self._posts_to_people(sheet)
        notes += self._one_row_per_trip(sheet, set(self.accepted_headers), repeated_titles=bool(person_rows))
        return notes

    @staticmethod
    def _marked_columns_together(sheet, marked):
        """Two columns of one side's people each (对方参加人员, 我方参加人员) are both 出席人员: the
        second and later are read into the first, each cell after its side's marker."""
        headers = sheet.headers
        if HOSTS not in headers:
            return []
        first = headers.index(HOSTS)
        others = [position for position in marked if position != first and headers[position] != HOSTS]
        for position in others:
            for _number, row in sheet.rows:
                if cells.is_blank(row[position]):
                    continue
                before = cells.clean_text(row[first], multiline=True)
                row[first] = f"{before}\n{row[position]}" if before else row[position]
                row[position] = None
            headers[position] = ""
        if not others:
            return []
        names = "、".join(f"“{(sheet.original_headers or headers)[p]}”" for p in [first, *others])
        return [f"{names}都是出席人员，合在一起读入，各按其所属方。"]

    @staticmethod
    def _person_columns(sheet):
        """A person in columns of their own, a row each: 姓名, beside it 单位 and 职务 (read
        together as one title: 区妇联 | 党组书记、主席), and 类别, the person's part — 带队 a
        leader, 随行 a member of the delegation, 陪同 or 接待 a host, 出席 or 参加 in 出席人员 with
        the side guessed from the title; a side's name (北京方, 来访方 …) that side. Each row's
        person is written into that column as 姓名（职务）, a group without a name as a role
        (（区文旅部门负责同志）); without 类别, everyone is in 出席人员. The rows of one trip under
        its first are then that trip's (`_continued_rows`), or its trip repeated on each row
        (`_one_row_per_trip`). A 类别 the import does not know is read as 出席 and named. A post
        beside several names (张三、李四 | 科员) is nobody's in particular: it stays in 职务, and
        the row is an error asking whose (`parse`)."""
        headers = sheet.headers
        name = next((headers.index(h) for h in NAME_HEADERS if h in headers), None)
        if name is None:
            return []
        unit = next((headers.index(h) for h in UNIT_HEADERS if h in headers), None)
        part = next((headers.index(h) for h in PART_HEADERS if h in headers), None)
        post = headers.index(POST) if POST in headers else None
        used = [column for column in (name, unit, part, post) if column is not None]
        originals = list(sheet.original_headers or headers)
        placed, unknown, kept = {}, {}, post if post is not None else unit
        shared = False
        for _number, row in sheet.rows:
            person, title = (cells.clean_text(row[c]) if c is not None else "" for c in (name, post))
            title = cells.joined_title(cells.clean_text(row[unit]) if unit is not None else "", title)
            said = cells.clean_text(row[part]) if part is not None else ""
            for column in used:
                row[column] = None
            if not person and not title:
                continue
            if title and len(cells.split_people(person)) > 1:
                row[kept], title, shared = title, "", True
            column, marker = PARTS.get(said, (HOSTS, ""))
            if said and said not in PARTS:
                marker = said if said in cells.SIDE_MARKERS else ""
                if not marker:
                    unknown.setdefault(said, None)
            item = cells.format_person(person, title) if person else f"（{title}）"
            placed.setdefault(column, []).append((row, f"{marker}：{item}" if marker else item))
        for column, items in placed.items():
            if column not in headers:
                headers.append(column)
                originals.append(column)
                for _number, row in sheet.rows:
                    row.append(None)
            position = headers.index(column)
            for row, item in items:
                before = cells.clean_text(row[position], multiline=True)
                row[position] = f"{before}；{item}" if before else item
        for column in used:
            headers[column] = POST if shared and column == kept else ""
        if sheet.original_headers:
            sheet.original_headers = originals
        shown = "、".join(f"“{originals[c]}”" for c in sorted(used))
        notes = [f"列{shown}是每行一人的人员，按各行所写读入{'、'.join(f'“{c}”' for c in placed)}。"]
        if unknown:
            said = "、".join(f"“{value}”" for value in unknown)
            notes.append(f"“{originals[part]}”中的{said}看不出是带队、随行还是陪同：这些人按出席人员读入，所属方按职务推断。")
        return notes

    @staticmethod
    def _posts_to_people(sheet):
        """职务 beside a name: the title of the one person its row names in 带队领导 or 代表团成员
        (else in 出席人员), written without one. A post the row gives to nobody, or to several,
        stays in 职务, and the row is an error asking (`parse`)."""
        headers = sheet.headers
        post = headers.index(POST)
        columns = [headers.index(c) for c in (LEADERS, MEMBERS, HOSTS) if c in headers]
        read = []
        for _number, row in sheet.rows:
            title = cells.clean_text(row[post])
            if not title:
                continue
            filled = [c for c in columns if not cells.is_blank(row[c])]
            visiting = [c for c in filled if headers[c] != HOSTS]
            targets = visiting or filled
            if len(targets) != 1:
                continue
            items = cells.split_people(row[targets[0]])
            if len(items) != 1 or "（" in items[0] or "(" in items[0]:
                continue
            row[targets[0]] = cells.format_person(items[0], title)
            row[post] = None
            read.append(row[targets[0]])
        if not read:
            return []
        return [f"列“{POST}”按同一行所写人员的职务读入（如 {read[0]}），共 {len(read)} 人。"]

    @staticmethod
    def _one_row_per_trip(sheet, read, repeated_titles=False):
        """The rows of one trip (a row per person): its 标题 merged over them, or 序号 2-1, 2-2 …
        of one number, or — in a register of a person in columns of their own
        (`repeated_titles`) — written again on each next row. They are read as the first of them,
        with every row's people; a trip's other cells the ledger reads (`read`) must agree (blank
        or the same), else the rows stay apart and say why (rows of a repeated 标题 part where any
        such cell differs). A column it does not read (备注 of each person) is the first row's."""
        headers = sheet.headers
        groups = []
        if "标题" in headers:
            title = headers.index("标题")
            groups += [
                (first, last, "“标题”合并在这几行上") for column, first, last in sheet.merged_spans if column == title
            ]
        if "序号" in headers:
            serial = headers.index("序号")
            run = []
            for number, row in [*sheet.rows, (None, None)]:
                found = _SUB_NUMBER.match(cells.clean_text(row[serial])) if row is not None else None
                if run and (found is None or found.group(1) != run[0][1] or number != run[-1][0] + 1):
                    if len(run) > 1:
                        groups.append((run[0][0], run[-1][0], f"序号 {run[0][2]} 至 {run[-1][2]}"))
                    run = []
                if found is not None:
                    run.append((number, found.group(1), found.group(0)))
        groups += TripLedger._continued_rows(sheet, read)
        if repeated_titles and "标题" in headers:
            title = headers.index("标题")
            checked = [i for i, header in enumerate(headers) if header in read and header not in CONTINUED_COLUMNS]
            run, values = [], {}
            for number, row in [*sheet.rows, (None, None)]:
                text = cells.clean_text(row[title]) if row is not None else ""
                agrees = row is not None and all(
                    cells.is_blank(row[i]) or values.get(i, row[i]) == row[i] for i in checked
                )
                if run and (not text or text != run[0][1] or number != run[-1][0] + 1 or not agrees):
                    if len(run) > 1:
                        groups.append((run[0][0], run[-1][0], "相邻各行写着同一“标题”，每行一人"))
                    run, values = [], {}
                if text:
                    run.append((number, text))
                    values.update({i: row[i] for i in checked if not cells.is_blank(row[i]) and i not in values})
        if not groups:
            return []
        notes = []
        people = {LEADERS, MEMBERS, HOSTS, POST}
        lists = {"考察点", "相关项目", "协作领域"}
        position = {number: index for index, (number, _row) in enumerate(sheet.rows)}
        gone = set()
        for first, last, why in sorted(set(groups)):
            members = [n for n in range(first, last + 1) if n in position and n not in gone]
            if len(members) < 2 or members[0] != first:
                continue
            rows = [sheet.rows[position[n]][1] for n in members]
            combined, differing = [], []
            for index, header in enumerate(headers):
                values = list(
                    dict.fromkeys(
                        cells.clean_text(row[index], multiline=True) if isinstance(row[index], str) else row[index]
                        for row in rows
                        if not cells.is_blank(row[index])
                    )
                )
                if header in people:
                    combined.append("；".join(map(str, values)) or None)
                elif header in lists:
                    combined.append("\n".join(map(str, values)) or None)
                elif len(values) > 1 and header in read:
                    differing.append(header)
                    combined.append(None)
                else:
                    combined.append(values[0] if values else None)
            shown = f"第 {first}—{members[-1]} 行"
            if differing:
                names = "、".join(f"“{h}”" for h in differing)
                notes.append(f"{shown}像是同一次考察活动（{why}），但{names}不同：各按一条记录读入。")
                continue
            sheet.rows[position[first]] = (first, combined)
            gone.update(members[1:])
            notes.append(f"{shown}是同一次考察活动（{why}），按一条记录读入，各行的人员合在一起。")
        if gone:
            sheet.rows = [(number, row) for number, row in sheet.rows if number not in gone]
        return notes

    @staticmethod
    def _continued_rows(sheet, read):
        """[(first, last, why)] for each trip row followed by rows that carry on its lists and
        nothing else — its people, stops, projects, topics, with every other cell the ledger
        reads (标题, 日期, 出发地 …) and 序号 empty: what did not fit on the trip's row, written
        on the rows under it (one stop a row, two people a row). A row that holds anything else
        is a row of its own (without a 标题, an error that says so)."""
        headers = sheet.headers
        if "标题" not in headers:
            return []
        carried = [i for i, header in enumerate(headers) if header in CONTINUED_COLUMNS]
        others = [
            i for i, header in enumerate(headers)
            if header and header not in CONTINUED_COLUMNS and (header in read or header == "序号")
        ]
        title = headers.index("标题")
        if all(row[title] and not str(row[title]).isspace() for _number, row in sheet.rows):
            return []  # every row has its 标题: none carries another on
        groups, start, last = [], None, None
        for number, row in [*sheet.rows, (None, None)]:
            continues = (
                row is not None
                and start is not None
                and number == last + 1
                and all(cells.is_blank(row[i]) for i in others)
                and any(not cells.is_blank(row[i]) for i in carried)
            )
            if continues:
                last = number
                continue
            if start is not None and last > start:
                rows = f"第 {start + 1} 行" if last == start + 1 else f"第 {start + 1}—{last} 行"
                groups.append((start, last, f"{rows}只写了人员或考察点，续写上一行"))
            start = last = number if row is not None and not cells.is_blank(row[title]) else None
        return groups

    @staticmethod
    def _one_ended(sheet):
        """The end of the trips a sheet has no column for, when it has one for the other: 目的地,
        出发地, or None."""
        headers = set(sheet.headers)
        has_origin = "出发地" in headers or VISITING_BODY in headers
        has_destination = "目的地" in headers
        if has_origin == has_destination:
            return None
        return "出发地" if has_destination else "目的地"

    # Matching what exists -------------------------------------------------------------------

    def match(self, plans):
        """Find each row's existing trip: one row a trip, the trips earlier parts of the sheet
        took included (`import_rows`); a trip an earlier part wrote is never an existing one."""
        claimed = {} if self.claimed is None else self.claimed
        created = self.created
        codes = {p.code for p in plans if p.code}
        urls = {p.url for p in plans if p.url}
        titles = {p.title for p in plans if p.title}
        found = {}
        base = Delegation.objects.all()
        if created:
            # Only the trips before this sheet's: its own have the ids after (a sequence's), and
            # a part would otherwise read all the earlier parts' trips again.
            base = base.filter(pk__lt=min(created))
        for values, lookup in ((codes, "code__in"), (urls, "source__url__in"), (titles, "title__in")):
            for chunk in lookup_chunks(values):
                for delegation in base.filter(**{lookup: chunk}):
                    found[delegation.pk] = delegation
        # Their sources apart, by id: joined into the queries above, PostgreSQL hashed the whole
        # source table for each (over 100 ms a query once a sheet's first parts were written).
        sources = {}
        for chunk in chunks({d.source_id for d in found.values() if d.source_id}):
            sources.update(Source.objects.in_bulk(chunk))
        for delegation in found.values():
            if delegation.source_id:
                Delegation.source.field.set_cached_value(delegation, sources[delegation.source_id])
        by_code, by_url, by_title = {}, defaultdict(list), defaultdict(list)
        for delegation in found.values():
            if delegation.code:
                by_code[delegation.code] = delegation
            if delegation.source_id and delegation.source.url:
                by_url[delegation.source.url].append(delegation)
            by_title[(delegation.title, delegation.start_date)].append(delegation)
        for plan in plans:
            if plan.reader.problems:
                continue
            delegation = by_code.get(plan.code) if plan.code else None
            if delegation is None and plan.url:
                candidates = [d for d in by_url[plan.url] if not plan.code or not d.code]
                if len(candidates) > 1:
                    # One report of several trips: each is its own by 标题 and 开始日期.
                    same = [d for d in candidates if (d.title, d.start_date) == (plan.title, plan.start)]
                    candidates = same if len(same) == 1 else candidates
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
            for name, target in (
                ("destinations", "region_id"),
                ("topics", "topic_id"),
                ("pairings", "pairing_id"),
                ("related_projects", "project_id"),
            ):
                through = getattr(Delegation, name).through
                links = getattr(state, name)
                for delegation_id, target_id in through.objects.filter(delegation_id__in=chunk).values_list(
                    "delegation_id", target
                ):
                    links[delegation_id].add(target_id)
        return state

    # Importing -----------------------------------------------------------------------------

    def run(self, sheet, context):
        result = super().run(sheet, context)
        self.keep_serials(sheet, result, context)
        return result

    @staticmethod
    def keep_serials(sheet, result, context):
        """Each trip's 序号 (a column no ledger reads) kept for a speeches sheet of the same
        workbook, whose 活动序号 names the trip by it (`SpeechLedger.trips_by_serial`); the trips
        of rows 2-1, 2-2 … by their number (2) too."""
        if "序号" not in sheet.headers:
            return
        position = sheet.headers.index("序号")
        serials = context.memo.setdefault(TRIP_SERIALS, {})
        sheets = context.memo.setdefault(TRIP_SERIAL_SHEETS, [])
        sheets.append(sheet.name)
        row_serial = {number: cells.serial_text(row[position]) for number, row in sheet.rows}
        for outcome in result.outcomes:
            serial = row_serial.get(outcome.number)
            if not serial:
                continue
            trip = outcome.obj if outcome.status != ERROR else None
            entry = (trip, sheet.name, outcome.number)
            serials.setdefault(serial, []).append(entry)
            if (found := _SUB_NUMBER.match(serial)) is not None and found.group(1) != serial:
                serials.setdefault(found.group(1), []).append(entry)

    def import_rows(self, readers, context, result):
        """Read, check, match, plan and write the rows a part (`WRITE_EVERY`) at a time.

        On PostgreSQL the server writes one part (bulk.copies_alongside) while the client reads
        and plans the next: a part's lookups run before the part before it is handed to the
        writer, so they wait only for the COPYs of the part before that, which the server has
        had the planning of a whole part to finish. They read only what the database held before
        the sheet, or what the earlier parts made and the context holds in memory, so the order
        changes nothing read. What spans the parts is kept as if the sheet were read at once: a
        key repeated anywhere is found first, in every row (`repeated_keys`); an existing trip is
        claimed by one row only; a trip, person or printed title this sheet wrote in an earlier
        part is never taken for one the database held before.
        """
        repeats = self.repeated_keys(readers)
        projects = ProjectRefs(context)
        self.claimed, self.created, passed = {}, set(), set()
        people_before = set(context.people.created)
        total, counts, every = len(readers), {"parsed": 0, "planned": 0}, []

        def progress(step, count):
            if count % PROGRESS_EVERY == 0 and count < total:
                context.progress(f"{self.ledger_name}：{step} {count}/{total} 行",
                                 done=(counts["parsed"] + counts["planned"]) // 2, total=total)

        def read(start, end):
            """A part's rows read and checked, and everything they name looked up."""
            plans = []
            for reader in readers[start:end]:
                plans.append(self.parse(reader, context))
                for message in repeats.get(reader.number, ()):
                    reader.problem("", message)
                counts["parsed"] += 1
                progress("检查", counts["parsed"])
            self.match(plans)
            matched = [p.delegation for p in plans if p.delegation is not None]
            state = self.load_state(matched)
            context.people.load(
                (entry.name for p in plans for entry in p.people), (entry.ref for p in plans for entry in p.people)
            )
            pass_printed_titles(context, places=True, passed=passed, but=context.people.created - people_before)
            context.sources.load(p.url for p in plans)
            projects.load(
                (ref for p in plans for ref in p.project_refs),
                [pk for ids in (*state.site_projects.values(), *state.related_projects.values()) for pk in ids],
            )
            return plans, state

        def write(writes):
            # On PostgreSQL the server writes these rows while the next ones are read and planned.
            self.write(writes, projects, context)
            self.created.update(d.pk for d in writes.new_trips)
            # The batch's record of them too, beside the next part rather than after the last.
            context.writer.flush()

        unwritten = None
        for start, end in part_bounds(total):
            plans, state = read(start, end)
            if unwritten is not None:
                write(unwritten)
            if start == 0:
                context.progress(f"{self.ledger_name}：比对 {total} 行")
            writes = TripWrites()
            for plan in plans:
                plan.outcome = self.plan_row(plan, state, projects, context, writes)
                result.outcomes.append(plan.outcome)
                counts["planned"] += 1
                progress("比对", counts["planned"])
            unwritten = writes
            every += plans
        if unwritten is not None:
            context.progress(f"{self.ledger_name}：写入")
            write(unwritten)
        for plan in every:
            if plan.reader.problems and plan.outcome.status != ERROR:
                # A later part's row claimed the same trip: this row is an error too (the file is
                # then written not at all, the parts before included).
                plan.outcome.status, plan.outcome.problems, plan.outcome.changes = ERROR, plan.reader.problems, []
            elif plan.outcome.status in (NEW, UPDATED, UNCHANGED):
                plan.outcome.obj = plan.delegation

    def repeated_keys(self, readers):
        """Row number → the errors of a key (编号, else 链接, else 标题 with 开始日期) that another
        row of the sheet has too, both rows naming each other: read from the cells as `parse`
        reads them, before any row is, so that a part knows of a repeat in a later part."""
        entries = []
        for reader in readers:
            scratch = RowReader(reader.number, reader.values, reader.sheet, reader.year, reader.year_source)
            plan = TripPlan(reader=scratch)
            plan.code = scratch.text("编号", 60) or ""
            plan.title = scratch.text("标题", 300, required=True)
            plan.url = scratch.url("链接")
            plan.start = scratch.date_span("开始日期")[0]
            if plan.title:
                key = plan.key
                ends = (
                    (*("".join(cells.clean_text(scratch.raw(column)).split()) for column in ("出发地", "目的地")),
                     plan.start)
                    if key[0] == "链接"
                    else ()
                )
                entries.append((scratch, key, (plan.title, plan.start), ends))
        # One report may tell of several trips — to different places (a district's two teams, one to
        # each banner), or between the same two on different days (a school's visit on 5月7日, another
        # school's on 5月17日): rows sharing a 链接, each with ends (出发地, 目的地) or a 开始日期 of its
        # own, are those trips, each by its 标题 and 开始日期. Rows of one link, the same ends and the
        # same day are one trip written twice (a title changed), as before: the importer decides.
        by_link = defaultdict(list)
        for _scratch, key, _trip, ends in entries:
            if key[0] == "链接":
                by_link[key[1]].append(ends)
        several = {link for link, ends in by_link.items() if len(ends) > 1 and len(set(ends)) == len(ends)}
        entries = [
            (scratch, ("标题", *trip) if key[0] == "链接" and key[1] in several else key)
            for scratch, key, trip, _ends in entries
        ]
        return {scratch.number: found for scratch, found in repeated_key_messages(entries, describe_key).items()}

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
                {
                    name: getattr(state, name)[delegation.pk]
                    for name in ("destinations", "topics", "pairings", "related_projects")
                },
            )
        )
        changes = []
        scalar = self.scalar_changes(plan, delegation)
        changes += sorted({TRIP_FIELDS[f] for f in scalar}, key=TRIP_FIELD_ORDER.__getitem__)
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
        trip_projects = parts[2] if is_new else sites["trip_projects"]
        current = state.related_projects[delegation.pk] if not is_new else set()
        adds = [p for p in trip_projects if p.pk is None or p.pk not in current]
        kept = {p.pk for p in trip_projects if p.pk is not None}
        removes = [LinkRef(pk) for pk in current if pk not in kept]
        links["related_projects"] = ("相关项目", adds, removes)
        if not is_new and (adds or removes) and "相关项目" not in changes:
            changes.append("相关项目")
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
            people_rows, stop_rows, _trip_projects = parts
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
            if source.title == source.url:  # named by a project's 链接 only: the report's title is this
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
        elif source.pk is not None and (
            (source.publisher, source.published_on) != (plan.publisher, plan.published_on) or source.title == source.url
        ):
            if source.pk not in writes.changed_sources:
                writes.changed_sources[source.pk] = (source, snapshot(source))
            source.publisher, source.published_on = plan.publisher, plan.published_on
            if source.title == source.url:
                source.title = plan.title
        elif source.pk is None and source.title == source.url:
            source.title = plan.title
        delegation.source = source

    def link_changes(self, plan, delegation, state, context):
        """Destinations and topics as the row says; a new trip's pairings from where it went."""
        result = {}
        for name, label, desired in (
            ("destinations", "目的地", plan.destinations),
            ("topics", "协作领域", plan.topics),
        ):
            if delegation.pk is None:  # a new trip: every link is to be added
                result[name] = (label, list(desired), [])
                continue
            current = getattr(state, name)[delegation.pk]
            adds = [t for t in desired if t.pk is None or t.pk not in current]
            wanted = {t.pk for t in desired if t.pk is not None}
            removes = [LinkRef(pk) for pk in current if pk not in wanted]
            result[name] = (label, adds, removes)
        # Pairings are derived once, for a new trip, from origin and destinations; afterwards
        # they are the staff's to keep (a pairing made later is not forced onto old trips).
        pairings = []
        if delegation.pk is not None:
            result["pairings"] = ("结对关系", pairings, [])
            return result
        notes = context.memo.setdefault("pairing notes", {})  # many trips go between the same places
        for destination in plan.destinations:
            pairing = context.pairings.between(plan.origin, destination)
            if pairing is not None and pairing.pk is not None and pairing not in pairings:
                pairings.append(pairing)
                key = (id(pairing), id(plan.origin), id(destination))
                text = notes.get(key)
                if text is None:
                    text = notes[key] = (
                        f"{pairing.support_region.display_name}—{pairing.recipient_region.display_name}"
                        f"（由出发地“{plan.origin.display_name}”与目的地“{destination.display_name}”推断）"
                    )
                context.note_review("推断的结对关系", text, plan.reader, self.ledger_name)
        result["pairings"] = ("结对关系", pairings, [])
        return result

    def resolve_person(self, entry, plan, context):
        regions = [plan.origin] if entry.side == ParticipantSide.VISITING and plan.origin else plan.destinations
        try:
            return context.people.resolve(
                entry.name, entry.title, regions, entry.ref, reader=plan.reader, ledger=self.ledger_name
            )
        except NameProblem as exc:
            raise NameProblem(entry.column, cells.format_person(entry.name, entry.title), str(exc)) from None

    def new_parts(self, plan, projects, context):
        """A new trip's participants and stops, as value rows (see `write`).

        People: (person, name, title, side, role, order). Stops: (order, place, description,
        region, body, projects).
        """
        people = []
        for order, entry in enumerate(plan.people, start=1):
            person = self.resolve_person(entry, plan, context)
            people.append((person, entry.name, entry.title, entry.side, entry.role, order))
        sites = list(plan.sites)
        wanted = [[] for _site in sites]
        trip_projects = []
        for project in self.resolve_projects(plan, projects, set()):
            target = self.stop_naming(project, sites)
            if target is None:
                trip_projects.append(project)
            else:
                wanted[target].append(project)
        stops = []
        for order, ((place, description), inspected) in enumerate(zip(sites, wanted, strict=True), start=1):
            region, organization = self.stop_place(
                place, context, inspected, plan.destinations, plan.site_regions.get(place)
            )
            stops.append((order, place, description, region, organization, inspected))
        return people, stops, trip_projects

    @staticmethod
    def resolve_projects(plan, projects, linked):
        resolved = []
        for ref in plan.project_refs:
            try:
                project = projects.resolve(ref, linked, plan)
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
            for i, entry in enumerate(plan.people):
                name, title = entry.name, entry.title
                if matched[i] is not None or (not strict and not name):
                    continue
                for participant in existing:
                    if participant.pk in used or people_column(participant) != entry.column:
                        continue
                    if participant.side != entry.side:
                        continue
                    if participant.name_as_printed == name and (not strict or participant.title_as_printed == title):
                        matched[i] = participant
                        used.add(participant.pk)
                        break
        new, changed = [], []
        for i, entry in enumerate(plan.people):
            participant = matched[i]
            if participant is None:
                person = self.resolve_person(entry, plan, context)
                new.append(
                    (
                        i,
                        bulk.build(
                            Participant,
                            person=person,
                            name_as_printed=entry.name,
                            title_as_printed=entry.title,
                            side=entry.side,
                            role=entry.role,
                        ),
                    )
                )
            elif participant.title_as_printed != entry.title:
                changed.append((participant, {"title_as_printed": entry.title}))
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
        linked |= state.related_projects[delegation.pk]
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
        trip_projects = []
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
                # 相关项目 never makes a stop: a project no listed stop names belongs to the trip.
                trip_projects.append(project)
                continue
            wanted[target].append(project)
        new, updates, link_adds, link_removes = [], [], [], []
        labels = set()
        for i, (place, description) in enumerate(sites):
            site = matched[i]
            if site is None:
                region, organization = self.stop_place(
                    place, context, wanted[i], plan.destinations, plan.site_regions.get(place)
                )
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
            "trip_projects": trip_projects,
        }

    @staticmethod
    def _sites_with_their_region(reader, plan, context):
        """考察点 as written, a place's region in brackets after it (…批发市场集团有限公司（顺义区）)
        taken off its name and kept as where the stop lies, with a warning. Brackets that name
        no region, or several, stay part of the name."""
        sites = []
        for place, description in reader.sites("考察点"):
            found = _PLACE_REGION.match(place)
            if found:
                regions = context.regions.index.candidates("".join(found.group(2).split()))
                if len(regions) == 1:
                    place = found.group(1).strip()
                    plan.site_regions[place] = regions[0]
                    reader.warn(
                        "考察点",
                        f"“{found.group(0)}”括号里的“{found.group(2)}”是考察点所在地区：读作考察点“{place}”，"
                        f"位于{regions[0].display_name}",
                        value=found.group(0),
                    )
            sites.append((place, description))
        return sites

    @staticmethod
    def stop_place(place, context, projects, destinations=(), written=None):
        """A new stop's region and body: inside the trip's destinations first.

        A destination, or a township or village under one, named anywhere in the place wins
        (密云区第二中学库伦旗分校 on a trip to 库伦旗 is in 库伦旗); one name under two
        destinations (星耀镇) is a question for the importer, never a guess. Else the region
        the place begins with (正镶白旗人才公寓), or the one destination under it (乌兰察布延彩… on
        a trip to 察右前旗 is in 察右前旗) — unless that lies on the other side from every
        destination (库伦旗特色文化美食密云体验馆 on a trip to 密云区 is in 密云区). Else a stop at
        one project lies where the project does, a stop of a trip to one place is there, and one
        of a trip to a city and a banner of it (乌兰察布市、察右前旗) in the city. Set once, when the
        stop is made: staff may correct them.
        """
        if written is not None:  # 考察点 wrote it in brackets after the place
            index = context.regions.index
            within = [d for d in destinations if id(written) in index.ancestors(d)]
            if len(within) == 1:  # （内蒙古） on a trip to 库伦旗: the destination it contains
                written = within[0]
            bodies = context.memo.setdefault("bodies of places", {})
            if place not in bodies:
                bodies[place] = context.organizations.prefix_of(place)
            return written, bodies[place]
        key = (place, tuple(id(d) for d in destinations))
        known = context.memo.setdefault("places", {})
        if key not in known:
            index = context.regions.index
            region = _within_destinations(place, destinations, context)
            if region is None:
                region = index.resolve(place) or index.split_known_prefix(place)[0]
                if region is not None and destinations:
                    within = [d for d in destinations if id(region) in index.ancestors(d)]
                    if len(within) == 1:  # 乌兰察布延彩… on a trip to 察右前旗: the city's banner
                        region = within[0]
                    elif all(d.side != region.side for d in destinations):
                        region = destinations[0] if len(destinations) == 1 else None
            bodies = context.memo.setdefault("bodies of places", {})
            if place not in bodies:
                bodies[place] = context.organizations.prefix_of(place)
            known[key] = (region, bodies[place])
        region, organization = known[key]
        if region is None and len(projects) == 1 and projects[0].region_id:
            region = context.regions.index.regions.get(projects[0].region_id)
        if region is None and len(destinations) == 1:
            region = destinations[0]  # a trip to one place: a stop that names none is there
        if region is None and len(destinations) > 1:
            # A trip to a city and a banner of it (乌兰察布市、察右前旗): a stop that names no place
            # is in the city, which holds every destination; two banners side by side hold none.
            index = context.regions.index
            holding = [d for d in destinations if all(id(d) in index.ancestors(other) for other in destinations)]
            region = holding[0] if len(holding) == 1 else None
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
        # The new stops' ids before the trips are queued (bulk.reserve_ids).
        stop_ids = bulk.reserve_ids(SiteVisit, len(writes.new_stop_rows))
        writer.create(Delegation, writes.new_trips)
        if writes.changed_sources:
            sources = [source for source, _before in writes.changed_sources.values()]
            befores = {pk: before for pk, (_source, before) in writes.changed_sources.items()}
            writer.update(Source, sources, ["title", "publisher", "published_on"], before=befores)
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
            ids=stop_ids or True,
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

    def export_records(self, queryset, public=False):
        index = RegionIndex.load()
        visible_projects = set(Project.objects.published().values_list("pk", flat=True)) if public else None
        queryset = queryset.select_related("source").prefetch_related(
            "destinations", "topics", "participants", "site_visits__projects", "related_projects"
        )
        for delegation in queryset.iterator(chunk_size=500):
            yield delegation, self.export_row(delegation, index, visible_projects)

    @staticmethod
    def format_attendees(participants, delegation, destinations, index):
        """出席人员 as written: a marker (来访方：/接待方：) where the import would guess another side."""
        origin = index.regions.get(delegation.origin_id) if delegation.origin_id else None
        places = [index.regions.get(r.pk, r) for r in destinations]
        guessed = [person_side(HOSTS, "", p.title_as_printed, origin, places, index)[0] for p in participants]
        if all(guess == p.side for guess, p in zip(guessed, participants, strict=True)):
            return format_people(participants)
        items, side = [], None
        for participant, text in zip(participants, format_people(participants), strict=True):
            if participant.side != side:
                side = participant.side
                text = f"{SIDE_MARKER_WORDS[side]}：{text}"
            items.append(text)
        return items

    def export_row(self, delegation, index, visible_projects=None):
        participants = sorted(delegation.participants.all(), key=lambda p: (p.order, p.pk))
        destinations = sorted(delegation.destinations.all(), key=lambda r: (r.code or "", r.full_name))
        people = {column: [] for column in PEOPLE_COLUMNS}
        for participant in participants:
            people[people_column(participant)].append(participant)
        sites = sorted(delegation.site_visits.all(), key=lambda s: (s.order, s.pk))
        projects = []
        inspected = [project for site in sites for project in sorted(site.projects.all(), key=lambda p: p.pk)]
        related = sorted(delegation.related_projects.all(), key=lambda p: p.pk)
        for project in inspected + related:
            if visible_projects is not None and project.pk not in visible_projects:
                continue
            reference = project.code or project.name
            if reference not in projects:
                projects.append(reference)
        source = delegation.source
        return [
            delegation.code or "",
            delegation.title,
            delegation.get_kind_display(),
            export_date(delegation.start_date, delegation.date_precision),
            export_date(delegation.end_date, delegation.date_precision),
            delegation.name,
            "；".join(format_people(people[LEADERS])),
            "；".join(format_people(people[MEMBERS])),
            region_text(index, delegation.origin_id and index.regions.get(delegation.origin_id)),
            "、".join(region_text(index, r) for r in destinations),
            "；\n".join(cells.format_site(s.place, s.description) for s in sites),
            "；".join(self.format_attendees(people[HOSTS], delegation, destinations, index)),
            "、".join(t.name for t in sorted(delegation.topics.all(), key=lambda t: (t.order, t.name))),
            "；".join(projects),
            source.publisher if source else "",
            source.url if source else "",
            export_date(source.published_on, DatePrecision.DAY) if source else "",
            delegation.summary,
            delegation.body,
        ]


def _leading_place(text, index):
    """The place a body's name begins with, as written: the region (北京市通州区), with the
    township after it when one follows (北京市通州区台湖镇); None when it begins with none."""
    if index.resolve(text) is not None:
        return text
    region, rest = index.split_known_prefix(text)
    if region is None:
        return None
    place = text[: len(text) - len(rest)]
    for ending in TOWNSHIP_ENDINGS:
        position = rest.find(ending, 2)  # a township's own name has two characters or more
        if position > 0 and not any(end in rest[:position] for end in TOWNSHIP_ENDINGS + VILLAGE_ENDINGS):
            return place + rest[: position + len(ending)]
    return place


def _within_destinations(place, destinations, context):
    """The deepest region at or under a destination that the place names, or None.

    Raises NameProblem when one name lies under two destinations and the place does not say
    which (星耀镇 on a trip to two banners that both have one).
    """
    if not destinations:
        return None
    found = []
    memo = context.memo.setdefault("names in places", {})
    size = len(context.regions.index.regions)
    for destination in destinations:
        # A place recurs with other destinations beside this one: what it names under each is
        # looked for once.
        key = (place, id(destination), size)
        entries = memo.get(key)
        if entries is None:
            names = _subtree_names(destination, context)
            said = any(name in place for depth, name, _region in names if depth == 0)
            entries = memo[key] = [
                (depth, name, region, destination, said) for depth, name, region in names if name in place
            ]
        found += entries
    # A name inside a longer one found too is not meant (克旗 in 鄂温克旗).
    names = {entry[1] for entry in found}
    found = [entry for entry in found if not any(entry[1] != other and entry[1] in other for other in names)]
    if not found:
        return None
    deepest = max(depth for depth, *_rest in found)
    best = [entry for entry in found if entry[0] == deepest]
    if len({id(entry[2]) for entry in best}) > 1:
        said = [entry for entry in best if entry[4]]
        if len({id(entry[2]) for entry in said}) == 1:
            return said[0][2]
        where = "、".join(dict.fromkeys(entry[3].display_name for entry in best))
        raise NameProblem(
            "考察点",
            place,
            f"“{best[0][1]}”在{where}都有；请在地点前写明旗县区，如 {best[0][3].display_name}{best[0][1]}",
        )
    return best[0][2]


def _subtree_names(destination, context):
    """(depth, name, region) for the destination and every region under it: the names to look for."""
    index = context.regions.index
    memo = context.memo.setdefault("subtree names", {})
    key = (id(destination), len(index.regions))
    names = memo.get(key)
    if names is None:
        tree = defaultdict(list)
        for region in index.regions.values():
            tree[region.parent_id].append(region)
        names = []
        queue = [(destination, 0)]
        while queue:
            region, depth = queue.pop()
            for name in {region.name, region.short_name, *region.alias_list()}:
                if name:
                    names.append((depth, name, region))
            if region.pk is not None:
                queue += [(child, depth + 1) for child in tree.get(region.pk, ())]
        memo[key] = names
    return names
