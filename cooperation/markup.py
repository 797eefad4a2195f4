"""Django's `format_html`, `format_html_join` and `Truncator.chars`, the same output at a fraction of the calls.

The public pages write their repeated parts (cards, people, speeches, charts, pairings) in
Python, a few hundred small fragments a page. Django's versions escape each value through
`conditional_escape`, `escape` and the lazy-string checks around it: some ten Python calls a
value, a fifth of a list page's time. These give the same strings (a str escaped by
`html.escape` as `escape` does, a value with `__html__` — a SafeString — kept as it is, a lazy
translation made a str first) with the common case, a plain str, in one step — and a str with
none of the five characters `escape` replaces (most names, titles and numbers) given back as it
is, without the six calls of `html.escape` and its replacements; so are a SafeString (its
`__html__` is itself) and a number (a chart's coordinates, a count), which have none of them.
"""

import unicodedata
from collections.abc import Mapping
from html import escape as _escape

from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.text import Truncator


def conditional_escape(value):
    """As django.utils.html.conditional_escape (the result a str, escaped unless already safe)."""
    if type(value) is str:
        if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:
            return _escape(value)
        return value
    if type(value) is SafeString:
        return value
    if type(value) is int or type(value) is float:  # digits, a sign, a point, an exponent, inf or nan
        return str(value)
    if isinstance(value, Promise):
        value = str(value)
    html = getattr(value, "__html__", None)
    if html is not None:
        return html()
    return _escape(str(value))


def format_html(format_string, *args):
    """As django.utils.html.format_html with positional arguments."""
    return SafeString(format_string.format(*[conditional_escape(arg) for arg in args]))


def format_html_join(separator, format_string, args_generator):
    """As django.utils.html.format_html_join."""
    return SafeString(conditional_escape(separator).join(
        format_string.format(**{key: conditional_escape(value) for key, value in args.items()})
        if isinstance(args, Mapping)
        else format_string.format(*[conditional_escape(arg) for arg in args])
        for args in args_generator
    ))


def truncate_chars(text, length):
    """As `Truncator(text).chars(length)`: a text that fits (most summaries and speeches' points)
    is given back, NFC-normalised as Truncator gives it, without a call for each of its characters."""
    text = unicodedata.normalize("NFC", str(text))
    if len(text) <= length:
        return text
    return Truncator(text).chars(length)
