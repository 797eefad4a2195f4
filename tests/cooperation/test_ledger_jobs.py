"""Web imports in the background: the upload is stored, a worker previews and applies it, the
page shows its progress (across reloads) and then the same review as always."""

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cooperation.ledgers import jobs
from cooperation.ledgers.models import BatchStatus, ImportBatch, ImportJob, JobStatus, JobStep
from tests.builders import make_editor, make_publisher
from tests.cooperation.ledger_builders import seed_bytes, trip, trips_csv
from visits.models import Delegation

ADD = "admin:ledgers_importbatch_add"
CONFIRM = "admin:ledgers_importbatch_confirm"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["ledgers"]}}
ROOT = Path(__file__).resolve().parents[2]
UPLOAD_QUERIES = {"sqlite": 15, "postgresql": 15}


def upload(client, data, name="考察活动.csv", **fields):
    return client.post(reverse(ADD), {"file": SimpleUploadedFile(name, data), **fields})


def confirm_data(job):
    return {"token": job.pk.hex, "file_name": job.file_name, "sha256": job.sha256}


def progress(client, job):
    return json.loads(client.get(reverse("admin:ledgers_importbatch_job_progress", args=[job.pk])).content)


def run_worker_here():
    """The database backend's own worker command, until the queue is empty."""
    call_command("db_worker", "--queue-name", "ledgers", "--batch", "--no-startup-delay", "--interval", "0")


def run_worker_process(settings):
    """The same worker as a separate process on the test database (PostgreSQL only: SQLite's test
    database lives in this process's memory)."""
    database = connection.settings_dict
    host = f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
    url = f"postgres://{database['USER']}@{host}/{database['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "TASKS_URL": "db://", "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    env["DEBUG"] = "true"
    completed = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--queue-name", "ledgers", "--batch", "--no-startup-delay"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]


def worker_runs(settings):
    if connection.vendor == "postgresql":
        return lambda: run_worker_process(settings)
    return run_worker_here


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_web_import_is_previewed_and_applied_by_the_worker(client, django_user_model, settings):
    settings.TASKS = DATABASE_QUEUE
    run_worker = worker_runs(settings)
    client.force_login(make_publisher(django_user_model))

    response = upload(client, seed_bytes("考察活动"))

    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.step, job.status, job.sha256 != "") == (JobStep.PREVIEW, JobStatus.QUEUED, True)
    page = client.get(response["Location"]).content.decode()
    assert "排队等候后台任务" in page and "<progress" in page and 'http-equiv="refresh"' in page
    assert progress(client, job)["status"] == "queued"
    assert Delegation.objects.count() == 0

    run_worker()

    job.refresh_from_db()
    assert (job.status, job.has_errors, job.rows, job.summary["totals"]["new"]) == (JobStatus.DONE, False, 1, 1)
    assert progress(client, job)["finished"] is True
    page = client.get(job.get_absolute_url())
    assert page.status_code == 200 and "将新建" in page.content.decode() and "确认导入（草稿）" in page.content.decode()
    assert Delegation.objects.count() == 0  # a preview writes nothing

    response = client.post(reverse(CONFIRM), confirm_data(job))

    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert (job.step, job.status) == (JobStep.APPLY, JobStatus.QUEUED)

    run_worker()

    batch = ImportBatch.objects.get()
    response = client.get(job.get_absolute_url())
    assert response.status_code == 302 and response["Location"] == batch.get_absolute_url()
    assert (batch.status, batch.new, Delegation.objects.get().status) == (BatchStatus.COMMITTED, 1, "draft")
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["SUCCESSFUL", "SUCCESSFUL"]
    assert not jobs.upload_path(job.pk).exists()  # imported: the stored upload is gone


@pytest.mark.django_db
def test_the_progress_survives_a_reload_and_costs_a_few_queries(client, django_user_model, settings,
                                                                 django_assert_num_queries):
    settings.TASKS = DATABASE_QUEUE
    client.force_login(make_editor(django_user_model))
    upload(client, seed_bytes("考察活动"))
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    jobs.write_progress(job.pk, "预览 · 考察活动：检查 500/2000 行", 500, 2000)

    # The session, the user, their password's age, their permissions (own and groups'), the job;
    # no write, so a poll never waits for the import's hold on the database (SQLite).
    with django_assert_num_queries(6) as queries:
        state = progress(client, job)
    assert all(query["sql"].startswith("SELECT") for query in queries.captured_queries)

    assert (state["percent"], state["message"], state["stale"]) == (25, "预览 · 考察活动：检查 500/2000 行", False)
    # The page: seven reads, whatever the job holds (an editor, who may not add the site settings,
    # no longer asks whether their row exists for the app list).
    with django_assert_num_queries(7) as queries:
        page = client.get(job.get_absolute_url()).content.decode()
    assert all(query["sql"].startswith("SELECT") for query in queries.captured_queries)  # a reload writes nothing
    assert "考察活动：检查 500/2000 行" in page and 'value="25"' in page
    assert "我最近的导入" in client.get(reverse(ADD)).content.decode()

    # A worker that stopped leaves no progress: after a while the page says it may be interrupted.
    stale = timezone.now() - datetime.timedelta(seconds=settings.LEDGER_JOB_STALE_SECONDS + 60)
    ImportJob.objects.filter(pk=job.pk).update(started_at=stale)
    jobs.progress_path(job.pk).unlink()
    assert progress(client, job)["stale"] is True
    assert "可能已中断" in client.get(job.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_job_is_its_uploaders_alone(client, django_user_model, settings):
    settings.TASKS = DATABASE_QUEUE
    client.force_login(make_editor(django_user_model))
    upload(client, seed_bytes("考察活动"))
    job = ImportJob.objects.get()

    client.force_login(make_publisher(django_user_model))

    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(reverse("admin:ledgers_importbatch_job_progress", args=[job.pk])).status_code == 404
    response = client.post(reverse(CONFIRM), confirm_data(job))
    assert response.status_code == 302 and response["Location"] == reverse(ADD)
    assert ImportJob.objects.get().step == JobStep.PREVIEW


@pytest.mark.django_db
def test_a_step_that_fails_says_so_and_writes_nothing(client, django_user_model, monkeypatch):
    client.force_login(make_publisher(django_user_model))

    def broken(*args, **kwargs):
        raise MemoryError("no room")

    monkeypatch.setattr(jobs, "import_file", broken)
    response = upload(client, seed_bytes("考察活动"))

    job = ImportJob.objects.get()
    assert (job.status, job.failure) == (JobStatus.FAILED, "MemoryError：no room")
    page = response.content.decode()
    assert "预览没有完成" in page and "整个文件都没有写入" in page and "MemoryError：no room" in page
    assert Delegation.objects.count() == 0


@pytest.mark.django_db
def test_an_apply_that_breaks_while_writing_leaves_nothing_half_done(client, django_user_model, monkeypatch):
    from visits.ledgers.trips import TripLedger

    client.force_login(make_publisher(django_user_model))
    upload(client, seed_bytes("考察活动"))
    job = ImportJob.objects.get()
    written = TripLedger.write

    def write_then_break(self, writes, projects, context):
        written(self, writes, projects, context)
        raise RuntimeError("disk gone")

    monkeypatch.setattr(TripLedger, "write", write_then_break)

    response = client.post(reverse(CONFIRM), confirm_data(job))

    job.refresh_from_db()
    assert (job.status, job.has_errors, job.batch) == (JobStatus.DONE, True, None)
    assert "导入时出现程序错误（RuntimeError）" in response.content.decode()
    assert Delegation.objects.count() == 0
    assert ImportBatch.objects.get().status == BatchStatus.FAILED


@pytest.mark.django_db
def test_the_preview_counts_and_marks_what_a_person_should_decide(client, django_user_model):
    client.force_login(make_publisher(django_user_model))
    data = trips_csv(
        trip(
            编号="T1", 标题="考察一", 出发地="大兴区", 目的地="察右前旗",
            出席人员="张三（大兴区副区长）；李四（察右前旗旗长）",
        ),
    )

    response = upload(client, data)

    page = response.content.decode()
    job = ImportJob.objects.get()
    doubtful = job.summary["review"]["推断的所属方"]
    assert doubtful == 2 and job.doubtful >= 2
    summary = page[page.index('id="doubtful-summary"') : page.index('id="review"')]
    assert f"{job.doubtful} 项存疑，请先确认" in summary and "推断的所属方</strong> 2 项" in summary
    assert "所属方是按职务中的地区推断的" in summary
    assert page.count('class="ledger-doubtful-badge"') == job.doubtful


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 300])
def test_the_upload_request_only_stores_the_file_and_queues_the_preview(client, django_user_model, settings,
                                                                        django_assert_num_queries, count):
    settings.TASKS = DATABASE_QUEUE
    client.force_login(make_editor(django_user_model))
    data = trips_csv(*[trip(编号=f"T{n}", 标题=f"考察{n}") for n in range(count)])
    client.get(reverse(ADD))

    # However many rows: the session and user, the job saved, the older jobs looked at (twice), the
    # task queued and its id kept — no row is read in the request.
    with django_assert_num_queries(UPLOAD_QUERIES[connection.vendor]):
        response = upload(client, data)

    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert (job.status, Delegation.objects.count()) == (JobStatus.QUEUED, 0)
    assert "处理导入的任务进程可能没有运行" not in client.get(job.get_absolute_url()).content.decode()

    # No worker takes it: after a minute the page says so (the file is kept for when one runs).
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - datetime.timedelta(minutes=2))
    assert progress(client, job)["waiting"] is True
    assert "处理导入的任务进程可能没有运行" in client.get(job.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_stored_file_changed_after_its_preview_is_not_imported(client, django_user_model):
    client.force_login(make_publisher(django_user_model))
    upload(client, seed_bytes("考察活动"))
    job = ImportJob.objects.get()
    jobs.upload_path(job.pk).write_bytes(trips_csv(trip(编号="T9", 标题="换过的文件")))

    response = client.post(reverse(CONFIRM), confirm_data(job))

    job.refresh_from_db()
    assert (job.status, job.failure) == (JobStatus.FAILED, "保存的文件与预览时的不同；没有写入任何内容，请重新上传。")
    assert "保存的文件与预览时的不同" in response.content.decode()
    assert (Delegation.objects.count(), ImportBatch.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_a_failure_after_the_import_committed_does_not_call_it_undone(client, django_user_model, monkeypatch):
    client.force_login(make_publisher(django_user_model))
    upload(client, seed_bytes("考察活动"))
    job = ImportJob.objects.get()

    def broken(report):
        raise RuntimeError("summary lost")

    monkeypatch.setattr(jobs, "summarise", broken)
    response = client.post(reverse(CONFIRM), confirm_data(job))

    batch = ImportBatch.objects.get()
    job.refresh_from_db()
    assert (job.status, job.batch, batch.status) == (JobStatus.DONE, batch, BatchStatus.COMMITTED)
    assert job.failure == f"导入已完成（批次“{batch}”），之后出错：RuntimeError：summary lost"
    assert response.status_code == 302 and response["Location"] == batch.get_absolute_url()
    assert Delegation.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_request_of_a_web_import_grows_with_its_file(client, django_user_model, settings):
    """Upload, the job's page and progress once previewed, confirm, the result and the batch's
    page cost the same queries for 1 trip as for 300: only the worker reads the rows (the
    preview page lists at most `jobs.SHOWN_ROWS`). 20,000 trips, measured: see the README's
    admin section."""
    settings.TASKS = DATABASE_QUEUE
    client.force_login(make_publisher(django_user_model))
    costs = []
    for count in (1, 300):
        data = trips_csv(*[trip(编号=f"T{count}-{n}", 标题=f"考察{count}-{n}") for n in range(count)])
        cost = {}

        def measured(label, call, cost=cost):
            ContentType.objects.clear_cache()
            with CaptureQueriesContext(connection) as queries:
                response = call()
            cost[label] = len(queries)
            return response

        measured("upload", lambda data=data: upload(client, data))
        job = ImportJob.objects.order_by("-created_at").first()
        run_worker_here()
        measured("preview page", lambda job=job: client.get(job.get_absolute_url()))
        measured("progress", lambda job=job: client.get(
            reverse("admin:ledgers_importbatch_job_progress", args=[job.pk])
        ))
        measured("confirm", lambda job=job: client.post(reverse(CONFIRM), confirm_data(job)))
        run_worker_here()
        result = measured("result", lambda job=job: client.get(job.get_absolute_url()))
        measured("batch page", lambda result=result: client.get(result["Location"]))
        costs.append(cost)

    assert costs[0] == costs[1], costs
