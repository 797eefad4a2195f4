"""Query counts and server times of every public page and admin changelist, at two sizes.

    .venv/bin/python -m benchmarks.site                      # SQLite and PostgreSQL
    .venv/bin/python -m benchmarks.site --database sqlite --repeat 10

Each database runs in its own process on a scratch database (a temporary SQLite file, or
the PostgreSQL database `jingmeng_bench`, dropped and made anew), never the site's own.
The cache is off (CACHE_URL=dummy://) so that the figures are the work a page really does;
requests go through Django's test client in-process, so the times are server time without
the network. See benchmarks/README.md for the method and the latest table.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/{database}"


def pages():
    """(label, url) for every public page kind, with the records that have the most to show."""
    from django.db.models import Count
    from django.urls import reverse

    from cooperation.models import Pairing, Person, Region, Topic
    from projects.models import Project
    from visits.models import Delegation

    trip = Delegation.objects.published().annotate(n=Count("site_visits")).order_by("-n", "pk").first()
    project = Project.objects.published().annotate(n=Count("site_visits")).order_by("-n", "pk").first()
    person = Person.objects.published().annotate(n=Count("speeches")).order_by("-n", "pk").first()
    pairing = Pairing.objects.annotate(n=Count("delegations")).order_by("-n", "pk").first()
    region = pairing.support_region
    banner = pairing.recipient_region
    topic = Topic.objects.annotate(n=Count("delegations")).order_by("-n", "pk").first()
    year = trip.start_date.year if trip.start_date else 2024
    return [
        ("home", reverse("cooperation:home")),
        ("trip list", reverse("visits:delegation_list")),
        ("trip list, page 20", reverse("visits:delegation_list") + "?page=20"),
        (
            "trip list, filtered",
            reverse("visits:delegation_list") + f"?year={year}&pairing={pairing.slug}&topic={topic.slug}",
        ),
        (
            "trip list, region subtree",
            reverse("visits:delegation_list") + f"?region={Region.objects.get(name='内蒙古自治区').slug}",
        ),
        ("trip page", trip.get_absolute_url()),
        ("project list", reverse("projects:project_list")),
        ("project list, funds range", reverse("projects:project_list") + "?funds_min=100&funds_max=2000"),
        ("project page", project.get_absolute_url()),
        ("person page", person.get_absolute_url()),
        ("region page (Beijing side)", region.get_absolute_url()),
        ("region page (banner)", banner.get_absolute_url()),
        ("pairing page", pairing.get_absolute_url()),
        ("topic page", topic.get_absolute_url()),
        ("search 芍药", reverse("cooperation:search") + "?q=芍药"),
        ("search 产业园", reverse("cooperation:search") + "?q=产业园"),
        ("people index", reverse("cooperation:person_list")),
        ("people index, last page", reverse("cooperation:person_list") + "?page=1000"),
        ("regions index", reverse("cooperation:region_list")),
        ("pairings index", reverse("cooperation:pairing_list")),
        ("topics index", reverse("cooperation:topic_list")),
        ("sitemap page", reverse("cooperation:sitemap_page")),
        ("feed", reverse("cooperation:feed")),
        ("sitemap", reverse("cooperation:sitemap")),
    ]


def visitor_paths():
    """Several hundred addresses of every kind a visitor asks for, read from the database: the
    serving benchmark's visitors walk them (`serve_load`), and `edit_reach` counts which of them
    one change ends. {"paths": [...], "pages": {label: the side-by-side page}, "trips": [(slug, pk)]}."""
    from urllib.parse import quote

    from cooperation.models import Pairing, Person, Region, Topic
    from projects.models import Project
    from visits.models import Delegation

    published_trips = Delegation.objects.published().order_by("pk")
    trip_keys = list(published_trips.filter(slug__startswith="bench-").values_list("slug", "pk")[:120])
    trips = list(published_trips.values_list("slug", flat=True)[:120])
    projects = list(Project.objects.published().order_by("pk").values_list("slug", flat=True)[:120])
    people = list(Person.objects.published().order_by("pk").values_list("slug", flat=True)[:60])
    pairings = list(Pairing.objects.order_by("pk").values_list("slug", flat=True)[:20])
    topics = list(Topic.objects.values_list("slug", flat=True))
    regions = Region.objects.filter(level__in=["prefecture", "county"]).order_by("pk")
    regions = list(regions.values_list("slug", flat=True)[:40])
    paths = [f"/visits/{s}/" for s in trips] + [f"/projects/{s}/" for s in projects] + [f"/people/{s}/" for s in people]
    paths += [f"/visits/?page={n}" for n in range(1, 31)] + [f"/projects/?page={n}" for n in range(1, 31)]
    paths += [f"/visits/?pairing={p}" for p in pairings] + [f"/visits/?topic={t}" for t in topics]
    paths += [f"/visits/?region={r}" for r in regions] + [f"/projects/?pairing={p}&stage=building" for p in pairings]
    paths += [f"/visits/?year={y}" for y in range(2019, 2026)] + [f"/projects/?topic={t}" for t in topics]
    words = ["芍药", "产业园", "光伏", "人才公寓", "肉牛", "卫生院", "冷链物流", "京蒙协作", "乡村振兴", "马铃薯"]
    paths += ["/search/?q=" + quote(w) for w in words] + ["/", "/feed/", "/sitemap.xml"]
    side = {label: quote(url, safe="/?=&") for label, url in pages()}
    return {"paths": paths, "pages": side, "trips": trip_keys}


def changelists():
    from django.contrib import admin
    from django.urls import reverse

    return [
        (f"admin {model._meta.label}", reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
        for model in sorted(admin.site._registry, key=lambda m: m._meta.label)
        if model._meta.app_label in {"cooperation", "visits", "projects"}
    ]


def measure(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    # Counted now: the captured list is a view of the connection's log, which the next
    # request empties.
    query_count = len(queries)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return query_count, statistics.median(times), p95


def worker(database, repeat, scale):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from benchmarks.data import generate

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("loaddata", "fixtures/seed_report.json", verbosity=0)
    admin_user = get_user_model().objects.create_superuser("bench", password="bench-only-password")
    public, staff = Client(), Client()
    staff.force_login(admin_user)
    rows = {}
    for size in ("small", "large"):
        if size == "large":
            started = time.perf_counter()
            made = generate(scale=scale)
            if connection.vendor == "postgresql":
                # Statistics for the planner, as autovacuum would gather them on a live database.
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            print(f"[{database}] generated {made} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        for label, url in pages():
            rows.setdefault(label, {})[size] = measure(public, url, repeat)
        for label, url in changelists():
            rows.setdefault(label, {})[size] = measure(staff, url, max(3, repeat // 4))
    print(f"\n### {database}\n")
    print("| page | queries small | queries large | median ms small | median ms large | p95 ms small | p95 ms large |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, sizes in rows.items():
        (qs, ms, ps), (ql, ml, pl) = sizes["small"], sizes["large"]
        flag = "" if qs == ql else " ⚠"
        print(f"| {label}{flag} | {qs} | {ql} | {ms:.1f} | {ml:.1f} | {ps:.1f} | {pl:.1f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=20, help="requests per page for the timings")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the large size (1.0 = full)")
    parser.add_argument("--postgres-database", default="jingmeng_bench", help="scratch database, dropped and made anew")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.database, args.repeat, args.scale)
        return
    for database in ["sqlite", "postgres"] if args.database == "both" else [args.database]:
        with tempfile.TemporaryDirectory() as scratch:
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings",
                "CACHE_URL": "dummy://",
                "PAGE_CACHE": "false",
                "DEBUG": "false",
                "SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
                "HASHED_STATIC": "false",
                # The admin pages themselves are timed, past the two-factor step.
                "OTP_REQUIRED_FOR_ADMIN_ROLES": "false",
                "DATA_DIR": scratch,
                "MEDIA_ROOT": scratch,
            }
            env.pop("DATABASE_URL", None)
            if database == "postgres":
                name = args.postgres_database
                subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
                subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
                env["DATABASE_URL"] = POSTGRES_URL.format(database=name)
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "benchmarks.site",
                    "--worker",
                    "--database",
                    database,
                    "--repeat",
                    str(args.repeat),
                    "--scale",
                    str(args.scale),
                ],
                cwd=ROOT,
                env=env,
                check=True,
            )


if __name__ == "__main__":
    main()
