"""The import and export in the admin: upload, dry run, confirm, batch, rollback; who may."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from cooperation.ledgers.models import BatchStatus, ImportBatch
from tests.builders import make_editor, make_publisher, make_staff
from tests.cooperation.ledger_builders import project, projects_csv, seed_bytes, trip, trips_csv, xlsx_bytes
from visits.ledgers.common import TRIP_HEADERS
from visits.models import Delegation

pytestmark = pytest.mark.django_db

ADD = "admin:ledgers_importbatch_add"
CONFIRM = "admin:ledgers_importbatch_confirm"


def upload(client, data, name="台账.csv", **fields):
    return client.post(reverse(ADD), {"file": SimpleUploadedFile(name, data), **fields})


def confirm(client, response):
    form = response.context["confirm"]
    data = {name: form.initial[name] for name in ("token", "file_name", "sha256")}
    if form.initial["publish"]:
        data["publish"] = "True"
    return client.post(reverse(CONFIRM), data)


def test_upload_shows_a_dry_run_then_confirm_commits_a_batch(client, django_user_model):
    publisher = make_publisher(django_user_model)
    client.force_login(publisher)

    response = upload(client, seed_bytes("考察活动"), "考察活动.csv")

    assert response.status_code == 200
    assert Delegation.objects.count() == 0
    report = response.context["report"]
    assert (report.encoding, report.totals["new"], report.dry_run) == ("UTF-8", 1, True)
    page = response.content.decode()
    assert "将新建" in page and "王有国" in page and "确认导入（草稿）" in page

    response = confirm(client, response)

    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == batch.get_absolute_url()
    assert (batch.user, batch.new, batch.file_name) == (publisher, 1, "考察活动.csv")
    assert Delegation.objects.get().status == "draft"
    page = client.get(response["Location"]).content.decode()
    assert "回滚这个批次" in page and "区委书记王有国率大兴区党政代表团" in page


def test_a_publisher_publishing_on_import_submits_the_batch(client, django_user_model):
    client.force_login(make_publisher(django_user_model))

    response = upload(client, trips_csv(trip(编号="T1")), publish="on")
    confirm(client, response)

    assert Delegation.objects.get().status == "review"


def test_errors_are_listed_with_row_column_and_value_and_there_is_no_confirm(client, django_user_model):
    client.force_login(make_publisher(django_user_model))
    data = trips_csv(
        trip(编号="T1", 标题="<script>alert(1)</script>", 开始日期="明年"), trip(编号="T2", 标题="长" * 10_000)
    )

    response = upload(client, data)

    assert response.context["confirm"] is None
    problems = [(p.row, p.column, p.message) for p in response.context["problems"]]
    assert problems == [
        (2, "开始日期", "不是可识别的日期；可写 2024-06-20、2024/6/20、2024.6.20、2024年6月20日、2024年6月 或 2024年"),
        (3, "标题", "最长 300 字，这里有 10000 字"),
    ]
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "共 10000 字" in page


def test_a_file_that_is_not_a_spreadsheet_is_refused_on_the_page(client, django_user_model):
    client.force_login(make_publisher(django_user_model))

    response = upload(client, b"%PDF-1.7\n" + bytes(range(256)) * 4, "报告.pdf")

    assert response.status_code == 200
    assert response.context["report"].refusals == ["这不是表格文件（CSV、XLSX 或 XLS）：文件里有二进制内容。"]
    assert "文件没有导入" in response.content.decode()


def test_a_file_over_the_web_limit_is_refused_by_the_form(client, django_user_model, settings):
    settings.LEDGER_UPLOAD_MAX_BYTES = 1024 * 1024
    client.force_login(make_publisher(django_user_model))
    data = projects_csv(*[project(编号=f"P{n}", 简介="说明" * 200) for n in range(1000)])

    response = upload(client, data)

    assert response.status_code == 200
    message = response.context["form"].errors["file"][0]
    assert message.startswith(f"文件有 {len(data) / 1024 / 1024:.1f} MB，超过网页导入的上限 1 MB")


def test_a_forged_or_stale_confirm_writes_nothing(client, django_user_model):
    client.force_login(make_publisher(django_user_model))

    response = client.post(reverse(CONFIRM), {"token": "a" * 32, "file_name": "x.csv", "sha256": "0" * 64})

    assert response.status_code == 302
    assert ImportBatch.objects.count() == 0


def test_an_editor_imports_drafts_and_is_not_offered_publishing(client, django_user_model):
    client.force_login(make_editor(django_user_model))

    form_page = client.get(reverse(ADD))
    response = upload(client, trips_csv(trip(编号="T1")), publish="on")
    confirm(client, response)

    assert "publish" not in form_page.context["form"].fields
    assert Delegation.objects.get().status == "draft"
    batch = ImportBatch.objects.get()
    assert client.get(reverse("admin:ledgers_importbatch_rollback", args=[batch.pk])).status_code == 403


def test_view_only_staff_can_neither_import_nor_export(client, django_user_model):
    viewer = make_staff(django_user_model, "viewer")
    viewer.user_permissions.add(*Permission.objects.filter(codename__startswith="view_"))
    client.force_login(viewer)

    assert client.get(reverse(ADD)).status_code == 403
    assert client.post(reverse(CONFIRM), {}).status_code == 403
    assert client.get(reverse("admin:ledgers_importbatch_export")).status_code == 403
    changelist = client.get(reverse("admin:visits_delegation_changelist")).content.decode()
    assert "导入台账" not in changelist and "导出台账" not in changelist


def test_the_trip_list_offers_import_and_export(client, django_user_model):
    client.force_login(make_publisher(django_user_model))

    page = client.get(reverse("admin:visits_delegation_changelist")).content.decode()

    assert reverse(ADD) in page
    assert reverse("admin:ledgers_importbatch_export") + "?for=visits.delegation" in page


def ledger_models():
    from cooperation.ledgers.service import ledgers

    return sorted({model._meta.label_lower for ledger in ledgers() for model in ledger.admin_models()})


@pytest.mark.parametrize("label", ledger_models())
def test_the_list_of_every_model_a_ledger_writes_offers_import_and_export(client, django_user_model, label):
    # 协作数据 and 结对关系 (年度数据) as well as trips, meetings and projects: where staff look for it.
    client.force_login(make_publisher(django_user_model))
    app_label, model_name = label.split(".")

    page = client.get(reverse(f"admin:{app_label}_{model_name}_changelist")).content.decode()

    tools = page[page.index('class="object-tools"') :]
    assert f'href="{reverse(ADD)}"' in tools and "导入台账" in tools
    assert reverse("admin:ledgers_importbatch_export") + f"?for={label}" in tools


def test_a_publisher_rolls_a_batch_back(client, django_user_model):
    client.force_login(make_publisher(django_user_model))
    confirm(client, upload(client, trips_csv(trip(编号="T1"), trip(编号="T2"))))
    batch = ImportBatch.objects.get()
    url = reverse("admin:ledgers_importbatch_rollback", args=[batch.pk])

    assert "删除它新建的 2 条记录" in client.get(url).content.decode()
    response = client.post(url)

    assert response.status_code == 302
    batch.refresh_from_db()
    assert (batch.status, Delegation.objects.count()) == (BatchStatus.ROLLED_BACK, 0)


@pytest.mark.parametrize(("file_format", "ledger"), [("xlsx", ""), ("csv", "trips")])
def test_export_from_the_admin(client, django_user_model, file_format, ledger):
    client.force_login(make_publisher(django_user_model))
    confirm(client, upload(client, trips_csv(trip(编号="T1", 标题="=1+1"))))

    response = client.post(reverse("admin:ledgers_importbatch_export"), {"ledger": ledger, "file_format": file_format})

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    if file_format == "csv":
        assert response.content.startswith(b"\xef\xbb\xbf")
        assert "'=1+1" in response.content.decode("utf-8-sig")
    else:
        workbook = load_workbook(io.BytesIO(response.content))
        assert workbook.sheetnames == ["项目", "年度数据", "考察活动", "会议发言"]


def test_csv_export_of_all_ledgers_is_explained(client, django_user_model):
    client.force_login(make_publisher(django_user_model))

    response = client.post(reverse("admin:ledgers_importbatch_export"), {"ledger": "", "file_format": "csv"})

    assert response.context["form"].non_field_errors() == ["CSV 只能放一个台账：请选择台账，或选 XLSX 导出全部。"]


def test_a_file_with_more_rows_than_the_web_takes_is_refused_as_it_is_read(client, django_user_model, settings):
    settings.LEDGER_UPLOAD_MAX_ROWS = 300
    client.force_login(make_publisher(django_user_model))
    data = xlsx_bytes({"考察活动": (TRIP_HEADERS, [trip(编号=f"T{n}", 开始日期="明年") for n in range(400)])})

    response = upload(client, data, "台账.xlsx")

    assert response.context["report"].refusals == [
        "工作表“考察活动”超过网页导入的上限 300 行；请拆成几个文件，或请管理员用 import_ledger 命令导入。"
    ]
    assert Delegation.objects.count() == 0


def test_the_web_limit_counts_the_ledgers_rows_not_its_header_or_title(client, django_user_model, settings):
    settings.LEDGER_UPLOAD_MAX_ROWS = 50
    client.force_login(make_publisher(django_user_model))
    rows = [trip(编号=f"T{n}", 标题=f"考察{n}") for n in range(50)]
    data = xlsx_bytes({"考察活动": (["2024年京蒙协作考察活动台账"], [list(TRIP_HEADERS), *rows])})

    response = upload(client, data, "台账.xlsx")

    assert response.context["report"].refusals == []
    assert response.context["report"].totals["new"] == 50


def test_the_preview_lists_the_first_problems_and_counts_the_rest(client, django_user_model):
    client.force_login(make_publisher(django_user_model))
    data = trips_csv(*[trip(编号=f"T{n}", 开始日期="明年") for n in range(250)])

    response = upload(client, data)

    page = response.content.decode()
    assert len(response.context["problems"]) == 200
    assert [p.row for p in response.context["problems"]] == list(range(2, 202))
    assert "250 处错误" in page
    assert "另有 50 处错误未列出" in page
    assert response.context["confirm"] is None
