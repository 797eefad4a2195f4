"""A person's trips and speeches on their page, written out in Python.

A person who spoke often fills their page with rows of some twenty template variables each
(two thirds of the page's time); this writes the same elements and text (every value escaped).
"""

from django import template
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cooperation.choice_labels import display_once
from cooperation.markup import conditional_escape, format_html, truncate_chars
from cooperation.slugs import one_setting
from cooperation.templatetags.site_tags import draft_badge, partial_date, trip_dates

register = template.Library()

POINTS_CHARACTERS = 220


def _as_printed(title, words):
    return mark_safe(words["as printed"] % {"title": conditional_escape(title)})


def _words():
    """The words the rows repeat, translated once for a list (with `labels`, the choices' labels)."""
    return {"as printed": _("报道称：%(title)s"), "no date": _("日期不详"), "labels": {}}


@register.simple_tag
@one_setting()
def trip_rows(participations, preview=False):
    """<li>s of a person's participations: the trip's dates and title, their side and role."""
    words = _words()
    return mark_safe("".join(_trip_row(participation, preview, words) for participation in participations))


def _trip_row(participation, preview, words):
    trip = participation.delegation
    labels = words["labels"]
    role = format_html(
        "{} · {}", display_once(labels, participation, "side"), display_once(labels, participation, "role")
    )
    if participation.title_as_printed:
        role = format_html("{} · {}", role, _as_printed(participation.title_as_printed, words))
    return format_html(
        '<li>\n<span class="trip-row-date">{}</span>\n<span class="trip-row-main"><a href="{}">{}</a>{}\n'
        '<span class="muted">{}</span></span>\n</li>\n',
        trip_dates(trip) or words["no date"], trip.get_absolute_url(), trip.title, draft_badge(trip, preview), role,
    )


@register.simple_tag
@one_setting()
def speech_rows(group, preview=False):
    """<li>s of a title group's speeches: the meeting, when and where, the title as printed when
    it differs from the group's, and the points."""
    words = _words()
    return mark_safe("".join(_speech_row(speech, group.title, preview, words) for speech in group.speeches))


def _speech_row(speech, group_title, preview, words):
    meeting = speech.meeting
    trip = meeting.delegation
    when = ""
    if meeting.date:
        when = partial_date(meeting.date, meeting.date_precision)
    elif trip:
        when = trip_dates(trip)
    where = ""
    if meeting.region:
        where = format_html(' · <a href="{}">{}</a>', meeting.region.get_absolute_url(), meeting.region.display_name)
    trip_link = ""
    if trip:
        trip_link = format_html(' · <a href="{}">{}</a>', trip.get_absolute_url(), trip.name or trip.title)
    title = ""
    if speech.title_as_printed and speech.title_as_printed != group_title:
        title = format_html('<p class="muted">{}</p>', _as_printed(speech.title_as_printed, words))
    points = ""
    if speech.points:
        shortened = truncate_chars(speech.points, POINTS_CHARACTERS)
        points = format_html('<div class="speech-points">{}</div>', mark_safe(linebreaks(shortened, autoescape=True)))
    return format_html(
        '<li>\n<p class="speech-meeting"><a href="{}">{}</a>{} <span class="tag tag-quiet">{}</span></p>\n'
        '<p class="muted">\n{}\n{}\n{}\n</p>\n{}\n{}\n</li>\n',
        speech.get_absolute_url(), meeting.title, draft_badge(meeting, preview),
        display_once(words["labels"], speech, "kind"), when, where, trip_link, title, points,
    )
