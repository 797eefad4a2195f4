"""Whole-page cache for anonymous visitors, kept right by what each page shows.

Measured against caching template fragments (benchmarks/README.md, "Page cache"), caching the
whole response wins: a hit makes no database query and renders nothing, while a fragment cache
still runs the view's queries and the page around the fragment.

A cached page is served only while nothing it shows has changed (`cooperation/content_version.py`):
while it is made, the tables it reads and — on a record's own page — the records it loads are
noted with it; a write ends the pages that read the written table or showed the written record
or a record linked to it, and leaves the others. A scheduled publication ends the pages made
before its time. See `middleware.py` for what is cached.
"""
