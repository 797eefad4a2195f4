import pytest
from django.db import DatabaseError


@pytest.mark.django_db
def test_healthz_answers_ok_when_database_and_cache_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database:default": True, "cache": True}}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_503_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database:default": True, "cache": False}}


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
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
    assert response.json()["checks"]["database:default"] is False


@pytest.mark.django_db
def test_the_redis_cache_stores_and_returns(settings):
    from django.core.cache import caches

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/15"}
    }
    cache = caches.create_connection("default")

    cache.set("jingmeng-test", {"trip": "大兴区党政代表团"}, timeout=5)

    assert cache.get("jingmeng-test") == {"trip": "大兴区党政代表团"}
    cache.delete("jingmeng-test")
