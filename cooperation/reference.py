"""The reference data the product ships: administrative divisions and the program's topics."""

import csv
from pathlib import Path

from cooperation.slugs import pinyin_slug

REGIONS_CSV = Path(__file__).resolve().parent / "data" / "regions.csv"

LEVELS = {"province": "province", "prefecture": "prefecture", "county": "county"}

# The program's fields of cooperation, in the order offices list them.
TOPICS = [
    ("产业协作", "chanye-xiezuo"),
    ("劳务协作", "laowu-xiezuo"),
    ("消费帮扶", "xiaofei-bangfu"),
    ("人才交流", "rencai-jiaoliu"),
    ("教育", "jiaoyu"),
    ("医疗", "yiliao"),
    ("文旅", "wenlv"),
    ("新能源", "xin-nengyuan"),
    ("科技", "keji"),
    ("生态环保", "shengtai-huanbao"),
    ("数字经济", "shuzi-jingji"),
    ("乡村振兴", "xiangcun-zhenxing"),
    ("社会帮扶", "shehui-bangfu"),
]


def read_region_rows(path=REGIONS_CSV):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _former_county(alias, name):
    return alias.endswith("县") and name.endswith("区")


def load_regions(region_model, rows=None):
    """Create or update the shipped divisions; safe to run again (keyed by division code).

    Works with the historical model inside a migration, so it sets the derived fields
    (full name, slug) itself rather than relying on Region.save().
    """
    rows = read_region_rows() if rows is None else rows
    existing = {r.full_name: r for r in region_model.objects.all()}
    by_code = {r.code: r for r in existing.values() if r.code}
    used_slugs = set(region_model.objects.values_list("slug", flat=True))
    for row in rows:
        aliases = [a for a in row["aliases"].split("|") if a]
        parent = by_code.get(row["parent_code"]) if row["parent_code"] else None
        # A county's short name is its first shorter alias (察右前旗 for 察哈尔右翼前旗);
        # leagues and cities read best in full (锡林郭勒盟, not 锡林郭勒). A former county's name
        # is history, not a short name: 通州区 was 通县 until 1997 and is never called so now.
        short = slug_source = ""
        if row["level"] == "county":
            shorter = [a for a in aliases if len(a) < len(row["name"])]
            short = next((a for a in shorter if not _former_county(a, row["name"])), "")
            # Addresses were made from the first shorter alias, and an address never changes.
            slug_source = shorter[0] if shorter else ""
        values = {
            "name": row["name"],
            "short_name": short,
            "aliases": "、".join(a for a in aliases if a != short),
            "level": LEVELS[row["level"]],
            "side": row["side"],
            "parent": parent,
            "full_name": (parent.full_name if parent else "") + row["name"],
        }
        code = row["code"] or None
        region = existing.get(values["full_name"])
        if region is None:
            slug = base = pinyin_slug(slug_source or row["name"])
            counter = 2
            while slug in used_slugs:
                slug = f"{base}-{counter}"
                counter += 1
            used_slugs.add(slug)
            region = region_model(code=code, slug=slug, **values)
        else:
            for field, value in values.items():
                setattr(region, field, value)
        region.save()
        existing[region.full_name] = region
        if code:
            by_code[code] = region


def load_topics(topic_model):
    for order, (name, slug) in enumerate(TOPICS, start=1):
        topic_model.objects.update_or_create(name=name, defaults={"slug": slug, "order": order * 10})
