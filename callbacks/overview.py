"""Overview: the year and indicator choice update cards, map and trend."""

from __future__ import annotations

import dash
from dash import Input, Output, State

from dashboard.callback_cache import cached_response
from dashboard.charts import map_chart, trend_chart
from dashboard.context import AppContext
from dashboard.i18n import t
from dashboard.viewstate import parse
from layouts.common import district_table_details, trend_table_details
from layouts.overview import headline_card, task_cards

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
}


def register(app: dash.Dash, context: AppContext) -> None:
    def update(year, indicator, pathname, search):
        repo = context.for_search(search).repo
        choices = repo.choices()
        year, indicator = choices.year_or_default(year), choices.indicator_or_default(indicator)
        state = parse(pathname, search, choices).with_(year=year, indicator=indicator).canonical(choices)
        lang = state.lang
        trend = trend_chart(repo, indicator, repo.city, year, lang, height=480, earlier=repo.follows)
        return {
            "headline": headline_card(repo, year, lang),
            "cards": task_cards(repo, state, year),
            "map": map_chart(repo, indicator, year, lang, height=480),
            "trend": trend,
            "search": state.query() or "",
            "as_of": t("as_of", lang, year=year),
            "map_table": district_table_details(repo, indicator, year, lang),
            "trend_table": trend_table_details(trend, lang),
        }

    app.callback(
        output=OUTPUTS,
        inputs=[Input("ov-year", "value"), Input("ov-indicator", "value")],
        state=[State("url", "pathname"), State("url", "search")],
        prevent_initial_call="initial_duplicate",
    )(cached_response(context, "overview", ignore_query=("year", "indicator"))(update))
