"""The home page's pairings, written out in Python, are the elements and text the template wrote."""

from pathlib import Path

import pytest
from django.template import Context, Template
from django.test.html import parse_html
from django.utils import translation

from cooperation.figures import HeadlineFigure, headlines_by_pairing
from cooperation.models import Pairing
from portal.activity import counts_by_pairing, with_counts
from portal.templatetags.home_pairings import pairing_items

pytestmark = pytest.mark.django_db

# The list as the home template wrote it before.
TEMPLATE = (Path(__file__).resolve().parent.parent / "data" / "templates_before" / "home_pairings.html").read_text()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_pairings_read_as_the_template_wrote_them(seed, language):
    from decimal import Decimal

    pairings = with_counts(Pairing.objects.with_regions().order_by("pk"), counts_by_pairing())
    headlines = headlines_by_pairing()
    items = [(pairing, headlines.get(pairing.pk, [])) for pairing in pairings]
    # Every kind of key number: planned and reported, whole and with decimals, a name with <&>.
    items[0][0].start_year, items[0][0].support_region.short_name = 2021, "<大兴&区>"
    items[0] = (items[0][0], [HeadlineFigure("funds", Decimal("1200.50"), 2023, False),
                             HeadlineFigure("projects", Decimal("12"), 2024, True)])
    assert len(items) > 1

    with translation.override(language):
        python = pairing_items(items)
        template = Template(TEMPLATE).render(Context({"pairings": items}))

    assert parse_html(python) == parse_html(template)
    assert "&lt;大兴&amp;区&gt;" in python
