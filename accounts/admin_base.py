"""Admin bases every app may use, kept at the bottom layer so accounts' own admin can use them too."""

import contextvars
import logging
from contextlib import nullcontext

from django.contrib import admin
from django.contrib.admin import widgets
from django.core.exceptions import FieldError, ValidationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, router, transaction
from django.db.models import BooleanField, CheckConstraint, ForeignKey, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.forms.models import BaseInlineFormSet, ModelChoiceField, ModelMultipleChoiceField
from django.utils.functional import cached_property

logger = logging.getLogger(__name__)


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

    def optgroups(self, name, value, attr=None):
        if self.chosen is None:
            return super().optgroups(name, value, attr)
        default = (None, [], 0)
        selected_choices = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if not self.is_required and not self.allow_multiple_selected:
            default[1].append(self.create_option(name, "", "", False, 0))
        to_field_name = _to_field_name(self.field)
        has_selected = False
        for obj in self.chosen.records:
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


# Model validation of a formset's rows, read for all rows at once (`ChosenOnceFormSet.full_clean`).
#
# Django validates each row's model on its own: every foreign key is looked up (`SELECT 1 … WHERE
# id = …`) and every check constraint evaluated (`SELECT 1 WHERE …`, inside a savepoint in a
# transaction: three statements), per row — 13 participants of a trip, 52 statements. While a
# formset validates its rows, these two checks only note what they would ask; then every noted
# key is looked up in one query per field, with Django's own condition (the base manager, the
# field's limit_choices_to), and every noted constraint evaluated in one statement, each row's
# condition built exactly as `Q.check` builds it. When everything holds, the rows are valid as
# Django's checks would have found them; when anything does not (or the statement fails), the
# rows are validated again row by row the way Django does, so every message stays Django's.
_noting = contextvars.ContextVar("model_checks_noted", default=None)
CHECKS_PER_STATEMENT = 100


class _Noted:
    def __init__(self):
        self.keys = {}  # (field, database) -> {value}
        self.checks = []  # (condition, against, database)

    def hold(self):
        try:
            return self._keys_exist() and self._checks_hold()
        except DatabaseError:
            logger.warning("Could not check a formset's rows at once; checking them one by one", exc_info=True)
            return False

    def _keys_exist(self):
        for (field, using), values in self.keys.items():
            name = field.remote_field.field_name
            found = (
                field.remote_field.model._base_manager.using(using)
                .filter(**{f"{name}__in": values})
                .complex_filter(field.get_limit_choices_to())
                .order_by()
                .values_list(name, flat=True)
            )
            if set(found) != values:
                return False
        return True

    def _checks_hold(self):
        by_database = {}
        for condition, against, using in self.checks:
            by_database.setdefault(using, []).append((condition, against))
        for using, checks in by_database.items():
            connection = connections[using]
            for start in range(0, len(checks), CHECKS_PER_STATEMENT):
                parts, params, wanted = [], [], set()
                for index, (condition, against) in enumerate(checks[start:start + CHECKS_PER_STATEMENT]):
                    try:
                        sql, part_params = _check_query(condition, against, index, connection).get_compiler(
                            using=using
                        ).as_sql()
                    except FieldError:  # a field not in `against`: CheckConstraint.validate passes it
                        continue
                    parts.append(sql)
                    params.extend(part_params)
                    wanted.add(index)
                if not parts:
                    continue
                atomic = transaction.atomic(using=using) if connection.in_atomic_block else nullcontext()
                with atomic, connection.cursor() as cursor:
                    cursor.execute(" UNION ALL ".join(parts), params)
                    held = {row[0] for row in cursor.fetchall()}
                if held != wanted:
                    return False
        return True


def _check_query(condition, against, index, connection):
    """The query of `Q(condition).check(against)`, selecting `index` when the row satisfies it."""
    query = Query(None)
    for name, value in against.items():
        if not hasattr(value, "resolve_expression"):
            value = Value(value)
        query.add_annotation(value, name, select=False)
    query.add_annotation(Value(index), "_check")
    condition = Q(condition)
    if connection.features.supports_comparing_boolean_expr:
        query.add_q(Q(Coalesce(condition, True, output_field=BooleanField())))
    else:
        query.add_q(condition)
    return query


_foreign_key_validate = ForeignKey.validate
_check_constraint_validate = CheckConstraint.validate


def _validate_foreign_key(self, value, model_instance):
    noted = _noting.get()
    if noted is None or self.remote_field.parent_link or value is None:
        return _foreign_key_validate(self, value, model_instance)
    super(ForeignKey, self).validate(value, model_instance)
    using = router.db_for_read(self.remote_field.model, instance=model_instance)
    noted.keys.setdefault((self, using), set()).add(value)


def _validate_check_constraint(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
    noted = _noting.get()
    if noted is None:
        return _check_constraint_validate(self, model, instance, exclude=exclude, using=using)
    noted.checks.append((self.condition, instance._get_field_expression_map(meta=model._meta, exclude=exclude), using))


ForeignKey.validate = _validate_foreign_key
CheckConstraint.validate = _validate_check_constraint


class ChosenOnceFormSet(BaseInlineFormSet):
    """The records chosen in each autocomplete field of the rows, read in one query per field;
    when the rows are posted, the records each choice field names, read in one query per field,
    and the rows' foreign keys and check constraints checked for all rows at once."""

    def full_clean(self):
        if not self.is_bound or _noting.get() is not None:
            return super().full_clean()
        noted = _Noted()
        token = _noting.set(noted)
        try:
            super().full_clean()
        finally:
            _noting.reset(token)
        if not noted.hold():
            for form in self.forms:
                form._errors = None
            super().full_clean()

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


class InlineChosenOnce(ChoicesReadWithNames):
    """For an inline: its autocomplete fields' chosen records read once for all its rows."""

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
