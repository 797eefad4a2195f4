"""Readable slugs: pinyin of the Chinese name (daxing-qu), unique per model."""

from django.utils.text import slugify
from pypinyin import lazy_pinyin


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
