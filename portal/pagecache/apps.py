"""Whole-page cache for anonymous visitors, kept right by the site-wide content version.

Measured against caching template fragments (benchmarks/README.md, "Page cache"), caching the
whole response wins: a hit makes no database query and renders nothing, while a fragment cache
still runs the view's queries and the page around the fragment.

A cached page is served only while the content version it was made under is current
(`cooperation/content_version.py`): every write to a table of the project's apps replaces the
version, so a published, changed, withdrawn or deleted record is not served from the cache once
the write is committed; a scheduled publication ends the version at its publication time. See
`middleware.py` for what is cached.
"""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "portal.pagecache"
    label = "pagecache"
    verbose_name = _("页面缓存")
