"""The list filters' select widget renders exactly what Django's own does, only faster; a choice
among its kept options is checked there."""

import datetime
import re

import pytest
from django import forms
from django.db import connection
from django.http import QueryDict
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext

from cooperation.filtering import CopiedLikeAField, FastSelect, KeptChoices
from cooperation.models import Person
from tests.builders import make_delegation, make_topic, region
from tests.public_site import make_pairing_once, parse
from visits.models import Delegation, DelegationKind

pytestmark = pytest.mark.django_db

CHOICES = [
    ("", "全部地区"),
    ("beijing", "北京市"),
    ("da-xing", "\u3000大兴区"),
    ("x\"><script>alert(1)</script>", "<b>名称 & \"引号\"</b>"),
    ("宁城县", [("ning-cheng", "宁城县"), ("a&b", "a < b")]),
]


@pytest.mark.parametrize("value", [None, "", "da-xing", "ning-cheng", "x\"><script>alert(1)</script>", "nothing"])
def test_the_fast_select_renders_what_djangos_select_renders(value):
    attrs = {"id": "id_region", "aria-describedby": "hint", "required": True, "disabled": False}

    fast = FastSelect(choices=CHOICES).render("region", value, attrs)
    django = forms.Select(choices=CHOICES).render("region", value, attrs)

    # The same elements, attributes and text (assertHTMLEqual's comparison).
    assert parse_html(fast) == parse_html(django)
    assert "<script>" not in fast


@pytest.mark.parametrize("value", [None, "", "da-xing", "ning-cheng", "x\"><script>alert(1)</script>", "nothing"])
def test_kept_options_render_what_djangos_select_renders(value):
    attrs = {"id": "id_region", "required": True}
    kept = FastSelect(choices=CHOICES)
    kept.kept = ("test:kept-options", lambda: CHOICES)

    first, again = kept.render("region", value, attrs), kept.render("region", value, attrs)
    django = forms.Select(choices=CHOICES).render("region", value, attrs)

    assert parse_html(first) == parse_html(again) == parse_html(django)
    assert "<script>" not in again


def test_a_choice_outside_the_kept_options_is_still_shown_chosen(client, seed):
    from visits.models import Participant

    leaders = set(Participant.objects.leaders().values_list("person__slug", flat=True))
    other = Person.objects.published().exclude(slug__in=leaders).first()

    client.get("/visits/")  # the options kept, without this person
    page = parse(client.get(f"/visits/?person={other.slug}"))

    options = page.find("select", id="id_person").find_all("option")
    assert [(o.attrs["value"], o.text) for o in options if "selected" in o.attrs] == [(other.slug, other.name)]
    options = parse(client.get("/visits/")).find("select", id="id_person").find_all("option")
    assert other.slug not in [o.attrs["value"] for o in options]


def test_the_list_filters_use_the_fast_select():
    from portal.project_filters import ProjectFilter
    from visits.filters import DelegationFilter

    for filterset in (DelegationFilter(), ProjectFilter()):
        selects = {name for name, field in filterset.form.fields.items() if isinstance(field.widget, forms.Select)}
        slow = {name for name in selects if not isinstance(filterset.form.fields[name].widget, FastSelect)}
        assert slow == set(), slow


def test_the_list_filters_check_their_choices_in_the_kept_options():
    from portal.project_filters import ProjectFilter
    from visits.filters import DelegationFilter

    for filterset in (DelegationFilter(), ProjectFilter()):
        selects = {name for name, field in filterset.form.fields.items() if isinstance(field.widget, forms.Select)}
        unchecked = {name for name in selects if not isinstance(filterset.form.fields[name], KeptChoices)}
        assert unchecked == set(), unchecked


# ---------------------------------------------------------------------------------------------
# A choice among the kept options is checked there, not in the database


@pytest.fixture
def kept_trip_list(client, db, settings):
    """A trip list whose options (years, pairings, places, topics, people) are kept."""
    settings.PAGE_CACHE = False  # the page is made each time; its options are kept
    trip = make_delegation("春季考察", start_date=datetime.date(2024, 4, 2), kind=DelegationKind.INSPECTION)
    trip.topics.set([make_topic("文旅测试")])
    trip.pairings.set([make_pairing_once("大兴区", "察右前旗")])
    trip.destinations.set([region("察右前旗")])
    client.get("/visits/")
    return trip


def test_a_chosen_year_pairing_place_and_topic_cost_the_list_no_query(client, kept_trip_list):
    trip = kept_trip_list
    query = (
        f"?year=2024&pairing={trip.pairings.get().slug}&region={region('察右前旗').slug}"
        f"&topic={trip.topics.get().slug}"
    )
    client.get(f"/visits/{query}&kind=visit")  # the rows of the places, pairings and topics kept

    with CaptureQueriesContext(connection) as queries:
        page = parse(client.get(f"/visits/{query}&kind=inspection"))

    # The list's rows and their count; none of the chosen values looked up, no year listed.
    lookups = [
        q["sql"] for q in queries
        if re.search("date_trunc", q["sql"], re.IGNORECASE) or not re.search('"visits_', q["sql"])
    ]
    assert lookups == [], lookups
    assert page.texts("h3", cls="card-title") == ["春季考察"]
    assert [li.find("span").text for li in page.find("ul", cls="active-filters").find_all("li")] == [
        "年份：2024", "结对关系：大兴区 — 察右前旗", "地区（含下级）：察哈尔右翼前旗", "协作领域：文旅测试",
        "类型：考察",
    ]


def test_a_year_and_a_topic_published_a_moment_ago_are_choices_at_once(client, kept_trip_list):
    topic = make_topic("刚发布领域")
    trip = make_delegation("刚发布考察", start_date=datetime.date(2031, 5, 1))
    trip.topics.set([topic])

    page = parse(client.get(f"/visits/?year=2031&topic={topic.slug}"))

    assert page.find_all("div", cls="notice-warning") == []
    assert page.texts("h3", cls="card-title") == ["刚发布考察"]
    assert [li.find("span").text for li in page.find("ul", cls="active-filters").find_all("li")] == [
        "年份：2031", "协作领域：刚发布领域",
    ]


def test_a_value_the_kept_options_do_not_offer_is_refused_as_the_field_refuses_it(client, kept_trip_list):
    make_topic("无人使用的领域")  # a topic nothing published uses is no choice

    page = parse(client.get("/visits/?year=1999&pairing=no-such&topic=wu-ren-shi-yong-de-ling-yu&kind=bad"))

    assert page.find("div", cls="notice-warning").texts("li") == [
        "年份：选择一个有效的选项。 1999 不在可用的选项中。",
        "结对关系：选择一个有效的选项： 该选择不在可用的选项中。",
        "协作领域：选择一个有效的选项： 该选择不在可用的选项中。",
        "类型：选择一个有效的选项。 bad 不在可用的选项中。",
    ]
    assert page.texts("h3", cls="card-title") == ["春季考察"]


# ---------------------------------------------------------------------------------------------
# Each filter set has filters of its own, copied without copying what they share


def test_the_list_filters_are_copied_like_form_fields():
    from portal.project_filters import ProjectFilter
    from visits.filters import DelegationFilter

    for filterset_class in (DelegationFilter, ProjectFilter):
        copied = {name for name, f in filterset_class.base_filters.items() if not isinstance(f, CopiedLikeAField)}
        assert copied == set(), copied


def test_two_lists_filtered_at_once_each_keep_to_their_own_choices(db):
    from visits.filters import DelegationFilter

    north = make_delegation("北行", start_date=datetime.date(2024, 1, 1), kind=DelegationKind.INSPECTION)
    north.destinations.set([region("察右前旗")])
    south = make_delegation("南行", start_date=datetime.date(2023, 1, 1), kind=DelegationKind.VISIT)
    south.destinations.set([region("正镶白旗")])
    trips = Delegation.objects.published()

    first = DelegationFilter(QueryDict(f"region={region('察右前旗').slug}&date_from=2024-01-01"), queryset=trips)
    second = DelegationFilter(QueryDict(f"region={region('正镶白旗').slug}&kind=visit"), queryset=trips)

    assert [trip.title for trip in first.qs] == ["北行"]
    assert [trip.title for trip in second.qs] == ["南行"]
    # What each filter set's `__init__` gave its filters stays its own.
    assert first.filters["region"].extra["offered"] is not second.filters["region"].extra["offered"]
    assert "offered" not in DelegationFilter.base_filters["region"].extra
