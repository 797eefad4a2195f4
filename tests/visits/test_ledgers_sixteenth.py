"""A sixteenth set of ledgers: a Beijing office's register of the trips Beijing bodies made to the
regions they support (tests/data/ledgers_sixteenth, sources in its README), from three reports no
earlier set uses (report corpus 145, 148 and 150). What the database must hold afterwards was
written here by hand from the reports before the register was first imported.

The register is unlike the fifteen sets before it in how it writes who took part: **the people of
both sides in one cell**, each side after its marker (京方：…；蒙方：…), a side with nobody named
written as a group (…一行8人), a side nobody of which the report names left out. A trip's ends are
the Beijing body that went (派出单位) and the supported region it went to (受援地区), in a register
that only keeps trips from Beijing. The database holds, before the import, the pairings
西城区—鄂伦春自治旗 and 大兴区—苏尼特右旗, and a 王海英 of 察右前旗 (made up for the test): the
院长 of 大兴区中西医结合医院 is someone else.
"""

import io
from datetime import date

import pytest
from openpyxl import Workbook

from tests.builders import make_pairing, make_person, make_publisher
from tests.visits.test_ledgers_fourth import (
    assert_holds_as_written,
    database_facts,
    expected_facts,
)
from tests.visits.test_ledgers_unseen import through_admin, through_command

pytestmark = pytest.mark.django_db

FILE = "赴受援地京蒙协作对接活动登记表（2018—2019年）.xlsx"
V, H = "visiting", "host"

# The office's titles (对接事项).
XICHENG_2018 = "西城区展览路医院赴鄂伦春自治旗人民医院开展对口帮扶活动"
DAXING_2018 = "大兴区中西医结合医院专家组赴苏尼特右旗开展对口支援帮扶"
EDUCATION_2019 = "市教委副巡视员张永凯率北京教育工作组赴乌兰察布调研对接"

URL_XICHENG = "https://yaozui.com/p/619027"
URL_DAXING = "http://bjdxzxy.com/content/details18_2140.html"
URL_EDUCATION = "https://jw.beijing.gov.cn/zyhz/gzdt_15530/ywsd/201906/t20190624_1020515.html"

# (side, name, title as the office wrote it): the cell's 京方 are the visitors, its 蒙方 the hosts.
PEOPLE = {
    # 145: 北京市西城区展览路医院院长、副院长、工会主席及各相关科室主任一行8人及社区中心2人; 双方医院领导
    # 介绍; 旗卫生计生局副局长作总结讲话. Nobody named: each side's groups as the office wrote them.
    XICHENG_2018: [
        (V, "", "西城区展览路医院院长、副院长、工会主席及各相关科室主任一行8人"),
        (V, "", "社区卫生服务中心2人"),
        (H, "", "鄂伦春自治旗人民医院领导"),
        (H, "", "鄂伦春自治旗卫生计生局负责同志"),
    ],
    # 150: 我院王海英院长带领的专家组一行4人; 郭勇副院长, 谢秀娟主任, 陈战勇主任. No host named.
    DAXING_2018: [
        (V, "王海英", "大兴区中西医结合医院院长"),
        (V, "郭勇", "大兴区中西医结合医院副院长"),
        (V, "谢秀娟", "大兴区中西医结合医院主任"),
        (V, "陈战勇", "大兴区中西医结合医院主任"),
    ],
    # 148: 市教委副巡视员张永凯率北京教育工作组一行4人; 内蒙古自治区教育厅总督学张喜荣、发展规划处处长
    # 海丽斯, 乌兰察布市副市长岳艳美、教育局局长赵希文陪同调研.
    EDUCATION_2019: [
        (V, "张永凯", "北京市教委副巡视员"),
        (H, "张喜荣", "内蒙古自治区教育厅总督学"),
        (H, "海丽斯", "内蒙古自治区教育厅发展规划处处长"),
        (H, "岳艳美", "乌兰察布市副市长"),
        (H, "赵希文", "乌兰察布市教育局局长"),
    ],
}
# (place, the county-level region it lies in): the two hospitals worked inside the host hospital
# (义诊, 手术), which is no stop; the education group's one stop is the 察右中旗 school.
STOPS = {
    XICHENG_2018: [],
    DAXING_2018: [],
    EDUCATION_2019: [("察右中旗实验小学", "察哈尔右翼中旗")],
}
# The two districts' pairings, held before; Beijing's education commission is of no pairing.
PAIRINGS = {
    XICHENG_2018: [("西城区", "鄂伦春自治旗")],
    DAXING_2018: [("大兴区", "苏尼特右旗")],
    EDUCATION_2019: [],
}
PROJECTS = {XICHENG_2018: [], DAXING_2018: [], EDUCATION_2019: []}
# (origin, destinations): the body's region (北京市西城区展览路医院 → 西城区, 北京市教委 → 北京市); the
# region it went to, as 受援地区 names it.
PLACES = {
    XICHENG_2018: ("西城区", ["鄂伦春自治旗"]),
    DAXING_2018: ("大兴区", ["苏尼特右旗"]),
    EDUCATION_2019: ("北京市", ["乌兰察布市"]),
}
DATES = {
    XICHENG_2018: ("2018-07-25", "2018-07-26", "day"),
    DAXING_2018: ("2018-07-18", None, "day"),
    EDUCATION_2019: ("2019-06-20", None, "day"),
}
# (title, publisher, date of publication): the register has no 发布日期 column.
SOURCES = {
    XICHENG_2018: (XICHENG_2018, "鄂伦春自治旗人民医院", None),
    DAXING_2018: (DAXING_2018, "北京市大兴区中西医结合医院", None),
    EDUCATION_2019: (EDUCATION_2019, "北京市教育委员会", None),
}
NAMESAKE = ("王海英", "察右前旗卫生健康委员会主任")

TITLE = "北京市赴受援地京蒙协作对接活动登记表（2018—2019年）"
HEADER = ["序号", "日期", "派出单位", "受援地区", "对接事项", "参加人员", "考察点位", "来源", "链接"]


def register():
    book = Workbook()
    sheet = book.active
    sheet.title = "对接活动登记"
    rows = [
        [TITLE],
        HEADER,
        [1, "2018年7月25日—26日", "北京市西城区展览路医院", "鄂伦春自治旗", XICHENG_2018,
         "京方：西城区展览路医院院长、副院长、工会主席及各相关科室主任一行8人，社区卫生服务中心2人；"
         "蒙方：鄂伦春自治旗人民医院领导，鄂伦春自治旗卫生计生局负责同志",
         "", "鄂伦春自治旗人民医院", URL_XICHENG],
        [2, date(2018, 7, 18), "大兴区中西医结合医院", "苏尼特右旗", DAXING_2018,
         "京方：王海英（大兴区中西医结合医院院长）、郭勇（大兴区中西医结合医院副院长）、"
         "谢秀娟（大兴区中西医结合医院主任）、陈战勇（大兴区中西医结合医院主任）",
         "", "北京市大兴区中西医结合医院", URL_DAXING],
        [3, "2019.6.20", "北京市教委", "乌兰察布市", EDUCATION_2019,
         "京方：张永凯（北京市教委副巡视员）；"
         "蒙方：张喜荣（内蒙古自治区教育厅总督学）、海丽斯（内蒙古自治区教育厅发展规划处处长）、"
         "岳艳美（乌兰察布市副市长）、赵希文（乌兰察布市教育局局长）",
         "察右中旗实验小学：参观硬件设施建设情况，进课堂看望学生", "北京市教育委员会", URL_EDUCATION],
        ["合计", "3批次"],
    ]
    for values in rows:
        sheet.append(values)
    sheet.merge_cells("A1:I1")
    sheet["B4"].number_format = "yyyy年m月d日"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def held_before():
    make_pairing("西城区", "鄂伦春自治旗")
    make_pairing("大兴区", "苏尼特右旗")
    make_person(*NAMESAKE)


def all_facts():
    expected = expected_facts(PEOPLE, STOPS, PAIRINGS, PROJECTS, PLACES, DATES, SOURCES)
    return expected, database_facts()


@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_a_beijing_register_with_both_sides_in_one_cell_imports_as_its_reports_say(
    door, tmp_path, capsys, client, django_user_model
):

    held_before()
    user = make_publisher(django_user_model, "office")

    [preview] = door([(FILE, register())], tmp_path, capsys, client, user)

    # What was read otherwise than written is named in the preview.
    assert "“派出单位”按“来访单位”" in preview and "“受援地区”按“目的地”" in preview
    assert "出发地按来访单位读作“西城区”" in preview
    # Measured: 25 / 25 (untouched 0 / 25: refused whole).
    expected, actual = all_facts()
    assert_holds_as_written(expected, PEOPLE, STOPS, NAMESAKE, actual)


def test_the_register_imported_twice_changes_nothing(tmp_path, capsys, client, django_user_model):
    from cooperation.ledgers.service import import_file

    held_before()
    user = make_publisher(django_user_model, "office")
    through_command([(FILE, register())], tmp_path, capsys, client, user)

    again = import_file(register(), FILE, dry_run=True)

    assert again.totals == {"new": 0, "updated": 0, "unchanged": 3, "error": 0}, again.summary_lines()


# Each reading the register needed, on its own ------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "people"),
    [
        # Posts listed before the count that joins them (及…一行8人) are the group's: one role.
        ("京方：西城区展览路医院院长、副院长、工会主席及各相关科室主任一行8人，社区卫生服务中心2人",
         [("support", "", "西城区展览路医院院长、副院长、工会主席及各相关科室主任一行8人"),
          ("support", "", "社区卫生服务中心2人")]),
        ("区长、副区长等5人", [("", "", "区长、副区长等5人")]),
        # A body's leaders, none named: a role without a name.
        ("蒙方：鄂伦春自治旗人民医院领导，鄂伦春自治旗卫生计生局负责同志",
         [("recipient", "", "鄂伦春自治旗人民医院领导"), ("recipient", "", "鄂伦春自治旗卫生计生局负责同志")]),
        # Names after a shared post stay as they were (区领导马春秀、雷海良).
        ("区领导马春秀、雷海良", [("", "马春秀", "区领导"), ("", "雷海良", "区领导")]),
    ],
)
def test_groups_as_a_register_writes_them_are_one_role_each(cell, people):
    from cooperation.ledgers import cells

    read = [(marker, *cells.parse_person(item)) for marker, item in cells.split_people_marked(cell)]

    assert read == people


@pytest.mark.parametrize(
    "item",
    [
        # A post without a count after it that joins it to the group stays a post without a name.
        "副院长、专家组4人",
        # A post alone, and a short body's leaders (旗委领导: whose?), name nobody as before.
        "镇长",
        "旗委领导",
    ],
)
def test_a_post_without_a_name_is_still_an_error(item):
    from cooperation.ledgers import cells

    with pytest.raises(cells.CellError):
        for _marker, each in cells.split_people_marked(item):
            cells.parse_person(each)


@pytest.mark.parametrize(
    ("headers", "cells_", "origin", "ends", "read_as"),
    [
        # Beside the body that went: where it went.
        (["事项", "日期", "派出单位", "受援地区"], ["对接", "2018-07-18", "大兴区中西医结合医院", "苏尼特右旗"],
         "大兴区", ["苏尼特右旗"], "“受援地区”按“目的地”"),
        # Beside where the visitors were received: where they came from.
        (["事项", "日期", "目的地", "受援旗县"], ["对接", "2018-07-18", "大兴区", "苏尼特右旗"],
         "苏尼特右旗", ["大兴区"], "“受援旗县”按“出发地”"),
    ],
)
def test_the_supported_region_is_the_end_the_sheet_has_no_other_column_for(headers, cells_, origin, ends, read_as):
    from tests.cooperation.ledger_builders import csv_bytes, run
    from visits.models import Delegation

    report = run(csv_bytes(headers, [cells_]))

    assert not report.has_errors, report.summary_lines()
    trip = Delegation.objects.get()
    assert (trip.origin.name, [r.name for r in trip.destinations.all()]) == (origin, ends)
    assert any(read_as in line for line in report.summary_lines())


def test_the_supported_region_beside_both_ends_is_left_to_the_importer():
    from tests.cooperation.ledger_builders import csv_bytes, run

    report = run(csv_bytes(
        ["事项", "日期", "出发地", "目的地", "受援地区"], [["对接", "2018-07-18", "大兴区", "苏尼特右旗", "苏尼特右旗"]]
    ))

    assert not report.has_errors, report.summary_lines()
    assert any("“受援地区”" in line and "忽略" in line for line in report.summary_lines()), report.summary_lines()


@pytest.mark.parametrize("own_region", ["", "北京市"])
def test_a_register_of_trips_out_without_where_they_went_says_what_to_do(own_region):
    """派出单位 without 目的地: not a visitor register, whose destination 本单位所在地区 gives — each
    trip went somewhere of its own. Refused, saying which column is missing and how to name one."""
    from tests.cooperation.ledger_builders import csv_bytes, run

    report = run(
        csv_bytes(["事项", "日期", "派出单位", "去向"], [["对接", "2018-07-18", "大兴区中西医结合医院", "苏尼特右旗"]]),
        own_region=own_region,
    )

    [refusal] = report.refusals
    assert "“派出单位”是出访的一方，各次去了哪里须写在“目的地”一栏" in refusal
    assert "--column 列名=目的地" in refusal and "--own-region" not in refusal
