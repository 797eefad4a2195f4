"""The people of a trip page — who went, who spoke — written out in Python.

A trip names dozens of people, and the template that wrote one person (included once for each)
cost more than the person. This writes the same elements and text (every value escaped by
format_html).
"""

from django import template
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

from cooperation.markup import format_html
from cooperation.slugs import one_setting
from cooperation.templatetags.site_tags import person_name
from visits.models import ParticipantRole

register = template.Library()

ROLES_SHOWN = (ParticipantRole.LEADER, ParticipantRole.ACCOMPANYING)


@register.simple_tag
@one_setting()
def participant_items(participants, preview=False):
    """One <li> for each participant: their name (linked when their page is public), the title
    as printed, and the role when they led or accompanied the delegation."""
    return mark_safe("".join(_item(participant, preview) for participant in participants))


def _item(participant, preview):
    parts = [person_name(person=participant.person, name=participant.name_as_printed, title="", preview=preview)]
    if participant.title_as_printed:
        parts.append(format_html('<span class="people-grid-title">{}</span>', participant.title_as_printed))
    if participant.role in ROLES_SHOWN:
        parts.append(format_html('<span class="tag tag-quiet people-role">{}</span>', participant.get_role_display()))
    return format_html("<li>{}</li>", mark_safe("".join(parts)))


@register.simple_tag
@one_setting()
def speech_items(speeches, preview=False):
    """One <li> for each speech of a meeting: the speaker as printed (linked when their page is
    public), the kind of speech and its points."""
    return mark_safe("".join(_speech(speech, preview) for speech in speeches))


def _speech(speech, preview):
    speaker = person_name(
        person=speech.person, name=speech.name_as_printed, title=speech.title_as_printed, preview=preview
    )
    points = ""
    if speech.points:
        paragraphs = mark_safe(linebreaks(speech.points, autoescape=True))
        points = format_html('<div class="speech-points">{}</div>', paragraphs)
    return format_html(
        '<li class="speech" id="speech-{}">\n<p class="speaker">\n{}\n<span class="tag tag-quiet">{}</span>\n</p>'
        "\n{}\n</li>\n",
        speech.pk, speaker, speech.get_kind_display(), points,
    )
