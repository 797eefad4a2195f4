"""Resolving the ways reports name a place to one Region.

察右前旗, 乌兰察布市察右前旗 and 察哈尔右翼前旗 are one banner; 察右前旗星耀镇 is a township under
it. The index is built once from all regions (a few hundred rows) and answers from memory,
so an import of ten thousand rows asks the database nothing per cell.
"""

import difflib
from collections import defaultdict
from itertools import combinations

from cooperation.ledgers.cells import PAIRING_JOIN
from cooperation.models import Region

TOWNSHIP_ENDINGS = ("街道", "苏木", "镇", "乡")
VILLAGE_ENDINGS = ("嘎查", "村", "社区")
# How the name of a division at or above the county level ends (玉树市, 和田地区, 火星旗).
DIVISION_ENDINGS = ("省", "自治区", "市", "地区", "州", "盟", "县", "区", "旗")
# The one-character endings an office leaves off a banner's, county's or city's name (敖汉 for 敖汉旗).
STEM_ENDINGS = ("旗", "县", "区", "市", "盟")


def _forms(region):
    forms = {region.name, *region.alias_list()}
    if region.short_name:
        forms.add(region.short_name)
    return forms


class RegionIndex:
    def __init__(self, regions):
        self.regions = {region.pk: region for region in regions}
        self._chains = {}
        self._by_text = defaultdict(set)
        self._stems = None  # a name without its ending → regions (`without_ending`), made when asked
        for region in self.regions.values():
            for text in self._composed_forms(region):
                self._by_text[text].add(region.pk)

    @classmethod
    def load(cls):
        return cls(Region.objects.select_related("parent").order_by("pk"))

    def _ancestors(self, region):
        chain = []
        parent_id = region.parent_id
        while parent_id is not None and parent_id in self.regions:
            parent = self.regions[parent_id]
            chain.append(parent)
            parent_id = parent.parent_id
        return list(reversed(chain))

    def _composed_forms(self, region):
        """Every way of writing the region, alone or after any of its ancestors."""
        own = _forms(region)
        ancestors = self._ancestors(region)
        composed = set(own)
        for size in range(1, len(ancestors) + 1):
            for chain in combinations(ancestors, size):
                prefixes = [""]
                for ancestor in chain:
                    prefixes = [p + form for p in prefixes for form in _forms(ancestor)]
                composed.update(p + form for p in prefixes for form in own)
        return composed

    def add(self, region):
        self.regions[region.pk] = region
        self._stems = None
        for text in self._composed_forms(region):
            self._by_text[text].add(region.pk)

    def candidates(self, text):
        """All regions the text can mean (more than one: ambiguous; none: unknown)."""
        text = (text or "").strip().replace(" ", "").replace("\u3000", "")
        return [self.regions[pk] for pk in sorted(self._by_text.get(text, ()))]

    def resolve(self, text):
        found = self.candidates(text)
        return found[0] if len(found) == 1 else None

    def without_ending(self, text):
        """The regions a name written without its 旗, 县, 区, 市 or 盟 can mean (敖汉 → 敖汉旗, 巴林右 →
        巴林右旗), as offices write their banners among themselves: every form of a region at or
        above the county level that is the text and one such ending. A text that has an ending
        of its own, or is shorter than two characters, means none."""
        text = (text or "").strip()
        if len(text) < 2 or text.endswith(DIVISION_ENDINGS):
            return []
        if self._stems is None:
            self._stems = defaultdict(set)
            for region in self.regions.values():
                if region.level in ("county", "prefecture"):
                    for form in _forms(region):
                        if form.endswith(STEM_ENDINGS) and len(form) > 2:
                            self._stems[form[:-1]].add(region.pk)
        return [self.regions[pk] for pk in sorted(self._stems.get(text, ()))]

    def close_forms(self, text, count=3):
        """Ways of writing a known region that look like `text` (察右前期 → 察右前旗): a typo's answer."""
        forms = {form for region in self.regions.values() for form in _forms(region)}
        return difflib.get_close_matches(text, sorted(forms), n=count, cutoff=0.6)

    def split_known_prefix(self, text):
        """察右前旗巴音塔拉镇 → (察右前旗's Region, "巴音塔拉镇"): the longest known prefix."""
        text = (text or "").strip()
        for cut in range(len(text) - 1, 0, -1):
            found = self.candidates(text[:cut])
            if len(found) == 1:
                return found[0], text[cut:]
        return None, text

    def in_title(self, title):
        """The regions a title names at the start of its parts (乌兰察布市政协副主席、察右前旗委书记)."""
        found = []
        for part in (title or "").replace("，", "、").split("、"):
            region = self.resolve(part) or self.split_known_prefix(part)[0]
            if region is not None and region not in found:
                found.append(region)
        return found

    def pairings_named(self, text):
        """The pairings a heading names as two regions joined by a dash (2023年石景山区—莫旗京蒙协作
        项目台账 → [(石景山区, 莫力达瓦达斡尔族自治旗)]): the region the text before the dash ends
        with, the one the text after it begins with, one of each side and neither a province. Each
        (support, recipient) once, in the order written."""
        found = []
        text = "".join((text or "").split())
        for dash in PAIRING_JOIN.finditer(text):  # 石景山区—莫旗, 北京市石景山区－莫旗
            before, after = text[: dash.start()], text[dash.end():]
            left = next(
                (region for cut in range(len(before) - 1) if (region := self.resolve(before[cut:])) is not None), None
            )
            right = self.resolve(after) or self.split_known_prefix(after)[0]
            if left is None or right is None or {left.level, right.level} & {"province"}:
                continue
            sides = {left.side: left, right.side: right}
            pair = (sides.get("support"), sides.get("recipient"))
            if None not in pair and pair not in found:
                found.append(pair)
        return found

    def ancestors(self, region):
        """The region and those above it, as object ids (the index holds one object a region;
        a region not saved yet is followed through its parent). Remembered for saved regions."""
        key = id(region)
        chain = self._chains.get(key)
        if chain is not None:
            return chain
        chain = []
        node = region
        saved = True
        while node is not None:
            chain.append(id(node))
            if node.pk is None:
                saved = False
                node = node.parent
            else:
                node = self.regions.get(node.parent_id)
        if saved:
            self._chains[key] = chain
        return chain

    def lines_up(self, a, b):
        """One region is the other or lies within it (察右前旗 and 乌兰察布市)."""
        return id(a) in self.ancestors(b) or id(b) in self.ancestors(a)
