"""The checks of an import made a column at a time: which rows need no message at all.

A yearly file has a few thousand rows, a national one a hundred thousand, nearly all of them
good.  Checking them one by one (``data.importer._Validator.row``) costs a few microseconds of
Python per cell; here each distinct cell text is read once (a column of 100,000 years holds six
texts), and the rules on figures (known codes, years in range, numbers, signs, whole counts,
percentages up to 100, numerator within denominator, a value matching its parts) are array
comparisons over the whole column.

This module only sorts rows: ``clean[i]`` is true when row ``i`` would come out of the
row-by-row check as a value with no message, error or warning.  Every other row (a bad cell, a
warning, a blank or a duplicate) goes through the row-by-row check, which writes its message with
its sheet, row, column and cell exactly as before.  Where a rule here and a rule there could
disagree, the row is not clean: the row-by-row check decides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from data.import_read import VALUE_FIELDS, Block
from data.import_values import Number, parse_number, parse_year
from data.plan import Indicator, IndicatorKind, Rollup

PERCENT_KINDS = (IndicatorKind.rate, IndicatorKind.coverage)
Mask = npt.NDArray[np.bool_]
T = TypeVar("T")


@dataclass
class Checked:
    """What the column checks found in a block, row by row: ``clean`` and, for a clean row, the
    cell and the figures to store (Python objects, as the row-by-row check makes them)."""

    clean: list[bool]
    indicator: list[str | None]
    region: list[str | None]
    year: list[int | None]
    value: list[float | None]
    numerator: list[float | None]
    denominator: list[float | None]
    source: list[str | None]
    note: list[str | None]
    explanation: list[str | None]


def per_value(column: Sequence[object], fn: Callable[[Any], T]) -> list[T]:
    """``fn`` of each cell, computed once per distinct cell.  A cell is told apart by its type as
    well as its value: Excel's 1, 1.0 and TRUE are equal in Python but not the same figure."""
    done: dict[object, T] = {}
    out: list[T] = []
    append = out.append
    for v in column:
        key = v if type(v) is str else (type(v), v)  # CSV cells are all text: the common case is cheap
        try:
            append(done[key])
        except KeyError:
            done[key] = r = fn(v)
            append(r)
    return out


def parse_numbers(
    column: Sequence[object], percent: Sequence[bool], groups: Sequence[int], units: Sequence[str | None]
) -> list[Number | None]:
    """Each cell parsed as a figure, once per distinct (cell, % format, unit): ``units[groups[i]]`` is
    row ``i``'s unit.  No tuple is made per row: 100,000 of them cost more in the garbage collector
    than the parsing."""
    done: list[tuple[dict[object, Number], dict[object, Number]]] = [({}, {}) for _ in units]
    out: list[Number | None] = []
    append = out.append
    for v, pct, g in zip(column, percent, groups, strict=True):
        if v is None:
            append(None)
            continue
        cache = done[g][pct]
        key = v if type(v) is str else (type(v), v)
        try:
            append(cache[key])
        except KeyError:
            cache[key] = r = parse_number(v, percent_format=pct, unit=units[g])
            append(r)
    return out


def cell_text(v: object) -> str | None:
    """A text cell as stored (source, note, explanation): as ``data.importer._text`` reads it."""
    if v is None:
        return None
    s = str(v).strip()
    if isinstance(v, float) and v.is_integer():
        s = str(int(v))
    return s or None


def check_block(
    block: Block,
    *,
    indicator_of: Callable[[object], Indicator | None],
    region_of: Callable[[object], str | None],
    first_year: int,
    last_year: int,
    city: str,
    max_note_chars: int,
) -> Checked:
    n = len(block)
    none: list[object] = [None] * n

    def col(f: str) -> list[object]:
        return block.values.get(f, none)

    def pct_col(f: str) -> list[bool]:
        return block.percent.get(f) or [False] * n

    # The indicator: known code or name; its properties as arrays (index -1: none).
    indicators: list[Indicator] = []
    index_of: dict[str, int] = {}

    def ind_index(v: object) -> int:
        if v is None:
            return -1
        ind = indicator_of(v)
        if ind is None:
            return -1
        if ind.code not in index_of:
            index_of[ind.code] = len(indicators)
            indicators.append(ind)
        return index_of[ind.code]

    ind_idx = np.array(per_value(col("indicator"), ind_index), dtype=np.intp)
    has_ind = ind_idx >= 0

    def prop(fn: Callable[[Indicator], Any], default: Any) -> npt.NDArray[Any]:
        # The default sits last, where index -1 (no indicator) finds it.
        return np.array([*(fn(i) for i in indicators), default])[ind_idx]

    percent_kind = prop(lambda i: i.kind in PERCENT_KINDS, False)
    coverage = prop(lambda i: i.kind == IndicatorKind.coverage, False)
    whole_values = prop(lambda i: i.kind not in PERCENT_KINDS and i.decimals == 0, False)
    city_only = prop(lambda i: i.rollup == Rollup.city_only, False)
    tolerance = prop(lambda i: 10.0**-i.decimals + 1e-9, 0.0)
    units: list[str | None] = [i.unit.zh for i in indicators]
    ind_list = ind_idx.tolist()

    # The district, by name and/or code: both must be known and agree.
    names, codes = col("district"), col("district_code")
    by_name = per_value(names, lambda v: None if v is None else region_of(v))
    by_code = per_value(codes, lambda v: None if v is None else region_of(v))
    region: list[str | None] = []
    region_ok = np.zeros(n, dtype=bool)
    for i, (nv, cv, rn, rc) in enumerate(zip(names, codes, by_name, by_code, strict=True)):
        r = rn or rc
        region.append(r)
        region_ok[i] = (
            (nv is not None or cv is not None)
            and (nv is None or rn is not None)
            and (cv is None or rc is not None)
            and not (rn and rc and rn != rc)
        )

    # The year: a year, within the plan's period.
    years = per_value(col("year"), lambda v: None if v is None else parse_year(v))
    year: list[int | None] = [y.value if y is not None and not y.error else None for y in years]
    year_ok = np.array([y is not None and first_year <= y <= last_year for y in year], dtype=bool)

    # The figures: each distinct (cell, % format, the value's unit) parsed once.
    known: dict[str, Mask] = {}
    val: dict[str, npt.NDArray[np.float64]] = {}
    pct: dict[str, Mask] = {}
    figures: dict[str, list[float | None]] = {}
    error = np.zeros(n, dtype=bool)
    counts = np.zeros(n, dtype=bool)  # a figure or a bad figure: the row is a row of figures
    for f in VALUE_FIELDS:
        # A value's unit is its indicator's (「300 人次」); parts have none.
        groups = ind_list if f == "value" else [-1] * n
        parsed = parse_numbers(col(f), pct_col(f), groups, [*units, None] if f == "value" else [None])
        figures[f] = [p.value if p is not None else None for p in parsed]
        known[f] = np.array([x is not None for x in figures[f]], dtype=bool)
        val[f] = np.array([np.nan if x is None else x for x in figures[f]], dtype=np.float64)
        pct[f] = np.array([p is not None and p.percent for p in parsed], dtype=bool)
        bad_cell = np.array([p is not None and p.error is not None for p in parsed], dtype=bool)
        error |= bad_cell
        counts |= known[f] | bad_cell

    # A figure the row-by-row check would name (an error or a warning) leaves the row to it.
    with np.errstate(invalid="ignore", divide="ignore"):
        named = np.zeros(n, dtype=bool)
        for f in VALUE_FIELDS:
            kf, x = known[f], val[f]
            is_value = f == "value"
            named |= kf & pct[f] & (~percent_kind if is_value else True)
            named |= kf & (x < 0)
            if is_value:
                named |= kf & percent_kind & (x > 100)
            need_whole = whole_values if is_value else np.ones(n, dtype=bool)
            named |= kf & need_whole & (x != np.floor(x))
        kv, kn, kd = known["value"], known["numerator"], known["denominator"]
        v, num, den = val["value"], val["numerator"], val["denominator"]
        # Not coverage: no parts; a rate of 0–1 without a % sign may be a fraction (a warning).
        named |= ~coverage & (kn | kd)
        named |= ~coverage & percent_kind & kv & (v > 0) & (v <= 1) & ~pct["value"]
        # Coverage: both parts, a non-zero denominator, numerator within it, the value matching.
        computed = 100.0 * num / den
        named |= coverage & ~(kn & kd)
        named |= coverage & kn & kd & ((den == 0) | (num > den))
        named |= coverage & kv & kn & kd & (np.abs(v - computed) > tolerance)

    # Text cells; an explanation longer than a note may be is named.
    source = per_value(col("source"), cell_text)
    note = per_value(col("note"), cell_text)
    explanation = per_value(col("explanation"), cell_text)
    long_note = np.array([e is not None and len(e) > max_note_chars for e in explanation], dtype=bool)

    not_city = np.array([r != city for r in region], dtype=bool)
    clean = has_ind & region_ok & year_ok & counts & ~error & ~named & ~long_note & ~(city_only & not_city)
    clean_list: list[bool] = clean.tolist()

    # What a clean row stores: a coverage value left empty is computed from its parts.
    value, numerator, denominator = figures["value"], figures["numerator"], figures["denominator"]
    for i in np.flatnonzero(clean & coverage & ~kv).tolist():
        num_i, den_i = numerator[i], denominator[i]
        assert num_i is not None and den_i is not None  # a clean coverage row has both parts
        value[i] = round(100.0 * num_i / den_i, indicators[ind_list[i]].decimals)
    return Checked(
        clean=clean_list,
        indicator=[indicators[j].code if j >= 0 else None for j in ind_list],
        region=region,
        year=year,
        value=value,
        numerator=numerator,
        denominator=denominator,
        source=source,
        note=note,
        explanation=explanation,
    )
