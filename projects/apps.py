from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'projects'
    verbose_name = _("协作项目")

    def ready(self):
        from projects.models import Project, ProjectUpdate
        from review import registry

        registry.register_displayed_dates(Project, ["start_year"])
        registry.register_part(ProjectUpdate, "project")
