from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'cooperation'
    verbose_name = _("协作基础数据")

    def ready(self):
        from cooperation.content_version import after_migrate, before_migrate, watch_connection
        from cooperation.dates import format_partial_date
        from cooperation.models import Appointment, Organization, Pairing, Photo, ProgramFigure, Region, Source, Topic
        from review import registry

        registry.register_photo_model(Photo)
        for model in (Region, Organization, Pairing, Topic, Source, Photo):
            registry.register_reference(model)
        registry.register_part(Appointment, "person")
        registry.register_part(ProgramFigure, "pairing")
        registry.register_partial_date_format(format_partial_date)

        # Every database connection, in web workers and management commands alike (an import
        # from the shell must end cached copies as surely as a save in the admin).
        connection_created.connect(watch_connection, dispatch_uid="content_version.watch_connection")
        # A deploy migrates: the schedule is looked up then.
        pre_migrate.connect(before_migrate, sender=self, dispatch_uid="content_version.before_migrate")
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="content_version.after_migrate")
