from django.contrib.sitemaps import views as sitemaps
from django.urls import path

from portal import indexes, overview, views
from portal.feeds import PairingTripFeed, ProjectFeed, RegionTripFeed, TopicTripFeed, TripFeed
from portal.sitemaps import SITEMAPS

# The URL names keep the namespace they had when these pages lived in cooperation/: every template,
# get_absolute_url and bookmark-free link reverses "cooperation:…", and the addresses are unchanged.
app_name = "cooperation"

urlpatterns = [
    path("", views.home, name="home"),
    path("people/", indexes.person_list, name="person_list"),
    path("regions/", indexes.region_list, name="region_list"),
    path("pairings/", overview.pairing_list, name="pairing_list"),
    path("topics/", overview.topic_list, name="topic_list"),
    path("sitemap/", overview.sitemap_page, name="sitemap_page"),
    path("activity.<str:file_format>", overview.activity_data, name="activity_data"),
    path("pairings/<slug:slug>/activity.<str:file_format>", overview.activity_data, name="pairing_activity_data"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("regions/<slug:slug>/", views.region_detail, name="region_detail"),
    path("pairings/<slug:slug>/", views.pairing_detail, name="pairing_detail"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("search/", views.search, name="search"),
    path("feed/", TripFeed(), name="feed"),
    path("feed/projects/", ProjectFeed(), name="project_feed"),
    path("pairings/<slug:slug>/feed/", PairingTripFeed(), name="pairing_feed"),
    path("regions/<slug:slug>/feed/", RegionTripFeed(), name="region_feed"),
    path("topics/<slug:slug>/feed/", TopicTripFeed(), name="topic_feed"),
    # An index of sections, each paged, so no single response grows with the whole site.
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "cooperation:sitemap_section"},
         name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", overview.favicon, name="favicon"),
    path("site.webmanifest", overview.web_manifest, name="web_manifest"),
]
