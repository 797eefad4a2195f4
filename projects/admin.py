from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin_base import TabularInline
from cooperation.admin_records import PairingListFilter, PartAdmin, PublishableAdmin
from projects.models import Project, ProjectUpdate


class ProjectUpdateInline(TabularInline):
    model = ProjectUpdate
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["date", "date_precision", "title", "stage", "text", "source"]


@admin.register(Project)
class ProjectAdmin(PublishableAdmin):
    # The ledger import and export buttons (cooperation.ledgers).
    change_list_template = "admin/ledgers/change_list.html"
    list_display = ["name", "pairing", "region", "stage", "start_year", "aid_funds", "status_badge", "featured"]
    list_filter = ["status", "stage", "start_year", "topics", "featured", ("pairing", PairingListFilter)]
    list_select_related = ["pairing__support_region", "pairing__recipient_region", "region"]
    show_full_result_count = False
    search_fields = ["name", "code", "description", "organization__name", "region__name", "region__short_name"]
    autocomplete_fields = ["pairing", "region", "organization", "topics", "photos", "source"]
    inlines = [ProjectUpdateInline]
    fieldsets = [
        (None, {"fields": ["name", "code", "slug", "featured"]}),
        (_("结对与地点"), {"fields": ["pairing", "region", "organization", "topics"]}),
        (_("进度与资金"), {"fields": [
            "start_year", "stage", ("aid_funds", "total_investment"), "beneficiaries",
        ]}),
        (_("内容"), {"fields": ["description", "photos", "source"]}),
        (_("发布"), {"fields": ["status", "published_at"]}),
    ]


@admin.register(ProjectUpdate)
class ProjectUpdateAdmin(PartAdmin):
    list_display = ["project", "date", "title", "stage"]
    list_select_related = ["project"]
    search_fields = ["project__name", "title", "text"]
    list_filter = ["stage"]
    autocomplete_fields = ["project", "source"]
