"""Overview: the year and indicator choice update cards, map and trend."""

from __future__ import annotations

import dash
from dash import Input, Output, State, ctx, no_update

from callbacks.map_explorer import clicked_district
from callbacks.query import mirror_query, query_output
from dashboard.callback_cache import cached_response
from dashboard.context import AppContext
from dashboard.viewstate import parse
from layouts.common import as_of_badge
from layouts.overview import view

# What the overview's controls update, by name (the callback returns a dict with these keys).
OUTPUTS = {
    "headline": Output("ov-headline", "children"),
    "cards": Output("ov-cards", "children"),
    "map": Output("ov-map", "figure"),
    "trend": Output("ov-trend", "figure"),
    "search": query_output("ov"),  # the view in the URL (callbacks/query.py)
    "as_of": Output("ov-as-of", "children"),  # the header says the year the charts show
    "map_table": Output("ov-map-table", "children"),  # the charts as tables
    "trend_table": Output("ov-trend-table", "children"),
    "panel": Output("ov-district-panel", "children"),  # the district clicked or tapped on the map
}


def register(app: dash.Dash, context: AppContext) -> None:
    mirror_query(app, "ov")

    def select(map_click, clear_clicks, current, search):
        """The district clicked (or tapped) on the map, as the map page selects one; the card's button clears it.
        It travels in the URL (``?district=``), so a shared link opens with the card."""
        if isinstance(ctx.triggered_id, dict):
            return None if any(clear_clicks or []) else no_update
        code = clicked_district(map_click)
        districts = context.for_search(search).repo.choices().districts
        return code if code in districts and code != current else no_update

    app.callback(
        Output("ov-selected", "data"),
        Input("ov-map", "clickData"),
        Input({"type": "ov-clear", "index": dash.ALL}, "n_clicks"),
        State("ov-selected", "data"),
        State("url", "search"),
        prevent_initial_call=True,
    )(select)

    def update(year, indicator, selected, pathname, search):
        repo = context.for_search(search).repo
        choices = repo.choices()
        year, indicator = choices.year_or_default(year), choices.indicator_or_default(indicator)
        selected = selected if selected in choices.districts else None
        state = (
            parse(pathname, search, choices).with_(year=year, indicator=indicator, district=selected).canonical(choices)
        )
        return view(repo, state) | {"search": state.query(), "as_of": as_of_badge(year, state.lang)}

    app.callback(
        output=OUTPUTS,
        inputs=[Input("ov-year", "value"), Input("ov-indicator", "value"), Input("ov-selected", "data")],
        state=[State("url", "pathname"), State("url", "search")],
        prevent_initial_call=True,  # the page's first render brings its charts (layouts/overview.py view)
    )(cached_response(context, "overview", ignore_query=("year", "indicator"))(update))
