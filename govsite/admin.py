"""The site settings (one row, audited), the sections dashboard and the dead-link reports."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Max
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.admin_base import ReadOnlyAdmin
from accounts.audit import AuditedAdminMixin
from cooperation.storage import MediaErrorsAsFormErrors
from govsite import site
from govsite.models import SETTINGS_PK, BrokenLink, LinkCheckRun, SectionFreshness, SiteSettings
from govsite.sections import SECTIONS


@admin.register(SiteSettings)
class SiteSettingsAdmin(MediaErrorsAsFormErrors, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["site_name", "sponsor", "site_id_code", "icp_number", "police_number", "updated_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (_("网站"), {"fields": ["site_name", "site_domain", "site_id_code"]}),
        (_("主办单位与联系方式"), {"fields": ["sponsor", "address", "postcode", "phone"]}),
        (_("备案"), {"fields": ["icp_number", "police_number"]}),
        (_("党政机关网站标识"), {"fields": ["party_mark", "party_mark_url"]}),
    ]

    def has_add_permission(self, request):
        # One row, made by the migration; a second could never show anywhere. Asked for the app list
        # on every admin page: only someone who may add asks the database.
        return super().has_add_permission(request) and not SiteSettings.objects.filter(pk=SETTINGS_PK).exists()

    def has_delete_permission(self, request, obj=None):
        return False



def section_report(now):
    """Each section's published count and last update, read fresh (staff see the truth, not the cache)."""
    figures = {}
    for section in SECTIONS:
        if section.model:
            figures[section.key] = section.published().aggregate(
                count=Count("pk"), published=Max("published_at"), updated=Max("updated_at")
            )
    rows = []
    for section in SECTIONS:
        parts = [figures[key] for key in section.made_of] if section.made_of else [figures[section.key]]
        published = [p["published"] for p in parts if p["published"]]
        updated = [p["updated"] for p in parts if p["updated"]]
        state = site.SectionState(section, max(published) if published else None, max(updated) if updated else None)
        rows.append(
            {
                "state": state,
                "count": sum(p["count"] for p in parts),
                "stale": state.is_stale(now),
                "age_days": (now - state.last_update).days if state.last_update else None,
                "limit_days": section.freshness_limit.days,
            }
        )
    return rows


@admin.register(SectionFreshness)
class SectionFreshnessAdmin(ReadOnlyAdmin):
    """The dashboard: every section, when it last changed, its limit, and those past it."""

    def get_urls(self):
        info = (self.opts.app_label, self.opts.model_name)
        return [path("", self.admin_site.admin_view(self.changelist_view), name="{}_{}_changelist".format(*info))]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        now = timezone.now()
        rows = section_report(now)
        latest_run = LinkCheckRun.objects.first()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("栏目更新情况"),
            "rows": rows,
            "stale_count": sum(1 for row in rows if row["stale"]),
            "now": now,
            "latest_run": latest_run,
            "broken_now": BrokenLink.objects.current().count(),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/govsite/freshness.html", context)


@admin.register(LinkCheckRun)
class LinkCheckRunAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "finished_at", "pages", "links", "broken", "skipped"]
    date_hierarchy = "started_at"


@admin.register(BrokenLink)
class BrokenLinkAdmin(ReadOnlyAdmin):
    list_display = ["url", "page_link", "kind", "internal", "problem", "first_seen", "last_seen", "fixed_at"]
    list_filter = [("fixed_at", admin.EmptyFieldListFilter), "kind", "internal"]
    search_fields = ["url", "page", "error"]
    date_hierarchy = "last_seen"
    fields = ["page_link", "url", "kind", "internal", "status_code", "error", "first_seen", "last_seen", "fixed_at",
              "last_run"]
    list_select_related = ["last_run"]

    @admin.display(description=_("所在页面"), ordering="page")
    def page_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.page, obj.page)

    @admin.display(description=_("问题"))
    def problem(self, obj):
        return obj.problem
