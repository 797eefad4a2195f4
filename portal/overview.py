"""Pages that count across apps: the pairings index (with its diagram), the topics index, the
HTML sitemap, and the activity per year that the home and pairing pages chart (with its data)."""

import json
from dataclasses import dataclass, field

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET

from cooperation.figures import count_charts
from cooperation.ledgers.files import write_csv
from cooperation.models import Pairing, Topic
from cooperation.public import reachable
from cooperation.structured_data import breadcrumb_json_ld, list_page_json_ld
from govsite import site
from portal.activity import (
    KINDS,
    MEETINGS,
    PROJECTS,
    TRIPS,
    activity_by_year,
    counts_by_pairing,
    counts_by_topic,
    with_counts,
)
from portal.diagram import diagram_pairings, pairing_diagram


@dataclass
class District:
    region: object
    pairings: list = field(default_factory=list)


def pairing_list(request):
    pairings = with_counts(diagram_pairings().in_public_use(), counts_by_pairing())
    districts = {}
    for pairing in pairings:
        region = pairing.support_region
        districts.setdefault(region.pk, District(region)).pairings.append(pairing)
    context = {
        "districts": list(districts.values()),
        "count": len(pairings),
        "diagram": pairing_diagram(pairings),
        "json_ld": list_page_json_ld(request, pgettext("index", "结对关系"), pairings),
    }
    return render(request, "portal/pairing_list.html", context)


def topic_list(request):
    topics = with_counts(Topic.objects.in_public_use(), counts_by_topic())
    context = {"topics": topics, "json_ld": list_page_json_ld(request, _("协作领域"), topics)}
    return render(request, "portal/topic_list.html", context)


def sitemap_page(request):
    """The site's pages as links, for people (the XML sitemap stays for crawlers)."""
    context = {
        "pairings": Pairing.objects.in_public_use().with_regions(),
        "topics": Topic.objects.in_public_use(),
        "json_ld": breadcrumb_json_ld(request, [(_("首页"), "/"), (_("网站地图"), request.path)]),
    }
    return render(request, "portal/sitemap.html", context)


ACTIVITY_FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def activity_series():
    return [(TRIPS, _("考察活动")), (MEETINGS, _("会议座谈")), (PROJECTS, _("协作项目（按开工年份）"))]


def activity_context(rows):
    """What a page needs to show activity per year: charts, the table beside them, and the series."""
    return {"rows": rows, "charts": count_charts(rows, activity_series()), "series": activity_series()}


@require_GET
def activity_data(request, file_format, slug=None):
    """The counts a chart shows, as CSV (with BOM, for Excel and WPS) or JSON: the programme's or one pairing's."""
    pairing = get_object_or_404(reachable(request, Pairing.objects.with_regions()), slug=slug) if slug else None
    if file_format not in ACTIVITY_FORMATS:
        raise Http404
    rows = activity_by_year(pairing)
    name = f"{pairing.slug}-activity" if pairing else "activity"
    if file_format == "csv":
        headers = [_("年份"), *(str(label) for _kind, label in activity_series())]
        data = write_csv(headers, ([row.year, *(row.count(kind) for kind in KINDS)] for row in rows))
    else:
        document = {
            "pairing": str(pairing) if pairing else None,
            "url": request.build_absolute_uri(pairing.get_absolute_url() if pairing else reverse("cooperation:home")),
            "fields": {kind: str(label) for kind, label in activity_series()},
            "years": [{"year": row.year, **{kind: row.count(kind) for kind in KINDS}} for row in rows],
        }
        data = json.dumps(document, ensure_ascii=False, indent=1)
    response = HttpResponse(data, content_type=ACTIVITY_FORMATS[file_format])
    response["Content-Disposition"] = content_disposition_header(False, f"{name}.{file_format}")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def favicon(request):
    """/favicon.ico, which browsers ask for on their own, from the static icon set."""
    return HttpResponsePermanentRedirect(static("icons/favicon.ico"))


@require_GET
def web_manifest(request):
    """The icon set and name for a phone's home screen (static file names may carry a hash)."""
    name = str(site.for_request(request).settings.site_name)
    document = {
        "name": name,
        "short_name": name[:12],
        "lang": "zh-Hans",
        "start_url": "/",
        "display": "browser",
        "background_color": "#f6f4f0",
        "theme_color": "#a3141b",
        "icons": [
            {"src": static(f"icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
            for size in (192, 512)
        ],
    }
    return HttpResponse(json.dumps(document, ensure_ascii=False), content_type="application/manifest+json")
