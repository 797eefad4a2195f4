"""How many published trips and projects each pairing or topic has: the counts the index pages show.

One UNION ALL query per index, grouped in the database: a correlated count per row would read
the trip table once per pairing (PostgreSQL prefers that to 50 index look-ups). The home page,
the indexes and each pairing's and topic's own page show them, so they are worked out once per
change to the tables they read (cooperation/content_version.py), not on each of those pages.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, Value
from django.db.models.functions import Coalesce, ExtractYear

from cooperation import content_version
from projects.models import Project
from visits.models import Delegation, Meeting

TRIPS = "trips"
PROJECTS = "projects"


def _per(queryset, field, kind):
    return (
        queryset.order_by()
        .values(field)
        .annotate(count=Count("pk"), kind=Value(kind))
        .values_list(field, "kind", "count")
    )


def _collect(first, *rest):
    return {(key, kind): count for key, kind, count in first.union(*rest, all=True)}


def counts_by_pairing():
    """{(pairing id, "trips" | "projects"): count} over published records."""
    return content_version.cached(
        "portal:counts:pairings", _counts_by_pairing, settings.PAGE_CACHE_SECONDS, as_read=True
    )


def _counts_by_pairing():
    trips = Delegation.pairings.through.objects.filter(delegation__in=Delegation.objects.published())
    projects = Project.objects.published().filter(pairing__isnull=False)
    return _collect(_per(trips, "pairing", TRIPS), _per(projects, "pairing", PROJECTS))


def counts_by_topic():
    """{(topic id, "trips" | "projects"): count} over published records."""
    return content_version.cached(
        "portal:counts:topics", _counts_by_topic, settings.PAGE_CACHE_SECONDS, as_read=True
    )


def _counts_by_topic():
    trips = Delegation.topics.through.objects.filter(delegation__in=Delegation.objects.published())
    projects = Project.topics.through.objects.filter(project__in=Project.objects.published())
    return _collect(_per(trips, "topic", TRIPS), _per(projects, "topic", PROJECTS))


def with_counts(records, counts):
    """Each record with `trip_count` and `project_count` set from `counts`."""
    records = list(records)
    for record in records:
        record.trip_count = counts.get((record.pk, TRIPS), 0)
        record.project_count = counts.get((record.pk, PROJECTS), 0)
    return records


MEETINGS = "meetings"
KINDS = (TRIPS, MEETINGS, PROJECTS)


@dataclass
class YearRow:
    year: int
    trips: int = 0
    meetings: int = 0
    projects: int = 0

    def count(self, kind):
        return getattr(self, kind)


def _per_year(queryset, year, kind):
    return (
        queryset.annotate(year=year)
        .filter(year__isnull=False)
        .order_by()
        .values("year")
        .annotate(count=Count("pk", distinct=True), kind=Value(kind))
        .values_list("year", "kind", "count")
    )


def activity_by_year(pairing=None):
    """Published trips, meetings and projects per year, oldest first: the programme's or one pairing's.

    One query (UNION ALL of three grouped counts). A trip counts in the year it started, a
    meeting in its own year or else its trip's, a project in the year it started; records
    with no year are left out rather than guessed. The counts change only when one of those
    tables is written: kept until then (a page using them depends on those tables as if it had
    counted), as a pairing's page and its data files show them on every request.
    """
    key = "portal:activity" if pairing is None else f"portal:activity:{pairing.pk}"
    return content_version.cached(
        key, lambda: _activity_by_year(pairing), settings.PAGE_CACHE_SECONDS, as_read=True
    )


def _activity_by_year(pairing):
    trips = Delegation.objects.published()
    meetings = Meeting.objects.published()
    projects = Project.objects.published()
    if pairing is not None:
        trips = trips.filter(pairings=pairing)
        meetings = meetings.filter(delegation__pairings=pairing)
        projects = projects.filter(pairing=pairing)
    rows = {}
    counts = _per_year(trips, ExtractYear("start_date"), TRIPS).union(
        _per_year(meetings, ExtractYear(Coalesce("date", "delegation__start_date")), MEETINGS),
        _per_year(projects, F("start_year"), PROJECTS),
        all=True,
    )
    for year, kind, count in counts:
        setattr(rows.setdefault(year, YearRow(year)), kind, count)
    return [rows[year] for year in sorted(rows)]
