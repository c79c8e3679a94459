"""The app through its HTTP endpoints: pages, the boundary file, and callbacks.

Callbacks are posted to /_dash-update-component exactly as the browser does,
so these tests also check what travels over the wire: a map update carries
values and a URL for the shapes, never the shapes themselves.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.support.http import post_callback


def _callback_inputs(client, output_contains: str) -> list[dict]:
    dep = next(d for d in client.get("/_dash-dependencies").get_json() if output_contains in d["output"])
    return dep["inputs"]


@pytest.mark.parametrize(
    "path",
    ["/", "/map", "/task/T3", "/district/230102", "/departments", "/data", "/map?year=abc&indicator=NOPE", "/nonsense"],
)
def test_every_page_url_answers(client, path):
    assert client.get(path).status_code == 200


def test_the_index_page_loads_nothing_from_another_host(client):
    html = client.get("/").get_data(as_text=True)
    urls = re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", html)
    assert urls == []
    assert "bootstrap.min.css" in html  # served from assets/, not a CDN


def test_boundaries_are_served_once_with_a_long_cache_lifetime(repo, client):
    resp = client.get(repo.geojson_url())
    assert resp.status_code == 200
    assert "immutable" in resp.headers["Cache-Control"]
    features = json.loads(resp.data)["features"]
    assert len(features) == 18
    again = client.get(repo.geojson_url(), headers={"If-None-Match": resp.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/geo/230100-full.00000000.geojson").status_code == 404


def test_a_map_update_sends_values_not_shapes(repo, client):
    resp = post_callback(
        client,
        "mx-map.figure",
        {
            "mx-indicator.value": "T8-01",
            "mx-year.value": 2018,
            "mx-legend.value": "value",
            "mx-view.value": "all",
            "mx-bubbles.value": [],
            "mx-selected.data": None,
        },
        {"mx-task.value": "T8", "url.pathname": "/map", "url.search": ""},
    )
    payload = resp.get_json()["response"]
    figure = payload["mx-map"]["figure"]
    geojsons = {tr.get("geojson") for tr in figure["data"] if tr["type"] == "choropleth"}
    assert geojsons == {repo.geojson_url()}  # a URL, fetched once by the browser
    assert "2018" in figure["layout"]["title"]["text"]
    assert len(resp.data) < 60_000  # values, labels and hover text only
    search = payload["mx-query"]["value"]  # copied into the address bar in the browser (callbacks/query.py)
    assert "year=2018" in search and "indicator=T8-01" in search


def test_clicking_a_district_selects_it(client):
    resp = post_callback(
        client,
        "mx-selected.data",
        {
            "mx-map.clickData": {"points": [{"location": "230103"}]},
            "mx-ranking.clickData": None,
            "mx-clear.n_clicks": [],
        },
        {"mx-selected.data": None},
    )
    assert resp.get_json()["response"]["mx-selected"]["data"] == "230103"


def test_overview_year_change_updates_cards_and_url(client):
    resp = post_callback(
        client,
        "ov-map.figure",
        {"ov-year.value": 2017, "ov-indicator.value": "G-01"},
        {"url.pathname": "/", "url.search": ""},
    )
    payload = resp.get_json()["response"]
    assert "year=2017" in payload["ov-query"]["value"]
    assert "2017" in json.dumps(payload["ov-headline"], ensure_ascii=False)


def test_plotly_js_is_the_partial_bundle_revalidated_by_its_etag(client):
    """Dash's renderer asks this URL for plotly.js when the first graph mounts: it gets the partial
    bundle (dashboard/vendor/plotly-partial.min.js), not the plotly package's full one."""
    from dashboard.static import PLOTLY_BUNDLE

    url = "/_dash-component-suites/plotly/package_data/plotly.min.js"
    resp = client.get(url)
    assert resp.status_code == 200 and resp.data == PLOTLY_BUNDLE.read_bytes()
    assert resp.headers["Cache-Control"] == "no-cache"
    again = client.get(url, headers={"If-None-Match": resp.headers["ETag"], "Accept-Encoding": "br"})
    assert again.status_code == 304 and not again.data
    compressed = client.get(url, headers={"Accept-Encoding": "br"})
    # a revalidation with the ETag flask-compress gave the brotli copy ("<tag>:br")
    assert client.get(url, headers={"If-None-Match": compressed.headers["ETag"]}).status_code == 304


def _map_change(client, fired: dict) -> dict:
    """The map callback as the browser calls it when only ``fired`` changed (the other controls unset:
    their defaults)."""
    state = {"mx-task.value": None, "url.pathname": "/map", "url.search": ""}
    return post_callback(client, "mx-map.figure", fired, state).get_json()["response"]


def test_the_central_view_is_a_partial_update_of_the_map_alone(client):
    """Framing and colouring the map change the map, not the ranking, trend, panel or tables; the
    frame is sent as a Patch (the map's geo and its labels), not as a new figure."""
    central = _map_change(client, {"mx-view.value": "central"})
    assert set(central) == {"mx-map", "mx-query"}
    patch = central["mx-map"]["figure"]
    assert patch.get("__dash_patch_update") == "__dash_patch_update"
    touched = {tuple(op["location"][:2]) for op in patch["operations"]}
    assert ("layout", "geo") in touched and all(loc[0] in ("layout", "data") for loc in touched)
    assert "view=central" in central["mx-query"]["value"]
    whole = _map_change(client, {"mx-view.value": "all"})

    def frame(p):
        return next(op["params"]["value"] for op in p["operations"] if op["location"] == ["layout", "geo"])

    assert frame(whole["mx-map"]["figure"])["lonaxis"]["range"] != frame(patch)["lonaxis"]["range"]
    # colouring by value: a new map figure (other traces), still nothing else
    by_value = _map_change(client, {"mx-legend.value": "value"})
    assert set(by_value) == {"mx-map", "mx-query"} and "data" in by_value["mx-map"]["figure"]
    # a year change updates the map and its header's year, and signals (mx-details-for) the second
    # callback, for the ranking, trend and tables, which the framing and colouring controls leave alone
    year = _map_change(client, {"mx-year.value": 2017})
    assert set(year) == {"mx-map", "mx-query", "mx-as-of", "mx-details-for"}
    assert "2017" in year["mx-details-for"]["value"]
    assert "mx-details-for" not in central and "mx-details-for" not in by_value
    state = {"mx-year.value": 2017, "mx-task.value": None, "url.pathname": "/map", "url.search": ""}
    signal = {"mx-details-go.value": year["mx-details-for"]["value"]}  # passed on by the browser after its paint
    details = post_callback(client, "mx-ranking.figure", signal, state).get_json()["response"]
    assert {"mx-ranking", "mx-trend", "mx-table"} <= set(details)
    assert "2017" in json.dumps(details["mx-ranking"]["figure"]["layout"]["title"], ensure_ascii=False)
    details_inputs = {d["id"] for d in _callback_inputs(client, "mx-ranking.figure")}
    assert details_inputs == {"mx-details-go"}
    passing_on = _callback_inputs(client, "mx-details-go.value")
    assert {d["id"] for d in passing_on} == {"mx-details-for"}


def test_no_district_chosen_leaves_the_district_out_of_the_url(client):
    """The page's selection store holds "" for none chosen (a None would set itself on mounting)."""
    fired = {"mx-year.value": 2018, "mx-selected.data": ""}
    answer = post_callback(client, "mx-map.figure", fired, {"url.pathname": "/map", "url.search": ""})
    query = answer.get_json()["response"]["mx-query"]["value"]
    assert "year=2018" in query and "district" not in query
