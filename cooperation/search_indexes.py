"""Trigram indexes and bigram columns that serve the site search on PostgreSQL; nothing on SQLite.

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

Words of two characters are served instead by a stored column, `search_bigrams`: the pairs of
neighbouring characters of the record's searched fields, upper-cased as `icontains` compares
them, each as one integer (the two characters' code points side by side, folded into 32 bits:
exact for every character of the Basic Multilingual Plane, and a rare false match beyond it,
which the search's own comparison rejects), with a GIN index (`bigram_columns`). Integers keep
the column small (4 bytes a pair, against 8–12 as text: 60,000 short speeches grew from 9.6
to 19 MB, where text grams with single characters took 48 MB and slowed every scan of the
table 2–3×). PostgreSQL fills it on every write, as a generated column, so no way of writing
can forget it (saves, bulk inserts, updates, fixtures); the function runs once per written row
(10–25 µs for a speech of 30–40 characters, linear in the text's length) and never per row on
a read, which is what the bigram index above paid for. Writing pays for it: inserting 60,000
speeches at once took 3.5–6.3 s (median 4.7) without the column and 4.3–12.5 s (median 7.7)
with it and its index, seven runs each (load average 8–9, so both several times a quiet
machine's): the function, the index and the wider rows together. A two-character word then reads
only the records that contain it (the search keeps its own comparison beside it, so the
answer is the same, see portal/search.py). One-character words are left to the table scan:
they match too much for an index to pay.

A generated column holds on to the columns it is made of: PostgreSQL refuses to change their
type or drop them while it exists ("cannot alter type of a column used by a generated
column"). A migration that must do so removes the bigrams of that table first and adds them
back after: with `bigrams = bigram_columns((table, columns))`, the operations
`migrations.RunPython(bigrams.reverse_code, bigrams.code)`, the change, then `bigrams`.
"""

from django.db import migrations


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

    return migrations.RunPython(create, drop, elidable=False)


def trigram_extension():
    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")

    return migrations.RunPython(create, migrations.RunPython.noop, elidable=False)



BIGRAM_COLUMN = "search_bigrams"

# The pairs of neighbouring characters of the given texts, upper-cased, each as the integer
# (first code point mod 65536) * 65536 + (second mod 65536) - 2^31; NULLs and texts of fewer
# than two characters give nothing. A pair met twice is listed twice (the GIN index keeps it
# once). IMMUTABLE, as a generated column requires: it depends only on its arguments (and on
# the database's collation, as UPPER() in the search does).
# Measured on 60,000 speeches, inserting their texts into a scratch table: 0.4 s without the
# function, +0.6–1.4 s with this PL/pgSQL loop, +2.7 s with the same in one SQL query
# (array_agg over unnest: a query's executor started and ended on every call) and more with
# substr() at each position, which walks the UTF-8 text from its start again (7.7 s for one
# text of 11,000 characters, against 8 ms here: each text is split into characters once).
BIGRAM_FUNCTION = """
CREATE OR REPLACE FUNCTION search_bigrams(VARIADIC texts text[]) RETURNS integer[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    field text;
    characters text[];
    pairs integer[] := '{}';
BEGIN
    FOREACH field IN ARRAY texts LOOP
        characters := string_to_array(upper(field), NULL);
        FOR place IN 1 .. coalesce(cardinality(characters), 0) - 1 LOOP
            pairs := pairs || ((ascii(characters[place]) % 65536)::bigint * 65536
                               + ascii(characters[place + 1]) % 65536 - 2147483648)::integer;
        END LOOP;
    END LOOP;
    RETURN pairs;
END
$$
"""


def bigram_function():
    """The SQL function `search_bigrams`, on PostgreSQL; made before any `bigram_columns`."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(BIGRAM_FUNCTION, params=None)  # its % is SQL, not a placeholder

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("DROP FUNCTION IF EXISTS search_bigrams(VARIADIC text[])")

    return migrations.RunPython(create, drop, elidable=False)


def bigram_columns(*tables):
    """Migration operations adding `search_bigrams` over (table, (column, …)) and its GIN index;
    reversible, PostgreSQL only. The columns are those the search compares (portal/search.py;
    tests/portal/test_search_bigrams.py checks they agree)."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, columns in tables:
            texts = ", ".join(f'"{column}"::text' for column in columns)
            schema_editor.execute(
                f'ALTER TABLE "{table}" ADD COLUMN "{BIGRAM_COLUMN}" integer[] '
                f"GENERATED ALWAYS AS (search_bigrams({texts})) STORED"
            )
            schema_editor.execute(
                f'CREATE INDEX "{table}_{BIGRAM_COLUMN}" ON "{table}" USING gin ("{BIGRAM_COLUMN}")'
            )
            # The planner's statistics of the new column, as autovacuum would gather them later.
            schema_editor.execute(f'ANALYZE "{table}" ("{BIGRAM_COLUMN}")')

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, _columns in tables:
            schema_editor.execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS "{BIGRAM_COLUMN}"')

    return migrations.RunPython(create, drop, elidable=False)
