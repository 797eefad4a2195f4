"""Which cached copies of public content are still true: one mechanism, by what changed.

Everything the site keeps in a cache for visitors — whole pages (the page cache), the site
settings and sections (govsite), the home page's counts, the open-data downloads — is stored
with the list of what it shows (its *tags*) and the number of the last change this process knew
when the copy was made. A copy is served only while none of its tags has changed since. Nothing
is ever deleted from the cache to invalidate it.

Tags
----
- `t:<table>` — anything in the table changed. A page that compares, sorts (to pick some rows)
  or computes with a *shown column* of the table, or reads one other than by loading records
  (as plain values), depends on it — a page that matches words depends on `w:` instead.
- `m:<table>` — the table's *membership* changed: a row inserted or deleted, or updated in a
  column other than its shown columns (a status, a publication time, a date, a link, a number:
  what decides which records a list holds, in what order, and what it counts). Lists, indexes,
  the home page, feeds and sitemaps depend on it for every table they read, and on the records
  they loaded (`r:`): an approved edit of one trip's title ends the pages that show that trip,
  not every list of trips; a new, withdrawn or deleted trip, or a new date, ends every list.
  Shown columns (`shown_columns`): a record's texts (not a choice) and the times a save sets
  itself. An UPDATE that sets other columns is compared with the rows as they stand before it
  runs (one query, `_membership_changed`); which statements read shown columns only as records
  loaded is told from their text (`_shown_reads`) and from whether Django loads records with them
  (`_loads_records`).
- `r:<table>:<pk>` — that record's own row changed. A *record page* (`record_page`: a trip, a
  meeting, a person, a project) depends on the records it loaded, not on whole tables, so an
  edit to one trip leaves every other trip's page in the cache. Every other page depends on the
  records it loaded too.
- `l:<table>:<pk>` — something linked to that record changed: a row pointing at it (a trip's
  participant, its meeting's speech, a project added to its stop), or a record it lists through one (a project its trip
  visited, published later). A record page depends on it for its own record.
- `w:<table>:<word>` — a record of the table that matches the word (as the page decides a
  match: `matched_by`) changed, matching before the write or after it. A page that lists the
  records matching some words (search: `matching`) depends on these and on the tables'
  membership instead of on the whole tables it compares: an edit of a trip without 芍药 leaves
  the search for 芍药 cached. The writing process compares the records it updated with the
  words of such pages cached (`MatchedWord`) before the UPDATE and again after the commit.
- `b:<table>` — the table was written in a way that names no record (a COPY, an update or
  delete of more than UPDATE_RECORD_LIMIT rows). Every page depends on it for the tables it
  reads.
- `*` — everything (a TRUNCATE, a migration).
- Derived tags (`derived`): a value computed from many records that every page shows — which
  sections have something published — changes only when that value does.

Where changes are seen: every write to a table of the project's apps passes the database
connection's execute wrapper — `save()`, `QuerySet.update()`, `bulk_create`, deletes, many-to-many
changes and the ledger's COPY included, and the apps added later with no list to keep. An
UPDATE or DELETE first reads the rows it will touch (their keys and foreign keys) with the same
WHERE clause (on PostgreSQL a DELETE by key returns them itself), so the change is known by
record; an INSERT names its rows' foreign keys in its parameters. Updated records are followed
at commit to what they link to: their foreign keys and many-to-many partners, the records
listing them through a many-to-many field, and the same for the rows that belong to them
(cascade) two levels down — publishing a trip ends the pages of its people, projects and
meetings. A record linked to is followed up to what it belongs to (its CASCADE foreign keys,
two levels, `_owners`): a project added to a trip's stop, or a speech to its meeting, names the
stop or the meeting, and is linked to the trip too, whose page shows it. A record page that
showed an old link loaded the record of that link, so a link that goes away ends it too.

The changes live in the database (`ContentChange`, one row per tag changed, kept
CHANGES_KEEP_SECONDS), beside the records they speak for, not in the cache: they survive a
Redis that was down, local-memory caches that share nothing, and a `DATA_DIR` that cannot be
written. Rows are written after the commit (for a write outside a transaction: before the
connection's next statement, at the end of the request or when the process exits), in their
own statement, so no transaction holds a lock for them while it runs. The process marks the
changed tags at once (its own later reads never meet an older copy). A commit of more than
CHANGES_PER_COMMIT_LIMIT tags records whole tables instead, and one that updated more than
UPDATE_RECORD_LIMIT records of a table (an import's worth) records a change to everything.

How the other processes learn them: the writing process knows its own writes at once. Once
its rows are written it announces a new generation (`_announce`): in memory shared by the
workers of its server (mapped before gunicorn forks them), which every request compares at the
cost of a memory read, and in the shared cache, which a page-cache look-up in Redis fetches
with the page. A process that sees a new generation reads the new rows before it serves
anything, so a page read after the write's answer is fresh on every worker of the server, and
on another server unless it comes from that worker's own recent pages (see
portal/pagecache). Besides, each process reads the new rows at least once every
CONTENT_VERSION_CHECK_SECONDS (1 s) — a few seconds of rows again each time, for a row whose
number was taken before another's but committed after — which bounds everything else (a
change whose announcement did not reach the cache). A hit still costs no query. While the
database is unreachable, what was last read stays in use.

Scheduled publication: `ContentVersion` holds the time of the next one; every copy made before
that time expires then (a copy's lifetime never reaches past it).

The interface: `current()` (the state to make a copy under), `fresh(made, tags)`, `collecting()`
and `record_page` (what a copy shows), `cached()` (a cached value under this rule), `derived()`.
"""

import contextvars
import datetime
import functools
import logging
import mmap
import operator
import re
import secrets
import sys
import threading
import time
from collections import deque
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, IntegrityError, connections, models, router, transaction
from django.db.models.query import ModelIterable
from django.db.models.signals import post_init
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

ROW = 1
ALL = "*"
# An UPDATE or DELETE touching more rows than this is a bulk write: it ends the whole table.
UPDATE_RECORD_LIMIT = 1000
# Rows read again at each check: a change numbered before another but committed after it.
REREAD_SECONDS = 5
# How long a change is kept and known; no cached copy lives longer (see `longest`).
CHANGES_KEEP_SECONDS = 3600
PRUNE_EVERY_SECONDS = 600
# A commit that changed more tags than this records whole tables instead.
CHANGES_PER_COMMIT_LIMIT = 5000
# A new number after every commit's changes are written (see `_announce`), in the shared cache
# under this key and in this server's shared memory: another process sees it at its next
# request and reads the changes then, not at its next read on the timer.
GENERATION_KEY = "contentversion:generation"
# `current()` not told the shared cache's generation.
UNKNOWN = object()
# A change's number as compared with a copy's: the database's number shifted left, plus this
# process's own count of writes not yet numbered by the database (see `_mark`).
SHIFT = 32

# Django writes table names quoted; the ledger's own statements do too.
WRITE_STATEMENT = re.compile(
    r'\s*(INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO|COPY)\s+"?(\w+)"?'
    r"|\s*(TRUNCATE)\b",
    re.IGNORECASE,
)
READ_TABLES = re.compile(r'\b(?:FROM|JOIN)\s+"(\w+)"', re.IGNORECASE)
# A read that sums up rows rather than loading them: a record page depends on its whole table.
SUMMARY_READ = re.compile(r'\b(?:COUNT|SUM|MAX|MIN|AVG)\(|^\s*SELECT\s+(?:DISTINCT\s+)?1\s+AS\b', re.IGNORECASE)
# Placeholders: %s as Django writes them, ? where the SQLite backend has already turned them.
INSERT_VALUES = re.compile(
    r'\s*INSERT\s+(?:OR\s+\w+\s+)?INTO\s+"(\w+)"\s*\(([^)]*)\)\s*VALUES\s*'
    r'((?:\(\s*(?:%s|\?)(?:\s*,\s*(?:%s|\?))*\s*\)\s*,?\s*)+)(.*)$',
    re.IGNORECASE | re.DOTALL,
)
INSERT_UNNEST = re.compile(
    r'\s*INSERT\s+(?:OR\s+\w+\s+)?INTO\s+"(\w+)"\s*\(([^)]*)\)\s*SELECT\s+\*\s+FROM\s+UNNEST\(', re.I | re.S
)
# WHERE "table"."id" = %s, or IN (%s, …): a statement about records named by their keys.
BY_KEY = re.compile(r'\s*"(\w+)"\."(\w+)"\s*(?:=\s*(?:%s|\?)|IN\s*\(\s*(?:%s|\?)(?:\s*,\s*(?:%s|\?))*\s*\))\s*$', re.I)
UPDATE_PARTS = re.compile(r'\s*UPDATE\s+"(\w+)"\s+SET\s+(.*)$', re.IGNORECASE | re.DOTALL)
DELETE_PARTS = re.compile(r'\s*DELETE\s+FROM\s+"(\w+)"\s+WHERE\s+(.*)$', re.IGNORECASE | re.DOTALL)


class ContentVersion(models.Model):
    """The one row that holds the time of the next scheduled publication."""

    token = models.CharField(_("版本"), max_length=32)
    next_publication = models.DateTimeField(_("下一次定时发布"), null=True, blank=True)
    changed_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    class Meta:
        app_label = "cooperation"
        verbose_name = _("内容版本")
        verbose_name_plural = _("内容版本")

    def __str__(self):
        return self.token


class ContentChange(models.Model):
    """One tag that changed: cached copies that show it and were made before this row are stale."""

    id = models.BigAutoField(primary_key=True)
    tag = models.CharField(_("变更标记"), max_length=200)
    # For a derived tag: the value it changed to (compared at the next write).
    value = models.TextField(_("取值"), blank=True, default="")
    changed_at = models.DateTimeField(_("变更时间"), default=timezone.now, db_index=True)

    class Meta:
        app_label = "cooperation"
        verbose_name = _("内容变更")
        verbose_name_plural = _("内容变更")

    def __str__(self):
        return self.tag


class MatchedWord(models.Model):
    """A word that cached pages list the records matching (a search's words, see `matching`).

    A write that changes only what a record shows ends such a page only when the record matches
    the word before or after it; the writing process reads these words to know which to compare.
    """

    word = models.CharField(_("词"), max_length=200, primary_key=True)
    used_at = models.DateTimeField(_("最近使用"), default=timezone.now, db_index=True)

    class Meta:
        app_label = "cooperation"
        verbose_name = _("缓存页面的检索词")
        verbose_name_plural = _("缓存页面的检索词")

    def __str__(self):
        return self.word


def table_tag(table):
    return f"t:{table}"


def bulk_tag(table):
    return f"b:{table}"


def membership_tag(table):
    return f"m:{table}"


def record_tag(table, pk):
    return f"r:{table}:{pk}"


def link_tag(table, pk):
    return f"l:{table}:{pk}"


def word_tag(table, word=None):
    """A record of `table` that matches `word` changed (before or after); without a word: one that
    may match any word (more words cached than a write compares, `MATCHED_WORDS_LIMIT`)."""
    return f"w:{table}" if word is None else f"w:{table}:{word}"


def model_tag(model):
    """The tag of a whole model's table."""
    return table_tag(model._meta.db_table)


@dataclass(frozen=True)
class Version:
    """What this process knew when a copy was made: changes up to `seq`, and the schedule.

    `seq` is the database's number of the last change known, shifted left by SHIFT, plus the
    count of this process's own writes marked so far (see `_mark`).
    """

    seq: int
    # Seconds since the epoch of the next scheduled publication; None when nothing is scheduled.
    next_publication: float | None = None

    def expired(self, now=None):
        """True once the scheduled publication it knows of has come: copies made under it lack it."""
        return self.next_publication is not None and (now or time.time()) >= self.next_publication

    def timeout(self, longest):
        """How long a copy made under this version may be kept, at most `longest` seconds."""
        seconds = min(longest, CHANGES_KEEP_SECONDS - 60)
        if self.next_publication is not None:
            seconds = min(seconds, self.next_publication - time.time())
        return max(1, int(seconds))

    def expires_at(self, longest):
        """The wall-clock time a copy made now stops being served (never past a publication)."""
        until = time.time() + min(longest, CHANGES_KEEP_SECONDS - 60)
        if self.next_publication is not None:
            until = min(until, self.next_publication)
        return until


class _Known:
    """What this process knows of the changes, and when it last read them from the database."""

    lock = threading.Lock()
    # tag -> number (see SHIFT) of its latest change known, or of this process's own mark.
    seqs = {}
    latest = 0  # no number in `seqs` is above this: a copy made at or after it is fresh at once
    local = 0  # this process's own writes marked so far
    valid_from = 0  # copies made before this number are stale (see `start_afresh`)
    high = None  # every change numbered up to here is known; None: not read yet
    floor = 0  # copies made at or before this number are not judged (older than any change kept)
    polls = deque()  # (time.monotonic(), high) of each read: where to read again from
    read_at = None  # time.monotonic() of the last read; None: read at the next chance
    next_publication = None
    unwritten = set()  # tags of a commit whose rows could not be written yet
    # The generations (see `_announce`) this process last caught up with: this server's, and the
    # shared cache's as a page-cache look-up last brought it.
    host_generation = None
    shared_generation = None
    pruned_at = 0.0
    migrating = False


def _new_token():
    return secrets.token_hex(8)


def _publishable_models():
    from review.models import Publishable

    return [model for model in apps.get_models() if issubclass(model, Publishable) and not model._meta.abstract]


def next_scheduled_publication():
    """The earliest publication time still to come among published records (one query)."""
    from review.models import Status

    now = timezone.now()
    # Per model, the earliest (one row, grouped by the one status asked for); all in one UNION ALL.
    earliest = [
        model._base_manager.filter(status=Status.PUBLISHED, published_at__gt=now)
        .order_by()
        .values("status")
        .annotate(earliest=models.Min("published_at"))
        .values_list("earliest", flat=True)
        for model in _publishable_models()
    ]
    if not earliest:
        return None
    return min((moment for moment in earliest[0].union(*earliest[1:], all=True) if moment is not None), default=None)


def _timestamp(moment):
    return moment.timestamp() if isinstance(moment, datetime.datetime) else None


def _apply(rows):
    """Known changes from (id, tag) rows; the lock is held by the caller."""
    seqs = _Known.seqs
    for number, tag in rows:
        number <<= SHIFT
        if seqs.get(tag, 0) < number:
            seqs[tag] = number
            if number > _Known.latest:
                _Known.latest = number


def _read():
    """Read the changes this process does not know yet, and the schedule."""
    now = time.monotonic()
    if _Known.high is None:
        cutoff = timezone.now() - datetime.timedelta(seconds=CHANGES_KEEP_SECONDS)
        rows = list(ContentChange.objects.filter(changed_at__gte=cutoff).values_list("id", "tag"))
        if rows:
            floor = min(number for number, _tag in rows) - 1
        else:
            floor = ContentChange.objects.aggregate(last=models.Max("id"))["last"] or 0
        since = floor
    else:
        floor = _Known.floor
        # From the last read made before the re-read window: a row numbered before it may have
        # been committed since.
        since = _Known.polls[0][1] if _Known.polls else _Known.high
        for moment, high in _Known.polls:
            if now - moment <= REREAD_SECONDS:
                break
            since = high
        rows = list(ContentChange.objects.filter(id__gt=since).values_list("id", "tag"))
    schedule = ContentVersion.objects.filter(pk=ROW).values_list("next_publication", flat=True).first()
    with _Known.lock:
        if _Known.high is None:
            _Known.seqs, _Known.latest, _Known.floor, _Known.polls = {}, 0, floor, deque()
        _apply(rows)
        high = max([since, *(number for number, _tag in rows)])
        _Known.high = max(_Known.high or 0, high)
        _Known.polls.append((now, _Known.high))
        # Forget what no copy can still need: copies live at most CHANGES_KEEP_SECONDS.
        while _Known.polls and now - _Known.polls[0][0] > CHANGES_KEEP_SECONDS:
            _Known.floor = max(_Known.floor, _Known.polls.popleft()[1])
        if len(_Known.seqs) > 50_000:
            _Known.seqs = {tag: number for tag, number in _Known.seqs.items() if number >> SHIFT >= _Known.floor}
        _Known.next_publication = _timestamp(schedule)
        _Known.read_at = now


def current(generation=UNKNOWN):
    """The state to make a copy under: changes read again when older than the check interval,
    and at once when another process of this server announced changes (`_announce`).

    `generation`: the value under GENERATION_KEY as the caller has just read it from the shared
    cache; another value than the one this process last caught up with means that a process of
    another server recorded changes since: they are read now too.
    """
    read_at = _Known.read_at
    stale = read_at is None or time.monotonic() - read_at >= settings.CONTENT_VERSION_CHECK_SECONDS
    host = _host_generation()
    if generation is UNKNOWN or generation is None:
        generation = _Known.shared_generation
    announced = host != _Known.host_generation or generation != _Known.shared_generation
    if _Known.unwritten:
        _write_unwritten()
    flush_pending()
    if stale or announced or _Known.high is None:
        try:
            _read()
        except DatabaseError:
            if _Known.high is None:
                raise
            # The database is away: what was read last stays good for the cached copies.
        else:
            # Read after the generations were: a later announcement is another value, read too.
            _Known.host_generation, _Known.shared_generation = host, generation
    version = Version((_Known.high << SHIFT) + _Known.local, _Known.next_publication)
    if version.expired():
        version = _next_publication_came()
    return version


def fresh(made, tags):
    """Whether a copy made under `made` (a Version's seq) and showing `tags` is still true."""
    if made < _Known.valid_from or made >> SHIFT < _Known.floor:
        return False
    if made >= _Known.latest:  # nothing known changed since it was made
        return True
    seqs = _Known.seqs
    return all(seqs.get(tag, 0) <= made for tag in tags)


def stale_tags(made, tags):
    """The tags of a copy that changed since it was made (to explain a miss)."""
    return sorted(tag for tag in tags if _Known.seqs.get(tag, 0) > made)


# What is read while a copy is made.


class Collector:
    """The tables read and the records loaded while one copy is made."""

    __slots__ = ("matching", "record_page", "records", "shows", "summed", "tables", "whole")

    def __init__(self):
        self.tables, self.summed, self.records, self.shows = set(), set(), set(), set()
        # Tables whose shown columns (`shown_columns`) were read other than as records loaded:
        # compared, sorted, counted, or read as plain values.
        self.whole = set()
        self.record_page = None  # the table of the page's record, on a record page
        # Tables whose records the page matches with words (`matching`): their comparisons are
        # the words' (`w:` tags), not a dependence on the whole table.
        self.matching = frozenset()

    def tags(self):
        if self.record_page:
            tags = {bulk_tag(table) for table in self.tables - self.summed}
            tags.update(table_tag(table) for table in self.summed)
            tags.update(record_tag(table, pk) for table, pk in self.records)
            tags.update(link_tag(table, pk) for table, pk in self.records if table == self.record_page)
        else:
            # Which records a list holds, and in what order, changes with its tables' membership;
            # what it shows of each, with the records it loaded.
            tags = {membership_tag(table) for table in self.tables}
            tags.update(bulk_tag(table) for table in self.tables)
            tags.update(table_tag(table) for table in self.whole)
            tags.update(
                record_tag(table, pk) for table, pk in self.records if pk is not None and table not in self.whole
            )
        tags.update(self.shows)
        tags.add(ALL)
        return frozenset(tags)


_collector = contextvars.ContextVar("content_collector", default=None)


@contextmanager
def collecting():
    """Note what is read inside the block: `.tags()` of the collector it gives."""
    collector = Collector()
    token = _collector.set(collector)
    try:
        yield collector
    finally:
        _collector.reset(token)


def record_page(model):
    """The view shows one record of `model`: its page depends on the records it shows, not on whole tables.

    Every list on the page must be a list of things linked to its record (its participants, its
    meetings, its trips): those change only through a write that names the record or links to
    it (see the module's docstring). Counts and sums still depend on their whole tables.
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            collector = _collector.get()
            if collector is not None:
                collector.record_page = model._meta.db_table
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


# The conditions that decide whether a record matches a word, by table (`matched_by`).
_matchers = {}
# Words of cached pages a write compares one by one; past this many it ends them all (`w:<table>`).
MATCHED_WORDS_LIMIT = 200
# A process notes again a word it noted this long ago (`_note_words`): a page made now lives at
# most CHANGES_KEEP_SECONDS, so a write looks at the words noted within both (`_live_words`).
NOTE_WORDS_EVERY_SECONDS = 600


def matched_by(model, condition):
    """Pages that list the records of `model` matching words (`matching`) decide a match with
    `condition(word)`, a Q on `model`: the writing process asks it of the records it changes."""
    table = model._meta.db_table
    _matchers[table] = (model, (*_matchers.get(table, (None, ()))[1], condition))


class _Noted:
    lock = threading.Lock()
    words = {}  # word -> time.monotonic() this process last noted it


def _note_words(words):
    """Note in the database that pages matching `words` are cached, before the page reads its
    records: a write committed after the page read them reads the words after its commit.

    Returns False when the database would not take the note (it only reads for now: a standby
    being promoted, a full disk): the page is still made, and depends on the whole tables."""
    now = time.monotonic()
    with _Noted.lock:
        noted = _Noted.words
        due = [word for word in words if word not in noted or now - noted[word] >= NOTE_WORDS_EVERY_SECONDS]
    if not due:
        return True
    moment = timezone.now()
    database = router.db_for_write(MatchedWord)
    # Inside a transaction, in a savepoint of its own, so that a refused write leaves the
    # transaction usable; a page request outside one (as served) needs none.
    guard = transaction.atomic(using=database) if connections[database].in_atomic_block else nullcontext()
    try:
        with guard:
            MatchedWord.objects.using(database).bulk_create(
                [MatchedWord(word=word, used_at=moment) for word in due],
                update_conflicts=True, unique_fields=["word"], update_fields=["used_at"],
            )
    except DatabaseError as error:
        logger.warning("Could not note the words of a cached search (%s); the page depends on whole tables", error)
        return False
    with _Noted.lock:
        _Noted.words.update(dict.fromkeys(due, now))
    return True


def _live_words(connection):
    """The words of pages that may still be cached (at most MATCHED_WORDS_LIMIT + 1 of them)."""
    cutoff = timezone.now() - datetime.timedelta(seconds=CHANGES_KEEP_SECONDS + NOTE_WORDS_EVERY_SECONDS)
    found = MatchedWord.objects.using(connection.alias).filter(used_at__gte=cutoff)
    return frozenset(found.values_list("word", flat=True)[:MATCHED_WORDS_LIMIT + 1])


def _word_tags(connection, table, pks, words):
    """The `w:` tags of `table` for the words that one of the records `pks` matches as it stands."""
    if not words or not pks:
        return set()
    if len(words) > MATCHED_WORDS_LIMIT:
        return {word_tag(table)}
    model, conditions = _matchers[table]
    ordered = sorted(words)
    counts = {
        f"w{index}": models.Count("pk", filter=functools.reduce(operator.or_, (c(word) for c in conditions)))
        for index, word in enumerate(ordered)
    }
    found = model._base_manager.using(connection.alias).filter(pk__in=list(pks)).aggregate(**counts)
    return {word_tag(table, word) for index, word in enumerate(ordered) if found[f"w{index}"]}


@contextmanager
def matching(words, models_matched):
    """The page made inside the block lists the records of `models_matched` that match `words`
    (each record matching as `matched_by` decides for its table).

    It depends on which records those tables hold (`m:`, `b:`) and on the records matching the
    words (`w:`), not on every text of the tables: an edit of a record that matches none of the
    words, before or after, leaves it cached. A table without a condition counts as a whole.
    """
    collector = _collector.get()
    if collector is None or not words:
        yield
        return
    tables = {model._meta.db_table for model in models_matched}
    # Words not noted (the database would not take the note): the whole tables, as for a table
    # without a condition.
    known = frozenset(table for table in tables if table in _matchers) if _note_words(words) else frozenset()
    shows(*(table_tag(table) for table in tables - known))
    shows(*(tag for table in known for tag in (membership_tag(table), bulk_tag(table), word_tag(table))))
    shows(*(word_tag(table, word) for table in known for word in words))
    outer = collector.matching
    collector.matching = outer | known
    try:
        yield
    finally:
        collector.matching = outer


def shows(*tags):
    """The copy being made also shows these tags (a value read from elsewhere)."""
    collector = _collector.get()
    if collector is not None:
        collector.shows.update(tags)


def reads(*tables):
    """The copy being made read these tables, as a query of its own would have (rows kept from
    an earlier read and made into records here: the records note themselves as loaded)."""
    collector = _collector.get()
    if collector is not None:
        collector.tables.update(tables)


def _loaded(sender, instance, **kwargs):
    collector = _collector.get()
    if collector is not None:
        table = sender._meta.db_table
        if table in watched_tables():
            collector.records.add((table, instance.pk))


post_init.connect(_loaded, dispatch_uid="content_version.loaded")


class ProcessStore:
    """A store for `cached` kept in this process only, for values used as they are (records made
    from kept rows on every use, never pickled); emptied by `start_afresh`."""

    def __init__(self):
        self.values = {}

    def get(self, key):
        return self.values.get(key)

    def set(self, key, value, timeout=None):
        self.values[key] = value


process_store = ProcessStore()

# While one process makes a kept value, the others that want it wait for it (polling the cache)
# rather than make it too: after a deploy or a change the same options, counts and totals were
# made by every worker asking at once (a list's first page: five workers, 0.9–1.1 s each against
# 0.2 s for its next pages). Past the wait, or when the maker is gone (its mark expires), each
# makes its own as before.
MAKING_MARK_SECONDS = 10
MAKING_WAIT_SECONDS = 3.0
MAKING_POLL_SECONDS = 0.02


def _get(store, key):
    try:
        return store.get(key)
    except Exception:
        logger.warning("Could not read %s from the cache", key, exc_info=True)
        return None


def _usable(entry):
    return (
        isinstance(entry, tuple)
        and len(entry) == 5
        and len(entry[4]) == 5  # a value kept by code that noted less of what it read: made again
        and time.time() < entry[1]
        and fresh(entry[0], entry[2])
    )


def _made_elsewhere(store, key):
    """(the usable entry another process made under `key` meanwhile, or None; whether this
    process has marked `key` as being made by it — then it makes it and `_unmark`s it)."""
    mark = f"{key}:making"
    try:
        if store.add(mark, 1, MAKING_MARK_SECONDS):
            return None, True
    except Exception:
        return None, False
    deadline = time.monotonic() + MAKING_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(MAKING_POLL_SECONDS)
        entry = _get(store, key)
        if _usable(entry):
            return entry, False
        try:
            if store.get(mark) is None:  # made and found unusable here, or its maker gave up
                break
        except Exception:
            break
    return None, False


def _unmark(store, key):
    try:
        store.delete(f"{key}:making")
    except Exception:
        logger.warning("Could not unmark %s in the cache", key, exc_info=True)


def cached(key, make, seconds, store=None, shows_tags=None, as_read=False):
    """`make()`, kept in the cache under `key` while nothing it read has changed.

    A page that uses the value depends on what the value was made from, or on `shows_tags`
    when given (the part of the value the pages show). With `as_read`, the page depends on it
    exactly as if `make()` had run inside it: its tables and records count as the page's own
    reads (a record page then depends on them as it does on its own queries). In a cache that
    the processes share, one of them makes the value while the others wait for it.
    """
    from django.core.cache import cache

    store = store or cache
    version = current()
    entry = _get(store, key)
    if not _usable(entry):
        entry, marked = _made_elsewhere(store, key) if store is not process_store else (None, False)
        if entry is None:
            try:
                return _make_and_keep(key, make, seconds, store, shows_tags, as_read, version)
            finally:
                if marked:
                    _unmark(store, key)
    tags, value, read = entry[2], entry[3], entry[4]
    _note_use(tags, read, shows_tags, as_read)
    return value


def _make_and_keep(key, make, seconds, store, shows_tags, as_read, version):
    with collecting() as inner:
        value = make()
    tags = inner.tags()
    read = (
        frozenset(inner.tables), frozenset(inner.summed), frozenset(inner.records), frozenset(inner.shows),
        frozenset(inner.whole),
    )
    try:
        store.set(key, (version.seq, version.expires_at(seconds), tags, value, read), version.timeout(seconds))
    except Exception:
        logger.warning("Could not keep %s in the cache", key, exc_info=True)
    _note_use(tags, read, shows_tags, as_read)
    return value


def _note_use(tags, read, shows_tags, as_read):
    collector = _collector.get()
    if collector is not None:
        if as_read:
            tables, summed, records, shown, whole = read
            collector.tables |= tables
            collector.whole |= whole
            collector.summed |= summed
            collector.records |= records
            collector.shows |= shown
        else:
            collector.shows.update(tags if shows_tags is None else shows_tags)


# Derived values.

_derived = {}


def derived(name, models_read, compute):
    """A value computed from many records (`compute()` → str), whose tag changes only with it.

    Checked after every commit that wrote one of `models_read` or a publishable record.
    """
    read = {model._meta.db_table for model in [*models_read, *_publishable_models()]}
    _derived[name] = (frozenset(read), compute)
    return name


# What is written.


def _project_app(app_config):
    path = Path(app_config.path).resolve()
    return path.is_relative_to(settings.BASE_DIR) and not path.is_relative_to(Path(sys.prefix).resolve())


_watched = None
_models = None


def watched_tables():
    """Tables of every model of the project's own apps, apart from those settings leave out."""
    global _watched
    if _watched is None:
        _watched = frozenset(_models_by_table())
    return _watched


def _models_by_table():
    global _models
    if _models is None:
        ignored = set(settings.PAGE_CACHE_IGNORED_MODELS)
        _models = {
            model._meta.db_table: model
            for model in apps.get_models(include_auto_created=True)
            if _project_app(model._meta.app_config)
            and model not in (ContentVersion, ContentChange, MatchedWord)
            and model._meta.app_label not in ignored
            and model._meta.label not in ignored
        }
    return _models


def written_table(sql):
    """The watched table a statement writes, "*" for a TRUNCATE, or None."""
    match = WRITE_STATEMENT.match(sql) if isinstance(sql, str) else None
    if match is None:
        return None
    if match.group(3):
        return "*"
    return match.group(2) if match.group(2) in watched_tables() else None


def _foreign_keys(model):
    return [field for field in model._meta.concrete_fields if field.many_to_one or field.one_to_one]


def _target_tag(field, value):
    return link_tag(field.related_model._meta.db_table, value)


def _placeholders(sql, text):
    """How many parameters `text`, a part of `sql`, takes."""
    return text.count("%s") if "%s" in sql else text.count("?")


def _top_level_where(text):
    """(before, after) the first WHERE outside parentheses, or None."""
    upper, index = text.upper(), -1
    while (index := upper.find(" WHERE ", index + 1)) != -1:
        if upper.count("(", 0, index) == upper.count(")", 0, index):
            return text[:index], text[index + len(" WHERE "):]
    return None


# The statements a page or a save sends are the same few texts again and again (their
# parameters differ): what is read from a text is kept, for texts up to this long.
SHAPE_CACHE_CHARACTERS = 4000


def _by_text(read):
    """`read(sql)`, remembered for each statement text (not too long to keep)."""
    remembered = functools.lru_cache(maxsize=1024)(read)

    @functools.wraps(read)
    def shape(sql):
        return remembered(sql) if len(sql) <= SHAPE_CACHE_CHARACTERS else read(sql)

    return shape


@_by_text
def _where_shape(sql):
    """What an UPDATE or DELETE names: (its WHERE clause, how many parameters come before it,
    how many it takes, the (table, column) it compares with parameters, whether an UPDATE);
    None when its rows cannot be read from it."""
    update = UPDATE_PARTS.match(sql)
    if update:
        split = _top_level_where(" " + update.group(2))
        if split is None or "SELECT" in split[0].upper():
            return None
        where, before = split[1], _placeholders(sql, split[0])
    else:
        delete = DELETE_PARTS.match(sql)
        if delete is None:
            return None
        where, before = delete.group(2), 0
    if "%%" in where:
        return None
    by_key = BY_KEY.match(where)
    return where, before, _placeholders(sql, where), by_key.group(1, 2) if by_key else None, bool(update)


@_by_text
def _insert_shape(sql):
    """What an INSERT names: (its columns, whether its values come as arrays (UNNEST), how many
    parameters its VALUES take); None when its rows cannot be read from it."""
    match = INSERT_VALUES.match(sql)
    unnest = None if match else INSERT_UNNEST.match(sql)
    if match is None and unnest is None:
        return None
    columns = tuple(name.strip().strip('"') for name in (match or unnest).group(2).split(","))
    if match and ("%s" in match.group(4) or "?" in match.group(4)):
        return None
    return columns, unnest is not None, _placeholders(sql, match.group(3)) if match else None


# Shown columns: what a page shows of a record, and a change to which moves no record into or
# out of a list, nor reorders one: the record's texts (not a choice), and the times a save sets
# itself. A change to any other column (a status, a date, a link, a number) is a change to its
# table's membership (`m:`). A page that compares, sorts or counts by a shown column, or reads
# one other than as a loaded record, depends on the whole table instead (`Collector.whole`).
SHOWN_TYPES = frozenset({"CharField", "TextField", "SlugField"})
# Columns a write's new value is compared with the old one in SQL (IS DISTINCT FROM): types
# whose comparison the database knows. A change to another type counts as a change.
COMPARABLE_TYPES = frozenset({
    "AutoField", "BigAutoField", "SmallAutoField", "BigIntegerField", "BooleanField", "CharField", "DateField",
    "DateTimeField", "DecimalField", "FloatField", "ForeignKey", "IntegerField", "OneToOneField",
    "PositiveBigIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField", "SlugField",
    "SmallIntegerField", "TextField", "TimeField", "UUIDField",
})
_shown = None


def shown_columns(table):
    """The columns of `table` a change to which is no change to its membership (see SHOWN_TYPES)."""
    global _shown
    if _shown is None:
        _shown = {
            name: frozenset(
                field.column
                for field in model._meta.concrete_fields
                if not field.primary_key
                and not field.is_relation
                and (
                    (field.get_internal_type() in SHOWN_TYPES and not field.choices)
                    or (field.get_internal_type() == "DateTimeField" and not field.editable)
                )
            )
            for name, model in _models_by_table().items()
        }
    return _shown.get(table, frozenset())


# "table" or an alias (T4, U0) as Django writes them after FROM and JOIN.
TABLE_ALIAS = re.compile(r'\b(?:FROM|JOIN)\s+"(\w+)"(?:\s+(?:AS\s+)?"?([A-Za-z]\w*)"?)?', re.IGNORECASE)
NOT_ALIASES = frozenset({
    "ON", "WHERE", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "JOIN", "GROUP", "ORDER", "LIMIT", "OFFSET",
    "HAVING", "UNION", "EXCEPT", "INTERSECT", "FOR", "WINDOW", "LATERAL", "USING", "NATURAL", "OUTER",
})
COLUMN = re.compile(r'(?:"(\w+)"|\b([A-Za-z]\w*))\."(\w+)"')
PLAIN_SELECT = re.compile(r'^\s*SELECT\s+(?:DISTINCT\s+(?!ON\b))?', re.IGNORECASE)


def _top_level_split(text, separator=","):
    """`text` cut at `separator` outside parentheses."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def _top_level(text, word, start=0):
    """Where `word` (" FROM ", " ORDER BY ") first stands outside parentheses in `text` from
    `start`, or -1."""
    upper, index = text.upper(), start - 1
    while (index := upper.find(word, index + 1)) != -1:
        if upper.count("(", 0, index) == upper.count(")", 0, index):
            return index
    return -1


@_by_text
def _shown_reads(sql):
    """(tables whose shown columns a SELECT compares or computes with, or sorts by to pick some
    rows (LIMIT); tables whose shown columns it only selects as they are, or sorts by all the
    rows it returns — what a page shows of them comes from the records it loads)."""
    aliases = {}
    for table, alias in TABLE_ALIAS.findall(sql):
        aliases.setdefault(table, set()).add(table)
        if alias and alias.upper() not in NOT_ALIASES:
            aliases.setdefault(alias, set()).add(table)
    references = []
    for match in COLUMN.finditer(sql):
        name, column = match.group(1) or match.group(2), match.group(3)
        for table in aliases.get(name, ()):
            if column in shown_columns(table):
                references.append((match.span(), table))
    if not references:
        return frozenset(), frozenset()
    # Spans where a shown column is only shown: a plain item of the top-level select list, and
    # the top-level ORDER BY of a statement that returns every row it sorts — by a column of a
    # table the statement selects shown columns of (loads): sorted by a joined record's name it
    # does not load, the rows' order changes with that name, which no record it loaded tells.
    shown_spans, order_span = [], None
    head = PLAIN_SELECT.match(sql)
    if head is not None:
        end = _top_level(sql, " FROM ", head.end())
        offset = head.end()
        for item in _top_level_split(sql[offset:end if end != -1 else len(sql)]):
            stripped = item.strip()
            if COLUMN.fullmatch(stripped):
                begin = offset + item.index(stripped)
                shown_spans.append((begin, begin + len(stripped)))
            offset += len(item) + 1
        order = _top_level(sql, " ORDER BY ", max(end, 0)) if end != -1 else -1
        if order != -1 and not any(
            _top_level(sql, word, order) != -1 for word in (" LIMIT ", " OFFSET ", " FETCH ")
        ):
            order_span = (order, len(sql))
    used, selected, sorted_by = set(), set(), set()
    for (begin, end), table in references:
        if any(low <= begin and end <= high for low, high in shown_spans):
            selected.add(table)
        elif order_span is not None and order_span[0] <= begin and end <= order_span[1]:
            sorted_by.add(table)
        else:
            used.add(table)
    used |= sorted_by - selected
    return frozenset(used), frozenset(selected - used)


# The statements that load records (`ModelIterable` runs them through `SQLCompiler.execute_sql`):
# what they select of a record is shown through the record loaded (`_loaded`).
_EXECUTE_SQL = SQLCompiler.execute_sql.__code__
_LOADS_RECORDS = ModelIterable.__iter__.__code__


def _loads_records():
    """Whether the statement being run loads records (rather than values, counts or rows)."""
    frame = sys._getframe(2)
    for _step in range(16):
        if frame is None:
            return False
        if frame.f_code is _EXECUTE_SQL:
            return frame.f_back is not None and frame.f_back.f_code is _LOADS_RECORDS
        frame = frame.f_back
    return False


_set_item = re.compile(r'\s*"(\w+)"\s*=\s*(.*?)\s*$', re.DOTALL)


@_by_text
def _set_shape(sql):
    """What an UPDATE sets: ((column, its new value's text, how many parameters it takes), …),
    the parameters of the SET clause coming first; None when it cannot be read."""
    update = UPDATE_PARTS.match(sql)
    if update is None:
        return None
    text = " " + update.group(2)
    split = _top_level_where(text)
    assignments = []
    for item in _top_level_split(split[0] if split else text):
        match = _set_item.match(item)
        if match is None:
            return None
        assignments.append((match.group(1), match.group(2), _placeholders(sql, match.group(2))))
    return tuple(assignments)


def _membership_changed(connection, model, sql, params):
    """Whether an UPDATE changes a column of its rows that is not a shown column (`shown_columns`).

    A save() sets every column, whatever changed: its values are compared in the database with
    the row before it runs, with its own WHERE clause (one query). Any other UPDATE that sets
    such a column (`QuerySet.update(status=…)`, a job's progress) is taken at its word.
    """
    table = model._meta.db_table
    shape, where_shape = _set_shape(sql), _where_shape(sql)
    if shape is None or where_shape is None:
        return True
    shown = shown_columns(table)
    types = {field.column: field.get_internal_type() for field in model._meta.concrete_fields}
    columns = {column for column, _value, _takes in shape}
    if columns != {field.column for field in model._meta.concrete_fields if not field.primary_key}:
        return not columns <= shown
    params = list(params or ())
    compared, compared_params, offset = [], [], 0
    for column, value, takes in shape:
        values, offset = params[offset:offset + takes], offset + takes
        if column in shown:
            continue
        if (value not in ("%s", "?") and value.upper() != "NULL") or types.get(column) not in COMPARABLE_TYPES:
            return True
        compared.append((column, "NULL" if value.upper() == "NULL" else "%s"))
        compared_params += values
    if not compared:
        return False
    where, before, takes, _by_key, _update = where_shape
    where_params = params[before:]
    if takes != len(where_params) or offset != before:
        return True
    if "%s" not in sql:
        where = where.replace("?", "%s")
    quote = connection.ops.quote_name
    distinct = "IS NOT" if connection.vendor == "sqlite" else "IS DISTINCT FROM"
    differs = " OR ".join(f"{quote(column)} {distinct} {value}" for column, value in compared)
    query = f"SELECT 1 FROM {quote(table)} WHERE ({where}) AND ({differs}) LIMIT 1"
    with connection.cursor() as cursor:
        cursor.execute(query, [*where_params, *compared_params])
        return cursor.fetchone() is not None


class Unknown(Exception):
    """A write whose records cannot be named: it ends the whole table."""


def _touched_rows(connection, model, sql, params):
    """([(pk, *foreign keys)] of the rows an UPDATE or DELETE is about to touch, whether by key).

    By key, the rows named may not exist (the UPDATE that a save() tries first); otherwise the
    statement touches exactly these rows, unless another transaction changed them meanwhile
    (then its row count differs, and the write ends the whole table).
    """
    params = list(params or ())
    table = model._meta.db_table
    shape = _where_shape(sql)
    if shape is None:
        raise Unknown
    where, before, takes, by_key, update = shape
    where_params = params[before:]
    if takes != len(where_params):
        raise Unknown
    fields = _foreign_keys(model)
    if update and by_key == (table, model._meta.pk.column):
        # A save(): the keys are the parameters, no need to read them. The links it had are
        # known to the pages that showed them (they loaded this record); the new ones are
        # followed at commit.
        if len(where_params) > UPDATE_RECORD_LIMIT:
            raise Unknown
        return [(pk, *([None] * len(fields))) for pk in where_params], True
    if "%s" not in sql:
        where = where.replace("?", "%s")
    quote = connection.ops.quote_name
    columns = [model._meta.pk.column, *(field.column for field in fields)]
    query = (
        f"SELECT {', '.join(quote(column) for column in columns)} FROM {quote(model._meta.db_table)} "
        f"WHERE {where} LIMIT {UPDATE_RECORD_LIMIT + 1}"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, where_params)
        rows = cursor.fetchall()
    if len(rows) > UPDATE_RECORD_LIMIT:
        raise Unknown
    return rows, False


def _returning(connection, model, sql, params):
    """On PostgreSQL, a DELETE of records named by key, made to return their keys and links.

    The removed rows' links are what a delete changes; asked of the DELETE itself they cost no
    statement more (a save that removes a trip's participant read them first with a SELECT: a
    tenth of the time of such a save inside a transaction). None for any other statement, which
    `_touched_rows` reads before it runs.
    """
    if connection.vendor != "postgresql" or "RETURNING" in sql.upper():
        return None
    shape = _where_shape(sql)
    if shape is None:
        return None
    _where, _before, takes, by_key, _update = shape
    if by_key != (model._meta.db_table, model._meta.pk.column) or takes != len(params or ()):
        return None
    if takes > UPDATE_RECORD_LIMIT:
        return None
    quote = connection.ops.quote_name
    columns = [model._meta.pk.column, *(field.column for field in _foreign_keys(model))]
    return f"{sql} RETURNING {', '.join(quote(column) for column in columns)}"


def _row_tags(model, rows, own=True):
    """Tags of rows [(pk, *foreign keys)]: the rows themselves (`own`) and the records they link to."""
    table = model._meta.db_table
    fields = _foreign_keys(model)
    tags = set()
    for row in rows:
        if own:
            tags.add(record_tag(table, row[0]))
        links = zip(fields, row[1:], strict=True)
        tags.update(_target_tag(field, value) for field, value in links if value is not None)
    return tags


def _inserted_tags(model, sql, params, many):
    """The records new rows link to, read from the INSERT's columns and parameters."""
    shape = _insert_shape(sql)
    if shape is None:
        raise Unknown
    columns, unnest, takes = shape
    sets = list(params) if many else [params]
    if len(sets) > UPDATE_RECORD_LIMIT:
        raise Unknown
    rows = []
    for values in sets:
        values = list(values or ())
        if unnest:
            if len(values) != len(columns) or not all(isinstance(v, (list, tuple)) for v in values):
                raise Unknown
            rows.extend(zip(*values, strict=True))
        else:
            if takes != len(values):
                raise Unknown
            rows.extend(values[i:i + len(columns)] for i in range(0, len(values), len(columns)))
    if len(rows) > UPDATE_RECORD_LIMIT:
        raise Unknown
    by_column = {field.column: field for field in _foreign_keys(model)}
    tags = set()
    for row in rows:
        for column, value in zip(columns, row, strict=True):
            field = by_column.get(column)
            if field is not None and value is not None:
                tags.add(_target_tag(field, value))
    return tags


def _select(connection, table, columns, where_column, values, limit=None):
    """[(column values)] of the rows of `table` whose `where_column` is one of `values`.

    Plain SQL on the connection that committed (it reads its own writes): these few statements
    run after every commit, and building them through the ORM cost more than running them.
    """
    quote = connection.ops.quote_name
    rows = []
    # In slices, under the database's limit of parameters per statement.
    for start in range(0, len(values), UPDATE_RECORD_LIMIT):
        chunk = values[start:start + UPDATE_RECORD_LIMIT]
        query = (
            f"SELECT {', '.join(quote(column) for column in columns)} FROM {quote(table)} "
            f"WHERE {quote(where_column)} IN ({', '.join(['%s'] * len(chunk))})"
        )
        if limit is not None:
            query += f" LIMIT {limit - len(rows)}"
        with connection.cursor() as cursor:
            cursor.execute(query, chunk)
            rows.extend(cursor.fetchall())
        if limit is not None and len(rows) >= limit:
            break
    return rows


def _m2m_columns(field):
    """(through table, column naming the field's own model, column naming the other) of a many-to-many field."""
    through = field.remote_field.through._meta
    return (
        through.db_table,
        through.get_field(field.m2m_field_name()).column,
        through.get_field(field.m2m_reverse_field_name()).column,
    )


def _links(model, pks, depth=0, rows=None, connection=None):
    """Tags of the records that the records `pks` of `model` link to, and of the rows that belong to them.

    `rows`: the records' [(pk, *foreign keys)] when already read.
    """
    connection = connection or connections["default"]
    tags = set()
    if not pks:
        return tags
    meta = model._meta
    pks = list(pks)
    fields = _foreign_keys(model)
    if fields:
        if rows is None:
            columns = [meta.pk.column, *(field.column for field in fields)]
            rows = _select(connection, meta.db_table, columns, meta.pk.column, pks)
        tags |= _row_tags(model, rows, own=False)
    # Their many-to-many partners, every field's in one UNION ALL.
    if meta.many_to_many:
        quote, parts, params = connection.ops.quote_name, [], []
        placeholders = ", ".join(["%s"] * len(pks))
        for field in meta.many_to_many:
            through, own, other = _m2m_columns(field)
            parts.append(f"SELECT %s, {quote(other)} FROM {quote(through)} WHERE {quote(own)} IN ({placeholders})")
            params += [field.related_model._meta.db_table, *pks]
        found = {}
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for target_table, value in cursor.fetchall():
                found.setdefault(target_table, []).append(value)
        for target_table, values in found.items():
            if len(values) > UPDATE_RECORD_LIMIT:
                tags.add(bulk_tag(target_table))
            tags.update(link_tag(target_table, value) for value in values[:UPDATE_RECORD_LIMIT])
    if depth == 0:
        # Records that list this one through their many-to-many field (a site visit's projects,
        # a trip's related projects), and the records those belong to (the site visit's trip).
        for relation in meta.related_objects:
            if not relation.many_to_many:
                continue
            field = relation.field
            source = field.model
            if source._meta.db_table not in watched_tables():
                continue
            through, own, other = _m2m_columns(field)
            found = [row[0] for row in _select(connection, through, [own], other, pks, UPDATE_RECORD_LIMIT + 1)]
            if len(found) > UPDATE_RECORD_LIMIT:
                tags.add(bulk_tag(source._meta.db_table))
                tags.update(bulk_tag(field.related_model._meta.db_table) for field in _foreign_keys(source))
                continue
            tags.update(link_tag(source._meta.db_table, value) for value in found)
            source_fields = _foreign_keys(source)
            if found and source_fields:
                columns = [source._meta.pk.column, *(field.column for field in source_fields)]
                rows = _select(connection, source._meta.db_table, columns, source._meta.pk.column, found)
                tags |= _row_tags(source, rows, own=False)
    if depth < 2:
        for relation in meta.related_objects:
            child = relation.related_model
            if (
                not relation.one_to_many
                or relation.on_delete is not models.CASCADE
                or child._meta.db_table not in watched_tables()
                or child._meta.auto_created
            ):
                continue
            child_fields = _foreign_keys(child)
            # The rows that belong to these records, with what they link to: one query.
            columns = [child._meta.pk.column, *(field.column for field in child_fields)]
            limit = UPDATE_RECORD_LIMIT + 1
            rows = _select(connection, child._meta.db_table, columns, relation.field.column, pks, limit)
            if len(rows) > UPDATE_RECORD_LIMIT:
                tags.add(bulk_tag(child._meta.db_table))
                tags.update(bulk_tag(field.related_model._meta.db_table) for field in child_fields)
                continue
            tags |= _links(child, [row[0] for row in rows], depth + 1, rows, connection)
    return tags


class _Pending:
    """Changes written on one connection and not yet numbered by the database."""

    __slots__ = ("matched", "tables", "tags", "updated")

    def __init__(self):
        self.tags, self.updated, self.tables = set(), {}, set()
        # table -> (records updated in what they show only, the words compared before each UPDATE
        # of them): compared again after the commit (`_flush`).
        self.matched = {}

    def add_matched(self, table, pks, words):
        found = self.matched.get(table)
        self.matched[table] = (set(pks), words) if found is None else (found[0] | set(pks), found[1] & words)


# On the connection: changes of writes committed outside a transaction, and of the open one.
PENDING = "_content_changes_pending"
PENDING_IN_TRANSACTION = "_content_changes_pending_in_transaction"
FLUSH = "_content_changes_flush"


def _mark(tags):
    """Mark tags changed in this process at once, before the database numbers them.

    Copies made before the mark are stale for this process from now on; copies made after it
    (which see the write, or see the records as they stand until it commits) stay good until
    the database numbers the change after the commit, which is above every mark.
    """
    with _Known.lock:
        _Known.local += 1
        mark = ((_Known.high or 0) << SHIFT) + _Known.local
        seqs = _Known.seqs
        for tag in tags:
            if seqs.get(tag, 0) < mark:
                seqs[tag] = mark
        _Known.latest = max(_Known.latest, mark)


def _changed(connection, table, tags, updated=(), matched=None):
    """A write on `connection` changed `tags` (and the records `updated` of `table`; `matched`:
    the words they were compared with before, when they changed in what they show only)."""
    if _Known.migrating:
        return
    _mark(tags)
    # Committed already, but the statement's own results are still to be read: numbered before
    # the connection's next statement, or when the request ends (`flush_pending`).
    bucket = PENDING
    if connection.in_atomic_block:
        bucket = PENDING_IN_TRANSACTION
        flush = connection.__dict__.get(FLUSH)
        if flush is None:
            flush = connection.__dict__[FLUSH] = functools.partial(_flush, connection, committed=True)
        if not any(callback is flush for _sids, callback, _robust in connection.run_on_commit):
            # The first write of this transaction (or of what a savepoint kept): what was noted
            # for a transaction before is of one that rolled back, and never happened.
            connection.__dict__.pop(PENDING_IN_TRANSACTION, None)
            transaction.on_commit(flush, using=connection.alias, robust=True)
    pending = connection.__dict__.get(bucket)
    if pending is None:
        pending = connection.__dict__[bucket] = _Pending()
    pending.tags |= tags
    pending.tables.add(table)
    if updated:
        pending.updated.setdefault(table, set()).update(updated)
    if matched is not None:
        pending.add_matched(table, updated, matched)


def flush_pending(**kwargs):
    """Number the changes of this thread's committed writes now (the end of a request, a page)."""
    for connection in connections.all(initialized_only=True):
        if PENDING in connection.__dict__ and not connection.in_atomic_block:
            _flush(connection)


def changed(connection, tables=()):
    """Tables written on `connection` in a way that names no record: every copy reading them is stale."""
    for table in tables:
        tags = {ALL} if table == ALL else {table_tag(table), bulk_tag(table)}
        _changed(connection, table, tags)


def _flush(connection, committed=False):
    """After a commit: follow the updated records to their links, and number every change.

    `committed`: called as the transaction's on-commit callback, so its changes happened too.
    """
    pending = connection.__dict__.pop(PENDING, None)
    if committed:
        in_transaction = connection.__dict__.pop(PENDING_IN_TRANSACTION, None)
        if in_transaction is not None:
            if pending is None:
                pending = in_transaction
            else:
                pending.tags |= in_transaction.tags
                pending.tables |= in_transaction.tables
                for table, pks in in_transaction.updated.items():
                    pending.updated.setdefault(table, set()).update(pks)
                for table, (pks, words) in in_transaction.matched.items():
                    pending.add_matched(table, pks, words)
    if pending is None:
        return
    tags = set(pending.tags)
    try:
        if pending.matched:
            # The records as they are now, with the words of the pages cached now: a word noted
            # since the comparison before the UPDATE may be of a page that read them before it.
            words = _live_words(connection)
            for table, (pks, compared) in pending.matched.items():
                tags |= _word_tags(connection, table, pks, words)
                tags.update(word_tag(table, word) for word in words - compared)
        by_table = _models_by_table()
        for table, pks in pending.updated.items():
            model = by_table.get(table)
            if len(pks) > UPDATE_RECORD_LIMIT:
                # An import's worth of records: not worth following one by one.
                tags.add(ALL)
            elif model is not None and not model._meta.auto_created:
                tags |= _links(model, pks, connection=connection)
        tags |= _owners(tags, connection)
        if len(tags) > CHANGES_PER_COMMIT_LIMIT:
            tags = _by_table(tags)
        publishable = {model._meta.db_table for model in _publishable_models()}
        if ALL in pending.tables or pending.tables & publishable:
            _write_schedule()
        derived_rows = _derived_changes(pending.tables)
        _write(tags, derived_rows)
    except Exception:
        # The write stands; this process keeps its own copies of everything out and writes the
        # changes before it reads again, so they cannot be lost while the process lives.
        with _Known.lock:
            _Known.unwritten |= tags | {ALL}
        _mark({ALL})
        logger.exception("Could not record the content changes of a commit; will retry")


def _owners(tags, connection):
    """Link tags of the records that the linked records belong to (a CASCADE foreign key).

    A row written beside a record's own rows links to that row, not to the record: a project
    added to a stop, a speech added to a meeting name the stop and the meeting, while the
    trip's page shows them. The owner of a record linked to is linked to as well, two levels
    up (a speech's meeting's trip). One query per table of records linked to that has owners.
    """
    by_table, found = _models_by_table(), set()
    wanted = {}
    for tag in tags:
        kind, _sep, rest = tag.partition(":")
        if kind == "l":
            table, _sep, pk = rest.rpartition(":")
            wanted.setdefault(table, set()).add(pk)
    for _depth in range(2):
        linked = {}
        for table, pks in wanted.items():
            model = by_table.get(table)
            if model is None or model._meta.auto_created:
                continue
            owners = [
                field
                for field in _foreign_keys(model)
                if field.remote_field.on_delete is models.CASCADE
                and field.related_model._meta.db_table in watched_tables()
            ]
            if not owners:
                continue
            if len(pks) > UPDATE_RECORD_LIMIT:
                found.update(bulk_tag(field.related_model._meta.db_table) for field in owners)
                continue
            keys = sorted(model._meta.pk.to_python(pk) for pk in pks)
            rows = _select(connection, table, [field.column for field in owners], model._meta.pk.column, keys)
            for row in rows:
                for field, value in zip(owners, row, strict=True):
                    tag = _target_tag(field, value) if value is not None else None
                    if tag is not None and tag not in tags and tag not in found:
                        found.add(tag)
                        linked.setdefault(field.related_model._meta.db_table, set()).add(str(value))
        wanted = linked
    return found


def _by_table(tags):
    """The tags of whole tables for many records' tags: fewer rows, the same pages ended and more."""
    whole = set()
    for tag in tags:
        kind, _sep, rest = tag.partition(":")
        if kind in ("r", "l"):
            table = rest.rpartition(":")[0]
            whole.update((table_tag(table), bulk_tag(table)))
        else:
            whole.add(tag)
    return whole


def _derived_changes(tables):
    rows = []
    for name, (read, compute) in _derived.items():
        if ALL not in tables and not (tables & read):
            continue
        value = compute()
        last = ContentChange.objects.filter(tag=name).order_by("-id").values_list("value", flat=True).first()
        if last != value:
            rows.append(ContentChange(tag=name, value=value))
    return rows


def _write(tags, extra_rows=()):
    now = timezone.now()
    ContentChange.objects.bulk_create(
        [*(ContentChange(tag=tag, changed_at=now) for tag in sorted(tags)), *extra_rows], batch_size=500
    )
    if time.monotonic() - _Known.pruned_at > PRUNE_EVERY_SECONDS:
        _Known.pruned_at = time.monotonic()
        # Derived values keep their last row: it is what the next write compares with.
        cutoff = now - datetime.timedelta(seconds=CHANGES_KEEP_SECONDS * 2)
        ContentChange.objects.filter(changed_at__lt=cutoff).exclude(tag__in=list(_derived)).delete()
        unused = now - datetime.timedelta(seconds=CHANGES_KEEP_SECONDS * 2 + NOTE_WORDS_EVERY_SECONDS)
        MatchedWord.objects.filter(used_at__lt=unused).delete()
    generation = _announce()
    _read()
    # Every change written before the announcement is read: this process has caught up with it.
    _Known.host_generation = _Known.shared_generation = generation


# The generation as this server's processes share it: 8 bytes of memory mapped before gunicorn
# forks its workers (the application is preloaded), so every worker of one server reads what
# any of them wrote, at the cost of a memory read. Without a fork (the development server, a
# shell) it is the process's own.
_HOST_GENERATION = mmap.mmap(-1, 8)


def _host_generation():
    value = int.from_bytes(_HOST_GENERATION[:8], "little")
    return value or None


def _announce():
    """A new generation, after the commit's changes are written: every other process reads the
    changes at its next request instead of at its next timed read.

    In this server's shared memory first for its other workers, who check it on every request
    (`current`); then in the shared cache, for the other servers, whose page-cache look-ups
    fetch it with the page. A process that sees the new value finds the changes, which were
    committed before it was set. While the cache is away, other servers read them on the timer.
    """
    from django.core.cache import cache

    generation = secrets.randbits(63) or 1
    _HOST_GENERATION[:8] = generation.to_bytes(8, "little")
    try:
        cache.set(GENERATION_KEY, generation, timeout=None)
    except Exception:
        logger.warning("Could not announce content changes in the cache", exc_info=True)
    return generation


def _write_unwritten():
    with _Known.lock:
        tags, _Known.unwritten = _Known.unwritten, set()
    try:
        _write_schedule()
        _write(tags)
    except Exception:
        with _Known.lock:
            _Known.unwritten |= tags
        _mark({ALL})
        logger.warning("Could not record content changes yet; will retry", exc_info=True)


def _write_schedule():
    values = {"token": _new_token(), "next_publication": next_scheduled_publication(), "changed_at": timezone.now()}
    if not ContentVersion.objects.filter(pk=ROW).update(**values):
        try:
            with transaction.atomic():
                ContentVersion.objects.create(pk=ROW, **values)
        except IntegrityError:  # another process made the row first
            ContentVersion.objects.filter(pk=ROW).update(**values)
    with _Known.lock:
        _Known.next_publication = _timestamp(values["next_publication"])


def _next_publication_came():
    """A scheduled publication has come: copies made before it expired with it (their lifetime
    ends there); look up the next one."""
    try:
        _write_schedule()
    except DatabaseError:
        logger.warning("Could not look up the next scheduled publication", exc_info=True)
        with _Known.lock:
            _Known.next_publication = None
    return Version((_Known.high << SHIFT) + _Known.local, _Known.next_publication)


def replace():
    """Every copy cached so far is stale from now on (a change to everything)."""
    _mark({ALL})
    _write_schedule()
    _write({ALL})
    return current()


def start_afresh():
    """Forget what this process knew (a new test): nothing changed, read again only on the timer,
    and nothing cached before is served."""
    process_store.values.clear()
    with _Noted.lock:
        _Noted.words = {}
    with _Known.lock:
        _Known.local += 1
        _Known.seqs, _Known.latest, _Known.high, _Known.floor, _Known.polls = {}, 0, 0, 0, deque()
        _Known.valid_from = _Known.local
        _Known.read_at, _Known.next_publication, _Known.unwritten = time.monotonic(), None, set()
        _Known.host_generation, _Known.shared_generation = _host_generation(), None


def before_migrate(sender, **kwargs):
    _Known.migrating = True


def after_migrate(sender, **kwargs):
    """A deploy migrates: the schedule is looked up then, and what was cached before is dropped."""
    _Known.migrating = False
    try:
        replace()
    except Exception:
        logger.exception("Could not record the change of a migration")


def _watch_writes(execute, sql, params, many, context):
    if not isinstance(sql, str):
        return execute(sql, params, many, context)
    collector = _collector.get()
    # A UNION on PostgreSQL starts with its first part's parenthesis: "(SELECT …) UNION ALL (…)".
    head = sql.lstrip().lstrip("(")[:6].upper()
    connection = context["connection"]
    if (
        PENDING in connection.__dict__
        and not connection.in_atomic_block
        and head in ("SELECT", "INSERT", "UPDATE", "DELETE")
    ):
        _flush(connection)  # an earlier statement's committed changes
    if head.startswith(("SELECT", "WITH")):
        if collector is not None:
            read = {table for table in READ_TABLES.findall(sql) if table in watched_tables()}
            collector.tables |= read
            if SUMMARY_READ.search(sql):
                collector.summed |= read
            used, selected = _shown_reads(sql)
            collector.whole |= used - collector.matching
            if selected and not _loads_records():
                collector.whole |= selected
        return execute(sql, params, many, context)
    table = written_table(sql)
    if table is None or _Known.migrating:
        return execute(sql, params, many, context)
    if table == ALL:
        result = execute(sql, params, many, context)
        changed(connection, [ALL])
        return result
    model = _models_by_table()[table]
    rows, by_key = None, False
    matched, word_tags = None, set()
    # An INSERT or a DELETE changes which records the lists of the table hold; an UPDATE, when it
    # changes more than their shown columns.
    membership = True
    returning = _returning(connection, model, sql, params) if head == "DELETE" and not many else None
    if returning is not None:
        result = execute(returning, params, many, context)
        rows = context["cursor"].fetchall()
    else:
        if head in ("UPDATE", "DELETE") and not many:
            try:
                rows, by_key = _touched_rows(connection, model, sql, params)
            except Unknown:
                rows = None
            if rows and head == "UPDATE":
                membership = _membership_changed(connection, model, sql, params)
        if rows and head == "UPDATE" and not membership and table in _matchers:
            # Records matching a word before the write: the pages of that word showed them.
            matched = _live_words(connection)
            word_tags = _word_tags(connection, table, [row[0] for row in rows], matched)
        result = execute(sql, params, many, context)
    tags = None
    updated = ()
    if rows is not None:
        rowcount = getattr(context.get("cursor"), "rowcount", -1)
        if by_key and rowcount == 0:
            rows = []
        if rowcount in (-1, len(rows)) or (by_key and rowcount < len(rows)):
            tags = _row_tags(model, rows)
            if tags:
                tags.add(table_tag(table))
                tags |= word_tags
                if membership:
                    tags.add(membership_tag(table))
            if head == "UPDATE":
                updated = [row[0] for row in rows]
    elif head == "INSERT" and not _past_commit_limit(connection):
        try:
            tags = _inserted_tags(model, sql, params, many) | {table_tag(table), membership_tag(table)}
        except Unknown:
            tags = None
    if tags is None:
        changed(connection, [table])
    elif tags:
        _changed(connection, table, tags, updated, matched if updated else None)
    return result


def _past_commit_limit(connection):
    """The open transaction has already changed more tags than a commit records one by one.

    Its commit will record whole tables (`_by_table`), so a further INSERT is noted as a write
    to its whole table straight away (as a COPY is) instead of tagging every row it links to:
    an import of thousands of rows would otherwise read every value of every row it writes.
    """
    if not connection.in_atomic_block:
        return False
    pending = connection.__dict__.get(PENDING_IN_TRANSACTION)
    if pending is None or len(pending.tags) <= CHANGES_PER_COMMIT_LIMIT:
        return False
    # Noted in this transaction, not left over from one that rolled back (see `_changed`).
    flush = connection.__dict__.get(FLUSH)
    return any(callback is flush for _sids, callback, _robust in connection.run_on_commit)


def watch_connection(sender, connection, **kwargs):
    if _watch_writes not in connection.execute_wrappers:
        # First in the list: `connection.execute_wrapper()` blocks pop the last one they added.
        connection.execute_wrappers.insert(0, _watch_writes)
