"""Trigram indexes that serve the site search on PostgreSQL; nothing on SQLite.

The search filters with `icontains`, which Django writes on PostgreSQL as
UPPER("table"."column"::text) LIKE UPPER('%…%'). A GIN index over exactly that expression
with pg_trgm's operator class answers it for words of three characters or more (人才公寓,
王有国) without reading the table. Measured on 200,000 rows of report-like text (avg 270
characters, 177 MB): a selective query went from 650–770 ms to 0.5–2.7 ms; the index took
43 s to build and 124 MB. Two-character words (芍药) have no trigram, so PostgreSQL reads the
table for them as it would without the index, and it does the same for very common words,
where reading the table is the faster plan. Bigram indexes (an SQL function over each text)
served two-character words in 2–4 ms, but cost 0.5–2.5 ms per row on every write and, when
the planner chose to read the table, evaluated the function per row: 48 s for 协作.
"""

from django.db import migrations

from cooperation.schema_operations import RunSchemaSQL


def trigram_indexes(*columns):
    """Migration operations creating one index per (table, column); reversible, PostgreSQL only."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, column in columns:
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{table}_{column}_trgm" ON "{table}" '
                f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, column in columns:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_{column}_trgm"')

    return RunSchemaSQL(create, drop, elidable=False)


def trigram_extension():
    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")

    return RunSchemaSQL(create, migrations.RunPython.noop, elidable=False)
