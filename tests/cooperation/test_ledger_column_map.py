"""An office's own name for a column, read as a ledger's field because the importer says so —
`--column 原列名=列名` on the command, the preview's question in the admin — with no change to
the code: the column is no longer ignored, each use is told, and a field the ledger does not
read or a column the file does not have refuses the file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from accounts.models import AuditEntry, AuditEvent
from cooperation.ledgers.models import ImportJob
from tests.builders import make_publisher
from tests.cooperation.ledger_builders import csv_bytes, run
from visits.models import Delegation

pytestmark = pytest.mark.django_db

HEADERS = ["标题", "开始日期", "出发地", "目的地", "对接领导"]
ROW = ["市科技局赴京对接", "2021-03-26", "乌兰察布市", "北京市", "王清（市科技局局长）"]
MAPPED = "“对接领导”按“带队领导”读入（导入时指定）"


def people():
    return [
        (p.side, p.role, p.name_as_printed, p.title_as_printed)
        for p in Delegation.objects.get().participants.order_by("order")
    ]


def test_without_a_map_the_column_is_ignored_and_the_command_says_how_to_map_it(tmp_path, capsys):
    path = tmp_path / "对接.csv"
    path.write_bytes(csv_bytes(HEADERS, [ROW]))

    call_command("import_ledger", str(path))

    output = capsys.readouterr().out
    assert people() == []
    assert "已忽略无法识别的列 “对接领导”" in output
    assert "可用 --column 原列名=列名 指定它按哪一列读入" in output


def test_the_command_reads_a_column_as_the_field_it_is_given(tmp_path, capsys):
    path = tmp_path / "对接.csv"
    path.write_bytes(csv_bytes(HEADERS, [ROW]))

    call_command("import_ledger", str(path), "--column", "对接领导=带队领导")

    output = capsys.readouterr().out
    assert people() == [("visiting", "leader", "王清", "市科技局局长")]
    assert MAPPED in output and "已忽略" not in output
    entry = AuditEntry.objects.get(event=AuditEvent.IMPORT)
    assert entry.detail.splitlines()[1] == "列的读法（导入时指定）：对接领导=带队领导"


def test_the_admin_preview_asks_what_an_unknown_column_is_and_previews_again(client, django_user_model):
    client.force_login(make_publisher(django_user_model, "office"))
    upload = {"file": SimpleUploadedFile("对接.csv", csv_bytes(HEADERS, [ROW]))}

    first = client.post(reverse("admin:ledgers_importbatch_add"), upload)
    job = ImportJob.objects.get()
    form = first.context["columns"]
    again = client.post(reverse("admin:ledgers_importbatch_job_columns", args=[job.pk]), {"column_0": "带队领导"})
    confirm = {key: again.context["confirm"].initial[key] for key in ("token", "file_name", "sha256")}
    done = client.post(reverse("admin:ledgers_importbatch_confirm"), confirm)

    assert [(field.label, [value for value, _label in field.choices][:3]) for field in form.fields.values()] == [
        ("“对接领导”（文件，考察活动）", ["", "编号", "类型"])
    ]
    assert "不认识的列" in first.content.decode()
    page = again.content.decode()
    assert MAPPED in page and "不认识的列" not in page
    assert done.status_code == 302
    assert ImportJob.objects.get().column_map == {"对接领导": "带队领导"}
    assert people() == [("visiting", "leader", "王清", "市科技局局长")]


def test_the_preview_question_is_the_uploaders_alone(client, django_user_model):
    client.force_login(make_publisher(django_user_model, "office"))
    upload = {"file": SimpleUploadedFile("对接.csv", csv_bytes(HEADERS, [ROW]))}
    client.post(reverse("admin:ledgers_importbatch_add"), upload)
    job = ImportJob.objects.get()
    client.force_login(make_publisher(django_user_model, "other"))

    response = client.post(reverse("admin:ledgers_importbatch_job_columns", args=[job.pk]), {"column_0": "带队领导"})

    assert response.status_code == 404
    assert ImportJob.objects.get().column_map == {}


@pytest.mark.parametrize(
    ("columns", "refusal"),
    [
        ({"对接领导": "领队"}, "“领队”不是考察活动的列；可以指定的列：编号、标题"),
        ({"联系人": "带队领导"}, "指定了列“联系人”的读法，但文件里没有这一列"),
    ],
)
def test_a_map_to_no_field_of_the_ledger_or_from_no_column_of_the_file_refuses_it(columns, refusal):
    report = run(csv_bytes(HEADERS, [ROW]), columns=columns)

    assert report.refused and not Delegation.objects.exists()
    assert any(refusal in message for message in report.refusals), report.refusals


def test_a_malformed_column_option_is_refused_before_reading(tmp_path):
    path = tmp_path / "对接.csv"
    path.write_bytes(csv_bytes(HEADERS, [ROW]))

    with pytest.raises(CommandError, match="原列名=列名"):
        call_command("import_ledger", str(path), "--column", "对接领导")


def test_a_sheet_no_ledger_recognises_is_asked_about_and_recognised_by_the_columns_given(client, django_user_model):
    client.force_login(make_publisher(django_user_model, "office"))
    headers = ["走访事由", "开始日期", "出发地", "目的地"]
    upload = {"file": SimpleUploadedFile("走访.csv", csv_bytes(headers, [ROW[:1] + ROW[1:4]]))}

    refused = client.post(reverse("admin:ledgers_importbatch_add"), upload)
    job = ImportJob.objects.get()
    form = refused.context["columns"]
    name = next(name for name, column in form.columns.items() if column == "走访事由")
    again = client.post(reverse("admin:ledgers_importbatch_job_columns", args=[job.pk]), {name: "标题"})

    assert "无法从表头判断文件是哪一种台账" in refused.content.decode()
    assert again.context["confirm"] is not None
    assert "“走访事由”按“标题”读入（导入时指定）" in again.content.decode()
