"""An inline's autocomplete fields read their chosen records once for all rows, and show them as Django does."""

import re
from collections import Counter

import pytest
from django.db import connection
from django.forms import ModelChoiceField, modelform_factory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.admin_base import ChosenBeforehand, KeysCheckedByTheirChoices
from cooperation.models import Pairing, Person
from review.models import Status
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
from visits.models import Participant, ParticipantRole, ParticipantSide

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
        # The rows, and the empty row a new record is made from (nothing chosen: no records read).
        for form in [*inline.formset.forms, inline.formset.empty_form]:
            for name, field in form.fields.items():
                widget = getattr(field.widget, "widget", field.widget)
                if not isinstance(widget, ChosenBeforehand):
                    continue
                value = widget.format_value(form[name].value())
                ours.append(widget.optgroups(form.add_prefix(name), value))
                djangos.append(super(ChosenBeforehand, widget).optgroups(form.add_prefix(name), value))
    assert len(ours) == 4 * 4 + 5 + 4 * 2  # person; unit, place, projects, photos; place, chair
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


def query_kinds(queries):
    """The save's queries that grow with its rows, by kind, and the foreign keys looked up."""
    kinds = Counter()
    for sql in queries:
        if sql.startswith('SELECT "projects_project"."id", '):
            kinds["projects read"] += 1
        elif sql.startswith('SELECT 1 AS "_check"'):
            kinds["constraint checked"] += 1
        elif sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT")):
            kinds["savepoint"] += 1
        elif re.match(r'SELECT 1 AS "a" FROM "(\w+)" WHERE "\1"."id" = \S+ LIMIT 1$', sql):
            kinds["key looked up"] += 1
    return kinds


def test_a_saved_trip_looks_up_none_of_its_keys_again_for_one_row_or_many(admin_client):
    trip = make_delegation()
    add_rows(trip, 1)
    response, one = save_queries(admin_client, trip)
    assert response.status_code == 302

    add_rows(trip, 4)
    response, many = save_queries(admin_client, trip)

    assert response.status_code == 302
    # The trip's origin and its rows' people, units and places were read by their choice fields
    # and are not looked up again by the models.
    assert query_kinds(one)["key looked up"] == query_kinds(many)["key looked up"] == 0
    # Left as Django does it, per row: each site visit's projects (a choice of several), read by
    # its field, and each participant's check constraint, evaluated in a savepoint of its own.
    grown = {"projects read": 4, "constraint checked": 4, "savepoint": 8}
    assert query_kinds(many) - query_kinds(one) == grown
    assert len(many) - len(one) == sum(grown.values())


def test_a_row_naming_a_person_deleted_since_the_page_opened_gets_djangos_own_message_and_nothing_is_saved(
    admin_client,
):
    trip = make_delegation()
    add_rows(trip, 3)
    gone = make_person()
    url = reverse("admin:visits_delegation_change", args=[trip.pk])
    data = change_form_data(admin_client.get(url))
    data["participants-1-person"] = str(gone.pk)
    data["participants-0-name_as_printed"] = "不该保存"
    gone.delete()

    response = admin_client.post(url, data)

    assert response.status_code == 200
    rows = response.context["inline_admin_formsets"][0].formset.forms
    assert [error.code for error in rows[1].errors.as_data()["person"]] == ["invalid_choice"]
    assert not trip.participants.filter(name_as_printed="不该保存").exists()


def test_a_trip_naming_an_origin_deleted_since_the_page_opened_gets_djangos_own_message_and_nothing_is_saved(
    admin_client,
):
    trip = make_delegation()
    gone = make_region()
    url = reverse("admin:visits_delegation_change", args=[trip.pk])
    data = change_form_data(admin_client.get(url))
    data["origin"] = str(gone.pk)
    data["title"] = "不该保存"
    gone.delete()

    response = admin_client.post(url, data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert [error.code for error in form.errors.as_data()["origin"]] == ["invalid_choice"]
    trip.refresh_from_db()
    assert trip.title != "不该保存"


@pytest.fixture
def only_published_people(monkeypatch):
    """A participant's person limited to published people, as a model may limit a key's choices."""
    person = Participant._meta.get_field("person")
    monkeypatch.setattr(person.remote_field, "limit_choices_to", {"status": Status.PUBLISHED})


def test_a_row_naming_a_person_outside_the_keys_limit_gets_djangos_own_message_and_nothing_is_saved(
    admin_client, only_published_people,
):
    trip = make_delegation()
    add_rows(trip, 3)
    draft = make_person(status=Status.DRAFT)
    url = reverse("admin:visits_delegation_change", args=[trip.pk])
    data = change_form_data(admin_client.get(url))
    data["participants-1-person"] = str(draft.pk)
    data["participants-0-name_as_printed"] = "不该保存"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    rows = response.context["inline_admin_formsets"][0].formset.forms
    assert [error.code for error in rows[1].errors.as_data()["person"]] == ["invalid_choice"]
    assert not trip.participants.filter(name_as_printed="不该保存").exists()
    assert not trip.participants.filter(person=draft).exists()


def participant_form(person_choices=None, **data):
    fields = {"person": person_choices} if person_choices is not None else {}
    form_class = modelform_factory(
        Participant, form=type("Form", (KeysCheckedByTheirChoices,), fields),
        fields=["delegation", "person", "name_as_printed", "title_as_printed", "side", "role", "order"],
    )
    posted = {"side": ParticipantSide.VISITING, "role": ParticipantRole.MEMBER, "order": 0,
              "title_as_printed": "区委书记", **data}
    return form_class(posted)


def test_a_key_is_left_to_the_models_own_check_unless_its_choice_field_looked_where_the_model_would(
    only_published_people,
):
    trip, draft = make_delegation(), make_person(status=Status.DRAFT)

    # The form's field carries the key's limit: the draft is no choice, the form says so.
    form = participant_form(delegation=trip.pk, person=draft.pk)
    assert [error.code for error in form.errors.as_data()["person"]] == ["invalid_choice"]

    # A field of the form's own that chooses from every person: the model's check still runs.
    form = participant_form(ModelChoiceField(Person.objects.all(), required=False), delegation=trip.pk,
                            person=draft.pk)
    assert [error.code for error in form.errors.as_data()["person"]] == ["invalid"]
    assert not form.is_valid()

    # A published person, chosen by the limited field: found by the form, not looked up again.
    form = participant_form(delegation=trip.pk, person=make_person().pk)
    with CaptureQueriesContext(connection) as queries:
        assert form.is_valid(), form.errors
    assert not [q for q in queries if 'FROM "cooperation_person"' in q["sql"] and q["sql"].startswith("SELECT 1")]
    assert "person" in form._get_validation_exclusions()
    # The trip is a key too, chosen by the form's field: left out of the model's check as well.
    assert "delegation" in form._get_validation_exclusions()


def test_a_key_a_unique_check_or_constraint_names_stays_in_the_models_validation():
    pairing_form = modelform_factory(
        Pairing, form=KeysCheckedByTheirChoices, fields=["support_region", "recipient_region", "level", "slug"]
    )
    form = pairing_form({"support_region": region("大兴区").pk, "recipient_region": region("察右前旗").pk})
    form.is_valid()
    # Both regions are named by the pairing's unique constraint (and its check constraints).
    assert not {"support_region", "recipient_region"} & form._get_validation_exclusions()
    # The unique constraint itself still holds for a second pairing of the same regions.
    make_pairing()
    form = pairing_form({"support_region": region("大兴区").pk, "recipient_region": region("察右前旗").pk})
    assert not form.is_valid()
    assert "__all__" in form.errors or "support_region" in form.errors


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
