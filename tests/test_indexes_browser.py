"""The diagram and the charts in Chromium as a visitor uses them, on a phone and a laptop: a
line of the diagram opens its pairing, a chart's table view opens; both pages pass axe-core and
do not scroll sideways. Each index page is reached from the home page's navigation, checked and
photographed in the walk of the whole site (tests/test_site_walk_browser.py).
"""

import pytest
from playwright.sync_api import expect

from tests import browser
from tests.builders import make_delegation, make_pairing
from tests.test_accessibility import AXE, describe, severe_violations

PAIRINGS = [("通州区", "化德县"), ("通州区", "商都县"), ("北京市", "兴安盟"), ("丰台区", "四子王旗")]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = browser.NARROW
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def browser_data(seed_transactional):
    """The seed report and more pairings, each with a published trip (a pairing no published
    record names stays off public pages)."""
    for support, recipient in PAIRINGS:
        pairing = make_pairing(support, recipient)
        make_delegation(f"{support}赴{recipient}考察", origin=pairing.support_region).pairings.add(pairing)
    assert AXE.exists(), "axe-core is missing: run bin/setup (it needs npm) to install node_modules"


def shoot(page, name):
    browser.shoot(page, f"index-{name}")


def open_menu_item(page, name):
    page.goto("/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_a_line_of_the_diagram_opens_its_pairing(open_page):
    page = open_page(LAPTOP)
    open_menu_item(page, "结对关系")
    diagram = page.locator("svg.diagram-svg")

    expect(diagram.locator("a.diagram-line")).to_have_count(6)
    diagram.locator("a.diagram-line", has=page.locator("title", has_text="通州区 ⇄ 化德县")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("通州区 ⇄结对 化德县")


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360", "1366"])
def test_the_activity_charts_on_the_home_and_a_pairing_page_read_well_and_pass_axe(open_page, viewport):
    page = open_page(viewport)
    findings, wide = [], {}

    page.goto("/")
    page.get_by_role("link", name="全部结对关系与示意图").click()
    page.get_by_role("list").get_by_role("link", name="大兴区 结对 正镶白旗").click()
    pairing = page.url
    for label, url in (("home", "/"), ("pairing", pairing)):
        page.goto(url)
        section = page.locator("section", has=page.locator("#activity-title"))
        # The seed's trip and meetings are dated 2024; its project has no start year, so no chart.
        expect(section.locator("svg")).to_have_count(2)
        section.get_by_text("以表格查看").click()
        expect(section.locator("table tbody tr")).to_have_count(1)
        findings += [(label, violation) for violation in severe_violations(page)]
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > viewport["width"]:
            wide[label] = width
        shoot(page, f"charts-{label}")

    assert findings == [], describe(findings)
    assert wide == {}
