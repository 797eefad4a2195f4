"""A trip as a card, written out in Python.

Lists show a dozen cards and the home, pairing, topic, region and search pages ten more: each
card through the template engine was some fifty variables and tags, a quarter of a list page's
time. This writes the same elements and text (every value escaped by format_html).
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cooperation.markup import format_html, truncate_chars
from cooperation.slugs import one_setting
from cooperation.templatetags.site_tags import machine_date, person_name, topic_chips, trip_dates

register = template.Library()

SUMMARY_CHARACTERS = 110


def _words():
    """The words every card repeats, translated once for a list (a translation is some twenty calls)."""
    return {
        "no date": _("日期不详"), "name": _("代表团"), "leaders": _("带队"), "to": _("前往"), "route": _("行程"),
        "topics": _("协作领域"),
    }


@register.simple_tag
def trip_card(trip, words=None):
    words = words or _words()
    return format_html(
        '<article class="card trip-card">{}<div class="card-body">'
        '<p class="card-kicker"><span class="tag">{}</span> {}</p>'
        '<h3 class="card-title"><a href="{}">{}</a></h3>'
        '<dl class="card-facts">{}</dl>{}{}</div></article>',
        _cover(trip.cover_photo),
        trip.get_kind_display(),
        _dates(trip, words),
        trip.get_absolute_url(),
        trip.title,
        _facts(trip, words),
        format_html('<p class="card-summary">{}</p>', truncate_chars(trip.summary, SUMMARY_CHARACTERS))
        if trip.summary else "",
        topic_chips(trip.topics.all(), words["topics"]),
    )


@register.simple_tag
@one_setting()
def trip_cards(trips):
    """Every card of a list, one after another: a loop in the template would include the card's
    template once per trip (the include itself costs as much as the card)."""
    words = _words()
    return mark_safe("".join(trip_card(trip, words) for trip in trips))


def _dates(trip, words):
    if not trip.start_date:
        return format_html("<span>{}</span>", words["no date"])
    return format_html(
        '<time datetime="{}">{}</time>', machine_date(trip.start_date, trip.date_precision), trip_dates(trip)
    )


def _cover(photo):
    if not (photo and photo.thumbnail):
        return ""
    size = format_html(' width="{}" height="{}"', photo.width, photo.height) if photo.width else ""
    return format_html(
        '<img class="card-image" src="{}" alt="{}"{} loading="lazy">', photo.thumbnail.url, photo.alt_text, size
    )


def _facts(trip, words):
    facts = []
    if trip.name:
        facts.append(format_html("<div><dt>{}</dt><dd>{}</dd></div>", words["name"], trip.name))
    leaders = getattr(trip, "leaders", None)
    if leaders:
        names = mark_safe("、".join(
            person_name(person=leader.person, name=leader.name_as_printed, title=leader.title_as_printed)
            for leader in leaders
        ))
        facts.append(format_html("<div><dt>{}</dt><dd>{}</dd></div>", words["leaders"], names))
    destinations = trip.destinations.all()
    if trip.origin or destinations:
        route = []
        if trip.origin:
            route.append(format_html('<a href="{}">{}</a>', trip.origin.get_absolute_url(), trip.origin.display_name))
        if destinations:
            route.append(format_html(
                ' <span aria-hidden="true">→</span><span class="visually-hidden">{}</span> {}',
                words["to"],
                mark_safe("、".join(
                    format_html('<a href="{}">{}</a>', region.get_absolute_url(), region.display_name)
                    for region in destinations
                )),
            ))
        facts.append(format_html("<div><dt>{}</dt><dd>{}</dd></div>", words["route"], mark_safe("".join(route))))
    return mark_safe("".join(facts))
