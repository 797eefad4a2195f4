"""An import as a whole: dry run, all or nothing, safe to repeat, batches and rollback, speed."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cooperation.ledgers.cells import DATE_FORMS
from cooperation.ledgers.models import BatchChange, BatchStatus, ImportBatch
from cooperation.ledgers.service import RollbackRefused, rollback
from cooperation.models import Person, Region, Source
from projects.models import Project
from review.models import ReviewRequest, Status
from tests.builders import make_delegation, make_participant, make_person, make_publisher, make_site_visit, region
from tests.cooperation.ledger_builders import (
    outcomes,
    problems,
    project,
    projects_csv,
    run,
    trip,
    trips_csv,
)
from visits.models import Delegation, Meeting, Participant, SiteVisit

pytestmark = pytest.mark.django_db


def three_trips():
    return trips_csv(
        trip(
            编号="T1",
            标题="大兴区党政代表团赴察右前旗考察",
            带队领导="王有国（区委书记）",
            代表团成员="姚茂文（大兴区领导）；仲伟功（大兴区领导）",
            考察点="正镶白旗人才公寓：了解帮扶人员保障",
        ),
        trip(
            编号="T2", 标题="密云区代表团赴正镶白旗调研", 出发地="北京市密云区", 目的地="正镶白旗", 开始日期="2024年5月"
        ),
        trip(
            编号="T3",
            标题="经开区企业赴察右前旗对接",
            出发地="北京经开区",
            目的地="乌兰察布市察右前旗",
            开始日期="2023年",
        ),
    )


def test_a_dry_run_shows_what_would_happen_and_writes_nothing():
    report = run(three_trips(), dry_run=True)

    assert outcomes(report) == [(2, "new"), (3, "new"), (4, "new")]
    assert report.new_names == {"人物": ["王有国", "姚茂文", "仲伟功"]}
    assert (Delegation.objects.count(), Person.objects.count(), ImportBatch.objects.count()) == (0, 0, 0)


def test_a_commit_writes_drafts_and_records_the_batch(django_user_model):
    user = make_publisher(django_user_model)

    report = run(three_trips(), "三次考察.csv", user=user)

    batch = ImportBatch.objects.get()
    assert (batch.user, batch.file_name, batch.sha256, batch.ledgers) == (
        user,
        "三次考察.csv",
        report.sha256,
        "考察活动",
    )
    assert (batch.new, batch.updated, batch.unchanged, batch.status) == (3, 0, 0, BatchStatus.COMMITTED)
    assert sorted(Delegation.objects.values_list("code", "status")) == [
        ("T1", Status.DRAFT),
        ("T2", Status.DRAFT),
        ("T3", Status.DRAFT),
    ]
    assert sorted(Person.objects.values_list("name", "status")) == [
        ("仲伟功", Status.DRAFT),
        ("姚茂文", Status.DRAFT),
        ("王有国", Status.DRAFT),
    ]
    trip_record = Delegation.objects.get(code="T1")
    assert trip_record.history.get().history_user == user


def test_regions_resolve_in_every_form_reports_use():
    run(three_trips())

    expected = {
        "T1": ("大兴区", ["察哈尔右翼前旗"]),
        "T2": ("密云区", ["正镶白旗"]),
        "T3": ("北京经济技术开发区", ["察哈尔右翼前旗"]),
    }
    for delegation in Delegation.objects.all():
        assert (delegation.origin.name, [r.name for r in delegation.destinations.all()]) == expected[delegation.code]


def test_publishing_on_import_submits_the_rows_and_their_people_as_one_batch():
    report = run(three_trips(), publish=True)

    assert set(Delegation.objects.values_list("status", flat=True)) == {Status.REVIEW}
    assert Delegation.objects.published().count() == 0
    # The people the trips name go with them, so their checks run and their pages answer with the trips.
    assert set(Person.objects.values_list("status", flat=True)) == {Status.REVIEW}
    assert set(ReviewRequest.objects.values_list("batch", flat=True)) == {f"导入批次 {report.batch}"}


def test_a_bad_row_rolls_back_the_whole_file():
    data = trips_csv(
        trip(编号="T1", 标题="好的一行"),
        trip(编号="T2", 标题="坏的一行", 开始日期="2024年13月", 目的地="火星旗"),
        trip(编号="T3", 标题="又一行好的"),
    )

    report = run(data)

    assert outcomes(report) == [(2, "new"), (3, "error"), (4, "new")]
    assert problems(report) == [
        (
            3,
            "开始日期",
            "2024年13月",
            "不是可识别的日期；可写 2024-06-20、2024/6/20、2024.6.20、2024年6月20日、2024年6月 或 2024年",
        ),
        (
            3,
            "目的地",
            "火星旗",
            "“火星旗”不是京蒙协作的地区：只能写北京市、内蒙古自治区及其盟市、旗县区（如 大兴区、察右前旗）和它们的"
            "乡镇（如 察右前旗巴音塔拉镇）。京蒙协作以外的去处（如援青、援疆）本站不记录：请删去它；"
            "整行都是京蒙协作以外的工作，就删去这一行",
        ),
    ]
    assert (Delegation.objects.count(), Person.objects.count(), ImportBatch.objects.count()) == (0, 0, 0)
    assert report.summary_lines()[-1] == "有错误：没有写入任何内容。改正后请重新导入。"


def test_the_same_file_twice_changes_nothing_the_second_time():
    data = three_trips()
    run(data)
    before = list(Participant.objects.order_by("pk").values())

    report = run(data)

    assert (report.totals["new"], report.totals["updated"], report.totals["unchanged"]) == (0, 0, 3)
    assert list(Participant.objects.order_by("pk").values()) == before
    assert BatchChange.objects.filter(batch=report.batch).count() == 0


def test_an_edited_file_updates_exactly_the_rows_that_changed():
    run(three_trips())
    edited = trips_csv(
        trip(
            编号="T1",
            标题="大兴区党政代表团赴察右前旗考察",
            带队领导="王有国（区委书记）",
            代表团成员="姚茂文（大兴区副区长）",
            考察点="正镶白旗人才公寓：了解帮扶人员保障",
        ),
        trip(
            编号="T2", 标题="密云区代表团赴正镶白旗调研", 出发地="北京市密云区", 目的地="正镶白旗", 开始日期="2024年5月"
        ),
        trip(
            编号="T3",
            标题="经开区企业赴察右前旗对接",
            出发地="北京经开区",
            目的地="乌兰察布市察右前旗",
            开始日期="2023年",
            摘要="新加的摘要",
        ),
    )

    report = run(edited)

    assert outcomes(report) == [(2, "updated"), (3, "unchanged"), (4, "updated")]
    assert [o.changes for o in report.results[0].outcomes] == [["参加人员"], [], ["摘要"]]
    members = Delegation.objects.get(code="T1").participants.filter(role="member")
    assert [(p.name_as_printed, p.title_as_printed) for p in members] == [("姚茂文", "大兴区副区长")]


def test_a_key_repeated_in_one_file_names_both_rows():
    data = trips_csv(trip(编号="T1", 标题="一"), trip(编号="T2", 标题="二"), trip(编号="T1", 标题="三"))

    report = run(data)

    assert problems(report) == [
        (2, "", "", "与第 4 行重复（编号“T1”）；同一文件中每条记录只能出现一次"),
        (4, "", "", "与第 2 行重复（编号“T1”）；同一文件中每条记录只能出现一次"),
    ]
    assert Delegation.objects.count() == 0


def test_without_a_code_the_key_is_the_link_else_title_and_start_date():
    data = trips_csv(
        trip(标题="同一标题", 开始日期="2024-06-20"),
        trip(标题="同一标题", 开始日期="2024-07-01"),
        trip(标题="另一个", 链接="https://example.gov.cn/a.html"),
        trip(标题="另一个改了标题", 链接="https://example.gov.cn/a.html"),
    )

    report = run(data)

    assert problems(report) == [
        (4, "", "", "与第 5 行重复（链接“https://example.gov.cn/a.html”）；同一文件中每条记录只能出现一次"),
        (5, "", "", "与第 4 行重复（链接“https://example.gov.cn/a.html”）；同一文件中每条记录只能出现一次"),
    ]


def test_an_unknown_name_becomes_a_draft_person_and_a_shared_one_asks_which():
    make_person("张伟", disambiguation="大兴区副区长")
    make_person("张伟", disambiguation="察右前旗副旗长")
    make_person("李娜", disambiguation="甲")
    make_person("李娜", disambiguation="乙")
    known = make_person("王有国")
    data = trips_csv(
        trip(编号="T1", 带队领导="王有国（区委书记）", 出席人员="张伟（察右前旗副旗长）；新人（旗长）"),
        trip(编号="T2", 出席人员="张伟（旗长）；李娜（旗长）"),
    )

    report = run(data)

    # 张伟（旗长） on a trip to 察右前旗 is the 察右前旗 one; nothing tells the two 李娜 apart.
    assert problems(report) == [
        (
            3,
            "出席人员",
            "李娜（旗长）",
            "有 2 位同名的“李娜”（李娜（乙）（li-na-2）；李娜（甲）（li-na））；"
            "请在括号中写明其职务，或在“人物标识”列写明是哪一位",
        )
    ]
    assert report.new_names == {"人物": ["新人"]}

    report = run(
        trips_csv(trip(编号="T1", 带队领导="王有国（区委书记）", 出席人员="张伟（察右前旗副旗长）；新人（旗长）"))
    )

    participants = Delegation.objects.get().participants.order_by("order")
    assert [(p.name_as_printed, p.person.disambiguation, p.person.status) for p in participants] == [
        ("王有国", "", Status.PUBLISHED),
        ("张伟", "察右前旗副旗长", Status.PUBLISHED),
        ("新人", "", Status.DRAFT),
    ]
    assert participants[0].person == known


def test_a_new_township_is_created_under_its_county_and_one_without_a_county_is_an_error():
    data = projects_csv(
        project(编号="P1", 所在地="察右前旗巴音塔拉镇"),
        project(编号="P2", 所在地="察哈尔右翼前旗巴音塔拉镇某某村"),
        # Without its county, on a row that names no 受援方 to put it in (with one: its banner's).
        project(编号="P3", 支援方="", 受援方="", 所在地="土贵乌拉镇"),
    )

    report = run(data)

    assert problems(report) == [
        (4, "所在地", "土贵乌拉镇",
         "乡镇或村“土贵乌拉镇”没写所在旗县，本行也没有写受援方（旗县）；请写全，如 察右后旗贲红镇，或写明受援方"),
    ]
    report = run(
        projects_csv(
            project(编号="P1", 所在地="察右前旗巴音塔拉镇"), project(编号="P2", 所在地="察哈尔右翼前旗巴音塔拉镇某某村")
        ),
        dry_run=True,
    )
    assert report.new_names["行政区划"] == ["察右前旗巴音塔拉镇", "巴音塔拉镇某某村"]
    run(
        projects_csv(
            project(编号="P1", 所在地="察右前旗巴音塔拉镇"), project(编号="P2", 所在地="察哈尔右翼前旗巴音塔拉镇某某村")
        )
    )
    village = Region.objects.get(name="某某村")
    assert (village.full_name, village.level, village.parent.level) == (
        "内蒙古自治区乌兰察布市察哈尔右翼前旗巴音塔拉镇某某村",
        "village",
        "township",
    )
    assert Project.objects.get(code="P2").region == village


def test_hostile_cells_are_kept_as_text_or_refused_with_a_reason():
    data = trips_csv(
        trip(
            编号="T1",
            标题="<script>alert('x')</script>考察",
            摘要='=HYPERLINK("http://evil","点我")',
            正文="'@SUM(1+1)",
        ),
        trip(编号="T2", 标题="长" * 10_000),
        trip(编号="T3", 代表团成员="王有国（" + "书记" * 200 + "）"),
    )

    report = run(data)

    assert problems(report) == [
        (3, "标题", "长" * 10_000, "最长 300 字，这里有 10000 字"),
        (4, "代表团成员", "王有国（" + "书记" * 200 + "）", "职务最长 200 字，这里有 400 字"),
    ]
    report = run(
        trips_csv(data_row := trip(编号="T1", 标题="<script>alert('x')</script>考察", 摘要="=1+1", 正文="'@SUM(1+1)"))
    )
    assert data_row and not report.has_errors
    record = Delegation.objects.get()
    assert (record.title, record.summary, record.body) == ("<script>alert('x')</script>考察", "=1+1", "@SUM(1+1)")


def test_an_editor_imports_drafts_but_cannot_change_a_published_trip(django_user_model):
    from tests.builders import make_editor

    editor = make_editor(django_user_model)
    make_delegation(title="已发布的考察", code="T9", origin=region("大兴区"))

    report = run(trips_csv(trip(编号="T9", 标题="改过的标题"), trip(编号="T10", 标题="新的")), user=editor)

    assert problems(report) == [(2, "", "", "这条记录已发布或已撤回，只有审核发布人员可以通过导入修改它")]
    assert Delegation.objects.get(code="T9").title == "已发布的考察"


def test_what_the_ledger_does_not_say_is_kept():
    person = make_person("王有国", disambiguation="大兴区委书记")
    make_person("王有国", disambiguation="另一位")
    delegation = make_delegation(title="赴察右前旗考察", code="T1", origin=region("大兴区"), purpose="目的")
    make_participant(delegation, person, name_as_printed="王有国", title_as_printed="区委书记", role="leader")
    site = make_site_visit(delegation, place="正镶白旗人才公寓", region=region("正镶白旗"), description="看了")

    report = run(
        trips_csv(
            trip(
                编号="T1",
                标题="赴察右前旗考察",
                带队领导="王有国（区委书记）",
                考察点="正镶白旗人才公寓：看了",
                开始日期="",
                出发地="大兴区",
                目的地="",
            )
        )
    )

    assert outcomes(report) == [(2, "unchanged")]
    delegation.refresh_from_db()
    assert (delegation.purpose, delegation.participants.get().person, SiteVisit.objects.get().pk) == (
        "目的",
        person,
        site.pk,
    )


def test_a_rollback_undoes_a_batch_and_a_later_batch_must_go_first():
    first = run(three_trips())
    changed = trips_csv(
        trip(编号="T1", 标题="大兴区党政代表团赴察右前旗考察", 带队领导="王有国（区委书记）", 摘要="改了")
    )
    second = run(changed)
    assert outcomes(second) == [(2, "updated")]

    with pytest.raises(RollbackRefused) as refused:
        rollback(first.batch)
    assert str(refused.value) == f"之后的导入批次 “{second.batch}” 修改了同样的记录；请先回滚它们。"

    rollback(second.batch)
    trip_record = Delegation.objects.get(code="T1")
    assert (trip_record.summary, [p.name_as_printed for p in trip_record.participants.order_by("order")]) == (
        "",
        ["王有国", "姚茂文", "仲伟功"],
    )
    assert trip_record.site_visits.count() == 1

    rollback(first.batch)
    assert sorted(Delegation.history.filter(history_type="-").values_list("code", flat=True)) == ["T1", "T2", "T3"]
    assert Participant.history.filter(history_type="-", history_change_reason="回滚导入批次").count() == 3
    assert (
        Delegation.objects.count(),
        Person.objects.count(),
        Participant.objects.count(),
        Source.objects.count(),
    ) == (
        0,
        0,
        0,
        0,
    )
    assert set(ImportBatch.objects.values_list("status", flat=True)) == {BatchStatus.ROLLED_BACK}


def test_a_rollback_restores_deleted_site_visits_with_their_photos_links():
    run(trips_csv(trip(编号="T1", 考察点="甲地：看了；乙地：也看了")))
    site = SiteVisit.objects.get(place="乙地")
    project_record = Project.objects.create(name="乙地项目", slug="yi-di")
    site.projects.add(project_record)

    report = run(trips_csv(trip(编号="T1", 考察点="甲地：看了")))
    assert not SiteVisit.objects.filter(place="乙地").exists()

    rollback(report.batch)
    restored = SiteVisit.objects.get(place="乙地")
    assert (restored.pk, list(restored.projects.all())) == (site.pk, [project_record])


# One of them the audit log's entry, one every content type the batch may record (looked up
# before the writes begin, so that none waits for the COPYs queued on PostgreSQL); on
# PostgreSQL one more makes the foreign keys checked as each COPY ends (bulk.copies_alongside);
# one looks for projects whose name holds a 相关项目 no project has (项目0: a short name?); on
# SQLite three set the page cache for the import and back (bulk.page_cache).
QUERIES = {"sqlite": 46, "postgresql": 51}


def many_trips(count):
    return trips_csv(
        *[
            trip(
                编号=f"T{n}",
                标题=f"考察{n}",
                带队领导=f"人{n}（书记）",
                代表团成员=f"甲{n}（区长）；乙{n}",
                出席人员="丙（旗长）",
                考察点=f"地{n}：看了；另一地：也看了",
                协作领域="产业协作、新话题",
                相关项目=f"项目{n % 2}",
                来源="大兴区政府网",
                链接=f"https://example.gov.cn/{n}.html",
                发布日期="2024-06-21",
                目的地="察右前旗、正镶白旗星耀镇",
            )
            for n in range(count)
        ]
    )


@pytest.mark.parametrize("count", [2, 12])
def test_queries_are_per_batch_not_per_row(count):
    ContentType.objects.clear_cache()
    data = many_trips(count)

    with CaptureQueriesContext(connection) as queries:
        report = run(data)

    assert report.totals["new"] == count
    assert len(queries) == QUERIES[connection.vendor]


# What an import looks records up by, besides codes (unique) and names of people and bodies.
LOOKUPS = [
    (Delegation.objects.filter(title__in=["考察1", "考察2"]), "visits_delegation", "title"),
    (Source.objects.filter(url__in=["https://example.gov.cn/1.html"]), "cooperation_source", "url"),
    (Project.objects.filter(name__in=["项目1"]), "projects_project", "name"),
    (Meeting.objects.filter(delegation__isnull=True, title__in=["座谈会"]).order_by(), "visits_meeting", "title"),
]


def many_rows(table, count=500):
    """`count` records in the looked-up table, its statistics gathered: on a table the planner knows
    to be empty every index costs the same, and it may answer from any of them."""
    made = {
        "visits_delegation": lambda n: Delegation(title=f"填充{n}", slug=f"fill-{n}", origin=region("大兴区")),
        "cooperation_source": lambda n: Source(url=f"https://example.gov.cn/fill/{n}.html", title=f"填充{n}"),
        "projects_project": lambda n: Project(name=f"填充{n}", slug=f"fill-{n}"),
        "visits_meeting": lambda n: Meeting(title=f"填充{n}", slug=f"fill-{n}"),
    }[table]
    records = [made(n) for n in range(count)]
    type(records[0]).objects.bulk_create(records)
    with connection.cursor() as cursor:
        cursor.execute(f'ANALYZE "{table}"')


@pytest.mark.parametrize(("query", "table", "column"), LOOKUPS, ids=[f"{t}.{c}" for _q, t, c in LOOKUPS])
def test_what_an_import_matches_rows_by_has_an_index_the_lookup_uses(query, table, column):
    """A ledger without 编号 finds its trips by title and link, its projects by name: each lookup
    of `lookup_chunks`' size is answered from an index, not by reading the table (on PostgreSQL
    the plan is asked with sequential scans made expensive, as they are on a large table)."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
        assert any(c["index"] and c["columns"] == [column] for c in constraints.values()), constraints
        if connection.vendor == "postgresql":
            many_rows(table)
            sql, params = query.query.sql_with_params()
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert f"{table}_{column}" in plan and "Join" not in plan, plan


def test_a_ledger_is_a_django_import_export_resource():
    import tablib
    from import_export.results import RowResult

    from visits.ledgers.common import TRIP_HEADERS
    from visits.ledgers.trips import TripLedger

    dataset = tablib.Dataset(trip(编号="T1"), trip(编号="T2", 开始日期="明天"), headers=list(TRIP_HEADERS))

    result = TripLedger().import_data(dataset, dry_run=True)

    assert [row.import_type for row in result.rows] == [RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_INVALID]
    assert [(row.number, row.field_specific_errors) for row in result.invalid_rows] == [
        (3, {"开始日期": [f"不是可识别的日期；可写 {DATE_FORMS}"]})
    ]
    assert Delegation.objects.count() == 0

    result = TripLedger().import_data(tablib.Dataset(trip(编号="T1"), headers=list(TRIP_HEADERS)))

    assert (result.totals[RowResult.IMPORT_TYPE_NEW], Delegation.objects.get().code) == (1, "T1")


def imported_world():
    """What an import left, by content rather than by id."""
    trips = {
        d.code: (
            d.slug,
            sorted((p.name_as_printed, p.side, p.person.name if p.person else "") for p in d.participants.all()),
            sorted(
                (s.place, s.region.name if s.region else "", sorted(p.name for p in s.projects.all()))
                for s in d.site_visits.all()
            ),
            sorted(t.name for t in d.topics.all()),
            sorted(p.name for p in d.related_projects.all()),
        )
        for d in Delegation.objects.prefetch_related("participants__person", "site_visits__region", "topics")
    }
    return (
        trips,
        sorted(Person.objects.values_list("name", "slug", "disambiguation")),
        sorted(Region.objects.values_list("name", "slug")),
        sorted(Project.objects.values_list("name", "slug")),
        BatchChange.objects.count(),
    )


class Undo(Exception):
    pass


def test_a_file_written_in_parts_reads_and_writes_as_one(monkeypatch):
    """A large file's trips are written a part at a time; with parts of two rows, five trips that
    share a new person, a new township, new topics and new projects import, and preview, exactly
    as in one part — the shared person is new on every row, never an existing one."""
    from visits.ledgers import trips

    data = trips_csv(
        *[
            trip(
                编号=f"T{n}",
                标题=f"考察{n}",
                带队领导=f"人{n}（书记）",
                出席人员="丙（旗长）" if n < 2 else "丙（正镶白旗旗长）",
                考察点=f"地{n}：看了；星耀镇新村：也看了",
                协作领域="产业协作、新话题",
                相关项目=f"项目{n % 2}",
                链接=f"https://example.gov.cn/{n}.html",
                目的地="察右前旗、正镶白旗",
            )
            for n in range(5)
        ]
    )
    whole_preview = run(data, dry_run=True).review
    with pytest.raises(Undo), transaction.atomic():
        run(data)
        whole_world = imported_world()
        raise Undo

    monkeypatch.setattr(trips, "WRITE_EVERY", 2)
    parts_preview = run(data, dry_run=True).review
    parts = run(data)

    assert parts.totals["new"] == 5
    assert parts_preview == whole_preview
    assert "关联已有人物" not in [item.kind for item in parts_preview]
    assert imported_world() == whole_world
    # The batch's record, written a part at a time, still undoes every part.
    rollback(parts.batch)
    assert not Delegation.objects.exists()


def test_a_sheet_is_cut_into_parts_that_take_each_row_once(monkeypatch):
    """The first and the last part are small (the server waits for the first to be planned, and
    writes the last alone); the rest are at most `WRITE_EVERY` rows."""
    from visits.ledgers import trips

    for every, first in ((2500, 500), (2, 500), (3, 1)):
        monkeypatch.setattr(trips, "WRITE_EVERY", every)
        monkeypatch.setattr(trips, "FIRST_PART", first)
        small = min(every, first)
        for total in (0, 1, small, 2 * small, 2 * small + 1, 3 * every, 20_000):
            bounds = trips.part_bounds(total)
            assert [i for start, end in bounds for i in range(start, end)] == list(range(total))
            assert all(0 < end - start <= every for start, end in bounds)
            if total > 2 * small:
                assert bounds[0][1] - bounds[0][0] == bounds[-1][1] - bounds[-1][0] == small
    monkeypatch.setattr(trips, "WRITE_EVERY", 2500)
    monkeypatch.setattr(trips, "FIRST_PART", 500)
    assert [end - start for start, end in trips.part_bounds(20_000)] == [500, *[2375] * 8, 500]


def test_a_file_written_in_parts_is_still_all_or_nothing(monkeypatch):
    """Parts written before a later row's error are undone with the rest: nothing of the file stays."""
    from visits.ledgers import trips

    monkeypatch.setattr(trips, "WRITE_EVERY", 2)
    rows = [trip(编号=f"T{n}", 标题=f"考察{n}", 带队领导=f"人{n}（书记）", 目的地="察右前旗") for n in range(4)]
    rows.append(trip(编号="T4", 标题="考察4", 开始日期="不是日期"))

    report = run(trips_csv(*rows))

    assert [(row, column) for row, column, _value, _message in problems(report)] == [(6, "开始日期")]
    assert not Delegation.objects.exists()
    assert not Person.objects.exists()
    assert not ImportBatch.objects.filter(status=BatchStatus.COMMITTED).exists()


def test_a_file_read_in_parts_checks_its_rows_as_if_read_at_once(monkeypatch):
    """A sheet is read, matched and written a part at a time, yet what spans the parts is found
    as in one reading: a key repeated in a later part is an error in both rows, an existing
    trip taken by rows of two parts is an error in both, and a row of a later part with an
    earlier new trip's title and date is a trip of its own, not a change to that one."""
    from visits.ledgers import trips

    old = "https://example.gov.cn/old.html"
    make_delegation("已有", code="OLD", status=Status.DRAFT, source=Source.objects.create(title="已有", url=old))
    rows = [
        trip(编号="A", 标题="同名考察", 开始日期="2024-06-20"),
        trip(编号="OLD", 标题="已有"),
        trip(编号="B", 标题="考察B"),
        trip(编号="", 标题="同名考察", 开始日期="2024-06-20", 链接=""),
        trip(编号="B", 标题="考察B又一次"),
        trip(编号="", 标题="已有又一次", 链接=old),
    ]

    def outcome_and_problems(report):
        return outcomes(report), problems(report)

    whole = outcome_and_problems(run(trips_csv(*rows), dry_run=True))
    monkeypatch.setattr(trips, "WRITE_EVERY", 2)
    parts = outcome_and_problems(run(trips_csv(*rows), dry_run=True))

    assert parts == whole
    assert whole[0] == [(2, "new"), (3, "error"), (4, "error"), (5, "new"), (6, "error"), (7, "error")]
    assert Delegation.objects.count() == 1
