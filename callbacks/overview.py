"""Overview: the year and indicator choice update cards, map and trend."""

from __future__ import annotations

import dash
from dash import Input, Output, State, ctx, no_update

from callbacks.map_explorer import clicked_district
from dashboard.callback_cache import cached_response
from dashboard.charts import map_chart, trend_chart
from dashboard.context import AppContext
from dashboard.i18n import t
from dashboard.viewstate import parse
from layouts.common import district_table_details, trend_table_details
from layouts.district_card import district_card
from layouts.overview import headline_card, map_tap_hint, task_cards

# What the overview's controls update, by name (the callback returns a dict with these keys).
OUTPUTS = {
    "headline": Output("ov-headline", "children"),
    "cards": Output("ov-cards", "children"),
    "map": Output("ov-map", "figure"),
    "trend": Output("ov-trend", "figure"),
    "search": Output("url", "search", allow_duplicate=True),
    "as_of": Output("as-of", "children", allow_duplicate=True),  # the header says the year the charts show
    "map_table": Output("ov-map-table", "children"),  # the charts as tables
    "trend_table": Output("ov-trend-table", "children"),
    "panel": Output("ov-district-panel", "children"),  # the district clicked or tapped on the map
}


def register(app: dash.Dash, context: AppContext) -> None:
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
        lang = state.lang
        trend = trend_chart(repo, indicator, repo.city, year, lang, height=480, earlier=repo.follows)
        return {
            "headline": headline_card(repo, year, lang),
            "cards": task_cards(repo, state, year),
            "map": map_chart(repo, indicator, year, lang, height=480, selected=selected),
            "trend": trend,
            "search": state.query() or "",
            "as_of": t("as_of", lang, year=year),
            "map_table": district_table_details(repo, indicator, year, lang),
            "trend_table": trend_table_details(trend, lang),
            "panel": district_card(repo, indicator, year, selected, state, prefix="ov", hint=map_tap_hint(lang)),
        }

    app.callback(
        output=OUTPUTS,
        inputs=[Input("ov-year", "value"), Input("ov-indicator", "value"), Input("ov-selected", "data")],
        state=[State("url", "pathname"), State("url", "search")],
        prevent_initial_call="initial_duplicate",
    )(cached_response(context, "overview", ignore_query=("year", "indicator"))(update))
