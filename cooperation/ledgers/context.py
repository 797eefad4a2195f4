"""What one import knows while it runs: indexes built once per file, and how it writes.

Every name in a ledger (a region, a person, a topic, a pairing, a body) is resolved against
an index held in memory, loaded with a handful of queries however many rows the file has.
A name not yet known becomes an unsaved record, the same object for every row that names
it; `flush_vocabulary` creates them all in bulk before the rows that point at them.
Writes go through `Writer`, which keeps the history (django-simple-history) and the batch's
list of what changed, also in bulk.
"""

import functools
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from cooperation.ledgers import bulk
from cooperation.ledgers.models import BatchChange, ChangeAction
from cooperation.models import (
    Appointment,
    Organization,
    OrganizationKind,
    Pairing,
    PairingLevel,
    Person,
    Region,
    RegionLevel,
    Side,
    Source,
    Topic,
)
from cooperation.regions import DIVISION_ENDINGS, TOWNSHIP_ENDINGS, VILLAGE_ENDINGS, RegionIndex
from cooperation.slugs import lazy_pinyin, pinyin_slug
from review.held import HeldChanges
from review.models import Status
from review.roles import user_can_publish

CHUNK = 500


def identity(obj):
    """A key for a record that may not be saved yet: its pk, else the object itself."""
    return obj.pk if obj.pk is not None else id(obj)


def chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def lookup_chunks(items):
    """Values to look records up by (codes, titles, links, names), a query's worth at a time:
    `CHUNK`, SQLite's limit on a statement's parameters. Each column so looked up has an index
    (a trip's and a meeting's title, a source's link, a project's name: migrations
    visits 0008, cooperation 0015, projects 0007), and PostgreSQL uses it for this many values:
    on 200,000 trips a query of 500 titles is a bitmap index scan of 5 ms, where 2,500 titles
    a query (what this was while the columns had no index) read the whole table, 90 ms."""
    return chunks(items)


@functools.lru_cache(maxsize=20_000)
def _word_pinyin(word):
    return tuple(lazy_pinyin(word))


@functools.lru_cache(maxsize=20_000)
def _run_pinyin(run):
    from pypinyin.seg.simpleseg import seg  # imported when first used (see cooperation.slugs.lazy_pinyin)

    return tuple(syllable for word in seg(run) for syllable in _word_pinyin(word))


@functools.lru_cache(maxsize=50_000)
def cached_slug(text, max_length=60):
    """`cooperation.slugs.pinyin_slug`, run by run with each run's pinyin remembered.

    `lazy_pinyin(text)` is the pinyin of each run of Chinese (and each run of other
    characters) of `simple_seg(text)` in turn, each run cut into words by `seg`; remembering
    runs (察右前旗现代农业产业园项目) and words (察右, 前旗) makes ten thousand titles cost what a
    few hundred would.
    """
    from pypinyin.seg.simpleseg import simple_seg

    syllables = [syllable for run in simple_seg(text) for syllable in _run_pinyin(run)]
    slug = slugify(" ".join(syllables))
    return slug[:max_length].strip("-") or pinyin_slug("")


class SlugAllocator:
    """Unique slugs for many new records with one query: the same scheme as `unique_slug`."""

    def __init__(self, model):
        self.taken = set(model._default_manager.values_list("slug", flat=True))
        self.next_counter = {}

    def allocate(self, text, max_length=60):
        base = cached_slug(text, max_length)
        slug = base
        counter = self.next_counter.get(base, 2)
        if slug in self.taken:
            slug = f"{base}-{counter}"
            while slug in self.taken:
                counter += 1
                slug = f"{base}-{counter}"
            counter += 1
        self.next_counter[base] = counter
        self.taken.add(slug)
        return slug


def snapshot(obj, m2m=None):
    """The record as the "python" serializer writes it, with m2m ids given by the caller.

    The caller passes the m2m ids it already loaded, so a snapshot costs no query.
    """
    fields = {}
    for model_field in obj._meta.concrete_fields:
        if model_field.primary_key:
            continue
        fields[model_field.name] = model_field.value_from_object(obj)
        if hasattr(fields[model_field.name], "name") and model_field.get_internal_type() in (
            "FileField",
            "ImageField",
        ):
            fields[model_field.name] = fields[model_field.name].name
    for name, ids in (m2m or {}).items():
        fields[name] = sorted(ids)
    return {"model": obj._meta.label_lower, "pk": obj.pk, "fields": fields}


class Writer:
    """Bulk writes with history rows and the batch's record of each change."""

    def __init__(self, context):
        self.context = context
        self.changes = []

    @property
    def reason(self):
        return f"台账导入：{self.context.file_name}"[:100]

    @property
    def user_id(self):
        user = self.context.history_user
        return user.pk if user is not None else None

    def create(self, model, objs, *, part_of_new=False):
        """Insert new records (pks set on them), each with a "+" history row and in the batch.

        `part_of_new`: the records are parts of records this import creates (the participants
        of a new trip, the speeches of a new meeting). The batch does not list them — undoing
        their parent removes them — and unless ``settings.LEDGER_PART_HISTORY`` they get no
        history row of their own: the parent's "+" row and the batch say who made them, when,
        from which file, and every later change to them is in their history. For ten thousand
        trips that is some 120,000 rows fewer to write.
        """
        objs = list(objs)
        if not objs:
            return objs
        now = self.context.now
        for name in ("created_at", "updated_at"):
            if _has_field(model, name):
                for obj in objs:
                    setattr(obj, name, now)
        if not part_of_new:
            self.context.held.keep(model, objs)
        with_history = not part_of_new or getattr(settings, "LEDGER_PART_HISTORY", False)
        bulk.insert(model, objs, history=("+", self.user_id, now, self.reason) if with_history else None)
        if not part_of_new:
            self._record(model, objs, ChangeAction.CREATED)
        return objs

    def create_parts(self, model, names, rows, *, ids=False):
        """Insert parts of new records from value tuples (see `create(part_of_new=True)`).

        Returns their ids when `ids` asks for them (stops, which projects are linked to); `ids`
        may also be the ids reserved for them (`bulk.reserve_ids`).
        """
        with_history = getattr(settings, "LEDGER_PART_HISTORY", False)
        history = ("+", self.user_id, self.context.now, self.reason) if with_history else None
        reserved = ids if isinstance(ids, list) else None
        return bulk.insert_values(model, names, rows, returning=bool(ids), history=history, ids=reserved)

    def update(self, model, objs, fields, *, before=None):
        """`before`: {pk: snapshot} of each object as it was, for the batch (None: not recorded)."""
        objs = list(objs)
        if not objs:
            return
        fields = list(fields)
        self.context.held.keep(model, objs)
        if _has_field(model, "updated_at"):
            if "updated_at" not in fields:
                fields.append("updated_at")
            for obj in objs:
                obj.updated_at = self.context.now
        model._default_manager.bulk_update(objs, fields, batch_size=CHUNK)
        bulk.insert_history(
            model, objs, history_type="~", user_id=self.user_id, date=self.context.now, reason=self.reason
        )
        if before is not None:
            self._record(model, objs, ChangeAction.UPDATED, before)

    def record_update(self, model, objs, before):
        """Note a record as changed when only its children or m2m links changed."""
        self.context.held.keep(model, objs)
        self._record(model, objs, ChangeAction.UPDATED, before)

    def delete(self, model, objs, *, before=None):
        objs = list(objs)
        if not objs:
            return
        self.context.held.keep(model, objs)
        if before is not None:
            self._record(model, objs, ChangeAction.DELETED, before)
        for chunk in chunks([obj.pk for obj in objs]):
            model._default_manager.filter(pk__in=chunk).delete()

    def add_links(self, field, pairs):
        """m2m links (`Delegation.destinations`…) as (record, target) pairs."""
        through = field.through
        source, target = field.field.m2m_field_name(), field.field.m2m_reverse_field_name()
        pairs = list(pairs)
        if self.context.held.user is not None:
            # Each record once; the ones not saved yet are new, and `keep` passes over them.
            self.context.held.keep(field.field.model, {id(a): a for a, _b in pairs}.values())
        bulk.insert_links(through, source, target, pairs)

    def remove_links(self, field, pairs):
        """Delete m2m links given as (record id, target id) pairs, grouped by record."""
        through = field.through
        source, target = field.field.m2m_field_name(), field.field.m2m_reverse_field_name()
        pairs = list(pairs)
        self.context.held.keep_ids(field.field.model, [source_id for source_id, _target_id in pairs])
        by_source = defaultdict(list)
        for source_id, target_id in pairs:
            by_source[source_id].append(target_id)
        for group in chunks(list(by_source.items()), 200):
            condition = Q()
            for source_id, target_ids in group:
                condition |= Q(**{f"{source}_id": source_id, f"{target}_id__in": target_ids})
            through.objects.filter(condition).delete()

    def _record(self, model, objs, action, before=None):
        if self.context.batch is None:
            return
        content_type = ContentType.objects.get_for_model(model).pk
        batch = self.context.batch.pk
        before = before or {}
        for obj in objs:
            self.changes.append((batch, content_type, obj.pk, action, str(obj)[:200], before.get(obj.pk)))

    def flush(self):
        if self.changes:
            columns, before_field = _batch_change_columns()
            bulk.insert_rows(
                BatchChange,
                columns,
                ([*row[:5], None if row[5] is None else bulk.convert(before_field, row[5])] for row in self.changes),
            )
            self.changes = []


@functools.cache
def _batch_change_columns():
    names = ["batch", "content_type", "object_id", "action", "object_repr", "before"]
    return [BatchChange._meta.get_field(n).column for n in names], BatchChange._meta.get_field("before")


def _has_field(model, name):
    try:
        model._meta.get_field(name)
    except Exception:
        return False
    return True


def apply_status(context, obj):
    """New records are drafts, or published when a publisher asks; returns whether it changed.

    The one place that decides the status an import gives a record: trips, meetings, projects
    and the people they bring in alike, so the people of a published trip have pages.
    """
    if obj.pk is None:
        if context.publish:
            obj.status = Status.PUBLISHED
            obj.published_at = context.now
        else:
            obj.status = Status.DRAFT
        return True
    if context.publish and obj.status != Status.PUBLISHED:
        obj.status = Status.PUBLISHED
        obj.published_at = obj.published_at or context.now
        return True
    return False


# What the preview asks the importer to check, doubtful kinds first.
REVIEW_KINDS = (
    "可能是同一人", "同名未关联", "姓名不全", "推断的所属方", "推断的结对关系", "按简称关联的项目",
    "关联已有人物", "新人物",
)
REVIEW_ORDER = {kind: position for position, kind in enumerate(REVIEW_KINDS)}
# Why each doubtful kind is listed: the import guessed, and a person should decide.
REVIEW_EXPLANATIONS = {
    "可能是同一人": "同名的人物，职务或地区与已有人物对不上或无从比对；导入作了判断（新建或关联），请确认。"
    "如判断不对，在“人物标识”列写明人物的编号或网址标识（新建写“新”）后重新上传。",
    "同名未关联": "有同名的已有人物，但导入没有关联到其中任何一位；如是同一人，请在“人物标识”列写明。",
    "姓名不全": "职务后面不是完整的姓名（只有姓，或写了“等”）：没有为它新建人物；如是某人，请写明全名。",
    "推断的所属方": "出席人员没有写“来访方：”或“接待方：”，所属方是按职务中的地区推断的；如不对，请在人名前加上标记。",
    "按简称关联的项目": "相关项目写的不是项目的全名，而是全名的一部分（人才公寓）：关联到了名称含有它的唯一项目"
    "（在考察活动的出发地或目的地的，优先）；如不对，请写项目的全名或编号后重新上传。",
    "推断的结对关系": "结对关系是推断的：考察活动由出发地和目的地，项目和年度数据由只写了一方的那一方唯一的结对关系；"
    "如不对，考察活动导入后请在考察活动中改正，项目和年度数据请写明支援方与受援方后重新上传。",
}


@dataclass
class ReviewItem:
    """One thing the preview lists before anything is written, for the importer to check."""

    kind: str
    text: str
    row: int = 0
    sheet: str = ""
    ledger: str = ""

    @property
    def doubtful(self):
        return REVIEW_KINDS.index(self.kind) < REVIEW_KINDS.index("关联已有人物")

    @property
    def explanation(self):
        return REVIEW_EXPLANATIONS.get(self.kind, "")

    @property
    def where(self):
        sheet = f"工作表“{self.sheet}”" if self.sheet else self.ledger
        return f"{sheet}第 {self.row} 行" if self.row else sheet

    def __str__(self):
        return f"【{self.kind}】{self.where}：{self.text}"


def create_with_slugs(context, writer, model, batch, slug_text):
    """New records of one model in one write, each with a unique slug made from its text."""
    allocator = context.slugs(model)
    for record in batch:
        record.slug = allocator.allocate(slug_text(record))
    return writer.create(model, batch)


def flush_new_by_name(resolver, writer, model):
    """Create the records a resolver made for unknown names; the names then resolve to them."""
    batch = list(resolver.pending.values())
    create_with_slugs(resolver.context, writer, model, batch, lambda record: record.name)
    for record in batch:
        resolver.by_name[record.name] = [record]
    resolver.pending = {}


class NameProblem(Exception):
    """A name that cannot be resolved to one record; the message says what to write instead."""


class RegionResolver:
    """察右前旗 / 乌兰察布市察右前旗 / 察哈尔右翼前旗 → one Region; 察右前旗某某镇 → a new township."""

    def __init__(self, context):
        self.context = context
        self.index = RegionIndex.load()
        self.pending = {}  # (parent pk or id of the unsaved parent, name) → unsaved Region
        self.by_text = {}  # text as written → the unsaved Region it created
        self.read_without_ending = {}  # 敖汉 → 敖汉旗: names written without their 旗, 县 …

    def resolve(self, text):
        text = "".join(text.split())
        if not text:
            return None
        found = self.index.candidates(text)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = "、".join(region.full_name for region in found[:4])
            raise NameProblem(f"“{text}”可指多个行政区划（{names}）；请连同上级一起写，如 乌兰察布市察右前旗")
        if text in self.by_text:
            return self.by_text[text]
        stems = self.index.without_ending(text)
        if len(stems) == 1:
            # 敖汉 for 敖汉旗: what it was read as is told where it was written (`read_without_ending`).
            self.read_without_ending[text] = stems[0]
            return stems[0]
        if len(stems) > 1:
            names = "、".join(region.full_name for region in stems[:4])
            raise NameProblem(f"“{text}”没写“旗”“县”“区”等，可指多个行政区划（{names}）；请写全称，如 {stems[0].name}")
        parent, rest = self.index.split_known_prefix(text)
        if parent is None:
            if text.endswith(TOWNSHIP_ENDINGS + VILLAGE_ENDINGS):
                raise NameProblem(f"乡镇或村“{text}”须连同所在旗县一起写，如 察右前旗巴音塔拉镇、房山区窦店镇")
            raise NameProblem(self._unknown(text))
        region = self._new_below(parent, rest, text)
        self.by_text[text] = region
        return region

    def _unknown(self, text):
        """What is wrong with a name no region has, and what to do: a typo's likely meaning, or
        — for a division's name (玉树市, 和田地区) — that the place lies outside the program."""
        close = self.index.close_forms(text)
        if close:
            shown = "”或“".join(close)
            return f"未知的行政区划“{text}”；是不是“{shown}”？请写旗县区的正式名称或简称，如 察右前旗、大兴区"
        if text.endswith(DIVISION_ENDINGS):
            return (
                f"“{text}”不是京蒙协作的地区：只能写北京市、内蒙古自治区及其盟市、旗县区（如 大兴区、察右前旗）"
                "和它们的乡镇（如 察右前旗巴音塔拉镇）。京蒙协作以外的去处（如援青、援疆）本站不记录：请删去它；"
                "整行都是京蒙协作以外的工作，就删去这一行"
            )
        return f"未知的行政区划“{text}”；请写旗县区的正式名称或简称，如 察右前旗、大兴区"

    def in_title(self, title):
        """`RegionIndex.in_title`, remembered for the rest of the file."""
        if not title:
            return []
        memo = self.context.memo.setdefault("title regions", {})
        found = memo.get(title)
        if found is None:
            found = memo[title] = self.index.in_title(title)
        return found

    def ancestors(self, region):
        return self.index.ancestors(region)

    def lines_up(self, a, b):
        return self.index.lines_up(a, b)

    def _new_below(self, parent, rest, text):
        names = []
        remaining = rest
        while remaining:
            cut = _first_unit_end(remaining)
            if cut is None:
                raise NameProblem(
                    f"“{text}”中的“{remaining}”不是可识别的乡镇（…镇、乡、苏木、街道）或村（…村、嘎查、社区）"
                )
            names.append(remaining[:cut])
            remaining = remaining[cut:]
        node = parent
        for name in names:
            if node.level == RegionLevel.COUNTY and name.endswith(TOWNSHIP_ENDINGS):
                level = RegionLevel.TOWNSHIP
            elif node.level in (RegionLevel.COUNTY, RegionLevel.TOWNSHIP) and name.endswith(VILLAGE_ENDINGS):
                level = RegionLevel.VILLAGE
            else:
                raise NameProblem(f"“{text}”：“{name}”不能直接设在“{node.display_name}”之下；请写 旗县+乡镇（+村）")
            existing = self._existing_child(node, name)
            if existing is not None:
                node = existing
                continue
            key = (node.pk if node.pk is not None else id(node), name)
            region = self.pending.get(key)
            if region is None:
                region = bulk.build(Region, name=name, parent=node, level=level, side=node.side)
                region.full_name = node.full_name + name
                self.pending[key] = region
                self.context.note_new("行政区划", f"{node.display_name}{name}")
            node = region
        return node

    def _existing_child(self, node, name):
        if node.pk is None:
            return None
        for region in self.index.candidates(name):
            if region.parent_id == node.pk:
                return region
        return None

    def flush(self, writer):
        """Create the new townships and villages, parents first, and teach the index their names."""
        allocator = self.context.slugs(Region)
        for level in (RegionLevel.TOWNSHIP, RegionLevel.VILLAGE):
            batch = [r for r in self.pending.values() if r.pk is None and r.level == level]
            for region in batch:
                region.full_name = region.parent.full_name + region.name
                region.slug = allocator.allocate(region.short_name or region.name)
            for region in writer.create(Region, batch):
                self.index.add(region)
        self.pending = {}
        self.by_text = {}


def _first_unit_end(text):
    """Where the first township or village name in `text` ends (巴音塔拉镇|某某村)."""
    best = None
    for ending in TOWNSHIP_ENDINGS + VILLAGE_ENDINGS:
        position = text.find(ending, 1)
        if position > 0:
            end = position + len(ending)
            if best is None or end < best:
                best = end
    return best


NEW_PERSON_REFS = frozenset({"新", "新建", "new"})


class Namesakes:
    """The people of one name, indexed by the regions and titles known for them.

    A row's regions are compared through the index (a region lines up with a person when it
    is one of theirs, lies within one or contains one), so a name that recurs across many
    trips costs a few dictionary lookups, not a pass over everybody of that name.
    """

    def __init__(self):
        self.people = []
        self.by_region = defaultdict(list)  # region identity (and its ancestors') → people
        self.own = defaultdict(list)  # the person's own regions → people
        self.by_title = defaultdict(list)
        self.with_regions = set()

    def add(self, person, titles, regions, ancestors, places=()):
        """`places`: where their trips placed them, evidence that can link a row to them but not
        set them apart (unlike `regions`, from their titles): a title they share still counts."""
        key = id(person)
        if person not in self.people:
            self.people.append(person)
        for title in titles:
            if person not in self.by_title[title]:
                self.by_title[title].append(person)
        for region in [*regions, *places]:
            if region in regions:
                self.with_regions.add(key)
            if person not in self.own[id(region)]:
                self.own[id(region)].append(person)
            for above in ancestors(region):
                if person not in self.by_region[above]:
                    self.by_region[above].append(person)

    def lining_up(self, regions, ancestors):
        found = []
        for region in regions:
            found += self.by_region.get(id(region), ())
            for above in ancestors(region):
                found += self.own.get(above, ())
        return list({id(p): p for p in found}.values())


class PersonResolver:
    """A name (with its title and the regions the row places it in) → one Person, or a question.

    Common names recur across districts and banners, and one person's title changes over the
    years (a 旗长 becomes 旗委书记 of the same banner). A name is linked to an existing person
    when the region of the title (or, for a title without one, of the row: a visitor's origin,
    a host's destination) lines up with a region known for them — from their 区分说明, posts
    and the titles printed with them before — or, where no region can be compared, when the
    title is one of theirs. When all that is known conflicts, a new person is made and the
    preview says "possibly the same person as …"; when nothing can be compared, the one person
    of that name is linked and the preview says so. A 人物标识 (ID or slug, or 新 for a new
    person) settles it. Never a silent merge, never a silent duplicate.
    """

    def __init__(self, context):
        self.context = context
        self.by_name = {}  # name → Namesakes
        self.titles = defaultdict(set)  # person id → titles known for them
        self.places = defaultdict(set)  # person id → region ids their records place them in
        self.by_ref = {}
        self.pending = {}  # (name, disambiguation) → unsaved Person
        self.settled = {}
        self._built = set()
        self._answers = {}  # see `resolve`
        # The people this import has already written (a large file is written in parts): saved,
        # but new all the same, so the preview never calls them existing people.
        self.created = set()

    def load(self, names, refs=()):
        wanted = {name for name in names if name and name not in self.by_name}
        for name in wanted:
            self.by_name[name] = Namesakes()
        fields = ("pk", "name", "disambiguation", "slug", "status")
        loaded = []
        for chunk in chunks(wanted):
            for person in Person.objects.filter(name__in=chunk).only(*fields):
                self.by_name[person.name].people.append(person)
                loaded.append(person.pk)
        refs = [ref for ref in set(refs) if ref and ref not in self.by_ref and ref not in NEW_PERSON_REFS]
        for chunk in chunks(refs):
            ids = [int(ref) for ref in chunk if ref.isdigit()]
            for person in Person.objects.filter(Q(slug__in=chunk) | Q(pk__in=ids)).only(*fields):
                self.by_ref[person.slug] = person
                self.by_ref[str(person.pk)] = person
        for chunk in chunks(loaded):
            for person_id, title in Appointment.objects.filter(person_id__in=chunk).values_list("person_id", "title"):
                self.titles[person_id].add(title)

    def known_ids(self, but=frozenset()):
        """The saved people of the loaded names, whose printed titles the ledgers pass down;
        `but`: the ids of Person objects to leave out (those a part of this sheet created)."""
        return [
            p.pk for group in self.by_name.values() for p in group.people if p.pk is not None and id(p) not in but
        ]

    def add_titles(self, pairs):
        """(person id, title) pairs: the titles printed with a person in trips and speeches."""
        for person_id, title in pairs:
            if title:
                self.titles[person_id].add(title)
        self._built = set()
        self._answers = {}

    def add_places(self, pairs):
        """(person id, region id) pairs: where records placed a person whose printed title names
        no place — a 区领导 among a trip's hosts is of its destination, a visitor of its origin."""
        for person_id, region_id in pairs:
            if region_id is not None:
                self.places[person_id].add(region_id)
        self._built = set()
        self._answers = {}

    def _group(self, name):
        group = self.by_name.get(name)
        if group is None:
            self.load([name])
            group = self.by_name[name]
        if name not in self._built:
            regions = self.context.regions
            for person in list(group.people):
                known = set(self.titles.get(person.pk, ())) if person.pk is not None else set()
                if person.disambiguation:
                    known.add(person.disambiguation)
                found = [r for title in known for r in regions.in_title(title)]
                by_id = regions.index.regions
                places = [by_id[pk] for pk in self.places.get(person.pk, ()) if pk in by_id]
                group.add(person, known, found, regions.ancestors, places)
            self._built.add(name)
        return group

    def settle(self, name, person):
        """Staff chose the person for this name (a reviewed report): no question asked."""
        self.settled[name] = person

    def resolve(self, name, title, regions=(), ref="", reader=None, ledger=""):
        """`regions`: where the row places the person (a visitor's origin, a host's destinations)."""
        if not name:
            return None
        if name in self.settled:
            return self.settled[name]
        if ref and ref not in NEW_PERSON_REFS:
            return self._by_ref(name, ref)
        group = self.by_name.get(name)
        if group is None or name not in self._built:
            group = self._group(name)
        people = group.people
        if ref in NEW_PERSON_REFS or not people:
            return self._new(name, title, regions, reader, ledger, group, forced=bool(people))
        # The answer depends only on the name's people (which only grow), the title and the
        # row's regions: a person named on many rows is worked out once, and each row still
        # gets its own line in the preview.
        key = (name, title, tuple(map(id, regions)), len(people))
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = self._decide(name, title, regions, group)
        person, note, problem = answer
        if problem:
            raise NameProblem(problem)
        if person is None:
            return self._new(name, title, regions, reader, ledger, group)
        if note:
            self.context.note_review(*note, reader, ledger)
        return person

    def _decide(self, name, title, regions, group):
        """(person, (kind, text) for the preview or None, problem or None); no person: a new one."""
        people = group.people
        resolver = self.context.regions
        mine = resolver.in_title(title) or list(regions)
        agreeing = group.lining_up(mine, resolver.ancestors) if mine else []
        if not agreeing:
            agreeing = [p for p in group.by_title.get(title, ()) if id(p) not in group.with_regions or not mine]
        labelled = [p for p in people if title and p.disambiguation and p.disambiguation in title and self.existed(p)]
        agreeing = list({id(p): p for p in agreeing + labelled}.values())
        shown = format_person_text(name, title)
        if len(agreeing) == 1:
            person = agreeing[0]
            note = None
            if self.existed(person):
                note = ("关联已有人物", f"{shown} → 已有人物“{person}”（职务或地区相符）")
            return person, note, None
        if len(agreeing) > 1:
            options = "；".join(f"{p}（{p.slug or '本次新建'}）" for p in agreeing[:5])
            problem = f"有 {len(agreeing)} 位同名的“{name}”都可能是此人（{options}）；请在“人物标识”列写明是哪一位"
            return None, None, problem
        unknown = [p for p in people if not mine or id(p) not in group.with_regions]
        if len(unknown) == 1 and len(people) == 1:
            person = unknown[0]
            note = None
            if self.existed(person):
                note = (
                    "可能是同一人",
                    f"{shown} 已关联到同名的已有人物“{person}”（没有可比对的职务或地区）；"
                    f"如不是同一人，请在“人物标识”列写“{name}=新”",
                )
            return person, note, None
        if unknown:
            options = "；".join(f"{p}（{p.slug or '本次新建'}）" for p in people[:5])
            problem = (
                f"有 {len(people)} 位同名的“{name}”（{options}）；请在括号中写明其职务，或在“人物标识”列写明是哪一位"
            )
            return None, None, problem
        return None, None, None

    def _by_ref(self, name, ref):
        person = self.by_ref.get(ref)
        if person is None:
            self.load([], [ref])
            person = self.by_ref.get(ref)
        if person is None:
            raise NameProblem(f"人物标识“{ref}”找不到对应的人物（写人物的编号或网址标识，或写“新”）")
        if person.name != name:
            raise NameProblem(f"人物标识“{ref}”是“{person}”，不是“{name}”")
        return person

    def _new(self, name, title, regions, reader, ledger, group, forced=False):
        namesakes = list(group.people)
        label = ""
        if namesakes:
            label = (title or "、".join(r.display_name for r in regions) or "同名")[:110]
            taken = {p.disambiguation for p in namesakes}
            candidate, counter = label, 2
            while candidate in taken:
                candidate, counter = f"{label}（{counter}）", counter + 1
            label = candidate
        person = bulk.build(Person, name=name, disambiguation=label)
        apply_status(self.context, person)
        self.pending[(name, label)] = person
        resolver = self.context.regions
        found = resolver.in_title(title) or list(regions)
        group.add(person, [title] if title else [], found, resolver.ancestors)
        self.context.note_new("人物", str(person))
        shown = format_person_text(name, title)
        if namesakes and not forced:
            others = "、".join(f"“{p}”" for p in namesakes)
            first = namesakes[0]
            self.context.note_review(
                "可能是同一人",
                f"{shown} 与{others}的职务或地区不符，将新建“{person}”；如是同一人，请在“人物标识”列写"
                f"“{name}={first.slug or '（其网址标识）'}”",
                reader,
                ledger,
            )
        else:
            self.context.note_review("新人物", f"{shown} → 新建“{person}”", reader, ledger)
        return person

    def existed(self, person):
        """Whether the person was in the database before this import."""
        return person.pk is not None and id(person) not in self.created

    def flush(self, writer):
        batch = list(self.pending.values())
        create_with_slugs(self.context, writer, Person, batch, lambda person: person.name)
        self.created.update(id(person) for person in batch)
        self.pending = {}


def format_person_text(name, title):
    return f"{name}（{title}）" if title else name


class TopicResolver:
    def __init__(self, context):
        self.context = context
        self.by_name = {topic.name: topic for topic in Topic.objects.all()}

    def resolve(self, name):
        topic = self.by_name.get(name)
        if topic is None:
            if len(name) > 30:
                raise NameProblem(f"协作领域最长 30 字：“{name[:20]}…”")
            topic = bulk.build(Topic, name=name)
            self.by_name[name] = topic
            self.context.note_new("协作领域", name)
        return topic

    def flush(self, writer):
        create_with_slugs(self.context, writer, Topic, [t for t in self.by_name.values() if t.pk is None],
                          lambda topic: topic.name)


class PairingResolver:
    def __init__(self, context):
        self.context = context
        pairings = Pairing.objects.select_related("support_region", "recipient_region")
        self.by_regions = {(p.support_region_id, p.recipient_region_id): p for p in pairings}
        self._between = {}  # see `between`

    def find(self, support, recipient):
        if support is None or recipient is None:
            return None
        return self.by_regions.get((identity(support), identity(recipient)))

    def partners(self, region):
        """The pairings this region is a side of (pairings new in this import included)."""
        key = identity(region)
        found = [p for (s, r), p in self.by_regions.items() if key in (s, r)]
        return sorted(found, key=lambda p: (p.pk is None, p.pk or 0))

    def between(self, a, b):
        """The pairing of two regions, whichever is written first (a delegation from Inner
        Mongolia visiting Beijing is the same pairing); a township or village counts as its county."""
        if a is None or b is None or a.side == b.side:
            return None
        key = (id(a), id(b), len(self.by_regions))  # many trips go between the same two places
        if key in self._between:
            return self._between[key]
        support, recipient = (a, b) if a.side == Side.SUPPORT else (b, a)
        found = None
        for s in _up_to_county(support):
            for r in _up_to_county(recipient):
                found = self.find(s, r)
                if found is not None:
                    break
            if found is not None:
                break
        self._between[key] = found
        return found

    def resolve(self, support, recipient):
        if support.side != Side.SUPPORT:
            raise NameProblem(f"支援方须是北京的区划，“{support.display_name}”不是")
        if recipient.side != Side.RECIPIENT:
            raise NameProblem(f"受援方须是内蒙古的区划，“{recipient.display_name}”不是")
        key = (identity(support), identity(recipient))
        pairing = self.by_regions.get(key)
        if pairing is None:
            level = {
                RegionLevel.TOWNSHIP: PairingLevel.TOWNSHIP,
                RegionLevel.VILLAGE: PairingLevel.VILLAGE,
            }.get(recipient.level, PairingLevel.COUNTY)
            pairing = bulk.build(Pairing, support_region=support, recipient_region=recipient, level=level)
            self.by_regions[key] = pairing
            self.context.note_new("结对关系", f"{support.display_name}—{recipient.display_name}")
        return pairing

    def flush(self, writer):
        create_with_slugs(
            self.context, writer, Pairing, [p for p in self.by_regions.values() if p.pk is None],
            lambda pairing: f"{pairing.support_region.display_name} {pairing.recipient_region.display_name}",
        )
        self.by_regions = {(p.support_region_id, p.recipient_region_id): p for p in self.by_regions.values()}


def _up_to_county(region):
    """The region, then (for a township or village) the regions above it up to its county."""
    node = region
    while node is not None:
        yield node
        if node.level not in (RegionLevel.TOWNSHIP, RegionLevel.VILLAGE):
            return
        node = node.parent


ORGANIZATION_KINDS = [
    (("党委", "委员会", "区委", "旗委", "县委", "市委", "盟委"), OrganizationKind.PARTY),
    (("人民政府", "政府", "行政公署"), OrganizationKind.GOVERNMENT),
    (("人大常委会", "人大"), OrganizationKind.CONGRESS),
    (("政协",), OrganizationKind.CPPCC),
    (("公司", "集团", "合作社", "厂", "农场", "牧场"), OrganizationKind.ENTERPRISE),
    (("学校", "中学", "小学", "大学", "学院", "幼儿园"), OrganizationKind.SCHOOL),
    (("医院", "卫生院", "卫生室"), OrganizationKind.HOSPITAL),
    (("协会", "基金会", "商会"), OrganizationKind.SOCIAL),
    (("局", "办公室", "中心", "委员会办公室"), OrganizationKind.DEPARTMENT),
]


def guess_organization_kind(name):
    for endings, kind in ORGANIZATION_KINDS:
        if name.endswith(endings):
            return kind
    return OrganizationKind.OTHER


class OrganizationResolver:
    """Bodies by name; several of one name are told apart by the region the row names."""

    def __init__(self, context):
        self.context = context
        self.by_name = defaultdict(list)
        self._loaded_all = False
        self.pending = {}

    def load(self, names):
        wanted = [n for n in set(names) if n and n not in self.by_name]
        for name in wanted:
            self.by_name[name] = []
        for chunk in chunks(wanted):
            for org in Organization.objects.filter(name__in=chunk).only("pk", "name", "region_id"):
                self.by_name[org.name].append(org)

    def load_all(self):
        if not self._loaded_all:
            self.by_name = defaultdict(list)
            for org in Organization.objects.only("pk", "name", "region_id"):
                self.by_name[org.name].append(org)
            self._loaded_all = True

    def resolve(self, name, region=None):
        if not name:
            return None
        if name not in self.by_name:
            self.load([name])
        found = self.by_name[name]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            near = [org for org in found if region is not None and org.region_id == region.pk]
            if len(near) == 1:
                return near[0]
            raise NameProblem(f"有 {len(found)} 个名为“{name}”的单位，无法确定是哪一个；请在管理后台区分其名称")
        org = self.pending.get(name)
        if org is None:
            org = bulk.build(Organization, name=name, region=region, kind=guess_organization_kind(name))
            self.pending[name] = org
            self.context.note_new("单位", name)
        return org

    def prefix_of(self, place):
        """The known body whose name begins the place (乌兰察布延彩…有限公司大哈拉运营区)."""
        self.load_all()
        for cut in range(len(place), 1, -1):
            found = self.by_name.get(place[:cut])
            if found:
                return found[0] if len(found) == 1 and found[0].pk else None
        return None

    def flush(self, writer):
        flush_new_by_name(self, writer, Organization)


class SourceResolver:
    """Reports by link; one link is one Source, shared by every row that names it."""

    def __init__(self, context):
        self.context = context
        self.by_url = {}
        self.pending = []

    def load(self, urls):
        wanted = [u for u in set(urls) if u and u not in self.by_url]
        for chunk in lookup_chunks(wanted):
            for source in Source.objects.filter(url__in=chunk).order_by("pk"):
                self.by_url.setdefault(source.url, source)

    def new(self, **fields):
        source = bulk.build(Source, **fields)
        self.pending.append(source)
        if source.url:
            self.by_url[source.url] = source
        return source

    def flush(self, writer):
        writer.create(Source, self.pending)
        self.pending = []


class ImportContext:
    """Everything one import shares across its ledgers: who, how, and the indexes."""

    def __init__(self, *, user=None, publish=False, file_name="", batch=None, progress=None):
        self.user = user
        self.publish = publish
        # 本单位所在地区, when the importer gave it: a Region (service._import_file resolves it).
        self.own_region = None
        self.file_name = file_name
        self.batch = batch
        self.now = timezone.now()
        self.progress = progress or (lambda message, **counts: None)
        self.new_names = defaultdict(list)
        self.review = []
        self._reviewed = set()
        self.memo = {}  # answers worth remembering for the rest of the file (a place's region …)
        self._new_seen = set()
        self._slugs = {}
        self.writer = Writer(self)
        # What the writes change of records the public sees is held for review (review.held).
        self.held = HeldChanges(user)
        self.regions = RegionResolver(self)
        self.people = PersonResolver(self)
        self.topics = TopicResolver(self)
        self.pairings = PairingResolver(self)
        self.organizations = OrganizationResolver(self)
        self.sources = SourceResolver(self)

    @property
    def history_user(self):
        return self.user if self.user is not None and self.user.pk else None

    def release(self):
        """Let go of the indexes and records the import held, once it is over.

        Each resolver points back at the context, so without this everything the import
        loaded or made stays in memory until a full pass of Python's collector finds the
        cycle (a million objects for 20,000 trips); dropped here, it is freed at once.
        """
        self.__dict__.clear()

    def can_publish(self, model):
        return self.user is None or user_can_publish(self.user, model)

    def slugs(self, model):
        if model not in self._slugs:
            self._slugs[model] = SlugAllocator(model)
        return self._slugs[model]

    def note_new(self, kind, name):
        if (kind, name) not in self._new_seen:
            self._new_seen.add((kind, name))
            self.new_names[kind].append(name)

    def note_review(self, kind, text, reader=None, ledger=""):
        """Something for the preview's list to check; each (kind, text) once per row.

        Kept as plain tuples (a large file notes one per person of every row); `review_items`
        makes the ReviewItems, in the order the preview lists them.
        """
        row, sheet = (reader.number, reader.sheet) if reader is not None else (0, "")
        key = (REVIEW_ORDER[kind], ledger, row, kind, text, sheet)
        if key not in self._reviewed:
            self._reviewed.add(key)
            self.review.append(key)

    def review_items(self):
        ordered = sorted(self.review, key=lambda key: key[:3])  # stable: a row's items as they came
        return [ReviewItem(kind, text, row, sheet, ledger) for _o, ledger, row, kind, text, sheet in ordered]

    def flush_vocabulary(self):
        """Create every new name the rows point at, each kind after the kinds it refers to."""
        self.regions.flush(self.writer)
        self.organizations.flush(self.writer)
        self.pairings.flush(self.writer)
        self.topics.flush(self.writer)
        self.people.flush(self.writer)
        self.sources.flush(self.writer)
