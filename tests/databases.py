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

Tests that commit (browser tests, the page cache's …) empty the database when they end and put
the migrated rows back when they begin; `quick_rollbacks` does both in a fraction of the time.
"""

import contextlib
import fcntl
import json
import sqlite3
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction

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


@contextlib.contextmanager
def template_read(folder):
    """The libpq address of this run's PostgreSQL template, to read while no worker copies it
    (PostgreSQL copies a database only while nobody else is connected to it); None when the run
    made none (one process, or SQLite)."""
    connection = connections[ALIAS]
    record = folder / "test-database.json"
    with locked(folder / "test-database.lock"):
        if connection.vendor != "postgresql" or not record.exists():
            yield None
            return
        database = connection.settings_dict
        user = quote(database["USER"] or "", safe="")
        password = f":{quote(database['PASSWORD'], safe='')}" if database["PASSWORD"] else ""
        host = f"{database['HOST'] or 'localhost'}:{database['PORT'] or 5432}"
        yield f"postgresql://{user}{password}@{host}/{quote(json.loads(record.read_text())['template'], safe='')}"


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


# Tests that commit ----------------------------------------------------------------------------

# Where the test database keeps the rows a test that commits starts from: a schema of its own on
# PostgreSQL, a database attached to the connection on SQLite.
INITIAL_ROWS = "test_initial_rows"


def quick_rollbacks(connection):
    """How a test that commits empties the database when it ends and gets the migrated rows back
    when it begins (serialized_rollback), made quick. Measured on this machine:

    - Django empties a PostgreSQL database with one TRUNCATE of every table: 2.3–4 s for ~580
      tables, indexes and TOAST tables, waiting on their new files (0.35 s of it is the server's
      CPU). Deleting the rows takes 0.13 s. (SQLite's flush deletes already.)
    - Django puts ~500 rows back by deserializing what it serialized at set-up, one save (an
      UPDATE, then an INSERT) per row: 1–2.4 s per test on PostgreSQL, where each is a round trip
      and the content version reads the rows each UPDATE touches. Copying them back from a copy of
      their tables made at that same moment takes two statements per table.
    """
    if connection.vendor == "postgresql":
        _delete_instead_of_truncate(connection)
    if connection.vendor in ("postgresql", "sqlite") and hasattr(connection, "_test_serialized_contents"):
        _copy_rows_back(connection)


def _delete_instead_of_truncate(connection):
    """Flush deletes every row, in one statement that names no table to the content version.

    The tables whose rows refuse DELETE (the audit log) are still truncated, and that TRUNCATE
    tells the content version that everything changed, as the TRUNCATE of every table did.
    """
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        undeletable = _undeletable_tables(connection, cursor)
    truncate = connection.ops.sql_flush

    def sql_flush(style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not undeletable <= set(tables):
            return truncate(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        deletes = " ".join(f"DELETE FROM {quote(table)};" for table in tables if table not in undeletable)
        return [*truncate(style, sorted(undeletable)), f"DO $$BEGIN {deletes} END$$"]

    connection.ops.sql_flush = sql_flush


def _copy_rows_back(connection):
    """The rows Django serialized at set-up are copied, table by table, into a schema of their
    own (PostgreSQL) or a database attached to the connection (SQLite), and checked against what
    was serialized; a test that asks for them back gets them with INSERT … SELECT.

    The copy goes past Django's cursor, so the content version does not note the rows as changed
    (Django's saves noted each): they are the rows every test starts from. A row that has one of
    their keys is replaced, as deserializing does (the database is empty after a test that
    committed, and as migrated after tests that rolled back).
    """
    quote = connection.ops.quote_name
    tables = _serialized_tables(connection)
    copy_back = []
    with connection.cursor() as cursor:
        if _undeletable_tables(connection, cursor) & set(tables):
            return  # their rows could not be replaced
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP SCHEMA IF EXISTS {INITIAL_ROWS} CASCADE")
            cursor.execute(f"CREATE SCHEMA {INITIAL_ROWS}")
        else:
            cursor.execute(f"ATTACH DATABASE ':memory:' AS {INITIAL_ROWS}")
        for table, serialized in sorted(tables.items()):
            kept = f"{INITIAL_ROWS}.{quote(table)}"
            cursor.execute(f"CREATE TABLE {kept} AS SELECT * FROM {quote(table)}")
            cursor.execute(f"SELECT COUNT(*) FROM {kept}")
            (count,) = cursor.fetchone()
            if serialized is not None and count != serialized:
                raise AssertionError(f"{table}: {count} rows kept, {serialized} serialized")
            if not count:
                continue
            columns = ", ".join(quote(column.name) for column in connection.introspection.get_table_description(
                cursor, table))
            key = quote(connection.introspection.get_primary_key_column(cursor, table))
            copy_back += [
                f"DELETE FROM {quote(table)} WHERE {key} IN (SELECT {key} FROM {kept})",
                f"INSERT INTO {quote(table)} ({columns}) SELECT {columns} FROM {kept}",
            ]
    deserialize = connection.creation.deserialize_db_from_string

    def deserialize_db_from_string(data):
        if data is not connection._test_serialized_contents:
            return deserialize(data)
        with transaction.atomic(using=connection.alias):
            cursor = connection.connection.cursor()
            try:
                for sql in copy_back:
                    cursor.execute(sql)
            finally:
                cursor.close()

    connection.creation.deserialize_db_from_string = deserialize_db_from_string


def _serialized_tables(connection):
    """{table: rows serialized, or None for a many-to-many table} of what Django serialized."""
    counts = {}
    for row in json.loads(connection._test_serialized_contents):
        counts[row["model"]] = counts.get(row["model"], 0) + 1
    tables = {}
    for label, count in counts.items():
        model = apps.get_model(label)
        tables[model._meta.db_table] = count
        for field in model._meta.local_many_to_many:
            if field.remote_field.through._meta.auto_created:
                tables[field.remote_field.through._meta.db_table] = None
    return tables


def _undeletable_tables(connection, cursor):
    """The tables with a trigger on DELETE (the audit log's refuses every row)."""
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal AND tgtype & 8 <> 0"
        )
    else:
        cursor.execute("SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%DELETE%'")
    return {name.strip('"') for (name,) in cursor.fetchall()}
