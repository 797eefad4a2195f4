"""Admin bases every app may use, kept at the bottom layer so accounts' own admin can use them too."""

from functools import cache

from django import forms
from django.contrib import admin
from django.contrib.admin import widgets
from django.core.exceptions import ValidationError
from django.db import router
from django.db.models import CheckConstraint, F, ForeignKey, Q, Subquery, UniqueConstraint
from django.db.models.constants import LOOKUP_SEP
from django.forms.models import BaseInlineFormSet, ModelChoiceField, ModelMultipleChoiceField
from django.utils.functional import cached_property

from accounts.admin_site import kept_reverse


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the site writes itself (review queue, audit log, link checks, dashboards): staff read them;
    nobody adds, changes or deletes one here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ChosenBeforehand:
    """An autocomplete widget that may be handed its chosen records, read with those of other rows.

    Django reads the records an autocomplete field shows as chosen with one query per widget: on a
    trip's change page, one for each participant's person, each site visit's place and unit and so
    on. `InlineChosenOnce` reads them for all the rows of an inline at once and hands them here;
    the options are then made exactly as Django's `optgroups` makes them from its query's rows.
    """

    chosen = None

    def get_url(self):
        # Django's address of the admin's search for the field's records, reversed once, not per row.
        return kept_reverse(self.url_name % self.admin_site.name)

    def optgroups(self, name, value, attr=None):
        selected_choices = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if self.chosen is None and selected_choices:
            return super().optgroups(name, value, attr)
        # Nothing chosen (an inline's empty row for new records, an empty field): Django's query
        # for the chosen records would find none, so none is built.
        records = self.chosen.records if self.chosen is not None else ()
        default = (None, [], 0)
        if not self.is_required and not self.allow_multiple_selected:
            default[1].append(self.create_option(name, "", "", False, 0))
        to_field_name = _to_field_name(self.field)
        has_selected = False
        for obj in records:
            option_value = getattr(obj, to_field_name)
            if str(option_value) not in selected_choices:
                continue
            selected = str(option_value) in value and (has_selected is False or self.allow_multiple_selected)
            has_selected |= selected
            default[1].append(
                self.create_option(
                    name, option_value, self.choices.field.label_from_instance(obj), selected_choices, len(default[1])
                )
            )
        return [default]


class AutocompleteSelect(ChosenBeforehand, widgets.AutocompleteSelect):
    pass


class AutocompleteSelectMultiple(ChosenBeforehand, widgets.AutocompleteSelectMultiple):
    pass


def _to_field_name(field):
    remote_opts = field.remote_field.model._meta
    return remote_opts.get_field(getattr(field.remote_field, "field_name", remote_opts.pk.attname)).attname


def _unwrapped(widget):
    while isinstance(widget, widgets.RelatedFieldWidgetWrapper):
        widget = widget.widget
    return widget


class _Chosen:
    """The records chosen in one field of all the rows, read when the first row's widget shows them.

    A formset that is only validated (a save, the review screen's comparison) never reads them.
    """

    def __init__(self, queryset, to_field_name, values):
        self.queryset, self.to_field_name, self.values = queryset, to_field_name, values

    @cached_property
    def records(self):
        key_field = next(f for f in self.queryset.model._meta.concrete_fields if f.attname == self.to_field_name)
        keys = set(_as_keys(key_field, self.values).values())
        return list(self.queryset.filter(**{f"{self.to_field_name}__in": keys}))


def _as_keys(key_field, values):
    """{value: key} for each value that is a key of `key_field`. A posted value that is no key (a
    form sent back with its errors) names no record; Django's own widget would fail on it with a
    server error."""
    keys = {}
    for value in values:
        try:
            keys[value] = key_field.to_python(value)
        except (ValidationError, ValueError, TypeError):
            continue
    return keys


def _posted_records(forms, name):
    """The records the rows of a posted formset name in one choice field, read in one query.

    Django's `ModelChoiceField.to_python` reads each row's choice with a query of its own (a
    trip's save read every participant, person, place and unit once per row). Here the values of
    all rows are read with the field's own queryset at once; a row whose value was not found
    that way (not a valid key, not a choice, or more than one row) is left to Django's own
    lookup, so every rule and message stays Django's.
    """
    field = forms[0].fields[name]
    key = field.to_field_name or "pk"
    key_field = field.queryset.model._meta.pk if key == "pk" else field.queryset.model._meta.get_field(key)
    posted = [form.fields[name].widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
              for form in forms]
    chosen = [raw for raw in posted if isinstance(raw, str) and raw not in field.empty_values and "\x00" not in raw]
    wanted = _as_keys(key_field, chosen)
    if not wanted:
        return {}
    found = {}
    for record in field.queryset.filter(**{f"{key}__in": set(wanted.values())}):
        value = getattr(record, key_field.attname)
        found[value] = None if value in found else record
    return {raw: found[value] for raw, value in wanted.items() if found.get(value) is not None}


def _reading_posted(field, known):
    """Make this row's field take its record from `known` when the posted value is there."""
    lookup = field.to_python

    def to_python(value):
        if isinstance(value, str) and value in known:
            return known[value]
        return lookup(value)

    field.to_python = to_python


class KeysCheckedByTheirChoices(forms.ModelForm):
    """A record's or a row's foreign keys checked once, by the form's choice fields, not again by
    the model (the inlines' rows here, every reviewed record's form in `review.admin_base`).

    A ModelForm validates its model after its own fields (`Model.full_clean`), and a foreign
    key's model validation (`ForeignKey.validate`) looks its value up again: a query per key and
    row — a trip's 13 participants, 13 queries for the people the form has just read
    (`ChosenOnceFormSet`, once for all rows). Fields the form validated itself are left out of the
    model's validation through `_get_validation_exclusions`, the ModelForm's own list (it already
    leaves out the fields that failed on the form). A foreign key joins that list only when the
    model's check could not find anything the form's did not:

    - the form's field chose a record (`cleaned_data` holds one; an empty choice is left to the
      model's null and blank checks) from a queryset of the key's model, by the key's target field,
      in the database the model's check reads. Such a queryset holds only rows of the table, and
      the model's check looks in all of them: the model names no base manager of its own
      (`Meta.base_manager_name`), so its base manager is Django's plain one;
    - the form's field narrows its choices by the key's own `limit_choices_to` (ModelForm applies
      the field's limit to the choice field's queryset when the form is made), or the key has none;
    - the model field has no validators or choices of its own, which the form field does not run;
    - no unique check and no constraint of the model names the key. Django uses the same list to
      leave fields out of the unique checks (the row's own and the formset's across rows) and out
      of the model's constraints, so a key one of them names stays in the model's validation,
      checked row by row as Django does.

    The form's lookup and the model's would be made a moment apart in the same request (and, in
    the admin, the same transaction); the database's own foreign key still refuses a record
    deleted in between. A posted key that names no record, or one outside the limit, fails on the
    form's field with Django's message, and the row is not saved.
    """

    def _get_validation_exclusions(self):
        return super()._get_validation_exclusions() | set(self._keys_checked_by_choices())

    def _keys_checked_by_choices(self):
        model = self._meta.model
        named = _named_by_rules(model)
        if named is None:
            return
        for field in model._meta.concrete_fields:
            if isinstance(field, ForeignKey) and field.name in self.fields and field.name not in named \
                    and field.attname not in named and _checked_by_choice(self, field):
                yield field.name


def _checked_by_choice(form, field):
    """Whether the form's choice field found the key's record where the model's check would look."""
    choice, remote = form.fields[field.name], field.remote_field
    target = remote.model._meta.get_field(remote.field_name)
    return (
        isinstance(choice, ModelChoiceField) and not isinstance(choice, ModelMultipleChoiceField)
        and not remote.parent_link and not field.validators and not field.choices
        and remote.model._meta.base_manager_name is None
        and choice.queryset.model is remote.model
        and (choice.to_field_name or remote.model._meta.pk.name) == target.name
        and (not field.get_limit_choices_to() or choice.limit_choices_to is remote.limit_choices_to)
        and isinstance(form.cleaned_data.get(field.name), remote.model)
        and choice.queryset.db == router.db_for_read(remote.model, instance=form.instance)
    )


@cache
def _named_by_rules(model):
    """The names of the fields the model's unique checks and constraints name; None when a
    constraint says something this cannot read (then every field stays in the model's validation)."""
    opts = model._meta
    named = {"pk", opts.pk.name}
    for field in opts.concrete_fields:
        if field.unique:
            named.add(field.name)
        for date_field in (field.unique_for_date, field.unique_for_month, field.unique_for_year):
            if date_field:
                named |= {field.name, date_field}
    for together in opts.unique_together:
        named.update(together)
    for constraint in opts.constraints:
        if isinstance(constraint, UniqueConstraint):
            named.update(constraint.fields, constraint.include)
            parts = [*constraint.expressions, constraint.condition]
        elif isinstance(constraint, CheckConstraint):
            parts = [constraint.condition]
        else:
            return None
        for part in parts:
            names = _names_in(part)
            if names is None:
                return None
            named |= names
    return named


def _names_in(expression):
    """The fields a condition or expression names (the first part of each lookup and F()), or None
    when it holds what this cannot read (a subquery, a queryset, an expression of unknown make)."""
    if expression is None:
        return set()
    if isinstance(expression, Q):
        names = set()
        for child in expression.children:
            if isinstance(child, tuple):
                lookup, child = child
                names.add(lookup.split(LOOKUP_SEP, 1)[0])
            found = _names_in(child)
            if found is None:
                return None
            names |= found
        return names
    if isinstance(expression, F):
        return {expression.name.split(LOOKUP_SEP, 1)[0]}
    if isinstance(expression, Subquery) or hasattr(expression, "get_compiler"):
        return None
    if hasattr(expression, "get_source_expressions"):
        names = set()
        for source in expression.get_source_expressions():
            found = _names_in(source)
            if found is None:
                return None
            names |= found
        return names
    if hasattr(expression, "resolve_expression"):
        return None
    return set()


class ChosenOnceFormSet(BaseInlineFormSet):
    """The records chosen in each autocomplete field of the rows, read in one query per field;
    when the rows are posted, the records each choice field names, read in one query per field."""

    @cached_property
    def forms(self):
        forms = super().forms
        if self.is_bound and forms:
            self._read_posted_once(forms)
        by_field = {}
        for form in forms:
            for name in form.fields:
                widget = _unwrapped(form.fields[name].widget)
                if isinstance(widget, ChosenBeforehand):
                    by_field.setdefault(name, []).append((widget, widget.format_value(form[name].value())))
        for rows in by_field.values():
            widget = rows[0][0]
            wanted = {str(v) for _w, values in rows for v in values if str(v) not in widget.choices.field.empty_values}
            chosen = _Chosen(widget.choices.queryset.using(widget.db), _to_field_name(widget.field), wanted)
            for row_widget, _values in rows:
                row_widget.chosen = chosen
        return forms

    @cached_property
    def empty_form(self):
        """One empty form a formset: Django makes a new one each time it is asked — for a tabular
        inline's header (its fields' labels and help) and again for its empty row."""
        return super().empty_form

    def _read_posted_once(self, forms):
        names = [
            name for name, field in forms[0].fields.items()
            if isinstance(field, ModelChoiceField) and not isinstance(field, ModelMultipleChoiceField)
            and not field.disabled
        ]
        for name in names:
            rows = [form for form in forms if name in form.fields and not form.fields[name].disabled]
            known = _posted_records(rows, name)
            for form in rows:
                _reading_posted(form.fields[name], known)


class RelatedFieldLinks(widgets.RelatedFieldWidgetWrapper):
    """Django's links beside a related field, their addresses reversed once, not per row and field."""

    def get_related_url(self, info, action, *args):
        return kept_reverse("admin:{}_{}_{}".format(*info, action), args=args, current_app=self.admin_site.name)


class RelatedLinksKept:
    """A model admin or inline whose related fields' links are `RelatedFieldLinks`: Django's wrapper,
    made again with the same widget, relation, site and permissions."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        wrapper = getattr(formfield, "widget", None)
        if type(wrapper) is widgets.RelatedFieldWidgetWrapper:
            formfield.widget = RelatedFieldLinks(
                wrapper.widget, wrapper.rel, wrapper.admin_site,
                can_add_related=wrapper.can_add_related, can_change_related=wrapper.can_change_related,
                can_delete_related=wrapper.can_delete_related, can_view_related=wrapper.can_view_related,
            )
        return formfield


class ChoicesReadWithNames:
    """A choice field's records read with what their names show, where their queryset says what
    that is (`with_names()`): a pairing is named by its two regions, which Django's widgets
    would otherwise read with two queries per pairing shown."""

    def get_field_queryset(self, db, db_field, request):
        queryset = super().get_field_queryset(db, db_field, request)
        manager = db_field.remote_field.model._default_manager
        if queryset is None:
            if not hasattr(manager.get_queryset(), "with_names"):
                return None
            queryset = manager.using(db).all()
        with_names = getattr(queryset, "with_names", None)
        return with_names() if with_names else queryset


class InlineChosenOnce(RelatedLinksKept, ChoicesReadWithNames):
    """For an inline: its autocomplete fields' chosen records read once for all its rows."""

    form = KeysCheckedByTheirChoices
    formset = ChosenOnceFormSet

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class TabularInline(InlineChosenOnce, admin.TabularInline):
    pass


class StackedInline(InlineChosenOnce, admin.StackedInline):
    pass
