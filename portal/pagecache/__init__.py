"""Whole-page cache for anonymous visitors, kept right by a site-wide content version.

Measured against caching template fragments (benchmarks/README.md, "Page cache"), caching the
whole response wins: a hit makes no database query and renders nothing, while a fragment cache
still runs the view's queries and the page around the fragment.

A cached page is valid only while the content version it was made under is current. Every write
to a table of the project's apps (any model, those added later included; staff security records
excepted) replaces the version, so a published, changed, withdrawn or deleted record is never
served from the cache once the write is made; a scheduled publication ends the version at its
publication time. See `cooperation/content_version.py` for the version and `middleware.py` for what is cached.
"""
