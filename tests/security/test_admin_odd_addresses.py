"""Odd addresses in the admin answer 400, 403 or 404, never 500.

Every admin with a history screen is asked for a history entry that is not a number; every
autocomplete field of every admin is asked with a NUL byte in its search term (PostgreSQL
refuses NUL in text, SQLite does not: run this on both); and the autocomplete endpoint is asked
for every field of every model that is not a relation an autocomplete can serve.
"""

import pytest
from django.contrib import admin
from django.db import models
from django.urls import NoReverseMatch, reverse
from simple_history.admin import SimpleHistoryAdmin

from tests.builders import make_delegation

pytestmark = pytest.mark.django_db

ALLOWED = {400, 403, 404}


def history_admins():
    return [
        pytest.param(model, id=model._meta.label)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, SimpleHistoryAdmin)
    ]


def autocomplete_fields():
    found = []
    for model, model_admin in admin.site._registry.items():
        inlines = [inline(model, admin.site) for inline in model_admin.inlines]
        for owner, options in [(model, model_admin), *((inline.model, inline) for inline in inlines)]:
            for name in options.autocomplete_fields:
                found.append(pytest.param(owner, name, id=f"{owner._meta.label}.{name}"))
    return list({param.id: param for param in found}.values())


def admin_models():
    return [pytest.param(model, id=model._meta.label) for model in admin.site._registry]


def not_autocompletable(model):
    """Every field of the model that no autocomplete serves: reverse relations, plain columns."""
    return [
        field.name for field in model._meta.get_fields()
        if not (isinstance(field, (models.ForeignKey, models.ManyToManyField)) and not field.auto_created)
    ]


@pytest.mark.parametrize("model", history_admins())
def test_a_history_entry_that_is_not_a_number_is_not_found(admin_client, model):
    trip = make_delegation()
    try:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_simple_history", args=[trip.pk, "abc"])
    except NoReverseMatch:
        pytest.skip("no history screen")

    response = admin_client.get(url)

    assert response.status_code == 404


@pytest.mark.parametrize(("model", "field_name"), autocomplete_fields())
@pytest.mark.parametrize("term", ["\x00", "a\x00b"])
def test_a_nul_byte_in_an_autocomplete_search_is_harmless(admin_client, model, field_name, term):
    def search(text):
        return admin_client.get(reverse("admin:autocomplete"), {
            "app_label": model._meta.app_label, "model_name": model._meta.model_name, "field_name": field_name,
            "term": text,
        })

    response = search(term)

    assert response.status_code == 200
    assert response.json() == search(term.replace("\x00", "")).json()


@pytest.mark.parametrize("model", admin_models())
def test_the_autocomplete_refuses_a_field_it_cannot_serve(admin_client, model):
    """All of a model's fields with one signed-in administrator (a sign-in per field cost more than
    the requests); the failure names every field that answered otherwise."""
    answers = {
        field_name: admin_client.get(reverse("admin:autocomplete"), {
            "app_label": model._meta.app_label, "model_name": model._meta.model_name, "field_name": field_name,
            "term": "王",
        }).status_code
        for field_name in not_autocompletable(model)
    }

    assert {name: status for name, status in answers.items() if status not in ALLOWED} == {}
