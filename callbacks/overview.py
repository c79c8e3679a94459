"""Overview: the year and indicator choice update cards, map and trend."""

from __future__ import annotations

import dash
from dash import Input, Output, State

from dashboard.charts import map_chart, trend_chart
from dashboard.context import AppContext
from dashboard.i18n import t
from dashboard.viewstate import parse
from layouts.common import district_table_details, trend_table_details
from layouts.overview import headline_card, task_cards


def register(app: dash.Dash, context: AppContext) -> None:
    repo = context.repo

    def update(year, indicator, pathname, search):
        choices = repo.choices()
        year, indicator = choices.year_or_default(year), choices.indicator_or_default(indicator)
        state = parse(pathname, search, choices).with_(year=year, indicator=indicator).canonical(choices)
        lang = state.lang
        trend = trend_chart(repo, indicator, repo.city, year, lang, height=480)
        return (
            headline_card(repo, year, lang),
            task_cards(repo, state, year),
            map_chart(repo, indicator, year, lang, height=480),
            trend,
            state.query() or "",
            t("as_of", lang, year=year),
            district_table_details(repo, indicator, year, lang),
            trend_table_details(trend, lang),
        )

    app.callback(
        Output("ov-headline", "children"),
        Output("ov-cards", "children"),
        Output("ov-map", "figure"),
        Output("ov-trend", "figure"),
        Output("url", "search", allow_duplicate=True),
        Output("as-of", "children", allow_duplicate=True),  # the header says the year the charts show
        Output("ov-map-table", "children"),
        Output("ov-trend-table", "children"),  # the charts as tables
        Input("ov-year", "value"),
        Input("ov-indicator", "value"),
        State("url", "pathname"),
        State("url", "search"),
        prevent_initial_call="initial_duplicate",
    )(update)
