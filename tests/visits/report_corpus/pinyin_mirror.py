"""The report's own text from a copy on a mirror that annotates characters with pinyin.

Some mirrors repost official reports in traditional characters with the pinyin of many
characters inserted after them (區(qū), 協(xié)作), a comma inserted before some marks (,、 ,。 ,,)
and a stray ? after some paragraphs' last mark. The original site wrote none of these. This
script removes exactly those three insertions and nothing else, so the stored case text is
the mirror's copy minus what the mirror added — never edited by hand:

    .venv/bin/python tests/visits/report_corpus/pinyin_mirror.py pinyin_mirrors/205.txt > 205_name.txt

The mirror's copy is kept in `pinyin_mirrors/` (named by case number) and
`tests/visits/test_report_corpus.py` checks that each case made from one is this script's
output. Characters the mirror garbled beyond the annotation (交流?,F(xiàn)場 for 交流。現場) are
left as the mirror shows them and reported, as they cannot be restored without guessing.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from visits.report_import.normalize import without_pinyin_annotation

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
GARBLED = re.compile(rf"\?(?:[a-zü{_TONED}]+\)|,[A-Za-z]\([a-zü{_TONED}]+\))")


def strip_annotation(text):
    """The text without the mirror's pinyin, inserted commas and stray question marks: the
    rule the report reader applies to a pasted copy (`without_pinyin_annotation`)."""
    return without_pinyin_annotation(text)[0]


def garbled(text):
    """Places the mirror garbled beyond its annotation, as they remain after stripping it."""
    return [match.group() for match in GARBLED.finditer(text)]


def main(argv):
    text = Path(argv[1]).read_text(encoding="utf-8")
    for place in garbled(strip_annotation(text)):
        print(f"garbled by the mirror, left as it is: {place}", file=sys.stderr)
    sys.stdout.write(strip_annotation(text))


if __name__ == "__main__":
    main(sys.argv)
