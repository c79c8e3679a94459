"""Departments: year and department → matrix, department panel, table and URL; a matrix click chooses a row."""

from __future__ import annotations

import dash
from dash import Input, Output, State, no_update

from dashboard.callback_cache import cached_response
from dashboard.context import AppContext
from dashboard.i18n import t
from dashboard.repository import Repository
from dashboard.viewstate import parse
from layouts.common import page_header
from layouts.departments import department_panel, matrix_chart, roles_table


def update_departments(repo: Repository, year, department, pathname, search):
    """(header, matrix figure, department panel, roles table, URL query) for a year and department."""
    choices = repo.choices()
    state = parse(pathname, search, choices)
    year = choices.year_or_default(year)
    department = department if department in choices.departments else None
    state = state.with_(year=year, department=department).canonical(choices)
    lang = state.lang
    return (
        page_header(t("nav_departments", lang), year, lang),
        matrix_chart(repo, year, lang, department),
        department_panel(repo, state, year, department),
        roles_table(repo, state, year, department),
        state.query(),
    )


def department_from_click(repo: Repository, click_data, current):
    """The department of a clicked matrix cell (its row); nothing changes on a click elsewhere."""
    points = (click_data or {}).get("points") or []
    code = points[0].get("y") if points else None
    return code if code in repo.choices().departments and code != current else no_update


def register(app: dash.Dash, context: AppContext) -> None:
    def update(year, department, pathname, search):
        return update_departments(context.for_search(search).repo, year, department, pathname, search)

    app.callback(
        Output("dep-header", "children"),
        Output("dep-matrix", "figure"),
        Output("dep-panel", "children"),
        Output("dep-table", "children"),
        Output("url", "search", allow_duplicate=True),
        Input("dep-year", "value"),
        Input("dep-department", "value"),
        State("url", "pathname"),
        State("url", "search"),
        prevent_initial_call="initial_duplicate",
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
