"""Task view: the year and indicator choice update status, table, charts and the URL (the page's first
render brings them: layouts/task.py ``view``).

``update`` is a plain function of the repository and the controls, so tests
call it directly; ``register`` binds it to one app.
"""

from __future__ import annotations

import dash
from dash import Input, Output, State

from callbacks.query import mirror_query, query_output
from dashboard.callback_cache import cached_response
from dashboard.context import AppContext
from dashboard.repository import Repository
from dashboard.viewstate import parse
from layouts.task import view, view_state


def update(repo: Repository, year, indicator, pathname, search) -> dict:
    choices = repo.choices()
    state = parse(pathname, search, choices)
    state = view_state(
        repo, state.with_(page="task", year=year if year in choices.years else None, indicator=indicator)
    )
    return view(repo, state) | {"search": state.query()}


# What the task page's controls update, by name (update returns a dict with these keys).
OUTPUTS = {
    "header": Output("tk-header", "children"),
    "nav": Output("tk-nav", "children"),
    "status": Output("tk-status", "children"),
    "table": Output("tk-table", "children"),
    "division": Output("tk-division", "children"),
    "trend": Output("tk-trend", "figure"),
    "map": Output("tk-map", "figure"),
    "ranking": Output("tk-ranking", "figure"),
    "trend_table": Output("tk-trend-table", "children"),  # the charts as tables
    "district_table": Output("tk-district-table", "children"),
    "search": query_output("tk"),  # the view in the URL (callbacks/query.py)
}


def register(app: dash.Dash, context: AppContext) -> None:
    mirror_query(app, "tk")

    def on_change(year, indicator, pathname, search):
        return update(context.for_search(search).repo, year, indicator, pathname, search)

    app.callback(
        output=OUTPUTS,
        inputs=[Input("tk-year", "value"), Input("tk-indicator", "value")],
        state=[State("url", "pathname"), State("url", "search")],
        prevent_initial_call=True,  # the page's first render brings its charts (layouts/task.py view)
    )(cached_response(context, "task", ignore_query=("year", "indicator"))(on_change))
