"""The 会议发言 ledger: a speech per row, its meeting found or made on the way.

A speech row adds to or corrects one speech; speeches missing from the file are left alone.
A meeting keeps what the ledger does not say: its order, region, chair and summary.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from cooperation.dates import DatePrecision
from cooperation.ledgers import bulk, cells
from cooperation.ledgers.context import NameProblem, apply_status, chunks, snapshot
from cooperation.ledgers.resources import (
    ERROR,
    NEW,
    PUBLISHED_ONLY_MESSAGE,
    UNCHANGED,
    UPDATED,
    LedgerResource,
    RowOutcome,
    editor_may_change,
    export_date,
)
from review.models import Status
from visits.ledgers.common import (
    SPEECH_HEADERS,
    SPEECH_KIND_WORDS,
    SPEECH_SYNONYMS,
    TRIP_SERIAL_SHEETS,
    TRIP_SERIALS,
    pass_printed_titles,
    trip_reference,
)
from visits.models import Delegation, Meeting, MeetingKind, Participant, Speech, SpeechKind

PERSON_REF = "人物标识"
# The trip a speech belongs to by the trip's 序号 on the trips sheet of the same workbook.
TRIP_SERIAL = "活动序号"
TRIP_SERIAL_SYNONYMS = ("考察活动序号", "对接活动序号", "所属活动序号")
# A meeting named by its date and place (2016年8月16日 巴彦淖尔市医院): after the date, a name that
# ends in what a meeting is (…座谈会, …签约仪式) is no place; a body's name ending in 会 is.
_MEETING_END = re.compile(r"(?:会议?|仪式|典礼|论坛|活动)$")
_BODY_END = re.compile(r"(?:委员|协|商|联合|学|基金|研究|工|促进|红十字)会$")
# Some offices split a speaker's title into 单位 and 职务 (西城区委 | 书记): read as one title.
UNIT = "单位"


@dataclass
class SpeechPlan:
    reader: object
    trip_ref: str = ""
    trip_serial: str = ""  # 活动序号: the trip's 序号 on the trips sheet of the same workbook
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
    person_ref: str = ""  # 人物标识: ID or slug of the speaker, or 新


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
    extra_headers = (PERSON_REF, UNIT, TRIP_SERIAL)
    unproposed_headers = (TRIP_SERIAL,)
    required_headers = ("会议",)
    header_synonyms = {**SPEECH_SYNONYMS, **dict.fromkeys(TRIP_SERIAL_SYNONYMS, TRIP_SERIAL)}
    choice_headers = ("会议类型", "发言类型")
    record_model = Speech

    def publishable_models(self):
        return (Meeting,)

    def admin_models(self):
        return (Meeting, Speech)

    @staticmethod
    def _title(reader):
        """职务, after 单位 when the office keeps them apart (西城区委 + 书记 → 西城区委书记)."""
        title = reader.text("职务", 200)
        unit = cells.clean_text(reader.raw(UNIT))
        joined = cells.joined_title(unit, title)
        if joined == title:
            return title
        if len(joined) > 200:
            reader.problem(UNIT, "单位与职务合起来最长 200 字")
            return title
        reader.warn(UNIT, f"单位与职务合为一个职务：“{joined}”")
        return joined

    @staticmethod
    def _kind(reader):
        """发言类型 as its label, or as a word offices write for it (致辞 → 讲话), with a warning."""
        written = cells.clean_text(reader.raw("发言类型"))
        label = SPEECH_KIND_WORDS.get(written)
        if label is None:
            return reader.choice("发言类型", SpeechKind, SpeechKind.SPEECH)
        reader.warn("发言类型", f"“{written}”按“{label}”读入")
        return cells.parse_choice(label, SpeechKind)

    def parse(self, reader):
        plan = SpeechPlan(reader=reader)
        plan.trip_ref = reader.text("活动编号", 500)
        plan.trip_serial = reader.text(TRIP_SERIAL, 60)
        plan.meeting_title = reader.text("会议", 200, required=True)
        plan.meeting_kind = reader.choice("会议类型", MeetingKind, "")
        date, precision = reader.date("会议日期")
        plan.meeting_date, plan.meeting_precision = date, precision or DatePrecision.DAY
        plan.meeting_place = reader.text("会议地点", 200)
        rank = reader.integer("顺序", minimum=1, maximum=30000)
        plan.rank, plan.rank_given = rank or 0, rank is not None
        speaker = cells.clean_text(reader.raw("发言人"))
        title = self._title(reader)
        if speaker:
            try:
                name, written_title = cells.parse_person(speaker)
                if cells.person_doubt(speaker):
                    reader.doubt("发言人", cells.person_doubt(speaker))
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
        plan.kind = self._kind(reader)
        ref = cells.clean_text(reader.raw(PERSON_REF))
        if "=" in ref or "＝" in ref:
            ref = ref.replace("＝", "=").partition("=")[2].strip()
        plan.person_ref = ref
        plan.points = reader.text("要点", multiline=True)
        return plan

    @staticmethod
    def trips_by_serial(plans, context):
        """活动序号: the trip of that 序号 on a trips sheet of the same workbook (`TripLedger`
        keeps them as it imports, both in the dry run and the import), shown in the row's
        warning by sheet and row. A 序号 that sheet lacks is the row's error; without a trips
        sheet with 序号 in the file the column cannot be read: a warning, the meeting of no trip."""
        serials = context.memo.get(TRIP_SERIALS)
        for plan in plans:
            if not plan.trip_serial or plan.trip_ref:
                continue
            reader = plan.reader
            if serials is None:
                reader.warn(
                    TRIP_SERIAL,
                    "活动序号是考察活动表的序号，须与写着这些序号的考察活动表在同一工作簿中导入才能读出；"
                    "这一行的会议没有关联考察活动（也可在“活动编号”写考察活动的编号、链接或标题）",
                )
                continue
            found = serials.get(cells.serial_text(plan.trip_serial))
            if not found:
                sheets = "、".join(dict.fromkeys(f"“{sheet}”" for sheet in context.memo.get(TRIP_SERIAL_SHEETS, ())))
                reader.problem(TRIP_SERIAL, f"考察活动表（工作表{sheets}）的“序号”列没有“{plan.trip_serial}”")
                continue
            if len(found) > 1:
                rows = "、".join(f"工作表“{sheet}”第 {row} 行" for _trip, sheet, row in found)
                reader.problem(
                    TRIP_SERIAL, f"{rows}的序号都是“{plan.trip_serial}”；请在“活动编号”写考察活动的编号或标题"
                )
                continue
            [(delegation, sheet, row)] = found
            if delegation is None:
                reader.problem(TRIP_SERIAL, f"序号为“{plan.trip_serial}”的考察活动（工作表“{sheet}”第 {row} 行）有错误")
                continue
            plan.delegation = delegation
            where = f"工作表“{sheet}”第 {row} 行（序号 {plan.trip_serial}）"
            reader.warn(TRIP_SERIAL, f"关联{where}的考察活动“{delegation.title}”")

    def meeting_from_its_name(self, plan, context):
        """A meeting named by its date and place (2016年8月16日 巴彦淖尔市医院), its 会议日期 and
        会议地点 not written: both read from the name, with a warning saying so. The place only
        when it begins with a region of the region table and is no meeting's name (…座谈会)."""
        if plan.meeting_date is not None or plan.meeting_place:
            return
        found = cells.leading_date(plan.meeting_title)
        if found is None:
            return
        day, precision, rest = found
        plan.meeting_date, plan.meeting_precision = day, precision
        read = [f"会议日期 {cells.format_date(day, precision)}"]
        if (
            rest
            and len(rest) <= 200
            and (not _MEETING_END.search(rest) or _BODY_END.search(rest))
            and self.place_region(context, rest) is not None
        ):
            plan.meeting_place = rest
            read.append(f"会议地点“{rest}”")
        plan.reader.warn("会议", f"从会议名称读出{'、'.join(read)}（表中没有写）")

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
        self.trips_by_serial(plans, context)
        for plan in plans:
            self.meeting_from_its_name(plan, context)
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
        self.speakers_on_trips(plans, context)
        context.people.load((p.name for p in plans if p.name), (p.person_ref for p in plans))
        pass_printed_titles(context)
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

    @staticmethod
    def speakers_on_trips(plans, context):
        """A speaker named among the trip's participants is that participant's person."""
        wanted = [(p.delegation.pk, p.name) for p in plans if p.delegation is not None and p.name and not p.person_ref]
        people = defaultdict(set)
        for chunk in chunks(wanted):
            trips, names = {trip for trip, _n in chunk}, {name for _t, name in chunk}
            for trip, name, person in Participant.objects.filter(
                delegation_id__in=trips, name_as_printed__in=names, person__isnull=False
            ).values_list("delegation_id", "name_as_printed", "person_id"):
                people[(trip, name)].add(person)
        for plan in plans:
            found = people.get((plan.delegation.pk, plan.name)) if plan.delegation is not None else None
            if found and len(found) == 1:
                plan.person_ref = str(next(iter(found)))

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
        # Unordered: they are sorted below, and the model's order (by the trip's date) joined
        # every trip to the meetings looked up — the whole trips table for meetings without one.
        for chunk in chunks(trip_ids):
            found += list(Meeting.objects.filter(delegation_id__in=chunk).order_by())
        for chunk in chunks(standalone_titles):
            found += list(Meeting.objects.filter(delegation__isnull=True, title__in=chunk).order_by())
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
                place = context.regions.index.regions.get(meeting.region_id) if meeting.region_id else None
                regions = [place] if place is not None else []
                person = context.people.resolve(
                    plan.name, plan.title, regions, plan.person_ref, reader=plan.reader, ledger=self.ledger_name
                )
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

    def export_records(self, queryset, public=False):
        # Whether a link names one trip is judged among the trips the reader can see: a draft
        # sharing a published trip's link must not change what the public download says.
        trips = Delegation.objects.published() if public else Delegation.objects.all()
        duplicated_urls = set(
            trips.exclude(source__url="")
            .filter(source__isnull=False)
            .values("source__url")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
            .values_list("source__url", flat=True)
        )
        rank = {}
        for speech in queryset.select_related("meeting__delegation__source").iterator(chunk_size=1000):
            yield speech, self.export_row(speech, rank, duplicated_urls)

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
