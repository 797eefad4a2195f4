"""A SELECT compiled once per shape (config/db/shapes.py) writes what Django writes, every time."""

import pytest
from django.db import connection
from django.db.models import Count, Q

from config.db import shapes
from visits.models import Delegation, Meeting, Participant


def full(queryset):
    """The SQL and parameters as Django's own compiler writes them."""
    query = queryset.query.clone()
    return query.get_compiler(connection=connection).as_sql_in_full()


def kept(queryset):
    return queryset.query.clone().get_compiler(connection=connection).as_sql()


@pytest.fixture
def no_checks(settings):
    # The comparison is the test's own here, not the compiler's.
    settings.SQL_SHAPE_CHECKS = 0
    shapes._kept.clear()


QUERIES = [
    lambda value: Delegation.objects.published().select_related("origin", "source", "cover_photo").filter(slug=value),
    lambda value: Participant.objects.select_related("person").filter(delegation__in=[1, 2, 3][: len(value) % 3 + 1]),
    lambda value: Meeting.objects.published().filter(Q(title__contains=value) | Q(place=value)).order_by("-date")[:5],
    lambda value: Delegation.objects.filter(title__startswith=value).values("slug", "title"),
    lambda value: Delegation.objects.filter(title=value).only("title").order_by("title"),
    lambda value: Delegation.objects.filter(title=value).annotate(stops=Count("site_visits")),
    lambda value: Delegation.objects.filter(title=value).extra(select={"one": "1"}),
    # No conditions at all: the SQL is kept whole.
    lambda value: Delegation.objects.select_related("origin").order_by("title")[: len(value)],
    lambda value: Participant.objects.filter(Q()).order_by("-pk"),
]


@pytest.mark.django_db
@pytest.mark.usefixtures("no_checks")
@pytest.mark.parametrize("make", QUERIES)
def test_a_shape_kept_writes_what_django_writes_for_other_values(make):
    for value in ("甲", "乙乙", "100%", "丙丙丙"):
        queryset = make(value)
        assert kept(queryset) == full(queryset)


@pytest.mark.django_db
@pytest.mark.usefixtures("no_checks")
def test_the_same_filters_in_another_order_or_with_other_joins_are_another_shape():
    base = Delegation.objects.filter(slug="x")
    variants = [
        base, Delegation.objects.all(), base.order_by("title"), base.order_by("-title"), base.select_related("origin"),
        base.select_related("origin", "source"), base[:3], base[3:6], base.distinct(), base.only("slug"),
    ]
    for queryset in variants * 2:
        assert kept(queryset) == full(queryset)
    assert len({key for key, value in shapes._kept.items() if value}) == len(variants)


@pytest.mark.django_db
@pytest.mark.usefixtures("no_checks")
def test_queries_with_sql_of_their_own_are_compiled_in_full():
    for queryset in (
        Delegation.objects.extra(select={"one": "1"}).filter(slug="x"),
        Delegation.objects.filter(slug="x").order_by().union(Delegation.objects.filter(slug="y").order_by()),
        Delegation.objects.filter(slug="x").values("kind").annotate(trips=Count("pk")),
        Delegation.objects.filter(pk__in=Delegation.objects.filter(slug="x").values("pk")).select_for_update(),
    ):
        compiler = queryset.query.clone().get_compiler(connection=connection)
        assert shapes.shape(compiler, True, False) is None


@pytest.mark.django_db
def test_the_check_finds_a_shape_that_leaves_something_out(settings, monkeypatch):
    settings.SQL_SHAPE_CHECKS = 5
    shapes._kept.clear()
    shape = shapes.shape

    def without_order(compiler, with_limits, with_col_aliases):
        key = shape(compiler, with_limits, with_col_aliases)
        query = compiler.query
        return None if key is None else tuple(item for item in key if item is not query.order_by)

    monkeypatch.setattr(shapes, "shape", without_order)
    list(Delegation.objects.filter(slug="x").order_by("title"))
    with pytest.raises(AssertionError, match="a kept query shape wrote"):
        list(Delegation.objects.filter(slug="x").order_by("-title"))
