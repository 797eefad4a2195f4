"""What every browser test shares: the Chromium, the viewports, the console watch, screenshots.

Each test worker starts one headless Chromium (the `chromium_server` fixture in conftest.py);
each browser test connects to it and opens its pages in fresh contexts, so nothing a page
stores (cookies, localStorage) reaches the next test. The pages run under the site's Content
Security Policy, so an inline script or style shows up as a console error, which fails the test.

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
