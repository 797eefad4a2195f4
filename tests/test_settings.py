"""Each deploy-time switch configures what it says (read in a fresh process, as a deployment would)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Outside DEBUG and the tests the site starts only with a real key, as a deployment has.
DEPLOY_KEY = "settings-test-key-" + "x" * 40

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES
print(json.dumps({
    "databases": {alias: {k: db[alias].get(k) for k in ("ENGINE", "NAME", "HOST", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS")}
                  for alias in db},
    "routers": settings.DATABASE_ROUTERS,
    "middleware": settings.MIDDLEWARE,
    "cache": settings.CACHES["default"],
    "session_engine": settings.SESSION_ENGINE,
    "media": settings.STORAGES["default"],
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "password_hasher": settings.PASSWORD_HASHERS[0],
}, default=str))
"""


def read_settings(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "CACHE_URL", "SESSION", "MEDIA"))}
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT, env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", "DATA_DIR": str(tmp_path),
                      "SECRET_KEY": DEPLOY_KEY, **env},
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults_need_no_server(tmp_path):
    found = read_settings(tmp_path)

    # Django's SQLite backend with the site's SELECT compiler (config/db/shapes.py).
    assert found["databases"]["default"]["ENGINE"] == "config.db.sqlite3"
    assert found["databases"]["default"]["NAME"] == str(tmp_path / "db.sqlite3")
    assert list(found["databases"]) == ["default"]
    assert found["cache"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["session_engine"] == "config.sessions.db"
    assert found["media"] == {"BACKEND": "cooperation.storage.TransactionalFileSystemStorage"}
    assert found["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    # The tests swap in a fast hasher (tests/conftest.py); the site itself keeps Django's PBKDF2.
    assert found["password_hasher"] == "django.contrib.auth.hashers.PBKDF2PasswordHasher"


def test_postgresql_with_persistent_connections_and_health_checks(tmp_path):
    found = read_settings(tmp_path, DATABASE_URL="postgres://app@db.internal:5432/jingmeng", CONN_MAX_AGE="60")

    assert found["databases"]["default"] == {
        "ENGINE": "config.db.postgresql", "NAME": "jingmeng", "HOST": "db.internal",
        "CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True,
    }


def test_a_read_replica_gets_a_router_for_public_reads(tmp_path):
    found = read_settings(
        tmp_path,
        DATABASE_URL="postgres://app@primary:5432/jingmeng",
        DATABASE_REPLICA_URL="postgres://reader@replica:5432/jingmeng",
    )

    assert found["databases"]["replica"]["HOST"] == "replica"
    assert found["routers"] == ["config.routers.ReplicaRouter"]
    assert found["middleware"][0] == "config.routers.PublicReadMiddleware"


def test_redis_as_the_shared_cache_and_session_store(tmp_path):
    found = read_settings(tmp_path, CACHE_URL="redis://cache.internal:6379/1", SESSION_STORE="cached_db")

    assert found["cache"] == {
        "BACKEND": "config.cache.FailFastRedisCache",
        "LOCATION": "redis://cache.internal:6379/1",
        "OPTIONS": {"FAIL_FAST_TIMEOUT": 0.25, "RETRY_SECONDS": 5},
    }
    assert found["session_engine"] == "config.sessions.cached_db"


def test_the_cache_timeouts_come_from_the_environment(tmp_path):
    found = read_settings(tmp_path, CACHE_URL="redis://cache.internal:6379/1", CACHE_TIMEOUT_MS="100",
                          CACHE_RETRY_SECONDS="30")

    assert found["cache"]["OPTIONS"] == {"FAIL_FAST_TIMEOUT": 0.1, "RETRY_SECONDS": 30}


def test_media_on_s3_compatible_storage(tmp_path):
    found = read_settings(
        tmp_path, MEDIA_STORAGE="s3", S3_BUCKET="jingmeng-media", S3_ENDPOINT_URL="https://oss.example.cn"
    )

    assert found["media"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert found["media"]["OPTIONS"]["bucket_name"] == "jingmeng-media"
    assert found["media"]["OPTIONS"]["endpoint_url"] == "https://oss.example.cn"
    assert found["media"]["OPTIONS"]["querystring_auth"] is False


@pytest.mark.parametrize(("name", "value"), [("SESSION_STORE", "files"), ("MEDIA_STORAGE", "ftp"), ("DEBUG", "maybe")])
def test_a_mistyped_switch_stops_the_start_with_its_name(tmp_path, name, value):
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DATA_DIR": str(tmp_path),
             "SECRET_KEY": DEPLOY_KEY, name: value},
        capture_output=True, text=True, check=False,
    )

    assert result.returncode == 1
    assert f"ImproperlyConfigured: {name} must be" in result.stderr


def test_the_router_sends_public_reads_to_the_replica_and_everything_else_to_the_primary(rf, settings):
    from config.routers import PublicReadMiddleware, ReplicaRouter

    router = ReplicaRouter()
    seen = {}

    def view(request):
        seen[request.path, request.method, bool(request.COOKIES)] = router.db_for_read(None)
        return None

    middleware = PublicReadMiddleware(view)
    middleware(rf.get("/visits/"))
    middleware(rf.post("/search/"))
    middleware(rf.get("/admin/visits/delegation/"))
    signed_in = rf.get("/visits/")
    signed_in.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    middleware(signed_in)

    assert seen == {
        ("/visits/", "GET", False): "replica",
        ("/search/", "POST", False): "default",
        ("/admin/visits/delegation/", "GET", False): "default",
        ("/visits/", "GET", True): "default",
    }
    assert router.db_for_read(None) == "default"
    assert router.db_for_write(None) == "default"
    assert (router.allow_migrate("default", "visits"), router.allow_migrate("replica", "visits")) == (True, False)
