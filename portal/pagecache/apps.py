"""Whole-page cache for anonymous visitors, kept right by what each page shows.

A cached page is served only while nothing it shows has changed (`cooperation/content_version.py`):
a write ends the pages that showed the written record (or, on a record's page, one linked to
it) and, when it changes which records a table's lists hold, the pages that read that table;
it leaves the others; a scheduled publication ends the pages made before its time. See
`middleware.py` for what is cached.
"""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "portal.pagecache"
    label = "pagecache"
    verbose_name = _("页面缓存")
