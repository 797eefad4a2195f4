"""A twelfth set of ledgers: 昌平区's own workbook of its 京蒙协作 with its two banners, 太仆寺旗
(锡林郭勒盟) and 阿鲁科尔沁旗 (赤峰市), as its 支援合作 office keeps it in one .xlsx — trips, the
speeches of their meetings and the projects — from three reports (tests/data/ledgers_twelfth,
sources in its README). What the database must hold afterwards was written here by hand from
the reports before the workbook was first imported.

The workbook is unlike the eleven sets before it in what recurs across its sheets: the same
person under another post years later (陈艳豹, 代旗长 in 2021 and 旗委书记 in 2025; 马春秀, 副区长 and
then one of the 区领导), a speaker written as post and name in one cell (行署副盟长孙振江), a post
shared by the names after it (区领导马春秀、雷海良), a banner written by the short name offices use
(阿旗), a project named in the trips by the short name people use for it (人才公寓), and a stop
that the office wrote only in 备注. The database holds, before the import, the pairings
昌平区—太仆寺旗 and 昌平区—阿鲁科尔沁旗 and a 马春秀 of 察右中旗 (made up for the test): the
副区长 of 昌平区 is someone else.
"""

import io
from datetime import date

import pytest
from openpyxl import Workbook

from tests.builders import make_pairing, make_person, make_publisher
from tests.visits.test_ledgers_fourth import assert_one_person_a_name, database_facts, expected_facts, scores
from tests.visits.test_ledgers_unseen import through_admin, through_command
from visits.models import Speech

pytestmark = pytest.mark.django_db

FILE = "昌平区京蒙协作工作台账（2021—2025年）.xlsx"
V, H = "visiting", "host"

# The office's titles (对接事项).
SU_2021 = "区教委副主任苏俊山带队赴太仆寺旗开展教育协作调研并送支教教师"
QIAN_2021 = "区教委副主任钱正秒带队赴阿鲁科尔沁旗考察调研并送支教教师"
ZHI_2024 = "区委副书记、区长支现伟带队赴太仆寺旗出席结对协作工作联席会议"
CHEN_2025 = "太仆寺旗委书记陈艳豹带队来我区对接京蒙协作工作"

URL_2021 = "http://www1.niudutenga.com/afhzp/1299.html"
URL_2024 = "https://m.hz-tiantang.com/tpsq/zwgk/zfxxgk/fdzdgknr/zdhy/zthy/2024080210283197310/index.html"
URL_2025 = "https://view.inews.qq.com/a/20250401A08AIJ00"

# (side, name, post as the workbook prints it). 京方 are 昌平区's people, 蒙方 the banners'.
PEOPLE = {
    # 133: 8月29日 苏俊山 带领 区教委高中科、昌平教师进修学校、昌平区考试中心的3名干部; 陈艳豹 表示.
    SU_2021: [
        (V, "苏俊山", "区教委副主任"),
        (V, "", "区教委高中科、昌平教师进修学校、昌平区考试中心相关干部"),
        (H, "陈艳豹", "太仆寺旗旗委副书记、政府副旗长、代旗长"),
    ],
    # 133: 8月29日到31日 钱正秒 带领 区教委人事科、督导科，昌平教师进修学校的3名干部 (no host named).
    QIAN_2021: [
        (V, "钱正秒", "区教育委员会副主任"),
        (V, "", "区教委人事科、督导科及昌平教师进修学校相关干部"),
    ],
    # 205: 支现伟 带队; 孙振江 出席并讲话, 赵飞鹏 主持; 马春秀 参加.
    ZHI_2024: [
        (V, "支现伟", "区委副书记、区长"),
        (V, "马春秀", "副区长"),
        (H, "孙振江", "行署副盟长"),
        (H, "赵飞鹏", "行署副盟长、旗委书记"),
    ],
    # 101: 甘靖中 与 陈艳豹 座谈; 张永志, 刘晓东 出席; 太仆寺旗领导范华敏、刘亚生, 区领导马春秀、雷海良参加.
    CHEN_2025: [
        (V, "陈艳豹", "太仆寺旗委书记"),
        (V, "张永志", "太仆寺旗委副书记、政府旗长候选人"),
        (V, "范华敏", "太仆寺旗领导"),
        (V, "刘亚生", "太仆寺旗领导"),
        (H, "甘靖中", "区委书记"),
        (H, "刘晓东", "区委副书记、区长"),
        (H, "马春秀", "区领导"),
        (H, "雷海良", "区领导"),
    ],
}
# (place, the county-level region it lies in). 205: 支现伟一行来到太仆寺旗人才公寓 — the office
# wrote it in 备注 (期间查看太仆寺旗人才公寓建设), not in 考察点位.
STOPS = {SU_2021: [], QIAN_2021: [], ZHI_2024: [("太仆寺旗人才公寓", "太仆寺旗")], CHEN_2025: []}
PAIRINGS = {
    SU_2021: [("昌平区", "太仆寺旗")],
    QIAN_2021: [("昌平区", "阿鲁科尔沁旗")],
    ZHI_2024: [("昌平区", "太仆寺旗")],
    CHEN_2025: [("昌平区", "太仆寺旗")],
}
PROJECT = "太仆寺旗京蒙协作人才公寓"
# 相关项目 writes the project by the name people use for it (人才公寓): the trip's link to it.
PROJECTS = {SU_2021: [], QIAN_2021: [], ZHI_2024: [(PROJECT, "")], CHEN_2025: []}
PLACES = {
    SU_2021: ("昌平区", ["太仆寺旗"]),
    QIAN_2021: ("昌平区", ["阿鲁科尔沁旗"]),  # written 阿旗, as 133 says it is called
    ZHI_2024: ("昌平区", ["太仆寺旗"]),
    CHEN_2025: ("太仆寺旗", ["昌平区"]),
}
# (start, end, precision). The year of 133 is the office's (the report gives none).
DATES = {
    SU_2021: ("2021-08-29", None, "day"),
    QIAN_2021: ("2021-08-29", "2021-08-31", "day"),
    ZHI_2024: ("2024-07-31", None, "day"),
    CHEN_2025: ("2025-04-01", None, "day"),
}
# (title, publisher, date of publication): the office names no publisher.
SOURCES = {
    SU_2021: (SU_2021, "", None),
    QIAN_2021: (QIAN_2021, "", None),
    ZHI_2024: (ZHI_2024, "", "2024-08-02"),
    CHEN_2025: (CHEN_2025, "", "2025-04-01"),
}
# (trip, meeting, order, name, post as printed): the speaker cell is post and name in one.
SPEECHES = [
    (SU_2021, "昌平区教委与太仆寺旗教育协作座谈会", 1, "苏俊山", "昌平区教委副主任"),
    (SU_2021, "昌平区教委与太仆寺旗教育协作座谈会", 2, "陈艳豹", "太仆寺旗旗委副书记、政府副旗长、代旗长"),
    (ZHI_2024, "昌平区与太仆寺旗结对协作工作联席会议", 1, "赵飞鹏", "行署副盟长、旗委书记"),
    (ZHI_2024, "昌平区与太仆寺旗结对协作工作联席会议", 2, "支现伟", "昌平区委副书记、区长"),
    (ZHI_2024, "昌平区与太仆寺旗结对协作工作联席会议", 3, "孙振江", "行署副盟长"),
    (CHEN_2025, "昌平区与太仆寺旗京蒙协作座谈交流", 1, "甘靖中", "区委书记"),
    (CHEN_2025, "昌平区与太仆寺旗京蒙协作座谈交流", 2, "陈艳豹", "太仆寺旗委书记"),
]
# (name, pairing, region, start year): the project names only its banner.
PROJECT_FACTS = {PROJECT: (("昌平区", "太仆寺旗"), "太仆寺旗", 2024)}
NAMESAKE = ("马春秀", "察右中旗政协副主席")

TITLE = "昌平区京蒙协作对接考察工作台账（2021—2025年）"
FILLED = "填报单位：昌平区支援合作办（区京蒙协作工作专班）"
# 行程 over 出发地 and 目的地, 参加人员 over 京方 and 蒙方; the others merged down both rows.
GROUPS = [
    "序号", "日期", "对接事项", "行程", "", "参加人员", "", "考察点位", "相关项目", "信息来源", "链接", "发布日期",
    "备注",
]
NAMES = ["", "", "", "出发地", "目的地", "京方", "蒙方", "", "", "", "", "", ""]
WIDTH = len(GROUPS)


def trips_sheet(book):
    sheet = book.active
    sheet.title = "对接考察"
    rows = [
        [TITLE],
        [FILLED, *[""] * 10, "填报时间：2025年4月"],
        GROUPS,
        NAMES,
        [
            1, 44437, SU_2021, "昌平区", "太仆寺旗",
            "区教委副主任苏俊山，区教委高中科、昌平教师进修学校、昌平区考试中心相关干部",
            "太仆寺旗旗委副书记、政府副旗长、代旗长陈艳豹", "", "", "", URL_2021, "", "送6名支教教师到受援学校",
        ],
        [
            2, "2021.8.29—31", QIAN_2021, "昌平区", "阿旗",
            "区教育委员会副主任钱正秒，区教委人事科、督导科及昌平教师进修学校相关干部",
            "", "", "", "", URL_2021, "", "送15名支教教师到受援学校",
        ],
        [],
        [
            3, date(2024, 7, 31), ZHI_2024, "昌平区", "太仆寺旗",
            "区委副书记、区长支现伟，副区长马春秀", "行署副盟长孙振江，行署副盟长、旗委书记赵飞鹏",
            "", "人才公寓", "", URL_2024, date(2024, 8, 2),
            "举行京蒙协作资金捐赠仪式；期间查看太仆寺旗人才公寓建设",
        ],
        [
            4, "2025年4月1日", CHEN_2025, "太仆寺旗", "昌平区",
            "区委书记甘靖中，区委副书记、区长刘晓东，区领导马春秀、雷海良",
            "太仆寺旗委书记陈艳豹，太仆寺旗委副书记、政府旗长候选人张永志，太仆寺旗领导范华敏、刘亚生",
            "", "", "", URL_2025, date(2025, 4, 1), "",
        ],
        [],
        ["合计", "", "共4批次"],
    ]
    for values in rows:
        sheet.append(values)
    last = chr(ord("A") + WIDTH - 1)
    sheet.merge_cells(f"A1:{last}1")
    sheet.merge_cells("D3:E3")
    sheet.merge_cells("F3:G3")
    for column, header in zip("ABCDEFGHIJKLM", GROUPS, strict=True):
        if header and column not in "DF":
            sheet.merge_cells(f"{column}3:{column}4")
    for row in (5, 8, 9):
        for column in "L":
            if isinstance(sheet[f"{column}{row}"].value, date):
                sheet[f"{column}{row}"].number_format = "yyyy/m/d"
    sheet["B8"].number_format = "yyyy年m月d日"


def speeches_sheet(book):
    sheet = book.create_sheet("会议发言")
    meeting_2021 = "昌平区教委与太仆寺旗教育协作座谈会"
    meeting_2024 = "昌平区与太仆寺旗结对协作工作联席会议"
    meeting_2025 = "昌平区与太仆寺旗京蒙协作座谈交流"
    rows = [
        ["昌平区京蒙协作会议发言台账"],
        ["序号", "所属对接活动", "会议名称", "会议类型", "会议时间", "会议地点", "发言领导", "发言要点"],
        [1, SU_2021, meeting_2021, "座谈会", "2021.8.29", "太仆寺旗", "昌平区教委副主任苏俊山",
         "聚焦教师培训、教育信息化管理，在教育协作上实现更多资源信息共享"],
        [2, SU_2021, meeting_2021, "座谈会", "2021.8.29", "太仆寺旗", "太仆寺旗旗委副书记、政府副旗长、代旗长陈艳豹",
         "以此次协作为契机加强沟通，资源互补、合作共赢"],
        [],
        [3, ZHI_2024, meeting_2024, "联席会", date(2024, 7, 31), "太仆寺旗", "行署副盟长、旗委书记赵飞鹏",
         "主持会议；在产业发展、人才培养、就业帮扶等方面持续深入协作"],
        [4, ZHI_2024, meeting_2024, "联席会", date(2024, 7, 31), "太仆寺旗", "昌平区委副书记、区长支现伟",
         "高标准完成好各项结对协作工作任务"],
        [5, ZHI_2024, meeting_2024, "联席会", date(2024, 7, 31), "太仆寺旗", "行署副盟长孙振江",
         "在农业发展、文旅等领域开拓新的协作空间"],
        [],
        [6, CHEN_2025, meeting_2025, "座谈会", "2025年4月1日", "昌平区", "区委书记甘靖中",
         "健全完善常态化统筹调度机制，稳步提高结对协作质量"],
        [7, CHEN_2025, meeting_2025, "座谈会", "2025年4月1日", "昌平区", "太仆寺旗委书记陈艳豹",
         "加强沟通联系，打造京蒙协作的昌太样板"],
        ["合计", "", "3场", "", "", "", "7人次"],
    ]
    for values in rows:
        sheet.append(values)
    sheet.merge_cells("A1:H1")


def projects_sheet(book):
    sheet = book.create_sheet("协作项目")
    rows = [
        ["昌平区京蒙协作项目台账"],
        ["序号", "项目名称", "受援旗县", "实施地点", "实施年度", "京蒙协作资金（万元）", "备注"],
        [1, PROJECT, "太仆寺旗", "太仆寺旗", 2024, "", "解决昌平区支援太仆寺旗干部人才住宿"],
        ["合计", "", "", "", "", ""],
    ]
    for values in rows:
        sheet.append(values)
    sheet.merge_cells("A1:G1")


def workbook():
    book = Workbook()
    trips_sheet(book)
    speeches_sheet(book)
    projects_sheet(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def held_before():
    make_pairing("昌平区", "太仆寺旗")
    make_pairing("昌平区", "阿鲁科尔沁旗")
    make_person(*NAMESAKE)


def speech_facts():
    return [
        (s.meeting.delegation.title if s.meeting.delegation_id else None, s.meeting.title, s.order,
         s.name_as_printed, s.title_as_printed)
        for s in Speech.objects.select_related("meeting__delegation")
    ]


def all_facts():
    """Every kind of fact, expected and found."""
    expected = expected_facts(PEOPLE, STOPS, PAIRINGS, PROJECTS, PLACES, DATES, SOURCES)
    expected["speeches"] = SPEECHES
    actual = {**database_facts(), "speeches": speech_facts()}
    return expected, actual


@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_a_districts_own_workbook_imports_as_its_reports_say(door, tmp_path, capsys, client, django_user_model):
    from projects.models import Project
    from visits.models import Participant

    held_before()
    user = make_publisher(django_user_model, "office")

    [preview] = door([(FILE, workbook())], tmp_path, capsys, client, user)

    expected, actual = all_facts()
    found, differences = scores(expected, actual)
    # All as written down but two (41 / 43): the stop written only in 备注, a column the import
    # never reads (its cells are the office's, not the ledger's); and 钱正秒's source, which is
    # 苏俊山's — one report told of both trips, and one link is one source, titled by its first row.
    assert found == {
        **{kind: (len(set(expected[kind])),) * 3 for kind in expected},
        "stops and places": (0, 1, 0),
        "sources": (3, 4, 4),
    }, differences
    # One person a name: 陈艳豹 and 马春秀 under their later posts are who they were; the 马春秀 of
    # 察右中旗 stays apart, with her own post.
    assert_one_person_a_name(PEOPLE, NAMESAKE)
    # Each speaker is the participant of the trip of that name.
    for speech in Speech.objects.select_related("meeting"):
        participant = Participant.objects.get(
            delegation=speech.meeting.delegation_id, name_as_printed=speech.name_as_printed
        )
        assert speech.person_id == participant.person_id
    projects = {
        p.name: ((p.pairing.support_region.name, p.pairing.recipient_region.name) if p.pairing else None,
                 p.region.name if p.region else None, p.start_year)
        for p in Project.objects.select_related("pairing__support_region", "pairing__recipient_region", "region")
    }
    assert projects == PROJECT_FACTS
    # What was guessed is listed for the importer to check.
    assert "可能是同一人" in preview and "按简称关联的项目" in preview


def test_a_districts_own_workbook_imported_twice_changes_nothing(tmp_path, capsys, client, django_user_model):
    held_before()
    user = make_publisher(django_user_model, "office")
    through_command([(FILE, workbook())], tmp_path, capsys, client, user)

    from cooperation.ledgers.service import import_file

    again = import_file(workbook(), FILE, dry_run=True)

    assert again.totals == {"new": 0, "updated": 0, "unchanged": 12, "error": 0}, again.summary_lines()


# Each reading the workbook needed, from its rows, on its own ----------------------------------


def trip_people(cell, column="出席人员"):
    from tests.cooperation.ledger_builders import run, trip, trips_csv
    from visits.models import Participant

    report = run(trips_csv(trip(**{column: cell})))
    assert not report.has_errors, report.summary_lines()
    return list(Participant.objects.order_by("order").values_list("name_as_printed", "title_as_printed"))


@pytest.mark.parametrize(
    ("cell", "people"),
    [
        # Posts, each before a 、, up to the one a name ends: one person's posts.
        ("太仆寺旗旗委副书记、政府副旗长、代旗长陈艳豹", [("陈艳豹", "太仆寺旗旗委副书记、政府副旗长、代旗长")]),
        # 候选人 is part of the post (before the election), not of the name.
        ("太仆寺旗委副书记、政府旗长候选人张永志", [("张永志", "太仆寺旗委副书记、政府旗长候选人")]),
        # A post several hold together (区领导) is each name's after it, 、 between them.
        (
            "区委书记甘靖中，区领导马春秀、雷海良",
            [("甘靖中", "区委书记"), ("马春秀", "区领导"), ("雷海良", "区领导")],
        ),
        # … not a post one person holds (副旗长), nor after a ，: the name alone is the name alone.
        ("副旗长李四、王五", [("李四", "副旗长"), ("王五", "")]),
        ("区领导马春秀，雷海良", [("马春秀", "区领导"), ("雷海良", "")]),
        # A body's sections listed before a role are whose role it is: a role without a name.
        (
            "区教委副主任钱正秒，区教委人事科、督导科及昌平教师进修学校相关干部",
            [("钱正秒", "区教委副主任"), ("", "区教委人事科、督导科及昌平教师进修学校相关干部")],
        ),
    ],
)
def test_people_written_as_the_reports_write_them(cell, people):
    assert trip_people(cell) == people


def test_one_report_of_two_trips_is_two_trips_sharing_their_source():
    """133 tells of two teams, one to each banner: rows with one 链接 and titles of their own are
    two trips, each by its 标题 and 开始日期, one source; imported again, nothing changes."""
    from tests.cooperation.ledger_builders import run, trip, trips_csv
    from visits.models import Delegation

    make_pairing("昌平区", "太仆寺旗")
    make_pairing("昌平区", "阿鲁科尔沁旗")
    data = trips_csv(
        trip(标题=SU_2021, 开始日期="2021-08-29", 出发地="昌平区", 目的地="太仆寺旗", 链接=URL_2021),
        trip(标题=QIAN_2021, 开始日期="2021-08-29", 出发地="昌平区", 目的地="阿鲁科尔沁旗", 链接=URL_2021),
    )

    report = run(data)
    again = run(data, dry_run=True)

    assert not report.has_errors, report.summary_lines()
    assert sorted(Delegation.objects.values_list("title", "source__url")) == sorted(
        [(SU_2021, URL_2021), (QIAN_2021, URL_2021)]
    )
    assert again.totals == {"new": 0, "updated": 0, "unchanged": 2, "error": 0}, again.summary_lines()


def test_the_same_trip_twice_under_one_link_is_still_a_repeat():
    from tests.cooperation.ledger_builders import problems, run, trip, trips_csv

    row = trip(标题=SU_2021, 开始日期="2021-08-29", 出发地="昌平区", 目的地="太仆寺旗", 链接=URL_2021)

    report = run(trips_csv(row, row), dry_run=True)

    assert [(found, "重复" in message) for found, _column, _value, message in problems(report)] == [
        (2, True), (3, True),
    ]


def short_named(*names, destination="太仆寺旗"):
    from projects.models import Project
    from tests.builders import region
    from tests.cooperation.ledger_builders import run, trip, trips_csv

    for name, where in names:
        Project.objects.create(name=name, region=region(where))
    return run(trips_csv(trip(出发地="昌平区", 目的地=destination, 相关项目="人才公寓")), dry_run=False)


def test_a_project_named_by_the_short_name_people_use_is_the_one_project_holding_it():
    from projects.models import Project
    from visits.models import Delegation

    report = short_named((PROJECT, "太仆寺旗"))

    assert not report.has_errors, report.summary_lines()
    assert list(Delegation.objects.get().related_projects.values_list("name", flat=True)) == [PROJECT]
    assert Project.objects.count() == 1  # no project 人才公寓 made
    assert [item.kind for item in report.review if item.kind == "按简称关联的项目"] == ["按简称关联的项目"]


def test_a_short_name_of_several_projects_is_the_one_in_the_trips_places():
    from visits.models import Delegation

    report = short_named((PROJECT, "太仆寺旗"), ("正镶白旗人才公寓", "正镶白旗"))

    assert not report.has_errors, report.summary_lines()
    assert list(Delegation.objects.get().related_projects.values_list("name", flat=True)) == [PROJECT]


def test_a_short_name_of_several_projects_none_of_them_the_trips_is_asked_about():
    from tests.cooperation.ledger_builders import problems

    report = short_named((PROJECT, "太仆寺旗"), ("正镶白旗人才公寓", "正镶白旗"), destination="阿鲁科尔沁旗")

    [(row, column, value, message)] = problems(report)
    assert (row, column, value) == (2, "相关项目", "人才公寓")
    assert "名称含有它的有 2 个" in message and "请写全名或编号" in message


def test_a_speech_ledger_of_the_offices_own_column_names():
    """所属对接活动 is the trip the meeting belongs to (its title), 发言领导 the speaker, post and
    name in one cell."""
    from tests.cooperation.ledger_builders import csv_bytes, run, trip, trips_csv

    make_pairing("昌平区", "太仆寺旗")
    run(trips_csv(trip(标题=ZHI_2024, 开始日期="2024-07-31", 出发地="昌平区", 目的地="太仆寺旗")))
    headers = ["所属对接活动", "会议名称", "会议类型", "发言领导"]
    rows = [[ZHI_2024, "昌平区与太仆寺旗结对协作工作联席会议", "联席会", "行署副盟长孙振江"]]

    report = run(csv_bytes(headers, rows))

    assert not report.has_errors, report.summary_lines()
    assert speech_facts() == [(ZHI_2024, "昌平区与太仆寺旗结对协作工作联席会议", 1, "孙振江", "行署副盟长")]
