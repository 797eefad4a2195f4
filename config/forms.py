"""How form widgets are rendered: Django's widget templates through Jinja2, the rest as before.

A staff change page renders a few hundred widgets (a trip with its participants, site visits and
meetings inline), and Django's template language spent most of such a page's time on them.
Django ships every built-in widget as a Jinja2 template as well (`django/forms/jinja2/`), which
renders the same HTML several times faster. Templates that exist only for Django's template
language — the admin's widget wrappers, the site's own templates — are found there as before.
"""

from django.conf import settings
from django.forms.renderers import BaseRenderer
from django.template import TemplateDoesNotExist
from django.template.backends.jinja2 import Jinja2
from django.template.loader import get_template
from django.utils.functional import cached_property


class WidgetRenderer(BaseRenderer):
    """Jinja2 first (templates/jinja2/ may amend a widget, e.g. the empty <option>), then TEMPLATES."""

    def __init__(self):
        self._engine_of = {}

    @cached_property
    def jinja2(self):
        # APP_DIRS finds django/forms/jinja2/ ("django.forms" is an installed app).
        return Jinja2({
            "NAME": "widgets", "DIRS": [settings.BASE_DIR / "templates" / "jinja2"], "APP_DIRS": True, "OPTIONS": {},
        })

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
