"""Turn an admin change page into the POST a browser would send, so tests post the real forms.

Tests then change only what they mean to (one field, every text field, a forged status) and
keep everything else as the page offered it: the inline formsets' management data, the
split date-time widgets, the many-to-many selections.
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


def change_form_data(response):
    """Everything the admin change (or add) page at `response` would post, unchanged."""
    context = response.context
    data = form_data(context["adminform"].form)
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(form_data(formset.management_form))
        for form in formset.initial_forms:
            data.update(form_data(form))
    if context.get("edit_version") is not None:
        data["_edit_version"] = context["edit_version"]
    return data


def text_fields(response):
    """The names of the editable text inputs on the page, inline rows included: (html name, field)."""
    context = response.context
    forms_on_page = [context["adminform"].form]
    for inline in context.get("inline_admin_formsets", []):
        forms_on_page += inline.formset.initial_forms
    found = []
    for form in forms_on_page:
        for bound in form:
            widget = _unwrap(bound.field.widget)
            is_text = type(bound.field) is forms.CharField or isinstance(bound.field, forms.URLField)
            if is_text and not isinstance(
                widget, forms.HiddenInput | forms.Select | forms.PasswordInput
            ):
                found.append((bound.html_name, bound.field))
    return found
