"""A SELECT compiled once per shape: its columns, tables and order kept, its WHERE compiled each time.

A page's query costs Django some 1,500 Python calls, whatever its rows, and most go to writing
the columns of the records it makes (a trip with its origin, source and cover photo is some
fifty columns, each quoted and joined), the joins of `select_related` and the ordering — parts
that are the same every time the same code asks: only the values compared in the WHERE change
(a slug, the keys of a prefetch, the time `published()` compares with). So the compiler keeps,
per shape of query, the SQL before and after the WHERE and what it learnt while writing them
(the selected columns, how a row becomes records), and on the next query of that shape compiles
only the WHERE.

The shape is everything the compiler reads besides the WHERE: the model, the tables and joins
(each with its alias, type and nullability), their reference counts, the selected columns,
`select_related`, deferred fields, annotations (with their values: Django's own `identity`),
ordering, DISTINCT, the slice and the current time zone. Queries with anything else that writes SQL (extra(),
combinators, GROUP BY, FOR UPDATE, DISTINCT ON, filtered relations, subqueries) are compiled as
Django compiles them, every time. A shape is kept only when its WHERE is found exactly once in
the SQL, with its parameters in their place, or when the query has no conditions at all (an
admin list, a whole table read: the SQL is kept whole); else it is noted as not kept.

`SQL_SHAPE_CHECKS` (the tests set it): the first that many queries of each kept shape are also
compiled in full, and a difference is an error, so a shape that left something out is found by
the test suite, not by a visitor.
"""

import threading
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.utils.timezone import get_current_timezone_name

# Shapes are few (a few hundred on the whole site); the store is emptied if code makes more.
LIMIT = 4096
_kept = {}
_checked = {}
_lock = threading.Lock()


class Kept(NamedTuple):
    head: str
    tail: str
    head_params: tuple
    tail_params: tuple
    state: tuple
    # A query without conditions: its whole SQL is `head`, there is no WHERE to compile.
    whole: bool = False


def _joins(alias_map):
    return tuple(
        (alias, join.table_name, join.parent_alias, join.join_type, getattr(join, "join_field", None),
         getattr(join, "nullable", None))
        for alias, join in alias_map.items()
    )


def _frozen(value):
    if isinstance(value, dict):
        return tuple((key, _frozen(item)) for key, item in value.items())
    return value


def shape(compiler, with_limits, with_col_aliases):
    """The key of the query's shape, or None when it is compiled in full every time."""
    query = compiler.query
    if (
        query.combinator or query.subquery or query.extra or query.extra_tables or query.extra_order_by
        or query.group_by is not None or query.distinct_fields or query.select_for_update
        or query._filtered_relations or query.explain_info or query.external_aliases
        or any(join.filtered_relation is not None for join in query.alias_map.values())
        or (query.where.negated and not query.where.children)
    ):
        return None
    mask = query.annotation_select_mask
    selected = query.selected
    try:
        key = (
            # The time zone: a date function in the columns or the order is written for the current one.
            type(compiler), compiler.connection.alias, get_current_timezone_name(), compiler.elide_empty,
            query.model, with_limits,
            with_col_aliases, query.alias_cols, _joins(query.alias_map), tuple(query.alias_refcount.items()),
            query.select, query.default_cols, _frozen(query.select_related), query.max_depth,
            frozenset(query.deferred_loading[0]), query.deferred_loading[1], query.values_select,
            _frozen(selected) if selected is not None else None,
            tuple(query.annotations.items()), frozenset(mask) if mask is not None else None,
            query.order_by, query.default_ordering, query.standard_ordering, query.distinct,
            query.low_mark, query.high_mark, not query.where.children,
        )
        hash(key)
    except TypeError:  # something in it Django cannot compare
        return None
    return key


def _placeholders(sql):
    return sql.replace("%%", "").count("%s")


def split(sql, params, where, where_params, state):
    """The SQL and parameters around the WHERE, or None when the WHERE is not found exactly once."""
    marker = f" WHERE {where}"
    if not where or sql.count(marker) != 1:
        return None
    start = sql.index(marker) + len(" WHERE ")
    head, tail = sql[:start], sql[start + len(where):]
    params, where_params = tuple(params), tuple(where_params)
    before = _placeholders(head)
    if (
        _placeholders(where) != len(where_params) or before + len(where_params) + _placeholders(tail) != len(params)
        or params[before:before + len(where_params)] != where_params
    ):
        return None
    return Kept(head, tail, params[:before], params[before + len(where_params):], state)


class ShapeCompiler:
    """Mixed into the backend's SQLCompiler (config/db/postgresql, config/db/sqlite3)."""

    def as_sql(self, with_limits=True, with_col_aliases=False):
        key = shape(self, with_limits, with_col_aliases)
        kept = _kept.get(key, False) if key is not None else None
        where = self.query.where
        if not kept or where.contains_aggregate or where.contains_over_clause:
            sql, params = super().as_sql(with_limits, with_col_aliases)
            if kept is False:
                self._keep(key, sql, params)
            return sql, params
        if kept.whole:
            sql, params = kept.head, kept.head_params
        else:
            try:
                where_sql, where_params = self.compile(where)
            except (EmptyResultSet, FullResultSet):
                return super().as_sql(with_limits, with_col_aliases)
            if not where_sql:
                return super().as_sql(with_limits, with_col_aliases)
            sql, params = kept.head + where_sql + kept.tail, (*kept.head_params, *where_params, *kept.tail_params)
        (self.select, self.klass_info, self.annotation_col_map, self.col_count, self.has_extra_select,
         self._meta_ordering) = kept.state
        self.where, self.having, self.qualify = where, None, None
        if settings.SQL_SHAPE_CHECKS and _checked.get(key, 0) < settings.SQL_SHAPE_CHECKS:
            _checked[key] = _checked.get(key, 0) + 1
            full = type(self)(self.query, self.connection, self.using, self.elide_empty).as_sql_in_full(
                with_limits, with_col_aliases
            )
            # Parameters compared by their repr: some have no equality of their own (PostgreSQL's
            # Inet for an address field: two made from one address are not equal).
            if (full[0], [repr(value) for value in full[1]]) != (sql, [repr(value) for value in params]):
                raise AssertionError(f"a kept query shape wrote {sql!r} {params!r}, Django {full[0]!r} {full[1]!r}")
        return sql, params

    def as_sql_in_full(self, with_limits=True, with_col_aliases=False):
        return super().as_sql(with_limits, with_col_aliases)

    def _keep(self, key, sql, params):
        state = (self.select, self.klass_info, self.annotation_col_map, self.col_count, self.has_extra_select,
                 self._meta_ordering)
        if self.where is None or self.having is not None or self.qualify is not None:
            kept = None
        elif self.where is self.query.where and not self.where.children:
            kept = Kept(sql, "", tuple(params), (), state, whole=True)
        else:
            try:
                where_sql, where_params = self.compile(self.where)
            except (EmptyResultSet, FullResultSet):
                return
            kept = split(sql, params, where_sql, where_params, state)
        with _lock:
            if len(_kept) >= LIMIT:
                _kept.clear()
                _checked.clear()
            _kept[key] = kept
