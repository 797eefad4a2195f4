"""An inline's autocomplete fields read their chosen records once for all rows, and show them as Django does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.admin_base import ChosenBeforehand
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
)
from tests.security.admin_forms import change_form_data

pytestmark = pytest.mark.django_db


def add_rows(trip, count):
    """Rows of every inline of a trip, each naming records of its own."""
    for _ in range(count):
        make_participant(trip, make_person())
        visit = make_site_visit(trip, organization=make_organization(), region=make_region())
        visit.projects.add(make_project(), make_project())
        meeting = make_meeting(trip, region=make_region(), chair=make_person())
        make_speech(meeting, make_person())


def change_page_queries(client, trip):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:visits_delegation_change", args=[trip.pk]))
    assert response.status_code == 200
    return len(queries)


def test_a_trips_change_page_asks_as_many_queries_for_one_row_of_each_kind_as_for_many(admin_client):
    trip = make_delegation()
    add_rows(trip, 1)
    admin_client.get(reverse("admin:visits_delegation_change", args=[trip.pk]))
    one = change_page_queries(admin_client, trip)

    add_rows(trip, 4)
    many = change_page_queries(admin_client, trip)

    assert many == one


def test_the_chosen_records_show_in_each_row_as_djangos_widget_shows_them(admin_client):
    trip = make_delegation()
    add_rows(trip, 3)
    make_participant(trip, None, name_as_printed="未关联人物")

    response = admin_client.get(reverse("admin:visits_delegation_change", args=[trip.pk]))

    ours, djangos = [], []
    for inline in response.context["inline_admin_formsets"]:
        for form in inline.formset.forms:
            for name, field in form.fields.items():
                widget = getattr(field.widget, "widget", field.widget)
                if not isinstance(widget, ChosenBeforehand):
                    continue
                value = widget.format_value(form[name].value())
                ours.append(widget.optgroups(form.add_prefix(name), value))
                chosen, widget.chosen = widget.chosen, None
                djangos.append(widget.optgroups(form.add_prefix(name), value))
                widget.chosen = chosen
    assert len(ours) == 3 * 4 + 4 + 3 * 2  # person; unit, place, projects, photos; place, chair
    assert sum(len(options) for _group, options, _index in (g for groups in ours for g in groups)) > len(ours)
    assert ours == djangos


def reads_of_chosen_records(client, trip, change=None):
    """The queries of a save of the trip's change form that read whole rows of the chosen records."""
    url = reverse("admin:visits_delegation_change", args=[trip.pk])
    data = change_form_data(client.get(url))
    if change:
        change(data)
    chosen_tables = ("cooperation_person", "cooperation_region", "cooperation_organization", "visits_participant",
                     "visits_sitevisit", "visits_meeting")
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    reads = [
        q["sql"] for q in queries
        if q["sql"].startswith("SELECT") and any(f'FROM "{table}" WHERE' in q["sql"] for table in chosen_tables)
        and " AS \"a\" " not in q["sql"]
    ]
    return response, reads


def test_a_saved_trip_reads_its_rows_choices_once_per_field_for_one_row_or_many(admin_client):
    trip = make_delegation()
    add_rows(trip, 1)
    response, one = reads_of_chosen_records(admin_client, trip)
    assert response.status_code == 302

    add_rows(trip, 4)
    response, many = reads_of_chosen_records(admin_client, trip)

    assert response.status_code == 302
    assert len(many) == len(one)


@pytest.mark.parametrize("posted", ["999999999", "not-a-number"])
def test_a_row_naming_a_person_that_is_not_there_gets_djangos_own_message_and_nothing_is_saved(admin_client, posted):
    trip = make_delegation()
    add_rows(trip, 3)
    names = sorted(trip.participants.values_list("person__name", flat=True))

    def bad_second_row(data):
        data["participants-1-person"] = posted
        data["participants-0-name_as_printed"] = "不该保存"

    response, _reads = reads_of_chosen_records(admin_client, trip, bad_second_row)

    assert response.status_code == 200
    rows = response.context["inline_admin_formsets"][0].formset.forms
    assert [error.code for error in rows[1].errors.as_data()["person"]] == ["invalid_choice"]
    assert list(rows[1].errors) == ["person"]
    assert not rows[0].errors and not rows[2].errors
    assert sorted(trip.participants.values_list("person__name", flat=True)) == names
    assert not trip.participants.filter(name_as_printed="不该保存").exists()


def test_a_trips_change_page_asks_as_many_queries_for_one_pairing_as_for_several(admin_client):
    trip = make_delegation()
    trip.pairings.add(make_pairing())
    admin_client.get(reverse("admin:visits_delegation_change", args=[trip.pk]))
    one = change_page_queries(admin_client, trip)

    trip.pairings.add(make_pairing("朝阳区", "科右前旗"), make_pairing("海淀区", "阿尔山市"))
    several = change_page_queries(admin_client, trip)

    assert several == one
