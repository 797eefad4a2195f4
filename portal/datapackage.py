"""The open data as a Frictionless data package: each table with its Table Schema, keys and links.

The ledger tables (项目, 年度数据, 考察活动, 会议发言) keep the import's columns first, so a
download re-imports as it is (the import ignores the columns after them, and says so), and add
what an integrator needs to join them: the record's ID, stable for the record's life, whatever
its 编号, title or address later become; the IDs of the records a row belongs to (a speech's
trip, by ID and not by title); and the record's public address. Two more tables spell out what
the 考察活动 ledger packs into cells: the site visits (考察点) of each trip and the projects each
trip inspected or concerns (活动项目), both joined by ID.

Every table starts from `published()`, as the ledgers' `export_queryset(public=True)` do: a row
that names another record names only a published one (a trip's project that is still a draft is
left out of 活动项目, as it is of the trip's 相关项目 cell).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from cooperation.ledgers.cells import format_partial_date
from cooperation.ledgers.service import ledgers
from projects.models import Project, ProjectStage
from visits.models import Delegation, DelegationKind, MeetingKind, SiteVisit, SpeechKind

PROFILE = "tabular-data-package"

ID = "ID"
URL = "网址"
TRIP_ID = "活动ID"
PROJECT_ID = "项目ID"
SITE_ID = "考察点ID"
MEETING_ID = "会议ID"
PAIRING_ID = "结对ID"

# A date at the precision the record knows it: 2024年6月20日, 2024年6月 or 2024年.
PARTIAL_DATE = {
    "type": "string",
    "constraints": {"pattern": r"\d{4}年(\d{1,2}月(\d{1,2}日)?)?"},
    "description": "按记录所知的精度：2024年6月20日、2024年6月 或 2024年",
}
YEAR = {"type": "integer", "constraints": {"minimum": 1949, "maximum": 2100}}
AMOUNT = {"type": "number", "constraints": {"minimum": 0}, "description": "万元"}
COUNT = {"type": "integer", "constraints": {"minimum": 0}}
LINK = {"type": "string", "format": "uri"}
PEOPLE = {"type": "string", "description": "姓名（职务），多人以“；”分隔；职务照报道原文"}
REGIONS = {"type": "string", "description": "行政区划名称，多处以“、”分隔"}


def _choices(choices):
    return {"type": "string", "constraints": {"enum": [str(label) for label in choices.labels]}}


def _id(description, required=True):
    constraints = {"required": True, "minimum": 1} if required else {"minimum": 1}
    return {"type": "integer", "constraints": constraints, "description": description}


# What each column holds, by header: a header means the same in every ledger that has it.
COLUMNS = {
    "编号": {"type": "string", "description": "报送单位自己的编号（可为空）；导入时用以识别同一条记录"},
    "标题": {"type": "string", "constraints": {"required": True}},
    "类型": _choices(DelegationKind),
    "开始日期": PARTIAL_DATE,
    "结束日期": PARTIAL_DATE,
    "代表团": {"type": "string"},
    "带队领导": PEOPLE,
    "代表团成员": PEOPLE,
    "出发地": REGIONS,
    "目的地": REGIONS,
    "考察点": {"type": "string", "description": "地点：内容，多处以“；”分隔；逐条见“考察点”表"},
    "出席人员": PEOPLE,
    "协作领域": {"type": "string", "description": "多个以“、”分隔"},
    "相关项目": {"type": "string", "description": "项目的编号或名称，以“；”分隔；逐条见“活动项目”表"},
    "来源": {"type": "string", "description": "报道的发布单位"},
    "链接": {**LINK, "description": "来源报道的网址"},
    "发布日期": {"type": "date", "format": "%Y年%m月%d日", "description": "来源报道的发布日期"},
    "摘要": {"type": "string"},
    "正文": {"type": "string"},
    "活动编号": {"type": "string", "description": "所属考察活动的编号、链接或标题（导入用）；连接请用“活动ID”"},
    "会议": {"type": "string", "constraints": {"required": True}},
    "会议类型": _choices(MeetingKind),
    "会议日期": PARTIAL_DATE,
    "会议地点": {"type": "string"},
    "顺序": {"type": "integer", "constraints": {"required": True, "minimum": 1}, "description": "会议中的发言顺序"},
    "发言人": {"type": "string", "description": "姓名照报道原文（可为空，如“相关单位负责人”）"},
    "职务": {"type": "string", "description": "职务照报道原文"},
    "发言类型": _choices(SpeechKind),
    "要点": {"type": "string"},
    "项目名称": {"type": "string", "constraints": {"required": True}},
    "支援方": REGIONS,
    "受援方": REGIONS,
    "所在地": REGIONS,
    "实施主体": {"type": "string"},
    "年度": YEAR,
    "状态": _choices(ProjectStage),
    "帮扶资金（万元）": AMOUNT,
    "总投资（万元）": AMOUNT,
    "受益人数": COUNT,
    "简介": {"type": "string"},
    "来源链接": {**LINK, "description": "数据来源报道的网址"},
    URL: {**LINK, "constraints": {"required": True}, "description": "本站上这条记录的公开页面"},
}
for _header in ("财政援助资金（万元）", "社会帮扶资金（万元）", "消费帮扶金额（万元）", "引导企业投资（万元）"):
    COLUMNS[_header] = AMOUNT
for _header in ("挂职干部（人次）", "专业技术人才交流（人次）", "劳务协作人数（人）", "协作项目数（个）"):
    COLUMNS[_header] = COUNT


@dataclass
class Table:
    """One resource of the package: a CSV (and JSON) download with its schema."""

    name: str  # the resource's name and file name: trips → trips.csv
    title: str
    description: str
    headers: tuple
    extra: dict  # column → its field descriptor, for the columns after the ledger's
    primary_key: list
    foreign_keys: list = field(default_factory=list)
    ledger: object = None  # the ledger whose rows come first, if any

    def schema(self):
        fields = []
        for header in self.headers:
            descriptor = self.extra.get(header) or COLUMNS[header]
            fields.append({"name": header, **descriptor})
        schema = {"fields": fields, "missingValues": [""], "primaryKey": self.primary_key}
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": [column], "reference": {"resource": resource, "fields": [target]}}
                for column, resource, target in self.foreign_keys
            ]
        return schema

    def count(self):
        """How many rows the table has (figures: how many figures its rows hold)."""
        if self.ledger is not None:
            return self.ledger.export_queryset(public=True).count()
        return COUNTS[self.name]()

    def rows(self, absolute):
        """The rows of published records; `absolute` turns a path into the public address."""
        if self.ledger is None:
            return ROWS[self.name](absolute)
        extend = EXTEND[self.ledger.ledger_slug]
        records = self.ledger.export_records(self.ledger.export_queryset(public=True), public=True)
        return ([*row, *extend(record, row, absolute)] for record, row in records)


def _record_id_url(record, _row, absolute):
    return [record.pk, absolute(record.get_absolute_url())]


def _speech_columns(speech, _row, absolute):
    meeting = speech.meeting
    return [speech.pk, meeting.delegation_id or "", meeting.pk, absolute(speech.get_absolute_url())]


def _figure_columns(pairing, _row, absolute):
    return [pairing.pk, absolute(pairing.get_absolute_url())]


EXTEND = {
    "projects": _record_id_url,
    "trips": _record_id_url,
    "speeches": _speech_columns,
    "figures": _figure_columns,
}


def _site_visit_rows(absolute):
    visits = (
        SiteVisit.objects.published()
        .select_related("delegation")
        .only("pk", "order", "date", "date_precision", "place", "description", "delegation__slug")
        .order_by("delegation__start_date", "delegation_id", "order", "pk")
    )
    for number_in_trip, visit in _numbered(visits.iterator(chunk_size=1000), key=lambda v: v.delegation_id):
        yield [
            visit.pk,
            visit.delegation_id,
            number_in_trip,
            format_partial_date(visit.date, visit.date_precision) if visit.date else "",
            visit.place,
            visit.description,
            absolute(visit.get_absolute_url()),
        ]


def _numbered(items, key):
    """Each item with its place among the consecutive items that share its key, from 1."""
    current, number = object(), 0
    for item in items:
        number = number + 1 if key(item) == current else 1
        current = key(item)
        yield number, item


def _trip_projects():
    """Which published project each published trip inspected (at which stop) or concerns."""
    projects = Project.objects.published()
    inspected = (
        SiteVisit.projects.through.objects.filter(sitevisit__in=SiteVisit.objects.published(), project__in=projects)
        .order_by("sitevisit__delegation_id", "sitevisit__order", "sitevisit_id", "project_id")
        .values_list("sitevisit__delegation_id", "project_id", "sitevisit_id")
    )
    related = (
        Delegation.related_projects.through.objects.filter(
            delegation__in=Delegation.objects.published(), project__in=projects
        )
        .order_by("delegation_id", "project_id")
        .values_list("delegation_id", "project_id")
    )
    return inspected, related


def _trip_project_rows(_absolute):
    inspected, related = _trip_projects()
    for trip, project, site in inspected.iterator(chunk_size=2000):
        yield [trip, project, site, str(INSPECTED)]
    for trip, project in related.iterator(chunk_size=2000):
        yield [trip, project, "", str(RELATED)]


INSPECTED, RELATED = _("考察"), _("相关")

ROWS = {"site-visits": _site_visit_rows, "trip-projects": _trip_project_rows}
COUNTS = {
    "site-visits": lambda: SiteVisit.objects.published().count(),
    "trip-projects": lambda: sum(queryset.count() for queryset in _trip_projects()),
}


@dataclass(frozen=True)
class _Description:
    """How one table is made: a ledger's export with columns after it, or a table of its own."""

    name: str
    description: str
    columns: tuple  # after the ledger's headers, if the table has a ledger; else all of them
    extra: dict
    primary_key: tuple
    foreign_keys: tuple = ()
    ledger: str = ""  # the slug of the ledger whose rows and title come first
    title: str = ""  # the title of a table without a ledger
    needs: tuple = ()  # the ledgers a table without its own ledger is built from


TABLES = (
    _Description(
        "projects",
        "已发布的协作项目，一行一个项目。",
        (ID, URL),
        {ID: _id("项目在本站的 ID，不随编号、名称或网址改变")},
        (ID,),
        ledger="projects",
    ),
    _Description(
        "figures",
        "结对关系逐年报送的完成数，一行一个结对关系的一年。",
        (PAIRING_ID, URL),
        {PAIRING_ID: _id("结对关系在本站的 ID")},
        (PAIRING_ID, "年度"),
        ledger="figures",
    ),
    _Description(
        "trips",
        "已发布的考察活动，一行一次考察。",
        (ID, URL),
        {ID: _id("考察活动在本站的 ID，不随编号、标题或网址改变")},
        (ID,),
        ledger="trips",
    ),
    _Description(
        "speeches",
        "已发布会议上的发言，一行一位发言人的一次发言。",
        (ID, TRIP_ID, MEETING_ID, URL),
        {
            ID: _id("发言在本站的 ID"),
            TRIP_ID: _id("会议所属考察活动的 ID（单独举行的会议为空）", required=False),
            MEETING_ID: _id("会议在本站的 ID"),
        },
        (ID,),
        ((TRIP_ID, "trips", ID),),
        ledger="speeches",
    ),
    _Description(
        "site-visits",
        "已发布考察活动的实地考察点，按考察顺序，一行一处。",
        (ID, TRIP_ID, "顺序", "日期", "地点", "考察内容", URL),
        {
            ID: _id("考察点在本站的 ID"),
            TRIP_ID: _id("所属考察活动的 ID"),
            "顺序": {
                "type": "integer",
                "constraints": {"required": True, "minimum": 1},
                "description": "在这次考察中的顺序",
            },
            "日期": PARTIAL_DATE,
            "地点": {"type": "string", "constraints": {"required": True}},
            "考察内容": {"type": "string"},
        },
        (ID,),
        ((TRIP_ID, "trips", ID),),
        title="考察点",
        needs=("trips",),
    ),
    _Description(
        "trip-projects",
        "考察活动在考察点考察的项目（考察）和与之相关的项目（相关），一行一对。",
        (TRIP_ID, PROJECT_ID, SITE_ID, "关系"),
        {
            TRIP_ID: _id("考察活动的 ID"),
            PROJECT_ID: _id("项目的 ID"),
            SITE_ID: _id("考察了这个项目的考察点的 ID（“相关”为空）", required=False),
            "关系": {
                "type": "string",
                "constraints": {"required": True, "enum": [str(INSPECTED), str(RELATED)]},
            },
        },
        (),
        ((TRIP_ID, "trips", ID), (PROJECT_ID, "projects", ID), (SITE_ID, "site-visits", ID)),
        title="活动项目",
        needs=("trips", "projects"),
    ),
)


def tables():
    """The package's tables, in the order the import reads the ledgers, then the two derived.

    A table whose ledger (or one it is built from) is not registered is left out."""
    by_slug = {ledger.ledger_slug: ledger for ledger in ledgers()}
    found = []
    for made in TABLES:
        if not all(slug in by_slug for slug in (made.ledger, *made.needs) if slug):
            continue
        ledger = by_slug.get(made.ledger)
        found.append(
            Table(
                made.name,
                str(ledger.ledger_name) if ledger else made.title,
                made.description,
                (*ledger.ledger_headers, *made.columns) if ledger else made.columns,
                made.extra,
                list(made.primary_key),
                list(made.foreign_keys),
                ledger=ledger,
            )
        )
    return found


def table(name):
    return next((item for item in tables() if item.name == name), None)


def descriptor(tables_, resource_path, title, homepage, created):
    """datapackage.json: the package, each table with its file, format and schema."""
    resources = []
    for item in tables_:
        schema = item.schema()
        if not schema["primaryKey"]:
            del schema["primaryKey"]
        resources.append(
            {
                "name": item.name,
                "path": resource_path(item.name),
                "profile": "tabular-data-resource",
                "title": item.title,
                "description": item.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "profile": PROFILE,
        "name": "jingmeng-xiezuo",
        "title": title,
        "homepage": homepage,
        "created": created,
        "resources": resources,
    }
