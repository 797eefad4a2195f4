"""The review screen and the record's review panel in headless Chromium, under the site's CSP.

Screenshots with --screenshots (tests/browser.py).
"""

import pytest
from django.conf import settings
from django.test import Client

from accounts.roles import EDITOR, FIRST_REVIEWER, SECOND_REVIEWER
from review import publishing
from review.models import Grade, Status
from tests.browser import shoot
from tests.builders import make_delegation, make_participant, make_reviewer

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
def browser_data(review_data):
    return review_data


@pytest.fixture
def page_as(open_page, review_data):
    """A page signed in as one of the reviewers."""

    def page_as(username):
        return open_page(session=review_data["sessions"][username])

    return page_as


def test_the_review_screen_shows_the_chain_the_checks_and_the_decision(page_as, review_data):
    trip = review_data["trip"]
    page = page_as("fu")

    page.goto(f"/admin/visits/delegation/{trip.pk}/review/")
    shoot(page, "review-screen")

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
    shoot(editor, "review-panel")
    assert "标题与原报道不一致，请核对。" in editor.inner_text("#review-history")
