from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "portal.pagecache"
    label = "pagecache"
    verbose_name = _("页面缓存")

    def ready(self):
        from portal.pagecache.content import after_migrate, watch_connection

        # Every database connection, in web workers and management commands alike (an import
        # from the shell must end cached pages as surely as a save in the admin).
        connection_created.connect(watch_connection, dispatch_uid="pagecache.watch_connection")
        # A deploy migrates: the schedule is looked up then, so pages cached after a restart
        # expire at the next scheduled publication, not after the short unknown-schedule limit.
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="pagecache.after_migrate")
