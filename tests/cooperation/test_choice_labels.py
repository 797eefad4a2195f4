"""Every choice field's label reads as Django's own `get_FOO_display()` gives it, in each language."""

from functools import partialmethod

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from cooperation.choice_labels import _project_app, display_once


def _choice_fields():
    for model in apps.get_models(include_auto_created=True):
        if _project_app(model._meta.app_config):
            for field in model._meta.concrete_fields:
                if field.choices is not None:
                    yield model, field


def test_the_fast_labels_are_djangos_labels_for_every_value_in_every_language():
    checked = 0
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for model, field in _choice_fields():
                display = getattr(model, f"get_{field.name}_display")
                for value in [*(value for value, _label in field.flatchoices), "not-a-choice", None]:
                    record = model()
                    setattr(record, field.attname, value)
                    assert display(record) == models.Model._get_FIELD_display(record, field), (model, field, value)
                    checked += 1
    assert checked > 100


def test_the_labels_follow_the_language():
    from visits.models import Delegation, DelegationKind

    assert not isinstance(Delegation.__dict__["get_kind_display"], partialmethod)  # the dictionary look-up
    trip = Delegation(kind=DelegationKind.choices[0][0])
    with translation.override("zh-hans"):
        chinese = trip.get_kind_display()
    with translation.override("en"):
        english = trip.get_kind_display()
    assert chinese != english
    assert isinstance(chinese, str) and isinstance(english, str)


def test_a_list_translates_each_label_once_and_shows_the_records_own():
    from visits.models import Participant, ParticipantRole, ParticipantSide

    rows = [Participant(side=side, role=role) for side in ParticipantSide.values for role in ParticipantRole.values]
    for language in ("zh-hans", "en"):
        with translation.override(language):
            labels = {}
            for _round in range(2):
                for row in rows:
                    assert display_once(labels, row, "side") == row.get_side_display()
                    assert display_once(labels, row, "role") == row.get_role_display()
            assert len(labels) == len(ParticipantSide.values) + len(ParticipantRole.values)


def test_records_of_two_models_keep_their_own_labels_in_one_list():
    from visits.models import Meeting, MeetingKind, Speech, SpeechKind

    labels = {}
    for meeting_kind in MeetingKind.values:
        for speech_kind in SpeechKind.values:
            meeting, speech = Meeting(kind=meeting_kind), Speech(kind=speech_kind)
            assert display_once(labels, meeting, "kind") == meeting.get_kind_display()
            assert display_once(labels, speech, "kind") == speech.get_kind_display()


pytestmark = pytest.mark.django_db
