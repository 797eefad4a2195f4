"""Whole-page cache for anonymous visitors, kept right by what each page shows.

Measured against caching template fragments (benchmarks/README.md, "Page cache"), caching the
whole response wins: a hit makes no database query and renders nothing, while a fragment cache
still runs the view's queries and the page around the fragment.

A cached page is served only while nothing it shows has changed (`cooperation/content_version.py`):
while it is made, the tables it reads and the records it loads are noted with it; a write ends
the pages that showed the written record (or, on a record's own page, a record linked to it)
and, when it changes which records a table's lists hold (a record added, removed, published,
withdrawn, or a date or link changed), the pages that read that table; it leaves the others. A
scheduled publication ends the pages made before its time. See `middleware.py` for what is
cached.
"""
