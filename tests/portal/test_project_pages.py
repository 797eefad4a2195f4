"""The project list, its filters and the project page."""

import datetime
from decimal import Decimal

import pytest

from accounts.roles import EDITOR
from projects.models import ProjectStage, ProjectUpdate
from review.models import Status
from tests.builders import (
    make_delegation,
    make_organization,
    make_participant,
    make_person,
    make_project,
    make_region,
    make_site_visit,
    make_staff,
    make_topic,
    region,
)
from tests.public_site import build_world, json_ld, make_pairing_once, parse
from visits.models import ParticipantRole

TRIP = "/visits/da-xing-qu-dang-zheng-dai-biao-tuan/"
PROJECT = "/projects/xing-yao-zhen-jing-meng-xian-dai-nong-ye-ke-ji-chan-ye-yuan/"


def card_titles(response):
    return parse(response).texts("h3", cls="card-title")


def facts(page):
    table = page.find("table", cls="facts-table")
    return [(row.find("th").text, row.find("td").text) for row in table.find_all("tr")]


# ---------------------------------------------------------------------------------------------
# The project page


def test_the_seed_project_page_shows_its_facts_and_inspection_history(client, seed):
    page = parse(client.get(PROJECT))

    assert page.find("h1").text == "星耀镇京蒙现代农业科技产业园"
    assert facts(page) == [
        ("结对关系", "大兴区 — 正镶白旗"),
        ("所在地", "内蒙古自治区锡林郭勒盟正镶白旗星耀镇"),
        ("实施主体", "未登记"),
        ("协作领域", "产业协作 科技"),
        ("项目状态", "未登记"),
        ("年度", "未登记"),
        ("帮扶资金", "未登记"),
        ("总投资", "未登记"),
        ("受益人数", "未登记"),
    ]
    history = page.find("section", aria_labelledby="inspections-title")
    assert [li.find("p", cls="timeline-title").text for li in history.find_all("li")] == [
        "星耀镇京蒙现代农业科技产业园科技种植示范基地"
    ]
    assert history.links() == [
        ("星耀镇京蒙现代农业科技产业园科技种植示范基地", f"{TRIP}#site-3"),
        ("区委书记王有国率大兴区党政代表团到察右前旗、正镶白旗对接考察", TRIP),
        ("王有国", "/people/wang-you-guo/"),
    ]


@pytest.mark.django_db
def test_a_project_page_shows_every_fact_and_its_timeline(client):
    project = make_project(
        "人才公寓项目",
        pairing=make_pairing_once("大兴区", "正镶白旗"),
        region=region("正镶白旗"),
        organization=make_organization("正镶白旗住建局"),
        start_year=2023,
        stage=ProjectStage.OPERATING,
        aid_funds=Decimal("1200.00"),
        total_investment=Decimal("2650.50"),
        beneficiaries=340,
    )
    project.topics.set([make_topic("人才测试")])
    ProjectUpdate.objects.create(project=project, date=datetime.date(2023, 3, 1), title="开工")
    ProjectUpdate.objects.create(
        project=project, date=datetime.date(2023, 11, 1), date_precision="month", title="投入使用",
        stage=ProjectStage.OPERATING,
    )

    page = parse(client.get(project.get_absolute_url()))

    assert facts(page) == [
        ("结对关系", "大兴区 — 正镶白旗"),
        ("所在地", "内蒙古自治区锡林郭勒盟正镶白旗"),
        ("实施主体", "正镶白旗住建局"),
        ("协作领域", "人才测试"),
        ("项目状态", "运营"),
        ("年度", "2023"),
        ("帮扶资金", "1,200 万元"),
        ("总投资", "2,650.5 万元"),
        ("受益人数", "340 人"),
    ]
    timeline = page.find("section", aria_labelledby="updates-title")
    assert [li.text for li in timeline.find_all("li")] == ["2023年3月1日 开工", "2023年11月 投入使用 运营"]
    (data,) = json_ld(page)
    assert (data["@type"], data["name"], data["foundingDate"], data["keywords"]) == (
        "Project", "人才公寓项目", "2023", ["人才测试"],
    )


@pytest.mark.django_db
def test_the_inspection_history_shows_only_published_trips(client):
    project = make_project("考察项目")
    public = make_delegation("公开考察", start_date=datetime.date(2024, 5, 1))
    make_participant(public, make_person("领队"), role=ParticipantRole.LEADER, title_as_printed="区长")
    make_site_visit(public, "公开考察点").projects.add(project)
    make_site_visit(make_delegation("草稿考察", status=Status.DRAFT), "草稿考察点").projects.add(project)

    page = parse(client.get(project.get_absolute_url()))

    history = page.find("section", aria_labelledby="inspections-title")
    assert [li.find("p", cls="timeline-title").text for li in history.find_all("li")] == ["公开考察点"]
    assert "草稿" not in page.text


@pytest.mark.django_db
def test_a_draft_project_is_a_404_for_the_public_and_a_preview_for_staff(client, django_user_model):
    project = make_project("草稿项目", status=Status.DRAFT)

    assert client.get(project.get_absolute_url()).status_code == 404
    client.force_login(make_staff(django_user_model, "staff", EDITOR))
    page = parse(client.get(project.get_absolute_url()))
    assert page.find("div", cls="preview-banner").find("strong").text == "预览"


# ---------------------------------------------------------------------------------------------
# The list and its filters


@pytest.fixture
def projects(db):
    town = make_region("测试镇甲", parent=region("正镶白旗"))
    industry = make_topic("产业测试")
    wang = make_person("王测试")
    built = make_project(
        "温室项目", pairing=make_pairing_once("大兴区", "正镶白旗"), region=town, start_year=2023,
        stage=ProjectStage.BUILT, aid_funds=Decimal("500"),
    )
    built.topics.set([industry])
    trip = make_delegation("考察温室")
    make_participant(trip, wang)
    make_site_visit(trip).projects.add(built)
    make_project(
        "公寓项目", pairing=make_pairing_once("大兴区", "察右前旗"), region=region("察右前旗"),
        start_year=2024, stage=ProjectStage.BUILDING, aid_funds=Decimal("1500"),
    )
    make_project("学校项目", region=region("密云区"), start_year=2022, aid_funds=Decimal("80.5"))
    make_project("草稿项目", status=Status.DRAFT, start_year=2021, aid_funds=Decimal("900"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["公寓项目", "温室项目", "学校项目"]),
        ("?year=2023", ["温室项目"]),
        ("?pairing=da-xing-qu-cha-you-qian-qi", ["公寓项目"]),
        ("?region=nei-meng-gu-zi-zhi-qu", ["公寓项目", "温室项目"]),
        ("?region=zheng-xiang-bai-qi", ["温室项目"]),
        ("?topic=chan-ye-ce-shi", ["温室项目"]),
        ("?stage=building", ["公寓项目"]),
        ("?person=wang-ce-shi", ["温室项目"]),
        ("?funds_min=100", ["公寓项目", "温室项目"]),
        ("?funds_max=500", ["温室项目", "学校项目"]),
        ("?funds_min=80.5&funds_max=80.5", ["学校项目"]),
        ("?funds_min=501&funds_max=1499", []),
    ],
)
def test_filters_narrow_the_project_list(client, projects, query, expected):
    response = client.get(f"/projects/{query}")

    assert response.status_code == 200
    assert card_titles(response) == expected


@pytest.mark.parametrize(
    "query",
    ["?page=abc", "?page=999999", "?funds_min=abc", "?funds_max=-5", "?funds_min=1e400", "?year=2021",
     "?stage=nope", "?region=%F0%9F%98%80", "?unknown=1", "?region=%00&person=%00&funds_min=%00"],
)
def test_bad_values_never_break_the_project_list(client, projects, query):
    response = client.get(f"/projects/{query}")

    assert response.status_code == 200
    assert card_titles(response) == ["公寓项目", "温室项目", "学校项目"]


def test_the_year_filter_offers_only_years_with_published_projects(client, projects):
    make_project("同年另一项目", start_year=2023)

    page = parse(client.get("/projects/"))

    assert page.find("select", id="id_year").texts("option") == ["全部年度", "2024", "2023", "2022"]


def test_the_list_shows_an_empty_message_when_nothing_matches(client, projects):
    page = parse(client.get("/projects/?funds_min=501&funds_max=1499"))

    assert page.find("p", cls="empty").text == "没有符合条件的协作项目。请减少筛选条件再试。"
    assert page.find("h2", cls="results-count").text == "共 0 个协作项目"


@pytest.mark.django_db
def test_pagination_keeps_the_project_filters(client):
    for index in range(14):
        make_project(f"项目{index:02d}", start_year=2024, stage=ProjectStage.BUILT)

    page = parse(client.get("/projects/?stage=built&page=2"))

    assert page.texts("h3", cls="card-title") == ["项目12", "项目13"]
    assert page.find("a", rel="prev").attrs["href"] == "?stage=built&page=1"


# ---------------------------------------------------------------------------------------------
# Query counts


@pytest.mark.parametrize("size", [1, 3])
def test_the_project_list_costs_the_same_queries_for_one_or_many(client, db, django_assert_num_queries, size, settings):
    build_world(size)
    settings.PAGE_CACHE = False  # the page is made each time; its filter choices are kept

    # The first visitor after a change: the pairings, places and topics in public use, the
    # filter choices (years, people, regions, pairings, topics), count, page, topics (from their
    # link table), the rows of the topics, pairings and places (kept, each card's pairing and
    # place made from them: cooperation/kept_links.py), + the site settings (govsite).
    with django_assert_num_queries(15):
        client.get("/projects/")
    # Every later one, until something changes: the choices, the count and the site settings are kept.
    with django_assert_num_queries(2):  # page, topics
        response = client.get("/projects/")

    assert len(card_titles(response)) == size


@pytest.mark.parametrize("size", [1, 3])
def test_the_project_page_costs_the_same_queries_for_one_or_many(client, db, django_assert_num_queries, size, settings):
    world = build_world(size)
    settings.PAGE_CACHE = False  # the page is made each time; the rows it makes records from are kept

    # the project, its topics (+ the rows of the topics, pairings and places, kept after the
    # first visit after a change to them: cooperation/kept_links.py), photos and updates, the
    # site visits and their trips' leaders
    with django_assert_num_queries(10):  # + the site settings (govsite), once
        client.get(world.project.get_absolute_url())
    with django_assert_num_queries(6):
        response = client.get(world.project.get_absolute_url())

    page = parse(response)
    assert len(page.find("section", aria_labelledby="inspections-title").find_all("li")) == size * size
