"""A thirteenth set of ledgers: 平谷区's register of its 京蒙协作 visits, kept a sheet a year and a
row a person, as its office (区支援合作办) might type it (tests/data/ledgers_thirteenth, sources in
its README). What the database must hold afterwards was written here by hand from the two reports
before the workbook was first imported.

The register is unlike the twelve sets before it in how it lays a trip out: one sheet per year
(2019年, 2025年, a title row above each header), a row per person with the person in three columns
of their own — 姓名, 单位, 职务 — and the person's part in a fourth (类别: 带队, 随行, 陪同), a
trip's date, title, ends and link written on its first row only, the places written without
their endings (商都, 平谷, 兴安), a month as 2019.9 and a day without its year (11月26日, the year
the sheet's name), and the places the visitors saw written in 备注. The database holds, before
the import, the pairing 平谷区—商都县 and a 马冬梅 of 化德县 (made up for the test): the
副区长 of 平谷区 is someone else.
"""

import io

import pytest
from openpyxl import Workbook

from tests.builders import make_pairing, make_person, make_publisher
from tests.visits.test_ledgers_fourth import database_facts, expected_facts, scores
from tests.visits.test_ledgers_unseen import through_admin, through_command

pytestmark = pytest.mark.django_db

FILE = "平谷区京蒙协作往来对接登记表.xlsx"
V, H = "visiting", "host"

# The office's titles (事项).
FED_2019 = "区妇联赴商都县开展对口援建活动"
XAM_2025 = "兴安盟行署副盟长孙书涛带队来平谷考察对接农文旅合作"

URL_2019 = "https://www.bj148.org/wq/qwzfw/pg/201909/t20190912_1530955.html"
URL_2025 = "https://www.xam.gov.cn/xam/2025-12/02/article_2025120209082633215.html"

# (side, name, title): the title is the row's 单位 and 职务 read together, as one post.
PEOPLE = {
    # bj148 2019-09-12: 徐桂敏 带领 平谷区妇女就业发展促进会成员、童行亲子志愿家庭等一行30余人.
    FED_2019: [
        (V, "徐桂敏", "区妇联党组书记、主席"),
        (V, "", "区妇女就业发展促进会成员"),
        (V, "", "童行亲子志愿家庭"),
    ],
    # xam.gov.cn 2025-12-02: 孙书涛 组织文旅、农牧部门负责同志 赴平谷区; 沈立军、马冬梅 以及文旅、农业
    # 部门负责同志 陪同调研.
    XAM_2025: [
        (V, "孙书涛", "兴安盟行署副盟长"),
        (V, "", "盟文旅、农牧部门负责同志"),
        (H, "沈立军", "区人大常委会副主任"),
        (H, "马冬梅", "区政府副区长"),
        (H, "", "区文旅、农业部门负责同志"),
    ],
}
# (place, the county-level region it lies in): the places the reports say the visitors went to,
# which the office wrote in 备注.
STOPS = {
    FED_2019: [("商都县敬老院", "商都县"), ("四台坊子村扶贫车间", "商都县")],
    XAM_2025: [
        (place, "平谷区")
        for place in (
            "丫髻山", "金海湖", "大兴庄镇桃源里欢乐田园", "南山村", "金海湖国际会展中心", "京瓦中心",
            "大华山镇大桃博物馆", "桃产业技术研究院", "兴隆庄村温室大棚园区", "紫兴园（北京）食品科技有限公司",
        )
    ],
}
# 兴安盟 and 平谷区 work under a framework agreement (乡村振兴联动发展协同区), not a pairing of the
# program: the trip has none.
PAIRINGS = {FED_2019: [("平谷区", "商都县")], XAM_2025: []}
PROJECTS = {FED_2019: [], XAM_2025: []}
PLACES = {FED_2019: ("平谷区", ["商都县"]), XAM_2025: ("兴安盟", ["平谷区"])}
# (start, end, precision): 2019 日前 in a report of 2019-09-12 — the office wrote the month.
DATES = {FED_2019: ("2019-09-01", None, "month"), XAM_2025: ("2025-11-26", None, "day")}
# (title, publisher, date of publication): the register has no 发布日期 column.
SOURCES = {FED_2019: (FED_2019, "北京法治网", None), XAM_2025: (XAM_2025, "兴安盟农牧局", None)}
NAMESAKE = ("马冬梅", "化德县政协副主席")

HEADER = ["序号", "日期", "事项", "出发地", "目的地", "姓名", "单位", "职务", "类别", "备注", "来源", "链接"]


def year_sheet(book, year, rows):
    sheet = book.create_sheet(f"{year}年")
    sheet.append([f"平谷区京蒙协作往来对接登记表（{year}年）"])
    sheet.append(HEADER)
    for values in rows:
        sheet.append(values)
    sheet.merge_cells(f"A1:{chr(ord('A') + len(HEADER) - 1)}1")


def workbook():
    book = Workbook()
    book.remove(book.active)
    year_sheet(book, 2019, [
        [1, "2019.9", FED_2019, "平谷", "商都", "徐桂敏", "区妇联", "党组书记、主席", "带队",
         "到商都县敬老院慰问老人；到四台坊子村扶贫车间慰问贫困妇女", "北京法治网", URL_2019],
        ["", "", "", "", "", "", "区妇女就业发展促进会", "成员", "随行", "", "", ""],
        ["", "", "", "", "", "", "童行亲子志愿家庭", "", "随行", "", "", ""],
    ])
    year_sheet(book, 2025, [
        [1, "11月26日", XAM_2025, "兴安", "平谷", "孙书涛", "兴安盟行署", "副盟长", "带队",
         "考察丫髻山、金海湖、大兴庄镇桃源里欢乐田园、南山村、金海湖国际会展中心", "兴安盟农牧局", URL_2025],
        ["", "", "", "", "", "", "盟文旅、农牧部门", "负责同志", "随行",
         "考察京瓦中心、大华山镇大桃博物馆、桃产业技术研究院、兴隆庄村温室大棚园区", "", ""],
        ["", "", "", "", "", "沈立军", "区人大常委会", "副主任", "陪同", "参观紫兴园（北京）食品科技有限公司", "", ""],
        ["", "", "", "", "", "马冬梅", "区政府", "副区长", "陪同", "", "", ""],
        ["", "", "", "", "", "", "区文旅、农业部门", "负责同志", "陪同", "", "", ""],
    ])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def held_before():
    make_pairing("平谷区", "商都县")
    make_person(*NAMESAKE)


def all_facts():
    expected = expected_facts(PEOPLE, STOPS, PAIRINGS, PROJECTS, PLACES, DATES, SOURCES)
    return expected, database_facts()


@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_a_register_kept_a_row_a_person_imports_as_its_reports_say(door, tmp_path, capsys, client, django_user_model):
    from cooperation.models import Person

    held_before()
    user = make_publisher(django_user_model, "office")

    door([(FILE, workbook())], tmp_path, capsys, client, user)

    expected, actual = all_facts()
    found, differences = scores(expected, actual)
    assert found == {kind: (len(set(expected[kind])),) * 3 for kind in expected}, differences
    names = {name for trip in PEOPLE.values() for _side, name, _title in trip if name}
    assert sorted(Person.objects.values_list("name", flat=True)) == sorted([*names, NAMESAKE[0]])
    assert Person.objects.get(name=NAMESAKE[0], disambiguation="").appointments.get().title == NAMESAKE[1]
