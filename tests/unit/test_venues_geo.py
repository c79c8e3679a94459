"""geo/venues.py with hand-checked cases: two square districts side by side near Harbin's latitude,
a point on their shared edge, a point outside both, and the area within a radius of a venue."""

from __future__ import annotations

import math

import pytest
from shapely import Polygon

import geo
from geo.venues import UnitLocator

LAT0, LON0 = 45.75, 126.60
KM_LAT = 1 / 111.14  # degrees of latitude per km here
KM_LON = 1 / (111.32 * math.cos(math.radians(LAT0)))  # degrees of longitude per km here


def square(west_km: float, size_km: float = 10.0) -> Polygon:
    """A size×size km square from ``west_km`` east of LON0, its south edge on LAT0; the middle of
    each side is a vertex, so a point there lies exactly on the edge."""
    w, e = LON0 + west_km * KM_LON, LON0 + (west_km + size_km) * KM_LON
    s, n = LAT0, LAT0 + size_km * KM_LAT
    m = (s + n) / 2
    return Polygon([(w, s), (e, s), (e, m), (e, n), (w, n), (w, m)])


@pytest.fixture(scope="module")
def two():
    return UnitLocator(["A", "B"], [square(0), square(10)])


MID_LAT = LAT0 + 5 * KM_LAT


def test_a_square_district_is_a_hundred_square_kilometres(two):
    areas = two.area_km2()
    assert areas["A"] == pytest.approx(100, rel=0.005) and areas["B"] == pytest.approx(100, rel=0.005)


def test_a_point_inside_lies_in_its_district(two):
    (loc,) = two.locate([LON0 + 5 * KM_LON], [MID_LAT], [None])
    assert loc.unit == "A" and loc.covering == ("A",) and loc.km_from_unit == 0 and loc.km_outside_region == 0


def test_a_point_on_the_shared_border_is_in_both_and_counts_where_its_row_says(two):
    border = LON0 + 10 * KM_LON
    unnamed, named_b, named_a = two.locate([border] * 3, [MID_LAT] * 3, [None, "B", "A"])
    assert unnamed.covering == ("A", "B")
    assert unnamed.unit == "A"  # the first in the plan's order
    assert (named_b.unit, named_b.km_from_unit) == ("B", 0)
    assert (named_a.unit, named_a.km_from_unit) == ("A", 0)


def test_a_point_in_the_other_district_is_flagged_with_its_distance(two):
    (loc,) = two.locate([LON0 + 13 * KM_LON], [MID_LAT], ["A"])  # 3 km into B
    assert loc.unit == "A" and loc.covering == ("B",)
    assert loc.km_from_unit == pytest.approx(3.0, abs=0.02)


def test_a_point_outside_the_region_has_its_distance_and_no_district(two):
    (loc,) = two.locate([LON0 + 22 * KM_LON], [MID_LAT], [None])  # 2 km east of B
    assert loc.unit is None and loc.covering == ()
    assert loc.km_outside_region == pytest.approx(2.0, abs=0.02)


def test_a_point_just_outside_is_snapped_to_the_nearest_district(two):
    (loc,) = two.locate([LON0 + 20.3 * KM_LON], [MID_LAT], [None])  # 300 m east of B, within 0.5 km
    assert loc.unit == "B" and loc.covering == ()
    assert loc.km_from_unit == pytest.approx(0.3, abs=0.01) and loc.km_outside_region == pytest.approx(0.3, abs=0.01)


def test_area_coverage_of_a_square_district(two):
    centre = (LON0 + 5 * KM_LON, MID_LAT)
    # A venue in the middle of A, 3 km: a circle of 9π km² of A's 100 km²; none of B (5 km away).
    share = two.coverage([centre[0]], [centre[1]], 3.0)
    assert share["A"] == pytest.approx(9 * math.pi / 100, rel=0.005)
    assert share["B"] == 0.0
    # 8 km reaches every corner of A (7.07 km away) and 3 km into B: the part of the circle east of
    # x = 5 and within B's y = ±5, i.e. ∫ min(2√(64 − x²), 10) dx over 5..8, with
    # ∫ 2√(r² − x²) dx = x√(r² − x²) + r² asin(x / r).
    share = two.coverage([centre[0]], [centre[1]], 8.0)
    assert share["A"] == pytest.approx(1.0, abs=1e-6)

    def f(x):
        return x * math.sqrt(64 - x * x) + 64 * math.asin(x / 8)

    x1 = math.sqrt(64 - 25)  # where the circle leaves B's north and south edges
    in_b = 10 * (x1 - 5) + f(8) - f(x1)  # 24.43 km²
    assert share["B"] == pytest.approx(in_b / 100, rel=0.01)


def test_a_venue_in_a_corner_covers_a_quarter_circle(two):
    share = two.coverage([LON0], [LAT0], 2.0)  # the south-west corner of A
    assert share["A"] == pytest.approx(math.pi * 4 / 4 / 100, rel=0.01)


def test_a_district_with_no_venue_is_not_covered(two):
    assert two.coverage([], [], 3.0) == {"A": 0.0, "B": 0.0}


def test_the_shipped_shapes_place_the_city_centre_in_its_district():
    shapes = geo.load_shapes("230100")
    locator = UnitLocator(list(shapes["code"]), list(shapes.geometry))
    first = shapes.iloc[0]
    (loc,) = locator.locate([first["label_lon"]], [first["label_lat"]], [None])
    assert loc.unit == first["code"] and loc.km_outside_region == 0


def test_coverage_rings_are_lines_in_degrees_with_gaps(two):
    lons, lats = two.rings([LON0 + 5 * KM_LON], [MID_LAT], 3.0)
    assert math.isnan(lons[-1]) and math.isnan(lats[-1])
    xs = [x for x in lons if not math.isnan(x)]
    assert min(xs) == pytest.approx(LON0 + 2 * KM_LON, abs=0.002) and max(xs) == pytest.approx(
        LON0 + 8 * KM_LON, abs=0.002
    )
