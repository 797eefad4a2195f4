"""From a published report's text to a draft trip: reading the article, and the one write.

The admin's review screen (`visits.report_import.admin`) shows what the reader found beside
the article; staff correct it; `create_draft_trip` then writes the trip in one transaction
through the 考察活动 and 会议发言 ledgers, so a report is resolved (regions, people, projects,
pairings, topics) exactly as a spreadsheet row is, and is recorded as an import batch that
can be rolled back.
"""

import bisect
import codecs
import dataclasses
import hashlib
import io
import re
import zipfile
from collections import defaultdict
from pathlib import PurePath

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Prefetch

from cooperation.dates import format_partial_date
from cooperation.ledgers import bulk
from cooperation.ledgers.context import ImportContext
from cooperation.ledgers.files import Sheet
from cooperation.ledgers.models import ImportBatch
from cooperation.models import Appointment, Person, Region, RegionLevel, Topic
from cooperation.regions import RegionIndex
from review import publishing
from review.models import Status
from visits.ledgers.common import HOSTS, LEADERS, MEMBERS, SPEECH_HEADERS, TRIP_HEADERS
from visits.ledgers.common import PEOPLE_COLUMNS as LEDGER_SIDES
from visits.ledgers.speeches import SpeechLedger
from visits.ledgers.trips import PersonEntry, TripLedger
from visits.models import Meeting
from visits.report_import import (
    Lexicon,
    ParticipantRole,
    ParticipantSide,
    RegionEntry,
    split_sentences,
    text_from_html,
)
from visits.report_import.normalize import (
    compacted,
    paragraphs_shown,
    reading_forms,
    without_copying,
    without_pinyin_annotation,
)

# A published report runs to a few thousand characters; a text far longer than any report
# is a wrong file (a whole website saved as one page, a book), not something to review.
MAX_CHARS = 50_000
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DOCX_UNPACKED = 60 * 1024 * 1024
MAX_DOCX_XML = 4 * 1024 * 1024
# The encodings a Chinese report's web page is written in (codec name → how the review says it).
HTML_CODECS = {
    "utf-8": "UTF-8", "gb18030": "GB18030", "gbk": "GBK", "gb2312": "GB2312", "big5": "Big5",
    "big5hkscs": "Big5-HKSCS", "utf-16": "UTF-16", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16",
    "ascii": "ASCII", "latin-1": "ISO-8859-1", "iso8859-1": "ISO-8859-1", "cp1252": "Windows-1252",
}
FILE_KINDS = {".txt": "TXT", ".text": "TXT", ".docx": "DOCX", ".html": "HTML", ".htm": "HTML"}
BATCH_LEDGERS = "报道"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)

# The ledger's columns for people, as the review offers them.
PEOPLE_COLUMNS = {LEADERS: "带队领导", MEMBERS: "代表团成员", HOSTS: "出席人员"}
COLUMN_ORDER = list(PEOPLE_COLUMNS)
# The review's meeting number for a speech given outside any meeting.
OUTSIDE_MEETINGS = 0


class ReportRefused(Exception):
    """A file or text that cannot be reviewed; the message says why, in the reviewer's words."""


class DraftRefused(Exception):
    """Confirm found a problem the form could not see; nothing was written."""

    def __init__(self, messages):
        super().__init__("；".join(messages))
        self.messages = messages


# Reading ---------------------------------------------------------------------------------------


def clean_text(text):
    """(the text as the review shows and stores it, pinyin annotations taken out): line ends
    unified, control characters out, and a copy from a mirror that annotates with pinyin
    without what the mirror inserted — which the review tells the reviewer, with the count."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text, annotations = without_pinyin_annotation(_CONTROL.sub("", text))
    return text.strip("\n "), annotations


def check_text(text):
    """(text, pinyin annotations taken out) of a report fit to review; ReportRefused otherwise."""
    text, annotations = clean_text(text)
    if not text.strip(" \u3000\n\t"):
        raise ReportRefused("没有正文：请粘贴报道的文字，或上传 .txt、.docx、.html 文件。")
    if len(text) > MAX_CHARS:
        raise ReportRefused(f"文字过长（共 {len(text)} 字）：一篇报道最多 {MAX_CHARS} 字。请只粘贴一篇报道的正文。")
    return text, annotations


def decode_text(data):
    """UTF-8 (with or without BOM), else GB18030 as Chinese Windows saves text; else refused."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), "UTF-8" if encoding == "utf-8-sig" else "GB18030"
        except UnicodeDecodeError:
            continue
    raise ReportRefused("无法识别文件的编码：请另存为 UTF-8 或 GB18030 编码的文本。")


def read_report_file(name, data):
    """(text, kind, pinyin annotations taken out) of an uploaded report; ReportRefused with the
    reason otherwise."""
    suffix = PurePath(name).suffix.lower()
    kind = FILE_KINDS.get(suffix)
    if kind is None:
        raise ReportRefused("只能上传 .txt、.docx 或 .html 文件。")
    if len(data) > MAX_FILE_BYTES:
        raise ReportRefused(f"文件过大（{len(data) // 1024} KB）：最大 {MAX_FILE_BYTES // 1024 // 1024} MB。")
    if not data:
        raise ReportRefused("文件是空的。")
    if kind == "DOCX":
        text = _docx_text(data)
    elif kind == "HTML":
        text = text_from_html(_decode_html(data)[0])
    else:
        text = decode_text(data)[0]
    text, annotations = check_text(text)
    return text, kind, annotations


def _decode_html(data):
    """(text, encoding) of an HTML report: the charset its meta tag declares, if it is one a web
    page is written in, else UTF-8 or GB18030. Any other codec Python knows (punycode, whose
    decoder takes quadratic time; utf-7; rot13 …) is never asked."""
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii")).name
        except LookupError:
            codec = None
        if codec in HTML_CODECS:
            try:
                return data.decode(codec), HTML_CODECS[codec]
            except UnicodeError:
                pass
    return decode_text(data)


def _docx_text(data):
    import docx  # python-docx; only an upload of a .docx needs it
    import docx.table

    unreadable = "无法读取这个 .docx 文件：它可能已损坏，或并非 Word 文档。"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReportRefused(unreadable) from exc
    # A small file that unpacks into gigabytes is refused before anything parses it. The XML is
    # what costs: python-docx holds it as a tree of about 60 bytes of memory per byte of XML, so a
    # report's few hundred KB are fine and tens of MB are not (40 MB: 21 s of CPU and 860 MB; 4 MB: ~2 s).
    unpacked = sum(member.file_size for member in members)
    xml = sum(member.file_size for member in members if member.filename.endswith((".xml", ".rels")))
    if xml > MAX_DOCX_XML:
        raise ReportRefused(
            f"这个 .docx 文件的文字部分解压后过大（{xml // 1024 // 1024} MB，最多 {MAX_DOCX_XML // 1024 // 1024} MB）；"
            "请另存为 .txt 再上传。"
        )
    if unpacked > MAX_DOCX_UNPACKED:
        raise ReportRefused(f"这个 .docx 文件解压后过大（{unpacked // 1024 // 1024} MB）；请另存为 .txt 再上传。")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises its own errors for parts and XML it cannot read
        raise ReportRefused(unreadable) from exc
    # Paragraphs and tables in the order the document has them: a table of who attended sits where
    # the report puts it, a row a line.
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            lines += ["\t".join(cell.text for cell in row.cells) for row in block.rows]
        else:
            lines.append(block.text)
    return "\n".join(lines)


# What the review shows ---------------------------------------------------------------------------


@dataclasses.dataclass
class Paragraph:
    parts: list  # (sentence start or None, text)


def article(text, marked=()):
    """The article as paragraphs of sentences, each sentence addressable by its start offset and
    said to be unread where the reader left all of it out (a page's own line, a byline); a text
    set in lines of one width is shown a paragraph a line."""
    sentences = split_sentences(paragraphs_shown(text))
    read = read_positions(text)
    paragraphs = defaultdict(list)
    for sentence in sentences:
        shown = without_copying(sentence.text)
        unread = read.isdisjoint(range(sentence.start, sentence.end))
        paragraphs[sentence.paragraph].append((sentence.start, shown, sentence.start in marked, unread))
    return [paragraphs[number] for number in sorted(paragraphs)]


def read_positions(text):
    """The offsets in `text` of the characters the reader reads (not blanked as a byline, a
    caption or the page's own, nor taken out as what copying put in)."""
    compact, offsets = compacted(text)
    reading = reading_forms(compact).reading
    return {offsets[index] if offsets else index for index, char in enumerate(reading) if not char.isspace()}


def sentence_starts(text):
    return [sentence.start for sentence in split_sentences(paragraphs_shown(text))]


def sentence_at(starts, offset):
    """The start of the sentence that holds `offset` (an item's span may start mid-sentence)."""
    if not starts or offset is None:
        return None
    position = bisect.bisect_right(starts, offset) - 1
    return starts[max(position, 0)]


def region_lexicon():
    """The reader's place names: the Region table, as staff keep it (a township added under
    正镶白旗 is read there), with the short names and aliases reports use."""
    regions = {region.pk: region for region in Region.objects.only(*_REGION_FIELDS)}

    def ancestors(region):
        chain, parent_id = [], region.parent_id
        while parent_id in regions and len(chain) < 10:
            chain.append(regions[parent_id])
            parent_id = regions[parent_id].parent_id
        return list(reversed(chain))

    entries = []
    for region in regions.values():
        aliases = [region.short_name, *region.alias_list()] if region.short_name else region.alias_list()
        entries.append(
            RegionEntry(
                name=region.name,
                full_name=region.full_name,
                level=region.level,
                side=region.side,
                aliases=tuple(aliases),
                code=region.code or "",
                ancestors=tuple(parent.name for parent in ancestors(region)),
            )
        )
    return Lexicon.from_entries(entries)


_REGION_FIELDS = ("name", "short_name", "aliases", "full_name", "level", "side", "code", "parent_id")


def extract_report(text, published=None):
    from visits.report_import import extract  # loaded by the first report read (see the package's docstring)

    return extract(text, lexicon=region_lexicon(), published=published)


def lead_title(text, result):
    """A trip title from the lead, the way the office writes one.

    区委书记王有国率大兴区党政代表团到内蒙古自治区乌兰察布市察右前旗、… → …到察右前旗、正镶白旗对接考察.
    """
    delegation = result.delegation
    if delegation is None:
        return ""
    start, end = delegation.span
    sentence = without_copying(text[start:end])
    anchor = next((leader.name for leader in delegation.leaders if leader.name), "") or delegation.name
    position = sentence.find(anchor) if anchor else -1
    if position < 0:
        clause = sentence
    else:
        clause_start = max(sentence.rfind("，", 0, position), sentence.rfind(",", 0, position)) + 1
        clause_end = min(
            (i for i in (sentence.find("，", position), sentence.find(",", position)) if i >= 0),
            default=len(sentence),
        )
        clause = sentence[clause_start:clause_end]
    for destination in delegation.destinations:
        written = "".join(destination.parents) + destination.name
        if destination.parents:
            clause = clause.replace(written, destination.name)
    return clause.strip(" 。")[:300]


def meeting_title(meeting):
    """座谈会 held in 察右前旗 becomes 察右前旗座谈会: a title that still says which meeting it was."""
    if meeting.region is not None and meeting.place and meeting.place not in meeting.title:
        return (meeting.place + meeting.title)[:200]
    return meeting.title[:200]


def people_column(participant):
    if participant.side == ParticipantSide.VISITING:
        return LEADERS if participant.role == ParticipantRole.LEADER else MEMBERS
    return HOSTS


def initial_data(text, result):
    """What the review's forms start from: the extraction, in the ledger's terms."""
    starts = sentence_starts(text)

    def at(span):
        return sentence_at(starts, span[0]) if span else None

    delegation = result.delegation
    date = result.date
    topics = {topic.name: topic for topic in Topic.objects.all()}
    chosen_topics = []
    for match in result.topics:
        topic = topics.get(match.name) or next((t for n, t in topics.items() if n.startswith(match.name)), None)
        if topic is not None and topic.pk not in chosen_topics:
            chosen_topics.append(topic.pk)
    first = split_sentences(text)
    trip = {
        "title": lead_title(text, result) or (first[0].text[:300] if first else ""),
        "name": delegation.name if delegation else "",
        "kind": str(delegation.kind) if delegation else "inspection",
        "origin": delegation.origin.name if delegation and delegation.origin else "",
        "destinations": "、".join(d.name for d in delegation.destinations) if delegation else "",
        "start_date": format_partial_date(date.start, str(date.precision)) if date.start else "",
        "end_date": format_partial_date(date.end, str(date.precision)) if date.end else "",
        "summary": without_copying(text[delegation.span[0] : delegation.span[1]]) if delegation else "",
        "topics": chosen_topics,
    }
    speakers = set()
    meetings, speeches = [], []
    for meeting in result.meetings:
        meetings.append(
            {
                "title": meeting_title(meeting),
                "kind": str(meeting.kind),
                "place": meeting.place[:200],
                "sentence": at(meeting.span),
                "rule": meeting.rule,
            }
        )
    # Remarks made on the way (no meeting) are offered too, under 不在会议中: staff put
    # each under a meeting or drop it; nothing read is lost before they have seen it.
    groups = [(number, meeting.speeches) for number, meeting in enumerate(result.meetings, start=1)]
    for number, group in [*groups, (OUTSIDE_MEETINGS, result.other_speeches)]:
        for speech in group:
            speakers.add((speech.name, speech.title))
            speeches.append(
                {
                    "meeting": number,
                    "name": speech.name,
                    "title": speech.title,
                    "kind": str(speech.kind),
                    "points": "\n".join(point.text for point in speech.points),
                    "sentence": at(speech.span),
                    "title_sentence": at(speech.title_span),
                    "rule": speech.rule,
                    "doubt": "；".join(speech.doubts),
                }
            )
    participants = []
    for participant in result.participants:
        participants.append(
            {
                "name": participant.name,
                "title": participant.title,
                "column": people_column(participant),
                "sentence": at(participant.span),
                "title_sentence": at(participant.title_span),
                "rule": participant.rule,
                "doubt": "；".join(participant.doubts),
                # Someone the report names only by role (大兴区相关单位负责人) and only as a
                # speaker is recorded with the speech; staff may still keep them here.
                "DELETE": not participant.name and (participant.name, participant.title) in speakers,
            }
        )
    sites = [
        {"place": site.place[:200], "description": site.seen, "sentence": at(site.span), "rule": site.rule}
        for site in result.site_visits
    ]
    return {"trip": trip, "participants": participants, "sites": sites, "meetings": meetings, "speeches": speeches}


def extracted_summary(result):
    """One line per kind of item, for the list of uploaded files."""
    if not result.is_trip:
        return ""
    delegation = result.delegation
    leaders = "、".join(f"{p.title}{p.name}" for p in delegation.leaders) if delegation else ""
    return (
        f"{delegation.name or '代表团'}{('（' + leaders + '带队）') if leaders else ''}；"
        f"实地考察 {len(result.site_visits)} 处，会议 {len(result.meetings)} 场，"
        f"出席人员 {len([p for p in result.participants if p.name])} 位"
    )


# People ----------------------------------------------------------------------------------------


NEW_PERSON = "new"


@dataclasses.dataclass
class Candidate:
    person: Person
    titles: list


class PeopleLookup:
    """Everyone of each name already recorded, with their posts, to tell same-name people apart."""

    def __init__(self, names):
        names = sorted({name for name in names if name})
        self.by_name = {name: [] for name in names}
        if names:
            people = Person.objects.filter(name__in=names).prefetch_related(
                Prefetch("appointments", queryset=Appointment.objects.order_by("pk"))
            )
            for person in people:
                titles = list(dict.fromkeys(appointment.title for appointment in person.appointments.all()))
                self.by_name[person.name].append(Candidate(person, titles))

    def candidates(self, name):
        return self.by_name.get(name, [])

    def default_choice(self, name):
        found = self.candidates(name)
        if len(found) == 1:
            return str(found[0].person.pk)
        return NEW_PERSON if not found else ""


# Writing ---------------------------------------------------------------------------------------


class ReportTripLedger(TripLedger):
    """The 考察活动 ledger for one reviewed report: people and stops as staff left them.

    People and site visits arrive as structured rows, not as cells to split, so a title or a
    description may hold any punctuation; and a report always makes a new trip (a trip of the
    same title is another trip until staff say otherwise).
    """

    def __init__(self, people, sites):
        super().__init__()
        self.report_people = people
        self.report_sites = sites

    def parse(self, reader, context):
        plan = super().parse(reader, context)
        people = sorted(self.report_people, key=lambda person: COLUMN_ORDER.index(person[0]))
        # Staff put each person in a column themselves: its side is said, never guessed.
        plan.people = [PersonEntry(column, name, title, *LEDGER_SIDES[column]) for column, name, title in people]
        plan.sites = list(self.report_sites)
        self.destinations = plan.destinations
        return plan

    def stop_place(self, place, context, projects, destinations=(), written=None):
        """A stop named by its city's company (乌兰察布延彩…) lies in the trip's banner of that city."""
        region, organization = super().stop_place(place, context, projects, destinations, written)
        if region is not None and region.level == RegionLevel.PREFECTURE:
            within = [d for d in getattr(self, "destinations", []) if d.parent_id == region.pk]
            if len(within) == 1:
                region = within[0]
        return region, organization

    def match(self, plans):
        for plan in plans:
            plan.delegation = None


class ReportSpeechLedger(SpeechLedger):
    """The 会议发言 ledger for the trip just created from the report."""

    def __init__(self, delegation):
        super().__init__()
        self.delegation = delegation

    def resolve_trips(self, plans):
        for plan in plans:
            plan.delegation = self.delegation


@dataclasses.dataclass
class Draft:
    """What staff confirmed on the review screen, in plain values."""

    text: str
    file_name: str
    trip: dict  # title, name, kind, origin, destinations, start_date, end_date, summary, topics, projects …
    participants: list  # {name, title, column}
    sites: list  # {place, description}
    meetings: list  # {title, kind, place, speeches: [{name, title, kind, points}]}
    people: dict  # name → Person pk, or NEW_PERSON with a disambiguation
    disambiguations: dict = dataclasses.field(default_factory=dict)


def _cell(value):
    return "" if value is None else str(value)


def trip_row(draft):
    trip = draft.trip
    values = {
        "标题": trip["title"],
        "类型": trip["kind"],
        "开始日期": trip.get("start_date", ""),
        "结束日期": trip.get("end_date", ""),
        "代表团": trip.get("name", ""),
        "出发地": trip.get("origin", ""),
        "目的地": trip.get("destinations", ""),
        "协作领域": "、".join(topic.name for topic in trip.get("topics", [])),
        "相关项目": "；".join(trip.get("projects", [])),
        "来源": trip.get("publisher", ""),
        "链接": trip.get("url", ""),
        "发布日期": trip["published_on"].isoformat() if trip.get("published_on") else "",
        "摘要": trip.get("summary", ""),
        "正文": draft.text,
    }
    return [_cell(values.get(header, "")) for header in TRIP_HEADERS]


def speech_rows(draft):
    rows = []
    for meeting in draft.meetings:
        for order, speech in enumerate(meeting["speeches"], start=1):
            values = {
                "会议": meeting["title"],
                "会议类型": meeting["kind"],
                "会议地点": meeting.get("place", ""),
                "顺序": order,
                "发言人": speech["name"],
                "职务": speech["title"],
                "发言类型": speech["kind"],
                "要点": speech.get("points", ""),
            }
            rows.append([_cell(values.get(header, "")) for header in SPEECH_HEADERS])
    return rows


def split_posts(title, index):
    """乌兰察布市委副书记、市长 → 乌兰察布市委副书记, 乌兰察布市市长: each post an appointment.

    A post printed without its place (市长 after 乌兰察布市委副书记) takes the place of the
    post before it, as a reader does.
    """
    posts = []
    place = ""
    for post in (part.strip() for part in title.split("、")):
        if not post:
            continue
        region, _rest = index.split_known_prefix(post)
        if region is not None:
            forms = (region.name, region.display_name, region.short_name)
            place = next((form for form in forms if form and post.startswith(form)), "")
        elif place and post[:1] in "市旗县区盟":
            post = place + post
        posts.append(post[:200])
    return posts


def create_draft_trip(draft, user=None):
    """Write the reviewed trip, all or nothing; returns (batch, delegation).

    DraftRefused when the database finds a problem the form could not (a record changed by
    someone else meanwhile); nothing is written then.
    """
    try:
        with transaction.atomic():
            return _create(draft, user)
    except (IntegrityError, DatabaseError) as exc:
        raise DraftRefused([f"写入数据库时出错，没有写入任何内容；请重试（{type(exc).__name__}）。"]) from exc


def _create(draft, user):
    digest = hashlib.sha256(draft.text.encode("utf-8")).hexdigest()
    batch = ImportBatch.objects.create(
        user=user if user is not None and user.pk else None,
        file_name=draft.file_name[:255],
        sha256=digest,
        size=len(draft.text.encode("utf-8")),
        file_kind="报道",
        encoding="UTF-8",
        ledgers=BATCH_LEDGERS,
        published=False,
    )
    context = ImportContext(user=user, publish=False, file_name=draft.file_name, batch=batch)
    people = _people(draft, context)
    trip_people = [
        (row["column"], row["name"], row["title"]) for row in draft.participants if row["name"] or row["title"]
    ]
    trip_sites = [(row["place"], row["description"]) for row in draft.sites]
    trip_ledger = ReportTripLedger(trip_people, trip_sites)
    trips = trip_ledger.run(Sheet(name="考察活动", headers=list(TRIP_HEADERS), rows=[(1, trip_row(draft))]), context)
    _refuse_on_problems(trips)
    delegation = trips.outcomes[0].obj
    rows = speech_rows(draft)
    speeches = None
    if rows:
        sheet = Sheet(name="会议发言", headers=list(SPEECH_HEADERS), rows=list(enumerate(rows, start=1)))
        speeches = ReportSpeechLedger(delegation).run(sheet, context)
        _refuse_on_problems(speeches)
    _meetings_without_speeches(draft, delegation, context)
    _appointments(draft, people, delegation, context)
    context.writer.flush()
    results = [trips] if speeches is None else [trips, speeches]
    batch.counts = {result.ledger: result.counts for result in results}
    batch.new = sum(result.counts["new"] for result in results)
    batch.updated = sum(result.counts["updated"] for result in results)
    batch.unchanged = sum(result.counts["unchanged"] for result in results)
    batch.save(update_fields=["new", "updated", "unchanged", "counts"])
    return batch, delegation


def _refuse_on_problems(result):
    if result.has_problems():
        messages = []
        for problem in result.problems:
            where = f"{problem.column}：" if problem.column else ""
            value = problem.value_text
            messages.append(f"{where}{problem.message}" + (f"（{value[:40]}）" if value else ""))
        raise DraftRefused(messages)


def _people(draft, context):
    """Each name → the Person staff chose, creating the new ones; the ledgers then use these."""
    chosen = {}
    new_people = []
    allocator = context.slugs(Person)
    wanted = {pk for pk in draft.people.values() if pk != NEW_PERSON}
    existing = Person.objects.in_bulk([int(pk) for pk in wanted])
    for name, choice in draft.people.items():
        if choice == NEW_PERSON:
            person = bulk.build(
                Person, name=name, disambiguation=draft.disambiguations.get(name, ""), status=Status.DRAFT
            )
            person.slug = allocator.allocate(name)
            new_people.append(person)
            context.note_new("人物", name)
        else:
            person = existing.get(int(choice))
            if person is None:
                raise DraftRefused([f"所选的人物“{name}”已被删除；请重新选择。"])
        chosen[name] = person
    context.writer.create(Person, new_people)
    for name, person in chosen.items():
        context.people.settle(name, person)
    return chosen


def _meetings_without_speeches(draft, delegation, context):
    """A meeting staff kept with no speaker: the 会议发言 ledger makes meetings only from speeches."""
    empty = [meeting for meeting in draft.meetings if not meeting["speeches"]]
    if not empty:
        return
    existing = Meeting.objects.filter(delegation=delegation)
    taken = {meeting.title: meeting for meeting in existing}
    order = max((meeting.order for meeting in existing), default=0)
    allocator = context.slugs(Meeting)
    index = context.regions.index
    new = []
    for meeting in empty:
        if meeting["title"] in taken:
            continue
        order += 1
        place = meeting.get("place", "")
        region = (index.resolve(place) or index.split_known_prefix(place)[0]) if place else None
        record = bulk.build(
            Meeting,
            delegation=delegation,
            title=meeting["title"],
            kind=meeting["kind"],
            place=place,
            region=region,
            order=order,
            status=Status.DRAFT,
        )
        record.slug = allocator.allocate(record.title)
        new.append(record)
        taken[record.title] = record
    context.writer.create(Meeting, new)


def _appointments(draft, people, delegation, context):
    """The posts a report prints for each person, as appointments with the report as source.

    Only posts the person does not hold yet on record: a title printed again adds nothing.
    """
    index = RegionIndex.load()
    printed = defaultdict(list)
    for row in draft.participants:
        if row["name"] and row["title"]:
            printed[row["name"]].append(row["title"])
    for meeting in draft.meetings:
        for speech in meeting["speeches"]:
            if speech["name"] and speech["title"]:
                printed[speech["name"]].append(speech["title"])
    held = defaultdict(set)
    known = [person.pk for person in people.values() if person.pk]
    for person_id, title in Appointment.objects.filter(person_id__in=known).values_list("person_id", "title"):
        held[person_id].add(title)
    new = []
    for name, titles in printed.items():
        person = people.get(name)
        if person is None:
            continue
        posts = []
        for title in titles:
            for post in split_posts(title, index):
                if post in held[person.pk]:
                    continue
                held[person.pk].add(post)
                posts.append(post)
        if posts and person.pk and publishing.is_live(person):
            # A published person's posts are part of their page: the new ones wait for review.
            source = delegation.source
            publishing.submit_new_parts(
                person, context.user, Appointment,
                [{"title": [post], "source": [str(source.pk) if source and source.pk else ""]} for post in posts],
                summary=f"从报道新增任职：{'、'.join(posts)}", batch=f"导入批次 {context.batch.pk}",
            )
            continue
        new += [bulk.build(Appointment, person=person, title=post, source=delegation.source) for post in posts]
    context.writer.create(Appointment, new)
