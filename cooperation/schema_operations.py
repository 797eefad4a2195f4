"""A migration operation for statements that need the database connection and nothing else.

Django hands a RunPython the project's models as they stood at that migration, and builds them
for it: every model of every app, again for each RunPython after a field changed (on this
project ~0.2–0.6 s of CPU each, a fifth of `migrate` from empty). The index and extension
statements of cooperation/listing_indexes.py and cooperation/search_indexes.py use only the
schema editor, so they run without them. Everything else RunPython does is kept: the router's
say, reversal, elidable.
"""

from django.db import migrations, router


class RunSchemaSQL(migrations.RunPython):
    """A RunPython whose code takes (None, schema_editor): it is given no historical models."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if router.allow_migrate(schema_editor.connection.alias, app_label, **self.hints):
            self.code(None, schema_editor)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if self.reverse_code is None:
            raise NotImplementedError(f"You cannot reverse this operation: {self.describe()}")
        if router.allow_migrate(schema_editor.connection.alias, app_label, **self.hints):
            self.reverse_code(None, schema_editor)
