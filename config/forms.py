"""How form widgets are rendered: Django's widget templates through Jinja2, the rest as before.

A staff change page renders a few hundred widgets (a trip with its participants, site visits and
meetings inline), and Django's template language spent most of such a page's time on them.
Django ships every built-in widget as a Jinja2 template as well (`django/forms/jinja2/`), which
renders the same HTML several times faster. Templates that exist only for Django's template
language — the admin's widget wrappers, the site's own templates — are found there as before.

The few templates a change form renders hundreds of times (an input, a select and its options, a
textarea, a label, an empty error list) are written out in Python here, character for character
as their Jinja2 templates make them (`tests/test_form_renderer.py` holds every one to its template,
including the site's own <option> in templates/jinja2/); Jinja2's own cost per template (a new
context, an include per attribute list and per option) was most of a widget's.
"""

from django.conf import settings
from django.forms.renderers import BaseRenderer
from django.template import TemplateDoesNotExist
from django.template.backends.jinja2 import Jinja2
from django.template.loader import get_template
from django.utils.functional import cached_property
from markupsafe import escape

# Django's Jinja2 widgets that are only `{% include "django/forms/widgets/input.html" %}`.
INPUTS = frozenset(
    f"django/forms/widgets/{kind}.html"
    for kind in (
        "input", "checkbox", "color", "date", "datetime", "email", "file", "hidden", "number", "password",
        "search", "tel", "text", "time", "url",
    )
)
OPTION = "django/forms/widgets/select_option.html"


def attrs_html(attrs):
    """django/forms/widgets/attrs.html (and django/forms/attrs.html): ` name="value"`, a True
    value as the bare name, a False one left out; Jinja2's escaping (markupsafe's)."""
    return "".join(
        "" if value is False else f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
    )


def input_html(context):
    widget = context["widget"]
    # Jinja2's `widget.value != None`.
    value = f' value="{escape(widget["value"])}"' if widget["value"] != None else ""  # noqa: E711
    attrs = attrs_html(widget["attrs"])
    return f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{value}{attrs}>'


def option_html(option):
    """The site's own option (templates/jinja2/): an empty one is labelled, for valid HTML."""
    label = ' label="—"' if option["label"] == "" else ""
    attrs = attrs_html(option["attrs"])
    return f'<option value="{escape(option["value"])}"{attrs}{label}>{escape(option["label"])}</option>'


def select_html(context):
    widget = context["widget"]
    parts = [f'<select name="{escape(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{escape(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION:
                return None
            parts.append("\n  " + option_html(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def textarea_html(context):
    widget = context["widget"]
    text = escape(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{escape(widget["name"])}"{attrs_html(widget["attrs"])}>\n{text}</textarea>'


def label_html(context):
    if not context["use_tag"]:
        return str(escape(context["label"]))
    attrs = attrs_html(context["attrs"]) if context["attrs"] else ""
    tag = escape(context["tag"])
    return f"<{tag}{attrs}>{escape(context['label'])}</{tag}>"


def errors_html(context):
    # A list with errors is left to its template; an empty one (nearly every field's) is nothing.
    return None if context["errors"] else ""


IN_PYTHON = {
    **{name: input_html for name in INPUTS},
    "django/forms/widgets/select.html": select_html,
    OPTION: lambda context: option_html(context["widget"]),
    "django/forms/widgets/textarea.html": textarea_html,
    "django/forms/label.html": label_html,
    "django/forms/errors/list/ul.html": errors_html,
    "django/forms/errors/list/default.html": errors_html,
}


class WidgetRenderer(BaseRenderer):
    """Jinja2 first (templates/jinja2/ may amend a widget, e.g. the empty <option>), then TEMPLATES;
    the templates in IN_PYTHON written out in Python."""

    def __init__(self):
        self._engine_of = {}

    @cached_property
    def jinja2(self):
        # APP_DIRS finds django/forms/jinja2/ ("django.forms" is an installed app).
        return Jinja2({
            "NAME": "widgets", "DIRS": [settings.BASE_DIR / "templates" / "jinja2"], "APP_DIRS": True, "OPTIONS": {},
        })

    def render(self, template_name, context, request=None):
        in_python = IN_PYTHON.get(template_name)
        if in_python is not None:
            html = in_python(context)
            if html is not None:
                return html.strip()
        return super().render(template_name, context, request)

    def render_template(self, template_name, context, request=None):
        """The template itself, never its Python writing (what the tests hold the Python to)."""
        return super().render(template_name, context, request)

    def get_template(self, template_name):
        # Which engine holds a name is found once; each engine caches (and reloads) its templates.
        if self._engine_of.get(template_name, "jinja2") == "jinja2":
            try:
                template = self.jinja2.get_template(template_name)
            except TemplateDoesNotExist:
                self._engine_of[template_name] = "templates"
            else:
                self._engine_of[template_name] = "jinja2"
                return template
        return get_template(template_name)
