"""The frame around every page: navigation bar, sample-data banner, page slot."""

from __future__ import annotations

from typing import TYPE_CHECKING

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.context import Viewer
from dashboard.i18n import other_lang, t
from dashboard.pages import NAVBAR
from dashboard.viewstate import ViewState
from layouts.common import attrs
from layouts.exports import export_area, navbar_tools
from layouts.login import user_menu

if TYPE_CHECKING:
    from dashboard.plans import PlanSet
    from dashboard.repository import Repository


def nav_href(state: ViewState, page: str, first_task: str, first_district: str) -> str:
    """The link to another page keeps the current filters."""
    target = state.with_(page=page, embed=False, chart=None)
    if page == "task" and not state.task:
        target = target.with_(task=first_task)
    if page == "district" and not state.district:
        target = target.with_(district=first_district)
    return target.to_url()


def navbar(
    state: ViewState,
    first_task: str,
    first_district: str,
    year: int | None = None,
    viewer: Viewer | None = None,
    *,
    title: str,
    short_title: str | None = None,
    plans: PlanSet | None = None,
) -> dbc.Navbar:
    """``year``: the year the page shows, which the export menu exports (default: the state's year);
    ``title``: the app's name for the plan's region (dashboard.i18n.app_title), ``short_title`` the
    one a phone shows (app_title_short); ``plans``: the deployment's plans, offered in a switcher
    when there are several.

    Below the md breakpoint the links and the actions fold behind a menu button (assets/nav.js opens
    it), so that a link opened on a phone shows the page, not the menu; from md up the fold is
    ``display: contents`` (assets/app.css) and the bar is laid out as it always was."""
    lang = state.lang
    other = other_lang(lang)
    items = [
        dbc.NavItem(
            dbc.NavLink(
                t(f"nav_{p}", lang),
                href=nav_href(state, p, first_task, first_district),
                active=state.page == p,
                id=f"nav-{p}",
            )
        )
        for p in NAVBAR
    ]
    # The language switch reloads the page: every label is rebuilt in the other language.
    switch = html.A(
        t("lang_switch", lang),
        href=state.with_(lang=other).to_url(),
        id="lang-switch",
        className="btn btn-outline-light btn-sm ms-3 text-nowrap",
        lang=other,
    )
    meeting = html.A(
        t("nav_meeting", lang),
        href=state.with_(page="meeting").to_url(),
        id="nav-meeting",
        className="btn btn-outline-light btn-sm ms-2 text-nowrap",
    )
    return dbc.Navbar(
        dbc.Container(
            [
                html.A(t("skip_to_content", lang), href="#page", className="skip-link", id="skip-link"),
                dbc.NavbarBrand(
                    [
                        html.Span(title, className="brand-full d-none d-md-inline"),
                        html.Span(short_title or title, className="brand-short d-md-none"),
                    ],
                    href=state.with_(page="overview").to_url(),
                    className="fw-bold",
                ),  # .brand-full is also the print margin's and the fallback <title>'s name (assets/a11y.js)
                # A plain button rather than dbc.NavbarToggler, which takes no aria-* attributes.
                html.Button(
                    html.Span(className="navbar-toggler-icon"),
                    id="navbar-toggler",
                    type="button",
                    n_clicks=0,
                    className="navbar-toggler",
                    **attrs({"aria-label": t("menu", lang), "aria-expanded": "false", "aria-controls": "navbar-menu"}),
                ),
                dbc.Collapse(
                    [
                        html.Nav(
                            dbc.Nav(items, navbar=True),
                            className="me-auto",
                            **attrs({"aria-label": t("main_navigation", lang)}),
                        ),
                        # One group, so that a narrow screen (English at 1366 px) wraps it whole to a
                        # right-aligned second row.
                        html.Div(
                            [
                                # 复制链接, 嵌入代码, 导出 (layouts/exports.py)
                                plan_switcher(state, plans),
                                navbar_tools(state, year if year is not None else state.year, title),
                                meeting,
                                switch,
                                user_menu(
                                    state, viewer or Viewer()
                                ),  # log in, or who is logged in and log out (layouts/login.py)
                            ],
                            className="d-flex align-items-center flex-wrap ms-auto navbar-actions",
                        ),
                    ],
                    id="navbar-menu",
                    is_open=False,
                    navbar=True,
                ),
            ],
            fluid=True,
            className="flex-wrap",
        ),  # a narrow screen wraps the navbar rather than overflowing
        color="primary",
        dark=True,
        className="mb-2 no-print-chrome",
        id="navbar",
        tag="header",
        role="banner",  # the banner landmark (dbc says "navigation"); the links inside are the <nav>
    )


def plan_label(repo: Repository, lang: str) -> str:
    """A plan as the switcher names it: its region and period (齐齐哈尔市 2021—2025年)."""
    plan = repo.plan
    return t("plan_period", lang, region=plan.region.name.get(lang), start=plan.start_year, end=plan.end_year)


def plan_switcher(state: ViewState, plans: PlanSet | None) -> dbc.DropdownMenu | None:
    """The same page on each plan of the deployment (``?plan=``, left out for the default plan);
    nothing when there is one plan. Filters the other plan lacks (a year, an indicator) fall back
    to its defaults when that page is parsed."""
    if plans is None or len(plans) < 2:
        return None
    lang = state.lang
    current = next((r for r in plans if r.url_code == state.plan), plans.default)
    items = [
        dbc.DropdownMenuItem(
            plan_label(repo, lang),
            href=state.with_(plan=repo.url_code, embed=False, chart=None).to_url(),
            active=repo is current,
            id=f"plan-{repo.plan.code}",
            external_link=True,  # a reload, as the language switch: the page is built for the other plan
        )
        for repo in plans
    ]
    return dbc.DropdownMenu(
        items,
        label=plan_label(current, lang),
        id="plan-switch",
        in_navbar=True,
        nav=False,
        size="sm",
        color="primary",
        align_end=True,
        class_name="ms-2 plan-switch",
        toggle_class_name="border-light bg-transparent text-nowrap",
    )  # looks as the export menu beside it


def sample_banner(lang: str, is_sample: bool):
    """The sample-data notice; with real data only the (unseen) data status.  Either way
    data-print-status is what assets/a11y.js prints in every printed sheet's top margin."""
    if not is_sample:
        return html.Span(
            t("data_status_real", lang),
            hidden=True,
            id="data-status",
            **attrs({"data-print-status": t("data_status_real", lang)}),
        )
    label = t("sample_badge", lang)
    return html.Div(
        dbc.Alert(
            [html.Strong(label), " · ", t("sample_banner_detail", lang)],
            color="warning",
            className="py-2 mb-2 sample-banner",
            id="sample-banner",
        ),
        **attrs({"data-print-status": label}),
    )


def shell(pathname: str | None = None, search: str | None = None, *, chrome=None, page=None) -> html.Div:
    """The frame of every page. With a ``pathname`` it comes with the view at that address already in
    it (``chrome``: navbar and banner, ``page``: the page), so the browser draws it without asking the
    routing callbacks (callbacks/routing.py); without, the routing callbacks fill it."""
    location = {} if pathname is None else {"pathname": pathname, "search": search or ""}
    return html.Div(
        [
            dcc.Location(id="url", refresh="callback-nav", **location),
            html.Div(chrome, id="chrome"),
            html.Main(page, id="page", className="container-fluid pb-4", tabIndex="-1"),  # -1: the skip link's target
            export_area(),  # outside #chrome: a running export's outputs survive a rebuilt navbar
        ],
        id="app-root",
    )
