"""The trip's value lists are written once, in the report reader (visits/report_import/results.py):
the models take theirs from it. The two lists the reader cannot take from `cooperation` (it imports
no Django app) must stay equal to cooperation's."""

import pytest
from django.utils import translation

from cooperation.dates import DatePrecision
from cooperation.models import Side
from visits import models
from visits.report_import import results


@pytest.mark.parametrize("name", ["DelegationKind", "MeetingKind", "SpeechKind", "ParticipantSide", "ParticipantRole"])
def test_the_models_store_exactly_what_the_reader_returns(name):
    reader_list, model_choices = getattr(results, name), getattr(models, name)
    with translation.override("zh-hans"):
        assert model_choices.choices == [(member.value, member.label) for member in reader_list]
    for member in reader_list:
        assert model_choices(member) == member  # a value the reader returns is a valid choice as it is


def test_the_models_translate_the_readers_labels():
    with translation.override("en"):
        assert models.MeetingKind.JOINT.label == "Joint meeting"
    assert results.MeetingKind.JOINT.label == "联席会"


@pytest.mark.parametrize(
    ("reader_list", "cooperation_list"), [(results.RegionSide, Side), (results.DatePrecision, DatePrecision)]
)
def test_the_lists_the_reader_repeats_match_cooperations(reader_list, cooperation_list):
    with translation.override("zh-hans"):
        assert [(member.value, member.label) for member in reader_list] == cooperation_list.choices
