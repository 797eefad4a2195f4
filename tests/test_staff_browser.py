"""Staff screens in headless Chromium, on a 360 px phone and a 1366×768 laptop, reached as staff
reach them: from the admin's start page, by its links and buttons.

The walk goes through the start page, the trip change list and change form, the review screen
with the trip under review, the ledger import (upload, then its preview) and the report import
(paste, then its review). On each: nothing scrolls the page sideways (a table wider than a phone
scrolls inside its own box), axe-core finds no serious or critical violation, and the page the
server sent passes the Nu Html Checker. Screenshots with --screenshots (tests/browser.py).
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from accounts.roles import EDITOR, PUBLISHER
from review import publishing
from review.models import Status
from tests import browser
from tests.builders import make_delegation, make_editor, make_participant, make_reviewer, make_site_visit
from tests.test_accessibility import SEVERE, describe, load_axe
from tests.test_html_validity import nu_errors
from visits.models import Delegation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LAPTOP = {"width": 1366, "height": 768}
REPORT = Path("tests/visits/extraction_cases/000_seed_daxing.txt")
LEDGER = "tests/data/seed/考察活动.csv"


@pytest.fixture
def browser_data(seed_transactional, django_user_model):
    editor = make_editor(django_user_model, "li")
    publisher = make_reviewer(django_user_model, "zhao", PUBLISHER, EDITOR)
    publisher.is_superuser = True
    publisher.save()
    submitted = make_delegation("正镶白旗人才公寓回访", status=Status.REVIEW)
    make_participant(submitted, name_as_printed="王有国", title_as_printed="区委书记")
    make_site_visit(submitted, place="正镶白旗人才公寓", description="了解“组团式”帮扶人员服务保障情况")
    publishing.submit(submitted, editor)
    draft = Delegation(title="大兴区卫健委到察右前旗调研", slug="wei-jian-wei-diao-yan", status=Status.DRAFT)
    draft._history_user = publisher
    draft.save()
    client = Client()
    client.force_login(publisher)
    return {"session": client.cookies[settings.SESSION_COOKIE_NAME].value}


def severe_violations(page, exclude=()):
    """axe-core's serious and critical findings on the admin page, outside what `exclude` names."""
    load_axe(page)
    context = {"include": [["html"]], "exclude": [[item] for item in exclude]}
    # On the change form these two rules re-apply its styles inline, which the site's CSP blocks
    # (a console error from the check, not the page); no admin page rotates or plays anything.
    options = {"resultTypes": ["violations"], "rules": {"css-orientation-lock": {"enabled": False},
                                                        "no-autoplay-audio": {"enabled": False}}}
    results = page.evaluate("([context, options]) => axe.run(context, options)", [context, options])
    return [violation for violation in results["violations"] if violation["impact"] in SEVERE]


@pytest.mark.parametrize("viewport", [browser.NARROW, LAPTOP], ids=["360", "1366"])
def test_the_staff_screens_are_reached_from_the_start_page_and_fit_a_phone_and_a_laptop(
    open_page, browser_data, viewport, tmp_path, nu_record
):
    page = open_page(viewport=viewport, session=browser_data["session"])
    findings, wide, files = [], {}, []

    def check(name, exclude=()):
        page.wait_for_load_state()  # the style sheets too, not only the document
        findings.extend((name, violation) for violation in severe_violations(page, exclude))
        if problems := browser.overflow(page):
            wide[name] = problems
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(browser.served_html(page))
        browser.shoot(page, f"staff-{name}")

    page.goto("/admin/")
    desk = page.locator(".desk")
    expect(desk.get_by_role("heading", name="今天的工作")).to_be_visible()
    expect(desk.locator(".desk-card", has_text="我的草稿")).to_contain_text("1")
    check("start-page")

    desk.get_by_role("link", name="初审").click()
    expect(page.locator("#result_list")).to_contain_text("正镶白旗人才公寓回访")
    page.locator("#result_list").get_by_role("link", name="正镶白旗人才公寓回访").click()
    content = page.locator(".review-content")
    expect(content.get_by_role("heading", name="审核内容")).to_be_visible()
    expect(content.locator("caption", has_text="参加人员")).to_be_visible()
    expect(content).to_contain_text("正镶白旗人才公寓")
    check("review-screen")

    page.locator(".breadcrumbs").get_by_role("link", name="代表团考察").click()
    if viewport == LAPTOP:  # on a phone the table scrolls in its box, 状态 at its far end
        expect(page.locator("#result_list th.column-status_badge")).to_be_in_viewport()
    check("trip-list")

    page.locator("#result_list").get_by_role("link", name="区委书记王有国率大兴区党政代表团", exact=False).click()
    expect(page.locator("#participants-group")).to_be_visible()
    # Django's autocomplete (select2) names its combobox by nothing axe can read: Django's widget,
    # left as it is (the label is on the <select> it replaces).
    check("trip-form", exclude=[".select2-container"])

    page.locator(".breadcrumbs").get_by_role("link", name="代表团考察").click()
    page.locator(".object-tools").get_by_role("link", name="导入台账").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("导入台账")
    check("import-upload")
    page.locator("input[type=file]").set_input_files(LEDGER)
    page.locator("#content-main").get_by_role("button", name="试运行").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("导入预览")
    expect(page.get_by_role("button", name="确认导入（草稿）")).to_be_visible()
    check("import-preview")

    page.goto("/admin/visits/delegation/")
    page.locator(".object-tools").get_by_role("link", name="从报道创建").click()
    check("report-start")
    page.locator("#content-main textarea").first.fill(REPORT.read_text(encoding="utf-8"))
    page.locator("#content-main").get_by_role("button", name="读取报道").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("审阅报道")
    check("report-review", exclude=[".select2-container"])

    assert findings == [], describe(findings)
    assert wide == {}
    errors = nu_errors(files, nu_record)
    assert errors == [], "\n".join(f"{name}:{line}: {message}" for name, line, message in errors)
