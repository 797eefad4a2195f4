"""Indexes in exactly the order a public list sorts, so a LIMIT stops after the page.

Written as SQL, not as Meta.indexes: the columns match Django's ORDER BY to the letter,
NULLS LAST included on PostgreSQL (SQLite refuses the clause in an index, and puts NULLs last
in a descending one anyway). The migrations of visits and projects list theirs.
"""

from cooperation.schema_operations import RunSchemaSQL


def listing_indexes(*indexes):
    """A reversible migration operation creating each (name, table, columns) index (given no
    historical models: cooperation/schema_operations.py)."""

    def create(apps, schema_editor):
        for name, table, columns in indexes:
            if schema_editor.connection.vendor == "sqlite":
                columns = columns.replace(" NULLS LAST", "")
            schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({columns})')

    def drop(apps, schema_editor):
        for name, _table, _columns in indexes:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return RunSchemaSQL(create, drop, elidable=False)
