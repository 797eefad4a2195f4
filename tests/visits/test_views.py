"""The trip list, its filters, the trip page and the meeting page, as a visitor sees them."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accounts.roles import EDITOR
from cooperation.models import SlugRedirect
from cooperation.redirects import remember_old_slug
from review.models import Status
from tests.builders import (
    make_delegation,
    make_meeting,
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
from tests.public_site import build_world, json_ld, meta, parse
from visits.models import Delegation, DelegationKind, ParticipantRole, ParticipantSide

TRIP = "/visits/da-xing-qu-dang-zheng-dai-biao-tuan/"


def card_titles(response):
    return parse(response).texts("h3", cls="card-title")


# ---------------------------------------------------------------------------------------------
# The trip page, with the seed report


@pytest.fixture
def trip_page(client, seed):
    response = client.get(TRIP)
    assert response.status_code == 200
    return parse(response)


def test_the_trip_page_names_the_delegation_and_its_leader(trip_page):
    facts = trip_page.find("section", aria_labelledby="delegation-title")

    assert trip_page.find("h1").text == "区委书记王有国率大兴区党政代表团到察右前旗、正镶白旗对接考察"
    assert [(div.find("dt").text, div.find("dd").text) for div in facts.find_all("div")] == [
        ("名称", "大兴区党政代表团"),
        ("带队", "王有国（区委书记）"),
        ("出发地", "北京市大兴区"),
        ("目的地", "内蒙古自治区乌兰察布市察哈尔右翼前旗 内蒙古自治区锡林郭勒盟正镶白旗"),
        ("目的", facts.find_all("dd")[-1].text),
    ]
    assert facts.links()[:2] == [("王有国", "/people/wang-you-guo/"), ("北京市大兴区", "/regions/da-xing-qu/")]


def test_a_date_is_given_to_machines_at_the_precision_the_record_knows(client, seed, trip_page):
    """The seed's trip is known to the year: its <time> says 2024, not 1 January 2024."""
    undated = make_delegation("日期未知的考察")
    month = make_delegation("六月的考察", start_date=datetime.date(2024, 6, 1), date_precision="month")

    cards = parse(client.get("/visits/"))

    assert trip_page.find("p", cls="record-kicker").find("time").attrs["datetime"] == "2024"
    kickers = {card.find("h3").text: card.find("p", cls="card-kicker") for card in cards.find_all("article")}
    assert kickers[month.title].find("time").attrs["datetime"] == "2024-06"
    assert kickers[undated.title].find_all("time") == []
    assert kickers[undated.title].text.endswith("日期不详")


def test_the_itinerary_lists_the_four_stops_in_order_with_the_inspected_project(trip_page):
    stops = trip_page.find("ol", cls="itinerary").find_all("li", cls="stop")

    assert [stop.find("h3").text for stop in stops] == [
        "乌兰察布延彩生态农业发展有限公司大哈拉运营区",
        "正镶白旗人才公寓",
        "星耀镇京蒙现代农业科技产业园科技种植示范基地",
        "星空草原",
    ]
    assert [stop.find_all("p")[1].text for stop in stops] == [
        "全面了解芍药鲜切花种植、销售、种苗研发培育等情况。",
        "全面了解“组团式”帮扶人员服务保障情况。",
        "了解并察看日光智能玻璃温室示范引领特色种植情况。",
        "考察文旅产业发展情况。",
    ]
    assert stops[2].find("p", cls="stop-projects").links() == [
        ("星耀镇京蒙现代农业科技产业园", "/projects/xing-yao-zhen-jing-meng-xian-dai-nong-ye-ke-ji-chan-ye-yuan/")
    ]
    assert stops[0].find("p", cls="stop-meta").links() == [("察右前旗", "/regions/cha-you-qian-qi/")]


def test_each_meeting_lists_its_speeches_in_order_with_each_speaker_linked(trip_page):
    meetings = trip_page.find_all("article", cls="meeting")

    assert [m.find("h3").text for m in meetings] == ["察右前旗座谈会", "正镶白旗京蒙协作工作座谈会"]
    assert [[s.find("p", cls="speaker").text for s in m.find_all("li", cls="speech")] for m in meetings] == [
        [
            "冀宏（乌兰察布市政协副主席、察右前旗委书记） 介绍情况",
            "大兴区相关单位负责人 介绍情况",
            "王有国（区委书记） 强调",
            "乔允利（市委副书记、政法委书记） 表示",
        ],
        [
            "额尔德尼（正镶白旗委副书记、旗长） 介绍情况",
            "大兴区相关部门负责人 介绍情况",
            "王有国（区委书记） 强调",
            "张佰成（内蒙古自治区政协副主席、锡林郭勒盟委书记） 表示",
        ],
    ]
    assert [a for m in meetings for s in m.find_all("p", cls="speaker") for a in s.links()] == [
        ("冀宏", "/people/ji-hong/"),
        ("王有国", "/people/wang-you-guo/"),
        ("乔允利", "/people/qiao-yun-li/"),
        ("额尔德尼", "/people/e-er-de-ni/"),
        ("王有国", "/people/wang-you-guo/"),
        ("张佰成", "/people/zhang-bai-cheng/"),
    ]
    points = meetings[0].find_all("div", cls="speech-points")[2].text
    assert points.startswith("要坚决贯彻落实好党中央") and "加大两地资源要素双向流动" in points


def test_the_table_of_contents_leads_to_each_part_of_the_trip_page(trip_page):
    toc = trip_page.find("nav", cls="toc")

    assert toc.links() == [
        ("代表团", "#delegation-title"),
        ("实地考察行程（4 处）", "#itinerary-title"),
        ("会议与发言（2 场）", "#meetings-title"),
        ("出席人员（13 人）", "#people-title"),
        ("来源报道", "#source-title"),
    ]
    ids = {element.attrs.get("id") for element in trip_page.iter()}
    assert {href[1:] for _text, href in toc.links()} <= ids


def test_on_the_trip_page_each_meetings_speeches_fold_behind_their_speakers(trip_page):
    meetings = trip_page.find_all("article", cls="meeting")
    summaries = [meeting.find("details", cls="fold").find("summary").text for meeting in meetings]

    assert summaries == [
        "4 篇发言：冀宏、大兴区相关单位负责人、王有国、乔允利",
        "4 篇发言：额尔德尼、大兴区相关部门负责人、王有国、张佰成",
    ]


def test_a_draft_speaker_is_not_named_in_the_folded_summary(client, seed):
    from tests.builders import make_delegation, make_meeting, make_person, make_speech

    trip = make_delegation()
    meeting = make_meeting(trip)
    draft = make_person("未发布的人", status=Status.DRAFT)
    make_speech(meeting, draft, name_as_printed="", title_as_printed="某局局长")

    page = parse(client.get(trip.get_absolute_url()))

    assert page.find("details", cls="fold").find("summary").text == "1 篇发言：某局局长"
    assert "未发布的人" not in page.find("main").text


def test_the_people_are_grouped_by_side_leaders_first_with_titles_as_printed(trip_page):
    visiting, hosts = trip_page.find_all("section", cls="people-side")

    assert visiting.find("h3").text == "来访方 · 大兴区党政代表团"
    assert [(li.find("a").text, li.texts("span")) for li in visiting.find_all("li")] == [
        ("王有国", ["区委书记", "带队"]),
        ("姚茂文", ["大兴区领导"]),
        ("仲伟功", ["大兴区领导"]),
    ]
    assert hosts.find("h3").text == "接待方"
    # The first eight show; the last two fold behind a summary a reader opens.
    assert hosts.find("details", cls="fold").find("summary").text == "其余 2 人"
    assert [(li.find("a").text, li.find("span", cls="people-grid-title").text) for li in hosts.find_all("li")] == [
        ("张佰成", "内蒙古自治区政协副主席、锡林郭勒盟委书记"),
        ("奇飞云", "乌兰察布市委副书记、市长"),
        ("乔允利", "市委副书记、政法委书记"),
        ("冀宏", "乌兰察布市政协副主席、察右前旗委书记"),
        ("额尔德尼", "正镶白旗委副书记、旗长"),
        ("周祥伟", "锡林郭勒盟领导"),
        ("孙振江", "锡林郭勒盟领导"),
        ("班秀萍", "察右前旗领导"),
        ("额尔登巴特尔", "正镶白旗领导"),
        ("宝力格", "正镶白旗领导"),
    ]


def test_the_source_report_is_shown_in_full(trip_page):
    source = trip_page.find("section", cls="source-box")

    assert source.find("p", cls="source-title").text == "区委书记王有国率大兴区党政代表团到察右前旗、正镶白旗对接考察"
    text = trip_page.find("div", id="source-text").text
    assert text.startswith("为深入贯彻落实习近平总书记") and text.endswith("大兴区领导姚茂文、仲伟功参加。")


def test_the_source_links_to_the_original_report(client, seed):
    trip = Delegation.objects.get()
    trip.source.url = "https://www.bjdx.gov.cn/report.html"
    trip.source.save()

    page = parse(client.get(TRIP))

    assert ("查看原文 ↗", "https://www.bjdx.gov.cn/report.html") in page.find("section", cls="source-box").links()


def test_pairings_and_topics_link_to_their_pages(trip_page):
    aside = trip_page.find("aside", cls="record-aside")

    assert aside.find_all("section")[0].links() == [
        ("大兴区 — 察右前旗", "/pairings/da-xing-qu-cha-you-qian-qi/"),
        ("大兴区 — 正镶白旗", "/pairings/da-xing-qu-zheng-xiang-bai-qi/"),
    ]
    assert ("文旅", "/topics/wenlv/") in aside.find_all("section")[1].links()


def test_the_trip_page_carries_an_event_in_json_ld_and_open_graph_tags(trip_page):
    (event,) = json_ld(trip_page)

    # The report gives only the year: no startDate rather than "2024", read as 1 January.
    assert (event["@type"], event["name"], "startDate" in event) == (
        "Event", "区委书记王有国率大兴区党政代表团到察右前旗、正镶白旗对接考察", False,
    )
    assert [place["name"] for place in event["location"]] == [
        "内蒙古自治区乌兰察布市察哈尔右翼前旗", "内蒙古自治区锡林郭勒盟正镶白旗",
    ]
    assert event["attendee"][0] == {
        "@type": "Person", "name": "王有国", "jobTitle": "区委书记", "url": "http://testserver/people/wang-you-guo/",
    }
    assert [sub["name"] for sub in event["subEvent"]] == ["察右前旗座谈会", "正镶白旗京蒙协作工作座谈会"]
    # 大兴区相关单位负责人 is no one the data can name: left out, never a Person without a name.
    performers = [person for sub in event["subEvent"] for person in sub["performer"]]
    assert [person["name"] for person in performers] == ["冀宏", "王有国", "乔允利", "额尔德尼", "王有国", "张佰成"]
    assert meta(trip_page, "og:title") == "区委书记王有国率大兴区党政代表团到察右前旗、正镶白旗对接考察"
    assert meta(trip_page, "og:type") == "article"
    assert meta(trip_page, "og:url") == f"http://testserver{TRIP}"


@pytest.mark.django_db
def test_a_trip_known_to_the_day_gives_its_meetings_full_start_dates(client):
    trip = make_delegation(start_date=datetime.date(2024, 6, 20), end_date=datetime.date(2024, 6, 20))
    make_meeting(trip, "当天的座谈会")
    make_meeting(trip, "另一天的会", date=datetime.date(2024, 6, 21))
    longer = make_delegation(start_date=datetime.date(2024, 6, 1), end_date=datetime.date(2024, 6, 3))
    make_meeting(longer, "三天里的会")

    (event,) = json_ld(parse(client.get(trip.get_absolute_url())))
    (other,) = json_ld(parse(client.get("/visits/meetings/san-tian-li-de-hui/")))

    assert (event["startDate"], event["endDate"]) == ("2024-06-20", "2024-06-20")
    assert [(sub["name"], sub["startDate"]) for sub in event["subEvent"]] == [
        ("当天的座谈会", "2024-06-20"), ("另一天的会", "2024-06-21")
    ]
    assert "startDate" not in other


# ---------------------------------------------------------------------------------------------
# Drafts, previews and renamed addresses


@pytest.mark.django_db
def test_a_draft_trip_is_a_404_for_the_public(client):
    trip = make_delegation("草稿考察", status=Status.DRAFT)

    assert client.get(trip.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_trip_published_for_later_is_a_404_until_then(client):
    trip = make_delegation("定时考察", published_at=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC))

    assert client.get(trip.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_staff_see_a_draft_as_a_marked_preview_with_its_draft_meetings(client, django_user_model):
    trip = make_delegation("草稿考察", status=Status.DRAFT)
    make_meeting(trip, "草稿会议", status=Status.DRAFT)
    client.force_login(make_staff(django_user_model, "staff", EDITOR))

    page = parse(client.get(trip.get_absolute_url()))

    assert page.find("div", cls="preview-banner").find("strong").text == "预览"
    assert page.find("article", cls="meeting").find("h3").text == "草稿会议 未发布"


@pytest.mark.django_db
def test_a_renamed_trip_redirects_permanently_from_its_old_address(client):
    trip = make_delegation("更名考察")
    old = trip.slug
    trip.slug = "geng-ming-hou"
    trip.save()
    remember_old_slug(trip, old)

    response = client.get(f"/visits/{old}/?utm=1")

    assert (response.status_code, response["Location"]) == (301, "/visits/geng-ming-hou/?utm=1")


@pytest.mark.django_db
def test_an_old_address_of_a_draft_stays_a_404(client):
    trip = make_delegation("草稿更名", status=Status.DRAFT)
    SlugRedirect.objects.create(
        content_type=ContentType.objects.get_for_model(Delegation), object_id=trip.pk, old_slug="jiu-de"
    )

    assert client.get("/visits/jiu-de/").status_code == 404


@pytest.mark.django_db
def test_taking_an_old_slug_back_removes_its_redirect():
    trip = make_delegation("来回更名")
    first = trip.slug
    trip.slug = "second"
    trip.save()
    remember_old_slug(trip, first)
    trip.slug = first
    trip.save()
    remember_old_slug(trip, "second")

    assert list(SlugRedirect.objects.values_list("old_slug", flat=True)) == ["second"]


@pytest.mark.django_db
def test_a_draft_project_inspected_on_a_published_trip_is_not_named(client):
    trip = make_delegation("公开考察")
    visit = make_site_visit(trip, "考察点")
    visit.projects.set([make_project("公开项目"), make_project("草稿项目", status=Status.DRAFT)])

    page = parse(client.get(trip.get_absolute_url()))

    assert page.find("p", cls="stop-projects").links() == [("公开项目", "/projects/gong-kai-xiang-mu/")]
    assert "草稿项目" not in page.text


@pytest.mark.django_db
def test_stops_people_meetings_and_speeches_follow_their_printed_order_not_the_order_entered(client):
    trip = make_delegation("公开考察")
    make_delegation("另一次考察", start_date=datetime.date(2020, 1, 1))
    for name, order in [("第二站", 2), ("第一站", 1)]:
        make_site_visit(trip, name, order=order)
    for name, order in [("乙", 2), ("甲", 1)]:
        make_participant(trip, name_as_printed=name, order=order)
    for title, order in [("第二场", 2), ("第一场", 1)]:
        meeting = make_meeting(trip, title, order=order)
        for name, speech_order in [(f"{title}后", 2), (f"{title}先", 1)]:
            make_speech(meeting, name_as_printed=name, order=speech_order)

    page = parse(client.get(trip.get_absolute_url()))

    assert [stop.find("h3").text for stop in page.find_all("li", cls="stop")] == ["第一站", "第二站"]
    assert [m.find("h3").text for m in page.find_all("article", cls="meeting")] == ["第一场", "第二场"]
    assert [s.find("p", cls="speaker").text.split("（")[0] for s in page.find_all("li", cls="speech")] == [
        "第一场先", "第一场后", "第二场先", "第二场后",
    ]
    people = page.find("ul", cls="people-grid").text
    assert people.index("甲") < people.index("乙")


@pytest.mark.django_db
def test_a_draft_speaker_is_named_as_printed_but_not_linked(client):
    trip = make_delegation("公开考察")
    meeting = make_meeting(trip, "座谈会")
    make_speech(meeting, make_person("草稿人物", status=Status.DRAFT), title_as_printed="旗长")

    page = parse(client.get(trip.get_absolute_url()))

    assert page.find("p", cls="speaker").text == "草稿人物（旗长） 讲话"
    assert page.find("p", cls="speaker").links() == []


# ---------------------------------------------------------------------------------------------
# The meeting page


def test_a_meeting_page_lists_its_speeches_and_links_back_to_its_trip(client, seed):
    page = parse(client.get("/visits/meetings/zheng-xiang-bai-qi-jing-meng-xie-zuo-gong-zuo-zuo-tan-hui/"))

    assert page.find("h1").text == "正镶白旗京蒙协作工作座谈会"
    assert [p.text for p in page.find_all("p", cls="speaker")] == [
        "额尔德尼（正镶白旗委副书记、旗长） 介绍情况",
        "大兴区相关部门负责人 介绍情况",
        "王有国（区委书记） 强调",
        "张佰成（内蒙古自治区政协副主席、锡林郭勒盟委书记） 表示",
    ]
    assert page.find("nav", cls="breadcrumbs").links() == [
        ("首页", "/"), ("考察活动", "/visits/"), ("大兴区党政代表团", TRIP),
    ]
    (event,) = json_ld(page)
    assert (event["@type"], event["superEvent"]["url"]) == ("Event", f"http://testserver{TRIP}")


@pytest.mark.django_db
def test_a_standalone_meeting_has_its_own_page(client):
    meeting = make_meeting(None, "京蒙协作联席会议")

    page = parse(client.get(meeting.get_absolute_url()))

    assert page.find("h1").text == "京蒙协作联席会议"


@pytest.mark.django_db
def test_a_published_meeting_of_a_draft_trip_is_a_404(client):
    meeting = make_meeting(make_delegation("草稿", status=Status.DRAFT), "会议")

    assert client.get(meeting.get_absolute_url()).status_code == 404


# ---------------------------------------------------------------------------------------------
# The list and its filters


@pytest.fixture
def trips(db):
    """Three published trips that differ in every filtered property, and one draft."""
    xingyao = make_region("星耀测试镇", parent=region("正镶白旗"))
    culture, energy = make_topic("文旅测试"), make_topic("新能源测试")
    wang, zhang = make_person("王测试"), make_person("张测试")
    from tests.public_site import make_pairing_once

    first = make_delegation(
        "春季考察", start_date=datetime.date(2023, 4, 2), kind=DelegationKind.INSPECTION
    )
    first.destinations.set([xingyao])
    first.topics.set([culture])
    first.pairings.set([make_pairing_once("大兴区", "正镶白旗")])
    make_participant(first, wang, role=ParticipantRole.LEADER)
    second = make_delegation("夏季来访", start_date=datetime.date(2024, 7, 9), kind=DelegationKind.VISIT,
                             origin=region("察右前旗"))
    second.topics.set([energy])
    second.pairings.set([make_pairing_once("大兴区", "察右前旗")])
    make_participant(second, zhang, side=ParticipantSide.HOST, role=ParticipantRole.ATTENDING)
    third = make_delegation("冬季调研", start_date=datetime.date(2024, 12, 1), kind=DelegationKind.RESEARCH,
                            origin=region("密云区"))
    third.destinations.set([region("察右前旗")])
    make_participant(third, wang)
    make_delegation("草稿考察", status=Status.DRAFT, start_date=datetime.date(2024, 5, 1))
    return {"first": first, "second": second, "third": third}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["冬季调研", "夏季来访", "春季考察"]),
        ("?year=2024", ["冬季调研", "夏季来访"]),
        ("?pairing=da-xing-qu-zheng-xiang-bai-qi", ["春季考察"]),
        ("?region=nei-meng-gu-zi-zhi-qu", ["冬季调研", "夏季来访", "春季考察"]),
        ("?region=cha-you-qian-qi", ["冬季调研", "夏季来访"]),
        ("?region=mi-yun-qu", ["冬季调研"]),
        ("?topic=xin-neng-yuan-ce-shi", ["夏季来访"]),
        ("?kind=research", ["冬季调研"]),
        ("?person=wang-ce-shi", ["冬季调研", "春季考察"]),
        ("?person=zhang-ce-shi&year=2024", ["夏季来访"]),
        ("?date_from=2024-07-09&date_to=2024-11-30", ["夏季来访"]),
    ],
)
def test_filters_narrow_the_trip_list(client, trips, query, expected):
    response = client.get(f"/visits/{query}")

    assert response.status_code == 200
    assert card_titles(response) == expected


def test_the_region_filter_includes_the_regions_below_it(client, trips):
    region_slug = region("锡林郭勒盟").slug

    assert card_titles(client.get(f"/visits/?region={region_slug}")) == ["春季考察"]


def test_the_year_filter_offers_only_years_with_published_trips(client, trips):
    page = parse(client.get("/visits/"))

    assert page.find("select", id="id_year").texts("option") == ["全部年份", "2024", "2023"]


def test_the_person_filter_lists_the_leaders_of_published_trips_and_the_chosen_person(client, trips):
    make_person("没去过的人")
    make_participant(make_delegation("草稿", status=Status.DRAFT), make_person("草稿领队"), role=ParticipantRole.LEADER)

    listed = parse(client.get("/visits/")).find("select", id="id_person").texts("option")
    chosen = parse(client.get("/visits/?person=zhang-ce-shi")).find("select", id="id_person")

    assert listed == ["全部人物", "王测试"]
    assert chosen.texts("option") == ["全部人物", "张测试", "王测试"]
    assert [o.text for o in chosen.find_all("option") if "selected" in o.attrs] == ["张测试"]


def test_the_region_filter_lists_down_to_counties_and_the_chosen_township(client, trips):
    listed = parse(client.get("/visits/")).find("select", id="id_region").texts("option")
    chosen = parse(client.get("/visits/?region=xing-yao-ce-shi-zhen")).find("select", id="id_region")

    assert "星耀测试镇" not in listed
    # Only the places something published is filed under, and the places above them.
    assert listed[:3] == ["全部地区", "北京市", "大兴区"]  # texts() trims the indent
    # Indented by level under its league with ideographic spaces, so the list reads as a tree.
    (selected,) = [o for o in chosen.find_all("option") if "selected" in o.attrs]
    assert selected.children == ["\u3000\u3000星耀测试镇"]


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=999999",
        "?page=-1",
        "?date_from=2024-13-45",
        "?year=abc",
        "?year=1999",
        "?region=no-such-region",
        "?person=no-such-person",
        "?kind=%00",
        "?region=%00&person=%00&topic=%00&pairing=%00&year=%00&date_to=%00",
        "?unknown=1&another=%E2%80%AE",
        "?topic=&pairing=",
    ],
)
def test_bad_values_are_ignored_or_explained_never_a_server_error(client, trips, query):
    response = client.get(f"/visits/{query}")

    assert response.status_code == 200
    assert card_titles(response) == ["冬季调研", "夏季来访", "春季考察"]


def test_an_invalid_filter_says_why_it_was_ignored(client, trips):
    page = parse(client.get("/visits/?date_from=2024-13-45&kind=research"))

    assert page.find("div", cls="notice-warning").texts("li") == ["开始日期不早于：输入一个有效的日期。"]
    assert page.texts("h3", cls="card-title") == ["冬季调研"]


def test_a_draft_persons_slug_is_not_a_filter(client, trips):
    make_participant(trips["first"], make_person("草稿人", status=Status.DRAFT))

    page = parse(client.get("/visits/?person=cao-gao-ren"))

    assert page.texts("h3", cls="card-title") == ["冬季调研", "夏季来访", "春季考察"]
    assert "草稿人" not in page.find("select", id="id_person").text


def test_active_filters_are_listed_each_with_a_link_that_drops_it(client, trips):
    page = parse(client.get("/visits/?year=2024&kind=visit"))

    active = page.find("ul", cls="active-filters").find_all("li")
    assert [li.find("span").text for li in active] == ["年份：2024", "类型：来访"]
    assert [li.find("a").attrs["href"] for li in active] == ["?kind=visit", "?year=2024"]


@pytest.mark.django_db
def test_pagination_keeps_the_filters(client):
    for day in range(1, 15):
        make_delegation(f"考察{day:02d}", start_date=datetime.date(2024, 3, day), kind=DelegationKind.VISIT)
    make_delegation("另一类", start_date=datetime.date(2024, 3, 20))

    first = parse(client.get("/visits/?kind=visit"))
    second = parse(client.get("/visits/?kind=visit&page=2"))

    assert first.find("a", rel="next").attrs["href"] == "?kind=visit&page=2"
    assert first.find("h2", cls="results-count").text == "共 14 次考察活动"
    assert second.texts("h3", cls="card-title") == ["考察02", "考察01"]
    assert second.find("a", rel="prev").attrs["href"] == "?kind=visit&page=1"


# ---------------------------------------------------------------------------------------------
# Query counts: the same for one related record as for many


@pytest.mark.parametrize("size", [1, 3])
def test_the_trip_list_costs_the_same_queries_for_one_or_many(client, db, django_assert_num_queries, size, settings):
    build_world(size)
    settings.PAGE_CACHE = False  # the page is made each time; its filter choices are kept

    # The first visitor after a change: the pairings, places and topics in public use, the
    # filter choices (years, people, regions, pairings, topics), count, page, the destinations
    # and topics of the page's trips (one query of their link tables), their leaders, the rows
    # of the places and topics they name (kept: cooperation/kept_links.py), + the site settings
    # (govsite).
    with django_assert_num_queries(15):
        client.get("/visits/")
    # Every later one, until something changes: the choices, the count, the places' and topics'
    # rows and the site settings are kept.
    with django_assert_num_queries(3):  # page, destinations and topics, leaders
        response = client.get("/visits/")

    assert len(card_titles(response)) == size


@pytest.mark.parametrize("size", [1, 3])
def test_the_filtered_trip_list_costs_the_same_queries(client, db, django_assert_num_queries, size, settings):
    world = build_world(size)
    settings.PAGE_CACHE = False  # the page is made each time; its filter choices are kept
    query = f"?region={world.region.slug}&topic={world.topic.slug}&person={world.person.slug}&year=2024"

    # the list's, plus looking up the chosen person (the person, who led no trip, is not among
    # the kept choices: that list is made with the person in it); the year, region and topic are
    # among the kept choices, checked there and made from the kept rows
    # (destinations and topics in one query, the kept places' and topics' rows: see above)
    with django_assert_num_queries(16):
        client.get(f"/visits/{query}")
    # page, destinations and topics, leaders, the person: the count under these filters is kept too
    with django_assert_num_queries(4):
        response = client.get(f"/visits/{query}")

    assert len(card_titles(response)) == size


@pytest.mark.parametrize("size", [1, 3])
def test_the_trip_page_costs_the_same_queries_for_one_or_many(client, db, django_assert_num_queries, size):
    world = build_world(size)

    # the trip, participants, site visits, their photos, meetings, speeches; one query of the
    # link tables of its destinations, topics, pairings, related projects and its stops'
    # projects, and one of those projects (cooperation/kept_links.py); the places', topics' and
    # pairings' rows, kept from the first visit after a change to them
    with django_assert_num_queries(9 + 3):  # + the site settings (govsite), once
        response = client.get(world.trip.get_absolute_url())

    page = parse(response)
    assert len(page.find_all("li", cls="stop")) == size
    assert len(page.find_all("li", cls="speech")) == size * size


@pytest.mark.parametrize("size", [1, 3])
def test_the_meeting_page_costs_the_same_queries_for_one_or_many(client, db, django_assert_num_queries, size):
    world = build_world(size)

    with django_assert_num_queries(3):  # + the site settings (govsite), once
        response = client.get(world.meeting.get_absolute_url())

    assert len(parse(response).find_all("li", cls="speech")) == size


@pytest.mark.django_db
def test_a_trip_leader_shows_on_its_card(client):
    trip = make_delegation("带队考察")
    make_participant(trip, make_person("领队"), role=ParticipantRole.LEADER, title_as_printed="区长")

    page = parse(client.get(reverse("visits:delegation_list")))

    assert page.find("article", cls="trip-card").find("dl").find_all("div")[0].text == "带队 领队（区长）"


@pytest.mark.django_db
def test_the_admin_mixin_records_the_old_slug_when_a_form_renames_a_trip(client, rf):
    from django import forms

    from cooperation.redirects import RemembersOldSlugs

    class Base:
        def save_model(self, request, obj, form, change):
            obj.save()

    class TripAdmin(RemembersOldSlugs, Base):
        pass

    class TripForm(forms.ModelForm):
        class Meta:
            model = Delegation
            fields = ["title", "slug"]

    trip = make_delegation("改名考察")
    form = TripForm({"title": trip.title, "slug": "gai-ming-hou"}, instance=trip)
    assert form.is_valid()

    TripAdmin().save_model(rf.post("/"), form.save(commit=False), form, change=True)

    assert client.get("/visits/gai-ming-kao-cha/")["Location"] == "/visits/gai-ming-hou/"


def test_filters_in_use_stay_folded_behind_a_button_that_counts_them(client, seed):
    page = parse(client.get("/visits/?pairing=da-xing-qu-zheng-xiang-bai-qi&topic=wenlv"))
    refused = parse(client.get("/visits/?year=1800"))

    panel = page.find("section", cls="filter-panel")
    assert "open" not in panel.find("details").attrs
    assert panel.find("span", cls="filter-button").text == "筛选条件 已选 2 项"
    assert panel.find("form").attrs["action"] == "/visits/"
    assert panel.texts("li") == ["结对关系：大兴区 — 正镶白旗 ×", "协作领域：文旅 ×"]
    assert "open" in refused.find("section", cls="filter-panel").find("details").attrs


@pytest.mark.django_db
def test_a_lists_count_is_kept_only_until_a_trip_is_published_or_withdrawn(client, settings):
    # The count of a list's results is kept between requests (cooperation.public.paginate), per filter.
    settings.PAGE_CACHE = False
    topic = make_topic("计数领域")
    counted = make_delegation("计数一")
    counted.topics.add(topic)
    make_delegation("计数二")

    def count(query=""):
        return parse(client.get(f"/visits/{query}")).texts("h2", cls="results-count")[0]

    everything = Delegation.objects.published().count()
    assert count() == count() == f"共 {everything} 次考察活动"
    assert count(f"?topic={topic.slug}") == "共 1 次考察活动"

    later = make_delegation("计数三")
    later.topics.add(topic)
    assert count() == f"共 {everything + 1} 次考察活动"
    assert count(f"?topic={topic.slug}") == "共 2 次考察活动"

    Delegation.objects.filter(pk=counted.pk).update(status=Status.DRAFT)
    assert count() == f"共 {everything} 次考察活动"
    assert count(f"?topic={topic.slug}") == "共 1 次考察活动"
    # A value the filter refuses is not a key of its own: the list is counted as it is shown.
    assert count("?year=abc") == count("?year=abc") == f"共 {everything} 次考察活动"
