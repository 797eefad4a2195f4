"""Django's SQL compilers as SQLite uses them; the SELECT compiler keeps what it wrote per shape of query."""

from django.db.models.sql import compiler
from django.db.models.sql.compiler import (  # noqa: F401 (the backend's compilers, looked up by name)
    SQLAggregateCompiler,
    SQLDeleteCompiler,
    SQLInsertCompiler,
    SQLUpdateCompiler,
)

from config.db.shapes import ShapeCompiler


class SQLCompiler(ShapeCompiler, compiler.SQLCompiler):
    pass
