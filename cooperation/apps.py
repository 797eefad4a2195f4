from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'cooperation'
    verbose_name = _("协作基础数据")

    def ready(self):
        from cooperation.models import Photo
        from review import registry

        registry.register_photo_model(Photo)
