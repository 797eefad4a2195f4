"""Sections (栏目): hidden while empty, measured against their freshness limit on the staff dashboard."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from govsite import site
from review.models import Status
from tests.builders import make_delegation, make_editor, make_meeting, make_person, make_project, make_staff
from tests.public_site import parse

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/govsite/sectionfreshness/"


# The indexes of the reference data, linked whatever is published.
INDEXES = ["结对关系", "地区", "协作领域"]


def nav(page):
    return page.find("nav", cls="site-nav").find("ul", cls="nav-links").texts("a")


def footer_links(page):
    return page.find("nav", cls="footer-links").texts("a")


def test_an_empty_site_links_no_section(client):
    page = parse(client.get("/"))

    assert nav(page) == ["首页", *INDEXES]
    assert footer_links(page) == ["站内搜索", "订阅（Atom）", "网站地图"]


def test_a_section_appears_once_it_has_something_published(client):
    make_delegation(status=Status.DRAFT)
    make_project(status=Status.PUBLISHED, published_at=timezone.now() + datetime.timedelta(days=1))
    make_project()

    page = parse(client.get("/"))

    # Projects are published, so open data (made of trips, meetings and projects) has them too.
    assert nav(page) == ["首页", "协作项目", *INDEXES, "开放数据"]
    assert footer_links(page) == ["协作项目", "开放数据", "站内搜索", "订阅（Atom）", "网站地图"]


def test_publishing_shows_the_section_on_the_next_page(client):
    trip = make_delegation(status=Status.DRAFT)
    assert nav(parse(client.get("/"))) == ["首页", *INDEXES]

    trip.status = Status.PUBLISHED
    trip.published_at = timezone.now()
    trip.save()

    assert nav(parse(client.get("/"))) == ["首页", "考察活动", *INDEXES, "开放数据"]


def test_a_bulk_update_that_sends_no_signal_shows_on_the_next_page(client, settings):
    settings.PAGE_CACHE = False  # the settings' own cache entry, not the whole page's
    trip = make_delegation(status=Status.DRAFT)
    assert nav(parse(client.get("/"))) == ["首页", *INDEXES]

    type(trip).objects.filter(pk=trip.pk).update(status=Status.PUBLISHED, published_at=timezone.now())

    assert nav(parse(client.get("/"))) == ["首页", "考察活动", *INDEXES, "开放数据"]


def test_the_current_section_is_marked_in_the_navigation(client):
    trip = make_delegation()

    page = parse(client.get(trip.get_absolute_url()))

    current = [a.text for a in page.find("nav", cls="site-nav").find_all("a") if a.attrs.get("aria-current")]
    assert current == ["考察活动"]


@pytest.mark.parametrize("size", [1, 4])
def test_identity_and_sections_cost_one_query_then_none(django_assert_num_queries, rf, size):
    for _n in range(size):
        make_meeting(make_delegation())
        make_project()
        make_person()
    request = rf.get("/")

    with django_assert_num_queries(1):
        first = site.for_request(request)
        assert [state.section.key for state in first.linked_sections] == ["trips", "projects", "people", "opendata"]
        assert first.settings.sponsor == "主办单位（待填写）"
    with django_assert_num_queries(0):
        assert site.for_request(rf.get("/")).linked_sections == first.linked_sections


def test_a_page_asks_for_them_once_and_a_cached_page_not_at_all(client, django_assert_num_queries):
    make_delegation()
    client.get("/data/")
    cache.clear()  # the settings and sections, and any whole page kept for anonymous visitors

    with CaptureQueriesContext(connection) as cold:
        client.get("/data/")
    with CaptureQueriesContext(connection) as warm:
        site.current()

    assert len([query for query in cold.captured_queries if "govsite_sitesettings" in query["sql"]]) == 1
    assert warm.captured_queries == []


def test_the_settings_row_missing_still_renders_placeholders(client):
    from govsite.models import SiteSettings

    SiteSettings.objects.all().delete()
    make_project()

    page = parse(client.get("/"))

    assert nav(page) == ["首页", "协作项目", *INDEXES, "开放数据"]
    assert page.find("dl", cls="footer-facts").find("dd").text == "主办单位（待填写）"


# ---------------------------------------------------------------------------------------------
# The dashboard


def dashboard_rows(response):
    page = parse(response)
    return [
        (row.attrs["data-section"], row.find("td", cls="freshness-status").text)
        for row in page.find("table", cls="freshness-table").find("tbody").find_all("tr")
    ]


def test_the_dashboard_flags_sections_past_their_limit(client, django_user_model):
    now = timezone.now()
    old_trip = make_delegation(published_at=now - datetime.timedelta(days=20))
    type(old_trip).objects.filter(pk=old_trip.pk).update(updated_at=now - datetime.timedelta(days=20))
    make_project(published_at=now - datetime.timedelta(days=100))
    person = make_person(published_at=now - datetime.timedelta(days=200))
    type(person).objects.filter(pk=person.pk).update(updated_at=now - datetime.timedelta(days=200))
    client.force_login(make_editor(django_user_model))

    response = client.get(DASHBOARD)

    assert dashboard_rows(response) == [
        ("trips", "超过时限"),  # news-like: 14 days
        ("meetings", "无内容，已隐藏"),
        ("projects", "正常"),  # reference: six months
        ("people", "超过时限"),
        ("opendata", "正常"),
    ]
    assert parse(response).find("p", cls="freshness-summary").text.startswith("3 个栏目已超过更新时限。")


def test_the_limits_come_from_settings(admin_client, settings):
    settings.GOVSITE_FRESHNESS_DAYS = {"news": 30, "reference": 60, "projects": 7}
    ten_days_ago = timezone.now() - datetime.timedelta(days=10)
    make_delegation(published_at=timezone.now() - datetime.timedelta(days=20))
    type(make_project()).objects.update(published_at=ten_days_ago, updated_at=ten_days_ago)

    rows = dict(dashboard_rows(admin_client.get(DASHBOARD)))

    assert (rows["trips"], rows["projects"]) == ("正常", "超过时限")


def test_the_dashboard_is_listed_in_the_admin_index_for_those_who_may_see_it(client, django_user_model):
    client.force_login(make_editor(django_user_model))

    index = client.get(reverse("admin:index"))

    assert DASHBOARD in [a.attrs.get("href") for a in parse(index).find_all("a")]


def test_staff_without_the_permission_are_refused(client, django_user_model):
    client.force_login(make_staff(django_user_model, "clerk"))

    assert client.get(DASHBOARD).status_code == 403


def test_the_public_is_sent_to_the_login(client):
    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("size", [1, 4])
def test_the_dashboard_costs_the_same_queries_for_one_or_many(admin_client, django_assert_num_queries, size):
    for _n in range(size):
        make_meeting(make_delegation())
        make_project()
        make_person()
    admin_client.get(DASHBOARD)

    # the admin's own (session, user, password age, roles, the idle-timeout session save: 6), the
    # settings row for the sidebar's add link, four sections' figures, the latest check, open failures
    with django_assert_num_queries(14):
        assert admin_client.get(DASHBOARD).status_code == 200


def test_the_sections_with_content_checked_after_each_commit_are_those_the_site_shows(db):
    from govsite import site
    from tests.builders import make_delegation

    def shown():
        return ",".join(state.section.key for state in site._section_times(site.load()["times"]) if state.has_content)

    empty = site._linked_section_keys()
    assert empty == shown() and "trips" not in empty.split(",")
    make_delegation()
    assert site._linked_section_keys() == shown() and "trips" in shown().split(",")
