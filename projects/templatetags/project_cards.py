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


@register.simple_tag
def project_card(project):
    kicker = []
    if project.stage:
        kicker.append(format_html(
            '<span class="tag tag-stage-{}">{}</span> ', project.stage, project.get_stage_display()
        ))
    if project.start_year:
        kicker.append(format_html("<span>{}</span>", _("%(year)s 年度") % {"year": project.start_year}))
    facts = []
    if project.pairing:
        pairing = project.pairing
        facts.append(format_html(
            '<div><dt>{}</dt><dd><a href="{}">{} — {}</a></dd></div>', _("结对"), pairing.get_absolute_url(),
            pairing.support_region.display_name, pairing.recipient_region.display_name,
        ))
    if project.region:
        facts.append(format_html(
            '<div><dt>{}</dt><dd><a href="{}">{}</a></dd></div>', _("地点"), project.region.get_absolute_url(),
            project.region.display_name,
        ))
    if project.aid_funds is not None:
        funds = _("%(amount)s 万元") % {"amount": amount(project.aid_funds)}
        facts.append(format_html("<div><dt>{}</dt><dd>{}</dd></div>", _("帮扶资金"), funds))
    return format_html(
        '<article class="card project-card"><div class="card-body">'
        '<p class="card-kicker">{}</p>'
        '<h3 class="card-title"><a href="{}">{}</a></h3>'
        '<dl class="card-facts">{}</dl>{}</div></article>',
        mark_safe("".join(kicker)),
        project.get_absolute_url(),
        project.name,
        mark_safe("".join(facts)),
        topic_chips(project.topics.all()),
    )


@register.simple_tag
@one_setting()
def project_cards(projects):
    """Every card of a list, one after another (as `trip_cards`)."""
    return mark_safe("".join(project_card(project) for project in projects))
