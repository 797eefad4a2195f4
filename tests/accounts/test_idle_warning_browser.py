"""The idle-timeout warning in a real headless Chromium, under the site's Content Security Policy."""

import re

import pytest
from playwright.sync_api import expect

from tests.accounts.helpers import PASSWORD
from tests.builders import make_editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def browser_data(transactional_db, django_user_model, settings):
    # A timeout of seconds, not minutes, so the warning comes while the test watches: 2 s after the
    # page opens, 3 s before the end. The warning is shorter than the timeout by 2 s or more, so
    # that the seconds left when it shows (3 at most) tell apart from a timeout started again (4 or
    # 5): staying signed in is seen to work.
    settings.SESSION_IDLE_TIMEOUT = 5
    settings.SESSION_IDLE_WARNING = 3
    make_editor(django_user_model, "li")


@pytest.fixture
def page(open_page):
    page = open_page()
    page.goto("/admin/login/")
    page.fill("#id_username", "li")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return page


def test_the_warning_comes_before_the_end_and_staying_signed_in_works(page):
    notice = page.locator(".idle-timeout-notice")

    expect(notice).to_be_visible(timeout=4000)
    expect(notice).to_contain_text("秒后")
    page.click(".idle-timeout-stay")

    expect(notice).to_be_hidden(timeout=2000)
    remaining = page.evaluate("fetch('/admin/security/session/').then(r => r.json()).then(d => d.remaining)")
    assert remaining >= 4  # the server started the 5 seconds again


def test_without_an_answer_the_page_goes_to_the_sign_in_with_a_message(page):
    expect(page.locator(".idle-timeout-notice")).to_be_visible(timeout=4000)

    expect(page).to_have_url(re.compile(r"/admin/login/"), timeout=15000)
    expect(page.locator(".messagelist")).to_contain_text("未操作，已自动退出登录")
