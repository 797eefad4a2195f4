"""A change ends the cached pages that show the changed record, and leaves every other page cached.

Committed for real (an approved edit, a delete, an import), as in production: the changes are
numbered in the database after the commit. Every page that shows the changed trip is walked —
its own page, the list, home, its pairing, regions, people, project, topic, meeting, feed,
search and sitemap — and must be fresh; the pages of an unrelated trip and person must still
be hits. The same holds for a process that learns the changes from the database only.
"""

import datetime
import time

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cooperation import content_version
from cooperation.content_version import ContentChange, MatchedWord, _Known
from cooperation.models import Appointment, Organization, Person
from portal.pagecache.middleware import recent_pages
from portal.search import SEARCH_TYPES, RelatedMatches
from projects.models import Project
from review import publishing
from review.models import Grade, ReviewAction, ReviewPolicy, Status
from tests.builders import (
    delegation_form_data,
    make_delegation,
    make_editor,
    make_meeting,
    make_organization,
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
from visits.models import Delegation, Meeting, SiteVisit, Speech

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


def test_every_door_ends_the_lists_showing_the_change_and_an_edit_leaves_other_lists_cached(
    site, django_user_model
):
    """Each way a change reaches the public, one after another on the same site.

    A list depends on the records it shows and on its tables' membership: an edit of what a
    trip shows (its title) ends the lists showing that trip and leaves a list of other trips
    cached; a trip created, published, withdrawn or deleted — or a change to a date the lists
    sort by — ends every list of trips.
    """
    other_topic = make_topic(name="缓存无关产业", slug="huancun-wuguan")
    site["unrelated"].topics.add(other_topic)
    trips = reverse("visits:delegation_list")
    lists = {
        "trip list": trips,
        "home": reverse("cooperation:home"),
        "destination region": site["banner"].get_absolute_url(),
        "feed": reverse("cooperation:feed"),
        "search": reverse("cooperation:search") + "?q=缓存",
    }
    showing_edited = {
        **lists,
        "trip page": site["edited"].get_absolute_url(),
        "trip list of its topic": f"{trips}?topic={site['topic'].slug}",
        "pairing": site["pairing"].get_absolute_url(),
        "person": site["person"].get_absolute_url(),
    }
    dated = {name: showing_edited[name] for name in ("trip page", "trip list", "trip list of its topic", "home")}
    # Not showing the trip before the change: the list of a year holds one more record after it.
    dated["trip list of the new year"] = f"{trips}?year=2031"
    other_list = {"trip list of another topic": f"{trips}?topic={other_topic.slug}"}
    edited = Delegation.objects.filter(pk=site["edited"].pk)
    schedule = {}

    def import_a_trip():
        # Published by the import itself: a grade whose chain is 终审 alone, signed off by the publisher.
        ReviewPolicy.objects.filter(grade=Grade.NORMAL).update(first_review=False, second_review=False)
        publisher = make_publisher(django_user_model)
        report = run(trips_csv(trip(标题="缓存导入的考察", 目的地="察右前旗")), user=publisher, publish=True)
        assert not report.has_errors, report.summary_lines()

    def withdraw():
        staff = Client()
        editor = make_editor(django_user_model, "editor-withdraws")
        review_request = publishing.submit(site["edited"], editor, action=ReviewAction.WITHDRAW)
        assert review_request.steps == ["final"]
        staff.force_login(make_reviewer(django_user_model, "withdrawal-final", "终审"))
        assert review_decision(staff, site["edited"], "approve").status_code == 302

    def schedule_a_trip():
        # Time enough for the checks of this door and the warming of the next before it comes.
        schedule["at"] = timezone.now() + timezone.timedelta(seconds=6)
        scheduled = make_delegation(
            title="缓存定时考察", published_at=schedule["at"], origin=site["district"], slug="huancun-dingshi"
        )
        scheduled.destinations.add(site["banner"])

    def publication_time_comes():
        time.sleep(max(0, schedule["at"].timestamp() - time.time()) + 0.05)

    # (door, the change, the pages to check, text they show after it, text they no longer show,
    # what the list of another topic is after it)
    doors = [
        ("admin save and review approval", lambda: change_and_approve(site, django_user_model, "缓存甲考察（修订）"),
         showing_edited, "缓存甲考察（修订）", "缓存甲考察<", "hit"),
        ("bulk update of a title", lambda: edited.update(title="缓存甲考察（批量）"),
         {**showing_edited, "search for the new title": reverse("cooperation:search") + "?q=批量"},
         "缓存甲考察（批量）", "缓存甲考察（修订）", "hit"),
        ("bulk update of the date lists sort by", lambda: edited.update(start_date=datetime.date(2031, 5, 4)),
         dated, "2031", None, "miss"),
        ("ledger import of a new trip", import_a_trip, lists, "缓存导入的考察", None, "miss"),
        ("a trip scheduled", schedule_a_trip, lists, None, "缓存定时考察", "miss"),
        ("its publication time comes", publication_time_comes, lists, "缓存定时考察", None, "miss"),
        ("withdrawal through review", withdraw, lists, None, "缓存甲考察（批量）", "miss"),
        ("delete", lambda: Delegation.objects.get(title="缓存导入的考察").delete(),
         lists, None, "缓存导入的考察", "miss"),
    ]
    visitor = Client()
    for door, change, pages, shown, gone, other_list_state in doors:
        warm(visitor, {**pages, **other_list})

        change()

        assert cache_states(visitor, other_list) == dict.fromkeys(other_list, other_list_state), door
        for name, url in pages.items():
            response = visitor.get(url)
            text = response.content.decode().replace("<mark>", "").replace("</mark>", "")  # search's highlights
            assert (door, name, response["X-Page-Cache"]) == (door, name, "miss")
            assert shown is None or shown in text, (door, name, shown)
            assert gone is None or gone not in text, (door, name, gone)


def _searched_fields(site):
    """(record, field) for every field search compares with a word, on a record of each kind it
    searches — read from the search's own definitions, so a field added there is walked here."""
    visit = SiteVisit.objects.get(delegation=site["edited"])
    organization = make_organization(name="缓存范围合作社", slug="huancun-hezuoshe")
    visit.organization = organization
    visit.save()
    records = {
        Delegation: site["edited"],
        SiteVisit: visit,
        Meeting: site["meeting"],
        Speech: Speech.objects.get(meeting=site["meeting"]),
        Project: site["project"],
        Person: site["person"],
        Organization: organization,
        Appointment: Appointment.objects.get(person=site["person"]),
    }
    fields = [
        (search_type.base_queryset().model, field) for search_type in SEARCH_TYPES for field in search_type.fields
    ]
    fields += list(RelatedMatches.fields.items())
    assert {model for model, _field in fields} == set(records)
    return [(records[model], field) for model, field in fields]


def test_an_edit_ends_the_searches_for_the_words_its_record_matches_before_or_after_and_no_other(site):
    """Search depends on the records matching its words, not on every text of the tables it
    searches: an edit of a record that matches 芍药 neither before nor after leaves the search
    for 芍药 cached; an edit that adds 芍药 to any field search reads, or takes it out, ends it."""
    searches = {word: reverse("cooperation:search") + f"?q={word}" for word in ("芍药", "蒲公英", "缓存")}
    peony, dandelion = searches["芍药"], searches["蒲公英"]
    make_delegation(title="芍药种植基地考察", slug="shaoyao-kaocha")  # the search for 芍药 finds something
    visitor, afresh = Client(), Client()
    afresh.cookies["sessionid"] = "none"  # a session: never served from the cache
    warm(visitor, searches)

    _save(site["unrelated"], title="缓存乙考察（修订）")

    assert cache_states(visitor, searches) == {"芍药": "hit", "蒲公英": "hit", "缓存": "miss"}
    for record, field in _searched_fields(site):
        name = f"{type(record).__name__}.{field}"
        old = getattr(record, field)
        warm(visitor, searches)
        before = visitor.get(peony).content

        _save(record, **{field: f"{old}芍药"})

        assert (name, visitor.get(dandelion)["X-Page-Cache"]) == (name, "hit")
        response = visitor.get(peony)
        assert (name, response["X-Page-Cache"]) == (name, "miss")
        assert response.content == afresh.get(peony).content, name
        assert response.content != before, name
        warm(visitor, searches)

        _save(record, **{field: old})

        assert (name, visitor.get(dandelion)["X-Page-Cache"]) == (name, "hit")
        response = visitor.get(peony)
        assert (name, response["X-Page-Cache"]) == (name, "miss")
        assert response.content == before, name


def test_a_write_names_the_words_its_records_match_before_or_after_it(site, monkeypatch):
    """What a write records for the cached searches: the words its records match before it (a
    record only counted on a page, not loaded, leaves no other trace) or after it, and every word
    noted after it compared them — a search made then may have read the records before the write."""
    with content_version.collecting(), content_version.matching(["芍药", "蒲公英"], [Delegation]):
        pass
    trip = site["edited"]

    def words_recorded(change):
        ContentChange.objects.all().delete()
        change()
        return {tag for tag in ContentChange.objects.values_list("tag", flat=True) if tag.startswith("w:")}

    assert words_recorded(lambda: _save(trip, title="芍药考察")) == {"w:visits_delegation:芍药"}
    assert words_recorded(lambda: _save(trip, title="缓存甲考察")) == {"w:visits_delegation:芍药"}
    assert words_recorded(lambda: _save(trip, summary="别的文字")) == set()

    def a_search_noted_meanwhile():
        with transaction.atomic():
            _save(trip, summary="又一段文字")
            MatchedWord.objects.create(word="牡丹")

    assert words_recorded(a_search_noted_meanwhile) == {"w:visits_delegation:牡丹"}

    # More words noted than a write compares: it ends every search of the table.
    monkeypatch.setattr(content_version, "MATCHED_WORDS_LIMIT", 2)
    assert "w:visits_delegation" in words_recorded(lambda: _save(trip, summary="第三段文字"))


def test_a_renamed_project_moves_to_the_page_of_the_list_its_new_name_sorts_it_to(site):
    """The project list sorts by name within a year and shows twelve a page: a new name moves
    a project onto a page that never loaded it, which must be made again; another list stays."""
    for number in range(13):
        make_project(name=f"缓存排序项目{number:02d}", start_year=2030, slug=f"huancun-paixu-{number}")
    projects = reverse("projects:project_list")
    second_page, other_list = f"{projects}?page=2", {"trips": reverse("visits:delegation_list")}
    visitor = Client()
    warm(visitor, {"second page": second_page, **other_list})
    assert "缓存排序项目12" in visitor.get(second_page).content.decode()

    Project.objects.filter(slug="huancun-paixu-0").update(name="缓存排序项目99")

    assert cache_states(visitor, other_list) == {"trips": "hit"}
    response = visitor.get(second_page)
    assert response["X-Page-Cache"] == "miss"
    assert "缓存排序项目99" in response.content.decode()


def test_shown_columns_read_as_values_depend_on_the_whole_table_and_loaded_as_records_do_not(site):
    with content_version.collecting() as records:
        list(Delegation.objects.only("title"))
    with content_version.collecting() as values:
        list(Delegation.objects.values_list("title", flat=True))

    assert (records.whole, values.whole) == (set(), {"visits_delegation"})
    assert "t:visits_delegation" in values.tags() and "t:visits_delegation" not in records.tags()
    assert {tag for tag in records.tags() if tag.startswith("r:")} == {
        f"r:visits_delegation:{trip.pk}" for trip in Delegation.objects.all()
    }


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        # Records loaded: their titles shown, their dates compared.
        (
            'SELECT "visits_delegation"."id", "visits_delegation"."title" FROM "visits_delegation" '
            'WHERE "visits_delegation"."start_date" > %s ORDER BY "visits_delegation"."title" ASC',
            (set(), {"visits_delegation"}),
        ),
        # Sorted by title to pick one page of them: which trips it holds depends on every title.
        (
            'SELECT "visits_delegation"."id", "visits_delegation"."title" FROM "visits_delegation" '
            'ORDER BY "visits_delegation"."title" ASC LIMIT 12',
            ({"visits_delegation"}, set()),
        ),
        # Sorted, every row returned, by the name of a joined record it does not load: a new
        # name reorders the rows.
        (
            'SELECT "visits_delegation"."id", "visits_delegation"."title" FROM "visits_delegation" '
            'INNER JOIN "cooperation_region" ON ("visits_delegation"."origin_id" = "cooperation_region"."id") '
            'ORDER BY "cooperation_region"."name" ASC',
            ({"cooperation_region"}, {"visits_delegation"}),
        ),
        # Compared through an alias, in a subquery.
        (
            'SELECT "visits_delegation"."id" FROM "visits_delegation" WHERE "visits_delegation"."id" IN '
            '(SELECT U0."delegation_id" FROM "visits_participant" U0 WHERE U0."name_as_printed" = %s)',
            ({"visits_participant"}, set()),
        ),
        # Computed with, or named under another name.
        (
            'SELECT UPPER("visits_delegation"."title"::text) AS "t", "cooperation_person"."name" AS "n" '
            'FROM "visits_delegation" INNER JOIN "cooperation_person" ON (1 = 1)',
            ({"visits_delegation", "cooperation_person"}, set()),
        ),
        # A union: its order is by position, so nothing in it is taken as only shown.
        (
            '(SELECT "visits_delegation"."title" FROM "visits_delegation") UNION ALL '
            '(SELECT "visits_meeting"."title" FROM "visits_meeting") ORDER BY 1',
            ({"visits_delegation", "visits_meeting"}, set()),
        ),
        # No shown column at all (dates, states, keys).
        (
            'SELECT COUNT(*) FROM "visits_delegation" WHERE "visits_delegation"."status" = %s',
            (set(), set()),
        ),
    ],
)
def test_a_read_of_shown_columns_is_told_apart_from_a_comparison(sql, expected):
    used, selected = content_version._shown_reads(sql)

    assert (set(used), set(selected)) == expected


def test_no_door_leaves_a_cached_page_that_differs_from_the_page_made_afresh(site, django_user_model):
    """Every way a record changes, one after another on the same site: after each, every page
    of the site that is still served from the cache is exactly the page made afresh.

    The oracle knows nothing of what a page shows: a visitor with a session is never served
    from the cache, so its page is the page as the database stands. Each change must show on
    some page (it is not a change a visitor could miss), and a page still cached must be the
    same as that visitor's.
    """
    from django.db.models import F, Value
    from django.db.models.functions import Concat

    from cooperation.models import Appointment, Region, Topic
    from review.models import ReviewRequest
    from visits.models import Meeting, Participant, SiteVisit, Speech

    edited, unrelated, banner, topic = site["edited"], site["unrelated"], site["banner"], site["topic"]
    trips, projects = reverse("visits:delegation_list"), reverse("projects:project_list")
    other_project = make_project(name="缓存另一项目", region=banner, slug="huancun-lingyi")
    lead = make_participant(edited, site["person"], role="leader", side="support", title_as_printed="区委书记")
    pages = {
        "home": reverse("cooperation:home"),
        "trip list": trips,
        "trip list of a topic": f"{trips}?topic={topic.slug}",
        "trip list of a region": f"{trips}?region={banner.slug}",
        "trip list of a pairing": f"{trips}?pairing={site['pairing'].slug}",
        "project list": projects,
        "project list of a topic": f"{projects}?topic={topic.slug}",
        "people": reverse("cooperation:person_list"),
        "regions": reverse("cooperation:region_list"),
        "pairings": reverse("cooperation:pairing_list"),
        "topics": reverse("cooperation:topic_list"),
        "site map page": reverse("cooperation:sitemap_page"),
        "search": reverse("cooperation:search") + "?q=缓存",
        "feed": reverse("cooperation:feed"),
        "project feed": reverse("cooperation:project_feed"),
        "topic feed": reverse("cooperation:topic_feed", args=[topic.slug]),
        "region feed": reverse("cooperation:region_feed", args=[banner.slug]),
        "sitemap": reverse("cooperation:sitemap"),
        **{f"sitemap of {section}": f"/sitemap-{section}.xml" for section in ("trips", "meetings", "projects",
                                                                              "people", "regions", "topics")},
        "trip page": edited.get_absolute_url(),
        "unrelated trip page": unrelated.get_absolute_url(),
        "person": site["person"].get_absolute_url(),
        "other person": site["other_person"].get_absolute_url(),
        "pairing": site["pairing"].get_absolute_url(),
        "destination region": banner.get_absolute_url(),
        "origin region": site["district"].get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "project": site["project"].get_absolute_url(),
        "other project": other_project.get_absolute_url(),
        "meeting": site["meeting"].get_absolute_url(),
    }
    visit = SiteVisit.objects.get(delegation=edited)
    just_edited = Delegation.objects.filter(pk=edited.pk)

    def raw(sql, *params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    def reimport(title):
        # Published by the import itself: a grade whose chain is 终审 alone, signed off by the publisher.
        ReviewPolicy.objects.filter(grade=Grade.NORMAL).update(first_review=False, second_review=False)
        report = run(trips_csv(trip(编号="HC-001", 标题=title, 目的地="察右前旗")), publish=True,
                     user=make_publisher(django_user_model, f"publisher-{title}"))
        assert not report.has_errors, report.summary_lines()

    def withdraw_by_list_actions():
        """An editor asks to withdraw the imported trip from the changelist; 终审 approves the batch."""
        imported = Delegation.objects.get(code="HC-001")
        staff = Client()
        staff.force_login(make_editor(django_user_model, "editor-list-action"))
        action = {"action": "request_withdrawal_selected", "_selected_action": [imported.pk]}
        assert staff.post(reverse("admin:visits_delegation_changelist"), action).status_code == 302
        staff.force_login(make_reviewer(django_user_model, "final-list-action", "终审"))
        meta = ReviewRequest._meta
        pending = ReviewRequest.objects.pending().filter(object_id=imported.pk).values_list("pk", flat=True)
        action = {"action": "approve_current_step", "_selected_action": list(pending)}
        assert staff.post(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"), action).status_code == 302
        assert Delegation.objects.get(pk=imported.pk).status != Status.PUBLISHED

    doors = [
        ("admin save and review approval", lambda: change_and_approve(site, django_user_model, "缓存甲考察（修订）")),
        ("update() of a date", lambda: just_edited.update(start_date=datetime.date(2024, 5, 4))),
        ("update() with F()", lambda: just_edited.update(start_date=F("start_date") + datetime.timedelta(days=400))),
        ("update() of a title with an expression", lambda: just_edited.update(title=Concat(F("title"), Value("乙")))),
        ("update() through a join", lambda: Delegation.objects.filter(topics=topic).update(name="缓存甲代表团（改）")),
        ("bulk_update of titles", lambda: Delegation.objects.bulk_update(
            [Delegation(pk=edited.pk, title="缓存甲考察（丙）"), Delegation(pk=unrelated.pk, title="缓存乙考察（丙）")],
            ["title"])),
        ("ledger import of a new trip", lambda: reimport("缓存台账考察")),
        ("ledger import updating it", lambda: reimport("缓存台账考察（更新）")),
        ("admin list actions: withdrawal asked and approved", withdraw_by_list_actions),
        ("a destination added from the region", lambda: site["district"].delegations_received.add(edited)),
        ("a person's new post", lambda: Appointment.objects.create(person=site["person"], title="缓存新职务")),
        ("a topic added from the trip",
         lambda: edited.topics.add(make_topic(name="缓存新增领域", slug="huancun-xinzeng"))),
        ("a trip removed from the topic", lambda: topic.delegations.remove(edited)),
        ("topics set from the trip", lambda: edited.topics.set([topic])),
        ("destinations cleared", lambda: edited.destinations.clear()),
        ("destinations set", lambda: edited.destinations.set([banner])),
        ("a project added to a stop from the project", lambda: other_project.site_visits.add(visit)),
        ("projects at a stop cleared", lambda: visit.projects.clear()),
        ("a participant added", lambda: make_participant(edited, site["other_person"], title_as_printed="缓存新成员")),
        ("a participant removed", lambda: Participant.objects.filter(person=site["other_person"], delegation=edited)
         .delete()),
        ("a stop added", lambda: make_site_visit(edited, place="缓存新考察点", region=banner)),
        ("a speech added", lambda: make_speech(site["meeting"], person=site["other_person"], points="缓存新要点")),
        ("a speech removed", lambda: Speech.objects.filter(points="缓存新要点").delete()),
        ("a region renamed", lambda: Region.objects.filter(pk=banner.pk).update(name="察右前旗（改）")),
        ("a region renamed by save", lambda: _save(Region.objects.get(pk=site["district"].pk), name="大兴区（改）")),
        ("a topic renamed", lambda: _save(Topic.objects.get(pk=topic.pk), name="缓存范围产业（改）")),
        ("a person's title", lambda: Appointment.objects.filter(person=site["person"]).update(title="区长")),
        ("a person renamed", lambda: _save(site["person"], name="缓存甲某（改）")),
        ("a leader's title as printed", lambda: Participant.objects.filter(pk=lead.pk).update(
            title_as_printed="区长（报道）")),
        ("a speech's points", lambda: Speech.objects.filter(meeting=site["meeting"]).update(points="缓存要点（改）")),
        ("a project renamed", lambda: _save(Project.objects.get(pk=site["project"].pk), name="缓存范围产业园（改）")),
        ("raw SQL, unquoted", lambda: raw("UPDATE visits_delegation SET title = %s WHERE id = %s", "缓存甲考察（原始）",
                                          edited.pk)),
        ("raw SQL of a region's name", lambda: raw('UPDATE "cooperation_region" SET "name" = %s WHERE "id" = %s',
                                                   "察右前旗（原始）", banner.pk)),
        ("a meeting deleted with its speeches", lambda: Meeting.objects.filter(pk=site["meeting"].pk).delete()),
        ("a project deleted with its links", lambda: Project.objects.filter(pk=other_project.pk).delete()),
        ("a trip deleted with everything it holds", lambda: Delegation.objects.filter(pk=unrelated.pk).delete()),
    ]
    visitor, afresh = Client(), Client()
    afresh.cookies["sessionid"] = "none"  # a session: never served from the cache
    stale = []
    # The visitor's pages are cached, and `before` is the site as it stands; after each door the
    # visitor's own round fills the cache again and `after` is the next door's `before`. A page
    # the visitor's request made (a miss) is the page as the database stands; only a hit needs
    # the oracle's page to compare with.
    for url in pages.values():
        visitor.get(url)
    after = {name: afresh.get(url).content for name, url in pages.items()}
    for door, change in doors:
        before = after

        change()

        after = {}
        for name, url in pages.items():
            response = visitor.get(url)
            after[name] = afresh.get(url).content if response["X-Page-Cache"] == "hit" else response.content
            if response.content != after[name]:
                stale.append((door, name))
        assert before != after, f"{door}: no page shows the change"

    assert stale == []


def _save(record, **fields):
    for field, value in fields.items():
        setattr(record, field, value)
    record.save()
