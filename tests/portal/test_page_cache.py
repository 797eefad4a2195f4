"""The page cache: anonymous pages come from the cache, and a visitor never sees stale records.

Every page kind that shows a record is cached, then the record is published, changed,
withdrawn or deleted the way staff do it, and the next visitor must see the change. The
cache is exercised on both backends the site runs with: local memory and Redis.
"""

import contextlib
import copy
import datetime
import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from accounts.audit import AuditEvent
from accounts.audit import record as audit
from accounts.roles import EDITOR
from cooperation import content_version
from cooperation.content_version import ContentChange
from portal.pagecache.middleware import recent_pages
from projects.models import Project
from review.models import Status
from tests.builders import (
    make_delegation,
    make_meeting,
    make_person,
    make_project,
    make_site_visit,
    make_speech,
    make_staff,
    region,
)
from visits.models import Delegation


@pytest.fixture(params=["locmem", "redis"])
def backend(request, settings):
    """Each test that takes this fixture runs on the default cache and on Redis (the worker's own)."""
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": request.getfixturevalue("own_redis"),
            }
        }
    cache.clear()
    recent_pages.clear()
    yield request.param
    cache.clear()
    recent_pages.clear()


@pytest.fixture
def world(db):
    """One of each record a page shows, linked as a report links them, all published."""
    banner = region("察右前旗")
    trip = make_delegation(title="缓存测试代表团考察", name="缓存测试代表团", slug="huancun-kaocha")
    trip.destinations.add(banner)
    project = make_project(name="缓存测试产业园", region=banner, slug="huancun-chanyeyuan")
    visit = make_site_visit(trip, place="缓存测试基地", region=banner)
    visit.projects.add(project)
    meeting = make_meeting(trip, title="缓存测试座谈会", slug="huancun-zuotanhui")
    make_speech(meeting, name_as_printed="某某", points="缓存测试要点")
    person = make_person(name="缓存测试人物", title="旗长", slug="huancun-renwu")
    return {"trip": trip, "project": project, "meeting": meeting, "person": person, "region": banner}


def publish(records):
    for record in records:
        record.status, record.published_at = Status.PUBLISHED, record.published_at or timezone.now()
        record.save()


def withdraw(records):
    for record in records:
        record.status = Status.WITHDRAWN
        record.save()


def _title_field(record):
    return "name" if isinstance(record, Project) or record._meta.model_name == "person" else "title"


# page: (subject record, its address, what shows the record on it)
PAGES = {
    "home": ("trip", lambda w: reverse("cooperation:home"), lambda r: r.title),
    "trip list": ("trip", lambda w: reverse("visits:delegation_list"), lambda r: r.title),
    "trip page": ("trip", lambda w: "/visits/huancun-kaocha/", lambda r: r.title),
    "meeting page": ("meeting", lambda w: "/visits/meetings/huancun-zuotanhui/", lambda r: r.title),
    "project list": ("project", lambda w: reverse("projects:project_list"), lambda r: r.name),
    "project page": ("project", lambda w: "/projects/huancun-chanyeyuan/", lambda r: r.name),
    "person page": ("person", lambda w: "/people/huancun-renwu/", lambda r: r.name),
    "region page": ("trip", lambda w: w["region"].get_absolute_url(), lambda r: r.title),
    "search": ("trip", lambda w: reverse("cooperation:search") + "?q=缓存测试", lambda r: r.title),
    "feed": ("trip", lambda w: reverse("cooperation:feed"), lambda r: r.title),
    "sitemap": ("trip", lambda w: "/sitemap-trips.xml", lambda r: f"/visits/{r.slug}/"),
}


def cached_text(client, django_assert_num_queries, url):
    """The page, requested twice: the second answer comes from the cache, with no query."""
    first = client.get(url)
    if first.status_code == 404:  # a draft's page: not found, and nothing to cache
        return ""
    with django_assert_num_queries(0):
        second = client.get(url)

    assert (first.status_code, second.status_code) == (200, 200)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    return first.content.decode()


def _change(record, page):
    field = _title_field(record)
    setattr(record, field, getattr(record, field) + "（修订）")
    if page == "sitemap":
        record.slug = record.slug + "-xiuding"
    record.save()


@pytest.mark.parametrize("action", ["publish", "change", "withdraw", "delete"])
@pytest.mark.parametrize("page", PAGES)
def test_a_cached_page_follows_every_change_of_the_records_it_shows(
    client, django_assert_num_queries, world, page, action
):
    subject_name, address, shown = PAGES[page]
    subject = world[subject_name]
    url = address(world)
    if action == "publish":
        subject.status, subject.published_at = Status.DRAFT, None
        subject.save()
    before = shown(subject)
    assert (before in cached_text(client, django_assert_num_queries, url)) is (action != "publish")

    if action == "publish":
        publish([subject])
    elif action == "change":
        _change(subject, page)
    elif action == "withdraw":
        withdraw([subject])
    else:
        subject.delete()
    response = client.get(url, follow=True)

    text = response.content.decode()
    if action == "publish":
        assert shown(subject) in text
    elif action == "change":
        assert shown(subject) in text
        assert before not in text.replace(shown(subject), "")
    else:
        assert before not in text


def test_a_bulk_update_that_sends_no_signal_still_ends_the_cached_page(client, django_assert_num_queries, world):
    assert "缓存测试代表团考察" in cached_text(client, django_assert_num_queries, "/visits/")

    Delegation.objects.filter(pk=world["trip"].pk).update(status=Status.WITHDRAWN)
    response = client.get("/visits/")

    assert response["X-Page-Cache"] == "miss"
    assert "缓存测试代表团考察" not in response.content.decode()


def test_writing_the_audit_log_leaves_cached_pages_in_place(client, django_assert_num_queries, world):
    cached_text(client, django_assert_num_queries, "/visits/")

    audit(AuditEvent.EXPORT, detail="台账导出")

    assert client.get("/visits/")["X-Page-Cache"] == "hit"


# Committed for real: the schedule is looked up when the write commits.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_scheduled_trip_appears_at_its_publication_time(client, django_assert_num_queries, world):
    soon = timezone.now() + timezone.timedelta(seconds=2)
    make_delegation(title="定时发布的考察", published_at=soon)
    assert "定时发布的考察" not in cached_text(client, django_assert_num_queries, "/visits/")
    version = content_version.current()
    assert version.next_publication == soon.timestamp()
    assert version.timeout(600) <= 2

    time.sleep(max(0, soon.timestamp() - time.time()) + 0.05)
    response = client.get("/visits/")

    assert response["X-Page-Cache"] == "miss"
    assert "定时发布的考察" in response.content.decode()


def test_staff_are_never_served_from_the_cache_nor_fill_it(client, django_assert_num_queries, django_user_model, world):
    staff = make_staff(django_user_model, "editor-cache")
    client.force_login(staff)

    first, second = client.get("/visits/huancun-kaocha/"), client.get("/visits/huancun-kaocha/")
    client.logout()
    anonymous = client.get("/visits/huancun-kaocha/")

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("bypass", "bypass")
    assert "private" in first["Cache-Control"] and "private" in second["Cache-Control"]
    assert anonymous["X-Page-Cache"] == "miss"


def test_a_staff_preview_of_a_draft_is_private_and_never_reaches_a_visitor(client, django_user_model, world):
    trip = make_delegation(title="未发布的草稿考察", status=Status.DRAFT, slug="caogao")
    client.force_login(make_staff(django_user_model, "preview-cache", EDITOR))

    preview = client.get("/visits/caogao/")
    client.logout()
    visitor = client.get(trip.get_absolute_url())

    assert preview.status_code == 200 and "未发布的草稿考察" in preview.content.decode()
    assert "private" in preview["Cache-Control"] and preview["X-Page-Cache"] == "bypass"
    assert visitor.status_code == 404 and visitor["X-Page-Cache"] == "miss"


def test_a_request_with_a_session_or_messages_is_private(client, world):
    client.cookies["sessionid"] = "someone"
    with_session = client.get("/visits/")
    del client.cookies["sessionid"]
    client.cookies["messages"] = "a-message"
    with_messages = client.get("/visits/")

    assert (with_session["X-Page-Cache"], with_messages["X-Page-Cache"]) == ("bypass", "bypass")
    assert "private" in with_session["Cache-Control"] and "private" in with_messages["Cache-Control"]


def test_a_post_is_private_and_a_page_with_a_csrf_token_is_never_cached(client, world):
    posted = client.post("/visits/")
    form = client.get(reverse("admin:login"))

    assert "private" in posted["Cache-Control"] and posted["X-Page-Cache"] == "bypass"
    assert "private" in form["Cache-Control"] and form["X-Page-Cache"] == "bypass"


def test_public_pages_carry_no_csrf_token_nor_set_a_cookie(client, world):
    response = client.get("/visits/huancun-kaocha/")

    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies


def test_missing_pages_and_redirects_are_not_cached(client, world):
    assert [client.get("/visits/no-such-trip/")["X-Page-Cache"] for _ in range(2)] == ["miss", "miss"]
    assert [client.get("/visits")["X-Page-Cache"] for _ in range(2)] == ["miss", "miss"]


def test_each_language_has_its_own_cached_pages(client, django_assert_num_queries, backend, world):
    chinese = cached_text(client, django_assert_num_queries, "/visits/")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    english = cached_text(client, django_assert_num_queries, "/visits/")
    del client.defaults["HTTP_ACCEPT_LANGUAGE"]

    assert 'lang="zh-Hans"' in chinese and 'lang="en"' in english
    assert client.get("/visits/").content.decode() == chinese


def test_the_language_switch_works_from_a_cached_page_without_a_token(
    client, django_assert_num_queries, backend, world
):
    from django.test import Client

    visitor = Client(enforce_csrf_checks=True)
    cached_text(visitor, django_assert_num_queries, "/visits/huancun-kaocha/")

    switched = visitor.post("/i18n/setlang/", {"language": "en", "next": "/visits/huancun-kaocha/"})
    page = visitor.get(switched["Location"])
    chinese_visitor = client.get("/visits/huancun-kaocha/")

    assert switched.status_code == 302 and switched["Location"] == "/visits/huancun-kaocha/"
    assert 'lang="en"' in page.content.decode() and "Itinerary of site visits" in page.content.decode()
    assert 'lang="zh-Hans"' in chinese_visitor.content.decode()
    assert chinese_visitor["X-Page-Cache"] == "hit"


def test_the_language_switch_refuses_another_site_as_next(client, world):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})

    assert response.status_code == 302 and response["Location"] == "/"


def test_both_backends_serve_hits_and_end_them_on_a_change(client, django_assert_num_queries, backend, world):
    cached_text(client, django_assert_num_queries, "/visits/huancun-kaocha/")

    withdraw([world["trip"]])

    assert client.get("/visits/huancun-kaocha/").status_code == 404


def another_process_changed(*tags):
    """Another worker, or an import in a shell, committed a write: its changes are in the database."""
    ContentChange.objects.bulk_create([ContentChange(tag=tag) for tag in tags])


def test_the_changes_in_the_database_are_shared_between_processes(client, settings, world):
    settings.CONTENT_VERSION_CHECK_SECONDS = 0
    assert [client.get("/visits/")["X-Page-Cache"] for _ in range(2)] == ["miss", "hit"]

    another_process_changed(content_version.membership_tag(Delegation._meta.db_table))

    assert [client.get("/visits/")["X-Page-Cache"] for _ in range(2)] == ["miss", "hit"]


def test_another_process_s_change_is_seen_after_the_check_interval(client, settings, world, monkeypatch):
    settings.CONTENT_VERSION_CHECK_SECONDS = 1
    clock = [time.monotonic()]
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    content_version.replace()  # this process knows the changes the database holds, as of now
    assert [client.get("/visits/")["X-Page-Cache"] for _ in range(2)] == ["miss", "hit"]
    another_process_changed(content_version.membership_tag(Delegation._meta.db_table))

    within = client.get("/visits/")["X-Page-Cache"]
    clock[0] += 1.5
    after = client.get("/visits/")["X-Page-Cache"]

    assert (within, after) == ("hit", "miss")


@contextlib.contextmanager
def in_another_worker(server="this"):
    """The block runs as another worker of this server (or of another server): what it writes
    reaches this process only through what they share — the database and the cache, and this
    server's memory for a worker of this server — never through this process's own marks."""
    fields = {name: value for name, value in vars(content_version._Known).items() if not name.startswith("__")}
    known = {name: copy.copy(value) for name, value in fields.items() if name != "lock"}
    memory = content_version._HOST_GENERATION[:]
    try:
        yield
        content_version.flush_pending()  # the other worker's request ends
    finally:
        for name, value in known.items():
            setattr(content_version._Known, name, value)
        if server == "another":
            content_version._HOST_GENERATION[:] = memory


def _edit_in_another_worker(client, trip, server):
    content_version.replace()
    assert [client.get("/visits/huancun-kaocha/")["X-Page-Cache"] for _ in range(2)] == ["miss", "hit"]
    with in_another_worker(server):
        trip.title = "缓存测试代表团考察（另一进程修订）"
        trip.save()
    return client.get("/visits/huancun-kaocha/")


# Committed for real: the writing worker records its changes when the write commits. Far from
# the next timed read: only what the writing worker leaves for the others can tell them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_committed_by_another_worker_of_the_server_is_seen_at_once(client, settings, backend, world):
    settings.CONTENT_VERSION_CHECK_SECONDS = 3600

    response = _edit_in_another_worker(client, world["trip"], "this")

    assert response["X-Page-Cache"] == "miss"
    assert "缓存测试代表团考察（另一进程修订）" in response.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("backend", ["redis"], indirect=True)
def test_a_change_committed_on_another_server_is_seen_at_once_in_redis(client, settings, backend, world):
    settings.CONTENT_VERSION_CHECK_SECONDS = 3600
    # The worker's recent pages are trusted for up to CONTENT_VERSION_CHECK_SECONDS after
    # another server's change (a hit from them asks Redis nothing): a page from Redis is not.
    settings.PAGE_CACHE_LOCAL_BYTES = 0

    response = _edit_in_another_worker(client, world["trip"], "another")

    assert response["X-Page-Cache"] == "miss"
    assert "缓存测试代表团考察（另一进程修订）" in response.content.decode()


def test_a_change_numbered_before_another_but_committed_after_is_still_seen(client, settings, world, monkeypatch):
    settings.CONTENT_VERSION_CHECK_SECONDS = 1
    clock = [time.monotonic()]
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    content_version.replace()
    assert [client.get("/visits/")["X-Page-Cache"] for _ in range(2)] == ["miss", "hit"]
    # Two processes take numbers for their changes; the second commits first and is read...
    first = ContentChange.objects.create(tag="r:unrelated:1")
    ContentChange.objects.create(tag="r:unrelated:2")
    first_number = first.pk
    first.delete()
    clock[0] += 1.5
    assert client.get("/visits/")["X-Page-Cache"] == "hit"
    # ...then the first commits: a number below the last one read.
    ContentChange.objects.create(id=first_number, tag=content_version.membership_tag(Delegation._meta.db_table))
    clock[0] += 1.5

    assert client.get("/visits/")["X-Page-Cache"] == "miss"


def test_pages_are_served_and_records_saved_while_the_cache_is_down(client, settings, world):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }

    # robots.txt: a page that needs nothing else of the cache.
    response = client.get("/robots.txt")
    withdraw([world["trip"]])

    assert response.status_code == 200 and response["X-Page-Cache"] == "bypass"
    assert Delegation.objects.get(pk=world["trip"].pk).status == Status.WITHDRAWN


SECURITY_HEADERS = [
    "Content-Security-Policy",
    "Permissions-Policy",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
]


@pytest.mark.parametrize("page", ["home", "trip list", "trip page", "project page", "search", "feed", "sitemap"])
def test_a_hit_carries_exactly_the_headers_of_the_miss_that_stored_it(
    client, django_assert_num_queries, backend, world, page
):
    """In Redis, the first hit comes from the worker's recent pages (their headers checked once,
    when kept), the second from Redis itself."""
    url = PAGES[page][1](world)

    miss = client.get(url)
    with django_assert_num_queries(0):
        hits = [client.get(url)]
        recent_pages.clear()
        hits.append(client.get(url))

    def headers(response):
        return {name: value for name, value in response.headers.items() if name != "X-Page-Cache"}

    for hit in hits:
        assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
        assert headers(hit) == headers(miss)
        assert hit.content == miss.content
        if page not in ("feed", "sitemap"):
            assert [name for name in SECURITY_HEADERS if name in hit] == SECURITY_HEADERS


def test_a_hit_is_answered_before_the_session_language_and_authentication_middleware(client, world):
    client.get("/visits/huancun-kaocha/")

    hit = client.get("/visits/huancun-kaocha/")

    assert hit["X-Page-Cache"] == "hit"
    assert not hasattr(hit.wsgi_request, "session") and not hasattr(hit.wsgi_request, "user")
    assert hit["Content-Language"] == "zh-hans" and "Accept-Language" in hit["Vary"]


def test_staff_posts_and_previews_never_get_a_visitors_cached_page(client, django_user_model, world):
    client.get("/visits/huancun-kaocha/")
    assert client.get("/visits/huancun-kaocha/")["X-Page-Cache"] == "hit"
    client.force_login(make_staff(django_user_model, "editor-after-visitor"))

    staff_view = client.get("/visits/huancun-kaocha/")
    posted = client.post("/visits/huancun-kaocha/")
    client.logout()
    anonymous_post = client.post("/visits/huancun-kaocha/")

    assert (staff_view["X-Page-Cache"], posted["X-Page-Cache"], anonymous_post["X-Page-Cache"]) == ("bypass",) * 3
    assert "private" in staff_view["Cache-Control"]


def test_every_response_says_what_the_cache_did(client, django_user_model, world):
    answers = {
        "first visit": client.get("/visits/"),
        "second visit": client.get("/visits/"),
        "missing page": client.get("/visits/no-such-trip/"),
        "health check": client.get("/healthz/live"),
        "admin login": client.get(reverse("admin:login")),
        "unknown host": client.get("/visits/", HTTP_HOST="evil.example"),
    }

    assert {label: answer["X-Page-Cache"] for label, answer in answers.items()} == {
        "first visit": "miss",
        "second visit": "hit",
        "missing page": "miss",
        "health check": "bypass",
        "admin login": "bypass",
        "unknown host": "bypass",
    }
    assert answers["unknown host"].status_code == 400


def test_static_files_are_never_looked_up_in_the_page_cache(client, settings, monkeypatch, world):
    from portal.pagecache import middleware

    looked_up, page_cache = [], middleware.page_cache
    monkeypatch.setattr(middleware, "page_cache", lambda: looked_up.append("page cache") or page_cache())

    static = client.get(settings.STATIC_URL + "no-such-file.css")
    static_looked_up = list(looked_up)
    page = client.get("/visits/")

    assert (static["X-Page-Cache"], static_looked_up) == ("bypass", [])
    assert page["X-Page-Cache"] == "miss" and looked_up[0] == "page cache"


def test_with_https_redirect_on_a_plain_http_request_is_redirected_not_served(client, settings, world):
    settings.SECURE_SSL_REDIRECT = True
    client.get("/visits/", secure=True)

    plain, secure = client.get("/visits/"), client.get("/visits/", secure=True)

    assert (plain.status_code, plain["X-Page-Cache"]) == (301, "bypass")
    assert (secure.status_code, secure["X-Page-Cache"]) == (200, "hit")


@pytest.mark.parametrize("backend", ["redis"], indirect=True)
def test_a_worker_serves_its_recent_hits_without_asking_redis_until_a_change(
    client, django_assert_num_queries, monkeypatch, backend, world
):
    from django.core.cache import caches

    asked, redis = [], type(caches["default"])
    redis_get = redis.get

    def get(self, key, *args, **kwargs):
        asked.append(key)
        return redis_get(self, key, *args, **kwargs)

    monkeypatch.setattr(redis, "get", get)
    client.get("/visits/huancun-kaocha/")
    asked.clear()

    with django_assert_num_queries(0):
        hits = [client.get("/visits/huancun-kaocha/") for _ in range(3)]
    keys_asked = list(asked)
    withdraw([world["trip"]])
    after_change = client.get("/visits/huancun-kaocha/")

    assert [hit["X-Page-Cache"] for hit in hits] == ["hit"] * 3 and keys_asked == []
    assert after_change.status_code == 404


def test_the_recent_pages_stay_within_their_memory_limit(settings):
    from portal.pagecache.middleware import _RecentPages

    settings.PAGE_CACHE_LOCAL_BYTES = 1000
    pages = _RecentPages()
    made = content_version.current().seq
    forever = time.time() + 600

    for n in range(5):
        pages.put(f"page{n}", (made, forever, frozenset({f"t:table{n}"}), 200, b"x" * 300, {}), 60)
    pages.put("too big", (made, forever, frozenset(), 200, b"x" * 2000, {}), 60)

    assert list(pages.entries) == ["page2", "page3", "page4"] and pages.size == 900
    assert pages.get("page4") is not None
    content_version._mark({"t:table4"})
    assert pages.get("page3") is not None and pages.get("page4") is None
    assert list(pages.entries) == ["page2", "page3"]


def stored_pages():
    """Pages in the local-memory cache (the default in tests; Redis db 7 is shared by test runs)."""
    return len([key for key in cache._cache if "pagecache:page:" in key])


@pytest.mark.parametrize(
    ("address", "junk"),
    [("/visits/", "utm_source=x{n}"), ("/visits/huancun-kaocha/", "a{n}=1"), ("/", "page={n}"),
     ("/projects/", "x=1&y{n}=2"), ("/sitemap-trips.xml", "q{n}=1"), ("/feed/", "v={n}")],
)
def test_parameters_a_page_does_not_read_fill_no_cache_entries(client, world, address, junk):
    client.get(address)
    stored = stored_pages()

    answers = [client.get(f"{address}?{junk.format(n=n)}") for n in range(20)]

    assert [a.status_code for a in answers] == [200] * 20
    assert stored_pages() == stored == 1


def test_the_parameters_a_page_reads_are_its_key_in_any_order(client, django_assert_num_queries, world):
    make_delegation(title="二〇二二年考察", start_date=datetime.date(2022, 5, 1))
    make_delegation(title="二〇二三年考察", start_date=datetime.date(2023, 5, 1))
    this_year = cached_text(client, django_assert_num_queries, "/visits/?year=2023&page=1")

    with django_assert_num_queries(0):
        reordered = client.get("/visits/?page=1&year=2023")
    other_year = client.get("/visits/?year=2022&page=1")

    assert reordered.content.decode() == this_year
    assert other_year["X-Page-Cache"] == "miss"
    assert ("二〇二三年考察" in this_year, "二〇二二年考察" in this_year) == (True, False)
    assert "二〇二三年考察" not in other_year.content.decode()


@pytest.mark.django_db
def test_a_union_of_counts_is_a_read_of_every_table_it_counts():
    # PostgreSQL writes "(SELECT …) UNION ALL (SELECT …)": a page or a kept value made from one
    # depends on its tables as on any other read (the pairings' counts were kept past a new trip).
    from portal.activity import activity_by_year

    with content_version.collecting() as collector:
        activity_by_year()

    assert {"visits_delegation", "visits_meeting", "projects_project"} <= collector.tables


@pytest.mark.django_db
def test_a_kept_value_another_process_is_making_is_waited_for_not_made_again(monkeypatch):
    import threading

    monkeypatch.setattr(content_version, "MAKING_WAIT_SECONDS", 5.0)
    key = "test:kept-while-made-elsewhere"
    cache.delete(key)
    cache.add(f"{key}:making", 1, 10)  # another worker has started making it
    made_here = []

    def other_worker_keeps_it():
        time.sleep(0.2)
        content_version.cached(key, lambda: "made there", 60, store=_UnmarkedCache())
        cache.delete(f"{key}:making")

    other = threading.Thread(target=other_worker_keeps_it)
    other.start()
    value = content_version.cached(key, lambda: made_here.append(1) or "made here", 60)
    other.join()

    assert (value, made_here) == ("made there", [])


@pytest.mark.django_db
def test_a_kept_value_is_made_after_the_wait_when_its_maker_never_keeps_it(monkeypatch):
    monkeypatch.setattr(content_version, "MAKING_WAIT_SECONDS", 0.1)
    key = "test:kept-maker-gone"
    cache.delete(key)
    cache.add(f"{key}:making", 1, 10)  # a worker that started making it and died

    first = content_version.cached(key, lambda: "made here", 60)
    again = content_version.cached(key, lambda: "made twice", 60)

    assert (first, again) == ("made here", "made here")
    assert cache.get(f"{key}:making") == 1  # the mark of the other worker is left to expire


@pytest.mark.django_db
def test_the_process_that_makes_a_kept_value_marks_it_while_it_makes_it_and_unmarks_it_after():
    key = "test:kept-marked"
    cache.delete(key)
    seen = []

    value = content_version.cached(key, lambda: seen.append(cache.get(f"{key}:making")) or "made", 60)

    assert (value, seen, cache.get(f"{key}:making")) == ("made", [1], None)


class _UnmarkedCache:
    """The shared cache as another process's `cached` uses it, the mark already its own."""

    def get(self, key):
        return cache.get(key)

    def set(self, key, value, timeout=None):
        cache.set(key, value, timeout)

    def add(self, key, value, timeout=None):
        return True

    def delete(self, key):
        pass
