"""The tests' `seed` fixture reads the seed once per worker and saves it again in each test: it must
leave the database exactly as the README's `manage.py loaddata fixtures/seed_report.json` does."""

import json

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.db import transaction

from tests import conftest

pytestmark = pytest.mark.django_db


def _seeded_models():
    with open(conftest.SEED_REPORT, encoding="utf-8") as fixture:
        labels = {record["model"] for record in json.load(fixture)}
    return [apps.get_model(label) for label in sorted(labels)]


def _contents(models):
    # Natural keys for the links and for the records that have one (a region's id is the database's).
    return {
        model._meta.label: json.loads(serializers.serialize(
            "json", model._base_manager.order_by("pk"), use_natural_foreign_keys=True, use_natural_primary_keys=True,
        ))
        for model in models
    }


@pytest.mark.parametrize("loaded_before", [False, True], ids=["first-in-worker", "from-memory"])
def test_the_seed_fixture_leaves_the_database_as_loaddata_does(loaded_before):
    models = _seeded_models()
    with transaction.atomic():
        call_command("loaddata", conftest.SEED_REPORT, verbosity=0)
        by_loaddata = _contents(models)
        transaction.set_rollback(True)
    if loaded_before:
        with transaction.atomic():
            conftest.load_seed()
            transaction.set_rollback(True)
    else:
        conftest._seed_records.clear()
    before = _contents(models)

    conftest.load_seed()

    assert before != by_loaddata
    assert _contents(models) == by_loaddata
