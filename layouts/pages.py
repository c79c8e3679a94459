"""Which layout a view state shows."""

from __future__ import annotations

from dash import html

from dashboard.repository import Repository
from dashboard.viewstate import ViewState


def render(state: ViewState, repo: Repository) -> html.Div:
    from dashboard.auth import login_required
    from layouts import data_table, departments, district, history, login, map_explorer, meeting, overview, task, upload

    if login_required():  # KEPU_REQUIRE_LOGIN: a page reached inside the app shows the login form
        state = state.with_(page="login")
    module = {"overview": overview, "map": map_explorer, "task": task, "district": district,
              "departments": departments, "data": data_table, "meeting": meeting,
              "upload": upload, "history": history, "login": login}[state.page]
    return module.layout(state, repo)
