"""The cell conventions of DESIGN.md, one pure function at a time."""

import datetime
from decimal import Decimal

import pytest

from cooperation.ledgers import cells
from cooperation.ledgers.cells import CellError


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2024-06-20", (datetime.date(2024, 6, 20), "day")),
        ("2024/6/20", (datetime.date(2024, 6, 20), "day")),
        ("2024.6.20", (datetime.date(2024, 6, 20), "day")),
        ("2024年6月20日", (datetime.date(2024, 6, 20), "day")),
        ("2024年6月", (datetime.date(2024, 6, 1), "month")),
        ("2024年", (datetime.date(2024, 1, 1), "year")),
        ("2024-06", (datetime.date(2024, 6, 1), "month")),
        ("2024", (datetime.date(2024, 1, 1), "year")),
        ("２０２４年６月２０日", (datetime.date(2024, 6, 20), "day")),  # full-width digits
        (" 2024 年 6 月 ", (datetime.date(2024, 6, 1), "month")),
        ("2024-06-20 00:00:00", (datetime.date(2024, 6, 20), "day")),  # Excel's CSV of a date cell
        (datetime.date(2024, 6, 20), (datetime.date(2024, 6, 20), "day")),  # a real XLSX date cell
        (datetime.datetime(2024, 6, 20, 0, 0), (datetime.date(2024, 6, 20), "day")),
        ("", (None, "day")),
        (None, (None, "day")),
    ],
)
def test_every_date_form_with_its_precision(written, expected):
    assert cells.parse_date(written) == expected


@pytest.mark.parametrize("written", ["近日", "2024-13-01", "2024年2月30日", "六月", "24/6/20"])
def test_a_date_that_is_not_one_says_which_forms_are(written):
    with pytest.raises(CellError) as error:
        cells.parse_date(written)

    assert str(error.value) == f"不是可识别的日期；可写 {cells.DATE_FORMS}"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("王有国；姚茂文;仲伟功\n张佰成", ["王有国", "姚茂文", "仲伟功", "张佰成"]),
        ("冀宏（乌兰察布市政协副主席、察右前旗委书记）", ["冀宏（乌兰察布市政协副主席、察右前旗委书记）"]),
        ("奇·达楞太；额尔德尼", ["奇·达楞太", "额尔德尼"]),
        ("王有国；；\n\n", ["王有国"]),
    ],
)
def test_people_split_on_semicolons_and_line_breaks_never_on_the_pause_mark(written, expected):
    assert cells.split_people(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("察右前旗、正镶白旗", ["察右前旗", "正镶白旗"]),
        ("产业协作，劳务协作；消费帮扶;教育\n医疗", ["产业协作", "劳务协作", "消费帮扶", "教育", "医疗"]),
        ("奇·达楞太嘎查", ["奇·达楞太嘎查"]),
    ],
)
def test_terms_also_split_on_the_pause_mark_and_comma(written, expected):
    assert cells.split_terms(written) == expected


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("王有国（区委书记）", ("王有国", "区委书记")),
        ("王有国(区委书记)", ("王有国", "区委书记")),
        ("王有国（区委书记)", ("王有国", "区委书记")),
        ("张佰成（内蒙古自治区政协副主席、锡林郭勒盟委书记）", ("张佰成", "内蒙古自治区政协副主席、锡林郭勒盟委书记")),
        ("李明（北京经济技术开发区（亦庄）管委会副主任）", ("李明", "北京经济技术开发区（亦庄）管委会副主任")),
        ("奇·达楞太（旗长）", ("奇·达楞太", "旗长")),
        ("奇•达楞太", ("奇·达楞太", "")),  # another middle dot becomes the usual one
        ("王 有国", ("王有国", "")),
        ("王有国", ("王有国", "")),
        ("（大兴区相关单位负责人）", ("", "大兴区相关单位负责人")),
        ("大兴区相关部门负责人", ("", "大兴区相关部门负责人")),
    ],
)
def test_a_person_is_name_and_title_as_printed(item, expected):
    assert cells.parse_person(item) == expected


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("王有国（区委书记）同志", "“王有国（区委书记）同志”的括号没有在末尾闭合；请写作 姓名（职务）"),
        ("王有国、姚茂文", "“王有国、姚茂文”像是几个人；人员之间请用“；”或换行分隔"),
        ("（）", "括号里外都是空的；请写作 姓名（职务）"),
    ],
)
def test_a_person_written_otherwise_is_explained(item, message):
    with pytest.raises(CellError) as error:
        cells.parse_person(item)

    assert str(error.value) == message


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            "正镶白旗人才公寓：全面了解“组团式”帮扶人员服务保障情况。",
            ("正镶白旗人才公寓", "全面了解“组团式”帮扶人员服务保障情况。"),
        ),
        ("星空草原:考察文旅产业发展情况", ("星空草原", "考察文旅产业发展情况")),
        ("冷链物流中心：10:30 到达：察看库容", ("冷链物流中心", "10:30 到达：察看库容")),
        ("星空草原", ("星空草原", "")),
    ],
)
def test_a_site_visit_is_place_colon_content(item, expected):
    assert cells.parse_site(item) == expected


def test_a_site_visit_without_a_place_is_explained():
    with pytest.raises(CellError) as error:
        cells.parse_site("：考察文旅")

    assert str(error.value) == "“：考察文旅”没有写地点；请写作 地点：内容"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+86 10", "'+86 10"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("王有国", "王有国"),
        (2024, 2024),
    ],
)
def test_formulas_are_neutralised_and_read_back_as_written(value, expected):
    assert cells.neutralise(value) == expected
    if isinstance(value, str):
        assert cells.clean_text(cells.neutralise(value), multiline=True) == value


def test_text_loses_control_characters_and_keeps_a_reports_layout():
    body = "　　为深入贯彻落实\x00习近平\x07总书记……\r\n　　第二段。\n"

    assert cells.clean_text(body, multiline=True) == "　　为深入贯彻落实习近平总书记……\n　　第二段。\n"
    assert cells.clean_text("  察右前旗\u3000 ") == "察右前旗"
    assert cells.clean_text(12.0) == "12"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1200", Decimal("1200")),
        ("1,200.5", Decimal("1200.50")),
        ("35.5万元", Decimal("35.5")),
        (80.25, Decimal("80.25")),
        ("", None),
    ],
)
def test_amounts_in_ten_thousand_yuan(written, expected):
    assert cells.parse_decimal(written) == expected


@pytest.mark.parametrize(
    ("written", "message"),
    [("-3", "不能是负数"), ("1.234", "最多保留 2 位小数"), ("很多", "不是数字；金额以万元计，如 1200 或 35.5")],
)
def test_amounts_that_are_not(written, message):
    with pytest.raises(CellError) as error:
        cells.parse_decimal(written)

    assert str(error.value) == message


def test_choices_are_read_by_their_chinese_label():
    from visits.models import DelegationKind

    assert cells.parse_choice("调研", DelegationKind) == "research"
    assert cells.parse_choice("", DelegationKind, "inspection") == "inspection"
    with pytest.raises(CellError) as error:
        cells.parse_choice("出差", DelegationKind)
    assert str(error.value) == "须是 考察、来访、调研、签约、会议、其他 之一"


def test_headers_ignore_spaces_a_bom_and_ascii_brackets():
    assert cells.normalise_header("\ufeff 标题 ") == "标题"
    assert cells.normalise_header("帮扶资金(万元)") == "帮扶资金（万元）"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("P1、P2，星耀镇产业园", ["P1", "P2", "星耀镇产业园"]),
        ("冷库、分拣中心建设项目；肉牛养殖基地", ["冷库、分拣中心建设项目", "肉牛养殖基地"]),
        ("冷库、分拣中心建设项目\n肉牛养殖基地", ["冷库、分拣中心建设项目", "肉牛养殖基地"]),
    ],
)
def test_projects_split_on_the_pause_mark_only_when_no_stronger_separator_is_used(written, expected):
    assert cells.split_projects(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "1.图克工业项目区 2.旗行政服务中心 3.人居环境示范住宅区1#地怡林苑 4.人民医院",
            ["图克工业项目区", "旗行政服务中心", "人居环境示范住宅区1#地怡林苑", "人民医院"],
        ),
        ("（1）人民医院：赠送设备，调研帮扶（2）党群服务中心", ["人民医院：赠送设备，调研帮扶", "党群服务中心"]),
        ("1、指挥部；2、和田学院；3、县人民医院", ["指挥部", "和田学院", "县人民医院"]),
        ("１．丫髻山：项目投资2.5亿元\n２．金海湖", ["丫髻山：项目投资2.5亿元", "金海湖"]),
        ("①京瓦中心②大桃博物馆：了解大桃文化", ["京瓦中心", "大桃博物馆：了解大桃文化"]),
        # Not a numbered list: a number inside a place, or out of turn, is the place's own.
        ("3号院：座谈；798艺术区", ["3号院：座谈；798艺术区"]),
        ("1.产业园 3.学校", ["产业园 3.学校"]),
    ],
)
def test_a_numbered_stop_list_is_split_at_its_numbers_and_loses_them(written, expected):
    assert cells.split_sites(written) == expected


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("刘东伟同志（西城区委书记）", ("刘东伟", "西城区委书记")),
        ("尹  力（北京市委书记）", ("尹力", "北京市委书记")),
        ("晋\u3000洪生", ("晋洪生", "")),
        ("李同志", ("李同志", "")),  # no name left without it: as written
    ],
)
def test_a_name_loses_inner_spaces_and_the_honorific_after_it(item, expected):
    assert cells.parse_person(item) == expected


def test_a_date_without_its_year_takes_the_title_rows_year_or_asks_for_one():
    assert cells.parse_date("11月23日", 2023) == (datetime.date(2023, 11, 23), cells.DatePrecision.DAY)
    assert cells.parse_date("２月１３日", 2023) == (datetime.date(2023, 2, 13), cells.DatePrecision.DAY)
    assert cells.parse_date("5月", 2024) == (datetime.date(2024, 5, 1), cells.DatePrecision.MONTH)
    with pytest.raises(CellError, match=r"没有写年份.*标题行"):
        cells.parse_date("11月23日")
    assert cells.lacks_year("11月23日") and not cells.lacks_year("2023年11月23日")


@pytest.mark.parametrize(
    ("titles", "year"),
    [
        (["2023年京蒙协作来访接待台账"], 2023),
        (["京蒙协作项目台账（２０２４年）"], 2024),
        (["京蒙协作考察活动台账（2021—2024年）"], None),  # several years: none is the sheet's
        (["京蒙协作考察活动台账"], None),
    ],
)
def test_the_year_a_title_row_names(titles, year):
    assert cells.title_year(titles) == year


@pytest.mark.parametrize(
    ("written", "year", "expected"),
    [
        ("9月11日至12日", 2020, (datetime.date(2020, 9, 11), datetime.date(2020, 9, 12), "day")),
        ("2024.3.15-16", None, (datetime.date(2024, 3, 15), datetime.date(2024, 3, 16), "day")),
        ("2022年7月31日至8月1日", None, (datetime.date(2022, 7, 31), datetime.date(2022, 8, 1), "day")),
        ("2024.3.15—2024.3.16", None, (datetime.date(2024, 3, 15), datetime.date(2024, 3, 16), "day")),
        ("2024年6月至7月", None, (datetime.date(2024, 6, 1), datetime.date(2024, 7, 1), "month")),
        ("2024-06-20", None, None),  # one day: its dashes are no range
        ("2024.3.16-15", None, None),  # the second day before the first
        ("9月11日至12日", None, None),  # no year anywhere
        ("近日", None, None),
    ],
)
def test_two_days_in_one_cell_are_a_range_the_second_taking_what_it_leaves_out(written, year, expected):
    assert cells.parse_date_range(written, year) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (45175, datetime.date(2023, 9, 6)),
        (45392.0, datetime.date(2024, 4, 10)),
        ("45175", datetime.date(2023, 9, 6)),
        (2024, None),  # a year
        (12000, None),
        ("2024-06-20", None),
        (True, None),
    ],
)
def test_an_excel_serial_number_is_the_day_it_counts_to(value, expected):
    assert cells.excel_serial(value) == expected


def test_a_note_in_brackets_after_a_date_is_told_apart():
    assert cells.date_note("2025年8月7日（那达慕开幕）") == ("2025年8月7日", "那达慕开幕", True)
    assert cells.date_note("2025年8月7日") is None
    assert cells.date_note("（待定）") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2月3日上午", ("2月3日", "上午", False)),  # the ninth set's 2026年一季度, row 4
        ("2024.5.16 下午", ("2024.5.16", "下午", False)),
        ("5月16日 9:30", ("5月16日", "9:30", False)),
        ("2024-06-20 10:30", None),  # a date cell's text with its time: read as before
        ("45175", None),
        ("2024年上午", None),  # no day: no time of it
    ],
)
def test_a_time_of_day_after_a_date_is_told_apart(value, expected):
    assert cells.date_note(value) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # The ninth set's rows: posts first, one a line, with and without a space, 同志 after.
        (
            "市委书记冯玉臻同志\n市委常委、副市长方玉东\n市政协副主席布仁\n各旗县党委、政府负责同志",
            [("冯玉臻", "市委书记"), ("方玉东", "市委常委、副市长"), ("布仁", "市政协副主席"),
             ("", "各旗县党委、政府负责同志")],
        ),
        ("市扶贫支援办副主任 汪兆龙", [("汪兆龙", "市扶贫支援办副主任")]),
        (
            "盟行署副盟长 孙书涛同志\n盟农牧局、文旅体局及阿尔山市相关负责同志",
            [("孙书涛", "盟行署副盟长"), ("", "盟农牧局、文旅体局及阿尔山市相关负责同志")],
        ),
        (
            "市委农工委副书记、市农业农村局副局长姚忠阳\n市农业农村局支援协作处处长陆军",
            [("姚忠阳", "市委农工委副书记、市农业农村局副局长"), ("陆军", "市农业农村局支援协作处处长")],
        ),
        ("区委书记王有国", [("王有国", "区委书记")]),
        ("区长助理张三、李四", [("张三", "区长助理"), ("李四", "")]),
        ("副旗长 奇·达楞太", [("奇·达楞太", "副旗长")]),
    ],
)
def test_a_post_written_before_the_name_is_its_title(written, expected):
    assert [cells.parse_person(item) for item in cells.split_people(written)] == expected


@pytest.mark.parametrize("item", ["区委书记", "王主任", "市委常委", "张组长", "扎鲁特旗旗长助理"])
def test_a_post_without_a_name_after_it_still_names_nobody(item):
    with pytest.raises(CellError):
        cells.parse_person(item)


@pytest.mark.parametrize(
    ("item", "expected", "doubt"),
    [
        # Others with the post, nobody named: a role, the whole item its title.
        ("副市长等", ("", "副市长等"), "职务后没有姓名"),
        ("旗长们", ("", "旗长们"), "职务后没有姓名"),
        # A surname, or part of a name, after the post: no person is made of it.
        ("副区长王", ("", "副区长"), "“王”不是完整的姓名"),
        ("旗委书记巴", ("", "旗委书记"), "“巴”不是完整的姓名"),
        # A name and others: the name is a person, the others a doubt.
        ("区委书记王有国等同志", ("王有国", "区委书记"), "“等同志”是说还有别人"),
        ("副市长王东等人", ("王东", "副市长"), "“等人”是说还有别人"),
        # Read as written: no doubt.
        ("市委书记冯玉臻同志", ("冯玉臻", "市委书记"), ""),
        ("巴特尔", ("巴特尔", ""), ""),
        ("各旗县党委、政府负责同志", ("", "各旗县党委、政府负责同志"), ""),
    ],
)
def test_a_post_with_less_than_a_name_after_it_is_no_person_and_a_doubt(item, expected, doubt):
    assert cells.parse_person(item) == expected
    if doubt:
        assert doubt in cells.person_doubt(item)
    else:
        assert cells.person_doubt(item) == ""


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("无", []),
        ("/", []),
        ("150名师生", [("", "150名师生")]),
        ("北京学生数十名", [("", "北京学生数十名")]),
        (
            "赖智广（苏木党委书记）；另有苏木党政班子成员、部分嘎查书记、学校领导参加",
            [("赖智广", "苏木党委书记"), ("", "苏木党政班子成员、部分嘎查书记、学校领导")],
        ),
        ("王三名", [("王三名", "")]),
    ],
)
def test_a_people_cell_that_names_nobody_or_a_group_makes_no_person(written, expected):
    assert [cells.parse_person(item) for item in cells.split_people(written)] == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("甲公司、乙合作社、“我在扎赉特有一亩田”项目基地", ["甲公司", "乙合作社", "“我在扎赉特有一亩田”项目基地"]),
        ("甲公司、乙合作社\n丙产业园", ["甲公司", "乙合作社", "丙产业园"]),
        ("甲公司：了解生产、销售情况", ["甲公司：了解生产、销售情况"]),  # 地点：内容 — 、 is the content's
        ("甲（北京、天津）公司", ["甲（北京、天津）公司"]),
    ],
)
def test_places_listed_as_a_sentence_lists_them_are_each_a_stop(written, expected):
    assert cells.split_sites(written) == expected


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("黄少君 北京胸科医院胸外科主任医师", ("黄少君", "北京胸科医院胸外科主任医师")),
        ("王海燕 副旗长", ("王海燕", "副旗长")),
        ("包胡格吉勒图\u3000县领导", ("包胡格吉勒图", "县领导")),
        ("晋 洪生", ("晋洪生", "")),  # no title word after the space: one name with a space in it
        ("区委 书记", None),  # no name before the space: a title, and an error as before
    ],
)
def test_a_title_written_after_the_name_with_a_space_is_its_title(item, expected):
    if expected is None:
        with pytest.raises(CellError):
            cells.parse_person(item)
    else:
        assert cells.parse_person(item) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "杨宝田 太平乡党委书记/李飞 铁沙盖镇党委书记／田胜",
            ["杨宝田 太平乡党委书记", "李飞 铁沙盖镇党委书记", "田胜"],
        ),
        ("李立奎 窦店镇党委副书记、镇长", ["李立奎 窦店镇党委副书记、镇长"]),
        ("李立奎 窦店镇党委副书记，镇长、王五", ["李立奎 窦店镇党委副书记、镇长", "王五"]),
        ("李立奎 窦店镇党委副书记、王五 镇长", ["李立奎 窦店镇党委副书记", "王五 镇长"]),
        ("王有国（区委书记）、镇长", ["王有国（区委书记）", "镇长"]),  # no title after a name with a space: two items
    ],
)
def test_people_split_at_a_slash_and_a_spaced_title_keeps_its_pause_mark(written, expected):
    assert cells.split_people(written) == expected


@pytest.mark.parametrize("item", ["镇长", "王主任", "副旗长"])
def test_a_bare_title_names_nobody_and_asks_for_the_name(item):
    with pytest.raises(CellError) as error:
        cells.parse_person(item)

    assert str(error.value) == f"“{item}”像是把职务写进了姓名；请写作 姓名（职务）"
