"""The report review in a real Chromium: paste, see each item's sentence, confirm; no CSP errors."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.browser import WIDE, shoot
from tests.builders import make_editor
from visits.report_import.benchmark import copied

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[2]
# The seed report as the office published it (a copy of shared/seed/000_1530c4c95e66b40c.txt).
SEED_TEXT = (ROOT / "tests" / "visits" / "extraction_cases" / "000_seed_daxing.txt").read_text(encoding="utf-8")


@pytest.fixture
def browser_data(transactional_db, django_user_model):
    client = Client()
    client.force_login(make_editor(django_user_model))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def page(open_page, browser_data):
    return open_page(WIDE, session=browser_data)


def test_paste_review_with_highlighted_sentences_and_confirm(page):
    page.goto("/admin/visits/delegation/")
    page.get_by_role("link", name="从报道创建").click()
    page.get_by_label("报道正文").fill(SEED_TEXT)
    page.get_by_role("button", name="读取报道").click()

    expect(page.get_by_role("heading", name="读出的内容")).to_be_visible()
    row = page.locator("#sites-items tbody tr").nth(1)
    row.get_by_role("link", name="原文").click()
    sentence = page.locator(".report-sentence.is-current")
    expect(sentence).to_have_text("在正镶白旗人才公寓，代表团全面了解“组团式”帮扶人员服务保障情况。")
    shoot(page, "report-review", full_page=False)
    shoot(page, "report-review-full")

    page.get_by_role("button", name="确认，创建考察草稿").click()

    expect(page.locator(".messagelist .success")).to_contain_text("已从报道创建草稿")
    expect(page.locator("#id_title")).to_have_value("区委书记王有国率大兴区党政代表团到察右前旗、正镶白旗对接考察")
    shoot(page, "report-review-created", full_page=False)



def test_a_report_set_in_lines_is_shown_as_its_paragraphs_with_each_sentence_whole(page):
    """A copy from a PDF or a newspaper page, 36 characters a line."""
    page.goto("/admin/visits/delegation/report/")
    page.get_by_label("报道正文").fill(copied(SEED_TEXT, "wrapped"))
    page.get_by_role("button", name="读取报道").click()

    expect(page.get_by_role("heading", name="读出的内容")).to_be_visible()
    page.locator("#sites-items tbody tr").nth(1).get_by_role("link", name="原文").click()
    expect(page.locator(".report-sentence.is-current")).to_have_text(
        "在正镶白旗人才公寓，代表团全面了解“组团式”帮扶人员服务保障情况。"
    )
    expect(page.locator("#id_trip-title")).to_have_value("区委书记王有国率大兴区党政代表团到察右前旗、正镶白旗对接考察")
    shoot(page, "report-review-lines", full_page=False)

def test_the_speeches_and_people_tables_are_readable(page):
    page.goto("/admin/visits/delegation/report/")
    page.get_by_label("报道正文").fill(SEED_TEXT)
    page.get_by_role("button", name="读取报道").click()

    shoot(page.locator("#speeches-items"), "report-review-speeches-1440")
    shoot(page.locator(".report-people"), "report-review-people-1440")
    shoot(page.locator(".report-extracted fieldset.aligned"), "report-review-trip-1440")
    expect(page.locator("#speeches-items tbody tr")).to_have_count(9)


def test_a_text_that_is_not_a_trip_is_shown_with_the_reason_and_nothing_to_confirm(page):
    notice = (ROOT / "tests" / "visits" / "extraction_cases" / "004_policy_notice.txt").read_text(encoding="utf-8")
    page.goto("/admin/visits/delegation/report/")
    shoot(page, "report-start")
    page.get_by_label("报道正文").fill(notice)
    page.get_by_role("button", name="读取报道").click()

    expect(page.get_by_role("heading", name="这不是一篇代表团考察的报道")).to_be_visible()
    expect(page.get_by_role("button", name="确认，创建考察草稿")).to_have_count(0)
    shoot(page, "report-not-trip", full_page=False)


def test_several_uploaded_files_are_listed_each_with_what_was_read(page):
    cases = ROOT / "tests" / "visits" / "extraction_cases"
    page.goto("/admin/visits/delegation/report/")
    page.get_by_label("或上传文件").set_input_files(
        [cases / "001_miyun_kulun.txt", cases / "004_policy_notice.txt", cases / "001_miyun_kulun.json"]
    )
    page.get_by_role("button", name="读取报道").click()

    rows = page.locator(".report-files tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0).get_by_role("link", name="审阅")).to_be_visible()
    expect(rows.nth(1)).to_contain_text("不是代表团考察的报道")
    expect(rows.nth(2)).to_contain_text("只能上传 .txt、.docx 或 .html 文件。")
    shoot(page, "report-files", full_page=False)


def test_remarks_outside_meetings_and_doubts_are_shown_with_their_sentence(page):
    # 108 of the report corpus: a 镇 pairing; 李立奎's speech names no meeting of the two,
    # and 李飞's side is known only from his accompanying the group (铁沙盖镇, in his post, is
    # no place the region table holds; 杨宝田's 太平乡 is, so his side is read, not guessed).
    text = (ROOT / "tests" / "visits" / "report_corpus" / "108_doudian_town_to_tuquan_chayouzhongqi.txt").read_text(
        encoding="utf-8"
    )
    page.goto("/admin/visits/delegation/report/")
    page.get_by_label("报道正文").fill(text)
    page.get_by_role("button", name="读取报道").click()

    speech = page.locator("#speeches-items tbody tr").first
    expect(speech.locator("select[name$='-meeting']")).to_have_value("0")
    speech.get_by_role("link", name="原文").click()

    expect(page.locator(".report-sentence.is-current")).to_contain_text("李立奎在座谈会上强调")
    host = page.locator("#people-items tbody tr").filter(has=page.locator("input[value='李飞']"))
    expect(host.locator(".report-doubt")).to_have_text("请核对：职务中没有可判断的地区，所属方是推断的")
    shoot(page.locator("#people-items"), "report-review-doubts")
    shoot(page.locator("#speeches-items"), "report-review-outside-speech")
