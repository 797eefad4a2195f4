"""Whole-page cache for anonymous visitors, kept right by what each page shows.

A cached page is served only while nothing it shows has changed (`cooperation/content_version.py`):
a write ends the pages that read the written table or showed the written record or one linked
to it, and leaves the others; a scheduled publication ends the pages made before its time. See
`middleware.py` for what is cached.
"""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "portal.pagecache"
    label = "pagecache"
    verbose_name = _("页面缓存")
