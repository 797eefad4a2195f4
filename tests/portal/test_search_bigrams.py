"""The `search_bigrams` columns that serve two-character words on PostgreSQL (cooperation/search_indexes.py).

They only narrow the rows a search reads: every answer must be the one the plain comparison
gives, and the columns must follow every write and cover exactly the fields the search compares.
"""

import re
from unittest import mock

import pytest
from django.db import connection

from portal import search
from portal.search import SEARCH_TYPES, HasBigrams, RelatedMatches, served_by_bigrams
from review.models import Status
from tests.builders import (
    make_delegation,
    make_meeting,
    make_person,
    make_project,
    make_site_visit,
    make_speech,
)

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the columns exist on PostgreSQL only")

# Words of two characters, each written by hand with what it must find in the records below.
WORDS = ["芍药", "种植", "AB", "ab", "aB", "12", "%_", "协作", "药A", "旗长", "无此"]


@pytest.fixture
def records(seed):
    trip = make_delegation("芍药AB种植考察", summary="12%_试验")
    make_site_visit(trip, "芍药基地", description="种植ab")
    meeting = make_meeting(trip, "座谈会", summary="协作")
    make_speech(meeting, make_person("李药a"), points="推动芍药产业")
    make_project("芍药项目", description="aB")
    make_person("张三", bio="研究芍药AB")
    make_delegation("芍药草稿", status=Status.DRAFT)
    # 芍 at the end of one field, 药 at the start of the next: the word is in neither.
    make_delegation("边界芍", summary="药边界")


def found(terms):
    """{search type: [ids]} of the site's search for these words."""
    related = RelatedMatches()
    return {
        search_type.key: sorted(search_type.results(terms, related).values_list("pk", flat=True))
        for search_type in SEARCH_TYPES
    }


def test_two_character_words_find_exactly_what_the_plain_comparison_finds(records):
    for word in WORDS:
        with_bigrams = found([word])
        with mock.patch.object(search, "served_by_bigrams", lambda term: False):
            plain = found([word])
        assert with_bigrams == plain, word
    assert found(["芍药"])["trips"] and found(["种植"])["site-visits"] and found(["ab"])["projects"]
    assert all(not ids for ids in found(["无此"]).values())


def test_a_pair_split_between_two_fields_is_not_a_match(records):
    from visits.models import Delegation

    edge = Delegation.objects.get(title="边界芍")
    assert edge.pk not in found(["芍边"])["trips"]  # a pair inside one field is found …
    assert edge.pk in found(["界芍"])["trips"]
    assert edge.pk not in found(["芍药"])["trips"]  # … one across two fields is not


def test_two_character_words_are_looked_up_through_the_bigrams_and_no_other_word(records):
    def sql(term):
        return str(SEARCH_TYPES[0].results([term], RelatedMatches()).query)

    assert served_by_bigrams("芍药") and "search_bigrams" in sql("芍药")
    assert not served_by_bigrams("药") and "search_bigrams" not in sql("药")
    assert not served_by_bigrams("产业园") and "search_bigrams" not in sql("产业园")


def test_the_index_answers_a_two_character_word(records):
    from visits.models import Speech

    # The few rows of a test database are read faster whole: the plan the large size gets is asked for.
    queryset = Speech.objects.filter(HasBigrams("芍药")).order_by().values("pk")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = queryset.explain()
    assert "visits_speech_search_bigrams" in plan, plan


def test_a_character_beyond_the_basic_plane_may_share_a_pair_but_is_never_found_by_it(seed):
    from visits.models import Delegation

    # U+2F81F is folded onto U+F81F (a private-use character) in the column: the index finds
    # the record for the private-use word, and the comparison beside it rejects it.
    trip = make_delegation("\U0002F81F药考察")
    assert Delegation.objects.filter(HasBigrams("\uF81F药"), pk=trip.pk).exists()
    assert trip.pk not in found(["\uF81F药"])["trips"]
    assert trip.pk in found(["\U0002F81F药"])["trips"]


def test_the_bigrams_follow_every_way_of_writing(seed):
    from visits.models import Delegation, Speech

    trip = make_delegation("考察")
    speech = make_speech(make_meeting(trip), points="没有")

    def matches(model, word, pk):
        return model.objects.filter(HasBigrams(word), pk=pk).exists()

    assert not matches(Speech, "芍药", speech.pk)
    speech.points = "发展芍药"
    speech.save()
    assert matches(Speech, "芍药", speech.pk)
    Speech.objects.filter(pk=speech.pk).update(points="", title_as_printed="芍药办主任")
    assert matches(Speech, "芍药", speech.pk)
    Speech.objects.filter(pk=speech.pk).update(title_as_printed="主任")
    assert not matches(Speech, "芍药", speech.pk)
    Delegation.objects.bulk_create([Delegation(title="批量芍药", origin=trip.origin, status=Status.DRAFT)])
    assert matches(Delegation, "芍药", Delegation.objects.get(title="批量芍药").pk)


def test_each_searched_table_has_bigrams_of_exactly_the_fields_it_searches(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a "
            "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            "WHERE a.attname = 'search_bigrams' AND NOT a.attisdropped"
        )
        expressions = dict(cursor.fetchall())
    expected = {}
    for search_type in SEARCH_TYPES:
        model = search_type.base_queryset().model
        expected[model._meta.db_table] = {model._meta.get_field(field).column for field in search_type.fields}
    assert set(expressions) == set(expected)
    for table, expression in expressions.items():
        # search_bigrams(VARIADIC ARRAY[(name)::text, description])
        listed = re.fullmatch(r"search_bigrams\(VARIADIC ARRAY\[(.*)\]\)", expression).group(1).split(", ")
        assert {re.sub(r"^\((\w+)\)::text$", r"\1", column) for column in listed} == expected[table], table


def test_the_pairs_are_the_upper_cased_neighbours_within_each_text(db):
    def pair(first, second):
        return (ord(first) % 65536) * 65536 + ord(second) % 65536 - 2**31

    def bigrams(*texts):
        with connection.cursor() as cursor:
            cursor.execute("SELECT search_bigrams(VARIADIC %s::text[])", [list(texts)])
            return cursor.fetchone()[0]

    assert set(bigrams("芍药ab", None, "x", "")) == {pair("芍", "药"), pair("药", "A"), pair("A", "B")}
    assert bigrams("药", None) == [] and bigrams("") == []
    assert sorted(bigrams("协作协作")) == sorted([pair("协", "作"), pair("作", "协"), pair("协", "作")])
    assert bigrams("\U0002F81F药") == [pair("\uF81F", "药")]  # folded into the Basic Multilingual Plane
