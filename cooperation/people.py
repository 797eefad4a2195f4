"""A person's titles over time: which post they held when they spoke, and whether it is still theirs."""

import calendar
import datetime
from dataclasses import dataclass, field

from cooperation.dates import DatePrecision

TITLE_SEPARATORS = ("、", "，", ",", "；", ";")


def period_of(day, precision):
    """The first and last day a partial date can mean: 2024年 is 1 January to 31 December."""
    if day is None:
        return None
    if precision == DatePrecision.YEAR:
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)
    if precision == DatePrecision.MONTH:
        last = calendar.monthrange(day.year, day.month)[1]
        return datetime.date(day.year, day.month, 1), datetime.date(day.year, day.month, last)
    return day, day


def _end_of(day, precision):
    return period_of(day, precision)[1] if day else None


def held_at(appointments, day, precision):
    """The appointments known to be held on a (partial) date.

    Only posts with a known start count: a post with no dates says nothing about when it
    was held, and claiming it for a speech years ago would put words in the record.
    """
    period = period_of(day, precision)
    if period is None:
        return []
    first, last = period
    return [
        a
        for a in appointments
        if a.start_date is not None
        and a.start_date <= last
        and (a.end_date is None or _end_of(a.end_date, a.end_precision) >= first)
    ]


def current_titles(appointments):
    return [a.title for a in appointments if a.is_current]


def _parts(title):
    parts = [title]
    for separator in TITLE_SEPARATORS:
        parts = [piece.strip() for part in parts for piece in part.split(separator)]
    return [part for part in parts if part]


def same_post(title, current):
    """Does a title (as printed, often short: 区委书记, 旗长) name posts still held?

    Reports shorten titles within their own context, so each part of the title only has to
    be found inside one of the current titles: 区委书记 is 大兴区委书记.
    """
    if not title or not current:
        return True
    return all(any(part in held for held in current) for part in _parts(title))


@dataclass
class TitleGroup:
    title: str
    differs_from_current: bool
    speeches: list = field(default_factory=list)


def event_date(speech):
    """The date a speech was given, as precise as known: its meeting's, else its trip's."""
    meeting = speech.meeting
    if meeting.date:
        return meeting.date, meeting.date_precision
    if meeting.delegation_id and meeting.delegation.start_date:
        return meeting.delegation.start_date, meeting.delegation.date_precision
    return None, DatePrecision.DAY


def group_speeches_by_title(speeches, appointments):
    """Speeches under the title held when they were given, first seen first.

    The title comes from the dated appointments covering the day; where none is known it is
    the title the report printed, which is the report's own word for the post at the time.
    """
    appointments = list(appointments)
    current = current_titles(appointments)
    groups = {}
    for speech in speeches:
        held = held_at(appointments, *event_date(speech))
        title = "、".join(a.title for a in held) if held else speech.title_as_printed
        if title not in groups:
            groups[title] = TitleGroup(title=title, differs_from_current=not same_post(title, current))
        groups[title].speeches.append(speech)
    return list(groups.values())
