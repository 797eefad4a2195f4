"""Personal information in imported cells: unmasked ID, mobile and card numbers refuse the file."""

import pytest

from projects.models import Project
from tests.cooperation.ledger_builders import (
    problems,
    project,
    projects_csv,
    run,
    speech,
    speeches_csv,
    trip,
    trips_csv,
    xlsx_bytes,
)
from visits.ledgers.common import TRIP_HEADERS
from visits.models import Delegation

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002X"  # check digit X is right for these 17 digits
ID_NUMBER_WRONG_CHECK = "110105194912310021"
CARD = "6222021000112233449"  # passes the Luhn check
CARD_WRONG_CHECK = "6222021000112233440"


def refusal(report):
    """The problems of a file that was refused and wrote nothing."""
    assert report.has_errors and not report.committed
    return problems(report)


@pytest.mark.parametrize(
    ("cell", "masked", "kind"),
    [
        ("联系人王有国，电话13812341234", "138****1234", "手机号"),
        ("联系电话 138-1234-5678", "138****5678", "手机号"),
        ("电话+86 139 1234 5678", "139****5678", "手机号"),
        (f"王有国，身份证{ID_NUMBER}", "110105********002X", "身份证号"),
        (f"身份证号{ID_NUMBER.lower()}", "110105********002x", "身份证号"),
        (f"补贴打入卡号{CARD}", "6222***********3449", "银行卡号"),
        ("卡号 6222 0210 0011 2233 449", "6222***********3449", "银行卡号"),
    ],
)
def test_an_unmasked_number_is_an_error_naming_row_column_and_masked_value(cell, masked, kind):
    report = run(trips_csv(trip(编号="T1"), trip(编号="T2", 摘要=cell)), dry_run=True)

    assert refusal(report) == [(3, "摘要", masked, f"含有未打码的{kind}；个人信息须打码后才能导入（如 {masked}）")]
    assert [o.status for o in report.results[0].outcomes] == ["new", "error"]
    assert masked in str(report.problems[0])
    assert all(cell not in line for line in report.summary_lines())


def test_the_real_import_is_refused_too_and_writes_nothing():
    report = run(trips_csv(trip(编号="T1"), trip(编号="T2", 正文="请联系 13812341234 报名")))

    assert refusal(report)[0][:3] == (3, "正文", "138****1234")
    assert Delegation.objects.count() == 0


@pytest.mark.parametrize(
    "cell",
    [
        "联系电话 138****1234",
        "身份证号 110105********002X",
        "卡号 6222***********3449",
        f"身份证号校验位不对的 {ID_NUMBER_WRONG_CHECK}",
        f"不过 Luhn 校验的 {CARD_WRONG_CHECK}",
        "座机 010-12345678，邮编 100076",
        "总投资 12345678901 元",  # eleven digits, but 12… is no mobile prefix
        "行政区划代码 150926000000",
        "2024年6月20日至21日，考察了 3 个项目",
    ],
)
def test_masked_numbers_and_ordinary_figures_pass(cell):
    report = run(trips_csv(trip(编号="T1", 摘要=cell)))

    assert problems(report) == []
    assert Delegation.objects.get().summary == cell


def test_a_page_address_is_not_read_as_a_number_of_a_person():
    url = f"https://www.example.gov.cn/content/{CARD}.html"

    report = run(trips_csv(trip(编号="T1", 链接=url)))

    assert problems(report) == []


def test_every_column_and_every_ledger_is_checked():
    people = run(trips_csv(trip(编号="T1", 代表团成员="王有国（联系电话13812341234）")), dry_run=True)
    speeches = run(speeches_csv(speech(要点="会后请拨打 13912345678 联系")), dry_run=True)
    projects = run(projects_csv(project(编号="P1", 实施主体=f"合作社（法人身份证{ID_NUMBER}）")), dry_run=True)

    assert [p[:3] for p in refusal(people)] == [(2, "代表团成员", "138****1234")]
    assert [p[:3] for p in refusal(speeches)] == [(2, "要点", "139****5678")]
    assert [p[:3] for p in refusal(projects)] == [(2, "实施主体", "110105********002X")]
    assert Project.objects.count() == 0


def test_a_cell_with_several_numbers_names_each():
    report = run(trips_csv(trip(编号="T1", 摘要=f"电话13812341234，卡号{CARD}")), dry_run=True)

    assert [p[2] for p in refusal(report)] == ["138****1234", "6222***********3449"]


def test_a_mobile_number_typed_as_a_number_in_a_workbook_is_found():
    cells = dict(zip(TRIP_HEADERS, trip(编号="T1"), strict=True))
    cells["摘要"] = 13812341234
    cells["编号"] = 20240620.0  # an ordinary number cell is not a person's number
    report = run(xlsx_bytes({"考察活动": (TRIP_HEADERS, [list(cells.values())])}), "台账.xlsx", dry_run=True)

    assert [p[:3] for p in refusal(report)] == [(2, "摘要", "138****1234")]
