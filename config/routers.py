"""Reads of the public site go to a read replica when one is configured.

The router cannot see the request, so PublicReadMiddleware marks, for the length of one
request, that it is a public read (GET or HEAD, outside the admin, not signed in). Staff,
the admin and every write use the primary, so nobody reads their own change from a
replica that has not caught up yet.
"""

from contextvars import ContextVar

from django.conf import settings

_public_read = ContextVar("public_read", default=False)
REPLICA = "replica"


class PublicReadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        is_public_read = (
            request.method in ("GET", "HEAD")
            and not request.path.startswith("/admin/")
            and not request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        )
        token = _public_read.set(is_public_read)
        try:
            return self.get_response(request)
        finally:
            _public_read.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _public_read.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
