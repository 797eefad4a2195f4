"""The admin bases of the content apps: the review chain's, with old slugs kept on a rename."""

from django.contrib import admin

from cooperation.redirects import RemembersOldSlugs
from review import admin_base


class PairingListFilter(admin.RelatedFieldListFilter):
    """The pairing filter names both regions of each pairing: fetch them with it, not per row."""

    def field_choices(self, field, request, model_admin):
        from cooperation.models import Pairing

        return [(pairing.pk, str(pairing)) for pairing in Pairing.objects.with_regions()]


class RecordAdmin(RemembersOldSlugs, admin_base.RecordAdmin):
    pass


class PublishableAdmin(RemembersOldSlugs, admin_base.PublishableAdmin):
    pass


class ReferenceAdmin(RemembersOldSlugs, admin_base.ReferenceAdmin):
    pass


PartAdmin = admin_base.PartAdmin
