"""Atom feeds a reader can follow: all projects, and the trips of one pairing, region or topic."""

import xml.etree.ElementTree as ET

import pytest

from cooperation.models import Topic
from review.models import Status
from tests.builders import make_delegation, make_pairing, make_project, make_region, region
from tests.public_site import parse

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]


@pytest.fixture
def trips():
    ours = make_pairing("大兴区", "察右前旗")
    other = make_pairing("通州区", "化德县")
    topic = Topic.objects.get(slug="wenlv")
    town = make_region("测试镇", parent=region("察右前旗"))
    to_town = make_delegation("到镇上的考察")
    to_town.destinations.set([town])
    to_town.pairings.set([ours])
    to_town.topics.set([topic])
    elsewhere = make_delegation("别处的考察")
    elsewhere.pairings.set([other])
    draft = make_delegation("草稿考察", status=Status.DRAFT)
    draft.pairings.set([ours])
    draft.topics.set([topic])
    return {"ours": ours, "topic": topic}


def test_a_pairing_region_and_topic_each_have_a_feed_of_their_published_trips(client, trips):
    assert entries(client, f"/pairings/{trips['ours'].slug}/feed/") == ["到镇上的考察"]
    assert entries(client, f"/regions/{region('察右前旗').slug}/feed/") == ["到镇上的考察"]
    assert entries(client, f"/regions/{region('大兴区').slug}/feed/") == ["别处的考察", "到镇上的考察"]
    assert entries(client, "/topics/wenlv/feed/") == ["到镇上的考察"]
    assert client.get("/pairings/no-such-pairing/feed/").status_code == 404


def test_each_page_names_its_feed_for_readers_and_feed_finders(client, trips):
    page = parse(client.get(trips["ours"].get_absolute_url()))

    alternates = [link.attrs["href"] for link in page.find_all("link") if link.attrs.get("rel") == "alternate"]
    assert alternates == ["/feed/", f"/pairings/{trips['ours'].slug}/feed/"]
    assert page.find("p", cls="feed-link").links() == [("订阅这里的考察活动（Atom）", alternates[1])]


def test_the_projects_feed_lists_published_projects_newest_first(client):
    make_project("先发布的项目")
    make_project("后发布的项目")
    make_project("草稿项目", status=Status.DRAFT)

    assert entries(client, "/feed/projects/") == ["后发布的项目", "先发布的项目"]
    assert dict(parse(client.get("/projects/")).find("p", cls="feed-link").links()) == {
        "订阅新发布的协作项目（Atom）": "/feed/projects/"
    }
