"""Home, people, places, pairings, topics, search, the feed, the sitemap and robots.txt."""

import datetime
from decimal import Decimal
from xml.etree import ElementTree

import pytest

from accounts.roles import EDITOR
from cooperation.models import Appointment, FigureMetric, ProgramFigure
from review.models import Status
from tests.builders import (
    make_delegation,
    make_meeting,
    make_organization,
    make_participant,
    make_person,
    make_project,
    make_region,
    make_site_visit,
    make_speech,
    make_staff,
    make_topic,
    region,
)
from tests.public_site import build_world, json_ld, make_pairing_once, meta, parse

TRIP = "/visits/da-xing-qu-dang-zheng-dai-biao-tuan/"
PROJECT = "/projects/xing-yao-zhen-jing-meng-xian-dai-nong-ye-ke-ji-chan-ye-yuan/"


# ---------------------------------------------------------------------------------------------
# Home


def test_the_home_page_shows_the_latest_trips_projects_and_pairings(client, seed):
    page = parse(client.get("/"))

    trips = page.find("section", aria_labelledby="latest-trips")
    assert trips.texts("h3", cls="card-title") == ["区委书记王有国率大兴区党政代表团到察右前旗、正镶白旗对接考察"]
    projects = page.find("section", aria_labelledby="featured-projects")
    assert projects.texts("h3", cls="card-title") == ["星耀镇京蒙现代农业科技产业园"]
    pairings = page.find("section", aria_labelledby="pairings").find_all("li", cls="pairing-item")
    assert [(p.find("h3").text, p.find("dl", cls="figures").text) for p in pairings] == [
        ("大兴区 ⇄结对 察右前旗", "考察活动 1 协作项目 0"),
        ("大兴区 ⇄结对 正镶白旗", "考察活动 1 协作项目 1"),
    ]
    assert page.find("dl", cls="hero-stats").texts("dd") == ["1", "1", "13"]


def test_from_the_home_page_every_fact_of_the_report_is_a_few_links_away(client, seed):
    home = parse(client.get("/"))
    trip_url = dict(home.find("section", aria_labelledby="latest-trips").links())[
        "区委书记王有国率大兴区党政代表团到察右前旗、正镶白旗对接考察"
    ]

    trip = parse(client.get(trip_url))
    links = dict(trip.links())

    assert trip_url == TRIP
    assert links["星耀镇京蒙现代农业科技产业园"] == PROJECT
    assert links["张佰成"] == "/people/zhang-bai-cheng/"
    assert links["正镶白旗京蒙协作工作座谈会"] == (
        "/visits/meetings/zheng-xiang-bai-qi-jing-meng-xie-zuo-gong-zuo-zuo-tan-hui/"
    )
    for url in [links["王有国"], links["星耀镇京蒙现代农业科技产业园"], links["大兴区 — 正镶白旗"], links["文旅"]]:
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_the_home_page_shows_each_pairings_latest_reported_figures(client):
    pairing = make_pairing_once("大兴区", "正镶白旗")
    ProgramFigure.objects.create(pairing=pairing, year=2023, metric=FigureMetric.FUNDS, actual=Decimal("3380"))
    ProgramFigure.objects.create(pairing=pairing, year=2024, metric=FigureMetric.FUNDS, planned=Decimal("3500"))
    ProgramFigure.objects.create(pairing=pairing, year=2024, metric=FigureMetric.LABOUR, planned=Decimal("400"))
    make_project(pairing=pairing)  # a pairing is shown once something published is filed under it

    page = parse(client.get("/"))

    figures = page.find("dl", cls="headline-figures").find_all("div")
    assert [div.text for div in figures] == [
        "财政帮扶资金（万元） 3,3802023 年",
        "劳务协作人数（人） 4002024 年计划",
    ]


@pytest.mark.django_db
def test_the_home_page_counts_only_published_records(client):
    make_delegation("公开")
    make_delegation("草稿", status=Status.DRAFT)
    make_project("草稿项目", status=Status.DRAFT)

    page = parse(client.get("/"))

    assert page.find("dl", cls="hero-stats").texts("dd") == ["1", "0", "0"]


@pytest.mark.django_db
def test_the_page_head_advertises_the_feed_and_carries_open_graph_tags(client):
    page = parse(client.get("/"))

    feed = [link for link in page.find_all("link") if link.attrs.get("type") == "application/atom+xml"]
    assert [link.attrs["href"] for link in feed] == ["/feed/"]
    assert (meta(page, "og:site_name"), meta(page, "og:type"), meta(page, "og:url")) == (
        "京蒙协作记录", "website", "http://testserver/",
    )


@pytest.mark.django_db
def test_no_page_carries_inline_script_or_style(client, seed):
    for url in ["/", "/visits/", TRIP, "/projects/", PROJECT, "/people/wang-you-guo/", "/search/?q=芍药"]:
        page = parse(client.get(url))
        scripts = [s.attrs.get("type") for s in page.find_all("script") if "src" not in s.attrs]
        assert set(scripts) <= {"application/ld+json"}, url
        assert page.find_all("style") == [], url
        assert [e.tag for e in page.iter() if "style" in e.attrs or any(a.startswith("on") for a in e.attrs)] == []


# ---------------------------------------------------------------------------------------------
# People


def test_a_person_page_shows_posts_trips_and_speeches(client, seed):
    page = parse(client.get("/people/wang-you-guo/"))

    assert page.find("h1").text == "王有国"
    assert page.find("p", cls="lead").text == "大兴区委书记"
    assert page.find("ul", cls="appointments").texts("span", cls="appointment-title") == ["大兴区委书记"]
    trips = page.find("section", aria_labelledby="trips-title")
    assert trips.links() == [
        ("区委书记王有国率大兴区党政代表团到察右前旗、正镶白旗对接考察", TRIP),
        ("查看考察过的协作项目 ›", "/projects/?person=wang-you-guo"),
    ]
    assert trips.find("span", cls="muted").text == "来访方 · 带队 · 报道称：区委书记"
    speeches = page.find("section", aria_labelledby="speeches-title")
    assert speeches.texts("h3") == ["时任：区委书记"]
    assert speeches.texts("p", cls="speech-meeting") == ["察右前旗座谈会 强调", "正镶白旗京蒙协作工作座谈会 强调"]
    assert speeches.find_all("p", cls="note") == []
    (person,) = json_ld(page)
    assert (person["@type"], person["name"], person["jobTitle"]) == ("Person", "王有国", "大兴区委书记")


@pytest.mark.django_db
def test_speeches_are_grouped_by_the_title_held_at_the_time_with_a_note_where_it_changed(client):
    person = make_person("张测试")
    Appointment.objects.create(
        person=person, title="呼和浩特市长", start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2021, 6, 30),
    )
    Appointment.objects.create(person=person, title="锡林郭勒盟委书记", start_date=datetime.date(2021, 7, 1))
    early = make_meeting(make_delegation("2020年考察"), "2020年座谈会", date=datetime.date(2020, 8, 1))
    make_speech(early, person, title_as_printed="市长")
    late = make_meeting(make_delegation("2024年考察"), "2024年座谈会", date=datetime.date(2024, 3, 1))
    make_speech(late, person, title_as_printed="盟委书记")

    page = parse(client.get(person.get_absolute_url()))

    groups = page.find("section", aria_labelledby="speeches-title").find_all("section", cls="title-group")
    assert [(g.find("h3").text, g.texts("p", cls="speech-meeting")) for g in groups] == [
        ("时任：锡林郭勒盟委书记", ["2024年座谈会 讲话"]),
        ("时任：呼和浩特市长", ["2020年座谈会 讲话"]),
    ]
    assert [g.texts("p", cls="note") for g in groups] == [
        [],
        ["发言时的职务（呼和浩特市长）与现任职务（锡林郭勒盟委书记）不同。"],
    ]
    assert page.find("aside").texts("h3") == ["现任", "曾任"]
    assert [li.text for li in page.find("aside").find_all("li")] == [
        "锡林郭勒盟委书记2021年7月1日 起",
        "呼和浩特市长2019年1月1日 — 2021年6月30日",
    ]


@pytest.mark.django_db
def test_a_person_page_leaves_out_draft_trips_and_speeches(client):
    person = make_person("李测试")
    make_participant(make_delegation("草稿考察", status=Status.DRAFT), person)
    make_speech(make_meeting(make_delegation("公开考察"), "草稿会议", status=Status.DRAFT), person)

    page = parse(client.get(person.get_absolute_url()))

    assert "草稿" not in page.text
    assert page.texts("p", cls="empty") == ["没有公开的考察活动记录。", "没有公开的发言记录。"]


@pytest.mark.django_db
def test_a_draft_person_is_a_404_and_a_preview_for_staff(client, django_user_model):
    person = make_person("草稿人物", status=Status.DRAFT)

    assert client.get(person.get_absolute_url()).status_code == 404
    client.force_login(make_staff(django_user_model, "staff", EDITOR))
    assert parse(client.get(person.get_absolute_url())).find("div", cls="preview-banner")


# ---------------------------------------------------------------------------------------------
# Regions, pairings, topics


def test_a_region_page_shows_its_place_in_the_tree_pairings_trips_and_projects(client, seed):
    page = parse(client.get(region("正镶白旗").get_absolute_url()))

    assert page.find("nav", cls="breadcrumbs").texts("li") == ["首页", "内蒙古自治区", "锡林郭勒盟", "正镶白旗"]
    aside = page.find("aside")
    assert aside.find_all("section")[0].links() == [("大兴区 — 正镶白旗", "/pairings/da-xing-qu-zheng-xiang-bai-qi/")]
    assert aside.find("ul", cls="columns").links() == [("星耀镇", "/regions/xing-yao-zhen/")]
    to = page.find("section", aria_labelledby="trips-to-title")
    assert (to.find("h2").text, to.texts("h3", cls="card-title")) == (
        "到访的考察活动（1）", ["区委书记王有国率大兴区党政代表团到察右前旗、正镶白旗对接考察"],
    )
    projects = page.find("section", aria_labelledby="projects-title")
    assert projects.texts("h3", cls="card-title") == ["星耀镇京蒙现代农业科技产业园"]
    (place,) = json_ld(page)
    assert (place["@type"], place["name"], place["containedInPlace"]["name"]) == (
        "AdministrativeArea", "内蒙古自治区锡林郭勒盟正镶白旗", "内蒙古自治区锡林郭勒盟",
    )


def test_a_beijing_district_lists_the_trips_that_left_from_it(client, seed):
    page = parse(client.get(region("大兴区").get_absolute_url()))

    trips = page.find("section", aria_labelledby="trips-from-title")
    assert trips.texts("h3", cls="card-title") == ["区委书记王有国率大兴区党政代表团到察右前旗、正镶白旗对接考察"]
    assert page.find_all("section", aria_labelledby="trips-to-title") == []


@pytest.mark.django_db
def test_a_region_page_links_to_the_full_filtered_list_when_there_are_more(client):
    town = make_region("多次镇", parent=region("察右前旗"))
    for index in range(12):
        make_delegation(f"考察{index}").destinations.add(town)

    page = parse(client.get(region("察右前旗").get_absolute_url()))

    section = page.find("section", aria_labelledby="trips-to-title")
    assert len(section.find_all("article")) == 10
    assert section.find("p", cls="more").links() == [("查看全部 12 条 ›", "/visits/?region=cha-you-qian-qi")]


@pytest.mark.django_db
def test_a_pairing_page_shows_both_sides_and_its_figures_as_table_and_chart(client):
    pairing = make_pairing_once("大兴区", "正镶白旗")
    for year, planned, actual in [(2022, 3000, 3120), (2023, 3200, 3380), (2024, 3500, None)]:
        ProgramFigure.objects.create(
            pairing=pairing, year=year, metric=FigureMetric.FUNDS, planned=planned, actual=actual
        )
    ProgramFigure.objects.create(pairing=pairing, year=2023, metric=FigureMetric.LABOUR, actual=510)
    make_project(pairing=pairing)  # a pairing is shown once something published is filed under it

    page = parse(client.get(pairing.get_absolute_url()))

    assert page.texts("p", cls="pair-side-name") == ["北京市大兴区", "内蒙古自治区锡林郭勒盟正镶白旗"]
    table = page.find("table", cls="data-table")
    assert table.find("thead").texts("th") == ["年度", "财政帮扶资金（万元）", "劳务协作人数（人）"]
    assert [row.texts("th") + row.texts("td") for row in table.find("tbody").find_all("tr")] == [
        ["2024", "— / 3,500", "—"],
        ["2023", "3,380 / 3,200", "510"],
        ["2022", "3,120 / 3,000", "—"],
    ]
    charts = page.find_all("svg", cls="chart-svg")
    assert [chart.find("title").text for chart in charts] == ["财政帮扶资金（万元）", "劳务协作人数（人）"]
    assert charts[0].find("desc").text == "2022：3,120；2023：3,380；2024：3,500（计划）"
    assert len(charts[0].find_all("rect", cls="chart-bar")) == 2
    assert len(charts[0].find_all("line", cls="chart-planned")) == 3


def test_a_pairing_page_lists_its_trips_and_projects(client, seed):
    page = parse(client.get("/pairings/da-xing-qu-zheng-xiang-bai-qi/"))

    assert page.find("section", aria_labelledby="trips-title").texts("h3", cls="card-title") == [
        "区委书记王有国率大兴区党政代表团到察右前旗、正镶白旗对接考察"
    ]
    assert page.find("section", aria_labelledby="projects-title").texts("h3", cls="card-title") == [
        "星耀镇京蒙现代农业科技产业园"
    ]
    assert page.find("p", cls="empty").text == "还没有登记这一结对的年度数据。"


def test_a_topic_page_lists_its_trips_and_projects(client, seed):
    page = parse(client.get("/topics/chanye-xiezuo/"))

    assert page.find("h1").text == "产业协作"
    assert page.find("section", aria_labelledby="trips-title").find("h2").text == "考察活动（1）"
    assert page.find("section", aria_labelledby="projects-title").texts("h3", cls="card-title") == [
        "星耀镇京蒙现代农业科技产业园"
    ]


@pytest.mark.parametrize("kind", ["topic", "pairing"])
def test_a_long_section_shows_ten_and_links_to_the_whole_filtered_list(client, seed, kind):
    from cooperation.models import Pairing

    if kind == "topic":
        thing = make_topic("生态协作", slug="shengtai-xiezuo")
        for n in range(11):
            make_delegation(f"生态考察{n}").topics.add(thing)
            make_project(f"生态项目{n}").topics.add(thing)
    else:
        thing = Pairing.objects.get(slug="da-xing-qu-zheng-xiang-bai-qi")
        for n in range(10):  # the seed has one trip and one project of this pairing already
            make_delegation(f"结对考察{n}").pairings.add(thing)
            make_project(f"结对项目{n}", pairing=thing)

    page = parse(client.get(thing.get_absolute_url()))

    trips = page.find("section", aria_labelledby="trips-title")
    projects = page.find("section", aria_labelledby="projects-title")
    assert (len(trips.find_all("h3", cls="card-title")), len(projects.find_all("h3", cls="card-title"))) == (10, 10)
    assert trips.find("p", cls="more").find("a").attrs["href"] == f"/visits/?{kind}={thing.slug}"
    assert projects.find("p", cls="more").find("a").attrs["href"] == f"/projects/?{kind}={thing.slug}"
    assert trips.find("p", cls="more").text.startswith("查看全部 11 条")
    listed = parse(client.get(f"/visits/?{kind}={thing.slug}")).find_all("h3", cls="card-title")
    assert len(listed) == 11


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/regions/nowhere/", "/pairings/nowhere/", "/topics/nowhere/", "/people/nobody/"])
def test_unknown_addresses_are_404(client, url):
    assert client.get(url).status_code == 404


# ---------------------------------------------------------------------------------------------
# Search


def search_groups(response):
    page = parse(response)
    return {
        group.find("h3").text: group.texts("p", cls="result-title")
        for group in page.find_all("section", cls="result-group")
    }


def test_searching_peonies_finds_the_site_visit_and_the_trip(client, seed):
    assert search_groups(client.get("/search/?q=芍药")) == {
        "考察活动 1": ["区委书记王有国率大兴区党政代表团到察右前旗、正镶白旗对接考察"],
        "实地考察 1": ["乌兰察布延彩生态农业发展有限公司大哈拉运营区"],
    }


def test_searching_the_talent_apartment_finds_the_site_visit_and_shows_where_the_trip_says_it(client, seed):
    response = client.get("/search/?q=人才公寓")

    assert search_groups(response)["实地考察 1"] == ["正镶白旗人才公寓"]
    trip = parse(response).find("section", cls="result-group").find("p", cls="result-excerpt")
    assert (trip.texts("mark"), trip.text.startswith("…")) == (["人才公寓"], True)


def test_searching_a_name_finds_the_person_and_his_speeches(client, seed):
    groups = search_groups(client.get("/search/?q=王有国"))

    assert groups["人物 1"] == ["王有国"]
    assert groups["发言 2"] == ["王有国（区委书记）", "王有国（区委书记）"]


def test_search_finds_site_visits_and_projects_by_their_organization_and_people_by_their_posts(client, seed):
    cooperative = make_organization("绿源农业合作社")
    make_site_visit(make_delegation("秋季考察"), "示范基地", organization=cooperative)
    make_project("蔬菜大棚", organization=cooperative)

    assert search_groups(client.get("/search/?q=绿源")) == {"实地考察 1": ["示范基地"], "协作项目 1": ["蔬菜大棚"]}
    assert search_groups(client.get("/search/?q=政法委书记"))["人物 1"] == ["乔允利"]


def test_search_marks_the_words_it_found(client, seed):
    page = parse(client.get("/search/?q=芍药"))

    assert page.texts("mark") == ["芍药", "芍药"]


def test_several_words_must_all_match(client, seed):
    assert search_groups(client.get("/search/?q=星耀镇　温室")) == {
        "考察活动 1": ["区委书记王有国率大兴区党政代表团到察右前旗、正镶白旗对接考察"],
        "实地考察 1": ["星耀镇京蒙现代农业科技产业园科技种植示范基地"],
        "协作项目 1": ["星耀镇京蒙现代农业科技产业园"],
    }


def test_one_type_of_result_is_paginated_and_keeps_the_query(client, seed):
    for index in range(22):
        make_speech(make_meeting(None, f"芍药会议{index}"), None, title_as_printed="负责人", points="芍药产业")

    page = parse(client.get("/search/?q=芍药&type=speeches&page=2"))

    assert len(page.find("ol", cls="result-list").find_all("li")) == 2
    assert page.find("a", rel="prev").attrs["href"] == "?q=%E8%8A%8D%E8%8D%AF&type=speeches&page=1"
    assert [a.text for a in page.find("nav", cls="tabs").find_all("a")] == [
        "全部 46", "考察活动 1", "实地考察 1", "会议 22", "发言 22", "协作项目 0", "人物 0",
    ]


@pytest.mark.django_db
def test_search_never_finds_drafts(client):
    make_delegation("芍药草稿考察", status=Status.DRAFT)
    make_site_visit(make_delegation("草稿", status=Status.DRAFT), "芍药基地")
    make_project("芍药草稿项目", status=Status.DRAFT)
    make_person("芍药草稿人", status=Status.DRAFT)
    make_speech(make_meeting(make_delegation("公开"), "草稿会", status=Status.DRAFT), None, title_as_printed="芍药")

    page = parse(client.get("/search/?q=芍药"))

    assert page.find("h2", cls="results-count").text == "“芍药”共找到 0 条结果"


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "?q=", "?q=%20%20", "?q=" + "长" * 500, "?q=%00", "?q=a&type=nope&page=x"])
def test_odd_search_queries_are_answered_calmly(client, query):
    assert client.get(f"/search/{query}").status_code == 200


# ---------------------------------------------------------------------------------------------
# Machine-readable


def test_the_feed_lists_published_trips(client, seed):
    make_delegation("草稿考察", status=Status.DRAFT)

    response = client.get("/feed/")

    assert response["Content-Type"].startswith("application/atom+xml")
    atom = "{http://www.w3.org/2005/Atom}"
    entries = ElementTree.fromstring(response.content).findall(f"{atom}entry")
    assert [(e.find(f"{atom}title").text, e.find(f"{atom}link").attrib["href"]) for e in entries] == [
        ("区委书记王有国率大兴区党政代表团到察右前旗、正镶白旗对接考察", f"http://testserver{TRIP}")
    ]


def test_the_sitemap_lists_published_records_only(client, seed):
    make_delegation("草稿考察", status=Status.DRAFT)
    make_project("草稿项目", status=Status.DRAFT)

    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

    def locations(url):
        return [loc.text for loc in ElementTree.fromstring(client.get(url).content).iter(f"{namespace}loc")]

    sections = locations("/sitemap.xml")
    urls = [url for section in sections for url in locations(section.removeprefix("http://testserver"))]

    assert sections == [
        f"http://testserver/sitemap-{name}.xml"
        for name in ["pages", "trips", "meetings", "projects", "people", "regions", "pairings", "topics"]
    ]
    assert f"http://testserver{TRIP}" in urls
    assert f"http://testserver{PROJECT}" in urls
    assert "http://testserver/people/wang-you-guo/" in urls
    assert not [url for url in urls if "cao-gao" in url]
    # The index pages, the HTML sitemap and open data, which crawlers would not find otherwise.
    assert locations("/sitemap-pages.xml") == [
        f"http://testserver{path}"
        for path in ("/", "/visits/", "/projects/", "/pairings/", "/regions/", "/people/", "/topics/", "/sitemap/",
                     "/data/")
    ]


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /i18n/",
        "Sitemap: http://testserver/sitemap.xml",
    ]


# ---------------------------------------------------------------------------------------------
# Languages


def test_the_interface_switches_to_english_and_keeps_the_records_in_chinese(client, seed):
    response = client.post("/i18n/setlang/", {"language": "en", "next": TRIP})
    page = parse(client.get(response["Location"]))

    assert page.find("html").attrs["lang"] == "en"
    assert page.find("nav", cls="site-nav").texts("a")[:3] == ["Home", "Trips", "Projects"]
    assert page.find("h2", id="itinerary-title").text == "Itinerary of site visits"
    assert page.find("h1").text == "区委书记王有国率大兴区党政代表团到察右前旗、正镶白旗对接考察"


# ---------------------------------------------------------------------------------------------
# Query counts


def _query_count_cases():
    # Every page but the feed also reads the site settings and its sections' latest times:
    # one query, then cached (govsite.site). A page that lists pairings, topics or places first
    # works out which are in public use (one query each, places two: they need the pairings),
    # then kept until something is published, changed or withdrawn (cooperation.models).
    # A list's trips' destinations and topics are one query of their link tables, made into
    # records from the places' and topics' rows, which are read on the first visit after a
    # change to them and then kept (cooperation/kept_links.py): one or two queries more here;
    # a project's pairing and place are made from the pairings' and places' kept rows too.
    return {
        # trips (+ destinations, topics, leaders), projects (+ topics), pairings (+ figures),
        # their trip and project counts, topics, three totals, the activity per year (one query);
        # the pairings and topics made from the kept rows too (+ the pairings' rows)
        "home": (lambda world: "/", 17),
        # the person (+ appointments), participations, speeches
        "person": (lambda world: world.person.get_absolute_url(), 5),
        # the region, children, pairings (+ figures), trips to it (count, list, 3 prefetches),
        # trips from it (a count: there are none), projects (count, list, topics, the pairings' rows)
        "region": (lambda world: world.region.get_absolute_url(), 18),
        # the pairing, figures, trips (list, 3 prefetches), projects (list, topics, the pairings' rows), its
        # activity per year (one query), every pairing's trip and project counts (one query,
        # then kept until something changes, as the home page and the index use them)
        "pairing": (lambda world: world.pairing.get_absolute_url(), 14),
        # the topic, trips (list, 3 prefetches), projects (list, topics, the pairings' rows), every topic's trip and
        # project counts (one query, then kept as the index uses them)
        "topic": (lambda world: world.topic.get_absolute_url(), 12),
        # the word noted as searched (for the cached page's invalidation; in a savepoint, two
        # queries more, when the page is made inside a transaction as here), the organizations
        # and posts the word matches, the six counts (one query), six lists, and the trips',
        # projects' and people's prefetches (+ the pairings' rows, for the projects)
        "search": (lambda world: "/search/?q=世界", 20),
        # the same lookups and counts, one page of trips (count, list) and its prefetches
        "search one type": (lambda world: "/search/?q=世界&type=trips", 13),
        "feed": (lambda world: "/feed/", 5),
        # the names (sorted by pinyin in Python), one page of people, their current posts
        "people index": (lambda world: "/people/", 4),
        # the regions down to counties, their pairings
        "regions index": (lambda world: "/regions/", 5),
        # the pairings with their regions, their trip and project counts (one query)
        "pairings index": (lambda world: "/pairings/", 4),
        # the topics, their trip and project counts (one query)
        "topics index": (lambda world: "/topics/", 4),
        # the pairings, the topics
        "sitemap page": (lambda world: "/sitemap/", 5),
    }


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize("page", list(_query_count_cases()))
def test_each_page_costs_the_same_queries_for_one_or_many(client, db, django_assert_num_queries, size, page):
    url, expected = _query_count_cases()[page]
    world = build_world(size)

    with django_assert_num_queries(expected):
        response = client.get(url(world))

    assert response.status_code == 200



def _home_totals(client):
    """The three totals at the top of the home page: trips, projects, people."""
    import re

    stats = client.get("/").content.decode().split('<dl class="hero-stats">', 1)[1].split("</dl>", 1)[0]
    return [int(number) for number in re.findall(r"<dd>(?:<a [^>]*>)?(\d+)", stats)]


def test_the_home_pages_counts_are_computed_once_per_change_and_follow_every_publication(
    client, db, settings, django_assert_num_queries
):
    from django.core.cache import cache

    settings.PAGE_CACHE = False  # the page itself is made anew each time; only its counts are kept
    cache.clear()
    build_world(1)
    first = _home_totals(client)

    # 17 the first time (the query-count case above); now without the five counts, the site
    # settings, the pairings and topics in public use, the pairings' key figures and the places',
    # topics' and pairings' rows, all kept until something changes.
    with django_assert_num_queries(17 - 5 - 1 - 2 - 1 - 3):
        again = _home_totals(client)
    make_delegation(title="首页计数新发布的考察")
    after_publication = _home_totals(client)

    assert again == first
    assert after_publication == [first[0] + 1, *first[1:]]


@pytest.mark.parametrize("page", ["pairing", "topic"])
def test_a_pairings_and_a_topics_counts_are_kept_until_a_change_and_follow_every_publication(
    client, db, settings, django_assert_num_queries, page
):
    from django.core.cache import cache

    from tests.builders import make_delegation

    settings.PAGE_CACHE = False  # the page itself is made anew each time; only the counts are kept
    cache.clear()
    world = build_world(1)
    record = getattr(world, page)
    url = record.get_absolute_url()

    def trips_heading():
        return parse(client.get(url)).find("h2", id="trips-title").text

    first = trips_heading()
    expected = _query_count_cases()[page][1]
    # Made again: without the counts, the site settings and which records are in public use
    # (whether this one may be shown) — and a pairing's activity per year — all kept until
    # something changes, and the places', topics' and pairings' rows.
    with django_assert_num_queries(expected - 1 - 1 - 1 - (page == "pairing") - 3):
        assert trips_heading() == first
    trip = make_delegation(title="计数新发布的考察")
    getattr(trip, "pairings" if page == "pairing" else "topics").add(record)

    count = int(first.split("（")[1].rstrip("）"))
    assert trips_heading() == first.replace(f"（{count}）", f"（{count + 1}）")


def test_staff_previewing_see_which_linked_records_are_unpublished_and_the_public_never_does(
    client, seed, django_user_model
):
    from review.models import Status
    from tests.builders import make_delegation, make_editor, make_participant, make_person
    from tests.public_site import parse

    person = make_person("预览中的人物")
    make_participant(make_delegation("已发布的考察"), person, name_as_printed=person.name)
    make_participant(make_delegation("草稿中的考察", status=Status.DRAFT), person, name_as_printed=person.name)

    def rows():
        page = parse(client.get(person.get_absolute_url()))
        return sorted((row.find("a").text, row.texts("span", cls="tag-draft"))
                      for row in page.find_all("span", cls="trip-row-main"))

    public = rows()
    client.force_login(make_editor(django_user_model))

    assert public == [("已发布的考察", [])]
    assert rows() == [("已发布的考察", []), ("草稿中的考察", ["未发布"])]


def test_a_short_word_without_case_is_compared_as_it_is_and_every_other_word_ignoring_case():
    from django.db.models import Q

    from portal.search import contains

    assert contains("points", "芍药") == Q(points__contains="芍药")
    assert contains("points", "12") == Q(points__contains="12")
    assert contains("points", "产业园") == Q(points__icontains="产业园")  # a trigram index serves it
    assert contains("points", "Ab") == Q(points__icontains="Ab")


def test_a_two_character_word_finds_the_same_in_any_case_of_the_text(client, seed):
    from tests.builders import make_delegation

    make_delegation("芍药AB种植考察")

    def titles(word):
        return parse(client.get(f"/search/?q={word}&type=trips")).texts("p", cls="result-title")

    assert "芍药AB种植考察" in titles("芍药")
    assert titles("ab") == titles("AB") == titles("aB") and "芍药AB种植考察" in titles("ab")
