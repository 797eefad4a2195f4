"""The admin bases of the content apps: the review chain's, with old slugs kept on a rename."""

from django.conf import settings
from django.contrib import admin
from django.utils.translation import get_language

from cooperation import content_version
from cooperation.redirects import RemembersOldSlugs
from review import admin_base


class PairingListFilter(admin.RelatedFieldListFilter):
    """The pairing filter names both regions of each pairing: fetch them with it, not per row."""

    def field_choices(self, field, request, model_admin):
        from cooperation.models import Pairing

        return [(pairing.pk, str(pairing)) for pairing in Pairing.objects.with_sides()]


class RelatedOnlyListFilter(admin.RelatedOnlyFieldListFilter):
    """Only the places (or other records) the list's records name, worked out once per change.

    Django reads every record's link for them on each page of the list: for the trips' origins
    and destinations two DISTINCTs over all 5,000 trips of the large data (5 ms of PostgreSQL a
    page). Every member of staff sees the same list, so the choices are kept under the
    content-version rule (cooperation/content_version.py) until a table they are read from is
    written.
    """

    def field_choices(self, field, request, model_admin):
        key = f"admin:related-only:{model_admin.model._meta.label_lower}:{self.field_path}:{get_language()}"
        return content_version.cached(
            key,
            lambda: super(RelatedOnlyListFilter, self).field_choices(field, request, model_admin),
            settings.PAGE_CACHE_SECONDS,
        )


class RecordAdmin(RemembersOldSlugs, admin_base.RecordAdmin):
    pass


class PublishableAdmin(RemembersOldSlugs, admin_base.PublishableAdmin):
    pass


class ReferenceAdmin(RemembersOldSlugs, admin_base.ReferenceAdmin):
    pass


PartAdmin = admin_base.PartAdmin
