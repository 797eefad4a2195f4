"""What every admin of a publishable record shares: who may publish, and how."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from accounts.audit import AuditEvent, Outcome
from accounts.audit import record as audit
from cooperation.models import Status
from cooperation.publishing import publish, withdraw
from cooperation.redirects import RemembersOldSlugs
from cooperation.roles import user_can_publish

EDITOR_STATUSES = [Status.DRAFT, Status.REVIEW]


def status_event(previous, status):
    """The audit event of a status change made in the form: publishing or withdrawing, or none."""
    if status == Status.PUBLISHED and previous != Status.PUBLISHED:
        return AuditEvent.PUBLISH
    if previous == Status.PUBLISHED and status != Status.PUBLISHED:
        return AuditEvent.WITHDRAW
    return None


class PairingListFilter(admin.RelatedFieldListFilter):
    """The pairing filter names both regions of each pairing: fetch them with it, not per row."""

    def field_choices(self, field, request, model_admin):
        from cooperation.models import Pairing

        return [(pairing.pk, str(pairing)) for pairing in Pairing.objects.with_regions()]


def latest_version(obj):
    """The id of the record's newest history entry: it changes whenever anyone saves it."""
    if obj is None or obj.pk is None:
        return ""
    newest = obj.history.order_by("-history_date", "-history_id").values_list("history_id", flat=True).first()
    return str(newest or "")


def describe_changes_since(obj, version):
    """What others changed after `version`, in words: who, when, which fields from what to what."""
    history = obj.history.model
    try:
        seen = history.objects.get(pk=version)
    except (history.DoesNotExist, ValueError, TypeError):
        return []
    lines = []
    later = obj.history.filter(history_date__gt=seen.history_date).order_by("history_date")
    previous = seen
    for entry in later.select_related("history_user"):
        who = entry.history_user.get_username() if entry.history_user else _("系统")
        when = timezone.localtime(entry.history_date).strftime("%Y-%m-%d %H:%M")
        for change in entry.diff_against(previous).changes:
            label = obj._meta.get_field(change.field).verbose_name
            lines.append(
                _("%(who)s 于 %(when)s 把“%(field)s”从“%(old)s”改为“%(new)s”")
                % {"who": who, "when": when, "field": label, "old": change.old or "", "new": change.new or ""}
            )
        previous = entry
    return lines


class RecordAdmin(RemembersOldSlugs, SimpleHistoryAdmin):
    """History for every record, and no silent overwrite when two staff edit the same one.

    The change form carries the version of the record it was opened on. If someone saved the
    record in between, saving is refused with what they changed; the form keeps this user's
    input and now carries the new version, so saving again is a decision, not an accident.
    """

    change_form_template = "admin/record_change_form.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, admin.utils.unquote(object_id))
        extra_context["edit_version"] = latest_version(obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is None:
            return form

        class VersionCheckedForm(form):
            def clean(self):
                cleaned_data = super().clean()
                submitted = self.data.get("_edit_version")
                if submitted is not None and submitted != latest_version(self.instance):
                    changes = describe_changes_since(self.instance, submitted)
                    raise forms.ValidationError(
                        _("在你编辑期间，别人已保存了这条记录：%(changes)s。你的修改尚未保存；"
                          "请核对后再次保存（将以你的内容为准）。")
                        % {"changes": "；".join(changes) or _("内容有变动")},
                        code="edit_conflict",
                    )
                return cleaned_data

        return VersionCheckedForm


class PublishableAdmin(RecordAdmin):
    """An editor prepares drafts and sends them for review; only a publisher publishes.

    The rule holds on every path: the status field offers an editor only 草稿/待审, a published
    record's status is read-only for them, the publish actions are hidden and refused, and a
    forged POST is cut back to the allowed choices by the form itself.
    """

    actions = ["publish_selected", "withdraw_selected"]
    date_hierarchy = None

    def can_publish(self, request):
        return user_can_publish(request.user, self.model)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.can_publish(request):
            readonly.append("published_at")
            if obj is not None and obj.status not in EDITOR_STATUSES:
                readonly.append("status")
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if not self.can_publish(request) and "status" in form.base_fields:
            field = form.base_fields["status"]
            field.choices = [(value, label) for value, label in Status.choices if value in EDITOR_STATUSES]
            field.widget = forms.Select(choices=field.choices)
        return form

    def save_model(self, request, obj, form, change):
        previous = type(obj).objects.filter(pk=obj.pk).values_list("status", flat=True).first() if change else None
        event = status_event(previous, obj.status)
        if not self.can_publish(request) and obj.status not in EDITOR_STATUSES and previous != obj.status:
            audit(event or AuditEvent.PUBLISH, request=request, obj=obj, outcome=Outcome.DENIED)
            raise PermissionDenied
        if obj.status == Status.PUBLISHED and obj.published_at is None:
            obj.published_at = timezone.now()
        super().save_model(request, obj, form, change)
        if event is not None:
            audit(event, request=request, obj=obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.can_publish(request):
            actions.pop("publish_selected", None)
            actions.pop("withdraw_selected", None)
        return actions

    @admin.action(description=_("发布所选记录"))
    def publish_selected(self, request, queryset):
        if not self.can_publish(request):
            audit(AuditEvent.PUBLISH, request=request, obj=self.model._meta.verbose_name, outcome=Outcome.DENIED)
            raise PermissionDenied
        count = publish(queryset, request=request)
        self.message_user(
            request,
            ngettext("已发布 %(count)d 条记录。", "已发布 %(count)d 条记录。", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("撤回所选记录"))
    def withdraw_selected(self, request, queryset):
        if not self.can_publish(request):
            audit(AuditEvent.WITHDRAW, request=request, obj=self.model._meta.verbose_name, outcome=Outcome.DENIED)
            raise PermissionDenied
        count = withdraw(queryset, request=request)
        self.message_user(
            request,
            ngettext("已撤回 %(count)d 条记录。", "已撤回 %(count)d 条记录。", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.display(description=_("状态"), ordering="status")
    def status_badge(self, obj):
        return obj.get_status_display()
