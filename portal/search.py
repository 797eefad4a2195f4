"""Search across trips, site visits, meetings, speeches, projects and people.

Chinese is not split into words by spaces, so the search is by substring: 芍药 is found inside
全面了解芍药鲜切花种植. Each word of the query (split at spaces) must appear in one of a
record's fields, or in the name of its organization, or (for people) in one of their posts.
`icontains` gives the same answers on SQLite and PostgreSQL; on PostgreSQL the trigram
indexes made by the `*_search_trgm` migrations serve it, because they index exactly the
expression Django compares, UPPER(column::text) (see cooperation/search_indexes.py).

Every queryset starts from published(): search is one more door for the public.

A cached search page ends when a record that matches one of its words changes (matching before
the change or after it), or when the tables' membership does: `watch_matches` tells the cached
pages' bookkeeping how each table's records match a word, with these very conditions.
"""

import re
from dataclasses import dataclass
from functools import partial, reduce
from operator import and_, or_

from django.db.models import F, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from cooperation import content_version
from cooperation.models import Appointment, Organization, Person
from cooperation.ordering import within_parent
from projects.models import Project
from visits.models import Delegation, Meeting, SiteVisit, Speech

MAX_TERMS = 5
MAX_TERM_LENGTH = 40
MAX_QUERY_LENGTH = 200


CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def split_terms(query):
    """The words of a query: split at ASCII or full-width spaces, at most five, each of sane length.

    Control characters count as spaces: PostgreSQL refuses a NUL in a string outright.
    """
    words = CONTROL_CHARACTERS.sub(" ", (query or "")[:MAX_QUERY_LENGTH]).replace("\u3000", " ").split()
    unique = list(dict.fromkeys(word[:MAX_TERM_LENGTH] for word in words))
    return unique[:MAX_TERMS]


def contains(field, term):
    """The condition "`field` contains `term`", as `icontains` finds it.

    A word of one or two characters none of which has a case (芍药, 12) is compared as it is:
    no trigram serves it either way, so PostgreSQL reads the table, and the UPPER() that
    `icontains` puts around every row's text cost five times the comparison itself (60,000
    speeches: 111 → 20 ms). For such a word both find exactly the same rows.
    """
    caseless = len(term) < 3 and term.upper() == term.lower()
    return Q(**{f"{field}__contains" if caseless else f"{field}__icontains": term})


class RelatedMatches:
    """Ids of the related records (organizations, posts) each word matches, found once a search.

    Matching them by id rather than through a join keeps every condition on the searched table
    itself, so PostgreSQL can combine the trigram indexes (a BitmapOr) instead of reading the
    whole table, which an OR across a join forces it to do.
    """

    # What `ids` is asked to search: each model by its one field.
    fields = {Organization: "name", Appointment: "title"}
    models = tuple(fields)

    def __init__(self):
        self._found = {}

    def ids(self, model, field, term, value="pk"):
        key = (model, field, term, value)
        if key not in self._found:
            matching = model.objects.filter(contains(field, term)).order_by()
            self._found[key] = list(matching.values_list(value, flat=True).distinct())
        return self._found[key]


@dataclass(frozen=True)
class SearchType:
    key: str
    label: str
    fields: tuple
    template: str

    def base_queryset(self):
        raise NotImplementedError

    def related_condition(self, term, related):
        return Q()

    def own_condition(self, term):
        return reduce(or_, (contains(field, term) for field in self.fields))

    def term_condition(self, term, related):
        return self.own_condition(term) | self.related_condition(term, related)

    def results(self, terms, related):
        condition = reduce(and_, (self.term_condition(term, related) for term in terms))
        return self.base_queryset().filter(condition)


class DelegationSearch(SearchType):
    def base_queryset(self):
        return Delegation.objects.published().with_card_related()


class ByOrganization:
    def related_condition(self, term, related):
        return Q(organization_id__in=related.ids(Organization, RelatedMatches.fields[Organization], term))


class SiteVisitSearch(ByOrganization, SearchType):
    def base_queryset(self):
        return (
            SiteVisit.objects.published()
            .select_related("delegation", "region", "organization")
            .order_by(F("delegation__start_date").desc(nulls_last=True), "delegation_id", "order")
        )


class MeetingSearch(SearchType):
    def base_queryset(self):
        return (
            Meeting.objects.published()
            .select_related("delegation", "region")
            .order_by(F("date").desc(nulls_last=True), F("delegation__start_date").desc(nulls_last=True), "pk")
        )


class SpeechSearch(SearchType):
    def base_queryset(self):
        return (
            Speech.objects.published()
            .select_related("meeting__delegation", "person")
            .order_by(
                F("meeting__date").desc(nulls_last=True),
                F("meeting__delegation__start_date").desc(nulls_last=True),
                "meeting_id",
                "order",
            )
        )


class ProjectSearch(ByOrganization, SearchType):
    def base_queryset(self):
        return Project.objects.published().with_listing_related()


class PersonSearch(SearchType):
    def base_queryset(self):
        return Person.objects.published().prefetch_related(
            Prefetch("appointments", queryset=within_parent(Appointment.objects.all()))
        )

    def related_condition(self, term, related):
        field = RelatedMatches.fields[Appointment]
        return Q(pk__in=related.ids(Appointment, field, term, value="person_id"))


SEARCH_TYPES = [
    DelegationSearch(
        "trips", _("考察活动"), ("title", "name", "purpose", "summary", "body"), "portal/search/trip.html"
    ),
    SiteVisitSearch(
        "site-visits", _("实地考察"), ("place", "description"),
        "portal/search/site_visit.html",
    ),
    MeetingSearch("meetings", _("会议"), ("title", "place", "summary"), "portal/search/meeting.html"),
    SpeechSearch(
        "speeches", _("发言"), ("points", "name_as_printed", "title_as_printed"),
        "portal/search/speech.html",
    ),
    ProjectSearch(
        "projects", _("协作项目"), ("name", "description"),
        "portal/search/project.html",
    ),
    PersonSearch("people", _("人物"), ("name", "disambiguation", "bio"), "portal/search/person.html"),
]
SEARCH_TYPES_BY_KEY = {search_type.key: search_type for search_type in SEARCH_TYPES}


def searched_models():
    """Every model whose records a search compares with its words."""
    return {*(search_type.base_queryset().model for search_type in SEARCH_TYPES), *RelatedMatches.models}


def watch_matches():
    """Tell the cached pages' bookkeeping how search decides that a record matches a word, table
    by table (cooperation/content_version.py, `matched_by`): an edit then ends the cached searches
    for the words the record matches before or after it, not every search."""
    for search_type in SEARCH_TYPES:
        content_version.matched_by(search_type.base_queryset().model, search_type.own_condition)
    for model, field in RelatedMatches.fields.items():
        content_version.matched_by(model, partial(contains, field))
