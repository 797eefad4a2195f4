"""Every import, rollback and staff export leaves an entry in the audit log; public downloads do not."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import AuditEntry, AuditEvent, Outcome
from cooperation.ledgers.models import ImportBatch
from cooperation.ledgers.service import RollbackRefused, rollback
from tests.builders import make_publisher, make_staff
from tests.cooperation.ledger_builders import SEED, run, trip, trips_csv

pytestmark = pytest.mark.django_db


def only_entry(event):
    entries = list(AuditEntry.objects.filter(event=event))
    assert len(entries) == 1, [(e.event, e.detail) for e in entries]
    return entries[0]


def upload(client, data, name="台账.csv"):
    return client.post(reverse("admin:ledgers_importbatch_add"), {"file": SimpleUploadedFile(name, data)})


def test_a_dry_run_is_recorded_with_file_counts_and_no_batch():
    report = run(trips_csv(trip(编号="T1"), trip(编号="T2")), "考察活动.csv", dry_run=True)

    entry = only_entry(AuditEvent.IMPORT)
    assert (entry.outcome, entry.object_type, entry.object_repr, entry.user_id) == (
        Outcome.SUCCESS, "", "考察活动.csv", None
    )
    assert entry.detail.splitlines() == [
        f"试运行：考察活动.csv（CSV，UTF-8，{report.size} 字节，SHA-256 {report.sha256[:16]}…）",
        "考察活动：新增 2，更新 0，未变 0，错误 0",
    ]


def test_upload_and_confirm_in_the_admin_are_two_entries_with_who_where_and_the_batch(client, django_user_model):
    client.force_login(make_publisher(django_user_model))
    response = upload(client, trips_csv(trip(编号="T1")), "考察活动.csv")
    form = response.context["confirm"]

    client.post(
        reverse("admin:ledgers_importbatch_confirm"),
        {name: form.initial[name] for name in ("token", "file_name", "sha256")},
        REMOTE_ADDR="203.0.113.9",
    )

    dry, real = AuditEntry.objects.filter(event=AuditEvent.IMPORT).order_by("id")
    batch = ImportBatch.objects.get()
    assert dry.detail.startswith("试运行：考察活动.csv") and dry.username == "publisher"
    assert (real.outcome, real.username, real.role, real.ip_address) == (
        Outcome.SUCCESS, "publisher", "审核发布", "203.0.113.9"
    )
    assert (real.object_type, real.object_id, real.path) == (
        "ledgers.importbatch", str(batch.pk), reverse("admin:ledgers_importbatch_confirm")
    )
    assert real.detail.splitlines()[0].startswith("导入：考察活动.csv（CSV，UTF-8")


def test_a_refused_file_is_a_failure_naming_its_problems_and_that_nothing_was_written():
    run(trips_csv(trip(编号="T1"), trip(编号="T2", 开始日期="去年")), "考察活动.csv")

    entry = only_entry(AuditEvent.IMPORT)
    lines = entry.detail.splitlines()
    assert (entry.outcome, entry.object_repr) == (Outcome.FAILURE, "考察活动.csv")
    assert lines[0].startswith("导入：考察活动.csv")
    assert lines[1] == "考察活动：新增 1，更新 0，未变 0，错误 1"
    assert lines[2].startswith("第 3 行“开始日期”列（“去年”）")
    assert lines[-1] == "没有写入任何内容"


def test_a_file_that_cannot_be_read_is_a_failure_with_the_reason():
    run(b"\x89PNG\r\n\x1a\n" + bytes(100), "photo.xlsx", dry_run=True)

    entry = only_entry(AuditEvent.IMPORT)
    assert entry.outcome == Outcome.FAILURE
    assert entry.detail.splitlines()[1].startswith("无法导入：")


def test_many_problems_are_summed_up_not_copied():
    run(trips_csv(*[trip(编号=f"T{n}", 开始日期="去年") for n in range(8)]), dry_run=True)

    lines = only_entry(AuditEvent.IMPORT).detail.splitlines()
    assert sum(line.startswith("第 ") for line in lines) == 5
    assert "……共 8 处错误" in lines


def test_personal_information_reaches_the_log_only_masked():
    run(trips_csv(trip(编号="T1", 摘要="联系电话13812341234")), dry_run=True)

    entry = only_entry(AuditEvent.IMPORT)
    assert entry.outcome == Outcome.FAILURE
    assert "138****1234" in entry.detail and "13812341234" not in entry.detail


def test_the_import_command_is_recorded_under_the_user_it_names(django_user_model):
    publisher = make_publisher(django_user_model, "shell-user")

    call_command("import_ledger", str(SEED / "项目.csv"), "--user", "shell-user")

    entry = only_entry(AuditEvent.IMPORT)
    assert (entry.user_id, entry.outcome, entry.object_id, entry.path) == (
        publisher.pk, Outcome.SUCCESS, str(ImportBatch.objects.get().pk), ""
    )


def test_a_rollback_and_a_refused_second_one_are_recorded(django_user_model):
    publisher = make_publisher(django_user_model)
    batch = run(trips_csv(trip(编号="T1"), trip(编号="T2")), "考察活动.csv").batch

    rollback(batch, user=publisher)
    with pytest.raises(RollbackRefused):
        rollback(batch, user=publisher)

    done, refused = AuditEntry.objects.filter(event=AuditEvent.IMPORT_ROLLBACK).order_by("id")
    assert (done.outcome, done.user_id, done.object_id) == (Outcome.SUCCESS, publisher.pk, str(batch.pk))
    assert done.detail.startswith("考察活动.csv：删除新增的 2 条")
    assert (refused.outcome, refused.detail) == (Outcome.FAILURE, "这个批次已经回滚过了。")


def test_an_export_from_the_admin_is_recorded_with_rows_and_scope(client, django_user_model):
    run(trips_csv(trip(编号="T1"), trip(编号="T2")))
    client.force_login(make_publisher(django_user_model))

    response = client.post(reverse("admin:ledgers_importbatch_export"), {"ledger": "trips", "file_format": "csv"})

    entry = only_entry(AuditEvent.EXPORT)
    assert (entry.outcome, entry.username) == (Outcome.SUCCESS, "publisher")
    assert entry.object_repr.startswith("考察活动-") and entry.object_repr.endswith(".csv")
    assert entry.detail == f"考察活动 2 行；含草稿、待审和已撤回的记录；{len(response.content)} 字节"


def test_a_workbook_export_counts_each_ledger(client, django_user_model):
    client.force_login(make_publisher(django_user_model))

    client.post(
        reverse("admin:ledgers_importbatch_export"), {"ledger": "", "file_format": "xlsx", "published_only": "on"}
    )

    detail = only_entry(AuditEvent.EXPORT).detail
    assert detail.startswith("项目 0 行，年度数据 0 行，考察活动 0 行，会议发言 0 行；只含已发布记录；")


def test_the_export_command_is_recorded(tmp_path, django_user_model):
    publisher = make_publisher(django_user_model, "shell-user")
    run(trips_csv(trip(编号="T1")))

    call_command("export_ledger", "trips", "-o", str(tmp_path / "trips.csv"), "--user", "shell-user")
    call_command("export_ledger", "-o", str(tmp_path / "all.xlsx"), "--published-only")
    with pytest.raises(CommandError):
        call_command("export_ledger", "-o", str(tmp_path / "x.xlsx"), "--user", "nobody")

    named, system = AuditEntry.objects.filter(event=AuditEvent.EXPORT).order_by("id")
    assert (named.user_id, named.object_repr) == (publisher.pk, "trips.csv")
    assert named.detail.startswith("考察活动 1 行；含草稿")
    assert (system.user_id, system.username, system.object_repr) == (None, "", "all.xlsx")
    assert "只含已发布记录" in system.detail


def test_staff_without_the_permission_are_refused_and_recorded(client, django_user_model):
    viewer = make_staff(django_user_model, "viewer")
    viewer.user_permissions.add(*Permission.objects.filter(codename__startswith="view_"))
    client.force_login(viewer)

    assert client.get(reverse("admin:ledgers_importbatch_add")).status_code == 403
    assert client.post(reverse("admin:ledgers_importbatch_export"), {"ledger": "trips"}).status_code == 403
    assert client.post(reverse("admin:ledgers_importbatch_rollback", args=[1])).status_code == 403

    ledger_events = [AuditEvent.IMPORT, AuditEvent.EXPORT, AuditEvent.IMPORT_ROLLBACK]
    denied = list(
        AuditEntry.objects.filter(event__in=ledger_events)
        .order_by("id")
        .values_list("event", "outcome", "username", "object_repr")
    )
    assert denied == [
        (AuditEvent.IMPORT, Outcome.DENIED, "viewer", "导入台账"),
        (AuditEvent.EXPORT, Outcome.DENIED, "viewer", "导出台账"),
        (AuditEvent.IMPORT_ROLLBACK, Outcome.DENIED, "viewer", "回滚导入批次 #1"),
    ]


def test_public_open_data_downloads_are_not_recorded(client):
    run(trips_csv(trip(编号="T1")))

    assert client.get(reverse("opendata:csv", args=["trips"])).status_code == 200

    assert not AuditEntry.objects.filter(event=AuditEvent.EXPORT).exists()
