"""Imports go through the gate: 导入即发布 submits the batch, the speech ledger and the shell keep to drafts."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cooperation.models import Appointment, Person
from review.models import Grade, ReviewPolicy, ReviewRequest, Status
from tests.builders import make_delegation, make_editor, make_meeting, make_person, make_publisher, make_speech
from tests.cooperation.ledger_builders import problems, run, speech, speeches_csv, trip, trips_csv
from visits.models import Delegation

pytestmark = pytest.mark.django_db


def test_publishing_an_import_submits_the_batch_and_a_reviewer_approves_it_whole(
        client, django_user_model, first, final):
    publisher = make_publisher(django_user_model)
    data = trips_csv(trip(标题="一号考察", 带队领导="新人甲（区委书记）"), trip(标题="二号考察", 开始日期="2024-07-01"))

    report = run(data, user=publisher, publish=True)

    batch = f"导入批次 {report.batch}"
    assert sorted(Delegation.objects.values_list("title", "status")) == [("一号考察", "review"), ("二号考察", "review")]
    assert Person.objects.get(name="新人甲").status == Status.REVIEW
    assert set(ReviewRequest.objects.values_list("batch", "state", "current_step")) == {(batch, "pending", "first")}
    for reviewer in (first, final):
        client.force_login(reviewer)
        selected = list(ReviewRequest.objects.pending().values_list("pk", flat=True))
        client.post(reverse("admin:review_reviewrequest_changelist"),
                    {"action": "approve_current_step", "_selected_action": selected})
    assert set(Delegation.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert Person.objects.get(name="新人甲").status == Status.PUBLISHED


def test_publishing_an_import_signs_off_alone_only_where_the_chain_is_final_alone(django_user_model):
    ReviewPolicy.objects.filter(grade=Grade.NORMAL).update(first_review=False, second_review=False)
    publisher = make_publisher(django_user_model)

    run(trips_csv(trip(标题="只需终审的考察")), user=publisher, publish=True)

    assert Delegation.objects.get().status == Status.PUBLISHED
    assert list(ReviewRequest.objects.values_list("state", "steps")) == [("approved", ["final"])]


def test_a_publish_import_holding_a_forbidden_word_waits_for_review_even_with_one_step(django_user_model):
    ReviewPolicy.objects.filter(grade=Grade.NORMAL).update(first_review=False, second_review=False)
    publisher = make_publisher(django_user_model)

    run(trips_csv(trip(标题="含禁用词的考察", 摘要="文中误写了台独二字")), user=publisher, publish=True)

    assert Delegation.objects.get().status == Status.REVIEW


def test_the_speech_ledger_does_not_change_a_published_meeting_for_an_editor(django_user_model):
    meeting = make_meeting(make_delegation(code="T9", title="已发布的考察"), title="已发布的座谈会")
    make_speech(meeting, name_as_printed="王有国", title_as_printed="区委书记", points="原要点")

    report = run(speeches_csv(speech(活动编号="T9", 会议="已发布的座谈会", 要点="改过的要点"),
                              speech(活动编号="T9", 会议="已发布的座谈会", 发言人="新人乙", 职务="旗长")),
                 user=make_editor(django_user_model))

    assert [message for _row, _column, _value, message in problems(report)] == [
        "这条记录已发布或已撤回，只有审核发布人员可以通过导入修改它"] * 2
    assert list(meeting.speeches.values_list("points", flat=True)) == ["原要点"]


def test_the_shell_imports_without_a_user_as_drafts_only(tmp_path, django_user_model):
    make_delegation(code="T8", title="已发布的考察", summary="原摘要")
    path = tmp_path / "trips.csv"
    path.write_bytes(trips_csv(trip(编号="T8", 标题="已发布的考察", 摘要="改过的摘要")))

    with pytest.raises(CommandError):
        call_command("import_ledger", str(path))
    with pytest.raises(CommandError, match="导入即发布须以 --user"):
        call_command("import_ledger", str(path), "--publish", "--user", make_editor(django_user_model).username)

    assert Delegation.objects.get().summary == "原摘要"


def test_a_report_adds_a_published_persons_new_post_as_a_pending_change(client, django_user_model, first, final):
    from tests.visits.test_report_review import SEED_TEXT, confirm, paste

    zhang = make_person("张佰成")
    client.force_login(make_editor(django_user_model, "report-editor"))

    confirm(client, paste(client, SEED_TEXT))

    review = ReviewRequest.objects.get(content_type__model="person", object_id=zhang.pk)
    assert (review.action, zhang.appointments.count()) == ("change", 0)
    for reviewer, opinion in ((first, "同意。"), (final, "同意签发。")):
        client.force_login(reviewer)
        client.post(reverse("admin:cooperation_person_review", args=[zhang.pk]),
                    {"_decision": "approve", "opinion": opinion})
    assert list(Appointment.objects.filter(person=zhang).values_list("title", flat=True)) == [
        "内蒙古自治区政协副主席", "锡林郭勒盟委书记"]
