"""Which layout a view state shows."""

from __future__ import annotations

from dash import html

from dashboard.repository import Repository
from dashboard.viewstate import ViewState


def render(state: ViewState, repo: Repository) -> html.Div:
    from layouts import data_table, departments, district, map_explorer, meeting, overview, task

    module = {"overview": overview, "map": map_explorer, "task": task, "district": district,
              "departments": departments, "data": data_table, "meeting": meeting}[state.page]
    return module.layout(state, repo)
