"""Synthetic ledgers for the benchmark: many trips, speeches and projects, as offices write them.

Deterministic for a seed. Names, titles, places and dates vary the way real ledgers do: titles
with 、, Mongolian names with a middle dot, every date form, townships not yet known, people
who come back trip after trip.
"""

import random
import re

from cooperation.ledgers.files import write_csv
from cooperation.reference import read_region_rows

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁"
    "邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖"
    "邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉建国"
    "志宏文斌佳怡晨宇浩然子轩博涵一鸣振江祥伟有国佰成飞云允利秀萍"
)
MONGOLIAN = ["额尔德尼", "额尔登巴特尔", "宝力格", "奇·达楞太", "巴特尔", "苏和", "乌力吉", "那顺", "其其格", "图雅"]
TITLES = [
    "区委书记",
    "区长",
    "副区长",
    "旗委书记",
    "旗长",
    "副旗长",
    "市委副书记、市长",
    "盟委委员、副盟长",
    "内蒙古自治区政协副主席、锡林郭勒盟委书记",
    "乌兰察布市政协副主席、察右前旗委书记",
    "区委常委、常务副区长",
    "区发展改革委主任",
    "旗农牧局局长",
    "区教委主任",
    "旗卫健委主任",
    "区商务局局长",
    "旗乡村振兴局局长",
]
PLAIN_TITLES = [title for title in TITLES if not any(name in title for name in ("内蒙古", "乌兰察布", "锡林郭勒"))]
TOWNSHIPS = ["巴音塔拉镇", "星耀镇", "平地泉镇", "土贵乌拉镇", "明星镇", "伊和淖尔苏木", "宝力根陶海苏木", "新城街道"]
TOPICS = ["产业协作", "劳务协作", "消费帮扶", "人才交流", "教育", "医疗", "文旅", "新能源", "科技", "乡村振兴"]
PLACES = [
    "现代农业产业园",
    "肉牛养殖基地",
    "光伏产业园",
    "职业技术学校",
    "人民医院",
    "就业帮扶车间",
    "冷链物流中心",
    "乡村振兴示范村",
    "文旅小镇",
    "马铃薯种植基地",
]
MEETINGS = ["座谈会", "京蒙协作工作座谈会", "联席会议", "项目签约仪式", "产销对接会"]
KINDS = ["考察", "来访", "调研", "签约", "会议", "其他"]
STAGES = ["谋划", "在建", "建成", "运营", "终止"]
SPEECH_KINDS = ["讲话", "介绍情况", "表示", "强调", "主持"]


def _regions():
    rows = read_region_rows()
    beijing = [r["name"] for r in rows if r["side"] == "support" and r["level"] == "county"]
    inner = [
        (r["aliases"].split("|")[0] or r["name"]) if r["aliases"] else r["name"]
        for r in rows
        if r["side"] == "recipient" and r["level"] == "county"
    ]
    return beijing, inner


def _date(rnd, year, form):
    month, day = rnd.randint(1, 12), rnd.randint(1, 28)
    return [
        f"{year}-{month:02d}-{day:02d}",
        f"{year}/{month}/{day}",
        f"{year}.{month}.{day}",
        f"{year}年{month}月{day}日",
        f"{year}年{month}月",
        f"{year}年",
    ][form]


class Generator:
    def __init__(self, seed=2024, people=3000):
        self.rnd = random.Random(seed)
        self.beijing, self.inner = _regions()
        rnd = self.rnd
        names = set()
        while len(names) < people:
            if rnd.random() < 0.08:
                names.add(rnd.choice(MONGOLIAN) + rnd.choice("一二三四五六七八九十") + str(len(names) % 97))
            else:
                names.add(rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.randint(1, 2))))
        self.people = sorted(names)
        # Each person belongs to one district or banner, as in life: the import tells namesakes
        # apart by region, so people drawn at random across regions would be namesakes, not one
        # person travelling everywhere.
        places = self.beijing + self.inner
        self.people_of = {place: self.people[i :: len(places)] for i, place in enumerate(places)}

    def person(self, place):
        """Someone of `place`: a title that names a region names theirs (察右前旗旗长), as in life."""
        title = self.rnd.choice(PLAIN_TITLES)
        if self.rnd.random() < 0.15:
            title = place + title
        return f"{self.rnd.choice(self.people_of[place])}（{title}）"

    def projects(self, count):
        rnd = self.rnd
        rows = []
        for n in range(1, count + 1):
            support, recipient = rnd.choice(self.beijing), rnd.choice(self.inner)
            place = rnd.choice(PLACES)
            rows.append(
                [
                    f"P{n:05d}",
                    f"{recipient}{place}项目{n}",
                    support,
                    recipient,
                    recipient + rnd.choice(TOWNSHIPS) if rnd.random() < 0.5 else recipient,
                    f"{recipient}{rnd.choice(['农牧业发展有限公司', '文化旅游投资有限公司', '人民医院', '职业中学'])}",
                    "、".join(rnd.sample(TOPICS, rnd.randint(1, 3))),
                    rnd.randint(2018, 2025),
                    rnd.choice(STAGES),
                    f"{rnd.randint(50, 5000)}",
                    f"{rnd.randint(5000, 90000)}.5",
                    rnd.randint(0, 3000),
                    f"{place}，带动脱贫人口就业增收。" * rnd.randint(1, 3),
                    f"https://example.gov.cn/projects/{n}.html",
                ]
            )
        return rows

    def trips(self, count, projects=0):
        rnd = self.rnd
        rows = []
        for n in range(1, count + 1):
            origin = rnd.choice(self.beijing)
            destinations = rnd.sample(self.inner, rnd.randint(1, 2))
            year = rnd.randint(2018, 2025)
            form = rnd.choice([0, 0, 0, 1, 2, 3, 3, 4, 5])
            start = _date(rnd, year, form)
            sites = [
                f"{rnd.choice(destinations)}{rnd.choice(PLACES)}：了解{rnd.choice(TOPICS)}、{rnd.choice(TOPICS)}等情况"
                for _ in range(rnd.randint(2, 5))
            ]
            related = [f"P{rnd.randint(1, projects):05d}" for _ in range(rnd.randint(0, 2))] if projects else []
            rows.append(
                [
                    f"T{n:05d}",
                    f"{origin}代表团赴{'、'.join(destinations)}考察对接（{n}）",
                    rnd.choice(KINDS),
                    start,
                    "",
                    f"{origin}赴{destinations[0]}{rnd.choice(['党政', '教育', '医疗', '农业', '商务'])}考察团",
                    self.person(origin),
                    "；".join(self.person(origin) for _ in range(rnd.randint(2, 4))),
                    origin,
                    "、".join(destinations),
                    "；\n".join(sites),
                    "；".join(self.person(rnd.choice(destinations)) for _ in range(rnd.randint(3, 6))),
                    "、".join(rnd.sample(TOPICS, rnd.randint(1, 4))),
                    "、".join(sorted(set(related))),
                    rnd.choice(["大兴区人民政府网", "北京市支援合作办", "内蒙古日报"]),
                    f"https://example.gov.cn/news/{n}.html",
                    _date(rnd, year, 0),
                    "代表团实地考察并召开座谈会。",
                    "　　" + "代表团一行实地考察了产业项目和帮扶车间，并召开座谈会。" * rnd.randint(3, 12),
                ]
            )
        return rows

    def speeches(self, trips):
        rnd = self.rnd
        rows = []
        for trip in trips:
            for meeting in rnd.sample(MEETINGS, rnd.randint(1, 2)):
                kind = rnd.choice(["座谈会", "联席会", "签约仪式", "对接会"])
                for order in range(1, rnd.randint(2, 5) + 1):
                    # Speakers are people of the trip, as in the reports.
                    name = self.rnd.choice(re.findall(r"([^；（]+)（", "；".join((trip[6], trip[7], trip[11]))))
                    title = rnd.choice(TITLES)
                    rows.append(
                        [
                            trip[0],
                            meeting,
                            kind,
                            "",
                            trip[9].split("、")[0],
                            order,
                            name,
                            title,
                            rnd.choice(SPEECH_KINDS),
                            "要进一步深化协作，推动产业项目落地见效。" * rnd.randint(1, 4),
                        ]
                    )
        return rows


def write_ledgers(directory, trips=10_000, projects=10_000, seed=2024):
    """Write 项目.csv, 考察活动.csv and 会议发言.csv into `directory`; returns their paths and row counts."""
    from cooperation.ledgers.service import ledger_by_slug

    generator = Generator(seed)
    project_rows = generator.projects(projects)
    trip_rows = generator.trips(trips, projects)
    speech_rows = generator.speeches(trip_rows)
    files = {}
    for slug, rows in (("projects", project_rows), ("trips", trip_rows), ("speeches", speech_rows)):
        ledger = ledger_by_slug(slug)
        name = ledger.ledger_name
        path = directory / f"{name}.csv"
        path.write_bytes(write_csv(ledger.ledger_headers, rows))
        files[name] = (path, len(rows))
    return files


def plain_datasets(directory):
    """The same trip and project rows for a plain ModelResource with default settings.

    A ModelResource reads the model's own columns, so it gets each row's scalar cells (and
    the origin as an id, which is what it expects for a foreign key); the people, site visits,
    destinations, topics and projects of a trip have no column it could write them to.
    """
    import csv

    import tablib
    from django.apps import apps
    from import_export.resources import modelresource_factory

    from cooperation.ledgers.cells import parse_date
    from cooperation.regions import RegionIndex

    index = RegionIndex.load()

    def read(name):
        with open(directory / f"{name}.csv", encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))

    def label_value(model, field_name):
        return {str(label): value for value, label in model._meta.get_field(field_name).choices}

    delegation = apps.get_model("visits", "Delegation")
    kinds = label_value(delegation, "kind")
    trips = tablib.Dataset(
        headers=[
            "id",
            "code",
            "title",
            "kind",
            "name",
            "origin",
            "start_date",
            "end_date",
            "date_precision",
            "summary",
            "body",
        ]
    )
    for row in read("考察活动"):
        start, precision = parse_date(row["开始日期"])
        origin = index.resolve(row["出发地"])
        trips.append(
            [
                "",
                row["编号"],
                row["标题"],
                kinds[row["类型"]],
                row["代表团"],
                origin.pk if origin else "",
                start.isoformat() if start else "",
                "",
                precision,
                row["摘要"],
                row["正文"],
            ]
        )
    project = apps.get_model("projects", "Project")
    stages = label_value(project, "stage")
    projects = tablib.Dataset(
        headers=[
            "id",
            "code",
            "name",
            "start_year",
            "stage",
            "aid_funds",
            "total_investment",
            "beneficiaries",
            "description",
        ]
    )
    for row in read("项目"):
        projects.append(
            [
                "",
                row["编号"],
                row["项目名称"],
                row["年度"],
                stages[row["状态"]],
                row["帮扶资金（万元）"],
                row["总投资（万元）"],
                row["受益人数"],
                row["简介"],
            ]
        )
    return [
        ("项目", modelresource_factory(project)(), projects),
        ("考察活动", modelresource_factory(delegation)(), trips),
    ]
