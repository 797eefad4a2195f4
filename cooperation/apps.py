from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'cooperation'
    verbose_name = _("协作基础数据")

    def ready(self):
        from cooperation.models import Appointment, Organization, Pairing, Photo, ProgramFigure, Region, Source, Topic
        from review import registry

        registry.register_photo_model(Photo)
        for model in (Region, Organization, Pairing, Topic, Source, Photo):
            registry.register_reference(model)
        registry.register_part(Appointment, "person")
        registry.register_part(ProgramFigure, "pairing")
