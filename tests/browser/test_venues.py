"""设施 The venue registry in a real browser (issue 18): an editor imports one venue list in GCJ-02 (高德)
and another in BD-09 (百度) on the upload page, sees the venues as points in the right districts on
the map, the counted indicator (T8-01 科技场馆数) change on the overview and the district page, and
rolling the batches back removes them again.

The batches are rolled back by the test itself, and by the fixture if it stops half-way, so the
other browser tests see the sample data they expect.
"""

from __future__ import annotations

import pytest

import geo
from geo.coords import gcj02_to_bd09
from geo.venues import UnitLocator
from tests.support.browser import APP_DATABASE, kepu, log_in, open_page, screenshot, wait_for_dash

pytestmark = pytest.mark.browser

INDICATOR, YEAR = "T8-01", 2020
YILAN, SHANGZHI = "230123", "230183"  # 依兰县 (GCJ-02 list, with districts), 尚志市 (BD-09 list, found by location)


def batches() -> list[dict]:
    from data.importer import list_batches
    from data.store import make_engine

    engine = make_engine(APP_DATABASE["url"])
    try:
        return list_batches(engine, "harbin-2016-2020")
    finally:
        engine.dispose()


@pytest.fixture
def venue_lists_undone():
    before = {b["id"] for b in batches()}
    yield
    for b in batches():  # newest first
        if b["id"] not in before and b["kind"] == "facilities" and b["status"] == "active":
            kepu("rollback", str(b["id"]))


@pytest.fixture(scope="module")
def places():
    """Three points well inside their districts (GCJ-02, the shapes' system) and the shapes to check them."""
    shapes = geo.load_shapes("230100").set_index("code")
    locator = UnitLocator(list(shapes.index), list(shapes.geometry))

    def near_label(code: str, dx: float) -> tuple[float, float]:
        lon, lat = float(shapes.loc[code, "label_lon"]) + dx, float(shapes.loc[code, "label_lat"])
        assert locator.locate([lon], [lat], [None])[0].covering == (code,)
        return lon, lat

    return locator, {
        "yilan_a": near_label(YILAN, 0.0),
        "yilan_b": near_label(YILAN, 0.02),
        "shangzhi": near_label(SHANGZHI, 0.0),
    }


def value_on_map(page, graph: str, code: str) -> str | None:
    """The value a district's hover shows on a map (customdata[1] of its choropleth location)."""
    return page.evaluate(
        """([graph, code]) => {
        const gd = document.querySelector(graph + ' .js-plotly-plot');
        for (const tr of gd._fullData) {
            if (tr.type !== 'choropleth' || !tr.locations) continue;
            const i = Array.from(tr.locations).indexOf(code);
            if (i >= 0 && tr.customdata) return String(tr.customdata[i][1]);
        }
        return null;
    }""",
        [graph, code],
    )


def venue_points(page) -> dict[str, tuple[float, float]]:
    """The venue markers the map draws: name → (lon, lat)."""
    return page.evaluate(
        """() => {
        const gd = document.querySelector('#mx-map .js-plotly-plot');
        const out = {};
        for (const tr of gd._fullData) {
            if (!tr.meta || !tr.meta.venue_type) continue;
            for (let i = 0; i < tr.lon.length; i++) out[tr.customdata[i][0]] = [tr.lon[i], tr.lat[i]];
        }
        return out;
    }"""
    )


def upload(page, tmp_path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.set_input_files("#upload-file input[type=file]", str(path))
    page.wait_for_function(f"() => document.querySelector('#upload-file-info')?.innerText.includes('{name}')")
    wait_for_dash(page)


def confirm(page) -> int:
    page.click("#upload-confirm")
    page.locator("#upload-done").wait_for()
    wait_for_dash(page)
    return int(page.locator("#upload-done").get_attribute("data-batch"))


def test_venue_lists_in_two_systems_show_in_their_districts_count_and_roll_back(
    page, request, tmp_path, app_users, places, venue_lists_undone
):
    locator, at = places
    overview = f"/?indicator={INDICATOR}&year={YEAR}"
    open_page(page, overview)
    before = {c: value_on_map(page, "#ov-map", c) for c in (YILAN, SHANGZHI)}

    log_in(page, "editor-b", app_users["editor-b"], "/upload")
    page.locator("#upload-venue-template-xlsx").wait_for()  # the venue list's own template is offered

    gcj = "名称,类型,区县,地址,经度,纬度,坐标系,开放年份\n" + "".join(
        f"依兰浏览器测试馆{i},科技馆,依兰县,测试路 {i} 号,{lon},{lat},GCJ-02,2018\n"
        for i, (lon, lat) in enumerate((at["yilan_a"], at["yilan_b"]), start=1)
    )
    upload(page, tmp_path, "依兰场馆(高德).csv", gcj)
    assert page.locator("#upload-venue-list").is_visible()
    assert page.locator("#upload-status").get_attribute("data-status") == "ok"
    assert page.locator("#upload-count-new").inner_text().startswith("2")
    screenshot(page, request, "gcj-preview")
    first = confirm(page)

    blon, blat = (float(v) for v in gcj02_to_bd09(*at["shangzhi"]))
    bd = f"名称,类型,经度,纬度,坐标系,开放年份\n尚志浏览器测试馆,科技场馆,{blon},{blat},BD-09,2019\n"
    upload(page, tmp_path, "尚志场馆(百度).csv", bd)
    assert page.locator("#upload-status").get_attribute("data-status") == "ok"
    change = page.locator("#upload-venue-changes tbody tr").first.inner_text()
    assert "尚志市" in change and "BD-09" in change  # the district found from the converted point
    second = confirm(page)
    assert second > first

    # The map: the venues as points, where they belong (the BD-09 point converted to the shapes' GCJ-02).
    page.click("#upload-map-link")
    page.wait_for_url("**/map?**")
    wait_for_dash(page)
    page.wait_for_function(
        "() => document.querySelector('#mx-map .js-plotly-plot')?._fullData.some(t => t.meta && t.meta.venue_type)"
    )
    points = venue_points(page)
    expected = {"依兰浏览器测试馆1": YILAN, "依兰浏览器测试馆2": YILAN, "尚志浏览器测试馆": SHANGZHI}
    assert set(expected) <= set(points)
    assert not any("示例" in name for name in points), "a real list of a type replaces its sample venues"
    for name, code in expected.items():
        lon, lat = points[name]
        assert locator.locate([lon], [lat], [None])[0].covering == (code,), name
    lon, lat = points["尚志浏览器测试馆"]
    assert abs(lon - at["shangzhi"][0]) < 1e-4 and abs(lat - at["shangzhi"][1]) < 1e-4
    screenshot(page, request, "map")

    # The counted indicator follows the list: on the overview's map and on the district page.
    open_page(page, overview)
    after = {c: value_on_map(page, "#ov-map", c) for c in (YILAN, SHANGZHI)}
    assert after[YILAN].startswith("2") and after[SHANGZHI].startswith("1"), (before, after)
    assert after != before
    open_page(page, f"/district/{YILAN}?year={YEAR}")
    assert page.locator("#dp-row-T8-01 td").nth(2).inner_text().startswith("2")
    venues = page.locator("#dp-venue-table").inner_text()
    assert "依兰浏览器测试馆1" in venues and "依兰浏览器测试馆2" in venues and "测试路 1 号" in venues
    screenshot(page, request, "district")

    # Rolled back (newest first), the venues and their counts are gone.
    for batch in (second, first):
        done = kepu("rollback", str(batch))
        assert done.returncode == 0, done.stdout + done.stderr
    open_page(page, f"/map?indicator={INDICATOR}&year={YEAR}")
    page.wait_for_function("() => document.querySelector('#mx-map .js-plotly-plot')?._fullData.length > 0")
    assert not set(expected) & set(venue_points(page))
    open_page(page, overview)
    assert {c: value_on_map(page, "#ov-map", c) for c in (YILAN, SHANGZHI)} == before
