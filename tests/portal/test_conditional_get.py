"""Returning visitors and feed readers get 304 Not Modified for what they already have."""

import pytest

from tests.builders import make_delegation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page_cache", [False, True], ids=["uncached", "cached"])
def test_a_page_answers_304_to_the_etag_it_gave(client, seed, settings, page_cache):
    settings.PAGE_CACHE = page_cache
    first = client.get("/pairings/")
    client.get("/pairings/")

    again = client.get("/pairings/", HTTP_IF_NONE_MATCH=first["ETag"])
    other = client.get("/pairings/", HTTP_IF_NONE_MATCH='"something-else"')

    assert first.status_code == 200 and first["ETag"]
    assert (again.status_code, again.content) == (304, b"")
    assert other.status_code == 200


def test_the_feed_answers_304_by_date_and_by_etag_and_200_once_something_new_is_published(client, seed):
    first = client.get("/feed/")

    by_date = client.get("/feed/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    by_etag = client.get("/feed/", HTTP_IF_NONE_MATCH=first["ETag"])
    make_delegation("新的考察")
    changed = client.get("/feed/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200 and first["Last-Modified"]
    assert (by_date.status_code, by_etag.status_code) == (304, 304)
    assert changed.status_code == 200
    assert "新的考察" in changed.content.decode()


def test_a_cache_hit_carries_the_etag_made_once_with_the_page(client, seed, settings):
    from hashlib import md5

    from django.utils.http import quote_etag

    settings.PAGE_CACHE = True
    miss, hit = client.get("/pairings/"), client.get("/pairings/")

    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert hit["ETag"] == miss["ETag"] == quote_etag(md5(hit.content, usedforsecurity=False).hexdigest())


def test_a_request_that_asks_nothing_conditional_gets_its_etag_without_the_conditional_checks(
    client, seed, settings, monkeypatch
):
    """They are a quarter of a page-cache hit's CPU time and cannot change such an answer."""
    import django.middleware.http

    checked = []
    conditional = django.middleware.http.get_conditional_response
    monkeypatch.setattr(
        django.middleware.http, "get_conditional_response",
        lambda request, **kwargs: checked.append(request.path) or conditional(request, **kwargs),
    )
    settings.PAGE_CACHE = True
    plain = [client.get("/pairings/") for _ in range(2)]  # a miss, then a hit

    assert [page.status_code for page in plain] == [200, 200] and plain[0]["ETag"] == plain[1]["ETag"]
    assert [page["X-Page-Cache"] for page in plain] == ["miss", "hit"] and checked == []
    assert client.get("/pairings/", HTTP_IF_NONE_MATCH=plain[0]["ETag"]).status_code == 304
    assert checked == ["/pairings/"]
