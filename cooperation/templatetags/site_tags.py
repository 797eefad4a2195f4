"""Template helpers of the public site: partial dates, amounts, search excerpts, JSON-LD."""

import datetime
import json
import re
from decimal import Decimal

from django import forms, template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cooperation.dates import DatePrecision, format_partial_date
from cooperation.filtering import KeptChoiceField
from cooperation.markup import format_html, format_html_join
from cooperation.slugs import one_setting

register = template.Library()

# As django.utils.html.json_script: nothing in the data can close the script element. Replaced
# a character at a time (str.replace), not by str.translate, which looks each character of a
# page's Chinese text up in a dict: a trip's block of some 5,000 characters took 0.34 ms, 0.05 so.
_JSON_ESCAPES = ((">", "\\u003E"), ("<", "\\u003C"), ("&", "\\u0026"))

EXCERPT_RADIUS = 60


@register.simple_tag
def person_name(person=None, name="", title="", preview=False):
    """A person as a page names them: linked to their page when it is public (or previewed by
    staff), else the name as printed; then the title as printed, in brackets.

    A tag rather than an included template: a trip or meeting page names a hundred people.
    """
    parts = []
    if person and (person.is_public or preview):
        link = person.get_absolute_url()
        parts.append(format_html('<a class="person-link" href="{}">{}</a>', link, name or person.name))
    elif name:
        parts.append(format_html('<span class="person-name">{}</span>', name))
    if title:
        css = "person-title" if name or person else "person-name"
        text = f"（{title}）" if name or person else title
        parts.append(format_html('<span class="{}">{}</span>', css, text))
    return mark_safe("".join(parts))


@register.simple_tag
@one_setting()
def person_names(people, preview=False, separator="、"):
    """People as the record printed them (a trip's leaders: `person`, `name_as_printed` and
    `title_as_printed`), each as `person_name` writes them, one after another."""
    return mark_safe(separator.join(
        person_name(person=p.person, name=p.name_as_printed, title=p.title_as_printed, preview=preview) for p in people
    ))


@register.simple_tag
def draft_badge(record, preview):
    """" 未发布" beside a link to a record staff see only because they preview drafts."""
    if preview and not record.is_public:
        return format_html(' <span class="tag tag-draft">{}</span>', _("未发布"))
    return ""


def topic_chips(topics, label=None):
    """A card's topics as links (the cards are written in Python: visits and projects); `label`,
    the list's name 协作领域, translated once for a list of cards."""
    if not topics:
        return ""
    return format_html(
        '<ul class="chips" aria-label="{}">{}</ul>', _("协作领域") if label is None else label, _chip_items(topics)
    )


@register.simple_tag
@one_setting()
def chip_items(topics):
    """Topics as the <li> links of a list of chips (a record's aside, the home page; a card's in `topic_chips`)."""
    return _chip_items(topics)


def _chip_items(topics):
    return format_html_join("", '<li><a class="chip" href="{}">{}</a></li>', (
        (topic.get_absolute_url(), topic.name) for topic in topics
    ))


def photo_figure(photo):
    """A photo with its caption and credit, linked to its larger size (with the line that follows it,
    as the template that wrote it before did: tests/data/templates_before/photo.html)."""
    if not photo.thumbnail:
        return "\n"
    size = format_html(' width="{}" height="{}"', photo.width, photo.height) if photo.width else ""
    caption = ""
    if photo.caption or photo.credit:
        separator = " · " if photo.caption and photo.credit else ""
        caption = format_html("<figcaption>{}{}{}</figcaption>", photo.caption, separator, photo.credit)
    href = photo.display.url if photo.display else photo.thumbnail.url
    return format_html(
        '\n<figure class="photo">\n  <a href="{}"><img src="{}" alt="{}"{} loading="lazy"></a>\n  {}\n</figure>\n\n',
        href, photo.thumbnail.url, photo.alt_text, size, caption,
    )


@register.simple_tag
def photo_figures(photos):
    """The figures of a row of photos (a trip's stop, a project)."""
    return SafeString("".join(photo_figure(photo) for photo in photos))


ENGLISH_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]


@register.filter
def partial_date(value, precision="day"):
    """2024年6月20日, 2024年6月 or 2024年 — and 20 June 2024, June 2024 or 2024 in English."""
    if value is None or not get_language().startswith("en"):
        return format_partial_date(value, precision)
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return f"{ENGLISH_MONTHS[value.month - 1]} {value.year}"
    return f"{value.day} {ENGLISH_MONTHS[value.month - 1]} {value.year}"


@register.filter
def machine_date(value, precision="day"):
    """A <time>'s datetime at the precision the record knows: 2024, 2024-06 or 2024-06-20 (a
    year-precision date is stored as 1 January; the page must not claim that day)."""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


@register.filter
def trip_dates(trip):
    """A trip's dates at its precision: one date, or first — last when it spanned several days."""
    start = partial_date(trip.start_date, trip.date_precision)
    if trip.end_date and trip.end_date != trip.start_date:
        return f"{start} — {partial_date(trip.end_date, trip.date_precision)}"
    return start


@register.filter
def amount(value):
    """1200.00 → 1,200; 12.50 → 12.5: figures as offices print them, without trailing zeros."""
    if value in (None, ""):
        return ""
    number = Decimal(value).normalize()
    if number == number.to_integral():
        return f"{int(number):,}"
    return f"{number:,f}"


@register.filter
def json_ld(data):
    """A schema.org block: a data script (not executed), so a strict CSP lets it through."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    for character, escaped in _JSON_ESCAPES:
        text = text.replace(character, escaped)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.filter
def highlight(text, terms):
    """An excerpt of `text` around the first search term, each term marked with <mark>."""
    text = str(text or "")
    terms = [t for t in (terms or []) if t]
    if not text:
        return ""
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - EXCERPT_RADIUS) if match else 0
    end = min(len(text), (match.end() if match else 0) + EXCERPT_RADIUS * 2)
    excerpt = text[start:end]
    parts, position = [], 0
    for found in pattern.finditer(excerpt) if pattern else ():
        parts.append(escape(excerpt[position : found.start()]))
        parts.append(format_html("<mark>{}</mark>", found.group(0)))
        position = found.end()
    parts.append(escape(excerpt[position:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(str(p) for p in parts) + suffix)


@register.simple_tag(takes_context=True)
def active_filters(context, filterset):
    """The filters in force, each with the address that drops it (and the page number)."""
    form = filterset.form
    if not form.is_bound or not hasattr(form, "cleaned_data"):
        return []
    active = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, "", [], ()):
            continue
        if isinstance(field, forms.ModelChoiceField):
            shown = field.label_from_instance(value).strip("\u3000 ")
        elif isinstance(field, KeptChoiceField):
            shown = field.label_of(value)
        elif isinstance(field, forms.ChoiceField):
            shown = dict(field.choices).get(value, value)
        elif isinstance(value, datetime.date):
            shown = format_partial_date(value)
        else:
            shown = amount(value) if isinstance(value, Decimal) else str(value)
        query = context.request.GET.copy()
        query.pop(name, None)
        query.pop("page", None)
        active.append({"label": field.label, "value": shown, "remove": f"?{query.urlencode()}"})
    return active


@register.filter
def elided_pages(page):
    """1 … 4 5 [6] 7 8 … 20: the page links a long list needs, never hundreds of them."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


@register.filter
def current_titles(appointments):
    return "、".join(a.title for a in appointments if a.is_current)


@register.filter
def appointment_period(appointment):
    """2019年1月1日 — 2021年6月30日, or “since …” / “until …” when one end is open."""
    start = partial_date(appointment.start_date, appointment.start_precision)
    end = partial_date(appointment.end_date, appointment.end_precision)
    if start and end:
        return f"{start} — {end}"
    if start:
        return _("%(start)s 起") % {"start": start}
    if end:
        return _("至 %(end)s") % {"end": end}
    return ""


@register.simple_tag
def match_excerpt(record, terms, *fields):
    """The excerpt of the first field that holds a search word, so the reader sees why it matched."""
    texts = [str(getattr(record, name) or "") for name in fields]
    lowered = [t.lower() for t in terms if t]
    for text in texts:
        if any(term in text.lower() for term in lowered):
            return highlight(text, terms)
    return highlight(next((text for text in texts if text), ""), terms)
