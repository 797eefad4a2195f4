"""Idle staff sessions end after 30 minutes; the page warns 2 minutes before (the clock is patched)."""

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from tests.builders import make_editor

pytestmark = pytest.mark.django_db

MINUTE = 60
START = 1_750_000_000


@pytest.fixture
def clock(monkeypatch):
    """The clock the idle timeout reads, set by the test."""
    now = [START]
    monkeypatch.setattr("accounts.idle.now", lambda: now[0])

    def move_to(minutes, seconds=0):
        now[0] = START + minutes * MINUTE + seconds

    return move_to


@pytest.fixture
def editor_client(client, django_user_model, clock):
    client.force_login(make_editor(django_user_model))
    return client


def admin_page(client):
    return client.get(reverse("admin:visits_delegation_changelist"))


def test_a_session_idle_for_30_minutes_is_signed_out(editor_client, clock):
    clock(30, 1)

    response = admin_page(editor_client)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    login_page = editor_client.get(response["Location"])
    assert [str(m) for m in login_page.context["messages"]] == ["由于 30 分钟未操作，已自动退出登录，请重新登录。"]
    assert AuditEntry.objects.values_list("event", "username", "detail").first() == (
        "session_expired", "editor", "30 分钟未操作，自动退出",
    )


def test_each_back_office_request_starts_the_30_minutes_again(editor_client, clock):
    clock(29)
    first = admin_page(editor_client)
    clock(58)
    second = admin_page(editor_client)
    clock(88, 1)
    third = admin_page(editor_client)

    assert [first.status_code, second.status_code, third.status_code] == [200, 200, 302]


def test_asking_how_long_is_left_is_not_activity_but_staying_signed_in_is(editor_client, clock):
    url = reverse("accounts:session_ping")

    clock(20)
    asked = editor_client.get(url).json()
    clock(29)
    stayed = editor_client.post(url).json()
    clock(58)
    still_in = admin_page(editor_client)

    assert (asked, stayed, still_in.status_code) == ({"remaining": 600}, {"remaining": 1800}, 200)


def test_only_asking_does_not_keep_the_session(editor_client, clock):
    url = reverse("accounts:session_ping")

    clock(28)
    editor_client.get(url)
    clock(30, 1)
    response = editor_client.get(url)

    assert (response.status_code, response.json()) == (200, {"remaining": 0})
    assert admin_page(editor_client).status_code == 302


def test_every_admin_page_carries_the_warning_script_without_inline_code(editor_client):
    html = admin_page(editor_client).content.decode()

    tag = next(part.split(">", 1)[0] for part in html.split("<script")[1:] if "idle-timeout.js" in part)
    assert 'data-idle-seconds="1800"' in tag
    assert 'data-warn-seconds="120"' in tag
    assert f'data-ping-url="{reverse("accounts:session_ping")}"' in tag
    assert "accounts/idle-timeout.css" in html


def test_the_sign_in_page_has_no_warning_script(client):
    assert "idle-timeout.js" not in client.get(reverse("admin:login")).content.decode()


def test_the_public_site_forgets_an_idle_staff_session(editor_client, clock):
    clock(45)

    editor_client.get("/")

    assert "_auth_user_id" not in editor_client.session
