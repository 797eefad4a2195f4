"""What the content apps tell the review chain about their records, filled in their AppConfig.ready.

The chain sits below the apps whose records it reviews and imports none of them: each app
declares here which of its fields are the dates a record shows as its own, and which model
holds photos (for the alt-text check).
"""

_displayed_dates = {}
_photo_models = []


def register_displayed_dates(model, fields):
    """The dates a record shows as its own: changing them on a published record needs a reason."""
    _displayed_dates[model._meta.label_lower] = list(fields)


def register_photo_model(model):
    """A model whose rows are images shown with a record: each needs alt text before publishing."""
    if model not in _photo_models:
        _photo_models.append(model)


def displayed_date_fields(model):
    return _displayed_dates.get(model._meta.label_lower, [])


def photo_models():
    return list(_photo_models)
