"""Change from the previous year, and when a change is a jump worth checking.

A figure is compared with the same indicator's figure in the same unit in the latest earlier
year that has one (usually the year before). A change is a *jump* when it moves by more than
the indicator's threshold (``Indicator.change_threshold``, else the plan's), as a share of the
earlier figure: with 0.3, 10 → 13.5 is a jump (+35 %), 10 → 12.5 is not. A figure rising from 0
is a jump whatever the threshold (no share can be taken of nothing). Without a threshold nothing
is ever a jump. Pure: the import preview, the district and task pages and the reporting page
ask the same functions (through ``dashboard/services/changes.py``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from data.plan import Plan


@dataclass(frozen=True)
class Change:
    indicator: str
    region: str
    year: int
    value: float
    previous_year: int | None = None
    previous: float | None = None
    threshold: float | None = None

    @property
    def delta(self) -> float | None:
        return None if self.previous is None else self.value - self.previous

    @property
    def ratio(self) -> float | None:
        """The change as a share of the earlier figure (0.35: +35 %); None without one, or from 0."""
        return relative_change(self.previous, self.value)

    @property
    def is_jump(self) -> bool:
        return is_jump(self.previous, self.value, self.threshold)

    def to_dict(self) -> dict[str, object]:
        return {
            "indicator": self.indicator,
            "region": self.region,
            "year": self.year,
            "value": self.value,
            "previous_year": self.previous_year,
            "previous": self.previous,
            "delta": self.delta,
            "ratio": self.ratio,
            "threshold": self.threshold,
            "jump": self.is_jump,
        }


def threshold_for(plan: Plan, indicator: str) -> float | None:
    """The indicator's own threshold, else the plan's; None: its changes are never flagged."""
    ind = plan.indicator_by_code.get(indicator)
    own = ind.change_threshold if ind is not None else None
    return own if own is not None else plan.change_threshold


def relative_change(old: float | None, new: float | None) -> float | None:
    if old is None or new is None or old == 0 or math.isnan(old) or math.isnan(new):
        return None
    return (new - old) / abs(old)


def is_jump(old: float | None, new: float | None, threshold: float | None) -> bool:
    if threshold is None or old is None or new is None or math.isnan(old) or math.isnan(new):
        return False
    if old == 0:
        return new != 0
    return abs(new - old) / abs(old) > threshold + 1e-12


def previous(series: Mapping[int, float], year: int) -> tuple[int, float] | None:
    """The latest earlier year with a figure, and that figure."""
    earlier = [y for y, v in series.items() if y < year and v is not None and not math.isnan(v)]
    if not earlier:
        return None
    y = max(earlier)
    return y, float(series[y])


def change_in(plan: Plan, indicator: str, region: str, year: int, series: Mapping[int, float]) -> Change | None:
    """The change of ``series`` (one indicator in one unit, year → figure) into ``year``; None
    when it has no figure in ``year``."""
    value = series.get(year)
    if value is None or math.isnan(value):
        return None
    prev = previous(series, year)
    return Change(
        indicator,
        region,
        year,
        float(value),
        prev[0] if prev else None,
        prev[1] if prev else None,
        threshold_for(plan, indicator),
    )


Cell = tuple[str, str, int]  # indicator, region, year


def file_jumps(
    plan: Plan, figures: Iterable[tuple[Cell, float | None]], stored: Mapping[tuple[str, str], Mapping[int, float]]
) -> list[Change]:
    """The figures of an import file that jump from the figure before them: the file's own figure of
    an earlier year if it has one, else the store's (``stored``: real figures by indicator and unit)."""
    incoming: dict[tuple[str, str], dict[int, float]] = {}
    for (ind, region, year), value in figures:
        if value is not None and not math.isnan(value):
            incoming.setdefault((ind, region), {})[year] = float(value)
    out = []
    for (ind, region), years in incoming.items():
        if threshold_for(plan, ind) is None:
            continue
        series = {**stored.get((ind, region), {}), **years}
        for year in sorted(years):
            ch = change_in(plan, ind, region, year, series)
            if ch is not None and ch.is_jump:
                out.append(ch)
    order = {i.code: n for n, i in enumerate(plan.indicators)}
    return sorted(out, key=lambda c: (order.get(c.indicator, len(order)), c.region, c.year))
