"""Uncached pages before and after a change, side by side in one run, at the large size.

    # once: the seed plus the large data (benchmarks/data.py) in a PostgreSQL database of your own
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jm_mine .venv/bin/python -m benchmarks.compare_pages --build
    # the code of a commit (exported with `git archive` to a scratch folder) against the working tree
    DATABASE_URL=… .venv/bin/python -m benchmarks.compare_pages --base main --rounds 3 --repeat 10
    # where the time goes on one page, with the working tree's code
    DATABASE_URL=… .venv/bin/python -m benchmarks.compare_pages --profile "trip page"

Each page is requested in-process through Django's test client with the page cache off and the
rest of the cache in local memory (PAGE_CACHE=false, CACHE_URL=locmem://), so a figure is the
work of a page-cache miss, as a visitor meets it after a change: the first
request counts the queries (and a later one again: "12 → 11" when a value the page reads is kept
between requests until what it counts changes), then `--repeat` requests are timed (wall and CPU time of the
process; the CPU time leaves out the database server's work and waits) and then run once more
under cProfile for the Python function calls per request (a figure the machine's load does not
move).
The two versions take turns, one process each per round, so both meet the same load; the
table shows the median over the rounds of each round's median. Timings are never asserted.
"""

import argparse
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The pages of the performance issue, and the admin change lists it names.
PAGES = [
    "trip page", "person page", "pairing page", "trip list", "trip list, filtered", "home", "search 芍药",
    "project list", "project page", "topic page",
]
CHANGELISTS = {
    "admin trips": "admin:visits_delegation_changelist",
    "admin speeches": "admin:visits_speech_changelist",
    "admin people": "admin:cooperation_person_changelist",
}
STAFF = "bench-compare"


def _environment(scratch):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        # The page cache off, the rest of the cache on: a page-cache miss, as a visitor meets it
        # after a change (the site settings and the home page's counts still come from the cache).
        "CACHE_URL": "locmem://",
        "PAGE_CACHE": "false",
        # Changes read once, so a page's query count does not depend on the clock.
        "CONTENT_VERSION_CHECK_SECONDS": "3600",
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
        "HASHED_STATIC": "false",
        "OTP_REQUIRED_FOR_ADMIN_ROLES": "false",
        "DATA_DIR": scratch,
        "MEDIA_ROOT": scratch,
    }


def build(scale):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from benchmarks.data import generate

    call_command("migrate", verbosity=0)
    call_command("loaddata", "fixtures/seed_report.json", verbosity=0)
    started = time.perf_counter()
    made = generate(scale=scale)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    get_user_model().objects.filter(username=STAFF).delete()
    get_user_model().objects.create_superuser(STAFF, password="bench-only-password")
    print(f"generated {made} in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def _addresses():
    from django.urls import reverse

    from benchmarks.site import pages

    found = dict(pages())
    public = {label: found[label] for label in PAGES}
    admin = {label: reverse(name) for label, name in CHANGELISTS.items()}
    return public, admin


def _measure(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    query_count = len(queries)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    times, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    warm_count = len(queries)
    profile = cProfile.Profile()
    profile.enable()
    client.get(url)
    profile.disable()
    calls = pstats.Stats(profile).total_calls
    return {
        "queries": query_count,
        "warm": warm_count,
        "ms": statistics.median(times),
        "cpu": statistics.median(cpu),
        "calls": calls,
    }


def worker(repeat, profile_label=None):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    public_client, staff_client = Client(), Client()
    staff_client.force_login(get_user_model().objects.get(username=STAFF))
    public, admin = _addresses()
    if profile_label:
        client = staff_client if profile_label in admin else public_client
        url = {**public, **admin}[profile_label]
        client.get(url)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(repeat):
            client.get(url)
        profile.disable()
        stats = pstats.Stats(profile)
        print(f"{profile_label}: {stats.total_calls / repeat:,.0f} calls per request")
        stats.sort_stats("cumulative").print_stats(40)
        stats.sort_stats("tottime").print_stats(25)
        return
    results = {label: _measure(public_client, url, repeat) for label, url in public.items()}
    results.update({label: _measure(staff_client, url, max(3, repeat // 2)) for label, url in admin.items()})
    print(json.dumps(results))


def take_turns(base, rounds, module, worker_arguments, modules):
    """The benchmark `module` (`--worker` and `worker_arguments`) run with the code of `base` (exported
    with `git archive` to a scratch folder, with the working tree's copies of `modules`, which the
    base may not have) and with the working tree's, in turns, one process each, `rounds` times.
    Returns each side's results (the JSON on the worker's last line) and the load averages seen."""
    with tempfile.TemporaryDirectory() as scratch:
        old = Path(scratch) / "base"
        old.mkdir()
        archive = subprocess.run(["git", "archive", base], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        for name in modules:
            (old / "benchmarks" / name).write_text((ROOT / "benchmarks" / name).read_text())
        runs = {"before": [], "after": []}
        load = [os.getloadavg()[0]]
        for _ in range(rounds):
            for side, tree in (("before", old), ("after", ROOT)):
                completed = subprocess.run(
                    [sys.executable, "-m", module, "--worker", *worker_arguments],
                    cwd=tree, env=_environment(scratch), check=True, capture_output=True, text=True,
                )
                runs[side].append(json.loads(completed.stdout.strip().splitlines()[-1]))
            load.append(os.getloadavg()[0])
    return runs, load


def compare(base, rounds, repeat):
    runs, load = take_turns(base, rounds, "benchmarks.compare_pages", ["--repeat", str(repeat)], ["compare_pages.py"])
    print(f"\nBase {base} against the working tree; {rounds} rounds, {repeat} requests a page a round; "
          f"load average {min(load):.1f}–{max(load):.1f}\n")
    print("| page | queries before | queries after | CPU ms before | CPU ms after | ms before | ms after "
          "| calls before | calls after |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label in runs["before"][0]:
        figures = {}
        for side, results in runs.items():
            first = results[0][label]
            # A page's first request, then (when fewer) a later one's: what is kept between requests.
            queries = str(first["queries"])
            if first.get("warm", first["queries"]) != first["queries"]:
                queries += f" → {first['warm']}"
            figures[side] = (
                queries,
                statistics.median(result[label].get("cpu", float("nan")) for result in results),
                statistics.median(result[label]["ms"] for result in results),
                statistics.median(result[label]["calls"] for result in results),
            )
        (qb, cpub, mb, cb), (qa, cpua, ma, ca) = figures["before"], figures["after"]
        print(f"| {label} | {qb} | {qa} | {cpub:.1f} | {cpua:.1f} | {mb:.1f} | {ma:.1f} | {cb:,.0f} | {ca:,.0f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", action="store_true", help="make the data in DATABASE_URL (migrate, seed, large)")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the large size, with --build")
    parser.add_argument("--base", default="main", help="the commit to compare the working tree with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=10, help="requests per page and round")
    parser.add_argument("--profile", metavar="PAGE", help="profile one page with the working tree's code")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database of your own (it is written with --build).")
    if args.worker:
        worker(args.repeat)
        return
    with tempfile.TemporaryDirectory() as scratch:
        os.environ.update(_environment(scratch))
        if args.build:
            build(args.scale)
            return
        if args.profile:
            worker(args.repeat, args.profile)
            return
    compare(args.base, args.rounds, args.repeat)


if __name__ == "__main__":
    main()
