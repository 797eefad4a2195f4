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
import shlex
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from tests.builders import make_pairing, make_person, make_publisher
from tests.visits.test_ledgers_fourth import assert_one_person_a_name, database_facts, expected_facts, scores
from tests.visits.test_ledgers_unseen import through_command

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


def confirmed_by_command(tmp_path, capsys, user):
    """The preview, then the import with the column readings it proposes (what the importer
    confirms); returns the preview."""
    path = tmp_path / FILE
    path.write_bytes(workbook())
    call_command("import_ledger", str(path), "--dry-run", "--user", user.username)
    preview = capsys.readouterr().out
    line = next((line for line in preview.splitlines() if line.strip().startswith("--column")), "")
    call_command("import_ledger", str(path), "--user", user.username, *shlex.split(line))
    capsys.readouterr()
    return preview


def confirmed_in_admin(tmp_path, capsys, client, user):
    """Upload, the columns form sent as the preview filled it, then confirm; returns the first preview."""
    from cooperation.ledgers.models import ImportJob

    client.force_login(user)
    first = client.post(reverse("admin:ledgers_importbatch_add"), {"file": SimpleUploadedFile(FILE, workbook())})
    form = first.context["columns"]
    filled = {name: field.initial or "" for name, field in form.fields.items()}
    again = client.post(reverse("admin:ledgers_importbatch_job_columns", args=[ImportJob.objects.get().pk]), filled)
    confirm = again.context["confirm"]
    assert confirm is not None, [str(p) for p in again.context["problems"]]
    done = client.post(
        reverse("admin:ledgers_importbatch_confirm"),
        {key: confirm.initial[key] for key in ("token", "file_name", "sha256")},
    )
    assert done.status_code == 302
    return first.content.decode()


@pytest.mark.parametrize("door", [confirmed_by_command, confirmed_in_admin], ids=["command", "admin"])
def test_a_register_kept_a_row_a_person_imports_as_its_reports_say(door, tmp_path, capsys, client, django_user_model):
    held_before()
    user = make_publisher(django_user_model, "office")

    preview = door(tmp_path, capsys, client, user) if door is confirmed_in_admin else door(tmp_path, capsys, user)

    expected, actual = all_facts()
    found, differences = scores(expected, actual)
    # Every fact as written down (27 / 27), with 备注 read as 考察点 as the preview proposed.
    assert found == {kind: (len(set(expected[kind])),) * 3 for kind in expected}, differences
    assert_one_person_a_name(PEOPLE, NAMESAKE)
    assert "可能是同一人" in preview and "去过的地点" in preview


def test_untouched_the_stops_in_the_note_are_proposed_not_read(tmp_path, capsys, client, django_user_model):
    """Without the importer's word, 备注 stays the office's: nothing read from it, its reading proposed."""
    held_before()
    user = make_publisher(django_user_model, "office")

    [preview] = through_command([(FILE, workbook())], tmp_path, capsys, client, user)

    expected, actual = all_facts()
    found, differences = scores(expected, actual)
    # Measured: 15 / 27 — all but the 12 stops.
    everything = {kind: (len(set(expected[kind])),) * 3 for kind in expected}
    assert found == {**everything, "stops and places": (0, 12, 0)}, differences
    assert "--column '备注=考察点'" in preview
    assert "列“姓名”、“单位”、“职务”、“类别”是每行一人的人员" in preview


def test_the_register_imported_twice_changes_nothing(tmp_path, capsys, django_user_model):
    from cooperation.ledgers.service import import_file

    held_before()
    user = make_publisher(django_user_model, "office")
    confirmed_by_command(tmp_path, capsys, user)

    again = import_file(workbook(), FILE, dry_run=True, columns={"备注": "考察点"})

    assert again.totals == {"new": 0, "updated": 0, "unchanged": 2, "error": 0}, again.summary_lines()


# Each reading the register needed, from its rows, on its own ---------------------------------


def register_people(headers, *rows):
    from tests.cooperation.ledger_builders import csv_bytes, run
    from visits.models import Participant

    report = run(csv_bytes(["标题", "出发地", "目的地", *headers], [list(row) for row in rows]))
    assert not report.has_errors, report.summary_lines()
    return report, list(
        Participant.objects.order_by("order").values_list("side", "role", "name_as_printed", "title_as_printed")
    )


TRIP_CELLS = ("考察", "平谷区", "商都县")
CARRIED = ("", "", "")


@pytest.mark.parametrize(
    ("part", "side", "role"),
    [
        ("带队", V, "leader"),
        ("随行", V, "member"),
        ("陪同", H, "attending"),
        ("接待", H, "attending"),
        # A side's name says the side; 出席 says none: the title's region decides (平谷区's
        # 区长 on a trip from 平谷区 is a visitor).
        ("北京方", V, "attending"),
        ("出席", V, "attending"),
    ],
)
def test_a_persons_part_in_its_own_column(part, side, role):
    _report, people = register_people(["姓名", "职务", "类别"], (*TRIP_CELLS, "张强", "平谷区副区长", part))

    assert people == [(side, role, "张强", "平谷区副区长")]


def test_a_trip_over_rows_a_person_each_its_body_and_post_one_title():
    _report, people = register_people(
        ["序号", "姓名", "单位", "职务", "类别", "备注"],
        (*TRIP_CELLS, 1, "徐桂敏", "区妇联", "党组书记、主席", "带队", "第一批"),
        (*CARRIED, "", "", "区妇女就业发展促进会", "成员", "随行", "另行报送"),
        (*CARRIED, "", "王芳", "商都县", "副县长", "陪同", ""),
    )

    assert people == [
        (V, "leader", "徐桂敏", "区妇联党组书记、主席"),
        (V, "member", "", "区妇女就业发展促进会成员"),
        (H, "attending", "王芳", "商都县副县长"),
    ]


def test_without_a_part_everyone_is_an_attendee_and_an_unknown_part_is_named():
    report, people = register_people(
        ["姓名", "职务", "类别"],
        (*TRIP_CELLS, "王芳", "商都县副县长", "观摩"),
        (*CARRIED, "张强", "平谷区副区长", ""),
    )

    assert people == [(H, "attending", "王芳", "商都县副县长"), (V, "attending", "张强", "平谷区副区长")]
    assert any("“观摩”看不出是带队、随行还是陪同" in notice for notice in report.notices)


def test_a_trip_written_again_on_each_persons_row_is_one_trip():
    """An office that fills a trip's cells down its rows, a person a row: one trip, every row's person."""
    from tests.cooperation.ledger_builders import csv_bytes, run
    from visits.models import Delegation, Participant

    headers = ["标题", "开始日期", "出发地", "目的地", "姓名", "职务", "类别"]
    rows = [
        ["考察", "2024-05-16", "平谷区", "商都县", "张强", "平谷区副区长", "带队"],
        ["考察", "2024-05-16", "平谷区", "商都县", "李娜", "平谷区农业农村局局长", "随行"],
        ["考察", "2024-05-16", "平谷区", "商都县", "王芳", "商都县副县长", "陪同"],
        # The same title on another day, next: another trip.
        ["考察", "2024-06-01", "平谷区", "商都县", "张强", "平谷区副区长", "带队"],
    ]

    report = run(csv_bytes(headers, rows))

    assert not report.has_errors, report.summary_lines()
    assert sorted(Delegation.objects.values_list("start_date", flat=True).order_by("start_date")) == [
        date(2024, 5, 16), date(2024, 6, 1)
    ]
    first = Participant.objects.filter(delegation__start_date=date(2024, 5, 16)).order_by("order")
    assert list(first.values_list("side", "role", "name_as_printed")) == [
        (V, "leader", "张强"), (V, "member", "李娜"), (H, "attending", "王芳")
    ]
    assert any("第 2—4 行是同一次考察活动（相邻各行写着同一“标题”" in notice for notice in report.notices)


def test_a_post_beside_several_names_is_asked_about():
    from tests.cooperation.ledger_builders import csv_bytes, problems, run

    headers = ["标题", "出发地", "目的地", "姓名", "单位", "职务", "类别"]

    report = run(csv_bytes(headers, [["考察", "平谷区", "商都县", "张三、李四", "区农业农村局", "科员", "随行"]]))

    [(row, column, value, message)] = problems(report)
    assert (row, column, value) == (2, "职务", "区农业农村局科员")
    assert "看不出“职务”是这一行哪一位的" in message


@pytest.mark.parametrize(
    ("cell", "stops"),
    [
        ("考察丫髻山、金海湖", [("丫髻山", ""), ("金海湖", "")]),
        ("到商都县敬老院慰问老人；到四台坊子村扶贫车间慰问贫困妇女",
         [("商都县敬老院", "慰问老人"), ("四台坊子村扶贫车间", "慰问贫困妇女")]),
        ("参观紫兴园（北京）食品科技有限公司", [("紫兴园（北京）食品科技有限公司", "")]),
        # A place that says itself (地点：内容) keeps its words; a verb with less than a place after it is text.
        ("考察基地：了解种植情况", [("考察基地", "了解种植情况")]),
        ("到村", [("到村", "")]),
        # A one-character verb is a verb only before a place and what was done there.
        ("到位资金投入产业园", [("到位资金投入产业园", "")]),
        ("前往四台坊子村扶贫车间", [("四台坊子村扶贫车间", "")]),
    ],
)
def test_stops_written_as_a_note_writes_them(cell, stops):
    from tests.cooperation.ledger_builders import run, trip, trips_csv
    from visits.models import SiteVisit

    report = run(trips_csv(trip(出发地="平谷区", 目的地="商都县", 考察点=cell)))

    assert not report.has_errors, report.summary_lines()
    assert list(SiteVisit.objects.order_by("order").values_list("place", "description")) == stops
