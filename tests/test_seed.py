"""The seed report (shared/seed/000_1530c4c95e66b40c.txt) as the fixture holds it."""

from pathlib import Path

import pytest

from cooperation.models import Pairing, Person, Source
from projects.models import Project
from visits.models import Delegation, Meeting

pytestmark = pytest.mark.usefixtures("seed")

REPORT = Path(__file__).resolve().parent.parent / "fixtures" / "seed_report.json"


def test_the_delegation_and_its_leader():
    trip = Delegation.objects.get()

    assert trip.name == "大兴区党政代表团"
    assert trip.origin.name == "大兴区"
    assert sorted(r.full_name for r in trip.destinations.all()) == [
        "内蒙古自治区乌兰察布市察哈尔右翼前旗",
        "内蒙古自治区锡林郭勒盟正镶白旗",
    ]
    leader = trip.participants.get(role="leader")
    assert (leader.person.name, leader.name_as_printed, leader.title_as_printed) == ("王有国", "王有国", "区委书记")
    assert trip.is_public


def test_the_date_is_only_as_precise_as_the_report():
    trip = Delegation.objects.get()

    # 近日 with 2024's work being planned: the year is known, the day is not.
    assert (trip.start_date.year, trip.date_precision) == (2024, "year")
    assert trip.date_display == "2024年"


def test_the_four_site_visits_in_order():
    trip = Delegation.objects.get()

    assert [(v.order, v.place) for v in trip.site_visits.all()] == [
        (1, "乌兰察布延彩生态农业发展有限公司大哈拉运营区"),
        (2, "正镶白旗人才公寓"),
        (3, "星耀镇京蒙现代农业科技产业园科技种植示范基地"),
        (4, "星空草原"),
    ]
    descriptions = [v.description for v in trip.site_visits.all()]
    assert "芍药鲜切花种植、销售、种苗研发培育" in descriptions[0]
    assert "“组团式”帮扶人员服务保障" in descriptions[1]
    assert "日光智能玻璃温室" in descriptions[2]
    assert "文旅产业发展" in descriptions[3]
    assert [p.name for p in trip.site_visits.get(order=3).projects.all()] == ["星耀镇京蒙现代农业科技产业园"]


def test_both_meetings_with_every_speaker_in_order():
    meetings = Meeting.objects.order_by("order")

    assert [(m.title, m.region.name) for m in meetings] == [
        ("察右前旗座谈会", "察哈尔右翼前旗"),
        ("正镶白旗京蒙协作工作座谈会", "正镶白旗"),
    ]
    speeches = [
        [(s.name_as_printed, s.title_as_printed, s.get_kind_display(), s.person_id is not None)
         for s in m.speeches.all()]
        for m in meetings
    ]
    assert speeches == [
        [
            ("冀宏", "乌兰察布市政协副主席、察右前旗委书记", "介绍情况", True),
            ("", "大兴区相关单位负责人", "介绍情况", False),
            ("王有国", "区委书记", "强调", True),
            ("乔允利", "市委副书记、政法委书记", "表示", True),
        ],
        [
            ("额尔德尼", "正镶白旗委副书记、旗长", "介绍情况", True),
            ("", "大兴区相关部门负责人", "介绍情况", False),
            ("王有国", "区委书记", "强调", True),
            ("张佰成", "内蒙古自治区政协副主席、锡林郭勒盟委书记", "表示", True),
        ],
    ]


def test_the_points_are_the_reports_own_words():
    first, second = Meeting.objects.order_by("order")

    wang = first.speeches.get(order=3).points
    assert wang.startswith("要坚决贯彻落实好党中央")
    assert "推动产业协作持续深化拓展" in wang and "加大两地资源要素双向流动" in wang
    assert first.speeches.get(order=4).points.startswith("大兴区始终把结对帮扶作为一项重要政治任务")
    assert second.speeches.get(order=3).points.startswith("要继续保持好的经验做法")
    assert "“教育倍增”“医疗倍增”" in second.speeches.get(order=3).points
    assert second.speeches.get(order=4).points.startswith("长期以来，大兴区在各个领域")


def test_every_named_official_with_the_title_as_printed():
    trip = Delegation.objects.get()

    assert [(p.get_side_display(), p.get_role_display(), p.name_as_printed, p.title_as_printed)
            for p in trip.participants.all()] == [
        ("来访方", "带队", "王有国", "区委书记"),
        ("来访方", "成员", "姚茂文", "大兴区领导"),
        ("来访方", "成员", "仲伟功", "大兴区领导"),
        ("接待方", "参加", "张佰成", "内蒙古自治区政协副主席、锡林郭勒盟委书记"),
        ("接待方", "参加", "奇飞云", "乌兰察布市委副书记、市长"),
        ("接待方", "参加", "乔允利", "市委副书记、政法委书记"),
        ("接待方", "参加", "冀宏", "乌兰察布市政协副主席、察右前旗委书记"),
        ("接待方", "参加", "额尔德尼", "正镶白旗委副书记、旗长"),
        ("接待方", "参加", "周祥伟", "锡林郭勒盟领导"),
        ("接待方", "参加", "孙振江", "锡林郭勒盟领导"),
        ("接待方", "参加", "班秀萍", "察右前旗领导"),
        ("接待方", "参加", "额尔登巴特尔", "正镶白旗领导"),
        ("接待方", "参加", "宝力格", "正镶白旗领导"),
    ]
    assert Person.objects.count() == 13
    assert list(Person.objects.get(name="张佰成").appointments.values_list("title", flat=True)) == [
        "内蒙古自治区政协副主席", "锡林郭勒盟委书记",
    ]


def test_pairings_topics_project_and_source():
    trip = Delegation.objects.get()

    assert sorted(str(p) for p in Pairing.objects.all()) == ["大兴区—察右前旗", "大兴区—正镶白旗"]
    assert sorted(str(p) for p in trip.pairings.all()) == ["大兴区—察右前旗", "大兴区—正镶白旗"]
    assert sorted(t.name for t in trip.topics.all()) == sorted([
        "产业协作", "劳务协作", "消费帮扶", "人才交流", "教育", "医疗",
        "文旅", "新能源", "科技", "生态环保", "数字经济",
    ])
    project = Project.objects.get()
    assert (project.name, project.region.full_name, str(project.pairing)) == (
        "星耀镇京蒙现代农业科技产业园", "内蒙古自治区锡林郭勒盟正镶白旗星耀镇", "大兴区—正镶白旗",
    )
    source = Source.objects.get()
    paragraphs = [line.strip() for line in source.text.splitlines() if line.strip()]
    assert len(paragraphs) == 13
    assert paragraphs[0].startswith("为深入贯彻落实习近平总书记关于深化东西部协作")
    assert paragraphs[-1] == (
        "锡林郭勒盟领导周祥伟、孙振江，察右前旗领导班秀萍，正镶白旗领导额尔登巴特尔、宝力格，大兴区领导姚茂文、仲伟功参加。"
    )
    assert trip.source == source and trip.body == source.text


def test_loading_the_seed_twice_changes_nothing():
    from django.core.management import call_command

    before = (Delegation.objects.count(), Person.objects.count(), Meeting.objects.count())
    call_command("loaddata", str(REPORT), verbosity=0)

    assert (Delegation.objects.count(), Person.objects.count(), Meeting.objects.count()) == before
