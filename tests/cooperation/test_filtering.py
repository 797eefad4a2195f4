"""The list filters' select widget renders exactly what Django's own does, only faster."""

import pytest
from django import forms
from django.test.html import parse_html

from cooperation.filtering import FastSelect
from cooperation.models import Person
from tests.public_site import parse

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


@pytest.mark.parametrize("value", [None, "", "da-xing", "ning-cheng", "x\"><script>alert(1)</script>", "nothing"])
def test_kept_options_render_what_djangos_select_renders(value):
    attrs = {"id": "id_region", "required": True}
    kept = FastSelect(choices=CHOICES)
    kept.kept = ("test:kept-options", lambda: CHOICES)

    first, again = kept.render("region", value, attrs), kept.render("region", value, attrs)
    django = forms.Select(choices=CHOICES).render("region", value, attrs)

    assert parse_html(first) == parse_html(again) == parse_html(django)
    assert "<script>" not in again


def test_a_choice_outside_the_kept_options_is_still_shown_chosen(client, seed):
    from visits.models import Participant

    leaders = set(Participant.objects.leaders().values_list("person__slug", flat=True))
    other = Person.objects.published().exclude(slug__in=leaders).first()

    client.get("/visits/")  # the options kept, without this person
    page = parse(client.get(f"/visits/?person={other.slug}"))

    options = page.find("select", id="id_person").find_all("option")
    assert [(o.attrs["value"], o.text) for o in options if "selected" in o.attrs] == [(other.slug, other.name)]
    options = parse(client.get("/visits/")).find("select", id="id_person").find_all("option")
    assert other.slug not in [o.attrs["value"] for o in options]


def test_the_list_filters_use_the_fast_select():
    from portal.project_filters import ProjectFilter
    from visits.filters import DelegationFilter

    for filterset in (DelegationFilter(), ProjectFilter()):
        selects = {name for name, field in filterset.form.fields.items() if isinstance(field.widget, forms.Select)}
        slow = {name for name in selects if not isinstance(filterset.form.fields[name].widget, FastSelect)}
        assert slow == set(), slow
