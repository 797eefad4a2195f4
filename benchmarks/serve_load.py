"""Throughput of gunicorn + PostgreSQL holding the large data: the cache ratio and a load test.

    .venv/bin/python -m benchmarks.serve_load                    # build the data once, then measure
    .venv/bin/python -m benchmarks.serve_load --rebuild          # drop and build the data anew
    .venv/bin/python -m benchmarks.serve_load --cache redis      # the page cache in Redis

It uses its own database (`jingmeng_bench_h`), never the site's: made, migrated, loaded with
the seed and the benchmark's large data (benchmarks/data.py) when it is missing or `--rebuild`
is given, and kept for the next run. It collects the static files (hashed, compressed), starts
gunicorn itself with config/gunicorn.conf.py and DEBUG off, runs wrk (bounded in time), stops
gunicorn and prints the figures:

1. The cache ratio, in one run against the one server: a bare Django view returning a constant
   string (served only by the benchmark's URLconf, benchmarks/urls.py), the trip page from the
   page cache, and the same trip page without it (under /bench/uncached/). Target: the cached
   page at least 0.7 × the bare view.
2. The load test: 50 concurrent clients for 60 s rotating through list, detail, filter and
   search pages (several hundred addresses); every answer that is not 2xx/3xx, and every
   socket error or timeout, counts as an error. Throughput and the 95th percentile latency.

The machine's load (`uptime`) is printed beside the figures: other work on the machine skews them.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "jingmeng_bench_h"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
REDIS_URL = "redis://127.0.0.1:6379/8"


LOAD_SCRIPT = """
-- Written by benchmarks/serve_load.py: rotate through the addresses, one list per thread.
local paths = {%(paths)s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%%d duration_us=%%d p50_us=%%d p95_us=%%d p99_us=%%d max_us=%%d "
    .. "non2xx=%%d connect=%%d read=%%d write=%%d timeout=%%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, summary.errors.status, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout))
end
"""


def run_django(args, env, **kwargs):
    return subprocess.run([sys.executable, "-m", "django", *args], cwd=ROOT, env=env, check=True, **kwargs)


def database_ready(env):
    """True when the benchmark database holds the large data already."""
    found = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", DATABASE, "-tAc", "SELECT count(*) FROM visits_delegation"],
        capture_output=True, text=True, env=env,
    )
    return found.returncode == 0 and found.stdout.strip().isdigit() and int(found.stdout) >= 5000


def build_database(env):
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    run_django(["migrate", "--no-input", "-v", "0"], env)
    run_django(["loaddata", "fixtures/seed_report.json", "-v", "0"], env)
    code = "import django; django.setup(); from benchmarks.data import generate; print(generate())"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", DATABASE, "-qc", "ANALYZE"], check=True)


def load_paths(env):
    """Several hundred addresses of every kind a visitor asks for, read from the database."""
    code = r"""
import django, json
django.setup()
from urllib.parse import quote
from cooperation.models import Pairing, Person, Region, Topic
from projects.models import Project
from visits.models import Delegation
trips = list(Delegation.objects.published().order_by("pk").values_list("slug", flat=True)[:120])
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
print(json.dumps(paths))
"""
    found = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    import json

    return json.loads(found.stdout)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = free_port()
BASE = f"http://127.0.0.1:{PORT}"


def wait_until_up(server, url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped with exit code {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {url} within {seconds} s")


def fetch(path):
    try:
        with urllib.request.urlopen(BASE + path, timeout=60) as response:
            return response.status, response.headers.get("X-Page-Cache")
    except urllib.error.HTTPError as error:
        return error.code, None


def wrk(path_or_script, seconds, connections, threads=2):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    if isinstance(path_or_script, Path):
        command += ["-s", str(path_or_script), BASE + "/"]
    else:
        script = LOAD_SCRIPT % {"paths": f'"{path_or_script}"'}
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
            handle.write(script)
        command += ["-s", handle.name, BASE + path_or_script]
    output = subprocess.run(command, check=True, capture_output=True, text=True, timeout=seconds + 60).stdout
    fields = dict(re.findall(r"(\w+)=(\d+)", output.split("RESULT", 1)[1]))
    fields = {key: int(value) for key, value in fields.items()}
    fields["rps"] = fields["requests"] / (fields["duration_us"] / 1e6)
    fields["errors"] = sum(fields[key] for key in ("non2xx", "connect", "read", "write", "timeout"))
    return fields


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rebuild", action="store_true", help="drop and build the benchmark database anew")
    parser.add_argument("--cache", choices=["locmem", "redis"], default="redis", help="the page cache's backend")
    parser.add_argument("--ratio-seconds", type=int, default=15, help="length of each of the three ratio runs")
    parser.add_argument("--ratio-connections", type=int, default=8)
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--load-connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: config/gunicorn.conf.py)")
    args = parser.parse_args()
    for tool in ("wrk", "psql", "createdb"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is needed")

    scratch = Path(tempfile.mkdtemp(prefix="jingmeng-serve-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DATABASE_URL": DATABASE_URL,
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CONN_MAX_AGE": "60",
        "CACHE_URL": REDIS_URL if args.cache == "redis" else "locmem://",
        "STATIC_ROOT": str(scratch / "static"),
        "DATA_DIR": str(scratch),
        "MEDIA_ROOT": str(scratch / "media"),
        "BIND": f"127.0.0.1:{PORT}",
        "ACCESS_LOG": str(scratch / "access.log"),
        "LOG_LEVEL": "ERROR",
    }
    if args.workers:
        env["WEB_CONCURRENCY"] = str(args.workers)
    if args.cache == "redis":
        # Emptied first: migrating sets the page cache's content version, which must stay.
        subprocess.run(["redis-cli", "-n", REDIS_URL.rsplit("/", 1)[1], "FLUSHDB"], check=True, capture_output=True)
    if args.rebuild or not database_ready(env):
        print("building the large data set …", file=sys.stderr)
        build_database(env)
    else:
        run_django(["migrate", "--no-input", "-v", "0"], env)
    run_django(["collectstatic", "--no-input", "-v", "0"], env)

    paths = load_paths(env)
    trip = next(path for path in paths if path.startswith("/visits/") and "?" not in path)
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT, env=env, start_new_session=True,
    )
    try:
        wait_until_up(server, BASE + "/bench/bare")
        checks = {path: fetch(path) for path in ("/bench/bare", trip, trip, "/bench/uncached" + trip)}
        print(f"checks: {checks}", file=sys.stderr)
        print(f"\nload before: {uptime()}")
        ratio = {}
        for label, path in (("bare view", "/bench/bare"), ("trip page, cached", trip),
                            ("trip page, uncached", "/bench/uncached" + trip)):
            wrk(path, 3, args.ratio_connections)  # warm every worker
            ratio[label] = wrk(path, args.ratio_seconds, args.ratio_connections)
        bare = ratio["bare view"]["rps"]
        print(f"\n### Cache ratio ({args.ratio_connections} connections, {args.ratio_seconds} s each, "
              f"cache {args.cache}, {trip})\n")
        print("| page | requests/s | × bare | p50 ms | p95 ms | errors |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for label, found in ratio.items():
            print(f"| {label} | {found['rps']:,.0f} | {found['rps'] / bare:.2f} | {found['p50_us'] / 1000:.1f} "
                  f"| {found['p95_us'] / 1000:.1f} | {found['errors']} |")

        # A running site's cache is warm: every address once, as many at a time as there are workers.
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=int(env.get("WEB_CONCURRENCY", 5))) as pool:
            statuses = Counter(status for status, _cache in pool.map(fetch, paths))
        print(f"\nwarm-up: {len(paths)} addresses in {time.monotonic() - started:.0f} s, answers {dict(statuses)}")
        script = scratch / "load.lua"
        script.write_text(LOAD_SCRIPT % {"paths": ", ".join(f'"{p}"' for p in paths)}, encoding="utf-8")
        print(f"\nload before the load test: {uptime()}")
        load = wrk(script, args.load_seconds, args.load_connections)
        print(f"\n### Load test ({args.load_connections} connections, {args.load_seconds} s, {len(paths)} addresses: "
              f"lists, details, filters, searches; cache {args.cache})\n")
        print("| requests | requests/s | p50 ms | p95 ms | p99 ms | max ms | errors (non-2xx/3xx, socket, timeout) |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        ms = {key: load[f"{key}_us"] / 1000 for key in ("p50", "p95", "p99", "max")}
        print(f"| {load['requests']:,} | {load['rps']:,.0f} | {ms['p50']:.1f} | {ms['p95']:.1f} | {ms['p99']:.1f} "
              f"| {ms['max']:.1f} | {load['errors']} |")
        print(f"\nload after: {uptime()}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
