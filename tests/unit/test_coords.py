"""geo/coords.py: the WGS-84 / GCJ-02 / BD-09 conversions against published reference pairs.

The pairs are the test data of the two implementations everyone copies: googollee/eviltransform
(``python/test.py``: WGS-84 → GCJ-02 in Shanghai, Shenzhen and Beijing) and wandergis/coordtransform
(``test/app.js``: every direction at 116.404, 39.915 in Beijing). Forward formulas must agree to
1e-9 degrees (0.1 mm); an inverse is checked by its round trip and against the published
approximate inverse, which is off by up to a few metres by design."""

from __future__ import annotations

import math

import numpy as np
import pytest

from geo.coords import (
    Datum,
    bd09_to_gcj02,
    bd09_to_gcj02_published,
    convert,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    in_china,
    parse_datum,
    wgs84_to_gcj02,
)

# eviltransform python/test.py: (wgs lat, wgs lng, gcj lat, gcj lng)
EVILTRANSFORM = [
    (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),  # Shanghai
    (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),  # Shenzhen
    (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),  # Beijing
]
# coordtransform test/app.js, each from (116.404, 39.915): (lng, lat) results
COORDTRANSFORM = {
    "bd09togcj02": (116.39762729119315, 39.90865673957631),
    "gcj02tobd09": (116.41036949371029, 39.92133699351021),
    "wgs84togcj02": (116.41024449916938, 39.91640428150164),
    "gcj02towgs84": (116.39775550083061, 39.91359571849836),  # the approximate inverse
}
EXACT = 1e-9


def metres(lon1, lat1, lon2, lat2) -> float:
    """Great-circle distance, enough to judge metres."""
    r = 6371008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


@pytest.mark.parametrize(("wgs_lat", "wgs_lng", "gcj_lat", "gcj_lng"), EVILTRANSFORM)
def test_wgs84_to_gcj02_matches_eviltransform(wgs_lat, wgs_lng, gcj_lat, gcj_lng):
    lng, lat = wgs84_to_gcj02(wgs_lng, wgs_lat)
    assert float(lng) == pytest.approx(gcj_lng, abs=EXACT)
    assert float(lat) == pytest.approx(gcj_lat, abs=EXACT)


@pytest.mark.parametrize(("wgs_lat", "wgs_lng", "gcj_lat", "gcj_lng"), EVILTRANSFORM)
def test_gcj02_to_wgs84_finds_the_point_it_came_from(wgs_lat, wgs_lng, gcj_lat, gcj_lng):
    lng, lat = gcj02_to_wgs84(gcj_lng, gcj_lat)
    assert metres(float(lng), float(lat), wgs_lng, wgs_lat) < 0.01  # eviltransform's exact inverse: < 0.5 m


def test_every_direction_matches_coordtransform():
    lng, lat = 116.404, 39.915
    assert np.allclose(bd09_to_gcj02_published(lng, lat), COORDTRANSFORM["bd09togcj02"], atol=EXACT, rtol=0)
    # Ours refines the published inverse until the forward formula maps it back: within 0.2 m of it.
    assert metres(*map(float, bd09_to_gcj02(lng, lat)), *COORDTRANSFORM["bd09togcj02"]) < 0.2
    assert np.allclose(gcj02_to_bd09(*bd09_to_gcj02(lng, lat)), (lng, lat), atol=EXACT, rtol=0)
    assert np.allclose(gcj02_to_bd09(lng, lat), COORDTRANSFORM["gcj02tobd09"], atol=EXACT, rtol=0)
    assert np.allclose(wgs84_to_gcj02(lng, lat), COORDTRANSFORM["wgs84togcj02"], atol=EXACT, rtol=0)
    # Their gcj02towgs84 subtracts the offset once: within a few metres of the exact inverse.
    ours = gcj02_to_wgs84(lng, lat)
    assert metres(*map(float, ours), *COORDTRANSFORM["gcj02towgs84"]) < 5


def test_bd09_and_gcj02_invert_each_other_to_a_centimetre():
    lng, lat = np.array([126.6346, 127.9720, 125.95]), np.array([45.7567, 44.9300, 46.30])
    back = bd09_to_gcj02(*gcj02_to_bd09(lng, lat))
    assert max(metres(a, b, c, d) for a, b, c, d in zip(*back, lng, lat, strict=True)) < 0.01


@pytest.mark.parametrize("source", list(Datum))
@pytest.mark.parametrize("target", list(Datum))
def test_convert_round_trips_in_harbin(source, target):
    lng, lat = np.array([126.6346, 128.05, 126.95]), np.array([45.7567, 45.2, 44.95])
    there = convert(lng, lat, source, target)
    back = convert(*there, target, source)
    assert max(metres(a, b, c, d) for a, b, c, d in zip(*back, lng, lat, strict=True)) < 0.01


def test_the_offsets_in_harbin_are_hundreds_of_metres():
    """What the conversion is for: a GPS point plotted on Amap's shapes unconverted is this far off."""
    wgs = (126.6346, 45.7567)
    gcj = wgs84_to_gcj02(*wgs)
    bd = gcj02_to_bd09(*gcj)
    assert 300 < metres(*wgs, *map(float, gcj)) < 800
    assert 500 < metres(*map(float, gcj), *map(float, bd)) < 1200


def test_outside_china_nothing_moves():
    assert not in_china(139.69, 35.69)  # Tokyo
    lng, lat = wgs84_to_gcj02(139.69, 35.69)
    assert (float(lng), float(lat)) == (139.69, 35.69)
    lng, lat = gcj02_to_wgs84(2.35, 48.85)
    assert (float(lng), float(lat)) == (2.35, 48.85)


@pytest.mark.parametrize(
    ("text", "datum"),
    [
        ("WGS-84", Datum.wgs84),
        ("wgs84", Datum.wgs84),
        ("GPS", Datum.wgs84),
        ("GCJ-02", Datum.gcj02),
        ("gcj02", Datum.gcj02),
        ("高德", Datum.gcj02),
        ("火星坐标系", Datum.gcj02),
        ("腾讯坐标", Datum.gcj02),
        ("BD-09", Datum.bd09),
        ("百度坐标系", Datum.bd09),
        ("bd09ll", Datum.bd09),
        (" Baidu ", Datum.bd09),
        ("北京54", None),
        ("", None),
        (None, None),
    ],
)
def test_the_names_people_write_for_a_system(text, datum):
    assert parse_datum(text) == datum
