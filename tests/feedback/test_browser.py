"""找错 / 留言 in a real headless Chromium: the form, its confirmation, the replies, the queue.

The pages run under the site's Content Security Policy, so an inline script or style would show
up as a console error (tests/browser.py; screenshots with --screenshots).
"""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser import DESKTOP, NARROW, PHONE, shoot
from tests.builders import make_editor, make_feedback_message
from tests.test_accessibility import describe, severe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def world(transactional_db, settings, django_user_model):
    """Published replies, an overdue message, and a signed-in editor's session cookie.

    Made before the browser starts: Django refuses database work beside Playwright's event loop.
    """
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    now = timezone.now()
    replies = [
        ("找错", "error", "考察活动页面的日期有误", "大兴区党政代表团到察右前旗考察的页面把日期写成了 2023 年。",
         "/visits/", "感谢指正。报道原文未写明日期，已按报道所称“2024年京蒙协作工作”改为 2024 年。"),
        ("留言", "message", "希望公布项目资金使用情况", "希望在协作项目页面公布每年帮扶资金的使用明细，方便群众监督。",
         "", "感谢您的建议。各项目的帮扶资金和总投资已在项目页面列出，年度明细将随年度报告一并公开。"),
    ]
    for n, (_label, kind, subject, text, page_path, reply) in enumerate(replies):
        make_feedback_message(
            kind=kind, subject=subject, text=text, page_path=page_path, status="answered", reply=reply,
            replied_at=now, is_public=True, published_at=now - datetime.timedelta(hours=n),
        )
    make_feedback_message(subject="项目页面图片无法显示", kind="error", page_path="/projects/",
                          received_at=now - datetime.timedelta(days=6),
                          reply_by=timezone.localdate() - datetime.timedelta(days=1))
    make_feedback_message(subject="咨询劳务协作报名方式")
    client = Client()
    client.force_login(make_editor(django_user_model))
    return {"sessionid": client.cookies["sessionid"].value}


@pytest.fixture
def browser_data(world):
    return world


@pytest.fixture
def open_page(open_page, world):
    """Pages of the site, signed in as the editor when asked. The browser's own favicon request
    answers 404 and is logged as an error, so console 404s are let through: any 404 of the page's
    own stylesheets, scripts or links fails the test as a response instead."""

    def open_feedback_page(viewport=DESKTOP, signed_in=False):
        return open_page(viewport, session=world["sessionid"] if signed_in else None, report_404=True)

    return open_feedback_page


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_reporting_an_error_from_a_page_to_the_confirmation(open_page, viewport):
    page = open_page(viewport)
    page.goto("/feedback/?kind=error&page=/visits/")
    expect(page.locator("#id_page_path")).to_have_value("/visits/")
    shoot(page, "feedback-form")

    page.get_by_role("button", name="提交").click()
    expect(page.locator(".feedback-summary li")).to_have_text(
        ["联系方式：请填写联系方式，以便我们答复您。", "标题：请填写标题。", "内容：请填写内容。"]
    )
    shoot(page, "feedback-form-errors")

    page.locator("#id_contact").fill("0471-6601234")
    page.locator("#id_subject").fill("考察活动列表的筛选无效")
    page.locator("#id_text").fill("按“文旅”筛选后仍显示全部考察活动。")
    page.get_by_role("button", name="提交").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("已收到您的来信")
    reference = page.locator(".feedback-reference").inner_text()
    shoot(page, "feedback-received")
    assert reference.startswith("JC")


def test_choosing_a_message_hides_the_page_address(open_page):
    page = open_page()
    page.goto("/feedback/?kind=error")
    expect(page.locator("#id_page_path")).to_be_visible()

    page.get_by_text("我要留言").click()

    expect(page.locator("#id_page_path")).to_be_hidden()
    expect(page.locator(".feedback-trap input")).not_to_be_in_viewport()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_published_replies(open_page, viewport):
    page = open_page(viewport)
    page.goto("/feedback/replies/")

    expect(page.locator(".feedback-subject")).to_have_text(["考察活动页面的日期有误", "希望公布项目资金使用情况"])
    shoot(page, "feedback-replies")
    page.get_by_role("link", name="我要找错或留言").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("我为政府网站找错 · 留言")


def test_the_moderation_queue_flags_the_overdue_message(open_page):
    page = open_page(signed_in=True)
    page.goto("/admin/feedback/message/")

    overdue = page.locator("#result_list tbody tr").filter(has=page.locator(".feedback-overdue"))
    expect(overdue.locator(".field-subject")).to_have_text(["项目页面图片无法显示"])
    shoot(page, "feedback-admin-queue")
    overdue.get_by_role("link", name="项目页面图片无法显示").click()
    expect(page.locator(".field-reply_by_display .feedback-overdue")).to_have_text("已逾期")
    shoot(page, "feedback-admin-message")


@pytest.mark.parametrize("viewport", [DESKTOP, NARROW], ids=["desktop", "narrow"])
def test_the_pages_have_no_serious_accessibility_problem_and_fit_a_narrow_phone(open_page, viewport):
    page = open_page(viewport)
    findings = []

    for url in ("/feedback/?kind=error&page=/visits/", "/feedback/replies/"):
        page.goto(url)
        findings += [(url, violation) for violation in severe_violations(page)]
        assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"], url
    page.goto("/feedback/")
    page.get_by_role("button", name="提交").click()
    # The form comes back with what to correct: checked once it has (not the page being left).
    expect(page.locator("#feedback-summary-title")).to_contain_text("需要修改")
    findings += [("/feedback/ with errors", violation) for violation in severe_violations(page)]
    page.locator("#id_name").fill("李明")
    page.locator("#id_contact").fill("li.ming@example.gov.cn")
    page.locator("#id_subject").fill("建议")
    page.locator("#id_text").fill("希望增加考察活动的地图。")
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("已收到您的来信")
    findings += [("/feedback/received/", violation) for violation in severe_violations(page)]

    assert findings == [], describe(findings)
