"""What the audit log hears without being called: sign-ins, lockouts, passwords, roles, permissions.

Django's auth signals and django-axes' lockout signal give the sign-in events; changes to a
user's password, flags, groups and permissions are seen on the models themselves, so they are
recorded whichever path made them (the admin, a command, the shell).
"""

from axes.helpers import get_failure_limit
from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django_otp import user_has_device

from accounts import idle
from accounts.audit import current_request, record
from accounts.models import AuditEvent, Outcome
from accounts.passwords import remember_password
from accounts.roles import ADMIN_ROLES, two_admin_roles

User = get_user_model()

# Set at sign-in: the user had a two-factor device then, so this session must pass it.
OTP_DEVICE_AT_LOGIN = "accounts_otp_device_at_login"
FLAGS = ("is_active", "is_staff", "is_superuser")


def _yes_no(value):
    return _("是") if value else _("否")


# --- signing in and out -------------------------------------------------------------------

@receiver(user_logged_in, dispatch_uid="accounts_user_logged_in")
def on_logged_in(sender, request, user, **kwargs):
    if request is None:
        return
    record(AuditEvent.LOGIN, request=request, user=user, obj=user)
    if hasattr(request, "session"):
        idle.touch(request)
        request.session[OTP_DEVICE_AT_LOGIN] = user_has_device(user)


@receiver(user_logged_out, dispatch_uid="accounts_user_logged_out")
def on_logged_out(sender, request, user, **kwargs):
    if user is None:
        return
    reason = getattr(request, "_accounts_logout_reason", "") if request is not None else ""
    event = AuditEvent.SESSION_EXPIRED if reason else AuditEvent.LOGOUT
    record(event, request=request, user=user, obj=user, detail=reason)


@receiver(user_login_failed, dispatch_uid="accounts_user_login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    """A wrong password. An attempt made while the login is paused is recorded by
    on_locked_out instead (it runs first, from axes' own handler of this signal)."""
    if request is not None and getattr(request, "_accounts_attempt_recorded", False):
        return
    _record_failure(request, credentials.get("username", ""))


def _record_failure(request, username):
    record(
        AuditEvent.LOGIN_FAILED, request=request, username=username, outcome=Outcome.FAILURE,
        detail=_("用户名或密码错误"),
    )


@receiver(user_locked_out, dispatch_uid="accounts_user_locked_out")
def on_locked_out(sender, request, username, ip_address, **kwargs):
    """Sent by axes when a failure reaches the limit, and again for each attempt while paused.

    axes counts on during the pause (each attempt restarts it), so a count above the limit
    means the login was already paused and the password was not even checked.
    """
    failures = getattr(request, "axes_failures_since_start", None)
    limit = get_failure_limit(request, getattr(request, "axes_credentials", None))
    if failures is not None and failures <= limit:
        _record_failure(request, username)  # the failure that locks, first, so the log reads in order
        detail = _("连续登录失败 %(count)d 次，已暂停登录") % {"count": failures}
        outcome = Outcome.FAILURE
    else:
        detail = _("登录已暂停期间再次尝试，已拒绝")
        outcome = Outcome.DENIED
    record(AuditEvent.LOCKOUT, request=request, username=username or "", outcome=outcome, detail=detail)
    request._accounts_attempt_recorded = True


# --- accounts, passwords and flags --------------------------------------------------------

@receiver(pre_save, sender=Group, dispatch_uid="accounts_group_pre_save")
def mark_loaded_group(sender, instance, raw=False, **kwargs):
    instance._accounts_raw = raw


@receiver(pre_save, sender=User, dispatch_uid="accounts_user_pre_save")
def remember_old_flags(sender, instance, raw=False, update_fields=None, **kwargs):
    # loaddata (a fixture, a restore) saves raw and then sets the object's many-to-many fields:
    # that puts back a state, it is nobody's change of roles or permissions.
    instance._accounts_raw = raw
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(FLAGS):
        return
    instance._accounts_old_flags = sender.objects.filter(pk=instance.pk).values(*FLAGS).first()


@receiver(post_save, sender=User, dispatch_uid="accounts_user_post_save")
def on_user_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created:
        record(AuditEvent.ACCOUNT_CHANGE, obj=instance, detail=_("创建账号"))
        flags = [name for name in FLAGS[1:] if getattr(instance, name)]
        if flags:
            record(AuditEvent.PERMISSION_CHANGE, obj=instance, detail="，".join(
                f"{User._meta.get_field(name).verbose_name}：{_yes_no(True)}" for name in flags
            ))
    else:
        old = getattr(instance, "_accounts_old_flags", None) or {}
        changes = [
            f"{User._meta.get_field(name).verbose_name}：{_yes_no(old[name])} → {_yes_no(getattr(instance, name))}"
            for name in FLAGS
            if name in old and old[name] != getattr(instance, name)
        ]
        instance._accounts_old_flags = None
        if changes:
            record(AuditEvent.PERMISSION_CHANGE, obj=instance, detail="，".join(changes))
    # set_password() leaves the raw password in _password until save() has passed it to the
    # validators; a hash upgraded at login clears it first, so that is not a change.
    # create_user() assigns the hash directly: a new account with a password counts too.
    password_set = created or getattr(instance, "_password", None) is not None
    if password_set and instance.has_usable_password():
        request = current_request()
        actor = getattr(request, "user", None)
        by_someone_else = actor is not None and actor.is_authenticated and actor.pk != instance.pk
        remember_password(instance, set_by_administrator=by_someone_else)
        record(
            AuditEvent.PASSWORD_CHANGE, obj=instance,
            detail=_("设置初始密码") if created else _("修改密码"),
        )


@receiver(post_delete, sender=User, dispatch_uid="accounts_user_deleted")
def on_user_deleted(sender, instance, **kwargs):
    record(AuditEvent.ACCOUNT_CHANGE, obj=instance, detail=_("删除账号"))


# --- roles (groups) and permissions -------------------------------------------------------

def _names(model, pks):
    if model is Permission:
        perms = (
            Permission.objects.filter(pk__in=pks)
            .select_related("content_type")
            .order_by("content_type__app_label", "codename")
        )
        return [f"{p.content_type.app_label}.{p.codename}" for p in perms]
    return [str(obj) for obj in model.objects.filter(pk__in=pks).order_by("pk")]


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="accounts_user_groups_changed")
def on_user_groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if getattr(instance, "_accounts_raw", False):
        return
    if action == "pre_add":
        _refuse_two_admin_roles(instance, reverse, pk_set)
        return
    if action == "pre_clear":
        # pk_set is empty for a clear: note what is about to go, to record it afterwards.
        related = instance.user_set if reverse else instance.groups
        instance._accounts_cleared = set(related.values_list("pk", flat=True))
        return
    if action == "post_clear":
        pk_set, action = getattr(instance, "_accounts_cleared", set()), "post_remove"
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    verb = _("加入角色") if action == "post_add" else _("移出角色")
    if reverse:  # group.user_set.add(user, ...)
        for user in User.objects.filter(pk__in=pk_set):
            user._accounts_role_names = None
            record(AuditEvent.GROUP_CHANGE, obj=user, detail=f"{verb}：{instance.name}")
    else:
        instance._accounts_role_names = None
        record(AuditEvent.GROUP_CHANGE, obj=instance, detail=f"{verb}：{'、'.join(_names(Group, pk_set))}")


def _refuse_two_admin_roles(instance, reverse, pk_set):
    """The backstop of the rule the user form checks: never two administrator roles at once."""
    if reverse:
        if instance.name not in ADMIN_ROLES:
            return
        for user in User.objects.filter(pk__in=pk_set).prefetch_related("groups"):
            held = [group.name for group in user.groups.all()] + [instance.name]
            if two_admin_roles(held):
                raise ValidationError(_two_roles_message(user, held), code="two_admin_roles")
    else:
        held = list(instance.groups.values_list("name", flat=True)) + list(
            Group.objects.filter(pk__in=pk_set).values_list("name", flat=True)
        )
        if two_admin_roles(held):
            raise ValidationError(_two_roles_message(instance, held), code="two_admin_roles")


def _two_roles_message(user, held):
    return _("%(user)s 不能同时担任 %(roles)s：系统管理员、安全管理员、审计管理员须由不同的人担任。") % {
        "user": user.get_username(), "roles": "、".join(two_admin_roles(held)),
    }


def _record_permissions(obj, action, pk_set, cleared_attr):
    if action == "post_clear":
        pk_set, action = getattr(obj, cleared_attr, set()), "post_remove"
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    verb = _("授予权限") if action == "post_add" else _("收回权限")
    record(AuditEvent.PERMISSION_CHANGE, obj=obj, detail=f"{verb}：{'、'.join(_names(Permission, pk_set))}")


@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="accounts_user_permissions_changed")
def on_user_permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if getattr(instance, "_accounts_raw", False):
        return
    if reverse:  # permission.user_set.add(...): record it against each user
        if action in ("post_add", "post_remove") and pk_set:
            for user in User.objects.filter(pk__in=pk_set):
                _record_permissions(user, action, {instance.pk}, "")
        return
    if action == "pre_clear":
        instance._accounts_cleared_perms = set(instance.user_permissions.values_list("pk", flat=True))
        return
    _record_permissions(instance, action, pk_set, "_accounts_cleared_perms")


@receiver(m2m_changed, sender=Group.permissions.through, dispatch_uid="accounts_group_permissions_changed")
def on_group_permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if getattr(instance, "_accounts_raw", False):
        return
    if reverse:
        if action in ("post_add", "post_remove") and pk_set:
            for group in Group.objects.filter(pk__in=pk_set):
                _record_permissions(group, action, {instance.pk}, "")
        return
    if action == "pre_clear":
        instance._accounts_cleared_perms = set(instance.permissions.values_list("pk", flat=True))
        return
    _record_permissions(instance, action, pk_set, "_accounts_cleared_perms")
