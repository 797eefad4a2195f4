"""What the extractor hands back: plain dataclasses, no Django.

The value lists of a trip (kinds of delegation, meeting and speech, sides and roles of the people)
are defined here once: `visits.models` makes its `TextChoices` from them, so the Django layer
stores what the reader returns as it is. `label` is the Chinese word a report and the review
screen use; the site translates it. `RegionSide` and `DatePrecision` repeat `cooperation`'s lists,
which the reader may not import (tests/visits/test_choices.py keeps them equal).
"""

import dataclasses
import datetime
import enum

# (start, end) offsets into the text given to `extract`, end exclusive, so that
# `text[start:end]` is exactly what a review screen highlights.
Span = tuple[int, int]


def gettext_noop(label):
    """Marks a label for `makemessages`; the Django layer translates it when it shows it."""
    return label


class Choice(enum.StrEnum):
    def __new__(cls, value, label):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    def __str__(self):
        return self.value


class DelegationKind(Choice):
    INSPECTION = "inspection", gettext_noop("考察")
    VISIT = "visit", gettext_noop("来访")
    RESEARCH = "research", gettext_noop("调研")
    SIGNING = "signing", gettext_noop("签约")
    MEETING = "meeting", gettext_noop("会议")
    OTHER = "other", gettext_noop("其他")


class MeetingKind(Choice):
    SYMPOSIUM = "symposium", gettext_noop("座谈会")
    JOINT = "joint", gettext_noop("联席会")
    SIGNING = "signing", gettext_noop("签约仪式")
    MATCHMAKING = "matchmaking", gettext_noop("对接会")
    OTHER = "other", gettext_noop("其他")


class SpeechKind(Choice):
    SPEECH = "speech", gettext_noop("讲话")
    BRIEFING = "briefing", gettext_noop("介绍情况")
    REMARK = "remark", gettext_noop("表示")
    EMPHASIS = "emphasis", gettext_noop("强调")
    CHAIRING = "chairing", gettext_noop("主持")
    OTHER = "other", gettext_noop("其他")


class ParticipantSide(Choice):
    VISITING = "visiting", gettext_noop("来访方")
    HOST = "host", gettext_noop("接待方")


class ParticipantRole(Choice):
    LEADER = "leader", gettext_noop("带队")
    MEMBER = "member", gettext_noop("成员")
    ACCOMPANYING = "accompanying", gettext_noop("陪同")
    ATTENDING = "attending", gettext_noop("参加")


class RegionSide(Choice):
    SUPPORT = "support", "支援方（北京）"
    RECIPIENT = "recipient", "受援方（内蒙古）"


class DatePrecision(Choice):
    DAY = "day", "日"
    MONTH = "month", "月"
    YEAR = "year", "年"


@dataclasses.dataclass
class RegionMention:
    """A place as the report wrote it, with what the lexicon made of it."""

    name: str  # as written: 察右前旗
    parents: list[str]  # written before it: ["内蒙古自治区", "乌兰察布市"]
    full_name: str = ""  # 内蒙古自治区乌兰察布市察哈尔右翼前旗; "" when the lexicon has no such place
    code: str = ""
    level: str = ""
    side: RegionSide | None = None
    span: Span = (0, 0)


@dataclasses.dataclass
class TripDate:
    start: datetime.date | None  # the first of the month at month precision
    end: datetime.date | None
    precision: DatePrecision | None
    inferred: bool  # True when part of it came from the publication date, not the text
    note: str  # why, in words a reviewer reads
    span: Span | None = None  # the sentence the date came from


@dataclasses.dataclass
class Participant:
    """Someone the report names (or only describes: 大兴区相关单位负责人, name empty)."""

    name: str
    title: str  # as printed, including 、 between posts
    side: ParticipantSide | None = None
    role: ParticipantRole = ParticipantRole.ATTENDING
    order: int = 0
    regions: list[str] = dataclasses.field(default_factory=list)  # places the title refers to
    span: Span = (0, 0)  # the sentence of the first mention
    title_span: Span | None = None  # the sentence where the title was printed
    rule: str = ""
    doubts: list[str] = dataclasses.field(default_factory=list)  # what a reviewer should check


@dataclasses.dataclass
class Point:
    text: str
    span: Span


@dataclasses.dataclass
class Speech:
    order: int
    name: str
    title: str
    kind: SpeechKind
    points: list[Point] = dataclasses.field(default_factory=list)
    span: Span = (0, 0)  # the sentence that introduces the speaker
    title_span: Span | None = None  # may be an earlier sentence: 王有国强调 takes 区委书记 from the lead
    rule: str = ""
    doubts: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Meeting:
    order: int
    title: str  # 京蒙协作工作座谈会
    kind: MeetingKind
    place: str  # as written, "" when the report gives none
    region: RegionMention | None = None
    when: str = ""  # a time phrase printed with it: 当天下午
    chair: str = ""
    speeches: list[Speech] = dataclasses.field(default_factory=list)
    summary: list[Point] = dataclasses.field(default_factory=list)  # what no speaker said
    span: Span = (0, 0)
    rule: str = ""


@dataclasses.dataclass
class SiteVisit:
    order: int
    place: str
    seen: str  # 全面了解芍药鲜切花种植、销售、种苗研发培育等情况
    region: RegionMention | None = None
    when: str = ""
    span: Span = (0, 0)
    rule: str = ""


@dataclasses.dataclass
class Delegation:
    name: str  # as printed, "" when the report names only the leader (…一行)
    kind: DelegationKind
    leaders: list[Participant]
    origin: RegionMention | None
    destinations: list[RegionMention]
    span: Span = (0, 0)
    rule: str = ""


@dataclasses.dataclass
class TopicMatch:
    name: str
    keywords: list[str]  # the words that matched, in order of first appearance
    count: int
    spans: list[Span]  # sentences that mention it (the first few)


@dataclasses.dataclass
class ExtractionResult:
    is_trip: bool
    reason: str  # why it is or is not a trip
    delegation: Delegation | None
    date: TripDate
    site_visits: list[SiteVisit]
    meetings: list[Meeting]
    participants: list[Participant]
    other_speeches: list[Speech]  # said outside any meeting (during an inspection)
    topics: list[TopicMatch]
    warnings: list[str]

    def as_dict(self):
        """JSON-ready: enums as their values, dates in ISO 8601, spans as lists."""
        return _plain(dataclasses.asdict(self))


def _plain(value):
    if isinstance(value, Choice):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
