"""Reading and writing the cells of a ledger: pure functions, no database.

The conventions are DESIGN.md's: people as 姓名（职务）, site visits as 地点：内容, lists separated
by ；, ; or a line break (regions, topics and projects also by 、 and ，), dates in every form
offices write. Each reader returns a value or raises `CellError` with a message in plain words;
the ledger adds the row number, the column and the value.
"""

import datetime
import functools
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import translation

from cooperation.dates import DatePrecision, format_partial_date, parse_partial_date


class CellError(ValueError):
    """A cell that cannot be read; the message says why, for the person who wrote it."""


# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Control characters other than tab and line breaks: XLSX cannot hold them and PostgreSQL
# refuses NUL, so they never get past the reader.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[\s\u3000\u00a0\ufeff\u200b]+")
_PEOPLE_SEPARATORS = re.compile(r"[；;\n]")
_TERM_SEPARATORS = re.compile(r"[；;\n、，]")
# Other middle dots that keyboards and fonts produce in 奇·达楞太: all become U+00B7.
_MIDDLE_DOTS = str.maketrans({"•": "·", "・": "·", "‧": "·", "∙": "·", "⋅": "·", "．": "·"})
_CLOSE = "）)"
# A bare item that ends like this names a role, not a person: 大兴区相关单位负责人.
ROLE_ONLY_ENDINGS = ("负责人", "负责同志", "相关领导", "同志们")
# A bare item longer than a name that ends like this names people by what they are, not who
# (相关科室负责人及专家, 随行医护人员): a role without a name.
_ROLE_NOUNS = ("专家", "人员", "干部", "代表", "师生", "教师", "学生", "医生", "职工", "群众")
# A bare item that ends like this is a body's name (市科技局), never a person's.
_BODY_ENDINGS = (
    *"局委办厅所院站",
    *("政府", "中心", "公司", "学校", "医院", "集团", "协会", "合作社"),
)
# A body's sections (人事科, 督导科, 综合处, 办公室): bodies too when listed before a role.
_SECTION_ENDINGS = (*"科处室股",)
# A group counted, not named: 150名师生, 北京学生数十名, 师生一行20人.
_GROUP = re.compile(r"(?:\d+|[数几若十百千多]+)(?:余|多)?(?:名|人|位)")
# Words that only a title contains: a bare item with one of them has its title in the name.
TITLE_WORDS = (
    "书记",
    "主任",
    "主席",
    "区长",
    "旗长",
    "县长",
    "市长",
    "盟长",
    "镇长",
    "乡长",
    "局长",
    "部长",
    "处长",
    "科长",
    "院长",
    "校长",
    "经理",
    "董事长",
    "领导",
    "委员",
    "秘书长",
)
# What a post ends with, for a post written before its name (市委常委、副市长方玉东): the title
# words and the posts that hold none (常委, 助理, 组长 …).
POST_ENDINGS = (
    *TITLE_WORDS,
    *("常委", "助理", "专员", "调研员", "巡视员", "秘书", "顾问", "科员", "干事", "组长", "队长", "站长", "所长"),
    *("行长", "厂长", "社长", "会长", "馆长", "园长", "总监", "总经理", "理事长", "医师", "教授", "研究员", "参事"),
    # 政府旗长候选人, 区长候选人: a post someone is nominated for, before the election.
    "候选人",
)
_POST_WORD = re.compile("|".join(sorted(POST_ENDINGS, key=len, reverse=True)))
_TIME_SUFFIX = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


def clean_text(value, *, multiline=False):
    """The text of a cell: numbers as written, control characters dropped, formulas let out.

    Single-line cells lose surrounding space; a long text (正文, 要点) keeps its own layout,
    indents of full-width spaces included, because that is how the report reads.
    """
    if value is None or value == "":
        return ""
    if type(value) is str and value.isprintable() and not value.startswith("'"):
        # The common case, quickly: plain text without control characters or a formula mark.
        if multiline:
            return value if value.strip() else ""
        return value.strip(" \u3000\u00a0\ufeff\u200b")
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time(0) else value
    text = str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isprintable() and _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    text = unneutralise(text)
    if multiline:
        return text if text.strip() else ""
    return text.strip(" \t\n\u3000\u00a0\ufeff\u200b")


def is_blank(value):
    return clean_text(value) == ""


def normalise_header(value):
    """A header as the ledger knows it: no spaces, no BOM, brackets full-width."""
    text = _SPACES.sub("", clean_text(value))
    return text.replace("(", "（").replace(")", "）")


def neutralise(value):
    """Keep a spreadsheet from running a cell: '=1+1 is shown as =1+1, never computed."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unneutralise(text):
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


def check_length(text, max_length, label):
    if max_length and len(text) > max_length:
        raise CellError(f"{label}最长 {max_length} 字，这里有 {len(text)} 字")
    return text


def split_items(text):
    """Items of a list cell separated by ；, ; or a line break."""
    return [item.strip() for item in _PEOPLE_SEPARATORS.split(clean_text(text, multiline=True)) if item.strip()]


# A cell may say whose people follow: 北京方：张三（副区长）、李四；内蒙古方：王五（旗长）.
SIDE_MARKERS = {
    "北京方": "support",
    "京方": "support",
    "北京": "support",
    "支援方": "support",
    "内蒙古方": "recipient",
    "蒙方": "recipient",
    "内蒙古": "recipient",
    "受援方": "recipient",
    "来访方": "visiting",
    "访问方": "visiting",
    "考察方": "visiting",
    "代表团": "visiting",
    "客方": "visiting",
    "接待方": "host",
    "东道方": "host",
    "主方": "host",
    # The office's own side: which end of the trip it is, 本单位所在地区 says (visits.ledgers.trips).
    "我方": "own",
    "本方": "own",
    # The side that is not the office's own (对方参加人员 beside 我方参加人员).
    "对方": "other",
}
_SIDE_MARKER = re.compile(r"^(" + "|".join(sorted(SIDE_MARKERS, key=len, reverse=True)) + r")\s*[：:]\s*")


def starts_with_marker(text):
    """Whether a people cell begins with a side marker (北京方：…)."""
    return _SIDE_MARKER.match(text) is not None


def split_people(text):
    """People: by ；, ; or a line break, and by 、，, outside brackets (张三（区委书记），李四（副区长）).

    Never by 、 inside a title's brackets (乌兰察布市政协副主席、察右前旗委书记).
    """
    return [item for _marker, item in split_people_marked(text)]


# What an office writes in a number cell whose number it does not know yet.
NOT_KNOWN_YET = frozenset({"待核", "待定", "待补", "待补充", "待统计", "不详", "未知", "暂无", "无", "/", "／", "—", "——", "－", "-"})  # noqa: E501
# What an office writes where nobody is named: 无, /, —.
NOBODY = frozenset({"无", "暂无", "没有", "/", "／", "-", "—", "——", "－", "略", "空"})
# A note among the people: 另有苏木党政班子成员、部分嘎查书记、学校领导参加 — a group, not names.
_NOTE_SEGMENT = re.compile(r"^(?:另有|还有|以及)(.+?)(?:等)?(?:参加|出席|陪同|参会)?[。.]?$")


def split_people_marked(text):
    """(side marker or "", person) pairs: a marker (北京方：) holds until the next one.

    A cell that says nobody (无, /) has no items; a note naming a group (另有…参加) is one item,
    a role without a name, its 、 not separating people.
    """
    people = []
    marker = ""
    for segment in split_items(text):
        found, items = _segment_people(segment)
        if found is not None:
            marker = found
        people += [(marker, item) for item in items]
    return people


# Enough for the distinct segments of a large ledger (20,000 trips name some 60,000).
_SEGMENTS_KEPT = 1 << 17


@functools.lru_cache(maxsize=_SEGMENTS_KEPT)
def _segment_people(segment):
    """(the side a marker at its start names, or None; its people) of one segment of a people
    cell. A ledger names the same people trip after trip (张三（副区长）), so each segment is read
    once per file, not once per row; the marker it sets holds on in `split_people_marked`."""
    found = _SIDE_MARKER.match(segment)
    marker = None
    if found:
        marker = SIDE_MARKERS[found.group(1)]
        segment = segment[found.end() :]
    if segment.strip() in NOBODY:
        return marker, ()
    note = _NOTE_SEGMENT.match(segment) if "（" not in segment and "(" not in segment else None
    if note:
        return marker, (f"（{note.group(1).strip()}）",)
    items = _posts_to_their_group(_bodies_to_their_role(_split_outside_brackets(segment, PEOPLE_ITEM_SEPARATORS)))
    if len(items) > 1:
        items = _shared_posts(_posts_before_name(items), segment)
    people = []
    for position, item in enumerate(items):
        if position and _continues_title(items[position - 1], item):
            # 李立奎 窦店镇党委副书记、镇长: the 、 is inside a title written after its name.
            items[position] = f"{items[position - 1]}、{item}"
            people[-1] = items[position]
            continue
        people.append(item)
    return marker, tuple(people)


# Between people in one segment of a cell, outside brackets: 、 ， , and a slash (张三/李四).
PEOPLE_ITEM_SEPARATORS = "、，,/／"


def _posts_before_name(items):
    """A post written before its name is one item with its 、 (市委常委、副市长方玉东), however many
    posts it lists (太仆寺旗旗委副书记、政府副旗长、代旗长陈艳豹): posts without a name, each
    followed by a 、, up to the first that a name ends."""
    joined, posts = [], []
    for item in items:
        if _is_bare_title(item):
            posts.append(item)
            continue
        if posts and _titled_person(item) is not None:
            joined.append("、".join([*posts, item]))
        else:
            joined += [*posts, item]
        posts = []
    return joined + posts


# A post that several hold together (区领导, 旗领导, 太仆寺旗领导): the names after it, 、 between
# them, all hold it (区领导马春秀、雷海良).
SHARED_POST_ENDING = "领导"


def _shared_posts(items, segment):
    """区领导马春秀、雷海良: each name after a shared post written before its name, separated from
    it by 、 alone, is written with that post (区领导雷海良)."""
    shared, written = None, list(items)
    for position, item in enumerate(written):
        if shared and f"{written[position - 1]}、{item}" in segment and _looks_like_name(item):
            items[position] = f"{shared}{item}"
            continue
        found = _titled_person(item) if SHARED_POST_ENDING in item else None
        shared = found[1] if found and found[1].endswith(SHARED_POST_ENDING) else None
    return items


def _looks_like_name(item):
    """A bare name alone (雷海良, 奇·达楞太): two to four characters, more with ·, no post, body
    or group word."""
    plain = normalise_name(item).replace("·", "")
    longest = 8 if "·" in item else 4
    if not 2 <= len(plain) <= longest or not plain.isalpha():
        return False
    return not any(word in item for word in (*POST_ENDINGS, *_BODY_WORDS, *_ROLE_NOUNS, "同志", "一行", "等"))


# Words of a body's name, never of a person's: what stands before the space is no name with one.
_BODY_WORDS = ("委", "局", "办", "厅", "政府", "公司", "中心", "学校", "医院")


def _spaced_person(item):
    """姓名 职务 — a name, a space, then a title (黄少君 北京胸科医院胸外科主任医师) — as
    (name, title); None for anything else, a name with spaces in it (尹  力, 晋 洪生) included:
    the words after the space must hold a title word, the name none."""
    parts = _SPACES.split(item.strip(), maxsplit=1)
    if len(parts) != 2 or "（" in item or "(" in item:
        return None
    name, title = parts
    if not 2 <= len(name) <= 8 or not name.replace("·", "").isalpha():
        return None
    if any(word in name for word in (*TITLE_WORDS, *_BODY_WORDS)):
        return None  # 区委 书记: a title spaced out, no name
    if not any(word in title for word in TITLE_WORDS):
        return None
    return name, title


def _titled_person(item):
    """职务姓名 or 职务 姓名 — the post first, the name after it (市委书记冯玉臻同志, 盟行署副盟长
    孙书涛) — as (name, title); None for anything else. Without a space the post ends at the last
    post word (书记, 副市长, 处长 …) and what follows must look like a name: two to four
    characters (a name with ·, or after a space, up to eight), without a post's, a body's or a
    group's word — so 王主任 and 区委书记 name nobody, as before."""
    if "（" in item or "(" in item:
        return None
    text = item.strip()
    parts = _SPACES.split(text)
    if len(parts) > 1:
        title, name, longest = "".join(parts[:-1]), parts[-1], 8
        if not any(word in title for word in POST_ENDINGS):
            return None
    else:
        if _POST_WORD.search(text) is None:
            return None  # a name alone, the common case
        cut = max(text.rfind(word) + len(word) for word in POST_ENDINGS if word in text)
        title, name, longest = text[:cut], text[cut:], 4
    name = normalise_name(name)
    plain = name.replace("·", "")
    if "·" in name:
        longest = 8
    if not 2 <= len(plain) <= longest or not plain.isalpha() or not title:
        return None
    if any(word in name for word in (*POST_ENDINGS, *_BODY_WORDS, *_ROLE_NOUNS, "同志", "一行", "等")):
        return None
    return name, title


def _is_bare_title(item):
    """A post without a name (市委常委, 市委农工委副书记): what a post written before its name
    may begin with, before a 、."""
    return item.endswith(POST_ENDINGS) and _is_bare(item) and _titled_person(item) is None


def _bodies_to_their_role(items):
    """Bodies listed before a role are whose role it is: 市科技局、市农林研究所相关科室负责人及专家
    is one item, a role without a name."""
    if len(items) < 2:
        return items
    joined, bodies = [], []
    for item in items:
        # In a list of bodies a short one is a body too (财政局 of 区纪委监委、发展改革委、财政局…等
        # 相关负责同志): joined only when a role follows.
        if _is_bare(item) and len(item) >= 3 and item.endswith((*_BODY_ENDINGS, *_SECTION_ENDINGS)):
            bodies.append(item)
            continue
        if bodies and _is_role(item):
            joined.append("、".join([*bodies, item]))
        else:
            joined += [*bodies, item]
        bodies = []
    return joined + bodies


# A group counted after the posts it is made of (院长、副院长、工会主席及各相关科室主任一行8人; 区长、
# 副区长等5人): the last item joins the list to its count (及, 和, 等, 一行).
_COUNTED_GROUP = re.compile(r"(?:及|和|等|一行).*" + _GROUP.pattern + "$")


def _posts_to_their_group(items):
    """Posts without names listed before a counted group that joins them (院长、副院长、工会主席及各
    相关科室主任一行8人) are what the group is made of: one item, a role without a name — not posts
    of people left unnamed. A post before anything else stays as it is (an error alone, or the post
    of the name after it: `_posts_before_name`)."""
    if len(items) < 2:
        return items
    joined, posts = [], []
    for item in items:
        if _is_bare_title(item):
            posts.append(item)
            continue
        if posts and _is_bare(item) and _COUNTED_GROUP.search(item):
            joined.append("、".join([*posts, item]))
        else:
            joined += [*posts, item]
        posts = []
    return joined + posts


def _is_body_leaders(item):
    """A body's leaders, none named (鄂伦春自治旗人民医院领导): a role without a name."""
    return item.endswith(SHARED_POST_ENDING) and _is_body(item[: -len(SHARED_POST_ENDING)])


def _is_bare(item):
    return "（" not in item and "(" not in item and not _SPACES.search(item)


def _is_role(item):
    """A bare item that names a role, not a person (大兴区相关单位负责人, 150名师生, 相关科室负责人及专家)."""
    return _is_bare(item) and (
        item.endswith(ROLE_ONLY_ENDINGS)
        or bool(_GROUP.search(item))
        or (len(item) > 4 and item.endswith(_ROLE_NOUNS))
        or _is_body_leaders(item)
    )


def _is_body(item):
    """A bare item that is a body's name (市科技局, 中国农科院蔬菜花卉研究所)."""
    return _is_bare(item) and len(item) >= 4 and item.endswith(_BODY_ENDINGS)


def _continues_title(before, item):
    """Whether `item` (镇长) is the rest of the title `before` writes after its name
    (李立奎 窦店镇党委副书记): a bare title, without a name or a space of its own."""
    if not item.endswith(TITLE_WORDS) or _SPACES.search(item) or "（" in item or "(" in item:
        return False
    return _spaced_person(before) is not None


def _split_outside_brackets(segment, separators="、，,"):
    if not any(separator in segment for separator in separators):
        return [segment.strip()] if segment.strip() else []
    items, depth, start = [], 0, 0
    for position, char in enumerate(segment):
        if char in "（(“‘《":
            depth += 1
        elif char in _CLOSE or char in "”’》":
            depth = max(depth - 1, 0)
        elif depth == 0 and char in separators:
            items.append(segment[start:position])
            start = position + 1
    items.append(segment[start:])
    return [item.strip() for item in items if item.strip()]


# A list item's number: 1. 1、 1) （1） ① — full-width digits and brackets read as ASCII.
_ITEM_DIGITS = str.maketrans("０１２３４５６７８９（）．", "0123456789().")
_ITEM_NUMBER = re.compile(r"\s*(?:\((\d{1,2})\)|(\d{1,2})[.、)](?!\d)|([\u2460-\u2473]))\s*")


def _item_number(text, position=0):
    """(number, end) of a list item's number at `position` of `text` (already translated), else None."""
    found = _ITEM_NUMBER.match(text, position)
    if not found:
        return None
    number = found.group(1) or found.group(2)
    return (int(number) if number else ord(found.group(3)) - 0x2460 + 1), found.end()


def split_numbered(line):
    """A line that starts with an item number (1.图克工业项目区 2.旗教育园区) is cut before each
    next number in turn — standing after a space or a separator, or anywhere when bracketed
    (（2）) or circled (②) — and the numbers are left off. A number out of turn or inside the
    text (投资2.5亿元, 1#地) stays text. Any other line is returned whole."""
    text = line.translate(_ITEM_DIGITS)
    first = _item_number(text)
    if first is None:
        return [line]
    starts, expected = [(0, first[1])], first[0] + 1
    for position in range(first[1], len(text)):
        found = _item_number(text, position)
        if found is None or found[0] != expected:
            continue
        if text[position] == "(" or "\u2460" <= text[position] <= "\u2473" or text[position - 1] in " \t；;，,。":
            starts.append((position, found[1]))
            expected += 1
    items = []
    for (_start, body), (end, _body) in zip(starts, [*starts[1:], (len(line), 0)], strict=True):
        item = line[body:end].strip().rstrip("；;，,。").strip()
        if item:
            items.append(item)
    return items


def split_sites(text):
    """考察点: items 地点：内容 separated by ；, ; or a line break, or numbered 1.… 2.….

    A ；/; followed by text without a 地点： of its own continues the description before it
    (descriptions hold ；); a line break always starts a new stop.
    """
    items = []
    lines = clean_text(text, multiline=True).split("\n")
    if _item_number(lines[0].translate(_ITEM_DIGITS)) is not None:
        lines = [item for line in lines for item in split_numbered(line)]
    if not any(_has_place(line) or "；" in line or ";" in line for line in lines):
        # Places only, listed as a sentence lists them (甲、乙、丙): each is a stop.
        lines = [item for line in lines for item in _split_outside_brackets(line.replace("，", "、"), "、")]
    for line in lines:
        pieces = re.split(r"([；;])", line)
        line_items = []
        for position in range(0, len(pieces), 2):
            part = pieces[position].strip()
            if not part:
                continue
            if line_items and _has_place(line_items[-1]) and not _has_place(part):
                line_items[-1] += pieces[position - 1] + part
            else:
                line_items.append(part)
        items += line_items
    return items


def _has_place(item):
    return "：" in item or ":" in item


def split_terms(text):
    """Regions, topics and projects: also separated by 、 and ，. The middle dot never splits."""
    return [item.strip() for item in _TERM_SEPARATORS.split(clean_text(text, multiline=True)) if item.strip()]


def split_projects(text):
    """相关项目: by ；, ; and line breaks when the cell has them (a name may hold 、), else also by 、 and ，."""
    text = clean_text(text, multiline=True)
    if "；" in text or ";" in text or "\n" in text:
        return split_items(text)
    return split_terms(text)


# An honorific after a name is not part of it: 刘东伟同志 is 刘东伟.
HONORIFIC = "同志"


def normalise_name(text):
    """A person's name as one string: inner spaces dropped (尹  力), every middle dot the same,
    同志 after it left off (刘东伟同志)."""
    if not text.isalpha():
        text = _SPACES.sub("", text).translate(_MIDDLE_DOTS)
    if text.endswith(HONORIFIC) and len(text) > len(HONORIFIC) + 1:
        text = text[: -len(HONORIFIC)]
    return text


def parse_person(item):
    """姓名（职务） → (name, title), in full-width or ASCII brackets; （职务） alone → ("", title).

    The title may contain 、 and brackets of its own: everything between the first opening
    bracket and the closing bracket at the end is the title. A bare item ending in 负责人 is a
    role without a name (大兴区相关单位负责人). A bare 姓名 职务 with a space between, whose
    words after the space hold a title word, is that name and title (`_spaced_person`); a bare
    item ending in a title word (镇长, 王主任) names nobody and is an error; a post with less than a
    name after it (副市长等, 副区长王) names nobody either: `person_doubt` says what was left out.
    """
    return read_person(item)[:2]


def person_doubt(item):
    """What the preview says of an item read as less than it writes (副区长王 → 副区长, nobody
    named), or ""."""
    return read_person(item)[2]


@functools.lru_cache(maxsize=_SEGMENTS_KEPT)
def read_person(item):
    """(name, title, doubt): `parse_person` and `person_doubt` at once, read once per file for
    an item a ledger repeats."""
    item = item.strip()
    full, ascii_ = item.find("（"), item.find("(")
    start = full if ascii_ < 0 or 0 <= full < ascii_ else ascii_
    if start >= 0:
        if item[-1] not in _CLOSE:
            raise CellError(f"“{item}”的括号没有在末尾闭合；请写作 姓名（职务）")
        name = normalise_name(item[:start])
        title = item[start + 1 : -1].strip()
        if not name and not title:
            raise CellError("括号里外都是空的；请写作 姓名（职务）")
        _check_name(name, item)
        return name, title, ""
    if item.endswith(ROLE_ONLY_ENDINGS) or _GROUP.search(item) or (len(item) > 4 and item.endswith(_ROLE_NOUNS)):
        return "", item, ""
    if _is_body_leaders(item):
        return "", item, ""
    if _is_body(item):
        raise CellError(f"“{item}”是单位名，不是人名；请写作 姓名（职务），或写明是单位的哪些人（如 {item}相关人员）")
    spaced = _spaced_person(item)
    if spaced is not None:
        name, title = spaced
        return normalise_name(name), title.strip(), ""
    titled = _titled_person(item)
    if titled is not None:
        return (*titled, "")
    part = _post_then_part_name(item)
    if part is not None:
        return part
    name = normalise_name(item)
    _check_name(name, item)
    return name, "", ""


# What stands after a post for people not named: 副市长等, 区长们, 书记一行.
_OTHERS = frozenset({"等", "等人", "们", "一行", "等同志", "等领导", "等一行"})
_OTHERS_LONGEST_FIRST = sorted(_OTHERS, key=lambda others: (-len(others), others))


def _post_then_part_name(item):
    """(name, title, doubt) of a bare item that is a post and less than a full name after it,
    which `parse_person` reads after every other reading has failed; None for anything else (no
    post word, nothing after the post: 王主任 stays an error). A name never holds a post's word.

    - 副市长等 (others, nobody named) → a role without a name, the whole item its title;
    - 区长李四等 → 李四 (区长), the others a doubt;
    - 副区长王 (a surname, a cut name) → the post without a name: no person is made of part of
      a name, and the preview says what was left out.
    """
    if not _is_bare(item) or _POST_WORD.search(item) is None:
        return None
    cut = max(item.rfind(word) + len(word) for word in POST_ENDINGS if word in item)
    post, rest = item[:cut], item[cut:]
    if not rest or not post:
        return None
    if rest in _OTHERS:
        return "", item, f"“{item}”：职务后没有姓名（“{rest}”是说不止一人），按没有姓名的职务读入，不建人物"
    for others in _OTHERS_LONGEST_FIRST:
        if rest.endswith(others) and len(rest) > len(others):
            person = _titled_person(item[: -len(others)])
            if person is not None:
                name, title = person
                return name, title, f"“{item}”按 {format_person(name, title)} 读入；“{others}”是说还有别人，未列出"
    return "", post, (
        f"“{item}”：职务“{post}”后的“{rest}”不是完整的姓名，按没有姓名的“{post}”读入，不建人物；"
        f"如知道是谁，请写作 全名（{post}）"
    )


def _check_name(name, item):
    if not name:
        return
    if "、" in name or "，" in name or "," in name:
        raise CellError(f"“{item}”像是几个人；人员之间请用“；”或换行分隔")
    if (len(name) > 4 and any(word in name for word in TITLE_WORDS)) or name.endswith(POST_ENDINGS):
        raise CellError(f"“{item}”像是把职务写进了姓名；请写作 姓名（职务）")
    if len(name) > 40:
        raise CellError(f"姓名最长 40 字，“{name[:20]}…”有 {len(name)} 字")


def joined_title(unit, title):
    """A post an office keeps in two columns, 单位 and 职务 (西城区委 | 书记), as one title
    (西城区委书记); a 职务 that already begins with its 单位 is taken as it is."""
    if not unit or title.startswith(unit):
        return title
    return unit + title


def format_person(name, title):
    if title:
        return f"{name}（{title}）"
    return name


def parse_site(item):
    """地点：内容 → (place, description); the first colon, full-width or ASCII, divides them."""
    item = item.strip()
    cuts = [i for i in (item.find("："), item.find(":")) if i >= 0]
    if not cuts:
        return item, ""
    cut = min(cuts)
    place, description = item[:cut].strip(), item[cut + 1 :].strip()
    if not place:
        raise CellError(f"“{item[:30]}”没有写地点；请写作 地点：内容")
    return place, description


# A stop as a note writes it, a sentence: a verb of seeing before the places (考察丫髻山、金海湖),
# or of going, with what was done there after the place (到商都县敬老院慰问老人).
_SEEING = ("实地考察", "实地察看", "实地参观", "考察", "参观", "察看", "查看", "走访", "调研", "观摩")
_GOING = ("前往", "来到", "走进", "深入", "到", "赴")
_DOING = re.compile(
    "慰问|看望|了解|查看|察看|考察|参观|调研|座谈|观看|听取|开展|举行|检查|指导|观摩|走访|交流|对接|洽谈|签约|捐赠"
)


def visit_sentence(item):
    """(place, what was done) of a stop written as a sentence, without the verb before the
    place — 考察丫髻山 (丫髻山), 到商都县敬老院慰问老人 (商都县敬老院, 慰问老人) — else None. A
    地点：内容 item says its place itself; what is left after the verb must be a place's length.
    A verb of one character (到, 赴) begins other words too (到位资金): it is a verb only with
    what was done written after a place of three characters or more."""
    if _has_place(item):
        return None
    for verbs, doing in ((_SEEING, False), (_GOING, True)):
        verb = next((v for v in verbs if item.startswith(v)), None)
        if verb is None:
            continue
        rest = item[len(verb):].strip()
        done = _DOING.search(rest, 2) if doing else None
        place, description = (rest[: done.start()], rest[done.start():]) if done else (rest, "")
        if len(verb) == 1 and (done is None or len(place) < 3):
            return None
        if len(place) >= 2:
            return place.strip(), description.strip()
    return None


def format_site(place, description):
    return f"{place}：{description}" if description else place


DATE_FORMS = "2024-06-20、2024/6/20、2024.6.20、2024年6月20日、2024年6月 或 2024年"


# A day or month without its year (5月12日, 5月): offices write the year once, in the title row.
_WITHOUT_YEAR = re.compile(r"^(\d{1,2})月(?:(\d{1,2})日)?$")
# A day written month.day (11.2, 7.20; 5/16), in a cell typed as text: a number cell (7.2) may have
# lost a trailing 0, so it is never read so.
_DOTTED_DAY = re.compile(r"^(\d{1,2})[./](\d{1,2})$")
_YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def parse_date(value, year=None, dotted=True):
    """Every date form of DESIGN.md → (date, precision); empty → (None, day).

    Real date cells of a workbook arrive as dates; a cell formatted to show only the month
    arrives as the text 2024年6月, so its precision is kept. A day or month without a year
    (5月12日) is read in `year` — the one its sheet's title row names — and is an error without
    one. `dotted`: month.day typed as text (11.2) is a day; never a number cell's 7.2.
    """
    if isinstance(value, (datetime.date, datetime.datetime)):
        return parse_partial_date(value)
    if type(value) is str:
        return _parse_date_text(value, year, typed=dotted)
    return _parse_date_text(clean_text(value), year, typed=False)


@functools.lru_cache(maxsize=8192)
def _parse_date_text(value, year, typed=True):
    """A date cell's text (a ledger repeats its dates: each is read once per file); `typed`: the
    cell held text, not a number."""
    text = unicodedata.normalize("NFKC", clean_text(value))
    if match := _TIME_SUFFIX.match(text):
        text = match.group(1)
    text = text.replace(" ", "")
    if not text:
        return None, DatePrecision.DAY
    if typed and (dotted := _DOTTED_DAY.match(text)):
        text = f"{dotted.group(1)}月{dotted.group(2)}日"
    if _WITHOUT_YEAR.match(text):
        if year is None:
            raise CellError(
                f"没有写年份；请写完整日期（如 2024年{text}），或在表格上方的标题行或文件名写明年份（如“2024年…台账”）"
            )
        text = f"{year}年{text}"
    try:
        return parse_partial_date(text)
    except ValueError:
        raise CellError(f"不是可识别的日期；可写 {DATE_FORMS}") from None


# Excel's serial day numbers (45175 is 2023-09-06), as a date cell shows when it lost its date
# format: read from 1955 to 2119, where no other number of a date column falls.
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_EXCEL_SERIALS = (20000, 80000)
_SERIAL_TEXT = re.compile(r"^(\d{5})(?:\.0+)?$")
# A note after a date, in brackets: 2025年8月7日（那达慕开幕）.
_DATE_NOTE = re.compile(r"^(.*?[\d日月年])\s*[（(]([^（）()]*)[）)]$")
_TIME_OF_DAY_ENDS = frozenset("午上间晚早晨天夜")  # a clock time (9:30) has its colon
# A time of day after a day (2月3日上午, 2024.5.16 下午, 5月16日 9:30): when, not which day.
_TIME_OF_DAY = re.compile(
    r"^(.*?[\d日])\s*((?:上午|下午|中午|晚上|晚间|傍晚|早上|早晨|凌晨|全天|当天|夜间)?\s*(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?)$"
)
# Between the two days of a range written in one cell: 9月11日至12日, 2024.3.15-16.
_RANGE_SEPARATORS = ("至", "到", "~", "—", "–", "-")
_DAY_ONLY = re.compile(r"^(\d{1,2})日?$")
_MONTH_DAY = re.compile(r"^(\d{1,2})(?:月|[./])(\d{1,2})日?$")
_MONTH_ONLY = re.compile(r"^(\d{1,2})月$")


def excel_serial(value):
    """The date an Excel serial number stands for (a number cell, or its digits), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        found = _SERIAL_TEXT.match(value.strip())
        value = int(found.group(1)) if found else None
    if type(value) is not int or not _EXCEL_SERIALS[0] <= value <= _EXCEL_SERIALS[1]:
        return None
    return _EXCEL_EPOCH + datetime.timedelta(days=value)


def date_note(value):
    """(the date's text, the note, whether the note is bracketed) of a date followed by a
    bracketed note (2025年8月7日（那达慕开幕）) or by a time of day (2月3日上午, 5月16日 9:30),
    else None."""
    if type(value) is not str:
        return None
    text = unicodedata.normalize("NFKC", clean_text(value))
    found = _DATE_NOTE.match(text)
    if found:
        return found.group(1), found.group(2).strip(), True
    if not text or (text[-1] not in _TIME_OF_DAY_ENDS and ":" not in text):  # NFKC: ：is :
        return None  # no time after the date: the common case
    found = _TIME_OF_DAY.match(text)
    if found and found.group(2).strip() and not _SERIAL_TEXT.match(text) and not _TIME_SUFFIX.match(text):
        return found.group(1), found.group(2).strip(), False
    return None


def parse_date_range(value, year=None):
    """Two days in one cell (9月11日至12日, 2024.3.15-16, 2022年7月31日至8月1日) →
    (start, end, precision); None when the text is not such a range. The second day takes the
    year and month the first one gives when it leaves them out."""
    if type(value) is not str:
        return None
    text = unicodedata.normalize("NFKC", clean_text(value)).replace(" ", "")
    for separator in _RANGE_SEPARATORS:
        position = text.find(separator, 1)
        while position > 0:
            found = _range_at(text[:position], text[position + len(separator) :], year)
            if found is not None:
                return found
            position = text.find(separator, position + 1)
    return None


def _range_at(left, right, year):
    if not right:
        return None
    try:
        start, precision = _parse_date_text(left, year)
    except CellError:
        return None
    if start is None:
        return None
    try:
        if precision == DatePrecision.DAY and (day := _DAY_ONLY.match(right)):
            end = start.replace(day=int(day.group(1)))
        elif precision == DatePrecision.DAY and (month_day := _MONTH_DAY.match(right)):
            end = start.replace(month=int(month_day.group(1)), day=int(month_day.group(2)))
        elif precision == DatePrecision.MONTH and (month := _MONTH_ONLY.match(right)):
            end = start.replace(month=int(month.group(1)))
        else:
            end, end_precision = _parse_date_text(right, year)
            if end is None or end_precision != precision:
                return None
    except (CellError, ValueError):
        return None
    return (start, end, precision) if end >= start else None


# A date at the start of a text, the year written (2016年8月16日 巴彦淖尔市医院, 2017.2.28 北京化工大学):
# a name made of the day and what follows it.
_LEADING_DATE = re.compile(
    r"^(\d{4}\s*(?:年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}(?!\d)))"
)


def leading_date(text):
    """(date, precision, the rest) of a text that begins with a date with its year, read as
    `parse_date` reads a cell; None when it begins with none."""
    text = clean_text(text)
    normal = unicodedata.normalize("NFKC", text)  # full-width digits: the rest keeps its own brackets
    found = _LEADING_DATE.match(normal)
    if found is None:
        return None
    try:
        day, precision = _parse_date_text(found.group(1), None)
    except CellError:
        return None
    rest = (text if len(normal) == len(text) else normal)[found.end() :].strip(" \u3000，,、：:—-")
    return day, precision, rest


def serial_text(value):
    """A 序号 as written, the same whether typed or a number cell (3, 3.0, ３ → 3)."""
    return unicodedata.normalize("NFKC", clean_text(value)).replace(" ", "")


def lacks_year(value):
    """Whether a date cell is a day or month without its year (5月12日, 9月11日至12日)."""
    if not isinstance(value, str):
        return False
    text = unicodedata.normalize("NFKC", value).replace(" ", "")
    if _WITHOUT_YEAR.match(text) or _DOTTED_DAY.match(text):
        return True
    if _YEAR_IN_TEXT.search(text) or parse_date_range(text) is not None:
        return False
    return parse_date_range(text, 2000) is not None


def title_year(texts):
    """The one year a sheet's title rows name (2023年京蒙协作来访接待台账 → 2023); None when
    they name none or several (2021—2024年)."""
    years = years_named(texts)
    return years.pop() if len(years) == 1 else None


def years_named(texts):
    """The years the texts name (2021—2024年 → {2021, 2024})."""
    return {int(y) for text in texts for y in _YEAR_IN_TEXT.findall(unicodedata.normalize("NFKC", text))}


def format_date(value, precision):
    return format_partial_date(value, precision)


def parse_decimal(value, *, max_digits=14, decimal_places=2):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = repr(value) if isinstance(value, float) else str(value)
    text = unicodedata.normalize("NFKC", clean_text(value))
    text = text.replace(",", "").replace("万元", "").replace(" ", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError("不是数字；金额以万元计，如 1200 或 35.5") from None
    if not number.is_finite():
        raise CellError("不是数字；金额以万元计，如 1200 或 35.5")
    if number < 0:
        raise CellError("不能是负数")
    step = Decimal(1).scaleb(-decimal_places)
    if number != number.quantize(step):
        raise CellError(f"最多保留 {decimal_places} 位小数")
    number = number.quantize(step)
    if len(number.as_tuple().digits) > max_digits:
        raise CellError("数字太大")
    return number


# A pairing written in one cell, its two sides joined by a dash (北京市石景山区—宁城县).
PAIRING_JOIN = re.compile(r"\s*(?:—+|–|－|―|-|~|～|↔)\s*")


def split_pairing(value):
    """The two regions a 结对关系 cell names, as written (北京市石景山区—宁城县 → 北京市石景山区,
    宁城县); () when empty. Not two names: CellError."""
    text = clean_text(value)
    if not text:
        return ()
    parts = [part for part in PAIRING_JOIN.split(text) if part]
    if len(parts) != 2:
        raise CellError("须写作“支援方—受援方”，如 石景山区—宁城县")
    return tuple(parts)


# A published figure written as the report prints it: 1200余, 900多, 1200余万元 — at least that much.
_APPROXIMATE = re.compile(r"(\d[\d,.]*)\s*[余多](万元)?")


def approximate_number(value):
    """The number of a cell written 1200余 (or 1200多), else None."""
    if type(value) is not str:
        return None
    found = _APPROXIMATE.fullmatch(unicodedata.normalize("NFKC", clean_text(value)))
    return found.group(1) + (found.group(2) or "") if found else None


# A number written with its unit, as a report prints it: 500万元, 80（万元）, 1.2亿元, 37个, 1830人.
_NUMBER_WITH_UNIT = re.compile(r"(\d[\d,.]*)\s*([余多])?\s*[（(]?(亿元|万元|元|个|项|人次|人|名)[）)]?")
_COLUMN_UNIT = re.compile(r"[（(]([^（）()]+)[）)]$")
# Units of one kind, each as a multiple of the first (money in 万元).
_MONEY_FACTORS = {"万元": Decimal(1), "亿元": Decimal(10000), "元": Decimal("0.0001")}
_COUNT_KINDS = ({"个", "项"}, {"人", "人次", "名"})


def unit_written(value):
    """The unit a cell writes its number with (500万元 → 万元, 37个 → 个), else None."""
    if type(value) is not str:
        return None
    found = _NUMBER_WITH_UNIT.fullmatch(unicodedata.normalize("NFKC", clean_text(value)).replace(" ", ""))
    return found.group(3) if found else None


def money_unit_of_cells(values):
    """The unit of money a column's cells write their numbers in, when every one that writes a
    unit writes money and at least one does: 元, else 万元 (亿元 converts to it); else None."""
    units = {unit_written(value) for value in values} - {None}
    if not units or not units <= set(_MONEY_FACTORS):
        return None
    return "元" if units == {"元"} else "万元" if "元" not in units else None


def number_with_unit(value, column):
    """(number in the column's unit, the cell's unit, whether 余/多) of a cell written with its
    unit (950（万元）, 1.2亿元, 37个); None when the cell has no unit. A unit of another kind than
    the column's (万元 in a 人次 column): CellError. A column naming no unit takes money in 万元."""
    if type(value) is not str:
        return None
    found = _NUMBER_WITH_UNIT.fullmatch(unicodedata.normalize("NFKC", clean_text(value)).replace(" ", ""))
    if found is None:
        return None
    digits, approximate, unit = found.groups()
    named = _COLUMN_UNIT.search(column)
    column_unit = named.group(1) if named else "万元"
    number = parse_decimal(digits, max_digits=20, decimal_places=8)
    if unit in _MONEY_FACTORS and column_unit in _MONEY_FACTORS:
        number = number * _MONEY_FACTORS[unit] / _MONEY_FACTORS[column_unit]
    elif not any(unit in kind and column_unit in kind for kind in _COUNT_KINDS):
        raise CellError(f"单元格的单位“{unit}”与本列的单位“{column_unit}”不是一类；请只填以{column_unit}计的数字")
    return number, unit, column_unit, bool(approximate)


_MONEY_UNIT = re.compile(r"[（(](万元|元)[）)]$")


def money_unit(header):
    """万元 or 元 when a column's name ends with its unit in brackets (企业投入（元）), else None."""
    found = _MONEY_UNIT.search(header)
    return found.group(1) if found else None


def yuan_as_wan(amount):
    """(万元, whether it had to be rounded to the cent) of an amount in 元."""
    exact = amount / 10000
    wan = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return wan, wan != exact


def yuan_warning(amount):
    """The row's warning for an amount in 元 read as 万元, and the amount in 万元."""
    wan, rounded = yuan_as_wan(amount)
    return wan, f"按元计：折合 {format_decimal(wan)} 万元" + ("（四舍五入到分位）" if rounded else "")


def format_decimal(value):
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_int(value, *, minimum=None, maximum=None, suffixes=()):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", clean_text(value)).replace(",", "").replace(" ", "")
    for suffix in suffixes:
        text = text.removesuffix(suffix)
    if not text:
        return None
    if not re.fullmatch(r"\d+", text):
        raise CellError("不是整数")
    number = int(text)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise CellError(f"须在 {minimum} 到 {maximum} 之间")
    return number


def parse_choice(value, choices, default=None):
    """A label of a TextChoices (考察, 座谈会 …) → its value; empty → the default.

    The ledger's words are the Chinese labels, whatever language the interface is in.
    """
    text = clean_text(value)
    if not text:
        return default
    by_text = _choice_texts(choices)
    if text in by_text:
        return by_text[text]
    raise CellError(f"须是 {'、'.join(_chinese_labels(choices))} 之一")


@functools.cache
def _chinese_labels(choices):
    with translation.override("zh-hans"):
        return tuple(str(label) for label in choices.labels)


@functools.cache
def _choice_texts(choices):
    texts = {value: value for value in choices.values}
    texts.update(zip(_chinese_labels(choices), choices.values, strict=True))
    return texts


def parse_url(value):
    text = clean_text(value)
    if not text:
        return ""
    if not re.fullmatch(r"https?://[^\s<>\"]+", text, flags=re.IGNORECASE):
        raise CellError("不是网址；请写以 http:// 或 https:// 开头的完整链接")
    return text
