"""The back office of accounts: the audit log (read-only, auditors only), users and roles with
the three administrator roles kept apart, and the security settings of the 安全管理员."""

import csv
from datetime import timedelta

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.admin_base import ReadOnlyAdmin
from accounts.audit import AuditedAdminMixin, record
from accounts.forms import RestrictedGroupForm, RoleCheckedUserChangeForm, assignable_permissions, permission_label
from accounts.models import AuditEntry, AuditEvent, Outcome, PasswordHistory
from accounts.roles import ADMIN_ROLES, console_roles_of, is_auditor
from accounts.third_party_names import TOTP_FIELDS

User = get_user_model()

# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXPORT_COLUMNS = [
    ("occurred_at", _("时间")), ("event", _("事件")), ("outcome", _("结果")), ("username", _("用户")),
    ("user_id", _("用户编号")), ("role", _("角色")), ("ip_address", _("IP 地址")), ("object_type", _("对象类型")),
    ("object_id", _("对象编号")), ("object_repr", _("对象")), ("detail", _("详情")), ("path", _("请求地址")),
]


def safe_cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value):
        return value


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read and export only, and only for the 审计管理员: nobody adds, changes or deletes here,
    a superuser included."""

    list_display = ["occurred_at", "event", "outcome", "username", "role", "ip_address", "object_display", "detail"]
    list_filter = ["event", "outcome", "occurred_at"]
    search_fields = ["username", "role", "object_repr", "object_id", "detail", "path"]
    date_hierarchy = "occurred_at"
    list_per_page = 100
    actions = None
    show_full_result_count = False
    change_list_template = "admin/accounts/auditentry/change_list.html"
    fields = [name for name, _label in EXPORT_COLUMNS]
    readonly_fields = fields

    def has_module_permission(self, request):
        return is_auditor(request.user)

    def has_view_permission(self, request, obj=None):
        return is_auditor(request.user)

    def has_export_permission(self, request):
        return is_auditor(request.user) and request.user.has_perm("accounts.export_auditentry")

    @admin.display(description=_("对象"))
    def object_display(self, obj):
        parts = (obj.object_type, f"#{obj.object_id}" if obj.object_id else "", obj.object_repr)
        return " ".join(part for part in parts if part)

    def get_urls(self):
        export = path(
            "export/", self.admin_site.admin_view(self.export_view), name="accounts_auditentry_export"
        )
        return [export, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "has_export_permission": self.has_export_permission(request)}
        return super().changelist_view(request, extra_context)

    def export_view(self, request):
        """CSV (UTF-8 with BOM, so Excel and WPS open it in Chinese) of what the list shows now."""
        if not self.has_export_permission(request):
            record(AuditEvent.EXPORT, request=request, obj=AuditEntry._meta.verbose_name, outcome=Outcome.DENIED)
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return redirect("admin:accounts_auditentry_changelist")
        entries = changelist.get_queryset(request)
        count = entries.count()
        record(
            AuditEvent.EXPORT, request=request, obj=AuditEntry._meta.verbose_name,
            detail=_("%(count)d 条；筛选：%(filters)s") % {"count": count, "filters": request.GET.urlencode() or "无"},
        )
        writer = csv.writer(_Echo())

        def rows():
            yield "\ufeff" + writer.writerow([str(label) for _name, label in EXPORT_COLUMNS])
            for entry in entries.iterator(chunk_size=2000):
                yield writer.writerow([safe_cell(self._export_value(entry, name)) for name, _label in EXPORT_COLUMNS])

        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.csv"'
        return response

    @staticmethod
    def _export_value(entry, name):
        if name == "occurred_at":
            return timezone.localtime(entry.occurred_at).isoformat(timespec="seconds")
        if name in ("event", "outcome"):
            return getattr(entry, f"get_{name}_display")()
        return getattr(entry, name)


admin.site.unregister(User)


@admin.register(User)
class AccountUserAdmin(DjangoUserAdmin):
    """Users, for the 系统管理员. Nobody but a superuser makes superusers or grants permissions one
    by one (roles are groups), touches a superuser's account, or changes their own roles."""

    form = RoleCheckedUserChangeForm
    list_display = ["username", "first_name", "last_name", "is_active", "is_staff", "roles", "password_expiry"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]

    def get_queryset(self, request):
        latest_password = PasswordHistory.objects.filter(user=OuterRef("pk")).order_by("-changed_at", "-id")
        return (
            super().get_queryset(request)
            .prefetch_related("groups")
            .annotate(
                password_changed=Subquery(latest_password.values("changed_at")[:1]),
                password_set_by_administrator=Subquery(latest_password.values("set_by_administrator")[:1]),
            )
        )

    @admin.display(description=_("角色"))
    def roles(self, obj):
        return "、".join(group.name for group in obj.groups.all())

    @admin.display(description=_("密码有效期至"), ordering="password_changed")
    def password_expiry(self, obj):
        if obj.password_changed is None or obj.password_set_by_administrator:
            return _("下次登录时修改")
        return timezone.localtime(obj.password_changed + timedelta(days=settings.PASSWORD_MAX_AGE_DAYS)).date()

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "user_permissions":
            field.label_from_instance = permission_label
        return field

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
            if obj is not None and obj.pk == request.user.pk:
                readonly += ["groups", "is_staff", "is_active"]
        return readonly

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if issubclass(form, RoleCheckedUserChangeForm):
            form = type(form.__name__, (form,), {"acting_user": request.user})
        return form

    def _out_of_reach(self, request, obj):
        """A superuser's account, or a 安全管理员's or 审计管理员's: the 系统管理员 watched by them
        must not be able to set their password, and so sign in as them."""
        if obj is None or request.user.is_superuser:
            return False
        return obj.is_superuser or (obj.pk != request.user.pk and bool(console_roles_of(obj)))

    def has_change_permission(self, request, obj=None):
        if self._out_of_reach(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self._out_of_reach(request, obj):
            return False
        return super().has_delete_permission(request, obj)


admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(AuditedAdminMixin, DjangoGroupAdmin):
    """Roles. The three administrator roles are defined by migration and read-only here; other
    roles hold content permissions only."""

    form = RestrictedGroupForm

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.name in ADMIN_ROLES:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.name in ADMIN_ROLES:
            return False
        return super().has_delete_permission(request, obj)

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "permissions":
            kwargs["queryset"] = assignable_permissions().select_related("content_type")
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "permissions":
            field.label_from_instance = permission_label
        return field


admin.site.unregister(TOTPDevice)


class TwoFactorDeviceForm(forms.ModelForm):
    class Meta:
        model = TOTPDevice
        fields = ["name", "throttling_failure_timestamp", "throttling_failure_count"]
        # Read-only fields take theirs from here too.
        help_texts = {name: help_text for name, (_label, help_text) in TOTP_FIELDS.items()}


@admin.register(TOTPDevice)
class AuditedTOTPDeviceAdmin(AuditedAdminMixin, TOTPDeviceAdmin):
    """Two-factor devices, for the 安全管理员: deleting one lets its owner set up a new phone.

    A device belongs to the person who enrolled it. Nobody — not even a superuser — adds one for
    someone else, moves one to another account or sets its secret: whoever held the phone could
    then sign in as that account. What is left to change is the name and the failure throttle.
    """

    EDITABLE = ("name", "throttling_failure_timestamp", "throttling_failure_count")
    # django-otp's section titles, in the office's words.
    SECTIONS = {"Identity": _("设备"), "Timestamps": _("时间"), "Configuration": _("验证参数"), "State": _("状态"),
                "Throttling": _("失败限制")}

    form = TwoFactorDeviceForm
    search_help_text = _("按账号的用户名或电子邮件地址搜索")

    def has_add_permission(self, request):
        return False

    def get_fieldsets(self, request, obj=None):
        return [(self.SECTIONS.get(title, title), options) for title, options in super().get_fieldsets(request, obj)]

    def get_readonly_fields(self, request, obj=None):
        fields = [name for _title, options in self.get_fieldsets(request, obj) for name in options["fields"]]
        everything = dict.fromkeys([*super().get_readonly_fields(request, obj), *fields])
        return [name for name in everything if name not in self.EDITABLE]

    def deletion_detail(self, obj):
        return _("删除两步验证设备（所有者下次登录时重新设置）")


if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)

    @admin.register(AccessAttempt)
    class AuditedAccessAttemptAdmin(AuditedAdminMixin, AccessAttemptAdmin):
        """Login lockouts, for the 安全管理员: deleting an attempt lifts that lockout."""

        @admin.display(description=_("状态"))
        def status(self, obj):
            left = settings.AXES_FAILURE_LIMIT - obj.failures_since_start
            return _("还可尝试 %(count)d 次") % {"count": left} if left > 0 else _("已锁定")

        @admin.display(description=_("失效时间"))
        def expiration(self, obj):
            return super().expiration(obj)

        def deletion_detail(self, obj):
            return _("解除登录锁定：%(username)s @ %(ip)s") % {"username": obj.username, "ip": obj.ip_address}

