"""The header and footer of every public page, written once and then reused.

Together they were some seven thousand Python calls on every page (a hundred tags: translations,
address reversals, the sections' links), for markup that is the same on every page of one view in one
language while the site's settings and sections stay as they are. So the markup is kept in
this process, keyed by exactly what it is made from — the language, the view, the script
prefix and URL configuration, the settings row and the linked sections — and only the page's
own address is put in on each request. The page still reads the site state as before (so it
depends on the settings and sections as before: `govsite.site.for_request`).
"""

from urllib.parse import quote

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from govsite import site as govsite_site

register = template.Library()

# Put in for the page's own address when the markup is written; nothing else on a page has it.
ADDRESS = "pageshelladdress7e1c9b"
# A bound on the markup kept (two languages × some thirty views, × each state of the sections
# and settings the process meets): past it, the oldest entries go.
KEEP = 400

_kept = {}


def _state(request, site):
    """Everything the header and footer are made from, but the page's address."""
    settings = site.settings
    match = request.resolver_match
    return (
        # The view: its section is marked in the navigation, and its namespace is the current
        # application of every address reversed.
        (match.namespace, match.url_name, match.view_name) if match is not None else None,
        get_language(),
        get_script_prefix(),
        get_urlconf(),
        tuple(getattr(settings, field.attname) for field in type(settings)._meta.concrete_fields),
        tuple(
            (state.section.key, str(state.section.name), state.url, tuple(state.section.url_names))
            for state in site.linked_sections
        ),
    )


def _kept_markup(key, make):
    markup = _kept.get(key)
    if markup is None:
        markup = make()
        if len(_kept) >= KEEP:
            del _kept[next(iter(_kept))]
        _kept[key] = markup
    return markup


@register.simple_tag(takes_context=True)
def page_header(context):
    """includes/header.html for this request (the language switch returns to its address)."""
    request = context.request
    markup = _kept_markup(
        ("header", _state(request, govsite_site.for_request(request))),
        lambda: render_to_string(
            "includes/header.html", {"full_path": ADDRESS, "LANGUAGE_CODE": get_language()}, request=request
        ),
    )
    return mark_safe(markup.replace(ADDRESS, escape(request.get_full_path())))


@register.simple_tag(takes_context=True)
def page_footer(context):
    """includes/footer.html for this request (the error report names its address)."""
    request = context.request
    markup = _kept_markup(
        ("footer", _state(request, govsite_site.for_request(request))),
        lambda: render_to_string("includes/footer.html", {"page_path": ADDRESS}, request=request),
    )
    # As `page_path|urlencode:''` wrote it (no character of the result needs escaping in HTML).
    return mark_safe(markup.replace(ADDRESS, quote(request.path, safe="")))
