"""Plain text from a report's HTML page, with the standard library only.

Only character data survives: tags, attributes (event handlers, javascript: links, styles)
and comments are dropped, and whatever sits inside script, style and similar elements is
never kept. Entities are decoded, so the result is text, not markup: whoever shows it
must escape it like any other text.
"""

import html.parser
import re

# Elements whose content is code, metadata or the site's own navigation, never part of the article.
_SKIPPED = frozenset(
    [
        "nav",
        "aside",
        "script",
        "style",
        "template",
        "noscript",
        "title",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "textarea",
        "select",
        "button",
    ]
)
# Elements that start a new line, so that paragraphs stay paragraphs for the extractor.
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "hr",
        "dd",
        "dt",
        "dl",
        "figure",
        "figcaption",
        "main",
        "aside",
        "nav",
        "form",
        "caption",
    ]
)
_VOID = frozenset(
    ["br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr", "param"]
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
# Control characters (NUL above all, which PostgreSQL refuses in text) carry nothing a
# reader sees.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class _TextCollector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED and tag not in _VOID:
            self.skip_depth += 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIPPED and self.skip_depth:
            self.skip_depth -= 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip_depth:
            self.parts.append(data)


def text_from_html(markup):
    """The readable text of `markup`, one paragraph a line."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    text = _CONTROL.sub("", "".join(collector.parts))
    lines = (_SPACES.sub(" ", line).strip(" ") for line in text.split("\n"))
    return "\n".join(line for line in lines if line.strip(" \u3000"))
