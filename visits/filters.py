"""Browsing trips: year, pairing, region (with the regions below it), topic, kind, person, dates."""

import functools

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cooperation.filtering import (
    LISTED_LEADERSHIPS,
    DateFilter,
    KeptChoiceFilter,
    keep_options,
    offer_choices,
    pairing_filter,
    person_filter,
    region_condition,
    region_filter,
    topic_filter,
    year_choices,
)
from visits.models import Delegation, DelegationKind, Participant

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DelegationFilter(django_filters.FilterSet):
    year = KeptChoiceFilter(label=_("年份"), method="filter_year", empty_label=_("全部年份"))
    pairing = pairing_filter(field_name="pairings")
    region = region_filter("filter_region")
    topic = topic_filter(field_name="topics")
    kind = KeptChoiceFilter(label=_("类型"), choices=DelegationKind.choices, empty_label=_("全部类型"))
    person = person_filter("filter_person")
    date_from = DateFilter(
        label=_("开始日期不早于"), field_name="start_date", lookup_expr="gte", widget=DATE_INPUT
    )
    date_to = DateFilter(
        label=_("开始日期不晚于"), field_name="start_date", lookup_expr="lte", widget=DATE_INPUT
    )

    class Meta:
        model = Delegation
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read once, when the list is made (kept with the options) or a year is checked.
        self.filters["year"].extra["choices"] = functools.cache(
            lambda: year_choices(day.year for day in Delegation.objects.published().dates("start_date", "year"))
        )
        offer_choices(self, self._latest_leaders)
        keep_options(self)

    @staticmethod
    def _latest_leaders():
        leaderships = Participant.objects.leaders().filter(delegation__in=Delegation.objects.published())
        latest = leaderships.order_by(F("delegation__start_date").desc(nulls_last=True), "-pk")
        return latest.values("person")[:LISTED_LEADERSHIPS]

    def filter_year(self, queryset, name, value):
        return queryset.filter(start_date__year=int(value))

    def filter_region(self, queryset, name, region):
        # The destinations through their link table, so a trip to two regions of the subtree is
        # listed once without a join; an OR across a join (trips joined with their destinations
        # in a subquery) made PostgreSQL hash every trip with every destination: 13 ms for a list
        # page and as much for its count at 5,000 trips.
        going = Delegation.destinations.through.objects.filter(region_condition("region", region))
        return queryset.filter(region_condition("origin", region) | Q(pk__in=going.values("delegation_id")))

    def filter_person(self, queryset, name, person):
        return queryset.filter(pk__in=person.participations.values("delegation"))
