"""The review queue and the settings of the chain: grades' steps and the 错敏词 list."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts.admin_base import ReadOnlyAdmin
from accounts.admin_views import HistoryAdmin
from accounts.audit import AuditedAdminMixin
from review import publishing
from review.models import ReviewPolicy, ReviewRequest, SecrecyConclusion, SensitiveWord
from review.roles import STEP_PERMISSIONS, user_can_review, user_can_take_step


def steps_of(user):
    """The review steps this user holds, in the chain's order."""
    return [step for step in STEP_PERMISSIONS if user_can_take_step(user, step)]


class AwaitingFilter(admin.SimpleListFilter):
    """待我审核: what this user may decide now (the staff start page links here, by step)."""

    title = _("待我审核")
    parameter_name = "awaiting"

    def lookups(self, request, model_admin):
        return [("me", _("待我审核"))]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.awaiting(request.user, steps_of(request.user))
        return queryset


@admin.register(ReviewRequest)
class ReviewRequestAdmin(ReadOnlyAdmin):
    """The review queue: what waits at which step. Decisions are taken on each record's review screen."""

    list_display = ["record_link", "action", "grade", "current_step", "state", "batch", "submitted_by", "submitted_at"]
    list_filter = [AwaitingFilter, "state", "current_step", "action", "grade", "content_type"]
    list_select_related = ["submitted_by", "content_type"]
    search_fields = ["record_repr", "summary", "batch"]
    date_hierarchy = "submitted_at"
    actions = ["approve_current_step"]

    @admin.action(description=_("通过所选申请的当前环节（整批审核；复审即认定可以公开）"))
    def approve_current_step(self, request, queryset):
        """A batch (the records of one import) approved as a whole: each goes through approve(),
        so every rule holds for each — the step's permission, no own work, the blocking checks."""
        done, refused = 0, []
        for review_request in queryset.pending().order_by("pk"):
            opinion = _("整批审核通过（%(batch)s）。") % {"batch": review_request.batch or review_request.record_repr}
            try:
                publishing.approve(review_request, request.user, str(opinion), SecrecyConclusion.CLEARED,
                                   step=review_request.current_step, request=request)
                done += 1
            except publishing.ReviewRefused as error:
                refused.append(f"{review_request.record_repr}：{error}")
        self.message_user(request, _("已通过 %(count)d 项申请的当前环节。") % {"count": done},
                          messages.SUCCESS if done else messages.WARNING)
        for line in refused:
            self.message_user(request, line, messages.ERROR)

    def has_approve_current_step_permission(self, request):
        return user_can_review(request.user)

    @admin.display(description=_("记录"), ordering="record_repr")
    def record_link(self, obj):
        from django.utils.html import format_html

        ct = obj.content_type
        try:
            url = reverse(f"admin:{ct.app_label}_{ct.model}_review", args=[obj.object_id])
        except NoReverseMatch:  # a record type without a review screen is shown as text
            return obj.record_repr
        return format_html('<a href="{}">{}</a>', url, obj.record_repr)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Only those who may read the queue learn which record an entry is about; nothing is saved here.
        if request.method not in ("GET", "HEAD") or not self.has_view_permission(request):
            raise PermissionDenied
        obj = get_object_or_404(ReviewRequest, pk=unquote(object_id))
        ct = obj.content_type
        return HttpResponseRedirect(reverse(f"admin:{ct.app_label}_{ct.model}_review", args=[obj.object_id]))


@admin.register(ReviewPolicy)
class ReviewPolicyAdmin(AuditedAdminMixin, HistoryAdmin):
    list_display = ["grade", "first_review", "second_review", "chain"]
    list_editable = ["first_review", "second_review"]
    fields = ["grade", "first_review", "second_review"]

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return ["grade"] if obj is not None else []

    @admin.display(description=_("审核环节"))
    def chain(self, obj):
        return " → ".join(str(step.label) for step in obj.steps)


@admin.register(SensitiveWord)
class SensitiveWordAdmin(AuditedAdminMixin, HistoryAdmin):
    list_display = ["word", "hard", "suggestion", "note"]
    list_filter = ["hard"]
    search_fields = ["word", "suggestion", "note"]
