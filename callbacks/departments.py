"""Departments: year and department → matrix, department panel, table and URL; a matrix click chooses a row."""

from __future__ import annotations

import dash
from dash import Input, Output, State, no_update

from callbacks.query import mirror_query, query_output
from dashboard.callback_cache import cached_response
from dashboard.context import AppContext
from dashboard.repository import Repository
from dashboard.viewstate import parse
from layouts.departments import view, view_state


def update_departments(repo: Repository, year, department, pathname, search):
    """(header, matrix figure, department panel, roles table, URL query) for a year and department."""
    state = view_state(repo, parse(pathname, search, repo.choices()), year, department)
    shown = view(repo, state)
    return shown["header"], shown["matrix"], shown["panel"], shown["table"], state.query()


def department_from_click(repo: Repository, click_data, current):
    """The department of a clicked matrix cell (its row); nothing changes on a click elsewhere."""
    points = (click_data or {}).get("points") or []
    code = points[0].get("y") if points else None
    return code if code in repo.choices().departments and code != current else no_update


def register(app: dash.Dash, context: AppContext) -> None:
    mirror_query(app, "dep")

    def update(year, department, pathname, search):
        return update_departments(context.for_search(search).repo, year, department, pathname, search)

    app.callback(
        Output("dep-header", "children"),
        Output("dep-matrix", "figure"),
        Output("dep-panel", "children"),
        Output("dep-table", "children"),
        query_output("dep"),  # the view in the URL (callbacks/query.py)
        Input("dep-year", "value"),
        Input("dep-department", "value"),
        State("url", "pathname"),
        State("url", "search"),
        prevent_initial_call=True,  # the page's first render brings its matrix (layouts/departments.py view)
    )(cached_response(context, "departments", ignore_query=("year", "department"))(update))

    def select(click_data, current, search):
        return department_from_click(context.for_search(search).repo, click_data, current)

    app.callback(
        Output("dep-department", "value"),
        Input("dep-matrix", "clickData"),
        State("dep-department", "value"),
        State("url", "search"),
        prevent_initial_call=True,
    )(select)
