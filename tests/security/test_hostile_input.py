"""Hostile text goes in through the admin's real forms and through the import, and comes out as text.

Each payload of the corpus is written into every text field of every content record's admin
page (inline rows included), and into every free-text column of the three ledgers. Then it
must be shown, escaped and inert, on every public page that shows it, in the admin's change
and list pages, in the import's dry run, in the feed, and in the exports (CSV, XLSX, the
open-data CSV and JSON), where a cell that starts like a formula is neutralised. Link fields
refuse javascript: and data: addresses with a message that says why.
"""

import csv
import datetime
import io
import json
from xml.etree import ElementTree

import PIL.Image
import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from cooperation.ledgers.service import import_file
from cooperation.models import Appointment, Person, Photo, Source
from projects.ledger import PROJECT_HEADERS
from projects.models import Project, ProjectUpdate
from review import publishing
from review.models import ReviewRequest, Status
from tests.builders import (
    make_delegation,
    make_meeting,
    make_organization,
    make_pairing,
    make_participant,
    make_person,
    make_project,
    make_region,
    make_site_visit,
    make_speech,
    make_topic,
)
from tests.cooperation.ledger_builders import csv_bytes, project, speech, trip
from tests.security.admin_forms import change_form_data, text_fields
from tests.security.hostile_corpus import FORMULA_STARTS, PAYLOADS, assert_shown_as_text, fits
from visits.ledgers.common import SPEECH_HEADERS, TRIP_HEADERS
from visits.models import Delegation, Meeting, Speech

pytestmark = pytest.mark.django_db

PAYLOAD_IDS = list(PAYLOADS)
SAFE_LINK = 'https://example.org/report?a="><script>alert(1)</script>'


@pytest.fixture
def final_step_only():
    """The office's chains are 终审签发 alone: a publisher's 导入即发布 signs off by itself
    (otherwise it submits the batch, tests/review/test_imports.py)."""
    from review.models import ReviewPolicy

    ReviewPolicy.objects.update(first_review=False, second_review=False)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", password="pw-for-tests-only")


def a_world():
    """One draft record of every kind, tied together as the public pages show them."""
    pairing = make_pairing("大兴区", "察右前旗")
    township = make_region(parent=pairing.recipient_region)
    topic = make_topic()
    organization = make_organization(region=township)
    source = Source.objects.create(title="报道", url="https://example.org/a")
    person = make_person(status=Status.DRAFT)
    Appointment.objects.create(person=person, title="旗长", organization=organization)
    image = io.BytesIO()
    PIL.Image.new("RGB", (8, 6), "white").save(image, "PNG")
    photo = Photo.objects.create(image=SimpleUploadedFile("p.png", image.getvalue()), alt_text="照片")
    trip = make_delegation(status=Status.DRAFT, source=source, cover_photo=photo)
    trip.destinations.add(pairing.recipient_region)
    trip.pairings.add(pairing)
    trip.topics.add(topic)
    make_participant(trip, person, role="leader", name_as_printed="张三", title_as_printed="书记")
    project = make_project(status=Status.DRAFT, pairing=pairing, region=township, organization=organization)
    project.topics.add(topic)
    ProjectUpdate.objects.create(project=project, date=datetime.date(2024, 6, 1), title="开工")
    visit = make_site_visit(trip, region=township, organization=organization, description="看了")
    visit.projects.add(project)
    meeting = make_meeting(trip, status=Status.DRAFT, region=pairing.recipient_region, chair=person)
    make_speech(meeting, person, points="要点")
    return {
        "trip": trip, "meeting": meeting, "project": project, "person": person, "pairing": pairing,
        "township": township, "topic": topic, "organization": organization, "source": source, "photo": photo,
    }


# The records whose admin pages are posted, each with its inline rows.
POSTED = ["trip", "meeting", "project", "person", "organization", "topic", "pairing", "township", "source", "photo"]


def publish_all(user):
    """Publishing is not under test here: the records are made public directly, and the changes
    of references (held for review as soon as they are saved) applied as 终审签发 would."""
    from django.test import RequestFactory

    request = RequestFactory().post("/")
    request.user = user
    for review_request in ReviewRequest.objects.pending().filter(action="change"):
        publishing.apply_revision(review_request, request)
    now = timezone.now()
    for model in (Delegation, Meeting, Project, Person):
        model.objects.update(status=Status.PUBLISHED, published_at=now)


def post_hostile_form(client, record, payload):
    """Fill every text input of the record's change page with the payload; return what was filled."""
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    page = client.get(url)
    data = change_form_data(page)
    filled = []
    for name, field in text_fields(page):
        if isinstance(field, forms.URLField):
            data[name] = SAFE_LINK
            continue
        if fits(payload, field.max_length):
            data[name] = payload
            filled.append(name)
    response = client.post(url, data)
    assert response.status_code == 302, (url, _errors(response))
    return filled


def _errors(response):
    if response.context is None:
        return response.status_code
    return response.context["adminform"].form.errors, [
        inline.formset.errors for inline in response.context.get("inline_admin_formsets", [])
    ]


def public_pages(world):
    trip, project, person = world["trip"], world["project"], world["person"]
    return [
        reverse("cooperation:home"),
        reverse("visits:delegation_list"),
        trip.get_absolute_url(),
        world["meeting"].get_absolute_url(),
        reverse("projects:project_list"),
        project.get_absolute_url(),
        person.get_absolute_url(),
        world["township"].get_absolute_url(),
        world["pairing"].get_absolute_url(),
        world["topic"].get_absolute_url(),
    ]


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOAD_IDS)
def test_hostile_text_entered_in_the_admin_is_shown_as_text_everywhere(client, superuser, payload):
    world = a_world()
    client.force_login(superuser)

    filled = {key: post_hostile_form(client, world[key], payload) for key in POSTED}
    publish_all(superuser)

    # Every filled field holds exactly what was typed (forms trim surrounding spaces only).
    stored = payload.strip()
    assert Delegation.objects.get().title == stored and Speech.objects.get().points == stored
    assert all(filled.values()), filled
    for key in POSTED:
        opts = world[key]._meta
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[world[key].pk])
        # Filtered to the record: where it falls in the list's order depends on the database's collation.
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + (
            f"?{opts.pk.name}__exact={world[key].pk}"
        )
        assert_shown_as_text(client.get(change).content.decode(), [stored], change)
        # A list shows the payload when its first column is a field that took it (not a pairing's
        # two regions, nor a name too short for this payload).
        listed = admin.site._registry[type(world[key])].list_display[0] in filled[key]
        assert_shown_as_text(client.get(changelist).content.decode(), [stored], changelist, shown=listed)
    client.logout()
    shown = {}
    for url in public_pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        shown[url] = response.content.decode()
        assert_shown_as_text(shown[url], [stored], url)
    assert_shown_as_text(shown[world["trip"].get_absolute_url()], [SAFE_LINK], "the source link")
    search = client.get(reverse("cooperation:search"), {"q": payload})
    assert_shown_as_text(search.content.decode(), [stored], "search")


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOAD_IDS)
def test_the_feed_carries_hostile_text_as_text(client, payload):
    make_delegation(title=payload, name=payload, summary=payload)

    response = client.get(reverse("cooperation:feed"))

    entry = ElementTree.fromstring(response.content).find("{http://www.w3.org/2005/Atom}entry")
    title = entry.find("{http://www.w3.org/2005/Atom}title")
    summary = entry.find("{http://www.w3.org/2005/Atom}summary")
    assert title.text == payload and title.get("type") in (None, "text")
    # A summary declared as HTML is read as HTML by feed readers: the text must arrive escaped.
    shown = summary.text if summary.get("type") in (None, "text") else _html_text(summary.text)
    assert shown == payload


def _html_text(fragment):
    from tests.security.hostile_corpus import inspect_html

    problems, seen = inspect_html(fragment)
    assert problems == []
    return seen


# Link fields ------------------------------------------------------------------------------


def link_fields():
    """Every URL field of every model that has an admin page."""
    return [
        (model, field)
        for model in apps.get_models()
        if model in admin.site._registry
        for field in model._meta.get_fields()
        if isinstance(field, models.URLField)
    ]


@pytest.mark.parametrize(
    "address",
    ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
     "vbscript:msgbox(1)", "javascript://example.org/%0aalert(1)"],
)
def test_every_link_field_refuses_code_with_a_clear_message(client, superuser, address):
    client.force_login(superuser)
    checked = []

    for model, field in link_fields():
        opts = model._meta
        try:
            page = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        except NoReverseMatch:
            continue  # records the system keeps, with no add page at all
        if page.status_code != 200 or field.name not in page.context["adminform"].form.fields:
            continue  # a link the system records (a link checker's finding), not one staff type in
        data = change_form_data(page)
        data[field.name] = address
        response = client.post(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"), data)

        assert response.status_code == 200, (model, field.name)
        errors = response.context["adminform"].form.errors.get(field.name)
        assert errors == ["请填写以 http:// 或 https:// 开头的网址。"], (model, field.name, errors)
        checked.append(field)

    assert "cooperation.Source.url" in [f"{f.model._meta.label}.{f.name}" for f in checked]


def test_a_link_field_still_takes_an_ordinary_address(client, superuser):
    client.force_login(superuser)
    page = client.get(reverse("admin:cooperation_source_add"))
    data = change_form_data(page)
    data.update(title="报道", url="https://www.example.gov.cn/news/1.html")

    response = client.post(reverse("admin:cooperation_source_add"), data)

    assert response.status_code == 302
    assert Source.objects.get().url == "https://www.example.gov.cn/news/1.html"


# The import, its dry run, and the exports ---------------------------------------------------

TRIP_TEXT = ["编号", "标题", "代表团", "来源", "摘要", "正文"]
SPEECH_TEXT = ["会议", "会议地点", "要点"]
PROJECT_TEXT = ["编号", "项目名称", "实施主体", "简介"]


# Characters that structure a ledger cell (姓名（职务）, 地点：内容, list separators): a payload
# holding one of them is tried in the free-text columns, and a plain one beside it in the others.
STRUCTURE = set("()（）;；、，,:：\n")


def hostile_ledgers(payload, with_projects):
    """The three sheets with the payload in every free-text column, people and stops included."""
    structured = payload if not STRUCTURE & set(payload) else "旗长"
    trips = [trip(
        **dict.fromkeys(TRIP_TEXT, payload), 带队领导=f"张三（{structured}）", 代表团成员=f"李四（{structured}）",
        出席人员=f"王五（{structured}）", 考察点=f"测试点：{structured}",
        相关项目=structured if with_projects and structured == payload else "",
    )]
    speeches = [speech(**dict.fromkeys(SPEECH_TEXT, payload), 活动编号=payload, 发言人="李四", 职务=payload)]
    projects = [project(**dict.fromkeys(PROJECT_TEXT, payload))]
    return {
        "项目": (PROJECT_HEADERS, projects),
        "考察活动": (TRIP_HEADERS, trips),
        "会议发言": (SPEECH_HEADERS, speeches),
    }


def text_xlsx(sheets):
    """A workbook whose cells are all text cells: =… is typed text here, not a formula."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (headers, rows) in sheets.items():
        worksheet = workbook.create_sheet(name)
        for row_number, values in enumerate([headers, *rows], start=1):
            for column, value in enumerate(values, start=1):
                cell = worksheet.cell(row=row_number, column=column)
                cell.value = value
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Person names are short: the payloads that fit in 姓名 and 职务 are the ones tried there.
LEDGER_PAYLOADS = {key: value for key, value in PAYLOADS.items() if fits(value, 40)}


@pytest.mark.usefixtures("final_step_only")
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("payload", LEDGER_PAYLOADS.values(), ids=list(LEDGER_PAYLOADS))
def test_hostile_cells_are_shown_as_text_in_the_dry_run_the_pages_and_the_exports(
    client, superuser, payload, file_format
):
    sheets = hostile_ledgers(payload, with_projects=file_format == "xlsx")
    if file_format == "xlsx":
        data, name = text_xlsx(sheets), "台账.xlsx"
    else:
        headers, rows = sheets["考察活动"]
        data, name = csv_bytes(headers, rows), "考察活动.csv"
    client.force_login(superuser)

    dry_run = client.post(reverse("admin:ledgers_importbatch_add"), {"file": SimpleUploadedFile(name, data)})

    assert dry_run.status_code == 200
    assert not dry_run.context["report"].has_errors, dry_run.context["report"].problems
    assert_shown_as_text(dry_run.content.decode(), [payload.strip()], "dry run")
    report = import_file(data, name, user=superuser, publish=True, dry_run=False)
    assert not report.has_errors
    trip_record = Delegation.objects.get()
    assert trip_record.title == payload.strip()

    for url in [trip_record.get_absolute_url(), reverse("visits:delegation_list"),
                reverse("admin:visits_delegation_changelist"),
                reverse("admin:visits_delegation_change", args=[trip_record.pk])]:
        assert_shown_as_text(client.get(url).content.decode(), [payload.strip()], url)
    if file_format == "xlsx":
        for url in [Project.objects.get().get_absolute_url(), Meeting.objects.get().get_absolute_url()]:
            assert_shown_as_text(client.get(url).content.decode(), [payload.strip()], url)

    exported = client.post(reverse("admin:ledgers_importbatch_export"), {"ledger": "trips", "file_format": "csv"})
    assert_neutralised_csv(exported.content, payload.strip())
    workbook = client.post(reverse("admin:ledgers_importbatch_export"), {"ledger": "", "file_format": "xlsx"})
    assert_neutralised_xlsx(workbook.content, payload.strip())
    client.logout()
    assert_neutralised_csv(client.get(reverse("opendata:csv", args=["trips"])).content, payload.strip())
    records = json.loads(client.get(reverse("opendata:json", args=["trips"])).content)["records"]
    assert records[0]["标题"] == payload.strip()


def assert_neutralised_csv(content, payload):
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    expected = "'" + payload if payload.startswith(FORMULA_STARTS) else payload
    assert expected in cells
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]


def assert_neutralised_xlsx(content, payload):
    workbook = load_workbook(io.BytesIO(content))
    cells = [cell for sheet in workbook for row in sheet.iter_rows(min_row=2) for cell in row if cell.value]
    expected = "'" + payload if payload.startswith(FORMULA_STARTS) else payload
    assert expected in [cell.value for cell in cells]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert not [cell.value for cell in cells if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)]


@pytest.mark.parametrize("address", ["javascript:alert(1)", "data:text/html,<b>x</b>", "vbscript:x"])
def test_the_import_refuses_a_link_that_runs_code_and_says_so(client, superuser, address):
    client.force_login(superuser)
    data = csv_bytes(TRIP_HEADERS, [trip(链接=address)])

    dry_run = client.post(reverse("admin:ledgers_importbatch_add"), {"file": SimpleUploadedFile("t.csv", data)})

    problems = dry_run.context["report"].problems
    assert [(p.column, p.value) for p in problems] == [("链接", address)]
    assert "http:// 或 https://" in str(problems[0].message)
    assert_shown_as_text(dry_run.content.decode(), [address], "dry run")
    assert Delegation.objects.count() == 0
