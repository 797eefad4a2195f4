"""Deployment checks, headers, login throttling and concurrent edits."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.urls import reverse

from review.models import Status
from tests.builders import delegation_form_data, make_delegation, make_editor, make_publisher

ROOT = Path(__file__).resolve().parent.parent


def test_check_deploy_reports_nothing_under_production_settings(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECURE": "true",
        "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "jingmeng.example.gov.cn",
        "DATA_DIR": str(tmp_path),
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )

    assert (result.returncode, result.stdout.strip()) == (0, "System check identified no issues (0 silenced).")


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "SECURE": "true", "SECRET_KEY": "", "DATA_DIR": str(tmp_path)}

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )

    assert result.returncode == 1
    assert "SECRET_KEY must be set when SECURE is on" in result.stderr


@pytest.mark.parametrize("debug", ["false", None])
def test_without_debug_the_site_refuses_the_development_key(tmp_path, debug):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "SECURE", "DEBUG")}
    env.update({"DATA_DIR": str(tmp_path), **({"DEBUG": debug} if debug else {})})

    serve = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    command = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--check"], cwd=ROOT, env=env, capture_output=True, text=True,
        check=False,
    )
    keyless = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"], cwd=ROOT, env=env,
        capture_output=True, text=True, check=False,
    )

    assert (serve.returncode, command.returncode, keyless.returncode) == (1, 1, 0), keyless.stderr
    assert "SECRET_KEY must be set unless DEBUG is on" in serve.stderr
    assert "SECRET_KEY must be set unless DEBUG is on" in command.stderr


def test_with_debug_on_the_development_key_is_enough(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "SECURE")}

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env={**env, "DEBUG": "true", "DATA_DIR": str(tmp_path)},
        capture_output=True, text=True, check=False,
    )

    assert result.returncode == 0, result.stderr


def test_the_server_banner_does_not_name_gunicorn(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "DEBUG": "true", "DATA_DIR": str(tmp_path), "BIND": f"127.0.0.1:{port}",
           "WEB_CONCURRENCY": "1", "ACCESS_LOG": "/dev/null"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        headers = None
        deadline = time.monotonic() + 60  # gunicorn takes seconds to start on a busy machine
        while server.poll() is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2) as response:
                    headers = response.headers
                break
            except urllib.error.HTTPError as error:
                headers = error.headers
                break
            except OSError:
                time.sleep(0.1)
    finally:
        server.send_signal(signal.SIGINT)  # gunicorn's quick shutdown (SIGTERM waits for workers)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    assert headers is not None
    assert headers["Server"] == "web"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/admin/login/"])
def test_powerful_browser_features_are_switched_off(client, url):
    response = client.get(url)

    features = dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))
    assert {name: features[name] for name in ("camera", "microphone", "geolocation", "payment", "usb")} == {
        "camera": "()", "microphone": "()", "geolocation": "()", "payment": "()", "usb": "()",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/login/", "/admin/"])
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    directives = [part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")]
    policy = {directive[0]: directive[1] if len(directive) > 1 else "" for directive in directives}
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_admin_needs_no_inline_script(admin_client):
    trip = make_delegation()

    pages = [
        admin_client.get(reverse("admin:index")),
        admin_client.get(reverse("admin:visits_delegation_changelist")),
        admin_client.get(reverse("admin:visits_delegation_change", args=[trip.pk])),
    ]

    for page in pages:
        html = page.content.decode()
        scripts = html.split("<script")[1:]
        assert all(" src=" in tag.split(">", 1)[0] or "application/json" in tag.split(">", 1)[0]
                   for tag in scripts), html


def login(client, username, password, address="203.0.113.7"):
    return client.post(
        reverse("admin:login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


@pytest.mark.django_db
def test_five_failures_lock_the_user_name(client, django_user_model):
    make_editor(django_user_model, "wang")

    responses = [login(client, "wang", "wrong", address=f"203.0.113.{n}") for n in range(5)]
    after = login(client, "wang", "pw-for-tests-only", address="198.51.100.1")

    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert after.status_code == 429
    assert "登录已暂停" in after.content.decode()


@pytest.mark.django_db
def test_five_failures_from_one_address_lock_that_address(client, django_user_model):
    make_editor(django_user_model, "wang")

    for n in range(5):
        login(client, f"nobody{n}", "wrong", address="203.0.113.9")
    blocked = login(client, "wang", "pw-for-tests-only", address="203.0.113.9")
    elsewhere = login(client, "wang", "pw-for-tests-only", address="203.0.113.10")

    assert blocked.status_code == 429
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_a_failed_login_does_not_say_whether_the_user_exists(client, django_user_model):
    make_editor(django_user_model, "wang")

    known = login(client, "wang", "wrong")
    unknown = login(client, "nobody", "wrong")

    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors
    assert list(known.context["form"].errors) == ["__all__"]


@pytest.mark.django_db
def test_behind_a_proxy_the_forwarded_address_is_the_one_throttled(client, django_user_model, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1/32"]
    make_editor(django_user_model, "wang")

    for _ in range(5):
        client.post(
            reverse("admin:login"), {"username": "x", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.50",
        )
    same_client = client.post(
        reverse("admin:login"), {"username": "wang", "password": "pw-for-tests-only"},
        REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.50",
    )
    other_client = client.post(
        reverse("admin:login"), {"username": "wang", "password": "pw-for-tests-only"},
        REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.51",
    )

    assert (same_client.status_code, other_client.status_code) == (429, 302)


def failures_then_a_good_login(client, django_user_model, remote, forwarded):
    """Five wrong passwords, each with a different claimed X-Forwarded-For, then the right one."""
    make_editor(django_user_model, "wang")
    for n in range(5):
        client.post(reverse("admin:login"), {"username": f"x{n}", "password": "wrong"},
                    REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded(n))
    return client.post(reverse("admin:login"), {"username": "wang", "password": "pw-for-tests-only"},
                       REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded(5))


@pytest.mark.django_db
@pytest.mark.parametrize("proxies", [[], ["10.0.0.0/8"]], ids=["no proxy", "a proxy elsewhere"])
def test_a_forwarded_address_from_anyone_but_a_trusted_proxy_is_ignored(client, django_user_model, settings,
                                                                         proxies):
    settings.TRUSTED_PROXIES = proxies

    after = failures_then_a_good_login(client, django_user_model, "203.0.113.9", lambda n: f"198.51.100.{n}")

    assert after.status_code == 429


@pytest.mark.django_db
@pytest.mark.parametrize("forwarded", ["garbage{n}", "", "203.0.113.{n}, garbage", "300.1.1.{n}"])
def test_an_unreadable_forwarded_header_keeps_the_address_lock(client, django_user_model, settings, forwarded):
    settings.TRUSTED_PROXIES = ["10.0.0.1/32"]

    after = failures_then_a_good_login(client, django_user_model, "10.0.0.1", lambda n: forwarded.format(n=n))

    assert after.status_code == 429


def test_the_client_is_the_first_address_left_of_the_trusted_proxies(rf, settings):
    from accounts.client_address import client_ip

    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.1/32"]

    def ip(remote, forwarded):
        return client_ip(rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded))

    assert ip("10.0.0.1", "1.2.3.4, 203.0.113.50") == "203.0.113.50"
    assert ip("10.0.0.1", "1.2.3.4, 203.0.113.50, 192.0.2.1") == "203.0.113.50"
    assert ip("10.0.0.1", "10.9.9.9") == "10.9.9.9"  # nothing left of it: the last hop is the client
    assert ip("203.0.113.7", "1.2.3.4") == "203.0.113.7"
    assert ip("10.0.0.1", " 2001:DB8::1 ") == "2001:db8::1"


@pytest.mark.django_db
def test_a_later_save_does_not_silently_overwrite_an_earlier_one(client, django_user_model):
    first, second = make_editor(django_user_model, "li"), make_publisher(django_user_model, "zhao")
    trip = make_delegation(status=Status.DRAFT, title="原标题")
    url = reverse("admin:visits_delegation_change", args=[trip.pk])
    client.force_login(first)
    opened_version = client.get(url).context["edit_version"]

    client.force_login(second)
    current_version = client.get(url).context["edit_version"]
    client.post(url, delegation_form_data(trip, title="赵改的标题", _edit_version=current_version))
    client.force_login(first)
    refused = client.post(url, delegation_form_data(trip, title="李改的标题", _edit_version=opened_version))

    trip.refresh_from_db()
    assert trip.title == "赵改的标题"
    assert refused.status_code == 200
    errors = refused.context["adminform"].form.non_field_errors()
    assert len(errors) == 1
    assert "zhao 于" in errors[0] and "把“标题”从“原标题”改为“赵改的标题”" in errors[0]

    saved_again = client.post(
        url, delegation_form_data(trip, title="李改的标题", _edit_version=refused.context["edit_version"])
    )

    trip.refresh_from_db()
    assert (saved_again.status_code, trip.title) == (302, "李改的标题")
