"""The home page's pairings, written out in Python, are the elements and text the template wrote."""

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
TEMPLATE = """{% load i18n site_tags %}{% for pairing, figures in pairings %}
  <li class="pairing-item">
    <h3 class="pairing-name"><a href="{{ pairing.get_absolute_url }}">{{ pairing.support_region.display_name }} <span class="pair-sep" aria-hidden="true">⇄</span><span class="visually-hidden">{% translate "结对" %}</span> {{ pairing.recipient_region.display_name }}</a></h3>
    <p class="pairing-meta">{{ pairing.level_label }}{% if pairing.start_year %} · {% blocktranslate trimmed with year=pairing.start_year %}{{ year }} 年起{% endblocktranslate %}{% endif %}</p>
    <dl class="figures">
      <div><dt>{% translate "考察活动" %}</dt><dd>{{ pairing.trip_count }}</dd></div>
      <div><dt>{% translate "协作项目" %}</dt><dd>{{ pairing.project_count }}</dd></div>
    </dl>
    {% if figures %}
      <dl class="headline-figures">
        {% for figure in figures %}
          <div><dt>{{ figure.label }}</dt><dd>{{ figure.value|amount }}<span class="muted">{% if figure.planned %}{% blocktranslate trimmed with year=figure.year %}{{ year }} 年计划{% endblocktranslate %}{% else %}{% blocktranslate trimmed with year=figure.year %}{{ year }} 年{% endblocktranslate %}{% endif %}</span></dd></div>
        {% endfor %}
      </dl>
    {% endif %}
  </li>
{% endfor %}"""


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
