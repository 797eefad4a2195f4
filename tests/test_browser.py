"""The public site in a real headless Chromium: links, filters, search, phone and desktop.

The pages run under the site's Content Security Policy, so any inline script or style would
show up here as a console error (tests/browser.py; screenshots with --screenshots).
"""

import pytest
from playwright.sync_api import expect

from tests.browser import DESKTOP, PHONE, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TRIP_TITLE = "区委书记王有国率大兴区党政代表团到察右前旗、正镶白旗对接考察"
PROJECT = "星耀镇京蒙现代农业科技产业园"


@pytest.fixture
def browser_data(seed_transactional):
    """The pages show the seed report."""


def test_from_the_home_page_through_a_trip_and_a_speaker_to_a_project(open_page):
    page = open_page()
    page.goto("/")

    page.get_by_role("link", name=TRIP_TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TRIP_TITLE)
    expect(page.locator(".stop h3")).to_have_text(
        [
            "乌兰察布延彩生态农业发展有限公司大哈拉运营区",
            "正镶白旗人才公寓",
            "星耀镇京蒙现代农业科技产业园科技种植示范基地",
            "星空草原",
        ]
    )

    page.locator(".meeting summary").filter(has_text="张佰成").click()
    page.locator(".speech .speaker").filter(has_text="张佰成").get_by_role("link", name="张佰成").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("张佰成")
    expect(page.locator(".lead")).to_have_text("内蒙古自治区政协副主席、锡林郭勒盟委书记")

    page.get_by_role("link", name="查看考察过的协作项目").click()
    expect(page.locator(".card-title")).to_have_text([PROJECT])
    page.get_by_role("link", name=PROJECT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROJECT)
    history = page.locator("section[aria-labelledby=inspections-title]")
    expect(history.get_by_role("link", name=TRIP_TITLE)).to_be_visible()


def test_the_trip_filters_narrow_the_list_and_combine(open_page):
    page = open_page()
    page.goto("/visits/")

    page.get_by_text("筛选条件").click()
    page.get_by_role("combobox", name="结对关系").select_option(label="大兴区 — 正镶白旗")
    page.get_by_role("combobox", name="协作领域").select_option(label="文旅")
    page.get_by_role("button", name="筛选").click()

    expect(page).to_have_url(f"{page.url.split('?')[0]}?year=&pairing=da-xing-qu-zheng-xiang-bai-qi&region=&topic=wenlv&kind=&person=&date_from=&date_to=")
    expect(page.locator(".card-title")).to_have_text([TRIP_TITLE])
    expect(page.locator(".active-filters li span")).to_have_text(["结对关系：大兴区 — 正镶白旗", "协作领域：文旅"])

    page.get_by_text("筛选条件").click()
    page.get_by_role("combobox", name="类型").select_option(label="签约")
    page.get_by_role("button", name="筛选").click()
    expect(page.locator(".results-count")).to_have_text("共 0 次考察活动")


def test_the_project_filters_include_the_regions_below(open_page):
    page = open_page()
    page.goto("/projects/")

    page.get_by_text("筛选条件").click()
    page.get_by_role("combobox", name="地区（含下级）").select_option(value="xi-lin-guo-lei-meng")
    page.get_by_role("button", name="筛选").click()

    expect(page.locator(".card-title")).to_have_text([PROJECT])
    shoot(page, "projects-filtered")


def test_search_finds_the_peony_site_visit_and_leads_to_it(open_page):
    page = open_page()
    page.goto("/visits/")

    page.get_by_role("searchbox", name="搜索全站").fill("芍药")
    page.get_by_role("searchbox", name="搜索全站").press("Enter")

    expect(page.locator(".result-group > h3")).to_have_text(["考察活动 1", "实地考察 1"])
    expect(page.locator("mark").first).to_have_text("芍药")
    shoot(page, "search")
    page.get_by_role("link", name="乌兰察布延彩生态农业发展有限公司大哈拉运营区").click()
    expect(page).to_have_url(page.url.split("#")[0] + "#site-1")
    expect(page.locator("#site-1 h3")).to_have_text("乌兰察布延彩生态农业发展有限公司大哈拉运营区")


def test_search_finds_the_person_and_his_speeches(open_page):
    page = open_page()
    page.goto("/")

    page.get_by_label("搜索人物、考察点、会议发言和项目").fill("王有国")
    page.get_by_role("button", name="搜索").click()

    expect(page.locator(".tabs a")).to_have_text(
        ["全部 4", "考察活动 1", "实地考察 0", "会议 0", "发言 2", "协作项目 0", "人物 1"]
    )
    page.locator(".tabs").get_by_role("link", name="发言 2").click()
    expect(page.locator(".result-title")).to_have_text(["王有国（区委书记）", "王有国（区委书记）"])


def test_the_language_switch_turns_the_interface_to_english(open_page):
    page = open_page()
    page.goto("/visits/")

    page.get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Trips")
    expect(page.locator(".card-title")).to_have_text([TRIP_TITLE])
    shoot(page, "trips-english")


def test_pages_read_without_javascript(open_page):
    page = open_page(java_script_enabled=False)
    page.goto("/visits/da-xing-qu-dang-zheng-dai-biao-tuan/")

    expect(page.get_by_role("heading", level=1)).to_have_text(TRIP_TITLE)
    expect(page.locator(".speech")).to_have_count(8)
    page.locator("summary", has_text="报道全文").click()
    expect(page.locator("#source-text")).to_contain_text("星空草原")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_screenshots_of_every_kind_of_page(open_page, viewport):
    page = open_page(viewport)
    pages = {
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
        "not-found": "/visits/no-such-trip/",
    }

    for name, url in pages.items():
        page.goto(url)
        # Nothing sticks out sideways: a phone never has to scroll horizontally.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], (name, width)
        expect(page.locator("main h1")).to_be_visible()
        shoot(page, name)
