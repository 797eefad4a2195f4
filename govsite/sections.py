"""The site's sections (栏目): what each is called, where it lives, what it publishes, how fresh it must be.

The 网页标签 of list pages come from here (ColumnName, ColumnDescription, ColumnKeywords,
ColumnType), the main navigation and the footer show only the sections that have something
published, and the staff dashboard measures each against its freshness limit.

A section names the model it publishes by label ("visits.Delegation"): this app sits below the
apps whose records it describes, so it looks them up in the app registry rather than import them.
`published()` gives the section's public queryset. A section that only republishes others (open
data is made of trips, meetings and projects) names them in `made_of` instead.
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Kind:
    """News-like sections must show something new within weeks; reference sections within months."""

    NEWS = "news"
    REFERENCE = "reference"


@dataclass(frozen=True)
class Section:
    key: str
    name: Promise
    column_type: Promise
    description: Promise
    keywords: Promise
    kind: str
    # The list page, when the section has one: the navigation and the footer link to it.
    list_url_name: str = ""
    # Every view of the section's pages, list and detail: their 网页标签 name this section.
    url_names: tuple = ()
    model: str = ""
    made_of: tuple = field(default=())

    @property
    def namespace(self):
        return self.list_url_name.split(":")[0] if self.list_url_name else ""

    def published(self):
        return apps.get_model(self.model).objects.published()

    @property
    def freshness_limit(self):
        days = settings.GOVSITE_FRESHNESS_DAYS
        return datetime.timedelta(days=days.get(self.key, days[self.kind]))



SECTIONS = (
    Section(
        key="trips",
        name=_("考察活动"),
        column_type=_("工作动态"),
        description=_("京蒙协作代表团考察、来访、调研与签约活动的记录，含行程、实地考察点与出席人员。"),
        keywords=_("京蒙协作,东西部协作,代表团,考察,对接"),
        kind=Kind.NEWS,
        list_url_name="visits:delegation_list",
        url_names=("visits:delegation_list", "visits:delegation_detail"),
        model="visits.Delegation",
    ),
    Section(
        key="meetings",
        name=_("会议座谈"),
        column_type=_("工作动态"),
        description=_("座谈会、联席会、签约仪式与对接会，以及会上每位发言人的发言要点。"),
        keywords=_("京蒙协作,座谈会,联席会,签约仪式,发言"),
        kind=Kind.NEWS,
        url_names=("visits:meeting_detail",),
        model="visits.Meeting",
    ),
    Section(
        key="projects",
        name=_("协作项目"),
        column_type=_("专题专栏"),
        description=_("京蒙协作项目：结对关系、所在地、实施主体、帮扶资金与投资、进展与考察记录。"),
        keywords=_("京蒙协作,协作项目,帮扶资金,产业协作"),
        kind=Kind.REFERENCE,
        list_url_name="projects:project_list",
        url_names=("projects:project_list", "projects:project_detail"),
        model="projects.Project",
    ),
    Section(
        key="people",
        name=_("人物"),
        column_type=_("机构职能"),
        description=_("参与京蒙协作的人物：任职经历、参加的考察活动与会议发言。"),
        keywords=_("京蒙协作,人物,任职,发言"),
        kind=Kind.REFERENCE,
        list_url_name="cooperation:person_list",
        url_names=("cooperation:person_list", "cooperation:person_detail"),
        model="cooperation.Person",
    ),
    Section(
        key="opendata",
        name=_("开放数据"),
        column_type=_("数据发布"),
        description=_("已发布的考察活动、会议发言与协作项目，以 CSV 和 JSON 下载，列与导入台账相同。"),
        keywords=_("京蒙协作,开放数据,数据下载,CSV,JSON"),
        kind=Kind.REFERENCE,
        list_url_name="opendata:index",
        url_names=("opendata:index",),
        made_of=("trips", "meetings", "projects"),
    ),
)

SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}
SECTIONS_BY_URL_NAME = {url_name: section for section in SECTIONS for url_name in section.url_names}


def section_of(request):
    """The section the page being served belongs to, or None (home, search, places …)."""
    match = getattr(request, "resolver_match", None)
    return SECTIONS_BY_URL_NAME.get(match.view_name) if match is not None else None
