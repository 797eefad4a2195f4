"""A seventeenth set of ledgers: two banners' offices' 项目 ledgers whose supporting side is written
only in the title row above the header (tests/data/ledgers_seventeenth, sources in its README), from
two reports no earlier set uses (report corpus 107 and 241). What the database must hold afterwards
was written here by hand from the reports before the ledgers were first imported.

A banner's office keeps its own projects: every row is its banner's, and the district that supports
it is the title's (2023年石景山区—莫旗京蒙协作项目台账), so the rows name 受援方 only (莫旗's workbook,
and not on every row) or nothing (察右后旗's CSV, as WPS saves it: GB18030, blank spacer rows, a 合计
row); the places are the banner's own villages and townships, written without the banner. The title's
pairing is the office's word, but a title row is not a column: it is read only when the importer
confirms it (`--column 标题行=结对关系`, the preview's 不认识的列). The database holds, before the import,
the pairing 门头沟区—察右后旗; 石景山区—莫旗 is new to it.
"""

import contextlib
import csv
import io
import shlex

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests.builders import make_pairing, make_publisher
from tests.visits.test_ledgers_as_meant import workbook
from tests.visits.test_ledgers_fourth import scores

pytestmark = pytest.mark.django_db

MOQI_FILE = "莫旗京蒙协作项目台账（2023年）.xlsx"
CHAYOUHOUQI_FILE = "察右后旗京蒙对口帮扶项目台账.csv"

URL_241 = "http://m.nuanqi.jdgod.com/dt/2023/0426/2698.html"
URL_107 = "https://p2.ttnews.xyz/a/5e62d14edc9b5e10866dae0b?lang=zh-hant"

MOQI = ("石景山区", "莫力达瓦达斡尔族自治旗")
CHAYOUHOUQI = ("门头沟区", "察哈尔右翼后旗")

# name → (pairing, (place, the region it lies under), source).
PROJECTS = {
    # 241: 阿彦浅村育肥牛场项目、郭尼村红色旅游项目等京蒙协作项目 (莫旗, visited by 石景山区's 民政局).
    "阿彦浅村育肥牛场项目": (MOQI, ("阿彦浅村", MOQI[1]), URL_241),
    "郭尼村红色旅游项目": (MOQI, ("郭尼村", MOQI[1]), URL_241),
    # 107: 賁紅鎮京蒙幫扶項目馬鈴薯存儲基地、…白音察干鎮京蒙幫扶幼兒園 (察右後旗, 門頭溝區's secretary).
    "贲红镇马铃薯存储基地": (CHAYOUHOUQI, ("贲红镇", CHAYOUHOUQI[1]), URL_107),
    "白音察干镇京蒙帮扶幼儿园": (CHAYOUHOUQI, ("白音察干镇", CHAYOUHOUQI[1]), URL_107),
}

MOQI_TITLE = "2023年石景山区—莫旗京蒙协作项目台账"
CHAYOUHOUQI_TITLE = "门头沟区—察右后旗京蒙对口帮扶项目台账"


def moqi_workbook():
    """莫旗's office: a merged title row, 受援方 written on the first row only."""
    rows = [
        [MOQI_TITLE],
        ["序号", "项目名称", "受援方", "实施地点", "链接", "备注"],
        [1, "阿彦浅村育肥牛场项目", "莫旗", "阿彦浅村", URL_241, "石景山区民政局2023年4月调研"],
        [2, "郭尼村红色旅游项目", "", "郭尼村", URL_241, "石景山区民政局2023年4月调研"],
    ]
    return workbook({"项目台账": rows}, merges=[("项目台账", "A1:F1")])


def chayouhouqi_csv():
    """察右后旗's office, saved as CSV by WPS: GB18030, CRLF, every row as wide as the header,
    a blank row between the projects and a 合计 row under them. No side named on any row."""
    rows = [
        [CHAYOUHOUQI_TITLE, "", "", "", ""],
        ["序号", "项目名称", "实施地点", "项目简介", "链接"],
        ["1", "贲红镇马铃薯存储基地", "贲红镇", "京蒙帮扶项目，马铃薯存储", URL_107],
        ["", "", "", "", ""],
        ["2", "白音察干镇京蒙帮扶幼儿园", "白音察干镇", "京蒙帮扶幼儿园", URL_107],
        ["", "", "", "", ""],
        ["合计", "2个", "", "", ""],
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("gb18030")


FILES = [(MOQI_FILE, moqi_workbook), (CHAYOUHOUQI_FILE, chayouhouqi_csv)]


def held_before():
    make_pairing(*CHAYOUHOUQI)


def expected_facts():
    facts = {kind: [] for kind in ("projects", "pairings", "places", "sources")}
    for name, (pairing, place, url) in PROJECTS.items():
        facts["projects"].append((name,))
        facts["pairings"].append((name, *pairing))
        facts["places"].append((name, *place))
        facts["sources"].append((name, url))
    return facts


def database_facts():
    from projects.models import Project

    facts = {kind: [] for kind in ("projects", "pairings", "places", "sources")}
    projects = Project.objects.select_related(
        "pairing__support_region", "pairing__recipient_region", "region__parent", "source"
    )
    for project in projects:
        name = project.name
        facts["projects"].append((name,))
        if project.pairing_id:
            facts["pairings"].append((name, project.pairing.support_region.name, project.pairing.recipient_region.name))
        if project.region_id:
            parent = project.region.parent.name if project.region.parent_id else None
            facts["places"].append((name, project.region.name, parent))
        if project.source_id:
            facts["sources"].append((name, project.source.url))
    return facts


def confirmed_by_command(tmp_path, capsys, client, user):
    """Each file's preview, then its import with the readings the preview proposes (what the
    importer confirms); returns the previews."""
    previews = []
    for name, build in FILES:
        path = tmp_path / name
        path.write_bytes(build())
        with contextlib.suppress(CommandError):  # unconfirmed, a row may have no county for its place
            call_command("import_ledger", str(path), "--dry-run", "--user", user.username)
        preview = capsys.readouterr().out
        previews.append(preview)
        line = next((line for line in preview.splitlines() if line.strip().startswith("--column")), "")
        call_command("import_ledger", str(path), "--user", user.username, *shlex.split(line))
        capsys.readouterr()
    return previews


def confirmed_in_admin(tmp_path, capsys, client, user):
    """Each file uploaded, the columns form sent as the preview filled it, then confirmed; returns
    the first previews."""
    from cooperation.ledgers.models import ImportJob

    client.force_login(user)
    previews = []
    for name, build in FILES:
        first = client.post(reverse("admin:ledgers_importbatch_add"), {"file": SimpleUploadedFile(name, build())})
        previews.append(first.content.decode())
        form = first.context["columns"]
        if form is not None:
            filled = {field: value.initial or "" for field, value in form.fields.items()}
            job = ImportJob.objects.get(file_name=name)
            first = client.post(reverse("admin:ledgers_importbatch_job_columns", args=[job.pk]), filled)
        confirm = first.context["confirm"]
        assert confirm is not None, [str(p) for p in first.context["problems"]]
        done = client.post(
            reverse("admin:ledgers_importbatch_confirm"),
            {key: confirm.initial[key] for key in ("token", "file_name", "sha256")},
        )
        assert done.status_code == 302
    return previews


@pytest.mark.parametrize("door", [confirmed_by_command, confirmed_in_admin], ids=["command", "admin"])
def test_a_banners_projects_under_its_pairings_title_import_as_its_reports_say(
    door, tmp_path, capsys, client, django_user_model
):
    from cooperation.models import Pairing
    from projects.models import Project

    held_before()
    user = make_publisher(django_user_model, "office")

    previews = door(tmp_path, capsys, client, user)

    expected = expected_facts()
    found, differences = scores(expected, database_facts())
    assert found == {kind: (len(set(expected[kind])),) * 3 for kind in expected}, differences
    assert sorted(Project.objects.values_list("name", flat=True)) == sorted(PROJECTS)
    pairings = sorted((p.support_region.name, p.recipient_region.name) for p in Pairing.objects.all())
    assert pairings == sorted([MOQI, CHAYOUHOUQI])
    # The title's pairing is asked about, never taken unasked.
    for preview in previews:
        assert "标题行" in preview and "结对关系" in preview
    assert "合计行" in previews[1]


def test_unconfirmed_the_titles_pairing_is_proposed_and_nothing_taken_from_it(tmp_path, capsys, django_user_model):
    """Without the importer's word the title stays a heading: the pairing is proposed, no row gets
    it, and a place that only the title could put in its banner is the row's error, saying so."""
    from cooperation.ledgers.service import import_file

    held_before()

    moqi = import_file(moqi_workbook(), MOQI_FILE, dry_run=True)
    chayouhouqi = import_file(chayouhouqi_csv(), CHAYOUHOUQI_FILE, dry_run=True)

    # Measured: both files refused, 0 / 16, as untouched — now each with the title's pairing proposed.
    for report in (moqi, chayouhouqi):
        proposed = [(column, target) for _where, column, target, _why in report.column_proposals if target]
        assert proposed == [("标题行", "结对关系")]
    assert [(p.row, p.column, p.value_text) for p in moqi.problems] == [(4, "所在地", "郭尼村")]
    assert [(p.row, p.column) for p in chayouhouqi.problems] == [(3, "所在地"), (5, "所在地")]
    assert "没写所在旗县，本行也没有写受援方" in chayouhouqi.problems[0].message
    # 莫旗's first row names its banner: its village lies there; the pairing is not guessed.
    assert any("按受援方读作“莫旗阿彦浅村”" in line for line in moqi.summary_lines()), moqi.summary_lines()


def test_the_ledgers_imported_twice_change_nothing(tmp_path, capsys, client, django_user_model):
    from cooperation.ledgers.service import import_file

    held_before()
    user = make_publisher(django_user_model, "office")
    confirmed_by_command(tmp_path, capsys, client, user)

    again = [import_file(build(), name, dry_run=True, columns={"标题行": "结对关系"}) for name, build in FILES]

    assert [report.totals for report in again] == [{"new": 0, "updated": 0, "unchanged": 2, "error": 0}] * 2


# Each reading the ledgers needed, on its own --------------------------------------------------


@pytest.mark.parametrize(
    ("title", "pairings"),
    [
        (MOQI_TITLE, [("石景山区", "莫力达瓦达斡尔族自治旗")]),
        # A region written with its city, the recipient first, a full-width dash.
        ("乌兰察布市察右后旗－门头沟区京蒙协作项目台账", [("门头沟区", "察哈尔右翼后旗")]),
        # No dash between them, a province, two sides of one kind: no pairing named.
        ("2023年京蒙协作项目台账", []),
        ("石景山区对口帮扶莫旗项目台账", []),
        ("北京市—内蒙古自治区京蒙协作项目台账", []),
        ("大兴区—石景山区项目台账", []),
        # Two pairings: both, for the import to refuse to choose.
        ("大兴区—苏尼特右旗、石景山区—莫旗项目台账", [("大兴区", "苏尼特右旗"), MOQI]),
    ],
)
def test_the_pairings_a_title_names(title, pairings):
    from cooperation.regions import RegionIndex

    named = RegionIndex.load().pairings_named(title)

    assert [(support.name, recipient.name) for support, recipient in named] == pairings


def test_a_title_naming_two_pairings_is_no_rows_pairing():
    from tests.cooperation.ledger_builders import run

    data = "\r\n".join(
        ["大兴区—苏尼特右旗、石景山区—莫旗项目台账,,", "项目名称,受援方,所在地", "某项目,莫旗,"]
    ).encode("gb18030")

    report = run(data, dry_run=True)

    assert report.column_proposals == []
    assert any("标题行写了 2 个结对关系" in line for line in report.summary_lines()), report.summary_lines()


def test_a_row_whose_banner_differs_from_the_confirmed_title_is_its_error():
    from tests.cooperation.ledger_builders import run

    data = "\r\n".join(
        [MOQI_TITLE + ",,", "项目名称,受援方,所在地", "某项目,莫旗,", "另一项目,察右后旗,"]
    ).encode("gb18030")

    report = run(data, dry_run=True, columns={"标题行": "结对关系"})

    assert [(p.row, p.column, p.message) for p in report.problems] == [
        (4, "受援方", "与结对关系“石景山区—莫力达瓦达斡尔族自治旗”不一致")
    ]


@pytest.mark.parametrize(
    ("title", "given", "refusal"),
    [
        # Nothing in the title to read.
        ("2023年京蒙协作项目台账", "结对关系", "没有哪一张项目或年度数据表的标题行写了唯一的结对关系"),
        # A title row is a pairing's heading or nothing.
        (MOQI_TITLE, "受援方", "标题行只能读作“结对关系”"),
    ],
)
def test_a_title_reading_that_cannot_be_is_refused(title, given, refusal):
    from tests.cooperation.ledger_builders import run

    data = "\r\n".join([title + ",,", "项目名称,受援方,所在地", "某项目,莫旗,"]).encode("gb18030")

    report = run(data, dry_run=True, columns={"标题行": given})

    assert any(refusal in message for message in report.refusals), report.refusals


@pytest.mark.parametrize(
    ("recipient", "place", "read"),
    [
        # A township or village alone lies in the row's banner.
        ("察右后旗", "贲红镇", ("贲红镇", "察哈尔右翼后旗")),
        ("莫旗", "阿彦浅村", ("阿彦浅村", "莫力达瓦达斡尔族自治旗")),
        # Written with its county, as before.
        ("莫旗", "察右后旗贲红镇", ("贲红镇", "察哈尔右翼后旗")),
    ],
)
def test_a_place_written_without_its_county_lies_in_the_rows_banner(recipient, place, read):
    from projects.models import Project
    from tests.cooperation.ledger_builders import csv_bytes, run

    report = run(csv_bytes(["项目名称", "受援方", "所在地"], [["某项目", recipient, place]]))

    assert not report.has_errors, report.summary_lines()
    region = Project.objects.get().region
    assert (region.name, region.parent.name) == read


@pytest.mark.parametrize("recipient", ["", "乌兰察布市"])
def test_a_place_without_its_county_and_no_banner_to_put_it_in_is_an_error(recipient):
    from tests.cooperation.ledger_builders import csv_bytes, problems, run

    report = run(csv_bytes(["项目名称", "受援方", "所在地"], [["某项目", recipient, "贲红镇"]]), dry_run=True)

    [(row, column, value, message)] = problems(report)
    assert (row, column, value) == (2, "所在地", "贲红镇")
    assert "没写所在旗县" in message


def test_one_side_agreeing_with_the_pairing_column_takes_the_other_from_it():
    from projects.models import Project
    from tests.cooperation.ledger_builders import csv_bytes, run

    report = run(csv_bytes(["项目名称", "受援方", "结对关系"], [["某项目", "莫旗", "石景山区—莫旗"]]))

    assert not report.has_errors, report.summary_lines()
    pairing = Project.objects.get().pairing
    assert (pairing.support_region.name, pairing.recipient_region.name) == MOQI


def test_a_figures_sheet_under_its_pairings_title_takes_it_when_confirmed():
    """The same rule for 年度数据: a banner's yearly figures under a title naming its pairing."""
    from cooperation.models import ProgramFigure
    from tests.cooperation.ledger_builders import run

    data = "\r\n".join(
        [CHAYOUHOUQI_TITLE + "年度数据,,", "受援方,年度,财政援助资金（万元）", "察右后旗,2019,3000"]
    ).encode("gb18030")
    held_before()

    unconfirmed = run(data, dry_run=True)
    confirmed = run(data, columns={"标题行": "结对关系"})

    assert ("标题行", "结对关系") in [(c, t) for _w, c, t, _why in unconfirmed.column_proposals]
    assert not confirmed.has_errors, confirmed.summary_lines()
    figure = ProgramFigure.objects.get()
    assert (figure.pairing.support_region.name, figure.pairing.recipient_region.name) == CHAYOUHOUQI
