"""The people of a trip page — who went, who spoke — written out in Python, are the elements and text the
templates wrote."""

from pathlib import Path

import pytest
from django.template import Context, Template
from django.test.html import parse_html
from django.utils import translation

from review.models import Status
from tests.builders import make_delegation, make_meeting, make_participant, make_person, make_speech
from visits.models import Participant, ParticipantRole, Speech, SpeechKind
from visits.templatetags.trip_people import participant_items, speech_items

pytestmark = pytest.mark.django_db

# One person as the template visits/participant.html (since removed) wrote them.
TEMPLATE = (Path(__file__).resolve().parent.parent / "data" / "templates_before" / "participant.html").read_text()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("preview", [False, True])
def test_every_participant_reads_as_the_template_wrote_it(language, preview):
    trip = make_delegation("人员测试")
    public = make_person("有页面的人")
    draft = make_person("未发布的人", status=Status.DRAFT)
    make_participant(trip, public, role=ParticipantRole.LEADER, title_as_printed="区委书记")
    make_participant(trip, draft, role=ParticipantRole.ACCOMPANYING, title_as_printed="")
    make_participant(
        trip, None, role=ParticipantRole.MEMBER, name_as_printed="<无页面 & 的人>", title_as_printed="局长"
    )
    make_participant(trip, None, role=ParticipantRole.ATTENDING, name_as_printed="", title_as_printed="工作人员")
    people = list(Participant.objects.filter(delegation=trip).select_related("person").order_by("pk"))

    with translation.override(language):
        python = participant_items(people, preview)
        template = "".join(Template(TEMPLATE).render(Context({"p": p, "preview": preview})) for p in people)

    assert parse_html(python) == parse_html(template)
    for part in ('class="person-link"', 'class="people-grid-title"', 'class="tag tag-quiet people-role"', "&lt;无页面"):
        assert part in python, part
    # A draft's page is linked only for staff previewing drafts.
    assert ("未发布的人</a>" in python, "未发布的人</span>" in python) == (preview, not preview)


# One speech as the template visits/meeting_speeches.html wrote it before.
SPEECH = (Path(__file__).resolve().parent.parent / "data" / "templates_before" / "meeting_speech.html").read_text()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("preview", [False, True])
def test_every_speech_reads_as_the_template_wrote_it(language, preview):
    meeting = make_meeting(make_delegation("发言测试"))
    make_speech(meeting, make_person("有页面的发言人"), kind=SpeechKind.SPEECH, points="第一段。\n\n第二段 <b>&</b>")
    make_speech(meeting, make_person("未发布的发言人", status=Status.DRAFT), title_as_printed="", points="")
    make_speech(meeting, None, name_as_printed="", title_as_printed="<某单位> 负责人", points="一句话")
    speeches = list(Speech.objects.filter(meeting=meeting).select_related("person").order_by("pk"))

    with translation.override(language):
        python = speech_items(speeches, preview)
        template = "".join(Template(SPEECH).render(Context({"speech": s, "preview": preview})) for s in speeches)

    assert parse_html(python) == parse_html(template)
    for part in ('class="person-link"', 'class="speech-points"', "&lt;b&gt;", "&lt;某单位&gt;", 'id="speech-'):
        assert part in python, part
    assert ("未发布的发言人</a>" in python) == preview
