"""The venue registry's questions: where the venues are, what they count and how much they cover.

``data/facilities.py`` holds the registry (import, rollback, counting) and knows no shapes;
``geo`` knows shapes and coordinate systems and no plan. Here the two meet: the ``GeoPlacer``
an import checks locations with, the sample venues laid inside each unit's polygon, and the
tables the map, the district page, the data page and the reports show (docs/facilities.md).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dashboard.i18n import DEFAULT_LANG, lang_or_default
from data.facilities import LEVEL_NAMES, effective_venues, open_in
from data.plan import FacilityLevel, Plan, in_language
from geo.coords import Datum, convert, parse_datum
from geo.venues import UnitLocator

if TYPE_CHECKING:
    from dashboard.repository import Repository

# A point within this distance outside the region's (simplified) outline counts in the nearest
# unit, flagged; farther out it is refused. Five times the shapes' simplification tolerance (100 m).
SNAP_KM = 0.5


@dataclass(frozen=True)
class PlacedPoint:
    lon: float
    lat: float
    unit: str | None
    covering: tuple[str, ...]
    km_from_unit: float
    km_outside_region: float


class GeoPlacer:
    """``data.facilities.Placer`` over the shapes the app runs on."""

    snap_km = SNAP_KM

    def __init__(self, locator: UnitLocator, datum: str):
        self.locator = locator
        self.datum = datum

    @staticmethod
    def parse_datum(text: object) -> str | None:
        datum = parse_datum(text)
        return datum.value if datum else None

    def to_boundaries(self, lon: Sequence[float], lat: Sequence[float], datum: Sequence[str]):
        """Points from each row's system to the boundaries'."""
        x, y = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
        out_x, out_y = x.copy(), y.copy()
        target = Datum(self.datum)
        for source in {*datum}:
            rows = np.array([d == source for d in datum])
            out_x[rows], out_y[rows] = convert(x[rows], y[rows], Datum(source), target)
        return out_x, out_y

    def place(self, lon, lat, datum, stated) -> list[PlacedPoint]:
        x, y = self.to_boundaries(lon, lat, datum)
        where = self.locator.locate(x, y, stated)
        return [
            PlacedPoint(float(a), float(b), w.unit, w.covering, w.km_from_unit, w.km_outside_region)
            for a, b, w in zip(x, y, where, strict=True)
        ]


@lru_cache(maxsize=8)
def _locator(region: str, level: str | None, shapes_dir: str | None, codes: tuple[str, ...]) -> tuple[UnitLocator, str]:
    import geo

    shapes = geo.load_shapes(region, level, shapes_dir=shapes_dir).set_index("code")
    meta = geo.load_meta(region, level, shapes_dir=shapes_dir)
    present = [c for c in codes if c in shapes.index]
    return UnitLocator(present, list(shapes.loc[present, "geometry"]), snap_km=SNAP_KM), meta.datum


def locator_for(plan: Plan, shapes_dir: str | None = None) -> tuple[UnitLocator, str]:
    """The plan's units ready to place points (in the plan's order), and the shapes' datum."""
    return _locator(plan.region.code, plan.region.shapes_level, shapes_dir, tuple(u.code for u in plan.region.units))


def placer_datum(repo: Repository) -> str:
    """The coordinate system of the shapes the repository draws (venues are stored in it)."""
    return locator_for(repo.plan, repo.shapes_dir)[1]


def placer_for(plan: Plan, shapes_dir: str | None = None) -> GeoPlacer:
    locator, datum = locator_for(plan, shapes_dir)
    return GeoPlacer(locator, datum)


# -- what the pages show -------------------------------------------------------------------------


def type_name(plan: Plan, code: str, lang: str) -> str:
    t = plan.facility_type_by_code.get(code)
    return t.name.get(lang) if t else code


def level_name(level: object, lang: str) -> str:
    if not isinstance(level, str) or not level:
        return ""
    try:
        zh, en = LEVEL_NAMES[FacilityLevel(level)]
    except ValueError:
        return level
    return in_language({"zh": zh, "en": en}, lang)


def venue_table(repo: Repository, year: int | None = None, unit: str | None = None, lang: str = "zh") -> pd.DataFrame:
    """The venues that count (open at the end of ``year`` when given), with their type, level and
    unit in words: what the district page, the data page and the export list."""
    frame = effective_venues(repo.venues())
    if year is not None and not frame.empty:
        frame = frame[open_in(frame, year, repo.plan.baseline_year)]
    if unit is not None:
        frame = frame[frame["unit_code"] == unit]
    frame = frame.copy()
    if lang_or_default(lang) != DEFAULT_LANG and frame["is_sample"].any():
        frame = _sample_names_in(repo, frame, lang)
    frame["type_name"] = [type_name(repo.plan, c, lang) for c in frame["type_code"]]
    frame["level_name"] = [level_name(v, lang) for v in frame["level"]]
    frame["unit_name"] = [repo.region_name(c, lang) for c in frame["unit_code"]]
    frame["located"] = frame["lon"].notna()
    order = {t.code: i for i, t in enumerate(repo.plan.facility_types)}
    units = {u.code: i for i, u in enumerate(repo.plan.region.units)}
    frame["_t"] = frame["type_code"].map(order)
    frame["_u"] = frame["unit_code"].map(units)
    return frame.sort_values(["_u", "_t", "name"]).drop(columns=["_t", "_u"]).reset_index(drop=True)


def _sample_names_in(repo: Repository, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Generated venues named in ``lang`` (data/sample_venues.py names them in Chinese: 「<区县简称>示例科技场馆3号」):
    their names are ours, not a list's, so an English page need not show them in Chinese."""
    import re

    from dashboard.i18n import t

    sample = frame["is_sample"].to_numpy()
    numbers = [re.search(r"(\d+)号$", str(n)) for n in frame["name"]]
    frame.loc[sample, "name"] = [
        t(
            "venue_sample_name",
            lang,
            unit=repo.unit_by_code[u].short_label(lang) if u in repo.unit_by_code else u,
            type=type_name(repo.plan, c, lang),
            n=m.group(1) if m else "",
        )
        for u, c, m, is_s in zip(frame["unit_code"], frame["type_code"], numbers, sample, strict=True)
        if is_s
    ]
    frame.loc[sample, "address"] = [
        t("venue_sample_address", lang, unit=repo.region_name(u, lang)) for u in frame.loc[sample, "unit_code"]
    ]
    return frame


def new_venues(repo: Repository, year: int, lang: str = "zh") -> pd.DataFrame:
    """Venues that opened (or were named) in ``year``: the briefing's table."""
    table = venue_table(repo, year, lang=lang)
    return table[table["opened_year"].eq(year).fillna(False).astype(bool)]


def is_sample(repo: Repository) -> bool:
    """Whether any venue shown is sample data."""
    frame = effective_venues(repo.venues())
    return bool(not frame.empty and frame["is_sample"].any())


@dataclass(frozen=True)
class UnitCoverage:
    """One unit's venues in a year: how many of each type, per 10,000 residents, and the share of
    its area within each type's radius (types with one)."""

    code: str
    venues: int
    unlocated: int
    by_type: dict[str, int]
    per_10k: float | None
    area_share: dict[str, float]


def coverage(repo: Repository, year: int) -> list[UnitCoverage]:
    """Every unit's venues and coverage in ``year`` (a unit without a venue has zeros)."""

    def compute():
        plan = repo.plan
        table = venue_table(repo, year)
        locator, _ = locator_for(plan, repo.shapes_dir)
        shares: dict[str, dict[str, float]] = {}
        for ftype in plan.facility_types:
            if ftype.radius_km is None:
                continue
            pts = table[(table["type_code"] == ftype.code) & table["located"]]
            shares[ftype.code] = locator.coverage(pts["lon"].to_numpy(), pts["lat"].to_numpy(), ftype.radius_km)
        out = []
        for u in plan.region.units:
            mine = table[table["unit_code"] == u.code]
            n = len(mine)
            out.append(
                UnitCoverage(
                    code=u.code,
                    venues=n,
                    unlocated=int((~mine["located"]).sum()),
                    by_type={t.code: int((mine["type_code"] == t.code).sum()) for t in plan.facility_types},
                    per_10k=round(n / u.population, 2) if u.population else None,
                    area_share={code: round(s.get(u.code, 0.0), 4) for code, s in shares.items()},
                )
            )
        return out

    return repo.cached_value(("venue_coverage", year), compute)


def coverage_frame(repo: Repository, year: int, lang: str = "zh") -> pd.DataFrame:
    """``coverage`` as a table: one row per unit, columns for the counts and each radius type's share (%)."""
    rows = []
    plan = repo.plan
    for c in coverage(repo, year):
        row: dict[str, object] = {"code": c.code, "unit": repo.region_name(c.code, lang), "venues": c.venues}
        row["per_10k"] = c.per_10k
        row["unlocated"] = c.unlocated
        for t in plan.facility_types:
            row[f"n_{t.code}"] = c.by_type.get(t.code, 0)
        for code, share in c.area_share.items():
            row[f"area_{code}"] = round(100 * share, 1)
        rows.append(row)
    return pd.DataFrame(rows)


def radius_types(plan: Plan):
    return [t for t in plan.facility_types if t.radius_km is not None]


def rings(repo: Repository, year: int, type_code: str) -> tuple[np.ndarray, np.ndarray]:
    """The outline of the area within the type's radius of its venues open in ``year`` (lon/lat lines)."""
    ftype = repo.plan.facility_type_by_code[type_code]
    radius = ftype.radius_km
    if radius is None:
        return np.empty(0), np.empty(0)

    def compute():
        table = venue_table(repo, year)
        pts = table[(table["type_code"] == type_code) & table["located"]]
        locator, _ = locator_for(repo.plan, repo.shapes_dir)
        return locator.rings(pts["lon"].to_numpy(), pts["lat"].to_numpy(), radius)

    return repo.cached_value(("venue_rings", year, type_code), compute)


def per_10k_text(value: float | None) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.2f}"


# -- sample venues -------------------------------------------------------------------------------


def load_sample_venues(engine, plan: Plan, seed: int, shapes_dir: str | None = None) -> int | None:
    """Generate the plan's sample venues inside its units' shapes and store them (replacing older
    sample venues); the number made, or None when the plan names no facility types or its shapes
    are missing."""
    import geo
    from data.facilities import replace_sample_venues
    from data.sample_venues import generate_venues

    if not plan.facility_types:
        return None
    try:
        shapes = geo.load_shapes(plan.region.code, plan.region.shapes_level, shapes_dir=shapes_dir)
        datum = geo.load_meta(plan.region.code, plan.region.shapes_level, shapes_dir=shapes_dir).datum
    except geo.RegionNotFound:
        return None
    polygons = dict(zip(shapes["code"], shapes.geometry, strict=True))
    records = generate_venues(plan, polygons, datum, seed=seed)
    replace_sample_venues(engine, plan.code, records, note=f"示例设施,种子 {seed} / sample venues, seed {seed}")
    return len(records)


def registry_frame(
    repo: Repository, lang: str = "zh", year: int | None = None, unit: str | None = None
) -> pd.DataFrame:
    """The registry as a download: one row per venue that counts, headers in ``lang``; ``year``: only
    venues open at its end; ``unit``: one district's."""
    from dashboard.i18n import t

    table = venue_table(repo, year, unit=unit, lang=lang)
    datum = placer_datum(repo)
    orig = [
        "" if pd.isna(x) else f"{d} {x:g}, {y:g}"
        for d, x, y in zip(table["orig_datum"], table["orig_lon"], table["orig_lat"], strict=True)
    ]
    columns: dict[str, pd.Series | list[str]] = {
        t("venue_name", lang): table["name"],
        t("up_col_type", lang): table["type_name"],
        t("venue_level", lang): table["level_name"],
        t("district", lang): table["unit_name"],
        t("venue_unit_code", lang): table["unit_code"],
        t("ref_address", lang): table["address"],
        t("venue_lon", lang, datum=datum): table["lon"],
        t("venue_lat", lang, datum=datum): table["lat"],
        t("venue_orig", lang): orig,
        t("venue_opened", lang): table["opened_year"],
        t("venue_closed", lang): table["closed_year"],
        t("source", lang): table["source"],
        t("sample_flag", lang): table["is_sample"].map({True: "✓", False: ""}),
    }
    return pd.DataFrame({k: list(v) for k, v in columns.items()})
