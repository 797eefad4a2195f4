"""An inline's autocomplete fields read their chosen records once for all rows, and show them as Django does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.admin_base import ChosenBeforehand, _Noted
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
from visits.models import Participant

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


def save_queries(client, trip, change=None):
    """Every query of a save of the trip's change form, posted as it opened (or as `change` makes it)."""
    url = reverse("admin:visits_delegation_change", args=[trip.pk])
    data = change_form_data(client.get(url))
    if change:
        change(data)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    return response, [q["sql"] for q in queries]


def test_a_saved_trip_checks_its_rows_keys_and_constraints_at_once_for_one_row_or_many(admin_client):
    trip = make_delegation()
    add_rows(trip, 1)
    response, one = save_queries(admin_client, trip)
    assert response.status_code == 302

    add_rows(trip, 4)
    response, many = save_queries(admin_client, trip)

    assert response.status_code == 302
    # Left as Django does it: each site visit's projects (a choice of several) read row by row.
    projects_read = [sql for sql in many if sql.startswith('SELECT "projects_project"."id", ')]
    assert len(projects_read) == 5
    assert len(many) - len(projects_read) == len(one) - 1

    def checked_one_by_one(queries):  # a key looked up, a constraint or a unique value checked
        return [sql for sql in queries if sql.startswith(('SELECT 1 AS "_check"', 'SELECT 1 AS "a"'))]

    # The trip's own form checks its own keys and constraints; its rows are checked together.
    assert len(checked_one_by_one(many)) == len(checked_one_by_one(one)) == 3


def test_a_row_breaking_a_check_constraint_gets_djangos_own_message_and_nothing_is_saved(admin_client):
    trip = make_delegation()
    add_rows(trip, 3)
    constraint = next(c for c in Participant._meta.constraints if c.name == "participant_has_name_or_title")

    def nameless_second_row(data):
        data["participants-1-name_as_printed"] = ""
        data["participants-1-title_as_printed"] = ""
        data["participants-0-name_as_printed"] = "不该保存"

    response, _queries = save_queries(admin_client, trip, nameless_second_row)

    assert response.status_code == 200
    rows = response.context["inline_admin_formsets"][0].formset.forms
    assert rows[1].non_field_errors() == [constraint.get_violation_error_message()]
    assert not rows[0].errors and not rows[2].errors
    assert not trip.participants.filter(name_as_printed="不该保存").exists()
    assert trip.participants.filter(name_as_printed="", title_as_printed="").count() == 0


def test_the_checks_made_for_all_rows_hold_only_when_each_rows_would():
    trip = make_delegation()
    add_rows(trip, 2)
    person = Participant._meta.get_field("person")
    constraint = next(c for c in Participant._meta.constraints if c.name == "participant_has_name_or_title")
    rows = list(trip.participants.all())

    def noted(keys=(), nameless=()):
        found = _Noted()
        if keys:
            found.keys[(person, "default")] = set(keys)
        for row in rows:
            row.name_as_printed = "" if row in nameless else "有名"
            row.title_as_printed = ""
            against = row._get_field_expression_map(meta=Participant._meta)
            found.checks.append((constraint.condition, against, "default"))
        return found.hold()

    assert noted(keys=[row.person_id for row in rows])
    assert not noted(keys=[rows[0].person_id, 999999999])
    assert not noted(nameless=rows[1:])
