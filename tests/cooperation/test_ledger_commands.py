"""import_ledger and export_ledger from the shell; the benchmark's generated ledgers."""

import pytest
from django.core.management import CommandError, call_command

from benchmarks.ledger_data import plain_datasets, write_ledgers
from cooperation.ledgers.models import ImportBatch
from tests.builders import make_publisher
from tests.cooperation.ledger_builders import SEED, outcomes, run, trip, trips_csv
from visits.models import Delegation

pytestmark = pytest.mark.django_db


def test_import_ledger_commits_and_ends_with_the_summary(capsys, django_user_model):
    make_publisher(django_user_model, "shell-user")

    call_command("import_ledger", str(SEED / "项目.csv"), "--user", "shell-user", "--publish")

    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "文件：项目.csv（CSV，UTF-8）",
        "项目：新增 1，更新 0，未变 0，错误 0",
        "将新建结对关系：大兴区—正镶白旗",
        "将新建行政区划：正镶白旗星耀镇",
        f"已导入，批次“{ImportBatch.objects.get()}”（可回滚）。",
    ]
    assert "项目：读取 1 行" in err
    assert (ImportBatch.objects.get().user.username, ImportBatch.objects.get().published) == ("shell-user", True)


def test_a_dry_run_from_the_shell_writes_nothing(capsys):
    call_command("import_ledger", str(SEED / "考察活动.csv"), "--dry-run")

    assert capsys.readouterr().out.splitlines()[-1] == "试运行：没有写入任何内容。"
    assert Delegation.objects.count() == 0


def test_a_refused_file_exits_non_zero(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(trips_csv(trip(开始日期="去年")))
    not_a_sheet = tmp_path / "photo.xlsx"
    not_a_sheet.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))

    for path in (bad, not_a_sheet, tmp_path / "missing.csv"):
        with pytest.raises(CommandError):
            call_command("import_ledger", str(path))

    assert "第 2 行“开始日期”列（“去年”）" in capsys.readouterr().out


def test_export_ledger_writes_what_import_reads_back_unchanged(tmp_path):
    run(trips_csv(trip(编号="T1"), trip(编号="T2", 标题="二")))
    output = tmp_path / "trips.csv"

    call_command("export_ledger", "trips", "-o", str(output))

    assert outcomes(run(output.read_bytes(), "trips.csv")) == [(2, "unchanged"), (3, "unchanged")]
    with pytest.raises(CommandError):
        call_command("export_ledger", "-o", str(tmp_path / "all.csv"))
    call_command("export_ledger", "-o", str(tmp_path / "all.xlsx"))
    assert (tmp_path / "all.xlsx").read_bytes().startswith(b"PK")


def test_the_benchmark_ledgers_import_cleanly_and_feed_the_plain_resource(tmp_path):
    files = write_ledgers(tmp_path, trips=30, projects=20)

    reports = [run(files[name][0].read_bytes(), f"{name}.csv") for name in ("项目", "考察活动", "会议发言")]

    assert [r.totals["new"] for r in reports] == [20, 30, files["会议发言"][1]]
    assert not any(r.has_errors for r in reports)
    assert [(name, len(dataset)) for name, _resource, dataset in plain_datasets(tmp_path)] == [
        ("项目", 20),
        ("考察活动", 30),
    ]
