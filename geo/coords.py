"""China's three map coordinate systems, and conversion between them.

- ``WGS-84``: what a GPS receiver gives, and what every map outside China uses.
- ``GCJ-02``: the system China's surveying law requires of published maps (国测局坐标, "Mars
  coordinates"); Amap (高德) and Tencent (腾讯) use it, and so do the shipped boundaries
  (built from Amap's, see docs/geo.md). It is WGS-84 plus a smooth, deliberately obscured offset of
  a few hundred metres inside China and nothing outside it.
- ``BD-09``: Baidu's (百度) system, GCJ-02 with a second offset on top.

Why our own code rather than a package: the transform is the same few published formulas in every
implementation (googollee/eviltransform, wandergis/coordtransform, prcoords); the packages on PyPI
that carry them (``eviltransform``, ``coord-convert``, ``prcoords``) have not been released for
years, and the newer ones are one person's recent copies. The formulas below are vectorised with
numpy and checked against those projects' published reference pairs in
``tests/unit/test_coords.py``.

WGS-84 → GCJ-02 and GCJ-02 → BD-09 are closed formulas. Their inverses are not: GCJ-02 → WGS-84 is
found by fixed-point iteration of the forward offset (to 1e-9 degrees, well under a millimetre),
and BD-09 → GCJ-02 by the published approximate inverse (about 0.2 m off) refined the same way.
"""

from __future__ import annotations

import enum
import math

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]

# Krasovsky 1940, the ellipsoid of the published GCJ-02 offset.
_A = 6378245.0
_EE = 0.00669342162296594323
_X_PI = math.pi * 3000.0 / 180.0
# The box outside which GCJ-02 equals WGS-84 (the published test; it takes in Mongolia's south
# and Korea too, as every implementation does).
_CHINA_LON = (72.004, 137.8347)
_CHINA_LAT = (0.8293, 55.8271)


class Datum(str, enum.Enum):
    """A coordinate system as a file declares it."""

    wgs84 = "WGS-84"
    gcj02 = "GCJ-02"
    bd09 = "BD-09"


# What people write in a 坐标系 column, normalised by _key: the system's own names and the map
# services that use it.
_NAMES: dict[str, Datum] = {}
for _datum, _names in {
    Datum.wgs84: ("wgs84", "wgs-84", "wgs", "gps", "epsg4326", "4326", "地球坐标", "地球坐标系", "天地图", "cgcs2000"),
    Datum.gcj02: ("gcj02", "gcj-02", "gcj", "火星坐标", "火星坐标系", "国测局坐标", "高德", "腾讯", "amap", "tencent"),
    Datum.bd09: ("bd09", "bd-09", "bd09ll", "bd", "百度", "百度坐标", "百度坐标系", "baidu"),
}.items():
    for _n in _names:
        _NAMES[_n.replace("-", "").replace(" ", "")] = _datum


def parse_datum(text: object) -> Datum | None:
    """The system a cell or an option names (GCJ-02, gcj02, 高德, 百度 ...), or None.

    CGCS2000 (天地图) differs from WGS-84 by centimetres and reads as WGS-84."""
    if text is None:
        return None
    key = str(text).strip().lower().replace("-", "").replace("_", "").replace(" ", "")
    for suffix in ("坐标系", "坐标"):
        if key.endswith(suffix) and key not in _NAMES:
            key = key[: -len(suffix)]
    return _NAMES.get(key)


def _arrays(lon: npt.ArrayLike, lat: npt.ArrayLike) -> tuple[Floats, Floats]:
    return np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)


def in_china(lon: npt.ArrayLike, lat: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    x, y = _arrays(lon, lat)
    return (x >= _CHINA_LON[0]) & (x <= _CHINA_LON[1]) & (y >= _CHINA_LAT[0]) & (y <= _CHINA_LAT[1])


def _offset(lon: Floats, lat: Floats) -> tuple[Floats, Floats]:
    """GCJ-02 minus WGS-84 at a WGS-84 point, in degrees (zero outside China)."""
    x, y = lon - 105.0, lat - 35.0
    ripple = (20.0 * np.sin(6.0 * x * math.pi) + 20.0 * np.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    d_lat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x)) + ripple
    d_lat += (20.0 * np.sin(y * math.pi) + 40.0 * np.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    d_lat += (160.0 * np.sin(y / 12.0 * math.pi) + 320.0 * np.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    d_lon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x)) + ripple
    d_lon += (20.0 * np.sin(x * math.pi) + 40.0 * np.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    d_lon += (150.0 * np.sin(x / 12.0 * math.pi) + 300.0 * np.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    rad = lat / 180.0 * math.pi
    magic = 1.0 - _EE * np.sin(rad) ** 2
    sqrt_magic = np.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = (d_lon * 180.0) / (_A / sqrt_magic * np.cos(rad) * math.pi)
    inside = in_china(lon, lat)
    return np.where(inside, d_lon, 0.0), np.where(inside, d_lat, 0.0)


def wgs84_to_gcj02(lon: npt.ArrayLike, lat: npt.ArrayLike) -> tuple[Floats, Floats]:
    x, y = _arrays(lon, lat)
    d_lon, d_lat = _offset(x, y)
    return x + d_lon, y + d_lat


def gcj02_to_wgs84(lon: npt.ArrayLike, lat: npt.ArrayLike, tolerance: float = 1e-9) -> tuple[Floats, Floats]:
    """The WGS-84 point whose GCJ-02 image is the given point (fixed-point iteration; the offset
    changes so slowly that each step gains about three digits)."""
    gx, gy = _arrays(lon, lat)
    x, y = gx.copy(), gy.copy()
    for _ in range(30):
        fx, fy = wgs84_to_gcj02(x, y)
        ex, ey = fx - gx, fy - gy
        x, y = x - ex, y - ey
        if float(np.max(np.abs(ex), initial=0.0)) < tolerance and float(np.max(np.abs(ey), initial=0.0)) < tolerance:
            break
    return x, y


def gcj02_to_bd09(lon: npt.ArrayLike, lat: npt.ArrayLike) -> tuple[Floats, Floats]:
    x, y = _arrays(lon, lat)
    z = np.sqrt(x * x + y * y) + 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) + 0.000003 * np.cos(x * _X_PI)
    return z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006


def bd09_to_gcj02_published(lon: npt.ArrayLike, lat: npt.ArrayLike) -> tuple[Floats, Floats]:
    """The published inverse of ``gcj02_to_bd09``: the forward formula's terms subtracted, good to
    about 0.2 m."""
    bx, by = _arrays(lon, lat)
    x, y = bx - 0.0065, by - 0.006
    z = np.sqrt(x * x + y * y) - 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * _X_PI)
    return z * np.cos(theta), z * np.sin(theta)


def bd09_to_gcj02(lon: npt.ArrayLike, lat: npt.ArrayLike, tolerance: float = 1e-9) -> tuple[Floats, Floats]:
    """The GCJ-02 point whose BD-09 image is the given point: the published inverse, then
    fixed-point steps on the forward formula until it maps back within ``tolerance`` degrees."""
    bx, by = _arrays(lon, lat)
    x, y = bd09_to_gcj02_published(bx, by)
    for _ in range(10):
        fx, fy = gcj02_to_bd09(x, y)
        ex, ey = fx - bx, fy - by
        x, y = x - ex, y - ey
        if float(np.max(np.abs(ex), initial=0.0)) < tolerance and float(np.max(np.abs(ey), initial=0.0)) < tolerance:
            break
    return x, y


def convert(lon: npt.ArrayLike, lat: npt.ArrayLike, source: Datum, target: Datum) -> tuple[Floats, Floats]:
    """Points from one system to another (through GCJ-02, the system the other two are defined by)."""
    x, y = _arrays(lon, lat)
    if source == target:
        return x.copy(), y.copy()
    if source == Datum.wgs84:
        x, y = wgs84_to_gcj02(x, y)
    elif source == Datum.bd09:
        x, y = bd09_to_gcj02(x, y)
    if target == Datum.wgs84:
        return gcj02_to_wgs84(x, y)
    if target == Datum.bd09:
        return gcj02_to_bd09(x, y)
    return x, y
