"""A project as a card, written out in Python (as trip cards are: visits/templatetags/trip_cards.py).

The same elements and text as the template it replaces, every value escaped by format_html.
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cooperation.markup import format_html
from cooperation.slugs import one_setting
from cooperation.templatetags.site_tags import amount, topic_chips

register = template.Library()


def _words():
    """The words every card repeats, translated once for a list (as a trip card's)."""
    return {
        "year": _("%(year)s 年度"), "pairing": _("结对"), "place": _("地点"), "amount": _("%(amount)s 万元"),
        "funds": _("帮扶资金"), "topics": _("协作领域"),
    }


@register.simple_tag
def project_card(project, words=None):
    words = words or _words()
    kicker = []
    if project.stage:
        kicker.append(format_html(
            '<span class="tag tag-stage-{}">{}</span> ', project.stage, project.get_stage_display()
        ))
    if project.start_year:
        kicker.append(format_html("<span>{}</span>", words["year"] % {"year": project.start_year}))
    facts = []
    if project.pairing:
        pairing = project.pairing
        facts.append(format_html(
            '<div><dt>{}</dt><dd><a href="{}">{} — {}</a></dd></div>', words["pairing"], pairing.get_absolute_url(),
            pairing.support_region.display_name, pairing.recipient_region.display_name,
        ))
    if project.region:
        facts.append(format_html(
            '<div><dt>{}</dt><dd><a href="{}">{}</a></dd></div>', words["place"], project.region.get_absolute_url(),
            project.region.display_name,
        ))
    if project.aid_funds is not None:
        funds = words["amount"] % {"amount": amount(project.aid_funds)}
        facts.append(format_html("<div><dt>{}</dt><dd>{}</dd></div>", words["funds"], funds))
    return format_html(
        '<article class="card project-card"><div class="card-body">'
        '<p class="card-kicker">{}</p>'
        '<h3 class="card-title"><a href="{}">{}</a></h3>'
        '<dl class="card-facts">{}</dl>{}</div></article>',
        mark_safe("".join(kicker)),
        project.get_absolute_url(),
        project.name,
        mark_safe("".join(facts)),
        topic_chips(project.topics.all(), words["topics"]),
    )


@register.simple_tag
@one_setting()
def project_cards(projects):
    """Every card of a list, one after another (as `trip_cards`)."""
    words = _words()
    return mark_safe("".join(project_card(project, words) for project in projects))
