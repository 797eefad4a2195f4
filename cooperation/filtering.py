"""Pieces the trip and project filter sets share."""

import copy
import functools
import hashlib
import re

import django_filters
from django import forms
from django.conf import settings
from django.db.models import F, Model, Q, QuerySet
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cooperation import content_version, kept_links
from cooperation.markup import format_html
from cooperation.models import Pairing, Person, Region, RegionLevel, Topic

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

    With `kept` set (`keep_options`), the options are made once per change to what they show
    and kept under the content-version rule; a page then only marks its choice. `kept` is
    (cache key, a function giving the choices everyone is offered); a choice outside them (a
    record only one address asked for) is rendered from the field's own choices.
    """

    kept = None
    _kept_choices = None

    def render(self, name, value, attrs=None, renderer=None):
        chosen = self.format_value(value)
        kept = self.kept_choices()
        if kept is not None:
            options, labels = kept
            if all(item in labels for item in chosen):
                return self._select(name, attrs, _mark_chosen(options, chosen))
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = "".join(
                f'<option value="{escape(opt["value"])}"{flatatt(opt["attrs"])}>{escape(opt["label"])}</option>'
                for opt in options
            )
            parts.append(f'<optgroup label="{escape(group_name)}">{rendered}</optgroup>' if group_name else rendered)
        # Every value and label is escaped above, the attributes by flatatt.
        return self._select(name, attrs, mark_safe("".join(parts)))

    def kept_choices(self):
        """The kept options (`kept`) as HTML, none chosen, and {value: label} of what they offer;
        None when not kept. Read once for the page: its choice is checked, then marked, in them."""
        if self.kept is None:
            return None
        if self._kept_choices is None:
            key, listed = self.kept
            self._kept_choices = content_version.cached(
                f"{key}:{get_language()}", lambda: self._kept_options(listed()), settings.PAGE_CACHE_SECONDS,
                as_read=True,
            )
        return self._kept_choices

    def _select(self, name, attrs, options):
        attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), options)

    def _kept_options(self, choices):
        """The options, none chosen, as HTML; and {value: label} of what they offer."""
        parts, labels = [], {}
        for group_value, group_label in choices:
            if isinstance(group_label, (list, tuple)):
                inner = "".join(_option(value, label, labels) for value, label in group_label)
                parts.append(f'<optgroup label="{escape(group_value)}">{inner}</optgroup>')
            else:
                parts.append(_option(group_value, group_label, labels))
        return "".join(parts), labels


def _option(value, label, labels):
    value = "" if value is None else str(value)
    labels.setdefault(value, str(label))
    return f'<option value="{escape(value)}">{escape(label)}</option>'


def _mark_chosen(options, chosen):
    """Kept options with the first of `chosen` they offer selected, as Django's Select marks it."""
    for value in chosen:
        plain = f'<option value="{escape(value)}">'
        if plain in options:
            options = options.replace(plain, f'<option value="{escape(value)}" selected>', 1)
            break
    # Every value and label was escaped when the options were made.
    return mark_safe(options)


def keep_options(filterset):
    """Keep the options of the filter set's lists (`FastSelect.kept`): they change only with what they list."""
    filterset_class = type(filterset)
    prefix = f"filter-choices:{filterset_class.__module__}.{filterset_class.__qualname__}"
    for name, field in filterset.form.fields.items():
        if isinstance(field.widget, FastSelect):
            field.widget.kept = (f"{prefix}:{name}", functools.partial(_listed_choices, filterset_class, name))


def _listed_choices(filterset_class, name):
    """The choices everyone is offered: those of a filter set made afresh, with nothing chosen.

    Made inside the kept value, so that it depends on everything they are read from (the
    places in public use, the latest trips' leaders, the years).
    """
    return filterset_class().form.fields[name].choices


class CopiedLikeAField:
    """A filter copied for each filter set as Django copies a form's fields for each form: the
    filter and its own `extra` (which a filter set's `__init__` may change), the values in it
    shared, its method bound to the copy.

    django-filter deep-copies every filter for every filter set it makes (`BaseFilterSet.__init__`):
    the labels, choices, widgets and functions in them too: at nine filters, some 1,800 Python
    calls a list page (a filtered trip list makes some 29,000). The field a filter makes copies
    what it needs (Django's `Field.__init__`, and the form its own copy of its fields).
    """

    def __deepcopy__(self, memo):
        clone = copy.copy(self)
        memo[id(self)] = clone
        clone.extra = self.extra.copy()
        clone.__dict__.pop("_field", None)  # made by the copy, for its filter set
        if self.method is not None:
            clone.method = self.method  # a FilterMethod of the copy, which reads its own parent
        return clone


class DateFilter(CopiedLikeAField, django_filters.DateFilter):
    pass


class NumberFilter(CopiedLikeAField, django_filters.NumberFilter):
    pass


class KeptChoices:
    """A choice field of a list whose options are kept (`keep_options`): a value they offer is a
    valid choice as it stands, so the page asks the database only for its rows and count.

    The kept options follow the content version, as the page does: a year or a place published
    a moment ago is among them at once. A value they do not offer (a village, someone outside
    the listed leaders, a value no list offers) is checked by the field itself, as it always
    was, and refused with its own error.
    """

    def kept_label(self, value):
        """The label the kept options show for `value`; None when they do not offer it."""
        kept = self.widget.kept_choices() if isinstance(self.widget, FastSelect) else None
        return None if kept is None or value is None else kept[1].get(str(value))


class KeptChoiceField(KeptChoices, django_filters.fields.ChoiceField):
    widget = FastSelect

    def valid_value(self, value):
        return self.kept_label(value) is not None or super().valid_value(value)

    def label_of(self, value):
        """What the list shows for `value` (the chip of a filter in force)."""
        label = self.kept_label(value)
        return dict(self.choices).get(value, value) if label is None else label


class KeptChoiceFilter(CopiedLikeAField, django_filters.ChoiceFilter):
    field_class = KeptChoiceField


class OfferedChoiceIterator(ModelChoiceIterator):
    """The records the field offers (`offered_records`), their queryset made when the list is
    read: a field makes an iterator whenever it is made or copied, and most pages never read it
    (`keep_options`)."""

    _offered = None

    def __init__(self, field):
        # Not ModelChoiceIterator's: it reads the field's queryset, which the field makes when
        # first needed (`KeptModelChoiceField`).
        self.field = field

    @property
    def queryset(self):
        if self._offered is None:
            self._offered = self.field.offered_records()
        return self._offered


class KeptModelChoiceField(KeptChoices, forms.ModelChoiceField):
    """A record of `model` chosen by `to_field_name`; one the kept options offer is made from
    the kept rows when its table is kept (cooperation/kept_links.py), its relations
    `kept_related` with it.

    `queryset` may be a function giving it: then it is made only when the field needs it (a
    choice the kept options do not offer, a list they do not show). Made for every request, the
    four lists' querysets (each reading the places, pairings or topics in public use) cost a
    filtered list more than its checks.
    """

    widget = FastSelect
    iterator = OfferedChoiceIterator
    kept_related = ()
    _make_queryset = None

    def __init__(self, queryset, *, model, **kwargs):
        self.model = model
        make = queryset if callable(queryset) else None
        super().__init__(None if make else queryset, **kwargs)
        self._make_queryset = make

    @property
    def queryset(self):
        if self._queryset is None and self._make_queryset is not None:
            self._queryset = self._make_queryset().all()
        return self._queryset

    @queryset.setter
    def queryset(self, queryset):
        self._make_queryset = None
        forms.ModelChoiceField.queryset.fset(self, queryset)

    def __deepcopy__(self, memo):
        if self._queryset is not None:
            return super().__deepcopy__(memo)
        # Copied unmade: the copy makes its own when it needs one.
        result = super(forms.ChoiceField, self).__deepcopy__(memo)
        result.widget.choices = result.choices  # its own iterator, not the original's
        return result

    def offered_records(self):
        return self.queryset

    def to_python(self, value):
        if value not in self.empty_values and self.model in kept_links.KEPT and self.kept_label(value) is not None:
            record = kept_links.record_with(self.model, self.kept_related, **{self.to_field_name or "pk": value})
            if record is not None:
                return record
        return super().to_python(value)


class KeptModelChoiceFilter(CopiedLikeAField, django_filters.ModelChoiceFilter):
    """A `KeptModelChoiceField`'s filter: the field is given the function that makes its
    queryset for the request (django-filter makes it with the field)."""

    field_class = KeptModelChoiceField

    @property
    def field(self):
        if not hasattr(self, "_field"):
            self.extra["queryset"] = functools.partial(self.get_queryset, self.get_request())
        return super(django_filters.filters.QuerySetRequestMixin, self).field


class OfferedChoiceField(KeptModelChoiceField):
    """Accepts any record of `queryset`, but its list offers only `offered`.

    A link from a person's page may filter by anyone; the list a visitor picks from stays
    short enough to read (and to render) however many records there are. `offered` may be a
    function giving the queryset: then it is made only when the list is (most pages show the
    kept options, `keep_options`, and never ask).
    """

    def __init__(self, queryset, *, offered=None, **kwargs):
        self.offered = offered
        super().__init__(queryset, **kwargs)

    def offered_records(self):
        if self.offered is None:
            return self.queryset
        return self.offered() if callable(self.offered) else self.offered


def region_group(region):
    """The province or league a region is listed under: the nearest 市盟 above it (or itself), else its province.

    Needs the region's parents loaded (`OFFERED_REGIONS` selects them).
    """
    node, top = region, region
    while node is not None:
        if node.level == RegionLevel.PREFECTURE:
            return node
        top = node
        node = node.parent
    return top


class RegionChoiceIterator(OfferedChoiceIterator):
    """The offered regions as <optgroup>s, one per province and league, in division-code order."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups = {}
        for region in self.queryset:
            groups.setdefault(region_group(region), []).append(self.choice(region))
        for group, choices in groups.items():
            yield (group.name, choices)


class RegionChoiceField(OfferedChoiceField):
    """Regions by their official names, under their province or league; the group's own entry leads it."""

    # What the label reads (`region_group`), as the field's queryset selects it.
    kept_related = ("parent__parent__parent__parent",)

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, **kwargs)
        if self.offered is not None:
            self.iterator = RegionChoiceIterator

    def label_from_instance(self, obj):
        # A league or province heads its group; what lies below it is indented a step per level.
        group, depth, node = region_group(obj), 0, obj
        while node is not None and node.pk != group.pk:
            depth += 1
            node = node.parent
        return "\u3000" * depth + obj.name


class PairingChoiceField(KeptModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.support_region.display_name} — {obj.recipient_region.display_name}"


class RegionFilter(KeptModelChoiceFilter):
    field_class = RegionChoiceField


class PairingFilter(KeptModelChoiceFilter):
    field_class = PairingChoiceField


class PersonFilter(KeptModelChoiceFilter):
    field_class = OfferedChoiceField


# The lists load only what an option shows (value and label): a few hundred rows on every list page.
PAIRING_OPTION_FIELDS = [
    "slug", "support_region__name", "support_region__short_name", "recipient_region__name",
    "recipient_region__short_name",
]
PERSON_OPTION_FIELDS = ["slug", "name", "disambiguation"]


def region_filter(method):
    return RegionFilter(
        label=_("地区（含下级）"),
        model=Region,
        # Callables, so that "in public use" is read at the time of the request, not of the import.
        queryset=lambda request: Region.objects.in_public_use().select_related(
            "parent__parent__parent__parent"
        ).order_by("-side", "full_name"),
        to_field_name="slug",
        method=method,
        empty_label=_("全部地区"),
    )


def pairing_filter(**kwargs):
    return PairingFilter(
        label=_("结对关系"),
        model=Pairing,
        queryset=lambda request: Pairing.objects.in_public_use()
        .select_related("support_region", "recipient_region")
        .only(*PAIRING_OPTION_FIELDS),
        to_field_name="slug",
        empty_label=_("全部结对关系"),
        **kwargs,
    )


def topic_filter(**kwargs):
    return KeptModelChoiceFilter(
        label=_("协作领域"),
        model=Topic,
        queryset=lambda request: Topic.objects.in_public_use(),
        to_field_name="slug",
        empty_label=_("全部领域"),
        **kwargs,
    )


def person_filter(method):
    return PersonFilter(
        label=_("人物"),
        model=Person,
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
    """List regions down to counties, and as people the `leaders` (a function giving a query of
    person ids). The querysets are made when a list is made (`OfferedChoiceField`), not before."""
    data = filterset.data

    def regions():
        # In the division order (北京市, its districts, 内蒙古自治区, each league and its banners), which
        # the codes follow; regions without a code (北京经济技术开发区) come last within their group.
        # Only the places something published is filed under (or below): another is an empty list.
        regions = Region.objects.in_public_use().select_related("parent__parent__parent__parent").order_by(
            F("code").asc(nulls_last=True), "full_name"
        )
        return _with_chosen(regions.filter(level__in=LISTED_REGION_LEVELS), regions, data, "region")

    def people():
        people = Person.objects.published().only(*PERSON_OPTION_FIELDS)
        return _with_chosen(people.filter(pk__in=leaders()), people, data, "person")

    filterset.filters["region"].extra["offered"] = regions
    filterset.filters["person"].extra["offered"] = people


def year_choices(years):
    return [(str(year), str(year)) for year in sorted(years, reverse=True)]


def region_condition(field, region):
    """Records whose `field` (a region relation) lies in the region or any region below it."""
    return Q(**{f"{field}__in": Region.objects.subtree(region)})


def count_key(name, filterset):
    """A cache key naming the rows of list `name` under these filters (`public.paginate` keeps
    their count under it): the form's cleaned values, a record by its key. None when the form
    is not valid, so a count is never kept under values the list did not use."""
    form = filterset.form
    if not form.is_valid():
        return None
    values = sorted((field, _canonical(value)) for field, value in form.cleaned_data.items())
    return f"public:count:{name}:" + hashlib.sha256(repr(values).encode()).hexdigest()[:40]


def _canonical(value):
    if isinstance(value, Model):
        return (value._meta.label, value.pk)
    if isinstance(value, list | tuple | set | frozenset | QuerySet):
        return tuple(sorted(repr(_canonical(item)) for item in value))
    return repr(value)
