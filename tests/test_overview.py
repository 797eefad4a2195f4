"""Index pages that count across apps: pairings with their diagram, topics, and the HTML sitemap."""

import datetime

import pytest

from cooperation.models import Topic
from portal.activity import activity_by_year
from portal.diagram import diagram_pairings, pairing_diagram
from review.models import Status
from tests.builders import make_delegation, make_meeting, make_pairing, make_person, make_project, region
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
    make_project(pairing=city, start_year=None)
    return {"daxing_front": daxing_front, "daxing_white": daxing_white, "tongzhou": tongzhou, "city": city}


def test_pairings_are_grouped_by_beijing_district_with_their_level_and_counts(client, pairings):
    page = parse(client.get("/pairings/"))

    groups = page.find_all("section", cls="district-group")
    assert [group.find("h2").text for group in groups] == ["北京市", "通州区", "大兴区"]
    daxing = groups[2].find_all("li")
    # 大兴区—正镶白旗 has only drafts filed under it: nothing a visitor could follow the link to.
    assert [li.find("a").text for li in daxing] == ["大兴区 ⇄结对 察右前旗"]
    assert daxing[0].texts("span", cls="index-note") == [
        "内蒙古自治区乌兰察布市察哈尔右翼前旗 · 区旗 · 2021 年起",
        "考察活动 2 次 · 协作项目 1 个",
    ]
    assert groups[0].find("span", cls="index-note").text == "内蒙古自治区兴安盟 · 省—市盟"
    assert groups[0].texts("span", cls="index-note")[1] == "考察活动 0 次 · 协作项目 1 个"


def test_the_diagram_draws_a_line_per_pairing_each_a_link_and_says_what_it_shows(client, pairings):
    page = parse(client.get("/pairings/"))

    svg = page.find("svg", cls="diagram-svg")
    lines = svg.find_all("a", cls="diagram-line")
    assert sorted((a.find("title").text, a.attrs["href"]) for a in lines) == sorted(
        (f"{p.support_region.display_name} ⇄ {p.recipient_region.display_name}", p.get_absolute_url())
        for name, p in pairings.items() if name != "daxing_white"
    )
    assert svg.attrs["aria-labelledby"] == "diagram-title diagram-desc"
    assert svg.find("title", id="diagram-title").text == "结对关系示意图"
    assert "每条连线是一个结对关系" in svg.find("desc").text
    # Beijing's side in division order, the leagues as headings on the other, 兴安盟 a node itself.
    nodes = svg.find("g", cls="diagram-nodes").find_all("a")
    beijing = [a.find("text").text for a in nodes if a.find("text").attrs["text-anchor"] == "end"]
    assert beijing == ["北京市", "通州区", "大兴区"]
    leagues = [a.find("text").text for a in svg.find_all("a", cls="diagram-league")]
    assert leagues == ["乌兰察布市", "兴安盟"]  # 锡林郭勒盟's one pairing has only drafts
    # No script draws it: the page's only script is the reading toolbar's file.
    scripts = [script.attrs.get("src") for script in page.find_all("script") if "src" in script.attrs]
    assert scripts == ["/static/js/reading-toolbar.js"]


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
    drafted = Topic.objects.exclude(pk=topic.pk).first()
    make_project(status=Status.DRAFT).topics.add(drafted)

    page = parse(client.get("/topics/"))

    entries = {entry.find("h2").text: entry for entry in page.find_all("li", cls="topic-entry")}
    # Only the topics something published is filed under: another would be a link to an empty page.
    assert list(entries) == [topic.name]
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


# ---------------------------------------------------------------------------------------------
# Activity per year: the home page's programme totals and each pairing's


@pytest.fixture
def activity():
    """Two pairings' trips, meetings and projects over three years, with drafts and undated records."""
    ours = make_pairing("大兴区", "察右前旗")
    other = make_pairing("大兴区", "正镶白旗")
    spring = make_delegation(start_date=datetime.date(2023, 4, 1))
    autumn = make_delegation(start_date=datetime.date(2024, 9, 1))
    undated = make_delegation()
    draft = make_delegation(start_date=datetime.date(2024, 5, 1), status=Status.DRAFT)
    for trip in (spring, autumn, undated, draft):
        trip.pairings.set([ours])
    make_delegation(start_date=datetime.date(2022, 1, 1)).pairings.set([other])
    make_meeting(spring)  # no date of its own: its trip's year, 2023
    make_meeting(autumn, date=datetime.date(2024, 9, 2))
    make_meeting(draft, date=datetime.date(2024, 5, 2))  # its trip is a draft: not public
    make_meeting(None, date=datetime.date(2022, 6, 1))  # no trip, so no pairing
    make_project(pairing=ours, start_year=2024)
    make_project(pairing=ours, start_year=2024, status=Status.DRAFT)
    make_project(pairing=other, start_year=2021)
    return ours


def rows(years):
    return [(row.year, row.trips, row.meetings, row.projects) for row in years]


def test_activity_counts_published_records_by_year_for_the_programme_and_a_pairing(activity):
    assert rows(activity_by_year()) == [(2021, 0, 0, 1), (2022, 1, 1, 0), (2023, 1, 1, 0), (2024, 1, 1, 1)]
    assert rows(activity_by_year(activity)) == [(2023, 1, 1, 0), (2024, 1, 1, 1)]


def test_the_counts_by_year_are_kept_only_until_a_record_they_count_changes(activity, django_assert_num_queries):
    assert rows(activity_by_year(activity)) == [(2023, 1, 1, 0), (2024, 1, 1, 1)]
    with django_assert_num_queries(0):  # kept
        assert rows(activity_by_year(activity)) == [(2023, 1, 1, 0), (2024, 1, 1, 1)]

    trip = make_delegation(start_date=datetime.date(2025, 5, 1))
    trip.pairings.add(activity)
    assert rows(activity_by_year(activity)) == [(2023, 1, 1, 0), (2024, 1, 1, 1), (2025, 1, 0, 0)]
    trip.status = Status.DRAFT
    trip.save()
    assert rows(activity_by_year(activity)) == [(2023, 1, 1, 0), (2024, 1, 1, 1)]
    assert rows(activity_by_year()) == [(2021, 0, 0, 1), (2022, 1, 1, 0), (2023, 1, 1, 0), (2024, 1, 1, 1)]


def test_the_home_page_charts_the_programme_by_year_with_a_table_and_its_data(client, activity):
    page = parse(client.get("/"))

    section = page.find("section", **{"aria-labelledby": "activity-title"})
    charts = section.find_all("figure", cls="chart")
    assert [chart.find("figcaption").text for chart in charts] == ["考察活动", "会议座谈", "协作项目（按开工年份）"]
    assert charts[0].find("desc").text == "2021：0；2022：1；2023：1；2024：1"
    table = section.find("table")
    assert [tr.texts("th") + tr.texts("td") for tr in table.find("tbody").find_all("tr")] == [
        ["2021", "0", "0", "1"], ["2022", "1", "1", "0"], ["2023", "1", "1", "0"], ["2024", "1", "1", "1"]
    ]
    links = dict(section.find("p", cls="data-links").links())
    csv = client.get(links["CSV"])
    data = client.get(links["JSON"]).json()
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert csv.content.decode("utf-8-sig").splitlines() == [
        "年份,考察活动,会议座谈,协作项目（按开工年份）", "2021,0,0,1", "2022,1,1,0", "2023,1,1,0", "2024,1,1,1"
    ]
    assert data["years"] == [
        {"year": 2021, "trips": 0, "meetings": 0, "projects": 1},
        {"year": 2022, "trips": 1, "meetings": 1, "projects": 0},
        {"year": 2023, "trips": 1, "meetings": 1, "projects": 0},
        {"year": 2024, "trips": 1, "meetings": 1, "projects": 1},
    ]
    assert data["pairing"] is None


def test_a_pairing_page_charts_its_own_activity(client, activity):
    page = parse(client.get(activity.get_absolute_url()))

    section = page.find("section", **{"aria-labelledby": "activity-title"})
    assert [chart.find("desc").text for chart in section.find_all("figure", cls="chart")] == [
        "2023：1；2024：1", "2023：1；2024：1", "2023：0；2024：1"
    ]
    links = dict(section.find("p", cls="data-links").links())
    assert links["JSON"] == f"/pairings/{activity.slug}/activity.json"
    data = client.get(links["JSON"]).json()
    assert (data["pairing"], data["years"][-1]) == ("大兴区—察右前旗", {"year": 2024, "trips": 1, "meetings": 1,
                                                                       "projects": 1})


def test_a_pairing_with_nothing_dated_says_so_and_unknown_data_is_not_found(client):
    pairing = make_pairing("通州区", "化德县")
    make_project(pairing=pairing, start_year=None)

    page = parse(client.get(pairing.get_absolute_url()))

    section = page.find("section", **{"aria-labelledby": "activity-title"})
    assert section.find("p", cls="empty").text == "还没有带年份的公开记录。"
    assert client.get(f"/pairings/{pairing.slug}/activity.xml").status_code == 404
    assert client.get("/pairings/no-such-pairing/activity.csv").status_code == 404
    assert client.get("/activity.csv").status_code == 200


def test_the_indexes_and_the_charts_read_in_english(client, activity):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    headings = {url: parse(client.get(url)).find("h1").text for url in
                ("/pairings/", "/regions/", "/people/", "/topics/", "/sitemap/")}
    home = parse(client.get("/"))
    pairings = parse(client.get("/pairings/"))

    assert headings == {"/pairings/": "Pairings", "/regions/": "Regions", "/people/": "People",
                        "/topics/": "Fields of cooperation", "/sitemap/": "Sitemap"}
    assert home.find("h2", id="activity-title").text == "Activity by year"
    assert [chart.find("figcaption").text for chart in home.find_all("figure", cls="chart")] == [
        "Trips", "Meetings", "Projects (by start year)"
    ]
    assert pairings.find("svg", cls="diagram-svg").find("title").text == "Diagram of the pairings"
    assert pairings.find("span", cls="index-note").text.endswith("· District–banner")
