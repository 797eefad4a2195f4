"""A fifteenth set of ledgers: the region's 京蒙协作 office's workbook of the 对接 meetings it
follows, with the speeches made at them (tests/data/ledgers_fifteenth, sources in its README),
from two reports no earlier set uses (report corpus 159 and 244). What the database must hold
afterwards was written here by hand from the reports before the workbook was first imported.

The workbook is unlike the fourteen sets before it in how it writes a meeting and a speech: the
meeting is named by its date and place only (2016年8月16日 巴彦淖尔市医院); the speaker is one
cell "姓名（职务）"; the points of a speech are numbered 1. 2. 3. in one cell, one a line
(Alt+Enter); a speech names its trip by the trip's 序号 on the other sheet (活动序号). The trips
sheet keeps the two sides in 京方单位 / 蒙方地区 with a 方向 column (京方赴蒙, 蒙方来京), the people
of each side in a cell of its own ("姓名（职务）" separated by 、), a banner by its short form
(科左中旗). The database holds, before the import, a 王芳 of 察右前旗 (made up for the test): the
北京化工大学's 党委书记 is someone else. Neither trip is between two paired regions (a hospital's
对口支援 and a university's 定点帮扶).
"""

import io
from datetime import date

import pytest
from openpyxl import Workbook

from tests.builders import make_person, make_publisher
from tests.visits.test_ledgers_fourth import assert_one_person_a_name, database_facts, expected_facts, scores
from tests.visits.test_ledgers_unseen import through_admin, through_command

pytestmark = pytest.mark.django_db

FILE = "自治区京蒙协作对接会议台账（2016—2017年）.xlsx"
V, H = "visiting", "host"

# The office's titles (事项).
BYNR_2016 = "北京世纪坛医院与巴彦淖尔市医院对口支援揭牌仪式"
BUCT_2017 = "北京化工大学帮扶科左中旗2017年工作对接会"

URL_2016 = "https://wjw.bynr.gov.cn/html/xwdt/wjxw/201608/17_9659.html"
URL_2017 = "http://beijing.baogaosu.com/xinwen/%E4%B8%AD%E6%97%97/55326105"

# (side, name, post as the office wrote it in the person's brackets).
PEOPLE = {
    # 159: 北京世纪坛医院院长徐建立、书记李天佐、副院长尹金淑、院长助理任军、医务处处长王勇以及相关科室
    # 7位专家, 巴彦淖尔市政府副市长师银来、副秘书长刘彦明, 市卫计委副主任徐正挺, 市医院院长武永刚、书记张秉礼.
    BYNR_2016: [
        (V, "徐建立", "北京世纪坛医院院长"),
        (V, "李天佐", "北京世纪坛医院书记"),
        (V, "尹金淑", "北京世纪坛医院副院长"),
        (V, "任军", "北京世纪坛医院院长助理"),
        (V, "王勇", "北京世纪坛医院医务处处长"),
        (V, "", "北京世纪坛医院相关科室专家"),
        (H, "师银来", "巴彦淖尔市政府副市长"),
        (H, "刘彦明", "巴彦淖尔市政府副秘书长"),
        (H, "徐正挺", "巴彦淖尔市卫计委副主任"),
        (H, "武永刚", "巴彦淖尔市医院院长"),
        (H, "张秉礼", "巴彦淖尔市医院书记"),
    ],
    # 244: 党委书记王芳, 校长谭天伟, 党委副书记王同奇, 科左中旗旗委书记刘百田, 旗委常委、旗委办主任孙柏生,
    # 政府副旗长张敬瑞; 校办…科技园等部门以及科左中旗的政府办、扶贫办、经信局、招商局相关领导; 何雨骏 介绍.
    BUCT_2017: [
        (V, "刘百田", "科左中旗旗委书记"),
        (V, "孙柏生", "科左中旗旗委常委、旗委办主任"),
        (V, "张敬瑞", "科左中旗政府副旗长"),
        (V, "", "科左中旗政府办、扶贫办、经信局、招商局相关领导"),
        (H, "王芳", "北京化工大学党委书记"),
        (H, "谭天伟", "北京化工大学校长"),
        (H, "王同奇", "北京化工大学党委副书记"),
        (H, "何雨骏", "北京化工大学国内合作交流处处长"),
        (H, "", "北京化工大学校办、科学技术发展研究院、国内合作交流处、科技园等部门相关负责人"),
    ],
}
# The office keeps no stops: the meetings are the trips' business.
STOPS = {BYNR_2016: [], BUCT_2017: []}
# A hospital's 对口支援 and a university's 定点帮扶: no pairing of two regions.
PAIRINGS = {BYNR_2016: [], BUCT_2017: []}
PROJECTS = {BYNR_2016: [], BUCT_2017: []}
# (origin, destinations): a Beijing hospital's or university's end is 北京市 (as the fourteenth set's
# 北京中医药大学); 科左中旗 is 科尔沁左翼中旗.
PLACES = {BYNR_2016: ("北京市", ["巴彦淖尔市"]), BUCT_2017: ("科尔沁左翼中旗", ["北京市"])}
DATES = {BYNR_2016: ("2016-08-16", None, "day"), BUCT_2017: ("2017-02-28", None, "day")}
# (title, publisher, date of publication): the workbook has no 发布日期 column.
SOURCES = {
    BYNR_2016: (BYNR_2016, "巴彦淖尔市卫生健康委员会网站", None),
    BUCT_2017: (BUCT_2017, "北京化工大学新闻网", None),
}

MEETING_2016 = "2016年8月16日 巴彦淖尔市医院"
MEETING_2017 = "2017年2月28日 北京化工大学"
# (trip, meeting as the office named it, its date, its place): the date and place from its name.
MEETINGS = [
    (BYNR_2016, MEETING_2016, "2016-08-16", "巴彦淖尔市医院"),
    (BUCT_2017, MEETING_2017, "2017-02-28", "北京化工大学"),
]
POINTS_WU = (
    "1. 两院对口协作是“十三五”期间京蒙省际医院对口支援的主要工作任务之一\n"
    "2. 依托北京世纪坛医院的管理理念、技术优势和专家团队，强化学科建设、加快人才培养\n"
    "3. 推动两院对口协作结出丰硕成果"
)
POINTS_XU = "1. 祝贺两院建立对口合作关系、市医院晋升三甲\n2. 介绍北京世纪坛医院的特色和优势"
POINTS_WANG = (
    "1. 定点帮扶科左中旗是党中央国务院交给学校的政治任务\n"
    "2. 利用学校优势资源，加快科技、人才等方面扶贫的步伐\n"
    "3. 针对玉米深加工等重点问题寻找解决办法"
)
POINTS_HE = (
    "1. 力争在北京化工大学科技扶贫产业园区落实一批项目\n2. 帮助科左中旗建立一个科技信息平台\n"
    "3. 帮扶一个贫困村\n4. 建立一个继续教育函授站\n5. 举办一期高中教师培训"
)
POINTS_LIU = "1. 感谢北京化工大学四年来的帮扶\n2. 介绍2016年科左中旗精准扶贫精准脱贫情况"
# (trip, meeting, order, name, post, kind, points as written — numbered, one a line). 致辞 and
# 发言 are speeches (讲话); 介绍情况 is a briefing.
SPEECHES = [
    (BYNR_2016, MEETING_2016, 1, "武永刚", "巴彦淖尔市医院院长", "speech", POINTS_WU),
    (BYNR_2016, MEETING_2016, 2, "徐建立", "北京世纪坛医院院长", "speech", POINTS_XU),
    (BUCT_2017, MEETING_2017, 1, "王芳", "北京化工大学党委书记", "speech", POINTS_WANG),
    (BUCT_2017, MEETING_2017, 2, "何雨骏", "北京化工大学国内合作交流处处长", "briefing", POINTS_HE),
    (BUCT_2017, MEETING_2017, 3, "刘百田", "科左中旗旗委书记", "speech", POINTS_LIU),
]
NAMESAKE = ("王芳", "察右前旗妇联主席")

TRIP_HEADER = ["序号", "日期", "事项", "方向", "京方单位", "蒙方地区", "京方人员", "蒙方人员", "报道媒体", "报道链接"]
SPEECH_HEADER = ["序号", "活动序号", "会议", "发言人", "发言形式", "发言要点"]


def trips_sheet(book):
    sheet = book.active
    sheet.title = "对接活动"
    rows = [
        ["自治区京蒙协作对接活动台账（2016—2017年）"],
        TRIP_HEADER,
        [1, date(2016, 8, 16), BYNR_2016, "京方赴蒙", "首都医科大学附属北京世纪坛医院", "巴彦淖尔市",
         "徐建立（北京世纪坛医院院长）、李天佐（北京世纪坛医院书记）、尹金淑（北京世纪坛医院副院长）、"
         "任军（北京世纪坛医院院长助理）、王勇（北京世纪坛医院医务处处长）、北京世纪坛医院相关科室专家",
         "师银来（巴彦淖尔市政府副市长）、刘彦明（巴彦淖尔市政府副秘书长）、徐正挺（巴彦淖尔市卫计委副主任）、"
         "武永刚（巴彦淖尔市医院院长）、张秉礼（巴彦淖尔市医院书记）",
         "巴彦淖尔市卫生健康委员会网站", URL_2016],
        [2, "2017.2.28", BUCT_2017, "蒙方来京", "北京化工大学", "科左中旗",
         "王芳（北京化工大学党委书记）、谭天伟（北京化工大学校长）、王同奇（北京化工大学党委副书记）、"
         "何雨骏（北京化工大学国内合作交流处处长）、"
         "北京化工大学校办、科学技术发展研究院、国内合作交流处、科技园等部门相关负责人",
         "刘百田（科左中旗旗委书记）、孙柏生（科左中旗旗委常委、旗委办主任）、张敬瑞（科左中旗政府副旗长）、"
         "科左中旗政府办、扶贫办、经信局、招商局相关领导",
         "北京化工大学新闻网", URL_2017],
    ]
    for values in rows:
        sheet.append(values)
    sheet.merge_cells("A1:J1")
    sheet["B3"].number_format = "yyyy年m月d日"


def speeches_sheet(book):
    sheet = book.create_sheet("会议发言")
    rows = [
        ["自治区京蒙协作对接会议领导发言台账"],
        SPEECH_HEADER,
        [1, 1, MEETING_2016, "武永刚（巴彦淖尔市医院院长）", "致辞", POINTS_WU],
        [2, 1, MEETING_2016, "徐建立（北京世纪坛医院院长）", "讲话", POINTS_XU],
        [3, 2, MEETING_2017, "王芳（北京化工大学党委书记）", "致辞", POINTS_WANG],
        [4, 2, MEETING_2017, "何雨骏（北京化工大学国内合作交流处处长）", "介绍情况", POINTS_HE],
        [5, 2, MEETING_2017, "刘百田（科左中旗旗委书记）", "发言", POINTS_LIU],
    ]
    for values in rows:
        sheet.append(values)
    sheet.merge_cells("A1:F1")


def workbook():
    book = Workbook()
    trips_sheet(book)
    speeches_sheet(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def held_before():
    make_person(*NAMESAKE)


def meeting_facts():
    from visits.models import Meeting

    return [
        (m.delegation.title if m.delegation_id else None, m.title, m.date.isoformat() if m.date else None, m.place)
        for m in Meeting.objects.select_related("delegation")
    ]


def speech_facts():
    from visits.models import Speech

    return [
        (s.meeting.delegation.title if s.meeting.delegation_id else None, s.meeting.title, s.order,
         s.name_as_printed, s.title_as_printed, s.kind, s.points)
        for s in Speech.objects.select_related("meeting__delegation")
    ]


def all_facts():
    expected = expected_facts(PEOPLE, STOPS, PAIRINGS, PROJECTS, PLACES, DATES, SOURCES)
    expected["meetings"] = MEETINGS
    expected["speeches"] = SPEECHES
    actual = {**database_facts(), "meetings": meeting_facts(), "speeches": speech_facts()}
    return expected, actual


@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_an_offices_meeting_workbook_imports_as_its_reports_say(door, tmp_path, capsys, client, django_user_model):
    from visits.models import Participant, Speech

    held_before()
    user = make_publisher(django_user_model, "office")

    [preview] = door([(FILE, workbook())], tmp_path, capsys, client, user)

    # Each link by 活动序号, and each date and place read from a meeting's name, is shown in the preview.
    assert f"关联工作表“对接活动”第 4 行（序号 2）的考察活动“{BUCT_2017}”" in preview
    assert "从会议名称读出会议日期 2016年8月16日、会议地点“巴彦淖尔市医院”（表中没有写）" in preview
    expected, actual = all_facts()
    found, differences = scores(expected, actual)
    # Measured: 33 / 33 (untouched 12 / 33; 26 / 33 before 活动序号 and the meeting's name were read).
    everything = {kind: (len(set(expected[kind])),) * 3 for kind in expected}
    assert found == everything, differences
    assert_one_person_a_name(PEOPLE, NAMESAKE)
    # Each speaker is the participant of the trip of that name, never the namesake.
    for speech in Speech.objects.filter(meeting__delegation__isnull=False).select_related("meeting"):
        participant = Participant.objects.get(
            delegation=speech.meeting.delegation_id, name_as_printed=speech.name_as_printed
        )
        assert speech.person_id == participant.person_id


def test_the_meeting_workbook_imported_twice_changes_nothing(tmp_path, capsys, client, django_user_model):
    from cooperation.ledgers.service import import_file

    held_before()
    user = make_publisher(django_user_model, "office")
    through_command([(FILE, workbook())], tmp_path, capsys, client, user)

    again = import_file(workbook(), FILE, dry_run=True)

    assert again.totals == {"new": 0, "updated": 0, "unchanged": 7, "error": 0}, again.summary_lines()


# Each reading the workbook needed, on its own ------------------------------------------------


@pytest.mark.parametrize(
    ("written", "kind"),
    [("致辞", "speech"), ("发言", "speech"), ("汇报", "briefing"), ("介绍情况", "briefing"), ("", "speech")],
)
def test_the_form_of_a_speech_as_offices_write_it(written, kind):
    """发言形式 is 发言类型; 致辞 and 发言 are speeches (讲话), 汇报 a briefing, each said in the preview."""
    from tests.cooperation.ledger_builders import csv_bytes, run
    from visits.models import Speech

    report = run(csv_bytes(["会议", "发言人", "发言形式"], [["察右前旗座谈会", "王有国（区委书记）", written]]))

    assert not report.has_errors, report.summary_lines()
    assert Speech.objects.get().kind == kind
    lines = report.summary_lines()
    assert any("“发言形式”按“发言类型”" in line for line in lines)
    if written in ("致辞", "发言", "汇报"):
        assert any(f"“{written}”按“" in str(warning) for warning in report.row_warnings), lines


def test_a_word_for_a_speech_no_office_uses_is_still_refused():
    from tests.cooperation.ledger_builders import csv_bytes, problems, run

    report = run(csv_bytes(["会议", "发言人", "发言类型"], [["察右前旗座谈会", "王有国（区委书记）", "唱歌"]]))

    [(_row, column, value, message)] = problems(report)
    assert (column, value) == ("发言类型", "唱歌") and "须是" in message


def test_the_media_a_register_names_is_the_sources_publisher():
    from tests.cooperation.ledger_builders import csv_bytes, run
    from visits.models import Delegation

    report = run(csv_bytes(
        ["标题", "开始日期", "出发地", "目的地", "报道媒体", "报道链接"],
        [["对接会", "2017-02-28", "科左中旗", "北京市", "北京化工大学新闻网", URL_2017]],
    ))

    assert not report.has_errors, report.summary_lines()
    assert Delegation.objects.get().source.publisher == "北京化工大学新闻网"


def ends_by_side(direction, beijing="首都医科大学附属北京世纪坛医院", inner="科左中旗"):
    from tests.cooperation.ledger_builders import csv_bytes, run

    return run(csv_bytes(
        ["标题", "日期", "方向", "京方单位", "蒙方地区", "京方人员", "蒙方人员"],
        [["对接", "2017-02-28", direction, beijing, inner,
          "王芳（北京化工大学党委书记）", "刘百田（科左中旗旗委书记）"]],
    ))


@pytest.mark.parametrize(
    ("direction", "beijing", "origin", "ends", "visiting"),
    [
        # 京方赴蒙: from the Beijing body's region — 北京市 when its name begins with none.
        ("京方赴蒙", "首都医科大学附属北京世纪坛医院", "北京市", ["科尔沁左翼中旗"], "王芳"),
        # 蒙方来京: from the banner (by its short form) to the Beijing body's region.
        ("蒙方来京", "北京化工大学", "科尔沁左翼中旗", ["北京市"], "刘百田"),
        ("来京对接", "海淀区", "科尔沁左翼中旗", ["海淀区"], "刘百田"),
    ],
)
def test_the_ends_kept_by_side_are_read_as_the_direction_says(direction, beijing, origin, ends, visiting):
    from visits.models import Delegation, Participant

    report = ends_by_side(direction, beijing)

    assert not report.has_errors, report.summary_lines()
    trip = Delegation.objects.get()
    assert (trip.origin.name, [r.name for r in trip.destinations.all()]) == (origin, ends)
    assert list(Participant.objects.filter(side="visiting").values_list("name_as_printed", flat=True)) == [visiting]
    assert any(f"按“{direction}”读作从" in str(warning) for warning in report.row_warnings)


def test_a_direction_that_says_neither_way_reads_no_end():
    """No guess: the trip keeps no ends, and the preview says why."""
    from visits.models import Delegation

    report = ends_by_side("对接")

    assert not report.has_errors, report.summary_lines()
    trip = Delegation.objects.get()
    assert (trip.origin, list(trip.destinations.all())) == (None, [])
    assert any("看不出是京方赴蒙还是蒙方来京" in str(warning) for warning in report.row_warnings)


# 活动序号: the trip by its 序号 on the trips sheet of the same workbook ------------------------


def serial_workbook(serials):
    from tests.cooperation.ledger_builders import xlsx_bytes

    return xlsx_bytes({
        "对接活动": (
            ["序号", "日期", "事项", "方向", "京方单位", "蒙方地区"],
            [[1, "2016-08-16", BYNR_2016, "京方赴蒙", "首都医科大学附属北京世纪坛医院", "巴彦淖尔市"],
             [2, "2017-02-28", BUCT_2017, "蒙方来京", "北京化工大学", "科左中旗"]],
        ),
        "会议发言": (
            ["活动序号", "会议", "发言人"],
            [[serial, meeting, speaker] for serial, meeting, speaker in serials],
        ),
    })


@pytest.mark.parametrize("dry_run", [True, False], ids=["dry run", "import"])
def test_a_speech_names_its_trip_by_the_trips_serial_in_the_same_workbook(dry_run):
    from tests.cooperation.ledger_builders import run
    from visits.models import Meeting

    data = serial_workbook(
        [(2, MEETING_2017, "刘百田（科左中旗旗委书记）"), (1, MEETING_2016, "武永刚（巴彦淖尔市医院院长）")]
    )
    report = run(data, FILE, dry_run=dry_run)

    assert not report.has_errors, report.summary_lines()
    links = [str(w) for w in report.row_warnings if w.column == "活动序号"]
    assert links == [
        f"工作表“会议发言”第 2 行“活动序号”列（“2”）：关联工作表“对接活动”第 3 行（序号 2）的考察活动“{BUCT_2017}”",
        f"工作表“会议发言”第 3 行“活动序号”列（“1”）：关联工作表“对接活动”第 2 行（序号 1）的考察活动“{BYNR_2016}”",
    ]
    if not dry_run:
        assert sorted(Meeting.objects.values_list("delegation__title", "title")) == sorted(
            [(BUCT_2017, MEETING_2017), (BYNR_2016, MEETING_2016)]
        )


def test_a_serial_the_trips_sheet_lacks_is_an_error_naming_sheet_row_and_value():
    from tests.cooperation.ledger_builders import problems, run

    report = run(serial_workbook([(3, MEETING_2017, "刘百田（科左中旗旗委书记）")]), FILE)

    [problem] = report.problems
    assert (problem.sheet, problem.row, problem.column, problem.value_text) == ("会议发言", 2, "活动序号", "3")
    assert "考察活动表（工作表“对接活动”）的“序号”列没有“3”" in problem.message, problems(report)


def test_a_lone_speeches_sheet_says_its_serials_cannot_be_read_and_keeps_every_speech():
    from tests.cooperation.ledger_builders import csv_bytes, run
    from visits.models import Meeting, Speech

    report = run(csv_bytes(["活动序号", "会议", "发言人"], [["2", MEETING_2017, "刘百田（科左中旗旗委书记）"]]))

    assert not report.has_errors, report.summary_lines()
    [warning] = [w for w in report.row_warnings if w.column == "活动序号"]
    assert "须与写着这些序号的考察活动表在同一工作簿中导入才能读出" in warning.message
    assert Meeting.objects.get().delegation is None and Speech.objects.count() == 1


# A meeting named by its date and place ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "day", "place"),
    [
        (MEETING_2016, "2016-08-16", "巴彦淖尔市医院"),
        ("2017.2.28 北京化工大学", "2017-02-28", "北京化工大学"),
        # After the date, a meeting's own name is no place: only the date is read.
        ("2017年2月28日 科左中旗座谈会", "2017-02-28", ""),
        # No date first: nothing is read from the name.
        ("巴彦淖尔市医院揭牌仪式", None, ""),
    ],
)
def test_a_meeting_named_by_its_date_and_place_has_them_read_from_its_name(name, day, place):
    from tests.cooperation.ledger_builders import csv_bytes, run
    from visits.models import Meeting

    report = run(csv_bytes(["会议", "发言人"], [[name, "武永刚（巴彦淖尔市医院院长）"]]))

    assert not report.has_errors, report.summary_lines()
    meeting = Meeting.objects.get()
    assert (meeting.date.isoformat() if meeting.date else None, meeting.place) == (day, place)
    read = [w.message for w in report.row_warnings if w.column == "会议"]
    if day is None:
        assert read == []
    else:
        shown = f"{meeting.date.year}年{meeting.date.month}月{meeting.date.day}日"
        [message] = read
        where = f"、会议地点“{place}”" if place else ""
        assert message == f"从会议名称读出会议日期 {shown}{where}（表中没有写）"


def test_a_meetings_date_and_place_written_in_their_columns_are_not_read_from_its_name():
    from tests.cooperation.ledger_builders import csv_bytes, run
    from visits.models import Meeting

    report = run(csv_bytes(
        ["会议", "会议日期", "会议地点", "发言人"],
        [[MEETING_2016, "2016-08-17", "巴彦淖尔市", "武永刚（巴彦淖尔市医院院长）"]],
    ))

    assert not report.has_errors, report.summary_lines()
    meeting = Meeting.objects.get()
    assert (meeting.date.isoformat(), meeting.place) == ("2016-08-17", "巴彦淖尔市")
