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

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from cooperation import content_version

logger = logging.getLogger(__name__)

HEADER = "X-Page-Cache"
# Said once per response by the server or the middleware around this one, never replayed.
NOT_REPLAYED = {"set-cookie", "content-length", "date", HEADER.lower()}
NOT_SHARED = ("private", "no-cache", "no-store")


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def page_key(request):
    address = f"{get_language()}\n{request.build_absolute_uri()}"
    return "pagecache:page:" + hashlib.sha256(address.encode()).hexdigest()


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

        key = page_key(request)
        try:
            version = content_version.current()
            entry = page_cache().get(key)
        except DatabaseError:
            # No version known yet and the database away: the page itself will say so (a 503).
            return self.get_response(request)
        except Exception:
            # Pages are served uncached while the cache is away (/healthz says so).
            logger.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        if entry is not None and entry[0] == version.token:
            return _replay(entry)

        response = self.get_response(request)
        if _storable(request, response):
            headers = [(name, value) for name, value in response.items() if name.lower() not in NOT_REPLAYED]
            entry = (version.token, response.status_code, response.content, headers)
            try:
                page_cache().set(key, entry, timeout=version.timeout(settings.PAGE_CACHE_SECONDS))
            except Exception:
                logger.exception("Could not store a page in the cache")
            response[HEADER] = "miss"
        elif _uses_csrf_token(request, response):
            patch_cache_control(response, private=True)
        return response
