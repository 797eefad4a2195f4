"""Index pages that count across apps: the pairings (with their diagram), the topics, the HTML sitemap."""

from dataclasses import dataclass, field

from django.shortcuts import render

from cooperation.diagram import diagram_pairings, pairing_diagram
from cooperation.models import Pairing, Topic
from portal.activity import counts_by_pairing, counts_by_topic, with_counts


@dataclass
class District:
    region: object
    pairings: list = field(default_factory=list)


def pairing_list(request):
    pairings = with_counts(diagram_pairings(), counts_by_pairing())
    districts = {}
    for pairing in pairings:
        region = pairing.support_region
        districts.setdefault(region.pk, District(region)).pairings.append(pairing)
    context = {
        "districts": list(districts.values()),
        "count": len(pairings),
        "diagram": pairing_diagram(pairings),
    }
    return render(request, "portal/pairing_list.html", context)


def topic_list(request):
    topics = with_counts(Topic.objects.all(), counts_by_topic())
    return render(request, "portal/topic_list.html", {"topics": topics})


def sitemap_page(request):
    """The site's pages as links, for people (the XML sitemap stays for crawlers)."""
    context = {
        "pairings": Pairing.objects.with_regions(),
        "topics": Topic.objects.all(),
    }
    return render(request, "portal/sitemap.html", context)
