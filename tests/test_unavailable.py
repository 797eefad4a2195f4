"""A database that cannot be reached: 503 with Retry-After and the friendly page, not a 500."""

import sqlite3

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import InterfaceError, InternalError, OperationalError
from django.test import Client

from config import unavailable
from config.unavailable import database_unreachable
from tests.builders import make_delegation, make_editor
from visits.admin import DelegationAdmin

pytestmark = pytest.mark.django_db


def refused(*args, **kwargs):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


@pytest.fixture(autouse=True)
def no_outage_warned_yet(monkeypatch):
    # The warning is said once a minute per process: an earlier test in this worker that
    # answered 503 would otherwise have said it already.
    monkeypatch.setattr(unavailable._Warned, "at", None)


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


def test_a_public_page_answers_503_with_retry_after_and_the_friendly_page(visitor, monkeypatch, settings, caplog):
    settings.PAGE_CACHE = False
    make_delegation()
    monkeypatch.setattr("visits.views.paginate", refused)

    responses = [visitor.get("/visits/") for _ in range(3)]

    assert [r.status_code for r in responses] == [503, 503, 503]
    assert responses[0]["Retry-After"] == "30"
    assert "网站暂时无法访问它的数据库" in responses[0].content.decode()
    # One warning for the outage, not a traceback per request.
    assert [(r.levelname, r.exc_info) for r in caplog.records if r.name == "config.unavailable"] == [
        ("WARNING", None)
    ]
    assert not [r for r in caplog.records if r.name == "django.request"]


def test_the_admin_answers_503_too(monkeypatch, django_user_model):
    staff = Client(raise_request_exception=False)
    staff.force_login(make_editor(django_user_model))
    monkeypatch.setattr(DelegationAdmin, "get_queryset", refused)

    response = staff.get("/admin/visits/delegation/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_a_failure_in_a_middleware_answers_503_through_the_error_handler(visitor, monkeypatch, django_user_model):
    visitor.force_login(make_editor(django_user_model))
    monkeypatch.setattr(SessionStore, "load", refused)

    response = visitor.get("/admin/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "网站暂时无法访问它的数据库" in response.content.decode()


def test_a_mistaken_query_is_still_a_500(visitor, monkeypatch, settings):
    settings.PAGE_CACHE = False

    def mistaken(*args, **kwargs):
        cause = sqlite3.OperationalError("no such column: title_x")
        cause.sqlite_errorname = "SQLITE_ERROR"
        raise OperationalError("no such column: title_x") from cause

    monkeypatch.setattr("visits.views.paginate", mistaken)

    response = visitor.get("/visits/")

    assert response.status_code == 500
    assert "Retry-After" not in response


class PgError(Exception):
    def __init__(self, pgcode):
        self.pgcode = pgcode


def _wrapped(cause, kind=OperationalError):
    error = kind(str(cause))
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("error", "unreachable"),
    [
        (_wrapped(PgError(None)), True),  # no connection, so no SQLSTATE from a server
        (_wrapped(PgError("08006")), True),  # connection_failure
        (_wrapped(PgError("57P01")), True),  # admin_shutdown
        (_wrapped(PgError("57P03")), True),  # cannot_connect_now (starting up)
        (_wrapped(PgError("40P01")), False),  # deadlock: a real error of this request
        (_wrapped(PgError("57014")), False),  # statement timeout
        (_wrapped(PgError("53100")), True),  # disk_full: no writes until space is freed
        (_wrapped(PgError("53300")), True),  # too_many_connections
        (_wrapped(PgError("25006"), InternalError), True),  # read_only_sql_transaction: a standby
        (_wrapped(PgError("XX000"), InternalError), False),  # internal_error: a real error
        (_wrapped(PgError(None), InternalError), False),
        (InterfaceError("connection already closed"), True),
        (ValueError("not a database error"), False),
    ],
)
def test_connection_failures_are_told_from_other_database_errors(error, unreachable):
    assert database_unreachable(error) is unreachable


def test_sqlite_errors_that_mean_the_file_cannot_be_used(tmp_path):
    def sqlite_error(name):
        cause = sqlite3.OperationalError(name)
        cause.sqlite_errorname = name
        return _wrapped(cause)

    names = ("SQLITE_CANTOPEN", "SQLITE_BUSY", "SQLITE_IOERR_WRITE", "SQLITE_READONLY_DIRECTORY")

    assert [database_unreachable(sqlite_error(name)) for name in names] == [True, True, True, True]
    assert database_unreachable(sqlite_error("SQLITE_ERROR")) is False
