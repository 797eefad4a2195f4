"""An anonymous visitor crawls every public address and never meets a draft.

Drafts, withdrawn and scheduled records are planted next to the published seed report, tied
into it every way the model allows (a draft meeting on a published trip, a draft project
inspected by a published site visit, a draft person among the speakers …). Each carries the
marker 泄露 in every text field a page could print. The crawl follows every link from the
home page, the sitemap, the feed and the open-data page (downloads included), runs the search
and the filters, and fails on the first page that shows a marker, links to a draft, or
answers with a server error.
"""

import datetime
from collections import deque
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from cooperation.models import Appointment
from projects.models import ProjectUpdate
from review.models import Status
from tests.builders import (
    make_delegation,
    make_meeting,
    make_participant,
    make_person,
    make_project,
    make_site_visit,
    make_speech,
    make_staff,
    region,
)
from tests.public_site import make_pairing_once, parse
from visits.models import Delegation, ParticipantRole, ParticipantSide

MARKER = "泄露"
DRAFT_ONLY_YEAR = 2031
SKIP_PREFIXES = ("/admin/", "/i18n/", "/static/", "/media/")
MAX_PAGES = 1500


@pytest.fixture
def planted(seed):
    """Unpublished records of every kind, linked into the published seed report."""
    trip = Delegation.objects.get()
    pairing = make_pairing_once("大兴区", "正镶白旗")
    drafts = []

    person = make_person(f"{MARKER}人物", status=Status.DRAFT, bio=f"{MARKER}简介")
    Appointment.objects.create(person=person, title=f"{MARKER}任职")
    # Printed under another name: the report's own words are public, the draft record is not.
    make_participant(trip, person, name_as_printed="某领导", title_as_printed="领导", order=99)
    # Printed by title only: the page (and its JSON-LD) must not fill in the draft record's name.
    make_participant(trip, person, name_as_printed="", title_as_printed="随行领导", order=98)
    drafts.append(person)

    meeting = make_meeting(trip, f"{MARKER}会议", status=Status.DRAFT, summary=f"{MARKER}概要")
    make_speech(meeting, None, title_as_printed=f"{MARKER}负责人", points=f"{MARKER}要点")
    drafts.append(meeting)
    public_meeting = trip.meetings.get(title="察右前旗座谈会")
    make_speech(public_meeting, person, name_as_printed="某领导", title_as_printed="领导", order=99)
    make_speech(public_meeting, person, name_as_printed="", title_as_printed="随行领导", order=98)
    public_meeting.chair = person
    public_meeting.save()

    project = make_project(
        f"{MARKER}项目", status=Status.DRAFT, pairing=pairing, region=region("正镶白旗"), featured=True,
        start_year=DRAFT_ONLY_YEAR, description=f"{MARKER}简介",
    )
    project.topics.set(trip.topics.all())
    ProjectUpdate.objects.create(project=project, date=datetime.date(2024, 1, 1), title=f"{MARKER}进展")
    trip.site_visits.first().projects.add(project)
    drafts.append(project)

    withdrawn = make_project(f"{MARKER}撤回项目", pairing=pairing)
    withdrawn.status = Status.WITHDRAWN
    withdrawn.save()
    drafts.append(withdrawn)

    colleague = make_person("王有国的同事")
    for title, fields in [
        (f"{MARKER}草稿考察", {"status": Status.DRAFT}),
        (f"{MARKER}待审考察", {"status": Status.REVIEW}),
        (f"{MARKER}定时考察", {"published_at": timezone.now() + datetime.timedelta(days=30)}),
    ]:
        hidden = make_delegation(
            title, name=f"{MARKER}代表团", summary=f"{MARKER}摘要", body=f"{MARKER}正文",
            start_date=datetime.date(DRAFT_ONLY_YEAR, 1, 1), origin=region("大兴区"), **fields,
        )
        hidden.destinations.set([region("正镶白旗")])
        hidden.topics.set(trip.topics.all())
        hidden.pairings.set([pairing])
        make_participant(hidden, colleague, role=ParticipantRole.LEADER)
        make_participant(
            hidden, person, side=ParticipantSide.HOST, role=ParticipantRole.ATTENDING,
            name_as_printed=f"{MARKER}姓名",
        )
        make_site_visit(hidden, f"{MARKER}考察点", description=f"{MARKER}内容").projects.add(
            project, *trip.site_visits.first().projects.all()
        )
        inner = make_meeting(hidden, f"{MARKER}内部会议")
        make_speech(inner, trip.participants.first().person, points=f"{MARKER}讲话")
        drafts.append(hidden)

    drafts.append(make_meeting(None, f"{MARKER}独立会议", status=Status.DRAFT))
    return drafts


def _internal(url):
    parts = urlsplit(url)
    if parts.scheme and parts.netloc != "testserver":
        return None
    path = parts.path
    if not path.startswith("/") or path.startswith(SKIP_PREFIXES):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def _links(url, response):
    content_type = response.get("Content-Type", "")
    body = response.content.decode()
    if "xml" in content_type:
        root = ElementTree.fromstring(response.content)
        found = [e.text for e in root.iter() if e.tag.endswith("loc")]
        found += [e.attrib["href"] for e in root.iter() if e.tag.endswith("link") and "href" in e.attrib]
        return found
    if "html" in content_type:
        page = parse(body)
        return [a.attrs.get("href") for a in page.find_all("a") if a.attrs.get("href")]
    return []


def test_an_anonymous_crawl_of_every_public_page_finds_no_draft(client, planted):
    draft_paths = {record.get_absolute_url() for record in planted}
    start = ["/", "/sitemap.xml", "/feed/", "/robots.txt", "/data/", f"/search/?q={MARKER}", "/search/?q=王有国"]
    for kind in ("trips", "site-visits", "meetings", "speeches", "projects", "people"):
        start.append(f"/search/?q={MARKER}&type={kind}")
    start += [f"/visits/?year={DRAFT_ONLY_YEAR}", f"/projects/?year={DRAFT_ONLY_YEAR}"]
    queue, seen, visited = deque(start), set(start), 0

    while queue:
        url = queue.popleft()
        response = client.get(url)
        visited += 1
        assert response.status_code in (200, 301, 302), (url, response.status_code)
        body = response.content.decode()
        if MARKER in unquote(url):
            # A search for the marker echoes it back; what it must not find is a record.
            page = parse(body)
            assert page.find("h2", cls="results-count").text == f"“{MARKER}”共找到 0 条结果", url
            assert page.find_all("ol", cls="result-list") == [], url
        else:
            assert MARKER not in body, url
        for link in _links(url, response):
            target = _internal(urljoin(f"http://testserver{url}", link))
            if target is None:
                continue
            assert urlsplit(target).path not in draft_paths, (url, target)
            if target not in seen and len(seen) < MAX_PAGES:
                seen.add(target)
                queue.append(target)

    # The crawl really went everywhere: every region, person, trip … and the downloads.
    assert visited > 150
    assert {path.rsplit(".", 1)[-1] for path in seen if path.startswith("/data/")} >= {"csv", "json"}
    for path in draft_paths:
        assert client.get(path).status_code == 404, path


def test_no_filter_offers_a_year_or_person_known_only_from_drafts(client, planted):
    for url in ["/visits/", "/projects/"]:
        page = parse(client.get(url))

        assert str(DRAFT_ONLY_YEAR) not in page.find("select", id="id_year").texts("option"), url
        assert MARKER not in page.find("select", id="id_person").text, url


def test_counts_leave_drafts_out(client, planted):
    home = parse(client.get("/"))
    pairing = parse(client.get("/pairings/da-xing-qu-zheng-xiang-bai-qi/"))

    # 13 people of the report and the published colleague on the hidden trips
    assert home.find("dl", cls="hero-stats").texts("dd") == ["1", "1", "14"]
    assert [li.find("dl", cls="figures").text for li in home.find_all("li", cls="pairing-item")] == [
        "考察活动 1 协作项目 0",
        "考察活动 1 协作项目 1",
    ]
    assert pairing.find("section", aria_labelledby="trips-title").find("h2").text == "考察活动（1）"


def test_a_published_trip_does_not_link_its_draft_speaker(client, planted):
    page = parse(client.get("/visits/da-xing-qu-dang-zheng-dai-biao-tuan/"))

    first_meeting = page.find("article", cls="meeting")
    assert first_meeting.texts("p", cls="speaker")[-1] == "某领导（领导） 讲话"
    assert first_meeting.find("p", cls="meeting-meta").text == "座谈会 察右前旗"
    assert [link for link in page.links() if "xie-lou" in (link[1] or "")] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "previews"),
    [(None, False), ("审计管理员", False), ("安全管理员", False), ("系统管理员", False), ("编辑", True),
     ("初审", True), ("审核发布", True)],
    ids=["staff without a role", "auditor", "security administrator", "system administrator", "editor",
         "first reviewer", "publisher"],
)
def test_only_those_who_work_on_records_preview_drafts(client, django_user_model, role, previews):
    trip = make_delegation(f"{MARKER}草稿考察", status=Status.DRAFT)
    drafts = [
        trip,
        make_meeting(trip, f"{MARKER}会议", status=Status.DRAFT),
        make_person(f"{MARKER}人物", status=Status.DRAFT),
        make_project(f"{MARKER}项目", status=Status.DRAFT),
    ]
    client.force_login(make_staff(django_user_model, "someone", role))

    answers = [client.get(record.get_absolute_url()) for record in drafts]

    assert [r.status_code for r in answers] == [200 if previews else 404] * len(drafts)
    assert all(("preview-banner" in r.content.decode()) == previews for r in answers)
