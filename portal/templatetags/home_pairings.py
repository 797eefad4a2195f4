"""The home page's list of pairings, written out in Python.

Fifty pairings of a few lines each made about a thousand template variables, a third of the
home page's time; this writes the same elements and text (every value escaped by format_html).
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from cooperation.templatetags.site_tags import amount

register = template.Library()


@register.simple_tag
def pairing_items(pairings):
    """<li>s of (pairing, headline figures) pairs: names, level, counts and key numbers."""
    return format_html_join("", "{}", ((_pairing_item(pairing, figures),) for pairing, figures in pairings))


def _pairing_item(pairing, figures):
    meta = pairing.level_label
    if pairing.start_year:
        meta = format_html("{} · {}", meta, _("%(year)s 年起") % {"year": pairing.start_year})
    numbers = ""
    if figures:
        numbers = format_html(
            '<dl class="headline-figures">{}</dl>',
            format_html_join(
                "",
                '<div><dt>{}</dt><dd>{}<span class="muted">{}</span></dd></div>',
                ((figure.label, amount(figure.value), figure.when) for figure in figures),
            ),
        )
    return format_html(
        '<li class="pairing-item">'
        '<h3 class="pairing-name"><a href="{}">{} <span class="pair-sep" aria-hidden="true">⇄</span>'
        '<span class="visually-hidden">{}</span> {}</a></h3>'
        '<p class="pairing-meta">{}</p>'
        '<dl class="figures"><div><dt>{}</dt><dd>{}</dd></div><div><dt>{}</dt><dd>{}</dd></div></dl>'
        "{}</li>",
        pairing.get_absolute_url(), pairing.support_region.display_name, _("结对"),
        pairing.recipient_region.display_name, meta, _("考察活动"), pairing.trip_count, _("协作项目"),
        pairing.project_count, numbers,
    )
