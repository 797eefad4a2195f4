"""A pairing's yearly figures as a table, as headline numbers and as bar charts drawn on the server.

The charts are plain SVG geometry computed here and written out by a template: they read
without JavaScript and need no inline style, so they pass a strict Content Security Policy.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from cooperation import content_version
from cooperation.models import FigureMetric, ProgramFigure

METRIC_ORDER = [metric for metric, _label in FigureMetric.choices]
HEADLINE_METRICS = [FigureMetric.FUNDS, FigureMetric.PROJECTS, FigureMetric.LABOUR]


def _value(figure):
    return figure.actual if figure.actual is not None else figure.planned


@dataclass
class FigureTable:
    metrics: list  # (value, label) pairs, in the program's order
    rows: list  # (year, [figure or None per metric]), newest year first


def figure_table(figures):
    figures = list(figures)
    used = {f.metric for f in figures}
    metrics = [(m, label) for m, label in FigureMetric.choices if m in used]
    by_year = {}
    for figure in figures:
        by_year.setdefault(figure.year, {})[figure.metric] = figure
    rows = [
        (year, [by_year[year].get(metric) for metric, _label in metrics])
        for year in sorted(by_year, reverse=True)
    ]
    return FigureTable(metrics=metrics, rows=rows)


@dataclass
class HeadlineFigure:
    metric: str
    value: Decimal
    year: int
    planned: bool

    @property
    def label(self):
        return FigureMetric(self.metric).label

    @property
    def when(self):
        """"2023 年", or "2023 年计划" for a plan."""
        if self.planned:
            return _("%(year)s 年计划") % {"year": self.year}
        return _("%(year)s 年") % {"year": self.year}


def headline(figures):
    """Each key metric's most recent reported number: the actual if any year has one, else the plan."""
    figures = sorted(figures, key=lambda f: f.year, reverse=True)
    chosen = []
    for metric in HEADLINE_METRICS:
        series = [f for f in figures if f.metric == metric]
        actual = next((f for f in series if f.actual is not None), None)
        figure = actual or next((f for f in series if f.planned is not None), None)
        if figure is not None:
            chosen.append(
                HeadlineFigure(
                    metric=figure.metric,
                    value=_value(figure),
                    year=figure.year,
                    planned=figure.actual is None,
                )
            )
    return chosen


def headlines_by_pairing():
    """{pairing id: `headline()` of its figures}, worked out once per change to the figures.

    The home page shows the key numbers of every pairing in use; the figures change when a
    ledger of them is imported, not when a trip is published, so one computation serves every
    home page until then (rather than loading every figure of fifty pairings each time).
    """
    return content_version.cached(
        "cooperation:figures:headlines", _headlines_by_pairing, settings.PAGE_CACHE_SECONDS, as_read=True
    )


def _headlines_by_pairing():
    by_pairing = {}
    figures = ProgramFigure.objects.filter(metric__in=HEADLINE_METRICS).only(
        "pairing_id", "year", "metric", "planned", "actual"
    )
    for figure in figures:
        by_pairing.setdefault(figure.pairing_id, []).append(figure)
    return {pairing_id: headline(figures) for pairing_id, figures in by_pairing.items()}


# Chart geometry in SVG user units; the SVG scales to its container.
WIDTH, HEIGHT = 320, 190
LEFT, RIGHT, TOP, BOTTOM = 8, 8, 22, 28


@dataclass
class Bar:
    year: int
    x: float
    width: float
    actual_y: float | None
    actual_height: float
    planned_y: float | None
    label: str
    label_y: float
    label_is_planned: bool = False

    @property
    def x_end(self):
        return round(self.x + self.width, 1)

    @property
    def planned_x(self):
        return round(self.x - 4, 1)

    @property
    def planned_x_end(self):
        return round(self.x + self.width + 4, 1)

    @property
    def center(self):
        return round(self.x + self.width / 2, 1)


@dataclass
class BarChart:
    metric: str
    label: str
    bars: list
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - BOTTOM
    left: int = LEFT
    right: int = WIDTH - RIGHT
    # Planned against actual: the legend says which is which. Counts have only one series.
    legend: bool = True


def _number(value):
    value = Decimal(value).normalize()
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def bar_charts(figures):
    """One small chart per metric (their units differ): actual as bars, planned as a marker line."""
    figures = list(figures)
    charts = []
    for metric, label in FigureMetric.choices:
        series = sorted((f for f in figures if f.metric == metric), key=lambda f: f.year)
        if series:
            charts.append(_chart(metric, label, [(f.year, f.actual, f.planned) for f in series]))
    return charts


def count_charts(rows, series):
    """One chart per kind of record counted per year: `rows` have `.year` and an attribute per kind.

    `series` is [(kind, label)]; a kind never counted is left out, so no chart shows only zeros.
    """
    charts = []
    for kind, label in series:
        points = [(row.year, Decimal(getattr(row, kind)), None) for row in rows]
        if any(actual for _year, actual, _planned in points):
            charts.append(_chart(f"activity-{kind}", label, points, legend=False))
    return charts


def _chart(metric, label, points, legend=True):
    """A bar per (year, actual, planned), scaled to the largest number of the series."""
    top = max(max(actual or 0, planned or 0) for _year, actual, planned in points) or Decimal(1)
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / len(points)
    width = min(slot * 0.6, 48)
    bars = []
    for index, (year, actual, planned) in enumerate(points):
        x = LEFT + slot * index + (slot - width) / 2
        actual_height = float(actual or 0) / float(top) * plot_height
        actual_y = HEIGHT - BOTTOM - actual_height if actual is not None else None
        planned_y = HEIGHT - BOTTOM - float(planned) / float(top) * plot_height if planned is not None else None
        shown = actual if actual is not None else planned
        highest = min(y for y in (actual_y, planned_y, HEIGHT - BOTTOM) if y is not None)
        bars.append(
            Bar(
                year=year,
                x=round(x, 1),
                width=round(width, 1),
                actual_y=round(actual_y, 1) if actual_y is not None else None,
                actual_height=round(actual_height, 1),
                planned_y=round(planned_y, 1) if planned_y is not None else None,
                label=_number(shown) if shown is not None else "",
                label_y=round(highest - 6, 1),
                label_is_planned=actual is None,
            )
        )
    return BarChart(metric=metric, label=label, bars=bars, legend=legend)
