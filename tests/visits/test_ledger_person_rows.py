"""An office's register of its own trips kept one row per person (the seventh ledger set's way):
a trip's rows — its 标题 merged over them, or 序号 2-1, 2-2 … — are one trip; each row's 职务 is
the post of the one person the row names; a column of one side's people (北京方对接人员) is read
with that side's marker; 派出单位 (the body that went) gives the origin, the office's own bodies
written without its region being the office's own. A hidden sheet and a summary sheet are no
ledger: each is named, neither is read."""

import pytest

from cooperation.ledgers import cells
from tests.builders import make_publisher
from tests.cooperation.ledger_builders import csv_bytes, problems, run
from tests.visits.test_ledgers_as_meant import workbook
from tests.visits.test_ledgers_unseen import through_admin, through_command
from visits.models import Delegation

pytestmark = pytest.mark.django_db

V, H = "visiting", "host"
TITLE = "市科技局赴京对接"
HEADER = ["序号", "标题", "开始日期", "出发地", "目的地", "带队领导", "随行人员", "职务", "北京方对接人员"]


def people():
    delegation = Delegation.objects.get()
    return [
        (p.side, p.role, p.name_as_printed, p.title_as_printed) for p in delegation.participants.order_by("order")
    ]


def one_row_a_person(layout):
    """A trip over two rows, one a person of the delegation; the trip's cells merged over both,
    or written in the first row only with 序号 1-1, 1-2."""
    first = ["1-1", TITLE, "2021-03-26", "乌兰察布市", "北京市", "王清", "", "市科技局局长", "方智远（院士）"]
    second = ["1-2", None, None, None, None, "", "李明", "科长", None]
    if layout == "merged":
        first[0], second[0] = 1, None
        merges = [("考察活动", f"{column}2:{column}3") for column in "ABCDEI"]
    else:
        merges = []
    return workbook({"考察活动": [HEADER, first, second]}, merges=merges)


@pytest.mark.parametrize("layout", ["merged", "numbered"])
@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_a_trips_rows_one_a_person_are_one_trip_with_every_persons_post(
    door, layout, tmp_path, capsys, client, django_user_model
):
    user = make_publisher(django_user_model, "office")

    [preview] = door([("赴京对接.xlsx", one_row_a_person(layout))], tmp_path, capsys, client, user)

    assert people() == [
        (V, "leader", "王清", "市科技局局长"),
        (V, "member", "李明", "科长"),
        (H, "attending", "方智远", "院士"),
    ]
    assert "第 2—3 行是同一次考察活动" in preview
    assert "列“职务”按同一行所写人员的职务读入" in preview


def test_rows_of_one_number_whose_trip_cells_differ_stay_apart_saying_so():
    first = ["1-1", TITLE, "2021-03-26", "乌兰察布市", "北京市", "王清", "", "", ""]
    second = ["1-2", TITLE, "2021-04-02", "乌兰察布市", "北京市", "李明", "", "", ""]

    report = run(workbook({"考察活动": [HEADER, first, second]}), "赴京对接.xlsx")

    assert not report.has_errors, report.summary_lines()
    assert Delegation.objects.count() == 2
    assert any("第 2—3 行像是同一次考察活动（序号 1-1 至 1-2），但“开始日期”不同" in n for n in report.notices)


def test_a_column_the_ledger_does_not_read_keeps_a_trips_rows_together():
    headers = [*HEADER, "备注"]
    first = ["1-1", TITLE, "2021-03-26", "乌兰察布市", "北京市", "王清", "", "局长", "", "带队"]
    second = ["1-2", "", "", "", "", "", "李明", "科长", "", "随行，负责联络"]

    report = run(csv_bytes(headers, [first, second]))

    assert not report.has_errors, report.summary_lines()
    assert [(name, title) for _side, _role, name, title in people()] == [("王清", "局长"), ("李明", "科长")]


def test_a_post_its_row_gives_to_nobody_or_to_several_is_an_error_asking_whose():
    row = ["1", TITLE, "2021-03-26", "乌兰察布市", "北京市", "王清、李明", "", "局长", ""]

    report = run(csv_bytes(HEADER, [row]))

    assert report.has_errors and not Delegation.objects.exists()
    [(number, column, _value, message)] = problems(report)
    assert (number, column) == (2, "职务") and "王清（市科技局局长）" in message


@pytest.mark.parametrize(
    ("origin", "destination", "side"),
    [("乌兰察布市", "北京市", H), ("大兴区", "察右前旗", V)],
)
@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_a_column_of_one_sides_people_is_read_with_that_sides_marker(
    door, origin, destination, side, tmp_path, capsys, client, django_user_model
):
    user = make_publisher(django_user_model, "office")
    row = ["1", TITLE, "2021-03-26", origin, destination, "", "", "", "张三（处长）、李四"]

    [preview] = door([("对接.csv", csv_bytes(HEADER, [row]))], tmp_path, capsys, client, user)

    assert people() == [(side, "attending", "张三", "处长"), (side, "attending", "李四", "")]
    assert "“北京方对接人员”一栏的人员按“北京方：”读入出席人员" in preview


SENT = ["派出单位", "标题", "开始日期", "目的地", "带队领导"]


@pytest.mark.parametrize(
    ("body", "own_region", "origin"),
    [
        ("市委", "乌兰察布市", "乌兰察布市"),  # the office's own body, its region left out
        ("市科技局、市农林研究所", "乌兰察布市", "乌兰察布市"),
        ("四子王旗教育体育局", "乌兰察布市", "四子王旗"),  # a body of a banner under the city
        ("四子王旗教育体育局", None, "四子王旗"),
    ],
)
@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_the_sending_body_gives_the_origin(door, body, own_region, origin, tmp_path, capsys, client, django_user_model):
    user = make_publisher(django_user_model, "office")
    data = csv_bytes(SENT, [[body, TITLE, "2021-03-26", "北京市", "王清（局长）"]])

    [preview] = door([("赴京对接.csv", data)], tmp_path, capsys, client, user, own_region=own_region)

    assert Delegation.objects.get().origin.name == origin
    assert "“派出单位”按“来访单位”" in preview


@pytest.mark.parametrize(
    ("own_region", "asked"),
    [(None, "本单位所在地区"), ("奈曼旗", "不以地区名开头")],  # a 旗's office has no 市委 of its own
)
def test_a_sending_body_without_a_region_that_is_not_the_offices_own_is_an_error_asking(own_region, asked):
    report = run(csv_bytes(SENT, [["市委", TITLE, "2021-03-26", "北京市", "王清（局长）"]]), own_region=own_region)

    assert report.has_errors and not Delegation.objects.exists()
    [(number, column, value, message)] = problems(report)
    assert (number, column, value) == (2, "来访单位", "市委")
    assert asked in message and "出发地" in message


@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_a_hidden_sheet_and_a_summary_sheet_are_named_and_not_read(door, tmp_path, capsys, client, django_user_model):
    user = make_publisher(django_user_model, "office")
    trips = [HEADER[1:5], [TITLE, "2021-03-26", "乌兰察布市", "北京市"]]
    old_copy = [HEADER[1:5], ["旧的一行", "2020-01-01", "乌兰察布市", "北京市"]]
    summary = [["年度", "批次"], [2021, 1]]
    data = workbook({"汇总": summary, "考察活动": trips, "旧表": old_copy}, hidden=["旧表"])

    [preview] = door([("赴京对接.xlsx", data)], tmp_path, capsys, client, user)

    assert list(Delegation.objects.values_list("title", flat=True)) == [TITLE]
    assert "已跳过工作表“旧表”：它是隐藏的工作表" in preview
    assert "已跳过工作表“汇总”：它的表头不属于任何台账" in preview


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("市科技局、市农林研究所相关科室负责人及专家", [("", "市科技局、市农林研究所相关科室负责人及专家")]),
        ("王清（局长）、市科技局随行人员", [("王清", "局长"), ("", "市科技局随行人员")]),
        ("百名师生", [("", "百名师生")]),
    ],
)
def test_bodies_listed_before_a_role_are_whose_role_it_is(text, items):
    assert [cells.parse_person(item) for item in cells.split_people(text)] == items


def test_a_bodys_name_alone_is_no_person():
    with pytest.raises(cells.CellError, match="是单位名，不是人名"):
        cells.parse_person("市科技局")
