"""The site's hub pages: home, people, places, pairings, topics, search, robots.txt.

These pages read trips and projects too. The models keep the one-way dependency (visits and
projects import cooperation.models, never the reverse); only this view layer looks across.
"""

import logging

from django.conf import settings
from django.db.models import CharField, Count, F, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from cooperation import content_version, kept_links
from cooperation.figures import bar_charts, figure_table, headlines_by_pairing
from cooperation.models import Appointment, Pairing, PairingLevel, Person, ProgramFigure, Region, Topic, public_use_ids
from cooperation.ordering import within_parent
from cooperation.people import current_titles, group_speeches_by_title
from cooperation.public import can_preview, paginate, reachable, visible
from cooperation.redirects import follow_old_slugs
from cooperation.structured_data import (
    pairing_json_ld,
    person_json_ld,
    region_json_ld,
    topic_json_ld,
    website_json_ld,
)
from govsite import site
from portal.activity import activity_by_year, counts_by_pairing, counts_by_topic, with_counts
from portal.overview import activity_context
from portal.search import SEARCH_TYPES, SEARCH_TYPES_BY_KEY, RelatedMatches, searched_models, split_terms
from projects.models import Project
from visits.models import Delegation

logger = logging.getLogger(__name__)

HOME_TRIPS = 6
HOME_PROJECTS = 6
SECTION_SIZE = 10
SEARCH_PREVIEW = 5
SEARCH_PER_PAGE = 20


def _published_count(queryset, field):
    """A subquery counting published records per row of the outer query (no join fan-out)."""
    return Coalesce(
        Subquery(
            queryset.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(count=Count("pk"))
            .values("count"),
            output_field=IntegerField(),
        ),
        0,
    )


def _pairings_with_counts(pairings):
    figures = Prefetch("figures", queryset=within_parent(ProgramFigure.objects.all()))
    return pairings.with_regions().prefetch_related(figures).annotate(
        trip_count=_published_count(Delegation.objects.published(), "pairings"),
        project_count=_published_count(Project.objects.published(), "pairing"),
    )


def _home_aggregates():
    """The home page's counts over every published record, kept in the cache until they change.

    They read every published trip and project, and change only when one of the tables they
    read is written (cooperation/content_version.py), so one computation serves every uncached
    home page until then (four queries fewer on each of them; the pairings' counts are kept on
    their own, portal.activity).
    """
    return content_version.cached(
        "portal:home:aggregates",
        lambda: {
            "by_year": activity_by_year(),
            "totals": {
                "trips": Delegation.objects.published().count(),
                "projects": Project.objects.published().count(),
                "people": Person.objects.published().count(),
            },
        },
        settings.PAGE_CACHE_SECONDS,
    )


def home(request):
    aggregates = _home_aggregates()
    # The pairings and topics in public use, made from the kept rows (cooperation/kept_links.py).
    pairings = with_counts(
        kept_links.records(Pairing, public_use_ids(Pairing), level=PairingLevel.COUNTY), counts_by_pairing()
    )
    headlines = headlines_by_pairing()
    context = {
        "trips": Delegation.objects.published().with_card_related()[:HOME_TRIPS],
        # Featured projects lead; the newest fill the row, so the home page never shows a gap.
        "projects": Project.objects.published()
        .with_listing_related()
        .order_by("-featured", F("start_year").desc(nulls_last=True), "-published_at")[:HOME_PROJECTS],
        "pairings": [(pairing, headlines.get(pairing.pk, [])) for pairing in pairings],
        "topics": kept_links.records(Topic, public_use_ids(Topic)),
        "activity": activity_context(aggregates["by_year"]),
        "json_ld": website_json_ld(request, site.for_request(request).settings.site_name),
        "totals": aggregates["totals"],
    }
    return render(request, "portal/home.html", context)


@content_version.record_page(Person)
@follow_old_slugs(lambda request: visible(request, Person.objects.all()))
def person_detail(request, slug):
    preview = can_preview(request.user, Person)
    person = get_object_or_404(
        visible(
            request,
            Person.objects.prefetch_related(
                Prefetch(
                    "appointments",
                    queryset=within_parent(Appointment.objects.select_related("organization__region")),
                )
            ),
        ),
        slug=slug,
    )
    appointments = list(person.appointments.all())
    trips = Delegation.objects.all() if preview else Delegation.objects.published()
    participations = (
        person.participations.filter(delegation__in=trips)
        .select_related("delegation__origin")
        .order_by(F("delegation__start_date").desc(nulls_last=True), "-delegation_id")
    )
    speeches = (
        (person.speeches.all() if preview else person.speeches.published())
        .select_related("meeting__delegation", "meeting__region")
        .order_by(
            F("meeting__date").desc(nulls_last=True),
            F("meeting__delegation__start_date").desc(nulls_last=True),
            "meeting_id",
            "order",
        )
    )
    context = {
        "person": person,
        "current_appointments": [a for a in appointments if a.is_current],
        "former_appointments": [a for a in appointments if not a.is_current],
        "current_title": "、".join(current_titles(appointments)),
        "participations": participations,
        "speech_groups": group_speeches_by_title(speeches, appointments),
        "preview": preview,
        "json_ld": person_json_ld(request, person, appointments),
    }
    return render(request, "portal/person_detail.html", context)


@follow_old_slugs(lambda request: reachable(request, Region.objects.all()))
def region_detail(request, slug):
    region = get_object_or_404(
        reachable(request, Region.objects.select_related("parent__parent__parent__parent")), slug=slug
    )
    # The whole subtree in one query, read here: its children are listed, and its ids go into
    # the sections' filters as values rather than a subquery. With a subquery PostgreSQL walks
    # the listing index hoping for ten matches soon, and a Beijing district, where no project
    # lies, then reads every project (10,000 projects: 23 ms → 2 ms).
    # Only the places below that something published is filed under are listed; the published
    # trips and projects of the subtree all lie in those.
    below = list(reachable(request, Region.objects.subtree(region)))
    subtree = [place.pk for place in below]
    trips = Delegation.objects.published().with_card_related()
    trips_to = trips.filter(pk__in=Delegation.objects.filter(destinations__in=subtree).values("pk"))
    trips_from = trips.filter(origin__in=subtree)
    projects = Project.objects.published().with_listing_related().filter(region__in=subtree)
    context = {
        "region": region,
        "ancestors": region.ancestors(),
        "children": [place for place in below if place.parent_id == region.pk],
        "pairings": _pairings_with_counts(
            reachable(request, Pairing.objects.filter(Q(support_region=region) | Q(recipient_region=region)))
        ),
        "trips_to": trips_to[:SECTION_SIZE],
        "trips_to_count": trips_to.count(),
        "trips_from": trips_from[:SECTION_SIZE],
        "trips_from_count": trips_from.count(),
        "projects": projects[:SECTION_SIZE],
        "project_count": projects.count(),
        "json_ld": region_json_ld(request, region),
    }
    return render(request, "portal/region_detail.html", context)


@follow_old_slugs(lambda request: reachable(request, Pairing.objects.all()))
def pairing_detail(request, slug):
    pairing = get_object_or_404(
        reachable(request, Pairing.objects.with_sides()),
        slug=slug,
    )
    figures = list(pairing.figures.select_related("source").order_by("year", "metric"))
    trips = Delegation.objects.published().with_card_related().filter(pairings=pairing)
    projects = Project.objects.published().with_listing_related().filter(pairing=pairing)
    with_counts([pairing], counts_by_pairing())
    context = {
        "pairing": pairing,
        "figure_table": figure_table(figures),
        "charts": bar_charts(figures),
        "activity": activity_context(activity_by_year(pairing)),
        "sources": list({f.source_id: f.source for f in figures if f.source_id}.values()),
        "trips": trips[:SECTION_SIZE],
        "trip_count": pairing.trip_count,
        "projects": projects[:SECTION_SIZE],
        "project_count": pairing.project_count,
        "json_ld": pairing_json_ld(request, pairing),
    }
    return render(request, "portal/pairing_detail.html", context)


@follow_old_slugs(lambda request: reachable(request, Topic.objects.all()))
def topic_detail(request, slug):
    topic = get_object_or_404(reachable(request, Topic.objects.all()), slug=slug)
    trips = Delegation.objects.published().with_card_related().filter(topics=topic)
    projects = Project.objects.published().with_listing_related().filter(topics=topic)
    with_counts([topic], counts_by_topic())
    context = {
        "topic": topic,
        "trips": trips[:SECTION_SIZE],
        "trip_count": topic.trip_count,
        "projects": projects[:SECTION_SIZE],
        "project_count": topic.project_count,
        "json_ld": topic_json_ld(request, topic),
    }
    return render(request, "portal/topic_detail.html", context)


def _count_each(querysets):
    """{key: how many records each queryset finds}, in one query (UNION ALL of the counts)."""
    counts = [
        queryset.order_by()
        .annotate(search_type=Value(key, output_field=CharField()))
        .values("search_type")
        .annotate(count=Count("pk"))
        .values_list("search_type", "count")
        for key, queryset in querysets.items()
    ]
    return dict(counts[0].union(*counts[1:], all=True))


def search(request):
    query = request.GET.get("q", "").strip()
    terms = split_terms(query)
    chosen = SEARCH_TYPES_BY_KEY.get(request.GET.get("type", ""))
    # The answer depends on every table searched, whether or not a query ran on it (one whose
    # condition matches nothing never does): on which records they hold, and on the records that
    # match the words before or after a change — not on every text of the tables.
    with content_version.matching(terms, searched_models()):
        return _search(request, query, terms, chosen)


def _search(request, query, terms, chosen):
    groups, page = [], None
    if terms:
        related = RelatedMatches()
        results = {search_type.key: search_type.results(terms, related) for search_type in SEARCH_TYPES}
        counts = _count_each(results)
        for search_type in SEARCH_TYPES:
            groups.append(
                {
                    "type": search_type,
                    "count": counts.get(search_type.key, 0),
                    "results": results[search_type.key][:SEARCH_PREVIEW] if chosen is None else [],
                }
            )
        if chosen is not None:
            page = paginate(request, chosen.results(terms, related), SEARCH_PER_PAGE)
    context = {
        "query": query,
        "terms": terms,
        "chosen": chosen,
        "groups": groups,
        "total": sum(group["count"] for group in groups),
        "page": page,
    }
    return render(request, "portal/search.html", context)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /i18n/",
        f"Sitemap: {request.build_absolute_uri(reverse('cooperation:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
