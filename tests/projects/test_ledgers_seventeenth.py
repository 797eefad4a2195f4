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

import csv
import io
import shlex

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
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
            job = ImportJob.objects.latest("pk")
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
