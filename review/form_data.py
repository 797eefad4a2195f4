"""A form as the POST a browser would send for it: how a pending revision starts from a record.

A change held for review is kept as the record's admin form data (with its inline formsets), so
that 终审签发 applies it through the same form and every rule of the form holds. A change made
elsewhere (a part saved on its own page) starts from the record's current form, built here.
"""

from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper


def _unwrap(widget):
    while isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    return widget


def widget_data(name, widget, value):
    """The POST data one widget sends for `value`, as a dict (several keys for split widgets)."""
    widget = _unwrap(widget)
    if isinstance(widget, forms.MultiWidget):
        values = value if isinstance(value, list | tuple) else widget.decompress(value)
        data = {}
        for suffix, subwidget, subvalue in zip(widget.widgets_names, widget.widgets, values, strict=False):
            data.update(widget_data(f"{name}{suffix}", subwidget, subvalue))
        return data
    if isinstance(widget, forms.CheckboxInput):
        return {name: "on"} if value else {}
    if isinstance(widget, forms.FileInput):
        return {}
    if isinstance(widget, forms.SelectMultiple | forms.CheckboxSelectMultiple):
        return {name: [str(v) for v in (value or [])]}
    if value is None:
        return {name: ""}
    formatted = widget.format_value(value)
    if isinstance(formatted, list):
        formatted = formatted[0] if formatted else ""
    return {name: "" if formatted is None else str(formatted)}


def form_data(form):
    data = {}
    for bound in form:
        data.update(widget_data(bound.html_name, bound.field.widget, bound.value()))
    return data


def as_lists(data):
    """{key: value or list} → {key: [values]}, the shape a pending revision keeps."""
    return {key: list(value) if isinstance(value, list | tuple) else [value] for key, value in data.items()}
