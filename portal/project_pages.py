"""Public pages of cooperation projects."""

from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from cooperation import content_version
from cooperation.filtering import count_key
from cooperation.ordering import within_parent
from cooperation.public import can_preview, paginate, visible
from cooperation.redirects import follow_old_slugs
from cooperation.structured_data import list_page_json_ld, project_json_ld
from portal.project_filters import ProjectFilter
from projects.models import Project

# The site visit is where projects meets visits: the inspection history reads it.
from visits.models import Participant, SiteVisit

PROJECTS_PER_PAGE = 12


def project_list(request):
    filterset = ProjectFilter(request.GET, queryset=Project.objects.published().with_listing_related())
    page = paginate(request, filterset.qs, PROJECTS_PER_PAGE, count_key("projects", filterset))
    json_ld = list_page_json_ld(request, _("协作项目"), list(page.object_list), start=page.start_index())
    return render(request, "projects/project_list.html", {"filter": filterset, "page": page, "json_ld": json_ld})


@content_version.record_page(Project)
@follow_old_slugs(lambda request: visible(request, Project.objects.all()))
def project_detail(request, slug):
    preview = can_preview(request.user, Project)
    project = get_object_or_404(visible(request, Project.objects.with_detail_related()), slug=slug)
    visits = SiteVisit.objects.all() if preview else SiteVisit.objects.published()
    inspections = (
        visits.filter(projects=project)
        .select_related("delegation__origin", "region")
        .prefetch_related(
            Prefetch(
                "delegation__participants",
                queryset=within_parent(Participant.objects.leaders().select_related("person")),
                to_attr="leaders",
            )
        )
        .order_by(F("delegation__start_date").desc(nulls_last=True), "delegation_id", "order")
    )
    context = {
        "project": project,
        "inspections": inspections,
        "preview": preview,
        "json_ld": project_json_ld(request, project),
    }
    return render(request, "projects/project_detail.html", context)
