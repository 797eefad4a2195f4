"""Serve public pages to anonymous visitors from the cache.

Placed after LocaleMiddleware (the language is part of the key) and before the CSRF,
authentication and messages middleware, which a hit skips: nothing of theirs is needed for a
visitor without a session.

Cached: GET requests without a session or messages cookie, outside the admin and the other
excluded paths, whose response is a plain 200 that sets no cookie, used no CSRF token and
was not marked private by its view. Everything answered to a signed-in user, to a request
with a session or messages, to a POST, and every page carrying a form's CSRF token, gets
`Cache-Control: private` instead, so no shared cache downstream keeps it either.
"""

import hashlib
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse, QueryDict
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from cooperation.pagecache import content

logger = logging.getLogger(__name__)

HEADER = "X-Page-Cache"
# Said once per response by the server or the middleware around this one, never replayed.
NOT_REPLAYED = {"set-cookie", "content-length", "date", HEADER.lower()}
NOT_SHARED = ("private", "no-cache", "no-store")


class ReadRecordingQueryDict(QueryDict):
    """request.GET that remembers which parameters the page asked for by name."""

    def __init__(self, *args, **kwargs):
        self.read = set()
        super().__init__(*args, **kwargs)
        self.read.clear()

    @classmethod
    def of(cls, query):
        recording = cls(mutable=True, encoding=query.encoding)
        for key, values in query.lists():
            recording.setlist(key, values)
        recording._mutable = False
        recording.read.clear()
        return recording

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.read.add(key)
        return super().getlist(key, default)


def page_key(request):
    """The page's language, address and query parameters, in a fixed order.

    A page is stored only when it read every parameter of its query (see _reads_whole_query), so
    the key holds exactly the parameters that made the page: `?utm_source=…` or any other
    parameter a page ignores never makes an entry of its own.
    """
    query = urlencode(sorted(request.GET.lists(), key=lambda item: item[0]), doseq=True)
    address = f"{get_language()}\n{request.build_absolute_uri(request.path)}?{query}"
    return "pagecache:page:" + hashlib.sha256(address.encode()).hexdigest()


def _reads_whole_query(request):
    return set(request.GET) <= getattr(request.GET, "read", set())


def _personal(request):
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or CookieStorage.cookie_name in cookies
        or request.path.startswith(settings.PAGE_CACHE_PRIVATE_PATHS)
    )


def _cacheable_request(request):
    return (
        request.method == "GET"
        and not _personal(request)
        and not request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS)
    )


def _uses_csrf_token(request, response):
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")) or settings.CSRF_COOKIE_NAME in response.cookies


def _storable(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not _uses_csrf_token(request, response)
        and not any(word in cache_control for word in NOT_SHARED)
        and len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
    )


def _replay(entry):
    _token, status, body, headers = entry
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    response[HEADER] = "hit"
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE or not _cacheable_request(request):
            response = self.get_response(request)
            if request.method not in ("GET", "HEAD") or _personal(request):
                patch_cache_control(response, private=True)
            return response

        request.GET = ReadRecordingQueryDict.of(request.GET)
        key = page_key(request)
        request.GET.read.clear()
        try:
            version, entry = content.lookup(key)
        except Exception:
            # Pages are served uncached while the cache is down (and /healthz reports it).
            logger.exception("Page cache unavailable")
            return self.get_response(request)
        if entry is not None and entry[0] == version.token:
            return _replay(entry)

        response = self.get_response(request)
        if _storable(request, response) and _reads_whole_query(request):
            headers = [(name, value) for name, value in response.items() if name.lower() not in NOT_REPLAYED]
            entry = (version.token, response.status_code, response.content, headers)
            try:
                content.page_cache().set(key, entry, timeout=version.timeout())
            except Exception:
                logger.exception("Could not store a page in the cache")
            response[HEADER] = "miss"
        elif _uses_csrf_token(request, response):
            patch_cache_control(response, private=True)
        return response
