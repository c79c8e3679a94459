"""GeoJSON reading and writing for region shapes.

One serialiser for the shipped files and the browser copies, so both carry
``id`` = code at the top level of each feature (plotly's
``featureidkey="id"``) and the same properties, in a stable byte form
(features sorted by code, compact separators, UTF-8) whose hash can version
a URL.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

# Properties every feature carries, in this order.
PROPERTIES = ("code", "name", "short", "level", "type", "parent", "label_lon", "label_lat")
CRS = "EPSG:4326"


def _plain(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    return value


def _coords(geom: BaseGeometry) -> dict[str, Any]:
    """GeoJSON geometry with plain Python floats: json writes the shortest
    repr, so coordinates rounded to 4 places print as 126.6351."""
    return shapely.geometry.mapping(geom)


def feature_collection(frame: gpd.GeoDataFrame, properties: Sequence[str] = PROPERTIES) -> dict[str, Any]:
    rows = frame.sort_values("code")
    features: list[dict[str, Any]] = []
    for row in rows.itertuples(index=False):
        record = row._asdict()
        features.append(
            {
                "type": "Feature",
                "id": str(record["code"]),
                "properties": {k: _plain(record[k]) for k in properties if k in record},
                "geometry": _coords(record["geometry"]),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def dumps(collection: dict[str, Any]) -> bytes:
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def to_bytes(frame: gpd.GeoDataFrame, properties: Sequence[str] = PROPERTIES) -> bytes:
    return dumps(feature_collection(frame, properties))


def write(frame: gpd.GeoDataFrame, path: Path, properties: Sequence[str] = PROPERTIES) -> int:
    data = to_bytes(frame, properties) + b"\n"
    Path(path).write_bytes(data)
    return len(data)


def from_bytes(data: bytes) -> gpd.GeoDataFrame:
    collection = json.loads(data)
    records = []
    geometries = []
    for feature in collection["features"]:
        props = dict(feature.get("properties") or {})
        props.setdefault("code", feature.get("id"))
        props["code"] = str(props["code"])
        records.append(props)
        geometries.append(shapely.geometry.shape(feature["geometry"]))
    frame = gpd.GeoDataFrame(records, geometry=geometries, crs=CRS)
    columns = [c for c in PROPERTIES if c in frame.columns]
    extra = [c for c in frame.columns if c not in columns and c != "geometry"]
    return frame[columns + extra + ["geometry"]]


def read(path: Path) -> gpd.GeoDataFrame:
    return from_bytes(Path(path).read_bytes())
