"""Serving at the large size: pages side by side against a bare Django view, a cold start, a
warm load test, a working day with staff editing, and two servers behind a balancer.

    .venv/bin/python -m benchmarks.serve_load                          # everything (~8 minutes)
    .venv/bin/python -m benchmarks.serve_load --only pages working-day  # some parts
    .venv/bin/python -m benchmarks.serve_load --rebuild                 # drop and build the data anew

It uses its own PostgreSQL database (`jingmeng_bench_h`, or `--database`), never the site's:
made, migrated, loaded with the seed and the large data (benchmarks/data.py) when it is
missing or `--rebuild` is given, and kept for the next run. It collects the static files,
starts gunicorn itself with config/gunicorn.conf.py and DEBUG off (the benchmark's WSGI
application, benchmarks/wsgi.py: the site plus a bare view), runs wrk on loopback, bounded in
time, stops everything and prints the figures with the machine's load average beside them:

1. `pages`: side by side, 8 connections each — a bare Django view with no middleware, the trip
   page from the page cache, and uncached (under /bench/uncached/) the trip, person, pairing,
   trip list, project list, home and search pages; each as requests/s, × bare, p50, p95.
2. `cold`: a deploy (migrate: every cached page ends), then every address once, as many at a
   time as there are workers: the time until the whole site is warm.
3. `load`: 50 connections for 60 s over ~500 addresses on a warm cache, nobody writing.
4. `working-day`: the same 50 visitors while an editor changes a published trip and two
   reviewers (初审, 终审) approve it every 2 s through the real admin pages of the running
   server; throughput, p50/p95/p99, errors, the cache hit rate counted from X-Page-Cache, and
   the stale pages seen: after each approval the trip's public page must show the new title.
5. `two-servers`: two gunicorn servers on their own ports sharing PostgreSQL and Redis behind
   nginx (Debian's, with its own configuration, pid and logs in the scratch folder, loopback
   only): sessions, login lockouts, the feedback rate limit and page-cache invalidation checked
   across the servers, the working day through the balancer, and throughput against one server.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "jingmeng_bench_h"
REDIS_URL = "redis://127.0.0.1:6379/8"


def run_django(args, env, **kwargs):
    return subprocess.run([sys.executable, "-m", "django", *args], cwd=ROOT, env=env, check=True, **kwargs)


def database_ready(env, database):
    """True when the benchmark database holds the large data already."""
    found = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-tAc", "SELECT count(*) FROM visits_delegation"],
        capture_output=True, text=True, env=env,
    )
    return found.returncode == 0 and found.stdout.strip().isdigit() and int(found.stdout) >= 5000


def build_database(env, database):
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)
    run_django(["migrate", "--no-input", "-v", "0"], env)
    run_django(["loaddata", "fixtures/seed_report.json", "-v", "0"], env)
    code = "import django; django.setup(); from benchmarks.data import generate; print(generate())"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-qc", "ANALYZE"], check=True)


def load_paths(env):
    """Several hundred addresses of every kind a visitor asks for, read from the database."""
    code = "import django, json; django.setup(); from benchmarks.site import visitor_paths as v; print(json.dumps(v()))"
    found = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(found.stdout)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def load_average():
    return "load average " + uptime().rsplit("load average:", 1)[-1].strip()


# --- gunicorn and nginx ---------------------------------------------------------------------


class Server:
    """One gunicorn server (its own processes and port, as on its own machine)."""

    def __init__(self, env, scratch, name, workers=None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.name = name
        self.access_log = scratch / f"access-{name}.log"
        env = {**env, "BIND": f"127.0.0.1:{self.port}", "ACCESS_LOG": str(self.access_log)}
        if workers:
            env["WEB_CONCURRENCY"] = str(workers)
        self.workers = int(env.get("WEB_CONCURRENCY", 0)) or None
        self.log = scratch / f"gunicorn-{name}.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [str(Path(sys.executable).parent / "gunicorn"), "-c", "config/gunicorn.conf.py", "benchmarks.wsgi"],
                cwd=ROOT, env=env, start_new_session=True, stdout=log, stderr=subprocess.STDOUT,
            )
        wait_until_up(self.process, self.base + "/bench/bare")

    def stop(self):
        stop(self.process)


def stop(process):
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def wait_until_up(process, url, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{url}: the server stopped with exit code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds} s")


NGINX_CONF = """
# Written by benchmarks/serve_load.py for one run: loopback only, everything in this folder.
worker_processes 1;
pid %(scratch)s/nginx.pid;
error_log %(scratch)s/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path %(scratch)s/nginx-body;
    proxy_temp_path %(scratch)s/nginx-proxy;
    fastcgi_temp_path %(scratch)s/nginx-fastcgi;
    uwsgi_temp_path %(scratch)s/nginx-uwsgi;
    scgi_temp_path %(scratch)s/nginx-scgi;
    # Admin forms are posted whole from memory; pages are relayed without temporary files.
    client_body_buffer_size 1m;
    client_max_body_size 20m;
    proxy_max_temp_file_size 0;
    upstream app {
        %(servers)s
        keepalive 32;
    }
    server {
        listen 127.0.0.1:%(port)d;
        location / {
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }
    }
}
"""


class Balancer:
    """Debian's nginx in front of the servers, started with its own configuration in the scratch folder."""

    def __init__(self, scratch, servers):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        config = scratch / "nginx.conf"
        upstreams = "\n        ".join(f"server 127.0.0.1:{server.port};" for server in servers)
        config.write_text(NGINX_CONF % {"scratch": scratch, "servers": upstreams, "port": self.port}, encoding="utf-8")
        command = [shutil.which("nginx") or "/usr/sbin/nginx", "-p", str(scratch), "-c", str(config),
                   "-e", str(scratch / "nginx-error.log"), "-g", "daemon off;"]
        subprocess.run([*command, "-t", "-q"], check=True)
        self.process = subprocess.Popen(command, start_new_session=True)
        wait_until_up(self.process, self.base + "/bench/bare")

    def stop(self):
        stop(self.process)


# --- wrk ------------------------------------------------------------------------------------

LOAD_SCRIPT = """
-- Written by benchmarks/serve_load.py: each connection walks the addresses from its own place,
-- and every answer's X-Page-Cache is counted.
local paths = {%(paths)s}
local threads = {}
local counter = 0
setup = function(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
init = function(args)
  counter = id * 7919
  hits, misses, bypasses, unmarked = 0, 0, 0, 0
end
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
response = function(status, headers, body)
  local cache = headers["X-Page-Cache"]
  if cache == "hit" then hits = hits + 1
  elseif cache == "miss" then misses = misses + 1
  elseif cache == "bypass" then bypasses = bypasses + 1
  else unmarked = unmarked + 1 end
end
done = function(summary, latency, requests)
  local h, m, b, u = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits"); m = m + thread:get("misses")
    b = b + thread:get("bypasses"); u = u + thread:get("unmarked")
  end
  io.write(string.format("RESULT requests=%%d duration_us=%%d p50_us=%%d p95_us=%%d p99_us=%%d max_us=%%d "
    .. "non2xx=%%d connect=%%d read=%%d write=%%d timeout=%%d hits=%%d misses=%%d bypasses=%%d unmarked=%%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, summary.errors.status, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout, h, m, b, u))
end
"""


def wrk(base, paths, seconds, connections, scratch, threads=2):
    """wrk against `base`, each connection rotating through `paths`; the figures as a dict."""
    script = scratch / f"wrk-{time.monotonic_ns()}.lua"
    script.write_text(LOAD_SCRIPT % {"paths": ", ".join(json.dumps(p) for p in paths)}, encoding="utf-8")
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script),
               base + paths[0]]
    output = subprocess.run(command, check=True, capture_output=True, text=True, timeout=seconds + 60).stdout
    fields = {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", output.split("RESULT", 1)[1])}
    fields["rps"] = fields["requests"] / (fields["duration_us"] / 1e6)
    fields["errors"] = sum(fields[key] for key in ("non2xx", "connect", "read", "write", "timeout"))
    marked = fields["hits"] + fields["misses"] + fields["bypasses"]
    fields["hit_rate"] = fields["hits"] / marked if marked else 0.0
    return fields


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.headers.get("X-Page-Cache")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Page-Cache")


def warm(base, paths, workers=5):
    """Every address once, as on a running site (the cache is warm before a working day starts)."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(fetch, [base + path for path in paths]))


def ms(fields, key):
    return fields[f"{key}_us"] / 1000


# --- the parts --------------------------------------------------------------------------------


def side_by_side(server, data, args, scratch, env):
    pages = data["pages"]
    trip = pages["trip page"]
    rows = [
        ("bare view (no middleware)", "/bench/bare"),
        ("trip page, page-cache hit", trip),
        ("trip page, uncached", trip),
        ("person page, uncached", pages["person page"]),
        ("pairing page, uncached", pages["pairing page"]),
        ("trip list, uncached", pages["trip list"]),
        ("project list, uncached", pages["project list"]),
        ("home, uncached", pages["home"]),
        ("search 芍药, uncached", pages["search 芍药"]),
    ]
    rows = [(label, path if "hit" in label or path.startswith("/bench/") else "/bench/uncached" + path)
            for label, path in rows]
    # What each row is: the X-Page-Cache of a second request (the first fills the cache).
    checks = {label: [fetch(server.base + path) for _ in range(2)][1] for label, path in rows}
    found = {}
    print(f"\n### Side by side ({args.connections} connections, {args.seconds} s each after 3 s of warm-up, "
          f"{server.workers or 'default'} workers)\n")
    print(f"{load_average()} before")
    for label, path in rows:
        wrk(server.base, [path], 3, args.connections, scratch)
        found[label] = wrk(server.base, [path], args.seconds, args.connections, scratch)
    bare = found[rows[0][0]]["rps"]
    print("\n| page | requests/s | × bare | p50 ms | p95 ms | errors | X-Page-Cache |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for label, _path in rows:
        row = found[label]
        print(f"| {label} | {row['rps']:,.0f} | {row['rps'] / bare:.3f} | {ms(row, 'p50'):.1f} | {ms(row, 'p95'):.1f} "
              f"| {row['errors']} | {checks[label][1] or '—'} |")
    print(f"\n{load_average()} after")
    cpu = subprocess.run([sys.executable, "-m", "benchmarks.hit_cost", trip], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout.strip()
    print(f"\n{cpu}; {load_average()}")


def cold_start(server, data, env, workers):
    # A deploy migrates, and migrating records a change to everything: every cached page has ended.
    run_django(["migrate", "--no-input", "-v", "0"], env)
    paths = data["paths"]
    print(f"\n### Cold start ({len(paths)} addresses once each after a deploy, {workers} at a time)\n")
    print(f"{load_average()} before")
    sizes = log_sizes([server])
    started = time.monotonic()
    answers = warm(server.base, paths, workers)
    seconds = time.monotonic() - started
    statuses = Counter(status for status, _cache in answers)
    caches = Counter(cache for _status, cache in answers)
    print(f"\n{len(paths)} addresses in **{seconds:.1f} s**; answers {dict(statuses)}; X-Page-Cache {dict(caches)}")
    print(f"\n{load_average()} after")
    worker_time(sizes, seconds, workers)


def load_row(label, found, stale=None, edits=None):
    rate = f"{found['hit_rate'] * 100:.1f} %"
    extra = "" if stale is None else f" | {edits} | {stale}"
    times = " | ".join(f"{ms(found, key):.1f}" for key in ("p50", "p95", "p99", "max"))
    return f"| {label} | {found['requests']:,} | {found['rps']:,.0f} | {times} | {found['errors']} | {rate}{extra} |"


def load_test(server, data, args, scratch):
    paths = data["paths"]
    print(f"\n### Load test, nobody writing ({args.visitors} connections, {args.load_seconds} s, {len(paths)} "
          f"addresses)\n")
    print(f"{load_average()} before")
    found = wrk(server.base, paths, args.load_seconds, args.visitors, scratch)
    print("\n| run | requests | requests/s | p50 ms | p95 ms | p99 ms | max ms | errors | hit rate |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(load_row("warm, read only", found))
    print(f"\n{load_average()} after")
    return found


ACCESS_FORMAT = "%(t)s %(p)s %(m)s %(U)s?%(q)s %(s)s %({x-page-cache}o)s %(D)s"
ACCESS_LINE = re.compile(r"^\[[^\]]*\] <?(\d+)>? (\S+) (\S+) (\d+) (\S+) (\d+)$")


def log_sizes(servers):
    return {server.access_log: server.access_log.stat().st_size if server.access_log.exists() else 0
            for server in servers}


def request_kind(method, address, cache):
    """A visitor's page by kind and what the cache did, or a staff request by screen."""
    from benchmarks.edit_reach import kind_of

    path = address.split("?", 1)[0]
    if path.startswith("/admin/"):
        screen = re.sub(r"/\d+/", "/N/", path)
        return f"staff: {method} {screen}"
    return f"{'hit' if cache == 'hit' else kind_of(address) + ', ' + cache}"


def worker_time(sizes, seconds, workers):
    """Where the servers' workers spent the run: time inside a worker by kind of request, from the
    access logs written since `sizes` (a wait for a free worker is not in them; wrk's figures are)."""
    times = {}
    for log, size in sizes.items():
        with log.open(encoding="utf-8", errors="replace") as lines:
            lines.seek(size)
            for line in lines:
                found = ACCESS_LINE.match(line.strip())
                if found:
                    _pid, method, address, _status, cache, micros = found.groups()
                    times.setdefault(request_kind(method, address, cache), []).append(int(micros) / 1000)
    total = sum(sum(found) for found in times.values())
    available = seconds * workers
    print(f"\nTime inside the workers ({total / 1000:,.1f} s of {available:,.0f} worker-seconds), by request:\n")
    print("| request | count | worker s | share | p50 ms | p95 ms | max ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind, found in sorted(times.items(), key=lambda item: -sum(item[1])):
        found.sort()
        share = sum(found) / total if total else 0
        print(f"| {kind} | {len(found):,} | {sum(found) / 1000:,.1f} | {share * 100:.1f} % | "
              f"{found[len(found) // 2]:,.1f} | {found[int(len(found) * 0.95)]:,.1f} | {found[-1]:,.1f} |")


SETTLE_SECONDS = 1.2


class Editing(threading.Thread):
    """An editor's change approved by two reviewers every `interval` seconds, until told to stop.

    After each approval the trip's public page is read from every address in `check_bases`
    (each server, or the balancer): a page without the new title is a stale page.
    """

    def __init__(self, base, check_bases, trips, interval):
        super().__init__(daemon=True)
        from benchmarks.staff import Newsroom

        self.newsroom = Newsroom(base)
        self.check_bases = check_bases
        self.trips = trips
        self.interval = interval
        self.stopping = threading.Event()
        self.edits, self.failures, self.stale, self.still_stale, self.cycle_seconds = 0, [], [], [], []

    def fresh(self, base, slug, title):
        status, _headers, html = self.newsroom.visitor.get(base + f"/visits/{slug}/")
        return status == 200 and title in html

    def log_in(self):
        statuses = self.newsroom.log_in()
        if statuses != [302, 302, 302]:
            self.failures.append(f"log-in answered {statuses}")
        return not self.failures

    def run(self):
        n = 0
        while not self.stopping.is_set():
            started = time.monotonic()
            slug, pk = self.trips[n % len(self.trips)]
            n += 1
            title = f"{slug} 工作日修订 {n} {time.time_ns() % 100000}"
            ok, problem, seconds = self.newsroom.edit_and_publish(pk, lambda old, title=title: title)
            if not ok:
                self.failures.append(problem)
            else:
                self.edits += 1
                self.cycle_seconds.append(seconds)
                for base in self.check_bases:
                    if not self.fresh(base, slug, title):
                        self.stale.append(f"{base}/visits/{slug}/")
                        # Each worker reads the changes at most every CONTENT_VERSION_CHECK_SECONDS.
                        time.sleep(SETTLE_SECONDS)
                        if not self.fresh(base, slug, title):
                            self.still_stale.append(f"{base}/visits/{slug}/")
            self.stopping.wait(max(0.0, self.interval - (time.monotonic() - started)))


def working_day(base, check_bases, data, args, scratch, label, servers=()):
    paths = data["paths"]
    editing = Editing(base, check_bases, data["trips"], args.edit_interval)
    print(f"\n### Working day, {label} ({args.visitors} visitors, {args.load_seconds} s, {len(paths)} addresses; "
          f"a trip edited and approved through 初审 and 终审 every {args.edit_interval:g} s)\n")
    warm(base, paths)
    if not editing.log_in():
        raise SystemExit(f"staff could not log in: {editing.failures}")
    print(f"{load_average()} before")
    sizes = log_sizes(servers)
    editing.start()
    found = wrk(base, paths, args.load_seconds, args.visitors, scratch)
    editing.stopping.set()
    editing.join(timeout=120)
    cycles = sorted(editing.cycle_seconds)
    print("\n| run | requests | requests/s | p50 ms | p95 ms | p99 ms | max ms | errors | hit rate | edits approved "
          f"| stale at once / after {SETTLE_SECONDS:g} s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(load_row(label, found, f"{len(editing.stale)} / {len(editing.still_stale)}", editing.edits))
    median = f"{cycles[len(cycles) // 2]:.2f} s" if cycles else "—"
    print(f"\n{load_average()} after; X-Page-Cache hit {found['hits']:,}, miss {found['misses']:,}, "
          f"bypass {found['bypasses']:,}, none {found['unmarked']:,}; an edit-to-publication cycle took {median} "
          f"(median)")
    for problem in editing.failures[:5]:
        print(f"- failed: {problem}")
    for page in editing.stale[:5]:
        still = " (still after the wait)" if page in editing.still_stale else ""
        print(f"- stale right after the approval: {page}{still}")
    if servers:
        worker_time(sizes, args.load_seconds, sum(server.workers or os.cpu_count() * 2 + 1 for server in servers))
    return found, editing


def across_servers(one, other, data):
    """Sessions, lockouts, the feedback rate limit and the page cache, each checked across two servers."""
    from benchmarks.staff import EDITOR, LOCKOUT, Browser, Newsroom, forms_of

    results = []

    # A session made on one server is valid on the other (sessions in the shared database).
    browser = Browser(one.base)
    browser.log_in(EDITOR)
    status, headers, _html = browser.get(other.base + "/admin/")
    results.append(("a staff session made on server 1 is signed in on server 2", status == 200, f"answer {status}"))

    # Five failed log-ins, alternating servers, lock the account out on both (django-axes, database),
    # the right password included. An account of its own, and an address of the documentation
    # range (X-Forwarded-For from the trusted proxy address), so no other check is locked out.
    locked = Browser(one.base, headers={"X-Forwarded-For": "203.0.113.71"})
    for n in range(5):
        locked.base = (one, other)[n % 2].base
        locked.log_in(LOCKOUT, password="wrong-password")
    locked.base = other.base
    status = locked.log_in(LOCKOUT)
    results.append(("five failures across both servers lock the sixth log-in out, right password and all",
                    status == 429, f"answer {status}"))

    # The feedback form's limit per address (5 an hour) counts messages sent to either server.
    sender = Browser(one.base, headers={"X-Forwarded-For": "203.0.113.72"})
    statuses = []
    for n in range(6):
        sender.base = (one, other)[n % 2].base
        _status, _headers, html = sender.get("/feedback/")
        fields = next((form["fields"] for form in forms_of(html) if any(k == "subject" for k, _v in form["fields"])),
                      None)
        if fields is None:
            statuses.append("no form")
            continue
        time.sleep(3.1)  # the form's minimum fill time
        message = dict(fields) | {
            "kind": "message", "name": "基准测试", "contact": "bench@example.com", "subject": f"基准测试留言 {n}",
            "text": f"这是第 {n} 条基准测试留言，用来检查两台服务器共同计算的频率限制。",
        }
        status, _headers, html = sender.post("/feedback/", message)
        errors = re.findall(r'<li><a href="#[^"]*">([^<]*)</a>：([^<]*)</li>', html) if status == 200 else []
        statuses.append(f"{status} {errors}" if errors else status)
    results.append(("the sixth message in an hour is refused whichever server takes it",
                    statuses[:5] == [302] * 5 and statuses[5] == 429, f"answers {statuses}"))

    # A page cached on server 2 ends when a change is approved on server 1.
    slug, pk = data["trips"][-1]
    visitor = Browser(other.base)
    visitor.get(f"/visits/{slug}/")
    _status, headers, _html = visitor.get(f"/visits/{slug}/")
    before = headers.get("X-Page-Cache")
    newsroom = Newsroom(one.base)
    newsroom.log_in()
    title = f"{slug} 跨服务器修订 {time.time_ns() % 100000}"
    ok, problem, _seconds = newsroom.edit_and_publish(pk, lambda old: title)
    status, headers, html = visitor.get(f"/visits/{slug}/")
    results.append(("a page cached on server 2 shows a change approved on server 1 at once",
                    before == "hit" and ok and title in html,
                    f"before {before}, edit {problem or 'approved'}, after {headers.get('X-Page-Cache')}"))
    return results


def two_servers(env, data, args, scratch, single_rps):
    workers = args.two_server_workers
    servers = [Server(env, scratch, f"server{n}", workers) for n in (1, 2)]
    balancer = None
    try:
        balancer = Balancer(scratch, servers)
        print(f"\n### Two servers behind nginx ({workers} workers each; the single server has "
              f"{args.workers or 'the default'})\n")
        print(f"{load_average()} before\n")
        for label, ok, detail in across_servers(*servers, data):
            print(f"- {'✓' if ok else '✗'} {label} ({detail})")
        print("- background tasks: none to check — the project runs its periodic work as cron commands "
              "(check_links, prune_audit_log, purge_feedback_contacts), on one machine")
        warm(balancer.base, data["paths"])
        found = wrk(balancer.base, data["paths"], args.load_seconds, args.visitors, scratch)
        print("\n| run | requests | requests/s | p50 ms | p95 ms | p99 ms | max ms | errors | hit rate |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        print(load_row("two servers behind nginx, warm, read only", found))
        if single_rps:
            print(f"\nAgainst one server (the load test above): {found['rps'] / single_rps:.2f} × its requests/s.")
        working_day(balancer.base, [server.base for server in servers], data, args, scratch,
                    "two servers behind nginx", servers)
        print(f"\n{load_average()} after")
    finally:
        if balancer is not None:
            balancer.stop()
        for server in servers:
            server.stop()


def make_accounts(env):
    """The editor and the two reviewers (passwords set by themselves, so no change is asked)."""
    code = r"""
import django
django.setup()
from axes.utils import reset
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from benchmarks.staff import ACCOUNTS, PASSWORD
User = get_user_model()
for username, group in ACCOUNTS.items():
    user = User.objects.filter(username=username).first() or User.objects.create_user(username, is_staff=True)
    user.set_password(PASSWORD)
    user.is_staff = True
    user.save()
    user.groups.set(Group.objects.filter(name=group))
# Lockouts and the feedback limit start afresh (the two-server checks set both off).
reset()
from feedback.models import Message
Message.objects.filter(subject__startswith="基准测试留言").delete()
"""
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)


PARTS = ["pages", "cold", "load", "working-day", "two-servers"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", choices=PARTS, default=PARTS, help="run only these parts")
    parser.add_argument("--rebuild", action="store_true", help="drop and build the benchmark database anew")
    parser.add_argument("--database", default=DATABASE, help="the benchmark's own PostgreSQL database")
    parser.add_argument("--cache", choices=["locmem", "redis"], default="redis", help="the page cache's backend")
    parser.add_argument("--redis-db", type=int, default=8, help="the Redis database index, emptied first")
    parser.add_argument("--seconds", type=int, default=10, help="length of each side-by-side run")
    parser.add_argument("--connections", type=int, default=8, help="connections of each side-by-side run")
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--visitors", type=int, default=50, help="connections of the load tests")
    parser.add_argument("--edit-interval", type=float, default=2.0, help="seconds between approved edits")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: config/gunicorn.conf.py)")
    parser.add_argument("--two-server-workers", type=int, default=3, help="gunicorn workers of each of two servers")
    parser.add_argument("--logs", type=Path, default=None,
                        help="keep each server's access log here, one line a request: time, worker, method, "
                             "address, status, X-Page-Cache, microseconds in the worker")
    args = parser.parse_args()
    for tool in ("wrk", "psql", "createdb", *(["nginx"] if "two-servers" in args.only else [])):
        if shutil.which(tool) is None and not Path("/usr/sbin", tool).exists():
            raise SystemExit(f"{tool} is needed")

    scratch = Path(tempfile.mkdtemp(prefix="jingmeng-serve-"))
    redis_url = f"redis://127.0.0.1:6379/{args.redis_db}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CONN_MAX_AGE": "60",
        "CACHE_URL": redis_url if args.cache == "redis" else "locmem://",
        # Sessions shared by the servers through the database; the balancer is a trusted proxy.
        "BEHIND_PROXY": "true",
        "STATIC_ROOT": str(scratch / "static"),
        "DATA_DIR": str(scratch),
        "MEDIA_ROOT": str(scratch / "media"),
        "LOG_LEVEL": "ERROR",
    }
    if args.logs:
        args.logs.mkdir(parents=True, exist_ok=True)
    # One line a request, read back by `worker_time` (and kept with --logs).
    env["GUNICORN_CMD_ARGS"] = f"{os.environ.get('GUNICORN_CMD_ARGS', '')} --access-logformat '{ACCESS_FORMAT}'"
    if args.cache == "redis":
        # Emptied first, before migrating, which records a change to everything in the database.
        subprocess.run(["redis-cli", "-n", str(args.redis_db), "FLUSHDB"], check=True, capture_output=True)
    if args.rebuild or not database_ready(env, args.database):
        print("building the large data set …", file=sys.stderr)
        build_database(env, args.database)
    else:
        run_django(["migrate", "--no-input", "-v", "0"], env)
    run_django(["collectstatic", "--no-input", "-v", "0"], env)
    make_accounts(env)
    data = load_paths(env)
    print(f"# Serving benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, cache {args.cache}, "
          f"database {args.database}, {os.cpu_count()} cores")
    single_rps = None
    server = None
    try:
        if set(args.only) - {"two-servers"}:
            server = Server(env, scratch, "single", args.workers)
            if "pages" in args.only:
                side_by_side(server, data, args, scratch, env)
            if "cold" in args.only:
                cold_start(server, data, env, server.workers or 5)
            if "load" in args.only:
                warm(server.base, data["paths"])
                single_rps = load_test(server, data, args, scratch)["rps"]
            if "working-day" in args.only:
                working_day(server.base, [server.base], data, args, scratch, "one server", [server])
            server.stop()
            server = None
        if "two-servers" in args.only:
            two_servers(env, data, args, scratch, single_rps)
    finally:
        if server is not None:
            server.stop()
        if args.logs:
            for log in scratch.glob("access-*.log"):
                shutil.copy(log, args.logs / log.name)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
