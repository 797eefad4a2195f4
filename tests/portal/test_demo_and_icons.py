"""bin/start's demo (only into an empty site, never over staff's work), the icon set and the manifest."""

import io

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from govsite.models import SETTINGS_PK, SiteSettings
from review.models import Status
from tests.builders import make_delegation
from tests.public_site import parse
from visits.models import Delegation

pytestmark = pytest.mark.django_db


def run():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_an_empty_site_gets_the_seed_and_an_office_identity_and_a_second_run_changes_nothing(client):
    first = run()
    trip = Delegation.objects.get()
    footer = parse(client.get("/")).find("dl", cls="footer-facts")
    second = run()

    assert "已载入演示数据" in first and "已填写演示网站信息" in first
    assert trip.slug == "da-xing-qu-dang-zheng-dai-biao-tuan"
    assert footer.find("dd").text == "京蒙东西部协作工作办公室（演示站点）"
    assert "（待填写）" not in footer.text
    assert "102600" in footer.text
    assert "已有记录，未载入演示数据" in second and "网站信息已由管理员填写" in second
    assert Delegation.objects.count() == 1


def test_staff_edits_to_the_seed_records_and_the_identity_survive_a_restart():
    run()
    trip = Delegation.objects.get()
    trip.title = "编辑改过的标题"
    trip.status = Status.DRAFT
    trip.save()
    settings = SiteSettings.objects.get(pk=SETTINGS_PK)
    settings.sponsor = "某区支援合作办公室"
    settings.postcode = ""
    settings.save()

    run()

    trip.refresh_from_db()
    settings.refresh_from_db()
    assert (trip.title, trip.status) == ("编辑改过的标题", Status.DRAFT)
    assert (settings.sponsor, settings.postcode) == ("某区支援合作办公室", "")


def test_a_site_with_its_own_records_gets_no_demo_records():
    make_delegation("本办的考察")
    settings = SiteSettings.objects.get(pk=SETTINGS_PK)
    settings.sponsor = "本办"
    settings.save()

    output = run()

    assert list(Delegation.objects.values_list("title", flat=True)) == ["本办的考察"]
    assert SiteSettings.objects.get(pk=SETTINGS_PK).sponsor == "本办"
    assert "未载入演示数据" in output


def test_every_page_names_the_icon_set_and_each_icon_is_served(client, settings):
    page = parse(client.get("/"))

    links = {(link.attrs["rel"], link.attrs.get("sizes", "")): link.attrs["href"] for link in page.find_all("link")
             if "icon" in link.attrs["rel"] or link.attrs["rel"] == "manifest"}
    manifest = client.get(links[("manifest", "")]).json()
    favicon = client.get("/favicon.ico")

    assert set(links) == {("icon", "any"), ("icon", "32x32"), ("apple-touch-icon", ""), ("manifest", "")}
    assert favicon.status_code == 301 and favicon["Location"] == links[("icon", "any")]
    assert manifest["name"] == "京蒙协作记录"
    assert [icon["sizes"] for icon in manifest["icons"]] == ["192x192", "512x512"]
    files = [href for href in [*links.values(), *(icon["src"] for icon in manifest["icons"])]
             if href.startswith(settings.STATIC_URL)]
    assert len(files) == 5
    assert [href for href in files if not finders.find(href.removeprefix(settings.STATIC_URL))] == []
