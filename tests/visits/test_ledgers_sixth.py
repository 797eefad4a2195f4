"""A sixth set of ledgers: a receiving banner's visitor register (tests/data/ledgers_sixth,
sources in its README), from reports 176 and 136 of the report reader's corpus. What the
database must hold afterwards was written here by hand from the reports before the file was
first imported.

奈曼旗's reception office keeps who came, not where they went: 来访日期, 来访单位 (the visiting
body, whose name begins with its region), 来访人员, 活动内容 (what the visit was: the trip's
title), 陪同人员 (the banner's own people, their titles written without the banner: 旗委副书记),
考察地点, 信息来源, 链接, and a title row above the header. It has no 目的地 column — every row
came to 奈曼旗 — and no 出发地. The destination is the importer's to say (本单位所在地区,
`--own-region`), never taken from the title row's "来访接待".

The database holds the pairing 通州区—奈曼旗 before the import, as a live site does.
"""

from pathlib import Path

import pytest

from cooperation.ledgers.service import import_file
from cooperation.models import Person, Region
from tests.builders import make_pairing, make_publisher
from tests.visits.test_ledgers_fourth import database_facts, expected_facts, scores
from tests.visits.test_ledgers_unseen import through_admin, through_command
from visits.models import Delegation, Participant, SiteVisit

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent.parent / "data" / "ledgers_sixth"
FILE = "奈曼旗京蒙协作来访接待登记表.csv"
V, H = "visiting", "host"

RED_CROSS_2022 = "通州区红十字会对口支援合作工作队来旗开展2022年对口支援合作工作，举行捐赠款物签约仪式"
TAIHU_2023 = "台湖镇纪委书记洪壮志一行到新镇开展结对帮扶协作工作"

# Visitors (来访人员) and the banner's people who received them (陪同人员), with the titles the
# register prints: the office writes its own people's posts without the banner (旗委副书记).
# 郭玉明 is 通州区's cadre seconded to 奈曼旗 (挂职): a host.
PEOPLE = {
    RED_CROSS_2022: [
        (V, "贾立军", "通州区红十字会常务副会长"),
        (V, "朱永斌", "通州区红十字会理事、北京永安恒丰物业管理有限责任公司董事长"),
        (H, "郭健", "旗委副书记、政法委书记"),
        (H, "郭玉明", "通州区挂职奈曼旗旗委常委、副旗长"),
        (H, "王东", "旗政府党组成员、副旗长"),
        (H, "年博", "旗政府办副主任"),
        (H, "薛乌力吉", "旗红十字会党组书记"),
        (H, "赵勇", "旗红十字会常务副会长兼秘书长"),
    ],
    TAIHU_2023: [
        (V, "洪壮志", "台湖镇纪委书记"),
        (H, "王德祥", "新镇镇长"),
        (H, "张静", "新镇纪委书记"),
        (H, "李欣", "新镇副镇长"),
    ],
}
# 新镇 is no region the site knows (the register does not write it with its banner): its three
# stops lie in 奈曼旗, the trip's one destination.
STOPS = {
    RED_CROSS_2022: [],
    TAIHU_2023: [
        ("新镇学区中心校", "奈曼旗"),
        ("新镇中心卫生院新建项目施工现场", "奈曼旗"),
        ("新镇村党群服务中心", "奈曼旗"),
    ],
}
# 通州区—奈曼旗 (held before): from 通州区, and from its 台湖镇 to its county's pairing.
TONGZHOU_NAIMAN = ("通州区", "奈曼旗")
PAIRINGS = {RED_CROSS_2022: [TONGZHOU_NAIMAN], TAIHU_2023: [TONGZHOU_NAIMAN]}
PROJECTS = {RED_CROSS_2022: [], TAIHU_2023: []}
# The origin is the region 来访单位 begins with (北京市通州区台湖镇: a town of 通州区, new to
# the site); the destination is the office's own banner, given at the import.
PLACES = {RED_CROSS_2022: ("通州区", ["奈曼旗"]), TAIHU_2023: ("台湖镇", ["奈曼旗"])}
NEW_PLACES = {"台湖镇": "通州区"}
DATES = {RED_CROSS_2022: ("2022-08-11", None, "day"), TAIHU_2023: ("2023-08-31", None, "day")}
SOURCES = {
    RED_CROSS_2022: (RED_CROSS_2022, "通州区红十字会", None),
    TAIHU_2023: (TAIHU_2023, "奈曼旗政务公开", None),
}

def register():
    return (CORPUS / FILE).read_bytes()


@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_a_banners_visitor_register_imports_as_its_reports_say(door, tmp_path, capsys, client, django_user_model):
    make_pairing("通州区", "奈曼旗")
    user = make_publisher(django_user_model, "office")

    [preview] = door([(FILE, register())], tmp_path, capsys, client, user, own_region="奈曼旗")

    expected = expected_facts(PEOPLE, STOPS, PAIRINGS, PROJECTS, PLACES, DATES, SOURCES)
    found, differences = scores(expected, database_facts())
    assert sorted(Delegation.objects.values_list("title", flat=True)) == sorted(PEOPLE)
    assert found == {kind: (len(set(expected[kind])),) * 3 for kind in expected}, differences
    assert Participant.objects.count() == sum(map(len, PEOPLE.values()))
    assert SiteVisit.objects.count() == sum(map(len, STOPS.values()))
    names = {name for people in PEOPLE.values() for _side, name, _title in people}
    assert sorted(Person.objects.values_list("name", flat=True)) == sorted(names)
    assert {name: Region.objects.get(name=name).parent.name for name in NEW_PLACES} == NEW_PLACES
    # What was read otherwise than written, and the region given at the import, are named.
    for column in ("活动内容", "来访单位", "来访日期"):
        assert f"“{column}”" in preview, column
    assert preview.count("本单位所在地区") >= 2  # each row whose 目的地 it supplies


def test_without_the_offices_region_the_register_is_refused_saying_what_supplies_it():
    report = import_file(register(), FILE, dry_run=True)

    assert report.has_errors
    text = " ".join([*report.refusals, *map(str, report.problems)])
    assert "目的地" in text and "本单位所在地区" in text and "--own-region" in text
    assert not Delegation.objects.exists()


def test_a_banners_visitor_register_imported_twice_changes_nothing(tmp_path, capsys, client, django_user_model):
    make_pairing("通州区", "奈曼旗")
    user = make_publisher(django_user_model, "office")
    through_command([(FILE, register())], tmp_path, capsys, client, user, own_region="奈曼旗")

    again = import_file(register(), FILE, dry_run=True, own_region="奈曼旗")

    assert again.totals == {"new": 0, "updated": 0, "unchanged": 2, "error": 0}
