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
import uuid
from collections import Counter

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from import_export.tmp_storages import MediaStorage

from accounts.audit import record
from accounts.models import AuditEvent, Outcome
from cooperation.ledgers.forms import ConfirmForm, ExportForm, UploadForm
from cooperation.ledgers.models import BatchStatus, ImportBatch
from cooperation.ledgers.service import (
    RollbackRefused,
    audit_export,
    export_ledgers,
    import_file,
    ledgers,
    rollback,
    rollback_conflicts,
)
from cooperation.storage import MEDIA_WRITE_MESSAGE

SESSION_KEY = "ledger_uploads"
# Dry runs a user may have waiting for confirmation; the oldest file goes when a new one comes.
MAX_PENDING = 5
SHOWN_ROWS = 500
# A file can hold thousands of errors; the page lists the first ones (a 200,000-error preview
# was a 37.7 MB page) and counts the rest.
SHOWN_PROBLEMS = 200


def upload_storage(token):
    return MediaStorage(name=token, read_mode="rb", MEDIA_FOLDER="ledger-uploads")


def forget_upload(uploads, token):
    """Drop a dry-run file that was confirmed, or left unconfirmed for too long."""
    with contextlib.suppress(OSError):
        upload_storage(token).remove()
    uploads.pop(token, None)


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

    # Upload and dry run ---------------------------------------------------------------------

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            refuse(request, AuditEvent.IMPORT, "导入台账")
        can_publish = user_can_publish_ledgers(request.user)
        form = UploadForm(request.POST or None, request.FILES or None, can_publish=can_publish)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            publish = bool(form.cleaned_data.get("publish")) and can_publish
            report = import_file(
                data,
                upload.name,
                user=request.user,
                publish=publish,
                dry_run=True,
                max_bytes=settings.LEDGER_UPLOAD_MAX_BYTES,
                max_rows=settings.LEDGER_UPLOAD_MAX_ROWS,
            )
            confirm = None
            if not report.has_errors:
                token = uuid.uuid4().hex
                try:
                    upload_storage(token).save(data)
                except OSError as error:
                    # A full or read-only disk: no file is left behind, the form says why.
                    form.add_error("file", MEDIA_WRITE_MESSAGE % {"reason": error.strerror or error})
                    return self.import_form(request, form)
                uploads = request.session.get(SESSION_KEY, {})
                for stale in list(uploads)[: max(0, len(uploads) - MAX_PENDING + 1)]:
                    forget_upload(uploads, stale)
                uploads[token] = {"sha256": report.sha256, "file_name": upload.name, "publish": publish}
                request.session[SESSION_KEY] = uploads
                confirm = ConfirmForm(
                    initial={
                        "token": token,
                        "file_name": upload.name,
                        "sha256": report.sha256,
                        "publish": publish,
                    }
                )
            return self.render_report(request, report, confirm)
        return self.import_form(request, form)

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
            ),
        )

    def render_report(self, request, report, confirm=None):
        rows = [(result, outcome) for result in report.results for outcome in result.outcomes]
        return TemplateResponse(
            request,
            "admin/ledgers/importbatch/dry_run.html",
            self.context(
                request,
                _("导入预览") if report.dry_run else _("导入结果"),
                report=report,
                confirm=confirm,
                rows=rows[:SHOWN_ROWS],
                more_rows=max(0, len(rows) - SHOWN_ROWS),
                problems=report.problems[:SHOWN_PROBLEMS],
                problem_count=len(report.problems),
                more_problems=max(0, len(report.problems) - SHOWN_PROBLEMS),
                warnings=[str(w) for w in report.row_warnings],
                totals=report.totals,
            ),
        )

    def confirm_view(self, request):
        if not self.has_add_permission(request):
            refuse(request, AuditEvent.IMPORT, "导入台账")
        if request.method != "POST":
            return redirect("admin:ledgers_importbatch_add")
        form = ConfirmForm(request.POST)
        uploads = request.session.get(SESSION_KEY, {})
        if not form.is_valid() or form.cleaned_data["token"] not in uploads:
            messages.error(request, _("导入凭据已失效，请重新上传文件。"))
            return redirect("admin:ledgers_importbatch_add")
        token = form.cleaned_data["token"]
        pending = uploads[token]
        storage = upload_storage(token)
        try:
            data = storage.read()
        except OSError:
            data = b""
        report = None
        if data:
            report = import_file(
                data,
                pending["file_name"],
                user=request.user,
                publish=pending["publish"],
                dry_run=False,
                max_bytes=settings.LEDGER_UPLOAD_MAX_BYTES,
                max_rows=settings.LEDGER_UPLOAD_MAX_ROWS,
            )
        if report is None or report.sha256 != pending["sha256"]:
            messages.error(request, _("上传的文件已找不到或已改变，请重新上传。"))
            return redirect("admin:ledgers_importbatch_add")
        if report.has_errors:
            # The database changed since the dry run: show what stopped it; nothing was written.
            return self.render_report(request, report)
        forget_upload(uploads, token)
        request.session[SESSION_KEY] = uploads
        totals = report.totals
        messages.success(
            request,
            _("已导入批次“%(batch)s”：新增 %(new)d，更新 %(updated)d，未变 %(unchanged)d。")
            % {
                "batch": report.batch,
                "new": totals["new"],
                "updated": totals["updated"],
                "unchanged": totals["unchanged"],
            },
        )
        return redirect(report.batch.get_absolute_url())

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
