"""The layout comes with the view the browser is at (callbacks/routing.py ``first_view``): the page
asks for /_dash-layout from its address, sent as the Referer."""

from __future__ import annotations

import json


def _layout(client, referer: str | None) -> dict:
    headers = {"Referer": referer} if referer else {}
    resp = client.get("/_dash-layout", headers=headers)
    assert resp.status_code == 200
    assert resp.headers.get("Cache-Control") == "no-store"  # it differs by the address that asks
    return resp.get_json()


def _by_id(node, wanted: str):
    if isinstance(node, dict):
        props = node.get("props") or {}
        if props.get("id") == wanted:
            return props
        for value in props.values():
            found = _by_id(value, wanted)
            if found is not None:
                return found
    elif isinstance(node, list):
        for item in node:
            found = _by_id(item, wanted)
            if found is not None:
                return found
    return None


def test_the_layout_carries_the_page_the_browser_is_at(client):
    layout = _layout(client, "http://localhost/map?year=2018")
    url = _by_id(layout, "url")
    assert (url["pathname"], url["search"]) == ("/map", "?year=2018")
    page = _by_id(layout, "page")
    assert _by_id(page["children"], "map-page") is not None
    figure = _by_id(page["children"], "mx-map")["figure"]
    assert "2018" in json.dumps(figure["layout"]["title"], ensure_ascii=False)  # the chart is in it
    assert _by_id(layout, "navbar") is not None


def test_without_a_referer_the_frame_comes_empty_for_the_routing_callbacks(client):
    layout = _layout(client, None)
    url = _by_id(layout, "url")
    assert "pathname" not in url  # dcc.Location sets it on mounting, which runs the routing callbacks
    assert not _by_id(layout, "page").get("children")


def test_a_referer_from_another_host_is_not_followed(client):
    layout = _layout(client, "http://elsewhere.example/map?year=2018")
    assert not _by_id(layout, "page").get("children")
