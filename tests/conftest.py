import gc
import os

import pytest
from django.conf import settings as django_settings
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializedObject
from django.db import connection, transaction

from cooperation import content_version
from tests import browser as browser_support
from tests import cpu_report
from tests import databases as test_databases

SEED_REPORT = "fixtures/seed_report.json"


def pytest_addoption(parser):
    parser.addoption(
        "--screenshots", action="store_true", default=False,
        help="save screenshots of the pages the browser tests visit in test-artifacts/",
    )
    parser.addoption(
        "--database-tests-only", action="store_true", default=False,
        help="leave out the tests that use no database (CI's SQLite pass: they answer the same on PostgreSQL)",
    )
    parser.addoption(
        "--cpu-report", action="store_true", default=False,
        help="print the CPU time of each worker, module and test, children's included (tests/cpu_report.py)",
    )


# What a test asks for when it uses the database (a fixture that needs one asks for `db` in turn).
DATABASE_FIXTURES = {
    "db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server",
}


# The modules whose tests take tens of seconds each: walks over every admin door, backups in
# processes of their own, walks in the browser. They start first and the workers take tests two
# at a time (bin/test: --maxschedchunk 2), so a run does not end with one worker still in a long
# test while the others wait. Replayed with the PostgreSQL pass's own timings (three workers,
# xdist's scheduling rules): 517 s as collected, 476 s so (the sum of the tests over three).
LONG_MODULES = (
    "tests/faults/test_backup_snapshot.py", "tests/faults/test_stale_pages.py", "tests/faults/test_database_down.py",
    "tests/faults/test_read_only_database.py",
    "tests/review/test_gate.py", "tests/security/test_permission_matrix.py", "tests/security/test_query_fuzz.py",
    "tests/test_accessibility.py",
    "tests/test_site_walk_browser.py", "tests/test_staff_browser.py", "tests/accounts/test_idle_warning_browser.py",
    "tests/test_settings.py", "tests/test_security.py", "tests/portal/test_page_cache_scope.py",
)


def pytest_collection_modifyitems(config, items):
    if config.getoption("--database-tests-only"):
        kept, left_out = [], []
        for item in items:
            (kept if database_use(item) else left_out).append(item)
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = kept
    items.sort(key=start_order)


def pytest_collection_finish(session):
    # Django, the project and the test modules are loaded: they stay for the whole run, so the
    # collector need not walk them again (pytest_configure has the figures).
    gc.collect()
    gc.freeze()


def database_use(item):
    """None, "transaction" (rolled back after the test) or "commits", as pytest-django tells them apart."""
    from pytest_django.plugin import validate_django_db

    marker = item.get_closest_marker("django_db")
    fixtures = set(item.fixturenames)
    transaction, reset_sequences, *_ = validate_django_db(marker) if marker else (False, False)
    if transaction or reset_sequences or {"transactional_db", "live_server", "django_db_reset_sequences"} & fixtures:
        return "commits"
    return "transaction" if marker or DATABASE_FIXTURES & fixtures else None


def start_order(item):
    """pytest-django's order (tests in a transaction, tests that commit, tests without a database),
    the long tests first in each part, and the long tests without a database before all."""
    long = item.nodeid.startswith(LONG_MODULES)
    part = {"transaction": 0, "commits": 1, None: 2}[database_use(item)]
    return (not (long and part == 2), part, not long)


# The SQL of a query kept by its shape (config/db/shapes.py) is checked against Django's own
# compiling for the first this many queries of each shape, here and in the servers tests start.
SQL_SHAPE_CHECKS = 20


def pytest_configure(config):
    # Tests allocate fast and keep much: at Python's default threshold (a collection every 700
    # new objects) the garbage collector took 9 % of the CPU of the walks over the public and
    # admin pages, at 20,000 5.5 %, with the objects made before the first test frozen 4.7 %.
    gc.set_threshold(20_000, 10, 10)
    browser_support.screenshots_wanted = config.getoption("--screenshots")
    os.environ.setdefault("SQL_SHAPE_CHECKS", str(SQL_SHAPE_CHECKS))
    django_settings.SQL_SHAPE_CHECKS = int(os.environ["SQL_SHAPE_CHECKS"])
    if config.getoption("--cpu-report"):
        config.pluginmanager.register(cpu_report.CpuReport(config), "cpu_report")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Kept on the test so that a fixture's teardown can tell whether the test failed.
    report = yield
    if report.when == "call":
        item.stash[CALL_REPORT] = report
    return report


CALL_REPORT = pytest.StashKey()


# The seed ----------------------------------------------------------------------------------


# The seed's records as the first test of this worker resolved them (natural keys to ids).
_seed_records = []


def load_seed():
    """The seed report, as `manage.py loaddata fixtures/seed_report.json` loads it; the file is read
    and its natural keys are looked up by the first test of each worker only (tests/test_seed_loading.py
    checks that the database ends up the same)."""
    if _seed_records:
        _save_seed(_seed_records)
        return
    with open(SEED_REPORT, encoding="utf-8") as fixture:
        _seed_records.extend(_save_seed(serializers.deserialize("json", fixture, handle_forward_references=True)))


def _save_seed(objects):
    """What `loaddata` does with each record: saved raw (signals see raw=True), constraints checked
    once all are in, then the sequences moved past the ids the records carry. Returns the records
    as they can be saved again (a DeserializedObject forgets its many-to-many links once saved)."""
    saved = []
    with transaction.atomic():
        with connection.constraint_checks_disabled():
            for deserialized in objects:
                record, links, deferred = deserialized.object, deserialized.m2m_data or {}, deserialized.deferred_fields
                saved.append(DeserializedObject(record, dict(links), deferred))
                record._state.adding = True
                DeserializedObject(record, dict(links), deferred).save()
            for deserialized in saved:
                if deserialized.deferred_fields:
                    deserialized.save_deferred_fields()
        models = {deserialized.object.__class__ for deserialized in saved}
        connection.check_constraints(table_names=[model._meta.db_table for model in models])
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
    return saved


@pytest.fixture
def seed(db):
    """The seed report's facts, loaded the way a newcomer loads them (see load_seed)."""
    load_seed()


@pytest.fixture(scope="module")
def seed_for_module(django_db_setup, django_db_blocker):
    """The seed, loaded once for a module whose tests only read it (hundreds of requests over the
    same records). It is loaded in a transaction that stays open while the module's tests run,
    each in its savepoint rolled back as usual, and that is rolled back after the last of them.
    Not for tests that commit (django_db(transaction=True)): they would commit the seed."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_seed()
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings_xdist_suffix(request):
    """pytest-django's fixture of this name, for the site's own database backends: it tells an
    SQLite database by Django's ENGINE name, and `config.db.sqlite3` is Django's SQLite backend under
    another one (config/db), so an SQLite database with no test name would be given a file named
    after the site's (test_…/var/db.sqlite3_gw0). It is named what Django makes of it, in memory,
    first; a database in memory takes no worker's suffix."""
    from django.db import connections
    from pytest_django.fixtures import _set_suffix_to_test_databases

    for alias in connections:
        if connections[alias].vendor == "sqlite":
            test = connections[alias].settings_dict.setdefault("TEST", {})
            test["NAME"] = test.get("NAME") or ":memory:"
    worker = getattr(request.config, "workerinput", {}).get("workerid")
    if worker:
        _set_suffix_to_test_databases(suffix=worker)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On PostgreSQL, the test databases' commits do not wait for the disk (synchronous_commit
    off, for these connections only): a test database is thrown away, and on this machine a
    commit waited 6–13 ms for its flush, against 1–3 ms without. Tests that commit (the browser's
    live server writes in autocommit, the tests that empty the tables) and the migrations pay it.

    Nor does the server compile a query to machine code (jit off): the test tables are never
    analysed, so a join over a few rows can be estimated above jit_above_cost and compiled for one
    run. The public pages, query budgets and query fuzz, three rounds each way: the test
    database's server processes 9.4/9.4/9.6 s of CPU with it, 9.1/7.8/9.0 s without."""
    from django.db import connections

    for database in connections.all():
        if database.vendor == "postgresql":
            options = database.settings_dict.setdefault("OPTIONS", {})
            options["options"] = f"{options.get('options', '')} -c synchronous_commit=off -c jit=off".strip()


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_modify_db_settings, django_db_use_migrations,
    django_db_keepdb, django_db_createdb, tmp_path_factory,
):
    """The test databases, as pytest-django's fixture of this name makes them (its --reuse-db and
    --no-migrations included), except that with several workers the migrations run once per run
    (tests/databases.py).

    On PostgreSQL the audit log refuses TRUNCATE (accounts migration 0007); the test database
    lets pytest empty it between transactional tests. Those tests empty the other tables and get
    the migrated rows back in a quicker way than Django's (tests/databases.py, quick_rollbacks)."""
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    worker = getattr(request.config, "workerinput", {}).get("workerid")
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    with django_db_blocker.unblock():
        keepdb = django_db_keepdb and not django_db_createdb
        from_template = (
            worker and not keepdb and django_db_use_migrations
            and set(aliases) <= {test_databases.ALIAS} and test_databases.copies(connections["default"])
        )
        if from_template:
            config = test_databases.set_up(
                tmp_path_factory.getbasetemp().parent, worker, serialize=test_databases.ALIAS in serialized_aliases
            )
        else:
            if not django_db_use_migrations:
                _disable_migrations()
            config = setup_databases(
                verbosity=0, interactive=False, aliases=aliases, serialized_aliases=serialized_aliases, keepdb=keepdb
            )
        for connection in connections.all():
            if connection.vendor != "postgresql":
                continue
            name = connection.ops.quote_name(connection.settings_dict["NAME"])
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER DATABASE {name} SET accounts.allow_audit_truncate = 'on'")
            connection.close()  # the next connection starts with the database's setting
        for connection in connections.all():
            test_databases.quick_rollbacks(connection)
    yield
    if not keepdb:
        with django_db_blocker.unblock():
            teardown_databases(config, verbosity=0)


def pytest_sessionfinish(session):
    """The controller of a run with workers drops the database template they made."""
    if hasattr(session.config, "workerinput"):
        return
    from pytest_django.plugin import blocking_manager_key

    if (session.config._tmp_path_factory.getbasetemp() / "test-database.json").exists():
        with session.config.stash[blocking_manager_key].unblock():
            test_databases.drop_template()


@pytest.fixture(scope="session", autouse=True)
def _form_templates_unrecorded(django_test_environment):
    """Form and widget templates render without the test client's record of them.

    Under test, Django records every template a response renders, with a copy of its context,
    for `response.context` and `response.templates`. Forms render each field, label and error
    list through a template of its own: an admin change page renders a thousand of them, each
    context copied and none ever read. The pages' own templates are still recorded.
    """
    from django.template.base import Template

    recorded = Template._render

    def render(self, context):
        name = self.origin.template_name or ""
        if name.startswith(UNRECORDED_TEMPLATES):
            return self.nodelist.render(context)
        return recorded(self, context)

    Template._render = render
    yield
    Template._render = recorded


# Django's form, field and widget templates, and the admin's widget wrappers.
UNRECORDED_TEMPLATES = ("django/forms/", "admin/widgets/")


@pytest.fixture
def _fresh_cache():
    """An empty cache before and after each test: nothing cached leaks from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _test_settings(_fresh_cache, settings, tmp_path):
    # Asking for _fresh_cache first sets it up before `settings` and so tears it down after the
    # settings are restored: a test that points CACHES at a server that is down (the health
    # check's) does not leave the final clear() talking to it.
    # Uploaded files in tests never land in the project's media folder.
    settings.MEDIA_ROOT = tmp_path / "media"
    # Production hashes with PBKDF2 at Django's full iteration count, about half a second per
    # password set or checked; tests sign users in by the thousand and test the rules around the
    # hash, not the hash. That the site keeps PBKDF2 is tested in tests/test_settings.py.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # One process plays every worker here: it knows its own writes at once and never rereads the
    # content version on a timer, so a page's query count does not depend on the clock. The
    # tests of the version's sharing between processes set the interval themselves.
    settings.CONTENT_VERSION_CHECK_SECONDS = 3600
    content_version.start_afresh()
    # Background tasks (a web import's preview and apply) run at once, inside the request that
    # queues them; tests/cooperation/test_ledger_jobs.py runs the database worker for real.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["ledgers"]}
    }


@pytest.fixture(autouse=True)
def _content_types_as_stored(request):
    """A test that commits starts with Django's cache of content types emptied.

    The test before it emptied every table, and a restore (tests/test_backup.py) or a migration
    back and forth writes the content types again under new ids: the cache, one per process,
    would still hand out the old ones, and a review request would point at another model.
    Tests that commit run after all the others on each worker, so they are the ones concerned.
    """
    marker = request.node.get_closest_marker("django_db")
    if (marker is not None and marker.kwargs.get("transaction")) or "transactional_db" in request.fixturenames:
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()


@pytest.fixture
def seed_transactional(transactional_db):
    """The seed in a test that commits.

    Such a test empties every table when it ends, the shipped regions too: mark it
    django_db(transaction=True, serialized_rollback=True) so they come back for the next.
    """
    load_seed()


@pytest.fixture(scope="session")
def own_redis(tmp_path_factory):
    """A redis-server of this test worker's own, without persistence, for the tests that need a real
    Redis: never the machine's, which other runs (the SQLite and PostgreSQL passes run side by side
    in CI) and other people's work share, and which a test clearing its cache would empty for them."""
    from tests.faults.servers import RedisServer, have_redis

    if not have_redis():
        pytest.fail("redis-server is needed: apt-get install redis-server")
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server.url
    server.stop()


# The browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def nu_record(request, tmp_path_factory):
    """Where the Nu Html Checker's findings are kept by document for the whole test run, shared by
    its workers (tests/test_html_validity.py, nu_errors): each distinct document is checked once."""
    run = tmp_path_factory.getbasetemp()
    if hasattr(request.config, "workerinput"):
        run = run.parent  # the run's folder, which holds each worker's own
    record = run / "nu-checked"
    record.mkdir(exist_ok=True)
    return record


@pytest.fixture(scope="session")
def playwright_driver():
    """One Playwright driver per test worker (a Node process) and the headless Chromium it launches,
    started by the first browser test that needs them; and the driver's event loop.

    The driver launches Chromium itself and speaks to it over a pipe: each browser test opens its
    pages in that one Chromium. (Launched by a `playwright launch-server` of its own, as before, every
    message went through a second Node process, which used 9 s of CPU over the 55 browser tests,
    and each test connected to it anew.)

    Playwright's sync API marks its event loop as running in this thread between its calls, and
    Django refuses database work beside a running loop. The loop is marked only while a browser
    test holds the driver (open_page), so the tests before and after it, and the fixtures that make
    its records and empty the database after it, use the database as before.
    """
    import asyncio

    from playwright.sync_api import Error, sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=browser_support.CHROMIUM, args=browser_support.CHROMIUM_ARGS
        )
    except Error as error:
        playwright.stop()
        pytest.fail(f"Chromium did not start ({browser_support.CHROMIUM}); is Debian's chromium installed?\n{error}")
    loop = asyncio.get_running_loop()
    asyncio._set_running_loop(None)
    yield browser, loop
    asyncio._set_running_loop(loop)
    browser.close()
    playwright.stop()


@pytest.fixture
def browser_data(transactional_db):
    """What a module's browser tests show. Override it in the module to make their records: they
    are made before the browser test takes the driver, because Playwright's sync API keeps an event
    loop running in this thread while it does and Django refuses database work beside one; and the
    driver is let go before the database is emptied again."""


class ContextPool:
    """The browser contexts of one test worker, kept from one test to the next of the same module.

    A context's first page starts a Chromium renderer process (0.3 s of CPU); a context that keeps
    a page open on the site (its keeper) lets the next page of the same site use that process.
    Each `open_page` call still gets a context of its own within a test (two users signed in at
    once stay apart), and a context is emptied before a test takes it: no cookies, no local
    storage, no HTTP cache, no permissions, no pages but its keeper. A module's init scripts (the
    accessibility tests add axe-core to their contexts) stay in that module: its contexts are
    closed when a test of another module asks for one.
    """

    def __init__(self, browser, base_url):
        self.browser, self.base_url = browser, base_url
        self.module, self.idle, self.all = None, {}, []

    def take(self, module, key, options):
        if module != self.module:
            self.close()
            self.module = module
        free = self.idle.get(key)
        if free:
            context, keeper = free.pop()
            context.clear_cookies()
            context.clear_permissions()
            keeper.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
            keeper.context.new_cdp_session(keeper).send("Network.clearBrowserCache")
        else:
            context = self.browser.new_context(base_url=self.base_url, **options)
            keeper = context.new_page()
            keeper.goto("/robots.txt")
            self.all.append(context)
        return context, keeper

    def give_back(self, key, context, keeper, usable=True):
        """A context back after a test: kept with only its keeper open, or closed when the test
        failed (what the failure left in it is not carried into the next test)."""
        if not usable:
            self.all.remove(context)
            context.close()
            return
        for page in context.pages:
            if page is not keeper:
                page.close()
        self.idle.setdefault(key, []).append((context, keeper))

    def close(self):
        for context in self.all:
            context.close()
        self.idle, self.all = {}, []


@pytest.fixture(scope="session")
def context_pool(playwright_driver, live_server):
    browser, loop = playwright_driver
    pool = ContextPool(browser, live_server.url)
    yield pool
    import asyncio

    asyncio._set_running_loop(loop)
    try:
        pool.close()
    finally:
        asyncio._set_running_loop(None)


@pytest.fixture
def open_page(browser_data, playwright_driver, context_pool, request):
    """A page factory: each page in a context of its own (its own cookies and storage, emptied of
    an earlier test's: `ContextPool`), Chinese unless told otherwise, signed in when given a
    session key. Console errors, uncaught script errors and (when asked) 404 answers to the page's
    own requests fail the test."""
    import asyncio

    _, loop = playwright_driver
    errors, pages, taken = [], [], []
    asyncio._set_running_loop(loop)
    try:

        def open_page(viewport=browser_support.DESKTOP, locale="zh-CN", session=None, report_404=False,
                      **options):
            options = dict(options, viewport=viewport, locale=locale)
            key = repr(sorted(options.items()))
            context, keeper = context_pool.take(request.node.module.__name__, key, options)
            taken.append((key, context, keeper))
            if session:
                context.add_cookies([
                    {"name": django_settings.SESSION_COOKIE_NAME, "value": session, "url": context_pool.base_url}
                ])
            page = context.new_page()
            pages.append(page)
            page.on("console", lambda message: browser_support.unexpected(message) and errors.append(message.text))
            page.on("pageerror", lambda error: errors.append(str(error)))
            if report_404:
                page.on("response", lambda response: response.status == 404 and errors.append(response.url))
            return page

        yield open_page
        report = request.node.stash.get(CALL_REPORT, None)
        failed = report is not None and report.failed
        if failed:
            browser_support.shoot_failure(pages, request.node.name)
        for key, context, keeper in taken:
            context_pool.give_back(key, context, keeper, usable=not failed)
    finally:
        asyncio._set_running_loop(None)
    assert errors == []
