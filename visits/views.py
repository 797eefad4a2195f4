"""Public pages of trips and their meetings."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from cooperation import content_version
from cooperation.filtering import count_key
from cooperation.ordering import within_parent
from cooperation.public import can_preview, paginate, visible
from cooperation.redirects import follow_old_slugs
from cooperation.structured_data import delegation_json_ld, list_page_json_ld, meeting_json_ld
from visits.filters import DelegationFilter
from visits.models import Delegation, Meeting, ParticipantRole, ParticipantSide, Speech

TRIPS_PER_PAGE = 12
# A side's first people show; the rest fold behind "其余 N 人" so the page stays short on a phone.
PEOPLE_SHOWN = 8
ROLE_ORDER = [ParticipantRole.LEADER, ParticipantRole.ACCOMPANYING, ParticipantRole.MEMBER, ParticipantRole.ATTENDING]


def leaders_first(participants):
    """Leaders, then those accompanying, members and those attending; as printed within each."""
    rank = {role: index for index, role in enumerate(ROLE_ORDER)}
    return sorted(participants, key=lambda p: rank.get(p.role, len(rank)))


@dataclass
class PeopleOfSide:
    side: str
    name: str
    people: list

    @property
    def shown(self):
        return self.people[:PEOPLE_SHOWN]

    @property
    def folded(self):
        return self.people[PEOPLE_SHOWN:]


def delegation_list(request):
    filterset = DelegationFilter(request.GET, queryset=Delegation.objects.published().with_card_related())
    page = paginate(request, filterset.qs, TRIPS_PER_PAGE, count_key("trips", filterset))
    json_ld = list_page_json_ld(request, _("考察活动"), list(page.object_list), start=page.start_index())
    return render(request, "visits/delegation_list.html", {"filter": filterset, "page": page, "json_ld": json_ld})


@content_version.record_page(Delegation)
@follow_old_slugs(lambda request: visible(request, Delegation.objects.all()))
def delegation_detail(request, slug):
    preview = can_preview(request.user, Delegation)
    delegation = get_object_or_404(
        visible(request, Delegation.objects.with_detail_related(preview=preview)), slug=slug
    )
    participants = delegation.participants.all()
    visiting = [p for p in participants if p.side == ParticipantSide.VISITING]
    hosts = [p for p in participants if p.side == ParticipantSide.HOST]
    context = {
        "delegation": delegation,
        "leaders": [p for p in visiting if p.role == ParticipantRole.LEADER],
        "sides": [
            PeopleOfSide(ParticipantSide.VISITING.label, delegation.name, leaders_first(visiting)),
            PeopleOfSide(ParticipantSide.HOST.label, "", leaders_first(hosts)),
        ],
        "participant_count": len(participants),
        "site_visits": delegation.site_visits.all(),
        "meetings": delegation.meetings.all(),
        "preview": preview,
        "json_ld": delegation_json_ld(request, delegation),
    }
    return render(request, "visits/delegation_detail.html", context)


@content_version.record_page(Meeting)
@follow_old_slugs(lambda request: visible(request, Meeting.objects.all()))
def meeting_detail(request, slug):
    preview = can_preview(request.user, Meeting)
    meetings = Meeting.objects.select_related("delegation", "region", "chair").prefetch_related(
        Prefetch("speeches", queryset=within_parent(Speech.objects.select_related("person")))
    )
    meeting = get_object_or_404(visible(request, meetings), slug=slug)
    context = {"meeting": meeting, "preview": preview, "json_ld": meeting_json_ld(request, meeting)}
    return render(request, "visits/meeting_detail.html", context)
