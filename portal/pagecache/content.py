"""The site-wide content version: which cached pages are still true.

The version is a random token and, when known, the time of the next scheduled publication.
It changes on every write to a watched table, caught where every write passes: the database
connection's execute wrapper. That catches what model signals miss — `QuerySet.update()`,
`bulk_create`, fast deletes, many-to-many changes — and needs no list of models, so the apps
added after this one are watched too. Writes that bypass Django's cursor (the ledger's COPY)
always come with an ImportBatch saved in the same transaction.

Inside a transaction the version is replaced at each write (so this connection's own later
reads never meet an older page) and once more after the commit, because another request may
have cached a page made from the data as it was before the commit under the first new token.
That last replacement also looks up the next scheduled publication: pages expire then. So
does `migrate` (every deploy); until a look-up has been made — a new Redis, say — pages are
kept at most PAGE_CACHE_UNKNOWN_SCHEDULE_SECONDS.

Where the version lives: in the cache itself when the cache is shared (Redis), so a page and
its version come back in one round trip; beside the database in a small file when the cache is
process-local (locmem), so that every gunicorn worker and a `manage.py import_ledger` in a shell
see one version.
"""

import logging
import os
import re
import secrets
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"

# Django writes table names quoted; the ledger's own statements do too.
WRITE_STATEMENT = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO|COPY)\s+"?(\w+)"?'
    r"|\s*(TRUNCATE)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Version:
    token: str
    # Seconds since the epoch of the next scheduled publication; None when nothing is scheduled.
    next_publication: float | None = None
    # False until a look-up has been made (a fresh cache, or a write not yet committed).
    known: bool = False

    def encode(self):
        scheduled = "?" if not self.known else "-" if self.next_publication is None else repr(self.next_publication)
        return f"{self.token}|{scheduled}"

    @classmethod
    def decode(cls, value):
        if not isinstance(value, str) or "|" not in value:
            return None
        token, scheduled = value.split("|", 1)
        if scheduled == "?":
            return cls(token)
        if scheduled == "-":
            return cls(token, None, known=True)
        try:
            return cls(token, float(scheduled), known=True)
        except ValueError:
            return None

    def expired(self, now=None):
        """True once the scheduled publication it knows of has come: pages made under it lack it."""
        return self.next_publication is not None and (now or time.time()) >= self.next_publication

    def timeout(self):
        """How long a page made under this version may be kept."""
        seconds = settings.PAGE_CACHE_SECONDS
        if not self.known:
            seconds = min(seconds, settings.PAGE_CACHE_UNKNOWN_SCHEDULE_SECONDS)
        elif self.next_publication is not None:
            seconds = min(seconds, self.next_publication - time.time())
        return max(1, int(seconds))


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _process_local(cache):
    return isinstance(cache, LocMemCache)


class _MemoryStore:
    """The version for a single process (the test suite): nothing to share it with."""

    value = None


def _version_file():
    path = settings.PAGE_CACHE_VERSION_FILE
    return Path(path) if path else None


def _read_file(path):
    try:
        return path.read_text(encoding="ascii")
    except (FileNotFoundError, UnicodeDecodeError):
        return None


def _write_file(path, value):
    # Write beside, then rename: a reader sees the old or the new version, never half of one.
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".page-cache-")
    try:
        with os.fdopen(handle, "w", encoding="ascii") as file:
            file.write(value)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read_version(cache):
    if not _process_local(cache):
        return Version.decode(cache.get(VERSION_KEY))
    path = _version_file()
    return Version.decode(_read_file(path) if path else _MemoryStore.value)


def _write_version(cache, version):
    if not _process_local(cache):
        cache.set(VERSION_KEY, version.encode(), timeout=None)
        return
    path = _version_file()
    if path:
        _write_file(path, version.encode())
    else:
        _MemoryStore.value = version.encode()


def lookup(page_key):
    """(current version, cached entry or None) — one round trip to a shared cache."""
    cache = page_cache()
    if _process_local(cache):
        version, entry = _read_version(cache), cache.get(page_key)
    else:
        found = cache.get_many([VERSION_KEY, page_key])
        version, entry = Version.decode(found.get(VERSION_KEY)), found.get(page_key)
    if version is None:
        version = Version(secrets.token_hex(8))
        _write_version(cache, version)
    elif version.expired():
        version = replace_version(look_up_schedule=True)
    return version, entry


def next_scheduled_publication():
    """The earliest publication time still to come among published records, as epoch seconds."""
    from review.models import Publishable, Status

    now = timezone.now()
    times = []
    for model in apps.get_models():
        if issubclass(model, Publishable) and not model._meta.abstract:
            found = (
                model._base_manager.filter(status=Status.PUBLISHED, published_at__gt=now)
                .order_by("published_at")
                .values_list("published_at", flat=True)
                .first()
            )
            if found is not None:
                times.append(found.timestamp())
    return min(times, default=None)


def replace_version(look_up_schedule=False):
    """A new content version: every page cached so far is stale from now on."""
    cache = page_cache()
    if look_up_schedule:
        version = Version(secrets.token_hex(8), next_scheduled_publication(), known=True)
    else:
        previous = _read_version(cache)
        # The schedule cannot have moved without a write, which replaces it after its commit.
        version = Version(secrets.token_hex(8), previous.next_publication, previous.known) if previous else None
        version = version or Version(secrets.token_hex(8))
    _write_version(cache, version)
    return version


def _after_commit():
    try:
        replace_version(look_up_schedule=True)
    except Exception:
        logger.exception("Could not renew the page cache's content version after a commit")


def after_migrate(sender, **kwargs):
    if not settings.PAGE_CACHE:
        return
    try:
        replace_version(look_up_schedule=True)
    except Exception:
        logger.exception("Could not set the page cache's content version after migrating")


def content_changed(connection):
    """A watched table was written on `connection`: pages cached until now are stale."""
    if not settings.PAGE_CACHE:
        return
    try:
        if not connection.in_atomic_block:
            replace_version(look_up_schedule=True)
            return
        replace_version()
        if not any(callback is _after_commit for _sids, callback, _robust in connection.run_on_commit):
            transaction.on_commit(_after_commit, using=connection.alias, robust=True)
    except Exception:
        # The write itself stands; only the cache could not be told (and /healthz says it is down).
        logger.exception("Could not renew the page cache's content version")


def _project_app(app_config):
    path = Path(app_config.path).resolve()
    return path.is_relative_to(settings.BASE_DIR) and not path.is_relative_to(Path(sys.prefix).resolve())


_watched = None


def watched_tables():
    """Tables of every model of the project's own apps, apart from those settings leave out."""
    global _watched
    if _watched is None:
        ignored = set(settings.PAGE_CACHE_IGNORED_MODELS)
        _watched = frozenset(
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if _project_app(model._meta.app_config)
            and model._meta.app_label not in ignored
            and model._meta.label not in ignored
        )
    return _watched


def writes_content(sql):
    match = WRITE_STATEMENT.match(sql) if isinstance(sql, str) else None
    if match is None:
        return False
    return bool(match.group(2)) or match.group(1) in watched_tables()


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if writes_content(sql):
        content_changed(context["connection"])
    return result


def watch_connection(sender, connection, **kwargs):
    if _watch_writes not in connection.execute_wrappers:
        # First in the list: `connection.execute_wrapper()` blocks pop the last one they added.
        connection.execute_wrappers.insert(0, _watch_writes)
