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
    make_participant,
    make_person,
    make_project,
    make_region,
    make_site_visit,
    make_speech,
)

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
