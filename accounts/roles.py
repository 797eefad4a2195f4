"""The three administrator roles of 等保 2.0 (三员分立), kept apart from each other.

- 系统管理员 manages accounts, roles and the site settings (govsite);
- 安全管理员 manages security settings: login lockouts and two-factor devices;
- 审计管理员 reads and exports the audit log, and does nothing else.

No user may hold two of them, and none of them needs a superuser: the first 系统管理员 is
made with `manage.py create_admin_user --role 系统管理员`.
"""

from django.utils.translation import gettext_lazy as _

# The content roles: 编辑 prepare records, 初审/复审/终审 take one review step each, 审核发布 all of
# them. Their names live here with every other role; what each may do is the review chain's.
EDITOR = "编辑"
PUBLISHER = "审核发布"
FIRST_REVIEWER = "初审"
SECOND_REVIEWER = "复审"
FINAL_REVIEWER = "终审"

SYSTEM_ADMIN = "系统管理员"
SECURITY_ADMIN = "安全管理员"
AUDIT_ADMIN = "审计管理员"
ADMIN_ROLES = (SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN)
ALL_ROLES = (*ADMIN_ROLES, PUBLISHER, FINAL_REVIEWER, SECOND_REVIEWER, FIRST_REVIEWER, EDITOR)
SUPERUSER_LABEL = _("超级用户")

ROLE_PERMISSIONS = {
    SYSTEM_ADMIN: [
        *(("auth", f"{action}_{model}")
          for model in ("user", "group")
          for action in ("view", "add", "change", "delete")),
        # The site's identity in every footer (主办单位, registrations): settings, not content.
        ("govsite", "view_sitesettings"),
        ("govsite", "change_sitesettings"),
    ],
    SECURITY_ADMIN: [
        ("axes", "view_accessattempt"),
        ("axes", "delete_accessattempt"),
        ("axes", "view_accesslog"),
        ("axes", "view_accessfailurelog"),
        # No add: a user enrols their own device, so nobody else ever sees its secret.
        ("otp_totp", "view_totpdevice"),
        ("otp_totp", "change_totpdevice"),
        ("otp_totp", "delete_totpdevice"),
    ],
    AUDIT_ADMIN: [
        ("accounts", "view_auditentry"),
        ("accounts", "export_auditentry"),
    ],
}

# Permissions that belong to one administrator role only: they cannot be given to any other
# group or to a user directly, so no role can quietly collect another's powers.
RESERVED_APPS = ("auth", "axes", "otp_totp", "otp_static", "accounts", "admin", "sessions", "contenttypes")


def role_names(user):
    """The role groups this user is in, in the order of ALL_ROLES (cached on the user object)."""
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(user, "_accounts_role_names", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = [name for name in ALL_ROLES if name in names]
        user._accounts_role_names = cached
    return cached


def admin_roles_of(user):
    return [name for name in role_names(user) if name in ADMIN_ROLES]


def describe_roles(user):
    """What the audit log writes in its role column: 系统管理员, 编辑、审核发布, 超级用户 …"""
    if user is None or not user.is_authenticated:
        return ""
    names = [str(SUPERUSER_LABEL)] if user.is_superuser else []
    return "、".join(names + role_names(user))


def has_role(user, name):
    return bool(user is not None and user.is_active and name in role_names(user))


def is_auditor(user):
    """Only a member of 审计管理员 reads the audit log: not a superuser, not a permission alone."""
    return has_role(user, AUDIT_ADMIN) and user.has_perm("accounts.view_auditentry")


# The roles that watch the 系统管理员: whoever manages accounts must not be able to appoint (or
# take over) an auditor or a security administrator, or 三员分立 is one person after all. Only a
# superuser, or an operator on the server (`manage.py create_admin_user`), appoints them.
CONSOLE_ROLES = (SECURITY_ADMIN, AUDIT_ADMIN)


def console_roles_of(user):
    return [name for name in role_names(user) if name in CONSOLE_ROLES]


def two_admin_roles(group_names):
    """The administrator roles among these group names, when there are more than one."""
    held = [name for name in ADMIN_ROLES if name in set(group_names)]
    return held if len(held) > 1 else []


def otp_required_by_role(user):
    """Superusers and the three administrator roles must pass a TOTP check at every login."""
    return bool(user.is_superuser or admin_roles_of(user))
