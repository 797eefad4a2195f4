"""Django's PostgreSQL compilers; the SELECT compiler keeps what it wrote per shape of query."""

from django.db.backends.postgresql import compiler
from django.db.backends.postgresql.compiler import (  # noqa: F401 (the backend's compilers, looked up by name)
    SQLAggregateCompiler,
    SQLDeleteCompiler,
    SQLInsertCompiler,
    SQLUpdateCompiler,
)

from config.db.shapes import ShapeCompiler


class SQLCompiler(ShapeCompiler, compiler.SQLCompiler):
    pass
