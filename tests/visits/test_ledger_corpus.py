"""The corpus of ledgers as offices keep them (tests/data/ledgers_as_meant): the database holds
what the ledgers say, scored per kind of fact. Expectations were written by hand from the
reports, before the import ran on them."""

from pathlib import Path

import pytest

from cooperation.ledgers.service import import_file
from cooperation.models import Person
from visits.models import Delegation, Speech

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent.parent / "data" / "ledgers_as_meant"
V, H = "visiting", "host"

PEOPLE = {
    "KL-2022-0731": [
        (V, "王薇", "库伦旗委副书记、旗长"),
        (H, "余卫国", "密云区委书记"),
        (H, "马新明", "区委副书记、区长"),
        (H, "王永浩", "区领导"),
        (H, "季荣旺", "区领导"),
    ],
    "MY-2024-0701": [
        (V, "余卫国", "密云区委书记"),
        (V, "任武军", "区人大常委会主任"),
        (V, "席成坡", "区政协主席"),
        (V, "于建华", "区委副书记"),
        (H, "奇·达楞太", "通辽市委副书记、市长"),
        (H, "葛俊凯", "内蒙古自治区政府副秘书长"),
        (H, "周粮源", "库伦旗委书记"),
        (H, "王薇", "库伦旗委副书记、旗长"),
    ],
    "DX-2024-06": [
        (V, "王有国", "区委书记"),
        (H, "张佰成", "内蒙古自治区政协副主席、锡林郭勒盟委书记"),
        (H, "奇飞云", "乌兰察布市委副书记、市长"),
        (H, "乔允利", "乌兰察布市委副书记、政法委书记"),
        (H, "冀宏", "乌兰察布市政协副主席、察右前旗委书记"),
        (V, "", "大兴区相关单位负责人"),
    ],
    "NMG-2023-1219": [
        (V, "白清元", "内蒙古自治区人民政府副主席"),
        (H, "韩耕", "北京市政府副秘书长"),
        (H, "沈永刚", "经开区工委委员、管委会副主任"),
    ],
    "TPS-2025-0401": [
        (V, "陈艳豹", "太仆寺旗委书记"),
        (V, "张永志", "太仆寺旗委副书记、政府旗长候选人"),
        (V, "范华敏", "太仆寺旗领导"),
        (V, "刘亚生", "太仆寺旗领导"),
        (H, "甘靖中", "区委书记"),
        (H, "刘晓东", "区委副书记、区长"),
        (H, "马春秀", "区领导"),
        (H, "雷海良", "区领导"),
    ],
    "BJZX-2023-0713": [
        (V, "魏小东", "北京市政协主席"),
        (V, "张家明", "北京市领导"),
        (V, "林抚生", "北京市领导"),
        (H, "孙绍骋", "自治区党委书记"),
        (H, "王莉霞", "自治区党委副书记、自治区主席"),
        (H, "张延昆", "自治区政协主席"),
        (H, "于立新", "自治区领导"),
        (H, "罗志虎", "自治区领导"),
    ],
}
# (place, the region it lies in — None where the ledger does not say)
STOPS = {
    "KL-2022-0731": [
        ("北京康辰药业股份有限公司", "密云区"),
        ("极星现代农业产业园", "密云区"),
        ("库伦旗特色文化美食密云体验馆", "密云区"),
        ("溪翁庄镇金叵罗村金樱谷开心农场", "密云区"),
    ],
    "MY-2024-0701": [
        ("库伦旗“第一个党支部”纪念馆暨党员干部拓展基地", "库伦旗"),
        ("京蒙协作牛产业园区", "库伦旗"),
        ("库伦镇三家子嘎查", "库伦旗"),
        ("密云区第二中学库伦旗分校", "库伦旗"),
        ("库伦旗博物馆", "库伦旗"),
    ],
    "DX-2024-06": [
        ("乌兰察布延彩生态农业发展有限公司大哈拉运营区", "察哈尔右翼前旗"),
        ("正镶白旗人才公寓", "正镶白旗"),
        ("星耀镇京蒙现代农业科技产业园科技种植示范基地", "星耀镇"),
        ("星空草原", None),
    ],
    "NMG-2023-1219": [("京东方集团", "北京经济技术开发区"), ("金风科技", "北京经济技术开发区")],
    "TPS-2025-0401": [],
    "BJZX-2023-0713": [],
}
PAIRINGS = {
    "KL-2022-0731": [("密云区", "库伦旗")],
    "MY-2024-0701": [("密云区", "库伦旗")],
    "DX-2024-06": [("大兴区", "察哈尔右翼前旗"), ("大兴区", "正镶白旗")],
    "NMG-2023-1219": [],
    "TPS-2025-0401": [],
    "BJZX-2023-0713": [],
}
# (project, the stop that inspected it — "" for the trip itself)
PROJECTS = {
    "KL-2022-0731": [("京蒙蔬菜种植基地建设合作项目", "极星现代农业产业园")],
    "MY-2024-0701": [
        ("京蒙协作牛产业园区", "京蒙协作牛产业园区"),
        ("密云区第二中学库伦旗分校", "密云区第二中学库伦旗分校"),
        ("嘎海山水库", ""),
    ],
    "DX-2024-06": [
        ("星耀镇京蒙现代农业科技产业园", "星耀镇京蒙现代农业科技产业园科技种植示范基地"),
        ("芍药种植基地", ""),
    ],
    "NMG-2023-1219": [],
    "TPS-2025-0401": [],
    "BJZX-2023-0713": [],
}
PROJECT_PAIRINGS = {
    "星耀镇京蒙现代农业科技产业园": ("大兴区", "正镶白旗"),
    "芍药种植基地": ("大兴区", "察哈尔右翼前旗"),
    "密云区第二中学库伦旗分校": ("密云区", "库伦旗"),
    "京蒙协作牛产业园区": ("密云区", "库伦旗"),  # the ledger names only 库伦旗
    "京蒙蔬菜种植基地建设合作项目": ("密云区", "库伦旗"),  # the ledger names only 库伦旗
    "嘎海山水库": None,  # named only in 相关项目: a new draft project
}
# (trip, meeting, order, speaker) and the person each speaker is
SPEECHES = [
    ("MY-2024-0701", "密云区与库伦旗京蒙东西部协作工作联席会", 1, "余卫国"),
    ("MY-2024-0701", "密云区与库伦旗京蒙东西部协作工作联席会", 2, "周粮源"),
    ("DX-2024-06", "察右前旗座谈会", 1, "冀宏"),
    ("DX-2024-06", "察右前旗座谈会", 2, ""),
    ("DX-2024-06", "察右前旗座谈会", 3, "王有国"),
]


def facts(expected, actual):
    """Precision and recall of one kind of fact."""
    expected, actual = set(expected), set(actual)
    hit = len(expected & actual)
    precision = hit / len(actual) if actual else 1.0
    recall = hit / len(expected) if expected else 1.0
    return precision, recall, sorted(expected - actual, key=str), sorted(actual - expected, key=str)


@pytest.fixture
def imported():
    reports = [
        import_file((CORPUS / name).read_bytes(), name, dry_run=False)
        for name in ("项目.csv", "考察活动.csv", "会议发言.csv")
    ]
    for report in reports:
        assert not report.has_errors, report.summary_lines()
    return reports


def test_the_corpus_imports_as_its_ledgers_mean(imported):
    trips = {d.code: d for d in Delegation.objects.all()}
    actual_people, actual_stops, actual_pairings, actual_projects = [], [], [], []
    for code, delegation in trips.items():
        actual_people += [
            (code, p.side, p.name_as_printed, p.title_as_printed) for p in delegation.participants.order_by("order")
        ]
        for stop in delegation.site_visits.order_by("order"):
            actual_stops.append((code, stop.place, stop.region.name if stop.region else None))
            actual_projects += [(code, project.name, stop.place) for project in stop.projects.all()]
        actual_projects += [(code, project.name, "") for project in delegation.related_projects.all()]
        actual_pairings += [
            (code, p.support_region.name, p.recipient_region.name) for p in delegation.pairings.all()
        ]
    kinds = {
        "people and sides": (
            [(code, *person) for code, people in PEOPLE.items() for person in people],
            actual_people,
        ),
        "stops and places": ([(code, *stop) for code, stops in STOPS.items() for stop in stops], actual_stops),
        "pairings": ([(code, *pair) for code, pairs in PAIRINGS.items() for pair in pairs], actual_pairings),
        "projects and where": (
            [(code, *link) for code, links in PROJECTS.items() for link in links],
            actual_projects,
        ),
    }

    scores = {kind: facts(expected, actual) for kind, (expected, actual) in kinds.items()}

    assert sorted(trips) == sorted(PEOPLE)
    assert {kind: score[:2] for kind, score in scores.items()} == {kind: (1.0, 1.0) for kind in kinds}, scores


def test_the_corpus_people_are_one_each_and_projects_keep_their_pairings(imported):
    from projects.models import Project

    names = {name for people in PEOPLE.values() for _side, name, _title in people if name}

    assert sorted(Person.objects.values_list("name", flat=True)) == sorted(names)
    pairings = {
        p.name: (p.pairing.support_region.name, p.pairing.recipient_region.name) if p.pairing else None
        for p in Project.objects.select_related("pairing__support_region", "pairing__recipient_region")
    }
    assert pairings == PROJECT_PAIRINGS
    speeches = [
        (s.meeting.delegation.code, s.meeting.title, s.order, s.name_as_printed, s.person.name if s.person else "")
        for s in Speech.objects.select_related("meeting__delegation", "person").order_by("meeting__title", "order")
    ]
    assert sorted(speeches) == sorted((*speech, speech[3]) for speech in SPEECHES)
    for report in imported:  # nobody of these ledgers has a namesake to doubt
        assert [item.kind for item in report.review if item.kind == "可能是同一人"] == []


def test_the_corpus_imported_twice_changes_nothing(imported):
    again = [
        import_file((CORPUS / name).read_bytes(), name, dry_run=True)
        for name in ("项目.csv", "考察活动.csv", "会议发言.csv")
    ]

    assert [report.totals for report in again] == [
        {"new": 0, "updated": 0, "unchanged": count, "error": 0} for count in (5, 6, 5)
    ]
