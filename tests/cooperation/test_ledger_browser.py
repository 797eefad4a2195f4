"""The ledger upload in a real Chromium: a file with an unmasked number is refused, masked."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.browser import shoot
from tests.builders import make_publisher
from tests.cooperation.ledger_builders import trip, trips_csv

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def browser_data(transactional_db, django_user_model):
    client = Client()
    client.force_login(make_publisher(django_user_model))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def page(open_page, browser_data):
    return open_page(session=browser_data)


def test_the_dry_run_names_the_masked_number_and_offers_no_confirm(page):
    data = trips_csv(trip(编号="T1"), trip(编号="T2", 摘要="报名请联系 13812341234"))
    page.goto("/admin/ledgers/importbatch/add/")
    page.locator("input[type=file]").set_input_files(
        {"name": "考察活动.csv", "mimeType": "text/csv", "buffer": data}
    )
    page.locator("#content-main input[type=submit], #content-main button[type=submit]").first.click()

    problem = page.locator("#problems tbody tr")
    expect(problem).to_have_count(1)
    expect(problem).to_contain_text("138****1234")
    expect(problem).to_contain_text("含有未打码的手机号")
    assert "13812341234" not in page.content()
    expect(page.get_by_role("button", name="确认导入（草稿）")).to_have_count(0)
    shoot(page, "ledger-personal-information")


@pytest.fixture
def namesake(transactional_db):
    from tests.builders import make_person

    return make_person("张强", title="大兴区副区长")


def test_the_preview_lists_what_to_check_doubtful_first(namesake, page):
    data = trips_csv(
        trip(
            编号="T1",
            带队领导="王有国（区委书记）",
            出席人员="张强（正镶白旗副旗长）、冀宏（察右前旗委书记）、乔某（市委书记）",
            考察点="人才公寓：看望帮扶人员；了解服务保障",
        )
    )
    page.goto("/admin/ledgers/importbatch/add/")
    page.locator("input[type=file]").set_input_files({"name": "考察活动.csv", "mimeType": "text/csv", "buffer": data})
    page.locator("#content-main input[type=submit], #content-main button[type=submit]").first.click()

    rows = page.locator("#review tbody tr")
    expect(rows.first).to_contain_text("可能是同一人")
    expect(rows.first).to_contain_text("张强（正镶白旗副旗长） 与“张强”的职务或地区不符")
    expect(page.locator("#review tbody tr.doubtful")).to_have_count(4)  # the namesake and three guessed sides
    expect(page.get_by_role("button", name="确认导入（草稿）")).to_have_count(1)
    shoot(page, "ledger-review")
    summary = page.locator("#doubtful-summary")
    expect(summary).to_contain_text("4 项存疑，请先确认")
    expect(summary).to_contain_text("可能是同一人 1 项")
    expect(summary).to_contain_text("推断的所属方 3 项")
    expect(page.locator("#review tbody tr.doubtful .ledger-doubtful-badge")).to_have_count(4)
    shoot(summary, "ledger-review-doubtful-summary")


def test_the_progress_page_follows_the_worker_and_then_shows_the_review(page, settings):
    import threading

    from django.db import connections
    from django_tasks_db.management.commands.db_worker import Worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["ledgers"]}}
    page.goto("/admin/ledgers/importbatch/add/")
    page.locator("input[type=file]").set_input_files(
        {"name": "考察活动.csv", "mimeType": "text/csv", "buffer": trips_csv(trip(编号="T1"), trip(编号="T2"))}
    )
    page.locator("#content-main input[type=submit]").first.click()

    expect(page.locator("#ledger-job-message")).to_contain_text("排队等候后台任务")
    expect(page.locator("#ledger-job-bar")).to_be_visible()
    shoot(page, "ledger-job-queued")
    page.reload()  # the state is on the server
    expect(page.locator("#ledger-job-message")).to_contain_text("排队等候后台任务")

    def work():  # db_worker's loop, in a thread of its own: Playwright's event loop holds this one
        try:
            Worker(
                queue_names=["ledgers"], interval=0, batch=True, backend_name="default", startup_delay=False,
                max_tasks=None, worker_id="browser-test", excluded_queue_names=[],
            ).run()
        finally:
            connections.close_all()

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=120)

    # The page asks for the job's state every second and shows the review once it is done.
    expect(page.get_by_role("button", name="确认导入（草稿）")).to_have_count(1, timeout=15_000)
    expect(page.locator("#rows tbody tr")).to_have_count(2)


def test_the_figures_list_offers_the_ledger_import_where_staff_look(page):
    page.goto("/admin/cooperation/programfigure/")

    tools = page.locator(".object-tools")
    expect(tools.get_by_role("link", name="导入台账")).to_have_attribute("href", "/admin/ledgers/importbatch/add/")
    expect(tools.get_by_role("link", name="导出台账")).to_be_visible()
    shoot(page, "ledger-figures-list")
    tools.get_by_role("link", name="导入台账").click()
    expect(page.locator("h1")).to_have_text("导入台账")
