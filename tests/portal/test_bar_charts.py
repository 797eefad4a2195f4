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
from portal.templatetags.charts import activity_rows, bar_chart, bar_charts

# A chart as the template includes/bar_chart.html (since removed) wrote it.
TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "data" / "templates_before"
TEMPLATE = (TEMPLATE_DIR / "bar_chart.html").read_text()


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
        # The page's charts, their words translated once for all of them, are the same charts.
        assert bar_charts(charts) == "".join(bar_chart(chart) for chart in charts)

    assert len(charts) == 5
    drawn = "".join(bar_chart(chart) for chart in charts)
    for part in ('class="chart-bar"', 'class="chart-planned"', "chart-value-planned", 'class="chart-legend"'):
        assert part in drawn, part


# The rows of an activity table as the loop of includes/activity_charts.html wrote them.
ROWS_BEFORE = (TEMPLATE_DIR / "activity_rows.html").read_text()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_activity_table_rows_are_the_bytes_the_loop_wrote(language):
    rows = [YearRow(2019), YearRow(2023, trips=12, meetings=4, projects=0), YearRow(2024, 1234, 56789, 1000000)]
    with translation.override(language):
        for shown in (rows, rows[:1], []):
            before = Template(ROWS_BEFORE).render(Context({"activity": SimpleNamespace(rows=shown)}))
            assert activity_rows(shown) == before
