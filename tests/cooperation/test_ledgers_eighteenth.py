"""An eighteenth set of ledgers: a 年度数据 workbook kept a sheet per year (2018年, 2024年) with no
年度 column, its amounts written as offices write them, the unit in the cell (500万元, 950（万元）,
1200余万元, 37个) — tests/data/ledgers_eighteenth, sources in its README. From two reports of the
report reader's corpus (tests/visits/report_corpus/ 225 and 117). What the database must hold
afterwards was written here by hand from the reports before the workbook was first imported.

The office means: each sheet's rows are that year's figures; each amount is the number of 万元 the
cell says (the unit written again in the cell, as the column's), 1200余万元 at least 1200 万元 (a
report's figure, to be made exact), 37个 thirty-seven projects.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from tests.builders import make_publisher
from tests.visits.test_ledgers_as_meant import workbook
from tests.visits.test_ledgers_fourth import scores

pytestmark = pytest.mark.django_db

FILE = "京蒙协作年度数据.xlsx"

URL_225 = "http://inews.nmgnews.com.cn/system/2018/11/16/012602418.shtml"
URL_117 = "https://8x2.com/a/7684.html"

TONGZHOU = ("通州区", "翁牛特旗")
SHIJINGSHAN = ("石景山区", "宁城县")

HEADER = ["支援方", "受援方", "财政援助资金（万元）", "社会帮扶资金（万元）", "协作项目数（个）", "来源链接"]

# (pairing, year, metric, 万元 or count, source) — from the reports, by hand.
FIGURES = [
    # 225 (2018): 通州区委区政府…捐赠资金500万元，同时8个乡镇及26家爱心企业…捐赠资金950万元 … 实施了37个项目.
    (TONGZHOU, 2018, "funds", "500", URL_225),
    (TONGZHOU, 2018, "social", "950", URL_225),
    (TONGZHOU, 2018, "projects", "37", URL_225),
    # 117: 2024年，石景山区安排区级财政支援协作资金1200余万元和社会帮扶资金900余万元 … 开展11项支援协作项目.
    (SHIJINGSHAN, 2024, "funds", "1200", URL_117),
    (SHIJINGSHAN, 2024, "social", "900", URL_117),
    (SHIJINGSHAN, 2024, "projects", "11", URL_117),
]


def figures_workbook():
    """The office's workbook: a sheet per year, named by it; no 年度 column; units in the cells."""
    return workbook(
        {
            "2018年": [HEADER, ["通州区", "翁牛特旗", "500万元", "950（万元）", "37个", URL_225]],
            "2024年": [HEADER, ["石景山区", "宁城县", "1200余万元", "900余万元", "11", URL_117]],
        }
    )


def expected_facts():
    facts = {"figures": [], "sources": []}
    for (support, recipient), year, metric, value, url in FIGURES:
        facts["figures"].append((support, recipient, year, metric, value))
        facts["sources"].append((support, recipient, year, metric, url))
    return facts


def database_facts():
    from cooperation.ledgers.cells import format_decimal
    from cooperation.models import ProgramFigure

    facts = {"figures": [], "sources": []}
    figures = ProgramFigure.objects.select_related(
        "pairing__support_region", "pairing__recipient_region", "source"
    )
    for figure in figures:
        pairing = (figure.pairing.support_region.name, figure.pairing.recipient_region.name)
        if figure.actual is not None:
            facts["figures"].append((*pairing, figure.year, figure.metric, format_decimal(figure.actual)))
        if figure.source_id:
            facts["sources"].append((*pairing, figure.year, figure.metric, figure.source.url))
    return facts


def by_command(tmp_path, capsys, client, user):
    path = tmp_path / FILE
    path.write_bytes(figures_workbook())
    call_command("import_ledger", str(path), "--dry-run", "--user", user.username)
    preview = capsys.readouterr().out
    call_command("import_ledger", str(path), "--user", user.username)
    capsys.readouterr()
    return preview


def in_admin(tmp_path, capsys, client, user):
    client.force_login(user)
    upload = SimpleUploadedFile(FILE, figures_workbook())
    first = client.post(reverse("admin:ledgers_importbatch_add"), {"file": upload})
    confirm = first.context["confirm"]
    assert confirm is not None, [str(p) for p in first.context["problems"]]
    done = client.post(
        reverse("admin:ledgers_importbatch_confirm"),
        {key: confirm.initial[key] for key in ("token", "file_name", "sha256")},
    )
    assert done.status_code == 302
    return first.content.decode()


@pytest.mark.parametrize("door", [by_command, in_admin], ids=["command", "admin"])
def test_a_sheet_per_year_with_units_in_the_cells_imports_as_its_reports_say(
    door, tmp_path, capsys, client, django_user_model
):
    user = make_publisher(django_user_model, "office")

    preview = door(tmp_path, capsys, client, user)

    expected = expected_facts()
    found, differences = scores(expected, database_facts())
    assert found == {kind: (len(set(expected[kind])),) * 3 for kind in expected}, differences
    # Each reading is shown: the year from the sheet's name, the unit in the cell, the 余.
    for shown in ("工作表名", "2018", "500万元", "余"):
        assert shown in preview, shown


def test_the_workbook_imported_twice_changes_nothing(django_user_model):
    from cooperation.ledgers.service import import_file

    import_file(figures_workbook(), FILE, dry_run=False)
    again = import_file(figures_workbook(), FILE, dry_run=True)

    assert again.totals == {"new": 0, "updated": 0, "unchanged": 2, "error": 0}


# Each reading the workbook needed, on its own ------------------------------------------------


def figures_sheet(rows, header=None, sheet="2018年"):
    return workbook({sheet: [header or HEADER, *rows], "说明": [["填表说明"], ["金额以万元计"]]})


@pytest.mark.parametrize(
    ("cell", "column", "read", "said"),
    [
        # The unit written again in the cell (225's 500万元), bracketed as a header writes it.
        ("500万元", "财政援助资金（万元）", "500", "“500万元”按 500 万元读入"),
        ("950（万元）", "社会帮扶资金（万元）", "950", "“950（万元）”按 950 万元读入"),
        ("80(万元)", "社会帮扶资金（万元）", "80", "按 80 万元读入"),
        # Another unit of money, converted (116's 19.1亿元; a county's 元).
        ("1.2亿元", "财政援助资金（万元）", "12000", "“1.2亿元”按 12000 万元读入（亿元换算为万元）"),
        ("35000元", "财政援助资金（万元）", "3.5", "（元换算为万元）"),
        ("12345元", "财政援助资金（万元）", "1.23", "（元换算为万元，四舍五入到分位）"),
        # A count with its unit (225's 37个; 117's 11项).
        ("37个", "协作项目数（个）", "37", "“37个”按 37 个读入"),
        ("11项", "协作项目数（个）", "11", "（项换算为个）"),
        # A report's figure: at least that much, said so as before.
        ("1200余万元", "财政援助资金（万元）", "1200", "“余”“多”是说实际略多"),
    ],
)
def test_a_number_written_with_its_unit_is_read_in_the_columns_unit_and_said_so(cell, column, read, said):
    from cooperation.ledgers.cells import format_decimal
    from cooperation.models import ProgramFigure
    from tests.cooperation.ledger_builders import run

    row = {"支援方": "通州区", "受援方": "翁牛特旗", column: cell}
    report = run(name=FILE, data=figures_sheet([[row.get(h, "") for h in HEADER]]))

    assert not report.has_errors, report.summary_lines()
    assert [format_decimal(f.actual) for f in ProgramFigure.objects.all()] == [read]
    assert any(said in line for line in report.summary_lines()), report.summary_lines()


@pytest.mark.parametrize(
    ("cell", "column", "units"),
    [
        ("37万元", "协作项目数（个）", ("万元", "个")),
        ("86人", "财政援助资金（万元）", ("人", "万元")),
        ("500万元", "挂职干部（人次）", ("万元", "人次")),
    ],
)
def test_a_unit_of_another_kind_than_the_columns_is_an_error_naming_both(cell, column, units):
    from tests.cooperation.ledger_builders import problems, run

    header = [*HEADER[:2], column]
    report = run(name=FILE, data=figures_sheet([["通州区", "翁牛特旗", cell]], header=header), dry_run=True)

    [(_row, where, value, message)] = problems(report)
    assert (where, value) == (column, cell)
    assert f"单元格的单位“{units[0]}”与本列的单位“{units[1]}”不是一类" in message


def test_a_sheet_named_for_a_year_gives_its_rows_the_year_shown_in_the_preview():
    from cooperation.models import ProgramFigure
    from tests.cooperation.ledger_builders import run

    report = run(name=FILE, data=figures_sheet([["通州区", "翁牛特旗", "500", "", "", ""]], sheet="2018年度"))

    assert not report.has_errors, report.summary_lines()
    assert list(ProgramFigure.objects.values_list("year", flat=True)) == [2018]
    assert any("按工作表名读作 2018" in line for line in report.summary_lines()), report.summary_lines()


def test_a_sheet_named_for_no_one_year_without_the_year_column_is_no_figures_sheet():
    from tests.cooperation.ledger_builders import run

    data = figures_sheet([["通州区", "翁牛特旗", "500", "", "", ""]], sheet="2018—2024年")
    report = run(name=FILE, data=data, dry_run=True)

    assert report.refused
    assert any("表头不属于任何台账" in line for line in report.summary_lines()), report.summary_lines()


def test_a_year_in_the_cell_other_than_the_sheets_is_an_error_naming_both():
    from tests.cooperation.ledger_builders import problems, run

    header = [*HEADER[:2], "年度", "财政援助资金（万元）"]
    rows = [["通州区", "翁牛特旗", "2019", "500"], ["通州区", "翁牛特旗", "2018", "500"]]
    report = run(name=FILE, data=figures_sheet(rows, header=header), dry_run=True)

    [(row, column, value, message)] = problems(report)
    assert (row, column, str(value)) == (2, "年度", "2019")
    assert "2019" in message and "“2018年”" in message and "2018 年" in message


@pytest.mark.parametrize(
    ("cells", "proposed"),
    [
        (["500万元", "1.2亿元"], "财政援助资金（万元）"),
        (["35000元", "12000元"], "财政援助资金（元）"),
        # Nothing in the cells says which: asked, as before.
        (["500", "1200"], None),
    ],
)
def test_a_money_column_named_without_its_unit_is_proposed_in_the_unit_its_cells_write(cells, proposed):
    """财政援助资金 with 500万元 in its cells: the 万元 column is proposed (confirmed, read), never taken unasked."""
    from cooperation.ledgers.cells import format_decimal
    from cooperation.models import ProgramFigure
    from tests.cooperation.ledger_builders import run

    rows = [["通州区", "翁牛特旗", cells[0]], ["石景山区", "宁城县", cells[1]]]
    data = figures_sheet(rows, header=["支援方", "受援方", "财政援助资金"])

    unasked = run(name=FILE, data=data, dry_run=True)

    assert [(column, target) for _w, column, target, _why in unasked.column_proposals] == [("财政援助资金", proposed)]
    if proposed:
        confirmed = run(name=FILE, data=data, columns={"财政援助资金": proposed})
        assert not confirmed.has_errors, confirmed.summary_lines()
        read = sorted(format_decimal(f.actual) for f in ProgramFigure.objects.all())
        assert read == sorted(["500", "12000"] if proposed.endswith("（万元）") else ["3.5", "1.2"])
