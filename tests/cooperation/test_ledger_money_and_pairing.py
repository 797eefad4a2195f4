"""What a county's money ledgers write their own way (the eighth set, tests/data/ledgers_eighth),
read through the command and the admin alike: the pairing in one column (北京市石景山区—宁城县,
either side first), 年度 written 2024年度, a project's money split by source (京蒙协作, 社会帮扶,
an enterprise's in 元) and a published figure written 1200余 — each reading named in the row's
warnings; a pairing of one side only, or a column in 元 mapped onto one in 万元, refused."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from cooperation.models import ProgramFigure
from projects.models import Project
from tests.builders import make_publisher
from tests.cooperation.ledger_builders import csv_bytes, run, xlsx_bytes
from tests.visits.test_ledgers_unseen import through_admin, through_command

pytestmark = pytest.mark.django_db

DOORS = pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
PROJECT_HEADERS = [
    "项目名称", "结对关系", "年度", "京蒙协作资金（万元）", "社会帮扶资金（元）", "地方配套资金（万元）", "项目状态",
]
FIGURE_HEADERS = ["结对关系", "年度", "财政援助资金（万元）", "协作项目数（个）"]


def projects_file(pairing="宁城县—北京市石景山区", *, aid="300", social="500000", local="20"):
    return csv_bytes(PROJECT_HEADERS, [["宁城县鲜食玉米加工车间", pairing, "2024年度", aid, social, local, "在建"]])


@DOORS
def test_a_projects_money_by_source_and_its_pairing_in_one_column(door, tmp_path, capsys, client, django_user_model):
    user = make_publisher(django_user_model, "office")

    previews = door([("项目.csv", projects_file())], tmp_path, capsys, client, user)

    project = Project.objects.select_related("pairing__support_region", "pairing__recipient_region").get()
    assert (project.pairing.support_region.name, project.pairing.recipient_region.name) == ("石景山区", "宁城县")
    assert (project.start_year, project.aid_funds, project.total_investment) == (2024, Decimal(350), Decimal(370))
    preview = previews[0]
    assert "先写了受援方：读作支援方“石景山区”、受援方“宁城县”" in preview
    assert "按元计：折合 50 万元" in preview
    assert "帮扶资金按“帮扶资金（万元）”、“社会帮扶资金（元）”之和读作 350 万元" in preview
    assert "总投资未写：按资金来源各列之和读作 370 万元" in preview


def test_the_ledgers_own_total_is_kept_beside_its_sources():
    data = csv_bytes([*PROJECT_HEADERS, "总投资（万元）"], [
        ["宁城县鲜食玉米加工车间", "北京市石景山区—宁城县", "2024", "300", "", "20", "在建", "900"],
    ])

    report = run(data, "项目.csv")

    assert not report.has_errors
    assert Project.objects.values_list("aid_funds", "total_investment").get() == (Decimal(300), Decimal(900))


@DOORS
def test_a_figure_as_published_is_read_at_its_number_and_the_importer_told(
    door, tmp_path, capsys, client, django_user_model
):
    user = make_publisher(django_user_model, "office")
    data = csv_bytes(
        [*FIGURE_HEADERS, "消费帮扶金额（元）"], [["北京市石景山区—宁城县", "2024年度", "1200余", "11", "12345678"]]
    )

    previews = door([("年度数据.csv", data)], tmp_path, capsys, client, user)

    figures = {f.metric: f.actual for f in ProgramFigure.objects.filter(year=2024)}
    assert figures == {"funds": Decimal(1200), "projects": Decimal(11), "consumption": Decimal("1234.57")}
    assert "按 1200 读入：“余”“多”是说实际略多，这里只记到这个数；知道确数后请改正" in previews[0]
    assert "按元计：折合 1234.57 万元（四舍五入到分位）" in previews[0]


def test_a_figure_in_both_units_is_an_error():
    data = csv_bytes(
        [*FIGURE_HEADERS, "财政援助资金（元）"], [["北京市石景山区—宁城县", "2024", "1200", "11", "12000000"]]
    )

    report = run(data, "年度数据.csv")

    assert [(p.column, p.message) for p in report.problems] == [
        ("财政援助资金（元）", "石景山区—宁城县的数字：与“财政援助资金（万元）”是同一个数字，只填一列")
    ]
    assert not ProgramFigure.objects.exists()


@pytest.mark.parametrize(
    ("pairing", "message"),
    [
        ("北京市石景山区—北京市大兴区", "两方须一方是支援方（北京）、一方是受援方（内蒙古）"),
        ("石景山区、宁城县", "须写作“支援方—受援方”，如 石景山区—宁城县"),
    ],
)
def test_a_pairing_column_not_naming_one_of_each_side_refuses_the_file(
    pairing, message, tmp_path, capsys, client, django_user_model
):
    client.force_login(make_publisher(django_user_model, "office"))
    path = tmp_path / "项目.csv"
    path.write_bytes(projects_file(pairing))

    with pytest.raises(CommandError):
        call_command("import_ledger", str(path))
    upload = {"file": SimpleUploadedFile("项目.csv", path.read_bytes())}
    page = client.post(reverse("admin:ledgers_importbatch_add"), upload)

    assert message in capsys.readouterr().out
    assert message in page.content.decode() and page.context["confirm"] is None
    assert not Project.objects.exists()


def test_a_column_in_yuan_mapped_onto_one_in_wan_yuan_refuses_the_file(tmp_path, capsys):
    data = csv_bytes(["项目名称", "受援方", "投入（元）"], [["宁城县鲜食玉米加工车间", "宁城县", "7000000"]])
    path = tmp_path / "项目.csv"
    path.write_bytes(data)

    with pytest.raises(CommandError):
        call_command("import_ledger", str(path), "--column", "投入（元）=总投资（万元）")

    assert "两列的单位不同（元、万元），金额会差一万倍" in capsys.readouterr().out
    assert not Project.objects.exists()


def test_a_sheet_of_figures_is_known_by_its_pairing_column_whatever_its_name():
    data = xlsx_bytes({"2024年": (FIGURE_HEADERS, [["北京市石景山区—宁城县", "2024年度", "1200", "11"]])})

    report = run(data, "宁城县.xlsx")

    assert not report.has_errors, report.summary_lines()
    assert report.summary_lines()[1:2] == ["年度数据：新增 1，更新 0，未变 0，错误 0"]
    assert ProgramFigure.objects.count() == 2
