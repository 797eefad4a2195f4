"""Export writes the import's columns: what goes out comes back in unchanged."""

import io

import pytest
from openpyxl import load_workbook

from cooperation.ledgers.service import export_ledgers
from tests.builders import make_delegation, make_meeting, make_participant, make_person, make_speech, region
from tests.cooperation.ledger_builders import import_seed, outcomes, project, projects_csv, run, trip, trips_csv
from visits.ledgers.common import TRIP_HEADERS

pytestmark = pytest.mark.django_db


def a_varied_office():
    import_seed()
    run(
        projects_csv(
            project(
                编号="P1",
                项目名称="察右前旗肉牛养殖基地",
                支援方="大兴区",
                受援方="察右前旗",
                所在地="察右前旗巴音塔拉镇",
                实施主体="察右前旗农牧业发展有限公司",
                协作领域="产业协作",
                年度="2023",
                状态="在建",
                **{"帮扶资金（万元）": "1200.5", "总投资（万元）": "3500"},
                受益人数="860",
            ),
        )
    )
    run(
        trips_csv(
            trip(
                编号="T1",
                标题='=HYPERLINK("http://x")',
                开始日期="2024年6月",
                结束日期="2024年7月",
                类型="调研",
                代表团成员="奇·达楞太（旗长）；（相关部门负责人）",
                考察点="-号开头的地点：@内容；冷链：看",
                相关项目="P1",
                摘要="+86 电话",
                正文="\t缩进的正文",
                链接="https://example.gov.cn/t1.html",
                发布日期="2024-07-02",
            ),
        )
    )
    trip_record = make_delegation(title="后台录入的考察", origin=region("密云区"))
    make_participant(trip_record, make_person("张三"), name_as_printed="张三", title_as_printed="副区长", order=0)
    make_participant(trip_record, None, name_as_printed="李四", title_as_printed="局长", order=0)
    meeting = make_meeting(trip_record, title="后台录入的座谈会")
    make_speech(meeting, None, name_as_printed="王五", title_as_printed="旗长", order=0)
    make_speech(meeting, None, name_as_printed="赵六", title_as_printed="副旗长", order=0)


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_export_then_import_reports_no_changes(file_format):
    a_varied_office()

    if file_format == "xlsx":
        files = [("台账.xlsx", export_ledgers(file_format="xlsx"))]
    else:
        files = [
            (f"{slug}.csv", export_ledgers([slug], file_format="csv")) for slug in ("projects", "trips", "speeches")
        ]

    for name, data in files:
        report = run(data, name)
        assert not report.has_errors, report.summary_lines()
        assert (report.totals["new"], report.totals["updated"]) == (0, 0), report.summary_lines()
        assert report.totals["unchanged"] > 0


def test_a_csv_export_is_utf8_with_bom_and_neutralises_formulas():
    a_varied_office()

    data = export_ledgers(["trips"], file_format="csv")

    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(TRIP_HEADERS)
    assert "'=HYPERLINK" in text and "'+86 电话" in text and "'\t缩进的正文" in text
    assert "'-号开头的地点" in text and "@内容" in text and "'@内容" not in text  # only a cell's start counts


def test_an_xlsx_export_has_date_cells_and_text_that_never_runs():
    a_varied_office()

    workbook = load_workbook(io.BytesIO(export_ledgers(file_format="xlsx")))

    assert workbook.sheetnames == ["项目", "年度数据", "考察活动", "会议发言"]
    sheet = workbook["考察活动"]
    assert [cell.value for cell in sheet[1]] == list(TRIP_HEADERS)
    titles = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    row = titles['\'=HYPERLINK("http://x")']
    assert (row[1].data_type, row[3].value, row[16].value.date().isoformat()) == ("s", "2024年6月", "2024-07-02")


def test_exporting_published_only_leaves_drafts_out():
    a_varied_office()

    data = export_ledgers(["trips"], file_format="csv", public=True)

    rows = data.decode("utf-8-sig").splitlines()
    assert [line.split(",")[1] for line in rows[1:]] == ["后台录入的考察"]  # the imported trips are drafts


def test_an_edited_export_updates_only_the_edited_row():
    a_varied_office()
    data = export_ledgers(["trips"], file_format="csv").decode("utf-8-sig")

    edited = data.replace("后台录入的考察", "后台录入的考察（改）", 1).encode("utf-8-sig")
    report = run(edited, "trips.csv")

    assert sorted(status for _n, status in outcomes(report)) == ["new", "unchanged", "unchanged"]
