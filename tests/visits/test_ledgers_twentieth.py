"""A twentieth set of ledgers: registers exported by office systems as ".xls" files that are no
Excel 97–2003 workbook — tests/data/ledgers_twentieth, sources in its README — from two reports no
earlier set uses. What the database must hold afterwards was written here by hand from the
reports before the registers were first imported.

Many web registers and OA systems export a table as a file named .xls that is an HTML document
(a <table>, GB2312 with a <meta charset>, a title cell spanning the columns, <th> headers, cells
merged down with rowspan, a column hidden with display:none, &nbsp; padding, mso-number-format
styles), or Excel 2003's XML Spreadsheet (<?mso-application progid="Excel.Sheet"?>: a title cell
merged across with ss:MergeAcross, empty cells skipped with ss:Index, DateTime and Number cells,
a hidden column and a hidden sheet). Excel and WPS open both without a word. Here:

- 石景山区教育系统京蒙协作交流登记表.xls — the district's education system's web register,
  exported as HTML (GB2312): two visits of its schools to 宁城县 in May 2019, from one report, so
  出发地, 目的地, 信息来源, 发布日期 and 链接 are each one cell merged down both rows;
- 2025年京蒙协作医疗交流台账.xls — a hospital office's register saved as XML Spreadsheet 2003: the
  visit of 北京市鼓楼中医医院 (东城区) to 海勃湾区中医医院 in April 2025.

The database holds, before the import, the pairing 石景山区—宁城县 and a 孙波 of 宁城县 (made up for
the test): the 鼓楼中医医院's 孙波 is someone else.
"""

import datetime
import html

import pytest

from tests.builders import make_pairing, make_person, make_publisher
from tests.visits.test_ledgers_fourth import (
    assert_holds_as_written,
    database_facts,
    expected_facts,
)
from tests.visits.test_ledgers_unseen import through_admin, through_command

pytestmark = pytest.mark.django_db

HTML_FILE = "石景山区教育系统京蒙协作交流登记表.xls"
XML_FILE = "2025年京蒙协作医疗交流台账.xls"
V, H = "visiting", "host"

# The offices' titles (对接事项).
JIUZHONG_2019 = "北京市第九中学教师团队赴宁城县教育教学交流"
PINGZHONG_2019 = "首师大附属苹果园中学师生赴八里罕中学手拉手结对"
GULOU_2025 = "鼓楼中医医院赴海勃湾区中医医院合作签约及义诊"

URL_NINGCHENG = "https://fx361.cc/page/2020/1026/7139904.shtml"
URL_GULOU = "https://zyj.beijing.gov.cn/sy/dwjl/202504/t20250416_4066744.html"

# (side, name, post as the office wrote it): 来访领导 and 随行人员 are the visitors, 接待方人员 the hosts.
PEOPLE = {
    # 2019年5月7日,教师团队一行九人在林乐光校长带领下,赴内蒙古宁城县…林乐光校长与宁城县高级中学校长
    # 张亦文、宁城汐子中学校长王鹏军进行会谈. The eight teachers are not named.
    JIUZHONG_2019: [
        (V, "林乐光", "北京市第九中学校长"),
        (H, "张亦文", "宁城县高级中学校长"),
        (H, "王鹏军", "宁城汐子中学校长"),
    ],
    # 2019年5月17日…首都师范大学附属苹果园中学师生在宁城八里罕中学…苹中相玉德老师为罕中高二…做了一堂讲座.
    PINGZHONG_2019: [
        (V, "相玉德", "首都师范大学附属苹果园中学教师"),
    ],
    # 2025年4月8日…海勃湾区副区长王淑燕、栗东海…海勃湾区中医医院书记武玉平,院长侯玥,鼓楼中医院副院长闫志刚、
    # 医务部主任孙波…妇科主任赵素蕊、针灸科主任王乐. The office leaves out the city's 卫健委 and the
    # district's 卫健委 (李俊平, 骆燚, 王鑫瀚).
    GULOU_2025: [
        (V, "闫志刚", "鼓楼中医医院副院长"),
        (V, "孙波", "鼓楼中医医院医务部主任"),
        (V, "赵素蕊", "鼓楼中医医院妇科主任"),
        (V, "王乐", "鼓楼中医医院针灸科主任"),
        (H, "王淑燕", "海勃湾区副区长"),
        (H, "栗东海", "海勃湾区副区长"),
        (H, "武玉平", "海勃湾区中医医院书记"),
        (H, "侯玥", "海勃湾区中医医院院长"),
    ],
}
# (place, the county-level region it lies in).
STOPS = {
    JIUZHONG_2019: [("宁城县高级中学", "宁城县"), ("宁城汐子中学", "宁城县")],
    PINGZHONG_2019: [("八里罕中学", "宁城县")],
    GULOU_2025: [("海勃湾区中医医院", "海勃湾区")],
}
# The district's pairing held before; a hospital's agreement with a district's hospital is no
# pairing of 东城区 and 海勃湾区, and the database holds none.
PAIRINGS = {
    JIUZHONG_2019: [("石景山区", "宁城县")],
    PINGZHONG_2019: [("石景山区", "宁城县")],
    GULOU_2025: [],
}
PROJECTS = {JIUZHONG_2019: [], PINGZHONG_2019: [], GULOU_2025: []}
PLACES = {
    JIUZHONG_2019: ("石景山区", ["宁城县"]),
    PINGZHONG_2019: ("石景山区", ["宁城县"]),
    GULOU_2025: ("东城区", ["海勃湾区"]),
}
DATES = {
    JIUZHONG_2019: ("2019-05-07", None, "day"),
    PINGZHONG_2019: ("2019-05-17", None, "day"),
    GULOU_2025: ("2025-04-08", None, "day"),
}
# (title, publisher, date of publication).
SOURCES = {
    JIUZHONG_2019: (JIUZHONG_2019, "中国青年报、新京报", "2020-10-26"),
    PINGZHONG_2019: (PINGZHONG_2019, "中国青年报、新京报", "2020-10-26"),
    GULOU_2025: (GULOU_2025, "北京市中医管理局", "2025-04-16"),
}
NAMESAKE = ("孙波", "宁城县副县长")

HEADER = [
    "序号", "日期", "出发地", "目的地", "对接事项", "来访领导", "随行人员", "接待方人员", "考察点位",
    "联系人", "信息来源", "发布日期", "链接",
]
HIDDEN_COLUMN = HEADER.index("联系人")


# The web register, exported as HTML ---------------------------------------------------------

HTML_TITLE = "石景山区教育系统京蒙协作交流登记表（2019年）"
# One report, two visits: 出发地, 目的地, 信息来源, 发布日期 and 链接 are merged down both rows.
MERGED_DOWN = {"出发地", "目的地", "信息来源", "发布日期", "链接"}
HTML_ROWS = [
    [1, "2019-05-07", "石景山区", "宁城县", JIUZHONG_2019,
     "林乐光（北京市第九中学校长）", "",
     "张亦文（宁城县高级中学校长）、王鹏军（宁城汐子中学校长）",
     "宁城县高级中学、宁城汐子中学", "教委办公室",
     "中国青年报、新京报", "2020-10-26", URL_NINGCHENG],
    [2, "2019-05-17", "石景山区", "宁城县", PINGZHONG_2019,
     "相玉德（首都师范大学附属苹果园中学教师）", "", "",
     "八里罕中学：“自然地理环境对人类活动的影响”讲座，学生手拉手跟岗学习", "教委办公室",
     "中国青年报、新京报", "2020-10-26", URL_NINGCHENG],
]


def _td(value, *, header=False, hidden=False, rowspan=1, date=False):
    """A cell as such exports write it: padded with &nbsp;, an empty one holding &nbsp; alone."""
    tag = "th" if header else "td"
    attributes = (f" rowspan={rowspan}" if rowspan > 1 else "") + (" class=xl-date" if date else "")
    attributes += ' style="display:none"' if hidden else ""
    text = f"&nbsp;{html.escape(str(value))}&nbsp;" if value != "" else "&nbsp;"
    return f"<{tag}{attributes}>{text}</{tag}>"


def web_register():
    """The register as the district's web system exports it: an HTML table in GB2312 named .xls."""
    lines = [
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">',
        "<head>",
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
        "<style>",
        '.xl-date {mso-number-format:"yyyy\\-mm\\-dd";}',
        "td {mso-number-format:\"\\@\";}",
        "</style>",
        "</head>",
        "<body>",
        '<table border="1" cellspacing="0">',
        f'<tr><td colspan="{len(HEADER)}" align="center"><b>{HTML_TITLE}</b></td></tr>',
        "<tr>" + "".join(
            _td(header, header=True, hidden=column == HIDDEN_COLUMN) for column, header in enumerate(HEADER)
        ) + "</tr>",
    ]
    for i, values in enumerate(HTML_ROWS):
        cells = []
        for column, value in enumerate(values):
            if HEADER[column] in MERGED_DOWN:
                if i:
                    continue  # under the merged cell of the first row
                cells.append(_td(value, rowspan=len(HTML_ROWS), date=HEADER[column] == "发布日期"))
            else:
                cells.append(_td(value, hidden=column == HIDDEN_COLUMN, date=HEADER[column] == "日期"))
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append(f'<tr><td colspan="{len(HEADER)}">合计：{len(HTML_ROWS)}批次</td></tr>')
    lines += ["</table>", "</body>", "</html>"]
    return "\r\n".join(lines).encode("gb2312")


# The hospital office's register, saved as XML Spreadsheet 2003 --------------------------------

XML_TITLE = "2025年京蒙协作医疗交流台账"
XML_ROWS = [
    [1, datetime.datetime(2025, 4, 8), "东城区", "海勃湾区", GULOU_2025,
     "闫志刚（鼓楼中医医院副院长）",
     "孙波（鼓楼中医医院医务部主任）、赵素蕊（鼓楼中医医院妇科主任）、王乐（鼓楼中医医院针灸科主任）",
     "王淑燕（海勃湾区副区长）、栗东海（海勃湾区副区长）、武玉平（海勃湾区中医医院书记）、侯玥（海勃湾区中医医院院长）",
     "海勃湾区中医医院：合作协议签约、学术交流、专家义诊", "医务部",
     "北京市中医管理局", datetime.datetime(2025, 4, 16), URL_GULOU],
]
LISTS = ["旗县区", "东城区", "海勃湾区"]


def _xml_cell(value, index=None):
    attributes = f' ss:Index="{index}"' if index else ""
    if isinstance(value, datetime.datetime):
        return (f'<Cell{attributes} ss:StyleID="day"><Data ss:Type="DateTime">'
                f'{value.isoformat(timespec="milliseconds")}</Data></Cell>')
    if isinstance(value, int):
        return f'<Cell{attributes}><Data ss:Type="Number">{value}</Data></Cell>'
    return f'<Cell{attributes}><Data ss:Type="String">{html.escape(value, quote=False)}</Data></Cell>'


def xml_register():
    """The register as Excel 2003 saves "XML Spreadsheet": UTF-8 XML named .xls. An empty cell is
    left out and the next one says its column (ss:Index, from 1)."""
    width = len(HEADER)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?mso-application progid="Excel.Sheet"?>',
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">',
        " <Styles>",
        '  <Style ss:ID="Default" ss:Name="Normal"><Alignment ss:Vertical="Center"/></Style>',
        '  <Style ss:ID="day"><NumberFormat ss:Format="yyyy/m/d"/></Style>',
        " </Styles>",
        ' <Worksheet ss:Name="医疗交流">',
        f'  <Table ss:ExpandedColumnCount="{width}" ss:ExpandedRowCount="{3 + len(XML_ROWS)}">',
        f'   <Column ss:Index="{HIDDEN_COLUMN + 1}" ss:Hidden="1" ss:AutoFitWidth="0"/>',
        f'   <Row><Cell ss:MergeAcross="{width - 1}"><Data ss:Type="String">{XML_TITLE}</Data></Cell></Row>',
        "   <Row>" + "".join(_xml_cell(header) for header in HEADER) + "</Row>",
    ]
    for values in XML_ROWS:
        cells, skipped = [], False
        for column, value in enumerate(values):
            if value == "":
                skipped = True
                continue
            cells.append(_xml_cell(value, column + 1 if skipped else None))
            skipped = False
        lines.append("   <Row>" + "".join(cells) + "</Row>")
    total = f"合计：{len(XML_ROWS)}批次"
    lines.append(f'   <Row><Cell ss:MergeAcross="{width - 1}"><Data ss:Type="String">{total}</Data></Cell></Row>')
    lines += [
        "  </Table>",
        ' </Worksheet>',
        ' <Worksheet ss:Name="下拉选项">',
        "  <Table>",
        *(f'   <Row><Cell><Data ss:Type="String">{item}</Data></Cell></Row>' for item in LISTS),
        "  </Table>",
        '  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible>'
        "</WorksheetOptions>",
        " </Worksheet>",
        "</Workbook>",
    ]
    return "\n".join(lines).encode("utf-8")


def registers():
    return [(HTML_FILE, web_register()), (XML_FILE, xml_register())]


def held_before():
    make_pairing("石景山区", "宁城县")
    make_person(*NAMESAKE)


def all_facts():
    expected = expected_facts(PEOPLE, STOPS, PAIRINGS, PROJECTS, PLACES, DATES, SOURCES)
    return expected, database_facts()


def test_the_registers_are_html_and_xml_spreadsheet_named_xls():
    """What the test builds is what such systems export: neither is a BIFF workbook (D0 CF 11 E0)
    nor a zip; the HTML is GB2312, as its <meta> says."""
    web, xml = web_register(), xml_register()

    assert web.lstrip().lower().startswith(b"<html") and b"charset=gb2312" in web
    assert "石景山区".encode("gb2312") in web and "石景山区".encode() not in web
    assert xml.startswith(b"<?xml") and b'progid="Excel.Sheet"' in xml
    assert not any(data.startswith((b"\xd0\xcf\x11\xe0", b"PK\x03\x04")) for data in (web, xml))


@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_registers_exported_as_xls_import_as_their_reports_say(door, tmp_path, capsys, client, django_user_model):
    held_before()
    user = make_publisher(django_user_model, "office")

    web_preview, xml_preview = door(registers(), tmp_path, capsys, client, user)

    # What each file holds besides its records is named in the preview.
    assert f"第 1 行（“{HTML_TITLE}”）不是表头" in web_preview
    assert f"第 1 行（“{XML_TITLE}”）不是表头" in xml_preview
    assert "合计" in web_preview and "合计" in xml_preview
    assert "“下拉选项”" in xml_preview and "隐藏的工作表" in xml_preview
    # All as written down but one (26 / 27): 相玉德's source is 林乐光's — one page told of both
    # visits, and one link is one source, titled by its first row (as in the twelfth set).
    expected, actual = all_facts()
    assert_holds_as_written(expected, PEOPLE, STOPS, NAMESAKE, actual, short={"sources": (2, 3, 3)})


def test_the_registers_imported_twice_change_nothing(tmp_path, capsys, client, django_user_model):
    from cooperation.ledgers.service import import_file

    held_before()
    user = make_publisher(django_user_model, "office")
    through_command(registers(), tmp_path, capsys, client, user)

    again = [import_file(data, name, dry_run=True) for name, data in registers()]

    assert [result.totals for result in again] == [
        {"new": 0, "updated": 0, "unchanged": 2, "error": 0},
        {"new": 0, "updated": 0, "unchanged": 1, "error": 0},
    ], [result.summary_lines() for result in again]


def test_one_report_of_two_visits_between_the_same_places_on_two_days_is_two_trips():
    """160 tells of two schools' visits from 石景山区 to 宁城县, on 5月7日 and 5月17日: rows with one
    链接 and the same ends but a 开始日期 each are two trips, one source; imported again, nothing
    changes. The same ends on the same day stay a repeat (test_ledger_import)."""
    from tests.cooperation.ledger_builders import problems, run, trip, trips_csv
    from visits.models import Delegation

    make_pairing("石景山区", "宁城县")
    rows = [
        trip(标题=JIUZHONG_2019, 开始日期="2019-05-07", 出发地="石景山区", 目的地="宁城县", 链接=URL_NINGCHENG),
        trip(标题=PINGZHONG_2019, 开始日期="2019-05-17", 出发地="石景山区", 目的地="宁城县", 链接=URL_NINGCHENG),
    ]

    report = run(trips_csv(*rows))
    again = run(trips_csv(*rows), dry_run=True)
    same_day = run(trips_csv(rows[0], trip(标题=PINGZHONG_2019, 开始日期="2019-05-07", 出发地="石景山区",
                                           目的地="宁城县", 链接=URL_NINGCHENG)), dry_run=True)

    assert not report.has_errors, report.summary_lines()
    assert sorted(Delegation.objects.values_list("title", "source__url")) == sorted(
        [(JIUZHONG_2019, URL_NINGCHENG), (PINGZHONG_2019, URL_NINGCHENG)]
    )
    assert again.totals == {"new": 0, "updated": 0, "unchanged": 2, "error": 0}, again.summary_lines()
    assert [(row, "重复" in message) for row, _column, _value, message in problems(same_day)] == [
        (2, True), (3, True),
    ]
