"""Deterministic sample venues: so the map shows venues before a real list is imported.

Like ``data.sample``, the shape is chosen and randomness only adds texture from a fixed seed: a
unit gets venues of each type in proportion to its population (urban units more museums and
community stations), most open before the plan (no year given) and the rest opening through the plan
period, so the counted indicators rise. Points are drawn uniformly inside each unit's polygon
(passed in by the caller: ``data`` knows no shapes), in the polygons' own system. Every venue is
named and sourced as sample data and stored with ``is_sample``.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from data.facilities import VenueRecord
from data.plan import FacilityLevel, Plan, Region

DEFAULT_SEED = 2016

# type code → (per 10,000 residents in an urban unit, in a rural one, at least). Types the shipped
# plan names; another plan's types get the default. Chosen to look plausible, not measured.
DENSITY: dict[str, tuple[float, float, int]] = {
    "museum": (0.02, 0.01, 0),
    "base": (0.08, 0.06, 1),
    "youth_station": (0.25, 0.22, 2),
    "community_station": (0.22, 0.08, 1),
    "grassroots_venue": (0.08, 0.10, 1),
    "xinhua_screen": (0.15, 0.12, 1),
    "community_college": (0.02, 0.0, 0),
    "bulletin_board": (0.0, 0.0, 0),
}
DEFAULT_DENSITY = (0.05, 0.04, 0)
LEVELS = (FacilityLevel.national, FacilityLevel.provincial, FacilityLevel.city, FacilityLevel.county)
LEVEL_WEIGHTS = (0.08, 0.22, 0.4, 0.3)
SHARE_BEFORE_PLAN = 0.7  # of the venues of a unit, opened before the baseline year


def _rng(seed: int, *keys: str) -> np.random.Generator:
    return np.random.default_rng([seed, *(zlib.crc32(k.encode()) for k in keys)])


def points_inside(polygon: BaseGeometry, n: int, rng: np.random.Generator) -> list[tuple[float, float]]:
    """``n`` points drawn uniformly inside ``polygon`` (rejection from its bounding box)."""
    if n <= 0 or polygon.is_empty:
        return []
    shapely.prepare(polygon)
    minx, miny, maxx, maxy = polygon.bounds
    out: list[tuple[float, float]] = []
    while len(out) < n:
        xs = rng.uniform(minx, maxx, 4 * n)
        ys = rng.uniform(miny, maxy, 4 * n)
        inside = shapely.contains_xy(polygon, xs, ys)
        out += [(float(x), float(y)) for x, y in zip(xs[inside], ys[inside], strict=True)][: n - len(out)]
    return out


def _count(unit: Region, type_code: str, rng: np.random.Generator) -> int:
    urban_rate, rural_rate, least = DENSITY.get(type_code, DEFAULT_DENSITY)
    rate = urban_rate if unit.urban else rural_rate
    expected = (unit.population or 30.0) * rate
    return max(least if rate else 0, round(expected * rng.uniform(0.8, 1.2)))


def generate_venues(
    plan: Plan, polygons: Mapping[str, BaseGeometry], datum: str, seed: int = DEFAULT_SEED
) -> list[VenueRecord]:
    """Sample venues of every type of the plan in every unit that has a polygon."""
    source = f"示例数据(随机生成,种子 {seed}) / sample data (generated, seed {seed})"
    out: list[VenueRecord] = []
    for unit in plan.region.units:
        polygon = polygons.get(unit.code)
        if polygon is None:
            continue
        for ftype in plan.facility_types:
            rng = _rng(seed, unit.code, ftype.code)
            n = _count(unit, ftype.code, rng)
            for i, (lon, lat) in enumerate(points_inside(polygon, n, rng), start=1):
                # A venue open before the plan has no year (open since before the baseline, as a list
                # that gives none reads): only the plan's own years show, for whichever plan period.
                before = rng.uniform() < SHARE_BEFORE_PLAN
                opened = None if before else int(rng.integers(plan.start_year, plan.end_year + 1))
                closed = int(rng.integers(plan.start_year, plan.end_year + 1)) if rng.uniform() < 0.03 else None
                level = LEVELS[int(rng.choice(len(LEVELS), p=LEVEL_WEIGHTS))].value if ftype.code == "base" else None
                x, y = round(lon, 6), round(lat, 6)
                out.append(
                    VenueRecord(
                        type_code=ftype.code,
                        name=f"{unit.short}示例{ftype.name.zh}{i}号",
                        unit=unit.code,
                        level=level,
                        address=f"{unit.name}(示例地址)",
                        lon=x,
                        lat=y,
                        orig_lon=x,
                        orig_lat=y,
                        orig_datum=datum,
                        opened_year=opened,
                        closed_year=closed if closed is None or opened is None or closed > opened else None,
                        source=source,
                    )
                )
    return out
