"""A change made while the cache could not be told still reaches the next visitor.

The site runs in gunicorn on a PostgreSQL of the module's own; the change is made from another
process (`manage.py shell`, as an import from the shell is), and the page is then read again.
"""

import time

import pytest

from tests.faults.site import Gunicorn, shell, site_environment

TRIP = "/visits/huancun-guzhang/"

MAKE_TRIP = """
from django.utils import timezone
from cooperation.models import Region
from review.models import Status
from visits.models import Delegation
Delegation.objects.filter(slug="huancun-guzhang").delete()
Delegation.objects.create(title="故障前的标题", slug="huancun-guzhang", status=Status.PUBLISHED,
                          published_at=timezone.now(), origin=Region.objects.get(name="大兴区"))
"""

RENAME_TRIP = """
from visits.models import Delegation
trip = Delegation.objects.get(slug="huancun-guzhang")
trip.title = "故障时改的标题"
trip.save()
"""


def _page_after_the_check_interval(site):
    time.sleep(1.2)  # CONTENT_VERSION_CHECK_SECONDS: how long another process may trust what it knows
    return site.get(TRIP)


@pytest.fixture
def site_env(site_database, tmp_path):
    return site_environment(site_database, tmp_path)


def test_a_change_made_while_redis_was_down_shows_when_it_returns_with_its_saved_data(
    site_env, persistent_redis, tmp_path
):
    # The breaker tries Redis again at once, so the page is read from Redis as soon as it is back.
    env = {**site_env, "CACHE_URL": persistent_redis.url, "CACHE_RETRY_SECONDS": "0"}
    shell(env, MAKE_TRIP)
    site = Gunicorn(env, tmp_path).start()
    try:
        assert "故障前的标题" in site.get(TRIP).text
        assert site.get(TRIP).headers["X-Page-Cache"] == "hit"
        persistent_redis.save()  # Debian's redis saves its data; the old page is in the dump now
        persistent_redis.kill()

        shell(env, RENAME_TRIP)
        assert "故障时改的标题" in site.get(TRIP).text  # while Redis is down: straight from the database
        persistent_redis.start()  # back, with the page and everything else as they were saved
        page = _page_after_the_check_interval(site)
    finally:
        site.stop()

    assert page.status == 200
    assert "故障时改的标题" in page.text
    assert "故障前的标题" not in page.text


def test_a_change_shows_with_the_local_cache_when_the_disk_is_full(site_env, tmp_path):
    env = {**site_env, "CACHE_URL": "locmem://"}
    shell(env, MAKE_TRIP)
    site = Gunicorn(env, tmp_path).start()
    try:
        assert "故障前的标题" in site.get(TRIP).text
        assert site.get(TRIP).headers["X-Page-Cache"] == "hit"

        # The edit comes from a process that cannot write a byte to disk (DATA_DIR full); the
        # database, on its own disk, takes it.
        shell(env, RENAME_TRIP, disk_full=True)
        page = _page_after_the_check_interval(site)
    finally:
        site.stop()

    assert "故障时改的标题" in page.text
    assert "故障前的标题" not in page.text
