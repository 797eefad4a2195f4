from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'projects'
    verbose_name = _("协作项目")

    def ready(self):
        from cooperation.models import Pairing, Region, Source, Topic
        from projects.models import Project, ProjectUpdate
        from review import registry

        registry.register_displayed_dates(Project, ["start_year"])
        registry.register_part(ProjectUpdate, "project")
        # The place, topics and pairing a published project's page names (and links to).
        registry.register_public_use(Region, Project, "region")
        registry.register_public_use(Topic, Project, "topics")
        registry.register_public_use(Pairing, Project, "pairing")
        for path in ("source", "updates__source", "pairing__figures__source"):
            registry.register_public_use(Source, Project, path)
