"""Redis hangs or dies: the site keeps answering, from the database, without waiting on it.

Each test starts a redis-server of its own and SIGSTOPs it (as a long fork or a network stall
does) or kills it; the shared Redis is never touched.
"""

import logging
import time

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCacheClient

from config.settings import cache_from_url
from tests.builders import make_delegation, make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache(settings, redis_server):
    """The site's cache on the test's own Redis, configured as CACHE_URL would configure it."""
    settings.CACHES = {"default": cache_from_url(redis_server.url)}
    caches["default"].breaker.succeeded()
    yield caches["default"]
    caches["default"].breaker.succeeded()


@pytest.fixture
def redis_calls(monkeypatch):
    """How many times anything asked the Redis client for a connection."""
    calls = []
    original = RedisCacheClient.get_client

    def counted(self, *args, **kwargs):
        calls.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(RedisCacheClient, "get_client", counted)
    return calls


def test_calls_give_up_within_a_fraction_of_a_second(redis_cache):
    connection = redis_cache._cache._get_connection_pool(write=True).connection_kwargs

    assert connection["socket_connect_timeout"] <= 0.5
    assert connection["socket_timeout"] <= 0.5


def test_a_hanging_redis_is_asked_once_then_left_alone_while_pages_are_served(
    client, redis_cache, redis_server, redis_calls, caplog
):
    trip = make_delegation(title="缓存停顿时的考察")
    assert client.get("/visits/")["X-Page-Cache"] == "miss"
    redis_calls.clear()
    # Longer than the twelve pages take on a loaded machine: the breaker does not try again meanwhile.
    redis_cache.breaker.retry_seconds = 60

    redis_server.pause()
    with caplog.at_level(logging.WARNING):
        pages = [client.get(url) for url in ["/", "/visits/", trip.get_absolute_url(), "/projects/"] * 3]

    assert [page.status_code for page in pages] == [200] * 12
    assert "缓存停顿时的考察" in pages[1].content.decode()
    # One call waited for the timeout and opened the breaker; nothing else asked Redis.
    assert len(redis_calls) == 1
    warnings = [r for r in caplog.records if r.name == "config.cache"]
    assert len(warnings) == 1
    assert warnings[0].exc_info is None
    assert "unreachable" in warnings[0].getMessage()


def test_the_cache_is_used_again_once_redis_answers(client, redis_cache, redis_server, redis_calls, settings):
    make_delegation(title="恢复后的考察")
    # A second between tries: the page read while Redis hangs waits on one or two of its ~100
    # cache calls (with no pause between tries it waited on each, 25 s in all).
    settings.CACHES["default"]["OPTIONS"]["RETRY_SECONDS"] = 1
    caches["default"].breaker.retry_seconds = 1
    redis_server.pause()
    assert client.get("/visits/").status_code == 200
    assert redis_cache.is_down

    redis_server.resume()
    time.sleep(1)  # the last failed try was before Redis resumed: the next call tries again
    first, second = client.get("/visits/"), client.get("/visits/")

    assert not redis_cache.is_down
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")


def test_open_data_downloads_answer_while_redis_hangs(client, redis_cache, redis_server):
    make_delegation(title="开放数据缓存停顿")
    redis_server.pause()

    responses = [client.get(f"/data/trips.{kind}") for kind in ("csv", "json", "csv")]

    assert [r.status_code for r in responses] == [200, 200, 200]
    assert "开放数据缓存停顿" in responses[0].content.decode("utf-8-sig")


def test_open_data_downloads_answer_while_redis_is_gone(client, redis_cache, redis_server):
    make_delegation(title="开放数据缓存停止")
    redis_server.kill()

    responses = [client.get(f"/data/trips.{kind}") for kind in ("csv", "json")]

    assert [r.status_code for r in responses] == [200, 200]
    assert "开放数据缓存停止" in responses[1].content.decode()


def test_signed_in_staff_keep_working_with_cached_db_sessions_while_redis_hangs(
    client, redis_cache, redis_server, settings, django_user_model
):
    settings.SESSION_ENGINE = "config.sessions.cached_db"
    client.force_login(make_editor(django_user_model))
    assert client.get("/admin/").status_code == 200

    redis_server.pause()
    pages = [client.get(url) for url in ("/admin/", "/admin/visits/delegation/", "/admin/visits/delegation/add/")]

    assert [page.status_code for page in pages] == [200, 200, 200]
    assert [page.wsgi_request.user.username for page in pages] == ["editor"] * 3


def test_healthz_keeps_the_server_in_rotation_while_redis_hangs(client, redis_cache, redis_server):
    redis_server.pause()

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"] is False


def test_with_cache_only_sessions_staff_are_signed_out_while_redis_hangs_and_told_why_at_sign_in(
    redis_cache, redis_server, settings, django_user_model
):
    from django.test import Client

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    staff = Client(raise_request_exception=False)
    editor = make_editor(django_user_model)
    editor.set_password("Cache-pw-2026!")
    editor.save()
    staff.force_login(editor)
    assert staff.get("/admin/").status_code == 200

    redis_server.pause()
    signed_out = staff.get("/admin/")
    sign_in = staff.post("/admin/login/?next=/admin/", {"username": "editor", "password": "Cache-pw-2026!"})

    assert (signed_out.status_code, signed_out["Location"]) == (302, "/admin/login/?next=/admin/")
    assert sign_in.status_code == 503
    assert "Retry-After" in sign_in
