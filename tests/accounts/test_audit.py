"""The audit log: a record of each listed event, append-only, kept six months, read by auditors only."""

import csv
import io
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission
from django.core.checks import run_checks
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.audit import record
from accounts.models import AuditEntry, AuditEvent, AuditLogIsAppendOnly, Outcome
from accounts.roles import AUDIT_ADMIN, EDITOR, PUBLISHER, SECOND_REVIEWER, SECURITY_ADMIN, SYSTEM_ADMIN
from review.models import Status
from tests.accounts.helpers import PASSWORD, add_device, make_role_user, sign_in
from tests.builders import delegation_form_data, make_delegation, make_editor, make_publisher, review_decision

pytestmark = pytest.mark.django_db

COLUMNS = ["event", "outcome", "username", "role", "ip_address", "object_type", "object_repr", "detail"]


def entries(*events, **filters):
    """The log's entries of these events, oldest first, as the columns an auditor reads."""
    found = AuditEntry.objects.filter(**filters).order_by("id")
    if events:
        found = found.filter(event__in=events)
    return [dict(zip(COLUMNS, row, strict=True)) for row in found.values_list(*COLUMNS)]


def entry(event, outcome="success", username="", role="", ip_address=None, object_type="", object_repr="",
          detail=""):
    return dict(zip(COLUMNS, [event, outcome, username, role, ip_address, object_type, object_repr, detail],
                    strict=True))


# --- signing in ---------------------------------------------------------------------------

def test_a_sign_in_is_recorded_with_time_user_role_address_and_outcome(client, django_user_model):
    make_role_user(django_user_model, SYSTEM_ADMIN, "guan")
    before = timezone.now()

    sign_in(client, "guan", address="203.0.113.7")

    assert entries("login") == [entry("login", username="guan", role="系统管理员", ip_address="203.0.113.7",
                                      object_type="auth.user", object_repr="guan")]
    assert before <= AuditEntry.objects.get(event="login").occurred_at <= timezone.now()


def test_an_ipv6_address_is_kept_whole(client, django_user_model):
    make_editor(django_user_model, "li")

    sign_in(client, "li", address="2001:db8::8a2e:370:7334")

    assert AuditEntry.objects.get(event="login").ip_address == "2001:db8::8a2e:370:7334"


def test_behind_the_proxy_the_client_address_is_recorded(client, django_user_model, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    make_editor(django_user_model, "li")

    client.post(reverse("admin:login"), {"username": "li", "password": PASSWORD},
                REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.23")

    assert AuditEntry.objects.get(event="login").ip_address == "198.51.100.23"


def test_a_failed_sign_in_is_recorded_with_the_name_typed(client, django_user_model):
    make_editor(django_user_model, "li")

    sign_in(client, "li", password="wrong", address="203.0.113.8")

    assert entries("login_failed") == [entry("login_failed", "failure", username="li", ip_address="203.0.113.8",
                                             detail="用户名或密码错误")]
    assert AuditEntry.objects.get(event="login_failed").user_id is None


def test_the_fifth_failure_locks_and_a_locked_attempt_is_refused(client, django_user_model):
    make_editor(django_user_model, "li")

    for _ in range(5):
        sign_in(client, "li", password="wrong")
    sign_in(client, "li")

    assert [(e["event"], e["outcome"]) for e in entries("login_failed", "lockout", "login")] == [
        *[("login_failed", "failure")] * 5, ("lockout", "failure"), ("lockout", "denied"),
    ]
    assert [e["detail"] for e in entries("lockout")] == [
        "连续登录失败 5 次，已暂停登录", "登录已暂停期间再次尝试，已拒绝",
    ]


def test_a_reviewer_of_one_step_is_recorded_with_that_role(client, django_user_model):
    make_role_user(django_user_model, SECOND_REVIEWER, "zhao")
    sign_in(client, "zhao")

    client.post(reverse("admin:logout"), REMOTE_ADDR="203.0.113.7")

    assert [e["role"] for e in entries("logout")] == ["复审"]


def test_signing_out_is_recorded(client, django_user_model):
    make_editor(django_user_model, "li")
    sign_in(client, "li")

    client.post(reverse("admin:logout"), REMOTE_ADDR="203.0.113.7")

    assert entries("logout") == [entry("logout", username="li", role="编辑", ip_address="203.0.113.7",
                                       object_type="auth.user", object_repr="li")]


# --- passwords, roles and permissions -----------------------------------------------------

def test_changing_ones_own_password_is_recorded(client, django_user_model):
    user = make_editor(django_user_model, "li")
    client.force_login(user)

    client.post(reverse("admin:password_change"), {
        "old_password": PASSWORD, "new_password1": "Changed#pw3", "new_password2": "Changed#pw3",
    }, REMOTE_ADDR="203.0.113.7")

    assert entries("password_change", username="li")[-1] == entry(
        "password_change", username="li", role="编辑", ip_address="203.0.113.7", object_type="auth.user",
        object_repr="li", detail="修改密码",
    )


def test_a_password_reset_by_the_system_administrator_names_both(client, django_user_model):
    target = make_editor(django_user_model, "li")
    client.force_login(make_role_user(django_user_model, SYSTEM_ADMIN, "guan"))

    client.post(reverse("admin:auth_user_password_change", args=[target.pk]),
                {"password1": "Reset#pw44", "password2": "Reset#pw44"})

    assert entries("password_change", username="guan") == [entry(
        "password_change", username="guan", role="系统管理员", ip_address="127.0.0.1", object_type="auth.user",
        object_repr="li", detail="修改密码",
    )]


def test_a_change_of_roles_is_recorded(client, django_user_model):
    target = make_editor(django_user_model, "li")
    client.force_login(make_role_user(django_user_model, SYSTEM_ADMIN, "guan"))

    client.post(reverse("admin:auth_user_change", args=[target.pk]), {
        "username": "li", "is_active": "on", "is_staff": "on",
        "groups": [Group.objects.get(name=PUBLISHER).pk],
        "date_joined_0": "2024-06-20", "date_joined_1": "09:00:00",
    })

    assert [(e["username"], e["object_repr"], e["detail"]) for e in entries("group_change", username="guan")] == [
        ("guan", "li", "移出角色：编辑"), ("guan", "li", "加入角色：审核发布"),
    ]


def test_a_change_of_a_roles_permissions_is_recorded(client, django_user_model):
    editors = Group.objects.get(name=EDITOR)
    client.force_login(make_role_user(django_user_model, SYSTEM_ADMIN, "guan"))
    publish = Permission.objects.get(codename="publish_delegation")

    client.post(reverse("admin:auth_group_change", args=[editors.pk]), {
        "name": EDITOR, "permissions": [*editors.permissions.values_list("pk", flat=True), publish.pk],
    })

    assert entries("permission_change", username="guan") == [entry(
        "permission_change", username="guan", role="系统管理员", ip_address="127.0.0.1", object_type="auth.group",
        object_repr="编辑", detail="授予权限：visits.publish_delegation",
    )]
    assert [e["detail"] for e in entries("settings_change", username="guan")] == ["修改：已修改权限。"]


def test_switching_a_user_off_and_granting_a_permission_directly_are_recorded(django_user_model):
    user = make_editor(django_user_model, "li")

    user.is_staff = False
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="view_delegation"))

    assert [e["detail"] for e in entries("permission_change", object_repr="li")] == [
        "工作人员状态：是", "工作人员状态：是 → 否", "授予权限：visits.view_delegation",
    ]


# --- publishing ---------------------------------------------------------------------------

def test_each_step_of_publishing_and_withdrawing_is_recorded(client, django_user_model):
    editor, zhao, qian = (make_editor(django_user_model, "li"), make_publisher(django_user_model, "zhao"),
                          make_publisher(django_user_model, "qian"))
    trip = make_delegation(status=Status.DRAFT, title="甲")
    client.force_login(editor)
    client.post(reverse("admin:visits_delegation_change", args=[trip.pk]), delegation_form_data(trip, status="review"))

    for reviewer in (zhao, qian):
        client.force_login(reviewer)
        review_decision(client, trip, "approve", opinion="同意。")
    client.force_login(editor)
    client.post(reverse("admin:visits_delegation_changelist"),
                {"action": "request_withdrawal_selected", "_selected_action": [trip.pk]})
    for reviewer in (zhao, qian):
        client.force_login(reviewer)
        review_decision(client, trip, "approve", opinion="同意撤回。")

    assert [(e["event"], e["username"], e["role"], e["object_type"], e["object_repr"], e["detail"])
            for e in entries("publish", "withdraw")] == [
        ("publish", "li", "编辑", "visits.delegation", "甲", "提交审核：发布（初审 → 终审签发）"),
        ("publish", "zhao", "审核发布", "visits.delegation", "甲", "初审通过：同意。"),
        ("publish", "qian", "审核发布", "visits.delegation", "甲", "终审签发通过：同意。；发布生效"),
        ("withdraw", "li", "编辑", "visits.delegation", "甲", "提交审核：撤回（初审 → 终审签发）"),
        ("withdraw", "zhao", "审核发布", "visits.delegation", "甲", "初审通过：同意撤回。"),
        ("withdraw", "qian", "审核发布", "visits.delegation", "甲", "终审签发通过：同意撤回。；撤回生效"),
    ]


def test_a_refused_step_and_a_forged_publish_are_recorded_as_denied(client, django_user_model):
    editor = make_editor(django_user_model, "li")
    client.force_login(editor)
    trip = make_delegation(status=Status.DRAFT)
    client.post(reverse("admin:visits_delegation_change", args=[trip.pk]), delegation_form_data(trip, status="review"))

    review_decision(client, trip, "approve")

    assert [(e["event"], e["outcome"], e["username"], e["detail"]) for e in entries("publish", outcome="denied")] == [
        ("publish", "denied", "li", "你没有“初审”的权限。"),
    ]


# --- settings -----------------------------------------------------------------------------

def test_lifting_a_lockout_is_a_recorded_settings_change(client, django_user_model):
    make_editor(django_user_model, "li")
    for _ in range(5):
        sign_in(client, "li", password="wrong")
    attempt = AccessAttempt.objects.get(username="li")
    security = make_role_user(django_user_model, SECURITY_ADMIN, "an")
    client.force_login(security)

    client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})

    assert entries("settings_change") == [entry(
        "settings_change", username="an", role="安全管理员", ip_address="127.0.0.1",
        object_type="axes.accessattempt", object_repr=str(attempt), detail="解除登录锁定：li @ 203.0.113.7",
    )]
    assert sign_in(client, "li").status_code == 302


def test_resetting_a_two_factor_device_is_a_recorded_settings_change(client, django_user_model):
    device = add_device(make_role_user(django_user_model, AUDIT_ADMIN, "shen"))
    client.force_login(make_role_user(django_user_model, SECURITY_ADMIN, "an"))

    client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})

    assert [(e["username"], e["object_type"], e["detail"]) for e in entries("settings_change")] == [
        ("an", "otp_totp.totpdevice", "删除两步验证设备（所有者下次登录时重新设置）"),
    ]


def test_making_a_new_role_is_a_recorded_settings_change(client, django_user_model):
    client.force_login(make_role_user(django_user_model, SYSTEM_ADMIN, "guan"))

    client.post(reverse("admin:auth_group_add"), {"name": "校对"})

    assert [(e["username"], e["object_repr"], e["detail"]) for e in entries("settings_change")] == [
        ("guan", "校对", "新增：已添加。"),
    ]


# --- import and export (called by the ledger code) ----------------------------------------

@pytest.mark.parametrize("event", [AuditEvent.IMPORT, AuditEvent.EXPORT, AuditEvent.IMPORT_ROLLBACK])
def test_imports_and_exports_are_recorded_by_a_call(rf, django_user_model, event):
    request = rf.post("/admin/ledgers/import/", REMOTE_ADDR="2001:db8::1")
    request.user = make_publisher(django_user_model, "zhao")
    batch = Group(pk=7, name="台账.xlsx")  # any model instance: the ledger code passes its ImportBatch

    record(event, request=request, obj=batch, detail="新增 12，更新 3")
    record(event, request=request, obj="考察活动.csv", outcome=Outcome.FAILURE, detail="第 3 行：日期无法识别")

    assert entries(event) == [
        entry(event, username="zhao", role="审核发布", ip_address="2001:db8::1", object_type="auth.group",
              object_repr="台账.xlsx", detail="新增 12，更新 3"),
        entry(event, "failure", username="zhao", role="审核发布", ip_address="2001:db8::1",
              object_repr="考察活动.csv", detail="第 3 行：日期无法识别"),
    ]
    assert AuditEntry.objects.filter(event=event).order_by("id").values_list("object_id", "path").first() == (
        "7", "/admin/ledgers/import/",
    )


def test_a_command_without_a_request_is_recorded_as_the_system():
    made = record(AuditEvent.IMPORT, obj="大批量台账.xlsx", username="manage.py import_ledger")

    assert (made.user_id, made.username, made.role, made.ip_address) == (None, "manage.py import_ledger", "", None)


# --- append-only --------------------------------------------------------------------------

def test_no_entry_can_be_changed_or_deleted_through_the_application():
    made = record(AuditEvent.LOGIN, username="li")

    made.detail = "改过"
    with pytest.raises(AuditLogIsAppendOnly):
        made.save()
    with pytest.raises(AuditLogIsAppendOnly):
        made.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=made.pk).update(detail="改过")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.bulk_update([made], ["detail"])

    assert AuditEntry.objects.values_list("detail", flat=True).get(pk=made.pk) == ""


def test_the_admin_offers_nobody_an_add_change_or_delete(client, django_user_model, admin_client):
    made = record(AuditEvent.LOGIN, username="li")
    client.force_login(make_role_user(django_user_model, AUDIT_ADMIN, "shen"))
    urls = [
        reverse("admin:accounts_auditentry_add"),
        reverse("admin:accounts_auditentry_delete", args=[made.pk]),
    ]

    change_page = client.get(reverse("admin:accounts_auditentry_change", args=[made.pk]))
    changed = client.post(reverse("admin:accounts_auditentry_change", args=[made.pk]), {"detail": "改过"})
    bulk_delete = client.post(reverse("admin:accounts_auditentry_changelist"),
                              {"action": "delete_selected", "_selected_action": [made.pk], "post": "yes"})

    assert [client.get(url).status_code for url in urls] == [403, 403]
    assert [admin_client.get(url).status_code for url in urls] == [403, 403]
    assert change_page.status_code == 200 and "<textarea" not in change_page.content.decode()
    assert changed.status_code == 403
    assert bulk_delete.status_code == 200
    assert AuditEntry.objects.filter(pk=made.pk, detail="").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL only")
def test_on_postgresql_the_database_refuses_changes_too():
    made = record(AuditEvent.LOGIN, username="li")

    for sql in ("UPDATE accounts_auditentry SET detail = 'x' WHERE id = %s",
                "DELETE FROM accounts_auditentry WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [made.pk])

    assert AuditEntry.objects.filter(pk=made.pk, detail="").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL only")
@pytest.mark.parametrize("sql", ["TRUNCATE accounts_auditentry", "TRUNCATE auth_user, accounts_auditentry CASCADE"])
def test_on_postgresql_the_audit_log_cannot_be_truncated(sql):
    made = record(AuditEvent.LOGIN, username="li")

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        # The test database allows it, so that pytest can empty it between tests: not here.
        cursor.execute("SET LOCAL accounts.allow_audit_truncate = 'off'")
        cursor.execute(sql)

    assert AuditEntry.objects.filter(pk=made.pk).exists()


# --- retention ----------------------------------------------------------------------------

def entry_aged(days):
    return AuditEntry.objects.create(event=AuditEvent.LOGIN, username=f"aged-{days}",
                                     occurred_at=timezone.now() - timedelta(days=days))


def test_pruning_removes_only_what_is_older_than_the_retention_period():
    entry_aged(400), entry_aged(181), entry_aged(179), entry_aged(10)
    out = io.StringIO()

    call_command("prune_audit_log", stdout=out)

    assert sorted(AuditEntry.objects.filter(event="login").values_list("username", flat=True)) == [
        "aged-10", "aged-179",
    ]
    assert out.getvalue() == "已删除 2 条早于 180 天的审计记录。\n"
    assert AuditEntry.objects.get(event="audit_prune").detail.startswith("删除 2 条早于 ")


def test_pruning_refuses_a_period_under_six_months():
    entry_aged(100)

    with pytest.raises(CommandError, match="至少保留 180 天"):
        call_command("prune_audit_log", "--days", "90")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.prune(179)

    assert AuditEntry.objects.filter(username="aged-100").exists()


def test_a_retention_setting_under_six_months_stops_the_site(settings):
    settings.AUDIT_LOG_RETENTION_DAYS = 90

    assert [message.id for message in run_checks()] == ["accounts.E001"]


# --- reading and exporting ----------------------------------------------------------------

def auditor_client(client, django_user_model):
    client.force_login(make_role_user(django_user_model, AUDIT_ADMIN, "shen"))
    return client


def test_the_auditor_exports_the_log_as_csv_with_a_bom(client, django_user_model):
    record(AuditEvent.LOGIN_FAILED, username="=HYPERLINK(\"http://x\")", outcome=Outcome.FAILURE)
    record(AuditEvent.LOGIN, username="li", detail="登录")
    auditor = auditor_client(client, django_user_model)

    response = auditor.get(reverse("admin:accounts_auditentry_export"), {"event__exact": "login_failed"})
    content = b"".join(response.streaming_content).decode("utf-8")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header = "时间,事件,结果,用户,用户编号,角色,IP 地址,对象类型,对象编号,对象,详情,请求地址"
    assert content.startswith(f"\ufeff{header}\r\n")
    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))
    assert [row[1:4] for row in rows[1:]] == [["登录失败", "失败", "'=HYPERLINK(\"http://x\")"]]
    assert entries("export") == [entry(
        "export", username="shen", role="审计管理员", ip_address="127.0.0.1", object_repr="审计日志",
        detail="1 条；筛选：event__exact=login_failed",
    )]


@pytest.mark.parametrize("role", [SYSTEM_ADMIN, SECURITY_ADMIN])
def test_only_the_auditor_exports(client, django_user_model, role):
    client.force_login(make_role_user(django_user_model, role))

    response = client.get(reverse("admin:accounts_auditentry_export"))

    assert response.status_code == 403
    assert [e["outcome"] for e in entries("export")] == ["denied"]


def test_the_auditors_list_costs_the_same_queries_for_few_or_many_entries(client, django_user_model):
    auditor = auditor_client(client, django_user_model)
    url = reverse("admin:accounts_auditentry_changelist")

    with CaptureQueriesContext(connection) as few:
        assert auditor.get(url).status_code == 200
    for n in range(30):
        record(AuditEvent.LOGIN, username=f"user{n}")
    with CaptureQueriesContext(connection) as many:
        assert auditor.get(url).status_code == 200

    assert len(many) == len(few)
