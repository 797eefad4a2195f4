import atexit

from django.apps import AppConfig
from django.core.signals import request_finished
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'cooperation'
    verbose_name = _("协作基础数据")

    def ready(self):
        from cooperation import choice_labels
        from cooperation.content_version import after_migrate, before_migrate, flush_pending, watch_connection
        from cooperation.dates import format_partial_date
        from cooperation.models import (
            Appointment,
            Organization,
            Pairing,
            Person,
            Photo,
            ProgramFigure,
            Region,
            Source,
            Topic,
        )
        from review import registry

        registry.register_photo_model(Photo)
        for model in (Region, Organization, Pairing, Topic, Source, Photo):
            registry.register_reference(model)
        registry.register_part(Appointment, "person")
        registry.register_part(ProgramFigure, "pairing")
        # A published person's page links the place of the body each post is in.
        registry.register_public_use(Region, Person, "appointments__organization__region")
        registry.register_public_use(Source, Person, "appointments__source")
        registry.register_partial_date_format(format_partial_date)
        choice_labels.install()

        # Every database connection, in web workers and management commands alike (an import
        # from the shell must end cached copies as surely as a save in the admin).
        connection_created.connect(watch_connection, dispatch_uid="content_version.watch_connection")
        # A write made outside a transaction is numbered after its statement: at the latest when
        # the request ends, or when the process exits.
        request_finished.connect(flush_pending, dispatch_uid="content_version.flush_pending")
        atexit.register(flush_pending)
        # A deploy migrates: the schedule is looked up then.
        pre_migrate.connect(before_migrate, sender=self, dispatch_uid="content_version.before_migrate")
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="content_version.after_migrate")
