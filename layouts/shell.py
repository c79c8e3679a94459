"""The frame around every page: navigation bar, sample-data banner, page slot."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import t
from dashboard.viewstate import ViewState

NAV_PAGES = ("overview", "map", "task", "district", "departments", "data")


def nav_href(state: ViewState, page: str, first_task: str, first_district: str) -> str:
    """The link to another page keeps the current filters."""
    target = state.with_(page=page, embed=False)
    if page == "task" and not state.task:
        target = target.with_(task=first_task)
    if page == "district" and not state.district:
        target = target.with_(district=first_district)
    return target.to_url()


def navbar(state: ViewState, first_task: str, first_district: str) -> dbc.Navbar:
    lang = state.lang
    other = "en" if lang == "zh" else "zh"
    items = [
        dbc.NavItem(dbc.NavLink(t(f"nav_{p}", lang), href=nav_href(state, p, first_task, first_district),
                                active=state.page == p, id=f"nav-{p}"))
        for p in NAV_PAGES
    ]
    # The language switch reloads the page: every label is rebuilt in the other language.
    switch = html.A(t("lang_switch", lang), href=state.with_(lang=other).to_url(), id="lang-switch",
                    className="btn btn-outline-light btn-sm ms-3", lang=other)
    meeting = html.A(t("nav_meeting", lang), href=state.with_(page="meeting").to_url(), id="nav-meeting",
                     className="btn btn-outline-light btn-sm ms-2")
    return dbc.Navbar(
        dbc.Container([
            dbc.NavbarBrand(t("app_title", lang), href=state.with_(page="overview").to_url(), className="fw-bold"),
            dbc.Nav(items, navbar=True, className="me-auto"),
            meeting,
            switch,
        ], fluid=True),
        color="primary", dark=True, className="mb-2 no-print-chrome", id="navbar",
    )


def sample_banner(lang: str, is_sample: bool):
    if not is_sample:
        return None
    return dbc.Alert([html.Strong(t("sample_short", lang).upper() if lang == "en" else "示例数据"), " · ",
                      t("sample_banner", lang)],
                     color="warning", className="py-2 mb-2 sample-banner", id="sample-banner")


def shell() -> html.Div:
    return html.Div([
        dcc.Location(id="url", refresh="callback-nav"),
        html.Div(id="chrome"),
        html.Main(id="page", className="container-fluid pb-4"),
    ], id="app-root")
