from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The ledger buttons over a change list (templates/admin/ledgers/change_list.html).
CHANGE_LIST_TEMPLATE = "admin/ledgers/change_list.html"


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

    def ready(self):
        """The change list of every model a ledger writes (its `admin_models`) offers 导入台账 and
        导出台账, whichever app registers it: the ledger says where its buttons belong. And the
        task queue has no admin page of its own."""
        from django.apps import apps
        from django.contrib import admin

        from cooperation.ledgers.service import ledgers

        # The database queue's own admin page (django-tasks-db) is not offered: staff follow an
        # import on its job's page, and a task's arguments and tracebacks are for operators.
        if apps.is_installed("django_tasks_db"):
            task_results = apps.get_model("django_tasks_database", "DBTaskResult")
            if admin.site.is_registered(task_results):
                admin.site.unregister(task_results)

        for ledger in ledgers():
            for model in ledger.admin_models():
                model_admin = admin.site._registry.get(model)
                if model_admin is not None and model_admin.change_list_template is None:
                    model_admin.change_list_template = CHANGE_LIST_TEMPLATE
