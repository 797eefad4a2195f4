"""Index pages of the people and places: people A–Z by pinyin, and the division tree.

Both read only the shared vocabulary (cooperation's models); the indexes that count trips and
projects (pairings, topics) are in overview.py.
"""

import functools
import string
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import F, Prefetch, Q
from django.shortcuts import render
from django.utils.translation import gettext as _

from cooperation.models import Appointment, Pairing, Person, Region, RegionLevel
from cooperation.people import current_titles
from cooperation.slugs import lazy_pinyin
from cooperation.structured_data import list_page_json_ld

# One page of the A–Z list: a few letters' worth at an office's size, and a page that stays
# light however many people the records come to name.
PEOPLE_PER_PAGE = 200
OTHER_INITIAL = "#"
INDEX_LEVELS = [RegionLevel.PROVINCE, RegionLevel.PREFECTURE, RegionLevel.COUNTY]


@functools.lru_cache(maxsize=20_000)
def pinyin_key(name):
    """王有国 → "wang you guo": the order a reader of an A–Z list expects, not the code points'."""
    return " ".join(lazy_pinyin(name, errors="default")).lower()  # plain syllables, no tones


def initial_of(key):
    first = key[:1].upper()
    return first if first in string.ascii_uppercase else OTHER_INITIAL


def anchor_of(letter):
    return "other" if letter == OTHER_INITIAL else letter


@dataclass
class Letter:
    letter: str
    page: int
    people: list = field(default_factory=list)

    @property
    def anchor(self):
        return anchor_of(self.letter)


def person_list(request):
    # Names of everyone public, sorted here (pinyin is not a database collation), then one page
    # of them loaded with their current posts: three queries whatever the number of people.
    names = sorted(
        Person.objects.published().values_list("pk", "name", "disambiguation"),
        key=lambda row: (pinyin_key(row[1]), row[1], row[2], row[0]),
    )
    paginator = Paginator(names, PEOPLE_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    # Where each letter starts, for the A–Z bar above the list.
    starts = {}
    for index, (_pk, name, _note) in enumerate(names):
        starts.setdefault(initial_of(pinyin_key(name)), index // PEOPLE_PER_PAGE + 1)
    people = Person.objects.filter(pk__in=[row[0] for row in page.object_list]).prefetch_related(
        Prefetch(
            "appointments",
            queryset=Appointment.objects.filter(end_date__isnull=True).order_by("pk"),
            to_attr="current_appointments",
        )
    )
    by_pk = {person.pk: person for person in people}
    letters = []
    for pk, name, _note in page.object_list:
        person = by_pk[pk]
        person.current_title = "、".join(current_titles(person.current_appointments))
        initial = initial_of(pinyin_key(name))
        if not letters or letters[-1].letter != initial:
            letters.append(Letter(initial, page.number))
        letters[-1].people.append(person)
    alphabet = [
        (letter, anchor_of(letter), starts.get(letter))
        for letter in [*string.ascii_uppercase, OTHER_INITIAL]
        if letter != OTHER_INITIAL or letter in starts
    ]
    listed = [person for letter in letters for person in letter.people]
    context = {
        "page": page,
        "letters": letters,
        "alphabet": alphabet,
        "total": paginator.count,
        "json_ld": list_page_json_ld(request, _("人物"), listed, start=page.start_index()),
    }
    return render(request, "portal/person_list.html", context)


@dataclass
class Branch:
    region: Region
    children: list = field(default_factory=list)
    pairings: list = field(default_factory=list)


def division_tree(regions):
    """Branches from provinces down, each level in division-code order (as `regions` comes)."""
    branches = {region.pk: Branch(region) for region in regions}
    roots = []
    for region in regions:
        parent = branches.get(region.parent_id)
        (parent.children if parent else roots).append(branches[region.pk])
    return roots, branches


def region_list(request):
    # Division-code order: 北京市 and its districts, then 内蒙古自治区, each league and its banners.
    # Regions without a code (北京经济技术开发区) close their parent's list.
    regions = list(
        Region.objects.in_public_use()
        .filter(level__in=INDEX_LEVELS)
        .order_by(F("code").asc(nulls_last=True), "full_name")
    )
    roots, branches = division_tree(regions)
    pairings = Pairing.objects.in_public_use().with_regions().filter(
        Q(support_region__in=list(branches)) | Q(recipient_region__in=list(branches))
    )
    for pairing in pairings:
        for side in (pairing.support_region_id, pairing.recipient_region_id):
            if side in branches:
                branches[side].pairings.append(pairing)
    context = {"roots": roots, "json_ld": list_page_json_ld(request, _("地区"), regions)}
    return render(request, "portal/region_list.html", context)
