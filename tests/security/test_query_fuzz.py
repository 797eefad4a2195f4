"""Odd query strings on every public list, filter and search answer 200, 400 or 404, never 500.

Each public address that reads its query string is asked with every hostile value in every
parameter it knows (and a few it does not): bad dates, zero, negative and enormous page
numbers, SQL-like text, NUL bytes, 10,000-character values, unknown ordering fields, repeated
parameters and percent-escapes that are not UTF-8. The test client raises a view's exception:
a crash is reported with the end of its traceback, a 500 page by its status, every one of them
with its address and query.

Each walk asks every value in one test, over the seed loaded once for the module: what the pages
compute from the records (and cache) is computed once, not once per value. A page the page cache
answers is asked again with an empty cache, so that every address and query reaches its view.
"""

import traceback
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from cooperation.models import Pairing, Person, Region, Topic
from portal.pagecache.middleware import HEADER, HIT
from visits.models import Delegation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_for_module")]

ALLOWED = {200, 400, 404}

# Already percent-encoded, as a browser or a crawler would send them.
HOSTILE_VALUES = {
    "bad date": quote("2024-13-45"),
    "impossible day": quote("2024-02-30"),
    "year zero": quote("0000-00-00"),
    "far future": quote("99999-01-01"),
    "zero": "0",
    "negative": "-1",
    "huge number": "9" * 40,
    "float": "1.5",
    "exponent": "1e309",
    "not a number": "NaN",
    "infinity": "Infinity",
    "non-numeric": "abc",
    "empty": "",
    "sql quote": quote("' OR '1'='1"),
    "sql comment": quote("1; DROP TABLE visits_delegation;--"),
    "sql union": quote('" UNION SELECT username, password FROM auth_user--'),
    "nul byte": "%00",
    "nul inside": "a%00b",
    "control characters": "%01%1f%7f",
    "10,000 characters": "x" * 10_000,
    "10,000 Chinese characters": quote("芍" * 10_000),
    "invalid utf-8": "%ff%fe",
    "truncated utf-8": "%e8%8a",
    "overlong utf-8": "%c0%af",
    "lone surrogate": "%ed%a0%80",
    "script": quote("<script>alert(1)</script>"),
    "path traversal": quote("../../etc/passwd"),
    "lookup syntax": quote("slug__startswith"),
}
# Parameters no page knows: ordering and paging names other frameworks use.
UNKNOWN_PARAMETERS = ["o", "ordering", "sort", "order_by", "p", "page_size", "format"]


def public_addresses():
    """Every public address that reads a query string, with the parameters it knows."""
    trip = Delegation.objects.get()
    return {
        reverse("visits:delegation_list"): [
            "year", "pairing", "region", "topic", "kind", "person", "date_from", "date_to", "page",
        ],
        reverse("projects:project_list"): [
            "year", "pairing", "region", "topic", "stage", "person", "funds_min", "funds_max", "page",
        ],
        reverse("cooperation:search"): ["q", "type", "page"],
        reverse("cooperation:home"): [],
        reverse("visits:delegation_detail", args=[trip.slug]): [],
        reverse("cooperation:person_detail", args=[Person.objects.published().first().slug]): [],
        reverse("cooperation:region_detail", args=[Region.objects.get(short_name="察右前旗").slug]): [],
        reverse("cooperation:pairing_detail", args=[Pairing.objects.first().slug]): [],
        reverse("cooperation:topic_detail", args=[Topic.objects.first().slug]): [],
        reverse("cooperation:feed"): [],
        reverse("cooperation:sitemap"): ["p"],
        reverse("cooperation:sitemap_section", args=["trips"]): ["p"],
        reverse("cooperation:sitemap_section", args=["regions"]): ["p"],
        reverse("opendata:index"): [],
        reverse("opendata:csv", args=["trips"]): [],
        reverse("opendata:json", args=["projects"]): [],
    }


@pytest.fixture
def addresses():
    return public_addresses()


def get(client, path, query):
    """What is wrong with the answer to `path?query`: a status outside ALLOWED or the view's
    exception (with its address and query), or None. Each request in a savepoint: a query the
    database refused does not stop the ones after it."""
    try:
        with transaction.atomic():
            response = client.get(f"{path}?{query}")
            if response.get(HEADER) == HIT:
                cache.clear()
                response = client.get(f"{path}?{query}")
    except Exception:
        return (path, query[:200], traceback.format_exc(limit=-4))
    return None if response.status_code in ALLOWED else (path, query[:200], response.status_code)


def test_every_known_parameter_takes_every_hostile_value(client, addresses):
    problems = [
        problem
        for value in HOSTILE_VALUES.values()
        for path, parameters in addresses.items()
        for parameter in parameters or ["page"]
        if (problem := get(client, path, f"{parameter}={value}"))
    ]

    assert problems == []


def test_hostile_values_in_every_parameter_at_once_and_repeated(client, addresses):
    problems = []
    for value in HOSTILE_VALUES.values():
        for path, parameters in addresses.items():
            names = [*parameters, *UNKNOWN_PARAMETERS]
            once = "&".join(f"{name}={value}" for name in names)
            repeated = "&".join(f"{name}={value}&{name}=2024&{name}={value}" for name in names)
            problems += [problem for query in (once, repeated) if (problem := get(client, path, query))]

    assert problems == []


def test_hostile_parameter_names(client, addresses):
    problems = [
        problem
        for value in HOSTILE_VALUES.values()
        for path in addresses
        if (problem := get(client, path, f"{value}=1&{value}[]=2"))
    ]

    assert problems == []


@pytest.mark.parametrize(
    "query",
    [
        "page=0", "page=-1", "page=99999999999999999999", "page=last", "page=abc",
        "date_from=2024-13-45", "date_to=2024-02-30", "year=1900", "year=abc", "person=nobody",
        "region=nowhere", "pairing=none", "topic=none", "kind=spaceship", "o=-no_such_field",
    ],
)
def test_a_bad_filter_on_the_trip_list_still_shows_a_page(client, query):
    response = client.get(reverse("visits:delegation_list") + "?" + query)

    assert response.status_code == 200


def test_the_search_takes_sql_like_text_as_words(client):
    response = client.get(reverse("cooperation:search"), {"q": "' OR 1=1 --"})

    assert response.status_code == 200
    assert response.context["total"] == 0


@pytest.mark.parametrize("page", ["0", "-1", "99999", "abc"])
def test_a_sitemap_page_out_of_range_is_not_found(client, page):
    response = client.get(reverse("cooperation:sitemap_section", args=["trips"]), {"p": page})

    assert response.status_code == 404


def test_unknown_open_data_ledgers_are_not_found(client):
    for name in ["nothing", "x" * 300, "trips%00"]:
        assert client.get(f"/data/{name}.csv").status_code == 404
