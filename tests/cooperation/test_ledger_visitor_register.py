"""A receiving office's visitor register (来访接待登记表), and an office's own trips out: a
sheet that says one end of its trips only. 活动内容 / 接待事项 / 来访事由 are the title, 来访日期
the date, 来访单位 the visitors' body whose name gives their origin; the other end is the
office's own region, given by the importer (本单位所在地区, `--own-region`) — asked, never
guessed — and used only in the rows that leave that column empty."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from cooperation.ledgers.models import ImportJob
from tests.builders import make_publisher
from tests.cooperation.ledger_builders import csv_bytes, problems, run
from visits.models import Delegation

pytestmark = pytest.mark.django_db

REGISTER = ["来访日期", "来访单位", "来访人员", "活动内容", "陪同人员"]
RED_CROSS = [
    "2022年8月11日", "通州区红十字会", "贾立军（通州区红十字会常务副会长）", "捐赠款物签约", "郭健（旗委副书记）",
]


def register(*rows, headers=REGISTER):
    return csv_bytes(headers, rows or [RED_CROSS])


def trip(title):
    delegation = Delegation.objects.get(title=title)
    return (
        delegation.origin.name if delegation.origin else None,
        sorted(region.name for region in delegation.destinations.all()),
        delegation.start_date.isoformat() if delegation.start_date else None,
    )


@pytest.mark.parametrize("column", ["活动内容", "接待事项", "来访事由"])
def test_a_registers_name_for_the_visit_is_the_title_with_a_warning_naming_it(column):
    headers = ["来访日期", "出发地", "目的地", column]
    report = run(csv_bytes(headers, [["2022-08-11", "通州区", "奈曼旗", "捐赠款物签约"]]))

    assert not report.has_errors, report.summary_lines()
    assert trip("捐赠款物签约") == ("通州区", ["奈曼旗"], "2022-08-11")
    assert any(f"“{column}”按“标题”" in warning and "“来访日期”按“开始日期”" in warning for warning in report.warnings)


@pytest.mark.parametrize(
    ("body", "origin", "parent"),
    [
        ("通州区红十字会", "通州区", "北京市"),
        ("北京市通州区台湖镇", "台湖镇", "通州区"),
        ("通州区宋庄镇人民政府", "宋庄镇", "通州区"),
        ("通州区乡村振兴局", "通州区", "北京市"),  # 乡村 is no village of that name
        ("通州区", "通州区", "北京市"),
    ],
)
def test_the_visiting_body_gives_the_origin_it_begins_with(body, origin, parent):
    report = run(register([*RED_CROSS[:1], body, *RED_CROSS[2:]]), own_region="奈曼旗")

    assert not report.has_errors, report.summary_lines()
    delegation = Delegation.objects.get()
    assert (delegation.origin.name, delegation.origin.parent.name) == (origin, parent)
    warnings = [(w.column, w.message) for w in report.row_warnings]
    assert ("来访单位", f"出发地按来访单位读作“{delegation.origin.display_name}”") in warnings


def test_a_visiting_body_that_names_no_region_is_an_error_asking_for_the_origin():
    report = run(register([*RED_CROSS[:1], "爱心企业家联谊会", *RED_CROSS[2:]]), own_region="奈曼旗")

    assert report.has_errors and not Delegation.objects.exists()
    [(row, column, value, message)] = problems(report)
    assert (row, column, value) == (2, "来访单位", "爱心企业家联谊会")
    assert "不以地区名开头" in message and "出发地" in message


def test_a_written_origin_wins_over_the_visiting_body():
    headers = [*REGISTER, "出发地"]
    report = run(register([*RED_CROSS, "大兴区"], headers=headers), own_region="奈曼旗")

    assert not report.has_errors, report.summary_lines()
    assert trip("捐赠款物签约")[0] == "大兴区"
    assert not [w for w in report.row_warnings if w.column == "来访单位"]


def test_without_the_offices_region_a_register_is_refused_naming_the_column_and_the_option():
    report = run(register())

    assert report.refused and not Delegation.objects.exists()
    [refusal] = report.refusals
    assert "没有“目的地”一栏" in refusal and "本单位所在地区" in refusal and "--own-region" in refusal


def test_the_offices_region_is_the_destination_of_the_rows_that_leave_it_empty():
    headers = [*REGISTER, "目的地"]
    rows = [
        [*RED_CROSS, ""],
        ["2023-08-31", "北京市通州区台湖镇", "洪壮志（台湖镇纪委书记）", "镇镇结对", "", "库伦旗"],
    ]
    report = run(csv_bytes(headers, rows), own_region="奈曼旗")

    assert not report.has_errors, report.summary_lines()
    assert trip("捐赠款物签约") == ("通州区", ["奈曼旗"], "2022-08-11")
    assert trip("镇镇结对") == ("台湖镇", ["库伦旗"], "2023-08-31")
    used = [(w.row, w.column, w.message) for w in report.row_warnings if "本单位所在地区" in w.message]
    assert used == [(2, "目的地", "目的地未写，按本单位所在地区填作“奈曼旗”")]


def test_an_offices_own_trips_out_take_its_region_as_origin_only_when_asked():
    """Without the region the sheet imports as before (a sheet of destinations was imported
    before, and also updates trips already there), and the preview says what would supply it."""
    data = csv_bytes(["标题", "开始日期", "目的地"], [["赴奈曼旗考察", "2024-05-01", "奈曼旗"]])

    told = run(data, dry_run=True)
    assert not told.has_errors
    [notice] = [n for n in told.notices if "没有“出发地”一栏" in n]
    assert "--own-region" in notice

    report = run(data, own_region="通州区")
    assert not report.has_errors, report.summary_lines()
    assert trip("赴奈曼旗考察") == ("通州区", ["奈曼旗"], "2024-05-01")
    used = [(w.column, w.message) for w in report.row_warnings]
    assert used == [("出发地", "出发地未写，按本单位所在地区填作“通州区”")]


def test_a_sheet_naming_neither_end_is_not_asked_for_either():
    """A sheet of titles and links only updates what it names (a partial ledger): no end is missing."""
    report = run(csv_bytes(["标题", "开始日期"], [["赴奈曼旗考察", "2024-05-01"]]))

    assert not report.has_errors, report.summary_lines()


def test_an_unknown_own_region_refuses_the_file():
    report = run(register(), own_region="奈曼县")

    assert report.refused and not Delegation.objects.exists()
    assert report.refusals[0].startswith("本单位所在地区：") and "奈曼旗" in report.refusals[0]


def test_the_command_takes_the_offices_region(tmp_path, capsys):
    path = tmp_path / "来访接待登记表.csv"
    path.write_bytes(register())

    with pytest.raises(CommandError):
        call_command("import_ledger", str(path))
    assert "--own-region" in capsys.readouterr().out

    call_command("import_ledger", str(path), "--own-region", "奈曼旗")
    out = capsys.readouterr().out
    assert trip("捐赠款物签约") == ("通州区", ["奈曼旗"], "2022-08-11")
    assert "目的地未写，按本单位所在地区填作“奈曼旗”" in out


def test_the_admin_form_takes_the_offices_region_for_preview_and_import(client, django_user_model):
    client.force_login(make_publisher(django_user_model, "office"))
    add = reverse("admin:ledgers_importbatch_add")

    assert "本单位所在地区" in client.get(add).content.decode()
    refused = client.post(add, {"file": SimpleUploadedFile("登记表.csv", register())})
    assert refused.context["confirm"] is None and "--own-region" in refused.content.decode()

    response = client.post(add, {"file": SimpleUploadedFile("登记表.csv", register()), "own_region": "奈曼旗"})
    assert "目的地未写，按本单位所在地区填作“奈曼旗”" in response.content.decode()
    form = response.context["confirm"]
    assert form is not None
    assert ImportJob.objects.get(pk=form.initial["token"]).own_region == "奈曼旗"
    confirm = {key: form.initial[key] for key in ("token", "file_name", "sha256")}
    assert client.post(reverse("admin:ledgers_importbatch_confirm"), confirm).status_code == 302
    assert trip("捐赠款物签约") == ("通州区", ["奈曼旗"], "2022-08-11")
