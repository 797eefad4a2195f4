"""Admin bases every app may use, kept at the bottom layer so accounts' own admin can use them too."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the site writes itself (review queue, audit log, link checks, dashboards): staff read them;
    nobody adds, changes or deletes one here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
