"""Meeting mode: step through the tasks by timer, buttons, keyboard or clicker."""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, State, ctx

from dashboard.charts import map_chart
from dashboard.context import AppContext
from dashboard.repository import Repository
from dashboard.viewstate import parse
from layouts.meeting import map_indicator, task_detail, task_tile

DARK = {"paper_bgcolor": "#10151c", "plot_bgcolor": "#10151c", "font": {"color": "#f1f3f5"}}


def next_task(tasks: tuple[str, ...], current: str | None, step: int) -> str:
    i = tasks.index(current) if current in tasks else -step
    return tasks[(i + step) % len(tasks)]


def meeting_map(repo: Repository, task: str, year: int, lang: str):
    fig = map_chart(repo, map_indicator(repo, task), year, lang, height=560)
    fig.update_layout(**DARK, height=None, autosize=True, legend={"bgcolor": "rgba(16,21,28,0.8)", "font": {"size": 16}},
                      title={"font": {"size": 24, "color": "#f1f3f5"}, "subtitle": {"font": {"color": "#cfd4da"}}})
    # The caption goes light on the dark screen; the sample-data mark keeps its dark text on pale yellow.
    for name in ("caption", "empty-state"):
        fig.update_annotations(font={"color": "#cfd4da"}, selector={"name": name})
    compact_caption(fig)
    # District labels: assets/app.css sizes them with the screen (larger on a projector, smaller on a
    # laptop, where long pinyin names would run into each other); this size is what exports keep.
    fig.update_traces(textfont={"size": 13 if lang == "zh" else 12}, selector={"name": "labels"})
    geo = fig.layout.geo
    if lang == "en" and geo.lonaxis.range:
        # The meeting map is limited by its height: room at the sides costs no size and keeps the
        # outermost pinyin labels (Shuangcheng, Yilan) inside the frame.
        west, east = geo.lonaxis.range
        pad = (east - west) * 0.08
        fig.update_geos(lonaxis_range=[west - pad, east + pad], center_lon=(west + east) / 2)
    return fig


def compact_caption(fig) -> None:
    """The caption in two lines (source; as-of and sample) rather than wrapped for a narrow chart:
    the meeting map is wide, and every line given back goes to the map."""
    caption = next((a for a in fig.layout.annotations if a.name == "caption"), None)
    if caption is None or "<br>" not in (caption.text or ""):
        return
    lines = caption.text.split("<br>")
    if len(lines) <= 2:
        return
    saved = 14 * (len(lines) - 2)
    bottom = fig.layout.margin.b - saved
    source = "".join(line if i == 0 or _cjk(lines[i - 1][-1:]) else " " + line for i, line in enumerate(lines[:-1]))
    fig.update_annotations(text=source + "<br>" + lines[-1], yshift=-bottom + 8,
                           selector={"name": "caption"})
    fig.update_annotations(yshift=-bottom + 8, selector={"name": "sample-mark"})
    fig.update_layout(margin={"b": bottom})


def _cjk(char: str) -> bool:
    return bool(char) and ord(char) > 0x2E80  # Chinese lines were broken between characters, not at spaces


def register(app: dash.Dash, context: AppContext) -> None:
    repo = context.repo

    def step(_prev, _next, _tick, current, pathname, search):
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
        return (task, tiles, task_detail(repo, task, year, lang), meeting_map(repo, task, year, lang),
                state.with_(task=task).query())

    app.callback(
        Output("mt-task", "data"), Output("mt-tiles", "children"), Output("mt-detail", "children"),
        Output("mt-map", "figure"), Output("url", "search", allow_duplicate=True),
        Input("mt-prev", "n_clicks"), Input("mt-next", "n_clicks"), Input("mt-timer", "n_intervals"),
        State("mt-task", "data"), State("url", "pathname"), State("url", "search"),
        prevent_initial_call="initial_duplicate",
    )(step)

    def toggle(_clicks, disabled):
        return not disabled

    app.callback(Output("mt-timer", "disabled"), Input("mt-pause", "n_clicks"), State("mt-timer", "disabled"),
                 prevent_initial_call=True)(toggle)

    # The clock ticks in the browser: no request per second to the server.
    app.clientside_callback(ClientsideFunction("kepu", "clock"), Output("mt-clock", "children"),
                            Input("mt-clock-tick", "n_intervals"))
