from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovsiteConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "govsite"
    verbose_name = _("网站管理")

    def ready(self):
        from govsite.site import watch_sections

        watch_sections()
