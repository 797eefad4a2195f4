"""A nineteenth set of ledgers: an office's register kept as an old Excel 97–2003 workbook (.xls,
BIFF8) — tests/data/ledgers_nineteenth, sources in its README — from three reports no earlier set
uses (report corpus 146, 104 and 212). What the database must hold afterwards was written here
by hand from the reports before the register was first imported.

The register is unlike the eighteen sets before it in its file, not its words: the .xls many
county and banner offices still keep, as such files are — a title row merged across the sheet,
序号 and every number stored as a float (1.0), Excel date cells in the 1900 date system (one
formatted to show the month only), a hidden column (联系人), a hidden sheet of drop-down lists,
a 合计 row merged across. Its trips go both ways between Beijing and Inner Mongolia, each of a
pairing the database holds or of none. The database holds, before the import, the pairings
通州区—奈曼旗 and 丰台区—扎赉特旗, and a 王波 of 科右前旗 (made up for the test): the 曲艺家协会's
王波 is someone else.
"""

import io
from datetime import date

import pytest

from tests.builders import make_pairing, make_person, make_publisher
from tests.visits.test_ledgers_fourth import (
    assert_holds_as_written,
    database_facts,
    expected_facts,
)
from tests.visits.test_ledgers_unseen import through_admin, through_command

pytestmark = pytest.mark.django_db

FILE = "2023—2024年京蒙协作交流互访台账.xls"
V, H = "visiting", "host"

# The office's titles (对接事项).
NAIMAN_2023 = "奈曼旗蒙医医院赴东直门医院通州院区交流座谈京蒙对口帮扶"
FENGTAI_2023 = "丰台区云岗街道办事处赴扎赉特旗阿拉达尔吐苏木调研京蒙协作"
ETDZ_2024 = "北京经开区文联赴苏尼特右旗开展采风调研"

URL_NAIMAN = "https://dzmyy.com.cn/Html/News/Articles/15987.html"
URL_FENGTAI = (
    "https://peking.bjd.com.cn/channels/5b165687a010550e5ddc0e70/contentShare/"
    "5f705244e4b03c6143a7c6f3/AP64f88204e4b03b71707da76a.html"
)
URL_ETDZ = "http://114.251.61.132:81/shtml/bjwy/20240902/5846.shtml"

# (side, name, post as the office wrote it): 来访领导 and 随行人员 are the visitors, 接待方人员 the hosts.
PEOPLE = {
    # 146: 奈曼旗蒙医医院党支部书记、院长包桂荣和副院长乌力吉赴东直门医院通州院区; 东直门医院副院长张耀圣、
    # 院长助理马洪明、党院办副主任赵国凤（主持工作）参加交流.
    NAIMAN_2023: [
        (V, "包桂荣", "奈曼旗蒙医医院党支部书记、院长"),
        (V, "乌力吉", "奈曼旗蒙医医院副院长"),
        (H, "张耀圣", "东直门医院副院长"),
        (H, "马洪明", "东直门医院院长助理"),
        (H, "赵国凤", "东直门医院党院办副主任"),
    ],
    # 104: 北京市丰台区云岗街道办事处主任洪鑫一行; 苏木党委书记赖智广主持座谈; 阿拉达尔吐苏木党委副书记、
    # 苏木达刘正树. The shopping centre's manager given a certificate is left out by the office.
    FENGTAI_2023: [
        (V, "洪鑫", "丰台区云岗街道办事处主任"),
        (H, "赖智广", "阿拉达尔吐苏木党委书记"),
        (H, "刘正树", "阿拉达尔吐苏木党委副书记、苏木达"),
    ],
    # 212: 北京经开区文联主席赵雅娟带领所属各协会艺术家近20人; the five the report names with their
    # posts. No host named.
    ETDZ_2024: [
        (V, "赵雅娟", "北京经开区文联主席"),
        (V, "刘楣洪", "经开区书法家协会主席"),
        (V, "李耀林", "经开区美术家协会主席"),
        (V, "梁大南", "经开区音乐家协会主席"),
        (V, "吕立民", "经开区文创家协会副主席"),
        (V, "王波", "经开区曲艺家协会副主席兼秘书长"),
    ],
}
# (place, the county-level region it lies in).
STOPS = {
    NAIMAN_2023: [("东直门医院通州院区", "通州区")],
    FENGTAI_2023: [("阿拉达尔吐苏木", "扎赉特旗")],
    ETDZ_2024: [
        ("乌兰牧骑展馆", "苏尼特右旗"),
        ("乌兰牧骑排练厅", "苏尼特右旗"),
        ("“红书包”新时代文明实践教育基地", "苏尼特右旗"),
        ("桑宝拉格苏木文化牧户", "苏尼特右旗"),
        ("兵团岁月陈列馆", "苏尼特右旗"),
        ("民族团结展馆", "苏尼特右旗"),
        ("新时代文明实践文学艺术创作基地", "苏尼特右旗"),
    ],
}
# The two pairings held before (a banner's hospital visiting its district's, a district's street
# visiting its banner's 苏木); 经开区 and 苏尼特右旗 are no pairing the database holds.
PAIRINGS = {
    NAIMAN_2023: [("通州区", "奈曼旗")],
    FENGTAI_2023: [("丰台区", "扎赉特旗")],
    ETDZ_2024: [],
}
PROJECTS = {NAIMAN_2023: [], FENGTAI_2023: [], ETDZ_2024: []}
PLACES = {
    NAIMAN_2023: ("奈曼旗", ["通州区"]),
    FENGTAI_2023: ("丰台区", ["扎赉特旗"]),
    ETDZ_2024: ("北京经济技术开发区", ["苏尼特右旗"]),
}
# Two day cells; 212 gives no day (近期, in the issue of 2024-09-02): the office's cell is a date
# formatted yyyy"年"m"月", the month of the report — a month, not its 1st.
DATES = {
    NAIMAN_2023: ("2023-08-17", None, "day"),
    FENGTAI_2023: ("2023-09-06", None, "day"),
    ETDZ_2024: ("2024-09-01", None, "month"),
}
# (title, publisher, date of publication): 发布日期 are date cells too.
SOURCES = {
    NAIMAN_2023: (NAIMAN_2023, "北京中医药大学东直门医院", "2023-08-22"),
    FENGTAI_2023: (FENGTAI_2023, "北京日报客户端", "2023-09-06"),
    ETDZ_2024: (ETDZ_2024, "北京文艺", "2024-09-02"),
}
NAMESAKE = ("王波", "科右前旗副旗长")

TITLE = "2023—2024年京蒙协作交流互访台账"
HEADER = [
    "序号", "日期", "出发地", "目的地", "对接事项", "来访领导", "随行人员", "接待方人员", "考察点位",
    "联系人", "信息来源", "发布日期", "链接",
]
HIDDEN_COLUMN = HEADER.index("联系人")
ROWS = [
    [1, date(2023, 8, 17), "奈曼旗", "通州区", NAIMAN_2023,
     "包桂荣（奈曼旗蒙医医院党支部书记、院长）", "乌力吉（奈曼旗蒙医医院副院长）",
     "张耀圣（东直门医院副院长）、马洪明（东直门医院院长助理）、赵国凤（东直门医院党院办副主任）",
     "东直门医院通州院区：座谈医疗业务、人才培养、蒙医医院新址建设", "协作科",
     "北京中医药大学东直门医院", date(2023, 8, 22), URL_NAIMAN],
    [2, date(2023, 9, 6), "丰台区", "扎赉特旗", FENGTAI_2023,
     "洪鑫（丰台区云岗街道办事处主任）", "",
     "赖智广（阿拉达尔吐苏木党委书记）、刘正树（阿拉达尔吐苏木党委副书记、苏木达）",
     "阿拉达尔吐苏木：座谈，听取京蒙资金使用、项目进度和资金管理情况", "协作科",
     "北京日报客户端", date(2023, 9, 6), URL_FENGTAI],
    [3, date(2024, 9, 1), "北京经开区", "苏尼特右旗", ETDZ_2024,
     "赵雅娟（北京经开区文联主席）",
     "刘楣洪（经开区书法家协会主席）、李耀林（经开区美术家协会主席）、梁大南（经开区音乐家协会主席）、"
     "吕立民（经开区文创家协会副主席）、王波（经开区曲艺家协会副主席兼秘书长）",
     "",
     "乌兰牧骑展馆、乌兰牧骑排练厅、“红书包”新时代文明实践教育基地、桑宝拉格苏木文化牧户、兵团岁月陈列馆、"
     "民族团结展馆、新时代文明实践文学艺术创作基地", "协作科",
     "北京文艺", date(2024, 9, 2), URL_ETDZ],
]
MONTH_ONLY = {(2, 1)}  # (row, column) of ROWS whose date cell shows the month only
# The drop-down lists the office's cells offer, on a sheet Excel does not show.
LISTS = [["旗县区"], ["奈曼旗"], ["扎赉特旗"], ["苏尼特右旗"], ["通州区"], ["丰台区"], ["北京经开区"]]


def register():
    """The register as an office keeps it in Excel 97–2003: written with xlwt, which stores every
    number as a float and every date as a serial number of the 1900 date system."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("交流互访")
    day = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    month = xlwt.easyxf(num_format_str='yyyy"年"m"月"')
    sheet.write_merge(0, 0, 0, len(HEADER) - 1, TITLE)
    for column, header in enumerate(HEADER):
        sheet.write(1, column, header)
    for i, values in enumerate(ROWS):
        for column, value in enumerate(values):
            if isinstance(value, date):
                sheet.write(2 + i, column, value, month if (i, column) in MONTH_ONLY else day)
            elif value != "":
                sheet.write(2 + i, column, float(value) if isinstance(value, int) else value)
    sheet.write_merge(2 + len(ROWS), 2 + len(ROWS), 0, len(HEADER) - 1, f"合计：{len(ROWS)}批次")
    sheet.col(HIDDEN_COLUMN).hidden = True
    lists = book.add_sheet("下拉选项")
    for row, values in enumerate(LISTS):
        lists.write(row, 0, values[0])
    lists.visibility = 1  # hidden
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def held_before():
    make_pairing("通州区", "奈曼旗")
    make_pairing("丰台区", "扎赉特旗")
    make_person(*NAMESAKE)


def all_facts():
    expected = expected_facts(PEOPLE, STOPS, PAIRINGS, PROJECTS, PLACES, DATES, SOURCES)
    return expected, database_facts()


def test_the_register_is_an_excel_97_2003_workbook():
    """What the test builds is what such offices keep: an OLE compound file of BIFF8."""
    data = register()

    assert data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_an_xls_register_imports_as_its_reports_say(door, tmp_path, capsys, client, django_user_model):
    held_before()
    user = make_publisher(django_user_model, "office")

    [preview] = door([(FILE, register())], tmp_path, capsys, client, user)

    # What the workbook holds besides its records is named in the preview.
    assert "第 1 行（“2023—2024年京蒙协作交流互访台账”）不是表头" in preview
    assert "“下拉选项”" in preview and "隐藏的工作表" in preview
    assert "合计" in preview
    expected, actual = all_facts()
    assert_holds_as_written(expected, PEOPLE, STOPS, NAMESAKE, actual)


def test_the_xls_register_imported_twice_changes_nothing(tmp_path, capsys, client, django_user_model):
    from cooperation.ledgers.service import import_file

    held_before()
    user = make_publisher(django_user_model, "office")
    through_command([(FILE, register())], tmp_path, capsys, client, user)

    again = import_file(register(), FILE, dry_run=True)

    assert again.totals == {"new": 0, "updated": 0, "unchanged": 3, "error": 0}, again.summary_lines()
