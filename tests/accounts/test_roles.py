"""三员分立: 系统管理员, 安全管理员 and 审计管理员 each see only their own pages, and nobody is two of them."""

import io
import os

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from accounts.roles import ADMIN_ROLES, AUDIT_ADMIN, EDITOR, PUBLISHER, ROLE_PERMISSIONS, SECURITY_ADMIN, SYSTEM_ADMIN
from tests.accounts.helpers import make_role_user
from tests.builders import make_editor

pytestmark = pytest.mark.django_db

PAGES = {
    "users": reverse("admin:auth_user_changelist"),
    "roles": reverse("admin:auth_group_changelist"),
    "lockouts": reverse("admin:axes_accessattempt_changelist"),
    "login log": reverse("admin:axes_accesslog_changelist"),
    "devices": reverse("admin:otp_totp_totpdevice_changelist"),
    "audit log": reverse("admin:accounts_auditentry_changelist"),
    "audit export": reverse("admin:accounts_auditentry_export"),
    "trips": reverse("admin:visits_delegation_changelist"),
    "site settings": reverse("admin:govsite_sitesettings_changelist"),
}
OWN_PAGES = {
    SYSTEM_ADMIN: {"users", "roles", "site settings"},
    SECURITY_ADMIN: {"lockouts", "login log", "devices"},
    AUDIT_ADMIN: {"audit log", "audit export"},
}
OWN_MODELS = {
    SYSTEM_ADMIN: {"auth.group", "auth.user", "govsite.sitesettings"},
    SECURITY_ADMIN: {"axes.accessattempt", "axes.accesslog", "axes.accessfailurelog", "otp_totp.totpdevice"},
    AUDIT_ADMIN: {"accounts.auditentry"},
}


def test_the_three_roles_hold_exactly_their_permissions():
    held = {
        group.name: {(p.content_type.app_label, p.codename) for p in group.permissions.select_related("content_type")}
        for group in Group.objects.filter(name__in=ADMIN_ROLES)
    }

    assert held == {role: set(perms) for role, perms in ROLE_PERMISSIONS.items()}


@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_each_administrator_role_opens_only_its_own_pages(client, django_user_model, role):
    client.force_login(make_role_user(django_user_model, role))

    opened = {name for name, url in PAGES.items() if client.get(url).status_code == 200}
    refused = {name for name, url in PAGES.items() if client.get(url).status_code == 403}

    assert opened == OWN_PAGES[role]
    assert refused == set(PAGES) - OWN_PAGES[role]


@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_each_administrator_role_sees_only_its_own_models_on_the_index(client, django_user_model, role):
    client.force_login(make_role_user(django_user_model, role))

    app_list = client.get(reverse("admin:index")).context["app_list"]

    assert {f"{app['app_label']}.{m['object_name'].lower()}" for app in app_list for m in app["models"]} == (
        OWN_MODELS[role]
    )


def test_not_even_a_superuser_reads_the_audit_log(admin_client):
    assert admin_client.get(PAGES["audit log"]).status_code == 403
    assert admin_client.get(PAGES["audit export"]).status_code == 403


@pytest.mark.parametrize(("first", "second"), [(SYSTEM_ADMIN, SECURITY_ADMIN), (SYSTEM_ADMIN, AUDIT_ADMIN),
                                               (SECURITY_ADMIN, AUDIT_ADMIN)])
def test_nobody_holds_two_administrator_roles(django_user_model, first, second):
    user = make_role_user(django_user_model, first)

    with pytest.raises(ValidationError), transaction.atomic():
        user.groups.add(Group.objects.get(name=second))
    with pytest.raises(ValidationError), transaction.atomic():
        Group.objects.get(name=second).user_set.add(user)

    assert list(user.groups.values_list("name", flat=True)) == [first]


def test_an_administrator_role_may_go_with_a_content_role(django_user_model):
    user = make_role_user(django_user_model, SYSTEM_ADMIN)

    user.groups.add(Group.objects.get(name=EDITOR))

    assert sorted(user.groups.values_list("name", flat=True)) == sorted([SYSTEM_ADMIN, EDITOR])


def user_form_data(user, **overrides):
    data = {
        "username": user.username, "first_name": "", "last_name": "", "email": "",
        "is_active": "on", "is_staff": "on",
        "groups": [group.pk for group in user.groups.all()],
        "last_login_0": "", "last_login_1": "",
        "date_joined_0": "2024-06-20", "date_joined_1": "09:00:00",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def groups(*names):
    return [Group.objects.get(name=name).pk for name in names]


def test_the_user_form_refuses_two_administrator_roles(client, django_user_model):
    client.force_login(make_role_user(django_user_model, SYSTEM_ADMIN, "guan"))
    other = make_editor(django_user_model, "li")

    response = client.post(
        reverse("admin:auth_user_change", args=[other.pk]),
        user_form_data(other, groups=groups(SECURITY_ADMIN, AUDIT_ADMIN)),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["groups"] == [
        "系统管理员、安全管理员、审计管理员须由不同的人担任；不能同时选择 安全管理员、审计管理员。"
    ]
    assert list(other.groups.values_list("name", flat=True)) == [EDITOR]


def test_the_system_administrator_assigns_roles_but_makes_no_superuser(client, django_user_model):
    client.force_login(make_role_user(django_user_model, SYSTEM_ADMIN, "guan"))
    other = make_editor(django_user_model, "li")

    response = client.post(
        reverse("admin:auth_user_change", args=[other.pk]),
        user_form_data(other, groups=groups(PUBLISHER), is_superuser="on"),
    )

    assert response.status_code == 302
    other.refresh_from_db()
    assert (other.is_superuser, list(other.groups.values_list("name", flat=True))) == (False, [PUBLISHER])


def test_the_system_administrator_cannot_change_their_own_roles(client, django_user_model):
    me = make_role_user(django_user_model, SYSTEM_ADMIN, "guan")
    client.force_login(me)

    response = client.post(
        reverse("admin:auth_user_change", args=[me.pk]),
        user_form_data(me, groups=groups(AUDIT_ADMIN), first_name="关"),
    )

    assert response.status_code == 302
    me.refresh_from_db()
    assert (me.first_name, list(me.groups.values_list("name", flat=True))) == ("关", [SYSTEM_ADMIN])


@pytest.mark.parametrize("role", [AUDIT_ADMIN, SECURITY_ADMIN])
def test_the_system_administrator_cannot_make_an_auditor_or_a_security_administrator(client, django_user_model,
                                                                                      role):
    """Else they would make one with a password they know and read the audit log through it."""
    client.force_login(make_role_user(django_user_model, SYSTEM_ADMIN, "guan"))
    added = client.post(reverse("admin:auth_user_add"), {
        "username": "puppet", "password1": "Pw-for-tests-0nly!", "password2": "Pw-for-tests-0nly!",
        "usable_password": "true",
    })
    puppet = django_user_model.objects.get(username="puppet")

    response = client.post(reverse("admin:auth_user_change", args=[puppet.pk]),
                           user_form_data(puppet, groups=groups(role)))

    assert added.status_code == 302
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["groups"] == [
        f"{role}只能由超级用户或在服务器上用 manage.py create_admin_user 任命或撤销。"
    ]
    assert list(puppet.groups.values_list("name", flat=True)) == []


@pytest.mark.parametrize("role", [AUDIT_ADMIN, SECURITY_ADMIN])
def test_the_system_administrator_cannot_take_over_an_auditor_or_a_security_administrator(
    client, django_user_model, role
):
    client.force_login(make_role_user(django_user_model, SYSTEM_ADMIN, "guan"))
    holder = make_role_user(django_user_model, role, "shen")

    password_page = client.get(reverse("admin:auth_user_password_change", args=[holder.pk]))
    changed = client.post(reverse("admin:auth_user_change", args=[holder.pk]), user_form_data(holder, groups=[]))
    listed = client.get(reverse("admin:auth_user_changelist"))

    assert (password_page.status_code, changed.status_code) == (403, 403)
    assert list(holder.groups.values_list("name", flat=True)) == [role]
    assert "shen" in listed.content.decode()


def test_the_system_administrator_cannot_touch_a_superuser(client, django_user_model, admin_user):
    client.force_login(make_role_user(django_user_model, SYSTEM_ADMIN, "guan"))

    password_page = client.get(reverse("admin:auth_user_password_change", args=[admin_user.pk]))
    changed = client.post(reverse("admin:auth_user_change", args=[admin_user.pk]), user_form_data(admin_user))

    assert password_page.status_code == 403
    assert changed.status_code == 403


def test_administrator_roles_are_read_only_and_other_roles_get_no_security_powers(client, django_user_model):
    client.force_login(make_role_user(django_user_model, SYSTEM_ADMIN, "guan"))
    audit_role, editor_role = Group.objects.get(name=AUDIT_ADMIN), Group.objects.get(name=EDITOR)
    view_audit = Permission.objects.get(codename="view_auditentry")

    edited_role = client.post(
        reverse("admin:auth_group_change", args=[audit_role.pk]),
        {"name": AUDIT_ADMIN, "permissions": [p.pk for p in audit_role.permissions.all()] + [1]},
    )
    widened = client.post(
        reverse("admin:auth_group_change", args=[editor_role.pk]),
        {"name": EDITOR, "permissions": [*editor_role.permissions.values_list("pk", flat=True), view_audit.pk]},
    )

    assert edited_role.status_code == 403
    assert widened.status_code == 200
    assert "permissions" in widened.context["adminform"].form.errors
    assert not editor_role.permissions.filter(pk=view_audit.pk).exists()


def test_production_starts_with_a_system_administrator_not_a_superuser(django_user_model, monkeypatch):
    monkeypatch.setitem(os.environ, "ADMIN_USER_PASSWORD", "Strong#Start9")
    out = io.StringIO()

    call_command("create_admin_user", "--role", SYSTEM_ADMIN, "--username", "guan", "--no-input", stdout=out)

    user = django_user_model.objects.get(username="guan")
    assert (user.is_staff, user.is_superuser) == (True, False)
    assert list(user.groups.values_list("name", flat=True)) == [SYSTEM_ADMIN]
    assert user.check_password("Strong#Start9")
    assert out.getvalue() == "已创建系统管理员账号 guan；首次登录时须设置两步验证。\n"


def test_the_first_administrator_needs_a_password_that_meets_the_rules(django_user_model, monkeypatch):
    monkeypatch.setitem(os.environ, "ADMIN_USER_PASSWORD", "weakpass")

    with pytest.raises(CommandError, match="至少 3 类"):
        call_command("create_admin_user", "--role", AUDIT_ADMIN, "--username", "shen", "--no-input")

    assert not django_user_model.objects.filter(username="shen").exists()
