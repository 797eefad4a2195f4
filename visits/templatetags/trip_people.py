"""The people of a trip page — who went, who spoke — written out in Python.

A trip names dozens of people, and the template that wrote one person (included once for each)
cost more than the person. This writes the same elements and text (every value escaped by
format_html).
"""

from django import template
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

from cooperation.choice_labels import display_once
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
    labels = {}  # each role's label, translated once for the list
    return mark_safe("".join(_item(participant, preview, labels) for participant in participants))


def _item(participant, preview, labels):
    parts = [person_name(person=participant.person, name=participant.name_as_printed, title="", preview=preview)]
    if participant.title_as_printed:
        parts.append(format_html('<span class="people-grid-title">{}</span>', participant.title_as_printed))
    if participant.role in ROLES_SHOWN:
        role = display_once(labels, participant, "role")
        parts.append(format_html('<span class="tag tag-quiet people-role">{}</span>', role))
    return format_html("<li>{}</li>", mark_safe("".join(parts)))


@register.simple_tag
@one_setting()
def speech_items(speeches, preview=False, labels=None):
    """One <li> for each speech of a meeting: the speaker as printed (linked when their page is
    public), the kind of speech and its points (`labels`: the kinds' labels, translated once for
    a page's meetings)."""
    labels = {} if labels is None else labels
    return mark_safe("".join(_speech(speech, preview, labels) for speech in speeches))


def _speech(speech, preview, labels):
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
        speech.pk, speaker, display_once(labels, speech, "kind"), points,
    )
