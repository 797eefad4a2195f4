"""`get_FOO_display()` as a dictionary look-up, for every field with choices in the project's apps.

Django's own builds a dictionary of all the field's choices on each call, hashing every label;
the labels are lazily translated, so each hash translates it anew. A trip card, a pairing's
level, a programme figure's metric: the home page asked some 1,200 translations a request
for a few dozen labels. Here each field's labels are gathered once (still lazy, so translated
in the language of the request) and one label is translated per call; the result is the same.
"""

import sys
from functools import partialmethod
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils.encoding import force_str


def _display(field, labels, django_method):
    def get_display(self):
        value = getattr(self, field.attname)
        try:
            label = labels.get(value, value)
        except TypeError:  # a value that cannot be a key (a list in a JSON field): Django's way
            return django_method.__get__(self, type(self))()
        return force_str(label, strings_only=True)

    return get_display


def _project_app(app_config):
    path = Path(app_config.path).resolve()
    return path.is_relative_to(settings.BASE_DIR) and not path.is_relative_to(Path(sys.prefix).resolve())


def install():
    """Replace Django's `get_FOO_display` of the project's own models (not one a model defines itself)."""
    for model in apps.get_models(include_auto_created=True):
        if not _project_app(model._meta.app_config):
            continue
        for field in model._meta.concrete_fields:
            name = f"get_{field.name}_display"
            django_method = model.__dict__.get(name)
            if field.choices is None or not (
                isinstance(django_method, partialmethod) and django_method.keywords.get("field") is field
            ):
                continue
            labels = {value: label for value, label in field.flatchoices}
            setattr(model, name, _display(field, labels, django_method))


def display_once(labels, record, name):
    """`record.get_<name>_display()`, translated once per value for one list of rows: `labels` is
    the dictionary the list keeps while it is written, for records of one model or several (a
    translation is some twenty calls, and a list's rows repeat a few labels)."""
    key = (record.__class__, name, getattr(record, name))
    label = labels.get(key)
    if label is None:
        label = labels[key] = getattr(record, f"get_{name}_display")()
    return label
