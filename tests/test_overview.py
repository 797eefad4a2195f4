"""Index pages that count across apps: pairings with their diagram, topics, and the HTML sitemap."""

import pytest

from cooperation.diagram import diagram_pairings, pairing_diagram
from cooperation.models import Topic
from review.models import Status
from tests.builders import make_delegation, make_pairing, make_person, make_project, region
from tests.public_site import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def pairings():
    daxing_front = make_pairing("大兴区", "察右前旗", start_year=2021)
    daxing_white = make_pairing("大兴区", "正镶白旗")
    tongzhou = make_pairing("通州区", "化德县")
    city = make_pairing("北京市", "兴安盟")
    trip = make_delegation()
    trip.pairings.set([daxing_front, tongzhou])
    make_delegation().pairings.set([daxing_front])
    make_delegation(status=Status.DRAFT).pairings.set([daxing_white])
    make_project(pairing=daxing_front)
    make_project(pairing=daxing_white, status=Status.DRAFT)
    return {"daxing_front": daxing_front, "daxing_white": daxing_white, "tongzhou": tongzhou, "city": city}


def test_pairings_are_grouped_by_beijing_district_with_their_level_and_counts(client, pairings):
    page = parse(client.get("/pairings/"))

    groups = page.find_all("section", cls="district-group")
    assert [group.find("h2").text for group in groups] == ["北京市", "通州区", "大兴区"]
    daxing = groups[2].find_all("li")
    assert [li.find("a").text for li in daxing] == ["大兴区 ⇄结对 察右前旗", "大兴区 ⇄结对 正镶白旗"]
    assert daxing[0].texts("span", cls="index-note") == [
        "内蒙古自治区乌兰察布市察哈尔右翼前旗 · 区旗 · 2021 年起",
        "考察活动 2 次 · 协作项目 1 个",
    ]
    assert daxing[1].texts("span", cls="index-note")[1] == "考察活动 0 次 · 协作项目 0 个"
    assert groups[0].find("span", cls="index-note").text == "内蒙古自治区兴安盟 · 省—市盟"


def test_the_diagram_draws_a_line_per_pairing_each_a_link_and_says_what_it_shows(client, pairings):
    page = parse(client.get("/pairings/"))

    svg = page.find("svg", cls="diagram-svg")
    lines = svg.find_all("a", cls="diagram-line")
    assert sorted((a.find("title").text, a.attrs["href"]) for a in lines) == sorted(
        (f"{p.support_region.display_name} ⇄ {p.recipient_region.display_name}", p.get_absolute_url())
        for p in pairings.values()
    )
    assert svg.attrs["aria-labelledby"] == "diagram-title diagram-desc"
    assert svg.find("title", id="diagram-title").text == "结对关系示意图"
    assert "每条连线是一个结对关系" in svg.find("desc").text
    # Beijing's side in division order, the leagues as headings on the other, 兴安盟 a node itself.
    nodes = svg.find("g", cls="diagram-nodes").find_all("a")
    beijing = [a.find("text").text for a in nodes if a.find("text").attrs["text-anchor"] == "end"]
    assert beijing == ["北京市", "通州区", "大兴区"]
    leagues = [a.find("text").text for a in svg.find_all("a", cls="diagram-league")]
    assert leagues == ["乌兰察布市", "兴安盟", "锡林郭勒盟"]
    # No script draws it: the page's only script is the reading toolbar's file.
    assert [script.attrs.get("src") for script in page.find_all("script")] == ["/static/js/reading-toolbar.js"]


def test_the_diagram_geometry_joins_each_pairing_to_its_two_regions(pairings):
    diagram = pairing_diagram(diagram_pairings())

    supports = {node.region.pk: node for node in diagram.supports}
    recipients = {node.region.pk: node for node in diagram.recipients}
    for line in diagram.lines:
        start, end = line.path[1:].split("C")[0], line.path.rsplit(" ", 2)[1:]
        pairing = line.pairing
        assert start == f"{supports[pairing.support_region_id].x} {supports[pairing.support_region_id].dot_y:g}"
        if pairing.recipient_region_id in recipients:
            node = recipients[pairing.recipient_region_id]
            assert end == [str(node.x), f"{node.dot_y:g}"]
    assert diagram.height >= 60 + 26 * (len(diagram.headings) + len(diagram.recipients))
    assert pairing_diagram([]) is None


def test_the_diagram_renders_from_the_large_benchmark_data(client):
    from benchmarks.data import generate

    generate(scale=0.01)
    client.get("/pairings/")

    svg = parse(client.get("/pairings/")).find("svg", cls="diagram-svg")

    assert len(svg.find_all("a", cls="diagram-line")) >= 1
    assert all(a.attrs["href"].startswith("/pairings/") for a in svg.find_all("a", cls="diagram-line"))


def test_topics_are_listed_with_their_published_trips_and_projects(client):
    topic = Topic.objects.get(slug="wenlv")
    trip = make_delegation()
    trip.topics.add(topic)
    make_delegation(status=Status.DRAFT).topics.add(topic)
    make_project().topics.add(topic)

    page = parse(client.get("/topics/"))

    entries = {entry.find("h2").text: entry for entry in page.find_all("li", cls="topic-entry")}
    assert list(entries) == list(Topic.objects.values_list("name", flat=True))
    assert entries[topic.name].find("p", cls="index-note").text == "考察活动 1 次 · 协作项目 1 个"
    assert entries[topic.name].find("a").attrs["href"] == topic.get_absolute_url()


def test_every_index_is_reached_from_the_home_page_and_the_html_sitemap(client, pairings):
    make_person()
    home = parse(client.get("/"))

    nav = dict(home.find("nav", cls="site-nav").links())
    footer = dict(home.find("footer").links())
    sitemap = parse(client.get(footer["网站地图"]))

    assert footer["网站地图"] == "/sitemap/"
    assert {nav[name] for name in ("结对关系", "地区", "协作领域")} == {"/pairings/", "/regions/", "/topics/"}
    assert nav["人物"] == "/people/"
    links = dict(sitemap.find("main").links())
    assert {links[name] for name in ("结对关系", "地区", "人物", "协作领域")} == {
        "/pairings/", "/regions/", "/people/", "/topics/"
    }
    assert links["XML 网站地图（供搜索引擎）"] == "/sitemap.xml"
    assert links["大兴区 — 察右前旗"] == pairings["daxing_front"].get_absolute_url()
    for url in ("/pairings/", "/regions/", "/people/", "/topics/", "/sitemap/"):
        assert client.get(url).status_code == 200


def test_the_current_index_is_marked_in_the_navigation(client, pairings):
    for url, name in (("/pairings/", "结对关系"), (pairings["city"].get_absolute_url(), "结对关系"),
                      ("/regions/", "地区"), (region("大兴区").get_absolute_url(), "地区"), ("/topics/", "协作领域")):
        page = parse(client.get(url))

        current = [a.text for a in page.find("nav", cls="site-nav").find_all("a") if a.attrs.get("aria-current")]
        assert current == [name], url
