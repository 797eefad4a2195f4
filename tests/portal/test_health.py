"""/healthz for the load balancer (readiness) and /healthz/live for the supervisor (liveness)."""

import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db

DOWN_REDIS = {"default": {"BACKEND": "config.cache.FailFastRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}


def test_healthz_answers_ok_when_database_cache_and_media_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database:default": True, "media": True, "cache": True},
    }
    assert "no-cache" in response["Cache-Control"]


def test_a_cache_that_is_down_leaves_the_server_in_rotation_as_degraded(client, settings):
    settings.CACHES = DOWN_REDIS

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database:default": True, "media": True, "cache": False},
    }


def test_a_database_that_is_down_takes_the_server_out_of_rotation(client, monkeypatch):
    from portal import health

    class Broken:
        def __enter__(self):
            raise DatabaseError("connection refused")

        def __exit__(self, *exc):
            return False

    class BrokenConnection:
        def cursor(self):
            return Broken()

    monkeypatch.setattr(health, "connections", {"default": BrokenConnection()})

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["database:default"] is False


def test_media_that_cannot_be_written_takes_the_server_out_of_rotation(client, settings, tmp_path):
    media = tmp_path / "read-only-media"
    media.mkdir()
    # A file where the probe's folder would go: as on a read-only disk, nothing can be created.
    (media / ".healthz").write_text("not a folder")
    settings.MEDIA_ROOT = media

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database:default": True, "media": False, "cache": True},
    }


def test_the_media_probe_leaves_nothing_behind(client, settings):
    client.get("/healthz")

    assert list((settings.MEDIA_ROOT / ".healthz").iterdir()) == []


def test_liveness_asks_nothing_of_the_database_nor_the_cache(client, settings, django_assert_num_queries):
    settings.CACHES = DOWN_REDIS

    with django_assert_num_queries(0):
        response = client.get("/healthz/live")

    assert response.status_code == 200
    assert response.json() == {"status": "alive"}


def test_the_redis_cache_stores_and_returns(settings, own_redis):
    from django.core.cache import caches

    settings.CACHES = {"default": {"BACKEND": "config.cache.FailFastRedisCache", "LOCATION": own_redis}}
    cache = caches.create_connection("default")

    cache.set("jingmeng-test", {"trip": "大兴区党政代表团"}, timeout=5)

    assert cache.get("jingmeng-test") == {"trip": "大兴区党政代表团"}
    cache.delete("jingmeng-test")
