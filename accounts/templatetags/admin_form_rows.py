"""A change form's fields, line by line and cell by cell, in Python instead of template nodes.

Django's `admin/includes/fieldset.html` (each fieldset of a form and of each stacked inline row)
and `admin/edit_inline/tabular.html` (each tabular inline row) render every field through a dozen
template nodes and some thirty attribute lookups of the template language: on a trip's change
page, with its participants, site visits and meetings inline, a third of the page's time. The
site's copies of those two templates (templates/admin/) hand each fieldset's lines and each
row's cells to the filters here, which make the same elements with the same classes, ids and
text in the same order, each run of whitespace between them as one; `tests/test_admin.py` holds
every registered admin's change page to the page Django's own templates make, as a superuser and
as a user who may only view, and a form sent back with its errors.
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

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


@register.filter
def fieldset_lines(fieldset):
    """The lines of Django's admin/includes/fieldset.html (its `{% for line in fieldset %}`)."""
    out = []
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
            if field.is_checkbox:
                out.append(f"{_text(field.field)}{_text(field.label_tag())}")
            elif readonly:
                out.append(f'{_text(field.label_tag())}\n<div class="readonly">{_text(field.contents())}</div>')
            else:
                out.append(f"{_text(field.label_tag())}\n{_text(field.field)}")
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
