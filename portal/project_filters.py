"""Browsing projects: year, pairing, region (with the regions below it), topic, status, person, funds."""

import functools

import django_filters
from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from cooperation.filtering import (
    LISTED_LEADERSHIPS,
    KeptChoiceFilter,
    NumberFilter,
    keep_options,
    offer_choices,
    pairing_filter,
    person_filter,
    region_condition,
    region_filter,
    topic_filter,
    year_choices,
)
from projects.models import Project, ProjectStage

# The site visit is where projects meets visits: inspections tie a person to a project.
from visits.models import ParticipantRole, ParticipantSide, SiteVisit


class ProjectFilter(django_filters.FilterSet):
    year = KeptChoiceFilter(label=_("年度"), field_name="start_year", empty_label=_("全部年度"))
    pairing = pairing_filter(field_name="pairing")
    region = region_filter("filter_region")
    topic = topic_filter(field_name="topics")
    stage = KeptChoiceFilter(label=_("项目状态"), choices=ProjectStage.choices, empty_label=_("全部状态"))
    person = person_filter("filter_person")
    funds_min = NumberFilter(
        label=_("帮扶资金不少于（万元）"),
        field_name="aid_funds",
        lookup_expr="gte",
        min_value=0,
        widget=forms.NumberInput(attrs={"min": 0, "step": "any"}),
    )
    funds_max = NumberFilter(
        label=_("帮扶资金不多于（万元）"),
        field_name="aid_funds",
        lookup_expr="lte",
        min_value=0,
        widget=forms.NumberInput(attrs={"min": 0, "step": "any"}),
    )

    class Meta:
        model = Project
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # order_by() first: the default ordering by name would make DISTINCT see every project.
        # Read once, when the list is made (kept with the options) or a year is checked.
        self.filters["year"].extra["choices"] = functools.cache(
            lambda: year_choices(
                Project.objects.published().exclude(start_year=None).order_by()
                .values_list("start_year", flat=True).distinct()
            )
        )
        offer_choices(self, self._latest_leaders)
        keep_options(self)

    @classmethod
    def _latest_leaders(cls):
        # The people listed are those who led a published trip that inspected a project.
        leaders = cls._published_visits().filter(
            projects__isnull=False,
            delegation__participants__side=ParticipantSide.VISITING,
            delegation__participants__role=ParticipantRole.LEADER,
        )
        latest = leaders.order_by(F("delegation__start_date").desc(nulls_last=True), "-pk")
        return latest.values("delegation__participants__person")[:LISTED_LEADERSHIPS]

    def filter_region(self, queryset, name, region):
        return queryset.filter(region_condition("region", region))

    def filter_person(self, queryset, name, person):
        inspected = self._published_visits().filter(delegation__participants__person=person)
        return queryset.filter(pk__in=inspected.values("projects"))

    @staticmethod
    def _published_visits():
        return SiteVisit.objects.published()
