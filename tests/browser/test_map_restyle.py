"""The map's framing and colouring controls change the map alone, the frame as a partial update."""

from __future__ import annotations

import json

import pytest

from tests.support.browser import open_page, query, screenshot, wait_for_dash

pytestmark = pytest.mark.browser

_FRAME_JS = """() => { const gd = document.querySelector('#mx-map .js-plotly-plot');
    const labels = gd.data[gd.data.length - 1];
    return {lat: gd.layout.geo.lataxis.range, labels: labels.text.length, traces: gd.data.length}; }"""


def test_the_central_view_reframes_the_map_by_a_partial_update(page, request):
    open_page(page, "/map")
    whole = page.evaluate(_FRAME_JS)
    answers = []
    page.on(
        "response",
        lambda r: answers.append(r) if "_dash-update-component" in r.url and "mx-map" in r.request.post_data else None,
    )

    page.get_by_label("中心城区").check()
    page.wait_for_function(f"() => ({_FRAME_JS})().lat[0] !== {whole['lat'][0]}")
    wait_for_dash(page)
    central = page.evaluate(_FRAME_JS)
    # a smaller box, with the central units labelled too; the same traces otherwise
    assert central["lat"][1] - central["lat"][0] < whole["lat"][1] - whole["lat"][0]
    assert central["labels"] > whole["labels"] and central["traces"] == whole["traces"]
    assert query(page).get("view") == "central"
    body = json.loads(answers[-1].text())["response"]
    assert set(body) == {"mx-map", "mx-query"}, "only the map (and the URL's query) should change"
    assert body["mx-map"]["figure"].get("__dash_patch_update")
    assert page.locator("#mx-map path.choroplethlocation").count() >= 18
    screenshot(page, request, "central")

    page.get_by_label("全市").check()
    page.wait_for_function(f"() => ({_FRAME_JS})().lat[0] === {whole['lat'][0]}")
    assert page.evaluate(_FRAME_JS) == whole

    page.get_by_label("按数值").check()
    page.locator("#mx-map .colorbar").wait_for()
    wait_for_dash(page)
    assert set(json.loads(answers[-1].text())["response"]) == {"mx-map", "mx-query"}
    assert query(page).get("legend") == "value"
