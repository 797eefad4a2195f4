"""What the content apps tell the review chain about their records, filled in their AppConfig.ready.

The chain sits below the apps whose records it reviews and imports none of them: each app
declares here how its models stand to the chain.

- A *part* is a row shown only as part of one reviewed record (a speech of its meeting, a site
  visit of its trip): a change to it is a change of that record.
- A *reference* is a row shown on its own page or on the pages of many records (a topic, a
  source, a photo): it has no status of its own, and so each change to a saved one is reviewed
  by itself. A new one may be added at once: nothing shows it until a published record names it;
  nor does anything show a saved one that no published record names yet (where its model can
  tell, `in_public_use()`), so a change to that one needs no review either.
- Which fields of a published record name a reference (a trip's destinations, a project's
  topics): the *public uses* the reference lists read, so that a place, a topic or a pairing
  somebody added appears in a list only once something published is filed under it.
- The dates a record shows as its own (changing them on a published record needs a reason),
  and the model that holds photos (each needs alt text before publishing).
"""

_displayed_dates = {}
_photo_models = []
_parts = {}  # part model -> name of its foreign key to the reviewed record
_references = []
_public_uses = {}  # reference model -> [(record model, lookup from the record to the reference)]
_partial_date_format = []


def register_displayed_dates(model, fields):
    _displayed_dates[model._meta.label_lower] = list(fields)


def register_photo_model(model):
    if model not in _photo_models:
        _photo_models.append(model)


def register_part(model, parent_field):
    """Rows of `model` are part of the record their `parent_field` points at."""
    _parts[model] = parent_field


def register_reference(model):
    """Rows of `model` are public on their own, without a status: each change is reviewed."""
    if model not in _references:
        _references.append(model)


def register_public_use(reference, record, path):
    """Published rows of `record` (its manager's `published()`) name rows of `reference` through `path`."""
    uses = _public_uses.setdefault(reference, [])
    if (record, path) not in uses:
        uses.append((record, path))


def displayed_date_fields(model):
    return _displayed_dates.get(model._meta.label_lower, [])


def photo_models():
    return list(_photo_models)


def parent_field(model):
    return _parts.get(model)


def parent_of(obj):
    """The reviewed record a part belongs to, or None for a row that is not a part."""
    name = _parts.get(type(obj))
    return getattr(obj, name, None) if name else None


def parts():
    return dict(_parts)


def is_reference(model):
    return model in _references


def references():
    return list(_references)


def public_uses(reference):
    """[(record model, path)]: where published records name rows of the reference model."""
    return list(_public_uses.get(reference, []))
def register_partial_date_format(function):
    """How a date known to the day, month or year reads (2024年6月20日, 2024年6月, 2024年)."""
    _partial_date_format[:] = [function]


def format_partial_date(value, precision):
    if value is None:
        return ""
    return _partial_date_format[0](value, precision) if _partial_date_format else value.isoformat()
