"""What one edit ends in the page cache: the addresses a visitor finds uncached after it, by kind.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jm_mine DEBUG=true \\
        .venv/bin/python -m benchmarks.edit_reach --build jm_mine_template --scale 0.06
    DATABASE_URL=… DEBUG=true .venv/bin/python -m benchmarks.edit_reach --template jm_mine_template

In one process, through Django's test client, with the page cache in local memory: every
address the serving benchmark's visitors walk (`benchmarks.site.visitor_paths`, the list of
`serve_load`) is asked twice (warm, then checked a hit), then one change is made and approved
the way staff make it, and every address asked again: the misses are the pages that change
ended, counted by kind of page, with the CPU time (not wall time) their making cost. Asking
them again warms them for the next change. The changes, in turn:

- an approved edit of one trip's title (the editor's change form, 初审 and 终审 on the review
  screen — the admin pages, as `benchmarks/staff.py` drives them over HTTP);
- the same for one person's name and one project's name;
- a new trip submitted and approved (the review chain's functions);
- a published trip withdrawn, submitted and approved.

`--build` makes the template database (migrate, the seed, `benchmarks.data.generate` at
`--scale`); each run copies it into the database of DATABASE_URL first, so every tree measured
starts from the same records. Run it from another tree (a `git archive` of a commit) to compare.
"""

import argparse
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from urllib.parse import urlsplit

PSQL = ["-h", "127.0.0.1", "-U", "postgres"]


def kind_of(path):
    """The kind of page an address is, as the table groups them."""
    address = urlsplit(path)
    query = address.query
    if address.path == "/":
        return "home"
    if address.path.startswith("/search/"):
        return "search"
    if address.path in ("/feed/", "/sitemap.xml"):
        return "feed, sitemap"
    for prefix, name in (("/visits/", "trip"), ("/projects/", "project")):
        if address.path == prefix:
            if query.startswith("page="):
                return f"{name} list, page n"
            return f"{name} list, filtered"
        if address.path.startswith(prefix):
            return f"{name} page"
    if address.path.startswith("/people/"):
        return "person page"
    return "other"


class ClientBrowser:
    """`benchmarks.staff.Browser` on Django's test client: the same admin pages, in this process."""

    def __init__(self):
        from django.test import Client

        self.client = Client()

    def request(self, path, data=None):
        response = self.client.get(path) if data is None else self.client.post(path, data)
        return response.status_code, response.headers, response.content.decode("utf-8", "replace")

    def get(self, path):
        return self.request(path)

    def post(self, path, data):
        # Every value of a field named more than once (a many-to-many select), as a browser posts them.
        values = defaultdict(list)
        for name, value in data.items() if isinstance(data, dict) else data:
            values[name].append(value)
        return self.request(path, dict(values))

    form = None  # set below from Browser
    log_in = None


def newsroom():
    from benchmarks import staff

    ClientBrowser.form = staff.Browser.form
    ClientBrowser.log_in = staff.Browser.log_in
    room = staff.Newsroom.__new__(staff.Newsroom)
    room.editor, room.first, room.final, room.visitor = (ClientBrowser() for _ in range(4))
    statuses = room.log_in()
    if statuses != [302, 302, 302]:
        raise SystemExit(f"staff could not log in: {statuses}")
    return room


def make_accounts():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from benchmarks.staff import ACCOUNTS, PASSWORD

    users = {}
    for username, group in ACCOUNTS.items():
        user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
        user.groups.set(Group.objects.filter(name=group))
        users[username] = user
    return users


def through_the_chain(record, users, action):
    """Submit `record` for `action` as the editor, approve it as 初审 and 终审."""
    from benchmarks.staff import EDITOR, FINAL_REVIEWER, FIRST_REVIEWER
    from review import publishing

    request = publishing.submit(record, users[EDITOR], action=action)
    for reviewer in (FIRST_REVIEWER, FINAL_REVIEWER):
        publishing.approve(request, users[reviewer], "同意。")
        request.refresh_from_db()
    return request


def stale_tags(paths):
    """{kind of page: Counter of the tags that changed since its cached copy was made}."""
    from django.test import RequestFactory

    from cooperation import content_version
    from portal.pagecache import middleware

    content_version.current()
    found = defaultdict(Counter)
    for path in paths:
        request = RequestFactory().get(path)
        entry = middleware.page_cache().get(middleware.page_key(request, middleware.request_language(request)))
        if entry is not None:
            for tag in content_version.stale_tags(entry[middleware.MADE], entry[middleware.TAGS]):
                found[kind_of(path)][tag.rsplit(":", 1)[0] if tag.startswith(("r:", "l:")) else tag] += 1
    return found


def ask(client, paths):
    """{path: (X-Page-Cache, CPU seconds)} of one request each."""
    found = {}
    for path in paths:
        started = time.process_time()
        response = client.get(path)
        seconds = time.process_time() - started
        # 404: the page of the trip withdrawn.
        if response.status_code not in (200, 404):
            raise SystemExit(f"{path} answered {response.status_code}")
        found[path] = (response.headers.get("X-Page-Cache"), seconds)
    return found


def changes(room, users):
    """(label, make the change) in the order they are measured."""
    from cooperation.models import Pairing, Person, Topic
    from projects.models import Project
    from review.models import ReviewAction, Status
    from visits.models import Delegation

    trips = Delegation.objects.published().filter(slug__startswith="bench-").order_by("pk")

    def edit(model_path, pk, field):
        ok, problem, _seconds = room.edit_and_publish(pk, lambda old: old + "（修订）", model=model_path, field=field)
        if not ok:
            raise SystemExit(problem)

    def new_trip():
        pairing = Pairing.objects.filter(slug__startswith="bench-pairing-").order_by("pk").first()
        trip = Delegation.objects.create(
            title="新发布的考察", slug="edit-reach-new-trip", name="新考察代表团", origin=pairing.support_region,
            start_date=trips.first().start_date, status=Status.DRAFT,
        )
        trip.pairings.add(pairing)
        trip.destinations.add(pairing.recipient_region)
        trip.topics.add(Topic.objects.order_by("pk").first())
        through_the_chain(trip, users, ReviewAction.PUBLISH)

    return [
        ("an approved edit of a trip's title", lambda: edit("visits/delegation", trips[0].pk, "title")),
        ("an approved edit of a person's name", lambda: edit(
            "cooperation/person", Person.objects.published().order_by("-pk").first().pk, "name"
        )),
        ("an approved edit of a project's name", lambda: edit(
            "projects/project", Project.objects.published().order_by("-pk").first().pk, "name"
        )),
        ("a new trip published", new_trip),
        ("a published trip withdrawn", lambda: through_the_chain(trips[1], users, ReviewAction.WITHDRAW)),
    ]


def measure(explain=False):
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import caches

    # Every address stays in the cache (local memory keeps 300 entries unless told otherwise).
    settings.CACHES[settings.PAGE_CACHE_ALIAS].setdefault("OPTIONS", {})["MAX_ENTRIES"] = 1_000_000
    if getattr(caches[settings.PAGE_CACHE_ALIAS], "_max_entries", 1_000_000) < 1_000_000:
        raise SystemExit("the page cache was made before its size could be set")
    from django.test import Client
    from django.test.utils import setup_test_environment

    from benchmarks.site import visitor_paths

    setup_test_environment()
    users = make_accounts()
    room = newsroom()
    paths = visitor_paths()["paths"]
    kinds = Counter(kind_of(path) for path in paths)
    visitor = Client()
    ask(visitor, paths)
    again = ask(visitor, paths)
    not_hits = [path for path, (state, _cpu) in again.items() if state != "hit"]
    if not_hits:
        raise SystemExit(f"not cached when asked again: {not_hits[:5]}")
    hit_cpu = sorted(cpu for _state, cpu in again.values())[len(again) // 2]
    print(f"{len(paths)} addresses, all hits when asked again (median CPU of a hit {hit_cpu * 1000:.2f} ms)\n")
    columns = list(kinds)
    rows = []
    for label, change in changes(room, users):
        change()
        why = stale_tags(paths) if explain else {}
        found = ask(visitor, paths)
        misses = defaultdict(int)
        cpu = 0.0
        for path, (state, seconds) in found.items():
            if state == "miss":
                misses[kind_of(path)] += 1
                cpu += seconds
        rows.append((label, misses, cpu))
        for kind, tags in why.items():
            print(f"{label} — {kind}: {', '.join(f'{tag} ×{n}' for tag, n in tags.most_common(6))}")
    print("| change | " + " | ".join(f"{kind} ({kinds[kind]})" for kind in columns) + " | misses | CPU of the misses |")
    print("| --- | " + " | ".join("---:" for _ in columns) + " | ---: | ---: |")
    for label, misses, cpu in rows:
        total = sum(misses.values())
        cells = " | ".join(str(misses.get(kind, 0)) for kind in columns)
        print(f"| {label} | {cells} | {total} of {len(paths)} | {cpu:.1f} s |")


def build(template, scale):
    subprocess.run(["dropdb", *PSQL, "--if-exists", template], check=True)
    subprocess.run(["createdb", *PSQL, template], check=True)
    env = {**os.environ, "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{template}"}
    code = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('migrate', verbosity=0); call_command('loaddata', 'fixtures/seed_report.json', verbosity=0)\n"
        f"from benchmarks.data import generate; print(generate(scale={scale}))\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    subprocess.run(["psql", *PSQL, "-d", template, "-qc", "ANALYZE"], check=True)


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", metavar="TEMPLATE", help="make the template database and stop")
    parser.add_argument("--scale", type=float, default=0.06, help="of benchmarks.data's large size (0.06: 300 trips)")
    parser.add_argument("--template", help="copy this database into DATABASE_URL's first")
    parser.add_argument("--explain", action="store_true", help="print the changed tags that ended each kind of page")
    args = parser.parse_args()
    if args.build:
        build(args.build, args.scale)
        return
    if args.template:
        database = urlsplit(os.environ["DATABASE_URL"]).path.lstrip("/")
        subprocess.run(["dropdb", *PSQL, "--if-exists", database], check=True)
        subprocess.run(["createdb", *PSQL, "-T", args.template, database], check=True)
    measure(args.explain)


if __name__ == "__main__":
    main()
