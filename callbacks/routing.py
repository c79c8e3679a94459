"""URL → page. The page is rebuilt when the path changes; filters on a page
write the query string without rebuilding it (see each page's callbacks)."""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, State, html

from dashboard.callback_cache import cached_response
from dashboard.context import AppContext
from dashboard.i18n import app_title, app_title_short
from dashboard.security import referring_address
from dashboard.titles import view_title
from dashboard.viewstate import parse
from layouts import pages
from layouts.shell import navbar, sample_banner, shell


def register(app: dash.Dash, context: AppContext) -> None:
    def render_page(pathname, search):
        plan = context.for_search(search)  # ?plan=CODE, else the default plan
        state = parse(pathname, search, plan.repo.choices())
        return pages.render(state, plan)

    page = cached_response(context, "page")(render_page)  # a page that asks who is asking is not shared
    # prevent_initial_call: the first view comes in the layout (first_view below). Were the layout's
    # address not the browser's, dcc.Location would set its own on mounting, and these would run.
    app.callback(
        Output("page", "children"), Input("url", "pathname"), State("url", "search"), prevent_initial_call=True
    )(page)

    def render_chrome(pathname, search):
        plan = context.for_search(search)
        repo = plan.repo
        state = parse(pathname, search, repo.choices())
        if state.embed or state.page == "meeting":
            return None  # embeds and meeting mode carry their own title and sample label
        choices = repo.choices()
        region = plan.plan.region.name.get(state.lang)
        return html.Div(
            [
                navbar(
                    state,
                    choices.tasks[0],
                    choices.districts[0],
                    state.year_or_default(choices),
                    context.viewer,
                    title=app_title(region, state.lang),
                    short_title=app_title_short(region, state.lang),
                    plans=context.plan_set,
                ),
                sample_banner(state.lang, repo.status()["is_sample"]),
                # The view's name: assets/a11y.js makes it the document's <title> (tabs, bookmarks, chat previews).
                html.Span(view_title(state, repo), id="view-title", hidden=True),
            ]
        )

    app.callback(
        Output("chrome", "children"), Input("url", "pathname"), Input("url", "search"), prevent_initial_call=True
    )(render_chrome)

    def first_view():
        """The layout with the view the browser is at already in it: one round trip fewer before a
        page is drawn. The browser asks for the layout from the page's address, which it sends as the
        Referer (same origin: dashboard/security.py); without one the frame comes empty and the
        routing callbacks fill it."""
        where = referring_address()
        if where is None:
            return shell()
        pathname, search = where
        return shell(pathname, search, chrome=render_chrome(pathname, search), page=page(pathname, search))

    app.layout = first_view

    # The phone's menu button opens and closes the folded navbar in the browser (assets/nav.js): at
    # once, with no round trip, and saying so to screen readers (aria-expanded).
    app.clientside_callback(
        ClientsideFunction("nav", "toggle"),
        Output("navbar-menu", "is_open"),
        Output("navbar-toggler", "aria-expanded"),
        Input("navbar-toggler", "n_clicks"),
        State("navbar-menu", "is_open"),
        prevent_initial_call=True,
    )
