"""Admin plumbing that every app's admin shares: odd addresses get 403/404, never a 500."""

from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin


class SafeAutocompleteJsonView(AutocompleteJsonView):
    """Django's autocomplete, refusing what it was not built for.

    Django accepts any field name whose `remote_field` has a model, reverse relations included,
    and then fails on them (a 500); and PostgreSQL refuses a NUL byte in a search term, which
    no name contains anyway.
    """

    def process_request(self, request):
        term, model_admin, source_field, to_field_name = super().process_request(request)
        if not isinstance(source_field, (models.ForeignKey, models.ManyToManyField)) or source_field.auto_created:
            raise PermissionDenied
        return term.replace("\x00", ""), model_admin, source_field, to_field_name


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history entry addresses take numbers only (anything else is 404)."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not str(version_id).isdigit():
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)
