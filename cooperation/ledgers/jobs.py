"""Web imports in the background: the upload is stored, a task previews it, another applies it.

A 20,000-trip file takes longer to preview and to import than any request should (a proxy
times out, the importer stares at a blank page), so the admin only stores the upload and
queues the step; a worker runs it with django-tasks (the backport of Django's task framework):
`manage.py db_worker` on the site's own database for the embedded site, RQ on Redis in
production, the immediate backend in tests (settings.TASKS_URL). The page the importer is
sent to shows the step's progress and, when it is done, the same review as always.

Progress while a step runs goes to a small JSON file beside the upload, not to the database:
the step's transaction holds the database (on SQLite, every writer) until it ends, and a dry
run rolls it all back. The job's row is written before and after the step, outside that
transaction: so a failed step leaves its reason on the row and nothing of the file in the
database (the apply is one transaction, as it is from the command).
"""

import contextlib
import hashlib
import json
import logging
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from cooperation.ledgers.models import ImportJob, JobStatus, JobStep
from cooperation.ledgers.service import import_file

logger = logging.getLogger(__name__)

UPLOAD_FOLDER = "ledger-uploads"
SHOWN_ROWS = 500
# A file can hold thousands of errors; the page lists the first ones (a 200,000-error preview
# was a 37.7 MB page) and counts the rest.
SHOWN_PROBLEMS = 200
RENDER_FAILED = "结果页未能生成；导入本身已结束，见导入批次。"
# A step still queued after this long (seconds) is shown as waiting for a worker.
NO_WORKER_SECONDS = 60
# The progress file is rewritten at most this often (seconds).
PROGRESS_INTERVAL = 0.3


def upload_name(job_id):
    """The media name under which the upload of a job waits between its preview and its apply."""
    return f"{UPLOAD_FOLDER}/{job_id}.upload"


def upload_path(job_id):
    return Path(default_storage.path(upload_name(job_id)))


def progress_path(job_id):
    return Path(settings.MEDIA_ROOT) / UPLOAD_FOLDER / f"{job_id}.progress.json"


def _write_atomically(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise


def store_upload(job, data):
    """Keep the uploaded bytes for the job's steps, through the site's media storage (never a
    half-written file; MediaWriteError, an OSError, when the disk refuses)."""
    default_storage.save(upload_name(job.pk), ContentFile(data))


def read_upload(job):
    try:
        with default_storage.open(upload_name(job.pk), "rb") as upload:
            return upload.read()
    except OSError:
        return None


def forget_upload(job):
    try:
        default_storage.delete(upload_name(job.pk))
    except OSError as error:
        logger.warning("Could not remove the upload of import job %s: %s", job.pk, error)
    with contextlib.suppress(OSError):
        progress_path(job.pk).unlink()


def write_progress(job_id, message, done=None, total=None):
    payload = {"message": message, "done": done, "total": total, "at": time.time()}
    try:
        _write_atomically(progress_path(job_id), json.dumps(payload, ensure_ascii=False).encode())
    except OSError as error:  # progress is a courtesy: a full disk must not fail the import
        logger.warning("Could not write the progress of import job %s: %s", job_id, error)


def read_progress(job_id):
    try:
        return json.loads(progress_path(job_id).read_text())
    except (OSError, ValueError):
        return {}


class ProgressWriter:
    """The import's progress callback: the latest line in the job's progress file, throttled."""

    def __init__(self, job):
        self.job_id = job.pk
        self.step = job.get_step_display()
        self.last = 0.0

    def __call__(self, message, done=None, total=None):
        now = time.monotonic()
        if done is not None and now - self.last < PROGRESS_INTERVAL:
            return
        self.last = now
        write_progress(self.job_id, f"{self.step} · {message}", done, total)


def job_state(job):
    """What the progress page and its JSON say about a job, from its row and its progress file."""
    progress = read_progress(job.pk) if not job.finished else {}
    status = job.status
    stale = False
    if status == JobStatus.RUNNING:
        last = progress.get("at") or (job.started_at.timestamp() if job.started_at else time.time())
        stale = time.time() - last > settings.LEDGER_JOB_STALE_SECONDS
    # Queued for long: no worker is taking tasks (one must run beside the site, see TASKS_URL).
    waiting = status == JobStatus.QUEUED and time.time() - job.updated_at.timestamp() > NO_WORKER_SECONDS
    done, total = progress.get("done"), progress.get("total")
    percent = round(100 * done / total) if done is not None and total else None
    return {
        "id": str(job.pk),
        "step": job.step,
        "step_label": str(job.get_step_display()),
        "status": status,
        "status_label": str(job.get_status_display()),
        "finished": job.finished,
        "stale": stale,
        "waiting": waiting,
        "message": progress.get("message", ""),
        "done": done,
        "total": total,
        "percent": percent,
        "url": job.get_absolute_url(),
    }


def report_context(report):
    """The review of a step's report, as the admin has always shown it (the page's template)."""
    rows = [(result, outcome) for result in report.results for outcome in result.outcomes]
    problems = report.problems
    return {
        "report": report,
        "rows": rows[:SHOWN_ROWS],
        "more_rows": max(0, len(rows) - SHOWN_ROWS),
        "problems": problems[:SHOWN_PROBLEMS],
        "problem_count": len(problems),
        "more_problems": max(0, len(problems) - SHOWN_PROBLEMS),
        "warnings": [str(w) for w in report.row_warnings],
        "totals": report.totals,
        "doubtful_count": sum(1 for item in report.review if item.doubtful),
        "review_counts": review_counts(report.review),
    }


def review_counts(items):
    """(kind, count, doubtful, explanation) for each kind of item to check, in the preview's order."""
    counts = {}
    for item in items:
        kind = counts.setdefault(item.kind, [item.kind, 0, item.doubtful, item.explanation])
        kind[1] += 1
    return [tuple(kind) for kind in counts.values()]


def summarise(report):
    problems = report.problems
    return {
        "dry_run": report.dry_run,
        "kind": report.kind,
        "encoding": report.encoding,
        "totals": report.totals,
        "refusals": [str(message) for message in report.refusals],
        "problem_count": len(problems),
        "problems": [[p.row, p.column, p.message, p.sheet] for p in problems[:SHOWN_PROBLEMS]],
        "review": {kind: count for kind, count, _doubtful, _why in review_counts(report.review)},
        # For the preview's form that maps them to fields (and any column mapped already).
        "unknown_columns": [
            {
                "sheet": sheet,
                "ledger": ledger,
                "columns": list(columns),
                "fields": list(fields),
                # What the preview proposes for each (the form is filled with it): {column: [field, why]}.
                "proposed": {
                    column: [target, why]
                    for where, column, target, why in report.column_proposals
                    if where == sheet and column in columns
                },
            }
            for sheet, ledger, columns, fields in report.unknown_columns
        ],
    }


def render_report(report):
    """(the review, its row-by-row table) as HTML, rendered once by the worker and kept on the job."""
    context = report_context(report)
    return (
        render_to_string("admin/ledgers/importbatch/report.html", context),
        render_to_string("admin/ledgers/importbatch/report_rows.html", context),
    )


@task(queue_name="ledgers")
def run_import_job(job_id):
    """Run a job's current step (preview or apply) and keep its outcome on the job."""
    job = ImportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.status not in (JobStatus.QUEUED, JobStatus.RUNNING):
        return None  # removed, or already run by another worker
    ImportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), finished_at=None, updated_at=timezone.now()
    )
    job.status = JobStatus.RUNNING
    try:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            _run_step(job)
    except BaseException as error:  # the worker is stopping, or a bug: say so, then let it go on
        logger.exception("Import job %s (%s) failed", job.pk, job.step)
        reason = f"{type(error).__name__}：{str(error)[:500]}"
        if job.batch_id is not None:
            # The import committed before the failure: it is done, whatever failed after it.
            ImportJob.objects.filter(pk=job.pk).update(
                status=JobStatus.DONE, batch=job.batch_id, has_errors=False, finished_at=timezone.now(),
                failure=f"导入已完成（批次“{job.batch}”），之后出错：{reason}", updated_at=timezone.now(),
            )
        else:
            ImportJob.objects.filter(pk=job.pk).update(
                status=JobStatus.FAILED, finished_at=timezone.now(), failure=reason, updated_at=timezone.now()
            )
        raise
    return job.status


def _run_step(job):
    data = read_upload(job)
    if data is None:
        job.status, job.has_errors = JobStatus.FAILED, True
        job.failure = "上传的文件已找不到（可能已被清理）；没有写入任何内容，请重新上传。"
        job.finished_at = timezone.now()
        job.save()
        return
    dry_run = job.step == JobStep.PREVIEW
    if not dry_run and hashlib.sha256(data).hexdigest() != job.sha256:
        job.status, job.has_errors = JobStatus.FAILED, True
        job.failure = "保存的文件与预览时的不同；没有写入任何内容，请重新上传。"
        job.finished_at = timezone.now()
        job.save()
        return
    write_progress(job.pk, f"{job.get_step_display()} · 读取 {job.file_name}")
    report = import_file(
        data,
        job.file_name,
        user=job.user,
        publish=job.publish,
        own_region=job.own_region,
        columns=job.column_map,
        dry_run=dry_run,
        max_bytes=settings.LEDGER_UPLOAD_MAX_BYTES,
        max_rows=settings.LEDGER_UPLOAD_MAX_ROWS,
        progress=ProgressWriter(job),
    )
    job.batch = report.batch if report.committed else None
    write_progress(job.pk, f"{job.get_step_display()} · 生成结果页")
    try:
        job.report_html, job.rows_html = render_report(report)
    except Exception:
        # The import itself is over (committed or not): its outcome must not be reported as a
        # failure because its page could not be drawn. The batch page still shows what it did.
        logger.exception("Import job %s: the report page could not be rendered", job.pk)
        job.report_html, job.rows_html = f"<p>{RENDER_FAILED}</p>", ""
    job.has_errors = report.has_errors
    job.summary = summarise(report)
    job.sha256 = report.sha256 or job.sha256
    job.size = report.size or job.size
    job.rows = sum(len(result.outcomes) for result in report.results)
    job.doubtful = sum(1 for item in report.review if item.doubtful)
    job.status = JobStatus.DONE
    job.failure = ""
    job.finished_at = timezone.now()
    job.save()
    if job.batch is not None:
        forget_upload(job)  # imported: the file has done its work
    else:
        with contextlib.suppress(OSError):
            progress_path(job.pk).unlink()


def start(job, step):
    """Queue `step` of the job; with the immediate backend it has run when this returns."""
    ImportJob.objects.filter(pk=job.pk).update(
        step=step, status=JobStatus.QUEUED, failure="", updated_at=timezone.now()
    )
    job.step, job.status = step, JobStatus.QUEUED
    write_progress(job.pk, f"{job.get_step_display()} · 排队等候后台任务")
    result = run_import_job.enqueue(str(job.pk))
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job
