"""Places, topics and pairings are listed once something published is filed under them (`in_public_use()`).

Anyone who keeps the reference data may add a place, a topic or a pairing at once, as the
records being written need it; the public sees it only when a reviewed, published record
uses it. For places the division tree counts: a league is listed because a banner below it has
a published trip, so the visitor can walk down to that banner's page.
"""

import pytest

from cooperation.models import Pairing, Region, Topic
from review.models import Status
from tests.builders import make_delegation, make_editor, make_pairing, make_project, make_region, make_topic, region
from tests.public_site import parse

pytestmark = pytest.mark.django_db


def region_options(client, url="/visits/"):
    page = parse(client.get(url))
    return [option.text.strip() for option in page.find("select", name="region").find_all("option")]


def division_tree(client):
    return [text for text, _href in parse(client.get("/regions/")).find("div", cls="division-tree").links()]


def sitemap(client, section):
    return client.get(f"/sitemap-{section}.xml").content.decode()


def test_a_new_place_is_offered_once_a_published_trip_goes_there_and_the_tree_leads_down_to_it(client):
    town = make_region("星耀镇新村", parent=region("察右前旗"))
    draft = make_delegation(status=Status.DRAFT)
    draft.destinations.set([town])

    # The list filter stops at banners: it offers the banner, which covers the town.
    assert "察哈尔右翼前旗" not in region_options(client)
    assert client.get(town.get_absolute_url()).status_code == 404
    assert town.slug not in sitemap(client, "regions")
    assert "察哈尔右翼前旗" not in division_tree(client)

    trip = make_delegation(title="到新村的考察", origin=None)
    trip.destinations.set([town])

    assert region_options(client) == ["全部地区", "内蒙古自治区", "乌兰察布市", "察哈尔右翼前旗"]
    assert "到新村的考察" in client.get(town.get_absolute_url()).content.decode()
    assert town.slug in sitemap(client, "regions")
    # The banner, its league and the province are listed: the way down to the town's page.
    assert {"内蒙古自治区", "乌兰察布市", "察哈尔右翼前旗"} <= set(division_tree(client))
    banner = parse(client.get(region("察右前旗").get_absolute_url()))
    assert "星耀镇新村" in banner.text
    league = client.get(region("乌兰察布市").get_absolute_url()).content.decode()
    assert "到新村的考察" in league


def test_a_league_nothing_published_reaches_is_neither_listed_nor_a_page(client):
    make_delegation(origin=region("大兴区")).destinations.set([region("察右前旗")])
    alxa = Region.objects.get(name="阿拉善盟")

    assert "阿拉善盟" not in division_tree(client)
    assert "阿拉善盟" not in region_options(client, "/projects/")
    assert client.get(alxa.get_absolute_url()).status_code == 404
    assert client.get(f"{alxa.get_absolute_url()}feed/").status_code == 404
    assert {"北京市", "大兴区", "内蒙古自治区", "乌兰察布市", "察哈尔右翼前旗"} <= set(division_tree(client))


def test_whoever_may_preview_drafts_reaches_an_unused_place_topic_and_pairing(client, django_user_model):
    town = make_region("预览镇", parent=region("察右前旗"))
    topic = make_topic("预览领域")
    pairing = make_pairing("通州区", "化德县")
    client.force_login(make_editor(django_user_model))

    for record in (town, topic, pairing):
        assert client.get(record.get_absolute_url()).status_code == 200


def test_a_new_topic_is_listed_once_a_published_record_uses_it(client):
    topic = make_topic("新的协作领域")
    make_delegation(status=Status.DRAFT).topics.add(topic)

    def listed():
        home = parse(client.get("/")).text
        return ["新的协作领域" in home, "新的协作领域" in parse(client.get("/topics/")).text,
                "新的协作领域" in " ".join(option.text for option in
                                      parse(client.get("/projects/")).find("select", name="topic").find_all("option")),
                topic.slug in sitemap(client, "topics"), client.get(topic.get_absolute_url()).status_code]

    assert listed() == [False, False, False, False, 404]
    make_project().topics.add(topic)
    assert listed() == [True, True, True, True, 200]


def test_a_pairing_is_listed_once_a_published_record_is_filed_under_it(client):
    pairing = make_pairing("通州区", "化德县")
    make_project(pairing=pairing, status=Status.DRAFT)

    def listed():
        return ["化德县" in parse(client.get("/pairings/")).text, pairing.slug in sitemap(client, "pairings"),
                client.get(pairing.get_absolute_url()).status_code,
                client.get(f"{pairing.get_absolute_url()}activity.csv").status_code]

    assert listed() == [False, False, 404, 404]
    make_delegation().pairings.add(pairing)
    assert listed() == [True, True, 200, 200]


def test_in_public_use_is_worked_out_once_per_change_and_is_then_one_query(django_assert_num_queries):
    make_delegation().destinations.set([region("察右前旗")])
    make_project(region=region("正镶白旗")).topics.add(Topic.objects.first())

    # The first time: the pairings in use, the places named (each with every place above it), the list.
    with django_assert_num_queries(3):
        list(Region.objects.in_public_use())
    # Then, until something is published, changed or withdrawn, one plain query each.
    with django_assert_num_queries(1):
        places = set(Region.objects.in_public_use().values_list("name", flat=True))
    list(Topic.objects.in_public_use())
    with django_assert_num_queries(1):
        topics = list(Topic.objects.in_public_use())
    with django_assert_num_queries(0):  # none in use: nothing to ask
        assert list(Pairing.objects.in_public_use()) == []

    assert {"北京市", "大兴区", "内蒙古自治区", "乌兰察布市", "察哈尔右翼前旗", "锡林郭勒盟", "正镶白旗"} == places
    assert topics == [Topic.objects.first()]
    # A publication that names a new place ends what was worked out.
    make_delegation().destinations.set([region("化德县")])
    assert "化德县" in set(Region.objects.in_public_use().values_list("name", flat=True))
