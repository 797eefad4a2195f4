from django import forms
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.roles import ADMIN_ROLES, CONSOLE_ROLES, RESERVED_APPS, two_admin_roles


class TokenForm(forms.Form):
    device = forms.ChoiceField(label=_("验证设备"), required=False)
    token = forms.CharField(
        label=_("验证码"), max_length=8, min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=_("身份验证器应用中显示的 6 位数字"),
    )

    def __init__(self, *args, devices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = {device.persistent_id: device for device in devices}
        if len(self.devices) > 1:
            self.fields["device"].choices = [(pid, device.name) for pid, device in self.devices.items()]
            self.fields["device"].required = True
        else:
            del self.fields["device"]

    def clean_token(self):
        token = self.cleaned_data["token"].strip().replace(" ", "")
        if not token.isdigit():
            raise ValidationError(_("验证码只含数字。"), code="invalid")
        return token

    def chosen_device(self):
        if "device" in self.fields:
            return self.devices[self.cleaned_data["device"]]
        return next(iter(self.devices.values()), None)


class RoleCheckedUserChangeForm(UserChangeForm):
    """The user form refuses two of 系统管理员, 安全管理员, 审计管理员 for one person, and lets only a
    superuser appoint or remove a 安全管理员 or 审计管理员 (the admin sets `acting_user`)."""

    acting_user = None

    def clean_groups(self):
        groups = self.cleaned_data.get("groups")
        if groups is None:
            return groups
        held = two_admin_roles([group.name for group in groups])
        if held:
            raise ValidationError(
                _("系统管理员、安全管理员、审计管理员须由不同的人担任；不能同时选择 %(roles)s。")
                % {"roles": "、".join(held)},
                code="two_admin_roles",
            )
        if not (self.acting_user is not None and self.acting_user.is_superuser):
            before = set(self.instance.groups.values_list("name", flat=True)) if self.instance.pk else set()
            changed = [name for name in CONSOLE_ROLES if (name in before) != (name in {g.name for g in groups})]
            if changed:
                raise ValidationError(
                    _("%(role)s只能由超级用户或在服务器上用 manage.py create_admin_user 任命或撤销。")
                    % {"role": changed[0]},
                    code="console_role",
                )
        return groups


# Django names the permissions it makes "Can add …" in English, when the tables are made.
DEFAULT_PERMISSIONS = {
    "add": _("可以添加%(model)s"), "change": _("可以修改%(model)s"),
    "delete": _("可以删除%(model)s"), "view": _("可以查看%(model)s"),
}


def permission_label(permission):
    """A permission as the pickers show it: 应用 | 数据类型 | 可以修改…, not "Can change …"."""
    model = permission.content_type.model_class()
    if model is None:  # a table of an app no longer installed
        return str(permission)
    name = model._meta.verbose_name
    action, _underscore, _rest = permission.codename.partition("_")
    if action in DEFAULT_PERMISSIONS and permission.codename == f"{action}_{model._meta.model_name}":
        label = DEFAULT_PERMISSIONS[action] % {"model": name}
    else:
        label = permission.name
    return f"{model._meta.app_config.verbose_name} | {name} | {label}"


def assignable_permissions():
    """Permissions any group but the three administrator roles may hold: content work only."""
    return Permission.objects.exclude(content_type__app_label__in=RESERVED_APPS)


class RestrictedGroupForm(forms.ModelForm):
    class Meta:
        model = Group
        fields = ["name", "permissions"]

    def clean_name(self):
        name = self.cleaned_data["name"]
        if name in ADMIN_ROLES and (self.instance.pk is None or self.instance.name != name):
            raise ValidationError(_("“%(name)s”是保留的管理员角色名。") % {"name": name}, code="reserved")
        return name

    def clean_permissions(self):
        permissions = self.cleaned_data["permissions"]
        reserved = permissions.filter(Q(content_type__app_label__in=RESERVED_APPS))
        if reserved.exists():
            raise ValidationError(_("账号、安全与审计的权限只属于三个管理员角色，不能授予其他角色。"), code="reserved")
        return permissions
