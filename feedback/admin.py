"""The moderation queue: staff read what the public sent, answer it, and choose what is published.

Editors (编辑) answer and set the status; publishing a message with its reply is for those
who may publish (审核发布), as for every other record of the site. Publishing and taking
off are audited. Messages come only from the public form, so nobody adds one here, and the
sender's name, contact and address are never editable.
"""

from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.admin_views import HistoryAdmin
from accounts.audit import AuditEvent, Outcome
from accounts.audit import record as audit
from feedback import services
from feedback.forms import MessageModerationForm
from feedback.models import OPEN_STATUSES, Message, MessageKind, MessageStatus


class OverdueFilter(admin.SimpleListFilter):
    title = _("答复期限")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("overdue", _("已逾期")), ("today", _("今天到期")), ("open", _("待答复"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.overdue(today)
        if self.value() == "today":
            return queryset.open().filter(reply_by=today)
        if self.value() == "open":
            return queryset.open()
        return queryset


@admin.register(Message)
class MessageAdmin(HistoryAdmin):
    form = MessageModerationForm
    # The kind shows in the reference (JC 找错, LY 留言) and in the filter: the row keeps its room.
    list_display = ["reference", "subject", "status_badge", "received_on", "reply_by_display", "is_public"]
    list_display_links = ["reference", "subject"]
    list_filter = [OverdueFilter, "status", "kind", "is_public", "received_at"]
    search_fields = ["reference", "subject", "text", "reply", "name", "contact", "page_path"]
    date_hierarchy = "received_at"
    list_per_page = 50
    actions = ["mark_in_progress", "publish_selected", "withdraw_selected"]
    readonly_fields = [
        "reference", "kind", "received_at", "reply_by_display", "page_link", "name", "contact",
        "contact_purged_at", "replied_at", "replied_by", "published_at",
    ]
    fieldsets = [
        (_("来信"), {"fields": ["reference", "kind", "received_at", "reply_by_display", "page_link",
                                "name", "contact", "contact_purged_at", "subject", "text"]}),
        (_("办理"), {"fields": ["status", "reply", "is_public"]}),
        (_("记录"), {"fields": ["replied_at", "replied_by", "published_at"]}),
    ]

    class Media:
        css = {"all": ["feedback/admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("replied_by")

    def can_publish(self, request):
        return request.user.has_perm("feedback.publish_message")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # A closed message stays on file, answered or not: not even a superuser deletes one.
        return False

    def has_publish_permission(self, request):
        return self.can_publish(request)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.can_publish(request):
            readonly.append("is_public")
            if obj is not None and obj.is_public:
                # What the public reads was approved by a publisher: it changes only after they take it off.
                readonly += ["subject", "text", "status", "reply"]
        return readonly

    def save_model(self, request, obj, form, change):
        previous = Message.objects.filter(pk=obj.pk).values("reply", "is_public").first() or {}
        if not self.can_publish(request) and request.POST.get("is_public") and not previous.get("is_public"):
            # The field is not on an editor's form, so this came from a hand-made request.
            audit(AuditEvent.PUBLISH, request=request, obj=obj, outcome=Outcome.DENIED, detail=_("无公开权限"))
        with transaction.atomic():
            if obj.reply.strip() != (previous.get("reply") or "").strip():
                services.record_reply(obj, request.user)
            services.apply_public_change(obj, bool(previous.get("is_public")), request)
            super().save_model(request, obj, form, change)

    @admin.display(description=_("办理状态"), ordering="status")
    def status_badge(self, obj):
        return format_html('<span class="feedback-status feedback-status-{}">{}</span>', obj.status,
                           obj.get_status_display())

    @admin.display(description=_("收到日期"), ordering="received_at")
    def received_on(self, obj):
        return timezone.localdate(obj.received_at).isoformat()

    @admin.display(description=_("答复期限"), ordering="reply_by")
    def reply_by_display(self, obj):
        day = obj.reply_by.isoformat()
        if obj.is_overdue:
            return format_html('{} <span class="feedback-overdue">{}</span>', day, _("已逾期"))
        if obj.status in OPEN_STATUSES and obj.reply_by == timezone.localdate():
            return format_html('{} <span class="feedback-due-today">{}</span>', day, _("今天到期"))
        return day

    @admin.display(description=_("所指页面"))
    def page_link(self, obj):
        if obj.kind != MessageKind.ERROR_REPORT or not obj.page_path:
            return "—"
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.page_path, obj.page_path)

    @admin.action(description=_("标记为处理中"), permissions=["change"])
    def mark_in_progress(self, request, queryset):
        count = 0
        for message in queryset.filter(status=MessageStatus.NEW):
            message.status = MessageStatus.IN_PROGRESS
            message.save(update_fields=["status"])
            count += 1
        self.message_user(
            request, ngettext("%(count)d 条标记为处理中。", "%(count)d 条标记为处理中。", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("公开所选留言及答复"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        published = skipped = 0
        with transaction.atomic():
            for message in queryset.select_related(None).select_for_update():
                if message.is_public:
                    continue
                if message.status != MessageStatus.ANSWERED or not message.reply.strip():
                    skipped += 1
                    continue
                message.is_public = True
                services.apply_public_change(message, False, request)
                message.save(update_fields=["is_public", "published_at"])
                published += 1
        self.message_user(
            request, ngettext("已公开 %(count)d 条。", "已公开 %(count)d 条。", published) % {"count": published},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext("%(count)d 条尚未答复，未公开。", "%(count)d 条尚未答复，未公开。", skipped)
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("取消公开所选留言"), permissions=["publish"])
    def withdraw_selected(self, request, queryset):
        count = 0
        with transaction.atomic():
            for message in queryset.select_related(None).select_for_update().filter(is_public=True):
                message.is_public = False
                services.apply_public_change(message, True, request)
                message.save(update_fields=["is_public", "published_at"])
                count += 1
        self.message_user(
            request, ngettext("已取消公开 %(count)d 条。", "已取消公开 %(count)d 条。", count) % {"count": count},
            messages.SUCCESS,
        )
