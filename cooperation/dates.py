"""Partial dates: reports say 2024年6月20日, 2024年6月 or only 2024年 (or 近日)."""

import datetime
import re

from django.db import models
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("日")
    MONTH = "month", _("月")
    YEAR = "year", _("年")


def format_partial_date(value, precision=DatePrecision.DAY):
    """2024年6月20日, 2024年6月 or 2024年, as precise as the record knows."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year}年"
    if precision == DatePrecision.MONTH:
        return f"{value.year}年{value.month}月"
    return f"{value.year}年{value.month}月{value.day}日"


def format_partial_date_iso(value, precision=DatePrecision.DAY):
    """2024-06-20, 2024-06 or 2024: ISO 8601 at the record's precision (ledgers, JSON-LD)."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


_FULL = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_YEAR = re.compile(r"^(\d{4})\s*年?$")


def parse_partial_date(text):
    """Read the date forms offices write; returns (date, precision) or raises ValueError.

    A month-precision date is stored as the first of its month, a year as 1 January.
    """
    if isinstance(text, datetime.datetime):
        return text.date(), DatePrecision.DAY
    if isinstance(text, datetime.date):
        return text, DatePrecision.DAY
    value = str(text).strip()
    if match := _FULL.match(value):
        year, month, day = (int(g) for g in match.groups())
        return datetime.date(year, month, day), DatePrecision.DAY
    if match := _MONTH.match(value):
        year, month = (int(g) for g in match.groups())
        return datetime.date(year, month, 1), DatePrecision.MONTH
    if match := _YEAR.match(value):
        return datetime.date(int(match.group(1)), 1, 1), DatePrecision.YEAR
    raise ValueError(value)
