"""The home page's list of pairings, written out in Python.

Fifty pairings of a few lines each made about a thousand template variables, a third of the
home page's time; this writes the same elements and text (every value escaped by format_html).
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cooperation.markup import format_html, format_html_join
from cooperation.slugs import one_setting
from cooperation.templatetags.site_tags import amount

register = template.Library()


@register.simple_tag
@one_setting()
def pairing_items(pairings):
    """<li>s of (pairing, headline figures) pairs: names, level, counts and key numbers."""
    # The words every item repeats, translated once for the list.
    words = {"since": _("%(year)s 年起"), "pair": _("结对"), "trips": _("考察活动"), "projects": _("协作项目")}
    # metric -> its label; (planned, year) -> "2023 年" or "2023 年计划"; ("level", …) -> 区旗
    labels = {}
    return mark_safe("".join(_pairing_item(pairing, figures, words, labels) for pairing, figures in pairings))


def _label(figure, labels):
    label = labels.get(figure.metric)
    if label is None:
        label = labels[figure.metric] = str(figure.label)
    return label


def _level(pairing, labels):
    """The pairing's level (`level_label`), worked out once per level and pair of region levels
    for the list (a translation each)."""
    key = ("level", pairing.level, pairing.support_region.level, pairing.recipient_region.level)
    label = labels.get(key)
    if label is None:
        label = labels[key] = pairing.level_label
    return label


def _when(figure, labels):
    """The figure's `when`, worked out once per year and kind for the list (a translation each)."""
    key = (figure.planned, figure.year)
    when = labels.get(key)
    if when is None:
        when = labels[key] = figure.when
    return when


def _pairing_item(pairing, figures, words, labels):
    meta = _level(pairing, labels)
    if pairing.start_year:
        meta = format_html("{} · {}", meta, words["since"] % {"year": pairing.start_year})
    numbers = ""
    if figures:
        numbers = format_html(
            '<dl class="headline-figures">{}</dl>',
            format_html_join(
                "",
                '<div><dt>{}</dt><dd>{}<span class="muted">{}</span></dd></div>',
                ((_label(figure, labels), amount(figure.value), _when(figure, labels)) for figure in figures),
            ),
        )
    return format_html(
        '<li class="pairing-item">'
        '<h3 class="pairing-name"><a href="{}">{} <span class="pair-sep" aria-hidden="true">⇄</span>'
        '<span class="visually-hidden">{}</span> {}</a></h3>'
        '<p class="pairing-meta">{}</p>'
        '<dl class="figures"><div><dt>{}</dt><dd>{}</dd></div><div><dt>{}</dt><dd>{}</dd></div></dl>'
        "{}</li>",
        pairing.get_absolute_url(), pairing.support_region.display_name, words["pair"],
        pairing.recipient_region.display_name, meta, words["trips"], pairing.trip_count, words["projects"],
        pairing.project_count, numbers,
    )
