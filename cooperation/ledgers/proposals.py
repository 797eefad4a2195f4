"""What a column no ledger knows probably is: a proposal the importer confirms, never applied alone.

An office names its columns its own way (考察事项 for 标题, 来访地区 for 出发地). For each column
of a sheet that no ledger's name or synonym is, the preview proposes the likeliest field from
two things:

- the wording: the longest run of characters the column's name shares with the field's name or
  any of its synonyms (`LedgerResource.header_synonyms`: the one list of the names offices
  give) — one shared character is no evidence, two are (事项 of 考察事项 and 对接事项);
- the content: what most of its cells read as (dates, regions of the region table,
  姓名（职务） lists, amounts, links, stops as a note writes them — 考察丫髻山、金海湖), against
  what the field holds (`LedgerResource.field_kind`).
  A column whose cells are of one kind is never proposed as a field of another, nor free text
  as a field of a kind.

A column proposed for nothing (序号, 备注, 联系人) is named as left out. Where two fields fit
equally (a column of regions, neither 出发地 nor 目的地 by its name), none is proposed and the
preview says so.
"""

import re
import unicodedata

from cooperation.ledgers import cells

DATE, REGION, PEOPLE, NUMBER, LINK = "日期", "地区名", "人员名单", "数字", "链接"
PLACE, TEXT, LIST = "地名开头的地点", "长文本", "逐行列出的名称"  # a cell's kinds only
VISITS = "去过的地点"  # a cell's kind only: 考察丫髻山、金海湖; 到商都县敬老院慰问老人 (a note's stops)
CHOICE = "选项"  # a field's kind only: one of a few short words (类型, 状态)
LONG_TEXT = 12  # characters: a sentence, never a choice
BODY_ENDINGS = ("单位", "部门", "机构", "处室", "科室")  # a column's name that names a body
# What a field of each kind takes: the column kinds it fits best (a bonus), and those it never
# takes. Any other column kind — free text among them — is taken on its name alone, discounted.
FITS = {
    DATE: ({DATE}, {REGION, PLACE, PEOPLE, NUMBER, LINK, TEXT}),
    NUMBER: ({NUMBER}, {DATE, REGION, PLACE, PEOPLE, LINK, TEXT}),
    LINK: ({LINK}, {DATE, REGION, PLACE, PEOPLE, NUMBER, TEXT}),
    REGION: ({REGION}, {DATE, PEOPLE, NUMBER, LINK, TEXT}),
    PLACE: ({PLACE, LIST, VISITS}, {DATE, PEOPLE, NUMBER, LINK}),
    PEOPLE: ({PEOPLE}, {DATE, REGION, NUMBER, LINK}),
    CHOICE: (set(), {DATE, REGION, PLACE, PEOPLE, NUMBER, LINK, TEXT}),
    None: (set(), set()),
}
DISCOUNT = 0.6  # a name's evidence where the content does not say the same
TIE_BREAK = 0.001  # a shared character: tells apart only what is otherwise equal
SAMPLED = 30  # non-blank cells a column is judged by
SHARE = 0.6  # of them that must read as one kind
CONTENT_BONUS = 0.35
_BRACKETED = re.compile(r"[（(][^）)]*[）)]")
_NAME_AND_POST = re.compile(r"[\u4e00-\u9fff·]{2,5}\s*[（(][^）)]{2,}[）)]")
_POST_WORDS = r"(?:书记|[长]|主任|主席|委员|负责人|负责同志|干部|经理|医师|处长|局长|院长|校长)"
_POST_THEN_NAME = re.compile(r"^[^，。；]{0,24}" + _POST_WORDS + r"\s*[\u4e00-\u9fff]{2,3}(?:同志)?$")
_NAME_SEPARATORS = re.compile(r"[、，,；;\n/]")
# People named by their role alone (…相关负责同志, 镇相关领导): a participant without a name.
_ROLE_WITHOUT_NAME = re.compile(r"(?:负责同志|负责人|有关同志|相关领导|工作人员|干部|专家)$")
_LINE_ITEMS = re.compile(r"\n|(?:^|\s)[（(]?\d+[）)、.．]")


def _bare(header):
    """A column's name without a bracketed unit or note and without spaces (京蒙资金（万元） → 京蒙资金)."""
    text = unicodedata.normalize("NFKC", str(header)).replace(" ", "")
    return _BRACKETED.sub("", text) or text


def _longest_shared(a, b):
    best = 0
    for i in range(len(a)):
        for j in range(len(b)):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            best = max(best, k)
    return best


def shared_characters(header, names):
    """How many characters of a column's name any of a field's names has: weak evidence, that
    only tells apart fields its content fits equally (帮扶方 is more 支援方 than 所在地)."""
    return len(set(_bare(header)) & {char for name in names for char in _bare(name)})


def wording_score(header, name):
    """How much of two column names is one run of shared characters (0 below two characters)."""
    a, b = _bare(header), _bare(name)
    shared = _longest_shared(a, b)
    if shared < 2:
        return 0.0
    return 2 * shared / (len(a) + len(b))


def _is_date(text):
    """A day, or a day with a note or a time of day after it (2025年8月7日（那达慕开幕）, 2月3日上午)."""
    note = cells.date_note(text)
    for candidate in (text, note[0] if note else None):
        if candidate:
            try:
                # 12.3 alone is as much an amount as a day: no evidence of a date column.
                if cells.parse_date(candidate, 2000, dotted=False)[0] is not None:
                    return True
            except cells.CellError:
                pass
    return False


def _is_people(text):
    parts = [part.strip() for part in _NAME_SEPARATORS.split(text) if part.strip()]
    if _NAME_AND_POST.search(text) or _ROLE_WITHOUT_NAME.search(text):
        return True
    return bool(parts) and any(_POST_THEN_NAME.match(part) for part in parts)


def _is_visits(text):
    """Stops as a note writes them: each line or ；-item a verb of seeing or going, then places
    (考察丫髻山、金海湖; 到商都县敬老院慰问老人), read as `cells.visit_sentence` reads them."""
    items = [item.strip() for item in re.split(r"[；;\n]", text) if item.strip()]
    return bool(items) and all(cells.visit_sentence(item) is not None for item in items)


def cell_kind(value, regions):
    """What one cell reads as: a date, a region, a list of people, a number, a link, or None."""
    if cells.is_blank(value):
        return None
    if not isinstance(value, str):
        if hasattr(value, "year"):
            return DATE
        if cells.excel_serial(value) is not None:
            return DATE
        return NUMBER if isinstance(value, (int, float)) else None
    text = cells.clean_text(value, multiline=True)
    if text.lower().startswith(("http://", "https://", "www.")):
        return LINK
    if _is_date(text) or cells.parse_date_range(text, 2000) is not None:
        return DATE
    try:
        if cells.parse_decimal(text) is not None:
            return NUMBER
    except cells.CellError:
        if cells.approximate_number(text) or cells.unit_written(text):
            return NUMBER
    if regions is not None:
        parts = [part.strip() for part in re.split(r"[、，,；;\n]", text) if part.strip()]
        if parts and all(regions.candidates(part) or regions.without_ending(part) for part in parts):
            return REGION
    if len(text) <= 200 and _is_people(text):
        return PEOPLE
    if _is_visits(text):
        return VISITS
    if len(_LINE_ITEMS.findall(text)) >= 1 and all(len(line) <= 40 for line in text.splitlines()):
        return LIST  # names one a line or numbered (a trip's stops)
    if len(text) > LONG_TEXT:
        return TEXT  # a sentence, even one that begins with a region (密云区党政代表团赴…)
    if regions is not None and regions.split_known_prefix(text)[0] is not None:
        return PLACE
    return None


def column_kind(values, regions):
    """What most of a column's cells read as (None: free text, or no one kind)."""
    sampled = [value for value in values if not cells.is_blank(value)][:SAMPLED]
    if not sampled:
        return None
    counts = {}
    for value in sampled:
        kind = cell_kind(value, regions)
        counts[kind] = counts.get(kind, 0) + 1
    kind, count = max(counts.items(), key=lambda pair: pair[1])
    return kind if kind is not None and count >= SHARE * len(sampled) else None


def field_names(ledger, field):
    """The field's own name and every name offices give it (the ledger's synonyms)."""
    return [field, *(name for name, target in ledger.header_synonyms.items() if target == field)]


def propose(columns, candidates, regions=None):
    """{column: (field or None, ledger or None, reason)} for the unknown columns.

    `columns`: {column name: its cells}; `candidates`: [(ledger, field)] the fields still free
    in the sheet (a ledger's, or every ledger's for a sheet no ledger recognised). Each field is
    proposed for one column at most: the column that fits it best.
    """
    scored = {}
    for column, values in columns.items():
        kind = column_kind(values, regions)
        # A column named without its unit (财政援助资金) whose cells write it (500万元) is of that unit.
        unit = cells.money_unit(column) or cells.money_unit_of_cells(values[:SAMPLED])
        options = []
        for ledger, field in candidates:
            wanted = ledger.field_kind(field)
            best, never = FITS[wanted]
            if kind in never:
                continue
            field_unit = cells.money_unit(field)
            if unit and field_unit and unit != field_unit:
                continue
            names = field_names(ledger, field)
            score, near = max((wording_score(column, name), name) for name in names)
            # A region is a place too, but a field of regions fits it better (调研旗县 is 目的地
            # rather than 考察点).
            near_kind = wanted == PLACE and kind == REGION
            content = kind in best or near_kind
            # An amount is no evidence alone (序号 is numbers too): its name must say which.
            if score == 0 and (not content or kind == NUMBER):
                continue
            # A column named for a body (接待单位, 对接部门) is no list of people unless its cells
            # read as one: its name's likeness to 接待人员 is no evidence.
            if wanted == PEOPLE and not content and _bare(column).endswith(BODY_ENDINGS):
                continue
            # A typed column (dates, regions) for a field of free text, or free text for a typed
            # field: the name alone speaks for it, and less.
            # (A body's name begins with its region: 扎赉特旗教育局 is free text too.)
            plain = kind in (None, TEXT, PLACE) and not best
            bonus = CONTENT_BONUS / 2 if near_kind else CONTENT_BONUS
            total = score + bonus if content else score if plain else score * DISCOUNT
            total += TIE_BREAK * shared_characters(column, names)
            options.append((total, score, near, content, ledger, field))
        options.sort(key=lambda option: -option[0])
        scored[column] = (kind, options)
    # A field two columns fit equally well is proposed for neither (对方参加人员, 我方参加人员).
    tops = {}
    for column, (_kind, options) in scored.items():
        if options:
            tops.setdefault((options[0][5], options[0][0]), []).append(column)
    contested = {
        column: others for (field, _total), others in tops.items() if len(others) > 1 for column in others
    }
    taken = {}
    proposals = {}
    # The surest proposals first, so that a field goes to the column that fits it best.
    order = sorted(scored, key=lambda column: -(scored[column][1][0][0] if scored[column][1] else 0))
    for column in order:
        kind, options = scored[column]
        if column in contested:
            field = options[0][5]
            taken.setdefault(field, column)
            others = "、".join(f"“{other}”" for other in contested[column] if other != column)
            proposals[column] = (None, None, f"与列{others}同样像“{field}”，无法判断是哪一列")
            continue
        options = [option for option in options if option[5] not in taken]
        if not options:
            proposals[column] = (None, None, _left_out(kind))
            continue
        best = options[0]
        tied = [option for option in options if option[0] == best[0] and option[5] != best[5]]
        if tied:
            fields = "、".join(f"“{option[5]}”" for option in [best, *tied])
            read = f"内容读作{kind}，" if kind and kind in FITS else ""
            proposals[column] = (None, None, f"{read}可能是 {fields}，无法判断是哪一列")
            continue
        total, score, near, content, ledger, field = best
        reasons = []
        if score:
            reasons.append(f"列名与“{near}”相近" if near != field else f"列名与“{field}”相近")
        if content:
            reasons.append(f"内容读作{kind}")
        taken[field] = column
        proposals[column] = (field, ledger, "，".join(reasons))
    return {column: proposals[column] for column in columns}


def _left_out(kind):
    if kind in (None, TEXT, PLACE):
        return "列名和内容都不像台账的任何一列"
    return f"内容读作{kind}，但没有相近的列"


def propose_for_unknown_sheet(columns, headers, available, regions=None):
    """propose() for a sheet no ledger recognised: within the ledger its known and proposed
    columns make the likeliest (a 旗县 is then a trip's end, not a project's 受援方), or within
    every ledger where two are as likely."""
    ranked = []
    for ledger in available:
        names = set(ledger.accepted_headers) | set(ledger.header_synonyms)
        known = sum(1 for header in headers if header in names)
        candidates = [(ledger, field) for field in ledger.proposed_headers if field not in headers]
        found = propose(columns, candidates, regions)
        ranked.append((known + sum(1 for target, _l, _w in found.values() if target), ledger, found))
    ranked.sort(key=lambda item: -item[0])
    if len(ranked) == 1 or ranked[0][0] > ranked[1][0]:
        return ranked[0][2]
    candidates = [(ledger, field) for ledger in available for field in ledger.proposed_headers if field not in headers]
    return propose(columns, candidates, regions)
