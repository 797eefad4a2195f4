"""A list's places, topics and pairings made from kept rows (cooperation/kept_links.py): the same
records as Django's prefetch, and an edit to one of them shows on the next request, through the
page cache and the kept rows alike (both end by cooperation/content_version.py)."""

import pytest

from cooperation.models import Pairing, Region, Topic
from tests.builders import make_delegation, make_region, make_topic, region
from tests.public_site import parse
from visits.models import Delegation

TRIP = "/visits/da-xing-qu-dang-zheng-dai-biao-tuan/"


def destinations(client, url=TRIP):
    facts = parse(client.get(url)).find("section", aria_labelledby="delegation-title")
    return dict((div.find("dt").text, div.find("dd").text) for div in facts.find_all("div"))["目的地"]


def home_topics(client):
    return parse(client.get("/")).find("section", aria_labelledby="topics").text


def test_the_kept_records_are_the_prefetched_ones_in_the_same_order(seed):
    trip = make_delegation(title="多地考察")
    trip.destinations.set([region("察右前旗"), region("正镶白旗"), region("大兴区")])
    trip.topics.set([make_topic(name="乙领域"), make_topic(name="甲领域"), *Topic.objects.all()[:2]])
    trip.pairings.set(Pairing.objects.all())

    fields = ("destinations", "topics", "pairings")
    prefetched = Delegation.objects.prefetch_related(*fields).order_by("pk")
    kept = Delegation.objects.kept_links(*fields).order_by("pk")

    for old, new in zip(prefetched, kept, strict=True):
        for name in fields:
            assert [_fields(record) for record in getattr(new, name).all()] == [
                _fields(record) for record in getattr(old, name).all()
            ]
    # A pairing comes with its two regions, as Pairing.objects.with_sides() gives them.
    pairing = kept.get(pk=trip.pk).pairings.all()[0]
    assert _sides(pairing) == (pairing.support_region_id, pairing.recipient_region_id)
    # The related manager still filters in the database, as after Django's prefetch.
    assert list(kept.get(pk=trip.pk).destinations.filter(name="大兴区")) == [region("大兴区")]


def _fields(record):
    return {name: value for name, value in vars(record).items() if not name.startswith("_")}


def _sides(pairing):
    cached = pairing._state.fields_cache
    return cached["support_region"].pk, cached["recipient_region"].pk


def test_only_many_to_many_fields_to_kept_tables_are_accepted(db):
    with pytest.raises(ValueError, match="related_projects"):
        Delegation.objects.kept_links("related_projects")


def test_the_kept_foreign_keys_are_the_selected_ones(seed, django_assert_num_queries):
    from projects.models import Project
    from tests.builders import make_project

    town = make_region("星耀镇北村", parent=region("察右前旗"))
    placed = make_project(name="甲项目", region=town, pairing=Pairing.objects.order_by("pk").first())
    nowhere = make_project(name="乙项目", region=None, pairing=None)
    paths = ("pairing__support_region", "pairing__recipient_region", "region__parent__parent__parent")
    selected = list(Project.objects.select_related(*paths).order_by("pk"))
    list(Project.objects.kept_related("pairing", "region"))  # the rows kept

    with django_assert_num_queries(1):
        kept = list(Project.objects.kept_related("pairing", "region__parent__parent__parent").order_by("pk"))
        made = [_related(project, paths) for project in kept]

    assert made == [_related(project, paths) for project in selected]
    by_pk = dict(zip([project.pk for project in kept], made, strict=True))
    assert [place["id"] for place in by_pk[placed.pk][2]] == [town.pk, *_above(region("察右前旗"))]
    assert by_pk[nowhere.pk] == [[None], [None], [None]]


def _above(place):
    """The place and the places above it, up to three."""
    found = []
    while place is not None and len(found) < 3:
        found.append(place.pk)
        place = place.parent
    return found


def _related(record, paths):
    """Each path's records in turn, as fields (None where a key is empty)."""
    found = []
    for path in paths:
        steps, owner = [], record
        for name in path.split("__"):
            owner = getattr(owner, name)
            steps.append(None if owner is None else _fields(owner))
            if owner is None:
                break
        found.append(steps)
    return found


def test_only_foreign_keys_to_kept_tables_are_kept_related(db):
    from projects.models import Project

    with pytest.raises(ValueError, match="organization"):
        Project.objects.kept_related("organization")


@pytest.mark.parametrize("page_cache", [True, False])
def test_a_renamed_place_a_new_place_and_a_renamed_topic_show_on_the_next_request(client, seed, settings, page_cache):
    settings.PAGE_CACHE = page_cache
    before = destinations(client)
    assert "内蒙古自治区乌兰察布市察哈尔右翼前旗" in before

    place = region("察右前旗")
    place.name = "察哈尔右翼前旗新名"  # its full name follows (Region.save)
    place.save()
    assert "内蒙古自治区乌兰察布市察哈尔右翼前旗新名" in destinations(client)

    # A place added after the rows were kept, linked to the trip.
    town = make_region("星耀镇新村", parent=place)
    Delegation.objects.get(slug=TRIP.split("/")[2]).destinations.add(town)
    assert town.full_name in destinations(client)

    # A topic renamed shows on the trip list's cards and among the home page's topics.
    topic = Delegation.objects.get(slug=TRIP.split("/")[2]).topics.first()
    assert topic.name in client.get("/visits/").content.decode()
    assert topic.name in home_topics(client)
    Topic.objects.filter(pk=topic.pk).update(name="新的协作领域")
    assert "新的协作领域" in client.get("/visits/").content.decode()
    assert "新的协作领域" in home_topics(client)
    assert Region.objects.filter(pk=town.pk).exists()


def test_a_place_written_by_another_process_before_this_one_hears_of_it_is_read_at_once(
    client, seed, settings, monkeypatch
):
    from cooperation import content_version

    settings.PAGE_CACHE = False
    destinations(client)  # the places' rows kept
    # This process has not heard of the change yet: every kept copy still looks fresh to it.
    monkeypatch.setattr(content_version, "fresh", lambda made, tags: True)
    town = make_region("星耀镇另一新村", parent=region("察右前旗"))
    Delegation.objects.get(slug=TRIP.split("/")[2]).destinations.add(town)

    assert town.full_name in destinations(client)


@pytest.mark.parametrize("preview", [False, True])
def test_a_trips_projects_read_with_its_links_are_the_prefetched_ones(seed, preview):
    from django.db.models import Prefetch

    from projects.models import Project
    from review.models import Status
    from tests.builders import make_project, make_site_visit

    trip = make_delegation(title="看项目的考察")
    first, second, empty = make_site_visit(trip), make_site_visit(trip), make_site_visit(trip)
    b, a = make_project(name="乙项目"), make_project(name="甲项目")
    draft = make_project(name="丙项目", status=Status.DRAFT)
    first.projects.set([b, a, draft])
    second.projects.set([a])
    trip.related_projects.set([draft, b, a])

    projects = (Project.objects.all() if preview else Project.objects.published()).order_by("name")
    read = Delegation.objects.with_detail_related(preview=preview).get(pk=trip.pk)
    prefetched = Delegation.objects.prefetch_related(
        Prefetch("site_visits__projects", queryset=projects), Prefetch("related_projects", queryset=projects)
    ).get(pk=trip.pk)

    def names(manager):
        return [project.name for project in manager.all()]

    assert [names(stop.projects) for stop in read.site_visits.all()] == [
        names(stop.projects) for stop in prefetched.site_visits.all()
    ] == ([["丙项目", "乙项目", "甲项目"], ["甲项目"], []] if preview else [["乙项目", "甲项目"], ["甲项目"], []])
    assert names(read.related_projects) == names(prefetched.related_projects)
    assert empty.pk in [stop.pk for stop in read.site_visits.all()]
