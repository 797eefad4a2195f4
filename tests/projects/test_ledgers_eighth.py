"""An eighth set of ledgers, of a kind none of the seven before it is: a receiving county's
projects with where their money came from, and its yearly figures (宁城县's 乡村振兴局; facts
from report 117 of the report reader's corpus and one published report besides, sources in
tests/data/ledgers_eighth/README.md). What the database must hold afterwards was written here by
hand from the reports before the workbook was first imported.

The projects sheet has a title block of two rows, a header over two rows with 资金来源 over
京蒙协作资金（万元）, 社会帮扶资金（万元） and 企业投入（元） (an enterprise's money in 元), the
pairing in one column written 北京市石景山区—宁城县, 年度 written 2021年度, one sum merged across
the district's two kinds of money, and a totals row. The figures sheet names the pairing the same
way, its year 2024年度, and prints the amounts as the report does (1200余).

What the office means: a project's 帮扶资金 is the program's money of both kinds (京蒙协作 and
社会帮扶); its 总投资 is every source the row lists, the enterprise's 元 as 万元; a figure
written 1200余 is 1200 (the figure as published: at least that), and the importer is told so.
"""

from decimal import Decimal

import pytest

from cooperation.ledgers.service import import_file
from cooperation.models import Pairing, ProgramFigure
from projects.models import Project
from tests.builders import make_publisher
from tests.visits.test_ledgers_as_meant import workbook
from tests.visits.test_ledgers_fourth import scores
from tests.visits.test_ledgers_unseen import through_admin, through_command

pytestmark = pytest.mark.django_db

FILE = "宁城县京蒙协作项目资金台账.xlsx"
PAIRING = ("石景山区", "宁城县")
HOMESTAYS = "黑里河镇民宿集群项目"
CORN = "鲜食玉米分拣加工车间及气调仓储用房"
URL_2024 = "https://8x2.com/a/7684.html"

# name → (pairing, (village, its township), year, status, implementing body or None,
#          帮扶资金（万元）, 总投资（万元）). The totals row is no project.
PROJECTS = {
    HOMESTAYS: (PAIRING, ("朝阳沟村", "黑里河镇"), 2021, "operating", None, Decimal("2491.3"), Decimal("3191.3")),
    CORN: (
        PAIRING, ("巴里营子村", "大双庙镇"), 2024, "building", "内蒙古宁丰农业科技开发有限公司",
        Decimal("500"), Decimal("500"),
    ),
}
# (support, recipient, year) → {metric: value}, each with the report it comes from.
FIGURES = {(*PAIRING, 2024): {"funds": Decimal("1200"), "social": Decimal("900"), "projects": Decimal("11")}}
FIGURE_SOURCES = {(*PAIRING, 2024): URL_2024}

PROJECT_HEADER = [
    ["序号", "年度", "项目名称", "结对关系", "实施地点", "实施主体", "资金来源", "", "", "项目状态", "备注"],
    ["", "", "", "", "", "", "京蒙协作资金（万元）", "社会帮扶资金（万元）", "企业投入（元）", "", ""],
]


def office_workbook():
    """宁城县's projects and figures as its 乡村振兴局 keeps them."""
    projects = [
        ["宁城县京蒙协作项目台账（2021—2024年度）"],
        ["填报单位：宁城县乡村振兴局", "", "", "", "", "", "", "", "", "", "单位：万元（注明者除外）"],
        *PROJECT_HEADER,
        [1, "2021年度", HOMESTAYS, "北京市石景山区—宁城县", "宁城县黑里河镇朝阳沟村", "", 2491.3, None, 7000000,
         "运营", "引入小猪民宿，盘活闲置宅基地32处，2024年6月投入运营"],
        [2, "2024年度", CORN, "北京市石景山区—宁城县", "宁城县大双庙镇巴里营子村", "内蒙古宁丰农业科技开发有限公司",
         500, None, None, "在建", "区级财政和社会帮扶资金共500万元；2024年6月启动建设，预计11月底前建成"],
        ["合计", "", "", "", "", "", 2991.3, None, 7000000, "", ""],
    ]
    figures = [
        ["宁城县京蒙协作年度数据"],
        ["结对关系", "年度", "财政援助资金（万元）", "社会帮扶资金（万元）", "协作项目数（个）", "来源链接", "备注"],
        ["北京市石景山区—宁城县", "2024年度", "1200余", "900余", 11, URL_2024, "摘自报道，待决算后更正"],
    ]
    return workbook(
        {"项目台账": projects, "年度数据": figures},
        merges=[
            ("项目台账", "A1:K1"),
            *(("项目台账", f"{column}3:{column}4") for column in "ABCDEFJK"),
            ("项目台账", "G3:I3"),
            ("项目台账", "G6:H6"),
            ("年度数据", "A1:G1"),
        ],
    )


def expected_facts():
    """What the database must hold, by kind of fact, each keyed by the project or the figure."""
    facts = {kind: [] for kind in ("pairings", "places", "years", "status", "bodies", "funds", "figures")}
    for name, (pairing, place, year, status, body, aid, total) in PROJECTS.items():
        facts["pairings"].append((name, *pairing))
        facts["places"].append((name, *place))
        facts["years"].append((name, year))
        facts["status"].append((name, status))
        if body:
            facts["bodies"].append((name, body))
        facts["funds"].append((name, aid, total))
    for key, values in FIGURES.items():
        facts["figures"] += [(*key, metric, value, FIGURE_SOURCES[key]) for metric, value in values.items()]
    return facts


def database_facts():
    facts = {kind: [] for kind in ("pairings", "places", "years", "status", "bodies", "funds", "figures")}
    projects = Project.objects.select_related(
        "pairing__support_region", "pairing__recipient_region", "region__parent", "organization"
    )
    for project in projects:
        name = project.name
        if project.pairing_id:
            facts["pairings"].append((name, project.pairing.support_region.name, project.pairing.recipient_region.name))
        if project.region_id:
            parent = project.region.parent.name if project.region.parent_id else None
            facts["places"].append((name, project.region.name, parent))
        if project.start_year is not None:
            facts["years"].append((name, project.start_year))
        if project.stage:
            facts["status"].append((name, project.stage))
        if project.organization_id:
            facts["bodies"].append((name, project.organization.name))
        if project.aid_funds is not None or project.total_investment is not None:
            facts["funds"].append((name, project.aid_funds, project.total_investment))
    figures = ProgramFigure.objects.select_related(
        "pairing__support_region", "pairing__recipient_region", "source"
    )
    for figure in figures:
        facts["figures"].append((
            figure.pairing.support_region.name, figure.pairing.recipient_region.name, figure.year,
            figure.metric, figure.actual, figure.source.url if figure.source_id else None,
        ))
    return facts


@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_a_countys_projects_and_figures_import_as_its_reports_say(door, tmp_path, capsys, client, django_user_model):
    user = make_publisher(django_user_model, "office")

    previews = door([(FILE, office_workbook())], tmp_path, capsys, client, user)

    expected = expected_facts()
    found, differences = scores(expected, database_facts())
    assert found == {kind: (len(set(expected[kind])),) * 3 for kind in expected}, differences
    assert sorted(Project.objects.values_list("name", flat=True)) == sorted(PROJECTS)
    assert [(p.support_region.name, p.recipient_region.name) for p in Pairing.objects.all()] == [PAIRING]
    # What was read otherwise than written is named in the preview.
    assert "合计行" in previews[0]
    assert "1200余" in previews[0]


def test_a_countys_projects_and_figures_imported_twice_change_nothing(tmp_path, capsys, client, django_user_model):
    user = make_publisher(django_user_model, "office")
    through_command([(FILE, office_workbook())], tmp_path, capsys, client, user)

    again = import_file(office_workbook(), FILE, dry_run=True)

    assert again.totals == {"new": 0, "updated": 0, "unchanged": 3, "error": 0}
