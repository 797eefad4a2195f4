"""The trip page on a phone and a laptop: a table of contents, the itinerary as a timeline, people by side.

The seed trip's page is measured on a 360-pixel phone: it was 8,088 px tall with every list
open; the long lists now fold (<details>), so a reader scrolls past what they skip.
"""

import pytest
from playwright.sync_api import expect

from tests.browser import NARROW, shoot
from tests.test_accessibility import AXE, describe, severe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TRIP = "/visits/da-xing-qu-dang-zheng-dai-biao-tuan/"
PHONE = NARROW
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def browser_data(seed_transactional):
    """The seed report."""
    assert AXE.exists(), "axe-core is missing: run bin/setup (it needs npm) to install node_modules"


def height(page):
    return page.evaluate("() => document.documentElement.scrollHeight")


# Measured at 360 px with the seed: 8,088 px before the lists folded, 5,014 px after.
PHONE_HEIGHT_LIMIT = 5_600


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360", "1366"])
def test_the_trip_page_has_a_table_of_contents_and_folds_its_long_lists(open_page, viewport):
    page = open_page(viewport)
    page.goto("/")
    page.get_by_role("link", name="区委书记王有国率大兴区党政代表团到察右前旗、正镶白旗对接考察").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("区委书记王有国")
    findings = [("closed", violation) for violation in severe_violations(page)]
    closed_height = height(page)
    shoot(page, "trip")

    page.get_by_role("navigation", name="本页目录").get_by_role("link", name="会议与发言（2 场）").click()
    expect(page.locator("#meetings-title")).to_be_in_viewport()
    speeches = page.locator(".meeting").first.locator(".speech")
    expect(speeches.first).to_be_hidden()
    page.locator(".meeting summary").first.click()
    expect(speeches).to_have_count(4)
    expect(speeches.first).to_be_visible()
    page.get_by_text("其余 2 人").click()
    expect(page.get_by_role("link", name="宝力格")).to_be_visible()
    findings += [("open", violation) for violation in severe_violations(page)]
    shoot(page, "trip-open")

    assert findings == [], describe(findings)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]
    if viewport is PHONE:
        assert closed_height <= PHONE_HEIGHT_LIMIT, closed_height
