"""Map explorer callbacks: filters → map, ranking and URL; clicks → selected district."""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, Patch, State, ctx, no_update

from callbacks.filters import register_panel
from callbacks.query import mirror_query, query_output
from dashboard.callback_cache import cached_response, fired
from dashboard.context import AppContext
from dashboard.i18n import t
from dashboard.viewstate import parse
from layouts.common import as_of_badge, indicator_options
from layouts.map_explorer import FILTERS, details_for, map_figure
from layouts.map_explorer import view as page_view


def clicked_district(click_data: dict | None) -> str | None:
    """The district code of a click on the map (location) or ranking (customdata)."""
    if not click_data or not click_data.get("points"):
        return None
    point = click_data["points"][0]
    if point.get("location"):
        return str(point["location"])
    custom = point.get("customdata")
    if isinstance(custom, list) and custom:
        return str(custom[0])
    return None


# The query parameters the map's controls override: a view is one whichever URL it was reached from.
MAP_QUERY = ("indicator", "task", "year", "legend", "view", "district")

# Controls that change the map alone (its colours, its frame, its bubbles): the ranking, trend, panel
# and tables stay as they are; a change of frame is sent as a partial update (reframe).
MAP_ONLY = ("mx-legend", "mx-view", "mx-bubbles")

# The page's controls update it in two answers: the map (and the URL and the header's year) first,
# and, once the map has come and been painted, what lies beside and under it (the map's answer sets
# ``mx-details-for``; the browser passes it on to ``mx-details-go`` after the next paint, and that
# asks). Asked at once, both answers came together and the map was drawn after the ranking, the
# trend and the tables; asked as the map's answer came, the asking (about 17 ms of the renderer's
# work) came before the map's paint (docs/benchmarks.md: a year change).
MAP_OUTPUTS = {
    "map": Output("mx-map", "figure"),
    "search": query_output("mx"),  # the view in the URL (callbacks/query.py)
    "as_of": Output("mx-as-of", "children"),  # the header says the year the charts show
    "details": Output("mx-details-for", "value"),
}
DETAIL_OUTPUTS = {
    "ranking": Output("mx-ranking", "figure"),
    "trend": Output("mx-trend", "figure"),
    "panel": Output("mx-district-panel", "children"),
    "table": Output("mx-table", "children"),  # the charts as tables
    "trend_table": Output("mx-trend-table", "children"),
}


def register(app: dash.Dash, context: AppContext) -> None:
    register_panel(app, FILTERS)  # the phone's 「筛选」 panel
    mirror_query(app, "mx")

    def indicators_of_task(task, current, pathname, search):
        lang = parse(pathname, search).lang
        options = indicator_options(context.for_search(search).repo, lang, task)
        codes = [o["value"] for o in options]
        return options, current if current in codes else codes[0]

    app.callback(
        Output("mx-indicator", "options"),
        Output("mx-indicator", "value"),
        Input("mx-task", "value"),
        State("mx-indicator", "value"),
        State("url", "pathname"),
        State("url", "search"),
        prevent_initial_call=True,
    )(indicators_of_task)

    def toggle_play(n_clicks, disabled, pathname, search):
        lang = parse(pathname, search).lang
        playing = disabled  # it was stopped: start it
        return (not playing), (t("pause", lang) if playing else t("play", lang))

    app.callback(
        Output("mx-timer", "disabled"),
        Output("mx-play", "children"),
        Input("mx-play", "n_clicks"),
        State("mx-timer", "disabled"),
        State("url", "pathname"),
        State("url", "search"),
        prevent_initial_call=True,
    )(toggle_play)

    def step_year(_, year, search):
        years = context.for_search(search).repo.years()
        i = years.index(year) if year in years else -1
        return years[(i + 1) % len(years)]

    app.callback(
        Output("mx-year", "value"),
        Input("mx-timer", "n_intervals"),
        State("mx-year", "value"),
        State("url", "search"),
        prevent_initial_call=True,
    )(step_year)

    # The phone's year select and the slider show one year (assets/map_explorer.js): one callback with
    # both as inputs and outputs, so neither change loops back.
    app.clientside_callback(
        ClientsideFunction("map_explorer", "syncYear"),
        Output("mx-year", "value", allow_duplicate=True),
        Output("mx-year-pick", "value"),
        Input("mx-year-pick", "value"),
        Input("mx-year", "value"),
        prevent_initial_call=True,
    )

    def select(map_click, ranking_click, clear_clicks, chosen, current, search):
        """The selected district, from a click on the map or ranking or (keyboard) the district list;
        the list always shows the selection."""
        districts = context.for_search(search).repo.choices().districts
        trigger = ctx.triggered_id
        if trigger is None:  # called as its inputs arrived with the page: nothing was chosen
            return no_update, no_update
        if isinstance(trigger, dict):  # the clear button in the district panel
            return (None, None) if any(clear_clicks or []) else (no_update, no_update)
        if trigger == "mx-district":
            code = chosen if chosen in districts else None
            return (code, no_update) if code != current else (no_update, no_update)
        code = clicked_district(map_click if trigger == "mx-map" else ranking_click)
        code = code if code in districts else current
        return code, code

    app.callback(
        Output("mx-selected", "data"),
        Output("mx-district", "value"),
        Input("mx-map", "clickData"),
        Input("mx-ranking", "clickData"),
        Input({"type": "mx-clear", "index": dash.ALL}, "n_clicks"),
        Input("mx-district", "value"),
        State("mx-selected", "data"),
        State("url", "search"),
        prevent_initial_call=True,
    )(select)

    def view_state(search, pathname, indicator, year, task, selected, legend=None, view=None):
        repo = context.for_search(search).repo
        choices = repo.choices()
        indicator, year = choices.indicator_or_default(indicator), choices.year_or_default(year)
        state = parse(pathname, search, choices).with_(
            indicator=indicator,
            task=task,
            year=year,
            legend=legend or "status",
            view=view or "all",
            district=selected or None,
        )
        return repo, state.canonical(choices)

    def update_map(indicator, year, legend, view, bubbles, selected, venue_layers, task, pathname, search):
        repo, state = view_state(search, pathname, indicator, year, task, selected, legend, view)
        switched = venue_layers or []
        fig = map_figure(repo, state, bubbles=bool(bubbles), venues="venues" in switched, rings="rings" in switched)
        alone = [f.split(".")[0] for f in fired()]
        if len(alone) == 1 and alone[0] in MAP_ONLY:  # the map's colours, frame or bubbles: the map alone
            fig = reframe(fig) if alone[0] == "mx-view" else fig
            return {"map": fig, "search": state.query(), "as_of": no_update, "details": no_update}
        return {
            "map": fig,
            "search": state.query(),
            "as_of": as_of_badge(state.year_or_default(repo.choices()), state.lang),
            "details": details_for(state),
        }

    app.callback(
        output=MAP_OUTPUTS,
        inputs=[
            Input("mx-indicator", "value"),
            Input("mx-year", "value"),
            Input("mx-legend", "value"),
            Input("mx-view", "value"),
            Input("mx-bubbles", "value"),
            Input("mx-selected", "data"),
            Input("mx-venues", "value"),  # the venue registry's layer (layouts/facilities.py)
        ],
        state=[State("mx-task", "value"), State("url", "pathname"), State("url", "search")],
        prevent_initial_call=True,  # the page's first render brings its charts (layouts/map_explorer.py view)
    )(cached_response(context, "map", ignore_query=MAP_QUERY, by_trigger=MAP_ONLY)(update_map))

    def update_details(_signal, indicator, year, selected, task, pathname, search):
        # The map's colouring and frame are left at their defaults: they change nothing here, and the
        # cached answer is keyed without them (MAP_QUERY).
        repo, state = view_state(search, pathname, indicator, year, task, selected)
        return {k: v for k, v in page_view(repo, state, map_=False).items() if k in DETAIL_OUTPUTS}

    app.clientside_callback(
        ClientsideFunction("map_explorer", "afterPaint"),
        Output("mx-details-go", "value"),
        Input("mx-details-for", "value"),
        prevent_initial_call=True,
    )
    app.callback(
        output=DETAIL_OUTPUTS,
        inputs=[Input("mx-details-go", "value")],  # the map's answer, once the map is painted
        state=[
            State("mx-indicator", "value"),
            State("mx-year", "value"),
            State("mx-selected", "data"),
            State("mx-task", "value"),
            State("url", "pathname"),
            State("url", "search"),
        ],
        prevent_initial_call=True,
    )(cached_response(context, "map_details", ignore_query=MAP_QUERY, ignore_args=(0,))(update_details))


def reframe(fig):
    """The central view or the whole region as a partial update of the map on the page: its frame
    (``layout.geo``) and its labels (the last trace: which units are labelled, in what size). The
    rest of the figure is what the other inputs made, unchanged. An empty state goes whole."""
    if not fig.data or fig.data[-1].name != "labels" or fig.layout.geo is None:
        return fig
    patch = Patch()
    patch["layout"]["geo"] = fig.layout.geo.to_plotly_json()
    patch["data"][len(fig.data) - 1] = fig.data[-1].to_plotly_json()
    return patch
