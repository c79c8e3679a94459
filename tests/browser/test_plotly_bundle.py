"""Every page draws every chart with the partial plotly.js (dashboard/vendor/plotly-partial.min.js).

The page fixture fails on a console error and on any request to another host, so this is also the
offline check with the bundle in place; the full bundle must not be fetched at all.
"""

from __future__ import annotations

import pytest

from tests.support.browser import open_page

pytestmark = pytest.mark.browser

PAGES = ["/", "/map", "/task/T3", "/district/230102", "/departments", "/meeting", "/?embed=1&chart=map"]
TRACES = ["bar", "choropleth", "heatmap", "scatter", "scattergeo"]

# Each chart on the page: its id, its traces' types, and how many marks it drew (a trace type the
# bundle lacks is silently not drawn: no console error would tell).
_CHARTS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => ({
    id: (gd.closest('.dash-graph') || gd).id,
    types: (gd.data || []).map(t => t.type || 'scatter'),
    drawn: gd.querySelectorAll('.trace, .choroplethlocation, .hm, .point').length,
}))"""


@pytest.mark.parametrize("path", PAGES, ids=[p.strip("/?").replace("/", "-") or "overview" for p in PAGES])
def test_every_chart_draws_with_the_partial_bundle(page, path):
    bundles = []
    page.on("response", lambda r: bundles.append(r) if r.url.endswith("plotly.min.js") else None)
    open_page(page, path)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length > 0")
    assert sorted(page.evaluate("Object.keys(Plotly.PlotSchema.get().traces)")) == TRACES
    charts = page.evaluate(_CHARTS_JS)
    assert charts, f"{path}: no chart"
    for chart in charts:
        assert set(chart["types"]) <= set(TRACES), f"{path} {chart['id']}: {chart['types']}"
        if chart["types"]:
            assert chart["drawn"] > 0, f"{path} {chart['id']}: traces {chart['types']} drew nothing"
    # plotly.js came from the app, once, and was the partial bundle
    assert len(bundles) == 1 and bundles[0].status == 200
    assert "partial bundle" in bundles[0].text()[:300]
