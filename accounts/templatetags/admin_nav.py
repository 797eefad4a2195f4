"""The admin's sidebar, Django's own template rendered once per distinct sidebar and kept.

Django renders `admin/nav_sidebar.html` on every admin page: some forty models, each a table row
with its links (about 2 ms, a tenth of a small admin page). What it shows depends only on the
apps and models in the list (their names, addresses and which of them the user may add or open),
on which of them the current address is under, and on the language — so the markup is kept per
process under exactly these. A user whose permissions change gets a different list, hence a
different key, on their next page.
"""

from django import template
from django.template.defaultfilters import urlencode
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# Distinct sidebars kept (roles × current model × languages); all are dropped when it is full.
KEPT = 512
_sidebars = {}


def _key(apps, path):
    return (
        get_language(),
        tuple(
            (
                app["app_label"],
                app["name"],
                app["app_url"],
                app["app_url"] in path,
                tuple(
                    (
                        model["object_name"],
                        model["name"],
                        model["admin_url"],
                        model["add_url"],
                        model["admin_url"] is not None and model["admin_url"] in path,
                    )
                    for model in app["models"]
                ),
            )
            for app in apps
        ),
    )


@register.simple_tag(takes_context=True)
def admin_nav_sidebar(context):
    """What `{% include "admin/nav_sidebar.html" %}` renders on this page."""
    request = context["request"]
    apps = context.get("available_apps") or []
    # The template compares the addresses with `request.path|urlencode`: so does the key.
    key = _key(apps, urlencode(request.path))
    html = _sidebars.get(key)
    if html is None:
        if len(_sidebars) >= KEPT:
            _sidebars.clear()
        html = _sidebars[key] = mark_safe(  # Django's own template, autoescaped
            get_template("admin/nav_sidebar.html").template.render(
                template.Context({"available_apps": apps, "request": request}, autoescape=context.autoescape)
            )
        )
    return html
