"""Data at the size real offices reach, made with bulk inserts (a minute, not an hour).

The large size: 5,000 trips, 20,000 site visits, 10,000 meetings, 60,000 speeches,
5,000 people, 10,000 projects and 50 pairings, every one published and linked the way
real records are (trips to pairings, destinations and topics; site visits to projects;
speeches to people), so that pages have as much to show as they will in production.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from cooperation.models import Appointment, FigureMetric, Pairing, Person, ProgramFigure, Region, Topic
from projects.models import Project, ProjectUpdate
from review.models import Status
from visits.models import Delegation, Meeting, Participant, SiteVisit, Speech

LARGE = {
    "trips": 5000,
    "site_visits": 20000,
    "meetings": 10000,
    "speeches": 60000,
    "people": 5000,
    "projects": 10000,
    "pairings": 50,
}

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
    "苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史"
    "顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红宏斌鹏宇浩然子涵欣怡晨阳俊博文轩雨泽思远嘉豪"
PLACES = [
    "现代农业产业园",
    "肉牛养殖基地",
    "光伏发电项目",
    "中心卫生院",
    "第一中学",
    "人才公寓",
    "乡村振兴示范村",
    "马铃薯种植基地",
    "芍药种植基地",
    "冷链物流中心",
    "职业技能培训中心",
    "文旅小镇",
    "设施农业大棚",
]
TITLES = ["区委书记", "区长", "副区长", "旗委书记", "旗长", "副旗长", "盟委副书记", "市委常委", "局长", "主任"]


def _name(rng, n):
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN) + (str(n) if n >= 2000 else "")


@transaction.atomic
def generate(scale=1.0, seed=20241, batch=2000):
    """Add published records at `scale` × the large size; returns the counts made."""
    rng = random.Random(seed)
    now = timezone.now() - datetime.timedelta(minutes=1)
    published = {"status": Status.PUBLISHED, "published_at": now}
    size = {key: max(1, int(value * scale)) for key, value in LARGE.items()}

    beijing = list(Region.objects.filter(side="support", level="county"))
    banners = list(Region.objects.filter(side="recipient", level="county"))
    topics = list(Topic.objects.all())
    existing = set(Pairing.objects.values_list("support_region_id", "recipient_region_id"))
    pairings = []
    for support, recipient in ((s, r) for r in banners for s in beijing):
        if len(pairings) >= size["pairings"]:
            break
        if (support.pk, recipient.pk) not in existing and rng.random() < 0.05:
            pairings.append(
                Pairing(
                    support_region=support,
                    recipient_region=recipient,
                    start_year=2021,
                    slug=f"bench-pairing-{len(pairings)}",
                )
            )
    Pairing.objects.bulk_create(pairings)
    pairings = list(Pairing.objects.filter(slug__startswith="bench-pairing-").select_related("recipient_region"))
    figures = [
        ProgramFigure(
            pairing=p,
            year=year,
            metric=metric,
            planned=Decimal(rng.randint(100, 9000)),
            actual=Decimal(rng.randint(100, 9000)),
        )
        for p in pairings
        for year in (2021, 2022, 2023, 2024)
        for metric in (FigureMetric.FUNDS, FigureMetric.LABOUR)
    ]
    ProgramFigure.objects.bulk_create(figures, batch_size=batch)

    people = [
        Person(name=_name(rng, n), disambiguation=f"基准{n}", slug=f"bench-person-{n}", **published)
        for n in range(size["people"])
    ]
    Person.objects.bulk_create(people, batch_size=batch)
    people = list(Person.objects.filter(slug__startswith="bench-person-"))
    Appointment.objects.bulk_create([Appointment(person=p, title=rng.choice(TITLES)) for p in people], batch_size=batch)

    projects = [
        Project(
            name=f"{p.recipient_region.display_name}{rng.choice(PLACES)}{n}",
            slug=f"bench-project-{n}",
            pairing=p,
            region=p.recipient_region,
            start_year=rng.randint(2018, 2025),
            stage=rng.choice(["planned", "building", "built", "operating"]),
            aid_funds=Decimal(rng.randint(50, 5000)),
            total_investment=Decimal(rng.randint(5000, 50000)),
            beneficiaries=rng.randint(10, 5000),
            description="基准数据：帮扶项目简介。",
            **published,
        )
        for n, p in ((n, rng.choice(pairings)) for n in range(size["projects"]))
    ]
    Project.objects.bulk_create(projects, batch_size=batch)
    projects = list(Project.objects.filter(slug__startswith="bench-project-"))
    ProjectUpdate.objects.bulk_create(
        [ProjectUpdate(project=p, date=datetime.date(p.start_year, 6, 1), title="开工建设") for p in projects],
        batch_size=batch,
    )
    Project.topics.through.objects.bulk_create(
        [Project.topics.through(project_id=p.pk, topic_id=rng.choice(topics).pk) for p in projects], batch_size=batch
    )

    trips = []
    for n in range(size["trips"]):
        pairing = rng.choice(pairings)
        day = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randint(0, 2400))
        trips.append(
            Delegation(
                title=f"{pairing.support_region.display_name}党政代表团赴{pairing.recipient_region.display_name}考察{n}",
                slug=f"bench-trip-{n}",
                name=f"{pairing.support_region.display_name}党政代表团",
                origin_id=pairing.support_region_id,
                start_date=day,
                end_date=day + datetime.timedelta(days=2),
                summary="基准数据：考察摘要。",
                body="基准数据：考察正文。",
                **published,
            )
        )
    Delegation.objects.bulk_create(trips, batch_size=batch)
    trips = list(Delegation.objects.filter(slug__startswith="bench-trip-").only("pk", "origin_id"))
    by_origin = {}
    for p in pairings:
        by_origin.setdefault(p.support_region_id, []).append(p)
    through = Delegation.pairings.through
    links, destinations, trip_topics = [], [], []
    for trip in trips:
        pairing = rng.choice(by_origin[trip.origin_id])
        links.append(through(delegation_id=trip.pk, pairing_id=pairing.pk))
        destinations.append(
            Delegation.destinations.through(delegation_id=trip.pk, region_id=pairing.recipient_region_id)
        )
        for topic in rng.sample(topics, 3):
            trip_topics.append(Delegation.topics.through(delegation_id=trip.pk, topic_id=topic.pk))
    through.objects.bulk_create(links, batch_size=batch)
    Delegation.destinations.through.objects.bulk_create(destinations, batch_size=batch)
    Delegation.topics.through.objects.bulk_create(trip_topics, batch_size=batch)

    participants = []
    for trip in trips:
        for order, person in enumerate(rng.sample(people, 4)):
            participants.append(
                Participant(
                    delegation_id=trip.pk,
                    person=person,
                    name_as_printed=person.name,
                    title_as_printed=rng.choice(TITLES),
                    side="visiting" if order < 2 else "host",
                    role="leader" if order == 0 else ("member" if order == 1 else "attending"),
                    order=order,
                )
            )
    Participant.objects.bulk_create(participants, batch_size=batch)

    visits = [
        SiteVisit(
            delegation_id=trips[n % len(trips)].pk,
            order=n // len(trips),
            place=f"{rng.choice(PLACES)}{n}",
            description=f"了解{rng.choice(PLACES)}建设运营情况。",
        )
        for n in range(size["site_visits"])
    ]
    SiteVisit.objects.bulk_create(visits, batch_size=batch)
    visit_ids = list(SiteVisit.objects.filter(delegation__slug__startswith="bench-trip-").values_list("pk", flat=True))
    SiteVisit.projects.through.objects.bulk_create(
        [SiteVisit.projects.through(sitevisit_id=v, project_id=rng.choice(projects).pk) for v in visit_ids],
        batch_size=batch,
    )

    meetings = [
        Meeting(
            delegation_id=trips[n % len(trips)].pk,
            title=f"京蒙协作座谈会{n}",
            slug=f"bench-meeting-{n}",
            order=n // len(trips),
            place="会议室",
            **published,
        )
        for n in range(size["meetings"])
    ]
    Meeting.objects.bulk_create(meetings, batch_size=batch)
    meetings = list(Meeting.objects.filter(slug__startswith="bench-meeting-").values_list("pk", flat=True))
    speeches = []
    for n in range(size["speeches"]):
        person = rng.choice(people)
        speeches.append(
            Speech(
                meeting_id=meetings[n % len(meetings)],
                person=person,
                name_as_printed=person.name,
                title_as_printed=rng.choice(TITLES),
                kind=rng.choice(["speech", "briefing", "remark", "emphasis"]),
                points="要深化产业协作，推动劳务协作和消费帮扶，加强人才交流。",
                order=n // len(meetings),
            )
        )
    Speech.objects.bulk_create(speeches, batch_size=batch)
    return size
