"""Meeting mode: step through the tasks by timer, buttons, keyboard or clicker."""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, State, ctx

from dashboard.charts import map_chart
from dashboard.context import AppContext
from dashboard.repository import Repository
from dashboard.viewstate import parse
from layouts.meeting import map_indicator, task_detail, task_tile


def next_task(tasks: tuple[str, ...], current: str | None, step: int) -> str:
    i = tasks.index(current) if current in tasks else -step
    return tasks[(i + step) % len(tasks)]


def meeting_map(repo: Repository, task: str, year: int, lang: str):
    return map_chart(repo, map_indicator(repo, task), year, lang, height=560, style="meeting")


def register(app: dash.Dash, context: AppContext) -> None:
    def step(_prev, _next, _tick, current, pathname, search):
        repo = context.for_search(search).repo
        choices = repo.choices()
        state = parse(pathname, search, choices)
        trigger = ctx.triggered_id
        move = {"mt-prev": -1, "mt-next": 1, "mt-timer": 1}.get(trigger, 0)
        if not (ctx.triggered and ctx.triggered[0].get("value")):
            move = 0  # the initial call (buttons at 0 clicks) shows the task in the URL
        task = next_task(choices.tasks, current, move) if move else (current or choices.tasks[0])
        year = state.year_or_default(choices)
        lang = state.lang
        tiles = [task_tile(repo, c, year, lang, c == task) for c in choices.tasks]
        return (
            task,
            tiles,
            task_detail(repo, task, year, lang),
            meeting_map(repo, task, year, lang),
            state.with_(task=task).query(),
        )

    app.callback(
        Output("mt-task", "data"),
        Output("mt-tiles", "children"),
        Output("mt-detail", "children"),
        Output("mt-map", "figure"),
        Output("url", "search", allow_duplicate=True),
        Input("mt-prev", "n_clicks"),
        Input("mt-next", "n_clicks"),
        Input("mt-timer", "n_intervals"),
        State("mt-task", "data"),
        State("url", "pathname"),
        State("url", "search"),
        prevent_initial_call="initial_duplicate",
    )(step)

    def toggle(_clicks, disabled):
        return not disabled

    app.callback(
        Output("mt-timer", "disabled"),
        Input("mt-pause", "n_clicks"),
        State("mt-timer", "disabled"),
        prevent_initial_call=True,
    )(toggle)

    # The clock ticks in the browser: no request per second to the server.
    app.clientside_callback(
        ClientsideFunction("kepu", "clock"), Output("mt-clock", "children"), Input("mt-clock-tick", "n_intervals")
    )
