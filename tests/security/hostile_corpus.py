"""Hostile text, and the check that a page shows it as text and nothing more.

`PAYLOADS` is what an attacker (or a careless copy from a web page) puts in a text field.
`inspect_html` reads a rendered page the way a browser would and fails on anything the text
could have turned into: an element it opened, an event-handler attribute, a script that is
neither a file nor JSON-LD data, or a link that runs code.
"""

import json
from html.parser import HTMLParser

PAYLOADS = {
    "script tag": '<script>alert("XSS")</script>',
    "event handler": "<img src=x onerror=alert(1)>",
    "attribute break-out": '"><svg onload=alert(1)>',
    "single-quote break-out": "' autofocus onfocus='alert(1)",
    "javascript URL": "javascript:alert(document.cookie)",
    "data URL": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "closing tags": "</title></textarea></script><i>斜</i>",
    "link": '<a href="javascript:alert(1)">点我</a>',
    "formula": '=HYPERLINK("http://x.example","点")',
    "DDE formula": "@SUM(1+1)*cmd|' /C calc'!A0",
    "plus and minus": "+1-1<b>",
    "angle brackets and quotes": "<<>>\"'&amp;&lt;",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background"}
INERT_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def fits(payload, max_length):
    return max_length is None or len(payload) <= max_length


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.texts = []
        self.script = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith(DANGEROUS_SCHEMES):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if value:
                self.texts.append(value)
        attributes = dict(attrs)
        if tag == "script":
            if attributes.get("type") in INERT_SCRIPT_TYPES:
                self.script = []
            elif not attributes.get("src"):
                self.problems.append("an inline script")
        if tag in ("svg", "iframe", "object", "embed") and any(name.startswith("on") for name, _v in attrs):
            self.problems.append(f"<{tag}> with a handler")

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            text = "".join(self.script)
            try:
                json.loads(text)
            except ValueError:
                self.problems.append("a JSON-LD block that is no longer JSON")
            self.texts.append(text)
            self.script = None

    def handle_data(self, data):
        if self.script is not None:
            self.script.append(data)
        else:
            self.texts.append(data)


def inspect_html(html):
    """(problems, everything a reader sees: text, attribute values and JSON-LD)."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.problems, "\n".join(reader.texts)


def assert_shown_as_text(html, payloads, where, shown=True):
    """Every payload is on the page as text (unless `shown` is false: a page that does not show
    that field), and the page has nothing the payload could have become."""
    problems, seen = inspect_html(html)
    raw = [p for p in payloads if ("<" in p or '"' in p) and p in html]
    missing = [
        p for p in payloads if shown and p not in seen and json.dumps(p, ensure_ascii=False)[1:-1] not in seen
    ]
    assert (problems, raw, missing) == ([], [], []), where
