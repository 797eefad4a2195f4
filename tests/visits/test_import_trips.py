"""The 考察活动 ledger: a row is a whole trip, with its people, stops, places and projects."""

import datetime

import pytest

from cooperation.models import Pairing, Source
from projects.models import Project
from review.models import Status
from tests.builders import make_delegation, make_pairing, make_person, make_project, make_site_visit, region
from tests.cooperation.ledger_builders import outcomes, problems, run, trip, trips_csv
from visits.models import Delegation, Participant, SiteVisit

pytestmark = pytest.mark.django_db


def people_of(delegation):
    return [
        (p.side, p.role, p.order, p.name_as_printed, p.title_as_printed)
        for p in delegation.participants.order_by("order")
    ]


def test_leader_members_and_hosts_with_titles_as_printed():
    data = trips_csv(
        trip(
            带队领导="王有国（区委书记）",
            代表团成员="姚茂文（大兴区领导）;仲伟功(大兴区领导)",
            出席人员="张佰成（内蒙古自治区政协副主席、锡林郭勒盟委书记）\n奇·达楞太（旗长）；（大兴区相关单位负责人）",
        )
    )

    run(data)

    assert people_of(Delegation.objects.get()) == [
        ("visiting", "leader", 1, "王有国", "区委书记"),
        ("visiting", "member", 2, "姚茂文", "大兴区领导"),
        ("visiting", "member", 3, "仲伟功", "大兴区领导"),
        ("host", "attending", 4, "张佰成", "内蒙古自治区政协副主席、锡林郭勒盟委书记"),
        ("host", "attending", 5, "奇·达楞太", "旗长"),
        ("visiting", "attending", 6, "", "大兴区相关单位负责人"),  # 大兴区 is where the trip came from
    ]
    assert Participant.objects.get(name_as_printed="").person is None
    assert Participant.objects.get(name_as_printed="奇·达楞太").person.name == "奇·达楞太"


def test_every_field_of_a_trip():
    make_pairing("大兴区", "察右前旗")
    data = trips_csv(
        trip(
            编号="DX-2024-01",
            标题="大兴区党政代表团赴察右前旗、正镶白旗考察",
            类型="调研",
            开始日期="2024/6/20",
            结束日期="2024.6.22",
            代表团="大兴区党政代表团",
            出发地="北京市大兴区",
            目的地="察右前旗、锡林郭勒盟正镶白旗",
            协作领域="产业协作、劳务协作，新领域",
            来源="大兴区人民政府网",
            链接="https://www.bjdx.gov.cn/1.html",
            发布日期="2024年6月25日",
            摘要="摘要",
            正文="　　正文第一段。\n　　第二段。",
        )
    )

    report = run(data)

    assert report.new_names == {"协作领域": ["新领域"]}
    trip_record = Delegation.objects.get()
    assert (trip_record.code, trip_record.kind, trip_record.name, trip_record.origin.name) == (
        "DX-2024-01",
        "research",
        "大兴区党政代表团",
        "大兴区",
    )
    assert (trip_record.start_date, trip_record.end_date, trip_record.date_precision) == (
        datetime.date(2024, 6, 20),
        datetime.date(2024, 6, 22),
        "day",
    )
    assert sorted(r.name for r in trip_record.destinations.all()) == ["察哈尔右翼前旗", "正镶白旗"]
    assert sorted(t.name for t in trip_record.topics.all()) == ["产业协作", "劳务协作", "新领域"]
    assert [str(p) for p in trip_record.pairings.all()] == ["大兴区—察右前旗"]  # the pairing that exists
    source = trip_record.source
    assert (source.title, source.publisher, source.url, source.published_on, source.text) == (
        trip_record.title,
        "大兴区人民政府网",
        "https://www.bjdx.gov.cn/1.html",
        datetime.date(2024, 6, 25),
        "　　正文第一段。\n　　第二段。",
    )
    assert (trip_record.summary, trip_record.body, trip_record.status) == (
        "摘要",
        "　　正文第一段。\n　　第二段。",
        "draft",
    )


def test_near_dates_keep_their_precision_and_a_report_date_stands_in_for_none():
    data = trips_csv(
        trip(编号="A", 开始日期="2024年6月", 结束日期="2024年7月"),
        trip(编号="B", 开始日期="2024年"),
        trip(编号="C", 开始日期="", 发布日期="2024-06-25"),
        trip(编号="D", 开始日期="2024-06-20", 结束日期="2024年7月"),
        trip(编号="E", 开始日期="2024-06-20", 结束日期="2024-06-19"),
    )

    report = run(data)

    assert problems(report) == [
        (5, "结束日期", "2024年7月", "结束日期与开始日期须精确到同一级（都到日、都到月或都到年）"),
        (6, "结束日期", "2024-06-19", "结束日期早于开始日期"),
    ]
    run(
        trips_csv(
            *[
                trip(编号=c, 开始日期=s, 发布日期=p)
                for c, s, p in (("A", "2024年6月", ""), ("B", "2024年", ""), ("C", "", "2024-06-25"))
            ]
        )
    )
    assert sorted(Delegation.objects.values_list("code", "start_date", "date_precision")) == [
        ("A", datetime.date(2024, 6, 1), "month"),
        ("B", datetime.date(2024, 1, 1), "year"),
        ("C", datetime.date(2024, 6, 1), "month"),
    ]


def test_site_visits_take_the_projects_they_inspected_and_a_new_name_is_a_draft_project():
    make_project("星耀镇京蒙现代农业科技产业园", code="P7")
    data = trips_csv(
        trip(
            考察点="乌兰察布延彩生态农业发展有限公司大哈拉运营区：全面了解芍药鲜切花种植、销售、种苗研发培育等情况。；"
            "正镶白旗人才公寓：全面了解“组团式”帮扶人员服务保障情况\n"
            "星耀镇京蒙现代农业科技产业园科技种植示范基地：了解并察看日光智能玻璃温室",
            相关项目="P7；芍药种植基地",
        )
    )

    report = run(data)

    assert report.new_names == {"协作项目": ["芍药种植基地"]}
    sites = SiteVisit.objects.order_by("order")
    assert [(s.order, s.place, [p.name for p in s.projects.all()]) for s in sites] == [
        (1, "乌兰察布延彩生态农业发展有限公司大哈拉运营区", []),
        (2, "正镶白旗人才公寓", []),
        (3, "星耀镇京蒙现代农业科技产业园科技种植示范基地", ["星耀镇京蒙现代农业科技产业园"]),
    ]
    # Inspected at no listed stop: linked to the trip, never a stop of its own.
    assert [p.name for p in Delegation.objects.get().related_projects.all()] == ["芍药种植基地"]
    assert sites[1].region == region("正镶白旗")
    assert Project.objects.get(name="芍药种植基地").status == Status.DRAFT


def test_a_shared_project_name_asks_for_the_code():
    make_project("冷链物流中心", code="P1")
    make_project("冷链物流中心", code="P2")

    report = run(trips_csv(trip(相关项目="冷链物流中心")))

    assert problems(report) == [(2, "相关项目", "冷链物流中心", "有 2 个名为“冷链物流中心”的项目；请写项目的编号")]


def test_the_cell_is_the_whole_list_removed_people_go_and_the_rest_keep_their_records():
    run(trips_csv(trip(编号="T1", 代表团成员="甲（区长）；乙（副区长）；丙（局长）", 考察点="一地：看；二地：看")))
    kept = Participant.objects.get(name_as_printed="乙")
    stop = SiteVisit.objects.get(place="二地")

    report = run(trips_csv(trip(编号="T1", 代表团成员="乙（副区长）；丁（局长）", 考察点="二地：看；三地：新")))

    assert outcomes(report) == [(2, "updated")]
    assert report.results[0].outcomes[0].changes == ["参加人员", "考察点"]
    trip_record = Delegation.objects.get()
    assert [(p.order, p.name_as_printed) for p in trip_record.participants.order_by("order")] == [(1, "乙"), (2, "丁")]
    assert Participant.objects.get(name_as_printed="乙").pk == kept.pk
    assert [(s.order, s.place) for s in trip_record.site_visits.order_by("order")] == [(1, "二地"), (2, "三地")]
    assert SiteVisit.objects.get(place="二地").pk == stop.pk


def test_a_renamed_stop_keeps_its_photos_and_a_corrected_title_keeps_the_person():
    person = make_person("王有国")
    delegation = make_delegation(code="T1", title="考察", origin=region("大兴区"))
    Participant.objects.create(
        delegation=delegation,
        person=person,
        name_as_printed="王有国",
        title_as_printed="书记",
        side="visiting",
        role="leader",
        order=1,
    )
    site = make_site_visit(delegation, place="人材公寓", order=1)

    run(trips_csv(trip(编号="T1", 标题="考察", 带队领导="王有国（区委书记）", 考察点="人才公寓：看了")))

    assert SiteVisit.objects.get().pk == site.pk
    assert SiteVisit.objects.get().place == "人才公寓"
    assert Participant.objects.get().person == person


def test_an_origin_of_two_regions_and_an_ambiguous_region_are_errors():
    report = run(trips_csv(trip(出发地="大兴区、密云区"), trip(编号="X", 目的地="新城区、内蒙古")))

    assert [(p.row, p.column) for p in report.problems][:1] == [(2, "出发地")]


def test_a_new_trip_gets_the_pairings_of_where_it_went_and_an_existing_trip_keeps_its_own():
    pairing = make_pairing("大兴区", "正镶白旗")
    other = make_pairing("大兴区", "察右前旗")
    delegation = make_delegation(code="T1", title="考察", origin=region("大兴区"))
    delegation.pairings.add(other)

    report = run(
        trips_csv(trip(编号="T1", 标题="考察", 开始日期="", 目的地=""), trip(编号="T2", 目的地="正镶白旗星耀镇"))
    )

    assert outcomes(report) == [(2, "unchanged"), (3, "new")]
    assert list(delegation.pairings.all()) == [other]
    assert list(Delegation.objects.get(code="T2").pairings.all()) == [pairing]  # a township reaches its county's
    assert Pairing.objects.count() == 2


def test_a_shared_link_is_one_source():
    link = "https://example.gov.cn/news/1.html"
    run(
        trips_csv(
            trip(编号="A", 链接=link, 来源="大兴区人民政府网"), trip(编号="B", 链接=link, 来源="大兴区人民政府网")
        )
    )

    assert Source.objects.count() == 1
    assert set(Delegation.objects.values_list("source__url", flat=True)) == {link}
