"""/healthz: may this app server take requests? /healthz/live: is the process alive at all?

For the load balancer (README, "Operations"):

- `/healthz` (readiness) answers 503 when the server must leave rotation: a database it reads
  or writes does not answer, or media cannot be written (uploads would fail). It answers 200
  with `"status": "degraded"` when only the cache is down: pages are then served from the
  database, slower but complete, so taking every server out of rotation would be worse.
- `/healthz/live` (liveness) answers 200 whenever the process can answer at all; a supervisor
  restarts the process when it does not. It asks nothing of the database, cache or disk, so an
  outage of those never gets healthy workers restarted.
"""

import logging
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

MEDIA_PROBE_FOLDER = ".healthz"


def _database_ok(alias):
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_ok():
    ping = getattr(cache, "ping", None)
    if ping is not None:  # Redis behind the breaker: ask it now, even while it is thought down
        return ping()
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=10)
        found = cache.get(key) == "ok"
        cache.delete(key)
        return found
    except Exception:  # any backend error (connection refused, timeout) means "down"
        return False


def _media_writable():
    """A small file written and removed where uploads go: a read-only or full disk fails here."""
    try:
        name = default_storage.save(f"{MEDIA_PROBE_FOLDER}/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
        default_storage.delete(name)
    except Exception as error:  # OSError on a disk, the storage library's own errors on S3
        logger.warning("Media storage is not writable: %s: %s", type(error).__name__, error)
        return False
    return True


@never_cache
@require_GET
def healthz(request):
    checks = {f"database:{alias}": _database_ok(alias) for alias in connections}
    checks["media"] = _media_writable()
    required_ok = all(checks.values())
    checks["cache"] = _cache_ok()
    if not required_ok:
        status, code = "unavailable", 503
    elif not checks["cache"]:
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)


@never_cache
@require_GET
def liveness(request):
    return JsonResponse({"status": "alive"})
