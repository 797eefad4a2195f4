"""Django's SQLite backend, its SELECTs compiled once per shape (config/db/shapes.py)."""

from django.db.backends.sqlite3 import base


class DatabaseOperations(base.DatabaseOperations):
    compiler_module = "config.db.sqlite3.compiler"


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
