"""What a phone gets that a desktop does not show (issue 17), without a browser: the 「筛选」 panel around
the map's and the data page's filter rows, the data grid's phone columns, and the overview's district
card selected by a tap (or a click) on its map and carried in the URL. The browser side (folding,
chips, the card over the page) is tests/browser/test_phone.py."""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
import pytest

from layouts import data_table, map_explorer
from layouts.filters import FilterPanel, filter_row
from tests.support.components import by_id, ids, text_of
from tests.support.http import post_callback
from tests.support.pages import render_page

pytestmark = pytest.mark.store_unchanged


@pytest.mark.parametrize(("path", "panel"), [("/map", map_explorer.FILTERS), ("/data", data_table.FILTERS)])
def test_the_filter_row_sits_in_one_panel_with_a_button_that_names_its_fold(repo, path, panel):
    tree = render_page(repo, path)
    toggle = by_id(tree, panel.toggle)
    fold = by_id(tree, panel.fold)
    assert isinstance(fold, dbc.Collapse) and fold.is_open is False
    assert getattr(toggle, "aria-controls") == panel.fold and getattr(toggle, "aria-expanded") == "false"
    assert "d-md-none" in by_id(tree, f"{panel.prefix}-filter-panel").children[0].className  # a phone's only
    inside = ids(fold)
    for control in panel.chips:
        assert control in inside, f"{control} is not in the panel"
    assert getattr(by_id(tree, panel.chip_box), "data-empty")


def test_a_filter_row_keeps_its_columns_and_gutter():
    row = filter_row(FilterPanel("xx", ()), ["a", "b"], "en", class_name="g-3").children[1].children
    assert isinstance(row, dbc.Row) and row.children == ["a", "b"] and row.className == "g-3"


def test_a_phone_grid_shows_few_columns_and_hides_the_rest(repo):
    tree = render_page(repo, "/data")
    defs = json.loads(getattr(by_id(tree, "dt-grid-wrap"), "data-phone-defs"))
    assert {d["field"] for d in defs} == set(data_table.FIELDS), "the phone's definitions drop a column"
    shown = [d["field"] for d in defs if not d.get("hide")]
    assert shown == list(data_table.PHONE_COLUMNS)
    assert sum(d.get("width", 0) for d in defs if not d.get("hide")) + 80 <= 336  # a 360 px screen's grid
    assert not any(d.get("pinned") for d in defs if not d.get("hide"))
    assert getattr(by_id(tree, "dt-grid-wrap"), "data-phone-grid") == "dt-grid"
    assert str(len(data_table.FIELDS)) in text_of(by_id(tree, "dt-phone-note"))


def test_a_click_on_the_overview_map_selects_a_district_and_the_card_clears_it(client):
    def select(inputs, current=None):
        return post_callback(client, "ov-selected.data", inputs, {"ov-selected.data": current, "url.search": ""})

    resp = select({"ov-map.clickData": {"points": [{"location": "230103"}]}})
    assert resp.get_json()["response"]["ov-selected"]["data"] == "230103"
    unknown = select({"ov-map.clickData": {"points": [{"location": "999999"}]}})
    assert unknown.status_code == 204 or "ov-selected" not in unknown.get_json().get("response", {})


def test_the_overview_shows_the_selected_district_card_and_keeps_it_in_the_url(client, plan):
    names = {u.code: u.name for u in plan.region.units}
    resp = post_callback(
        client,
        "ov-map.figure",
        {"ov-year.value": 2019, "ov-indicator.value": "G-01", "ov-selected.data": "230103"},
        {"url.pathname": "/", "url.search": ""},
    )
    payload = resp.get_json()["response"]
    assert "district=230103" in payload["ov-query"]["value"] and "year=2019" in payload["ov-query"]["value"]
    card = json.dumps(payload["ov-district-panel"]["children"], ensure_ascii=False)
    assert names["230103"] in card and "ov-profile-link" in card and "/district/230103" in card
    selected = [t for t in payload["ov-map"]["figure"]["data"] if "230103" in json.dumps(t.get("locations", []))]
    assert selected, "the map does not draw the selected district"

    none = post_callback(
        client,
        "ov-map.figure",
        {"ov-year.value": 2019, "ov-indicator.value": "G-01", "ov-selected.data": None},
        {"url.pathname": "/", "url.search": ""},
    )
    payload = none.get_json()["response"]
    assert "district=" not in payload["ov-query"]["value"]
    hint = payload["ov-district-panel"]["children"]
    assert hint["props"]["id"] == "ov-map-hint" and "d-md-none" in hint["props"]["className"]
