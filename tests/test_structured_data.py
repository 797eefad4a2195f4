"""schema.org data on every kind of public page, read the way integrators read it: with extruct.

A rule that holds for every page is checked by walking every page: every block parses, has
a type, names every Person, gives an Event's startDate only as a full date, and names a
project's funder as an organization. The home page says what the site is and how to search
it; list and index pages say where they sit and what they list, each item a working link.

The tests only read the seed report, loaded once for the module (conftest.py, seed_for_module).
"""

import re

import pytest

from tests.test_accessibility import MORE_PAGES, PAGES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_for_module")]

ORGANIZATIONS = {"Organization", "GovernmentOrganization"}
FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Search results are not for crawlers (robots.txt keeps them out) and carry no structured data.
WITHOUT = {"not-found", "search", "search-people"}
LIST_PAGES = {
    "/visits/": "考察活动", "/projects/": "协作项目", "/pairings/": "结对关系", "/regions/": "地区",
    "/people/": "人物", "/topics/": "协作领域",
}


def blocks(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    import extruct  # imported by the tests that read pages: every worker collects this module

    return extruct.extract(html, base_url=f"http://testserver{url}", syntaxes=["json-ld"])["json-ld"]


def nodes(value):
    """Every dictionary inside a block, the block itself included."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from nodes(item)
    elif isinstance(value, list):
        for item in value:
            yield from nodes(item)


def test_every_page_carries_well_formed_structured_data(client):
    problems = []

    for name, url in (PAGES | MORE_PAGES).items():
        if name in WITHOUT:
            continue
        found = blocks(client, url)
        if not found:
            problems.append((name, "no JSON-LD"))
        for block in found:
            if block.get("@context") != "https://schema.org" or "@type" not in block:
                problems.append((name, "block without context or type"))
            for node in nodes(block):
                kind = node.get("@type")
                if kind == "Person" and not node.get("name"):
                    problems.append((name, f"a Person without a name: {node}"))
                if kind == "Event" and "startDate" in node and not FULL_DATE.fullmatch(node["startDate"]):
                    problems.append((name, f"an Event's startDate is not a full date: {node['startDate']}"))
                if "funder" in node and node["funder"].get("@type") not in ORGANIZATIONS:
                    problems.append((name, f"a funder that is no organization: {node['funder']}"))

    assert problems == [], problems


def test_the_home_page_is_a_website_with_a_search_action_that_works(client):
    (site,) = blocks(client, "/")

    action = site["potentialAction"]
    search = action["target"]["urlTemplate"].replace("{search_term_string}", "芍药").removeprefix("http://testserver")
    assert (site["@type"], site["name"], site["url"]) == ("WebSite", "京蒙协作记录", "http://testserver/")
    assert (action["@type"], action["query-input"]) == ("SearchAction", "required name=search_term_string")
    assert client.get(search).status_code == 200
    assert "芍药" in client.get(search).content.decode()


@pytest.mark.parametrize(("url", "name"), LIST_PAGES.items())
def test_list_pages_say_where_they_sit_and_list_what_they_show(client, url, name):
    breadcrumbs, items = blocks(client, url)

    assert breadcrumbs["@type"] == "BreadcrumbList"
    assert [(c["position"], c["name"], c["item"]) for c in breadcrumbs["itemListElement"]] == [
        (1, "首页", "http://testserver/"), (2, name, f"http://testserver{url}")
    ]
    assert (items["@type"], items["name"]) == ("ItemList", name)
    assert items["numberOfItems"] == len(items["itemListElement"]) >= 1
    assert [item["position"] for item in items["itemListElement"]] == list(range(1, items["numberOfItems"] + 1))
    for item in items["itemListElement"][:5]:
        assert client.get(item["url"].removeprefix("http://testserver")).status_code == 200, item


def test_open_data_is_a_catalog_of_datasets_each_downloadable(client):
    (catalog,) = blocks(client, "/data/")

    assert catalog["@type"] == "DataCatalog"
    for dataset in catalog["dataset"]:
        assert [d["encodingFormat"] for d in dataset["distribution"]] == ["text/csv", "application/json"]
        for download in dataset["distribution"]:
            assert client.get(download["contentUrl"].removeprefix("http://testserver")).status_code == 200


def test_a_project_is_funded_by_the_supporting_sides_government(client):
    (project,) = blocks(client, PAGES["project"])

    assert project["funder"]["@type"] == "GovernmentOrganization"
    assert project["funder"]["name"] == "北京市大兴区"
    assert project["funder"]["areaServed"]["@type"] == "AdministrativeArea"
