"""A change ends the cached pages that show the changed record, and leaves every other page cached.

Committed for real (an approved edit, a delete, an import), as in production: the changes are
numbered in the database after the commit. Every page that shows the changed trip is walked —
its own page, the list, home, its pairing, regions, people, project, topic, meeting, feed,
search and sitemap — and must be fresh; the pages of an unrelated trip and person must still
be hits. The same holds for a process that learns the changes from the database only.
"""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cooperation import content_version
from cooperation.content_version import ContentChange, _Known
from portal.pagecache.middleware import recent_pages
from review.models import Grade, ReviewPolicy, Status
from tests.builders import (
    delegation_form_data,
    make_delegation,
    make_editor,
    make_meeting,
    make_pairing,
    make_participant,
    make_person,
    make_project,
    make_publisher,
    make_reviewer,
    make_site_visit,
    make_speech,
    make_topic,
    region,
    review_decision,
)
from tests.cooperation.ledger_builders import run, trip, trips_csv
from visits.models import Delegation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site(db):
    banner, district = region("察右前旗"), region("大兴区")
    pairing = make_pairing(slug="daxing-chayouqianqi")
    topic = make_topic(name="缓存范围产业", slug="huancun-chanye")
    person = make_person(name="缓存甲某", title="区委书记", slug="huancun-jia")
    other_person = make_person(name="缓存乙某", title="旗长", slug="huancun-yi")
    project = make_project(name="缓存范围产业园", region=banner, pairing=pairing, slug="huancun-fanwei-yuan")
    edited = make_delegation(title="缓存甲考察", name="缓存甲代表团", slug="huancun-jia-kaocha", origin=district)
    edited.destinations.add(banner)
    edited.topics.add(topic)
    edited.pairings.add(pairing)
    edited.related_projects.add(project)
    make_participant(edited, person)
    visit = make_site_visit(edited, place="缓存范围基地", region=banner)
    visit.projects.add(project)
    meeting = make_meeting(edited, title="缓存甲座谈会", slug="huancun-jia-zuotanhui")
    make_speech(meeting, person=person, name_as_printed="缓存甲某", points="缓存范围要点")
    unrelated = make_delegation(title="缓存乙考察", name="缓存乙代表团", slug="huancun-yi-kaocha")
    make_participant(unrelated, other_person)
    # Another meeting: the meetings section keeps something published when the first goes.
    make_meeting(unrelated, title="缓存乙座谈会", slug="huancun-yi-zuotanhui")
    return {
        "edited": edited,
        "unrelated": unrelated,
        "person": person,
        "other_person": other_person,
        "pairing": pairing,
        "banner": banner,
        "district": district,
        "topic": topic,
        "project": project,
        "meeting": meeting,
    }


def showing_edited(site):
    """Every page that shows the edited trip."""
    return {
        "trip page": site["edited"].get_absolute_url(),
        "trip list": reverse("visits:delegation_list"),
        "home": reverse("cooperation:home"),
        "pairing": site["pairing"].get_absolute_url(),
        "destination region": site["banner"].get_absolute_url(),
        "origin region": site["district"].get_absolute_url(),
        "person": site["person"].get_absolute_url(),
        "project": site["project"].get_absolute_url(),
        "topic": site["topic"].get_absolute_url(),
        "meeting": site["meeting"].get_absolute_url(),
        "feed": reverse("cooperation:feed"),
        "search": reverse("cooperation:search") + "?q=缓存",
        "sitemap": "/sitemap-trips.xml",
    }


def unrelated_pages(site):
    return {
        "unrelated trip page": site["unrelated"].get_absolute_url(),
        "unrelated person": site["other_person"].get_absolute_url(),
    }


def warm(visitor, pages):
    for name, url in pages.items():
        first = visitor.get(url)
        assert first.status_code == 200, name
        assert visitor.get(url)["X-Page-Cache"] == "hit", name


def cache_states(visitor, pages):
    return {name: visitor.get(url)["X-Page-Cache"] for name, url in pages.items()}


def change_and_approve(site, django_user_model, title):
    """An editor changes the trip's title in the admin; 初审 and 终审 approve it."""
    staff = Client()
    trip = site["edited"]
    staff.force_login(make_editor(django_user_model))
    data = delegation_form_data(trip, title=title)
    data.pop("status")  # read-only once published
    data.update(
        destinations=[site["banner"].pk],
        topics=[site["topic"].pk],
        pairings=[site["pairing"].pk],
        related_projects=[site["project"].pk],
    )
    response = staff.post(reverse("admin:visits_delegation_change", args=[trip.pk]), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    for group in ("初审", "终审"):
        staff.force_login(make_reviewer(django_user_model, f"reviewer-{group}", group))
        assert review_decision(staff, trip, "approve").status_code == 302
    trip.refresh_from_db()
    assert trip.title == title


def forget_what_this_process_knew():
    """As another worker: it knows the changes only from the database."""
    recent_pages.clear()
    with _Known.lock:
        _Known.high, _Known.read_at, _Known.seqs = None, None, {}


@pytest.mark.parametrize("process", ["this", "another"])
def test_an_approved_edit_ends_the_pages_showing_the_trip_and_no_other(site, django_user_model, process):
    visitor = Client()
    pages, others = showing_edited(site), unrelated_pages(site)
    warm(visitor, {**pages, **others})

    change_and_approve(site, django_user_model, "缓存甲考察（修订）")
    if process == "another":
        forget_what_this_process_knew()

    assert cache_states(visitor, others) == dict.fromkeys(others, "hit")
    for name, url in pages.items():
        response = visitor.get(url)
        assert (name, response["X-Page-Cache"]) == (name, "miss")
        shown = site["edited"].slug if name == "sitemap" else "缓存甲考察（修订）"
        assert shown in response.content.decode(), name
    # Made again, they are cached again.
    assert cache_states(visitor, pages) == dict.fromkeys(pages, "hit")


def test_a_deleted_trip_leaves_every_page_and_unrelated_pages_stay_cached(site):
    visitor = Client()
    pages, others = showing_edited(site), unrelated_pages(site)
    pages.pop("meeting")  # deleted with its trip
    warm(visitor, {**pages, **others})
    address = pages.pop("trip page")

    site["edited"].delete()

    assert visitor.get(address).status_code == 404
    assert cache_states(visitor, others) == dict.fromkeys(others, "hit")
    for name, url in pages.items():
        response = visitor.get(url)
        assert response["X-Page-Cache"] == "miss", name
        assert "缓存甲考察" not in response.content.decode(), name


@pytest.mark.parametrize("process", ["this", "another"])
def test_a_removed_speech_ends_the_pages_that_showed_it_and_no_other(site, process):
    visitor = Client()
    pages = {
        "trip page": site["edited"].get_absolute_url(),
        "meeting": site["meeting"].get_absolute_url(),
        "person": site["person"].get_absolute_url(),
    }
    others = unrelated_pages(site)
    warm(visitor, {**pages, **others})

    site["meeting"].speeches.get().delete()
    if process == "another":
        forget_what_this_process_knew()

    assert cache_states(visitor, others) == dict.fromkeys(others, "hit")
    for name, url in pages.items():
        response = visitor.get(url)
        assert response["X-Page-Cache"] == "miss", name
        assert "缓存范围要点" not in response.content.decode(), name


def test_an_import_that_publishes_a_trip_shows_it_on_every_page_it_belongs_to(site, django_user_model):
    ReviewPolicy.objects.filter(grade=Grade.NORMAL).update(first_review=False, second_review=False)
    visitor = Client()
    person_page = site["person"].get_absolute_url()
    pages = {
        "trip list": reverse("visits:delegation_list"),
        "home": reverse("cooperation:home"),
        "destination region": site["banner"].get_absolute_url(),
        "person": person_page,
        "feed": reverse("cooperation:feed"),
    }
    others = unrelated_pages(site)
    warm(visitor, {**pages, **others})

    report = run(
        trips_csv(trip(标题="缓存导入的考察", 带队领导="缓存甲某（区委书记）", 目的地="察右前旗")),
        user=make_publisher(django_user_model),
        publish=True,
    )

    assert not report.has_errors, report.summary_lines()
    assert Delegation.objects.get(title="缓存导入的考察").status == Status.PUBLISHED
    # On PostgreSQL the ledger writes its rows with COPY, a statement that names no record, so
    # the import ends every page of the tables it wrote (correct, but more than it needs to).
    expected = "miss" if connection.vendor == "postgresql" else "hit"
    assert cache_states(visitor, others) == dict.fromkeys(others, expected)
    for name, url in pages.items():
        response = visitor.get(url)
        assert response["X-Page-Cache"] == "miss", name
        assert "缓存导入的考察" in response.content.decode(), name


def test_a_bulk_update_of_many_trips_ends_every_trip_page(site, monkeypatch):
    """A write that names more records than are worth following ends the whole table."""
    monkeypatch.setattr(content_version, "UPDATE_RECORD_LIMIT", 1)
    visitor = Client()
    others = unrelated_pages(site)
    warm(visitor, others)

    Delegation.objects.update(summary="批量修改的摘要")

    assert cache_states(visitor, others) == {"unrelated trip page": "miss", "unrelated person": "miss"}
    assert ContentChange.objects.filter(tag="b:visits_delegation").exists()


def test_a_project_published_later_appears_on_the_pages_of_the_trips_that_visited_it(site):
    visitor = Client()
    draft = make_project(name="缓存后发布的园区", status=Status.DRAFT, slug="huancun-hou-fabu")
    site["edited"].site_visits.get().projects.add(draft)
    pages = {"trip page": site["edited"].get_absolute_url(), "project list": reverse("projects:project_list")}
    others = unrelated_pages(site)
    warm(visitor, {**pages, **others})
    assert "缓存后发布的园区" not in visitor.get(pages["trip page"]).content.decode()

    draft.status = Status.PUBLISHED
    draft.published_at = draft.published_at or timezone.now()
    draft.save()

    assert cache_states(visitor, others) == dict.fromkeys(others, "hit")
    for name, url in pages.items():
        response = visitor.get(url)
        assert response["X-Page-Cache"] == "miss", name
        assert "缓存后发布的园区" in response.content.decode(), name


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ('UPDATE "t" SET "a" = %s WHERE "t"."id" = %s', ('UPDATE "t" SET "a" = %s', '"t"."id" = %s')),
        (
            'UPDATE "t" SET "a" = (SELECT MAX("b") FROM "u" WHERE "u"."t_id" = "t"."id") WHERE ("t"."id" IN (%s, %s))',
            ('UPDATE "t" SET "a" = (SELECT MAX("b") FROM "u" WHERE "u"."t_id" = "t"."id")', '("t"."id" IN (%s, %s))'),
        ),
        ('UPDATE "t" SET "a" = (SELECT 1 WHERE TRUE)', None),
    ],
)
def test_the_where_clause_of_a_write_is_the_one_outside_parentheses(sql, expected):
    assert content_version._top_level_where(sql) == expected


def test_a_statement_read_once_is_read_the_same_again():
    update = 'UPDATE "visits_delegation" SET "title" = %s WHERE "visits_delegation"."id" = %s'

    assert content_version._where_shape(update) == content_version._where_shape(update) == (
        '"visits_delegation"."id" = %s', 1, 1, ("visits_delegation", "id"), True
    )
    assert content_version._where_shape('DELETE FROM "t" WHERE "t"."a" LIKE \'%%x\'') is None
