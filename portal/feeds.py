"""The Atom feed of published trips, newest publication first."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

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
