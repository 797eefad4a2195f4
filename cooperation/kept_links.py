"""A list's links to places, topics and pairings, read in one query from the link tables alone.

A trip card names its destinations and topics, a trip page its pairings too, a project card its
topics: each a many-to-many prefetch, one query each, and in Django each query costs some 1,500
Python calls (compiling, a queryset per row, records made) whatever its rows. The tables they
point at are small and change only when staff edit them (135 places, a dozen topics, fifty
pairings), so their rows are kept in the process, under the content-version rule
(cooperation/content_version.py: a kept copy ends with any write to its table), and a list asks
the database only which rows each of its records links to — every link table of the list in one
UNION ALL. The records are made from the kept rows as Django's prefetch makes them (the same
fields, in the same order, in the related manager's own queryset), so a page reads exactly what
it read before, and depends on the same tables and records as if it had queried them.

Use: `queryset.kept_links("destinations", "topics")` on a queryset of `KeptLinksQuerySet`, for a
forward many-to-many field to a model of `KEPT` (a pairing comes with its two regions, as
`Pairing.objects.with_sides()` gives them).
"""

from django.conf import settings
from django.db import connections, models
from django.db.models.query import ModelIterable

from cooperation import content_version
from cooperation.models import Pairing, Region, Topic

# The tables kept, and for each the foreign keys made with it (to tables kept too).
KEPT = {Region: (), Topic: (), Pairing: ("support_region", "recipient_region")}


def _read(model):
    """Every row of `model` in its own order: (field names, {pk: (position, values)})."""
    names = [field.attname for field in model._meta.concrete_fields]
    key = names.index(model._meta.pk.attname)
    rows = model._base_manager.values_list(*names)
    return names, {row[key]: (position, row) for position, row in enumerate(rows)}


def _kept(model, kept, needed=()):
    """The rows of `model` for one use (`kept`: the rows already taken by it; the table noted as
    read once). Read again at once when a row asked for is not among them: written by another
    process a moment ago, before this one heard of the change that ends the kept copy."""
    if model not in kept:
        kept[model] = content_version.cached(
            f"cooperation:kept-rows:{model._meta.label_lower}", lambda: _read(model), settings.PAGE_CACHE_SECONDS,
            store=content_version.process_store, shows_tags=(),
        )
        content_version.reads(model._meta.db_table)
    rows = kept[model][1]
    if any(pk not in rows for pk in needed):
        kept[model] = _read(model)
    return kept[model]


def _made(model, pk, using, kept):
    """The record `pk` of `model`, made from the kept rows (its kept foreign keys' records with it)."""
    names, rows = _kept(model, kept, (pk,))
    record = model.from_db(using, names, rows[pk][1])
    for name in KEPT[model]:
        field = model._meta.get_field(name)
        value = getattr(record, field.attname)
        if value is not None:
            field.set_cached_value(record, _made(field.related_model, value, using, kept))
    return record


def records(model, pks, **where):
    """The records of `model` (a kept table) among `pks` whose fields equal `where`, in the table's
    order: a queryset `filter(pk__in=pks, **where)` of the kept rows, made as it would make them."""
    kept = {}
    names, rows = _kept(model, kept, pks)
    columns = [(names.index(model._meta.get_field(name).attname), value) for name, value in where.items()]
    chosen = [
        (position, pk) for pk in set(pks) if pk in rows
        for position, row in [rows[pk]] if all(row[index] == value for index, value in columns)
    ]
    using = model._base_manager.db
    return [_made(model, pk, using, kept) for _position, pk in sorted(chosen)]


def fill(records, names, using):
    """Fill the many-to-many fields `names` of `records` (one model) from their link tables, in one query."""
    if not records:
        return
    model = type(records[0])
    quote = connections[using].ops.quote_name
    keys = list(dict.fromkeys(record.pk for record in records))
    marks = ", ".join(["%s"] * len(keys))
    fields = [model._meta.get_field(name) for name in names]
    parts = []
    for index, field in enumerate(fields):
        source, target = quote(field.m2m_column_name()), quote(field.m2m_reverse_name())
        table = quote(field.remote_field.through._meta.db_table)
        parts.append(f"SELECT {index}, {source}, {target} FROM {table} WHERE {source} IN ({marks})")
    with connections[using].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), keys * len(parts))
        links = cursor.fetchall()
    linked = {}
    for index, source, target in links:
        linked.setdefault((index, source), []).append(target)
    kept = {}
    for index, field in enumerate(fields):
        target_model = field.related_model
        for record in records:
            targets = linked.get((index, record.pk), ())
            if targets:
                rows = _kept(target_model, kept, targets)[1]
                targets = sorted(targets, key=lambda pk: rows[pk][0])
            manager = getattr(record, field.name)
            queryset = manager.get_queryset()
            queryset._result_cache = [_made(target_model, pk, using, kept) for pk in targets]
            queryset._prefetch_done = True
            if not hasattr(record, "_prefetched_objects_cache"):
                record._prefetched_objects_cache = {}
            record._prefetched_objects_cache[manager.prefetch_cache_name] = queryset


class KeptLinksQuerySet(models.QuerySet):
    """A queryset whose records' links to kept tables (`kept_links`) are filled when it is read."""

    _kept_links = ()

    def kept_links(self, *names):
        for name in names:
            field = self.model._meta.get_field(name)
            if not field.many_to_many or field.auto_created or field.related_model not in KEPT:
                raise ValueError(f"{self.model.__name__}.{name} is not a many-to-many field to a kept table")
        clone = self._chain()
        clone._kept_links = (*self._kept_links, *names)
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._kept_links = self._kept_links
        return clone

    def _fetch_all(self):
        unread = self._result_cache is None
        super()._fetch_all()
        if unread and self._kept_links and self._iterable_class is ModelIterable:
            fill(self._result_cache, self._kept_links, self.db)
