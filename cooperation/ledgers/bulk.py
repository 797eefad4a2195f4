"""Inserting tens of thousands of rows quickly, history rows included.

Why not `bulk_create`: a trip of the 考察活动 ledger is some 35 rows (the trip, its source,
participants, site visits, m2m links, and a history row for each record), so 10,000 trips are
~350,000 rows. Measured on this project's models, `bulk_create` spends ~45 µs a row in the
insert compiler and model `__init__` (simple-history's bulk helper adds a model instance per
history row); a multi-row INSERT built once per table, fed tuples read with `attrgetter`, does
the same work in about a quarter of the time on SQLite, and PostgreSQL's COPY in a fraction.

What this module does not do, the caller does: `Writer` decides what to insert, sets
timestamps and slugs, and records the batch. Nothing here runs model `save()` or signals —
the same as `bulk_create`.
"""

import functools
import io
import json
import queue
import sqlite3
import threading
import time
from contextlib import contextmanager
from functools import cache
from operator import itemgetter

from django.db import connection
from django.db.models.base import ModelState

# Types whose Python value the database driver cannot take as it is.
CONVERTED_TYPES = {
    "BooleanField",
    "DateField",
    "DateTimeField",
    "DecimalField",
    "JSONField",
    "TimeField",
    "DurationField",
    "UUIDField",
}
SQLITE_MAX_VARIABLES = 30_000
MAX_ROWS_PER_STATEMENT = 1000


class Table:
    """How to write one model's rows: its columns, and what each value needs on the way."""

    def __init__(self, model, fields):
        self.model = model
        self.db_table = model._meta.db_table
        self.fields = fields
        self.columns = [f.column for f in fields]
        self.get = getter([f.attname for f in fields])
        self.converted = [(i, converter(f)) for i, f in enumerate(fields) if f.get_internal_type() in CONVERTED_TYPES]
        # Foreign keys that may point at a record saved just before (its id read then).
        self.relations = [
            (i, f.attname, f.name, f.related_model._meta.pk.attname) for i, f in enumerate(fields) if f.is_relation
        ]

    def values(self, obj):
        data = obj.__dict__
        row = list(self.get(data))
        if self.relations:
            cache = obj._state.__dict__.get("fields_cache")
            for i, attname, name, pk_attname in self.relations:
                if row[i] is None and cache:
                    related = cache.get(name)
                    if related is not None and related.__dict__.get(pk_attname) is not None:
                        row[i] = data[attname] = related.__dict__[pk_attname]
        for i, convert_value in self.converted:
            if row[i] is not None:
                row[i] = convert_value(row[i])
        return row


def getter(names):
    """A function reading these keys of an instance's __dict__ as a tuple."""
    if len(names) == 1:
        name = names[0]
        return lambda data: (data[name],)
    return itemgetter(*names)


def converter(field):
    """A function giving the database value; the common cases without Django's general path."""
    kind = field.get_internal_type()
    if kind == "JSONField":
        return lambda value: json.dumps(value, cls=field.encoder, ensure_ascii=False)
    if connection.vendor == "postgresql":
        return _copy_converter(kind, field)
    if kind == "DateField":
        return lambda value: value.isoformat()
    if kind == "DateTimeField":
        last = [None, None]

        def datetime_value(value):
            # Most datetimes of one import are the same instant (its start): convert it once.
            if value is not last[0]:
                last[0], last[1] = value, connection.ops.adapt_datetimefield_value(value)
            return last[1]

        return datetime_value
    return lambda value: field.get_db_prep_save(value, connection)


def _copy_converter(kind, field):
    """For COPY, the text of a value, made here so that a line is joined without a type test
    per value; a datetime is mostly the import's one instant, turned into text once."""
    if kind == "DateTimeField":
        last = [None, None]

        def datetime_text(value):
            if value is not last[0]:
                last[0], last[1] = value, value.isoformat()
            return last[1]

        return datetime_text
    if kind == "DateField":
        return lambda value: value.isoformat()
    if kind == "DecimalField":
        return str
    if kind == "BooleanField":
        return lambda value: "t" if value else "f"
    return lambda value: field.get_db_prep_save(value, connection)


def convert(field, value):
    return converter(field)(value)


_tables = {}


def table(model):
    # Per database vendor, as conversions differ; a test run may switch databases.
    key = (model, connection.vendor)
    if key not in _tables:
        _tables[key] = Table(model, [f for f in model._meta.concrete_fields if not f.primary_key])
    return _tables[key]


@cache
def _build_plan(model):
    """For `build`: the fixed defaults, the callable ones, and each field name's attname."""
    fixed, dynamic, names = {}, [], {}
    for field in model._meta.concrete_fields:
        if field.has_default() and callable(field.default):
            dynamic.append((field.attname, field.default))
        else:
            fixed[field.attname] = field.get_default()
        names[field.name] = (field.attname, field.is_relation and field.many_to_one)
    return fixed, dynamic, names


def build(model, **values):
    """An unsaved instance without `Model.__init__`'s cost (no signals, as with bulk_create).

    Values are given by field name; a foreign key may be given as a record that is not saved
    yet: its id is read when the row is inserted.
    """
    fixed, dynamic, names = _build_plan(model)
    obj = model.__new__(model)
    state = obj._state = ModelState()
    cache = state.fields_cache = {}  # set here: the descriptor that makes it lazily is slower
    data = obj.__dict__
    data.update(fixed)
    for attname, default in dynamic:
        data[attname] = default()
    for name, value in values.items():
        attname, is_foreign_key = names[name]
        if is_foreign_key and value is not None and not isinstance(value, int):
            data[attname] = value.pk
            cache[name] = value
        else:
            data[attname] = value
    return obj


def attach(obj, name, related):
    """Point a foreign key at a record, saved or not, without the descriptor's checks."""
    attname, _is_foreign_key = _build_plan(type(obj))[2][name]
    obj.__dict__[attname] = related.pk
    obj._state.fields_cache[name] = related


def insert(model, objs, history=None):
    """Insert new records and set their primary keys, one statement per ~1,000 rows.

    `history`: (history type, user id, date, reason) to write a history row for each, from
    the same values.
    """
    objs = list(objs)
    if not objs:
        return objs
    spec = table(model)
    rows = [spec.values(obj) for obj in objs]
    pk = model._meta.pk
    if connection.vendor == "postgresql":
        ids = _next_ids(model, len(objs))
        _copy(spec.db_table, [pk.column, *spec.columns], ([i, *row] for i, row in zip(ids, rows, strict=True)))
    else:
        ids = _insert_returning(spec, rows, pk)
    alias, attname = connection.alias, pk.attname
    for obj, pk_value in zip(objs, ids, strict=True):
        obj.__dict__[attname] = pk_value
        obj._state.adding = False
        obj._state.db = alias
    if history is not None:
        _history_rows(model, spec, ids, rows, *history)
    return objs


def reserve_ids(model, count):
    """On PostgreSQL, `count` new ids of `model` taken now, for an `insert_values(ids=…)` later.

    Taking them before the import's other COPYs are queued spares the wait for those COPYs
    that asking for ids in the middle would need (`copies_alongside`). Elsewhere None: SQLite
    returns the ids of the rows as it inserts them.
    """
    if connection.vendor != "postgresql" or not count:
        return None
    return _next_ids(model, count)


def insert_values(model, names, rows, *, returning=False, history=None, ids=None):
    """Insert records given as value tuples (fields `names`), without model instances.

    For the many small parts of new records (a new trip's participants and stops): no model
    instance is made for them. A value may be a record saved earlier in this import (its id
    is used); fields not named get their defaults. Returns the new ids when `returning` or
    `history` asks for them, else None (PostgreSQL then numbers the rows itself). `ids`: ids
    reserved for the rows beforehand (`reserve_ids`).
    """
    rows = list(rows)
    if not rows:
        return []
    spec = table(model)
    fixed, dynamic, _names = _build_plan(model)
    position = {name: i for i, name in enumerate(names)}
    # Each column picked from the fixed defaults followed by the row's values, all of a row by
    # one itemgetter (hundreds of thousands of rows: no Python loop over the columns).
    defaults, picks, relations = [], [], []
    for column, field in enumerate(spec.fields):
        if field.name in position:
            picks.append(("value", position[field.name]))
            if field.is_relation:
                relations.append((column, field.related_model._meta.pk.attname))
        elif any(attname == field.attname for attname, _default in dynamic):
            raise ValueError(f"{model._meta.label}.{field.name} has a computed default; name it")
        else:
            picks.append(("default", len(defaults)))
            defaults.append(fixed[field.attname])
    indexes = [index + len(defaults) if kind == "value" else index for kind, index in picks]
    pick = itemgetter(*indexes) if len(indexes) > 1 else (lambda values: (values[indexes[0]],))
    defaults = tuple(defaults)
    converted = spec.converted
    full = []
    for values in rows:
        row = list(pick((*defaults, *values)))
        for i, pk_attname in relations:
            value = row[i]
            if value is not None and type(value) is not int:
                row[i] = value.__dict__[pk_attname]
        for i, convert_value in converted:
            if row[i] is not None:
                row[i] = convert_value(row[i])
        full.append(row)
    if not returning and history is None and ids is None:
        insert_rows(model, spec.columns, full)
        return None
    pk = model._meta.pk
    if connection.vendor == "postgresql":
        ids = ids if ids is not None else _next_ids(model, len(full))
        _copy(spec.db_table, [pk.column, *spec.columns], ([i, *row] for i, row in zip(ids, full, strict=True)))
    else:
        ids = _insert_returning(spec, full, pk)
    if history is not None:
        _history_rows(model, spec, ids, full, *history)
    return ids


def insert_rows(model, columns, rows):
    """Insert plain rows (m2m links, history, batch records) whose ids nobody needs back."""
    rows = list(rows)
    if not rows:
        return
    db_table = model._meta.db_table
    if connection.vendor == "postgresql":
        _copy(db_table, columns, rows)
        return
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    per_statement = max(1, min(MAX_ROWS_PER_STATEMENT, SQLITE_MAX_VARIABLES // len(columns)))
    placeholder = "(" + ", ".join(["?"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            sql = f"INSERT INTO {connection.ops.quote_name(db_table)} ({quoted}) VALUES " + ", ".join(
                [placeholder] * len(chunk)
            )
            _run(cursor, sql, [value for row in chunk for value in row])


def insert_links(through, source_column, target_column, pairs):
    """m2m links as (source record, target record) pairs, either possibly saved just now."""
    source = through._meta.get_field(source_column).column
    target = through._meta.get_field(target_column).column
    insert_rows(through, [source, target], ((_pk(a), _pk(b)) for a, b in pairs))


def _pk(obj):
    """`obj.pk` without the property's lookups: read hundreds of thousands of times an import."""
    return obj.__dict__[obj._meta.pk.attname]


def history_columns(model):
    """The historical table's columns: who, when, why and how, then the tracked fields.

    Returns them with, for each tracked field, where its value sits in [pk, *Table.values].
    """
    key = (model, connection.vendor, "history")
    if key not in _tables:
        history = model.history.model
        tracked = {f.attname for f in history.tracked_fields}
        special = ["history_date", "history_change_reason", "history_type", "history_user"]
        columns = [history._meta.get_field(name).column for name in special]
        spec = table(model)
        position = {f.attname: i + 1 for i, f in enumerate(spec.fields)}
        position[model._meta.pk.attname] = 0
        picks = []
        for field in history._meta.concrete_fields:
            if field.name == "history_id" or field.name in special:
                continue
            if field.attname not in tracked:
                raise LookupError(f"{history._meta.label}.{field.name} has no source")
            columns.append(field.column)
            picks.append(position[field.attname])
        _tables[key] = (history, columns, itemgetter(*picks))
    return _tables[key]


def insert_history(model, objs, *, history_type, user_id, date, reason):
    """One history row per record, as simple-history's bulk_history_create writes them."""
    if not hasattr(model, "history") or not objs:
        return
    spec = table(model)
    _history_rows(
        model, spec, [obj.pk for obj in objs], [spec.values(obj) for obj in objs], history_type, user_id, date, reason
    )


def _history_rows(model, spec, ids, rows, history_type, user_id, date, reason):
    if not hasattr(model, "history"):
        return
    history, columns, pick = history_columns(model)
    head = (converter(history._meta.get_field("history_date"))(date), reason, history_type, user_id)
    insert_rows(history, columns, (head + pick([pk, *row]) for pk, row in zip(ids, rows, strict=True)))


def _insert_returning(spec, rows, pk):
    columns = ", ".join(connection.ops.quote_name(c) for c in spec.columns)
    per_statement = max(1, min(MAX_ROWS_PER_STATEMENT, SQLITE_MAX_VARIABLES // max(1, len(spec.columns))))
    placeholder = "(" + ", ".join(["?"] * len(spec.columns)) + ")"
    ids = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            sql = (
                f"INSERT INTO {connection.ops.quote_name(spec.db_table)} ({columns}) VALUES "
                + ", ".join([placeholder] * len(chunk))
                + f" RETURNING {connection.ops.quote_name(pk.column)}"
            )
            _run(cursor, sql, [value for row in chunk for value in row])
            ids += [row[0] for row in cursor.cursor.fetchall()]
    return ids


def _next_ids(model, count):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy_text(value):
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    text = value if isinstance(value, str) else (value.isoformat() if hasattr(value, "isoformat") else str(value))
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


# Stands for NULL while a line is joined: no cell holds it (PostgreSQL refuses NUL in text,
# and the import drops control characters), so it cannot be confused with a value.
_NULL_MARK = "\x00"


def _copy_line(row):
    """One row as a COPY text line as it is: each value as text, NULL as `_NULL_MARK`.

    Most values are text without a tab, line break or backslash, so the values are joined as
    they are and `_copy_data` checks a whole COPY's text at once (a 20,000-trip import writes
    some five million values in half a million lines); only a line with one of those characters
    is escaped again, value by value.
    """
    return "\t".join(
        [
            value if type(value) is str else _NULL_MARK if value is None else str(value) if type(value) is int
            else _copy_text(value)
            for value in row
        ]
    )


def _escaped_line(row):
    return "\t".join([_copy_text(value) for value in row])


def _copy_data(rows, width):
    """The COPY text of `rows` (each of `width` values), one line each, or "" for none."""
    rows = rows if isinstance(rows, list) else list(rows)
    lines = [_copy_line(row) for row in rows]
    if not lines:
        return ""
    text = "\n".join(lines)
    # A value with a tab or a line break adds one to the text's count; one with a backslash or
    # a carriage return shows itself: then only the lines that hold one are escaped again.
    tabs = len(lines) * (width - 1)
    if "\\" in text or "\r" in text or text.count("\n") != len(lines) - 1 or text.count("\t") != tabs:
        for i, line in enumerate(lines):
            if "\\" in line or "\n" in line or "\r" in line or line.count("\t") != len(rows[i]) - 1:
                lines[i] = _escaped_line(rows[i])
        text = "\n".join(lines)
    text += "\n"
    return text.replace(_NULL_MARK, "\\N") if _NULL_MARK in text else text


def _copy(db_table, columns, rows):
    """PostgreSQL COPY, fed text lines; one statement for the whole set of rows."""
    text = _copy_data(rows, len(columns))
    if not text:
        return
    buffer = io.StringIO(text)
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    sql = f"COPY {connection.ops.quote_name(db_table)} ({quoted}) FROM STDIN"
    with connection.cursor() as cursor:
        _run(cursor, sql, buffer)


# Bytes handed to the driver at a time while a COPY streams: in large pieces, so that the writer
# thread seldom needs the interpreter while the server works (see `copies_alongside`).
COPY_CHUNK = 1 << 20
# COPY statements made and not yet sent, at most: bounds the memory an import holds meanwhile.
QUEUED_COPIES = 8
_local = threading.local()


class _CopyWriter:
    """A thread that runs the import's COPY statements, in order, on the import's own connection.

    The server's share of a COPY (parsing, heap, index upkeep, and its foreign-key checks, made
    immediate by `copies_alongside`) then runs beside the client's making of the next
    statement's rows, instead of after it — the checks no longer wait, all of them, for the
    commit (3.5 s of server CPU after everything else for 20,000 trips; the same CPU either way,
    measured). Any other statement on the connection first
    waits until every COPY before it is done (`before_statement`), so the order of writes is
    the order of calls.
    """

    def __init__(self, database_connection):
        self.cursor = database_connection.cursor()
        self.jobs = queue.Queue(maxsize=QUEUED_COPIES)
        self.error = None
        self.thread = threading.Thread(target=self.work, name="ledger-copy", daemon=True)
        self.thread.start()

    def work(self):
        while True:
            job = self.jobs.get()
            try:
                if job is None:
                    return
                if self.error is None:  # after a failure the transaction is lost: nothing more is sent
                    self.cursor.copy_expert(*job, size=COPY_CHUNK)
            except BaseException as exc:
                self.error = exc
            finally:
                self.jobs.task_done()

    def submit(self, sql, buffer):
        self.raise_error()
        self.jobs.put((sql, buffer))

    def wait(self):
        """Until every COPY submitted is done; a failed one is raised here, as Django would."""
        self.jobs.join()
        self.raise_error()

    def raise_error(self):
        if self.error is not None:
            error = self.error
            with connection.wrap_database_errors:
                raise error

    def before_statement(self, execute, sql, params, many, context):
        if not isinstance(params, io.StringIO):
            self.wait()
        return execute(sql, params, many, context)

    def stop(self):
        self.jobs.put(None)
        self.thread.join()
        self.cursor.close()


@contextmanager
def copies_alongside():
    """Inside it, on PostgreSQL, COPY statements run in a thread of their own (see `_CopyWriter`).

    All or nothing is unchanged: it is one connection and one transaction, and a COPY that
    fails is raised at the next statement or at the end of the block. Elsewhere (SQLite, or
    already inside) it does nothing. 20,000 generated trips on a quiet machine: 15.6 s instead
    of 17.2 s (benchmarks/README.md).
    """
    if connection.vendor != "postgresql" or getattr(_local, "writer", None) is not None:
        yield
        return
    connection.ensure_connection()
    with connection.cursor() as cursor:
        # Each COPY's foreign keys are checked as it ends, on the writer's thread, beside the
        # client's next part, instead of all of them at the commit, after everything else.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    writer = _local.writer = _CopyWriter(connection.connection)
    done = False
    try:
        with connection.execute_wrapper(writer.before_statement):
            yield
            writer.wait()
        done = True
    finally:
        _local.writer = None
        if not done and writer.error is None:
            writer.error = RuntimeError("the import stopped")  # what is still queued is not sent
        writer.stop()


# SQLite's page cache while an import writes, in KiB (negative: a size, not a page count).
IMPORT_PAGE_CACHE = -65536


@contextmanager
def page_cache():
    """On SQLite, a page cache of `IMPORT_PAGE_CACHE` (64 MiB) while the import runs, the
    connection's own size again after it.

    With SQLite's default of 2 MiB, an import of thousands of trips writes to more pages than
    the cache holds: each table's and index's pages go out and are read in again many times
    over (20,000 generated trips write some 150 MB). With 64 MiB: 2.4 instead of 3.1 s of
    SQLite's CPU for that sheet. Elsewhere (PostgreSQL) it does nothing.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (size,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = {IMPORT_PAGE_CACHE:d}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(size):d}")


def _run(cursor, sql, params):
    """Run a statement on the driver's cursor, as written (SQLite ? placeholders, or COPY).

    Django's cursor would rewrite %s to ? with a regular expression over a statement of a
    thousand rows; going to the driver skips that, while still passing the statement through
    `execute_wrapper` hooks and the debug log, so that query counts (tests, benchmark) see it.
    """
    raw = cursor.cursor
    writer = getattr(_local, "writer", None)

    def execute(sql, params, many, context):
        if isinstance(params, io.StringIO):
            if writer is not None:
                return writer.submit(sql, params)
            return raw.copy_expert(sql, params, size=COPY_CHUNK)
        if connection.vendor == "sqlite":
            return sqlite3.Cursor.execute(raw, sql, params)  # not the wrapper's %s → ? rewrite
        return raw.execute(sql, params)

    call = execute
    for wrapper in reversed(connection.execute_wrappers):
        call = functools.partial(wrapper, call)
    started = time.monotonic()
    try:
        return call(sql, params, False, {"connection": connection, "cursor": cursor})
    finally:
        if connection.queries_logged:
            connection.queries_log.append({"sql": sql[:200], "time": f"{time.monotonic() - started:.3f}"})
