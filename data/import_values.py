"""Reading the figures people type: full-width digits, 1,234, 45%, '300 人次', 2019年.

Each parser returns a small result and never raises.  What counts as "no
figure" (a dash, a slash) follows Chinese statistical tables, where — and /
mean "not available": such a cell is left empty rather than refused.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time

# 「无」 alone is how many offices write "none reported" in a cell, like 「暂无」.
NOT_AVAILABLE = {"-", "--", "—", "——", "–", "/", "…", "...", "n/a", "na", "#n/a", "无数据", "暂无", "无", "空"}

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}([, ]\d{3})+(\.\d+)?$")  # 1,234,567.5 or 1 234 567
_MINUS = str.maketrans({"−": "-", "－": "-", "﹣": "-", "‐": "-", "‑": "-"})


def clean_text(value: object) -> str:
    """NFKC (full-width → ASCII), no leading/trailing or doubled spaces."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    s = str(value)
    if not s.isascii():  # NFKC and minus signs only matter for non-ASCII text
        s = unicodedata.normalize("NFKC", s).translate(_MINUS)
    return " ".join(s.split())


@dataclass(frozen=True, slots=True)
class Number:
    value: float | None  # None: empty or not available
    error: str | None = None  # not_a_number
    percent: bool = False  # written with a % sign or % format
    text: str = ""  # the cell as typed, for messages


def parse_number(raw: object, *, percent_format: bool = False, unit: str | None = None) -> Number:
    if raw is None:
        return Number(None)
    try:
        return _parse_number_cached(raw, percent_format, unit)
    except TypeError:  # unhashable: never from our readers, but never a crash either
        return _parse_number(raw, percent_format, unit)


# typed: Excel's TRUE equals 1 in Python, but is no figure (a cache keyed by value alone mixed them up).
@functools.lru_cache(maxsize=65536, typed=True)
def _parse_number_cached(raw: object, percent_format: bool, unit: str | None) -> Number:
    return _parse_number(raw, percent_format, unit)


def _parse_number(raw: object, percent_format: bool, unit: str | None) -> Number:
    if raw is None:
        return Number(None)
    if isinstance(raw, bool):
        return Number(None, "not_a_number", text=str(raw))
    if isinstance(raw, (datetime, date, time)):
        return Number(None, "not_a_number", text=str(raw))
    if isinstance(raw, (int, float)):
        f = float(raw)
        if math.isnan(f):
            return Number(None)
        if math.isinf(f):
            return Number(None, "not_a_number", text=str(raw))
        if percent_format:
            return Number(round(f * 100, 10), percent=True, text=f"{f * 100:g}%")
        return Number(f, text=f"{raw:g}" if isinstance(raw, float) else str(raw))
    typed = str(raw).strip()
    s = clean_text(raw)
    if not s or s.lower() in NOT_AVAILABLE:
        return Number(None, text=typed)
    percent = False
    if s.endswith("%"):
        percent, s = True, s[:-1].strip()
    elif unit and unit != "%" and s.endswith(unit):
        s = s[: -len(unit)].strip()
    if _GROUPED.match(s):
        s = s.replace(",", "").replace(" ", "")
    if not _NUMBER.match(s):
        return Number(None, "not_a_number", text=typed)
    f = float(s)
    if math.isinf(f):
        return Number(None, "not_a_number", text=typed)
    return Number(f, percent=percent, text=typed)


@dataclass(frozen=True, slots=True)
class Year:
    value: int | None
    error: str | None = None  # bad_year


_YEAR = re.compile(r"^(\d{4})(年度?|年)?$")


@functools.lru_cache(maxsize=4096, typed=True)
def parse_year(raw: object) -> Year:
    if raw is None:
        return Year(None)
    if isinstance(raw, (bool, datetime, date, time)):
        return Year(None, "bad_year")
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not raw.is_integer():
            return Year(None, "bad_year")
        y = int(raw)
        return Year(y) if 1000 <= y <= 9999 else Year(None, "bad_year")
    s = clean_text(raw).replace(" ", "")
    if s.endswith(".0"):
        s = s[:-2]
    m = _YEAR.match(s)
    return Year(int(m.group(1))) if m else Year(None, "bad_year")


# With a dash the task may have two digits (T12-03); without one, "T101" is read as T1-01.
_INDICATOR = re.compile(r"^(?:(T[1-9][0-9]?|G)-|(T[1-9]|G))0*(\d{1,2})$")


@functools.lru_cache(maxsize=4096)
def indicator_key(raw: object) -> str:
    """T1-01 from 't1-01', 'Ｔ１－０１', 'T1-1', ' T1 - 01 '."""
    s = clean_text(raw).replace(" ", "").upper()
    m = _INDICATOR.match(s)
    return f"{m.group(1) or m.group(2)}-{int(m.group(3)):02d}" if m else s


def cell_text(raw: object) -> str:
    """A code or name cell as text: 110105.0 read from Excel becomes '110105'."""
    return clean_text(raw)
