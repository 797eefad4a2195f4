"""A trip card, written out in Python, is the elements and text the template wrote."""

import datetime
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test.html import parse_html
from django.utils import translation

from tests.builders import make_delegation, make_participant, make_person, region
from tests.public_site import build_world, make_photo
from visits.models import Delegation, ParticipantRole
from visits.templatetags.trip_cards import trip_card, trip_cards

pytestmark = pytest.mark.django_db

# The card as the template includes/trip_card.html (since removed) wrote it before.
TEMPLATE = (Path(__file__).resolve().parent.parent / "data" / "templates_before" / "trip_card.html").read_text()


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
        # A list's cards, its words translated once for all of them, are the same cards.
        assert trip_cards(trips) == "".join(cards)
    # Every part of a card was compared somewhere: photo, leaders with and without a page, route, topics.
    for part in ('class="card-image"', 'class="person-link"', 'class="person-name"', "→", 'class="chips"', "摘要摘要"):
        assert any(part in card for card in cards), part
    assert not any("摘要" * 60 in card for card in cards)  # the long summary was shortened

