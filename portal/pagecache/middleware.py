"""Serve public pages to anonymous visitors from the cache.

Placed first in MIDDLEWARE, so that a hit is answered before any other middleware runs: a
cached page was made for a visitor without a session, so nothing the others do for a request
(sessions, language activation, CSRF, authentication, two-factor, audit, axes) is needed to
answer it. The response is stored as it leaves the whole stack, so a hit carries exactly the
headers of the miss that stored it — the security headers (CSP, Permissions-Policy, HSTS,
nosniff, Referrer-Policy, X-Frame-Options), Vary and Content-Language included. The language
is part of the key; it is read from the request the way LocaleMiddleware reads it.

Every response says what the cache did in `X-Page-Cache`: `hit` (served from the cache),
`miss` (looked up, not found, made and stored if it may be) or `bypass` (never looked up nor
stored: staff, a session or messages, a POST, the admin, static files, the cache switched off
or down).

Kept: each page with the tables it read and the records it loaded
(`cooperation/content_version.py`); it is served until one of those records changes, or which
records one of those tables' lists hold — an edit to one trip's title ends the pages showing
that trip, not the others; a new trip ends every list of trips.

Cached: GET requests without a session or messages cookie, outside the admin and the other
excluded paths, whose response is a plain 200 that sets no cookie, used no CSRF token and
was not marked private by its view. Everything answered to a signed-in user, to a request
with a session or messages, to a POST, and every page carrying a form's CSRF token, gets
`Cache-Control: private` instead, so no shared cache downstream keeps it either.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from urllib.parse import urlencode

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpResponse, QueryDict
from django.http.response import ResponseHeaders
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.translation import get_language_from_request

from cooperation import content_version

logger = logging.getLogger(__name__)

HEADER = "X-Page-Cache"
CONDITIONAL_GET = "portal.pagecache.conditional.ConditionalGetMiddleware"
# Said once per response by the server or the middleware around this one, never replayed.
NOT_REPLAYED = {"set-cookie", "content-length", "date", HEADER.lower()}
NOT_SHARED = ("private", "no-cache", "no-store")


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


# A stored page: (made under, expires at, what it shows, status, body, headers).
MADE, EXPIRES, TAGS, STATUS, BODY, HEADERS = range(6)


def _valid(entry):
    """Whether a stored page is still true: nothing it shows changed since it was made."""
    return (
        isinstance(entry, tuple)
        and len(entry) == 6
        and time.time() < entry[EXPIRES]
        and content_version.fresh(entry[MADE], entry[TAGS])
    )


class _RecentPages:
    """The pages this process served or stored lately, so that a hit needs no trip to Redis.

    An entry is served under exactly the rule of the shared cache (`_valid`): only while nothing
    it shows has changed (which this process knows at once for the writes of its own server's
    workers, and within CONTENT_VERSION_CHECK_SECONDS for another server's: a hit from here asks
    Redis nothing, not even the shared generation), and no longer than the shared copy would be
    kept. Bounded by PAGE_CACHE_LOCAL_BYTES, least recently used first out; not used when the
    page cache is itself in this process's memory.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.entries = OrderedDict()
        self.size = 0

    def get(self, key):
        """(the stored page, its headers as `_replay` takes them), or None."""
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            entry, expires, headers = found
            if expires <= time.monotonic() or not _valid(entry):
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return entry, headers

    def put(self, key, entry, seconds):
        limit = settings.PAGE_CACHE_LOCAL_BYTES
        size = len(entry[BODY])
        if size > limit:
            return
        with self.lock:
            self._drop(key)
            self.entries[key] = (entry, time.monotonic() + seconds, _checked_headers(entry))
            self.size += size
            while self.size > limit:
                self._drop(next(iter(self.entries)))

    def _drop(self, key):
        found = self.entries.pop(key, None)
        if found is not None:
            self.size -= len(found[0][BODY])

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0


recent_pages = _RecentPages()


def _local_tier():
    shared = page_cache()
    # While the shared cache is down every page is made anew, as /healthz reports ("degraded").
    return (
        settings.PAGE_CACHE_LOCAL_BYTES > 0
        and not isinstance(shared, LocMemCache)
        and not getattr(shared, "is_down", False)
    )


HIT, MISS, BYPASS = "hit", "miss", "bypass"


def request_language(request):
    """The language LocaleMiddleware will activate for this request, known before it runs."""
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    prefixed, _prefix_default = is_language_prefix_patterns_used(urlconf)
    return get_language_from_request(request, check_path=prefixed)


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


def page_key(request, language):
    """The page's language, address and query parameters, in a fixed order.

    A page is stored only when it read every parameter of its query (see _reads_whole_query), so
    the key holds exactly the parameters that made the page: `?utm_source=…` or any other
    parameter a page ignores never makes an entry of its own.
    """
    query = urlencode(sorted(request.GET.lists(), key=lambda item: item[0]), doseq=True)
    address = f"{language}\n{request.build_absolute_uri(request.path)}?{query}"
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


def _excluded_paths():
    # Static and media files are answered by WhiteNoise and the web server: no look-up for them.
    files = tuple(url for url in (settings.STATIC_URL, settings.MEDIA_URL) if url and url.startswith("/"))
    return (*settings.PAGE_CACHE_EXCLUDED_PATHS, *files)


def _cacheable_request(request):
    return (
        request.method == "GET"
        and not _personal(request)
        and not request.path.startswith(_excluded_paths())
        # SecurityMiddleware answers a plain-HTTP request with a redirect to HTTPS.
        and not (settings.SECURE_SSL_REDIRECT and not request.is_secure())
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


def _checked_headers(entry):
    """A stored page's headers as a response keeps them (`ResponseHeaders._store`: lower-cased
    name -> (name, value)), each checked and encoded as setting it on a response does."""
    return ResponseHeaders(entry[HEADERS])._store


def _replay(entry, headers=None):
    """The stored page as a response. `headers`: its `_checked_headers`, when kept with it (the
    recent pages keep them: checking each header again on every hit was a fifth of its cost)."""
    body = entry[BODY]
    response = HttpResponse(body, status=entry[STATUS])
    store = dict(_checked_headers(entry) if headers is None else headers)
    store["content-length"] = ("Content-Length", str(len(body)))
    store[HEADER.lower()] = (HEADER, HIT)
    response.headers._store = store
    return response


def _bypass(request, response):
    # Changes written outside a transaction are numbered before the answer leaves, not after
    # (request_finished): whoever reads the answer can be shown the change by any worker.
    content_version.flush_pending()
    if request.method not in ("GET", "HEAD") or _personal(request):
        patch_cache_control(response, private=True)
    response[HEADER] = BYPASS
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE or not _cacheable_request(request):
            return _bypass(request, self.get_response(request))
        try:
            key = page_key(request, request_language(request))
        except DisallowedHost:
            # The stack below answers it (400), as it answers every request for an unknown host.
            return _bypass(request, self.get_response(request))
        local = _local_tier()
        try:
            # Knows at once what another worker of this server changed (content_version.current).
            version = content_version.current()
            recent = recent_pages.get(key) if local else None
            if recent is not None:
                return _replay(*recent)
            # What another server changed, announced in the shared cache (the default cache, as
            # this one is), comes with the page in one round trip and is read before it is judged.
            found = page_cache().get_many([key, content_version.GENERATION_KEY])
            entry = found.get(key)
            version = content_version.current(found.get(content_version.GENERATION_KEY))
        except DatabaseError:
            # No version known yet and the database away: the page itself will say so (a 503).
            return _bypass(request, self.get_response(request))
        except Exception:
            # Pages are served uncached while the cache is away (/healthz says so).
            logger.warning("Page cache unavailable", exc_info=True)
            return _bypass(request, self.get_response(request))
        if entry is not None and _valid(entry):
            if local:
                recent_pages.put(key, entry, _local_seconds(entry))
            return _replay(entry)

        # What the page reads and shows is noted while it is made: it is kept until that changes;
        # and which parameters it reads (a hit never needs to know).
        request.GET = ReadRecordingQueryDict.of(request.GET)
        with content_version.collecting() as shown:
            response = self.get_response(request)
        if _storable(request, response) and _reads_whole_query(request):
            if CONDITIONAL_GET in settings.MIDDLEWARE and not response.has_header("ETag"):
                # The ETag ConditionalGetMiddleware, outside this one, would compute from the body on
                # every hit: computed once, kept with the page.
                set_response_etag(response)
            headers = {name: value for name, value in response.items() if name.lower() not in NOT_REPLAYED}
            entry = (
                version.seq,
                version.expires_at(settings.PAGE_CACHE_SECONDS),
                shown.tags(),
                response.status_code,
                response.content,
                headers,
            )
            try:
                page_cache().set(key, entry, timeout=version.timeout(settings.PAGE_CACHE_SECONDS))
            except Exception:
                logger.exception("Could not store a page in the cache")
            if local:
                recent_pages.put(key, entry, _local_seconds(entry))
        elif _uses_csrf_token(request, response):
            patch_cache_control(response, private=True)
        content_version.flush_pending()
        response[HEADER] = MISS
        return response


def _local_seconds(entry):
    return max(0.0, min(settings.PAGE_CACHE_LOCAL_SECONDS, entry[EXPIRES] - time.time()))
