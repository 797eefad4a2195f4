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

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from pypinyin import lazy_pinyin
from pypinyin.seg.simpleseg import seg, simple_seg

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
from cooperation.regions import TOWNSHIP_ENDINGS, VILLAGE_ENDINGS, RegionIndex
from cooperation.slugs import pinyin_slug
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


@functools.lru_cache(maxsize=20_000)
def _word_pinyin(word):
    return tuple(lazy_pinyin(word))


@functools.lru_cache(maxsize=20_000)
def _run_pinyin(run):
    return tuple(syllable for word in seg(run) for syllable in _word_pinyin(word))


@functools.lru_cache(maxsize=50_000)
def cached_slug(text, max_length=60):
    """`cooperation.slugs.pinyin_slug`, run by run with each run's pinyin remembered.

    `lazy_pinyin(text)` is the pinyin of each run of Chinese (and each run of other
    characters) of `simple_seg(text)` in turn, each run cut into words by `seg`; remembering
    runs (察右前旗现代农业产业园项目) and words (察右, 前旗) makes ten thousand titles cost what a
    few hundred would.
    """
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
        with_history = not part_of_new or getattr(settings, "LEDGER_PART_HISTORY", False)
        bulk.insert(model, objs, history=("+", self.user_id, now, self.reason) if with_history else None)
        if not part_of_new:
            self._record(model, objs, ChangeAction.CREATED)
        return objs

    def create_parts(self, model, names, rows, *, ids=False):
        """Insert parts of new records from value tuples (see `create(part_of_new=True)`).

        Returns their ids when `ids` asks for them (stops, which projects are linked to).
        """
        with_history = getattr(settings, "LEDGER_PART_HISTORY", False)
        history = ("+", self.user_id, self.context.now, self.reason) if with_history else None
        return bulk.insert_values(model, names, rows, returning=ids, history=history)

    def update(self, model, objs, fields, *, before=None):
        """`before`: {pk: snapshot} of each object as it was, for the batch (None: not recorded)."""
        objs = list(objs)
        if not objs:
            return
        fields = list(fields)
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
        self._record(model, objs, ChangeAction.UPDATED, before)

    def delete(self, model, objs, *, before=None):
        objs = list(objs)
        if not objs:
            return
        if before is not None:
            self._record(model, objs, ChangeAction.DELETED, before)
        for chunk in chunks([obj.pk for obj in objs]):
            model._default_manager.filter(pk__in=chunk).delete()

    def add_links(self, field, pairs):
        """m2m links (`Delegation.destinations`…) as (record, target) pairs."""
        through = field.through
        source, target = field.field.m2m_field_name(), field.field.m2m_reverse_field_name()
        bulk.insert_links(through, source, target, pairs)

    def remove_links(self, field, pairs):
        """Delete m2m links given as (record id, target id) pairs, grouped by record."""
        through = field.through
        source, target = field.field.m2m_field_name(), field.field.m2m_reverse_field_name()
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


class NameProblem(Exception):
    """A name that cannot be resolved to one record; the message says what to write instead."""


class RegionResolver:
    """察右前旗 / 乌兰察布市察右前旗 / 察哈尔右翼前旗 → one Region; 察右前旗某某镇 → a new township."""

    def __init__(self, context):
        self.context = context
        self.index = RegionIndex.load()
        self.pending = {}  # (parent pk or id of the unsaved parent, name) → unsaved Region
        self.by_text = {}  # text as written → the unsaved Region it created

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
        parent, rest = self.index.split_known_prefix(text)
        if parent is None:
            if text.endswith(TOWNSHIP_ENDINGS + VILLAGE_ENDINGS):
                raise NameProblem(f"乡镇或村“{text}”须连同所在旗县一起写，如 察右前旗巴音塔拉镇、房山区窦店镇")
            raise NameProblem(f"未知的行政区划“{text}”；请写旗县区的正式名称或简称，如 察右前旗、大兴区")
        region = self._new_below(parent, rest, text)
        self.by_text[text] = region
        return region

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


class PersonResolver:
    """A name → the one Person of that name, a new draft Person, or a request to disambiguate."""

    def __init__(self, context):
        self.context = context
        self.by_name = {}
        self.titles = defaultdict(set)  # person pk → titles of their appointments
        self.pending = {}

    def load(self, names):
        wanted = {name for name in names if name and name not in self.by_name}
        for name in wanted:
            self.by_name[name] = []
        for chunk in chunks(wanted):
            for person in Person.objects.filter(name__in=chunk).only("pk", "name", "disambiguation", "slug"):
                self.by_name[person.name].append(person)
        shared = [p.pk for people in self.by_name.values() if len(people) > 1 for p in people]
        for chunk in chunks(shared):
            for person_id, title in Appointment.objects.filter(person_id__in=chunk).values_list("person_id", "title"):
                self.titles[person_id].add(title)

    def resolve(self, name, title):
        if not name:
            return None
        people = self.by_name.get(name)
        if people is None:
            self.load([name])
            people = self.by_name[name]
        if len(people) == 1:
            return people[0]
        if not people:
            person = self.pending.get(name)
            if person is None:
                person = bulk.build(Person, name=name, status=Status.DRAFT)
                self.pending[name] = person
                self.context.note_new("人物", name)
            return person
        matches = [p for p in people if self._fits(p, title)]
        if len(matches) == 1:
            return matches[0]
        options = "；".join(str(p) for p in people[:5])
        raise NameProblem(
            f"有 {len(people)} 位同名的“{name}”（{options}）；请在括号中写明其区分说明，"
            f"如 {name}（{people[0].disambiguation or '区分说明'}）"
        )

    def _fits(self, person, title):
        if not title:
            return False
        label = person.disambiguation
        if label and (label == title or label in title):
            return True
        return title in self.titles.get(person.pk, ())

    def flush(self, writer):
        allocator = self.context.slugs(Person)
        batch = list(self.pending.values())
        for person in batch:
            person.slug = allocator.allocate(person.name)
        writer.create(Person, batch)
        for person in batch:
            self.by_name[person.name] = [person]
        self.pending = {}


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
        batch = [topic for topic in self.by_name.values() if topic.pk is None]
        allocator = self.context.slugs(Topic)
        for topic in batch:
            topic.slug = allocator.allocate(topic.name)
        writer.create(Topic, batch)


class PairingResolver:
    def __init__(self, context):
        self.context = context
        self.by_regions = {(p.support_region_id, p.recipient_region_id): p for p in Pairing.objects.all()}

    def find(self, support, recipient):
        if support is None or recipient is None:
            return None
        return self.by_regions.get((identity(support), identity(recipient)))

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
        batch = [p for p in self.by_regions.values() if p.pk is None]
        allocator = self.context.slugs(Pairing)
        for pairing in batch:
            pairing.slug = allocator.allocate(
                f"{pairing.support_region.display_name} {pairing.recipient_region.display_name}"
            )
        writer.create(Pairing, batch)
        self.by_regions = {(p.support_region_id, p.recipient_region_id): p for p in self.by_regions.values()}


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
        batch = list(self.pending.values())
        allocator = self.context.slugs(Organization)
        for org in batch:
            org.slug = allocator.allocate(org.name)
        writer.create(Organization, batch)
        for org in batch:
            self.by_name[org.name] = [org]
        self.pending = {}


class SourceResolver:
    """Reports by link; one link is one Source, shared by every row that names it."""

    def __init__(self, context):
        self.context = context
        self.by_url = {}
        self.pending = []

    def load(self, urls):
        wanted = [u for u in set(urls) if u and u not in self.by_url]
        for chunk in chunks(wanted):
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
        self.file_name = file_name
        self.batch = batch
        self.now = timezone.now()
        self.progress = progress or (lambda message: None)
        self.new_names = defaultdict(list)
        self.memo = {}  # answers worth remembering for the rest of the file (a place's region …)
        self._new_seen = set()
        self._slugs = {}
        self.writer = Writer(self)
        self.regions = RegionResolver(self)
        self.people = PersonResolver(self)
        self.topics = TopicResolver(self)
        self.pairings = PairingResolver(self)
        self.organizations = OrganizationResolver(self)
        self.sources = SourceResolver(self)

    @property
    def history_user(self):
        return self.user if self.user is not None and self.user.pk else None

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

    def flush_vocabulary(self):
        """Create every new name the rows point at, each kind after the kinds it refers to."""
        self.regions.flush(self.writer)
        self.organizations.flush(self.writer)
        self.pairings.flush(self.writer)
        self.topics.flush(self.writer)
        self.people.flush(self.writer)
        self.sources.flush(self.writer)
