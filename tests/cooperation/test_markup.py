"""cooperation/markup.py gives exactly the strings of Django's format_html, format_html_join and Truncator.chars."""

import datetime
from decimal import Decimal

import pytest
from django.utils import html as django_html
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from cooperation import markup


class Markup:
    def __html__(self):
        return "<b>已是标记</b>"

    def __repr__(self):
        # The test's id: the same in every test worker (pytest-xdist compares them).
        return "Markup()"


VALUES = [
    "", "纯文字", "a & b", "1 < 2", "2 > 1", '"引号"', "l'Inner",
    "<script>alert('x')</script> & \"引号\"", mark_safe("<em>安全</em>"), gettext_lazy("考察活动"),
    0, 12, -7, 3.5, -0.25, 1e-05, float("inf"), float("nan"), True,
    Decimal("1200.50"), None, datetime.date(2024, 6, 20), Markup(), SafeString("a & b"),
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_each_value_is_escaped_as_django_escapes_it(value):
    ours = markup.format_html('<a title="{}">{}</a>', value, value)
    django = django_html.format_html('<a title="{}">{}</a>', value, value)
    assert ours == django
    assert type(ours) is type(django) is SafeString
    assert markup.conditional_escape(value) == django_html.conditional_escape(value)


def test_a_join_is_djangos_join():
    rows = [(value, index) for index, value in enumerate(VALUES)]
    assert markup.format_html_join("<br>", "<li>{}:{}</li>", rows) == django_html.format_html_join(
        "<br>", "<li>{}:{}</li>", rows
    )
    named = [{"name": value} for value in VALUES]
    assert markup.format_html_join(mark_safe("<hr>"), "<i>{name}</i>", named) == django_html.format_html_join(
        mark_safe("<hr>"), "<i>{name}</i>", named
    )
    assert isinstance(markup.format_html_join("", "{}", []), SafeString)


@pytest.mark.parametrize("text", [
    "", "短句", "恰好十个字恰好十个字", "恰好十个字恰好十个字多", "很长" * 100,
    "e\u0301" * 10 + "多一点", "Cafe\u0301 au lait",
    "cafe\u0301" * 3, 12345678901, "  前后空格  ",
], ids=repr)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_shortened_text_is_djangos(text, language):
    with translation.override(language):
        for length in (1, 5, 10, 11):
            assert markup.truncate_chars(text, length) == Truncator(text).chars(length), length
