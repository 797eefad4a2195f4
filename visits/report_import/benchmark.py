"""Precision and recall of the extractor against reports whose facts were written by hand.

Run from the project root:

    .venv/bin/python -m visits.report_import.benchmark [--cases DIR] [--verbose]

Each case is NNN_name.txt (the report) with NNN_name.json beside it:
{"text": "NNN_name.txt", "published": "2024-07-05" or null, "expected": {...}}, the expected
facts in the shape `summarize` gives. An item counts as found only when every field of it
is right (a speaker with the right name but the wrong title is both a miss and an extra).
"""

import argparse
import collections
import datetime
import json
import sys
import unicodedata
from pathlib import Path

from .engine import extract
from .lexicon import default_lexicon

CASES = Path(__file__).resolve().parents[2] / "tests" / "visits" / "extraction_cases"

KINDS = (
    ("trip", "是否行程"),
    ("delegation", "代表团（名称/类型/出发地/带队）"),
    ("destinations", "目的地"),
    ("date", "日期"),
    ("site_visits", "实地考察点"),
    ("meetings", "会议"),
    ("speakers", "发言人（姓名/职务/类型）"),
    ("points", "发言要点"),
    ("attendees", "出席人员（姓名/职务）"),
    ("sides", "人员所属方与角色"),
    ("topics", "协作领域"),
)


def summarize(result):
    """The result in the shape of a case's "expected": labels, not codes, for hand-writing."""
    delegation = result.delegation
    return {
        "is_trip": result.is_trip,
        "delegation": None
        if delegation is None
        else {
            "name": delegation.name,
            "kind": delegation.kind.label,
            "origin": delegation.origin.name if delegation.origin else None,
            "leaders": [{"name": person.name, "title": person.title} for person in delegation.leaders],
        },
        "destinations": [
            {"name": place.name, "parents": place.parents} for place in (delegation.destinations if delegation else [])
        ],
        "date": {
            "start": result.date.start.isoformat() if result.date.start else None,
            "end": result.date.end.isoformat() if result.date.end else None,
            "precision": result.date.precision.value if result.date.precision else None,
            "inferred": result.date.inferred,
        },
        "site_visits": [{"place": visit.place, "seen": visit.seen} for visit in result.site_visits],
        "meetings": [
            {
                "title": meeting.title,
                "kind": meeting.kind.label,
                "place": meeting.place,
                "chair": meeting.chair,
                "speeches": [_speech(speech) for speech in meeting.speeches],
            }
            for meeting in result.meetings
        ],
        "other_speeches": [_speech(speech) for speech in result.other_speeches],
        "participants": [
            {
                "name": person.name,
                "title": person.title,
                "side": person.side.label if person.side else None,
                "role": person.role.label,
            }
            for person in result.participants
        ],
        "topics": [topic.name for topic in result.topics],
    }


def _speech(speech):
    return {
        "name": speech.name,
        "title": speech.title,
        "kind": speech.kind.label,
        "points": [point.text for point in speech.points],
    }


def items(summary):
    """Each fact as a hashable tuple, by kind; order is part of a site visit, a meeting
    and a speech, because the report gives them in order."""
    found = {kind: [] for kind, _ in KINDS}
    found["trip"].append(summary["is_trip"])
    delegation = summary["delegation"]
    if delegation:
        found["delegation"] += [
            ("name", delegation["name"]),
            ("kind", delegation["kind"]),
            ("origin", delegation["origin"]),
        ]
        found["delegation"] += [("leader", person["name"], person["title"]) for person in delegation["leaders"]]
    found["destinations"] = [(place["name"], tuple(place["parents"])) for place in summary["destinations"]]
    date = summary["date"]
    found["date"].append((date["start"], date["end"], date["precision"], date["inferred"]))
    found["site_visits"] = [
        (order, visit["place"], visit["seen"]) for order, visit in enumerate(summary["site_visits"], 1)
    ]
    speeches = [(str(number), meeting["speeches"]) for number, meeting in enumerate(summary["meetings"], 1)] + [
        ("—", summary["other_speeches"])
    ]
    for number, meeting in enumerate(summary["meetings"], 1):
        found["meetings"].append((number, meeting["title"], meeting["kind"], meeting["place"], meeting["chair"]))
    for meeting_number, group in speeches:
        for order, speech in enumerate(group, 1):
            found["speakers"].append((meeting_number, order, speech["name"], speech["title"], speech["kind"]))
            found["points"] += [(meeting_number, order, index, text) for index, text in enumerate(speech["points"], 1)]
    found["attendees"] = [(person["name"], person["title"]) for person in summary["participants"]]
    found["sides"] = [
        (person["name"], person["title"], person["side"], person["role"]) for person in summary["participants"]
    ]
    found["topics"] = list(summary["topics"])
    return found


def compare(expected, actual):
    """{kind: (expected count, extracted count, matched, missing, extra)}."""
    expected_items, actual_items = items(expected), items(actual)
    scores = {}
    for kind, _ in KINDS:
        want = collections.Counter(expected_items[kind])
        got = collections.Counter(actual_items[kind])
        matched = want & got
        scores[kind] = (
            sum(want.values()),
            sum(got.values()),
            sum(matched.values()),
            sorted((want - got).elements(), key=repr),
            sorted((got - want).elements(), key=repr),
        )
    return scores


def load_cases(directory):
    cases = []
    for path in sorted(Path(directory).glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        text = (path.parent / case["text"]).read_text(encoding="utf-8")
        published = datetime.date.fromisoformat(case["published"]) if case.get("published") else None
        cases.append((path.stem, text, published, case["expected"]))
    return cases


def run(directory=CASES, lexicon=None, out=sys.stdout, verbose=False):
    """Print the table; returns the totals as (precision, recall)."""
    lexicon = lexicon or default_lexicon()
    totals = {kind: [0, 0, 0] for kind, _ in KINDS}
    for name, text, published, expected in load_cases(directory):
        actual = summarize(extract(text, lexicon=lexicon, published=published))
        scores = compare(expected, actual)
        misses = sum(len(score[3]) + len(score[4]) for score in scores.values())
        print(f"{name}: {'全部正确' if not misses else f'{misses} 处不符'}", file=out)
        for kind, (want, got, matched, missing, extra) in scores.items():
            totals[kind][0] += want
            totals[kind][1] += got
            totals[kind][2] += matched
            if verbose:
                for item in missing:
                    print(f"    缺 {kind}: {item}", file=out)
                for item in extra:
                    print(f"    多 {kind}: {item}", file=out)
    print(file=out)
    columns = ("应有", "抽出", "正确", "精确率", "召回率")
    header = _pad("类别", 40) + "".join(_pad(word, 9, right=True) for word in columns)
    print(header, file=out)
    print("-" * _width(header), file=out)
    all_want = all_got = all_matched = 0
    for kind, label in KINDS:
        want, got, matched = totals[kind]
        all_want, all_got, all_matched = all_want + want, all_got + got, all_matched + matched
        print(_row(f"{kind} {label}", want, got, matched), file=out)
    print(_row("合计", all_want, all_got, all_matched), file=out)
    return _ratio(all_matched, all_got), _ratio(all_matched, all_want)


def _row(label, want, got, matched):
    cells = (str(want), str(got), str(matched), f"{_ratio(matched, got):.1%}", f"{_ratio(matched, want):.1%}")
    return _pad(label, 40) + "".join(_pad(cell, 9, right=True) for cell in cells)


def _width(text):
    # A Chinese character takes two columns in a terminal.
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text, width, right=False):
    space = " " * max(1, width - _width(text))
    return space + text if right else text + space


def _ratio(part, whole):
    return part / whole if whole else 1.0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=str(CASES), help="folder of NNN_name.txt/.json pairs")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every missing and extra item")
    arguments = parser.parse_args(argv)
    run(arguments.cases, verbose=arguments.verbose)


if __name__ == "__main__":
    main()
