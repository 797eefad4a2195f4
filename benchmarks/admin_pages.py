"""The admin's own cost per request, by kind of page and role, before and after a change.

    # once: the seed (or the seed plus the large data) in a PostgreSQL database of your own
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jm_mine .venv/bin/python -m benchmarks.compare_pages --build
    # the code of a commit against the working tree, taking turns, one process each per round
    DATABASE_URL=… .venv/bin/python -m benchmarks.admin_pages --base main --rounds 3 --repeat 20
    # where the time goes on one kind of page, with the working tree's code
    DATABASE_URL=… .venv/bin/python -m benchmarks.admin_pages --profile "index, editor"

The pages staff open all day and the test suite walks thousands of times per run: the index,
an app's page, the change lists of trips, speeches and people, a trip's change form (GET, and a
POST that saves — inside a transaction rolled back, so every round sees the same data), the
change forms of a meeting, a project and a person (GET and an unchanged save), a trip saved with
a changed title (it waits for review), the review screens of a meeting and of a trip with a
change waiting and their approval at the first step and at 终审签发 (which applies the change) — the
trip's are the working day's review (`benchmarks/staff.py`) —, the ledger import page and
the import batches, each as a superuser and as an editor (编辑) or a reviewer (审核发布). The
figure is the CPU time of the process per request (the database server's own work and the
machine's load are left out), the time per request with the database's work (which a search or
a sort without an index spends there), and the Python function calls per request under cProfile, which
the load does not move; queries are those of each process's first request. Set-up (the
benchmark's staff and a change waiting for review on a meeting and on a trip) is made once by
the first run and kept. Timings are never asserted.
"""

import argparse
import cProfile
import json
import os
import pstats
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.compare_pages import _environment, take_turns

ROOT = Path(__file__).resolve().parent.parent
SUPERUSER, EDITOR, PUBLISHER = "bench-admin-super", "bench-admin-editor", "bench-admin-publisher"
PASSWORD = "bench-only-password"
# The change forms open the published trip with the most participants; the review screens
# show a change (its title, by the editor) of the published meeting with the most speeches and
# of the published trip with the most participants after that one — the working day's review.
WAITING_TITLE_SUFFIX = "（待审修改）"


def _set_up():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from accounts.roles import EDITOR as EDITOR_ROLE
    from accounts.roles import PUBLISHER as PUBLISHER_ROLE
    from review import publishing
    from review.models import Status
    from visits.models import Delegation, Meeting

    users = get_user_model().objects
    if not users.filter(username=SUPERUSER).exists():
        users.create_superuser(SUPERUSER, password=PASSWORD)
    for username, role in ((EDITOR, EDITOR_ROLE), (PUBLISHER, PUBLISHER_ROLE)):
        if not users.filter(username=username).exists():
            user = users.create_user(username, password=PASSWORD, is_staff=True)
            user.groups.add(Group.objects.get(name=role))
    published = {"status": Status.PUBLISHED}
    editing = Delegation.objects.filter(**published).annotate(size=Count("participants")).order_by("-size", "pk")[0]
    waiting = Meeting.objects.filter(**published).annotate(size=Count("speeches")).order_by("-size", "pk")[0]
    trip_waiting = (
        Delegation.objects.filter(**published).exclude(pk=editing.pk)
        .annotate(size=Count("participants")).order_by("-size", "pk")[0]
    )
    client = Client()
    client.force_login(users.get(username=EDITOR))
    for record, model in ((waiting, "visits_meeting"), (trip_waiting, "visits_delegation")):
        if publishing.pending_request(record) is None:
            url = reverse(f"admin:{model}_change", args=[record.pk])
            data = _form_post(client.get(url))
            data["title"] = record.title + WAITING_TITLE_SUFFIX
            client.post(url, data)
    return editing, waiting, trip_waiting


def _largest(model, related):
    """The published record of this kind with the most rows in `related` (its change form's largest)."""
    from django.db.models import Count

    from review.models import Status

    return model.objects.filter(status=Status.PUBLISHED).annotate(size=Count(related)).order_by("-size", "pk")[0]


def _form_post(response):
    """The POST a browser would send for this change form as it opened, inlines included."""
    from review.form_data import form_data

    context = response.context
    data = form_data(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(form_data(formset.management_form))
        for form in formset.forms:
            data.update(form_data(form))
    data["_continue"] = "1"
    return data


def _pages(editing, waiting, trip_waiting):
    """(label, user, method, address) of every kind of page measured."""
    from django.urls import reverse

    from cooperation.models import Person
    from projects.models import Project

    change = reverse("admin:visits_delegation_change", args=[editing.pk])
    review = reverse("admin:visits_meeting_review", args=[waiting.pk])
    trip_review = reverse("admin:visits_delegation_review", args=[trip_waiting.pk])
    pages = []
    for role, username in (("superuser", SUPERUSER), ("editor", EDITOR)):
        pages += [
            (f"index, {role}", username, "get", reverse("admin:index")),
            (f"app page, {role}", username, "get", reverse("admin:app_list", args=["visits"])),
            (f"trip change list, {role}", username, "get", reverse("admin:visits_delegation_changelist")),
            (f"speech change list, {role}", username, "get", reverse("admin:visits_speech_changelist")),
            (f"person change list, {role}", username, "get", reverse("admin:cooperation_person_changelist")),
            (f"trip change form, {role}", username, "get", change),
            (f"trip change form POST, {role}", username, "post", change),
        ]
    # The other records' change forms an editor opens and saves unchanged; a trip saved with a
    # change (it becomes a revision waiting for review); an approval of the waiting change.
    others = [
        ("meeting", "visits_meeting", waiting),
        ("project", "projects_project", _largest(Project, "updates")),
        ("person", "cooperation_person", _largest(Person, "appointments")),
    ]
    for name, model, record in others:
        url = reverse(f"admin:{model}_change", args=[record.pk])
        pages += [
            (f"{name} change form, editor", EDITOR, "get", url),
            (f"{name} change form POST, editor", EDITOR, "post", url),
        ]
    pages += [
        ("trip change form POST changed, editor", EDITOR, "post changed", change),
        ("approval at 初审, superuser", SUPERUSER, "approve", review),
        ("approval at 终审签发 (the change applied), superuser", SUPERUSER, "sign off", review),
        ("review screen, superuser", SUPERUSER, "get", review),
        ("review screen, 审核发布", PUBLISHER, "get", review),
        ("trip review screen, 审核发布", PUBLISHER, "get", trip_review),
        ("trip approval at 初审, superuser", SUPERUSER, "approve", trip_review),
        ("trip approval at 终审签发 (the change applied), superuser", SUPERUSER, "sign off", trip_review),
        ("ledger import page, superuser", SUPERUSER, "get", reverse("admin:ledgers_importbatch_add")),
        ("ledger import page, 审核发布", PUBLISHER, "get", reverse("admin:ledgers_importbatch_add")),
        ("import batches, superuser", SUPERUSER, "get", reverse("admin:ledgers_importbatch_changelist")),
    ]
    # The change lists staff open all day, as a superuser: the default sort, a search, a filter, page 50.
    lists = [
        ("trip", "visits_delegation", "考察", "status=published"),
        ("speech", "visits_speech", "乡村振兴", "kind=speech"),
        ("person", "cooperation_person", "王", "status=published"),
        ("project", "projects_project", "产业", "stage=building"),
        ("meeting", "visits_meeting", "座谈", "kind=symposium"),
        ("site visit", "visits_sitevisit", "合作社", "region__side=recipient"),
    ]
    for name, model, term, filtered in lists:
        url = reverse(f"admin:{model}_changelist")
        pages += [
            (f"{name} list", SUPERUSER, "get", url),
            (f"{name} list, search", SUPERUSER, "get", f"{url}?q={term}"),
            (f"{name} list, filter", SUPERUSER, "get", f"{url}?{filtered}"),
            (f"{name} list, page 50", SUPERUSER, "get", f"{url}?p=50"),
        ]
    return pages


def _requester(client, method, url):
    from django.db import transaction

    from review.models import ReviewRequest, ReviewStep

    if method == "get":
        return lambda: client.get(url)
    step_first = None
    if method in ("approve", "sign off"):
        review_request = client.get(url).context["review_request"]
        step_first = review_request.current_step if method == "approve" else ReviewStep.FINAL
        data = {"_decision": "approve", "opinion": "同意。", "secrecy": "", "step": step_first}
    else:
        data = _form_post(client.get(url))
    if method == "post changed":
        data["title"] += WAITING_TITLE_SUFFIX

    def post():
        with transaction.atomic():
            if step_first is not None:
                # The waiting change at the step measured (the rest of the chain already taken).
                ReviewRequest.objects.filter(pk=review_request.pk).update(current_step=step_first)
            response = client.post(url, data)
            transaction.set_rollback(True)
        return response

    return post


def _measure(request, repeat):
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = request()
    if response.status_code not in (200, 302):
        raise SystemExit(f"{response.request['PATH_INFO']} answered {response.status_code}")
    cpu, wall = [], []
    for _ in range(repeat):
        started, clock = time.process_time(), time.perf_counter()
        request()
        cpu.append((time.process_time() - started) * 1000)
        wall.append((time.perf_counter() - clock) * 1000)
    profile = cProfile.Profile()
    profile.enable()
    request()
    profile.disable()
    return {
        "queries": len(queries), "cpu": statistics.median(cpu), "ms": statistics.median(wall),
        "calls": pstats.Stats(profile).total_calls,
    }


def worker(repeat, only=None, profile_label=None):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    editing, waiting, trip_waiting = _set_up()
    clients = {}
    for username in (SUPERUSER, EDITOR, PUBLISHER):
        clients[username] = Client()
        clients[username].force_login(get_user_model().objects.get(username=username))
    results = {}
    for label, username, method, url in _pages(editing, waiting, trip_waiting):
        if (profile_label and label != profile_label) or (only and not any(word in label for word in only)):
            continue
        request = _requester(clients[username], method, url)
        if profile_label:
            request()
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(repeat):
                request()
            profile.disable()
            stats = pstats.Stats(profile)
            print(f"{profile_label}: {stats.total_calls / repeat:,.0f} calls per request")
            stats.sort_stats("cumulative").print_stats(60)
            stats.sort_stats("tottime").print_stats(30)
            return
        results[label] = _measure(request, repeat)
    print(json.dumps(results))


def compare(base, rounds, repeat, only):
    runs, load = take_turns(
        base, rounds, "benchmarks.admin_pages", ["--repeat", str(repeat), *(["--only", *only] if only else [])],
        ["admin_pages.py", "compare_pages.py"],
    )
    print(
        f"\nBase {base} against the working tree; {rounds} rounds, {repeat} requests a page a round; "
        f"load average {min(load):.1f}–{max(load):.1f}\n"
    )
    print(
        "| page | queries before | queries after | CPU ms before | CPU ms after | ms before | ms after "
        "| calls before | calls after |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label in runs["before"][0]:
        figures = {}
        for side, results in runs.items():
            figures[side] = (
                results[0][label]["queries"],
                statistics.median(result[label]["cpu"] for result in results),
                statistics.median(result[label]["ms"] for result in results),
                statistics.median(result[label]["calls"] for result in results),
            )
        (qb, cpub, msb, cb), (qa, cpua, msa, ca) = figures["before"], figures["after"]
        print(f"| {label} | {qb} | {qa} | {cpub:.1f} | {cpua:.1f} | {msb:.1f} | {msa:.1f} | {cb:,.0f} | {ca:,.0f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="main", help="the commit to compare the working tree with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=20, help="requests per page and round")
    parser.add_argument("--only", nargs="+", metavar="WORD", help="only the pages whose label holds one of these")
    parser.add_argument("--profile", metavar="PAGE", help="profile one page with the working tree's code")
    parser.add_argument("--here", action="store_true", help="measure the working tree alone, in this process")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database of your own (the set-up writes to it).")
    if args.worker:
        worker(args.repeat, args.only)
        return
    if args.profile or args.here:
        with tempfile.TemporaryDirectory() as scratch:
            os.environ.update(_environment(scratch))
            worker(args.repeat, args.only, profile_label=args.profile)
        return
    compare(args.base, args.rounds, args.repeat, args.only)


if __name__ == "__main__":
    main()
