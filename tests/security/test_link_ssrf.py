"""The link checks must not become a scanner of the office's network.

Both doors are walked: the review screen's check (`check_links`) and the site's dead-link check
(`govsite.linkcheck.fetch`). Servers run on 127.0.0.1 — which must be refused — and a stub
resolver plays DNS for names that point at them.
"""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from accounts import outbound
from govsite.linkcheck import fetch
from review.checks import check_links


class Recorder(BaseHTTPRequestHandler):
    """Answers 200 and remembers every request; /hop redirects to the address in REDIRECT_TO."""

    seen = []
    redirect_to = ""

    def _answer(self):
        Recorder.seen.append((self.command, self.path, self.headers.get("Host")))
        if self.path == "/hop":
            self.send_response(302)
            self.send_header("Location", Recorder.redirect_to)
        else:
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Recorder.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_port
    httpd.shutdown()
    httpd.server_close()


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def review_check(url):
    return check_links([url], own_hosts={"testserver"}, timeout=2, budget=4)[url]


def site_check(url):
    result = fetch(url, 2)
    return result.status_code, result.error


@pytest.fixture
def stub_dns(monkeypatch):
    """Names resolve as the test says; every lookup is counted."""
    answers = {}
    lookups = []

    def resolver(host, port):
        lookups.append(host)
        answer = answers.get(host)
        if not answer:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [outbound.ipaddress.ip_address(a) for a in (answer.pop(0) if isinstance(answer[0], list) else answer)]

    monkeypatch.setattr(outbound, "resolve", resolver)
    return answers, lookups


@pytest.mark.parametrize("host", [
    "127.0.0.1", "%31%32%37.0.0.1", "127.1", "2130706433", "0x7f.0.0.1", "[::1]", "[::ffff:127.0.0.1]",
    "localhost",
])
def test_loopback_in_any_spelling_is_refused_by_both_checks(server, host):
    url = f"http://{host}:{server}/secret"

    assert review_check(url) == outbound.UNREACHABLE
    assert site_check(url) == (None, outbound.UNREACHABLE)
    assert Recorder.seen == []


def test_a_redirect_to_a_private_address_is_not_followed(server, stub_dns, settings):
    answers, _lookups = stub_dns
    answers["public.example.com"] = ["127.0.0.1"]
    settings.LINK_CHECK_ALLOWED_NETWORKS = ["127.0.0.1/32"]  # the first hop stands for a public server
    Recorder.redirect_to = f"http://%31%30.0.0.1:{server}/admin"

    assert review_check(f"http://public.example.com:{server}/hop") == outbound.UNREACHABLE
    assert site_check(f"http://public.example.com:{server}/hop") == (None, outbound.UNREACHABLE)
    assert [path for _method, path, _host in Recorder.seen] == ["/hop", "/hop"]


def test_a_redirect_back_to_loopback_is_not_followed(server, stub_dns, settings):
    answers, _lookups = stub_dns
    answers["public.example.com"] = ["127.0.0.1"]
    answers["inside.example.com"] = ["10.1.2.3"]
    settings.LINK_CHECK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    Recorder.redirect_to = "http://inside.example.com/"

    assert site_check(f"http://public.example.com:{server}/hop") == (None, outbound.UNREACHABLE)


def test_the_connection_goes_to_the_address_that_was_checked(server, stub_dns, settings):
    answers, lookups = stub_dns
    # A rebinding name: allowed the first time it is asked, private the second.
    answers["rebind.example.com"] = [["127.0.0.1"], ["10.0.0.1"]]
    settings.LINK_CHECK_ALLOWED_NETWORKS = ["127.0.0.1/32"]

    assert site_check(f"http://rebind.example.com:{server}/ok") == (200, "")
    assert lookups == ["rebind.example.com"]
    assert Recorder.seen == [("HEAD", "/ok", f"rebind.example.com:{server}")]


def test_a_name_with_one_private_address_among_public_ones_is_refused(stub_dns):
    answers, _lookups = stub_dns
    answers["mixed.example.com"] = ["93.184.216.34", "192.168.1.1"]

    assert review_check("http://mixed.example.com/") == outbound.UNREACHABLE


@pytest.mark.parametrize("address", ["169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "240.0.0.1",
                                     "fe80::1", "fc00::1", "::ffff:10.0.0.1"])
def test_every_non_public_range_is_refused(stub_dns, address):
    answers, _lookups = stub_dns
    answers["x.example.com"] = [address]

    assert site_check("http://x.example.com/") == (None, outbound.UNREACHABLE)


def test_open_and_closed_ports_answer_the_same(stub_dns, server, settings):
    answers, _lookups = stub_dns
    answers["a.example.com"] = ["127.0.0.1"]
    settings.LINK_CHECK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    closed = f"http://a.example.com:{closed_port()}/"
    answers["nowhere.example.com"] = []

    assert review_check(closed) == review_check("http://nowhere.example.com/") == outbound.UNREACHABLE
    assert site_check(closed) == site_check("http://nowhere.example.com/") == (None, outbound.UNREACHABLE)
