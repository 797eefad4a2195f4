"""The repeated blocks of a trip page — its stops, its meetings — and a meeting's speeches, written out in Python.

Each stop and each meeting went through the template engine (a meeting included its own
template and that one the speeches'), some hundreds of variables, tags and includes per trip.
These write the same bytes as those templates did (tests/data/templates_before/, compared in
tests/visits/test_trip_blocks.py), whitespace included: every value escaped as the template
escaped it (cooperation/markup.py), a translated sentence with a count as `blocktranslate` made it.
"""

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperation.choice_labels import display_once
from cooperation.markup import conditional_escape, format_html
from cooperation.slugs import one_setting
from cooperation.templatetags.site_tags import draft_badge, machine_date, partial_date, person_name, photo_figures
from visits.templatetags.trip_people import speech_items

register = template.Library()


@register.simple_tag
@one_setting()
def stop_items(site_visits, preview=False):
    """Each stop of a trip's itinerary: its place, date, region, body, description, the projects
    seen there and its photos."""
    label = conditional_escape(_("考察项目："))
    return SafeString("".join(_stop(number, visit, preview, label) for number, visit in enumerate(site_visits, 1)))


def _time(date, precision):
    """A stop's or meeting's date as printed, with its machine-readable form; nothing without one."""
    if not date:
        return ""
    return format_html('<time datetime="{}">{}</time>', machine_date(date, precision), partial_date(date, precision))


def _stop(number, visit, preview, label):
    date = _time(visit.date, visit.date_precision)
    region = ""
    if visit.region:
        region = format_html('<a href="{}">{}</a>', visit.region.get_absolute_url(), visit.region.display_name)
    organization = format_html("<span>{}</span>", visit.organization.name) if visit.organization else ""
    description = format_html("<p>{}</p>", visit.description) if visit.description else ""
    projects = visit.projects.all()
    seen = ""
    if projects:
        links = "、".join(
            format_html(
                '<a href="{}">{}</a>{}', project.get_absolute_url(), project.name, draft_badge(project, preview)
            )
            for project in projects
        )
        seen = (
            '\n                    <p class="stop-projects"><span class="label">'
            f"{label}</span>{links}</p>\n                  "
        )
    photos = visit.photos.all()
    row = ""
    if photos:
        row = (
            f'\n                    <div class="photo-row">{photo_figures(photos)}</div>\n                  '
        )
    return (
        format_html(
            '\n              <li class="stop" id="site-{}">\n'
            '                <span class="stop-number" aria-hidden="true">{}</span>\n'
            '                <div class="stop-body">\n'
            '                  <h3 class="stop-title">{}</h3>\n'
            '                  <p class="stop-meta">\n'
            "                    {}\n                    {}\n                    {}\n"
            "                  </p>\n"
            "                  {}\n",
            visit.pk, number, visit.place, date, region, organization, description,
        )
        + f"                  {seen}\n                  {row}\n"
        + "                </div>\n              </li>\n            "
    )


@register.simple_tag
@one_setting()
def meeting_speeches(meeting, preview=False):
    """A meeting's speeches, or a line saying the report records none."""
    return _speeches(list(meeting.speeches.all()), preview)


def _speeches(speeches, preview, labels=None):
    if speeches:
        body = f'\n  <ol class="speeches">\n    {speech_items(speeches, preview, labels)}\n  </ol>\n'
    else:
        body = format_html('\n  <p class="empty">{}</p>\n', _("报道未记录发言内容。"))
    return SafeString(f"\n\n{body}\n\n")


@register.simple_tag
@one_setting()
def meeting_blocks(meetings, preview=False):
    """Each meeting of a trip page: its title, kind, date, place and chair, and its speeches
    folded behind the speakers' names (each block with the lines of the loop around it)."""
    labels = {}  # the kinds of speech and of meeting, translated once for the page
    return SafeString("".join(
        f"\n            {_meeting(meeting, preview, labels)}\n          " for meeting in meetings
    ))


def _meeting(meeting, preview, labels):
    speeches = list(meeting.speeches.all())
    date = _time(meeting.date, meeting.date_precision)
    place = ""
    if meeting.region:
        place = format_html(
            '<a href="{}">{}</a>', meeting.region.get_absolute_url(), meeting.place or meeting.region.display_name
        )
    elif meeting.place:
        place = format_html("<span>{}</span>", meeting.place)
    chair = ""
    if meeting.chair and (meeting.chair.is_public or preview):
        name = person_name(person=meeting.chair, name=meeting.chair.name, preview=preview)
        chair = format_html("<span>{}{}</span>", _("主持："), name)
    summary = format_html("<p>{}</p>", meeting.summary) if meeting.summary and not speeches else ""
    if speeches:
        count = ngettext("%(counter)s 篇发言", "%(counter)s 篇发言", len(speeches)) % {"counter": len(speeches)}
        speakers = "、".join(
            conditional_escape(speech.name_as_printed or speech.title_as_printed) for speech in speeches
        )
        fold = (
            f'\n    \n    <details class="fold">\n      <summary>{count}：{speakers}</summary>\n'
            f"      {_speeches(speeches, preview, labels)}\n    </details>\n  "
        )
    else:
        fold = f"\n    {_speeches(speeches, preview, labels)}\n  "
    return format_html(
        '\n<article class="meeting" id="meeting-{}" aria-labelledby="meeting-{}-title">\n'
        '  <h3 class="meeting-title" id="meeting-{}-title"><a href="{}">{}</a>{}</h3>\n'
        '  <p class="meeting-meta">\n'
        '    <span class="tag">{}</span>\n'
        "    {}\n    {}\n    {}\n"
        "  </p>\n"
        "  {}\n  ",
        meeting.pk, meeting.pk, meeting.pk, meeting.get_absolute_url(), meeting.title,
        draft_badge(meeting, preview), display_once(labels, meeting, "kind"), date, place, chair, summary,
    ) + f"{fold}\n</article>\n"
