"""503 with Retry-After, not 500, while the database (or a cache-only session store) cannot be reached
or cannot take writes.

A database that is down, restarting or unreachable is an outage the visitor can wait out, and
a load balancer or crawler should come back rather than record an error. So is one that only
reads for a while: a standby not yet promoted after a failover, a full disk. Such failures
are told apart from other database errors (a query mistake is still a 500): psycopg's errors
without a server's SQLSTATE (no connection), with a connection-class one (08…, the server
shutting down or starting up) or one that says writes are refused for now (a read-only
transaction, a full disk, no memory, no free connection), and SQLite's "cannot open", "busy",
"locked", "read-only", "full" and I/O errors.

Exceptions from views are caught by the middleware, which logs one warning a minute instead of
a traceback per request; those raised in other middleware reach Django's 500 handler, which
`server_error` replaces with the same 503.
"""

import logging
import sqlite3
import sys
import threading
import time

from django.db import InterfaceError, InternalError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
WARN_EVERY_SECONDS = 60
# Server going away or not yet ready: admin_shutdown, crash_shutdown, cannot_connect_now.
SHUTDOWN_STATES = {"57P01", "57P02", "57P03"}
# Writes refused for now: read_only_sql_transaction (a standby, a primary being failed over;
# psycopg raises it as an InternalError), disk_full, out_of_memory, too_many_connections.
NO_WRITES_STATES = {"25006", "53100", "53200", "53300"}
SESSION_CACHE_DOWN = "Unable to create a new session key"
SQLITE_UNAVAILABLE = {
    "SQLITE_CANTOPEN", "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_IOERR", "SQLITE_FULL", "SQLITE_READONLY",
}


class _Warned:
    lock = threading.Lock()
    at = None


def database_unreachable(error):
    """True when `error` says the database (or the cache that holds sessions) could not be
    reached or would take no writes for now, not that a query was wrong."""
    if isinstance(error, InterfaceError):
        return True
    if isinstance(error, RuntimeError) and str(error).startswith(SESSION_CACHE_DOWN):
        # SESSION_STORE=cache with the cache down: Django cannot store a new session (a sign-in).
        return True
    if not isinstance(error, (OperationalError, InternalError)):
        return False
    cause = error.__cause__
    if isinstance(cause, sqlite3.Error):
        # SQLITE_IOERR_WRITE and the like: the primary code is the first two parts.
        name = cause.sqlite_errorname or ""
        return "_".join(name.split("_")[:2]) in SQLITE_UNAVAILABLE
    state = getattr(cause, "pgcode", None) or getattr(cause, "sqlstate", None)
    if isinstance(error, InternalError):
        return state in NO_WRITES_STATES
    return state is None or state.startswith("08") or state in SHUTDOWN_STATES or state in NO_WRITES_STATES


def unavailable_response():
    body = loader.get_template("503.html").render()
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Said once a minute by _warn, not once per request by django.request.
    response._has_been_logged = True
    return response


def _warn(request, error):
    now = time.monotonic()
    with _Warned.lock:
        if _Warned.at is not None and now - _Warned.at < WARN_EVERY_SECONDS:
            return
        _Warned.at = now
    logger.warning(
        "Database unreachable (%s: %s); answering 503 with Retry-After (first: %s %s)",
        type(error).__name__, str(error).strip().splitlines()[0] if str(error).strip() else "", request.method,
        request.path,
    )


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_unreachable(exception):
            return None
        _warn(request, exception)
        return unavailable_response()


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """Django's 500 view, or the 503 when what failed was reaching the database."""
    error = sys.exc_info()[1]
    if error is not None and database_unreachable(error):
        _warn(request, error)
        return unavailable_response()
    try:
        return defaults.server_error(request, template_name)
    except Exception:  # the 500 page itself could not be drawn
        return HttpResponseServerError("<h1>Server Error (500)</h1>")
