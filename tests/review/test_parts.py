"""Parts and references: a speech saved on its own page is a change of its meeting; a topic's change is reviewed.

Before the gate, each of these saves changed the public pages at once and nobody reviewed it.
"""

import pytest
from django.urls import reverse

from review.models import ReviewRequest, Status
from tests.builders import make_delegation, make_meeting, make_speech, make_topic, review_decision
from tests.security.admin_forms import change_form_data

pytestmark = pytest.mark.django_db


def decide(client, user, record, decision="approve", **kwargs):
    client.force_login(user)
    response = review_decision(client, record, decision, **kwargs)
    record.refresh_from_db()
    return response


def public_text(client, record):
    client.logout()
    return client.get(record.get_absolute_url()).content.decode()


def post_own_page(client, user, obj, **changes):
    """Save a record on its own admin change page, changing only `changes`."""
    client.force_login(user)
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    data = change_form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


@pytest.fixture
def meeting():
    trip = make_delegation(title="已发布的考察")
    return make_meeting(trip, title="已发布的座谈会")


def test_a_speech_changed_on_its_page_waits_as_a_change_of_its_meeting(client, editor, first, final, meeting):
    speech = make_speech(meeting, points="原来的发言要点")

    response = post_own_page(client, editor, speech, points="改过的发言要点")

    speech.refresh_from_db()
    review = ReviewRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:visits_meeting_review", args=[meeting.pk])
    assert (speech.points, review.record, review.action, review.author_ids) == (
        "原来的发言要点", meeting, "change", [editor.pk])
    assert "原来的发言要点" in public_text(client, meeting) and "改过的发言要点" not in public_text(client, meeting)

    client.force_login(first)
    screen = client.get(reverse("admin:visits_meeting_review", args=[meeting.pk]))
    assert [(str(label), new) for label, _old, new in screen.context["diff"]] == [("发言", "改动：要点")]
    decide(client, first, meeting, opinion="同意。")
    decide(client, final, meeting, opinion="同意签发。")

    speech.refresh_from_db()
    assert speech.points == "改过的发言要点"
    assert "改过的发言要点" in public_text(client, meeting)


def test_a_speech_added_on_its_page_appears_only_after_sign_off(client, editor, first, final, meeting):
    client.force_login(editor)
    add = reverse("admin:visits_speech_add")
    data = change_form_data(client.get(add))
    data.update({"meeting": str(meeting.pk), "order": "1", "kind": "speech", "name_as_printed": "门禁新人",
                 "title_as_printed": "新职务", "points": "新增的发言"})

    response = client.post(add, data)

    assert response.status_code == 302
    assert meeting.speeches.count() == 0
    assert "新增的发言" not in public_text(client, meeting)
    decide(client, first, meeting)
    decide(client, final, meeting, opinion="同意签发。")
    assert list(meeting.speeches.values_list("name_as_printed", "points")) == [("门禁新人", "新增的发言")]


def test_two_part_changes_before_review_are_kept_together(client, editor, first, final, meeting):
    one, two = make_speech(meeting, points="一号要点"), make_speech(meeting, points="二号要点", order=2)

    post_own_page(client, editor, one, points="一号改过")
    post_own_page(client, editor, two, points="二号改过")

    assert ReviewRequest.objects.filter(state="pending").count() == 1
    decide(client, first, meeting)
    decide(client, final, meeting, opinion="同意签发。")
    assert sorted(meeting.speeches.values_list("points", flat=True)) == ["一号改过", "二号改过"]


def test_a_part_cannot_be_moved_out_of_a_published_record_on_its_own_page(client, editor, meeting):
    speech = make_speech(meeting, points="要点")
    other = make_meeting(meeting.delegation, title="草稿会议", status=Status.DRAFT)

    post_own_page(client, editor, speech, meeting=str(other.pk))

    speech.refresh_from_db()
    assert (speech.meeting, ReviewRequest.objects.count()) == (meeting, 0)


def test_whoever_changed_a_part_may_not_approve_the_record(client, django_user_model, editor, first, final):
    from accounts.roles import EDITOR, FIRST_REVIEWER
    from tests.builders import make_reviewer

    writer_and_reviewer = make_reviewer(django_user_model, "both", EDITOR, FIRST_REVIEWER)
    trip = make_delegation(title="草稿考察", status=Status.DRAFT)
    meeting = make_meeting(trip, title="草稿座谈会", status=Status.DRAFT)
    speech = make_speech(meeting, points="原要点")
    client.force_login(editor)
    client.post(reverse("admin:visits_meeting_changelist"),
                {"action": "submit_selected", "_selected_action": [meeting.pk]})

    post_own_page(client, writer_and_reviewer, speech, points="审核人自己写的要点")
    decide(client, writer_and_reviewer, meeting, opinion="同意。")

    review = ReviewRequest.objects.get(state="pending")
    assert writer_and_reviewer.pk in review.author_ids and editor.pk in review.author_ids
    assert review.current_step == "first" and not review.opinions.exists()
    speech.refresh_from_db()
    assert speech.points == "审核人自己写的要点"


def test_a_topic_change_is_reviewed_and_the_public_keeps_the_old_name_until_sign_off(client, editor, first, final):
    topic = make_topic("旧名称领域")
    make_delegation(title="有领域的考察").topics.add(topic)

    post_own_page(client, editor, topic, name="新名称领域", description="新说明")

    topic.refresh_from_db()
    assert (topic.name, ReviewRequest.objects.get().action) == ("旧名称领域", "change")
    decide(client, first, topic)
    decide(client, final, topic, opinion="同意签发。")
    assert (topic.name, topic.description) == ("新名称领域", "新说明")


def test_a_topic_nothing_published_names_is_changed_at_once_as_an_import_would(client, editor):
    """Shown nowhere (`in_public_use()`), its change shows nowhere either: the change page saves it,
    as a ledger import does (review/held.py), and nothing waits for review."""
    topic = make_topic("未用领域")
    make_delegation(title="草稿考察", status=Status.DRAFT).topics.add(topic)

    post_own_page(client, editor, topic, name="改名后的未用领域")

    topic.refresh_from_db()
    assert (topic.name, ReviewRequest.objects.count()) == ("改名后的未用领域", 0)


def test_a_part_of_a_public_record_is_not_restored_from_its_history(client, editor, meeting):
    from tests.builders import make_site_visit
    from tests.public_site import make_photo

    visit = make_site_visit(meeting.delegation, "考察点", description="旧说明")
    visit.description = "现说明"
    visit.save()
    old = visit.history.order_by("history_date").first()
    client.force_login(editor)
    url = reverse("admin:visits_sitevisit_simple_history", args=[visit.pk, old.history_id])
    data = change_form_data(client.get(url))
    data["photos"] = [str(make_photo(alt_text="偷偷加上的照片").pk)]

    client.post(url, data)

    visit.refresh_from_db()
    assert (visit.description, list(visit.photos.all())) == ("现说明", [])
