from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff accounts under 网络安全等级保护 2.0: password rules, idle timeout, two-factor login,
    the three separated administrator roles and the append-only audit log."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("账号与安全审计")

    def ready(self):
        from accounts import checks, signals  # noqa: F401  (connects receivers, registers checks)
        from accounts.third_party_names import rename

        # The third-party apps whose records the admin shows: named in the office's words, not as
        # the packages call themselves (AXES, TOTP devices, Tasks Database Backend).
        rename()
