"""The site's identity: the footer and the 网页标签 of every public page, set by staff in the admin."""

import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from accounts.models import AuditEntry, AuditEvent
from cooperation.models import Source
from govsite.models import SiteSettings
from tests.builders import make_delegation, make_publisher
from tests.public_site import build_world, meta, parse, png_file

pytestmark = pytest.mark.django_db

SITE_TAGS = ["SiteName", "SiteDomain", "SiteIDCode"]
COLUMN_TAGS = ["ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType"]
ARTICLE_TAGS = ["ArticleTitle", "PubDate", "ContentSource"]
ALL_TAGS = SITE_TAGS + COLUMN_TAGS + ARTICLE_TAGS

FILLED_IN = {
    "site_name": "京蒙协作记录",
    "site_domain": "jmxz.example.gov.cn",
    "site_id_code": "1100000088",
    "sponsor": "北京市大兴区京蒙协作办公室",
    "address": "北京市大兴区兴政街15号",
    "postcode": "102600",
    "phone": "010-69243000",
    "icp_number": "京ICP备12345678号-1",
    "police_number": "京公网安备11011502000001号",
}


@pytest.fixture
def filled_in():
    SiteSettings.objects.filter(pk=1).update(**FILLED_IN)


def tags_of(page):
    return {name: meta(page, name) for name in ALL_TAGS if meta(page, name) is not None}


def footer_facts(page):
    facts = page.find("dl", cls="footer-facts")
    return {item.find("dt").text: item.find("dd").text for item in facts.find_all("div")}


def test_a_fresh_site_shows_placeholders_marked_to_be_filled_in(client):
    page = parse(client.get("/"))

    assert footer_facts(page) == {
        "主办单位": "主办单位（待填写）",
        "地址": "地址（待填写）",
        "邮编": "待填写",
        "联系电话": "联系电话（待填写）",
        "网站标识码": "待填写",
        "ICP备案号": "待填写",
        "公安备案号": "待填写",
    }
    assert tags_of(page) == {"SiteName": "京蒙协作记录", "SiteDomain": "testserver", "SiteIDCode": ""}


@pytest.mark.usefixtures("filled_in")
def test_the_footer_links_each_registration_to_its_registry(client):
    page = parse(client.get("/"))

    assert footer_facts(page) == {
        "主办单位": "北京市大兴区京蒙协作办公室",
        "地址": "北京市大兴区兴政街15号",
        "邮编": "102600",
        "联系电话": "010-69243000",
        "网站标识码": "1100000088",
        "ICP备案号": "京ICP备12345678号-1",
        "公安备案号": "京公网安备11011502000001号",
    }
    links = {a.text: a.attrs["href"] for a in page.find("dl", cls="footer-facts").find_all("a")}
    assert links == {
        "1100000088": "https://zfwzzc.www.gov.cn/",
        "京ICP备12345678号-1": "https://beian.miit.gov.cn/",
        "京公网安备11011502000001号": "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=11011502000001",
    }
    assert page.find_all("p", cls="footer-mark") == []


def _pages(world):
    return {
        "home": "/",
        "trips": "/visits/",
        "projects": "/projects/",
        "open data": "/data/",
        "search": "/search/?q=世界",
        "trip": world.trip.get_absolute_url(),
        "meeting": world.meeting.get_absolute_url(),
        "project": world.project.get_absolute_url(),
        "person": world.person.get_absolute_url(),
        "region": world.region.get_absolute_url(),
        "pairing": world.pairing.get_absolute_url(),
        "topic": world.topic.get_absolute_url(),
    }


@pytest.mark.usefixtures("filled_in")
def test_every_page_type_carries_the_tags_of_its_kind(client):
    world = build_world(1)
    published = "2024-06-20 09:30"
    moment = timezone.make_aware(datetime.datetime(2024, 6, 20, 9, 30))
    source = Source.objects.create(title="报道", publisher="大兴区融媒体中心")
    world.trip.__class__.objects.filter(pk=world.trip.pk).update(published_at=moment, source=source)
    for record in (world.meeting, world.project, world.person):
        record.__class__.objects.filter(pk=record.pk).update(published_at=moment)
    site = {"SiteName": "京蒙协作记录", "SiteDomain": "jmxz.example.gov.cn", "SiteIDCode": "1100000088"}
    trips_column = {
        "ColumnName": "考察活动",
        "ColumnDescription": "京蒙协作代表团考察、来访、调研与签约活动的记录，含行程、实地考察点与出席人员。",
        "ColumnKeywords": "京蒙协作,东西部协作,代表团,考察,对接",
        "ColumnType": "工作动态",
    }
    projects_column = {
        "ColumnName": "协作项目",
        "ColumnDescription": "京蒙协作项目：结对关系、所在地、实施主体、帮扶资金与投资、进展与考察记录。",
        "ColumnKeywords": "京蒙协作,协作项目,帮扶资金,产业协作",
        "ColumnType": "专题专栏",
    }
    meetings_column = {
        "ColumnName": "会议座谈",
        "ColumnDescription": "座谈会、联席会、签约仪式与对接会，以及会上每位发言人的发言要点。",
        "ColumnKeywords": "京蒙协作,座谈会,联席会,签约仪式,发言",
        "ColumnType": "工作动态",
    }
    people_column = {
        "ColumnName": "人物",
        "ColumnDescription": "参与京蒙协作的人物：任职经历、参加的考察活动与会议发言。",
        "ColumnKeywords": "京蒙协作,人物,任职,发言",
        "ColumnType": "机构职能",
    }
    data_column = {
        "ColumnName": "开放数据",
        "ColumnDescription": "已发布的考察活动、会议发言与协作项目，以 CSV 和 JSON 下载，列与导入台账相同。",
        "ColumnKeywords": "京蒙协作,开放数据,数据下载,CSV,JSON",
        "ColumnType": "数据发布",
    }

    def article(title, source="北京市大兴区京蒙协作办公室"):
        return {"ArticleTitle": title, "PubDate": published, "ContentSource": source}

    expected = {
        "home": site,
        "trips": {**site, **trips_column},
        "projects": {**site, **projects_column},
        "open data": {**site, **data_column},
        "search": site,
        "trip": {**site, **trips_column, **article(world.trip.title, "大兴区融媒体中心")},
        "meeting": {**site, **meetings_column, **article(world.meeting.title)},
        "project": {**site, **projects_column, **article(world.project.name)},
        "person": {**site, **people_column, **article(world.person.name)},
        "region": site,
        "pairing": site,
        "topic": site,
    }

    found = {name: tags_of(parse(client.get(url))) for name, url in _pages(world).items()}

    assert found == expected


def test_a_change_saved_in_the_admin_shows_on_the_next_page_and_is_audited(client, django_user_model):
    before = parse(client.get("/visits/"))  # the settings, and perhaps the whole page, are cached now
    assert footer_facts(before)["主办单位"] == "主办单位（待填写）"
    publisher = make_publisher(django_user_model)
    staff = client.__class__()
    staff.force_login(publisher)
    form = {**FILLED_IN, "sponsor": "北京市大兴区人民政府", "party_mark_url": "https://bszs.conac.cn/sitename?id=1"}

    response = staff.post(
        reverse("admin:govsite_sitesettings_change", args=[1]), {**form, "party_mark": png_file("mark.png")}
    )

    assert response.status_code == 302
    page = parse(client.get("/visits/"))
    assert footer_facts(page)["主办单位"] == "北京市大兴区人民政府"
    assert meta(page, "SiteIDCode") == "1100000088"
    mark = page.find("p", cls="footer-mark")
    assert mark.find("a").attrs["href"] == "https://bszs.conac.cn/sitename?id=1"
    assert mark.find("img").attrs["alt"] == "党政机关网站标识"
    assert mark.find("img").attrs["src"].startswith("/media/govsite/mark")
    entry = AuditEntry.objects.get(event=AuditEvent.SETTINGS_CHANGE)
    assert (entry.username, entry.object_type, entry.object_id) == ("publisher", "govsite.sitesettings", "1")
    assert "主办单位" in entry.detail


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("site_id_code", "11000000", "标识码是 10 位字母或数字，如 1500000001"),
        ("icp_number", "京ICP备号", "写作 京ICP备12345678号 或 京ICP备12345678号-1"),
        ("police_number", "京公网安备1101号", "写作 京公网安备11011502000001号（14 位数字）"),
        ("postcode", "10260", "邮编是 6 位数字"),
        ("site_domain", "https://jmxz.example.gov.cn/", "只填写域名，如 jmxz.example.gov.cn，不含 http://"),
    ],
)
def test_a_malformed_registration_is_refused_with_a_message_and_nothing_changes(admin_client, field, value, message):
    response = admin_client.post(reverse("admin:govsite_sitesettings_change", args=[1]), {**FILLED_IN, field: value})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {field: [message]}
    assert SiteSettings.objects.get().sponsor == "主办单位（待填写）"


def test_the_mark_goes_through_the_photo_checks(admin_client):
    buffer = BytesIO()
    Image.new("RGB", (55, 65), (200, 0, 0)).save(buffer, format="GIF")
    gif = SimpleUploadedFile("mark.gif", buffer.getvalue(), content_type="image/gif")
    url = reverse("admin:govsite_sitesettings_change", args=[1])

    response = admin_client.post(url, {**FILLED_IN, "party_mark": gif})

    assert response.context["adminform"].form.errors == {"party_mark": ["只接受 JPEG、PNG 或 WebP 图片。"]}
    assert not SiteSettings.objects.get().party_mark


def test_there_is_one_settings_record_which_nobody_adds_to_or_deletes(admin_client):
    assert admin_client.get(reverse("admin:govsite_sitesettings_add")).status_code == 403
    assert admin_client.get(reverse("admin:govsite_sitesettings_delete", args=[1])).status_code == 403
    assert SiteSettings.objects.count() == 1


def test_an_editor_cannot_change_the_settings(client, django_user_model):
    from tests.builders import make_editor

    client.force_login(make_editor(django_user_model))

    response = client.post(reverse("admin:govsite_sitesettings_change", args=[1]), FILLED_IN)

    assert response.status_code == 403
    assert SiteSettings.objects.get().sponsor == "主办单位（待填写）"


def test_a_source_without_publisher_credits_the_sponsor(client, filled_in):
    trip = make_delegation(source=Source.objects.create(title="报道"))

    page = parse(client.get(trip.get_absolute_url()))

    assert meta(page, "ContentSource") == "北京市大兴区京蒙协作办公室"
