from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgersConfig(AppConfig):
    """Import and export of the office ledgers (台账), with the record of every import.

    An app of its own (label ``ledgers``) inside ``cooperation``: its batches and permissions
    get their own migrations, and it reaches the ledgers of `visits` and `projects` only
    through ``settings.LEDGERS``, so `cooperation` never imports those apps.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "cooperation.ledgers"
    label = "ledgers"
    verbose_name = _("台账导入导出")
