"""From a report's text to a draft trip.

The reader (`engine` and the modules it uses) is pure Python: no Django models, no network,
no model files. Input is the report's text (and a lexicon of region names); output is
`ExtractionResult`, plain dataclasses whose items each carry the span of the sentence they
were read from and the rule that read them. Importing this package loads only the reader.

The Django side sits beside it and is imported by name: `review` (reading files, the one
write that makes the draft trip), `forms` and `admin` (the 从报道创建 review screen).

`extract` is loaded when first asked for: the reader compiles some 500 regular expressions as it
is imported (0.3 s of CPU), and every process of the site (each manage.py command, each server
worker) imports this package through `visits.models`, most of them never to read a report.
"""

from .html_text import text_from_html
from .lexicon import Lexicon, RegionEntry, default_lexicon, load_regions_csv
from .people import parse_people, split_title_name
from .results import (
    DatePrecision,
    Delegation,
    DelegationKind,
    ExtractionResult,
    Meeting,
    MeetingKind,
    Participant,
    ParticipantRole,
    ParticipantSide,
    Point,
    RegionMention,
    RegionSide,
    SiteVisit,
    Speech,
    SpeechKind,
    TopicMatch,
    TripDate,
)
from .sentences import Sentence, split_sentences

__all__ = [
    "DatePrecision",
    "Delegation",
    "DelegationKind",
    "ExtractionResult",
    "Lexicon",
    "Meeting",
    "MeetingKind",
    "Participant",
    "ParticipantRole",
    "ParticipantSide",
    "Point",
    "RegionEntry",
    "RegionMention",
    "RegionSide",
    "Sentence",
    "SiteVisit",
    "Speech",
    "SpeechKind",
    "TopicMatch",
    "TripDate",
    "default_lexicon",
    "extract",
    "load_regions_csv",
    "parse_people",
    "split_sentences",
    "split_title_name",
    "text_from_html",
]


def __getattr__(name):
    if name == "extract":
        from .engine import extract

        return extract
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
