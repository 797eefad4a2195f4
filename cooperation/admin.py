from django import forms
from django.contrib import admin
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from accounts.admin_base import TabularInline
from cooperation.admin_records import PartAdmin, PublishableAdmin, ReferenceAdmin
from cooperation.models import (
    Appointment,
    Organization,
    Pairing,
    Person,
    Photo,
    ProgramFigure,
    Region,
    SlugRedirect,
    Source,
    Topic,
)
from cooperation.ordering import within_parent
from cooperation.storage import MediaErrorsAsFormErrors

admin.site.site_header = _("京蒙协作记录 · 管理")
admin.site.site_title = _("京蒙协作记录")
admin.site.index_title = _("内容管理")


class WebLinkField(forms.URLField):
    """A link the public will click: http or https only, never javascript:, data: or the like."""

    default_error_messages = {"invalid": _("请填写以 http:// 或 https:// 开头的网址。")}
    default_validators = [URLValidator(schemes=["http", "https"], message=default_error_messages["invalid"])]


@admin.register(Region)
class RegionAdmin(ReferenceAdmin):
    list_display = ["name", "short_name", "code", "level", "parent", "side"]
    list_filter = ["level", "side"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "aliases", "full_name", "code"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["full_name"]
    fields = ["name", "short_name", "aliases", "full_name", "code", "level", "parent", "side", "slug"]


@admin.register(Organization)
class OrganizationAdmin(ReferenceAdmin):
    list_display = ["name", "kind", "region"]
    list_filter = ["kind", "region__side"]
    list_select_related = ["region"]
    search_fields = ["name", "region__name", "region__short_name"]
    autocomplete_fields = ["region"]


class AppointmentInline(TabularInline):
    model = Appointment
    extra = 0
    autocomplete_fields = ["organization", "source"]
    fields = ["title", "organization", "start_date", "start_precision", "end_date", "end_precision", "source"]


@admin.register(Person)
class PersonAdmin(PublishableAdmin):
    list_display = ["name", "disambiguation", "current_title", "status_badge", "published_at"]
    list_filter = ["status"]
    show_full_result_count = False
    search_fields = ["name", "disambiguation", "appointments__title"]
    inlines = [AppointmentInline]
    fields = ["name", "disambiguation", "slug", "bio", "status", "published_at"]

    def get_queryset(self, request):
        # The current posts in a list of their own: a prefetch into the related manager makes a
        # queryset for each person of the page (a tenth of the change list), a list does not.
        return super().get_queryset(request).prefetch_related(
            Prefetch(
                "appointments",
                queryset=within_parent(Appointment.objects.filter(end_date=None)),
                to_attr="current_appointments",
            )
        )

    @admin.display(description=_("现任职务"))
    def current_title(self, obj):
        return "；".join(appointment.title for appointment in obj.current_appointments)


@admin.register(Appointment)
class AppointmentAdmin(PartAdmin):
    list_display = ["person", "title", "organization", "start_date", "end_date"]
    list_select_related = ["person", "organization"]
    search_fields = ["person__name", "title", "organization__name"]
    list_filter = ["organization__kind"]
    autocomplete_fields = ["person", "organization", "source"]


class ProgramFigureInline(TabularInline):
    model = ProgramFigure
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["year", "metric", "planned", "actual", "source"]


@admin.register(Pairing)
class PairingAdmin(ReferenceAdmin):
    inlines = [ProgramFigureInline]
    list_display = ["__str__", "level", "start_year", "end_year"]
    list_filter = ["level"]
    list_select_related = ["support_region", "recipient_region"]
    search_fields = [
        "support_region__name", "support_region__short_name",
        "recipient_region__name", "recipient_region__short_name",
    ]
    autocomplete_fields = ["support_region", "recipient_region"]


@admin.register(Topic)
class TopicAdmin(ReferenceAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["name"]


@admin.register(Source)
class SourceAdmin(ReferenceAdmin):
    list_display = ["title", "publisher", "published_on"]
    list_filter = ["publisher"]
    search_fields = ["title", "publisher", "url", "text"]
    date_hierarchy = "published_on"
    formfield_overrides = {models.URLField: {"form_class": WebLinkField, "assume_scheme": "https"}}


@admin.register(Photo)
class PhotoAdmin(MediaErrorsAsFormErrors, ReferenceAdmin):
    list_display = ["__str__", "credit", "taken_on", "width", "height"]
    search_fields = ["caption", "alt_text", "credit"]
    readonly_fields = ["width", "height"]


@admin.register(ProgramFigure)
class ProgramFigureAdmin(PartAdmin):
    list_display = ["pairing", "year", "metric", "planned", "actual", "source"]
    list_filter = ["year", "metric"]
    list_select_related = ["pairing__support_region", "pairing__recipient_region", "source"]
    search_fields = ["pairing__support_region__name", "pairing__recipient_region__name"]
    autocomplete_fields = ["pairing", "source"]


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "content_type", "object_id", "created_at"]
    list_select_related = ["content_type"]
    search_fields = ["old_slug"]
    list_filter = ["content_type"]
