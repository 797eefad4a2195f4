"""The words the rules stand on: places, the endings of official titles, topic keywords.

Region names come from the caller: the Django layer passes the Region table; tests and the
benchmark read `cooperation/data/regions.csv`, the file the table is loaded from. Titles are
split from names by their endings, never by counting characters, because Mongolian names
run from two to seven characters and some carry a middle dot.
"""

import csv
import dataclasses
import functools
from pathlib import Path

from .results import RegionSide

REGIONS_CSV = Path(__file__).resolve().parents[2] / "cooperation" / "data" / "regions.csv"

# What a title ends with. 副 needs no entry of its own: 副书记 ends with 书记, and the title
# is kept as printed anyway.
TITLE_ENDINGS = tuple(
    [
        "书记",
        "市长",
        "区长",
        "县长",
        "旗长",
        "盟长",
        "镇长",
        "乡长",
        "苏木达",
        "嘎查达",
        "村长",
        "主席",
        "主任",
        "局长",
        "部长",
        "厅长",
        "处长",
        "科长",
        # 自然资源局耕保股股长韩波: a county bureau's section.
        "股长",
        "司长",
        "署长",
        "委员",
        "常委",
        "秘书长",
        "董事长",
        "理事长",
        # 常务理事何欢颜: a council's member by post.
        "理事",
        "会长",
        "社长",
        "行长",
        "校长",
        "院长",
        "所长",
        "站长",
        "馆长",
        "团长",
        "组长",
        "队长",
        # 河北省援疆工作前方指挥部指挥长徐付军, 天津援甘前方指挥部总指挥于学生: the head of a front command.
        "指挥长",
        "总指挥",
        "总经理",
        "经理",
        "总监",
        "总裁",
        "主任科员",
        "调研员",
        "巡视员",
        "助理",
        "督学",
        "专员",
        "政委",
        "干事",
        "教授",
        "专家",
        "医生",
        "医师",
        "护士长",
        "研究员",
        "教师",
        "老师",
        "学生",
        "负责人",
        "领导",
        "代表",
        "负责同志",
        "领导同志",
        "干部",
        "成员",
        "人员",
        "嘉宾",
        "候选人",
        "监事长",
        "总工程师",
        "工程师",
        # 重彩画家成晨, 作家网总编赵智: artists and editors named with what they are.
        "画家",
        "书法家",
        "摄影家",
        "总编",
        "总编辑",
    ]
)
# Endings that can stand without a name: 大兴区相关单位负责人, 锡林郭勒盟领导.
GROUP_ENDINGS = ("负责人", "领导", "代表", "负责同志", "领导同志", "干部", "成员", "人员", "嘉宾", "专家", "委员")

# Topic (named as in the site's Topic table, `cooperation.reference.TOPICS`) -> keywords.
# Bare words such as 消费 or 生态 are left out on purpose: they turn up in
# company names (…生态农业发展有限公司) and would tag reports with fields they are not about.
TOPICS = {
    "产业协作": (
        "产业协作",
        "产业合作",
        "产业项目",
        "产业园",
        "招商引资",
        "投资兴业",
        "产业振兴",
        "产业发展",
        "产业转移",
        "投资建设",
    ),
    # Not 就业 alone: 在产业、就业、消费…方面 lists fields, as 消费 does; not 劳动力, which also
    # counts people in figures of other kinds.
    "劳务协作": (
        "劳务协作",
        "稳岗就业",
        "转移就业",
        "稳定就业",
        "带动就业",
        "就业培训",
        "就业创业",
        "务工",
        "劳务输出",
        "招聘",
        "职业技能培训",
    ),
    # 消费扶贫: the same work under its older name.
    "消费帮扶": ("消费帮扶", "消费扶贫", "消费协作", "消费合作", "农副产品", "农畜产品", "农产品销售"),
    "人才交流": (
        "人才交流",
        "专业技术人才",
        "干部人才",
        "挂职",
        "支教",
        "组团式",
        "人才培养",
        "人才引进",
        "干部交流",
        "互派",
        # 接受…培训或进修学习, 学习进修: people trained on the other side (not 教师进修学校, a name).
        "进修学习",
        "学习进修",
        # 到北大附中石景山学校跟岗研修: teachers working beside their peers of the other side.
        "跟岗",
    ),
    "教育": ("教育", "学校", "中学", "小学", "教师", "中心校", "学区"),
    "医疗": ("医疗", "卫生", "医院"),
    "文旅": ("文旅", "旅游"),
    "新能源": ("新能源", "氢能", "绿色能源", "光伏", "风电", "绿电"),
    # Not 科技 alone: 京蒙现代农业科技产业园 is a park's name, not a field of the trip.
    "科技": (
        "科技创新",
        "科技合作",
        "科技协作",
        "科技成果",
        "科技小院",
        "科技特派",
        "科研",
        "技术指导",
        "技术攻关",
        "农科院",
    ),
    "生态环保": ("生态环境", "生态保护", "生态建设", "生态治理", "环境保护"),
    "数字经济": ("数字经济", "算力", "大数据", "数据中心"),
    "乡村振兴": ("乡村振兴",),
    "社会帮扶": ("社会帮扶", "捐赠", "捐款", "捐资", "爱心企业", "社会力量", "万企帮万村"),
}

# A gift is 社会帮扶 when companies, associations or people give it (六里屯商会企业为…捐赠, 红十字会向…
# 捐赠款物); a district's own funds given by its government (昌平区向太仆寺旗捐赠京蒙协作资金) are not.
GIFT_WORDS = ("捐赠", "捐款", "捐资")
GIVERS = (
    *("企业", "公司", "集团", "商会", "协会", "基金会", "红十字会"),
    *("爱心", "个人", "社会", "群众", "志愿者", "校友"),
)

# The level column may use the model's values or the Chinese words.
LEVELS = {
    word: level
    for level, words in {
        "province": "province 省 自治区",
        "prefecture": "prefecture 市盟 市 盟",
        "county": "county 区旗县 区 旗 县",
        "township": "township 乡镇苏木街道 乡镇 镇 乡 苏木 街道",
        "village": "village 村嘎查 村 嘎查",
    }.items()
    for word in words.split()
}


def normalize_side(value):
    value = (value or "").strip().lower()
    if not value:
        return None
    if any(word in value for word in ("support", "支援", "beijing", "北京")):
        return RegionSide.SUPPORT
    if any(word in value for word in ("recipient", "受援", "inner", "内蒙古")):
        return RegionSide.RECIPIENT
    return None


@dataclasses.dataclass(frozen=True)
class RegionEntry:
    name: str
    full_name: str = ""
    level: str = ""
    side: RegionSide | None = None
    aliases: tuple[str, ...] = ()
    code: str = ""
    ancestors: tuple[str, ...] = ()  # names of the parents, outermost first

    def __post_init__(self):
        # The Region model stores "support"/"recipient" as plain strings.
        if self.side is not None and not isinstance(self.side, RegionSide):
            object.__setattr__(self, "side", normalize_side(self.side))
        object.__setattr__(self, "aliases", tuple(alias for alias in self.aliases if alias and alias != self.name))

    def surfaces(self):
        return (self.name, *self.aliases)


class RegionIndex:
    """Longest-match lookup of region names and aliases in a string."""

    def __init__(self, entries):
        self.entries = list(entries)
        self.by_surface = {}
        for entry in self.entries:
            for surface in entry.surfaces():
                if len(surface) >= 2:
                    self.by_surface.setdefault(surface, []).append(entry)
        # 和林格尔国家农业科技园区: a name of three or more characters without its level is still
        # that place, and longer than a short alias that starts it (和林 for 和林格尔县).
        for entry in self.entries:
            bare = entry.name[:-1]
            if entry.name[-1:] in "县旗市区盟" and len(bare) >= 3 and bare not in self.by_surface:
                self.by_surface[bare] = [entry]
        self.max_length = max((len(surface) for surface in self.by_surface), default=0)

    def match_at(self, text, index):
        """(surface, entries) of the longest name starting at `index`, or None."""
        for length in range(min(self.max_length, len(text) - index), 1, -1):
            surface = text[index : index + length]
            if surface in self.by_surface:
                return surface, self.by_surface[surface]
        return None

    def find_all(self, text):
        """Non-overlapping (start, end, surface, entries), scanning left to right."""
        found = []
        index = 0
        while index < len(text):
            hit = self.match_at(text, index)
            if hit:
                found.append((index, index + len(hit[0]), hit[0], hit[1]))
                index += len(hit[0])
            else:
                index += 1
        return found

    def short_form_at(self, text, index):
        """(short name, entry) when `text` has, at `index`, a county's name without its level
        (宁城蒙医中医院: 宁城 for 宁城县) that no name in the table is and only one county has;
        None otherwise. For the start of a body's name only: 大兴, 朝阳 are words too."""
        for length in (3, 2):
            short = text[index : index + length]
            after = text[index + length : index + length + 1]
            if len(short) < length or short in self.by_surface or not after or after in "县区旗市盟":
                continue
            named = [entry for level in "县区旗" for entry in self.by_surface.get(short + level, [])]
            # 顺义区 is also found as 顺义县, its old name: one place, found twice.
            named = list({entry.code or entry.name: entry for entry in named}.values())
            if len(named) == 1:
                return short, named[0]
        return None

    def resolve(self, surface, written_parents=()):
        """The entry `surface` names, using the parents written before it to tell
        same-named places apart; None when unknown or still ambiguous."""
        candidates = self.by_surface.get(surface, [])
        if len(candidates) > 1 and written_parents:
            written = set()
            for parent in written_parents:
                for entry in self.by_surface.get(parent, []):
                    written.add(entry.name)
            narrowed = [entry for entry in candidates if written & set(entry.ancestors)]
            candidates = narrowed or candidates
        if len(candidates) > 1:
            sided = [entry for entry in candidates if entry.side]
            candidates = sided if len(sided) == 1 else candidates
        return candidates[0] if len(candidates) == 1 else None


@dataclasses.dataclass
class Lexicon:
    regions: RegionIndex
    title_endings: tuple[str, ...] = TITLE_ENDINGS
    group_endings: tuple[str, ...] = GROUP_ENDINGS
    topics: dict = dataclasses.field(default_factory=lambda: dict(TOPICS))

    def __post_init__(self):
        self.title_ending_set = frozenset(self.title_endings)
        self.title_ending_max = max(len(ending) for ending in self.title_endings)

    def title_ending_before(self, text, end):
        """The title ending that finishes exactly at `end` in `text`, or ""."""
        for length in range(min(self.title_ending_max, end), 1, -1):
            if text[end - length : end] in self.title_ending_set:
                return text[end - length : end]
        return ""

    @classmethod
    def from_entries(cls, entries, **options):
        return cls(regions=RegionIndex(entries), **options)

    @classmethod
    def from_names(cls, names, **options):
        """From plain names: each item a name, or a sequence (name, alias, alias…)."""
        entries = []
        for item in names:
            if isinstance(item, str):
                name, aliases = item, ()
            else:
                name, *aliases = item
            entries.append(RegionEntry(name=name, full_name="", aliases=tuple(aliases)))
        return cls.from_entries(entries, **options)


def load_regions_csv(path):
    """RegionEntry list from a CSV with columns code,name,level,parent_code,side,aliases
    (aliases separated by |). Sides and parents are inherited down the tree."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if (row.get("name") or "").strip()]
    by_code = {(row.get("code") or "").strip(): row for row in rows}

    def chain(row):
        names, seen = [], set()
        parent = (row.get("parent_code") or "").strip()
        while parent and parent in by_code and parent not in seen:
            seen.add(parent)
            names.append(by_code[parent])
            parent = (by_code[parent].get("parent_code") or "").strip()
        return list(reversed(names))

    entries = []
    for row in rows:
        parents = chain(row)
        side = normalize_side(row.get("side"))
        for parent in reversed(parents):
            side = side or normalize_side(parent.get("side"))
        name = row["name"].strip()
        aliases = tuple(
            alias.strip()
            for alias in (row.get("aliases") or "").replace("、", "|").split("|")
            if alias.strip() and alias.strip() != name
        )
        entries.append(
            RegionEntry(
                name=name,
                full_name="".join(parent["name"].strip() for parent in parents) + name,
                level=LEVELS.get((row.get("level") or "").strip().lower(), ""),
                side=side,
                aliases=aliases,
                code=(row.get("code") or "").strip(),
                ancestors=tuple(parent["name"].strip() for parent in parents),
            )
        )
    return entries


@functools.cache
def default_lexicon():
    """The regions the site ships (`cooperation/data/regions.csv`), for tests, the benchmark
    and a caller without a database. There is no second list of places: a township the
    region table does not hold is not placed anywhere."""
    return Lexicon.from_entries(load_regions_csv(REGIONS_CSV))
