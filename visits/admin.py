from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin_base import StackedInline, TabularInline
from cooperation.admin_records import PartAdmin, PublishableAdmin, RelatedOnlyListFilter
from visits.models import Delegation, Meeting, Participant, SiteVisit, Speech
from visits.report_import.admin import ReportReview


class ParticipantInline(TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["order", "side", "role", "name_as_printed", "title_as_printed", "person"]


class SiteVisitInline(StackedInline):
    model = SiteVisit
    extra = 0
    autocomplete_fields = ["organization", "region", "projects", "photos"]
    fields = [
        ("order", "date", "date_precision"), "place", ("organization", "region"),
        "description", "projects", "photos",
    ]
    show_change_link = True

    def get_queryset(self, request):
        # Each row's chosen projects and photos, read for all rows at once (the form's initial values).
        return super().get_queryset(request).prefetch_related("projects", "photos")


class MeetingInline(StackedInline):
    model = Meeting
    extra = 0
    autocomplete_fields = ["region", "chair"]
    # A meeting's own status is set on its page, where the publish rules apply.
    fields = [("order", "kind"), "title", ("date", "date_precision"), ("place", "region"), "chair", "summary"]
    show_change_link = True


@admin.register(Delegation)
class DelegationAdmin(PublishableAdmin):
    # The ledger import and export buttons (cooperation.ledgers), and 从报道创建.
    change_list_template = "admin/visits/delegation/change_list.html"
    list_display = ["title", "name", "kind", "origin", "date_display", "status_badge", "published_at"]
    # The places trips really left from or went to, not every region of the table: a filter
    # of hundreds of links rendered on every page of the list.
    list_filter = [
        "status",
        "kind",
        "topics",
        ("origin", RelatedOnlyListFilter),
        ("destinations", RelatedOnlyListFilter),
    ]
    list_select_related = ["origin"]
    # Thousands of trips: the total beside a filtered count would cost a second count.
    show_full_result_count = False
    search_fields = ["title", "name", "code", "summary", "participants__name_as_printed"]
    autocomplete_fields = ["origin", "destinations", "topics", "pairings", "source", "cover_photo"]
    date_hierarchy = "start_date"
    inlines = [ParticipantInline, SiteVisitInline, MeetingInline]
    fieldsets = [
        (None, {"fields": ["title", "name", "kind", "code", "slug"]}),
        (_("时间与地点"), {"fields": [("start_date", "end_date", "date_precision"), "origin", "destinations"]}),
        (_("内容"), {"fields": ["purpose", "summary", "body", "topics", "pairings", "source", "cover_photo"]}),
        (_("发布"), {"fields": ["status", "published_at"]}),
    ]

    @admin.display(description=_("日期"), ordering="start_date")
    def date_display(self, obj):
        return obj.date_display

    def get_urls(self):
        # From a published report's text to a draft trip (visits.report_import.admin).
        return [*ReportReview(self).urls(), *super().get_urls()]


class SpeechInline(StackedInline):
    model = Speech
    extra = 0
    autocomplete_fields = ["person"]
    fields = [("order", "kind"), ("name_as_printed", "title_as_printed", "person"), "points"]


@admin.register(Meeting)
class MeetingAdmin(PublishableAdmin):
    # The ledger import and export buttons (cooperation.ledgers).
    change_list_template = "admin/ledgers/change_list.html"
    list_display = ["title", "kind", "delegation", "date", "place", "status_badge"]
    list_filter = ["status", "kind"]
    list_select_related = ["delegation"]
    # Newest trip's meetings first, by the trip's id: ordering by "delegation" would sort every
    # meeting by its trip's date through a join; this order is read from the foreign-key index.
    ordering = ["-delegation_id", "order", "pk"]
    show_full_result_count = False
    search_fields = ["title", "place", "summary", "delegation__title"]
    autocomplete_fields = ["delegation", "region", "chair"]
    inlines = [SpeechInline]
    fields = [
        "delegation", "title", "slug", "kind", "order", ("date", "date_precision"),
        ("place", "region"), "chair", "summary", "status", "published_at",
    ]


@admin.register(Participant)
class ParticipantAdmin(PartAdmin):
    list_display = ["name_as_printed", "title_as_printed", "side", "role", "delegation", "person"]
    list_filter = ["side", "role"]
    list_select_related = ["delegation", "person"]
    ordering = ["-delegation_id", "order", "pk"]
    show_full_result_count = False
    search_fields = ["name_as_printed", "title_as_printed", "person__name", "delegation__title"]
    autocomplete_fields = ["delegation", "person"]


@admin.register(SiteVisit)
class SiteVisitAdmin(PartAdmin):
    list_display = ["place", "delegation", "order", "date", "region"]
    list_select_related = ["delegation", "region"]
    ordering = ["-delegation_id", "order", "pk"]
    show_full_result_count = False
    search_fields = ["place", "description", "delegation__title"]
    list_filter = ["region__side"]
    autocomplete_fields = ["delegation", "organization", "region", "projects", "photos"]


@admin.register(Speech)
class SpeechAdmin(PartAdmin):
    list_display = ["speaker", "title_as_printed", "kind", "meeting", "order"]
    list_filter = ["kind"]
    list_select_related = ["meeting", "person"]
    # The newest meeting's speeches first, in speaking order. The model's order ("meeting")
    # sorts all 60,000 speeches of the large data by their trip's date through two joins
    # (200 ms); this one is read from the meeting index, 100 rows at a time (0.2 ms).
    ordering = ["-meeting_id", "order", "pk"]
    show_full_result_count = False
    search_fields = ["name_as_printed", "title_as_printed", "points", "person__name", "meeting__title"]
    autocomplete_fields = ["meeting", "person"]

    @admin.display(description=_("发言人"), ordering="name_as_printed")
    def speaker(self, obj):
        return obj.speaker_display
