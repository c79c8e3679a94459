"""Task view: the year and indicator choice update status, table, charts and the URL.

``update`` is a plain function of the repository and the controls, so tests
call it directly; ``register`` binds it to one app.
"""

from __future__ import annotations

import dash
from dash import Input, Output, State

from dashboard.callback_cache import cached_response
from dashboard.charts import map_chart, ranking_chart, trend_chart
from dashboard.context import AppContext
from dashboard.figures import empty_figure
from dashboard.i18n import t
from dashboard.repository import Repository
from dashboard.viewstate import parse
from layouts.common import district_table_details, trend_table_details
from layouts.task import division, header, indicator_table, resolve, status_summary, task_nav


def update(repo: Repository, year, indicator, pathname, search) -> dict:
    choices = repo.choices()
    state = parse(pathname, search, choices)
    state = state.with_(page="task", year=year if year in choices.years else None, indicator=indicator)
    task, year, indicator = resolve(state, repo)
    state = state.with_(task=task.code, year=year, indicator=indicator).canonical(choices)
    lang = state.lang
    if indicator is None:
        empty = empty_figure(t("no_data", lang))
        figures = (empty, empty, empty)
        tables = (None, None)
    else:
        figures = (
            trend_chart(repo, indicator, repo.city, year, lang, height=460, earlier=repo.follows),
            map_chart(repo, indicator, year, lang, height=460),
            ranking_chart(repo, indicator, year, lang, height=460),
        )
        tables = (trend_table_details(figures[0], lang), district_table_details(repo, indicator, year, lang))
    return {
        "header": header(repo, task, year, lang),
        "nav": task_nav(repo, state, task.code, year),
        "status": status_summary(repo, task, year, lang),
        "table": indicator_table(repo, state, task, year, indicator),
        "division": division(repo, state, task),
        **dict(zip(("trend", "map", "ranking"), figures, strict=True)),
        **dict(zip(("trend_table", "district_table"), tables, strict=True)),
        "search": state.query(),
    }


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
    "search": Output("url", "search", allow_duplicate=True),
}


def register(app: dash.Dash, context: AppContext) -> None:
    def on_change(year, indicator, pathname, search):
        return update(context.for_search(search).repo, year, indicator, pathname, search)

    app.callback(
        output=OUTPUTS,
        inputs=[Input("tk-year", "value"), Input("tk-indicator", "value")],
        state=[State("url", "pathname"), State("url", "search")],
        prevent_initial_call="initial_duplicate",
    )(cached_response(context, "task", ignore_query=("year", "indicator"))(on_change))
