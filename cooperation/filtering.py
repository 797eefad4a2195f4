"""Pieces the trip and project filter sets share."""

import re

import django_filters
from django import forms
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from cooperation.models import Pairing, Person, Region, RegionLevel, Topic

DEPTH = {
    RegionLevel.PROVINCE: 0,
    RegionLevel.PREFECTURE: 1,
    RegionLevel.COUNTY: 2,
    RegionLevel.TOWNSHIP: 3,
    RegionLevel.VILLAGE: 4,
}
# Townships and villages are many; the list stops at counties and the filter covers what lies below.
LISTED_REGION_LEVELS = [RegionLevel.PROVINCE, RegionLevel.PREFECTURE, RegionLevel.COUNTY]
SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
# The people list names the leaders of this many of the latest trips: the people visitors
# look for. Anyone else is one link away, from their own page.
LISTED_LEADERSHIPS = 200


class FastSelect(forms.Select):
    """Django's <select>, the same elements and attributes, rendered in Python instead of one template per option.

    The list filters offer a few hundred options (regions down to counties, the leaders of
    the latest trips); through the form renderer each option is a template include, which at
    the office's size cost the trip list more time than all its queries.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = "".join(
                f'<option value="{escape(opt["value"])}"{flatatt(opt["attrs"])}>{escape(opt["label"])}</option>'
                for opt in options
            )
            parts.append(f'<optgroup label="{escape(group_name)}">{rendered}</optgroup>' if group_name else rendered)
        # Every value and label is escaped above, the attributes by flatatt.
        options = mark_safe("".join(parts))
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options)


class OfferedChoiceIterator(ModelChoiceIterator):
    def __init__(self, field):
        super().__init__(field)
        self.queryset = field.offered


class OfferedChoiceField(forms.ModelChoiceField):
    """Accepts any record of `queryset`, but its list offers only `offered`.

    A link from a person's page may filter by anyone; the list a visitor picks from stays
    short enough to read (and to render) however many records there are.
    """

    def __init__(self, queryset, *, offered=None, **kwargs):
        self.offered = offered
        if offered is not None:
            self.iterator = OfferedChoiceIterator
        super().__init__(queryset, **kwargs)

    widget = FastSelect


class RegionChoiceField(OfferedChoiceField):
    """Regions as an indented tree: parents come before children because full names nest."""

    def label_from_instance(self, obj):
        return "\u3000" * DEPTH.get(obj.level, 0) + obj.display_name


class PairingChoiceField(forms.ModelChoiceField):
    widget = FastSelect

    def label_from_instance(self, obj):
        return f"{obj.support_region.display_name} — {obj.recipient_region.display_name}"


class RegionFilter(django_filters.ModelChoiceFilter):
    field_class = RegionChoiceField


class PairingFilter(django_filters.ModelChoiceFilter):
    field_class = PairingChoiceField


class PersonFilter(django_filters.ModelChoiceFilter):
    field_class = OfferedChoiceField


# The lists load only what an option shows (value and label): a few hundred rows on every list page.
REGION_OPTION_FIELDS = ["slug", "name", "short_name", "level", "side", "full_name"]
PAIRING_OPTION_FIELDS = [
    "slug", "support_region__name", "support_region__short_name", "recipient_region__name",
    "recipient_region__short_name",
]
PERSON_OPTION_FIELDS = ["slug", "name", "disambiguation"]


def region_filter(method):
    return RegionFilter(
        label=_("地区（含下级）"),
        queryset=Region.objects.order_by("-side", "full_name"),
        to_field_name="slug",
        method=method,
        empty_label=_("全部地区"),
    )


def pairing_filter(**kwargs):
    return PairingFilter(
        label=_("结对关系"),
        queryset=Pairing.objects.select_related("support_region", "recipient_region").only(*PAIRING_OPTION_FIELDS),
        to_field_name="slug",
        empty_label=_("全部结对关系"),
        **kwargs,
    )


def topic_filter(**kwargs):
    return django_filters.ModelChoiceFilter(
        label=_("协作领域"),
        widget=FastSelect,
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("全部领域"),
        **kwargs,
    )


def person_filter(method):
    return PersonFilter(
        label=_("人物"),
        # Any published person may be asked for; draft people are not a valid choice. A callable,
        # so that "published" means published at the time of the request, not of the import.
        queryset=lambda request: Person.objects.published(),
        to_field_name="slug",
        method=method,
        empty_label=_("全部人物"),
    )


def _with_chosen(offered, queryset, data, name):
    """The offered records, plus the one the query asks for, so the list shows the choice."""
    chosen = data.get(name) if data is not None else None
    if chosen and SLUG.match(chosen):
        return (offered | queryset.filter(slug=chosen)).distinct()
    return offered


def offer_choices(filterset, leaders):
    """List regions down to counties, and as people the `leaders` (a query of person ids)."""
    # Beijing's side first, then Inner Mongolia's; full names nest, so parents lead their children.
    regions = Region.objects.order_by("-side", "full_name").only(*REGION_OPTION_FIELDS)
    filterset.filters["region"].extra["offered"] = _with_chosen(
        regions.filter(level__in=LISTED_REGION_LEVELS), regions, filterset.data, "region"
    )
    people = Person.objects.published().only(*PERSON_OPTION_FIELDS)
    filterset.filters["person"].extra["offered"] = _with_chosen(
        people.filter(pk__in=leaders), people, filterset.data, "person"
    )


def year_choices(years):
    return [(str(year), str(year)) for year in sorted(years, reverse=True)]


def region_condition(field, region):
    """Records whose `field` (a region relation) lies in the region or any region below it."""
    return Q(**{f"{field}__in": Region.objects.subtree(region)})
