"""The 项目 ledger: pairings, places, bodies, money and the keys that find a project again."""

from decimal import Decimal

import pytest

from cooperation.models import Organization, Pairing
from projects.models import Project
from tests.builders import make_organization, make_pairing, make_project, region
from tests.cooperation.ledger_builders import outcomes, problems, project, projects_csv, run

pytestmark = pytest.mark.django_db


def test_every_field_of_a_project():
    data = projects_csv(
        project(
            编号="P-1",
            项目名称="察右前旗肉牛养殖基地",
            支援方="北京市大兴区",
            受援方="乌兰察布市察右前旗",
            所在地="察右前旗巴音塔拉镇",
            实施主体="察右前旗农牧业发展有限公司",
            协作领域="产业协作、乡村振兴",
            年度="2023年",
            状态="在建",
            **{"帮扶资金（万元）": "1,200", "总投资（万元）": "3500.5"},
            受益人数="860",
            简介="带动脱贫人口增收。",
            链接="https://example.gov.cn/p1.html",
        )
    )

    report = run(data)

    assert report.new_names == {
        "行政区划": ["察右前旗巴音塔拉镇"],
        "结对关系": ["大兴区—察右前旗"],
        "单位": ["察右前旗农牧业发展有限公司"],
    }
    record = Project.objects.get()
    assert (record.code, record.name, str(record.pairing), record.region.full_name) == (
        "P-1",
        "察右前旗肉牛养殖基地",
        "大兴区—察右前旗",
        "内蒙古自治区乌兰察布市察哈尔右翼前旗巴音塔拉镇",
    )
    assert (record.organization.name, record.organization.kind, record.organization.region) == (
        "察右前旗农牧业发展有限公司",
        "enterprise",
        record.region,
    )
    assert (record.start_year, record.stage, record.aid_funds, record.total_investment, record.beneficiaries) == (
        2023,
        "building",
        Decimal("1200.00"),
        Decimal("3500.50"),
        860,
    )
    assert sorted(t.name for t in record.topics.all()) == ["乡村振兴", "产业协作"]
    assert (record.source.url, record.status, record.description) == (
        "https://example.gov.cn/p1.html",
        "draft",
        "带动脱贫人口增收。",
    )


def test_without_a_code_a_project_is_its_name_with_its_recipient():
    make_project("冷链物流中心", pairing=make_pairing("大兴区", "察右前旗"))
    data = projects_csv(
        project(项目名称="冷链物流中心", 受援方="察右前旗", 年度="2024"),
        project(项目名称="冷链物流中心", 受援方="正镶白旗", 年度="2024"),
    )

    report = run(data)

    assert outcomes(report) == [(2, "updated"), (3, "new")]
    assert sorted(Project.objects.values_list("pairing__recipient_region__name", "start_year")) == [
        ("察哈尔右翼前旗", 2024),
        ("正镶白旗", 2024),
    ]


def test_pairing_sides_and_halves_are_checked():
    report = run(
        projects_csv(
            project(编号="A", 支援方="察右前旗", 受援方="大兴区"),
            project(编号="B", 支援方="大兴区", 受援方=""),
            project(编号="C", 年度="1890", 状态="完工", **{"帮扶资金（万元）": "-5"}),
        )
    )

    assert problems(report) == [
        (2, "支援方", "察右前旗", "支援方须是北京的区划，“察右前旗”不是"),
        (4, "年度", "1890", "须在 1990 到 2100 之间"),
        (4, "状态", "完工", "须是 谋划、在建、建成、运营、终止 之一"),
        (4, "帮扶资金（万元）", "-5", "不能是负数"),
    ]
    # One side only is read, as offices write it: the other side is the pairing's, if it has one.
    assert [(w.row, w.column, w.message) for w in report.row_warnings] == [
        (3, "受援方", "未填受援方，“大兴区”没有结对关系，无法确定；项目暂不关联结对关系")
    ]
    assert Pairing.objects.count() == 0


def test_a_body_of_a_shared_name_is_told_apart_by_the_project_region():
    near = make_organization("人民医院", region=region("察右前旗"))
    make_organization("人民医院", region=region("正镶白旗"))

    run(projects_csv(project(编号="A", 受援方="察右前旗", 所在地="察右前旗", 实施主体="人民医院")))

    assert Project.objects.get().organization == near
    assert Organization.objects.count() == 2


def test_an_unchanged_project_twice_and_a_changed_amount():
    data = projects_csv(project(编号="P1", **{"帮扶资金（万元）": "100"}))
    run(data)
    assert outcomes(run(data)) == [(2, "unchanged")]

    report = run(projects_csv(project(编号="P1", **{"帮扶资金（万元）": "100.5"})))

    assert (outcomes(report), report.results[0].outcomes[0].changes) == ([(2, "updated")], ["帮扶资金（万元）"])
    assert Project.objects.get().aid_funds == Decimal("100.50")


def test_two_rows_that_find_the_same_project_are_both_errors():
    existing = make_project("察右前旗肉牛养殖基地", region=region("察右前旗"), pairing=make_pairing())

    report = run(
        projects_csv(
            project(编号="P-1", 项目名称="察右前旗肉牛养殖基地", 支援方="大兴区", 受援方="察右前旗"),
            project(编号="P-2", 项目名称="察右前旗肉牛养殖基地", 支援方="大兴区", 受援方="察右前旗"),
        )
    )

    assert problems(report) == [
        (2, "", "", "与第 3 行指向同一个项目“察右前旗肉牛养殖基地”"),
        (3, "", "", "与第 2 行指向同一个项目“察右前旗肉牛养殖基地”"),
    ]
    existing.refresh_from_db()
    assert existing.code is None
