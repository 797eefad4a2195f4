"""Cut a report into paragraphs and sentences, keeping offsets into the original text."""

import dataclasses
import re

# A sentence with no full stop in this many characters is cut anyway, so that no rule
# ever sees an unbounded string (a pasted table, a text without punctuation).
MAX_SENTENCE = 2000

# ； does not end a sentence: reports use it inside lists of people and of points. A
# closing quote or bracket after 。 still belongs to the sentence: …“六个倍增”。” Leading
# blanks (the 　　 indent) are not part of a sentence.
_ENDS = "。！？!?"
_CLOSERS = "”’」』）)】》"
_SENTENCE = re.compile(
    rf"[ \t\r\u3000\u00a0\ufeff]*"
    rf"([^\n{_ENDS}]{{1,{MAX_SENTENCE}}}(?:[{_ENDS}][{_ENDS}{_CLOSERS}]*)?|[{_ENDS}][{_ENDS}{_CLOSERS}]*)"
)
_TRAILING_BLANKS = " \t\r\u3000\u00a0\ufeff"


@dataclasses.dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    text: str

    @property
    def span(self):
        return (self.start, self.end)


def split_sentences(text):
    """Sentences in order, each with its paragraph (its line) number."""
    sentences = []
    line_start = 0
    for paragraph, line in enumerate(text.split("\n")):
        line_end = line_start + len(line)
        for match in _SENTENCE.finditer(text, line_start, line_end):
            start = match.start(1)
            body = match.group(1).rstrip(_TRAILING_BLANKS)
            if body:
                sentences.append(Sentence(start, start + len(body), paragraph, body))
        line_start = line_end + 1
    return sentences
