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

A record's foreign keys to these tables are made from the kept rows the same way
(`kept_related("pairing", "region__parent__parent")`, as `select_related` would name them):
each joined table cost PostgreSQL more to plan than to read — a project page's query with its
pairing, the pairing's two sides, its place and the places above it, ten tables, took 1.9 ms to
plan (6 ms on a new connection) and 0.2 ms to run; without them 0.2 and 0.04 ms.
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
    entry = kept.get(model)
    if entry is None or pk not in entry[1]:
        entry = _kept(model, kept, (pk,))
    record = model.from_db(using, entry[0], entry[1][pk][1])
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


def record_with(model, related=(), **where):
    """The record of `model` (a kept table) whose fields equal `where` (a unique field: the first
    in the table's order), made from the kept rows as `select_related(*related)` would make it;
    None when no kept row has them (perhaps written a moment ago: ask the database)."""
    kept = {}
    names, rows = _kept(model, kept)
    columns = [(names.index(model._meta.get_field(name).attname), value) for name, value in where.items()]
    found = [
        (position, pk) for pk, (position, row) in rows.items() if all(row[index] == value for index, value in columns)
    ]
    if not found:
        return None
    using = model._base_manager.db
    record = _made(model, min(found)[1], using, kept)
    fill_related([record], related, using, kept)
    return record


def _set_prefetched(record, field, targets, queryset=None):
    """`targets` as `record`'s many-to-many `field`, as Django's prefetch leaves them."""
    manager = getattr(record, field.name)
    prefetched = manager.get_queryset() if queryset is None else manager._apply_rel_filters(queryset)
    prefetched._result_cache = targets
    prefetched._prefetch_done = True
    if not hasattr(record, "_prefetched_objects_cache"):
        record._prefetched_objects_cache = {}
    record._prefetched_objects_cache[manager.prefetch_cache_name] = prefetched


def _owners(records, path):
    """The records at the end of `path` ("site_visits__projects": the records' prefetched site
    visits) and the many-to-many field named by its last part."""
    *through, name = path.split("__")
    owners = records
    for step in through:
        owners = [owner for record in owners for owner in getattr(record, step).all()]
    model = type(owners[0]) if owners else None
    return owners, (model._meta.get_field(name) if model else None)


def fill_related(records, paths, using, kept):
    """Fill the foreign keys along each of `paths` ("region__parent": a forward foreign key to a
    kept table, then the next) of `records` from the kept rows, as `select_related` leaves them:
    the related record cached, or None when the key is empty."""
    for path in paths:
        owners = records
        for name in path.split("__"):
            if not owners:
                break
            field = type(owners[0])._meta.get_field(name)
            targets = []
            for owner in owners:
                if field.is_cached(owner):
                    target = field.get_cached_value(owner)
                else:
                    value = getattr(owner, field.attname)
                    target = None if value is None else _made(field.related_model, value, using, kept)
                    field.set_cached_value(owner, target)
                if target is not None:
                    targets.append(target)
            owners = targets


def fill(records, names, using, linked=(), related=()):
    """Fill the many-to-many fields `names` of `records` (one model) from their link tables, and
    the fields `linked` ((path, queryset): records of any table, chosen and ordered by the
    queryset), reading every link table in one query and each `linked` queryset once; and the
    foreign keys along `related` from the kept rows (`fill_related`)."""
    if not records:
        return
    model = type(records[0])
    kept = {}
    fill_related(records, related, using, kept)
    if not names and not linked:
        return
    quote = connections[using].ops.quote_name
    uses = [(records, model._meta.get_field(name), None) for name in names]
    for path, queryset in linked:
        owners, field = _owners(records, path)
        if owners:
            uses.append((owners, field, queryset))
    parts, parameters = [], []
    for index, (owners, field, _queryset) in enumerate(uses):
        keys = list(dict.fromkeys(owner.pk for owner in owners))
        source, target = quote(field.m2m_column_name()), quote(field.m2m_reverse_name())
        table = quote(field.remote_field.through._meta.db_table)
        marks = ", ".join(["%s"] * len(keys))
        parts.append(f"SELECT {index}, {source}, {target} FROM {table} WHERE {source} IN ({marks})")
        parameters += keys
    with connections[using].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), parameters)
        links = cursor.fetchall()
    targets_of = {}
    for index, source, target in links:
        targets_of.setdefault((index, source), []).append(target)
    # Each queryset of `linked` read once, for every field it serves.
    found = {}
    for (index, _source), targets in targets_of.items():
        queryset = uses[index][2]
        if queryset is not None:
            found.setdefault(id(queryset), (queryset, set()))[1].update(targets)
    read = {}
    for key, (queryset, pks) in found.items():
        read[key] = {record.pk: (position, record) for position, record in enumerate(queryset.filter(pk__in=pks))}
    for index, (owners, field, queryset) in enumerate(uses):
        target_model = field.related_model
        for owner in owners:
            targets = targets_of.get((index, owner.pk), ())
            if queryset is not None:
                chosen = read.get(id(queryset), {})
                made = [chosen[pk] for pk in targets if pk in chosen]
                _set_prefetched(owner, field, [record for _position, record in sorted(made, key=lambda item: item[0])],
                                queryset)
                continue
            if targets:
                rows = _kept(target_model, kept, targets)[1]
                targets = sorted(targets, key=lambda pk: rows[pk][0])
            _set_prefetched(owner, field, [_made(target_model, pk, using, kept) for pk in targets])


class KeptLinksQuerySet(models.QuerySet):
    """A queryset whose records' links to kept tables (`kept_links`), and the links it reads
    with them (`linked`), are filled when it is read."""

    _kept_links = ()
    _linked = ()
    _kept_related = ()

    def kept_links(self, *names):
        for name in names:
            field = self.model._meta.get_field(name)
            if not field.many_to_many or field.auto_created or field.related_model not in KEPT:
                raise ValueError(f"{self.model.__name__}.{name} is not a many-to-many field to a kept table")
        clone = self._chain()
        clone._kept_links = (*self._kept_links, *names)
        return clone

    def kept_related(self, *paths):
        """The foreign keys along `paths` (as `select_related` names them, each step a foreign
        key to a kept table) made from the kept rows when the queryset is read, not joined."""
        for path in paths:
            model = self.model
            for name in path.split("__"):
                field = model._meta.get_field(name)
                if not (field.many_to_one and field.concrete) or field.related_model not in KEPT:
                    raise ValueError(f"{model.__name__}.{name} is not a foreign key to a kept table")
                model = field.related_model
        clone = self._chain()
        clone._kept_related = (*self._kept_related, *paths)
        return clone

    def linked(self, path, queryset):
        """The many-to-many field at the end of `path` (its steps before: relations prefetched
        by this queryset) filled from the same query of the link tables as `kept_links`, its
        records read by `queryset` (shared between paths: read once for all)."""
        clone = self._chain()
        clone._linked = (*self._linked, (path, queryset))
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._kept_links = self._kept_links
        clone._linked = self._linked
        clone._kept_related = self._kept_related
        return clone

    def _fetch_all(self):
        unread = self._result_cache is None
        super()._fetch_all()
        if (
            unread
            and (self._kept_links or self._linked or self._kept_related)
            and self._iterable_class is ModelIterable
        ):
            fill(self._result_cache, self._kept_links, self.db, self._linked, self._kept_related)
