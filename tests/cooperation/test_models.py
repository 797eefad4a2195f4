import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from cooperation.dates import DatePrecision, format_partial_date, parse_partial_date
from cooperation.models import Appointment, Person, ProgramFigure, Region
from cooperation.regions import RegionIndex
from cooperation.slugs import pinyin_slug
from projects.models import Project
from review.models import Status
from tests.builders import make_delegation, make_pairing, make_person, make_project, region

pytestmark = pytest.mark.django_db


def test_published_hides_drafts_review_withdrawn_and_future():
    now = timezone.now()
    shown = make_project("已发布", status=Status.PUBLISHED, published_at=now)
    make_project("草稿", status=Status.DRAFT)
    make_project("待审", status=Status.REVIEW)
    make_project("撤回", status=Status.WITHDRAWN, published_at=now)
    make_project("定时", status=Status.PUBLISHED, published_at=now + datetime.timedelta(hours=1))

    assert list(Project.objects.published()) == [shown]


def test_appointment_cannot_end_before_it_starts():
    person = make_person("张佰成")

    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(
            person=person, title="呼和浩特市长",
            start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2019, 1, 1),
        )


def test_delegation_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_delegation(start_date=datetime.date(2024, 6, 20), end_date=datetime.date(2024, 6, 19))


def test_project_funds_cannot_be_negative():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_project(aid_funds=Decimal("-1"))


def test_figures_cannot_be_negative_and_are_unique_per_pairing_year_metric():
    pairing = make_pairing()
    ProgramFigure.objects.create(pairing=pairing, year=2024, metric="funds", planned=Decimal("3000"))

    with pytest.raises(IntegrityError), transaction.atomic():
        ProgramFigure.objects.create(pairing=pairing, year=2023, metric="funds", actual=Decimal("-5"))
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgramFigure.objects.create(pairing=pairing, year=2024, metric="funds", actual=Decimal("1"))


def test_a_pairing_is_unique_and_joins_two_different_regions():
    make_pairing("大兴区", "察右前旗")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_pairing("大兴区", "察右前旗")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_pairing("大兴区", "大兴区")


def test_same_name_people_need_a_disambiguation():
    make_person("王伟", disambiguation="")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_person("王伟", disambiguation="")
    other = make_person("王伟", disambiguation="房山区")

    assert other.slug == "wang-wei-2"
    assert str(other) == "王伟（房山区）"


def test_every_name_reports_use_resolves_to_one_region():
    index = RegionIndex.load()
    banner = Region.objects.get(name="察哈尔右翼前旗")

    assert [index.resolve(text) for text in ["察右前旗", "乌兰察布市察右前旗", "察哈尔右翼前旗",
                                             "内蒙古自治区乌兰察布市察哈尔右翼前旗"]] == [banner] * 4
    assert index.resolve("北京市密云区").name == "密云区"
    assert index.resolve("北京经开区").name == "北京经济技术开发区"
    assert index.resolve("火星市") is None


def test_a_township_written_with_its_county_splits_off():
    index = RegionIndex.load()

    assert index.split_known_prefix("察右前旗巴音塔拉镇") == (region("察右前旗"), "巴音塔拉镇")
    assert index.split_known_prefix("房山区窦店镇") == (region("房山区"), "窦店镇")


def test_shipped_divisions_cover_both_sides():
    assert Region.objects.filter(parent__name="北京市", level="county").count() == 17
    assert Region.objects.filter(parent__name="内蒙古自治区", level="prefecture").count() == 12
    assert Region.objects.filter(parent__parent__name="内蒙古自治区", level="county").count() == 103
    assert Region.objects.get(name="大兴区").code == "110115"
    assert Region.objects.get(name="察哈尔右翼前旗").code == "150926"


def test_a_region_knows_its_full_name_and_ancestors():
    banner = region("正镶白旗")

    assert banner.full_name == "内蒙古自治区锡林郭勒盟正镶白旗"
    assert [r.name for r in banner.ancestors()] == ["内蒙古自治区", "锡林郭勒盟"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-06-20", (datetime.date(2024, 6, 20), DatePrecision.DAY)),
        ("2024/6/20", (datetime.date(2024, 6, 20), DatePrecision.DAY)),
        ("2024.6.20", (datetime.date(2024, 6, 20), DatePrecision.DAY)),
        ("2024年6月20日", (datetime.date(2024, 6, 20), DatePrecision.DAY)),
        ("2024年6月", (datetime.date(2024, 6, 1), DatePrecision.MONTH)),
        ("2024年", (datetime.date(2024, 1, 1), DatePrecision.YEAR)),
        (datetime.date(2024, 6, 20), (datetime.date(2024, 6, 20), DatePrecision.DAY)),
    ],
)
def test_partial_dates_keep_their_precision(text, expected):
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize("text", ["2024-13-45", "近日", "", "20240620x"])
def test_impossible_dates_are_refused(text):
    with pytest.raises(ValueError):
        parse_partial_date(text)


def test_partial_dates_print_only_what_is_known():
    day = datetime.date(2024, 6, 20)

    assert [format_partial_date(day, p) for p in ["day", "month", "year"]] == [
        "2024年6月20日", "2024年6月", "2024年",
    ]
    assert format_partial_date(None, "day") == ""


def test_slugs_are_pinyin():
    assert pinyin_slug("大兴区党政代表团") == "da-xing-qu-dang-zheng-dai-biao-tuan"
    assert make_person("王有国").slug == "wang-you-guo"
    assert Person.objects.get(name="王有国").get_absolute_url() == "/people/wang-you-guo/"
