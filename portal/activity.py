"""How many published trips and projects each pairing or topic has: the counts the index pages show.

One UNION ALL query per index, grouped in the database: a correlated count per row would read
the trip table once per pairing (PostgreSQL prefers that to 50 index look-ups).
"""

from django.db.models import Count, Value

from projects.models import Project
from visits.models import Delegation

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
    trips = Delegation.pairings.through.objects.filter(delegation__in=Delegation.objects.published())
    projects = Project.objects.published().filter(pairing__isnull=False)
    return _collect(_per(trips, "pairing", TRIPS), _per(projects, "pairing", PROJECTS))


def counts_by_topic():
    """{(topic id, "trips" | "projects"): count} over published records."""
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
