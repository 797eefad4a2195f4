"""The people of a trip page, written out in Python, are the elements and text the template wrote."""

from pathlib import Path

import pytest
from django.template import Context, Template
from django.test.html import parse_html
from django.utils import translation

from review.models import Status
from tests.builders import make_delegation, make_participant, make_person
from visits.models import Participant, ParticipantRole
from visits.templatetags.trip_people import participant_items

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
