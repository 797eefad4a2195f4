"""Open data: published records only, in the import's columns, as CSV and JSON."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.ledger import PROJECT_HEADERS
from review.models import Status
from tests.builders import (
    make_delegation,
    make_meeting,
    make_participant,
    make_person,
    make_project,
    make_site_visit,
    make_speech,
    region,
)
from visits.ledgers.common import SPEECH_HEADERS, TRIP_HEADERS

pytestmark = pytest.mark.django_db

FUTURE = timezone.now() + datetime.timedelta(days=3)


def every_status(make, **fields):
    """One record in each state; only the first may ever be downloaded."""
    return [
        make(title_or_name="公开的", status=Status.PUBLISHED, **fields),
        make(title_or_name="草稿", status=Status.DRAFT, **fields),
        make(title_or_name="待审", status=Status.REVIEW, **fields),
        make(title_or_name="已撤回", status=Status.WITHDRAWN, **fields),
        make(title_or_name="定时发布", status=Status.PUBLISHED, published_at=FUTURE, **fields),
    ]


def trip(title_or_name, **fields):
    return make_delegation(title=title_or_name, origin=region("大兴区"), **fields)


def project(title_or_name, **fields):
    return make_project(name=title_or_name, **fields)


def csv_rows(response):
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_index_lists_every_download(client):
    every_status(trip)

    response = client.get(reverse("opendata:index"))

    assert response.status_code == 200
    assert [(d["table"].title, d["count"]) for d in response.context["downloads"]] == [
        ("项目", 0),
        ("年度数据", 0),
        ("考察活动", 1),
        ("会议发言", 0),
        ("考察点", 0),
        ("活动项目", 0),
    ]
    page = response.content.decode()
    for slug in ("trips", "speeches", "projects", "figures", "site-visits", "trip-projects"):
        assert reverse("opendata:csv", args=[slug]) in page and reverse("opendata:json", args=[slug]) in page
    assert reverse("opendata:package") in page


def test_trips_only_published_in_the_ledgers_columns(client):
    trips = every_status(trip)
    make_participant(
        trips[0], make_person("王有国"), name_as_printed="王有国", title_as_printed="区委书记", role="leader"
    )
    site = make_site_visit(trips[0], place="产业园", description="看了")
    site.projects.add(make_project("公开的项目", code="P1"), make_project("草稿项目", status=Status.DRAFT))

    rows = csv_rows(client.get(reverse("opendata:csv", args=["trips"])))

    assert rows[0] == [*TRIP_HEADERS, "ID", "网址"]
    assert [(r[1], r[6], r[10], r[13], r[19], r[20]) for r in rows[1:]] == [
        ("公开的", "王有国（区委书记）", "产业园：看了", "P1", str(trips[0].pk), f"http://testserver{trips[0].get_absolute_url()}")
    ]


def test_speeches_only_of_published_meetings_of_published_trips(client):
    trips = every_status(trip)
    for delegation in trips:
        make_speech(make_meeting(delegation, title=f"{delegation.title}的会"), None, name_as_printed="甲")
    make_speech(make_meeting(trips[0], title="草稿会议", status=Status.DRAFT), None, name_as_printed="乙")

    rows = csv_rows(client.get(reverse("opendata:csv", args=["speeches"])))

    assert rows[0] == [*SPEECH_HEADERS, "ID", "活动ID", "会议ID", "网址"]
    assert [(r[0], r[1], r[6], r[11]) for r in rows[1:]] == [("公开的", "公开的的会", "甲", str(trips[0].pk))]


def test_projects_as_json_only_published(client):
    every_status(project, start_year=2024)

    response = client.get(reverse("opendata:json", args=["projects"]))

    document = json.loads(response.content)
    assert (document["ledger"], document["columns"]) == ("项目", [*PROJECT_HEADERS, "ID", "网址"])
    assert [(r["项目名称"], r["年度"]) for r in document["records"]] == [("公开的", 2024)]


def test_json_dates_are_iso_at_their_precision(client):
    make_delegation(title="一", origin=region("大兴区"), start_date=datetime.date(2024, 6, 1), date_precision="month")
    make_delegation(title="二", origin=region("大兴区"), start_date=datetime.date(2024, 6, 20))

    records = json.loads(client.get(reverse("opendata:json", args=["trips"])).content)["records"]

    assert [(r["标题"], r["开始日期"]) for r in records] == [("一", "2024-06"), ("二", "2024-06-20")]


def test_a_formula_in_a_published_title_is_neutralised_in_the_csv(client):
    make_delegation(title='=HYPERLINK("http://evil")', origin=region("大兴区"))

    rows = csv_rows(client.get(reverse("opendata:csv", args=["trips"])))

    assert rows[1][1] == '\'=HYPERLINK("http://evil")'


def test_an_unknown_download_is_not_found(client):
    assert client.get("/data/people.csv").status_code == 404
    assert client.get("/data/trips.xml").status_code == 404


def test_a_download_follows_a_bulk_update_that_changes_no_count_nor_edit_time(client):
    trip = make_delegation(title="批量修改前的考察")
    assert "批量修改前的考察" in client.get("/data/trips.csv").content.decode("utf-8-sig")

    type(trip).objects.filter(pk=trip.pk).update(title="批量修改后的考察")
    text = client.get("/data/trips.csv").content.decode("utf-8-sig")

    assert "批量修改后的考察" in text and "批量修改前的考察" not in text


@pytest.mark.parametrize("count", [1, 4])
def test_a_download_asks_the_same_number_of_queries_however_many_trips(client, django_assert_num_queries, count):
    for n in range(count):
        delegation = trip(f"考察{n}", status=Status.PUBLISHED)
        make_participant(delegation, make_person(f"人{n}"))
        make_site_visit(delegation).projects.add(make_project(f"项目{n}"))
        delegation.destinations.add(region("察右前旗"))

    with django_assert_num_queries(9):
        client.get(reverse("opendata:csv", args=["trips"]))
