"""PostgreSQL stops: visitors and staff get 503 with Retry-After, the load balancer takes the server
out, and everything answers again when it returns, with no restart of the site."""

import time

import pytest

from tests.faults.site import Gunicorn, shell, site_environment, staff_cookie

MAKE_TRIP = """
from django.utils import timezone
from cooperation.models import Region
from review.models import Status
from visits.models import Delegation
Delegation.objects.get_or_create(slug="shujuku-guzhang", defaults=dict(title="数据库故障时的考察",
    status=Status.PUBLISHED, published_at=timezone.now(), origin=Region.objects.get(name="大兴区")))
"""



@pytest.fixture
def site(site_database, tmp_path):
    env = site_environment(site_database, tmp_path, CONN_MAX_AGE="60")
    shell(env, MAKE_TRIP)
    server = Gunicorn(env, tmp_path).start()
    yield server
    server.stop()


def test_a_database_outage_answers_503_with_retry_after_then_recovers(site, postgres_server):
    staff = staff_cookie(site.env, "outage-editor")
    cached = site.get("/visits/shujuku-guzhang/")
    assert cached.status == 200
    assert site.get("/admin/", headers=staff).status == 200
    assert site.get("/healthz").json()["status"] == "ok"

    postgres_server.stop()
    during = {path: site.get(path) for path in ("/visits/?page=1", "/projects/", "/data/trips.csv")}
    during["/admin/"] = site.get("/admin/", headers=staff)
    health, live = site.get("/healthz"), site.get("/healthz/live")
    still_cached = site.get("/visits/shujuku-guzhang/")
    postgres_server.start()
    after = site.get("/visits/?page=1")

    assert {path: r.status for path, r in during.items()} == dict.fromkeys(during, 503)
    assert {r.headers["Retry-After"] for r in during.values()} == {"30"}
    assert "网站暂时无法访问它的数据库" in during["/projects/"].text
    assert health.status == 503 and health.json()["checks"]["database:default"] is False
    assert live.status == 200
    # A page cached before the outage is still served from the cache.
    assert still_cached.status == 200 and "数据库故障时的考察" in still_cached.text
    assert after.status == 200
    log = site.log_text()
    assert log.count("Database unreachable") == 1
    assert "Traceback" not in log


def test_two_instances_on_one_machine_each_keep_their_control_socket(site_database, tmp_path, monkeypatch):
    env = {**site_environment(site_database, tmp_path), "XDG_RUNTIME_DIR": str(tmp_path)}
    blue, green = Gunicorn(env, tmp_path), Gunicorn(env, tmp_path)
    try:
        blue.start()
        green.start()
        # gunicorn's master opens its control socket after it has started the workers, so a
        # worker may answer before the socket is there: wait for both, a few seconds at most.
        deadline = time.monotonic() + 10
        while len(sockets := sorted(path.name for path in tmp_path.glob("*.ctl"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        blue.stop()
        green.stop()

    assert sockets == sorted([f"jingmeng-127-0-0-1-{blue.port}.ctl", f"jingmeng-127-0-0-1-{green.port}.ctl"])
