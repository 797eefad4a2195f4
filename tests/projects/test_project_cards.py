"""A project card, written out in Python, is the elements and text the template wrote."""

from pathlib import Path

import pytest
from django.template import Context, Template
from django.test.html import parse_html
from django.utils import translation

from projects.models import Project
from projects.templatetags.project_cards import project_card, project_cards
from tests.builders import make_project
from tests.public_site import build_world

pytestmark = pytest.mark.django_db

# The card as the template includes/project_card.html (since removed) wrote it before.
TEMPLATE = (Path(__file__).resolve().parent.parent / "data" / "templates_before" / "project_card.html").read_text()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_card_reads_as_the_template_wrote_it(seed, language):
    build_world(2)
    make_project(name="<无地点 & 无资金>", region=None, pairing=None, aid_funds=None, stage="", start_year=None)
    make_project(name="有小数的资金", aid_funds="1234.50", start_year=2022)
    projects = list(Project.objects.with_listing_related().order_by("pk"))
    assert len(projects) >= 4

    cards = []
    with translation.override(language):
        for project in projects:
            python = project_card(project)
            template = Template(TEMPLATE).render(Context({"project": project}))
            assert parse_html(python) == parse_html(template), project.name
            cards.append(python)
        # A list's cards, its words translated once for all of them, are the same cards.
        assert project_cards(projects) == "".join(cards)
    for part in ("tag-stage-", 'class="chips"', "1,234.5", "&lt;无地点 &amp; 无资金&gt;"):
        assert any(part in card for card in cards), part
