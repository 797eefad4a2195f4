"""Django's PostgreSQL backend, its SELECTs compiled once per shape (config/db/shapes.py)."""

from django.db.backends.postgresql import base


class DatabaseOperations(base.DatabaseOperations):
    compiler_module = "config.db.postgresql.compiler"


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
