"""/healthz: is this app server able to serve? The load balancer asks every few seconds."""

import uuid

from django.core.cache import cache
from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database_ok(alias):
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_ok():
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=10)
        found = cache.get(key) == "ok"
        cache.delete(key)
        return found
    except Exception:  # any backend error (connection refused, timeout) means "down"
        return False


@never_cache
@require_GET
def healthz(request):
    checks = {alias: _database_ok(alias) for alias in connections}
    checks = {f"database:{alias}": ok for alias, ok in checks.items()}
    checks["cache"] = _cache_ok()
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks}, status=200 if healthy else 503
    )
