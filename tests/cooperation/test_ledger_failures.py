"""An import whose transaction fails leaves a failed batch with its reason, in the audit log too."""

import logging

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from accounts.audit import AuditEvent
from accounts.models import AuditEntry
from cooperation.ledgers.models import BatchStatus, ImportBatch
from cooperation.ledgers.service import RollbackRefused, import_file, ledger_by_slug, rollback
from tests.builders import make_publisher
from tests.cooperation.ledger_builders import SEED, trip, trips_csv
from visits.models import Delegation

pytestmark = pytest.mark.django_db

LOST = "server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally"


@pytest.fixture
def database_dies_mid_import(monkeypatch):
    """The trip ledger writes its rows, then the database connection is lost."""
    ledger_class = type(ledger_by_slug("trips"))
    original = ledger_class.run

    def run(self, sheet, context):
        original(self, sheet, context)
        raise OperationalError(LOST)

    monkeypatch.setattr(ledger_class, "run", run)


def test_a_failed_import_is_recorded_as_a_failed_batch_with_its_reason(database_dies_mid_import, django_user_model):
    user = make_publisher(django_user_model, "importer")

    report = import_file(trips_csv([trip()]), "考察活动.csv", user=user, dry_run=False)

    assert Delegation.objects.count() == 0
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.user, batch.file_name, batch.ledgers) == (
        BatchStatus.FAILED, user, "考察活动.csv", "考察活动",
    )
    assert batch.failure == (
        "写入数据库时出错（OperationalError：server closed the connection unexpectedly），"
        "没有写入任何内容；请稍后重试。"
    )
    assert report.refusals == [batch.failure]
    assert report.summary_lines()[-1] == f"导入失败，已记为批次“{batch}”（导入失败），没有写入任何内容。"


def test_the_audit_log_names_the_failed_batch(database_dies_mid_import, django_user_model):
    user = make_publisher(django_user_model, "importer")

    import_file(trips_csv([trip()]), "考察活动.csv", user=user, dry_run=False)

    entry = AuditEntry.objects.get(event=AuditEvent.IMPORT)
    batch = ImportBatch.objects.get()
    assert (entry.outcome, entry.username, entry.object_id) == ("failure", "importer", str(batch.pk))
    assert "写入数据库时出错" in entry.detail


def test_a_dry_run_that_fails_records_no_batch(database_dies_mid_import):
    report = import_file(trips_csv([trip()]), "考察活动.csv", dry_run=True)

    assert report.refused
    assert ImportBatch.objects.count() == 0
    assert AuditEntry.objects.filter(event=AuditEvent.IMPORT, outcome="failure").count() == 1


def test_the_command_ends_with_its_own_message_not_a_traceback(database_dies_mid_import, capsys, caplog):
    with caplog.at_level(logging.WARNING), pytest.raises(CommandError, match="文件未导入"):
        call_command("import_ledger", str(SEED / "考察活动.csv"))

    out = capsys.readouterr().out
    assert "写入数据库时出错（OperationalError" in out
    assert "导入失败，已记为批次" in out
    assert not [record for record in caplog.records if record.exc_info]


def test_a_failed_batch_cannot_be_rolled_back(database_dies_mid_import):
    import_file(trips_csv([trip()]), "考察活动.csv", dry_run=False)

    with pytest.raises(RollbackRefused, match="导入失败，没有写入任何记录"):
        rollback(ImportBatch.objects.get())


def test_the_admin_shows_the_failed_batch_and_its_reason(database_dies_mid_import, admin_client):
    import_file(trips_csv([trip()]), "考察活动.csv", dry_run=False)
    batch = ImportBatch.objects.get()

    listing = admin_client.get("/admin/ledgers/importbatch/").content.decode()
    page = admin_client.get(f"/admin/ledgers/importbatch/{batch.pk}/change/").content.decode()

    assert "导入失败" in listing
    assert "写入数据库时出错" in page
    assert "回滚这个批次" not in page


def test_a_copy_that_fails_beside_the_import_fails_it_whole(monkeypatch, django_user_model):
    """On PostgreSQL the COPYs run in a thread beside the import (bulk.copies_alongside): one
    that the server refuses fails the import as any database error does, nothing written."""
    from django.db import connection

    from cooperation.ledgers import bulk
    from visits.models import Participant

    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's")
    copy = bulk._copy

    def broken(db_table, columns, rows):  # participant rows with a column too many: the server refuses the COPY
        if db_table == Participant._meta.db_table:
            rows = [[*row, "extra"] for row in rows]
        return copy(db_table, columns, rows)

    monkeypatch.setattr(bulk, "_copy", broken)
    user = make_publisher(django_user_model, "importer")

    report = import_file(trips_csv(trip(带队领导="王某（区长）")), "考察活动.csv", user=user, dry_run=False)

    assert Delegation.objects.count() == 0 and Participant.objects.count() == 0, report.summary_lines()
    batch = ImportBatch.objects.get()
    assert batch.status == BatchStatus.FAILED
    assert batch.failure.startswith("写入数据库时出错（DataError：")
    assert batch.failure.endswith("没有写入任何内容；请稍后重试。")


def test_the_copy_text_escapes_only_the_values_that_need_it():
    """The rows are joined as they are and checked as one text (`bulk._copy_data`): a value
    with a tab, a line break, a carriage return or a backslash is escaped wherever it is, the
    other lines are left as joined, and NULL, booleans and dates are written as COPY reads them."""
    import datetime

    from cooperation.ledgers import bulk

    plain = [[1, "王某", None, True, datetime.date(2024, 6, 20)], [2, "李某", "区长", False, None]]
    assert bulk._copy_data(plain, 5) == "1\t王某\t\\N\tt\t2024-06-20\n2\t李某\t区长\tf\t\\N\n"
    awkward = [*plain, [3, "一\t二", "三\n四", "C:\\文件", "五\r"], [4, "甲", "乙", "丙", "丁"]]
    assert bulk._copy_data(awkward, 5) == (
        "1\t王某\t\\N\tt\t2024-06-20\n2\t李某\t区长\tf\t\\N\n"
        "3\t一\\t二\t三\\n四\tC:\\\\文件\t五\\r\n4\t甲\t乙\t丙\t丁\n"
    )
    assert bulk._copy_data(iter(()), 5) == ""
    # Each line is checked on its own, as before the text was checked at once.
    assert bulk._copy_data(awkward, 5) == "".join(bulk._escaped_line(row) + "\n" for row in awkward)
