"""The benchmark's URLconf: the site, plus a bare view and the site's pages without the page cache."""

from django.http import HttpResponse
from django.urls import include, path

from config.urls import urlpatterns as site


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


# The site's patterns first, so that links on the pages still point at the site's own addresses.
urlpatterns = [
    *site,
    path("bench/bare", bare),
    path("bench/uncached/", include(site)),
]
