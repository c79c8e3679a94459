"""Deterministic sample data: plausible figures for every indicator, 2015–2020.

Until real figures are imported the dashboard shows these, and says so: every
row carries ``is_sample`` and a source that names the generator and its seed.

The shape of the data is chosen, not random: urban districts start higher
than rural counties, and tasks and districts move at different paces so that
every status class (achieved, on track, lagging, off track, no data) appears
somewhere.  Randomness only adds texture on top, from a fixed seed.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from data.plan import Indicator, IndicatorKind, Plan, Rollup, TargetType

DEFAULT_SEED = 2016

Floats = npt.NDArray[np.float64]

# Pace of each task against its path (1.0 = exactly on the expected path).
# Chosen so that the ten task cards show every status class.
TASK_PACE = {
    "T1": 1.12,
    "T2": 0.75,
    "T3": 0.98,
    "T4": 1.04,
    "T5": 0.58,
    "T6": 1.08,
    "T7": 0.90,
    "T8": 0.99,
    "T9": 0.52,
    "T10": 0.84,
    None: 0.97,
}
# Counties whose figures lag visibly, and counties that have not reported the
# latest year for some tasks (so the map shows a "no data" district).
# A few indicators set apart from their task's pace, so that stated targets show
# every class too, and one indicator that stopped being reported after 2018.
INDICATOR_PACE = {"T1-01": 1.25, "T3-05": 0.6, "T3-08": 0.7, "T3-06": 1.1}
LAST_REPORTED = {"T4-03": 2018}
# Which counties lag and which have not reported is picked from the plan's own units, so
# every city's sample shows the same mix: positions among its rural units (not ``urban``)
# counted from the end, where plans list the outlying counties. Position → pace, and
# position → tasks not reported for the latest year; tests/unit/test_sample.py pins the
# shipped plan's picks.
LAGGING_POSITIONS = {-4: 0.55, -3: 0.65, -8: 0.75}
UNREPORTED_POSITIONS: dict[int, tuple[str, ...]] = {-5: ("T7", "T9"), -4: ("T9",)}


@dataclass(frozen=True)
class SampleRegion:
    code: str
    population: float  # 万人
    urban: bool = False


def plan_regions(plan: Plan) -> list[SampleRegion]:
    return [SampleRegion(u.code, u.population or 30.0, u.urban) for u in plan.region.units]


def _pick(regions: list[SampleRegion], positions: dict[int, Any]) -> dict[str, Any]:
    """Code → value for each position among the rural regions (all regions if none is rural);
    in a short list positions wrap round, and the first to claim a unit keeps it."""
    pool = [r for r in regions if not r.urban] or regions
    picked: dict[str, Any] = {}
    for position, value in positions.items():
        if pool:
            picked.setdefault(pool[position % len(pool)].code, value)
    return picked


def lagging_units(regions: list[SampleRegion]) -> dict[str, float]:
    """Code → pace of the counties whose figures lag visibly."""
    return _pick(regions, LAGGING_POSITIONS)


def unreported_latest(regions: list[SampleRegion]) -> dict[str, tuple[str, ...]]:
    """Code → tasks a county has not reported for the latest year (a "no data" district on the map)."""
    return _pick(regions, UNREPORTED_POSITIONS)


def _rng(seed: int, *keys: str) -> np.random.Generator:
    # One stream per (indicator, region) so adding an indicator leaves the others unchanged.
    return np.random.default_rng([seed, *(zlib.crc32(k.encode()) for k in keys)])


def _city_path(ind: Indicator, years: list[int], baseline: int, rng: np.random.Generator) -> Floats:
    """The city's level for each year, before it is split into districts."""
    pace = INDICATOR_PACE.get(ind.code, TASK_PACE.get(ind.task, 0.97)) * rng.uniform(0.95, 1.05)
    frac = np.array([(y - baseline) / (years[-1] - baseline) for y in years])
    t = ind.target
    if ind.kind in (IndicatorKind.rate, IndicatorKind.coverage):
        goal = 100.0 if t and t.type == TargetType.full_coverage else (t.value if t else None)
        if goal is None:
            start = rng.uniform(25, 60)
            goal = min(98.0, start + rng.uniform(20, 40))
        else:
            start = goal * rng.uniform(0.45, 0.7)
        return start + (goal - start) * frac * pace
    # counts
    if t is not None:
        if t.type == TargetType.every_year:
            return np.full(len(years), t.value) * (0.75 + 0.25 * pace * (0.6 + 0.4 * frac))
        if t.type == TargetType.cumulative:
            return np.full(len(years), t.value / (years[-1] - baseline)) * pace  # annual increments
        start = t.value * rng.uniform(0.3, 0.55)
        return start + (t.value - start) * frac * pace
    base = rng.uniform(40, 600)
    # Without a target an indicator is judged on its trend: slow tasks stall or fall.
    growth = rng.uniform(0.05, 0.15) * (pace - 0.75) / 0.25
    return base * (1 + growth) ** (frac * (years[-1] - baseline))


def _unit_weights(regions: list[SampleRegion], ind: Indicator, seed: int) -> Floats:
    w = np.array([r.population * (1.35 if r.urban else 0.8) for r in regions], dtype=np.float64)
    noise = np.array([_rng(seed, ind.code, r.code, "w").uniform(0.7, 1.3) for r in regions], dtype=np.float64)
    w = w * noise
    shares: Floats = w / w.sum()
    return shares


def _unit_pace(r: SampleRegion, ind: Indicator, seed: int, lagging: dict[str, float]) -> float:
    pace = lagging.get(r.code, 1.1 if r.urban else 0.95)
    return pace * _rng(seed, ind.code, r.code, "p").uniform(0.85, 1.15)


def generate(
    plan: Plan, regions: list[SampleRegion] | None = None, seed: int = DEFAULT_SEED, city_code: str | None = None
) -> pd.DataFrame:
    """Sample observations for every indicator, for the city and each unit.

    ``regions`` defaults to the plan's units; pass any list (e.g. all the
    counties of China) for scale tests.  City rows are rolled up from the
    units by each indicator's rule, so the city and its districts agree.
    """
    from data.progress import rollup_to_city

    regions = regions or plan_regions(plan)
    city_code = city_code or plan.region.code
    years = list(range(plan.baseline_year, plan.end_year + 1))
    source = f"示例数据(随机生成,种子 {seed}) / sample data (generated, seed {seed})"
    populations = {r.code: r.population for r in regions}
    lagging, unreported = lagging_units(regions), unreported_latest(regions)
    frames = []
    for ind in plan.indicators:
        rng = _rng(seed, ind.code)
        path = _city_path(ind, years, plan.baseline_year, rng)
        if ind.rollup == Rollup.city_only:
            rows = _rows_for(ind, city_code, years, path, None, rng)
            frames.append(pd.DataFrame(rows))
            continue
        weights = _unit_weights(regions, ind, seed)
        unit_rows: list[dict[str, Any]] = []
        for r, w in zip(regions, weights, strict=True):
            pace = _unit_pace(r, ind, seed, lagging)
            urng = _rng(seed, ind.code, r.code)
            unit_rows += _rows_for(ind, r.code, years, _unit_path(ind, path, w, pace, r, urng), r, urng)
        units = _drop_unreported(pd.DataFrame(unit_rows), ind, plan.end_year, unreported)
        city = rollup_to_city(ind, units, populations)
        city = city.assign(region_code=city_code, indicator_code=ind.code)
        frames += [units, city[[c for c in units.columns if c in city.columns]]]
    out = pd.concat(frames, ignore_index=True)
    stopped = out["indicator_code"].map(LAST_REPORTED)
    out = out[~(stopped.notna() & (out["year"] > stopped))]
    out["source"] = source
    out["note"] = None
    out["is_sample"] = True
    return out.sort_values(["indicator_code", "region_code", "year"], ignore_index=True)


def _unit_path(
    ind: Indicator, city: Floats, weight: float, pace: float, r: SampleRegion, rng: np.random.Generator
) -> Floats:
    n = len(city)
    frac = np.linspace(0, 1, n)
    jitter = 1 + rng.normal(0, 0.02, n)
    if ind.kind in (IndicatorKind.rate, IndicatorKind.coverage):
        level = 1.2 if r.urban else 0.85
        start: float = city[0] * level * rng.uniform(0.9, 1.1)
        rise: float = (city[-1] - city[0]) * pace
        return np.clip((start + rise * frac) * jitter, 0, 100)
    if ind.kind == IndicatorKind.annual_count and ind.target and ind.target.type == TargetType.every_year:
        return city * weight * (0.8 + 0.2 * pace) * jitter
    # Counts: the district's share of the city level, growing at its own pace.
    start = city[0] * weight
    counts: Floats = np.maximum(0, (start + (city - city[0]) * weight * pace) * jitter)
    return counts


def _rows_for(
    ind: Indicator, code: str, years: list[int], path: Floats, r: SampleRegion | None, rng: np.random.Generator
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    cumulative_target = ind.target is not None and ind.target.type == TargetType.cumulative
    running = 0.0
    for i, (y, v) in enumerate(zip(years, path, strict=True)):
        row: dict[str, Any] = {
            "indicator_code": ind.code,
            "region_code": code,
            "year": y,
            "value": None,
            "numerator": None,
            "denominator": None,
        }
        if ind.kind == IndicatorKind.coverage:
            pop = r.population if r else 1000.0
            den = max(3, round(pop * rng.uniform(0.6, 1.4) if i == 0 else rows[0]["denominator"]))
            num = min(den, max(0, round(den * v / 100)))
            row.update(numerator=float(num), denominator=float(den), value=round(100 * num / den, ind.decimals))
        elif ind.kind == IndicatorKind.rate:
            row["value"] = round(float(v), max(ind.decimals, 1))
        elif cumulative_target or ind.kind == IndicatorKind.cumulative_count:
            # Running total since the baseline year (which itself counts nothing).
            step = 0.0 if y == years[0] else max(0.0, float(v))
            running += step
            row["value"] = float(round(running)) if ind.kind == IndicatorKind.cumulative_count else float(round(step))
        else:
            row["value"] = float(round(max(0.0, float(v)), ind.decimals))
        rows.append(row)
    return rows


def _drop_unreported(
    units: pd.DataFrame, ind: Indicator, latest: int, unreported: dict[str, tuple[str, ...]]
) -> pd.DataFrame:
    """Leave out the latest year where a county 'has not reported' (before the roll-up)."""
    missing = [code for code, tasks in unreported.items() if ind.task in tasks]
    return units[~(units["region_code"].isin(missing) & (units["year"] == latest))]
