"""A change form's fieldsets, stacked rows and tabular cells in Python instead of template nodes.

Django's `admin/includes/fieldset.html` (each fieldset of a form and of each stacked inline row),
`admin/edit_inline/stacked.html` and `admin/edit_inline/tabular.html` (each inline row) render
every field through a dozen template nodes and some thirty attribute lookups of the template
language, and each stacked row through an include per fieldset: on a trip's change page, with
its participants, site visits and meetings inline, a third of the page's time. The site's copies
of those templates (templates/admin/) hand each fieldset, each stacked row and each tabular
row's cells to the tags and filters here, which make the same elements with the same classes,
ids and text in the same order, each run of whitespace between them as one; `tests/test_admin.py`
holds every registered admin's change page to the page Django's own templates make, as a
superuser and as a user who may only view, and a form sent back with its errors.
"""

from django import template
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext

register = template.Library()


def _part(field, name):
    """`field.field.<name>` as the template language reads it: a read-only field's `field` is a
    dict (a missing key is nothing), an editable one's a BoundField."""
    bound = field.field
    if isinstance(bound, dict):
        return bound.get(name)
    return getattr(bound, name, None)


def _text(value):
    return conditional_escape("" if value is None else value)


def _label_tag(field, stops, form_suffix):
    """`field.label_tag()` of an admin field, editable (AdminField, through BoundField.label_tag and
    the form's label template) or read-only (AdminReadonlyField), with the two translations every
    label asks for — the form's suffix ":" and the stops ":?.!" that keep it off — taken once per
    form by the caller (`stops`, `form_suffix`: str) instead of twice per label."""
    if field.is_readonly:
        inline = "" if field.is_first else ' class="inline"'
        return mark_safe(f"<label{inline}>{_text(capfirst(field.field['label']))}{_text(form_suffix)}</label>")
    bound = field.field
    form, form_field = bound.form, bound.field
    classes = []
    if field.is_checkbox:
        classes.append("vCheckboxLabel")
    if form_field.required:
        classes.append("required")
    if not field.is_first:
        classes.append("inline")
    attrs = {"class": " ".join(classes)} if classes else {}
    contents = conditional_escape(bound.label) or bound.label
    if field.is_checkbox:
        suffix = ""
    else:
        suffix = form_field.label_suffix if form_field.label_suffix is not None else form_suffix
    if suffix and contents and contents[-1] not in stops:
        contents = mark_safe(f"{contents}{_text(suffix)}")
    widget = form_field.widget
    id_ = widget.attrs.get("id") or bound.auto_id
    if id_:
        id_for_label = widget.id_for_label(id_)
        if id_for_label:
            attrs = {**attrs, "for": id_for_label}
        if form_field.required and hasattr(form, "required_css_class"):
            required = form.required_css_class
            attrs["class"] = f"{attrs['class']} {required}" if "class" in attrs else required
    context = {"field": bound, "label": contents, "attrs": attrs, "use_tag": bool(id_), "tag": "label"}
    return form.render(form.template_name_label, context)


def _label_words(form):
    """The stops that keep a label's suffix off and the form's own suffix, each translated once."""
    suffix = form.label_suffix
    return gettext(":?.!"), "" if suffix is None else str(suffix)


def _value(value):
    """`{{ value }}` as the template language writes it: localized (a number), then escaped."""
    return conditional_escape(localize(value))


@register.simple_tag
def fieldset_html(fieldset, heading_level, prefix, id_prefix, id_suffix):
    """Django's admin/includes/fieldset.html, with the variables its includes pass it."""
    heading = f"{_value(prefix)}-{_value(id_prefix)}-{_value(id_suffix)}-heading"
    level = _value(heading_level or 2)
    out = [f'<fieldset class="module aligned {_value(fieldset.classes)}"']
    if fieldset.name:
        out.append(f' aria-labelledby="{heading}">\n')
        if fieldset.is_collapsible:
            out.append("<details><summary>")
        out.append(f'\n<h{level} id="{heading}" class="fieldset-heading">{_value(fieldset.name)}</h{level}>\n')
        if fieldset.is_collapsible:
            out.append("</summary>")
    else:
        out.append(">\n")
    if fieldset.description:
        out.append(f'\n<div class="description">{fieldset.description}</div>\n')
    out.append(fieldset_lines(fieldset))
    if fieldset.name and fieldset.is_collapsible:
        out.append("\n</details>")
    out.append("\n</fieldset>")
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def stacked_rows(context, inline_admin_formset):
    """The rows of Django's admin/edit_inline/stacked.html (its `{% for inline_admin_form in
    inline_admin_formset %}`): each row's heading, its fieldsets and its hidden keys."""
    formset, opts = inline_admin_formset.formset, inline_admin_formset.opts
    request = context.get("request")
    current_app = getattr(request, "current_app", None)
    if current_app is None and getattr(request, "resolver_match", None) is not None:
        current_app = request.resolver_match.namespace
    forms = list(inline_admin_formset)
    out = []
    for counter0, inline_admin_form in enumerate(forms):
        original, show_url = inline_admin_form.original, inline_admin_form.show_url
        empty = counter0 == len(forms) - 1 and inline_admin_formset.has_add_permission
        classes = "inline-related" + (" has_original" if original or show_url else "") + (
            " empty-form last-related" if empty else ""
        )
        out.append(
            f'<div class="{classes}" id="{_value(formset.prefix)}-{"empty" if empty else _value(counter0)}">\n'
            f'<h3><b>{_value(capfirst(opts.verbose_name))}:</b> <span class="inline_label">'
        )
        if original:
            out.append(_value(original))
            model_admin = inline_admin_form.model_admin
            if model_admin.show_change_link and model_admin.has_registered_model:
                changeable = inline_admin_formset.has_change_permission
                address = reverse(
                    f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_change",
                    args=[quote(original.pk)], current_app=current_app,
                )
                out.append(
                    f' <a href="{_text(address)}" class="{"inlinechangelink" if changeable else "inlineviewlink"}">'
                    f'{_text(gettext("Change") if changeable else gettext("View"))}</a>'
                )
            out.append("\n")
        else:
            out.append(f"#{_value(counter0 + 1)}")
        out.append("</span>\n")
        if show_url:
            out.append(f'<a href="{_value(inline_admin_form.absolute_url)}">{_text(gettext("View on site"))}</a>')
        if formset.can_delete and inline_admin_formset.has_delete_permission and original:
            deletion = inline_admin_form.deletion_field()
            label = _label_tag(deletion, *_label_words(inline_admin_form.form))
            out.append(f'\n<span class="delete">{_text(deletion.field)} {label}</span>')
        out.append("\n</h3>\n")
        non_field_errors = inline_admin_form.form.non_field_errors()
        if non_field_errors:
            out.append(_text(non_field_errors))
        for id_suffix, fieldset in enumerate(inline_admin_form):
            out.append("\n")
            out.append(fieldset_html(fieldset, 4, fieldset.formset.prefix, counter0, id_suffix))
        out.append("\n")
        if inline_admin_form.needs_explicit_pk_field():
            out.append(_text(inline_admin_form.pk_field().field))
        out.append("\n")
        fk_field = inline_admin_form.fk_field()
        if fk_field:
            out.append(_text(fk_field.field))
        out.append("\n</div>")
    return mark_safe("".join(out))


@register.filter
def fieldset_lines(fieldset):
    """The lines of Django's admin/includes/fieldset.html (its `{% for line in fieldset %}`)."""
    out = []
    stops, form_suffix = _label_words(fieldset.form)
    for line in fieldset:
        fields = list(line)
        single = len(line.fields) == 1
        line_errors = line.errors() if single else ""
        classes = ["form-row"]
        if single and line_errors:
            classes.append(" errors")
        if not line.has_visible_field:
            classes.append(" hidden")
        classes.extend(f" field-{_text(_part(field, 'name'))}" for field in fields if _part(field, "name"))
        out.append(f'\n<div class="{"".join(classes)}">\n')
        out.append(line_errors if single else '<div class="flex-container form-multiline">')
        for field in fields:
            name, hidden, readonly = _part(field, "name"), _part(field, "is_hidden"), field.is_readonly
            errors = "" if readonly else field.errors()
            out.append("\n<div>\n")
            if not single and not readonly:
                out.append(errors)
            box = ["flex-container"]
            if not single:
                box.append(" fieldBox")
                if name:
                    box.append(f" field-{_text(name)}")
                if errors:
                    box.append(" errors")
                if hidden:
                    box.append(" hidden")
            if field.is_checkbox:
                box.append(" checkbox-row")
            out.append(f'\n<div class="{"".join(box)}">\n')
            label = _label_tag(field, stops, form_suffix)
            if field.is_checkbox:
                out.append(f"{_text(field.field)}{label}")
            elif readonly:
                out.append(f'{label}\n<div class="readonly">{_text(field.contents())}</div>')
            else:
                out.append(f"{label}\n{_text(field.field)}")
            out.append("\n</div>\n")
            help_text = _part(field, "help_text")
            if help_text:
                helped = _part(field, "id_for_label")
                helped = f' id="{_text(helped)}_helptext"' if helped else ""
                out.append(
                    f'\n<div class="help{" hidden" if hidden else ""}"{helped}>\n<div>{help_text}</div>\n</div>\n'
                )
            out.append("\n</div>\n")
        if not single:
            out.append("\n</div>")
        out.append("\n</div>\n")
    return mark_safe("".join(out))


@register.filter
def row_cells(inline_admin_form):
    """The field cells of a row of Django's admin/edit_inline/tabular.html."""
    out = []
    for fieldset in inline_admin_form:
        for line in fieldset:
            for field in line:
                name = _part(field, "name")
                classes = f"field-{_text(name)}" if name else ""
                if _part(field, "is_hidden"):
                    classes += " hidden"
                out.append(f'\n<td class="{classes}">\n')
                if field.is_readonly:
                    out.append(f"<p>{_text(field.contents())}</p>")
                else:
                    out.append(f"{_text(field.field.errors.as_ul())}\n{_text(field.field)}")
                out.append("\n</td>\n")
    return mark_safe("".join(out))
