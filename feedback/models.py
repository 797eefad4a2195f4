"""Messages from the public: error reports about the site (找错) and messages (留言), with replies.

The visitor's name and contact details are for replying only and never appear on a public
page; a message reaches the public only when staff publish it with its reply.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class MessageKind(models.TextChoices):
    ERROR_REPORT = "error", _("找错")
    # The same word is the footer link "leave a message"; the context keeps the kind a noun.
    MESSAGE = "message", pgettext_lazy("kind of public message", "留言")


class MessageStatus(models.TextChoices):
    NEW = "new", _("新收到")
    IN_PROGRESS = "in_progress", _("处理中")
    ANSWERED = "answered", _("已答复")
    NOT_PUBLIC = "not_public", _("不予公开")
    CLOSED = "closed", _("已关闭")


# Statuses of a message still waiting for its reply: only these can be overdue.
OPEN_STATUSES = [MessageStatus.NEW, MessageStatus.IN_PROGRESS]


class MessageQuerySet(models.QuerySet):
    def public(self):
        """What an anonymous visitor may read: answered, with a reply, and published by staff."""
        return (
            self.filter(is_public=True, status=MessageStatus.ANSWERED, published_at__isnull=False)
            .exclude(reply="")
            .order_by("-published_at", "-id")
        )

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        """Open messages whose reply-by date has passed."""
        return self.open().filter(reply_by__lt=today or timezone.localdate())

    def recent_from(self, client_key, since):
        return self.filter(client_key=client_key, received_at__gte=since)

    def contact_expired(self, days):
        """Settled messages older than `days` that still hold the sender's name or contact details."""
        cutoff = timezone.now() - datetime.timedelta(days=days)
        return (
            self.exclude(status__in=OPEN_STATUSES)
            .filter(received_at__lt=cutoff)
            .exclude(name="", contact="")
        )


class Message(models.Model):
    reference = models.CharField(_("受理编号"), max_length=24, unique=True, editable=False)
    kind = models.CharField(_("类型"), max_length=16, choices=MessageKind.choices, default=MessageKind.MESSAGE)
    page_path = models.CharField(
        _("所指页面"), max_length=300, blank=True, help_text=_("找错时所指的本站页面地址")
    )
    name = models.CharField(_("姓名"), max_length=50, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, help_text=_("手机、固定电话或电子邮箱；不公开"))
    subject = models.CharField(_("标题"), max_length=100)
    text = models.TextField(_("内容"))
    received_at = models.DateTimeField(_("收到时间"), default=timezone.now, editable=False, db_index=True)
    reply_by = models.DateField(_("答复期限"), editable=False)
    status = models.CharField(
        _("办理状态"), max_length=16, choices=MessageStatus.choices, default=MessageStatus.NEW, db_index=True
    )
    reply = models.TextField(_("答复"), blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True, editable=False)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_public = models.BooleanField(
        _("公开"),
        default=False,
        help_text=_("在“留言与答复”页面刊出这条留言及其答复（不含姓名和联系方式）；由审核发布人员决定"),
    )
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True, editable=False)
    contact_purged_at = models.DateTimeField(
        _("联系方式清除时间"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("姓名和联系方式过了保存期限后清除的时间"),
    )
    # A keyed hash of the sender's address: enough to count messages per address for the
    # rate limit, without keeping the address itself.
    client_key = models.CharField(_("来源标识"), max_length=64, blank=True, editable=False, db_index=True)

    objects = MessageQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["client_key"])

    class Meta:
        verbose_name = _("找错与留言")
        verbose_name_plural = _("找错与留言")
        ordering = ["-received_at", "-id"]
        permissions = [("publish_message", _("可以公开留言及答复"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_public=False) | (Q(status=MessageStatus.ANSWERED) & ~Q(reply="")),
                name="feedback_message_public_only_when_answered",
            )
        ]
        indexes = [
            models.Index(fields=["status", "reply_by"], name="feedback_message_due"),
            models.Index(fields=["is_public", "published_at"], name="feedback_message_public"),
        ]

    def __str__(self):
        return f"{self.reference} {self.subject}"

    @property
    def is_overdue(self):
        return self.status in OPEN_STATUSES and self.reply_by < timezone.localdate()
