import pytest
from django.core.management import call_command


@pytest.fixture
def seed(db):
    """The seed report's facts, loaded the way a newcomer loads them."""
    call_command("loaddata", "fixtures/seed_report.json", verbosity=0)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Uploaded files in tests never land in the project's media folder.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seed_transactional(transactional_db):
    """The seed in a test that commits.

    Such a test empties every table when it ends, the shipped regions too: mark it
    django_db(transaction=True, serialized_rollback=True) so they come back for the next.
    """
    call_command("loaddata", "fixtures/seed_report.json", verbosity=0)
