from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The public pages that span apps: home, people, places, pairings, topics, projects with the
    site visits that inspected them, search, the feed, the sitemaps, open data and /healthz.
    It has no models, so the admin never names it; the page cache is its sub-app portal.pagecache."""

    name = "portal"

    def ready(self):
        from portal.search import watch_matches

        watch_matches()
