"""A person's trips and speeches, written out in Python, are the elements and text the template wrote."""

import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.test.html import parse_html
from django.utils import translation

from portal.templatetags.person_rows import speech_rows, trip_rows
from review.models import Status
from tests.builders import make_delegation, make_meeting, make_participant, make_person, make_speech, region
from visits.models import ParticipantRole, ParticipantSide, Speech

pytestmark = pytest.mark.django_db

BEFORE = Path(__file__).resolve().parent.parent / "data" / "templates_before"
# One row of each list as the template portal/person_detail.html wrote it before.
TRIP_ROW = (BEFORE / "person_trip_row.html").read_text()
SPEECH_ROW = (BEFORE / "person_speech_row.html").read_text()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("preview", [False, True])
def test_every_row_reads_as_the_template_wrote_it(language, preview):
    person = make_person("行文测试")
    dated = make_delegation(
        "有日期的<考察>", name="某某代表团", start_date=datetime.date(2023, 5, 1), end_date=datetime.date(2023, 5, 3)
    )
    undated = make_delegation("无日期 & 无名称的考察", status=Status.DRAFT, origin=None)
    make_participant(dated, person, role=ParticipantRole.LEADER, title_as_printed="区委<书记>")
    make_participant(undated, person, side=ParticipantSide.HOST, role=ParticipantRole.MEMBER, title_as_printed="")
    meetings = [
        make_meeting(dated, date=datetime.date(2023, 5, 2), region=region("察右前旗")),
        make_meeting(undated, status=Status.DRAFT),
        make_meeting(None, title="独立的座谈会"),
    ]
    make_speech(meetings[0], person, title_as_printed="旗长", points="第一段。\n\n第二段 <b>&</b>\n" + "很长" * 150)
    make_speech(meetings[1], person, title_as_printed="副旗长", points="")
    make_speech(meetings[2], person, title_as_printed="", points="一句话")
    participations = list(person.participations.select_related("delegation__origin").order_by("pk"))
    speeches = list(Speech.objects.filter(person=person).select_related("meeting__delegation", "meeting__region"))
    group = SimpleNamespace(title="旗长", speeches=speeches)

    with translation.override(language):
        python = [trip_rows(participations, preview), speech_rows(group, preview)]
        template = [
            "".join(Template(TRIP_ROW).render(Context({"p": p, "preview": preview})) for p in participations),
            "".join(
                Template(SPEECH_ROW).render(Context({"speech": s, "group": group, "preview": preview}))
                for s in speeches
            ),
        ]

    assert parse_html(python[0]) == parse_html(template[0])
    assert parse_html(python[1]) == parse_html(template[1])
    drawn = "".join(python)
    shown = ("&lt;考察&gt;", "区委&lt;书记&gt;", 'class="speech-points"', "&lt;b&gt;", "某某代表团", "独立的座谈会")
    for part in shown:
        assert part in drawn, part
    assert ('class="tag tag-draft"' in drawn) == preview
