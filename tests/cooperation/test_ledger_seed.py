"""The seed report as ledgers (tests/data/seed/): the same facts the fixture holds.

The three CSV files are what an office would keep for the report of
shared/seed/000_1530c4c95e66b40c.txt. Imported over the fixture they change nothing; imported
into an empty database they give the fixture's facts, except the few the ledger has no column
for (named in `NOT_IN_THE_LEDGERS`); exported from the fixture they are these files again.
"""

import csv
import io
import json
from pathlib import Path

import pytest

from cooperation.ledgers.service import export_ledgers
from cooperation.models import Person, Source
from projects.models import Project
from tests.cooperation.ledger_builders import import_seed, outcomes, seed_bytes
from visits.models import Delegation, Meeting, Participant, SiteVisit, Speech

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "seed_report.json"

# Facts of the fixture that no ledger column carries; an import leaves them as they are.
NOT_IN_THE_LEDGERS = {
    "Delegation.purpose": "目的 is not a column of 考察活动",
    "Delegation.pairings": "derived from 出发地 and 目的地 for pairings that exist; the empty database has one",
    "Meeting.summary": "会议发言 has no column for a meeting's summary",
    "SiteVisit.region of the first stop": "its place does not begin with a region's name",
    "Project.source": "a source without a link cannot be named in 项目's 链接",
    "Person.status": "people an import creates are drafts until reviewed",
}


def fixture_facts():
    """The fixture's facts, read from the JSON itself, in the shape `database_facts` returns."""
    records = json.loads(FIXTURE.read_text(encoding="utf-8"))

    def of(model):
        return [r for r in records if r["model"] == model]

    people = {r["pk"]: r["fields"]["name"] for r in of("cooperation.person")}
    projects = {r["pk"]: r["fields"]["name"] for r in of("projects.project")}
    meetings = {r["pk"]: r["fields"] for r in of("visits.meeting")}
    trip = of("visits.delegation")[0]["fields"]
    source = of("cooperation.source")[0]["fields"]
    project = of("projects.project")[0]["fields"]
    return {
        "trip": (
            trip["title"],
            trip["name"],
            trip["kind"],
            trip["origin"][0],
            trip["start_date"],
            trip["end_date"],
            trip["date_precision"],
            trip["summary"],
            trip["body"],
            trip["status"] == "draft",
            sorted(d[0] for d in trip["destinations"]),
            sorted(t[0] for t in trip["topics"]),
        ),
        "source": (source["title"], source["publisher"], source["url"], source["published_on"], source["text"]),
        "participants": sorted(
            (f["order"], f["side"], f["role"], f["name_as_printed"], f["title_as_printed"], people.get(f["person"]))
            for f in (r["fields"] for r in of("visits.participant"))
        ),
        "site_visits": sorted(
            (f["order"], f["place"], f["description"], sorted(projects[p] for p in f["projects"]))
            for f in (r["fields"] for r in of("visits.sitevisit"))
        ),
        "meetings": sorted(
            (f["order"], f["title"], f["kind"], f["date"], f["place"], f["region"][0] if f["region"] else None)
            for f in meetings.values()
        ),
        "speeches": sorted(
            (
                meetings[f["meeting"]]["title"],
                f["order"],
                f["name_as_printed"],
                f["title_as_printed"],
                f["kind"],
                f["points"],
                people.get(f["person"]),
            )
            for f in (r["fields"] for r in of("visits.speech"))
        ),
        "project": (
            project["name"],
            project["region"][0],
            sorted(t[0] for t in project["topics"]),
            project["description"],
            project["stage"],
            project["start_year"],
        ),
        "people": sorted(people.values()),
    }


def database_facts():
    trip = Delegation.objects.get()
    source = Source.objects.get()
    project = Project.objects.get()
    return {
        "trip": (
            trip.title,
            trip.name,
            trip.kind,
            trip.origin.full_name,
            trip.start_date.isoformat(),
            trip.end_date,
            trip.date_precision,
            trip.summary,
            trip.body,
            trip.status == "draft",
            sorted(r.full_name for r in trip.destinations.all()),
            sorted(t.name for t in trip.topics.all()),
        ),
        "source": (source.title, source.publisher, source.url, source.published_on, source.text),
        "participants": sorted(
            (p.order, p.side, p.role, p.name_as_printed, p.title_as_printed, p.person.name if p.person else None)
            for p in Participant.objects.select_related("person")
        ),
        "site_visits": sorted(
            (s.order, s.place, s.description, sorted(p.name for p in s.projects.all())) for s in SiteVisit.objects.all()
        ),
        "meetings": sorted(
            (m.order, m.title, m.kind, m.date, m.place, m.region.full_name if m.region else None)
            for m in Meeting.objects.select_related("region")
        ),
        "speeches": sorted(
            (
                s.meeting.title,
                s.order,
                s.name_as_printed,
                s.title_as_printed,
                s.kind,
                s.points,
                s.person.name if s.person else None,
            )
            for s in Speech.objects.select_related("meeting", "person")
        ),
        "project": (
            project.name,
            project.region.full_name,
            sorted(t.name for t in project.topics.all()),
            project.description,
            project.stage,
            project.start_year,
        ),
        "people": sorted(Person.objects.values_list("name", flat=True)),
    }


@pytest.mark.usefixtures("seed")
def test_the_seed_ledgers_over_the_fixture_change_nothing():
    reports = import_seed()

    assert [outcomes(report) for report in reports] == [
        [(2, "unchanged")],
        [(2, "unchanged")],
        [(n, "unchanged") for n in range(2, 10)],
    ]
    assert [report.new_names for report in reports] == [{}, {}, {}]


@pytest.mark.django_db
def test_the_seed_ledgers_into_an_empty_database_give_the_fixtures_facts(django_user_model):
    # Where the office's chains are 终审签发 alone, a publisher's 导入即发布 signs off by itself.
    from review.models import ReviewPolicy
    from tests.builders import make_publisher

    ReviewPolicy.objects.update(first_review=False, second_review=False)
    import_seed(publish=True, user=make_publisher(django_user_model))

    assert database_facts() == fixture_facts()


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize(("slug", "name"), [("projects", "项目"), ("trips", "考察活动"), ("speeches", "会议发言")])
def test_an_export_of_the_fixture_is_the_seed_ledger(slug, name):
    exported = export_ledgers([slug], file_format="csv").decode("utf-8-sig")

    assert list(csv.reader(io.StringIO(exported))) == list(csv.reader(io.StringIO(seed_bytes(name).decode())))
