"""Staff screens on a 1366×768 laptop in headless Chromium: the start page, the trip change list
and change form, the review screen with the content under review. None scrolls sideways, and
axe-core finds no serious or critical violation on any.

Screenshots with --screenshots (tests/browser.py).
"""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from accounts.roles import EDITOR, PUBLISHER
from review import publishing
from review.models import Status
from tests.browser import shoot
from tests.builders import make_delegation, make_editor, make_reviewer
from tests.test_accessibility import AXE, SEVERE, describe
from visits.models import Delegation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def browser_data(seed_transactional, django_user_model):
    editor = make_editor(django_user_model, "li")
    publisher = make_reviewer(django_user_model, "zhao", PUBLISHER, EDITOR)
    publisher.is_superuser = True
    publisher.save()
    submitted = make_delegation("正镶白旗人才公寓回访", status=Status.REVIEW)
    publishing.submit(submitted, editor)
    draft = Delegation(title="大兴区卫健委到察右前旗调研", slug="wei-jian-wei-diao-yan", status=Status.DRAFT)
    draft._history_user = publisher
    draft.save()
    client = Client()
    client.force_login(publisher)
    return {
        "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "seed_trip": Delegation.objects.exclude(pk__in=[submitted.pk, draft.pk]).get(),
        "submitted": submitted,
    }


def assert_no_severe_violation(page, selector, exclude=()):
    """axe-core's serious and critical findings in the part of the page the selector names."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    context = {"include": [selector], "exclude": [[item] for item in exclude]}
    # On the change form these two rules re-apply its styles inline, which the site's CSP blocks
    # (a console error from the check, not the page); no admin page rotates or plays anything.
    options = {"resultTypes": ["violations"], "rules": {"css-orientation-lock": {"enabled": False},
                                                        "no-autoplay-audio": {"enabled": False}}}
    results = page.evaluate("([context, options]) => axe.run(context, options)", [context, options])
    findings = [(selector, v) for v in results["violations"] if v["impact"] in SEVERE]
    assert findings == [], describe(findings)


def assert_no_sideways_scroll(page):
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{page.url} is {widths[0]} px wide in a {widths[1]} px window"


def test_the_start_page_opens_with_the_days_work(open_page, browser_data):
    page = open_page(viewport=LAPTOP, session=browser_data["session"])

    page.goto("/admin/")

    desk = page.locator(".desk")
    expect(desk.get_by_role("heading", name="今天的工作")).to_be_visible()
    expect(desk.locator(".desk-card", has_text="我的草稿")).to_contain_text("1")
    page.get_by_role("link", name="初审").click()
    expect(page.locator("#result_list")).to_contain_text("正镶白旗人才公寓回访")
    page.goto("/admin/")
    assert_no_sideways_scroll(page)
    assert_no_severe_violation(page, "html")
    shoot(page, "staff-start-page")


def test_the_trip_list_and_form_fit_a_laptop_screen(open_page, browser_data):
    page = open_page(viewport=LAPTOP, session=browser_data["session"])

    page.goto("/admin/visits/delegation/")
    status = page.locator("#result_list th.column-status_badge")
    expect(status).to_be_in_viewport()
    assert_no_sideways_scroll(page)
    assert_no_severe_violation(page, "html")
    shoot(page, "staff-trip-list")

    page.goto(f"/admin/visits/delegation/{browser_data['seed_trip'].pk}/change/")
    expect(page.locator("#participants-group")).to_be_visible()
    assert_no_sideways_scroll(page)
    # Django's autocomplete (select2) names its combobox by nothing axe can read: Django's widget,
    # left as it is (the label is on the <select> it replaces).
    assert_no_severe_violation(page, "html", exclude=[".select2-container"])
    shoot(page, "staff-trip-form")


def test_the_review_screen_shows_the_trip_under_review(open_page, browser_data):
    page = open_page(viewport=LAPTOP, session=browser_data["session"])

    page.goto(f"/admin/visits/delegation/{browser_data['submitted'].pk}/review/")

    content = page.locator(".review-content")
    expect(content.get_by_role("heading", name="审核内容")).to_be_visible()
    expect(content).to_contain_text("正镶白旗人才公寓回访")
    expect(content.locator("caption", has_text="参加人员")).to_be_visible()
    assert_no_sideways_scroll(page)
    assert_no_severe_violation(page, "html")
    shoot(page, "staff-review-content")
