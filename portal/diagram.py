"""The pairings as a schematic diagram: Beijing's side on the left, Inner Mongolia's on the right.

Not a map. A map with administrative boundaries on a government site needs the 标准地图 and
its 审图号; this draws only which region supports which, in division order, one line per
pairing. The geometry is computed here and written out by a template as plain SVG (no
script, no inline style), so it reads the same under the site's Content Security Policy.
"""

from dataclasses import dataclass, field

from django.db.models import F

from cooperation.models import Pairing, RegionLevel

# SVG user units. The width suits a phone at 1:1 (labels of seven characters fit each side)
# and scales up on a desktop.
WIDTH = 380
ROW = 26
TOP = 60
BOTTOM = 12
SUPPORT_DOT = 112
RECIPIENT_DOT = 262
LABEL_GAP = 7


@dataclass
class Node:
    region: object
    x: float
    y: float
    label: str
    anchor: str
    label_x: float

    @property
    def dot_y(self):
        return round(self.y - 4, 1)


@dataclass
class Heading:
    region: object
    y: float
    x: float
    is_node: bool

    @property
    def dot_y(self):
        return round(self.y - 4, 1)


@dataclass
class Line:
    pairing: object
    path: str
    title: str


@dataclass
class Diagram:
    height: int
    supports: list = field(default_factory=list)
    recipients: list = field(default_factory=list)
    headings: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    width: int = WIDTH
    support_x: int = SUPPORT_DOT
    recipient_x: int = RECIPIENT_DOT

    @property
    def label_y(self):
        return TOP - 34


def diagram_pairings():
    """Every pairing with the regions and the parents the diagram groups by, in one query."""
    return Pairing.objects.select_related(
        "support_region", "recipient_region__parent__parent__parent"
    ).order_by(F("support_region__code").asc(nulls_last=True), F("recipient_region__code").asc(nulls_last=True), "pk")


def _code_order(region):
    return (region.code is None, region.code or "", region.full_name)


def _league_of(region):
    """The league or city a recipient lies in (or is), else its province."""
    node, top = region, region
    while node is not None:
        if node.level == RegionLevel.PREFECTURE:
            return node
        top = node
        node = node.parent
    return top


def pairing_diagram(pairings):
    pairings = list(pairings)
    if not pairings:
        return None
    supports = sorted({p.support_region_id: p.support_region for p in pairings}.values(), key=_code_order)
    recipients = sorted({p.recipient_region_id: p.recipient_region for p in pairings}.values(), key=_code_order)
    leagues = {}
    for region in recipients:
        leagues.setdefault(_league_of(region), []).append(region)

    # The right side: each league's name, then its banners; a league paired itself is its heading.
    diagram = Diagram(height=0)
    position = {}
    y = TOP
    for league in sorted(leagues, key=_code_order):
        members = [region for region in leagues[league] if region.pk != league.pk]
        is_node = len(members) < len(leagues[league])
        diagram.headings.append(Heading(region=league, y=y, x=RECIPIENT_DOT + LABEL_GAP, is_node=is_node))
        if is_node:
            position[league.pk] = y
        y += ROW
        for region in members:
            position[region.pk] = y
            diagram.recipients.append(
                Node(region, RECIPIENT_DOT, y, region.display_name, "start", RECIPIENT_DOT + LABEL_GAP + 10)
            )
            y += ROW
    right_height = y - TOP
    # The left side is spread over the same height, so lines fan out rather than bunch at the top.
    left_height = max(right_height, len(supports) * ROW)
    step = left_height / len(supports)
    for index, region in enumerate(supports):
        y_support = round(TOP + step * index + (step - ROW) / 2, 1)
        position[region.pk] = y_support
        diagram.supports.append(
            Node(region, SUPPORT_DOT, y_support, region.display_name, "end", SUPPORT_DOT - LABEL_GAP)
        )
    middle = (SUPPORT_DOT + RECIPIENT_DOT) / 2
    for pairing in pairings:
        y1, y2 = position[pairing.support_region_id], position[pairing.recipient_region_id]
        diagram.lines.append(
            Line(
                pairing=pairing,
                path=f"M{SUPPORT_DOT} {y1 - 4:g}C{middle:g} {y1 - 4:g} {middle:g} {y2 - 4:g} "
                f"{RECIPIENT_DOT} {y2 - 4:g}",
                title=f"{pairing.support_region.display_name} ⇄ {pairing.recipient_region.display_name}",
            )
        )
    diagram.height = round(TOP + max(left_height, right_height) + BOTTOM)
    return diagram
