"""sitemap.xml: every public page, published records only."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from cooperation.models import Pairing, Person, Region, Topic
from projects.models import Project
from visits.models import Delegation, Meeting


class PublishedSitemap(Sitemap):
    model = None
    limit = 2000

    def items(self):
        # Only what a <url> entry needs: the address and the time of the last change.
        return self.model.objects.published().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # For the index: one aggregate, where Django's default would load every record.
        return self.model.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class DelegationSitemap(PublishedSitemap):
    model = Delegation
    changefreq = "monthly"
    priority = 0.8


class MeetingSitemap(PublishedSitemap):
    model = Meeting
    changefreq = "yearly"
    priority = 0.5


class ProjectSitemap(PublishedSitemap):
    model = Project
    changefreq = "monthly"
    priority = 0.7


class PersonSitemap(PublishedSitemap):
    model = Person
    changefreq = "monthly"
    priority = 0.5


class ReferenceSitemap(Sitemap):
    """Places, pairings and topics: reference records, listed once something published is filed under them."""

    model = None
    limit = 2000
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return self.model.objects.in_public_use().only("pk", "slug").order_by("pk")


class RegionSitemap(ReferenceSitemap):
    model = Region


class PairingSitemap(ReferenceSitemap):
    model = Pairing
    priority = 0.6


class TopicSitemap(ReferenceSitemap):
    model = Topic


class PageSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return [
            "cooperation:home",
            "visits:delegation_list",
            "projects:project_list",
            "cooperation:pairing_list",
            "cooperation:region_list",
            "cooperation:person_list",
            "cooperation:topic_list",
            "cooperation:sitemap_page",
            "opendata:index",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "trips": DelegationSitemap,
    "meetings": MeetingSitemap,
    "projects": ProjectSitemap,
    "people": PersonSitemap,
    "regions": RegionSitemap,
    "pairings": PairingSitemap,
    "topics": TopicSitemap,
}
