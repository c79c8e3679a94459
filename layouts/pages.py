"""Which layout a view state shows (``?embed=1`` on a page with charts: that page's one chart)."""

from __future__ import annotations

import importlib

from dash import html

from dashboard.context import AppContext
from dashboard.pages import page
from dashboard.viewstate import ViewState


def render(state: ViewState, context: AppContext) -> html.Div:
    from layouts import embed

    if context.viewer.login_required():  # KEPU_REQUIRE_LOGIN: a page reached inside the app shows the login form
        state = state.with_(page="login")
    if embed.embeddable(state):
        return embed.layout(state, context)
    return importlib.import_module(f"layouts.{page(state.page).layout}").layout(state, context)
