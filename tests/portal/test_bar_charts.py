"""The bar charts, written out in Python, are the elements and text the template wrote."""

from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.test.html import parse_html
from django.utils import translation

from cooperation.figures import bar_charts as figure_charts
from cooperation.figures import count_charts
from cooperation.models import FigureMetric
from portal.activity import YearRow
from portal.overview import activity_series
from portal.templatetags.charts import bar_chart

# A chart as the template includes/bar_chart.html (since removed) wrote it.
TEMPLATE = (Path(__file__).resolve().parent.parent / "data" / "templates_before" / "bar_chart.html").read_text()


def _figure(metric, year, planned=None, actual=None):
    return SimpleNamespace(metric=metric, year=year, planned=planned, actual=actual)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_chart_reads_as_the_template_wrote_it(language):
    first, second = [metric for metric, _label in FigureMetric.choices][:2]
    figures = [
        _figure(first, 2021, planned=Decimal("1200.50"), actual=Decimal("1300")),
        _figure(first, 2022, planned=Decimal("2000")),  # planned only: the label says so
        _figure(first, 2023, actual=Decimal("0.75")),
        _figure(second, 2023, planned=Decimal("3"), actual=Decimal("12345678")),
    ]
    rows = [YearRow(2022, trips=3, meetings=0, projects=1), YearRow(2023, trips=12, meetings=4, projects=0)]

    with translation.override(language):
        charts = figure_charts(figures) + count_charts(rows, activity_series())
        for chart in charts:
            python = bar_chart(chart)
            template = Template(TEMPLATE).render(Context({"chart": chart}))
            assert parse_html(python) == parse_html(template), chart.metric

    assert len(charts) == 5
    drawn = "".join(bar_chart(chart) for chart in charts)
    for part in ('class="chart-bar"', 'class="chart-planned"', "chart-value-planned", 'class="chart-legend"'):
        assert part in drawn, part
