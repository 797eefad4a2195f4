import pytest
from django.core.management import call_command

from cooperation import content_version


@pytest.fixture
def seed(db):
    """The seed report's facts, loaded the way a newcomer loads them."""
    call_command("loaddata", "fixtures/seed_report.json", verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """On PostgreSQL the audit log refuses TRUNCATE (accounts migration 0007); the test database
    lets pytest empty it between transactional tests, as its flush does with every table."""
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            if connection.vendor != "postgresql":
                continue
            name = connection.ops.quote_name(connection.settings_dict["NAME"])
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER DATABASE {name} SET accounts.allow_audit_truncate = 'on'")
            connection.close()  # the next connection starts with the database's setting


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


@pytest.fixture
def seed_transactional(transactional_db):
    """The seed in a test that commits.

    Such a test empties every table when it ends, the shipped regions too: mark it
    django_db(transaction=True, serialized_rollback=True) so they come back for the next.
    """
    call_command("loaddata", "fixtures/seed_report.json", verbosity=0)
