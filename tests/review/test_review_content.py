"""The review screen shows what is being reviewed: the record and its parts as the public will
read them, with a pending change marked against the published version."""

import datetime
from unittest import mock

import pytest
from django.contrib.admin import site
from django.urls import reverse

from review import publishing
from review.models import Status
from tests.builders import (
    delegation_form_data,
    make_delegation,
    make_meeting,
    make_participant,
    make_site_visit,
    make_speech,
)

pytestmark = pytest.mark.django_db


def review_screen(client, user, record):
    client.force_login(user)
    url = reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_review", args=[record.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response


def fields(content):
    return {str(field["label"]): (field["value"], field["old"]) for field in content["fields"]}


def part(content, title):
    found = next(part for part in content["parts"] if str(part["title"]) == title)
    return [(row["state"], [cell["value"] for cell in row["cells"]]) for row in found["rows"]]


def test_a_trip_sent_for_publication_is_shown_with_its_parts(client, editor, first):
    trip = make_delegation(
        title="大兴区代表团到察右前旗考察", status=Status.REVIEW, summary="看了芍药基地。",
        start_date=datetime.date(2024, 6, 1), date_precision="month",
    )
    make_participant(trip, name_as_printed="王有国", title_as_printed="区委书记", role="leader")
    make_site_visit(trip, place="芍药基地", description="了解种植情况")
    make_meeting(trip, title="察右前旗座谈会")
    publishing.submit(trip, editor)

    response = review_screen(client, first, trip)

    content = response.context["content"]
    assert content["marked"] is False
    assert fields(content)["标题"] == ("大兴区代表团到察右前旗考察", None)
    assert fields(content)["开始日期"] == ("2024年6月", None)
    assert "日期精度" not in fields(content) and "网址标识" not in fields(content)
    assert [str(p["title"]) for p in content["parts"]] == ["参加人员", "实地考察", "会议"]
    assert part(content, "参加人员")[0][1][3:5] == ["王有国", "区委书记"]
    assert part(content, "实地考察") == [("", ["0", "—", "芍药基地", "—", "—", "了解种植情况", "—", "—"])]
    page = response.content.decode()
    assert "审核内容" in page and "了解种植情况" in page


def test_a_meeting_is_shown_with_its_speeches(client, editor, first):
    meeting = make_meeting(None, title="对接会", status=Status.REVIEW)
    make_speech(meeting, None, name_as_printed="冀宏", title_as_printed="旗委书记", points="介绍了协作情况。")
    publishing.submit(meeting, editor)

    content = review_screen(client, first, meeting).context["content"]

    assert [str(p["title"]) for p in content["parts"]] == ["发言"]
    assert "介绍了协作情况。" in part(content, "发言")[0][1]


def test_a_change_of_a_published_trip_is_shown_as_it_will_read_with_the_changes_marked(client, publisher, first):
    # The publisher may also delete rows (an editor may not), so all three kinds of change show.
    trip = make_delegation(status=Status.PUBLISHED, title="已发布的考察", summary="旧摘要", body="正文\n第二段")
    kept = make_participant(trip, name_as_printed="张三", title_as_printed="旗长", order=1)
    gone = make_participant(trip, name_as_printed="李四", title_as_printed="副旗长", order=2)
    form = delegation_form_data(trip, summary="新摘要", body="正文\r\n第二段")
    form.pop("status")
    form.update({"participants-TOTAL_FORMS": "3", "participants-INITIAL_FORMS": "2"})
    for index, (participant, title, delete) in enumerate([(kept, "副旗长", ""), (gone, "副旗长", "on")]):
        form.update({
            f"participants-{index}-id": participant.pk, f"participants-{index}-delegation": trip.pk,
            f"participants-{index}-order": participant.order, f"participants-{index}-side": participant.side,
            f"participants-{index}-role": participant.role,
            f"participants-{index}-name_as_printed": participant.name_as_printed,
            f"participants-{index}-title_as_printed": title, f"participants-{index}-person": "",
            f"participants-{index}-DELETE": delete,
        })
    form.update({
        "participants-2-delegation": trip.pk, "participants-2-order": "3", "participants-2-side": "visiting",
        "participants-2-role": "member", "participants-2-name_as_printed": "王五",
        "participants-2-title_as_printed": "局长", "participants-2-person": "",
    })
    client.force_login(publisher)
    client.post(reverse("admin:visits_delegation_change", args=[trip.pk]), form)

    content = review_screen(client, first, trip).context["content"]

    assert content["marked"] is True
    assert fields(content)["摘要"] == ("新摘要", "旧摘要")
    # The form posts CRLF line ends: the same text, not a change a reader would see.
    assert fields(content)["正文"] == ("正文\n第二段", None)
    rows = part(content, "参加人员")
    assert [(state, cells[3], cells[4]) for state, cells in rows] == [
        ("changed", "张三", "副旗长"), ("deleted", "李四", "副旗长"), ("new", "王五", "局长"),
    ]
    participants = next(p for p in content["parts"] if str(p["title"]) == "参加人员")
    assert [cell["changed"] for cell in participants["rows"][0]["cells"]][4] is True


def test_the_review_screen_replays_a_pending_change_once_for_its_list_and_its_content(client, publisher, first):
    # The list of changes and the content as it will read come from one replay of the revision
    # (forms and inline formsets, validated): twice was most of the screen's cost.
    trip = make_delegation(status=Status.PUBLISHED, title="已发布的考察", summary="旧摘要")
    make_participant(trip, name_as_printed="张三", title_as_printed="旗长", order=1)
    make_site_visit(trip, place="芍药基地", description="了解种植情况")
    form = delegation_form_data(trip, summary="新摘要")
    form.pop("status")
    client.force_login(publisher)
    client.post(reverse("admin:visits_delegation_change", args=[trip.pk]), form)
    admin = site._registry[type(trip)]

    with mock.patch.object(admin, "revision_forms", wraps=admin.revision_forms) as replayed:
        response = review_screen(client, first, trip)

    assert replayed.call_count == 1
    assert [(str(label), old, new) for label, old, new in response.context["diff"]] == [("摘要", "旧摘要", "新摘要")]
    assert response.context["content"]["marked"] is True
    assert fields(response.context["content"])["摘要"] == ("新摘要", "旧摘要")


def test_a_pending_change_reads_the_old_pairings_with_their_names_however_many(client, publisher, first):
    # The content shows the pairings a trip is filed under by name (their two regions): read in
    # the pairings' own query, not two more per pairing; the record read once for its checks too.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.builders import make_pairing

    counts = {}
    every = [make_pairing("大兴区", name) for name in ("察右前旗", "察右中旗", "察右后旗")]
    for pairings in (every[:1], every):
        trip = make_delegation(status=Status.PUBLISHED, title="已发布的考察", summary="旧摘要")
        trip.pairings.set(pairings)
        form = delegation_form_data(trip, summary="新摘要", pairings=[p.pk for p in pairings])
        form.pop("status")
        client.force_login(publisher)
        client.post(reverse("admin:visits_delegation_change", args=[trip.pk]), form)
        review_screen(client, first, trip)

        with CaptureQueriesContext(connection) as queries:
            content = review_screen(client, first, trip).context["content"]

        counts[len(pairings)] = len(queries)
        assert fields(content)["结对关系"] == ("、".join(str(p) for p in pairings), None)
        assert fields(content)["摘要"] == ("新摘要", "旧摘要")
    assert counts[1] == counts[3]


def test_every_kind_of_reviewed_record_shows_its_content(client, editor, first):
    # Every record with a status, through its own admin: fields and parts, whatever they are.
    from django.contrib import admin

    from review.admin_base import PublishableAdmin
    from tests.builders import make_person, make_project

    records = {
        "visits.delegation": make_delegation("待审考察", status=Status.REVIEW),
        "visits.meeting": make_meeting(None, title="待审会议", status=Status.REVIEW),
        "projects.project": make_project("待审项目", status=Status.REVIEW),
        "cooperation.person": make_person("待审人物", status=Status.REVIEW),
    }
    reviewed = {
        model._meta.label_lower for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, PublishableAdmin) and model_admin.has_status
    }
    assert reviewed == set(records)
    for record in records.values():
        publishing.submit(record, editor)

        content = review_screen(client, first, record).context["content"]

        assert str(record) in [field["value"] for field in content["fields"]], record


def test_a_change_of_a_reference_record_shows_the_new_name_beside_the_old(client, editor, first):
    from tests.builders import make_delegation, make_topic
    from tests.review.test_parts import post_own_page

    topic = make_topic("旧名称领域")
    make_delegation().topics.add(topic)  # in public use: a change to it waits for the chain
    post_own_page(client, editor, topic, name="新名称领域")

    content = review_screen(client, first, topic).context["content"]

    assert fields(content)["名称"] == ("新名称领域", "旧名称领域")


@pytest.mark.parametrize("count", [1, 4])
def test_the_review_screen_asks_the_same_queries_however_many_parts(
    client, editor, first, django_assert_num_queries, count
):
    from tests.builders import make_person, make_project

    trip = make_delegation("待审考察", status=Status.REVIEW)
    for n in range(count):
        make_participant(trip, make_person(f"人物{n}"), name_as_printed=f"人物{n}", title_as_printed="旗长")
        make_site_visit(trip, place=f"考察点{n}").projects.add(make_project(f"项目{n}"))
        make_speech(make_meeting(trip, title=f"会议{n}"), None, name_as_printed=f"发言人{n}")
    publishing.submit(trip, editor)
    review_screen(client, first, trip)

    with django_assert_num_queries(42):
        review_screen(client, first, trip)


def test_a_change_page_reads_its_record_once_beside_djangos_own_read(client, publisher):
    # What the page shows beside the form (the version it was opened at, the review panel) comes
    # from one read of the record; Django's view reads its own, which the form writes into.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    trip = make_delegation(status=Status.PUBLISHED)
    client.force_login(publisher)
    url = reverse("admin:visits_delegation_change", args=[trip.pk])
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 200
    table, key = connection.ops.quote_name("visits_delegation"), connection.ops.quote_name("id")
    reads = [q["sql"] for q in queries.captured_queries
             if q["sql"].startswith(f"SELECT {table}.{key},") and f"WHERE {table}.{key} = " in q["sql"]]
    assert len(reads) == 2
