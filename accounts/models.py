"""The audit log (append-only) and the password history behind the password rules."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# 等保 2.0 asks that audit records be kept for at least six months.
MIN_RETENTION_DAYS = 180


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or remove an audit record through the application."""


class AuditEvent(models.TextChoices):
    LOGIN = "login", _("登录")
    LOGOUT = "logout", _("退出")
    LOGIN_FAILED = "login_failed", _("登录失败")
    LOCKOUT = "lockout", _("登录锁定")
    OTP = "otp", _("两步验证")
    SESSION_EXPIRED = "session_expired", _("会话超时")
    PASSWORD_CHANGE = "password_change", _("修改密码")
    ACCOUNT_CHANGE = "account_change", _("账号变更")
    GROUP_CHANGE = "group_change", _("角色变更")
    PERMISSION_CHANGE = "permission_change", _("权限变更")
    PUBLISH = "publish", _("发布")
    WITHDRAW = "withdraw", _("撤回")
    IMPORT = "import", _("导入")
    IMPORT_ROLLBACK = "import_rollback", _("导入回滚")
    EXPORT = "export", _("导出")
    SETTINGS_CHANGE = "settings_change", _("设置变更")
    AUDIT_PRUNE = "audit_prune", _("审计日志清理")
    PERSONAL_DATA_PURGE = "personal_data_purge", _("个人信息清除")


class Outcome(models.TextChoices):
    SUCCESS = "success", _("成功")
    FAILURE = "failure", _("失败")
    DENIED = "denied", _("拒绝")


class AuditQuerySet(models.QuerySet):
    """Reads only: every bulk write that would change or remove a record is refused."""

    def update(self, **kwargs):
        raise AuditLogIsAppendOnly(_("审计日志不能修改。"))

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditLogIsAppendOnly(_("审计日志不能修改。"))

    def delete(self):
        raise AuditLogIsAppendOnly(_("审计日志不能删除；过期记录由 prune_audit_log 命令清理。"))

    def prune(self, older_than_days):
        """Remove records older than the retention period: the one way a record ever leaves.

        Refuses a period under six months. On PostgreSQL a trigger enforces the same floor.
        """
        if older_than_days < MIN_RETENTION_DAYS:
            raise AuditLogIsAppendOnly(
                _("审计日志至少保留 %(days)d 天。") % {"days": MIN_RETENTION_DAYS}
            )
        cutoff = timezone.now() - timedelta(days=older_than_days)
        deleted, _by_model = models.QuerySet.delete(self.filter(occurred_at__lt=cutoff))
        return deleted, cutoff


class AuditEntry(models.Model):
    """One security-relevant event: who, in which role, from where, did what to what, and how it went.

    The user is kept as an id and a name rather than a foreign key, so that a record never
    changes or disappears when the account it names is renamed or deleted.
    """

    occurred_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True, editable=False)
    event = models.CharField(_("事件"), max_length=32, choices=AuditEvent.choices, db_index=True)
    outcome = models.CharField(_("结果"), max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS)
    user_id = models.PositiveBigIntegerField(_("用户编号"), null=True, blank=True, db_index=True)
    username = models.CharField(_("用户"), max_length=150, blank=True, db_index=True)
    role = models.CharField(_("角色"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    object_type = models.CharField(_("对象类型"), max_length=100, blank=True)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    object_repr = models.CharField(_("对象"), max_length=255, blank=True)
    detail = models.TextField(_("详情"), blank=True)
    path = models.CharField(_("请求地址"), max_length=300, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-occurred_at", "-id"]
        default_permissions = ("view",)
        permissions = [("export_auditentry", _("可以导出审计日志"))]
        indexes = [models.Index(fields=["event", "occurred_at"], name="auditentry_event_time")]

    def __str__(self):
        when = timezone.localtime(self.occurred_at).strftime("%Y-%m-%d %H:%M:%S")
        return f"{when} {self.get_event_display()} {self.username}".strip()

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly(_("审计日志不能修改。"))
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly(_("审计日志不能删除。"))


class PasswordHistory(models.Model):
    """The hashes of a user's last passwords (the current one included), newest first.

    The newest entry's time is when the password was last changed, which the 90-day rule reads.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="password_history"
    )
    password = models.CharField(_("密码摘要"), max_length=128)
    changed_at = models.DateTimeField(_("修改时间"), default=timezone.now, db_index=True)
    set_by_administrator = models.BooleanField(
        _("由管理员设置"), default=False, help_text=_("他人设置的密码须由本人在下次登录时修改")
    )

    class Meta:
        verbose_name = _("历史密码")
        verbose_name_plural = _("历史密码")
        ordering = ["user", "-changed_at", "-id"]

    def __str__(self):
        return f"{self.user_id} {self.changed_at:%Y-%m-%d}"
