"""Accessibility of the public site in a real headless Chromium (GB/T 37668, 适老化).

axe-core, from the npm package that `bin/setup` installs at the version in package-lock.json,
checks every kind of public page: a serious or critical violation fails the test and is printed
rule by rule with the elements it found. The reading toolbar, keyboard focus and the phone
width are checked the way a reader would use them (tests/browser.py; screenshots with --screenshots).
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import NARROW, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "home": "/",
    "trips": "/visits/",
    "trip": "/visits/da-xing-qu-dang-zheng-dai-biao-tuan/",
    "meeting": "/visits/meetings/cha-you-qian-qi-zuo-tan-hui/",
    "projects": "/projects/",
    "project": "/projects/xing-yao-zhen-jing-meng-xian-dai-nong-ye-ke-ji-chan-ye-yuan/",
    "person": "/people/zhang-bai-cheng/",
    "region": "/regions/zheng-xiang-bai-qi/",
    "pairing": "/pairings/da-xing-qu-zheng-xiang-bai-qi/",
    "topic": "/topics/wenlv/",
    "search": "/search/?q=人才公寓",
}
# Filters in use open their form, so its fields are checked too; a long Chinese name must wrap.
MORE_PAGES = {
    "trips-filtered": "/visits/?pairing=da-xing-qu-zheng-xiang-bai-qi&topic=wenlv",
    "projects-filtered": "/projects/?region=xi-lin-guo-lei-meng",
    "search-people": "/search/?q=王有国",
    "open-data": "/data/",
    "pairings": "/pairings/",
    "regions": "/regions/",
    "people": "/people/",
    "topics": "/topics/",
    "sitemap-page": "/sitemap/",
    "not-found": "/visits/no-such-trip/",
}
SEVERE = ("serious", "critical")


@pytest.fixture
def browser_data(seed_transactional):
    """The pages show the seed report."""
    assert AXE.exists(), "axe-core is missing: run bin/setup (it needs npm) to install node_modules"


def load_axe(page):
    """axe-core on the page as it is now, and on every page its context opens after it.

    Evaluated through the DevTools protocol, which the page's Content Security Policy does not
    govern: the site's own policy stays on, so an inline script of ours would still fail. The
    context runs it on each new document itself (an init script), so its 650 kB cross from the test
    to the browser once per context rather than once per page (0.08 → 0.03 s of CPU a page).
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        source = AXE.read_text(encoding="utf-8")
        page.context.add_init_script(source)
        page.evaluate(source)


def severe_violations(page):
    """axe-core's serious and critical findings on the page as it is now."""
    load_axe(page)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [violation for violation in results["violations"] if violation["impact"] in SEVERE]


def describe(findings):
    """One block per rule: what is wrong, where, and axe's own explanation."""
    lines = []
    for where, violation in findings:
        lines.append(f"\n{where}: [{violation['impact']}] {violation['id']} — {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"][:8]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:160]}")
            for line in node.get("failureSummary", "").splitlines()[1:]:
                lines.append(f"       {line.strip()}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    … and {len(violation['nodes']) - 8} more elements")
    return "\n".join(lines)


def audit(page, pages, label=""):
    findings = []
    for name, url in pages.items():
        page.goto(url)
        findings += [(f"{label}{name} {url}", violation) for violation in severe_violations(page)]
    return findings


def open_toolbar(page):
    toggle = page.get_by_role("button", name="阅读辅助")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    return page.get_by_role("group", name="阅读辅助", exact=True)


def html_classes(page):
    names = (page.locator("html").get_attribute("class") or "").split()
    return sorted(name for name in names if name.startswith("reading-"))


def test_axe_finds_no_serious_or_critical_violation_on_any_kind_of_page(open_page):
    page = open_page()

    findings = audit(page, PAGES | MORE_PAGES)
    page.goto("/visits/")
    page.get_by_text("筛选条件").click()
    findings += [("trips, filters open", violation) for violation in severe_violations(page)]
    open_toolbar(page)
    findings += [("trips, reading toolbar open", violation) for violation in severe_violations(page)]

    assert findings == [], describe(findings)


def test_axe_passes_the_english_interface(open_page):
    page = open_page(locale="en-US")
    page.goto("/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    findings = audit(page, {name: PAGES[name] for name in ("home", "trips", "trip", "project", "search")}, "en ")

    assert findings == [], describe(findings)


def test_axe_passes_in_high_contrast_with_large_text_and_wide_spacing(open_page):
    page = open_page()
    page.goto("/")
    toolbar = open_toolbar(page)
    toolbar.get_by_role("button", name="高对比度").click()
    toolbar.get_by_role("button", name="加大行距").click()
    toolbar.get_by_role("button", name="特大").click()

    findings = audit(page, PAGES, "high contrast ")

    assert html_classes(page) == ["reading-contrast", "reading-larger", "reading-spacing"]
    assert findings == [], describe(findings)
    page.goto(PAGES["trip"])
    shoot(page, "a11y-trip-high-contrast")


def test_the_toolbar_changes_the_page_and_is_remembered_across_pages(open_page):
    page = open_page()
    page.goto("/")
    toggle = page.get_by_role("button", name="阅读辅助")
    base_size = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    base_line = page.evaluate("() => parseFloat(getComputedStyle(document.body).lineHeight)")
    base_background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")

    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#reading-toolbar")).to_be_hidden()
    toolbar = open_toolbar(page)
    expect(toggle).to_have_attribute("aria-expanded", "true")
    sizes = toolbar.get_by_role("group", name="字号").get_by_role("button")
    expect(sizes).to_have_text(["标准", "大", "特大"])
    assert [button.get_attribute("aria-pressed") for button in sizes.all()] == ["true", "false", "false"]

    toolbar.get_by_role("button", name="大", exact=True).click()
    large = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    toolbar.get_by_role("button", name="特大").click()
    larger = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    toolbar.get_by_role("button", name="高对比度").click()
    toolbar.get_by_role("button", name="加大行距").click()

    assert base_size < large < larger
    assert larger >= base_size * 1.3
    assert page.evaluate("() => parseFloat(getComputedStyle(document.body).lineHeight)") > base_line * 1.5
    assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") != base_background
    expect(toolbar.get_by_role("button", name="特大")).to_have_attribute("aria-pressed", "true")
    expect(toolbar.get_by_role("button", name="大", exact=True)).to_have_attribute("aria-pressed", "false")
    expect(toolbar.get_by_role("button", name="高对比度")).to_have_attribute("aria-pressed", "true")
    expect(toolbar.get_by_role("button", name="加大行距")).to_have_attribute("aria-pressed", "true")
    shoot(page, "a11y-home-toolbar-open")

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="考察活动").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("考察活动")
    assert html_classes(page) == ["reading-contrast", "reading-larger", "reading-spacing"]
    assert page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)") == larger
    toolbar = open_toolbar(page)
    expect(toolbar.get_by_role("button", name="特大")).to_have_attribute("aria-pressed", "true")
    expect(toolbar.get_by_role("button", name="高对比度")).to_have_attribute("aria-pressed", "true")

    toolbar.get_by_role("button", name="恢复默认").click()

    assert html_classes(page) == []
    expect(toolbar.get_by_role("button", name="标准")).to_have_attribute("aria-pressed", "true")
    expect(toolbar.locator("[aria-pressed=true]")).to_have_count(1)
    assert page.evaluate("() => localStorage.getItem('jingmeng.reading')") is None
    page.reload()
    assert html_classes(page) == []
    assert page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)") == base_size


def test_a_stored_choice_is_on_the_page_before_it_is_painted(open_page):
    page = open_page()
    page.goto("/")
    page.evaluate("() => localStorage.setItem('jingmeng.reading', JSON.stringify({size: 'large', contrast: true}))")
    # What the first paint would show: the classes as they are when the body starts to render.
    page.context.add_init_script(
        "document.addEventListener('readystatechange', () => {"
        " if (document.readyState === 'interactive') window.classesWhenParsed = document.documentElement.className;"
        "});"
    )

    page.goto("/projects/")

    assert sorted(page.evaluate("() => window.classesWhenParsed").split()) == ["reading-contrast", "reading-large"]


def test_broken_stored_choices_are_ignored(open_page):
    page = open_page()
    page.goto("/")
    page.evaluate("() => localStorage.setItem('jingmeng.reading', '{not json')")

    page.goto("/visits/")

    assert html_classes(page) == []
    page.evaluate("() => localStorage.setItem('jingmeng.reading', JSON.stringify({size: 'huge', contrast: 'yes'}))")
    page.reload()
    assert html_classes(page) == []
    expect(page.get_by_role("button", name="阅读辅助")).to_be_visible()


def test_without_javascript_the_toolbar_stays_out_of_the_way(open_page):
    page = open_page(java_script_enabled=False)

    page.goto("/")

    expect(page.locator(".reading-toggle")).to_be_hidden()
    expect(page.locator("#reading-toolbar")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def focused(page):
    """The focused element: where it is, what it says, and whether its focus ring can be seen.

    The ring is the outline (or a box-shadow); it counts as seen when it contrasts at least 3:1
    (WCAG 1.4.11) with what lies under it: the element itself for an outline drawn inside, else
    the nearest opaque background around it.
    """
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            const rect = element.getBoundingClientRect();
            const parse = (colour) => {
                const parts = (colour.match(/rgba?\\(([^)]+)\\)/) || [null, ''])[1].split(/[ ,\\/]+/).filter(Boolean);
                return parts.length < 3 ? null : {
                    r: +parts[0], g: +parts[1], b: +parts[2], a: parts.length > 3 ? +parts[3] : 1,
                };
            };
            const background = (start) => {
                for (let node = start; node; node = node.parentElement) {
                    const colour = parse(getComputedStyle(node).backgroundColor);
                    if (colour && colour.a > 0.5) return colour;
                }
                return {r: 255, g: 255, b: 255, a: 1};
            };
            const luminance = (c) => {
                const channel = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
                return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
            };
            const contrast = (a, b) => {
                const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
                return (light + 0.05) / (dark + 0.05);
            };
            const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
            const under = parseFloat(style.outlineOffset) < 0 ? background(element) : background(element.parentElement);
            return {
                text: (element.getAttribute('aria-label') || element.innerText || element.value || '').trim(),
                tag: element.tagName.toLowerCase(),
                region: element.closest('main') ? 'main'
                    : element.closest('#reading-toolbar') ? 'toolbar'
                    : element.closest('.site-nav') ? 'nav'
                    : element.closest('.masthead') ? 'masthead'
                    : element.closest('footer') ? 'footer' : 'page',
                ring: outline ? Math.round(contrast(parse(style.outlineColor), under) * 10) / 10
                    : style.boxShadow !== 'none' ? 3 : 0,
                onScreen: rect.width > 0 && rect.height > 0,
            };
        }"""
    )


def test_tabbing_reaches_the_toolbar_the_navigation_and_the_content_with_a_visible_focus(open_page):
    page = open_page()
    page.goto(PAGES["trip"])
    stops = []

    for _ in range(40):
        page.keyboard.press("Tab")
        stops.append(focused(page))
        if stops[-1]["region"] == "main" and len([stop for stop in stops if stop["region"] == "main"]) >= 3:
            break

    toggle = page.get_by_role("button", name="阅读辅助")
    toggle.focus()
    page.keyboard.press("Enter")
    for _ in range(8):
        page.keyboard.press("Tab")
        stops.append(focused(page))

    regions = [stop["region"] for stop in stops]
    assert stops[0]["text"] == "跳到正文"
    assert {"masthead", "nav", "main"} <= set(regions), regions
    assert [stop for stop in stops if stop["ring"] < 3 or not stop["onScreen"]] == []
    toolbar = [stop["text"] for stop in stops if stop["region"] == "toolbar"]
    assert toolbar == ["标准", "大", "特大", "高对比度", "加大行距", "恢复默认"]
    assert stops[-1]["region"] == "nav"


def test_the_toolbar_works_from_the_keyboard(open_page):
    page = open_page()
    page.goto("/")
    toggle = page.get_by_role("button", name="阅读辅助")
    toggle.focus()

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")

    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert focused(page)["text"] == "大"
    assert focused(page)["ring"] >= 3
    assert html_classes(page) == ["reading-large"]
    expect(page.get_by_role("button", name="大", exact=True)).to_have_attribute("aria-pressed", "true")

    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert html_classes(page) == ["reading-contrast", "reading-large"]

    page.keyboard.press("Escape")
    expect(toggle).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#reading-toolbar")).to_be_hidden()


def test_the_skip_link_shows_on_focus_and_moves_to_the_content(open_page):
    page = open_page()
    page.goto(PAGES["trips"])
    skip = page.get_by_role("link", name="跳到正文")

    page.keyboard.press("Tab")

    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] >= 24
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert focused(page)["region"] == "main"


@pytest.mark.parametrize(
    ("mode", "reading"), [("standard", []), ("large", ["大"]), ("larger-spaced", ["特大", "加大行距"])]
)
def test_nothing_scrolls_sideways_at_360_pixels(open_page, mode, reading):
    page = open_page(NARROW)
    page.goto("/")
    if reading:
        toolbar = open_toolbar(page)
        for name in reading:
            toolbar.get_by_role("button", name=name, exact=True).click()
    wide = {}

    for name, url in (PAGES | MORE_PAGES).items():
        page.goto(url)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            wide[name] = width
        shoot(page, f"a11y-{name}-{mode}")

    open_toolbar(page)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > NARROW["width"]:
        wide["reading toolbar open"] = width
    shoot(page, f"a11y-toolbar-{mode}")
    assert wide == {}
