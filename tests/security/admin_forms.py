"""Turn an admin change page into the POST a browser would send, so tests post the real forms.

Tests then change only what they mean to (one field, every text field, a forged status) and
keep everything else as the page offered it: the inline formsets' management data, the
split date-time widgets, the many-to-many selections.
"""

from django import forms

from review.form_data import _unwrap, form_data


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
