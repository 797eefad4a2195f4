"""Every admin page over the seed report: each change list asks as many queries with more rows,
each add, change and history page opens, the search box works on every list, and each change
list and change form is the page Django's own templates make.

The seed is loaded once for the module (conftest.py, seed_for_module): the tests only read it,
and what each adds or changes is rolled back when it ends, as in every test."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib import admin
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cooperation.models import Appointment, ProgramFigure, Source
from projects.models import ProjectUpdate
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
    region,
)
from tests.security.admin_forms import change_form_data
from visits.models import Delegation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_for_module")]

# The audit log opens to the 审计管理员 only, never to a superuser; tests/accounts covers its pages.
MODELS = [m for m in sorted(admin.site._registry, key=lambda m: m._meta.label) if m._meta.app_label != "accounts"]


def add_more_of_everything():
    """Several more rows of every kind, each with its related rows, as an office accumulates."""
    for n in range(4):
        organization = make_organization(f"单位{n}", region=region("正镶白旗"))
        person = make_person(f"张三{n}", title=f"旗长{n}")
        Appointment.objects.create(person=person, title="副书记", organization=organization)
        pairing = make_pairing("朝阳区", ["察右后旗", "科右前旗", "阿鲁科尔沁旗", "正蓝旗"][n])
        township = make_region(f"新镇{n}", parent=pairing.recipient_region)
        trip = make_delegation(origin=region("朝阳区"), start_date=datetime.date(2023, 5, n + 1))
        trip.destinations.add(pairing.recipient_region)
        trip.pairings.add(pairing)
        make_participant(trip, person, role="leader")
        project = make_project(pairing=pairing, region=township, organization=organization)
        ProjectUpdate.objects.create(project=project, date=datetime.date(2023, 6, 1), title="开工")
        make_site_visit(trip, region=township, organization=organization).projects.add(project)
        meeting = make_meeting(trip, region=pairing.recipient_region, chair=person)
        make_speech(meeting, person)
        source = Source.objects.create(title=f"报道{n}")
        ProgramFigure.objects.create(pairing=pairing, year=2023, metric="funds", actual=Decimal(100 + n), source=source)


def changelist_queries(client, model, query=None):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query or {})
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("query", [None, {"q": "王"}], ids=["list", "search"])
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_changelist_asks_the_same_number_of_queries_with_more_rows(admin_client, model, query):
    few = changelist_queries(admin_client, model, query)

    add_more_of_everything()
    many = changelist_queries(admin_client, model, query)

    assert many == few


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_add_and_change_form_opens(admin_client, admin_user, rf, model):
    info = (model._meta.app_label, model._meta.model_name)
    obj = model._default_manager.order_by("pk").last()
    request = rf.get("/")
    request.user = admin_user

    # Records only ever made by the system (login attempts and logs) have no add form.
    if admin.site._registry[model].has_add_permission(request):
        assert admin_client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200
    if obj is not None:
        change = admin_client.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
        assert change.status_code == 200
        history = admin_client.get(reverse("admin:{}_{}_history".format(*info), args=[obj.pk]))
        assert history.status_code == 200


def test_the_search_box_works_on_every_changelist(admin_client):
    for model in MODELS:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert admin_client.get(url, {"q": "王有国"}).status_code == 200, url


def _as_djangos_templates(tmp_path, settings, copies=("includes/fieldset.html", "edit_inline/tabular.html",
                                                      "edit_inline/stacked.html")):
    """The site's templates less its copies of Django's (by default its fieldset and inline templates)."""
    import shutil

    from django.conf import settings as current

    own = Path(current.BASE_DIR) / "templates"
    copy = tmp_path / "templates"
    shutil.copytree(own, copy)
    for name in copies:
        (copy / "admin" / name).unlink()
    settings.TEMPLATES = [{**current.TEMPLATES[0], "DIRS": [copy]}, *current.TEMPLATES[1:]]


def _page(response):
    """A page's markup, each run of whitespace as one and the form's CSRF token left out."""
    import re

    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
    return " ".join(html.split())


def test_every_change_form_is_the_page_djangos_own_fieldset_and_inline_templates_make(
    client, admin_client, django_user_model, tmp_path, settings
):
    """The fields of each fieldset line and tabular row are made by one filter, not a dozen template
    nodes each (accounts/templatetags/admin_form_rows.py): the same page, for editing, for viewing
    only (read-only fields everywhere), and sent back with its errors."""
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("viewer", password="x" * 20, is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    client.force_login(viewer)
    trip = Delegation.objects.annotate(n=Count("participants")).order_by("-n", "pk").first()
    trip_url = reverse("admin:visits_delegation_change", args=[trip.pk])
    opened = admin_client.get(trip_url)
    with_errors = {**change_form_data(opened), "title": "", "participants-0-side": "neither"}
    pages = [(admin_client, trip_url, with_errors)]
    for model in MODELS:
        obj = model._default_manager.order_by("pk").last()
        if obj is not None:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
            pages += [(admin_client, url, None), (client, url, None)]

    def rendered():
        found = []
        for who, url, data in pages:
            response = who.get(url) if data is None else who.post(url, data)
            found.append((url, response.status_code, _page(response)))
        return found

    ours = rendered()
    _as_djangos_templates(tmp_path, settings)
    djangos = rendered()

    for (url, status, page), (_url, djangos_status, djangos_page) in zip(ours, djangos, strict=True):
        assert (url, status, page) == (url, djangos_status, djangos_page)
    assert "errorlist" in ours[0][2] and 'class="readonly"' in ours[-1][2] + ours[-3][2]


def test_every_change_list_is_the_page_djangos_own_templates_make(
    client, admin_client, django_user_model, tmp_path, settings
):
    """Each row's cells are made with each column looked up once per list, not once per cell
    (accounts/templatetags/admin_list_rows.py): the same page, filtered and sorted (each row's link
    keeps the filters), in a popup (each row's link names its key), and for a user who may only
    view (no selection boxes, editable lists shown as text)."""
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("viewer", password="x" * 20, is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    client.force_login(viewer)
    add_more_of_everything()
    pages = []
    for model in MODELS:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        pages += [
            (admin_client, url, {}), (admin_client, url, {"o": "-2", "q": "旗"}),
            (admin_client, url, {"_popup": "1", "_to_field": "id"}), (client, url, {}),
        ]

    def rendered():
        return [(who is client, url, query, _page(who.get(url, query))) for who, url, query in pages]

    ours = rendered()
    _as_djangos_templates(tmp_path, settings, ["change_list.html", "change_list_results.html", "filter.html"])
    djangos = rendered()

    for (viewing, url, query, page), (*_same, djangos_page) in zip(ours, djangos, strict=True):
        assert (viewing, url, query, page) == (viewing, url, query, djangos_page)
    with_rows = {url for viewing, url, query, page in ours if not viewing and not query and "<tbody>" in page}
    assert with_rows >= {
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in MODELS if model._default_manager.exists()
    }
    assert any("_changelist_filters=o%3D-2%26q%3D%25E6%2597%2597" in page for *_about, page in ours)
    assert any("data-popup-opener=" in page for *_about, page in ours)
    assert any(viewing and "<tbody>" in page and "action-checkbox" not in page for viewing, *_about, page in ours)
