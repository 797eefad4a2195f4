"""A change list's rows, each column worked out once per list instead of once per cell; its filters' items.

Django's `result_list` makes every cell alone (`admin_list.items_for_result`): it finds the
column's field or method again, asks whether it is a link, the empty value and the column's
class, builds a field's choices into a dictionary, and wraps the cell with `format_html` — some
hundred function calls a cell, eight hundred cells for a page of trips: half the page. Here a
column is looked up once per list and each cell only reads its value and makes its markup, the
same elements with the same classes and text. An editable list (`list_editable`), whose cells
are form fields, is Django's own. The site's `admin/change_list.html` uses this tag in Django's
place, and its `admin/filter.html` `filter_choices`; `tests/test_admin_pages.py` holds every
registered admin's change list to Django's page.
"""

import contextlib
import datetime
import html

from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.contrib.admin.utils import (
    FieldIsAForeignKeyColumnName,
    _get_non_gfk_field,
    display_for_field,
    display_for_value,
    lookup_field,
)
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.template import Library
from django.template.base import render_value_in_context
from django.urls import NoReverseMatch
from django.utils import dateformat, timezone
from django.utils.encoding import iri_to_uri
from django.utils.formats import get_format
from django.utils.functional import Promise
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, SafeString, mark_safe

register = Library()


def _markup(value):
    """`conditional_escape(value)`, a plain string escaped without Django's checks for lazy
    text and markup around it (Django's `escape` is `html.escape` made safe)."""
    if type(value) is str:
        return html.escape(value)
    return conditional_escape(value)


class _Column:
    """One column of `list_display`: where its value comes from, how it shows, its cell's tags."""

    def __init__(self, cl, index, name, empty, link, table_tag):
        self.name, self.empty, self.link = name, empty, link
        self.field_class = f"field-{admin_list._coerce_field_name(name, index)}"
        self.table_tag = table_tag
        self.field = self.attr = self.labels = self.date_format = None
        self.text = False
        # A model's attribute (a property, a method, `__str__`) is found on each row, as Django
        # does; like a method of the admin, it is no field.
        self.by_row = False
        try:
            self.field = _get_non_gfk_field(cl.model._meta, name)
        except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
            if callable(name):
                self.attr = name
            elif hasattr(cl.model_admin, name) and name != "__str__":
                self.attr = getattr(cl.model_admin, name)
            else:
                self.by_row = True
        field = self.field
        self.plain = field is None or field.auto_created
        if field is not None and not self.plain:
            self.nowrap = isinstance(field, (models.DateField, models.TimeField, models.ForeignKey))
            self.foreign = isinstance(field.remote_field, models.ManyToOneRel)
            if not self.foreign and getattr(field, "flatchoices", None):
                # List-like choices cannot be keys: Django's display_for_field, cell by cell.
                with contextlib.suppress(TypeError):
                    # Each label translated once a list, in the language of the request.
                    self.labels = {
                        value: str(label) if isinstance(label, Promise) else label
                        for value, label in dict(field.flatchoices).items()
                    }
            elif isinstance(field, models.DateTimeField):
                # The format display_for_field's `localize` looks up for each cell, once a list.
                self.date_type, self.date_format = datetime.datetime, get_format("DATETIME_FORMAT")
            elif isinstance(field, models.DateField):
                self.date_type, self.date_format = datetime.date, get_format("DATE_FORMAT")
            else:
                # Text shows as it is (a web address is a link: display_for_field's).
                self.text = isinstance(field, (models.CharField, models.TextField)) and not isinstance(
                    field, models.URLField
                )

    def cell(self, cl, result):
        """The cell's text (or markup) and its classes."""
        classes = [self.field_class]
        try:
            if self.by_row:
                field, attr, value = lookup_field(self.name, result, cl.model_admin)
            elif self.field is not None:
                field, attr, value = self.field, None, getattr(result, self.name)
            else:
                field, attr, value = None, self.attr, self.attr(result)
        except ObjectDoesNotExist:
            return self.empty, classes
        empty = getattr(attr, "empty_value_display", self.empty)
        if isinstance(value, str) and value.strip() == "":
            value = ""
        if self.plain:
            if self.name == "action_checkbox":
                classes = ["action-checkbox"]
            boolean = getattr(attr, "boolean", False)
            if isinstance(attr, property) and hasattr(attr, "fget"):
                boolean = getattr(attr.fget, "boolean", False)
            shown = display_for_value(value, empty, boolean)
            if isinstance(value, (datetime.date, datetime.time)):
                classes.append("nowrap")
            return shown, classes
        if self.foreign:
            related = getattr(result, field.name)
            shown = empty if related is None else related
        elif self.labels is not None:
            shown = self.labels.get(value, empty)
        elif self.text and type(value) is str:
            shown = value or empty
        elif self.date_format is not None and type(value) is self.date_type:
            if self.date_type is datetime.datetime:
                value = timezone.template_localtime(value)
            shown = dateformat.format(value, self.date_format)
        else:
            shown = display_for_field(value, field, empty, avoid_link=self.link)
        if self.nowrap:
            classes.append("nowrap")
        return shown, classes


def _columns(cl):
    empty = cl.model_admin.get_empty_value_display()
    columns, first = [], True
    for index, name in enumerate(cl.list_display):
        link = cl.list_display_links is not None and (
            (first and not cl.list_display_links) or name in cl.list_display_links
        )
        table_tag = "th" if link and first else "td"
        if link:
            first = False
        columns.append(_Column(cl, index, name, empty, link, table_tag))
    return columns


class _Links:
    """Each row's link to its change page, the list's filters kept (`add_preserved_filters`)."""

    def __init__(self, cl):
        self.cl = cl
        self.context = {"preserved_filters": cl.preserved_filters, "opts": cl.opts}
        self.query = None
        self.key = str(cl.to_field) if cl.to_field else cl.lookup_opts.pk.attname

    def __call__(self, result, shown):
        try:
            url = self.cl.url_for_result(result)
        except NoReverseMatch:
            return shown
        if self.query is not None and "?" not in url and "#" not in url:
            # The filters kept are the list's, the same for every row's change page: added to
            # the first row's address by Django, and the same query put after every other's.
            url += self.query
        else:
            linked = add_preserved_filters(self.context, url)
            if "?" not in url and "#" not in url and linked.startswith(url):
                self.query = linked[len(url):]
            url = linked
        popup = format_html(' data-popup-opener="{}"', result.serializable_value(self.key)) if self.cl.is_popup else ""
        return SafeString(f'<a href="{_markup(url)}"{popup}>{_markup(shown)}</a>')


def rows(cl):
    """Each row of the list: its cells' markup, as `admin_list.items_for_result` makes them."""
    columns, link = _columns(cl), _Links(cl)
    for result in cl.result_list:
        cells = []
        for column in columns:
            shown, classes = column.cell(cl, result)
            if column.link:
                shown = link(result, shown)
            tag = column.table_tag
            cells.append(SafeString(f'<{tag} class="{" ".join(classes)}">{_markup(shown)}</{tag}>'))
        yield cells


def result_list(cl):
    """Django's `admin_list.result_list`, the rows made by `rows()`."""
    if cl.formset:
        return admin_list.result_list(cl)
    headers = list(admin_list.result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": [],
        "result_headers": headers,
        "num_sorted_fields": sum(1 for header in headers if header["sortable"] and header["sorted"]),
        "results": [admin_list.ResultList(None, cells) for cells in rows(cl)],
    }


@register.simple_tag
def result_rows(results):
    """The rows of a list without forms (no errors to show above a row), as the loop of Django's
    `admin/change_list_results.html` makes them: the cells `rows()` made, already markup."""
    return mark_safe("".join(f"\n\n<tr>{''.join(cells)}</tr>\n" for cells in results))


@register.tag(name="result_list")
def result_list_tag(parser, token):
    return InclusionAdminNode(
        parser, token, func=result_list, template_name="change_list_results.html", takes_context=False,
    )


@register.simple_tag(takes_context=True)
def filter_choices(context, choices):
    """The items of a list filter, as Django's `admin/filter.html` loops them out: an element a
    choice, in Python rather than four template nodes and a filter each (a trip list's places and
    topics are some ninety)."""
    items = []
    for choice in choices:
        selected = ' class="selected"' if choice.get("selected") else ""
        query = str(choice.get("query_string", ""))
        address = iri_to_uri(query)
        address = mark_safe(address) if isinstance(query, SafeData) else _markup(address)
        shown = render_value_in_context(choice.get("display", ""), context)
        items.append(f'\n    <li{selected}>\n    <a href="{address}">{shown}</a></li>\n  ')
    return mark_safe("".join(items))
