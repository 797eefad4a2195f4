"""The import and export of ledgers in the admin, and the batches each import leaves.

Upload → dry run (what each row would do, every problem with its row, column and value) →
confirm (all or nothing) → the batch, which can be rolled back.

Why our own views and not django-import-export's ImportMixin/ExportMixin: those are built
around one resource per ModelAdmin, and their confirm step re-imports one resource at a
time. A workbook here holds three ledgers that must commit together, in order, into several
models each, with one record of the batch — so the steps are written out here, on the admin
site and in its templates, reusing import-export's temporary storage for the uploaded file.
"""

import contextlib
import hashlib
import uuid
from collections import Counter

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from accounts.audit import record
from accounts.idle import keeps_session_idle
from accounts.models import AuditEvent, Outcome
from cooperation.ledgers import jobs
from cooperation.ledgers.forms import ColumnMapForm, ConfirmForm, ExportForm, UploadForm
from cooperation.ledgers.models import BatchStatus, ImportBatch, ImportJob, JobStatus, JobStep
from cooperation.ledgers.service import (
    RollbackRefused,
    audit_export,
    export_ledgers,
    ledgers,
    rollback,
    rollback_conflicts,
)
from cooperation.storage import MEDIA_WRITE_MESSAGE

# Previews a user may have waiting for confirmation; the oldest file goes when a new one comes.
MAX_PENDING = 5
# The user's latest imports, listed on the upload page (a running one is found again there).
RECENT_JOBS = 10
# Finished jobs kept per user (their previews are pages of their own); older ones are removed.
KEPT_JOBS = 50


def refuse(request, event, what):
    """A staff member without the permission tried: the audit log records it, the admin says no."""
    record(event, request=request, obj=what, outcome=Outcome.DENIED, detail=f"没有权限：{what}")
    raise PermissionDenied


def user_can_publish_ledgers(user):
    return all(
        user.has_perm(f"{model._meta.app_label}.publish_{model._meta.model_name}")
        for ledger in ledgers()
        for model in ledger.publishable_models()
    )


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "user",
        "file_name",
        "ledgers",
        "new",
        "updated",
        "unchanged",
        "published",
        "status",
    ]
    list_filter = ["status", "published", "ledgers"]
    list_select_related = ["user"]
    search_fields = ["file_name", "sha256", "user__username"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "user",
        "created_at",
        "file_name",
        "sha256",
        "size",
        "file_kind",
        "encoding",
        "ledgers",
        "published",
        "new",
        "updated",
        "unchanged",
        "status",
        "failure",
        "rolled_back_at",
        "rolled_back_by",
    ]
    fields = readonly_fields
    change_form_template = "admin/ledgers/importbatch/change_form.html"
    change_list_template = "admin/ledgers/importbatch/change_list.html"

    def has_add_permission(self, request):
        return request.user.has_perm("ledgers.import_ledger")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or request.user.has_perm("ledgers.import_ledger")

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path("confirm/", view(self.confirm_view), name="{}_{}_confirm".format(*info)),
            path("job/<uuid:job_id>/", view(self.job_view), name="{}_{}_job".format(*info)),
            path("job/<uuid:job_id>/columns/", view(self.columns_view), name="{}_{}_job_columns".format(*info)),
            path(
                "job/<uuid:job_id>/progress/",
                view(self.job_progress_view),
                name="{}_{}_job_progress".format(*info),
            ),
            path("export/", view(self.export_view), name="{}_{}_export".format(*info)),
            path("<int:object_id>/rollback/", view(self.rollback_view), name="{}_{}_rollback".format(*info)),
            *super().get_urls(),
        ]

    def context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "has_view_permission": self.has_view_permission(request),
            **extra,
        }

    # Upload, preview and apply, in the background -------------------------------------------

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            refuse(request, AuditEvent.IMPORT, "导入台账")
        can_publish = user_can_publish_ledgers(request.user)
        form = UploadForm(request.POST or None, request.FILES or None, can_publish=can_publish)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            job = ImportJob(
                user=request.user,
                file_name=upload.name[:255],
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                publish=bool(form.cleaned_data.get("publish")) and can_publish,
                own_region=form.cleaned_data.get("own_region", ""),
                language=translation.get_language() or "",
            )
            try:
                jobs.store_upload(job, data)
            except OSError as error:
                # A full or read-only disk: no file is left behind, the form says why.
                form.add_error("file", MEDIA_WRITE_MESSAGE % {"reason": error.strerror or error})
                return self.import_form(request, form)
            job.save()
            self.forget_old_jobs(request.user, keep=job)
            job = jobs.start(job, JobStep.PREVIEW)
            return self.after_start(request, job)
        return self.import_form(request, form)

    def after_start(self, request, job):
        """The job's page: at once when the step already ran (the immediate backend), else its progress."""
        if job.finished:
            return self.job_page(request, job)
        return redirect(job.get_absolute_url())

    @staticmethod
    def forget_old_jobs(user, keep):
        """Previews a user may have waiting for confirmation; the oldest files go when a new one comes."""
        finished = ImportJob.objects.filter(user=user).exclude(pk=keep.pk)
        finished = finished.exclude(status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).order_by("-created_at")
        for job in finished.filter(batch__isnull=True)[MAX_PENDING - 1 :]:
            jobs.forget_upload(job)
        # The batches keep what was imported; older jobs (and their rendered pages) go.
        old = list(finished.values_list("pk", flat=True)[KEPT_JOBS:])
        if old:
            ImportJob.objects.filter(pk__in=old).delete()

    def import_form(self, request, form):
        return TemplateResponse(
            request,
            "admin/ledgers/importbatch/import.html",
            self.context(
                request,
                _("导入台账"),
                form=form,
                max_mb=settings.LEDGER_UPLOAD_MAX_BYTES // 1024 // 1024,
                ledgers=ledgers(),
                recent_jobs=ImportJob.objects.filter(user=request.user).select_related("batch")[:RECENT_JOBS],
            ),
        )

    def own_job(self, request, job_id):
        """The user's own job (another's is not found: an upload is its uploader's)."""
        if not self.has_add_permission(request):
            refuse(request, AuditEvent.IMPORT, "导入台账")
        return get_object_or_404(ImportJob.objects.select_related("batch"), pk=job_id, user=request.user)

    @method_decorator(keeps_session_idle)
    def job_view(self, request, job_id):
        # Watching (and reloading) the page is not activity: the session is not written, so on
        # SQLite the page never waits for the import's hold on the database.
        job = self.own_job(request, job_id)
        if job.finished and job.step == JobStep.APPLY and job.batch is not None and not job.has_errors:
            return redirect(job.batch.get_absolute_url())
        return self.job_page(request, job)

    def job_page(self, request, job):
        if job.finished and job.step == JobStep.APPLY and job.batch is not None and not job.has_errors:
            messages.success(
                request,
                _("已导入批次“%(batch)s”：新增 %(new)d，更新 %(updated)d，未变 %(unchanged)d。")
                % {
                    "batch": job.batch,
                    "new": job.batch.new,
                    "updated": job.batch.updated,
                    "unchanged": job.batch.unchanged,
                },
            )
            return redirect(job.batch.get_absolute_url())
        state = jobs.job_state(job)
        confirm = None
        if job.finished and job.status == JobStatus.DONE and job.step == JobStep.PREVIEW and not job.has_errors:
            confirm = ConfirmForm(
                initial={"token": job.pk.hex, "file_name": job.file_name, "sha256": job.sha256, "publish": job.publish}
            )
        columns = None
        if job.finished and job.status == JobStatus.DONE and job.step == JobStep.PREVIEW:
            unknown = job.summary.get("unknown_columns") or []
            columns = ColumnMapForm(unknown=unknown) if unknown else None
        if not job.finished:
            title = _("正在%(step)s：%(file)s") % {"step": job.get_step_display(), "file": job.file_name}
        elif job.status == JobStatus.FAILED:
            title = _("导入失败")
        else:
            title = _("导入预览") if job.step == JobStep.PREVIEW else _("导入结果")
        response = TemplateResponse(
            request,
            "admin/ledgers/importbatch/job.html",
            self.context(
                request,
                title,
                job=job,
                state=state,
                confirm=confirm,
                columns=columns,
                step=job.get_step_display(),
                upload_url=reverse("admin:ledgers_importbatch_add"),
            ),
        )
        response["Cache-Control"] = "no-store"
        return response

    @method_decorator(keeps_session_idle)
    def job_progress_view(self, request, job_id):
        """The job's state as JSON, for the progress bar: one row and one small file, no write."""
        job = self.own_job(request, job_id)
        response = JsonResponse(jobs.job_state(job))
        response["Cache-Control"] = "no-store"
        return response

    def columns_view(self, request, job_id):
        """The preview's columns mapped to fields: the same stored file previewed again with them."""
        job = self.own_job(request, job_id)
        if request.method != "POST":
            return redirect(job.get_absolute_url())
        if not (job.finished and job.status == JobStatus.DONE and job.step == JobStep.PREVIEW):
            messages.error(request, _("这次导入已不在预览中，不能再改列的读法。"))
            return redirect(job.get_absolute_url())
        form = ColumnMapForm(request.POST, unknown=job.summary.get("unknown_columns") or [])
        if not form.is_valid() or not form.column_map():
            messages.error(request, _("没有为任何一列选择读法。"))
            return redirect(job.get_absolute_url())
        if jobs.read_upload(job) is None:
            messages.error(request, _("上传的文件已找不到或已改变，请重新上传。"))
            return redirect("admin:ledgers_importbatch_add")
        job.column_map = {**job.column_map, **form.column_map()}
        job.save(update_fields=["column_map", "updated_at"])
        job = jobs.start(job, JobStep.PREVIEW)
        return self.after_start(request, job)

    def confirm_view(self, request):
        if not self.has_add_permission(request):
            refuse(request, AuditEvent.IMPORT, "导入台账")
        if request.method != "POST":
            return redirect("admin:ledgers_importbatch_add")
        form = ConfirmForm(request.POST)
        job = None
        if form.is_valid():
            with contextlib.suppress(ValueError):
                job = ImportJob.objects.filter(
                    pk=uuid.UUID(hex=form.cleaned_data["token"]), user=request.user
                ).first()
        if job is None or job.step != JobStep.PREVIEW or job.status != JobStatus.DONE or job.has_errors:
            messages.error(request, _("导入凭据已失效，请重新上传文件。"))
            return redirect("admin:ledgers_importbatch_add")
        if job.sha256 != form.cleaned_data["sha256"] or jobs.read_upload(job) is None:
            messages.error(request, _("上传的文件已找不到或已改变，请重新上传。"))
            return redirect("admin:ledgers_importbatch_add")
        job = jobs.start(job, JobStep.APPLY)
        return self.after_start(request, job)

    # A batch: what it did, and rolling it back ---------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        batch = get_object_or_404(ImportBatch, pk=object_id)
        summary = (
            batch.changes.values("content_type", "action").annotate(n=Count("pk")).order_by("content_type", "action")
        )
        extra_context = {
            **(extra_context or {}),
            "change_summary": self.describe_summary(summary),
            "recent_changes": self.describe_changes(batch.changes.select_related("content_type")[:200]),
            "can_rollback": batch.status == BatchStatus.COMMITTED
            and request.user.has_perm("ledgers.rollback_importbatch"),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @staticmethod
    def describe_summary(summary):
        from django.contrib.contenttypes.models import ContentType

        labels = {"created": _("新增"), "updated": _("修改"), "deleted": _("删除")}
        rows = []
        for item in summary:
            model = ContentType.objects.get_for_id(item["content_type"]).model_class()
            rows.append((model._meta.verbose_name if model else "?", labels.get(item["action"]), item["n"]))
        return rows

    @staticmethod
    def describe_changes(changes):
        rows = []
        for change in changes:
            model = change.content_type.model_class()
            url = ""
            if model is not None and change.action != "deleted":
                try:
                    url = reverse(
                        f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[change.object_id]
                    )
                except Exception:  # a model without an admin page
                    url = ""
            rows.append(
                (model._meta.verbose_name if model else "?", change.get_action_display(), change.object_repr, url)
            )
        return rows

    def rollback_view(self, request, object_id):
        if not request.user.has_perm("ledgers.rollback_importbatch"):
            refuse(request, AuditEvent.IMPORT_ROLLBACK, f"回滚导入批次 #{object_id}")
        batch = get_object_or_404(ImportBatch, pk=object_id)
        if request.method == "POST":
            try:
                rollback(batch, user=request.user)
            except RollbackRefused as refused:
                messages.error(request, str(refused))
            else:
                messages.success(request, _("批次“%(batch)s”已回滚。") % {"batch": batch})
            return redirect(batch.get_absolute_url())
        counts = Counter(batch.changes.values_list("action", flat=True))
        conflicts = rollback_conflicts(batch) if batch.status == BatchStatus.COMMITTED else []
        conflicts = ImportBatch.objects.filter(pk__in=conflicts).order_by("created_at")
        return TemplateResponse(
            request,
            "admin/ledgers/importbatch/rollback.html",
            self.context(
                request,
                _("回滚导入批次“%(batch)s”") % {"batch": batch},
                batch=batch,
                original=batch,
                created=counts["created"],
                updated=counts["updated"],
                deleted=counts["deleted"],
                conflicts=conflicts,
            ),
        )

    # Export -------------------------------------------------------------------------------

    def export_view(self, request):
        if not request.user.has_perm("ledgers.export_ledger"):
            refuse(request, AuditEvent.EXPORT, "导出台账")
        available = ledgers()
        initial = {}
        wanted = request.GET.get("for", "")
        for ledger in available:
            if wanted in {model._meta.label_lower for model in ledger.admin_models()}:
                initial["ledger"] = ledger.ledger_slug
        form = ExportForm(request.POST or None, ledgers=available, initial=initial)
        if request.method == "POST" and form.is_valid():
            slug = form.cleaned_data["ledger"]
            file_format = form.cleaned_data["file_format"]
            public = form.cleaned_data["published_only"]
            counts = {}
            data = export_ledgers([slug] if slug else None, file_format=file_format, public=public, counts=counts)
            name = next((ledger.ledger_name for ledger in available if ledger.ledger_slug == slug), "台账")
            file_name = f"{name}-{timezone.localdate():%Y%m%d}.{file_format}"
            audit_export(file_name, data, counts=counts, public=public, request=request)
            content_type = (
                "text/csv; charset=utf-8"
                if file_format == "csv"
                else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
            response = HttpResponse(data, content_type=content_type)
            response["Content-Disposition"] = content_disposition_header(True, file_name)
            return response
        return TemplateResponse(
            request,
            "admin/ledgers/importbatch/export.html",
            self.context(
                request,
                _("导出台账"),
                form=form,
            ),
        )
