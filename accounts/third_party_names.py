"""The office's words for what third-party apps show staff in the admin in English.

django-axes marks its strings for translation (their Chinese is in locale/zh_Hans); django-otp
and django-tasks' database backend do not, so their names and field labels are set here, when
the apps are ready, as strings of this project (Chinese, translated to English in locale/en).
Only what migrations do not record is changed (a model's `_meta.verbose_name`, a field's
`verbose_name`): the help texts, which they do record, are given by the device admin's form.
The login records' own descriptions (an admin page's subtitle, a deletion's confirmation) are
axes' English sentences; they are replaced by Chinese ones here.
"""

from django.apps import apps
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

APP_NAMES = {
    "axes": _("登录失败锁定"),
    "otp_totp": _("两步验证设备"),
    "django_tasks_database": _("后台任务"),
}

# field → (label, help text)
TOTP_FIELDS = {
    "user": (_("账号"), _("设备所属的账号")),
    "name": (_("名称"), _("便于认出这台设备的名称")),
    "confirmed": (_("已确认"), _("设备是否已能用于登录")),
    "created_at": (_("创建时间"), _("设备设置的时间")),
    "last_used_at": (_("最近使用时间"), _("最近一次用这台设备登录的时间")),
    "key": (_("密钥"), _("十六进制编码的密钥，最长 40 字节")),
    "step": (_("时间步长"), _("每个验证码有效的秒数")),
    "t0": (_("起始时间"), _("开始计算时间步的 Unix 时间")),
    "digits": (_("位数"), _("验证码的位数")),
    "tolerance": (_("容差"), _("允许验证码早于或晚于当前的步数")),
    "drift": (_("时钟偏差"), _("设备时钟已知与服务器相差的步数")),
    "last_t": (_("最近验证的时间步"), _("最近一次通过的验证码所在的时间步，下一个验证码必须更晚")),
    "throttling_failure_timestamp": (_("最近失败时间"), _("最近一次验证失败的时间；上次验证成功则为空")),
    "throttling_failure_count": (_("连续失败次数"), _("连续验证失败的次数")),
}

TASK_RESULT_NAMES = (_("任务结果"), _("任务结果"))


def _when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S") if moment else ""


def _access_attempt(attempt):
    return gettext("登录尝试：%(username)s，%(when)s") % {
        "username": attempt.username or "", "when": _when(attempt.attempt_time)
    }


def _access_log(log):
    return gettext("登录记录：%(username)s，%(when)s") % {
        "username": log.username or "", "when": _when(log.attempt_time)
    }


def _access_failure(failure):
    text = gettext("登录失败：%(username)s，%(when)s，来自 %(ip)s") % {
        "username": failure.username or "", "when": _when(failure.attempt_time), "ip": failure.ip_address or ""
    }
    return text + (gettext("（已锁定）") if failure.locked_out else "")


def _history_name(record):
    return gettext("%(model)s的历史记录") % {"model": record._meta.verbose_name}


def rename():
    """Give the third-party apps' names, labels and record descriptions in the office's words."""
    for label, name in APP_NAMES.items():
        if label in apps.app_configs:
            apps.get_app_config(label).verbose_name = name
    if "otp_totp" in apps.app_configs:
        device = apps.get_model("otp_totp", "TOTPDevice")
        device._meta.verbose_name = _("两步验证设备")
        device._meta.verbose_name_plural = _("两步验证设备")
        for name, (label, _help_text) in TOTP_FIELDS.items():
            device._meta.get_field(name).verbose_name = label
    if "django_tasks_database" in apps.app_configs:
        result = apps.get_model("django_tasks_database", "DBTaskResult")
        result._meta.verbose_name, result._meta.verbose_name_plural = TASK_RESULT_NAMES
    # django-simple-history names a record's history "historical 考察活动" (in the permission and
    # record-type pickers).
    for model in apps.get_models():
        record = getattr(model, "instance_type", None)
        if record is not None and hasattr(model, "history_id"):
            model._meta.verbose_name = lazy(_history_name, str)(record)
            model._meta.verbose_name_plural = model._meta.verbose_name
    if "axes" in apps.app_configs:
        apps.get_model("axes", "AccessAttempt").__str__ = _access_attempt
        apps.get_model("axes", "AccessLog").__str__ = _access_log
        apps.get_model("axes", "AccessFailureLog").__str__ = _access_failure
