"""Readable slugs: pinyin of the Chinese name (daxing-qu), unique per model."""

import re
from contextlib import contextmanager
from contextvars import ContextVar

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.text import slugify
from django.utils.translation import get_language


def lazy_pinyin(text, **options):
    """pypinyin's `lazy_pinyin`, imported when first used: loading its dictionaries takes about
    0.3 s of CPU, which every process (each server worker, each manage.py command, each test
    worker) would otherwise pay as it starts, although most never write a name in pinyin."""
    from pypinyin import lazy_pinyin as convert

    return convert(text, **options)


def pinyin_slug(text, max_length=60):
    # lazy_pinyin keeps Latin letters and digits as they are; slugify then joins with hyphens.
    slug = slugify(" ".join(lazy_pinyin(text)))
    return slug[:max_length].strip("-") or "item"


def unique_slug(model, text, instance=None, max_length=60):
    base = pinyin_slug(text, max_length=max_length)
    slug = base
    others = model._default_manager.all()
    if instance is not None and instance.pk:
        others = others.exclude(pk=instance.pk)
    counter = 2
    while others.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
PLACEHOLDER = "slug-placeholder-0"
_address_forms = {}
# The script prefix, language and URL configuration while one list is written (`one_setting`).
_setting = ContextVar("slug_url_setting", default=None)


def _current_setting():
    return (get_script_prefix(), get_language(), get_urlconf())


@contextmanager
def one_setting():
    """Within the block, addresses are made for the script prefix, language and URL configuration
    in force as it starts: a tag writing a list of records (cards, rows, a trip's stops) changes
    none of them, and each of the three is a context-local lookup of some five calls, three per
    address and hundreds of addresses a page."""
    token = _setting.set(_current_setting())
    try:
        yield
    finally:
        _setting.reset(token)


def slug_url(view_name, slug):
    """reverse(view_name, kwargs={"slug": slug}), the address's form worked out once.

    A list or a record page names hundreds of records; reversing each address walks the URL
    patterns every time. The form is kept per view, script prefix, language and URL
    configuration, so it is exactly what reverse() gives; a slug the converter would refuse
    goes through reverse() itself (and its NoReverseMatch).
    """
    if not SLUG.match(slug or ""):
        return reverse(view_name, kwargs={"slug": slug})
    key = (view_name, *(_setting.get() or _current_setting()))
    form = _address_forms.get(key)
    if form is None:
        form = _address_forms[key] = reverse(view_name, kwargs={"slug": PLACEHOLDER}).split(PLACEHOLDER)
        if len(form) != 2:
            _address_forms[key] = form = None
    if form is None:
        return reverse(view_name, kwargs={"slug": slug})
    return f"{form[0]}{slug}{form[1]}"
