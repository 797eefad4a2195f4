"""Helpers for the public site's tests: reading rendered pages, and building a world of records.

Tests assert what a visitor sees — the text of a list, the target of a link — so they need
to find elements by tag, class or id and read their text: a tiny DOM over html.parser does
that without another dependency. `build_world(size)` makes `size` of every related record,
so a page rendered over it must cost as many queries as over a world of one.
"""

import datetime
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from io import BytesIO

BLOCKS = {
    "address", "article", "aside", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2",
    "h3", "h4", "header", "li", "main", "nav", "ol", "p", "section", "table", "td", "th", "tr", "ul",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []

    @property
    def classes(self):
        return (self.attrs.get("class") or "").split()

    @property
    def text(self):
        """The visible text, whitespace collapsed as a browser would."""
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag in BLOCKS:
                parts.append(f" {child.text} ")
            else:
                parts.append(child.text)
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def iter(self):
        """Every element inside, in document order (a walk with a stack: nested generators, one
        per level, cost as much again as the walk on an admin page's deep tree)."""
        stack = [child for child in reversed(self.children) if isinstance(child, Element)]
        while stack:
            element = stack.pop()
            yield element
            stack.extend(child for child in reversed(element.children) if isinstance(child, Element))

    def find_all(self, tag=None, cls=None, **attrs):
        found = []
        for element in self.iter():
            if tag and element.tag != tag:
                continue
            if cls and cls not in element.classes:
                continue
            if any(element.attrs.get(name.rstrip("_").replace("_", "-")) != value for name, value in attrs.items()):
                continue
            found.append(element)
        return found

    def find(self, tag=None, cls=None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'}> class={cls} {attrs}"
        return found[0]

    def texts(self, tag=None, cls=None, **attrs):
        return [element.text for element in self.find_all(tag, cls, **attrs)]

    def links(self):
        """(text, href) of every link inside, in document order."""
        return [(a.text, a.attrs.get("href")) for a in self.find_all("a")]


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [])
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(response_or_html):
    html = response_or_html if isinstance(response_or_html, str) else response_or_html.content.decode()
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def json_ld(page):
    """The parsed JSON-LD blocks of a page."""
    return [
        json.loads("".join(part for part in script.children if isinstance(part, str)))
        for script in page.find_all("script", type="application/ld+json")
    ]


def meta(page, prop):
    for element in page.find_all("meta"):
        if element.attrs.get("property") == prop or element.attrs.get("name") == prop:
            return element.attrs.get("content")
    return None


# ---------------------------------------------------------------------------------------------
# A world of records, `size` of each relation.

RECIPIENTS = ["正镶白旗", "察右前旗", "锡林浩特市", "察右后旗", "化德县"]


def png_file(name="photo.png", color=(163, 20, 27)):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (64, 48), color).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def make_photo(**fields):
    from cooperation.models import Photo

    fields.setdefault("alt_text", "考察现场")
    return Photo.objects.create(image=png_file(), **fields)


@dataclass
class World:
    trip: object
    meeting: object
    project: object
    person: object
    pairing: object
    topic: object
    region: object


def build_world(size):
    """One trip, one project, one person … each related to `size` of everything.

    Every list the public pages show grows with `size`: participants, site visits, their
    projects and photos, meetings and speeches, topics, destinations, pairings, figures,
    appointments, other trips and projects. A page that costs the same number of queries for
    size 1 and size 3 has no N+1.
    """
    from cooperation.models import Appointment, FigureMetric, ProgramFigure
    from projects.models import ProjectStage, ProjectUpdate
    from tests.builders import (
        make_delegation,
        make_meeting,
        make_participant,
        make_person,
        make_project,
        make_region,
        make_site_visit,
        make_speech,
        make_topic,
        region,
    )
    from visits.models import ParticipantRole, ParticipantSide

    county = region("正镶白旗")
    towns = [make_region(f"世界镇{index}", parent=county) for index in range(size)]
    topics = [make_topic(f"世界领域{index}") for index in range(size)]
    pairings = [
        make_pairing_once("大兴区", recipient) for recipient in RECIPIENTS[:size]
    ]
    for pairing in pairings:
        for year in range(2020, 2020 + size):
            for metric in (FigureMetric.FUNDS, FigureMetric.PROJECTS):
                ProgramFigure.objects.create(
                    pairing=pairing, year=year, metric=metric, planned=100 + year - 2000, actual=90 + year - 2000
                )
    people = []
    for index in range(size):
        person = make_person(f"世界人物{index}")
        Appointment.objects.create(person=person, title=f"世界职务{index}")
        Appointment.objects.create(
            person=person, title=f"世界前职{index}", start_date=datetime.date(2015, 1, 1),
            end_date=datetime.date(2019, 12, 31),
        )
        people.append(person)
    projects = []
    for index in range(size):
        project = make_project(
            f"世界项目{index}", pairing=pairings[0], region=towns[index], start_year=2020 + index,
            stage=ProjectStage.OPERATING, aid_funds=100 * (index + 1), featured=True,
        )
        project.topics.set(topics)
        project.photos.set([make_photo() for _ in range(size)])
        for day in range(size):
            ProjectUpdate.objects.create(project=project, date=datetime.date(2023, 1, day + 1), title=f"进展{day}")
        projects.append(project)
    trips = []
    for index in range(size):
        trip = make_delegation(
            f"世界考察{index}", name=f"世界代表团{index}", start_date=datetime.date(2024, 6, index + 1),
            summary="世界考察摘要", cover_photo=make_photo(),
        )
        trip.destinations.set([county, *towns])
        trip.topics.set(topics)
        trip.pairings.set(pairings)
        for order, person in enumerate(people):
            role = ParticipantRole.LEADER if order == 0 else ParticipantRole.MEMBER
            make_participant(trip, person, role=role, order=order)
            make_participant(trip, person, side=ParticipantSide.HOST, role=ParticipantRole.ATTENDING, order=50 + order)
        for order in range(size):
            visit = make_site_visit(trip, f"世界考察点{index}-{order}", order=order, region=towns[order])
            visit.projects.set(projects)
            visit.photos.set([make_photo() for _ in range(size)])
        for order in range(size):
            meeting = make_meeting(trip, f"世界座谈会{index}-{order}", order=order, region=county, chair=people[0])
            for speech_order, person in enumerate(people):
                make_speech(meeting, person, order=speech_order, points="世界发言要点")
        trips.append(trip)
    trip = trips[0]
    return World(
        trip=trip, meeting=trip.meetings.first(), project=projects[0], person=people[0],
        pairing=pairings[0], topic=topics[0], region=county,
    )


def make_pairing_once(support, recipient):
    from cooperation.models import Pairing
    from tests.builders import make_pairing, region

    existing = Pairing.objects.filter(support_region=region(support), recipient_region=region(recipient)).first()
    return existing or make_pairing(support, recipient)
