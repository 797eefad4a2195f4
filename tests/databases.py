"""The test database, migrated once per run and copied for each test worker.

pytest-xdist starts one process per core, and pytest-django would build each worker's test
database by running every migration again. Here the first worker to start migrates its database
and leaves a copy (the template); each other worker waits for it and copies the template, as
Django's own parallel test runner clones its first database:

- PostgreSQL: `CREATE DATABASE test_…_gw1 TEMPLATE test_…_template`, a file copy on the server;
- SQLite: the first worker's in-memory database is written to a file in pytest's run folder, and
  each other worker reads it into its own in-memory database with SQLite's backup API.

A run in one process (`bin/test -n0`), or one that needs more databases than `default`, sets up
as pytest-django always does. The controller drops the PostgreSQL template when the run ends.
"""

import contextlib
import fcntl
import json
import sqlite3

from django.conf import settings
from django.db import connections

ALIAS = "default"


def copies(connection):
    """Whether this database can be set up from a template."""
    return connection.vendor in ("postgresql", "sqlite")


def template_name(connection, worker):
    """The PostgreSQL template's name: the run's test database name with `_template` in place
    of the worker's suffix (pytest-django names worker gw0's database test_<name>_gw0)."""
    name = connection.creation._get_test_db_name()
    return (name.removesuffix(f"_{worker}") if worker else name) + "_template"


def set_up(folder, worker, serialize):
    """This worker's test database. Returns what `django.test.utils.teardown_databases` takes."""
    connection = connections[ALIAS]
    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()
    record = folder / "test-database.json"
    with locked(folder / "test-database.lock"):
        if record.exists():
            _copy_template(connection, json.loads(record.read_text())["template"], test_name)
        else:
            connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
            record.write_text(json.dumps({"template": _save_template(connection, folder, worker)}))
    if serialize:
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    return [(connection, old_name, True)]


def drop_template(worker=None):
    """Called by the controller when the run ends (the SQLite template goes with the run folder)."""
    connection = connections[ALIAS]
    if connection.vendor != "postgresql":
        return
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(template_name(connection, worker))}")


@contextlib.contextmanager
def locked(path):
    """Held by one process of the run at a time (an exclusive lock on the file at `path`)."""
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _save_template(connection, folder, worker):
    if connection.vendor == "postgresql":
        template = template_name(connection, worker)
        connection.close()  # PostgreSQL copies a database only while nobody is connected to it
        _create_from(connection, connection.settings_dict["NAME"], template)
        return template
    template = str(folder / "test-database.sqlite3")
    target = sqlite3.connect(template)
    try:
        connection.ensure_connection()
        connection.connection.backup(target)
    finally:
        target.close()
    return template


def _copy_template(connection, template, test_name):
    connection.close()
    settings.DATABASES[ALIAS]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    if connection.vendor == "postgresql":
        _create_from(connection, template, test_name)
        return
    connection.ensure_connection()  # the in-memory database lives as long as this connection
    source = sqlite3.connect(template)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def _create_from(connection, template, name):
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
        cursor.execute(f"CREATE DATABASE {quote(name)} WITH TEMPLATE {quote(template)}")
