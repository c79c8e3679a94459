"""Which layout a view state shows (``?embed=1`` on a page with charts: that page's one chart)."""

from __future__ import annotations

from dash import html

from dashboard.repository import Repository
from dashboard.viewstate import ViewState


def render(state: ViewState, repo: Repository) -> html.Div:
    from dashboard.auth import login_required
    from layouts import (data_table, departments, district, embed, history, login, map_explorer, meeting, overview,
                         task, upload)

    if login_required():  # KEPU_REQUIRE_LOGIN: a page reached inside the app shows the login form
        state = state.with_(page="login")
    if embed.embeddable(state):
        return embed.layout(state, repo)
    module = {"overview": overview, "map": map_explorer, "task": task, "district": district,
              "departments": departments, "data": data_table, "meeting": meeting,
              "upload": upload, "history": history, "login": login}[state.page]
    return module.layout(state, repo)
