"""The pages' small bar charts (cooperation/figures.py), written out in Python.

A chart through the template engine was some sixty variables, each number passed through the
locale's number formatting, and the home and pairing pages draw three to eight of them: about a
tenth of those pages. This writes the same elements and text (every value escaped by
format_html). The numbers are ints (written as such) and rounded floats (as `stringformat:'s'`
wrote them).
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cooperation.markup import format_html, format_html_join

register = template.Library()


@register.simple_tag
def bar_charts(charts):
    words = _words()
    return mark_safe("".join(bar_chart(chart, words) for chart in charts))


def _words():
    """The words every chart repeats, translated once for the page's charts."""
    return {"planned label": _("（计划）"), "done": _("完成"), "planned": _("计划")}


def bar_chart(chart, words=None):
    words = words or _words()
    metric = chart.metric
    planned = words["planned label"]
    description = "；".join(
        f"{bar.year}：{bar.label}{planned if bar.label_is_planned else ''}" for bar in chart.bars
    )
    legend = ""
    if chart.legend:
        legend = format_html(
            '<span class="chart-legend"><span class="legend-bar" aria-hidden="true"></span>{} '
            '<span class="legend-planned" aria-hidden="true"></span>{}</span>',
            words["done"],
            words["planned"],
        )
    return format_html(
        '<figure class="chart"><svg viewBox="0 0 {} {}" role="img" aria-labelledby="chart-{}-title chart-{}-desc" '
        'class="chart-svg"><title id="chart-{}-title">{}</title><desc id="chart-{}-desc">{}</desc>'
        '<line class="chart-axis" x1="{}" y1="{}" x2="{}" y2="{}"/>{}</svg><figcaption>{}{}</figcaption></figure>',
        chart.width, chart.height, metric, metric, metric, chart.label, metric, description,
        chart.left, chart.baseline, chart.right, chart.baseline,
        format_html_join("", "{}", ((_bar(bar, chart.height),) for bar in chart.bars)),
        chart.label, legend,
    )


@register.simple_tag
def activity_rows(rows):
    """The rows of an activity table (portal/activity.py's YearRow: a year and three counts), each
    with the lines of the loop it replaces. The numbers are ints, written as such: the locale's
    number formatting wrote them the same at some fifty calls each, thirty-odd numbers a table."""
    return mark_safe("".join(
        f'\n            <tr><th scope="row">{row.year:d}</th><td>{row.trips:d}</td><td>{row.meetings:d}</td>'
        f"<td>{row.projects:d}</td></tr>\n          "
        for row in rows
    ))


def _bar(bar, height):
    actual = ""
    if bar.actual_y is not None:
        actual = format_html(
            '<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}"/>',
            bar.x, bar.actual_y, bar.width, bar.actual_height,
        )
    planned = ""
    if bar.planned_y is not None:
        planned = format_html(
            '<line class="chart-planned" x1="{}" x2="{}" y1="{}" y2="{}"/>',
            bar.planned_x, bar.planned_x_end, bar.planned_y, bar.planned_y,
        )
    return format_html(
        '<g>{}{}<text class="chart-value{}" x="{}" y="{}" text-anchor="middle">{}</text>'
        '<text class="chart-year" x="{}" y="{}" text-anchor="middle">{}</text></g>',
        actual, planned, " chart-value-planned" if bar.label_is_planned else "", bar.center, bar.label_y, bar.label,
        bar.center, height - 10, bar.year,
    )
