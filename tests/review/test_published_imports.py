"""A publisher's import that changes records already published follows the rule of every other door.

The checks (personal information, 错敏词) run on every record it changes, and where the office's
chain for the record's grade needs more than one step the change becomes a pending revision of
the record: the public keeps the approved version until 终审签发. Only a chain of 终审签发 alone,
held by the importer, with nothing that blocks, lets the import sign its change off itself.
Each case runs over the three ledgers that change published records: trips, speeches (of a
published meeting) and projects; as a plain import and as 导入即发布.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from review.models import Grade, ReviewAction, ReviewPolicy, ReviewRequest
from tests.builders import make_delegation, make_meeting, make_project, make_publisher, make_speech, region
from tests.cooperation.ledger_builders import (
    problems,
    project,
    projects_csv,
    run,
    speech,
    speeches_csv,
    trip,
    trips_csv,
)

pytestmark = pytest.mark.django_db

NEW = "导入改过的内容"
# What each record says as published: a trip's page also shows its meetings' speeches.
OLD = {"trips": "原来发布的摘要", "speeches": "原来发布的要点", "projects": "原来发布的简介"}


class Published:
    def __init__(self):
        self.trip = make_delegation(code="T1", title="已发布的考察", start_date=datetime.date(2024, 6, 20),
                                    summary=OLD["trips"])
        self.trip.destinations.set([region("察右前旗")])
        self.meeting = make_meeting(self.trip, title="已发布的座谈会")
        make_speech(self.meeting, name_as_printed="王有国", title_as_printed="区委书记", points=OLD["speeches"])
        self.project = make_project("已发布的项目", code="P1", description=OLD["projects"])

    def files(self, text=None):
        """{ledger: (the record, a file that changes it)}; without `text`, a file that changes nothing."""
        text = {ledger: text or OLD[ledger] for ledger in OLD}
        return {
            "trips": (self.trip, trips_csv(trip(
                编号="T1", 标题="已发布的考察", 开始日期="2024-06-20", 摘要=text["trips"]))),
            "speeches": (self.meeting, speeches_csv(speech(
                活动编号="T1", 会议="已发布的座谈会", 发言人="王有国", 职务="区委书记", 要点=text["speeches"]))),
            "projects": (self.project, projects_csv(project(
                编号="P1", 项目名称="已发布的项目", 支援方="", 受援方="", 简介=text["projects"]))),
        }


LEDGERS = ["trips", "speeches", "projects"]
MODES = [pytest.param(False, id="import"), pytest.param(True, id="publish")]


def public_text(record):
    page = Client().get(record.get_absolute_url())
    assert page.status_code == 200
    return page.content.decode()


def changes_of(record):
    return ReviewRequest.objects.for_record(record).filter(action=ReviewAction.CHANGE)


@pytest.fixture
def published():
    return Published()


@pytest.fixture
def publisher(django_user_model):
    return make_publisher(django_user_model, "import-publisher")


@pytest.mark.parametrize("publish", MODES)
@pytest.mark.parametrize("ledger", LEDGERS)
def test_a_change_to_a_published_record_waits_for_the_chain(published, publisher, ledger, publish):
    record, data = published.files(NEW)[ledger]
    updated_at = type(record).objects.get(pk=record.pk).updated_at

    report = run(data, user=publisher, publish=publish)

    assert problems(report) == [] and not report.refusals
    text = public_text(record)
    assert OLD[ledger] in text and NEW not in text
    # Not even the time of the last change moves (the sitemap's lastmod, the feed's updated).
    assert type(record).objects.get(pk=record.pk).updated_at == updated_at
    review = changes_of(record).get()
    assert (review.state, review.steps, review.batch) == ("pending", ["first", "final"], f"导入批次 {report.batch}")
    assert any(NEW in value for values in review.revision.values() for value in values)
    assert publisher.pk in review.author_ids


@pytest.mark.parametrize("ledger", LEDGERS)
def test_the_reviewers_see_the_imported_change_and_signing_it_off_makes_it_public(
        client, published, publisher, first, final, ledger):
    record, data = published.files(NEW)[ledger]
    run(data, user=publisher)
    review = changes_of(record).get()
    opts = record._meta
    review_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_review", args=[record.pk])
    client.force_login(first)
    # The diff: a field with its new value; a changed speech row with the fields it changes.
    assert {"trips": NEW, "speeches": "改动：要点", "projects": NEW}[ledger] in client.get(review_url).content.decode()

    for reviewer, opinion in ((first, "同意。"), (final, "同意签发。")):
        client.force_login(reviewer)
        client.post(review_url, {"_decision": "approve", "opinion": opinion, "step": ""})

    review.refresh_from_db()
    assert review.state == "approved"
    text = public_text(record)
    assert NEW in text and OLD[ledger] not in text


@pytest.mark.parametrize("publish", MODES)
@pytest.mark.parametrize("ledger", LEDGERS)
def test_where_the_chain_is_final_alone_the_publisher_signs_the_change_off(published, publisher, ledger, publish):
    ReviewPolicy.objects.filter(grade=Grade.NORMAL).update(first_review=False, second_review=False)
    record, data = published.files(NEW)[ledger]

    run(data, user=publisher, publish=publish)

    assert list(changes_of(record).values_list("state", "steps")) == [("approved", ["final"])]
    text = public_text(record)
    assert NEW in text and OLD[ledger] not in text


@pytest.mark.parametrize("ledger", LEDGERS)
def test_a_forbidden_word_keeps_the_change_waiting_even_with_one_step(published, publisher, ledger):
    ReviewPolicy.objects.filter(grade=Grade.NORMAL).update(first_review=False, second_review=False)
    text = "文中误写了台独二字"
    record, data = published.files(text)[ledger]

    run(data, user=publisher, publish=True)

    assert list(changes_of(record).values_list("state", flat=True)) == ["pending"]
    page = public_text(record)
    assert OLD[ledger] in page and text not in page


@pytest.mark.parametrize("ledger", LEDGERS)
def test_personal_information_in_a_change_is_refused_on_its_row_even_with_one_step(published, publisher, ledger):
    ReviewPolicy.objects.filter(grade=Grade.NORMAL).update(first_review=False, second_review=False)
    text = "联系电话 13912345678"
    record, data = published.files(text)[ledger]

    report = run(data, user=publisher, publish=True)

    assert [(row, message) for row, _column, _value, message in problems(report)] == [
        (2, "含有未打码的手机号；个人信息须打码后才能导入（如 139****5678）")]
    assert not changes_of(record).exists()
    page = public_text(record)
    assert OLD[ledger] in page and "13912345678" not in page


def test_an_unchanged_published_record_is_not_sent_to_review(published, publisher):
    for _record, data in published.files().values():
        run(data, user=publisher)

    assert not ReviewRequest.objects.exists()


def test_a_new_speech_of_a_published_meeting_waits_as_a_new_row_of_its_revision(published, publisher, first, final):
    data = speeches_csv(
        speech(活动编号="T1", 会议="已发布的座谈会", 发言人="王有国", 职务="区委书记", 要点=OLD["speeches"]),
        speech(活动编号="T1", 会议="已发布的座谈会", 发言人="新发言人", 职务="旗长", 要点=NEW),
    )

    report = run(data, user=publisher)

    assert problems(report) == []
    assert list(published.meeting.speeches.values_list("points", flat=True)) == [OLD["speeches"]]
    assert NEW not in public_text(published.meeting)
    review = changes_of(published.meeting).get()
    assert (review.revision["speeches-TOTAL_FORMS"], review.revision["speeches-INITIAL_FORMS"]) == (["2"], ["1"])
    assert review.revision["speeches-1-points"] == [NEW] and review.revision["speeches-1-id"] == [""]


def test_figures_imported_for_a_public_pairing_wait_for_review(publisher):
    from cooperation.models import ProgramFigure
    from tests.builders import make_pairing

    pairing = make_pairing("密云区", "库伦旗")
    make_project(pairing=pairing)
    data = "支援方,受援方,年度,财政援助资金（万元）\r\n密云区,库伦旗,2023,6800\r\n".encode()

    report = run(data, user=publisher)

    assert problems(report) == [] and not report.refusals
    assert not ProgramFigure.objects.exists()
    review = ReviewRequest.objects.for_record(pairing).get()
    assert (review.action, review.state, review.revision["figures-0-actual"]) == ("change", "pending", ["6800.00"])


def test_a_changed_date_of_a_published_trip_names_the_file_as_its_reason(published, publisher):
    ReviewPolicy.objects.filter(grade=Grade.NORMAL).update(first_review=False, second_review=False)
    data = trips_csv(trip(编号="T1", 标题="已发布的考察", 开始日期="2024-06-21", 摘要=OLD["trips"]))

    report = run(data, user=publisher)

    assert problems(report) == [] and not report.refusals
    published.trip.refresh_from_db()
    assert published.trip.start_date == datetime.date(2024, 6, 21)
    review = changes_of(published.trip).get()
    assert (review.state, review.revision["date_change_reason"]) == ("approved", ["台账导入的修改：台账.csv"])


def test_a_report_only_a_draft_cites_is_titled_by_the_next_file_at_once(publisher):
    """项目 then 考察活动, two files: the report the projects' 链接 made takes the trip's title and
    publisher at once (nothing published cites it, so nobody sees it yet), and importing the trips
    again changes nothing — before, the change waited for review and the second import was refused
    for the pending request."""
    from cooperation.models import Source

    url = "https://example.gov.cn/report/1.html"
    run(projects_csv(project(编号="P9", 项目名称="只有草稿引用的项目", 链接=url)), user=publisher)
    trips = trips_csv(trip(编号="T9", 标题="报道的标题", 开始日期="2024-07-31", 来源="某区融媒体中心", 链接=url))

    first = run(trips, user=publisher)
    again = run(trips, user=publisher)

    assert problems(first) == [] and not first.refusals and not first.notices
    source = Source.objects.get(url=url)
    assert (source.title, source.publisher) == ("报道的标题", "某区融媒体中心")
    assert not ReviewRequest.objects.for_record(source).exists()
    assert again.totals == {"new": 0, "updated": 0, "unchanged": 1, "error": 0} and not again.refusals


def test_a_report_a_published_trip_cites_changes_only_through_review(publisher):
    from cooperation.models import Source

    url = "https://example.gov.cn/report/2.html"
    source = Source.objects.create(title="原来的标题", url=url, publisher="原来的发布单位")
    make_delegation(code="T8", title="已发布的考察", source=source)

    report = run(trips_csv(trip(编号="T9", 标题="另一次考察", 来源="新的发布单位", 链接=url)), user=publisher)

    assert problems(report) == [] and not report.refusals
    source.refresh_from_db()
    assert source.publisher == "原来的发布单位"
    assert ReviewRequest.objects.for_record(source).get().revision["publisher"] == ["新的发布单位"]
