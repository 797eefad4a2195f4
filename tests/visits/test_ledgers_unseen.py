"""A second set of ledgers, typed from reports the import was never built or tuned on
(tests/data/ledgers_unseen, sources in its README): what the database must hold afterwards
was written here by hand from the reports before the files were first imported.

The three CSV files (项目 in UTF-8 with BOM, 考察活动 in GB18030, 会议发言 in UTF-8 with BOM, each
with a title row or extra columns) and a workbook built below (兴安盟's two trips: a title row
merged across the sheet, 出发地 and 带队领导 merged over both rows, Excel date cells, a 填表人
column) go in through the command and through the admin, into a database that already holds
a 张强 of another banner.
"""

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cooperation.models import Person, ProgramFigure
from projects.models import Project
from tests.builders import make_person, make_publisher
from tests.visits.test_ledgers_as_meant import workbook
from visits.models import Delegation, Speech

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent.parent / "data" / "ledgers_unseen"
V, H = "visiting", "host"

PEOPLE = {
    "CP-2024-0731": [
        (V, "支现伟", "昌平区委副书记、区长"),
        (V, "马春秀", "昌平区副区长"),
        (H, "孙振江", "锡林郭勒盟行署副盟长"),
        (H, "赵飞鹏", "锡林郭勒盟行署副盟长、太仆寺旗委书记"),
    ],
    "BJ-2023-0721": [
        (V, "尹力", "北京市委书记"),
        (V, "殷勇", "北京市委副书记、市长"),
        (H, "孙绍骋", "自治区党委书记"),
        (H, "王莉霞", "自治区党委副书记、自治区主席"),
    ],
    "XH-2023-1202": [
        (V, "王会雨", "兴和县委书记"),
        (V, "李锴栋", "县委副书记、县长"),
        (V, "赵瑞", "县人大常委会主任"),
        (V, "杨振东", "县政协主席"),
        (H, "于波", "区委书记"),
        (H, "叶大华", "区委副书记、区长"),
        (H, "吕桂富", "区人大常委会主任"),
    ],
    "BLYQ-2023-0824": [
        (V, "靳江波", "巴林右旗委书记"),
        (H, "张强", "经开区工委书记"),
        (H, "沈永刚", "北京经开区工委委员、管委会副主任"),
    ],
    "TL-2021-0429": [
        (V, "冯玉臻", "通辽市委书记"),
        (V, "方玉东", "通辽市委常委、副市长"),
        (V, "布仁", "通辽市政协副主席"),
        (H, "汪兆龙", "北京市扶贫支援办副主任"),
    ],
    "XAM-2025-1126": [
        (V, "孙书涛", "兴安盟行署副盟长"),
        (H, "沈立军", "平谷区人大常委会副主任"),
        (H, "马冬梅", "平谷区副区长"),
    ],
    "XAM-2026-0203": [
        (V, "孙书涛", "兴安盟行署副盟长"),
        (H, "姚忠阳", "北京市委农工委副书记、市农业农村局副局长"),
        (H, "陆军", "市农业农村局支援协作处处长"),
        (H, "胡虎", "市文旅局区域合作处处长"),
    ],
}
# (place, the county-level region it lies in — None where neither ledger nor report says)
STOPS = {
    "CP-2024-0731": [("太仆寺旗人才公寓", "太仆寺旗")],
    "BJ-2023-0721": [
        ("察右前旗薯都凯达食品有限公司", "察哈尔右翼前旗"),
        ("宏福现代农业产业园", "察哈尔右翼前旗"),  # its project lies in 察右前旗
        ("商都县希森种业公司", "商都县"),
        ("现代农业劳动教育数字基地", None),
        ("商都县职业技术学校", "商都县"),
        ("商都县三大顷乡董家村", "商都县"),
    ],
    "XH-2023-1202": [],
    "BLYQ-2023-0824": [],
    "TL-2021-0429": [],
    "XAM-2025-1126": [
        ("丫髻山", "平谷区"),
        ("金海湖", "平谷区"),
        ("大兴庄镇桃源里欢乐田园", "平谷区"),  # 大兴庄镇 of 平谷区, not 大兴区
        ("南山村", "平谷区"),
        ("金海湖国际会展中心", "平谷区"),
        ("京瓦中心", "平谷区"),
        ("大华山镇大桃博物馆", "平谷区"),
        ("桃产业技术研究院", "平谷区"),
        ("兴隆庄村温室大棚园区", "平谷区"),
        ("紫兴园（北京）食品科技有限公司", "平谷区"),
    ],
    "XAM-2026-0203": [],
}
PAIRINGS = {
    "CP-2024-0731": [("昌平区", "太仆寺旗")],
    "BJ-2023-0721": [],  # 北京市 is no party to a district's pairing
    "XH-2023-1202": [],  # no ledger of the set names 延庆区—兴和县
    "BLYQ-2023-0824": [("北京经济技术开发区", "巴林右旗")],  # from Inner Mongolia to its supporter
    "TL-2021-0429": [],
    "XAM-2025-1126": [],
    "XAM-2026-0203": [],
}
# (project, the stop that inspected it — "" for the trip itself)
PROJECTS = {
    "CP-2024-0731": [("太仆寺旗人才公寓", "太仆寺旗人才公寓")],
    "BJ-2023-0721": [
        ("宏福现代农业产业园", "宏福现代农业产业园"),
        ("商都县职业技术学校“组团式”教育帮扶", "商都县职业技术学校"),
    ],
    "XH-2023-1202": [],
    "BLYQ-2023-0824": [("奶制品加工园区项目", ""), ("京东蒙东冷链物流集配中心（巴林云仓）项目", "")],
    "TL-2021-0429": [],
    "XAM-2025-1126": [],
    "XAM-2026-0203": [],
}
# Where each trip went from and to: 出发地 merged over 兴安盟's two rows reaches the second.
PLACES = {
    "CP-2024-0731": ("昌平区", ["太仆寺旗"]),
    "BJ-2023-0721": ("北京市", ["商都县", "察哈尔右翼前旗"]),
    "XH-2023-1202": ("兴和县", ["延庆区"]),
    "BLYQ-2023-0824": ("巴林右旗", ["北京经济技术开发区"]),
    "TL-2021-0429": ("通辽市", ["北京市"]),
    "XAM-2025-1126": ("兴安盟", ["平谷区"]),
    "XAM-2026-0203": ("兴安盟", ["北京市"]),
}
PROJECT_PAIRINGS = {
    "鲜食玉米分拣加工车间及气调仓储用房": ("石景山区", "宁城县"),
    "太仆寺旗人才公寓": ("昌平区", "太仆寺旗"),
    "奶制品加工园区项目": ("北京经济技术开发区", "巴林右旗"),
    "京东蒙东冷链物流集配中心（巴林云仓）项目": ("北京经济技术开发区", "巴林右旗"),  # only 受援方 named
    "宏福现代农业产业园": None,  # 察右前旗 has no pairing here: left empty, with a warning
    "京东方能源苏尼特右旗20万千瓦牧光储综合示范项目": None,
    "商都县职业技术学校“组团式”教育帮扶": None,
}
ONE_SIDED_WITHOUT_PAIRING = 3
# 年度数据: the pairing's 2024 figures, as the report gives them (its "余万元" rounded down).
FIGURES = {("石景山区", "宁城县", 2024): {"funds": 1200, "social": 900, "projects": 11}}
# A project's new township lies under the county its 所在地 names.
PROJECT_PLACES = {"鲜食玉米分拣加工车间及气调仓储用房": ("大双庙镇", "宁城县")}
# The report each trip cites: (its title, its publisher) — the trip's, even where 项目 named the
# link first.
SOURCES = {
    "CP-2024-0731": ("昌平区区长支现伟带队到太仆寺旗考察交流并出席结对协作工作联席会议", "太仆寺旗人民政府"),
    "BJ-2023-0721": ("北京市党政代表团到乌兰察布市察右前旗、商都县考察推动京蒙协作", ""),
    "XH-2023-1202": ("兴和县党政代表团到延庆区对接东西部协作工作", "北京延庆"),
    "BLYQ-2023-0824": ("巴林右旗党政企代表团到北京经开区对接东西部协作工作", "百度新闻"),
    "TL-2021-0429": ("通辽市党政代表团到北京举办“深化京蒙协作助力乡村振兴”项目对接会", "北京市支援合作办公室"),
    "XAM-2025-1126": ("兴安盟考察团到平谷区考察对接乡村振兴联动合作", "盟农牧局"),
    "XAM-2026-0203": ("兴安盟副盟长孙书涛赴北京市农业农村局、文旅局走访对接", "内蒙古自治区农牧厅"),
}
# (trip, meeting, order, speaker): each speaker is the trip's participant of that name
SPEECHES = [
    ("CP-2024-0731", "昌平区与太仆寺旗结对协作工作联席会议", 1, "赵飞鹏"),
    ("CP-2024-0731", "昌平区与太仆寺旗结对协作工作联席会议", 2, "支现伟"),
    ("CP-2024-0731", "昌平区与太仆寺旗结对协作工作联席会议", 3, "孙振江"),
    ("XH-2023-1202", "延庆区—兴和县东西部协作联席会", 1, "王会雨"),
    ("XH-2023-1202", "延庆区—兴和县东西部协作联席会", 2, "于波"),
    ("BLYQ-2023-0824", "巴林右旗党政企代表团座谈会", 1, "张强"),
    ("TL-2021-0429", "“深化京蒙协作助力乡村振兴”通辽-北京项目对接会", 1, "冯玉臻"),
    ("TL-2021-0429", "“深化京蒙协作助力乡村振兴”通辽-北京项目对接会", 2, "汪兆龙"),
]
# The 张强 the database held before: of 库伦旗, not the 经开区's.
NAMESAKE = ("张强", "库伦旗委常委、副旗长")


def xingan_workbook():
    """兴安盟's own sheet: two trips to Beijing, as its office keeps them."""
    header = ["序号", "编号", "标题", "开始日期", "带队领导", "出发地", "目的地", "考察点", "出席人员", "来源", "链接",
              "发布日期", "填表人"]
    rows = [
        ["兴安盟赴京考察对接台账", *[""] * (len(header) - 1)],
        header,
        [1, "XAM-2025-1126", "兴安盟考察团到平谷区考察对接乡村振兴联动合作", datetime.datetime(2025, 11, 26),
         "孙书涛（兴安盟行署副盟长）", "兴安盟", "平谷区",
         "丫髻山：学习景区管理经验\n金海湖：了解生态旅游开发\n大兴庄镇桃源里欢乐田园：考察农文旅融合\n南山村\n"
         "金海湖国际会展中心：了解大型会展、体育赛事承办经验\n京瓦中心\n大华山镇大桃博物馆：了解大桃文化挖掘\n"
         "桃产业技术研究院\n兴隆庄村温室大棚园区：考察设施农业\n"
         "紫兴园（北京）食品科技有限公司：参观各品类食品生产线；探讨围绕奶制品等食品加深合作",
         "沈立军（平谷区人大常委会副主任），马冬梅（平谷区副区长）", "盟农牧局",
         "https://www.xam.gov.cn/xam/2025-12/02/article_2025120209082633215.html", datetime.datetime(2025, 12, 2),
         "盟农牧局 王"],
        [2, "XAM-2026-0203", "兴安盟副盟长孙书涛赴北京市农业农村局、文旅局走访对接", datetime.datetime(2026, 2, 3),
         None, None, "北京市", "",
         "姚忠阳（北京市委农工委副书记、市农业农村局副局长）；陆军（市农业农村局支援协作处处长）；"
         "胡虎（市文旅局区域合作处处长）", "内蒙古自治区农牧厅",
         "https://nmt.nmg.gov.cn/xw/msdt/xam/202602/t20260204_2858840.html", datetime.datetime(2026, 2, 4),
         "盟农牧局 王"],
    ]
    return workbook({"考察活动": rows}, merges=[("考察活动", "A1:M1"), ("考察活动", "E3:E4"), ("考察活动", "F3:F4")])


LEDGERS = [
    ("项目.csv", lambda: (CORPUS / "项目.csv").read_bytes()),
    ("考察活动.csv", lambda: (CORPUS / "考察活动.csv").read_bytes()),
    ("会议发言.csv", lambda: (CORPUS / "会议发言.csv").read_bytes()),
    ("兴安盟台账.xlsx", xingan_workbook),
    ("年度数据.csv", lambda: (CORPUS / "年度数据.csv").read_bytes()),
]


def county_of(region):
    """The county-level region a stop lies in (itself, or the county above its township)."""
    while region is not None and region.level not in ("county", "prefecture", "province"):
        region = region.parent
    return region.name if region is not None else None


KINDS = ("people and sides", "stops and places", "pairings", "projects and where", "sources", "places")


def database_facts(kinds=KINDS, key=lambda delegation: delegation.code):
    """What the database holds of each trip, by kind of fact (the kinds asked for), each fact
    under its trip's `key` (the ledger's 编号 unless said otherwise)."""
    actual = {kind: [] for kind in (*KINDS, "dates")}
    for delegation in Delegation.objects.select_related("source", "origin"):
        code = key(delegation)
        if delegation.source_id:
            actual["sources"].append((code, delegation.source.title, delegation.source.publisher))
        actual["places"].append(
            (code, delegation.origin.name if delegation.origin else None,
             tuple(sorted(r.name for r in delegation.destinations.all())))
        )
        start = delegation.start_date.isoformat() if delegation.start_date else None
        actual["dates"].append((code, start, delegation.date_precision))
        actual["people and sides"] += [
            (code, p.side, p.name_as_printed, p.title_as_printed) for p in delegation.participants.order_by("order")
        ]
        for stop in delegation.site_visits.order_by("order"):
            actual["stops and places"].append((code, stop.place, county_of(stop.region)))
            actual["projects and where"] += [(code, project.name, stop.place) for project in stop.projects.all()]
        actual["projects and where"] += [(code, project.name, "") for project in delegation.related_projects.all()]
        actual["pairings"] += [
            (code, p.support_region.name, p.recipient_region.name) for p in delegation.pairings.all()
        ]
    return {kind: actual[kind] for kind in kinds}


def expected_facts():
    return {
        "people and sides": [(code, *person) for code, people in PEOPLE.items() for person in people],
        "stops and places": [(code, *stop) for code, stops in STOPS.items() for stop in stops],
        "pairings": [(code, *pair) for code, pairs in PAIRINGS.items() for pair in pairs],
        "projects and where": [(code, *link) for code, links in PROJECTS.items() for link in links],
        "sources": [(code, *source) for code, source in SOURCES.items()],
        "places": [(code, origin, tuple(sorted(ends))) for code, (origin, ends) in PLACES.items()],
    }


def score(expected, actual):
    """(matched, expected, found): how many of the expected facts the database holds, of how many it holds."""
    expected, actual = set(expected), set(actual)
    return len(expected & actual), len(expected), len(actual)


def through_command(files, tmp_path, capsys, client, user, publish=False, own_region=None):
    """Each file's preview (a dry run) and then its import, from the shell; returns the previews."""
    previews = []
    extra = [*(["--publish"] if publish else []), *(["--own-region", own_region] if own_region else [])]
    for name, data in files:
        path = tmp_path / name
        path.write_bytes(data)
        call_command("import_ledger", str(path), "--dry-run", "--user", user.username, *extra)
        previews.append(capsys.readouterr().out)
        call_command("import_ledger", str(path), "--user", user.username, *extra)
        capsys.readouterr()
    return previews


def through_admin(files, tmp_path, capsys, client, user, own_region=None):
    """Each file uploaded (the preview) and confirmed in the admin; returns the preview pages."""
    client.force_login(user)
    previews = []
    for name, data in files:
        upload = {"file": SimpleUploadedFile(name, data), **({"own_region": own_region} if own_region else {})}
        response = client.post(reverse("admin:ledgers_importbatch_add"), upload)
        assert response.status_code == 200
        previews.append(response.content.decode())
        form = response.context["confirm"]
        assert form is not None, [str(p) for p in response.context["problems"]]
        confirm = {key: form.initial[key] for key in ("token", "file_name", "sha256")}
        assert client.post(reverse("admin:ledgers_importbatch_confirm"), confirm).status_code == 302
    return previews


def import_all(door, tmp_path, capsys, client, django_user_model, **options):
    user = make_publisher(django_user_model, "office")
    return door([(name, load()) for name, load in LEDGERS], tmp_path, capsys, client, user, **options)


@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_ledgers_never_seen_import_as_their_reports_say(door, tmp_path, capsys, client, django_user_model):
    make_person(NAMESAKE[0], title=NAMESAKE[1])

    previews = import_all(door, tmp_path, capsys, client, django_user_model)

    actual, expected = database_facts(), expected_facts()
    scores = {kind: score(expected[kind], actual[kind]) for kind in expected}
    assert sorted(Delegation.objects.values_list("code", flat=True)) == sorted(PEOPLE)
    assert scores == {kind: (len(set(facts)),) * 3 for kind, facts in expected.items()}, {
        kind: (sorted(set(expected[kind]) - set(actual[kind]), key=str),
               sorted(set(actual[kind]) - set(expected[kind]), key=str))
        for kind in expected
    }
    # One person a name, but for the namesake the database held, who stays apart.
    names = sorted({name for people in PEOPLE.values() for _side, name, _title in people} | {NAMESAKE[0]})
    assert sorted(Person.objects.values_list("name", flat=True)) == sorted([*names, NAMESAKE[0]])
    assert Person.objects.get(name="张强", disambiguation="").appointments.get().title == NAMESAKE[1]
    assert "可能是同一人" in previews[1]
    pairings = {
        p.name: (p.pairing.support_region.name, p.pairing.recipient_region.name) if p.pairing else None
        for p in Project.objects.select_related("pairing__support_region", "pairing__recipient_region")
    }
    assert pairings == PROJECT_PAIRINGS
    assert "项目暂不关联结对关系" in previews[0]
    places = {p.name: (p.region.name, p.region.parent.name) for p in Project.objects.filter(name__in=PROJECT_PLACES)}
    assert places == PROJECT_PLACES
    figures = {}
    for figure in ProgramFigure.objects.select_related("pairing__support_region", "pairing__recipient_region"):
        key = (figure.pairing.support_region.name, figure.pairing.recipient_region.name, figure.year)
        figures.setdefault(key, {})[figure.metric] = figure.actual
    assert figures == FIGURES
    speeches = [
        (s.meeting.delegation.code, s.meeting.title, s.order, s.name_as_printed)
        for s in Speech.objects.select_related("meeting__delegation").order_by("meeting__title", "order")
    ]
    assert sorted(speeches) == sorted(SPEECHES)
    for speech in Speech.objects.select_related("meeting__delegation", "person"):
        participant = speech.meeting.delegation.participants.get(name_as_printed=speech.name_as_printed)
        assert speech.person_id == participant.person_id, speech


def test_ledgers_never_seen_imported_twice_change_nothing(tmp_path, capsys, client, django_user_model):
    from cooperation.ledgers.service import import_file

    make_person(NAMESAKE[0], title=NAMESAKE[1])
    import_all(through_command, tmp_path, capsys, client, django_user_model)

    again = [import_file(load(), name, dry_run=True) for name, load in LEDGERS]

    unpaired = [w for w in again[0].results[0].warnings if "项目暂不关联结对关系" in w.message]
    assert len(unpaired) == ONE_SIDED_WITHOUT_PAIRING

    assert [report.totals for report in again] == [
        {"new": 0, "updated": 0, "unchanged": count, "error": 0} for count in (7, 5, 8, 2, 1)
    ]


def test_ledgers_never_seen_published_on_import_show_every_person(tmp_path, capsys, client, django_user_model):
    """导入即发布 where the office's chain is 终审签发 alone: every trip, project and person the set
    brings in is public, and each trip's page links each of its people."""
    from review.models import ReviewPolicy

    ReviewPolicy.objects.update(first_review=False, second_review=False)

    import_all(through_command, tmp_path, capsys, client, django_user_model, publish=True)

    visitor = Client()
    assert sorted(set(Person.objects.values_list("status", flat=True))) == ["published"]
    for delegation in Delegation.objects.prefetch_related("participants__person"):
        page = visitor.get(delegation.get_absolute_url())
        assert page.status_code == 200, delegation.code
        for participant in delegation.participants.all():
            if participant.person is not None:
                assert participant.person.get_absolute_url() in page.content.decode(), participant
                assert visitor.get(participant.person.get_absolute_url()).status_code == 200, participant
    assert sorted(set(Project.objects.values_list("status", flat=True))) == ["published"]


def test_both_sets_in_one_database_name_each_person_once(tmp_path, capsys, client, django_user_model):
    """The first set (tests/data/ledgers_as_meant) and then this one, as one office would over the
    years: the people both name — 孙绍骋 and 王莉霞 of the region, 昌平区's 马春秀 (a 区领导 host in
    2025, a visiting 副区长 in 2024), 经开区's 沈永刚 — are one person each, linked without a doubt."""
    from tests.visits.test_ledger_corpus import CORPUS as FIRST
    from tests.visits.test_ledger_corpus import PEOPLE as FIRST_PEOPLE

    first = [(name, (FIRST / name).read_bytes()) for name in ("项目.csv", "考察活动.csv", "会议发言.csv")]
    user = make_publisher(django_user_model, "office")
    through_command(first, tmp_path, capsys, client, user)

    previews = through_command([(name, load()) for name, load in LEDGERS], tmp_path, capsys, client, user)

    names = {name for people in (*FIRST_PEOPLE.values(), *PEOPLE.values()) for _side, name, _title in people if name}
    assert sorted(Person.objects.values_list("name", flat=True)) == sorted(names)
    ma = Person.objects.get(name="马春秀")
    assert sorted(ma.participations.values_list("delegation__code", "side")) == [
        ("CP-2024-0731", "visiting"), ("TPS-2025-0401", "host"),
    ]
    assert "可能是同一人" not in "".join(previews)
