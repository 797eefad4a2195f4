"""The staff start page: what waits for this user, each count a link to the list of exactly those."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.test import RequestFactory
from django.utils import timezone

from accounts.roles import EDITOR, FIRST_REVIEWER, PUBLISHER, SECOND_REVIEWER
from portal import staff
from review import publishing
from review.models import Status
from tests.builders import make_delegation, make_editor, make_feedback_message, make_project, make_reviewer

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def draft_by(user, title, make=make_delegation, **fields):
    record = make(title, status=Status.DRAFT, **fields) if make is make_delegation else make(title, **fields)
    record._history_user = user
    record.save()
    return record


def submitted(record, user):
    record.status = Status.REVIEW
    record._history_user = user
    record.save()
    return publishing.submit(record, user)


def desk(client, user):
    """The start page's cards as this user sees them (the page itself must open)."""
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    request = RequestFactory().get("/admin/")
    request.user = user
    return staff.desk(request)


def listed(client, url):
    """The records the admin change list at this address shows."""
    response = client.get(url)
    assert response.status_code == 200, url
    return sorted(str(obj) for obj in response.context["cl"].result_list)


def lines(group):
    return [(str(line["label"]), line["count"]) for line in group["lines"]]


def test_my_drafts_count_what_i_saved_and_link_to_those_alone(client, django_user_model):
    me, colleague = make_editor(django_user_model, "me"), make_editor(django_user_model, "colleague")
    draft_by(me, "我的考察草稿")
    draft_by(me, "我的项目草稿", make=make_project, status=Status.DRAFT)
    draft_by(colleague, "同事的考察草稿")
    mine_published = draft_by(me, "我已发布的考察")
    mine_published.status, mine_published.published_at = Status.PUBLISHED, NOW
    mine_published.save()

    drafts = desk(client, me)["drafts"]

    assert drafts["total"] == 2
    assert ("代表团考察", 1) in lines(drafts) and ("协作项目", 1) in lines(drafts)
    trips = next(line for line in drafts["lines"] if str(line["label"]) == "代表团考察")
    assert listed(client, trips["url"]) == ["我的考察草稿"]


def test_waiting_for_my_review_by_step_never_my_own_work(client, django_user_model):
    editor = make_editor(django_user_model, "editor")
    reviewer = make_reviewer(django_user_model, "reviewer", FIRST_REVIEWER, SECOND_REVIEWER, EDITOR)
    for title in ("甲考察", "乙考察"):
        submitted(make_delegation(title, status=Status.DRAFT), editor)
    submitted(make_delegation("自己写的考察", status=Status.DRAFT), reviewer)

    review = desk(client, reviewer)["review"]

    assert lines(review) == [("初审", 2), ("复审", 0)]
    assert review["total"] == 2
    assert listed(client, review["lines"][0]["url"]) == ["发布：乙考察", "发布：甲考察"]


def test_a_step_i_approved_waits_for_someone_else(client, django_user_model):
    editor = make_editor(django_user_model, "editor")
    reviewer = make_reviewer(django_user_model, "reviewer", FIRST_REVIEWER, SECOND_REVIEWER)
    request = submitted(make_delegation("要两级审核的考察", status=Status.DRAFT, grade="important"), editor)
    publishing.approve(request, reviewer, "同意。", "cleared", step="first")

    review = desk(client, reviewer)["review"]

    assert review["total"] == 0


def test_recently_published_overdue_messages_and_stale_sections(client, django_user_model):
    publisher = make_reviewer(django_user_model, "publisher", PUBLISHER, EDITOR)
    publisher.is_superuser = True
    publisher.save()
    make_delegation("两天前发布", published_at=NOW - datetime.timedelta(days=2))
    make_delegation("十天前发布", published_at=NOW - datetime.timedelta(days=10))
    make_delegation("明天发布", published_at=NOW + datetime.timedelta(days=1))
    make_feedback_message(reply_by=timezone.localdate() - datetime.timedelta(days=1))
    make_feedback_message(reply_by=timezone.localdate() + datetime.timedelta(days=3))
    make_feedback_message(status="answered", reply_by=timezone.localdate() - datetime.timedelta(days=5))

    page = desk(client, publisher)

    assert ("代表团考察", 1) in lines(page["recent"])
    trips = next(line for line in page["recent"]["lines"] if str(line["label"]) == "代表团考察")
    assert listed(client, trips["url"]) == ["两天前发布"]
    assert page["overdue"]["count"] == 1
    assert len(listed(client, page["overdue"]["url"])) == 1
    # Projects and people have nothing published; trips had nothing in the last 14 days but one.
    assert [str(name) for name in page["stale"]["names"]] == ["会议座谈", "协作项目", "人物"]
    assert urlsplit(page["stale"]["url"]).path == "/admin/govsite/sectionfreshness/"


def test_an_editor_sees_no_review_queue(client, django_user_model):
    editor = make_editor(django_user_model, "editor")

    page = desk(client, editor)

    assert page["review"] is None


def test_the_page_shows_each_count_as_a_link(client, django_user_model):
    editor = make_editor(django_user_model, "editor")
    reviewer = make_reviewer(django_user_model, "reviewer", FIRST_REVIEWER, EDITOR)
    submitted(make_delegation("待审考察", status=Status.DRAFT), editor)
    draft_by(reviewer, "我的草稿考察")
    client.force_login(reviewer)

    html = client.get("/admin/").content.decode()

    assert "今天的工作" in html
    assert 'href="/admin/review/reviewrequest/?awaiting=me&amp;current_step__exact=first"' in html
    assert 'href="/admin/visits/delegation/?work=my-drafts"' in html


@pytest.mark.parametrize("count", [1, 4])
def test_the_start_page_asks_the_same_number_of_queries_however_much_waits(
    client, django_user_model, django_assert_num_queries, count
):
    editor = make_editor(django_user_model, "editor")
    publisher = make_reviewer(django_user_model, "publisher", PUBLISHER, EDITOR)
    publisher.is_superuser = True
    publisher.save()
    for n in range(count):
        submitted(make_delegation(f"待审{n}", status=Status.DRAFT), editor)
        draft_by(publisher, f"草稿{n}")
        make_delegation(f"新发布{n}", published_at=NOW - datetime.timedelta(days=1))
        make_feedback_message(reply_by=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(publisher)
    client.get("/admin/")

    # 24: the app list is made once per request (the index asked for it twice, and with it whether
    # the site settings' row exists).
    with django_assert_num_queries(24):
        client.get("/admin/")


def test_an_account_with_nothing_to_do_here_sees_the_apps_alone(client, django_user_model):
    from accounts.roles import AUDIT_ADMIN
    from tests.builders import make_staff

    auditor = make_staff(django_user_model, "auditor", AUDIT_ADMIN)
    client.force_login(auditor)

    html = client.get("/admin/").content.decode()

    assert "今天的工作" not in html
