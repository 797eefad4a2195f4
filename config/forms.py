"""How form widgets are rendered: Django's widget templates through Jinja2, the rest as before.

A staff change page renders a few hundred widgets (a trip with its participants, site visits and
meetings inline), and Django's template language spent most of such a page's time on them.
Django ships every built-in widget as a Jinja2 template as well (`django/forms/jinja2/`), which
renders the same HTML several times faster. Templates that exist only for Django's template
language — the admin's widget wrappers, the site's own templates — are found there as before.

The few templates a change form renders hundreds of times (an input, a select and its options, a
textarea, a label, an empty error list, and the admin's links beside a related field) are written
out in Python here, character for character as their templates make them
(`tests/test_form_renderer.py` holds every one to its template, including the site's own <option>
in templates/jinja2/); a template's own cost (a new context, an include per attribute list and per
option, and for the admin's links a template of Django's language with a translation and a static
address per link) was most of a widget's.
"""

from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.forms.renderers import BaseRenderer
from django.template import TemplateDoesNotExist
from django.template.backends.jinja2 import Jinja2
from django.template.loader import get_template
from django.templatetags.static import static
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.translation import get_language, gettext
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
    text = str(option["label"])  # a lazy choice label translated once, not for the test and again for the text
    label = ' label="—"' if text == "" else ""
    attrs = attrs_html(option["attrs"])
    return f'<option value="{escape(option["value"])}"{attrs}{label}>{escape(text)}</option>'


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


# The admin's links beside a related field, as admin/widgets/related_widget_wrapper.html lays them
# out: (shown if, kind, its attributes after the id as (name, value's context keys or None), title, icon).
RELATED_LINKS = (
    ("can_change_related", "change", [("data-href-template", ("change_related_template_url", "url_params")),
                                      ("data-popup", None)], "Change selected %(model)s", "changelink"),
    ("can_add_related", "add", [("data-popup", None), ("href", ("add_related_url", "url_params"))],
     "Add another %(model)s", "addlink"),
    ("can_delete_related", "delete", [("data-href-template", ("delete_related_template_url", "url_params")),
                                      ("data-popup", None)], "Delete selected %(model)s", "deletelink"),
    ("can_view_related", "view", [("data-href-template", ("change_related_template_url", "view_related_url_params"))],
     "View selected %(model)s", "viewlink"),
)


@cache
def icon_address(name):
    """An admin icon's static address (`{% static %}`), found once per process, not per link."""
    return static(f"admin/img/icon-{name}.svg")


@cache
def link_titles(language):
    """The links' titles, each "… %(model)s" translated once per language, not per link."""
    return {title: gettext(title) for _shown, _kind, _attributes, title, _icon in RELATED_LINKS}


@receiver(setting_changed)
def _kept_values_changed(setting, **kwargs):
    if setting in ("STATIC_URL", "STATIC_ROOT", "STORAGES"):
        icon_address.cache_clear()
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"):
        link_titles.cache_clear()


def related_widget_wrapper_html(context):
    """Django's admin/widgets/related_widget_wrapper.html (a template of Django's template language,
    so Django's escaping): the field's widget and the links to change, add, delete or view its record."""
    limited = context["model_has_limit_choices_to"]
    if callable(limited):
        return None  # the template language would call it: left to the template
    text = conditional_escape
    reference = "" if limited else f'data-model-ref="{text(context["model_name"])}"'
    links = []
    if not context["is_hidden"]:
        name, model = text(context["name"]), text(context["model"])
        titles = link_titles(get_language())
        for shown, kind, attributes, title, icon in RELATED_LINKS:
            if not context[shown]:
                continue
            # The template indents the view link's attributes by one more space than the others'.
            indent = "\n             " if kind == "view" else "\n            "
            lines = [
                f'{indent}{attribute}="yes"' if keys is None
                else f'{indent}{attribute}="{text(context[keys[0]])}?{text(context[keys[1]])}"'
                for attribute, keys in attributes
            ]
            links.append(
                f'<a class="related-widget-wrapper-link {kind}-related" id="{kind}_id_{name}"{"".join(lines)}'
                f'{indent}title="{titles[title] % {"model": model}}">'
                f'<img src="{text(icon_address(icon))}" alt="" width="24" height="24"></a>'
            )
    return (
        f'<div class="related-widget-wrapper" {reference}>\n    {context["rendered_widget"]}\n    '
        f'\n        {"".join(links)}\n    \n</div>'
    )


IN_PYTHON = {
    **{name: input_html for name in INPUTS},
    "django/forms/widgets/select.html": select_html,
    OPTION: lambda context: option_html(context["widget"]),
    "django/forms/widgets/textarea.html": textarea_html,
    "django/forms/label.html": label_html,
    "django/forms/errors/list/ul.html": errors_html,
    "django/forms/errors/list/default.html": errors_html,
    "admin/widgets/related_widget_wrapper.html": related_widget_wrapper_html,
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
