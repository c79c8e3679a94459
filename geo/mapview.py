"""Map geometry for the browser: a centre and zoom that fit a region in a
pixel box, and GeoJSON the browser fetches once and caches.

Plotly's map traces (``go.Choroplethmap``, MapLibre) do not zoom to their
features; ``fit_bounds`` computes ``layout.map.center/zoom`` with web
Mercator maths. Shapes travel once: ``geojson_asset`` gives the bytes, an
ETag and a versioned URL path (``/geo/<region>-full.1a2b3c4d.geojson``) that
the dashboard serves with a long cache lifetime; figures then pass that URL
as ``geojson`` and only values change between callbacks.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from . import geojson
from .geometry import round_coordinates, simplify_coverage
from .shapes import SHAPES_DIR, ShapesDir, load_meta, load_outline, load_shapes

TILE_SIZE = 512  # MapLibre (plotly's `map` traces): the world is 512 px wide at zoom 0
MAX_LAT = 85.0511287798
URL_PREFIX = "/geo/"
MEDIA_TYPE = "application/geo+json"

# Extra simplification (metres) over the shipped shapes (a city's are built at about 100 m):
# full for the city map and the central inset, medium for small maps,
# low for thumbnails and small multiples.
SIMPLIFICATION_LEVELS = {"full": 0.0, "medium": 300.0, "low": 1000.0}


def _x(lon: float) -> float:
    return (lon + 180.0) / 360.0


def _y(lat: float) -> float:
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    phi = math.radians(lat)
    return (1.0 - math.log(math.tan(math.pi / 4 + phi / 2)) / math.pi) / 2.0


def _lat(y: float) -> float:
    return math.degrees(math.atan(math.sinh(math.pi * (1.0 - 2.0 * y))))


@dataclass(frozen=True)
class MapView:
    """Centre and zoom of a map, and the box they were fitted to."""

    center_lon: float
    center_lat: float
    zoom: float
    bounds: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat

    @property
    def center(self) -> dict[str, float]:
        return {"lon": self.center_lon, "lat": self.center_lat}

    def layout(self) -> dict[str, Any]:
        """For ``fig.update_layout(map=view.layout())``."""
        return {"center": self.center, "zoom": self.zoom}


def fit_bounds(
    bounds: Iterable[float], width_px: int, height_px: int, padding_px: int = 10, max_zoom: float = 18.0
) -> MapView:
    """Centre and the largest zoom at which ``bounds`` (min lon, min lat,
    max lon, max lat) fits in a ``width_px`` × ``height_px`` map with
    ``padding_px`` to spare on every side. Zoom is rounded down to 0.01."""
    minx, miny, maxx, maxy = (float(v) for v in bounds)
    dx = max(_x(maxx) - _x(minx), 1e-12)
    dy = max(_y(miny) - _y(maxy), 1e-12)
    avail_w = max(width_px - 2 * padding_px, 1)
    avail_h = max(height_px - 2 * padding_px, 1)
    zoom = math.log2(min(avail_w / (dx * TILE_SIZE), avail_h / (dy * TILE_SIZE)))
    zoom = min(max_zoom, math.floor(zoom * 100) / 100)
    centre_lat = _lat((_y(miny) + _y(maxy)) / 2)
    return MapView(round((minx + maxx) / 2, 6), round(centre_lat, 6), zoom, (minx, miny, maxx, maxy))


def fit_shapes(
    shapes: gpd.GeoDataFrame, width_px: int, height_px: int, padding_px: int = 10, codes: Iterable[str] | None = None
) -> MapView:
    """Fit a GeoDataFrame (or only the rows whose code is in ``codes``)."""
    if codes is not None:
        shapes = shapes[shapes["code"].isin(list(codes))]
    return fit_bounds(shapely.total_bounds(np.asarray(shapes.geometry.values)), width_px, height_px, padding_px)


def region_view(
    code: str,
    width_px: int = 1000,
    height_px: int = 700,
    padding_px: int = 10,
    central: bool = False,
    shapes_dir: ShapesDir = None,
) -> MapView:
    """View of a shipped region, or of its central districts (``central=True``)."""
    meta = load_meta(code, shapes_dir=shapes_dir)
    box = meta.central_bbox if central else meta.bbox
    if box is None:
        raise ValueError(f"region {code} has no central districts")
    return fit_bounds(box, width_px, height_px, padding_px)


def bounds_of_view(view: MapView, width_px: int, height_px: int) -> tuple[float, float, float, float]:
    """The lon/lat box a map of this size shows at ``view`` (to check a fit)."""
    scale = TILE_SIZE * 2**view.zoom
    cx, cy = _x(view.center_lon), _y(view.center_lat)
    half_w, half_h = width_px / 2 / scale, height_px / 2 / scale
    return (
        (cx - half_w) * 360.0 - 180.0,
        _lat(cy + half_h),
        (cx + half_w) * 360.0 - 180.0,
        _lat(cy - half_h),
    )


@dataclass(frozen=True)
class GeoJSONAsset:
    """Bytes of a region's GeoJSON at one simplification level, with the
    ETag and versioned URL path under which the dashboard serves them."""

    region: str
    level: str
    body: bytes
    etag: str  # quoted, for the ETag header
    version: str  # first 8 hex digits of the SHA-256 of body
    media_type: str = MEDIA_TYPE

    @property
    def path(self) -> str:
        return f"{URL_PREFIX}{self.region}-{self.level}.{self.version}.geojson"


_PATH = re.compile(
    "^" + re.escape(URL_PREFIX) + r"(?P<region>\d{6}(?:-[a-z]+)*)-(?P<level>[a-z]+)\.(?P<version>[0-9a-f]{8})\.geojson$"
)


def _check_level(level: str) -> None:
    if level not in SIMPLIFICATION_LEVELS:
        raise ValueError(f"unknown simplification level {level!r}; use one of {', '.join(SIMPLIFICATION_LEVELS)}")


def _split(region: str) -> tuple[str, str | None, bool]:
    """'CODE' → ('CODE', None, False); 'CODE-outline' → ('CODE', None, True);
    '100000-county' → ('100000', 'county', False)."""
    parts = region.split("-")
    outline = parts[-1] == "outline"
    if outline:
        parts = parts[:-1]
    return parts[0], (parts[1] if len(parts) > 1 else None), outline


@lru_cache(maxsize=32)
def _asset(region: str, level: str, shapes_dir: str, mtime: float) -> GeoJSONAsset:
    code, build_level, outline = _split(region)
    units = load_shapes(code, build_level, shapes_dir=shapes_dir)
    extra = SIMPLIFICATION_LEVELS[level]
    if extra > 0:
        decimals = int(load_meta(code, build_level, shapes_dir=shapes_dir).raw.get("decimals", 4))
        simplified = simplify_coverage(units.geometry.values, extra)
        rounded = round_coordinates(simplified, decimals)
        units = units.set_geometry(gpd.GeoSeries(rounded, index=units.index, crs=units.crs))
    if outline:
        # the union of the units at this level, so the outline keeps their edges
        union = shapely.coverage_union_all(np.asarray(units.geometry.values))
        frame = load_outline(code, build_level, shapes_dir=shapes_dir)
        units = frame.set_geometry(gpd.GeoSeries([union], index=frame.index, crs=units.crs))
    body = geojson.to_bytes(units)
    digest = hashlib.sha256(body).hexdigest()
    return GeoJSONAsset(region=region, level=level, body=body, etag=f'"{digest[:32]}"', version=digest[:8])


def geojson_asset(region: str, level: str = "full", shapes_dir: ShapesDir = None) -> GeoJSONAsset:
    """GeoJSON of a shipped region's units (its code), its outline
    ('CODE-outline') or a non-default build ('100000-county') at a
    simplification level (full, medium, low). Cached in memory; the
    version changes whenever the shapes file does."""
    _check_level(level)
    code, build_level, _ = _split(region)
    d = Path(shapes_dir) if shapes_dir is not None else SHAPES_DIR
    stem = code if not build_level else f"{code}-{build_level}"
    path = d / f"{stem}.geojson"
    mtime = path.stat().st_mtime if path.exists() else 0.0
    return _asset(region, level, str(d), mtime)


def geojson_bytes(region: str, level: str = "full", shapes_dir: ShapesDir = None) -> tuple[bytes, str]:
    """(body, ETag) of a region's GeoJSON."""
    asset = geojson_asset(region, level, shapes_dir)
    return asset.body, asset.etag


def geojson_url_path(region: str, level: str = "full", shapes_dir: ShapesDir = None) -> str:
    """Versioned URL path, e.g. /geo/CODE-full.1a2b3c4d.geojson: the hash
    changes with the content, so it can be cached for a year."""
    return geojson_asset(region, level, shapes_dir).path


def geojson_dict(region: str, level: str = "full", shapes_dir: ShapesDir = None) -> dict[str, Any]:
    """The same GeoJSON as a dict, for figures that must carry their shapes
    (static image export, where no URL can be fetched)."""
    collection: dict[str, Any] = json.loads(geojson_asset(region, level, shapes_dir).body)
    return collection


def parse_geojson_path(path: str) -> tuple[str, str, str] | None:
    """(region, level, version) from a URL path made by geojson_url_path,
    or None if the path is not one of ours."""
    m = _PATH.match(path)
    if not m or m.group("level") not in SIMPLIFICATION_LEVELS:
        return None
    return m.group("region"), m.group("level"), m.group("version")
