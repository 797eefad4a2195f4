"""The one gate: no save by anyone who does not sign off (终审签发) changes what the public sees.

Walks every door: every model registered in the admin (its change page and its add page, as
each staff role that does not hold 终审签发), and every import path (the trip, speech and
project ledgers from the admin's service and from the shell, and a report confirmed as a draft
trip). Before and after each attempt it renders, as an anonymous visitor, every public page
that shows the records (their detail pages, the lists, home, search, the feed, the sitemap and
the open data), and compares them. Each attempt runs in a savepoint that is rolled back, so one
door's leak does not hide another's.

The pages are rendered again only after an attempt that changed a row of a table they read
(PublicPages): a page is made of the rows it reads, so when none of those changed, the pages are
the ones rendered before, and comparing them again would only repeat that render.
"""

import functools
import hashlib
import re
from decimal import Decimal

import pytest
from django import forms
from django.contrib import admin
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import ALL_ROLES, FINAL_REVIEWER, PUBLISHER
from cooperation.models import Source
from portal.sitemaps import SITEMAPS
from tests.builders import make_staff
from tests.cooperation.ledger_builders import project, projects_csv, run, speech, speeches_csv, trip, trips_csv
from tests.public_site import build_world, make_photo
from tests.security.admin_forms import change_form_data, text_fields

pytestmark = pytest.mark.django_db

MARK = "门禁测试"
# Roles that may sign off: what they save is, by design, what the public sees.
SIGNING_ROLES = {PUBLISHER, FINAL_REVIEWER}
NON_PUBLISHER_ROLES = [role for role in ALL_ROLES if role not in SIGNING_ROLES]
# Not content: the site's identity (the 系统管理员's settings, 三员分立) and the answers to the
# public's messages (feedback, answered within three working days by design) are published by
# those who keep them. Each entry says why; a new model is walked unless it is named here.
NOT_CONTENT = {
    "govsite.sitesettings": "网站信息: the site identity, kept by 系统管理员",
    "feedback.message": "留言: staff answer the public's messages, which is not 先审后发 content",
}


class Rollback(Exception):
    pass


def public_urls(world):
    urls = [
        "/", reverse("visits:delegation_list"), reverse("projects:project_list"),
        world.trip.get_absolute_url(), world.meeting.get_absolute_url(), world.project.get_absolute_url(),
        world.person.get_absolute_url(), world.pairing.get_absolute_url(), world.topic.get_absolute_url(),
        world.region.get_absolute_url(), reverse("cooperation:feed"), reverse("cooperation:search") + "?q=世界",
        reverse("cooperation:search") + "?q=" + MARK, reverse("opendata:index"),
        # The indexes of the references: a new place, pairing or topic would be listed here first.
        reverse("cooperation:region_list"), reverse("cooperation:pairing_list"), reverse("cooperation:topic_list"),
        reverse("cooperation:sitemap_page"),
    ]
    for ledger in ("trips", "speeches", "projects", "figures", "site-visits", "trip-projects"):
        urls += [reverse("opendata:csv", args=[ledger]), reverse("opendata:json", args=[ledger])]
    urls += [reverse("cooperation:sitemap_section", kwargs={"section": section}) for section in SITEMAPS]
    return urls


def snapshot(client, urls):
    cache.clear()
    pages = {}
    for url in urls:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        # The open data says when it was generated: that is not content.
        text = re.sub(r'"generated_at": "[^"]*"', "", body.decode("utf-8", "replace"))
        pages[url] = (response.status_code, text)
    return pages


def differences(before, after):
    return sorted(url for url in before if before[url] != after[url])


class PublicPages:
    """The public pages as an anonymous visitor sees them (snapshot), rendered once per state of
    the rows they read.

    The first rendering notes every table its queries name and keeps a digest of those tables'
    rows. A later call whose digest is the same gets that rendering back: with the same rows to
    read, every query answers as before, and the pages come out as before (the cache is emptied
    before each rendering, so it adds nothing of its own). Any other state is rendered afresh.
    """

    def __init__(self, urls):
        from django.test import Client

        self.visitor = Client()
        self.urls = urls
        self.tables = None
        self.rendered = None  # (digest of the tables read, pages)
        self.renderings = 0

    def __call__(self):
        if self.rendered is not None and self.rendered[0] == rows_digest(self.tables):
            return self.rendered[1]
        with CaptureQueriesContext(connection) as queries:
            pages = snapshot(self.visitor, self.urls)
        self.renderings += 1
        if self.rendered is None:
            named = " ".join(query["sql"] for query in queries.captured_queries)
            self.tables = sorted(table for table in connection.introspection.table_names() if f'"{table}"' in named)
            self.rendered = (rows_digest(self.tables), pages)
        return pages


def rows_digest(tables):
    """Every row of `tables`, as a digest that any change of a value, or a row more or less, changes."""
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(tuple(bytes(value) if isinstance(value, memoryview) else value for value in row))
                          for row in cursor.fetchall())
            digest.update(f"{table}:{rows}".encode())
    return digest.hexdigest()


@pytest.fixture
def world():
    world = build_world(1)
    world.trip.source = Source.objects.create(title="世界报道", text="世界报道正文", url="https://example.gov.cn/1.html")
    world.trip.save(update_fields=["source"])
    world.project.photos.add(make_photo(caption="世界照片"))
    return world


@pytest.fixture
def public(world):
    return PublicPages(public_urls(world))


def marked(value, field):
    limit = getattr(field, "max_length", None) or 10_000
    return ((value or "")[: limit - len(MARK)] + MARK) if limit > len(MARK) else value


def attempt(client, public, before, action):
    """Run `action` in a savepoint that is rolled back; the public pages that changed meanwhile."""
    changed = []
    try:
        with transaction.atomic():
            if action() is not False:
                changed = differences(before, public())
            raise Rollback
    except Rollback:
        pass
    return changed


def save_change_form(client, url, page):
    """The record's change form posted back with its text marked and its numbers changed."""
    if page.status_code != 200 or not page.context.get("has_change_permission"):
        return False
    data = change_form_data(page)
    for name, field in text_fields(page):
        data[name] = marked(data.get(name), field)
    for bound in page.context["adminform"].form:
        # Figures carry no text: change the numbers.
        if isinstance(bound.field, forms.DecimalField) and data.get(bound.html_name):
            data[bound.html_name] = str(Decimal(data[bound.html_name]) + 7)
    return client.post(url, data)


def save_add_form(client, page, add_url, model):
    """The record's own data (its change `page`) posted as a new record (text marked, so unique
    names stay unique)."""
    add_page = client.get(add_url)
    if page.status_code != 200 or add_page.status_code != 200:
        return False
    data = change_form_data(page)
    data.pop("_edit_version", None)
    for name, field in text_fields(page):
        data[name] = marked(data.get(name), field)
    # What the change page shows read-only (a status, say) the add form asks for: its default.
    for bound in add_page.context["adminform"].form:
        if not data.get(bound.html_name) and bound.value() not in (None, ""):
            data[bound.html_name] = bound.value()
    if "year" in data:  # one figure per pairing, year and metric
        data["year"] = str(int(data["year"]) + 1)
    parents = {f"{inline.formset.prefix}-{i}-{inline.formset.fk.name}"
               for inline in page.context.get("inline_admin_formsets", [])
               for i in range(len(inline.formset.forms))}
    for key in list(data):
        if key.endswith("-INITIAL_FORMS"):
            data[key] = "0"
        if key.endswith("-id") or key in parents:
            data[key] = ""
        if key == "slug":
            data[key] = "men-jin-ce-shi"
    data.update(ADD_ADJUSTMENTS.get(model._meta.label_lower, dict)())
    response = client.post(add_url, data)
    if response.status_code != 302:
        form = response.context and response.context.get("adminform")
        errors = dict(form.form.errors) if form else {}
        for formset in (response.context or {}).get("inline_admin_formsets", []):
            errors.update({formset.formset.prefix: [*formset.formset.errors, formset.formset.non_form_errors()]})
        raise AddRejected(f"{response.status_code} {errors}")
    return response


class AddRejected(Exception):
    pass


def a_second_pair():
    """结对关系: one pairing per pair of regions, so the new one joins two regions the world does
    not pair (a Beijing district and a banner, both shipped with the division tree)."""
    from tests.builders import region

    return {"support_region": str(region("朝阳区").pk), "recipient_region": str(region("化德县").pk)}


def a_real_image():
    """照片: the image is a file, which a change page does not post back: a real small PNG is uploaded."""
    from tests.public_site import png_file

    return {"image": png_file("men-jin.png")}


# What an add needs besides the record's own data posted back.
ADD_ADJUSTMENTS = {"cooperation.pairing": a_second_pair, "cooperation.photo": a_real_image}

# Models whose add door cannot be walked by posting another record's data, each with the reason.
ADD_NOT_WALKED = {
    "auth.user": "账号: a new account needs its own name and password, and is no content",
}


def door_models():
    return sorted(
        (model for model in admin.site._registry if model._meta.label_lower not in NOT_CONTENT),
        key=lambda model: model._meta.label_lower,
    )


def walk(client, django_user_model, public, models, *, doors=("change", "add")):
    """Every door of `models` as every role that does not sign off: (leaks, rejected adds)."""
    before = public()
    leaks = []
    rejections = []

    for role in NON_PUBLISHER_ROLES:
        user = make_staff(django_user_model, f"gate-{ALL_ROLES.index(role)}", role)
        client.force_login(user)
        for model in models:
            obj = model._default_manager.order_by("pk").first()
            if obj is None:
                continue
            info = model._meta.app_label, model._meta.model_name
            change_url = reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
            add_url = reverse("admin:{}_{}_add".format(*info))
            # Both doors start from the change page as it is before any attempt (each attempt is
            # rolled back): it is opened once, by whichever door comes first.
            change_page = functools.cache(lambda url=change_url: client.get(url))
            for door, action in (
                ("change", lambda url=change_url, page=change_page: save_change_form(client, url, page())),
                ("add", lambda page=change_page, new=add_url, m=model: save_add_form(client, page(), new, m)),
            ):
                if door not in doors or (door == "add" and model._meta.label_lower in ADD_NOT_WALKED):
                    continue
                try:
                    changed = attempt(client, public, before, action)
                except AddRejected as rejected:
                    rejections.append(f"{role} {model._meta.label_lower} add rejected: {rejected}")
                    continue
                if changed:
                    leaks.append(f"{role} {model._meta.label_lower} {door}: {' '.join(changed)}")
    return leaks, rejections


# References: a place, pairing or topic (or a photo) may be added at once, as the records being
# written need it; no list shows it until a published record is filed under it (`in_public_use()`).
# The walk's add doors include theirs, as every role that does not sign off.
REFERENCES = {"cooperation.region", "cooperation.pairing", "cooperation.topic", "cooperation.photo"}


def test_every_admin_door_is_gated_for_every_role_that_does_not_sign_off(client, django_user_model, world, public):
    """Every change and add door, a new reference's included (REFERENCES)."""
    leaks, rejections = walk(client, django_user_model, public, door_models())

    assert rejections == []
    assert leaks == []


def test_the_walk_reaches_the_models_the_public_sees(world):
    walked = {model._meta.label_lower for model in door_models()}
    assert not REFERENCES & set(ADD_NOT_WALKED)  # their add doors are walked

    assert {
        "visits.delegation", "visits.meeting", "visits.speech", "visits.sitevisit", "visits.participant",
        "projects.project", "projects.projectupdate", "cooperation.person", "cooperation.appointment",
        "cooperation.source", "cooperation.photo", "cooperation.programfigure", "cooperation.topic",
        "cooperation.pairing", "cooperation.region", "cooperation.organization",
    } <= walked


def editor_for_imports(django_user_model):
    from accounts.roles import EDITOR

    return make_staff(django_user_model, "gate-importer", EDITOR)


def import_doors(world, user):
    code = world.trip.code or ""
    trip_ref = code or world.trip.title
    return {
        "trip ledger": lambda: run(trips_csv(trip(
            编号=code, 标题=world.trip.title, 开始日期=world.trip.start_date.isoformat(), 摘要=MARK,
        )), user=user),
        "speech ledger": lambda: run(speeches_csv(speech(
            活动编号=trip_ref, 会议=world.meeting.title, 发言人="门禁人物", 职务="门禁职务", 要点=MARK,
        )), user=user),
        "project ledger": lambda: run(projects_csv(project(
            项目名称=world.project.name, 支援方="大兴区", 受援方="正镶白旗", 简介=MARK,
        )), user=user),
    }


def test_no_import_by_an_editor_changes_a_public_page(django_user_model, world, public):
    before = public()
    user = editor_for_imports(django_user_model)

    leaks = [door for door, action in import_doors(world, user).items() if attempt(None, public, before, action)]

    print("\nLEAK", *leaks, sep="\nLEAK ")
    assert leaks == []


def shell_import(path, options):
    try:
        call_command("import_ledger", str(path), **options)
    except CommandError:  # refused: the file's problems are printed, nothing is written
        return False
    return True


def test_no_import_from_the_shell_changes_a_public_page(django_user_model, world, public, tmp_path):
    before = public()
    user = editor_for_imports(django_user_model)
    files = {
        "speech ledger": speeches_csv(speech(
            活动编号=world.trip.code or world.trip.title, 会议=world.meeting.title, 发言人="门禁人物", 要点=MARK,
        )),
        "trip ledger": trips_csv(trip(
            编号=world.trip.code or "", 标题=world.trip.title, 开始日期=world.trip.start_date.isoformat(), 摘要=MARK,
        )),
    }
    leaks = []

    for door, data in files.items():
        path = tmp_path / f"{door}.csv"
        path.write_bytes(data)
        for options in ({}, {"user": user.username}):
            if attempt(None, public, before, lambda p=path, o=options: shell_import(p, o)):
                leaks.append((door, tuple(options)))

    print("\nLEAK", *leaks, sep="\nLEAK ")
    assert leaks == []


def test_a_report_confirmed_as_a_draft_trip_changes_no_public_page(client, django_user_model, world):
    from tests.builders import make_editor, make_person
    from tests.visits.test_report_review import SEED_TEXT, confirm, paste

    zhang = make_person("张佰成")
    public = PublicPages([*public_urls(world), zhang.get_absolute_url()])
    before = public()
    client.force_login(make_editor(django_user_model, "gate-report"))
    response = paste(client, SEED_TEXT)

    changed = attempt(client, public, before, lambda: confirm(client, response))

    assert changed == []
