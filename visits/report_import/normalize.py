"""The text the rules read, made from the text as it arrived.

Reports arrive in more than one form: many copies are NFKC-folded (ASCII `,;:()!?` where
the original had ，；：（）！？), some are in traditional characters, some set in lines of one
width (a PDF, a newspaper page, an e-mail), with blanks after the marks or zero-width marks
between the words. The rules are written for one form, so the reader first takes out what
copying put in (`compacted`: the line ends inside a paragraph, the blanks after a mark, zero-width
characters; a paragraph end the copy turned into a blank is a line end again), keeping where each
character was, and then reads a copy in simplified characters with full-width punctuation, in
which every change is one character for one character. Spans are moved back into the text as it
arrived (`engine.extract`): the sentence a review screen highlights stays right.

Bylines, editors' lines and photo captions are blanked out (spaces, so offsets hold).

What the reader hands back keeps the punctuation as printed (`printed`), and the characters
in simplified form, as the region table and the people already recorded write them: a
traditional copy gives the same records as a simplified one.
"""

import collections
import functools
import html
import itertools
import re
import typing

import opencc

_PUNCTUATION = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})
# 1,000 and 10:30 keep their ASCII marks: they are numbers, not clauses.
_IN_NUMBER = re.compile(r"(?<=\d)[,:](?=\d)")
# Only a text with traditional characters in it goes through the converter.
_HAN = re.compile(r"[\u4e00-\u9fff]")


@functools.cache
def _converter():
    """OpenCC's Hong Kong reading: its own forms (衞生, 裏) and the standard ones alike. (Taiwan's
    would read every 著 as 着, 显著 too.)"""
    return opencc.OpenCC("hk2s")


def simplified(text):
    """`text` with traditional characters replaced by simplified ones, one for one. OpenCC
    reads phrases (乾隆 stays, 乾燥 becomes 干燥); where a phrase would change the length,
    each character is converted on its own instead."""
    if not _HAN.search(text):
        return text
    converted = _converter().convert(text)
    if len(converted) != len(text):
        convert = _converter().convert
        converted = "".join(single if len(single := convert(char)) == 1 else char for char in text)
    return _PARTICLE_ZHE.sub("着", converted)


# 有著, 随著, 意味著, 标志著: the particle, which Hong Kong writes 著 and the mainland 着 (著名, 显著, 著作 keep
# 著; so does 著力, as the corpus's expectations print it).
_PARTICLE_ZHE = re.compile(r"(?<=[有随沿朝向接跟带靠本味看绕连写载志])著(?![名作称述书])")


def full_width(text):
    """ASCII clause punctuation as the full-width marks Chinese text uses, numbers aside."""
    if not any(mark in text for mark in ",;:()!?"):
        return text
    kept = {match.start(): match.group() for match in _IN_NUMBER.finditer(text)}
    converted = list(text.translate(_PUNCTUATION))
    for position, mark in kept.items():
        converted[position] = mark
    return "".join(converted)


# Who wrote, photographed or edited the report, and where it was copied from: not part of
# what happened. Runs after `full_width`, so only the full-width marks need matching.
_CREDITS = re.compile(
    r"(?:记者|通讯员|摄影)[ \u3000]*[\u4e00-\u9fff·、 \u3000]{2,20}?[ \u3000]*摄(?=[。 \u3000]*$|[。 \u3000]*\n)"
    r"|[（【\[][^）】\]\n]{0,20}?(?:记者|通讯员|来源|作者|编辑|责任编辑|供稿|摄影|图/|文/|图片来源)[^）】\]\n]{0,60}[）】\]]"
    r"|^[ \u3000]*(?:责任编辑|编辑|来源|信息来源|稿源|转自|原标题|作者|供稿|审核|校对|初审|复审|终审)"
    r"[ \u3000]*：[^\n]{0,60}$"
    r"|^[ \u3000]*图为[^\n]{0,300}$",
    re.MULTILINE,
)


def without_credits(text):
    """`text` with bylines, editors' lines, sources and photo captions (图为…) blanked out."""
    return _CREDITS.sub(_blank, text)


def _blank(match):
    return re.sub(r"[^\n]", " ", match.group())


# What a web page prints around its article, copied with it (the whole page pasted, or an .html
# file uploaded): where the page sits (首页 > 新闻中心 > …), the links to the articles before and
# after it and to related ones — other reports' headlines, which name other trips —, and the
# page's own buttons (打印本页, 关闭窗口, 扫一扫在手机打开当前页). Runs after `full_width`.
_ARROW = r"(?:>{1,2}|»|＞|→|/|-)"
_PAGE_CHROME = re.compile(
    rf"^[ \u3000]*(?:(?:当前位置|您现在的位置|您的位置|所在位置|位置)[ \u3000]*[：是]?[ \u3000]*)?"
    rf"(?:首页|首 页|网站首页|主页)[ \u3000]*{_ARROW}[^\n]*$"
    r"|^[ \u3000]*(?:当前位置|您现在的位置|您的位置)[ \u3000]*：[^\n]*$"
    r"|^[ \u3000]*[【\[]?(?:上一篇|下一篇|上一条|下一条|上一页|下一页)(?:[】\]]|[ \u3000]*：|[ \u3000]+)[^\n]*$"
    r"|^[ \u3000]*(?:相关新闻|相关阅读|相关文章|相关链接|相关报道|推荐阅读|延伸阅读|热点新闻|热点推荐|猜你喜欢"
    r"|更多新闻)[ \u3000：]*$[\s\S]*"
    r"|[【\[]?(?:打印本页|打印此页|关闭窗口|关闭本页|返回顶部|收藏本页|分享到|打印|关闭)[】\]]"
    r"|^[ \u3000]*(?:扫一扫在手机(?:上)?打开当前页|扫一扫|分享到|打印本页|关闭窗口)[^\n]{0,20}$"
    r"|^[ \u3000]*(?:主办单位|承办单位|主办|承办|网站标识码|技术支持|联系电话|联系我们)[ \u3000]*：[^\n]*$"
    r"|^[ \u3000]*(?:版权所有|Copyright|©)[^\n]*$"
    r"|^[^\n]*(?:ICP备|公网安备)[^\n]*$"
    # The site's own name on a line of its own (its logo): 北京市大兴区人民政府, 鄂尔多斯新闻网.
    r"|^[ \u3000]*[\u4e00-\u9fff]{2,20}(?:人民政府|人民政府网|政府网|门户网站|政务网|融媒体中心|新闻网)[ \u3000]*$",
    re.MULTILINE,
)
# A menu above the article: three lines or more in a row, each a few characters with no mark.
_MENU = re.compile(
    r"^(?:[ \u3000]*[\u4e00-\u9fffA-Za-z]{1,8}[ \u3000]*\n){2,}[ \u3000]*[\u4e00-\u9fffA-Za-z]{1,8}[ \u3000]*$",
    re.MULTILINE,
)


def without_page_chrome(text):
    """`text` with what the page printed around the article blanked out (`_PAGE_CHROME`, a menu
    before the first sentence — below it, short lines may be the report's own list — and a line
    printed again: the headline as the page's title and again above the article)."""
    text = _PAGE_CHROME.sub(_blank, text)
    first_sentence = text.find("。")
    if first_sentence >= 0:
        text = _MENU.sub(_blank, text[:first_sentence]) + text[first_sentence:]
    return _without_repeated_lines(text)


# A line this long printed twice is the page's, not the writer's (a writer's short lines — 会议现场,
# （完） — may repeat).
REPEATED_LINE = 8


def _without_repeated_lines(text):
    seen, lines = set(), []
    for line in text.split("\n"):
        kept = line.strip(" \u3000\t")
        if len(kept) >= REPEATED_LINE and kept in seen:
            line = " " * len(line)
        seen.add(kept)
        lines.append(line)
    return "\n".join(lines)


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# A syllable with its tone mark in ASCII brackets right after a Han character (區(qū)委): what
# mirrors that repost reports with pinyin insert. A gloss a writer adds is spaced or bracketed
# full-width, and is never on most of a text's characters.
_ANNOTATION = re.compile(rf"(?<=[\u3400-\u9fff])\((?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,6}}\)")
# Such mirrors also put a comma before a mark already there, and a ? after a paragraph's end.
_MIRROR_COMMA = re.compile(r",(?=[,，、。；;：:？?！!])")
_MIRROR_QUESTION = re.compile(r"(?<=[。！”])\?+(?=\n|$)")
# Fewer annotations than this is a writer's gloss, not a mirror's copy: left as written.
MIRROR_ANNOTATIONS = 5


def without_pinyin_annotation(text):
    """(text, annotations taken out): a copy from a mirror that annotates characters with pinyin,
    without what the mirror inserted — the annotation, its commas before marks, its stray ? —
    and nothing else. Any other text comes back as it is, with 0."""
    annotations = len(_ANNOTATION.findall(text))
    if annotations < MIRROR_ANNOTATIONS:
        return text, 0
    text = _ANNOTATION.sub("", text)
    text = _MIRROR_COMMA.sub("", text)
    return _MIRROR_QUESTION.sub("", text), annotations


# What the way a text was copied puts between its words, and the reader takes out before it
# reads (`compacted`): characters no writer typed — zero-width marks a WeChat or web copy
# carries —, the blanks after a mark (copies that lost their paragraph ends to a space:
# …主持。 袁秀江表示) or before one, and the padding of a two-character name set to a three-character column
# (王　芳、李　强), where the name stands alone between marks or blanks.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_BLANKS = " \t\u3000\u00a0"
_HAN_CHAR = "\u3400-\u9fff"
_CLOSING = "”’」』）)】》"
# A blank after the end of a sentence is a paragraph's end the copy lost (…主持。 袁秀江表示): it
# becomes the line end it was. So is a blank before a label of the page's details (发布时间：…) and
# before a report's opening date (…参加活动 7月21日至22日，…; 本报讯 6月18日…; … 近日，…): a headline
# runs into its lead that way.
_PARAGRAPH_LOST = re.compile(
    rf"(?:(?<=[。！？])|(?<=[。！？][{_CLOSING}]))[{_BLANKS}](?=[{_BLANKS}]*[^\s])"
    rf"|(?<=[{_HAN_CHAR}{_CLOSING}])[{_BLANKS}](?=[{_BLANKS}]*(?:(?:(?:19|20)\d{{2}}年)?\d{{1,2}}月\d{{1,2}}日"
    rf"[^，。\n]{{0,12}}，|(?:近日|日前|近期|连日来)，))"
    # …参加活动 发布时间：2024-07-04 来源：…: the page's details after the headline, a line each.
    rf"|(?<=[^\s])[{_BLANKS}](?=[{_BLANKS}]*(?:发布时间|发布日期|来源|作者|编辑|责任编辑|浏览次数|点击数|字号)[：:])"
)
_INVISIBLE_MARK = re.compile(rf"[{_INVISIBLE}]")
# A PDF's page number on a line of its own, with its line end (— 2 —, - 3 -, 第2页 共5页, 2/5): the
# lines above and below it may be one paragraph.
_PAGE_NUMBER = re.compile(
    r"^[ \u3000\t]*(?:[-—–－]{1,2}[ \u3000]*\d{1,3}[ \u3000]*[-—–－]{1,2}"
    r"|第[ \u3000]*\d{1,3}[ \u3000]*页(?:[ \u3000]*[/，,、]?[ \u3000]*共[ \u3000]*\d{1,3}[ \u3000]*页)?"
    r"|\d{1,3}[ \u3000]*/[ \u3000]*\d{1,3})[ \u3000\t]*\n",
    re.MULTILINE,
)
_TAKEN_OUT = re.compile(
    rf"(?:(?<=[，。、；：？！,;:?!])|(?<=[，。、；：？！,;:?!][{_CLOSING}]))[{_BLANKS}]+(?=[^\s])"
    # …开拓进取的精神 ，十分值得…: a blank before a mark, as after one.
    rf"|(?<=[{_HAN_CHAR}])[{_BLANKS}]+(?=[，。、；：？！,;:?!])"
    rf"|(?<![{_HAN_CHAR}][{_HAN_CHAR}])(?<=[{_HAN_CHAR}])[{_BLANKS}]{{1,3}}(?=[{_HAN_CHAR}](?![{_HAN_CHAR}]))"
)
# A line that ends a sentence.
_LINE_ENDS = re.compile(r"[。！？!?…][”’」』）)】》]*[ \t\u3000]*$")


# Narrower than this, equal lines are a list (区委书记 王芳 …), not a text set in a column.
MIN_LINE_WIDTH = 16


def wrapped_line_ends(text):
    """Offsets of the line ends inside paragraphs of a text set in lines of one width (copied
    from a PDF, a newspaper page or an e-mail): most lines, and most of the text, are in lines as
    long as the longest, and they end anywhere, not at the end of a sentence. A paragraph ends at
    a shorter line, or where the next line is indented or blank; a full line ending a sentence
    goes on too, as it more often does in such a text than end its paragraph exactly at the
    margin. A text written a paragraph a line — its lines of every length, nearly all ending a
    sentence — has none."""
    lines = text.split("\n")
    lengths = [len(line.rstrip()) for line in lines if len(line.strip()) >= 10]
    if not lengths:
        return []
    width, times = collections.Counter(lengths).most_common(1)[0]
    full = [line for line in lines if width - 1 <= len(line.rstrip()) <= width * 1.15]
    open_ended = [line for line in full if not _LINE_ENDS.search(line)]
    longer = [length for length in lengths if length > width * 1.15]
    if (
        width < MIN_LINE_WIDTH
        or times < 3
        or len(open_ended) < 3
        or len(open_ended) * 3 < len(full) * 2
        or len(longer) * 4 > len(lengths)
        # Most of the text is in the full lines: not a few equal lines (links under an article)
        # beside paragraphs written a line each.
        or sum(len(line.rstrip()) for line in full) * 2 < sum(lengths)
    ):
        return []
    ends, position = [], 0
    for line, following in itertools.pairwise(lines):
        position += len(line)
        if (
            width - 1 <= len(line.rstrip()) <= width * 1.15
            and following.strip()
            and not following[:1].isspace()
        ):
            ends.append(position)
        position += 1
    return ends


def compacted(text):
    """(the text without what copying put into it, where each of its characters was in `text`):
    zero-width marks and a PDF's page numbers out, HTML entities a copy kept (&nbsp;, &ldquo;) as
    their characters, a list laid out a person a line joined (`_unwrapped`), then the wrapped line
    ends of `wrapped_line_ends` and the blanks `_TAKEN_OUT` names out; a blank `_PARAGRAPH_LOST`
    names is a line end. The second list has one offset more than the text, `len(text)`, so an
    end maps too; it is None when nothing was changed."""
    visible, first = _unwrapped(text)
    taken = set(wrapped_line_ends(visible))
    for match in _TAKEN_OUT.finditer(visible):
        taken.update(range(match.start(), match.end()))
    line_ends = {match.start(): "\n" for match in _PARAGRAPH_LOST.finditer(visible)}
    compact, second = _changed(visible, taken - line_ends.keys(), line_ends)
    offsets = _composed(first, second)
    return (text, None) if offsets is None else (compact, offsets)


def _unwrapped(text):
    """(the text `wrapped_line_ends` reads in `compacted`, where each of its characters was in
    `text`, or None): zero-width marks and page numbers out, entities as characters, lists laid
    out a person a line joined."""
    visible, first = _visible(text)
    joined, second = _changed(visible, *_list_a_line(visible))
    return joined, _composed(first, second)


def _composed(first, second):
    """The offsets of two changes made one after the other, as one (None: no change)."""
    if first is None or second is None:
        return second if first is None else first
    return [first[position] for position in second]


# A list of names under its heading, a person a line (出席人员：\n库伦旗委书记 周粮源\n库伦旗委副书记、旗长 王薇):
# read as the same list in a sentence (出席人员：库伦旗委书记周粮源；库伦旗委副书记、旗长王薇).
_LIST_HEADING = re.compile(
    r"(?:(?:^|(?<=[。！？]))[ \u3000]*[\u4e00-\u9fff]{0,8}(?:人员|领导|嘉宾|名单)"
    r"|(?:参加|出席|陪同|参与)[^，。；：\n]{0,8}?的(?:领导|人员|同志)?(?:还|也)?有)[：:][ \u3000\t]*\n",
    re.MULTILINE,
)
_BLANK_RUN = re.compile(r"[ \u3000\t]+")
_LIST_LINE = re.compile(r"[ \u3000\t]*[\u4e00-\u9fff][\u4e00-\u9fff、·•（）() \u3000\t]{1,38}[ \u3000\t]*(?:\n|$)")


def _list_a_line(text):
    """(positions to take out, characters to put) that join each list laid out a person a line:
    the heading's line end out, each line's blanks out, the line ends between them as ；."""
    taken, put = set(), {}
    for heading in _LIST_HEADING.finditer(text):
        lines, position = [], heading.end()
        while line := _LIST_LINE.match(text, position):
            lines.append(line)
            position = line.end()
        if len(lines) < 2:
            continue
        taken.add(heading.end() - 1)
        for line in lines:
            for blank in _BLANK_RUN.finditer(text, line.start(), line.end()):
                taken.update(range(blank.start(), blank.end()))
            if line is not lines[-1]:
                put[line.end() - 1] = "；"
    return taken - put.keys(), put


def lines_joined(text):
    """How many line ends inside paragraphs `compacted` joins in `text`."""
    return len(wrapped_line_ends(_unwrapped(text)[0]))


def _visible(text):
    """`compacted`'s first step: zero-width marks and page numbers out, entities as characters."""
    taken = {match.start() for match in _INVISIBLE_MARK.finditer(text)}
    for match in _PAGE_NUMBER.finditer(text):
        taken.update(range(match.start(), match.end()))
    put = {}
    for match in _ENTITY.finditer(text):
        character = html.unescape(match.group())
        if len(character) == 1 and character != match.group():
            put[match.start()] = character
            taken.update(range(match.start() + 1, match.end()))
    return _changed(text, taken, put)


def _changed(text, taken, put):
    """(`text` without the characters at `taken` and with `put`'s character at each of its
    positions, the offsets of what is left in `text` and `len(text)`), or (`text`, None) when
    there is nothing to change."""
    if not taken and not put:
        return text, None
    kept = [position for position in range(len(text)) if position not in taken]
    return "".join(put.get(position, text[position]) for position in kept), [*kept, len(text)]


_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#[0-9]{2,7}|#[xX][0-9A-Fa-f]{2,6});")
# Straight quotation marks ("…") as a text's own: opening and closing by turns within a paragraph.
_STRAIGHT_QUOTE = re.compile(r'"')


def curly_quotes(text):
    """`text` with each paragraph's straight double quotes as “ and ” by turns, one for one."""
    if '"' not in text:
        return text
    return "\n".join(_curled(line) for line in text.split("\n"))


def _curled(line):
    turns = itertools.count()
    return _STRAIGHT_QUOTE.sub(lambda match: "“”"[next(turns) % 2], line)


# Full-width digits and Latin letters (２０２３年１０月): the rules and the records write them in ASCII.
_NARROWED = {
    code: code - 0xFEE0
    for start, end in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for code in range(start, end + 1)
}


class ReadingForms(typing.NamedTuple):
    reading: str  # what the rules read
    printed: str  # what is handed back
    page_lines: int  # lines of the page's own (`without_page_chrome`), not read


def reading_forms(text):
    """What the rules read and what is handed back, both as long as `text`."""
    printed = simplified(text).translate(_NARROWED)
    credited = without_credits(full_width(curly_quotes(printed)))
    reading = without_page_chrome(credited)
    page_lines = sum(
        1
        for before, after in zip(credited.split("\n"), reading.split("\n"), strict=True)
        if before.strip() and not after.strip()
    )
    return ReadingForms(reading, printed, page_lines)


# A line end inside a paragraph, on a screen that shows the text: a character in its place (the
# offsets of what was read hold) that neither ends the line nor shows.
_JOINED = "\u200b"


def paragraphs_shown(text):
    """`text` with the line ends inside its paragraphs (`wrapped_line_ends`) and a PDF's page
    numbers made invisible, one character for one, for a screen that shows it a paragraph a line."""
    numbers = {position for match in _PAGE_NUMBER.finditer(text) for position in range(match.start(), match.end())}
    unwrapped, offsets = _unwrapped(text)
    ends = wrapped_line_ends(unwrapped)
    hidden = numbers | ({offsets[position] for position in ends} if offsets else set(ends))
    if not hidden:
        return text
    characters = list(text)
    for position in hidden:
        characters[position] = _JOINED
    return "".join(characters)


def without_copying(piece):
    """A piece of the text as it arrived (a sentence a span names), without the line ends and
    invisible marks copying put into it, and a PDF's page numbers: a span never crosses a
    paragraph's end."""
    return re.sub(rf"[\n{_INVISIBLE}]", "", _PAGE_NUMBER.sub("", piece))
