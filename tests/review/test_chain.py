"""The approval chain per grade: who may take which step, and when a record becomes public."""

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from review import publishing
from review.models import Grade, ReviewPolicy, ReviewRequest, Status
from tests.builders import delegation_form_data, make_delegation, make_project, review_decision

pytestmark = pytest.mark.django_db


def submit_in_admin(client, user, trip, **overrides):
    client.force_login(user)
    url = reverse("admin:visits_delegation_change", args=[trip.pk])
    return client.post(url, delegation_form_data(trip, status="review", **overrides))


def decide(client, user, record, decision="approve", **kwargs):
    client.force_login(user)
    response = review_decision(client, record, decision, **kwargs)
    record.refresh_from_db()
    return response


def public_status(client, record):
    client.logout()
    return client.get(record.get_absolute_url()).status_code


def test_a_normal_record_goes_through_first_review_then_sign_off(client, editor, first, final):
    trip = make_delegation(status=Status.DRAFT)

    submit_in_admin(client, editor, trip)
    trip.refresh_from_db()
    review = ReviewRequest.objects.get()
    assert (trip.status, review.steps, review.current_step) == ("review", ["first", "final"], "first")

    decide(client, first, trip, opinion="内容属实。")
    assert (trip.status, trip.published_at, public_status(client, trip)) == ("review", None, 404)

    decide(client, final, trip, opinion="同意发布。")
    review.refresh_from_db()
    assert (trip.status, review.state, review.current_step) == ("published", "approved", "")
    assert trip.published_at is not None
    assert public_status(client, trip) == 200
    assert [(o.step, o.decision, o.reviewer.username, o.opinion) for o in review.opinions.all()] == [
        ("first", "approve", "chu", "内容属实。"), ("final", "approve", "zhong", "同意发布。"),
    ]


@pytest.mark.parametrize("grade", [Grade.IMPORTANT, Grade.SENSITIVE])
def test_important_and_sensitive_records_add_second_review_and_stay_hidden_until_sign_off(
    client, editor, first, second, final, grade
):
    trip = make_delegation(status=Status.DRAFT, grade=grade)
    submit_in_admin(client, editor, trip, grade=grade)
    assert ReviewRequest.objects.get().steps == ["first", "second", "final"]

    decide(client, first, trip)
    decide(client, second, trip, opinion="经保密审查可以公开。", secrecy="cleared")
    assert (trip.status, public_status(client, trip)) == ("review", 404)

    decide(client, final, trip)
    assert (trip.status, public_status(client, trip)) == ("published", 200)
    assert [o.secrecy for o in ReviewRequest.objects.get().opinions.all()] == ["", "cleared", ""]


def test_the_chain_of_a_grade_is_set_in_the_policy_and_a_submission_keeps_the_chain_it_started_with(editor):
    trip, other = make_delegation(status=Status.DRAFT), make_delegation(status=Status.DRAFT)
    started = publishing.submit(trip, editor)

    ReviewPolicy.objects.filter(grade=Grade.NORMAL).update(second_review=True)
    later = publishing.submit(other, editor)

    started.refresh_from_db()
    assert (started.steps, later.steps) == (["first", "final"], ["first", "second", "final"])


def test_the_policy_admin_shows_and_changes_the_chains(admin_client):
    policy = ReviewPolicy.objects.get(grade=Grade.NORMAL)

    listing = admin_client.get(reverse("admin:review_reviewpolicy_changelist"))
    admin_client.post(reverse("admin:review_reviewpolicy_change", args=[policy.pk]),
                      {"first_review": "on", "second_review": "on"})

    assert [str(p) for p in listing.context["cl"].result_list] == [
        "一般：初审 → 终审签发", "重要：初审 → 复审 → 终审签发", "敏感：初审 → 复审 → 终审签发",
    ]
    assert ReviewPolicy.objects.get(grade=Grade.NORMAL).steps == ["first", "second", "final"]


def test_the_editor_who_wrote_it_cannot_approve_any_step(client, django_user_model, first, final):
    from accounts.roles import EDITOR, FINAL_REVIEWER, FIRST_REVIEWER
    from tests.builders import make_reviewer

    both = make_reviewer(django_user_model, "wang", EDITOR, FIRST_REVIEWER, FINAL_REVIEWER)
    trip = make_delegation(status=Status.DRAFT)
    submit_in_admin(client, both, trip, title="王写的标题")

    response = decide(client, both, trip)

    review = ReviewRequest.objects.get()
    assert (trip.status, review.current_step, review.opinions.count()) == ("review", "first", 0)
    assert "这是你编写或修改的内容，不能由你审核。" in [str(m) for m in response.wsgi_request._messages]
    denied = AuditEntry.objects.filter(outcome="denied", username="wang").values_list("detail", flat=True)
    assert list(denied) == ["这是你编写或修改的内容，不能由你审核。"]


def test_someone_who_edited_the_draft_cannot_approve_it_even_if_someone_else_submitted(
    client, django_user_model, editor, final
):
    from accounts.roles import EDITOR, FIRST_REVIEWER
    from tests.builders import make_reviewer

    helper = make_reviewer(django_user_model, "wang", EDITOR, FIRST_REVIEWER)
    trip = make_delegation(status=Status.DRAFT)
    client.force_login(helper)
    client.post(reverse("admin:visits_delegation_change", args=[trip.pk]),
                delegation_form_data(trip, summary="王补充的摘要"))
    trip.refresh_from_db()
    submit_in_admin(client, editor, trip, summary="王补充的摘要")

    with pytest.raises(publishing.ReviewRefused, match="这是你编写或修改的内容"):
        publishing.approve(ReviewRequest.objects.get(), helper, "同意")


def test_one_person_cannot_approve_two_steps_of_one_submission(client, editor, publisher):
    trip = make_delegation(status=Status.DRAFT)
    submit_in_admin(client, editor, trip)
    decide(client, publisher, trip)

    decide(client, publisher, trip)

    review = ReviewRequest.objects.get()
    assert (trip.status, review.current_step) == ("review", "final")
    assert publishing.refusal(review, publisher) == "你已通过这项申请的前一环节，同一人不能审核两个环节。"


def test_a_step_needs_its_permission(client, editor, second, final):
    trip = make_delegation(status=Status.DRAFT)
    submit_in_admin(client, editor, trip)

    for user in (editor, second, final):
        decide(client, user, trip)

    review = ReviewRequest.objects.get()
    assert (review.current_step, review.opinions.count()) == ("first", 0)
    assert publishing.refusal(review, second) == "你没有“初审”的权限。"


def test_an_opinion_is_required(client, editor, first):
    trip = make_delegation(status=Status.DRAFT)
    submit_in_admin(client, editor, trip)

    response = decide(client, first, trip, opinion="  ")

    assert ReviewRequest.objects.get().current_step == "first"
    assert "请填写审核意见。" in [str(m) for m in response.wsgi_request._messages]


def test_a_rejection_returns_the_record_to_draft_with_the_opinion_shown_to_the_editor(client, editor, first):
    trip = make_delegation(status=Status.DRAFT)
    submit_in_admin(client, editor, trip)

    decide(client, first, trip, "reject", opinion="带队领导的职务写错了，请核对。")
    client.force_login(editor)
    page = client.get(reverse("admin:visits_delegation_change", args=[trip.pk])).content.decode()

    review = ReviewRequest.objects.get()
    assert (trip.status, review.state) == ("draft", "rejected")
    assert "带队领导的职务写错了，请核对。" in page
    assert "在初审被退回" in page


def test_resubmitting_after_a_rejection_starts_a_new_chain_and_keeps_every_opinion(client, editor, first, final):
    trip = make_delegation(status=Status.DRAFT)
    submit_in_admin(client, editor, trip)
    decide(client, first, trip, "reject", opinion="请补充摘要。")
    submit_in_admin(client, editor, trip, summary="补充的摘要")
    decide(client, first, trip, opinion="已补充。")
    decide(client, final, trip)

    client.force_login(editor)
    page = client.get(reverse("admin:visits_delegation_change", args=[trip.pk])).content.decode()
    assert trip.status == "published"
    assert [r.state for r in ReviewRequest.objects.order_by("pk")] == ["rejected", "approved"]
    assert all(opinion in page for opinion in ["请补充摘要。", "已补充。"])


def test_secrecy_review_is_required_at_second_review_and_must_clear(client, editor, first, second):
    trip = make_delegation(status=Status.DRAFT, grade=Grade.IMPORTANT)
    submit_in_admin(client, editor, trip, grade="important")
    decide(client, first, trip)
    review = ReviewRequest.objects.get()

    with pytest.raises(publishing.ReviewRefused, match="复审须填写保密审查结论"):
        publishing.approve(review, second, "同意")
    with pytest.raises(publishing.ReviewRefused, match="不能通过"):
        publishing.approve(review, second, "同意", secrecy="not_cleared")
    with pytest.raises(publishing.ReviewRefused, match="复审须填写保密审查结论"):
        publishing.reject(review, second, "退回")
    publishing.reject(review, second, "涉及工作秘密。", secrecy="not_cleared")

    trip.refresh_from_db()
    assert (trip.status, review.opinions.get(step="second").secrecy) == ("draft", "not_cleared")


def test_a_decision_on_a_step_already_taken_by_someone_else_is_refused(client, django_user_model, editor, first):
    from accounts.roles import FIRST_REVIEWER
    from tests.builders import make_reviewer

    other = make_reviewer(django_user_model, "chu2", FIRST_REVIEWER)
    trip = make_delegation(status=Status.DRAFT)
    submit_in_admin(client, editor, trip)
    decide(client, first, trip, step="first")

    response = decide(client, other, trip, step="first")

    assert "这一环节已由他人处理，请刷新页面后再看。" in [str(m) for m in response.wsgi_request._messages]
    assert ReviewRequest.objects.get().opinions.count() == 1


def test_setting_a_record_in_review_back_to_draft_takes_the_submission_back(client, editor):
    trip = make_delegation(status=Status.DRAFT)
    submit_in_admin(client, editor, trip)

    client.post(reverse("admin:visits_delegation_change", args=[trip.pk]), delegation_form_data(trip, status="draft"))

    trip.refresh_from_db()
    assert (trip.status, ReviewRequest.objects.get().state) == ("draft", "cancelled")


def test_editing_a_record_in_review_restarts_its_chain(client, editor, first):
    trip = make_delegation(status=Status.DRAFT)
    submit_in_admin(client, editor, trip)
    decide(client, first, trip)

    submit_in_admin(client, editor, trip, title="审核中改过的标题")

    assert [(r.state, r.current_step) for r in ReviewRequest.objects.order_by("pk")] == [
        ("superseded", ""), ("pending", "first"),
    ]


def test_the_submit_action_sends_drafts_of_any_publishable_kind(client, editor):
    project = make_project(status=Status.DRAFT)
    client.force_login(editor)

    client.post(reverse("admin:projects_project_changelist"),
                {"action": "submit_selected", "_selected_action": [project.pk]})

    project.refresh_from_db()
    assert (project.status, ReviewRequest.objects.get().record) == ("review", project)


def test_the_review_queue_lists_what_waits_and_links_to_the_review_screen(client, editor, first):
    trip = make_delegation(status=Status.DRAFT, title="待审的考察")
    submit_in_admin(client, editor, trip)
    client.force_login(first)

    page = client.get(reverse("admin:review_reviewrequest_changelist"), {"state__exact": "pending"})

    assert page.status_code == 200
    assert reverse("admin:visits_delegation_review", args=[trip.pk]) in page.content.decode()
