"""The text the rules read, made from the text as it arrived, character for character.

Reports arrive in more than one form: many copies are NFKC-folded (ASCII `,;:()!?` where
the original had ，；：（）！？), some are in traditional characters. The rules are written
for one form, so the reader reads a copy in simplified characters with full-width
punctuation. Every change is one character for one character, so an offset into the copy
is an offset into the original: spans, and the sentence a review screen highlights, stay
right.

Bylines, editors' lines and photo captions are blanked out (spaces, so offsets hold).

What the reader hands back keeps the punctuation as printed (`printed`), and the characters
in simplified form, as the region table and the people already recorded write them: a
traditional copy gives the same records as a simplified one.
"""

import functools
import re

import opencc

_PUNCTUATION = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})
# 1,000 and 10:30 keep their ASCII marks: they are numbers, not clauses.
_IN_NUMBER = re.compile(r"(?<=\d)[,:](?=\d)")
# Only a text with traditional characters in it goes through the converter.
_HAN = re.compile(r"[\u4e00-\u9fff]")


@functools.cache
def _converter():
    return opencc.OpenCC("t2s")


def simplified(text):
    """`text` with traditional characters replaced by simplified ones, one for one. OpenCC
    reads phrases (乾隆 stays, 乾燥 becomes 干燥); where a phrase would change the length,
    each character is converted on its own instead."""
    if not _HAN.search(text):
        return text
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    convert = _converter().convert
    return "".join(single if len(single := convert(char)) == 1 else char for char in text)


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
    return _CREDITS.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), text)


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


def reading_forms(text):
    """(what the rules read, what is handed back): both as long as `text`."""
    printed = simplified(text)
    return without_credits(full_width(printed)), printed
