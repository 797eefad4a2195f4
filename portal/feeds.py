"""Atom feeds, newest publication first: all trips, all projects, and the trips of one pairing,
region or topic."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from cooperation.models import Pairing, Region, Topic
from cooperation.public import reachable
from projects.models import Project
from visits.models import Delegation

FEED_SIZE = 30


class TripFeed(Feed):
    feed_type = Atom1Feed
    title = settings.SITE_NAME
    subtitle = _("京蒙协作考察活动的最新记录")
    link = reverse_lazy("visits:delegation_list")

    def items(self):
        return Delegation.objects.published().with_card_related().order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Atom carries the summary as HTML (type="html"); ours is plain text, so it goes escaped,
        # or a feed reader would run whatever markup someone typed into it.
        return escape(item.summary or item.purpose)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.name or None

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]


class ProjectFeed(Feed):
    """Newly published projects, newest first."""

    feed_type = Atom1Feed
    title = _("京蒙协作项目")
    subtitle = _("京蒙协作项目的最新记录")
    link = reverse_lazy("projects:project_list")

    def items(self):
        return Project.objects.published().with_listing_related().order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.name

    def item_description(self, item):
        return escape(item.description)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]


class _TripsOf(TripFeed):
    """The trips of one pairing, region or topic: what a reader following it wants to hear of."""

    model = None

    def get_object(self, request, slug):
        return get_object_or_404(reachable(request, self.model.objects.all()), slug=slug)

    def title(self, obj):
        return f"{obj} · {settings.SITE_NAME}"

    def subtitle(self, obj):
        return _("%(name)s的考察活动") % {"name": obj}

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return self.trips(obj).with_card_related().order_by("-published_at", "-pk")[:FEED_SIZE]


class PairingTripFeed(_TripsOf):
    model = Pairing

    def trips(self, pairing):
        return Delegation.objects.published().filter(pairings=pairing)


class RegionTripFeed(_TripsOf):
    model = Region

    def trips(self, region):
        # To or from the region or anywhere below it, each trip once.
        subtree = list(Region.objects.subtree(region).values_list("pk", flat=True))
        matching = Delegation.objects.filter(Q(origin__in=subtree) | Q(destinations__in=subtree)).values("pk")
        return Delegation.objects.published().filter(pk__in=matching)


class TopicTripFeed(_TripsOf):
    model = Topic

    def trips(self, topic):
        return Delegation.objects.published().filter(topics=topic)
