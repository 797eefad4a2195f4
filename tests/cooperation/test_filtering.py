"""The list filters' select widget renders exactly what Django's own does, only faster."""

import pytest
from django import forms
from django.test.html import parse_html

from cooperation.filtering import FastSelect

pytestmark = pytest.mark.django_db

CHOICES = [
    ("", "全部地区"),
    ("beijing", "北京市"),
    ("da-xing", "\u3000大兴区"),
    ("x\"><script>alert(1)</script>", "<b>名称 & \"引号\"</b>"),
    ("宁城县", [("ning-cheng", "宁城县"), ("a&b", "a < b")]),
]


@pytest.mark.parametrize("value", [None, "", "da-xing", "ning-cheng", "x\"><script>alert(1)</script>", "nothing"])
def test_the_fast_select_renders_what_djangos_select_renders(value):
    attrs = {"id": "id_region", "aria-describedby": "hint", "required": True, "disabled": False}

    fast = FastSelect(choices=CHOICES).render("region", value, attrs)
    django = forms.Select(choices=CHOICES).render("region", value, attrs)

    # The same elements, attributes and text (assertHTMLEqual's comparison).
    assert parse_html(fast) == parse_html(django)
    assert "<script>" not in fast


def test_the_list_filters_use_the_fast_select():
    from portal.project_filters import ProjectFilter
    from visits.filters import DelegationFilter

    for filterset in (DelegationFilter(), ProjectFilter()):
        selects = {name for name, field in filterset.form.fields.items() if isinstance(field.widget, forms.Select)}
        slow = {name for name in selects if not isinstance(filterset.form.fields[name].widget, FastSelect)}
        assert slow <= {"year", "kind", "stage", "status"}, slow
