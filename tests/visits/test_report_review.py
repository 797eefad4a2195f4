"""From a published report to a draft trip, through the admin: paste or upload, review, confirm."""

import html
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from django import forms
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AuditEntry
from cooperation.ledgers.models import BatchStatus, ImportBatch
from cooperation.ledgers.service import rollback
from cooperation.models import Appointment, Person, Source
from review.models import Status
from tests.builders import make_editor, make_person, make_region, make_staff, region
from visits.models import Delegation, Meeting, Participant, SiteVisit, Speech
from visits.report_import.benchmark import copied, widened
from visits.report_import.normalize import lines_joined
from visits.report_import.review import extract_report, lead_title, read_report_file
from visits.report_import.sentences import split_sentences

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# The seed report as the office published it (a copy of shared/seed/000_1530c4c95e66b40c.txt).
SEED_TEXT = (ROOT / "tests" / "visits" / "extraction_cases" / "000_seed_daxing.txt").read_text(encoding="utf-8")
CASES = Path(__file__).resolve().parent / "extraction_cases"
START = "admin:visits_delegation_report"


def case_text(name):
    return (CASES / name).read_text(encoding="utf-8")


def form_data(form):
    data = {}
    for bound in form:
        value = bound.value()
        if isinstance(bound.field, forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        else:
            data[bound.html_name] = "" if value is None else str(value)
    return data


def formset_data(formset):
    data = form_data(formset.management_form)
    for form in formset.forms:
        data.update(form_data(form))
    return data


def review_data(response):
    """What the review page would post back if staff changed nothing."""
    context = response.context
    data = form_data(context["trip_form"])
    for key in ("participants", "sites", "meetings", "speeches"):
        data.update(formset_data(context[key]))
    data.update(form_data(context["people"]))
    return data


def paste(client, text, **fields):
    return client.post(reverse(START), {"text": text, **fields}, follow=True)


def confirm(client, response, **changes):
    data = review_data(response)
    data.update(changes)
    return client.post(response.wsgi_request.path, data)


@pytest.fixture
def editor(client, django_user_model):
    user = make_editor(django_user_model)
    client.force_login(user)
    return user


def fixture_facts():
    """The seed fixture's trip, as names and titles (its pks resolved)."""
    records = json.loads((ROOT / "fixtures" / "seed_report.json").read_text(encoding="utf-8"))
    people = {r["pk"]: r["fields"]["name"] for r in records if r["model"] == "cooperation.person"}
    trip = next(r for r in records if r["model"] == "visits.delegation")["fields"]
    participants = sorted(
        (r["fields"] for r in records if r["model"] == "visits.participant"), key=lambda f: f["order"]
    )
    sites = sorted((r["fields"] for r in records if r["model"] == "visits.sitevisit"), key=lambda f: f["order"])
    meetings = {r["pk"]: r["fields"] for r in records if r["model"] == "visits.meeting"}
    speeches = sorted(
        (r["fields"] for r in records if r["model"] == "visits.speech"), key=lambda f: (f["meeting"], f["order"])
    )
    return {
        "title": trip["title"],
        "name": trip["name"],
        "origin": trip["origin"][0],
        "destinations": sorted(d[0] for d in trip["destinations"]),
        "participants": [
            (f["name_as_printed"], f["title_as_printed"], f["side"], f["role"], people.get(f["person"]))
            for f in participants
        ],
        "sites": [f["place"] for f in sites],
        "meetings": [
            (m["title"], m["kind"], m["place"], m["region"][0] if m["region"] else None)
            for _pk, m in sorted(meetings.items(), key=lambda item: item[1]["order"])
        ],
        "speeches": [
            (meetings[f["meeting"]]["title"], f["order"], f["name_as_printed"], f["title_as_printed"], f["kind"])
            for f in speeches
        ],
    }


def trip_facts(trip):
    return {
        "title": trip.title,
        "name": trip.name,
        "origin": trip.origin.full_name,
        "destinations": sorted(region.full_name for region in trip.destinations.all()),
        "participants": [
            (p.name_as_printed, p.title_as_printed, p.side, p.role, p.person.name if p.person else None)
            for p in trip.participants.order_by("order")
        ],
        "sites": [s.place for s in trip.site_visits.order_by("order")],
        "meetings": [
            (m.title, m.kind, m.place, m.region.full_name if m.region else None)
            for m in trip.meetings.order_by("order")
        ],
        "speeches": [
            (s.meeting.title, s.order, s.name_as_printed, s.title_as_printed, s.kind)
            for s in Speech.objects.filter(meeting__delegation=trip).order_by("meeting__order", "order")
        ],
    }


# The seed report, end to end -------------------------------------------------------------------


def test_the_seed_report_pasted_and_confirmed_once_is_the_fixtures_trip(client, editor):
    response = paste(client, SEED_TEXT)

    assert response.status_code == 200
    assert Delegation.objects.count() == 0
    page = response.content.decode()
    assert "读出的内容" in page and "确认，创建考察草稿" in page

    response = confirm(client, response, **{"trip-start_date": "2024年"})

    trip = Delegation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:visits_delegation_change", args=[trip.pk])
    assert trip_facts(trip) == fixture_facts()
    assert (trip.status, trip.start_date.isoformat(), trip.date_precision) == (Status.DRAFT, "2024-01-01", "year")
    assert trip.source.text == trip.body == Source.objects.get().text
    assert trip.source.text.startswith("　　为深入贯彻落实") and trip.source.text.endswith("仲伟功参加。")
    assert set(trip.meetings.values_list("status", flat=True)) == {Status.DRAFT}
    assert set(Person.objects.values_list("status", flat=True)) == {Status.DRAFT}
    assert trip.site_visits.get(order=1).region.full_name == "内蒙古自治区乌兰察布市察哈尔右翼前旗"
    batch = ImportBatch.objects.get()
    assert (batch.user, batch.file_kind, batch.ledgers, batch.status) == (editor, "报道", "报道", BatchStatus.COMMITTED)


def test_compound_titles_stay_as_printed_and_become_one_appointment_per_post(client, editor):
    response = paste(client, SEED_TEXT)

    confirm(client, response)

    trip = Delegation.objects.get()
    printed = dict(trip.participants.values_list("name_as_printed", "title_as_printed"))
    assert (printed["冀宏"], printed["奇飞云"], printed["周祥伟"]) == (
        "乌兰察布市政协副主席、察右前旗委书记",
        "乌兰察布市委副书记、市长",
        "锡林郭勒盟领导",
    )
    posts = {
        name: list(Appointment.objects.filter(person__name=name).order_by("pk").values_list("title", flat=True))
        for name in ("冀宏", "奇飞云", "额尔德尼", "王有国")
    }
    assert posts == {
        "冀宏": ["乌兰察布市政协副主席", "察右前旗委书记"],
        "奇飞云": ["乌兰察布市委副书记", "乌兰察布市市长"],
        "额尔德尼": ["正镶白旗委副书记", "正镶白旗旗长"],
        "王有国": ["区委书记"],
    }
    assert set(Appointment.objects.values_list("source", flat=True)) == {trip.source_id}


def test_unnamed_speakers_are_speeches_without_a_person_and_may_be_kept_as_participants(client, editor):
    response = paste(client, SEED_TEXT)
    participants = response.context["participants"]
    rows = [form.initial for form in participants.forms[: participants.initial_form_count()]]
    unnamed = [i for i, row in enumerate(rows) if not row["name"]]
    assert [(rows[i]["title"], rows[i]["DELETE"]) for i in unnamed] == [
        ("大兴区相关单位负责人", True),
        ("大兴区相关部门负责人", True),
    ]

    confirm(client, response, **{f"people-{unnamed[0]}-DELETE": ""})

    unnamed_speeches = Speech.objects.filter(name_as_printed="").order_by("meeting__order")
    assert [(s.title_as_printed, s.person, s.kind) for s in unnamed_speeches] == [
        ("大兴区相关单位负责人", None, "briefing"),
        ("大兴区相关部门负责人", None, "briefing"),
    ]
    kept = Participant.objects.get(name_as_printed="")
    assert (kept.title_as_printed, kept.person, kept.side, kept.role) == (
        "大兴区相关单位负责人",
        None,
        "visiting",
        "member",
    )


@pytest.mark.parametrize(
    ("case", "leader", "title", "name"),
    [
        ("000_seed_daxing.txt", "王有国", "区委书记", "大兴区党政代表团"),  # 区委书记王有国率…代表团
        ("001_miyun_kulun.txt", "刘建华", "区委书记", "密云区党政代表团"),  # …代表团在区委书记刘建华带领下
        ("002_xicheng_elunchun.txt", "孙立新", "区委副书记、区长", "西城区党政代表团"),  # 由…带队，…代表团
    ],
)
def test_the_leader_is_found_before_or_after_the_verb(client, editor, case, leader, title, name):
    response = paste(client, case_text(case))
    # 002's remarks were made outside any meeting: staff drop them to confirm.
    outside = {
        f"speeches-{index}-DELETE": "on"
        for index, form in enumerate(response.context["speeches"].forms)
        if form.initial.get("meeting") == 0
    }

    confirm(client, response, **outside)

    trip = Delegation.objects.get()
    leaders = trip.participants.filter(role="leader", side="visiting")
    assert [(p.name_as_printed, p.title_as_printed, p.person.name) for p in leaders] == [(leader, title, leader)]
    assert trip.name == name


def test_a_report_with_no_meeting_makes_a_trip_with_site_visits_only(client, editor):
    response = paste(client, case_text("002_xicheng_elunchun.txt"), published_on="2024-09-12")
    page = response.content.decode()

    confirm(client, response, **{"speeches-0-DELETE": "on"})

    trip = Delegation.objects.get()
    assert (Meeting.objects.count(), Speech.objects.count()) == (0, 0)
    assert trip.site_visits.count() >= 1
    # 近日 with a publication date: the month of publication, flagged on the review page.
    assert (trip.start_date.isoformat(), trip.date_precision) == ("2024-09-01", "month")
    assert "推断" in page
    assert trip.source.published_on.isoformat() == "2024-09-12"


def test_remarks_outside_any_meeting_reach_the_review_with_their_sentence(client, editor):
    text = case_text("002_xicheng_elunchun.txt")
    response = paste(client, text, published_on="2024-09-12")

    speeches = response.context["speeches"]
    row = speeches.forms[0]
    sentence = text.index("孙立新表示")
    assert [form.initial.get("name") for form in speeches.forms[: speeches.initial_form_count()]] == ["孙立新"]
    assert (row.initial["meeting"], row.initial["kind"], row.initial["sentence"]) == (0, "remark", sentence)
    assert row.initial["points"].startswith("西城区将持续深化与鄂伦春自治旗的结对协作")
    page = response.content.decode()
    assert f'id="s-{sentence}" class="report-sentence has-item"' in page
    assert '<option value="0" selected>不在会议中</option>' in page


def test_what_the_reader_is_unsure_of_is_marked_beside_the_row(client, editor):
    text = "区委书记王有国率大兴区党政代表团到察右前旗考察。察右前旗委书记冀宏、李振华陪同考察。王有国表示，感谢支持。"

    response = paste(client, text)

    people = {form.initial.get("name"): form.initial.get("doubt") for form in response.context["participants"].forms}
    assert (people["王有国"], people["冀宏"]) == ("", "")
    assert people["李振华"] == "职务是前一位的“察右前旗委书记”，沿用到此人：请核对是否也是其职务"
    assert "请核对：职务是前一位的“察右前旗委书记”" in response.content.decode()


def test_remarks_outside_meetings_are_placed_by_staff_before_anything_is_written(client, editor):
    response = paste(client, case_text("002_xicheng_elunchun.txt"), published_on="2024-09-12")

    refused = confirm(client, response)
    written_on_refusal = Delegation.objects.count()
    placed = confirm(
        client,
        response,
        **{
            "meetings-0-title": "鄂伦春自治旗调研座谈",
            "meetings-0-kind": "symposium",
            "meetings-0-place": "鄂伦春自治旗",
            "speeches-0-meeting": "1",
        },
    )

    assert refused.status_code == 200
    assert "发言只能记在会议下" in refused.content.decode()
    assert written_on_refusal == 0
    assert placed.status_code == 302
    speech = Speech.objects.select_related("meeting").get()
    assert (speech.meeting.title, speech.name_as_printed, speech.title_as_printed, speech.kind) == (
        "鄂伦春自治旗调研座谈",
        "孙立新",
        "区委副书记、区长",
        "remark",
    )


def test_a_text_that_is_not_about_a_trip_says_so_and_offers_nothing_to_create(client, editor):
    response = paste(client, case_text("004_policy_notice.txt"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "这不是一篇代表团考察的报道" in page
    assert "确认，创建考察草稿" not in page and "<form method=\"post\" novalidate>" not in page
    assert client.post(response.wsgi_request.path, {"trip-title": "编造的考察"}).status_code == 200
    assert (Delegation.objects.count(), ImportBatch.objects.count(), Person.objects.count()) == (0, 0, 0)


def test_a_megabyte_of_text_is_refused_with_a_clear_message(client, editor):
    text = (SEED_TEXT * 200)[: 1024 * 1024 // 3]
    assert len(text.encode("utf-8")) >= 1_000_000

    response = paste(client, text)

    assert response.status_code == 200
    [message] = response.context["form"].errors["text"]
    assert message.startswith("文字过长（共 3495")
    assert message.endswith("字）：一篇报道最多 50000 字。请只粘贴一篇报道的正文。")
    assert "report_reviews" not in client.session


def test_a_megabyte_file_is_refused_with_a_clear_message(client, editor):
    data = ("京蒙协作" * 90_000).encode("utf-8")

    response = client.post(reverse(START), {"files": [SimpleUploadedFile("大.txt", data)]})

    assert response.status_code == 200
    page = response.content.decode()
    assert "无法读取：文字过长（共 360000 字）" in page
    assert Delegation.objects.count() == 0


HOSTILE = """<html><head><meta charset="utf-8"><title>x</title>
<script>alert("title")</script><style>body{background:url(javascript:alert(1))}</style></head>
<body onload="alert('body')">
<p>　　近日，区委书记王有国率大兴区党政代表团到内蒙古自治区乌兰察布市察右前旗对接考察。
乌兰察布市委副书记、市长奇飞云<img src=x onerror="alert('img')">参加。</p>
<p>　　在<a href="javascript:alert('link')">察右前旗人才公寓</a>，代表团了解
&lt;script&gt;alert("text")&lt;/script&gt;帮扶人员服务保障情况。</p>
<iframe src="javascript:alert('frame')"></iframe>
</body></html>"""


def test_hostile_html_in_an_uploaded_file_never_reaches_the_page_unescaped(client, editor):
    upload = SimpleUploadedFile("报道.html", HOSTILE.encode("utf-8"), content_type="text/html")

    response = client.post(reverse(START), {"files": [upload]}, follow=True)

    page = response.content.decode()
    assert response.status_code == 200
    assert "察右前旗人才公寓" in page and "奇飞云" in page
    assert "&lt;script&gt;alert(&quot;text&quot;)&lt;/script&gt;" in page
    for hostile in ("alert(\"title\")", "alert('body')", "onerror", "onload", "javascript:", "<iframe", "<img src=x"):
        assert hostile not in page
    assert "<script>alert" not in page


def test_a_docx_and_a_gb18030_text_upload_are_listed_for_review_one_by_one(client, editor):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for paragraph in case_text("001_miyun_kulun.txt").split("\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    files = [
        SimpleUploadedFile("密云.docx", buffer.getvalue()),
        SimpleUploadedFile("大兴.txt", SEED_TEXT.encode("gb18030")),
        SimpleUploadedFile("通知.txt", case_text("004_policy_notice.txt").encode("utf-8")),
        SimpleUploadedFile("表格.xlsx", b"PK\x03\x04"),
    ]

    response = client.post(reverse(START), {"files": files})

    entries = response.context["entries"]
    assert [(e["name"], e.get("kind"), e.get("is_trip"), e.get("refused", "")) for e in entries] == [
        ("密云.docx", "DOCX", True, ""),
        ("大兴.txt", "TXT", True, ""),
        ("通知.txt", "TXT", False, ""),
        ("表格.xlsx", None, None, "只能上传 .txt、.docx 或 .html 文件。"),
    ]
    review = client.get(reverse("admin:visits_delegation_report_review", args=[entries[1]["token"]]))
    assert review.context["trip_form"].initial["name"] == "大兴区党政代表团"
    assert Delegation.objects.count() == 0



def test_a_docx_is_read_in_its_own_order_with_a_table_where_the_report_puts_it():
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("7月1日，区委书记余卫国率密云区党政代表团赴库伦旗考察。参加座谈的有：")
    table = document.add_table(rows=2, cols=2)
    people = [("库伦旗委书记", "周粮源"), ("库伦旗委副书记、旗长", "王薇")]
    for row, (title, name) in zip(table.rows, people, strict=True):
        row.cells[0].text, row.cells[1].text = title, name
    document.add_paragraph("余卫国表示，密云区将持续深化协作。")
    buffer = io.BytesIO()
    document.save(buffer)

    text, kind, _ = read_report_file("密云.docx", buffer.getvalue())

    assert kind == "DOCX"
    assert text.split("\n") == [
        "7月1日，区委书记余卫国率密云区党政代表团赴库伦旗考察。参加座谈的有：",
        "库伦旗委书记\t周粮源",
        "库伦旗委副书记、旗长\t王薇",
        "余卫国表示，密云区将持续深化协作。",
    ]

def test_a_broken_docx_is_refused_with_a_message(client, editor):
    response = client.post(reverse(START), {"files": [SimpleUploadedFile("坏.docx", b"not a zip file")]})

    assert response.status_code == 200
    assert "无法读取这个 .docx 文件" in response.content.decode()


def test_staff_without_the_import_permission_get_403(client, django_user_model):
    user = make_staff(django_user_model, "viewer")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_delegation", "add_delegation"]))
    client.force_login(user)

    assert client.get(reverse(START)).status_code == 403
    assert client.post(reverse(START), {"text": SEED_TEXT}).status_code == 403
    assert client.get(reverse("admin:visits_delegation_report_review", args=["abc"])).status_code == 403
    assert "从报道创建" not in client.get(reverse("admin:visits_delegation_changelist")).content.decode()


def test_the_trip_list_offers_the_review_to_staff_who_may_import(client, editor):
    page = client.get(reverse("admin:visits_delegation_changelist")).content.decode()

    assert reverse(START) in page and "从报道创建" in page


def test_rolling_back_the_batch_removes_the_draft_and_everything_it_made(client, editor, django_user_model):
    existing = make_person("王有国")
    response = paste(client, SEED_TEXT)
    confirm(client, response)
    batch = ImportBatch.objects.get()
    assert Delegation.objects.count() == 1 and Person.objects.count() == 13

    rollback(batch, user=editor)

    assert (
        Delegation.objects.count(),
        Participant.objects.count(),
        SiteVisit.objects.count(),
        Meeting.objects.count(),
        Speech.objects.count(),
        Source.objects.count(),
    ) == (0, 0, 0, 0, 0, 0)
    assert list(Person.objects.all()) == [existing]
    assert Appointment.objects.filter(person=existing).count() == 0
    assert ImportBatch.objects.get().status == BatchStatus.ROLLED_BACK


def test_an_existing_person_is_linked_and_same_name_people_must_be_chosen(client, editor):
    wang = make_person("王有国", disambiguation="大兴区委书记")
    other = make_person("王有国", disambiguation="某县县长")
    zhang = make_person("张佰成")
    response = paste(client, SEED_TEXT)
    people = {row["name"]: row for row in response.context["people"].bound_rows()}
    assert len(people["王有国"]["candidates"]) == 2 and people["张佰成"]["choice"].value() == str(zhang.pk)
    assert people["冀宏"]["choice"].value() == "new"
    key = people["王有国"]["key"]

    refused = confirm(client, response)

    assert refused.status_code == 200
    assert refused.context["people"].errors[key] == ["有 2 位同名的“王有国”：请选择是哪一位，或新建人物。"]
    assert Delegation.objects.count() == 0

    confirm(client, response, **{key: str(wang.pk)})

    trip = Delegation.objects.get()
    assert trip.participants.get(name_as_printed="王有国").person == wang
    assert set(Speech.objects.filter(name_as_printed="王有国").values_list("person", flat=True)) == {wang.pk}
    assert trip.participants.get(name_as_printed="张佰成").person == zhang
    assert Person.objects.filter(name="王有国").count() == 2 and other.participations.count() == 0


def test_a_new_person_beside_a_same_name_one_needs_a_distinct_label(client, editor):
    make_person("冀宏")
    response = paste(client, SEED_TEXT)
    key = next(row["key"] for row in response.context["people"].bound_rows() if row["name"] == "冀宏")

    refused = confirm(client, response, **{key: "new"})

    assert refused.context["people"].errors[key + "_d"] == [
        "已有同名的“冀宏”：新建时请填写与其不同的区分说明（如职务）。"
    ]

    confirm(client, response, **{key: "new", key + "_d": "察右前旗委书记"})

    assert sorted(Person.objects.filter(name="冀宏").values_list("disambiguation", flat=True)) == ["", "察右前旗委书记"]


def test_staff_correct_drop_and_add_items_before_confirming(client, editor):
    response = paste(client, SEED_TEXT)
    sites = response.context["sites"]
    speeches = response.context["speeches"]
    n_sites, n_speeches = sites.initial_form_count(), speeches.initial_form_count()

    confirm(
        client,
        response,
        **{
            "sites-3-DELETE": "on",
            f"sites-{n_sites}-place": "察右前旗京蒙协作产业园",
            f"sites-{n_sites}-description": "察看产业园建设情况",
            f"sites-{n_sites}-ORDER": "1",
            "sites-0-ORDER": "2",
            "sites-1-ORDER": "3",
            "sites-2-ORDER": "4",
            "meetings-0-title": "察右前旗京蒙协作座谈会",
            f"speeches-{n_speeches}-meeting": "2",
            f"speeches-{n_speeches}-name": "姚茂文",
            f"speeches-{n_speeches}-title": "大兴区领导",
            f"speeches-{n_speeches}-kind": "remark",
            f"speeches-{n_speeches}-points": "两地要深化协作。",
            "trip-destinations": "察右前旗",
        },
    )

    trip = Delegation.objects.get()
    assert list(trip.site_visits.order_by("order").values_list("place", flat=True)) == [
        "察右前旗京蒙协作产业园",
        "乌兰察布延彩生态农业发展有限公司大哈拉运营区",
        "正镶白旗人才公寓",
        "星耀镇京蒙现代农业科技产业园科技种植示范基地",
    ]
    assert list(trip.meetings.values_list("title", flat=True)) == [
        "察右前旗京蒙协作座谈会",
        "正镶白旗京蒙协作工作座谈会",
    ]
    last = Speech.objects.filter(meeting__order=2).order_by("order").last()
    assert (last.name_as_printed, last.kind, last.points, last.person.name) == (
        "姚茂文",
        "remark",
        "两地要深化协作。",
        "姚茂文",
    )
    assert [r.short_name for r in trip.destinations.all()] == ["察右前旗"]


def test_bad_corrections_are_shown_and_nothing_is_written(client, editor):
    response = paste(client, SEED_TEXT)

    refused = confirm(
        client,
        response,
        **{
            "trip-destinations": "察右前旗、火星",
            "trip-start_date": "2024年13月",
            "people-0-name": "王（有国）",
            "speeches-0-meeting": "9",
        },
    )

    assert refused.status_code == 200
    assert refused.context["trip_form"].errors["destinations"] == [
        "未知的行政区划“火星”；请写旗县区的正式名称或简称，如 察右前旗、大兴区"
    ]
    assert "start_date" in refused.context["trip_form"].errors
    assert refused.context["participants"].forms[0].errors["name"] == [
        "姓名中不能有括号、分号或换行；职务请写在“职务”栏。"
    ]
    assert "meeting" in refused.context["speeches"].forms[0].errors
    assert (Delegation.objects.count(), ImportBatch.objects.count(), Person.objects.count()) == (0, 0, 0)


def test_a_confirmed_report_is_gone_from_the_session_and_a_second_paste_warns(client, editor):
    response = paste(client, SEED_TEXT)
    path = response.wsgi_request.path
    confirm(client, response)

    again = client.get(path, follow=True)

    assert again.redirect_chain[-1][0] == reverse(START)
    page = paste(client, SEED_TEXT).content.decode()
    assert "这篇报道已经创建过考察活动" in page


def test_the_audit_log_records_each_creation_and_each_refusal(client, editor, django_user_model):
    confirm(client, paste(client, SEED_TEXT))
    batch = ImportBatch.objects.get()
    outsider = make_staff(django_user_model, "outsider")
    client.force_login(outsider)
    client.get(reverse(START))

    entries = AuditEntry.objects.filter(event="import").order_by("id")
    assert [(e.username, e.outcome, e.object_id, e.detail) for e in entries] == [
        ("editor", "success", str(batch.pk), f"从报道创建考察草稿：{Delegation.objects.get().title}"),
        ("outsider", "denied", "", "没有权限：从报道创建考察"),
    ]


def test_pasting_and_uploading_at_once_asks_for_one_of_them(client, editor):
    upload = SimpleUploadedFile("报道.txt", SEED_TEXT.encode("utf-8"))

    response = client.post(reverse(START), {"text": SEED_TEXT, "files": [upload]})

    assert response.context["form"].non_field_errors() == ["请粘贴文字或上传文件，二者选一。"]
    assert "report_reviews" not in client.session


def test_a_docx_that_unpacks_into_too_much_is_refused_before_it_is_parsed(client, editor):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/image1.png", b"\0" * (70 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024

    response = client.post(reverse(START), {"files": [SimpleUploadedFile("炸弹.docx", buffer.getvalue())]})

    assert "这个 .docx 文件解压后过大（70 MB）" in response.content.decode()


@pytest.mark.django_db
def test_the_reader_places_townships_where_the_region_table_has_them():
    seed = case_text("000_seed_daxing.txt")
    before = extract_report(seed).site_visits[2].region
    make_region("星耀镇", parent=region("正镶白旗"), short_name="星耀")

    after = extract_report(seed).site_visits[2].region

    assert before is None
    assert (after.name, after.full_name) == ("星耀镇", "内蒙古自治区锡林郭勒盟正镶白旗星耀镇")


def test_a_traditional_character_report_becomes_a_trip_in_the_region_tables_names(client, editor):
    text = (ROOT / "tests" / "visits" / "report_corpus" / "102_elunchun_to_xicheng_traditional.txt").read_text(
        encoding="utf-8"
    )
    response = paste(client, text, published_on="2025-04-10")

    confirmed = confirm(client, response)

    assert confirmed.status_code == 302
    trip = Delegation.objects.get()
    assert (trip.name, trip.kind, trip.start_date.isoformat()) == (
        "内蒙古自治区呼伦贝尔市鄂伦春自治旗党政代表团",
        "visit",
        "2025-04-09",
    )
    assert trip.origin.name == "鄂伦春自治旗"
    assert sorted((p.name_as_printed, p.title_as_printed, p.side) for p in trip.participants.all()) == [
        ("刘东伟", "西城区委书记", "host"),
        ("晋洪生", "鄂伦春自治旗委书记", "visiting"),
    ]
    speeches = Speech.objects.filter(meeting__delegation=trip).order_by("order")
    assert [(s.name_as_printed, s.kind) for s in speeches] == [("晋洪生", "remark"), ("刘东伟", "remark")]
    assert speeches[0].points.startswith("对西城区长期以来对鄂伦春自治旗的帮助与支援表示感谢")



def test_a_report_set_in_lines_of_one_width_is_reviewed_as_its_paragraphs(client, editor):
    """A copy from a PDF or a newspaper page: the page shows its paragraphs, highlights whole
    sentences at their place in the text pasted, which is what is stored; the trip reads as the
    report does."""
    lines = copied(SEED_TEXT, "wrapped")
    as_printed = extract_report(SEED_TEXT)

    response = paste(client, lines)
    (pending,) = client.session["report_reviews"].values()
    page = response.content.decode()

    trip = response.context["trip_form"].initial
    assert pending["text"] == lines.strip("\n ") and lines.count("\n") > 2 * SEED_TEXT.count("\n")
    assert (trip["title"], trip["summary"]) == (
        lead_title(SEED_TEXT, as_printed),
        SEED_TEXT[slice(*as_printed.delegation.span)],
    )
    shown = re.findall(r'<span id="s-(\d+)" class="report-sentence has-item">([^<]*)</span>', page)
    sentences = {int(start): text for start, text in shown}
    people = response.context["participants"].forms[: response.context["participants"].initial_form_count()]
    assert [form.initial["name"] for form in people] == [person.name for person in as_printed.participants]
    for form in people:
        assert form.initial["name"] in sentences[form.initial["sentence"]]
    assert f"已把段落内的 {lines_joined(lines)} 处换行连起来读取" in page and lines_joined(lines) > 20
    whole = {sentence.text for sentence in split_sentences(SEED_TEXT)}
    assert len(sentences) > 10 and [text for text in sentences.values() if text not in whole] == []



def test_the_lines_the_reader_left_out_are_shown_quieter_and_say_why(client, editor):
    """A whole page pasted: its location bar and links to other reports are shown, marked as not read."""
    page_copy = copied(widened(SEED_TEXT), "page")

    page = paste(client, page_copy).content.decode()
    quiet = r'<span id="s-\d+" class="report-sentence is-unread" title="未读取：[^"]*">([^<]*)</span>'
    unread = [html.unescape(text) for text in re.findall(quiet, page)]

    first_paragraph = [sentence.text for sentence in split_sentences(SEED_TEXT.split("\n")[0])]
    assert unread == [
        "当前位置：首页 > 新闻中心 > 工作动态",
        # The seed opens with no headline: its first paragraph, printed again above it as the
        # page's title, is read there and left out here.
        *first_paragraph,
        "【打印本页】【关闭窗口】",
        "上一篇：丰台区党政代表团赴阿拉善盟考察对接京蒙协作工作",
        "下一篇：赤峰市党政代表团来京考察 区委书记李明会见代表团一行",
        "相关新闻",
        "密云区卫健委专家团队赴库伦旗开展义诊活动",
        "锡林郭勒盟医疗代表团到西城区对接京蒙协作工作",
        "扫一扫在手机打开当前页",
    ]
    assert "is-unread" not in paste(client, SEED_TEXT).content.decode()

MIRRORS = ROOT / "tests" / "visits" / "report_corpus" / "pinyin_mirrors"
PINYIN_NOTICE = "已去除镜像网站插入的拼音注音（%s 处）及其多加的标点"


def test_a_copy_pasted_from_a_pinyin_mirror_is_reviewed_without_the_pinyin_and_the_reviewer_is_told(client, editor):
    mirrored = (MIRRORS / "205.txt").read_text(encoding="utf-8")
    report = ROOT / "tests" / "visits" / "report_corpus" / "205_changping_head_to_taipusi_pinyin_mirror.txt"

    response = paste(client, mirrored, published_on="2024-08-02")
    page = response.content.decode()
    (pending,) = client.session["report_reviews"].values()

    assert PINYIN_NOTICE % 45 in page
    assert "區(qū)" in mirrored and "(qū)" not in page
    assert pending["text"] == report.read_text(encoding="utf-8").strip()
    assert response.context["trip_form"].initial["origin"] == "昌平区"


def test_a_report_with_no_pinyin_says_nothing_of_it(client, editor):
    response = paste(client, SEED_TEXT)

    assert "拼音注音" not in response.content.decode()


def test_uploaded_mirror_copies_say_the_pinyin_was_taken_out_in_the_list_and_on_a_text_of_no_trip(client, editor):
    files = [
        SimpleUploadedFile("205.txt", (MIRRORS / "205.txt").read_bytes()),
        SimpleUploadedFile("209.txt", (MIRRORS / "209.txt").read_bytes()),
        SimpleUploadedFile("大兴.txt", SEED_TEXT.encode("utf-8")),
    ]

    listed = client.post(reverse(START), {"files": files})
    entries = listed.context["entries"]
    no_trip = client.get(reverse("admin:visits_delegation_report_review", args=[entries[1]["token"]]))

    assert [(e["name"], e["is_trip"], e["annotations_removed"]) for e in entries] == [
        ("205.txt", True, 45),
        ("209.txt", False, 36),
        ("大兴.txt", True, 0),
    ]
    assert listed.content.decode().count("拼音注音") == 2
    assert "这不是一篇代表团考察的报道" in no_trip.content.decode()
    assert PINYIN_NOTICE % 36 in no_trip.content.decode()


# --- files built to exhaust the server ------------------------------------------------------------


def docx_of_xml(megabytes):
    """A valid .docx whose document part holds `megabytes` of paragraph XML: it zips to almost nothing."""
    paragraph = "<w:p><w:r><w:t>京蒙协作</w:t></w:r></w:p>"
    body = paragraph * (megabytes * 1024 * 1024 // len(paragraph.encode()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            'document.main+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>'))
        archive.writestr("word/document.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'))
    return buffer.getvalue()


def test_a_docx_of_megabytes_of_xml_is_refused_before_it_is_parsed(client, editor, monkeypatch):
    import docx

    parsed = []
    monkeypatch.setattr(docx, "Document", lambda *args: parsed.append(args) or pytest.fail("parsed"))
    data = docx_of_xml(40)
    assert len(data) < 1024 * 1024  # small on the wire

    response = client.post(reverse(START), {"files": [SimpleUploadedFile("大.docx", data)]})

    [entry] = response.context["entries"]
    assert entry["refused"] == "这个 .docx 文件的文字部分解压后过大（40 MB，最多 4 MB）；请另存为 .txt 再上传。"
    assert parsed == []


@pytest.mark.parametrize("charset", ["punycode", "idna", "rot13", "uu_codec", "zlib", "utf-7", "x-unknown"])
def test_an_html_page_declaring_an_odd_codec_is_read_as_utf8(charset):
    """Python's punycode decoder takes quadratic time: a page naming it must not reach it."""
    from visits.report_import.review import _decode_html

    page = f'<html><head><meta charset="{charset}"></head><body><p>Jing-Meng +ADw-b+AD4- a-b</p></body></html>'

    assert _decode_html(page.encode("ascii")) == (page, "UTF-8")


@pytest.mark.parametrize("charset", ["gb18030", "GBK", "gb2312", "big5", "utf-8", "UTF8"])
def test_an_html_page_in_a_chinese_encoding_is_read_in_it(charset):
    from visits.report_import.review import _decode_html

    text = f'<html><head><meta charset="{charset}"></head><body><p>京蒙合作</p></body></html>'

    assert _decode_html(text.encode(charset))[0] == text


def test_an_upload_larger_than_any_file_the_site_takes_is_refused_before_it_is_read(client, editor, settings):
    """The body is never read: the test client's stream would fail if more were asked of it."""
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    small = SimpleUploadedFile("报道.txt", SEED_TEXT.encode("utf-8"))

    response = client.post(reverse(START), {"files": [small]}, CONTENT_LENGTH=str(55 * 1024 * 1024))

    assert response.status_code == 413
    assert "上传的内容过大（55 MB）：本站一次最多接收 1 MB。" in response.content.decode()
    assert Delegation.objects.count() == 0


CORPUS_CASES = sorted((ROOT / "tests" / "visits" / "report_corpus").glob("*.json"))


@pytest.mark.reading
@pytest.mark.parametrize("path", CORPUS_CASES, ids=lambda path: path.stem)
def test_every_corpus_report_reaches_the_review_with_everything_read(client, editor, path):
    case = json.loads(path.read_text(encoding="utf-8"))
    text = (path.parent / case["text"]).read_text(encoding="utf-8")

    response = paste(client, text, published_on=case["published"] or "")

    assert response.status_code == 200
    result = response.context["result"]
    page = response.content.decode()
    if not result.is_trip:
        assert "这不是一篇代表团考察的报道" in page
        return
    speeches = [speech for meeting in result.meetings for speech in meeting.speeches] + result.other_speeches
    rows = response.context
    assert rows["speeches"].initial_form_count() == len(speeches)
    assert rows["sites"].initial_form_count() == len(result.site_visits)
    assert rows["meetings"].initial_form_count() == len(result.meetings)
    assert rows["participants"].initial_form_count() == len(result.participants)
    marked = {
        int(form.initial["sentence"])
        for key in ("speeches", "sites", "participants")
        for form in rows[key].forms
        if form.initial.get("sentence") is not None
    }
    assert [start for start in sorted(marked) if f'id="s-{start}" class="report-sentence has-item"' not in page] == []
