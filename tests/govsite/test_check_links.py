"""manage.py check_links against pages served on loopback: what works, what is missing, what is closed."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse

from cooperation.models import Source
from govsite.linkcheck import LinkChecker, extract_links, fetch
from govsite.models import BrokenLink, LinkCheckRun, SiteSettings
from tests.builders import make_delegation, make_project
from tests.public_site import make_photo

DOMAIN = "jmxz.example.gov.cn"


def closed_port():
    """A local port nothing listens on: bound once by us, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Loopback(BaseHTTPRequestHandler):
    """/ok answers GET only (HEAD is refused, as some servers do); anything else is missing."""

    def do_HEAD(self):
        self.send_response(405 if self.path == "/ok" else 404)
        self.end_headers()

    def do_GET(self):
        self.send_response(200 if self.path == "/ok" else 404)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def loopback(settings):
    # The local server stands for a public one: the checks refuse loopback unless allowed.
    settings.LINK_CHECK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    server = ThreadingHTTPServer(("127.0.0.1", 0), Loopback)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def trip_citing(title, url):
    return make_delegation(title, source=Source.objects.create(title=f"{title}的报道", url=url))


def broken_links():
    return sorted(
        BrokenLink.objects.values_list("page", "url", "kind", "internal", "status_code", "error", "fixed_at")
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_check_records_missing_pages_images_and_closed_servers(live_server, settings):
    settings.LINK_CHECK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, DOMAIN]
    SiteSettings.objects.filter(pk=1).update(site_domain=DOMAIN)
    project = make_project("星耀镇产业园")
    photo = make_photo()
    project.photos.add(photo)
    default_storage.delete(photo.thumbnail.name)
    elsewhere_ok = trip_citing("考察一", f"{live_server.url}{project.get_absolute_url()}")
    elsewhere_missing = trip_citing("考察二", f"{live_server.url}/projects/no-such-project/")
    closed = f"http://127.0.0.1:{closed_port()}/report.html"
    elsewhere_closed = trip_citing("考察三", closed)
    own_missing = trip_citing("考察四", f"https://{DOMAIN}/visits/no-such-trip/")
    own_ok = trip_citing("考察五", f"https://{DOMAIN}/projects/")
    out = StringIO()

    call_command("check_links", "--timeout", "3", stdout=out)

    assert broken_links() == sorted(
        [
            (elsewhere_missing.get_absolute_url(), f"{live_server.url}/projects/no-such-project/", "link", False, 404,
             "", None),
            (elsewhere_closed.get_absolute_url(), closed, "link", False, None, "无法访问", None),
            (own_missing.get_absolute_url(), f"https://{DOMAIN}/visits/no-such-trip/", "link", True, 404, "", None),
            (project.get_absolute_url(), photo.thumbnail.url, "image", True, 404, "", None),
        ]
    )
    run = LinkCheckRun.objects.get()
    assert (run.broken, run.skipped, run.finished_at is not None) == (4, 0, True)
    assert run.pages >= 8  # home, lists, five trips, the project, regions, topics …
    assert out.getvalue().startswith(f"检查了 {run.pages} 个页面上的 {run.links} 个链接：失效 4 个")
    assert {elsewhere_ok.get_absolute_url(), own_ok.get_absolute_url()}.isdisjoint(
        BrokenLink.objects.values_list("page", flat=True)
    )


@pytest.mark.django_db
def test_a_fixed_link_is_marked_fixed_and_a_skipped_one_is_not(loopback):
    missing = trip_citing("考察一", f"{loopback}/missing")
    closed = trip_citing("考察二", f"http://127.0.0.1:{closed_port()}/")
    pages = [missing.get_absolute_url(), closed.get_absolute_url()]
    LinkChecker(timeout=3).run(pages)
    first_seen = dict(BrokenLink.objects.values_list("page", "first_seen"))

    Source.objects.filter(delegations=missing).update(url=f"{loopback}/ok")
    LinkChecker(timeout=3).run(pages)

    fixed = dict(BrokenLink.objects.values_list("page", "fixed_at"))
    assert fixed[missing.get_absolute_url()] is not None
    assert fixed[closed.get_absolute_url()] is None
    assert BrokenLink.objects.get(page=closed.get_absolute_url()).first_seen == first_seen[closed.get_absolute_url()]

    # Without external checks nothing external counts as fixed: it was not looked at.
    LinkChecker(external=False).run(pages)

    assert BrokenLink.objects.get(page=closed.get_absolute_url()).fixed_at is None
    assert LinkCheckRun.objects.first().skipped == 2

    # Broken again after a fix: a new episode, first seen now.
    Source.objects.filter(delegations=missing).update(url=f"{loopback}/missing")
    LinkChecker(timeout=3).run(pages)

    again = BrokenLink.objects.get(page=missing.get_absolute_url())
    assert (again.fixed_at, again.first_seen > first_seen[missing.get_absolute_url()]) == (None, True)


@pytest.mark.django_db
def test_a_published_page_that_fails_is_itself_reported():
    trip = make_delegation("考察一")
    checker = LinkChecker(external=False)

    checker.run(pages=["/", trip.get_absolute_url(), "/visits/gone/"])

    assert list(BrokenLink.objects.values_list("page", "url", "status_code")) == [
        ("/sitemap.xml", "/visits/gone/", 404)
    ]


def test_external_checks_stop_at_the_time_limit(settings):
    settings.LINK_CHECK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    # A server that accepts connections and never answers.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/slow"
    checker = LinkChecker.__new__(LinkChecker)
    checker.timeout, checker.workers = 5, 2
    started = time.monotonic()

    try:
        results, skipped = checker.check_external([url], time_limit=0.5)
    finally:
        listener.close()

    assert (results, skipped) == ({}, {url})
    assert time.monotonic() - started < 2


def test_head_refused_falls_back_to_get(loopback):
    assert (fetch(f"{loopback}/ok", timeout=3).ok, fetch(f"{loopback}/missing", timeout=3).status_code) == (True, 404)


def test_links_images_and_attachments_are_found_and_the_rest_left_alone():
    html = """
      <link rel="stylesheet" href="/static/css/site.css"><link rel="canonical" href="https://x/">
      <a href="/visits/a/">a</a> <a href="#main">skip</a> <a href="mailto:office@example.gov.cn">mail</a>
      <a href="/data/trips.csv">csv</a> <img src="/media/a.webp" alt="">
      <picture><source srcset="/media/b.webp 1x, /media/c.webp 2x"></picture>
      <script src="/static/js/reading-toolbar.js"></script>
    """

    assert extract_links(html) == [
        ("/static/css/site.css", "resource"),
        ("/visits/a/", "link"),
        ("#main", "link"),
        ("mailto:office@example.gov.cn", "link"),
        ("/data/trips.csv", "link"),
        ("/media/a.webp", "image"),
        ("/media/b.webp", "image"),
        ("/media/c.webp", "image"),
        ("/static/js/reading-toolbar.js", "resource"),
    ]


def test_the_command_refuses_nonsense_limits():
    with pytest.raises(CommandError, match="--timeout 必须大于 0"):
        call_command("check_links", "--timeout", "0")


@pytest.mark.django_db
def test_the_findings_are_read_only_in_the_admin(admin_client):
    run = LinkCheckRun.objects.create(started_at="2026-11-26T08:00:00+08:00")
    BrokenLink.objects.create(
        page="/visits/a/", url="https://gone.example.com/", internal=False, error="域名无法解析",
        first_seen=run.started_at, last_seen=run.started_at, last_run=run,
    )

    changelist = admin_client.get(reverse("admin:govsite_brokenlink_changelist"))

    assert changelist.status_code == 200
    assert "域名无法解析" in changelist.content.decode()
    assert admin_client.get(reverse("admin:govsite_brokenlink_add")).status_code == 403
    link = BrokenLink.objects.get()
    delete = admin_client.post(reverse("admin:govsite_brokenlink_delete", args=[link.pk]), {"post": "yes"})
    assert delete.status_code == 403
    assert BrokenLink.objects.count() == 1
