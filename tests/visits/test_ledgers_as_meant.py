"""Prior ledgers import as the office means them: nothing refused that a person can read,
nothing merged or invented (issue 15). Rows are typed the way offices fill their sheets."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from cooperation.models import Pairing, Person, Source
from projects.ledger import PROJECT_HEADERS
from projects.models import Project
from review.models import Status
from tests.builders import make_delegation, make_pairing, make_person, make_publisher, region
from tests.cooperation.ledger_builders import csv_bytes, outcomes, problems, project, run, trip, trips_csv
from visits.ledgers.common import SPEECH_HEADERS, TRIP_HEADERS
from visits.models import Delegation, Participant, SiteVisit, Speech

pytestmark = pytest.mark.django_db


@pytest.fixture
def final_step_only():
    """The office's chains are 终审签发 alone: a publisher's 导入即发布 signs off by itself
    (otherwise it submits the batch, tests/review/test_imports.py)."""
    from review.models import ReviewPolicy

    ReviewPolicy.objects.update(first_review=False, second_review=False)


def people_of(delegation):
    return [(p.side, p.name_as_printed, p.title_as_printed) for p in delegation.participants.order_by("order")]


def workbook(sheets, merges=(), hidden=()):
    """`sheets`: {name: [rows]} written from row 1; `merges`: [(sheet, "A3:A4")]; `hidden`: the
    names of sheets Excel does not show (a list a drop-down cell offers)."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for values in rows:
            sheet.append(list(values))
    for name, cells in merges:
        book[name].merge_cells(cells)
    for name in hidden:
        book[name].sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# The doors -----------------------------------------------------------------------------------


def through_command(data, name, tmp_path, capsys, client, django_user_model, publish=False):
    """The preview (a dry run) and then the import, from the shell; returns the preview's text."""
    make_publisher(django_user_model, "shell")
    path = tmp_path / name
    path.write_bytes(data)
    extra = ["--publish"] if publish else []
    call_command("import_ledger", str(path), "--dry-run", "--user", "shell", *extra)
    preview = capsys.readouterr().out
    call_command("import_ledger", str(path), "--user", "shell", *extra)
    capsys.readouterr()
    return preview


def through_admin(data, name, tmp_path, capsys, client, django_user_model, publish=False):
    """Upload (the preview), then confirm, in the admin; returns the preview page's text."""
    client.force_login(make_publisher(django_user_model))
    fields = {"publish": "on"} if publish else {}
    response = client.post(
        reverse("admin:ledgers_importbatch_add"), {"file": SimpleUploadedFile(name, data), **fields}
    )
    assert response.status_code == 200
    preview = response.content.decode()
    form = response.context["confirm"]
    assert form is not None, [str(p) for p in response.context["problems"]]
    confirm = {key: form.initial[key] for key in ("token", "file_name", "sha256")}
    if form.initial["publish"]:
        confirm["publish"] = "True"
    response = client.post(reverse("admin:ledgers_importbatch_confirm"), confirm)
    assert response.status_code == 302
    return preview


DOORS = pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])


# One workbook as an office keeps it, through both doors ---------------------------------------

TITLE_ROW = ["2024年京蒙协作考察活动台账"]
TRIP_COLUMNS = ["序号", *TRIP_HEADERS, "备注", "填表人"]


def trip_cells(**cells):
    number, note = cells.pop("序号", ""), cells.pop("备注", "")
    return [number, *trip(**cells), note, "赵会计"]


@DOORS
def test_an_office_workbook_imports_as_meant(door, tmp_path, capsys, client, django_user_model):
    make_pairing("大兴区", "正镶白旗")
    make_pairing("密云区", "库伦旗")
    existing = make_person("王薇", title="库伦旗委副书记、旗长")
    namesake = make_person("张强", title="大兴区副区长")
    projects_sheet = [
        ["2024年京蒙协作项目台账"],
        ["序号", *PROJECT_HEADERS, "备注"],
        [1, *project(编号="P1", 项目名称="京蒙协作牛产业园区", 支援方="", 受援方="库伦旗"), "只写受援方"],
    ]
    trips_sheet = [
        TITLE_ROW,
        TRIP_COLUMNS,
        trip_cells(
            序号=1,
            编号="MY-2024-07",
            标题="密云区党政代表团赴通辽市库伦旗对接京蒙东西部协作工作",
            开始日期="2024-07-01",
            结束日期="2024-07-03",
            出发地="密云区",
            目的地="库伦旗",
            带队领导="余卫国（密云区委书记）",
            代表团成员="任武军（区人大常委会主任），席成坡（区政协主席），于建华（区委副书记）",
            出席人员="奇·达楞太（通辽市委副书记、市长）、葛俊凯（内蒙古自治区政府副秘书长）、"
            "周粮源（库伦旗委书记）、王薇（库伦旗委副书记、旗长）、张强（正镶白旗副旗长）",
            考察点="京蒙协作牛产业园区：实地察看京蒙协作项目相关情况；看望慰问脱贫户\n"
            "密云区第二中学库伦旗分校：实地察看办学教学条件",
            相关项目="P1；库伦旗博物馆",
        ),
        trip_cells(
            序号=2,
            编号="KL-2022-08",
            标题="库伦旗政府代表团到密云区对接京蒙东西部协作工作",
            开始日期="2022-07-31",
            出发地="库伦旗",
            目的地="密云区",
            带队领导="王薇（库伦旗委副书记、旗长）",
            出席人员="余卫国（密云区委书记）、马新明（区委副书记、区长）",
            考察点="库伦旗特色文化美食密云体验馆：了解体验馆建设运营情况",
        ),
    ]
    meeting = ["密云区与库伦旗京蒙东西部协作工作联席会", "联席会", "2024-07-02", "库伦旗"]
    speeches_sheet = [
        SPEECH_HEADERS,
        ["MY-2024-07", *meeting, 1, "余卫国", "", "讲话", ""],
        ["MY-2024-07", "", "", "", "", 2, "王薇", "库伦旗委副书记、旗长", "介绍情况", ""],
    ]
    data = workbook(
        {"项目": projects_sheet, "考察活动": trips_sheet, "会议发言": speeches_sheet},
        merges=[("会议发言", "B2:B3"), ("会议发言", "C2:C3"), ("会议发言", "D2:D3"), ("会议发言", "E2:E3")],
    )

    preview = door(data, "台账.xlsx", tmp_path, capsys, client, django_user_model)

    visit = Delegation.objects.get(code="MY-2024-07")
    back = Delegation.objects.get(code="KL-2022-08")
    assert people_of(visit) == [
        ("visiting", "余卫国", "密云区委书记"),
        ("visiting", "任武军", "区人大常委会主任"),
        ("visiting", "席成坡", "区政协主席"),
        ("visiting", "于建华", "区委副书记"),
        ("host", "奇·达楞太", "通辽市委副书记、市长"),
        ("host", "葛俊凯", "内蒙古自治区政府副秘书长"),
        ("host", "周粮源", "库伦旗委书记"),
        ("host", "王薇", "库伦旗委副书记、旗长"),
        ("host", "张强", "正镶白旗副旗长"),
    ]
    assert people_of(back) == [
        ("visiting", "王薇", "库伦旗委副书记、旗长"),
        ("host", "余卫国", "密云区委书记"),
        ("host", "马新明", "区委副书记、区长"),
    ]
    # 王薇 is the one person on both trips; the other 张强 is a new person, never merged.
    assert {p.person for p in Participant.objects.filter(name_as_printed="王薇")} == {existing}
    assert Person.objects.filter(name="余卫国").count() == 1
    zhang = Participant.objects.get(name_as_printed="张强").person
    assert zhang != namesake and zhang.disambiguation == "正镶白旗副旗长"
    # Stops: only 考察点 makes them, the ； inside a description does not split it, and each
    # lies where the trip went.
    assert [(s.place, s.description, s.region.name) for s in visit.site_visits.order_by("order")] == [
        ("京蒙协作牛产业园区", "实地察看京蒙协作项目相关情况；看望慰问脱贫户", "库伦旗"),
        ("密云区第二中学库伦旗分校", "实地察看办学教学条件", "库伦旗"),
    ]
    assert [s.region.name for s in back.site_visits.all()] == ["密云区"]
    assert [p.code for p in visit.site_visits.get(order=1).projects.all()] == ["P1"]
    assert [p.name for p in visit.related_projects.all()] == ["库伦旗博物馆"]
    # The projects sheet named only 受援方: the pairing is 库伦旗's only one.
    assert str(Project.objects.get(code="P1").pairing) == "密云区—库伦旗"
    # Both trips are 密云区—库伦旗, whichever way they went.
    assert [str(p) for p in visit.pairings.all()] == [str(p) for p in back.pairings.all()] == ["密云区—库伦旗"]
    # The merged meeting cells reached the second speech.
    assert [(s.meeting.title, s.order, s.name_as_printed) for s in Speech.objects.order_by("order")] == [
        ("密云区与库伦旗京蒙东西部协作工作联席会", 1, "余卫国"),
        ("密云区与库伦旗京蒙东西部协作工作联席会", 2, "王薇"),
    ]
    assert Speech.objects.get(order=2).person == existing
    # The preview listed, before anything was written, the doubtful first.
    for expected in (
        "已忽略无法识别的列 “序号”、“备注”、“填表人”",
        "不是表头，已跳过",
        "合并单元格的内容已填入其下各行",
        "张强（正镶白旗副旗长） 与“张强”的职务或地区不符",
        "王薇（库伦旗委副书记、旗长） → 已有人物“王薇”",
        "密云区—库伦旗（由出发地",
        "余卫国（密云区委书记） → 新建“余卫国”",
    ):
        assert expected in preview, expected
    assert preview.index("可能是同一人") < preview.index("推断的结对关系") < preview.index("关联已有人物")
    assert preview.index("关联已有人物") < preview.index("新人物")


@pytest.mark.usefixtures("final_step_only")
@DOORS
def test_imported_people_are_published_with_the_trip(door, tmp_path, capsys, client, django_user_model):
    data = trips_csv(trip(编号="T1", 带队领导="王有国（区委书记）", 出席人员="冀宏（察右前旗委书记）"))

    door(data, "考察活动.csv", tmp_path, capsys, client, django_user_model, publish=True)

    assert Delegation.objects.get().status == Status.PUBLISHED
    assert sorted(Person.objects.values_list("name", "status")) == [
        ("冀宏", Status.PUBLISHED),
        ("王有国", Status.PUBLISHED),
    ]
    assert all(p.published_at is not None for p in Person.objects.all())
    assert client.get(Person.objects.get(name="王有国").get_absolute_url()).status_code == 200


# Files as offices save them ------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
def test_a_title_row_and_extra_columns_are_read_past_with_a_warning(encoding):
    rows = [["2023年京蒙协作考察活动台账"], TRIP_COLUMNS, trip_cells(序号=1, 编号="T1", 备注="补录")]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)

    report = run(buffer.getvalue().encode(encoding), "考察活动.csv")

    assert outcomes(report) == [(3, "new")]
    assert report.warnings == ["文件（考察活动）：已忽略无法识别的列 “序号”、“备注”、“填表人”，其内容不会导入。"]
    assert report.notices == ["文件第 1 行（“2023年京蒙协作考察活动台账”）不是表头，已跳过；表头在第 2 行。"]


def test_problems_in_a_workbook_name_their_sheet():
    data = workbook({"考察活动": [TRIP_HEADERS, trip(编号="T1", 开始日期="六月")]})

    report = run(data, "台账.xlsx")

    assert [str(p) for p in report.problems] == [
        "工作表“考察活动”第 2 行“开始日期”列（“六月”）：不是可识别的日期；"
        "可写 2024-06-20、2024/6/20、2024.6.20、2024年6月20日、2024年6月 或 2024年"
    ]


def test_a_date_merged_over_a_trips_rows_is_carried_down():
    data = workbook(
        {"考察活动": [TRIP_HEADERS, trip(编号="A", 开始日期="2024-06-20"), trip(编号="B", 开始日期="")]},
        merges=[("考察活动", "D2:D3")],
    )

    run(data, "台账.xlsx")

    assert sorted((code, day.isoformat()) for code, day in Delegation.objects.values_list("code", "start_date")) == [
        ("A", "2024-06-20"),
        ("B", "2024-06-20"),
    ]


# The projects sheet --------------------------------------------------------------------------


def test_a_project_naming_one_side_takes_the_other_from_its_only_pairing():
    make_pairing("大兴区", "正镶白旗")
    make_pairing("大兴区", "察右前旗")
    make_pairing("密云区", "库伦旗")
    data = csv_bytes(
        PROJECT_HEADERS,
        [
            project(项目名称="牛产业园", 支援方="", 受援方="库伦旗"),
            project(项目名称="人才公寓", 支援方="大兴区", 受援方=""),
            project(项目名称="冷链中心", 支援方="", 受援方="四子王旗"),
        ],
    )

    report = run(data, "项目.csv")

    assert outcomes(report) == [(2, "new"), (3, "new"), (4, "new")]
    assert [(w.row, w.column, w.message) for w in report.row_warnings] == [
        (2, "支援方", "未填支援方：按“库伦旗”唯一的结对关系取“密云区—库伦旗”"),
        (3, "受援方", "未填受援方，“大兴区”有 2 个结对关系，无法确定；项目暂不关联结对关系"),
        (4, "支援方", "未填支援方，“四子王旗”没有结对关系，无法确定；项目暂不关联结对关系"),
    ]
    assert sorted((p.name, str(p.pairing) if p.pairing else "") for p in Project.objects.all()) == [
        ("人才公寓", ""),
        ("冷链中心", ""),
        ("牛产业园", "密云区—库伦旗"),
    ]


def test_a_projects_link_does_not_title_the_report_a_trip_takes_it_from():
    link = "https://www.bjdx.gov.cn/1.html"
    run(csv_bytes(PROJECT_HEADERS, [project(编号="P1", 链接=link)]), "项目.csv")

    run(trips_csv(trip(编号="T1", 标题="大兴区党政代表团赴察右前旗考察", 链接=link, 相关项目="P1")))

    assert list(Source.objects.values_list("title", "url")) == [("大兴区党政代表团赴察右前旗考察", link)]


# People --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    ["张三（区委书记），李四（副区长）", "张三（区委书记）、李四（副区长）", "张三（区委书记）,李四（副区长）"],
)
def test_a_cell_listing_several_people_is_several_people(cell):
    run(trips_csv(trip(代表团成员=cell)))

    assert people_of(Delegation.objects.get()) == [("visiting", "张三", "区委书记"), ("visiting", "李四", "副区长")]


def test_bare_names_split_and_a_title_keeps_its_own_commas():
    run(trips_csv(trip(代表团成员="张三、李四", 出席人员="冀宏（乌兰察布市政协副主席、察右前旗委书记），奇·达楞太")))

    assert [(p.name_as_printed, p.title_as_printed) for p in Participant.objects.order_by("order")] == [
        ("张三", ""),
        ("李四", ""),
        ("冀宏", "乌兰察布市政协副主席、察右前旗委书记"),
        ("奇·达楞太", ""),
    ]


def test_a_person_is_linked_when_region_lines_up_even_in_a_new_post():
    person = make_person("张强", title="正镶白旗旗长")

    report = run(trips_csv(trip(目的地="正镶白旗", 出席人员="张强（正镶白旗委书记）")))

    assert Participant.objects.get().person == person
    assert [str(item) for item in report.review if item.kind == "关联已有人物"] == [
        "【关联已有人物】考察活动第 2 行：张强（正镶白旗委书记） → 已有人物“张强”（职务或地区相符）"
    ]


def test_a_conflicting_namesake_is_a_new_person_and_an_id_column_settles_it():
    person = make_person("张强", title="大兴区副区长")

    report = run(trips_csv(trip(编号="T1", 目的地="正镶白旗", 出席人员="张强（正镶白旗副旗长）")))

    new = Participant.objects.get().person
    assert new != person and (new.name, new.disambiguation) == ("张强", "正镶白旗副旗长")
    assert [item.kind for item in report.review][:1] == ["可能是同一人"]

    rows = [[*trip(编号="T2", 目的地="正镶白旗", 出席人员="张强（正镶白旗副旗长）"), f"张强={person.slug}"]]
    run(csv_bytes([*TRIP_HEADERS, "人物标识"], rows), "考察活动.csv")

    assert Participant.objects.get(delegation__code="T2").person == person


def test_a_host_titled_without_a_place_is_of_the_trips_destination_next_time():
    """马春秀, printed as 区领导 among the hosts of a trip to 昌平区, is 昌平区's: the 昌平区副区长
    of a later ledger is linked to her as a match, not as a guess to check; a namesake whose
    title they share still links by it, and one of another place is still a guess."""
    run(trips_csv(trip(编号="T1", 标题="太仆寺旗到昌平区", 出发地="太仆寺旗", 目的地="昌平区",
                       出席人员="马春秀（区领导）；孙绍骋（自治区党委书记）")))
    first = Person.objects.get(name="马春秀")

    report = run(trips_csv(trip(编号="T2", 标题="昌平区到太仆寺旗", 出发地="昌平区", 目的地="太仆寺旗",
                                代表团成员="马春秀（昌平区副区长）", 出席人员="孙绍骋（自治区党委书记）")))

    assert Participant.objects.get(delegation__code="T2", name_as_printed="马春秀").person == first
    assert Person.objects.filter(name="孙绍骋").count() == 1
    assert [str(item) for item in report.review if item.kind in ("可能是同一人", "关联已有人物")] == [
        "【关联已有人物】考察活动第 2 行：马春秀（昌平区副区长） → 已有人物“马春秀”（职务或地区相符）",
        "【关联已有人物】考察活动第 2 行：孙绍骋（自治区党委书记） → 已有人物“孙绍骋”（职务或地区相符）",
    ]


def test_a_name_with_nothing_to_compare_links_and_says_so():
    person = make_person("李娜")

    report = run(trips_csv(trip(代表团成员="李娜")))

    assert Participant.objects.get().person == person
    assert [item.kind for item in report.review] == ["可能是同一人"]


def test_attendees_sides_from_marker_or_title_region_and_a_guess_is_marked():
    data = trips_csv(
        trip(
            出发地="大兴区",
            目的地="察右前旗",
            出席人员="北京方：周某（大兴区相关单位负责人）；接待方：冀宏（察右前旗委书记）；"
            "内蒙古方：奇飞云（乌兰察布市市长）；张佰成（锡林郭勒盟委书记）",
        ),
        trip(编号="X", 出发地="大兴区", 目的地="察右前旗", 出席人员="马某（大兴区副区长）、乔某（市委书记）"),
    )

    report = run(data)

    assert people_of(Delegation.objects.get(code=None)) == [
        ("visiting", "周某", "大兴区相关单位负责人"),
        ("host", "冀宏", "察右前旗委书记"),
        ("host", "奇飞云", "乌兰察布市市长"),
        ("host", "张佰成", "锡林郭勒盟委书记"),
    ]
    assert people_of(Delegation.objects.get(code="X")) == [
        ("visiting", "马某", "大兴区副区长"),
        ("host", "乔某", "市委书记"),
    ]
    assert [str(item) for item in report.review if item.kind == "推断的所属方"] == [
        "【推断的所属方】考察活动第 3 行：马某（大兴区副区长） → 来访方（职务中的“大兴区”是出发地）",
        "【推断的所属方】考察活动第 3 行：乔某（市委书记） → 接待方（职务中没有可判断的地区，按接待方记）",
    ]


def test_an_attendee_seconded_to_the_destination_is_a_host():
    """郭玉明, a cadre of 通州区 seconded to 奈曼旗 (report corpus 176): his post is after 挂职."""
    data = trips_csv(
        trip(
            出发地="通州区",
            目的地="奈曼旗",
            出席人员="郭玉明（通州区挂职奈曼旗旗委常委、旗政府副旗长）；刘某（奈曼旗挂职通州区副区长）；孙某（挂职干部）",
        )
    )

    report = run(data)

    assert people_of(Delegation.objects.get()) == [
        ("host", "郭玉明", "通州区挂职奈曼旗旗委常委、旗政府副旗长"),
        ("visiting", "刘某", "奈曼旗挂职通州区副区长"),
        ("host", "孙某", "挂职干部"),
    ]
    guessed = [str(item) for item in report.review if item.kind == "推断的所属方"]
    assert guessed[0].endswith("郭玉明（通州区挂职奈曼旗旗委常委、旗政府副旗长） → 接待方（职务中的“奈曼旗”是目的地）")


def test_a_visitor_among_the_attendees_exports_with_its_marker_and_reimports_unchanged():
    from cooperation.ledgers.service import export_ledgers

    run(trips_csv(trip(编号="T1", 出席人员="冀宏（察右前旗委书记）；马某（副区长）")))
    participant = Participant.objects.get(name_as_printed="马某")
    participant.side = "visiting"
    participant.save()

    exported = export_ledgers(["trips"], file_format="csv")
    report = run(exported, "考察活动.csv")

    assert "接待方：冀宏（察右前旗委书记）；来访方：马某（副区长）" in exported.decode("utf-8-sig")
    assert outcomes(report) == [(2, "unchanged")]


# Stops, projects, places, pairings -----------------------------------------------------------


def test_related_projects_link_to_the_trip_and_never_make_stops():
    report = run(trips_csv(trip(考察点="人才公寓：看望帮扶人员", 相关项目="芍药种植基地；人才公寓")))

    trip_record = Delegation.objects.get()
    assert outcomes(report) == [(2, "new")]
    assert [(s.place, [p.name for p in s.projects.all()]) for s in trip_record.site_visits.all()] == [
        ("人才公寓", ["人才公寓"])
    ]
    assert [p.name for p in trip_record.related_projects.all()] == ["芍药种植基地"]
    assert outcomes(run(trips_csv(trip(考察点="人才公寓：看望帮扶人员", 相关项目="芍药种植基地；人才公寓")))) == [
        (2, "unchanged")
    ]


def test_a_township_in_two_destinations_asks_and_one_destinations_township_is_found():
    from cooperation.models import Region, RegionLevel

    for banner in ("正镶白旗", "察右前旗"):
        parent = region(banner)
        Region.objects.create(
            name="星耀镇", parent=parent, level=RegionLevel.TOWNSHIP, side=parent.side, slug=f"xy-{parent.pk}"
        )

    asked = run(trips_csv(trip(目的地="正镶白旗、察右前旗", 考察点="星耀镇科技示范基地：看温室")))
    found = run(trips_csv(trip(编号="T2", 目的地="正镶白旗", 考察点="星耀镇科技示范基地：看温室")))

    assert problems(asked) == [
        (
            2,
            "考察点",
            "星耀镇科技示范基地",
            "“星耀镇”在正镶白旗、察右前旗都有；请在地点前写明旗县区，如 正镶白旗星耀镇",
        )
    ]
    assert outcomes(found) == [(2, "new")]
    stop = SiteVisit.objects.get()
    assert (stop.region.name, stop.region.parent.name) == ("星耀镇", "正镶白旗")


def test_a_delegation_from_inner_mongolia_gets_the_pairing_and_an_explicit_pairing_is_made():
    make_pairing("密云区", "库伦旗")
    data = workbook(
        {
            "项目": [PROJECT_HEADERS, project(项目名称="蔬菜基地", 支援方="昌平区", 受援方="太仆寺旗")],
            "考察活动": [
                TRIP_HEADERS,
                trip(编号="A", 出发地="库伦旗", 目的地="密云区"),
                trip(编号="B", 出发地="太仆寺旗", 目的地="昌平区"),
                trip(编号="C", 出发地="大兴区", 目的地="四子王旗"),
            ],
        }
    )

    report = run(data, "台账.xlsx")

    assert not report.has_errors
    pairings = {
        d.code: [(p.support_region.name, p.recipient_region.name) for p in d.pairings.all()]
        for d in Delegation.objects.all()
    }
    assert pairings == {"A": [("密云区", "库伦旗")], "B": [("昌平区", "太仆寺旗")], "C": []}
    assert Pairing.objects.count() == 2


def test_an_existing_trip_and_person_pages_are_untouched_by_a_dry_run():
    make_delegation(code="T1", title="考察")

    run(trips_csv(trip(编号="T9", 带队领导="新人（区长）")), dry_run=True)

    assert Person.objects.count() == 0 and Delegation.objects.count() == 1


# The figures ledger --------------------------------------------------------------------------

FIGURES = [
    ["2024年京蒙协作年度数据"],
    [
        *("支援方", "受援方", "年度", "财政援助资金（万元）", "社会帮扶资金（万元）", "挂职干部（人次）"),
        *("专业技术人才交流（人次）", "消费帮扶金额（万元）", "劳务协作人数（人）", "来源链接"),
    ],
    ["密云区", "库伦旗", "2023", "6800", "1250.5", "12", "86", "15600", "3200", "https://www.bjmy.gov.cn/1.html"],
    ["", "库伦旗", "2024年", "7000", "", "", "", "", "", ""],
]


@DOORS
def test_a_figures_ledger_feeds_the_pairing_page(door, tmp_path, capsys, client, django_user_model):
    from cooperation.models import ProgramFigure
    from review.models import Grade, ReviewPolicy
    from tests.builders import make_project

    # The pairing is public (a published project is filed under it), so its figures are a change
    # of what the public sees: the publisher signs them off alone where the chain is 终审签发 alone.
    ReviewPolicy.objects.filter(grade=Grade.NORMAL).update(first_review=False, second_review=False)
    pairing = make_pairing("密云区", "库伦旗")
    make_project(pairing=pairing)
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(FIGURES)

    door(buffer.getvalue().encode("gb18030"), "年度数据.csv", tmp_path, capsys, client, django_user_model)

    assert sorted(ProgramFigure.objects.values_list("year", "metric", "actual", "source__url")) == [
        (2023, "cadres", 12, "https://www.bjmy.gov.cn/1.html"),
        (2023, "consumption", 15600, "https://www.bjmy.gov.cn/1.html"),
        (2023, "funds", 6800, "https://www.bjmy.gov.cn/1.html"),
        (2023, "labour", 3200, "https://www.bjmy.gov.cn/1.html"),
        (2023, "social", pytest.approx(1250.5), "https://www.bjmy.gov.cn/1.html"),
        (2023, "talent", 86, "https://www.bjmy.gov.cn/1.html"),
        (2024, "funds", 7000, None),
    ]
    assert set(ProgramFigure.objects.values_list("pairing", flat=True)) == {pairing.pk}
    page = client.get(pairing.get_absolute_url()).content.decode()
    assert "社会帮扶资金（万元）" in page and "2023：1,250.5" in page


def test_figures_export_and_reimport_unchanged_and_a_figure_needs_its_pairing():
    from cooperation.ledgers.service import export_ledgers

    make_pairing("密云区", "库伦旗")
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(FIGURES)
    run(buffer.getvalue().encode("utf-8-sig"), "年度数据.csv")

    again = run(export_ledgers(["figures"], file_format="csv"), "年度数据.csv")
    refused = run("受援方,年度,劳务协作人数（人）\r\n四子王旗,2024,10\r\n".encode(), "年度数据.csv")

    assert outcomes(again) == [(2, "unchanged"), (3, "unchanged")]
    assert problems(refused) == [(2, "受援方", "四子王旗", "“四子王旗”没有结对关系；请写明支援方与受援方")]


def test_a_short_name_inside_a_longer_one_is_not_a_second_place():
    run(trips_csv(trip(目的地="鄂温克旗、克什克腾旗", 考察点="鄂温克旗肉牛养殖基地：看牛")))

    assert SiteVisit.objects.get().region == region("鄂温克旗")
