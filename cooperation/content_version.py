"""The content version: one mechanism that says which cached copies of the public records are true.

Everything the site keeps in a cache for visitors — whole pages (the page cache), the site
settings and sections (govsite), the open-data downloads — is stored under a key that names the
content version it was made under, and read only under the current one. Nothing is ever
deleted from the cache to invalidate it: a write replaces the version, and every copy made
before is simply never asked for again.

The version lives in the database (one row, `ContentVersion`), beside the records it speaks
for, not in the cache. So it survives what the cache does not: a Redis that was down while a
record was edited and comes back with its saved data, a local-memory cache whose workers share
nothing, a `DATA_DIR` that cannot be written. A write the database accepted always reaches the
version, because the version is replaced through the same database.

When it changes: every write to a table of the project's apps is caught where every write
passes, the database connection's execute wrapper — `QuerySet.update()`, `bulk_create`, fast
deletes, many-to-many changes and the ledger's COPY included, and the apps added later with no
list to keep. Inside a transaction the process stops trusting its cached copies at the first
write (its own later reads never meet an older copy) and the new version is written after the
commit, in its own statement, so no transaction holds a lock on the version row while it runs
(a long import would otherwise hold up every save in the admin). The version also carries the
time of the next scheduled publication: copies made under it expire then.

How the other processes learn it: each reads the row at most once every
CONTENT_VERSION_CHECK_SECONDS (1 s) and knows its own writes at once, so a cached page is
served at most that long after another worker's change, and a hit still costs no query.
While the database is unreachable, the last version read stays in use: cached pages keep being
served.

The interface is `current()` for the version and `cache_key(name, *parts)` for a key that dies
with it. Keys per record (the performance issue) can follow behind the same two calls: a
`cache_key` that names the records a copy depends on, and `changed()`, which already receives
the written tables, recording which of them changed.
"""

import datetime
import logging
import re
import secrets
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

ROW = 1

# Django writes table names quoted; the ledger's own statements do too.
WRITE_STATEMENT = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO|COPY)\s+"?(\w+)"?'
    r"|\s*(TRUNCATE)\b",
    re.IGNORECASE,
)


class ContentVersion(models.Model):
    """The one row that says which cached copies of public records are current."""

    token = models.CharField(_("版本"), max_length=32)
    next_publication = models.DateTimeField(_("下一次定时发布"), null=True, blank=True)
    changed_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    class Meta:
        app_label = "cooperation"
        verbose_name = _("内容版本")
        verbose_name_plural = _("内容版本")

    def __str__(self):
        return self.token


@dataclass(frozen=True)
class Version:
    token: str
    # Seconds since the epoch of the next scheduled publication; None when nothing is scheduled.
    next_publication: float | None = None

    def expired(self, now=None):
        """True once the scheduled publication it knows of has come: copies made under it lack it."""
        return self.next_publication is not None and (now or time.time()) >= self.next_publication

    def timeout(self, longest):
        """How long a copy made under this version may be kept, at most `longest` seconds."""
        seconds = longest
        if self.next_publication is not None:
            seconds = min(seconds, self.next_publication - time.time())
        return max(1, int(seconds))


class _Known:
    """What this process knows of the version, and when it last read it from the database."""

    lock = threading.Lock()
    version = None
    read_at = None  # time.monotonic() of the last read; None: read at the next chance
    # A commit whose new version could not be written yet: written before anything is read.
    pending = False
    # Migrations write records before the version's table exists; `after_migrate` replaces it.
    migrating = False


def _new_token():
    return secrets.token_hex(8)


def next_scheduled_publication():
    """The earliest publication time still to come among published records."""
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
                times.append(found)
    return min(times, default=None)


def _from_row(row):
    token, next_publication = row
    return Version(token, next_publication.timestamp() if isinstance(next_publication, datetime.datetime) else None)


def _read():
    row = ContentVersion.objects.filter(pk=ROW).values_list("token", "next_publication").first()
    return _from_row(row) if row is not None else replace()


def current():
    """The content version as this process knows it: read again when older than the check interval."""
    known, read_at = _Known.version, _Known.read_at
    stale = read_at is None or time.monotonic() - read_at >= settings.CONTENT_VERSION_CHECK_SECONDS
    if known is None or stale or _Known.pending:
        try:
            version = replace() if _Known.pending else _read()
        except DatabaseError:
            if known is None:
                raise
            # The database is away: the last version read stays good for the cached copies.
            return known
        with _Known.lock:
            _Known.version, _Known.read_at = version, time.monotonic()
        known = version
    if known.expired():
        known = replace()
    return known


def cache_key(name, *parts):
    """A cache key for a copy of public content: it is never read again once the content changes."""
    return ":".join([name, *map(str, parts), current().token])


def replace():
    """A new version, written to the database: every copy cached so far is stale from now on."""
    values = {"token": _new_token(), "next_publication": next_scheduled_publication(), "changed_at": timezone.now()}
    if not ContentVersion.objects.filter(pk=ROW).update(**values):
        try:
            with transaction.atomic():
                ContentVersion.objects.create(pk=ROW, **values)
        except IntegrityError:  # another process made the row first
            ContentVersion.objects.filter(pk=ROW).update(**values)
    version = _from_row((values["token"], values["next_publication"]))
    with _Known.lock:
        _Known.version, _Known.read_at, _Known.pending = version, time.monotonic(), False
    return version


def distrust():
    """Stop serving what this process has cached so far (a write of its own is under way)."""
    with _Known.lock:
        known = _Known.version
        _Known.version = Version(_new_token(), known.next_publication if known else None)


def start_afresh():
    """Forget what this process knew (a new test): a fresh token, read again only on the timer."""
    with _Known.lock:
        _Known.version, _Known.read_at, _Known.pending = Version(_new_token()), time.monotonic(), False


def _after_commit():
    try:
        replace()
    except Exception:
        # The write stands; this process keeps its own copies out and writes the new version
        # before it reads one again, so the change cannot be lost while the process lives.
        with _Known.lock:
            _Known.pending = True
        distrust()
        logger.exception("Could not write the content version after a commit; will retry")


def before_migrate(sender, **kwargs):
    _Known.migrating = True


def after_migrate(sender, **kwargs):
    """A deploy migrates: the schedule is looked up then, and what was cached before is dropped."""
    _Known.migrating = False
    try:
        replace()
    except Exception:
        logger.exception("Could not write the content version after migrating")


def changed(connection, tables=()):
    """A watched table was written on `connection`: copies cached until now are stale."""
    if _Known.migrating:
        return
    if not connection.in_atomic_block:
        _after_commit()
        return
    distrust()
    if not any(callback is _after_commit for _sids, callback, _robust in connection.run_on_commit):
        transaction.on_commit(_after_commit, using=connection.alias, robust=True)


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
            and model is not ContentVersion
            and model._meta.app_label not in ignored
            and model._meta.label not in ignored
        )
    return _watched


def written_table(sql):
    """The watched table a statement writes, "*" for a TRUNCATE, or None."""
    match = WRITE_STATEMENT.match(sql) if isinstance(sql, str) else None
    if match is None:
        return None
    if match.group(2):
        return "*"
    return match.group(1) if match.group(1) in watched_tables() else None


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    table = written_table(sql)
    if table is not None:
        changed(context["connection"], {table})
    return result


def watch_connection(sender, connection, **kwargs):
    if _watch_writes not in connection.execute_wrappers:
        # First in the list: `connection.execute_wrapper()` blocks pop the last one they added.
        connection.execute_wrappers.insert(0, _watch_writes)
