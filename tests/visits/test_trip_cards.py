"""A trip card, written out in Python, is the elements and text the template wrote."""

import datetime

import pytest
from django.template import Context, Template
from django.test.html import parse_html
from django.utils import translation

from tests.builders import make_delegation, make_participant, make_person, region
from tests.public_site import build_world, make_photo
from visits.models import Delegation, ParticipantRole
from visits.templatetags.trip_cards import trip_card

pytestmark = pytest.mark.django_db

# The card as includes/trip_card.html wrote it before.
TEMPLATE = """{% load i18n site_tags %}
<article class="card trip-card">
  {% if trip.cover_photo and trip.cover_photo.thumbnail %}
    <img class="card-image" src="{{ trip.cover_photo.thumbnail.url }}" alt="{{ trip.cover_photo.alt_text }}"{% if trip.cover_photo.width %} width="{{ trip.cover_photo.width }}" height="{{ trip.cover_photo.height }}"{% endif %} loading="lazy">
  {% endif %}
  <div class="card-body">
    <p class="card-kicker"><span class="tag">{{ trip.get_kind_display }}</span> <time{% if trip.start_date %} datetime="{{ trip.start_date|date:'Y-m-d' }}"{% endif %}>{{ trip|trip_dates|default:_("日期不详") }}</time></p>
    <h3 class="card-title"><a href="{{ trip.get_absolute_url }}">{{ trip.title }}</a></h3>
    <dl class="card-facts">
      {% if trip.name %}<div><dt>{% translate "代表团" %}</dt><dd>{{ trip.name }}</dd></div>{% endif %}
      {% if trip.leaders %}
        <div><dt>{% translate "带队" %}</dt><dd>{% for leader in trip.leaders %}{% person_name person=leader.person name=leader.name_as_printed title=leader.title_as_printed %}{% if not forloop.last %}、{% endif %}{% endfor %}</dd></div>
      {% endif %}
      {% with destinations=trip.destinations.all %}
      {% if trip.origin or destinations %}
        <div><dt>{% translate "行程" %}</dt><dd>{% if trip.origin %}<a href="{{ trip.origin.get_absolute_url }}">{{ trip.origin.display_name }}</a>{% endif %}{% if destinations %} <span aria-hidden="true">→</span><span class="visually-hidden">{% translate "前往" %}</span> {% for region in destinations %}<a href="{{ region.get_absolute_url }}">{{ region.display_name }}</a>{% if not forloop.last %}、{% endif %}{% endfor %}{% endif %}</dd></div>
      {% endif %}
      {% endwith %}
    </dl>
    {% if trip.summary %}<p class="card-summary">{{ trip.summary|truncatechars:110 }}</p>{% endif %}
    {% with topics=trip.topics.all %}
    {% if topics %}
      <ul class="chips" aria-label="{% translate "协作领域" %}">
        {% for topic in topics %}<li><a class="chip" href="{{ topic.get_absolute_url }}">{{ topic.name }}</a></li>{% endfor %}
      </ul>
    {% endif %}
    {% endwith %}
  </div>
</article>
"""


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_card_reads_as_the_template_wrote_it(seed, language):
    build_world(2)
    bare = make_delegation("<无日期 & 无摘要>", origin=None)
    long = make_delegation(
        "长摘要", start_date=datetime.date(2023, 5, 1), end_date=datetime.date(2023, 5, 3),
        summary="摘要" * 80, cover_photo=make_photo(alt_text='带"引号"的说明', width=None, height=None),
    )
    long.destinations.set([region("察右前旗"), region("正镶白旗")])
    make_participant(long, make_person("带队人"), role=ParticipantRole.LEADER, name_as_printed="带队人")
    make_participant(long, None, role=ParticipantRole.LEADER, name_as_printed="无页面的人", title_as_printed="")
    trips = list(Delegation.objects.with_card_related().order_by("pk"))
    trips += list(Delegation.objects.with_listing_related().filter(pk=bare.pk))  # no leaders looked up
    assert len(trips) >= 5

    cards = []
    with translation.override(language):
        for trip in trips:
            python = trip_card(trip)
            template = Template(TEMPLATE).render(Context({"trip": trip}))
            assert parse_html(python) == parse_html(template), trip.title
            cards.append(python)
    # Every part of a card was compared somewhere: photo, leaders with and without a page, route, topics.
    for part in ('class="card-image"', 'class="person-link"', 'class="person-name"', "→", 'class="chips"', "摘要摘要"):
        assert any(part in card for card in cards), part
    assert not any("摘要" * 60 in card for card in cards)  # the long summary was shortened
