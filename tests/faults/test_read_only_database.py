"""The database takes no writes for a while — a standby not yet promoted after a failover, a
primary whose disk is full: the public pages, searches for words nobody searched before
included, still answer from it; what needs a write answers 503 with Retry-After, not 500; and
once writes are back, no page cached meanwhile shows what has changed since.

The site runs in gunicorn on a PostgreSQL of the module's own; the database is made read-only
for new connections (`default_transaction_read_only`, as a hot standby refuses writes), from
the cluster's other database, as an operator would.
"""

import time
from urllib.parse import quote

import pytest

from tests.faults.site import Gunicorn, shell, site_environment, staff_cookie

TRIP = "/visits/zhidu-yanlian/"
WORD = "只读演练"
SEARCH = f"/search/?q={quote(WORD)}"

MAKE_TRIP = f"""
from django.utils import timezone
from cooperation.models import Region
from review.models import Status
from visits.models import Delegation
Delegation.objects.filter(slug="zhidu-yanlian").delete()
Delegation.objects.create(title="{WORD}考察", slug="zhidu-yanlian", status=Status.PUBLISHED,
                          published_at=timezone.now(), origin=Region.objects.get(name="大兴区"))
"""

RENAME_TRIP = """
from visits.models import Delegation
trip = Delegation.objects.get(slug="zhidu-yanlian")
trip.title = "写入恢复后改的标题"
trip.save()
"""


def writes(postgres_server, allowed):
    """Turn writes to the site's database off or on for new connections, from the cluster's
    `postgres` database (a read-only database cannot change its own setting)."""
    setting = "RESET default_transaction_read_only" if allowed else "SET default_transaction_read_only = on"
    postgres_server.execute(f"ALTER DATABASE site {setting}")


@pytest.fixture
def site(site_database, postgres_server, tmp_path):
    env = site_environment(site_database, tmp_path, CONN_MAX_AGE="0")
    shell(env, MAKE_TRIP)
    server = Gunicorn(env, tmp_path).start()
    yield server
    server.stop()
    writes(postgres_server, allowed=True)


def test_pages_and_new_searches_answer_while_the_database_only_reads(site, postgres_server):
    staff = staff_cookie(site.env, "read-only-editor")
    writes(postgres_server, allowed=False)

    pages = {path: site.get(path) for path in ("/", "/visits/", TRIP, SEARCH, f"/search/?q={quote('大兴区')}")}
    # The page the search answered is cached; asked again, it comes from the cache.
    search_again = site.get(SEARCH)
    admin = site.get("/admin/", headers=staff)

    assert {path: page.status for path, page in pages.items()} == dict.fromkeys(pages, 200)
    assert f'href="{TRIP}"' in pages[SEARCH].text
    assert search_again.headers["X-Page-Cache"] == "hit"
    # Signed in, a page that records the editor's activity needs a write: the outage page.
    assert (admin.status, admin.headers.get("Retry-After")) == (503, "30")
    assert "这次修改没有保存" in admin.text
    assert "Traceback" not in site.log_text()

    writes(postgres_server, allowed=True)
    shell(site.env, RENAME_TRIP)
    time.sleep(1.2)  # CONTENT_VERSION_CHECK_SECONDS: how long another process may trust what it knows
    after = site.get(SEARCH)

    # The search cached while its words could not be noted depended on the whole tables: the
    # renamed trip no longer matches, and the page says so.
    assert after.status == 200
    assert f'href="{TRIP}"' not in after.text
