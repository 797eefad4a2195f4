"""A trip page's stops and meetings, and a meeting's speeches, written out in Python, are the bytes the
templates wrote (their copies in tests/data/templates_before/), whitespace included."""

import datetime
from pathlib import Path

import pytest
from django.template import Context, Engine
from django.template.backends.django import get_installed_libraries
from django.utils import translation

from cooperation.dates import DatePrecision
from cooperation.templatetags.site_tags import photo_figures
from review.models import Status
from tests.builders import (
    make_delegation,
    make_meeting,
    make_organization,
    make_person,
    make_project,
    make_site_visit,
    make_speech,
    region,
)
from tests.public_site import make_photo
from visits.models import Delegation, MeetingKind
from visits.templatetags.trip_blocks import meeting_blocks, meeting_speeches, stop_items

pytestmark = pytest.mark.django_db

BEFORE = Path(__file__).resolve().parent.parent / "data" / "templates_before"


def render(name, **context):
    # An engine of its own, made once the apps are ready (the project's tag libraries).
    engine = Engine(dirs=[str(BEFORE)], app_dirs=True, libraries=get_installed_libraries())
    return engine.get_template(name).render(Context(context))


def trip_with_everything():
    trip = make_delegation("区块测试")
    first = make_site_visit(
        trip, place="<某公司 & 基地>", date=datetime.date(2024, 6, 20), region=region("察右前旗"),
        organization=make_organization("某“公司”"), description="察看 <b>种植</b> 情况。",
    )
    first.projects.set([make_project("公开的项目"), make_project("未发布的项目", status=Status.DRAFT)])
    first.photos.set([
        make_photo(caption="现场", credit="记者 摄"),
        make_photo(alt_text='带"引号"的说明', caption="", credit=""),
        make_photo(caption="", credit="只有署名"),
    ])
    make_site_visit(trip, place="只有地点", date=datetime.date(2024, 6, 1), date_precision=DatePrecision.MONTH)
    make_site_visit(trip, place="第三站", region=region("正镶白旗"))

    talk = make_meeting(
        trip, "座谈会 <一>", kind=MeetingKind.JOINT, date=datetime.date(2024, 6, 20), region=region("察右前旗"),
        chair=make_person("主持人"), summary="有发言时不显示的摘要",
    )
    make_speech(talk, make_person("有页面的发言人"), points="第一段。\n\n第二段 <b>&</b>")
    make_speech(talk, None, name_as_printed="", title_as_printed="<某单位> 负责人", points="")
    make_speech(talk, make_person("未发布的发言人", status=Status.DRAFT), name_as_printed="未发布的发言人")
    make_meeting(trip, "只有摘要的会", place="旗政府会议室", summary="会上 <通报> 了情况。",
                 chair=make_person("未发布的主持人", status=Status.DRAFT))
    make_meeting(trip, "地点与地区", region=region("正镶白旗"), place="某会议室", date=datetime.date(2024, 1, 1),
                 date_precision=DatePrecision.YEAR)
    make_meeting(trip, "未发布的会", status=Status.DRAFT)
    return trip


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("preview", [False, True])
def test_stops_and_meetings_are_the_bytes_the_templates_wrote(seed, language, preview):
    trip_with_everything()
    trip = Delegation.objects.with_detail_related(preview=preview).get(title="区块测试")
    visits, meetings = list(trip.site_visits.all()), list(trip.meetings.all())
    assert len(visits) == 3 and len(meetings) == (4 if preview else 3)

    with translation.override(language):
        stops = stop_items(visits, preview)
        assert "            " + stops == render("trip_stops.html", site_visits=visits, preview=preview)
        blocks = meeting_blocks(meetings, preview)
        assert blocks == "".join(
            "\n            " + render("meeting_block.html", meeting=m, preview=preview, heading="h3", fold=True)
            + "\n          "
            for m in meetings
        )
        for meeting in meetings:
            before = render("meeting_speeches.html", meeting=meeting, preview=preview)
            assert meeting_speeches(meeting, preview) == before

    for part in ("&lt;某公司 &amp; 基地&gt;", 'class="photo-row"', "<figcaption>现场 · 记者 摄</figcaption>",
                 'class="stop-projects"', "<details class=\"fold\">", "&lt;通报&gt;", 'class="empty"'):
        assert part in stops + blocks, part
    # A draft project, chair or speaker is named as such only for staff previewing drafts.
    assert ("未发布的项目" in stops) == preview
    assert ("未发布的主持人" in blocks) == preview


def test_a_row_of_photos_is_the_bytes_the_template_wrote(seed):
    photos = [make_photo(caption="说明 <1>", credit=""), make_photo(width=None, height=None, credit="署名")]
    photos[1].thumbnail = ""  # a photo whose renditions were never made shows nothing
    for row in (photos, photos[:1], []):
        assert photo_figures(row) == "".join(render("photo.html", photo=photo) for photo in row)
