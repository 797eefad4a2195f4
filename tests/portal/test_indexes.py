"""The index pages of the program's own records: people A–Z, the division tree, the region filter."""

import datetime

import pytest

from cooperation.models import Appointment, Region
from review.models import Status
from tests.builders import make_delegation, make_pairing, make_person, region
from tests.public_site import parse

pytestmark = pytest.mark.django_db


def test_people_are_listed_a_to_z_by_pinyin_with_their_current_title(client):
    wang = make_person("王有国", title="察右前旗委书记")
    Appointment.objects.create(
        person=wang, title="前职", start_date=datetime.date(2015, 1, 1), end_date=datetime.date(2019, 1, 1)
    )
    make_person("安然", title="大兴区副区长")
    make_person("张柏成")
    make_person("白雪", title="正镶白旗旗长")
    make_person("草稿人物", status=Status.DRAFT)

    page = parse(client.get("/people/"))

    groups = page.find_all("section", cls="letter-group")
    assert [group.find("h2").text for group in groups] == ["A", "B", "W", "Z"]
    assert [[a.text for a in group.find("ul").find_all("a")] for group in groups] == [
        ["安然"], ["白雪"], ["王有国"], ["张柏成"]
    ]
    assert page.texts("span", cls="index-note") == ["大兴区副区长", "正镶白旗旗长", "察右前旗委书记"]
    alphabet = page.find("nav", cls="alphabet")
    assert [a.text for a in alphabet.find_all("a")] == ["A", "B", "W", "Z"]
    assert alphabet.find("a").attrs["href"] == "#letter-A"
    assert len(alphabet.find_all("li")) == 26


def test_the_people_list_pages_and_the_letters_point_at_their_page(client, settings, monkeypatch):
    monkeypatch.setattr("portal.indexes.PEOPLE_PER_PAGE", 2)
    for name in ("安然", "白雪", "陈明", "王有国", "张柏成"):
        make_person(name)

    first = parse(client.get("/people/"))
    third = parse(client.get("/people/?page=3"))

    links = dict((a.text, a.attrs["href"]) for a in first.find("nav", cls="alphabet").find_all("a"))
    assert links == {"A": "#letter-A", "B": "#letter-B", "C": "?page=2#letter-C", "W": "?page=2#letter-W",
                     "Z": "?page=3#letter-Z"}
    assert [a.text for a in third.find("section", cls="letter-group").find_all("a")] == ["张柏成"]


def test_regions_are_the_division_tree_in_division_order_with_their_pairings(client):
    pairing = make_pairing("大兴区", "察右前旗")
    # Every place is listed once something published names it: here a trip to all of them.
    make_delegation().destinations.set(Region.objects.all())
    make_delegation().pairings.set([pairing])

    page = parse(client.get("/regions/"))

    provinces = page.find_all("section", cls="division-province")
    assert [section.find("h2").find("a").text for section in provinces] == ["北京市", "内蒙古自治区"]
    beijing = [li.find("a").text for li in provinces[0].find("ul").find_all("li")]
    assert beijing[:3] == ["东城区", "西城区", "朝阳区"]
    assert beijing[-1] == "北京经济技术开发区"
    assert len(beijing) == 17
    leagues = provinces[1].texts("h3", cls="division-name")
    assert leagues[:3] == ["呼和浩特市", "包头市", "乌海市"]
    assert len(leagues) == 12
    leagues_listed = provinces[1].find_all("li", cls="division-parent")
    ulanqab = next(li for li in leagues_listed if li.find("h3").text == "乌兰察布市")
    banners = [li.find("a").text for li in ulanqab.find("ul").find_all("li")]
    assert banners[0] == "集宁区"
    assert "察哈尔右翼前旗" in banners
    daxing = next(li for li in provinces[0].find_all("li") if li.find("a").text == "大兴区")
    assert daxing.find("span", cls="index-note").links() == [("察哈尔右翼前旗", pairing.get_absolute_url())]


def labels(group):
    """The options' labels as written, the ideographic spaces that indent them kept."""
    return ["".join(option.children) for option in group.find_all("option")]


def test_the_region_filter_offers_official_names_grouped_by_province_and_league(client):
    make_delegation().destinations.set(Region.objects.all())

    select = parse(client.get("/visits/")).find("select", id="id_region")

    groups = [group.attrs["label"] for group in select.find_all("optgroup")]
    assert groups[:3] == ["北京市", "内蒙古自治区", "呼和浩特市"]
    assert len(groups) == 14
    beijing = labels(select.find("optgroup", label="北京市"))
    assert beijing[:3] == ["北京市", "\u3000东城区", "\u3000西城区"]
    assert "\u3000通州区" in beijing and "通县" not in " ".join(beijing)
    assert beijing[-1] == "\u3000北京经济技术开发区"
    assert labels(select.find("optgroup", label="锡林郭勒盟"))[:3] == [
        "锡林郭勒盟", "\u3000二连浩特市", "\u3000锡林浩特市"
    ]


def test_a_chosen_township_shows_under_its_league_with_its_official_name(client):
    from tests.builders import make_region

    town = make_region("星耀测试镇", parent=region("正镶白旗"))
    make_delegation().destinations.set([town])

    page = parse(client.get(f"/visits/?region={town.slug}"))

    select = page.find("select", id="id_region")
    (selected,) = [o for o in select.find_all("option") if "selected" in o.attrs]
    assert selected.parent.attrs["label"] == "锡林郭勒盟"
    assert selected.children == ["\u3000\u3000星耀测试镇"]
    assert page.find("ul", cls="active-filters").find("span").text == "地区（含下级）：星耀测试镇"


def test_a_pairing_shows_the_level_its_regions_have(client):
    city = make_pairing("北京市", "兴安盟")
    county = make_pairing("大兴区", "察右前旗")
    make_delegation().pairings.set([city])

    assert city.level_label == "省—市盟"
    assert county.level_label == "区旗"
    page = parse(client.get(city.get_absolute_url()))
    assert "省—市盟" in page.find("p", cls="record-kicker").text


def test_a_district_is_not_called_by_the_county_it_was_before(client):
    tongzhou = region("通州区")

    assert (tongzhou.display_name, tongzhou.slug) == ("通州区", "tong-xian")
    assert "通县" in tongzhou.alias_list()
    assert region("察哈尔右翼前旗").display_name == "察右前旗"
    assert region("北京经济技术开发区").display_name == "北京经开区"
