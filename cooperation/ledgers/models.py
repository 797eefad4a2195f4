"""The record of every committed import, with what it did, so that it can be undone."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BatchStatus(models.TextChoices):
    COMMITTED = "committed", _("已导入")
    ROLLED_BACK = "rolled_back", _("已回滚")
    # Written after the import's own transaction rolled back: nothing of the file is in the database.
    FAILED = "failed", _("导入失败")


class ImportBatch(models.Model):
    """One import of one file: who, when, which file, what it counted and what it changed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("导入时间"), auto_now_add=True, db_index=True)
    file_name = models.CharField(_("文件名"), max_length=255)
    sha256 = models.CharField(_("文件 SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("文件大小（字节）"), default=0)
    file_kind = models.CharField(_("文件格式"), max_length=10, blank=True)
    encoding = models.CharField(_("编码"), max_length=40, blank=True)
    ledgers = models.CharField(_("台账"), max_length=60, help_text=_("按导入顺序，如 项目、考察活动"))
    published = models.BooleanField(_("导入即发布"), default=False)
    new = models.PositiveIntegerField(_("新增"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    unchanged = models.PositiveIntegerField(_("未变"), default=0)
    counts = models.JSONField(_("各台账计数"), default=dict, blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=BatchStatus.choices, default=BatchStatus.COMMITTED, db_index=True
    )
    failure = models.TextField(_("失败原因"), blank=True)
    rolled_back_at = models.DateTimeField(_("回滚时间"), null=True, blank=True)
    rolled_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("回滚人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("导入批次")
        verbose_name_plural = _("导入批次")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("import_ledger", _("可以导入台账")),
            ("export_ledger", _("可以导出台账")),
            ("rollback_importbatch", _("可以回滚导入批次")),
        ]

    def __str__(self):
        # Named by time and file, never by number: the numbers skip the imports that failed
        # inside their transaction, and a skipped number looks like a lost import.
        return f"{timezone.localtime(self.created_at):%Y-%m-%d %H:%M:%S} {self.file_name}"

    def get_absolute_url(self):
        return reverse("admin:ledgers_importbatch_change", args=[self.pk])


class ChangeAction(models.TextChoices):
    CREATED = "created", _("新增")
    UPDATED = "updated", _("修改")
    DELETED = "deleted", _("删除")


class BatchChange(models.Model):
    """One record the batch created, changed or deleted; for the last two, its state before.

    A record created under another record of the same batch (a participant of a new trip)
    is not listed: undoing the parent removes it.
    """

    batch = models.ForeignKey(ImportBatch, verbose_name=_("导入批次"), on_delete=models.CASCADE, related_name="changes")
    content_type = models.ForeignKey(ContentType, verbose_name=_("类型"), on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField(_("记录编号"))
    action = models.CharField(_("操作"), max_length=10, choices=ChangeAction.choices)
    object_repr = models.CharField(_("记录"), max_length=200, blank=True)
    # The record as it was before (serializer "python" form: model, pk, fields with m2m ids).
    before = models.JSONField(_("修改前"), null=True, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("批次变更")
        verbose_name_plural = _("批次变更")
        ordering = ["batch", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="batchchange_object")]

    def __str__(self):
        return f"{self.get_action_display()} {self.object_repr}"


class JobStep(models.TextChoices):
    PREVIEW = "preview", _("预览")
    APPLY = "apply", _("导入")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("进行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class ImportJob(models.Model):
    """A web import in the background: the stored upload, its preview, then its apply.

    The upload request stores the file and queues the preview; a worker runs it (the same
    `import_file` as the command) and keeps the rendered review here; the importer confirms,
    and the same job runs the apply. Progress while a step runs is a small file beside the
    upload (see `cooperation.ledgers.jobs`), because the step's own transaction holds the
    database until it ends; everything else is this row, written outside that transaction.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导入人"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    file_name = models.CharField(_("文件名"), max_length=255)
    sha256 = models.CharField(_("文件 SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("文件大小（字节）"), default=0)
    publish = models.BooleanField(_("导入即发布"), default=False)
    # 本单位所在地区 as the importer wrote it: the other end of a one-ended sheet's trips.
    own_region = models.CharField(_("本单位所在地区"), max_length=60, blank=True)
    # {the sheet's column: the ledger's field}, chosen in the preview for columns no ledger reads.
    column_map = models.JSONField(_("列的读法"), default=dict, blank=True)
    language = models.CharField(_("语言"), max_length=10, blank=True)
    step = models.CharField(_("步骤"), max_length=10, choices=JobStep.choices, default=JobStep.PREVIEW)
    status = models.CharField(_("状态"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    task_id = models.CharField(_("任务编号"), max_length=64, blank=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    has_errors = models.BooleanField(_("有错误"), default=False)
    rows = models.PositiveIntegerField(_("行数"), default=0)
    doubtful = models.PositiveIntegerField(_("存疑项"), default=0)
    # The report's figures: file kind and encoding, totals, refusals, the first problems (row,
    # column, message, sheet) — for the JSON endpoint and anyone checking a job without its page.
    summary = models.JSONField(_("摘要"), default=dict, blank=True)
    report_html = models.TextField(_("预览"), blank=True)
    rows_html = models.TextField(_("逐行结果"), blank=True)
    failure = models.TextField(_("失败原因"), blank=True)
    batch = models.ForeignKey(
        ImportBatch, verbose_name=_("导入批次"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("后台导入")
        verbose_name_plural = _("后台导入")
        ordering = ["-created_at"]
        default_permissions = ()

    def __str__(self):
        return f"{self.file_name}（{self.get_step_display()}：{self.get_status_display()}）"

    def get_absolute_url(self):
        return reverse("admin:ledgers_importbatch_job", args=[self.pk])

    @property
    def finished(self):
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
