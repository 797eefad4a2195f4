"""The site's identity, sections and 网页标签 in templates.

The header and the footer are included with `only`, so they cannot see the context
processor's variables; `{% site_info as site %}` reads the same per-request value through
the request the template was rendered with.
"""

from django import template
from django.utils import timezone

from govsite import site as govsite_site

register = template.Library()


@register.simple_tag(takes_context=True)
def site_info(context):
    return govsite_site.for_request(getattr(context, "request", None) or context.get("request"))


@register.filter
def meta_datetime(value):
    """PubDate as the 网页标签 write it: YYYY-MM-DD HH:MM, in the site's time zone."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


@register.inclusion_tag("govsite/article_meta.html", takes_context=True)
def article_meta(context, title, published_at, source=None):
    """ArticleTitle, PubDate and ContentSource of a detail page.

    `source` is the record's Source when the view has fetched it; without one, or when it
    names no publisher, the content is the site's own and its 主办单位 is the source.
    """
    publisher = getattr(source, "publisher", "") if source is not None else ""
    if not publisher:
        publisher = govsite_site.for_request(context.get("request")).settings.sponsor
    return {"title": title, "published_at": published_at, "source": publisher}
