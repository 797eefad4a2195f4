"""The header and footer, written once per view, language and site state, still speak of each page."""

import html
from urllib.parse import quote

import pytest

from govsite.models import SETTINGS_PK, SiteSettings
from tests.builders import make_delegation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE = False


def test_each_page_s_own_address_is_in_its_language_switch_and_error_report_link(client):
    make_delegation("页眉测试")
    addresses = ["/visits/", "/visits/?page=1&kind=inspection", "/visits/?year=2024&x=%22%3E%3Cb%3E"]

    pages = [client.get(address).content.decode() for address in addresses]

    for address, page in zip(addresses, pages, strict=True):
        assert f'<input type="hidden" name="next" value="{html.escape(address)}">' in page
        path = address.split("?")[0]
        assert f"?kind=error&amp;page={quote(path, safe='')}" in page


def test_the_navigation_marks_the_section_of_each_view(client):
    make_delegation("页眉测试")

    trips, home = client.get("/visits/").content.decode(), client.get("/").content.decode()

    assert '<a href="/visits/" aria-current="page">' in trips
    assert '<a href="/visits/" aria-current="page">' not in home
    assert 'aria-current="page">首页</a>' in home and 'aria-current="page">首页</a>' not in trips


def test_each_language_has_its_own_header_and_footer(client):
    chinese = client.get("/visits/").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/visits/").content.decode()

    assert 'aria-pressed="true">中文</button>' in chinese and "浏览与获取" in chinese
    assert 'aria-pressed="true">English</button>' in english and "浏览与获取" not in english


def test_a_change_to_the_site_s_settings_shows_in_the_next_footer(client):
    before = client.get("/visits/").content.decode()
    row = SiteSettings.objects.get(pk=SETTINGS_PK)
    row.sponsor = "页脚测试主办单位"
    row.save()

    after = client.get("/visits/").content.decode()

    assert "页脚测试主办单位" not in before and "页脚测试主办单位" in after
