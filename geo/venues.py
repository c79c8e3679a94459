"""Points among the units: which unit a venue lies in, how far outside it, and how much of a unit
lies within a distance of a venue.

Everything is in the boundaries' own system (GCJ-02 for the shipped shapes: ``RegionMeta.datum``);
callers convert points first (``geo.coords``). Distances and areas are measured in the local
Lambert azimuthal equal-area projection the shapes were simplified in (``geometry.Projection``):
areas are exact there, and a distance is off by less than 0.1 % within 200 km of the centre, a
city's span. Treating GCJ-02 degrees as WGS-84 degrees for the projection moves nothing that
matters: the GCJ-02 offset changes by centimetres over a kilometre.

A point on the edge between two units is *covered* by both (shapely's ``covers``, not
``contains``, which is false on an edge): the unit a row names keeps it, and without a named unit
it goes to the first in the plan's order, with the other named.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry.base import BaseGeometry

from .geometry import GeomArray, Projection

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Location:
    """Where one point lies.

    ``unit``: the unit it counts in: the one its row names if given, else the first covering it
    (None: in none, and farther than ``snap_km`` from any). ``covering``: every unit covering it
    (two or more on a shared edge). ``km_from_unit``: how far it lies outside ``unit`` (0 inside).
    ``km_outside_region``: how far outside the union of the units (0 inside)."""

    unit: str | None
    covering: tuple[str, ...]
    km_from_unit: float
    km_outside_region: float


class UnitLocator:
    """The units of a region, ready to place points: ``codes`` in the plan's order, ``geoms``
    their shapes in lon/lat degrees."""

    def __init__(self, codes: Sequence[str], geoms: Sequence[BaseGeometry] | GeomArray, snap_km: float = 0.5):
        self.codes = tuple(codes)
        self.projection = Projection.for_geometries(np.asarray(geoms, dtype=object))
        self.metric: GeomArray = self.projection.forward(np.asarray(geoms, dtype=object))
        self.region = shapely.union_all(self.metric)
        self.snap_km = snap_km
        self._index = {c: i for i, c in enumerate(self.codes)}
        shapely.prepare(self.metric)
        shapely.prepare(self.region)

    def points(self, lon: npt.ArrayLike, lat: npt.ArrayLike) -> GeomArray:
        """Points in the metric projection."""
        x, y = np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)
        points = np.empty(x.size, dtype=object)
        points[:] = shapely.points(x.ravel(), y.ravel())
        return self.projection.forward(points)

    def locate(self, lon: npt.ArrayLike, lat: npt.ArrayLike, stated: Sequence[str | None]) -> list[Location]:
        """Where each point lies, given the unit its row names (or None)."""
        pts = self.points(lon, lat)
        covers = shapely.covers(self.metric[:, None], pts[None, :])  # units × points
        outside = shapely.distance(self.region, pts) / 1000.0
        out = []
        for j, p in enumerate(pts):
            covering = tuple(self.codes[i] for i in np.flatnonzero(covers[:, j]))
            named = stated[j]
            if named is not None and named in self._index:
                unit: str | None = named
            elif covering:
                unit = covering[0]
            else:
                dist = shapely.distance(self.metric, p) / 1000.0
                nearest = int(np.argmin(dist))
                unit = self.codes[nearest] if dist[nearest] <= self.snap_km else None
            km = 0.0
            if unit is not None and unit not in covering:
                km = float(shapely.distance(self.metric[self._index[unit]], p)) / 1000.0
            out.append(Location(unit, covering, round(km, 3), round(float(outside[j]), 3)))
        return out

    def coverage(self, lon: npt.ArrayLike, lat: npt.ArrayLike, radius_km: float) -> dict[str, float]:
        """Unit → the share (0–1) of its area within ``radius_km`` of any of the points."""
        return area_within(self.metric, self.points(lon, lat), radius_km * 1000.0, self.codes)

    def area_km2(self) -> dict[str, float]:
        return {c: float(a) / 1e6 for c, a in zip(self.codes, shapely.area(self.metric), strict=True)}

    def rings(
        self, lon: npt.ArrayLike, lat: npt.ArrayLike, radius_km: float, simplify_m: float = 250.0
    ) -> tuple[Floats, Floats]:
        """The outline of the area within ``radius_km`` of the points, clipped to the region, in lon/lat,
        as one line with NaN between its rings (a gap in a plotly line trace; as float32 arrays plotly
        sends them in binary, half the bytes of text). ``simplify_m``: the outline's tolerance."""
        pts = self.points(lon, lat)
        if len(pts) == 0:
            return np.empty(0), np.empty(0)
        covered = shapely.intersection(
            shapely.union_all(shapely.buffer(pts, radius_km * 1000.0, quad_segs=8)), self.region
        )
        covered = shapely.simplify(covered, simplify_m)
        back = self.projection.inverse(np.array([covered], dtype=object))[0]
        parts: list[Floats] = []
        for polygon in getattr(back, "geoms", [back]):
            if polygon.is_empty or polygon.geom_type != "Polygon":
                continue
            for ring in (polygon.exterior, *polygon.interiors):
                parts += [np.asarray(ring.coords, dtype=np.float64), np.full((1, 2), np.nan)]
        if not parts:
            return np.empty(0), np.empty(0)
        xy = np.concatenate(parts)
        return xy[:, 0], xy[:, 1]


def area_within(units: GeomArray, points: GeomArray, radius_m: float, codes: Sequence[str]) -> dict[str, float]:
    """Code → share of each unit's area (metric shapes) within ``radius_m`` of any point (metric)."""
    if len(points) == 0:
        return dict.fromkeys(codes, 0.0)
    # 16 segments a quarter circle: the polygon's area is within 0.2 % of the circle's.
    reach = shapely.union_all(shapely.buffer(points, radius_m, quad_segs=16))
    shapely.prepare(reach)
    areas = shapely.area(units)
    inside = shapely.area(shapely.intersection(units, reach))
    return {c: float(i / a) if a > 0 else 0.0 for c, i, a in zip(codes, inside, areas, strict=True)}
