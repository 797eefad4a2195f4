"""Query budgets: every public page and admin changelist costs the same queries at both sizes.

The small world is the seed report with a record in each section it leaves empty; the large
one adds, with the benchmark's own generator,
enough published records to page every list and fill every relation (trips with pairings,
destinations, topics, leaders, site visits that inspect projects, meetings with speeches by
people with posts). Each page is the benchmark's (`benchmarks.site.pages`), so a page kind
added there is budgeted here too. The page cache is off: the figure is the page's own work.
At both sizes the charts and the pairings diagram are drawn.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.data import generate
from benchmarks.site import changelists, pages
from cooperation.models import Pairing, Topic
from projects.models import Project
from tests.builders import make_person, make_project, make_speech, region
from tests.public_site import parse
from visits.models import Meeting

# "About a dozen": the most any page may make, whatever the size of the data.
BUDGET = 16
# 1 % of the benchmark's large size: 50 trips, 200 site visits, 600 speeches, 100 projects —
# several pages of every list, in a second.
SCALE = 0.01


def _counts(client, addresses):
    counts = {}
    for label, url in addresses:
        # Once before counting: what a process looks up once and keeps (content types, the
        # site's identity) is not the page's cost.
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (label, url, response.status_code)
        counts[label] = len(queries)
    return counts


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE = False


@pytest.fixture
def one_of_each(seed):
    """The seed, plus a record in each section it leaves empty on the benchmark's pages.

    Django runs no prefetch for an empty section, so an empty section costs fewer queries:
    with one record everywhere, "one" and "many" must cost exactly the same.
    """
    pairing = Pairing.objects.get(slug="da-xing-qu-cha-you-qian-qi")
    Project.objects.update(aid_funds=500)  # the seed's project, inside the funds range asked for
    project = make_project(name="察右前旗芍药种植基地", pairing=pairing, region=region("察右前旗"), aid_funds=800)
    project.topics.add(Topic.objects.first())
    make_person(name="芍药专家", title="农技推广站站长", bio="研究芍药种植。")
    make_speech(Meeting.objects.first(), name_as_printed="某某", points="推广芍药种植。")


def _pictures(client):
    """What the pages that draw draw: the charts' bars on the home and pairing pages, the pairings
    diagram's lines, and whether every line opens a pairing page."""
    addresses = dict(pages())
    drawn = {}
    for label in ("home", "pairing page"):
        charts = parse(client.get(addresses[label])).find_all("svg", cls="chart-svg")
        drawn[label] = [len(chart.find_all("rect", cls="chart-bar")) for chart in charts]
    lines = parse(client.get(addresses["pairings index"])).find_all("a", cls="diagram-line")
    drawn["diagram"] = (len(lines), Pairing.objects.in_public_use().count())
    drawn["diagram links"] = {line.attrs["href"].split("/")[1] for line in lines}
    return drawn


def test_public_pages_cost_the_same_queries_with_one_and_with_many_records(client, one_of_each, no_page_cache):
    small = _counts(client, pages())
    small_pictures = _pictures(client)

    generate(scale=SCALE)
    large = _counts(client, pages())
    large_pictures = _pictures(client)

    assert large == small
    assert {label: count for label, count in small.items() if count > BUDGET} == {}
    # The charts and the diagram are drawn from the seed and from the benchmark's data alike.
    # One year (2024) of trips and meetings in the seed; years of trips, meetings and projects, and of a
    # pairing's funds and exchanges, in the benchmark's data.
    assert small_pictures["home"] == small_pictures["pairing page"] == [1, 1]
    assert len(large_pictures["home"]) == 3 and len(large_pictures["pairing page"]) == 5
    assert all(bars > 1 for bars in large_pictures["home"] + large_pictures["pairing page"])
    # A line for every pairing the public sees, each opening its pairing's page.
    assert small_pictures["diagram"] == (2, 2)
    assert large_pictures["diagram"][0] == large_pictures["diagram"][1] > 2
    assert small_pictures["diagram links"] == large_pictures["diagram links"] == {"pairings"}


def test_admin_changelists_cost_the_same_queries_with_one_and_with_many_records(
    client, one_of_each, no_page_cache, django_user_model
):
    client.force_login(django_user_model.objects.create_superuser("budget", password="budget-only-password"))
    small = _counts(client, changelists())

    generate(scale=SCALE)
    large = _counts(client, changelists())

    assert large == small
    assert {label: count for label, count in small.items() if count > BUDGET} == {}
