"""Whole-page or fragment caching? Server time of three pages each way, on the benchmark's data.

    DATABASE_URL=postgres://…/jingmeng_bench_h .venv/bin/python -m benchmarks.cache_choice

Run against a database holding the large data (benchmarks.serve_load builds one). Each page is
requested in-process through the test client, anonymously, `--repeat` times after a first
request that fills the cache, in three ways:

- none: no cache at all (the page cache off, the cache a dummy);
- fragment: the page cache off, the page's main block (`{% block content %}`, everything
  between the header and the footer) in a `{% cache %}` fragment (benchmarks/templates/);
- whole page: the page cache on (portal/pagecache), local-memory cache.

It prints the median and the queries of each. The result decides what the site caches
(benchmarks/README.md, "Page cache").
"""

import argparse
import os
import statistics
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def measure(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    count = len(queries)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), count


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("HASHED_STATIC", "false")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from visits.models import Delegation

    setup_test_environment()
    trip = Delegation.objects.published().order_by("pk").first()
    pages = [
        ("trip page", trip.get_absolute_url()),
        ("trip list", reverse("visits:delegation_list") + "?page=3"),
        ("home", reverse("cooperation:home")),
    ]
    locmem = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "choice"}}
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    fragment_templates = [{**settings.TEMPLATES[0], "DIRS": [HERE / "templates", *settings.TEMPLATES[0]["DIRS"]]}]
    ways = {
        "none": override_settings(PAGE_CACHE=False, CACHES=dummy),
        "fragment": override_settings(PAGE_CACHE=False, CACHES=locmem, TEMPLATES=fragment_templates),
        "whole page": override_settings(PAGE_CACHE=True, CACHES=locmem),
    }
    print("| page | none ms (queries) | fragment ms (queries) | whole page ms (queries) |")
    print("| --- | ---: | ---: | ---: |")
    for label, url in pages:
        cells = []
        for way in ways.values():
            with way:
                cache.clear()
                median, count = measure(Client(), url, args.repeat)
            cells.append(f"{median:.1f} ({count})")
        print(f"| {label} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
