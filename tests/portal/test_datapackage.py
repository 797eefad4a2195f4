"""The open data as a Frictionless data package, checked as an integrator would: with frictionless."""

import csv
import json

import pytest
from django.urls import reverse

from cooperation.ledgers.service import import_file
from review.models import Status
from tests.builders import (
    make_delegation,
    make_meeting,
    make_project,
    make_site_visit,
    make_speech,
    region,
)
from tests.public_site import build_world

pytestmark = pytest.mark.django_db


def download_package(client, folder):
    """datapackage.json and every file it names, saved side by side as a reader would keep them."""
    response = client.get(reverse("opendata:package"))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    descriptor = json.loads(response.content)
    for resource in descriptor["resources"]:
        name = resource["name"]
        assert resource["path"] == f"http://testserver/data/{name}.csv"
        data = client.get(f"/data/{name}.csv").content
        (folder / f"{name}.csv").write_bytes(data)
        resource["path"] = f"{name}.csv"
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    return descriptor


def validate(folder):
    import frictionless  # imported by the tests that check: every worker collects this module

    report = frictionless.Package(str(folder / "datapackage.json")).validate()
    return [(task.name, error.type, error.note) for task in report.tasks for error in task.errors] + [
        ("package", error.type, error.note) for error in report.errors
    ]


def read(folder, name):
    with open(folder / f"{name}.csv", encoding="utf-8-sig", newline="") as data:
        return list(csv.DictReader(data))


def mixed_world():
    """Published trips with stops, speeches and projects, beside drafts that must not leak."""
    shown = make_delegation(title="公开考察", origin=region("大兴区"))
    hidden = make_delegation(title="草稿考察", origin=region("大兴区"), status=Status.DRAFT)
    public_project = make_project("公开项目", code="P-1", start_year=2024, stage="building", aid_funds=120)
    draft_project = make_project("草稿项目", status=Status.DRAFT)
    stop = make_site_visit(shown, place="产业园", description="看了温室")
    stop.projects.add(public_project, draft_project)
    make_site_visit(shown, place="人才公寓")
    make_site_visit(hidden, place="不该出现的地方").projects.add(public_project)
    shown.related_projects.add(public_project)
    make_speech(make_meeting(shown, title="座谈会"), None, name_as_printed="甲", title_as_printed="旗委书记")
    make_speech(make_meeting(hidden, title="草稿会"), None, name_as_printed="乙")
    make_speech(make_meeting(None, title="单独的对接会"), None, name_as_printed="丙")
    return shown, hidden, stop, public_project


def test_the_package_validates_and_joins_by_id(client, tmp_path):
    shown, _hidden, stop, public_project = mixed_world()

    descriptor = download_package(client, tmp_path)

    assert validate(tmp_path) == []
    assert [resource["name"] for resource in descriptor["resources"]] == [
        "projects",
        "figures",
        "trips",
        "speeches",
        "site-visits",
        "trip-projects",
    ]
    trip_url = f"http://testserver{shown.get_absolute_url()}"
    assert [(row["ID"], row["标题"], row["网址"]) for row in read(tmp_path, "trips")] == [
        (str(shown.pk), "公开考察", trip_url)
    ]
    # The two meetings are of different trips (one of none): which comes first is the database's.
    assert sorted((row["发言人"], row["活动ID"], row["会议"]) for row in read(tmp_path, "speeches")) == [
        ("丙", "", "单独的对接会"),
        ("甲", str(shown.pk), "座谈会"),
    ]
    assert [(row["活动ID"], row["顺序"], row["地点"], row["网址"]) for row in read(tmp_path, "site-visits")] == [
        (str(shown.pk), "1", "产业园", f"{trip_url}#site-{stop.pk}"),
        (str(shown.pk), "2", "人才公寓", f"{trip_url}#site-{stop.pk + 1}"),
    ]
    assert [tuple(row.values()) for row in read(tmp_path, "trip-projects")] == [
        (str(shown.pk), str(public_project.pk), str(stop.pk), "考察"),
        (str(shown.pk), str(public_project.pk), "", "相关"),
    ]
    assert [(row["ID"], row["编号"], row["网址"]) for row in read(tmp_path, "projects")] == [
        (str(public_project.pk), "P-1", f"http://testserver{public_project.get_absolute_url()}")
    ]


def test_the_schema_types_the_columns_as_an_integrator_reads_them(client, tmp_path):
    mixed_world()
    download_package(client, tmp_path)

    import frictionless

    package = frictionless.Package(str(tmp_path / "datapackage.json"))
    project = package.get_resource("projects").read_rows()[0]
    trip_fields = {field.name: field for field in package.get_resource("trips").schema.fields}

    assert (project["ID"], project["年度"], project["帮扶资金（万元）"], project["状态"]) == (
        project["ID"],
        2024,
        120,
        "在建",
    )
    assert isinstance(project["ID"], int)
    assert trip_fields["类型"].constraints["enum"] == ["考察", "来访", "调研", "签约", "会议", "其他"]
    assert package.get_resource("speeches").schema.foreign_keys == [
        {"fields": ["活动ID"], "reference": {"resource": "trips", "fields": ["ID"]}}
    ]


def test_a_row_naming_a_trip_the_package_lacks_fails_validation(client, tmp_path):
    # The check above would pass on a package without foreign keys: this shows they are checked.
    mixed_world()
    download_package(client, tmp_path)
    trips = (tmp_path / "trips.csv").read_bytes().split(b"\r\n")

    (tmp_path / "trips.csv").write_bytes(b"\r\n".join([*trips[:1], b""]))

    assert {(task, kind) for task, kind, _note in validate(tmp_path)} == {
        ("speeches", "foreign-key"),
        ("site-visits", "foreign-key"),
        ("trip-projects", "foreign-key"),
    }


def test_the_seed_and_a_larger_world_validate(client, tmp_path, seed):
    build_world(3)

    descriptor = download_package(client, tmp_path)

    assert validate(tmp_path) == []
    counts = {resource["name"]: len(read(tmp_path, resource["name"])) for resource in descriptor["resources"]}
    assert all(counts.values()), counts


def test_the_files_are_in_chinese_whatever_the_readers_language(client, tmp_path):
    mixed_world()

    client.get("/data/datapackage.json", HTTP_ACCEPT_LANGUAGE="en")
    text = client.get("/data/trips.csv", HTTP_ACCEPT_LANGUAGE="en").content.decode("utf-8-sig")
    links = client.get("/data/trip-projects.csv", HTTP_ACCEPT_LANGUAGE="en").content.decode("utf-8-sig")

    assert ",考察," in text and "考察" in links and "Inspection" not in text


def test_the_ledger_downloads_reimport_unchanged(client):
    # Everything published (a public download leaves drafts out, so a re-import would drop them).
    trip = make_delegation(title="公开考察")
    trip.destinations.add(region("察右前旗"))
    make_site_visit(trip, place="产业园", description="看了温室").projects.add(make_project("公开项目", code="P-1"))
    make_speech(make_meeting(trip, title="座谈会"), None, name_as_printed="甲", title_as_printed="旗委书记")
    files = {name: client.get(f"/data/{name}.csv").content for name in ("projects", "trips", "speeches")}

    reports = {name: import_file(data, f"{name}.csv", dry_run=True) for name, data in files.items()}

    for name, report in reports.items():
        assert not report.has_errors, (name, report.problems, report.refusals)
        counts = [(result.counts["new"], result.counts["updated"]) for result in report.results]
        assert counts == [(0, 0)], name


@pytest.mark.parametrize("size", [1, 3])
def test_the_derived_tables_ask_the_same_queries_however_many_records(client, django_assert_num_queries, size):
    build_world(size)

    with django_assert_num_queries(1):
        client.get("/data/site-visits.csv")
    with django_assert_num_queries(2):
        client.get("/data/trip-projects.csv")


def test_the_package_is_in_the_sitemap_and_linked_from_the_data_page(client):
    page = client.get(reverse("opendata:index")).content.decode()
    sitemap = client.get("/sitemap-pages.xml").content.decode()

    assert 'href="/data/datapackage.json"' in page
    assert "<loc>http://testserver/data/</loc>" in sitemap


def test_json_of_a_derived_table(client):
    shown, _hidden, stop, _project = mixed_world()

    document = json.loads(client.get("/data/site-visits.json").content)

    assert (document["ledger"], document["columns"]) == (
        "考察点",
        ["ID", "活动ID", "顺序", "日期", "地点", "考察内容", "网址"],
    )
    assert [(r["ID"], r["活动ID"], r["地点"]) for r in document["records"]] == [
        (stop.pk, shown.pk, "产业园"),
        (stop.pk + 1, shown.pk, "人才公寓"),
    ]
