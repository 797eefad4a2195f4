"""The review screen and the record's review panel in headless Chromium, under the site's CSP.

Screenshots land in test-artifacts/ for a person to look at.
"""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import sync_playwright

from accounts.roles import EDITOR, FIRST_REVIEWER, SECOND_REVIEWER
from review import publishing
from review.models import Grade, Status
from tests.builders import make_delegation, make_participant, make_reviewer
from tests.test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, DESKTOP, _unexpected

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def review_data(live_server, transactional_db, django_user_model):
    editor = make_reviewer(django_user_model, "li", EDITOR)
    first = make_reviewer(django_user_model, "chu", FIRST_REVIEWER)
    second = make_reviewer(django_user_model, "fu", SECOND_REVIEWER)
    trip = make_delegation(
        status=Status.DRAFT, grade=Grade.IMPORTANT, title="大兴区党政代表团到察右前旗考察",
        body="代表团考察了芍药种植基地，推进东西部扶贫协作。联系人手机13812341234。"
             '详见<a href="/no-such-page/">旧页面</a>。',
    )
    make_participant(trip, name_as_printed="张三", title_as_printed="察右前旗旗长")
    review = publishing.submit(trip, editor)
    trip.body = trip.body.replace("13812341234", "138****1234")
    trip.save(update_fields=["body"])
    publishing.approve(review, first, "内容与原报道一致，同意。")
    sessions = {}
    for user in (editor, second):
        client = Client()
        client.force_login(user)
        sessions[user.username] = client.cookies[settings.SESSION_COOKIE_NAME].value
    trip.body += "联系人手机13912345678。"
    trip.save(update_fields=["body"])
    return {"trip": trip, "sessions": sessions, "second": second}


@pytest.fixture
def page_as(review_data, live_server):
    errors, contexts = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def page_as(username):
            context = browser.new_context(viewport=DESKTOP, locale="zh-CN", base_url=live_server.url)
            context.add_cookies([{
                "name": settings.SESSION_COOKIE_NAME, "value": review_data["sessions"][username],
                "url": live_server.url,
            }])
            contexts.append(context)
            page = context.new_page()
            page.on("console", lambda message: _unexpected(message) and errors.append(message.text))
            page.on("pageerror", lambda error: errors.append(str(error)))
            return page

        yield page_as
        for context in contexts:
            context.close()
        browser.close()
    assert errors == []


def test_the_review_screen_shows_the_chain_the_checks_and_the_decision(page_as, review_data):
    trip = review_data["trip"]
    page = page_as("fu")

    page.goto(f"/admin/visits/delegation/{trip.pk}/review/")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "review-screen.png", full_page=True)

    text = page.inner_text("#content-main")
    assert "初审" in text and "复审" in text and "终审签发" in text
    assert "139****5678" in text
    assert "东西部协作" in text
    assert "本站没有这个地址" in text
    assert page.locator("button[value=approve]").is_disabled()

    page.click("button[value=mask]")
    page.wait_for_load_state()
    assert page.locator("button[value=approve]").is_enabled()
    page.fill("textarea[name=opinion]", "标题与原报道不一致，请核对。")
    page.check("input[name=secrecy][value=cleared]")
    page.click("button[value=reject]")
    page.wait_for_load_state()

    editor = page_as("li")
    editor.goto(f"/admin/visits/delegation/{trip.pk}/change/")
    editor.locator("#review-history").scroll_into_view_if_needed()
    editor.screenshot(path=ARTIFACTS / "review-panel.png", full_page=True)
    assert "标题与原报道不一致，请核对。" in editor.inner_text("#review-history")
