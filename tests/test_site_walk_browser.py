"""The public site walked in headless Chromium as a visitor walks it: every kind of page reached
from the home page by its links, on a 360 px phone and a 1366×768 laptop.

On each page: nothing scrolls the page sideways (a wide table may scroll inside its own box),
axe-core finds no serious or critical violation, the page the server sent passes the Nu Html
Checker (one run for the whole walk), and a screenshot is taken with --screenshots
(tests/browser.py). The staff screens have their own walk (tests/test_staff_browser.py); the
charts' table view and the diagram's links are tried in tests/test_indexes_browser.py.
"""

import pytest
from playwright.sync_api import expect

from tests import browser
from tests.builders import make_delegation, make_pairing
from tests.test_accessibility import AXE, PAGES, describe, severe_violations
from tests.test_html_validity import nu_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LAPTOP = {"width": 1366, "height": 768}
# More pairings than the seed's two, each used by a published trip, so the diagram has a few lines.
PAIRINGS = [("通州区", "化德县"), ("北京市", "兴安盟"), ("丰台区", "四子王旗")]


@pytest.fixture
def browser_data(seed_transactional):
    for support, recipient in PAIRINGS:
        pairing = make_pairing(support, recipient)
        make_delegation(f"{support}赴{recipient}考察", origin=pairing.support_region).pairings.add(pairing)
    assert AXE.exists(), "axe-core is missing: run bin/setup (it needs npm) to install node_modules"


@pytest.mark.parametrize("viewport", [browser.NARROW, LAPTOP], ids=["360", "1366"])
def test_every_kind_of_page_is_reached_from_the_home_page_and_reads_well_on_a_phone_and_a_laptop(
    open_page, viewport, tmp_path, nu_record
):
    page = open_page(viewport, report_404=True)
    findings, wide, files = [], {}, []

    def check(name, heading=None):
        page.wait_for_load_state()
        if heading is not None:
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        findings.extend((name, violation) for violation in severe_violations(page))
        if problems := browser.overflow(page):
            wide[name] = problems
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(browser.served_html(page))
        browser.shoot(page, f"walk-{name}")

    def menu(name):
        page.get_by_role("navigation", name="主导航").get_by_role("link", name=name, exact=True).click()

    def follow(url):
        """The first link in the page's content to `url`."""
        page.locator(f'main a[href="{url}"]:visible').first.click()

    page.goto("/")
    expect(page.locator("#activity-title")).to_be_visible()  # the programme's charts
    check("home")

    menu("考察活动")
    check("trips", "考察活动")
    page.get_by_text("筛选条件").click()
    check("trips-filters-open")
    follow(PAGES["trip"])
    check("trip")
    follow(PAGES["meeting"])
    check("meeting")
    page.go_back()
    follow(PAGES["project"])
    check("project")
    page.go_back()
    follow(PAGES["person"])
    check("person")

    menu("协作项目")
    check("projects", "协作项目")
    menu("结对关系")
    expect(page.locator("svg.diagram-svg a.diagram-line")).not_to_have_count(0)
    check("pairings", "结对关系")
    follow(PAGES["pairing"])
    expect(page.locator("#activity-title")).to_be_visible()  # the pairing's charts
    check("pairing")
    menu("地区")
    check("regions", "地区")
    follow(PAGES["region"])
    check("region")
    menu("人物")
    check("people", "人物")
    menu("协作领域")
    check("topics", "协作领域")
    follow(PAGES["topic"])
    check("topic")
    menu("开放数据")
    check("open-data", "开放数据")

    footer = page.get_by_role("contentinfo")
    footer.get_by_role("link", name="网站地图").click()
    check("sitemap", "网站地图")
    footer.get_by_role("link", name="站内搜索").click()
    page.get_by_role("search").get_by_role("searchbox").fill("人才公寓")
    page.get_by_role("search").get_by_role("button", name="搜索").click()
    expect(page.locator("main")).to_contain_text("正镶白旗人才公寓")
    check("search")
    footer.get_by_role("link", name="留言", exact=True).click()
    check("feedback")
    page.get_by_role("contentinfo").get_by_role("link", name="留言与答复").click()
    check("feedback-replies")

    assert findings == [], describe(findings)
    assert wide == {}
    errors = nu_errors(files, nu_record)
    assert errors == [], "\n".join(f"{name}:{line}: {message}" for name, line, message in errors)
    assert len(files) == 20
