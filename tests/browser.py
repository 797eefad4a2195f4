"""What every browser test shares: the Chromium, the viewports, the console watch, screenshots, how
a page fits its window sideways and the HTML the server sent it (for the HTML checker).

Each test worker starts one Playwright driver, which launches one headless Chromium (the
`playwright_driver` fixture in conftest.py); each browser test opens its pages in that Chromium,
each in a context of its own, emptied of what an earlier test stored in it (cookies, local storage,
the HTTP cache): see `ContextPool` in conftest.py.
The pages run under the site's Content Security Policy, so an inline script or style shows up as a
console error, which fails the test.

Screenshots are taken when asked for (`pytest --screenshots -m browser`) and, for every open
page, when a browser test fails; they land in test-artifacts/ (git-ignored).
"""

import re
from pathlib import Path

from playwright.sync_api import Locator, expect

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Pages of one site in one context share a renderer process (the context pool keeps one open).
    "--process-per-site",
    # No renderer started ahead for a page that may never come.
    "--disable-features=SpareRendererForSitePerProcess",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PHONE = {"width": 390, "height": 844}
NARROW = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
WIDE = {"width": 1440, "height": 900}

# Set from the command line by conftest.py (--screenshots).
screenshots_wanted = False


def unexpected(message):
    """A console error the page is to blame for. A browser asks for /favicon.ico on its own, and the
    not-found page is meant to answer 404: the browser logs both as errors."""
    return message.type == "error" and "status of 404" not in message.text


def shoot(target, name, full_page=True):
    """A screenshot of a page or of one element, for a person to look at, when asked for.

    Not asked for, an element is still checked to be there and visible, as taking its picture
    would have checked.
    """
    if isinstance(target, Locator):
        if not screenshots_wanted:
            expect(target).to_be_visible()
            return
        ARTIFACTS.mkdir(exist_ok=True)
        target.screenshot(path=ARTIFACTS / f"{name}.png")
        return
    if not screenshots_wanted:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    width = target.viewport_size["width"]
    target.screenshot(path=ARTIFACTS / f"{name}-{width}.png", full_page=full_page)


def shoot_failure(pages, test_name):
    """Every page a failed test had open, as it was when the test failed."""
    ARTIFACTS.mkdir(exist_ok=True)
    stem = re.sub(r"[^\w.-]+", "-", test_name).strip("-")
    for number, page in enumerate(pages, start=1):
        if not page.is_closed():
            page.screenshot(path=ARTIFACTS / f"failed-{stem}-{number}.png", full_page=True)


# What is wider than the window scrolls inside its own box (a table in its scroll box): the page
# itself never scrolls sideways, and nothing reaches past the window's edge inside a box that cuts
# it off without scrolling. Visually hidden text (for screen readers) is left out: it is meant to be
# clipped.
_OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const found = [];
    if (document.documentElement.scrollWidth > width) {
        found.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    }
    for (const element of document.querySelectorAll('body *')) {
        const box = element.getBoundingClientRect();
        if (box.right <= width + 1 || box.width === 0 || element.tagName === 'OPTION'
            || element.closest('.visually-hidden, .select2-hidden-accessible')) continue;
        for (let outer = element.parentElement; outer; outer = outer.parentElement) {
            const scroll = getComputedStyle(outer).overflowX;
            if (scroll === 'auto' || scroll === 'scroll') break;
            if ((scroll === 'hidden' || scroll === 'clip') && box.right > outer.getBoundingClientRect().right + 1) {
                found.push(`${element.tagName.toLowerCase()}.${element.className} is cut off at the window's edge`);
                break;
            }
        }
    }
    return found.slice(0, 5);
}"""


def overflow(page):
    """How the page does not fit its window sideways (nothing when it fits)."""
    return page.evaluate(_OVERFLOW)


def served_html(page):
    """The page's HTML as the server sent it (what an HTML checker reads), asked for again with the
    page's own cookies."""
    return page.context.request.get(page.url).body()
