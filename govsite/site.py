"""What every public page reads from govsite: the site settings and which sections have content.

Both come from one query, kept in the cache: the settings row, with each section's latest
publication and update time as subqueries beside it. A page asks the cache once (the result
is kept on the request for the header, the head and the footer). The entry is kept like every
cached copy of public content (cooperation/content_version.py): until a table it read changes —
the settings or any section's records, a bulk update or an import included — or a scheduled
record's time comes.
"""

import datetime
import logging
from dataclasses import dataclass
from functools import cached_property

from django.apps import apps
from django.conf import settings
from django.db.models import Max, Subquery
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import get_language

from cooperation import content_version
from govsite.models import SETTINGS_PK, SiteSettings
from govsite.sections import SECTIONS

logger = logging.getLogger(__name__)

CACHE_KEY = "govsite:site:2"
# The derived tag of which sections have something published (see `current`).
SECTIONS_WITH_CONTENT = "d:govsite:sections"
REQUEST_ATTRIBUTE = "_govsite_site"

# What a site shows before anyone has filled in its settings (the data migration writes the same).
PLACEHOLDERS = {
    "site_name": "京蒙协作记录",
    "sponsor": "主办单位（待填写）",
    "address": "地址（待填写）",
    "phone": "联系电话（待填写）",
}


_list_urls = {}


def _list_url(name):
    """A section's list address ("" when it has none), reversed once per prefix, language and URL conf."""
    if not name:
        return ""
    key = (name, get_script_prefix(), get_language(), get_urlconf())
    url = _list_urls.get(key)
    if url is None:
        try:
            url = reverse(name)
        except NoReverseMatch:
            url = ""
        _list_urls[key] = url
    return url


@dataclass(frozen=True)
class SectionState:
    section: object
    last_published: datetime.datetime | None
    last_updated: datetime.datetime | None

    @property
    def has_content(self):
        return self.last_published is not None

    @property
    def last_update(self):
        times = [t for t in (self.last_published, self.last_updated) if t is not None]
        return max(times) if times else None

    @property
    def url(self):
        return _list_url(self.section.list_url_name)

    def is_stale(self, now=None):
        """Past its freshness limit: nothing published at all, or nothing new for too long."""
        if self.last_update is None:
            return True
        return (now or timezone.now()) - self.last_update > self.section.freshness_limit


@dataclass(frozen=True)
class Site:
    settings: SiteSettings
    sections: tuple

    @cached_property
    def linked_sections(self):
        """Sections with a list page and something published: what the navigation and footer link to."""
        return [state for state in self.sections if state.has_content and state.url]

    def section(self, key):
        return next(state for state in self.sections if state.section.key == key)


def _section_times(times):
    """Each section's state from {key: (last published, last updated)}; composite sections combine theirs."""
    states = []
    for section in SECTIONS:
        parts = [times[key] for key in section.made_of] if section.made_of else [times[section.key]]
        published = [p for p, _u in parts if p is not None]
        updated = [u for _p, u in parts if u is not None]
        states.append(
            SectionState(section, max(published) if published else None, max(updated) if updated else None)
        )
    return tuple(states)


def _subqueries():
    annotations = {}
    for section in SECTIONS:
        if not section.model:
            continue
        queryset = section.published().order_by()
        annotations[f"{section.key}__published"] = Subquery(
            queryset.order_by("-published_at").values("published_at")[:1]
        )
        annotations[f"{section.key}__updated"] = Subquery(queryset.order_by("-updated_at").values("updated_at")[:1])
    return annotations


def load():
    """Read the settings and the sections' times from the database: one query."""
    row = SiteSettings.objects.filter(pk=SETTINGS_PK).annotate(**_subqueries()).first()
    if row is not None:
        times = {
            s.key: (getattr(row, f"{s.key}__published"), getattr(row, f"{s.key}__updated"))
            for s in SECTIONS
            if s.model
        }
        for name in list(vars(row)):
            if "__" in name:
                delattr(row, name)
        return {"settings": row, "times": times}
    # Only a database whose settings row was removed by hand gets here: show the placeholders.
    times = {}
    for section in SECTIONS:
        if section.model:
            found = section.published().aggregate(published=Max("published_at"), updated=Max("updated_at"))
            times[section.key] = (found["published"], found["updated"])
    return {"settings": SiteSettings(pk=SETTINGS_PK, **PLACEHOLDERS), "times": times}


def _linked_section_keys():
    """Which sections have something published: the part of the site state every page shows.

    Asked after every commit that writes content: whether anything is published, not when (as
    `load` reads it), is all it needs, and that is one small EXISTS per section.
    """
    published = {section.key: section.published().exists() for section in SECTIONS if section.model}
    return ",".join(
        section.key for section in SECTIONS if any(published.get(key) for key in section.made_of or (section.key,))
    )


def watch_sections():
    """Have every commit that writes a section's records check whether `SECTIONS_WITH_CONTENT` moved."""
    models_read = [apps.get_model(section.model) for section in SECTIONS if section.model]
    content_version.derived(SECTIONS_WITH_CONTENT, models_read, _linked_section_keys)


def current():
    """The site's settings and sections, from the cache when it has them.

    Every page shows the settings and which sections have something published; the times of
    the latest changes are for the staff dashboard. So a page depends on the settings' table and
    on `SECTIONS_WITH_CONTENT`, which changes only when a section gains or loses its first
    record — not on every edit to a trip, as the cached entry itself does.
    """
    # A cache that is down costs a query per page, never the page (/healthz reports the cache).
    data = content_version.cached(
        CACHE_KEY,
        load,
        settings.GOVSITE_CACHE_SECONDS,
        shows_tags=(content_version.model_tag(SiteSettings), SECTIONS_WITH_CONTENT),
    )
    return _site(data)


def _site(data):
    return Site(settings=data["settings"], sections=_section_times(data["times"]))


def for_request(request):
    """current(), asked once per request however many parts of the page read it."""
    if request is None:
        return current()
    site = getattr(request, REQUEST_ATTRIBUTE, None)
    if site is None:
        site = current()
        setattr(request, REQUEST_ATTRIBUTE, site)
    return site
