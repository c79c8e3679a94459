"""Data page: filters → grid rows, missing cells and URL; buttons → formula-safe CSV and Excel."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, no_update

from callbacks.facilities import register_data, registry_sheet
from callbacks.filters import register_panel
from dashboard.callback_cache import cached_response
from dashboard.context import AppContext
from dashboard.i18n import t
from dashboard.repository import Repository
from dashboard.services.observations import missing_cells, observations_for
from dashboard.services.reporting import pending_observations
from dashboard.viewstate import ViewState, parse, validate
from data.export import to_csv_bytes, to_xlsx_bytes
from layouts.common import indicator_options, page_header
from layouts.data_table import (
    FILTERS,
    download_name,
    export_frame,
    grid_rows,
    missing_method,
    missing_rows,
    row_id,
    summary,
)
from layouts.reporting import pending_grid_rows

HIDDEN = {"display": "none"}


def grid_style(n_rows: int) -> dict:
    """Hidden when empty (the empty state says why); as tall as its rows, up to most of the screen."""
    if n_rows == 0:
        return HIDDEN
    return {"height": f"min(62vh, {100 + 31 * n_rows}px)", "minHeight": "160px"}


def filter_state(repo: Repository, task, indicator, district, year, pathname, search) -> ViewState:
    """The view state with the page's filters, checked against the plan (a stale value is dropped)."""
    choices = repo.choices()
    state = parse(pathname, search, choices)
    return validate(
        state.with_(task=task or None, indicator=indicator or None, district=district or None, year=year), choices
    )


def update_data(repo: Repository, task, indicator, district, year, pathname, search):
    """(header, grid rows, summary, empty state, grid style, missing rows, missing method, no-missing note,
    missing grid style, URL query)."""
    state = filter_state(repo, task, indicator, district, year, pathname, search)
    lang = state.lang
    frame = observations_for(repo, state.task, state.indicator, state.district, state.year)
    missing = missing_cells(repo, state.task, state.indicator, state.district, state.year)
    as_of = state.year_or_default(repo.choices())
    empty = None
    if frame.empty:
        empty = dbc.Alert(t("dt_empty", lang), color="secondary", id="dt-empty-alert", className="mb-2")
    no_missing = None
    if missing.empty:
        no_missing = dbc.Alert(
            "✔ " + t("dt_no_missing", lang), color="success", className="py-2 small", id="dt-no-missing"
        )
    # Values awaiting review (KEPU_REVIEW_IMPORTS) are shown, marked, but are in no download or count.
    waiting = pending_observations(repo, state.task, state.indicator, state.district, state.year)
    return (
        page_header(t("nav_data", lang) + " · " + t("observations", lang), as_of, lang),
        grid_rows(repo, frame, lang) + pending_grid_rows(repo, waiting, lang),
        summary(len(frame), len(missing), lang),
        empty,
        grid_style(len(frame) + len(waiting)),
        missing_rows(repo, missing, lang),
        missing_method(repo, state.year, lang),
        no_missing,
        HIDDEN if missing.empty else {"height": f"{min(330, 60 + 31 * len(missing))}px"},
        state.query(),
    )


def indicators_of_task(repo: Repository, task, current, pathname, search):
    """The indicator choices of a task; a chosen indicator of another task is cleared."""
    lang = parse(pathname, search).lang
    options = indicator_options(repo, lang, task or None)
    codes = {o["value"] for o in options}
    return options, current if current in codes else None


def download(repo: Repository, fmt: str, task, indicator, district, year, visible_rows, pathname, search) -> dict:
    """dcc.Download data for the filter; when the grid reports its visible rows, exactly those, in its order."""
    state = filter_state(repo, task, indicator, district, year, pathname, search)
    frame = observations_for(repo, state.task, state.indicator, state.district, state.year)
    if visible_rows is not None:
        ids = [r.get("id") for r in visible_rows if isinstance(r, dict)]
        keyed = frame.set_axis(
            [
                row_id(i, r, y)
                for i, r, y in zip(frame["indicator_code"], frame["region_code"], frame["year"], strict=True)
            ]
        )
        frame = keyed.loc[[i for i in ids if i in keyed.index]]
    table = export_frame(repo, frame, state.lang)
    is_sample = bool(frame["is_sample"].any()) if not frame.empty else repo.status()["is_sample"]
    name = download_name(state.task, state.indicator, state.district, state.year, is_sample, fmt)
    if fmt == "xlsx":
        # The venue registry goes along as its own sheet (issue 18): the list behind the counted indicators.
        more = registry_sheet(repo, state.lang, state.year)
        return dcc.send_bytes(to_xlsx_bytes(table, sheet=t("observations", state.lang), more=more), name)
    return dcc.send_bytes(to_csv_bytes(table), name)


def register(app: dash.Dash, context: AppContext) -> None:
    register_data(app, context)  # the venue registry's download (callbacks/facilities.py)
    register_panel(app, FILTERS)  # the phone's 「筛选」 panel
    filters = [
        Input("dt-task", "value"),
        Input("dt-indicator", "value"),
        Input("dt-district", "value"),
        Input("dt-year", "value"),
    ]

    def update(task, indicator, district, year, pathname, search):
        return update_data(context.for_search(search).repo, task, indicator, district, year, pathname, search)

    app.callback(
        Output("dt-header", "children"),
        Output("dt-grid", "rowData"),
        Output("dt-summary", "children"),
        Output("dt-empty", "children"),
        Output("dt-grid", "style"),
        Output("dt-missing-grid", "rowData"),
        Output("dt-missing-method", "children"),
        Output("dt-missing-empty", "children"),
        Output("dt-missing-grid", "style"),
        Output("url", "search", allow_duplicate=True),
        *filters,
        State("url", "pathname"),
        State("url", "search"),
        prevent_initial_call="initial_duplicate",
    )(cached_response(context, "data", ignore_query=("task", "indicator", "district", "year"))(update))

    def task_changed(task, current, pathname, search):
        return indicators_of_task(context.for_search(search).repo, task, current, pathname, search)

    app.callback(
        Output("dt-indicator", "options"),
        Output("dt-indicator", "value"),
        Input("dt-task", "value"),
        State("dt-indicator", "value"),
        State("url", "pathname"),
        State("url", "search"),
        prevent_initial_call=True,
    )(task_changed)

    for fmt in ("csv", "xlsx"):

        def send(n_clicks, task, indicator, district, year, visible, pathname, search, fmt=fmt):
            if not n_clicks:
                return no_update
            repo = context.for_search(search).repo
            return download(repo, fmt, task, indicator, district, year, visible, pathname, search)

        app.callback(
            Output(f"dt-download-{fmt}", "data"),
            Input(f"dt-{fmt}", "n_clicks"),
            State("dt-task", "value"),
            State("dt-indicator", "value"),
            State("dt-district", "value"),
            State("dt-year", "value"),
            State("dt-grid", "virtualRowData"),
            State("url", "pathname"),
            State("url", "search"),
            prevent_initial_call=True,
        )(send)
