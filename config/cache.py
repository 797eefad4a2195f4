"""Redis as a cache the site can lose: calls fail fast, and a Redis known to be down is left alone.

A Redis that hangs (stopped, a long fork, a network stall) used to hold every request for the
client's default timeouts: several calls a page, 5 s each. Here each call gives up after a
fraction of a second (`CACHE_TIMEOUT_MS`), and the first failure opens a breaker for
`CACHE_RETRY_SECONDS`: until then every call answers at once as if the cache were empty (a get
misses, a set keeps nothing), so the page cache, open data, the site settings and cached_db
sessions all carry on without the cache. After that time one call tries again; if it answers,
the cache is back for everyone in this process.

The log gets one warning when the cache goes down (repeated at most once a minute while it
stays down) and one line when it comes back, never a traceback per request.
"""

import logging
import threading
import time
from urllib.parse import urlsplit, urlunsplit

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

WARN_EVERY_SECONDS = 60


class Breaker:
    """Whether one Redis is worth asking, shared by every cache object of the process."""

    def __init__(self, location, retry_seconds):
        self.location = location
        self.retry_seconds = retry_seconds
        self.down_until = 0.0
        self.down_since = None
        self.last_warning = None
        self._lock = threading.Lock()

    @property
    def is_down(self):
        return self.down_since is not None

    def allows(self):
        return time.monotonic() >= self.down_until

    def failed(self, error):
        now = time.monotonic()
        with self._lock:
            self.down_until = now + self.retry_seconds
            if self.down_since is None:
                self.down_since = now
            warn = self.last_warning is None or now - self.last_warning >= WARN_EVERY_SECONDS
            if warn:
                self.last_warning = now
            down_for = now - self.down_since
        if warn:
            logger.warning(
                "Cache %s unreachable for %.0f s (%s: %s); serving without the cache, next try in %s s",
                self.location,
                down_for,
                type(error).__name__,
                error,
                self.retry_seconds,
            )

    def succeeded(self):
        if self.down_since is None:
            return
        with self._lock:
            if self.down_since is None:
                return
            down_for = time.monotonic() - self.down_since
            self.down_since = self.last_warning = None
            self.down_until = 0.0
        logger.warning("Cache %s answers again after %.0f s down", self.location, down_for)


def _without_password(url):
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(location, retry_seconds):
    with _breakers_lock:
        breaker = _breakers.get(location)
        if breaker is None:
            breaker = _breakers[location] = Breaker(location, retry_seconds)
        breaker.retry_seconds = retry_seconds
        return breaker


def _guarded(name, when_down):
    method = getattr(RedisCache, name)

    def call(self, *args, **kwargs):
        breaker = self.breaker
        if not breaker.allows():
            return when_down(*args, **kwargs)
        try:
            result = method(self, *args, **kwargs)
        except (RedisError, OSError) as error:
            breaker.failed(error)
            return when_down(*args, **kwargs)
        breaker.succeeded()
        return result

    call.__name__ = name
    call.__doc__ = method.__doc__
    return call


def _default(key, default=None, version=None):
    return default


def _failed_keys(data, timeout=None, version=None):
    return list(data)


def _incr(key, delta=1, version=None):
    raise ValueError(f"Key '{key}' not found (the cache is down)")


class FailFastRedisCache(RedisCache):
    """Django's RedisCache behind a breaker; while Redis is down it behaves as an empty cache."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        timeout = options.pop("FAIL_FAST_TIMEOUT", 0.25)
        retry_seconds = options.pop("RETRY_SECONDS", 5)
        # A fraction of a second to connect and to answer; no retry: the breaker decides when to
        # try again, not the client.
        options.setdefault("socket_connect_timeout", timeout)
        options.setdefault("socket_timeout", timeout)
        super().__init__(server, {**params, "OPTIONS": options})
        self.breaker = breaker_for(_without_password(self._servers[0]), retry_seconds)

    @property
    def is_down(self):
        return self.breaker.is_down

    def ping(self):
        """True when Redis answers now (a health check: asks even while the breaker is open)."""
        try:
            self._cache.get_client(write=True).ping()
        except (RedisError, OSError) as error:
            self.breaker.failed(error)
            return False
        self.breaker.succeeded()
        return True

    get = _guarded("get", _default)
    get_many = _guarded("get_many", lambda keys, version=None: {})
    set = _guarded("set", lambda *args, **kwargs: None)
    add = _guarded("add", lambda *args, **kwargs: False)
    touch = _guarded("touch", lambda *args, **kwargs: False)
    delete = _guarded("delete", lambda *args, **kwargs: False)
    has_key = _guarded("has_key", lambda *args, **kwargs: False)
    incr = _guarded("incr", _incr)
    set_many = _guarded("set_many", _failed_keys)
    delete_many = _guarded("delete_many", lambda *args, **kwargs: None)
    clear = _guarded("clear", lambda *args, **kwargs: False)
