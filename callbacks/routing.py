"""URL → page. The page is rebuilt when the path changes; filters on a page
write the query string without rebuilding it (see each page's callbacks)."""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, State, html

from dashboard.callback_cache import cached_response
from dashboard.context import AppContext
from dashboard.i18n import app_title, app_title_short
from dashboard.titles import view_title
from dashboard.viewstate import parse
from layouts import pages
from layouts.shell import navbar, sample_banner


def register(app: dash.Dash, context: AppContext) -> None:
    def render_page(pathname, search):
        plan = context.for_search(search)  # ?plan=CODE, else the default plan
        state = parse(pathname, search, plan.repo.choices())
        return pages.render(state, plan)

    app.callback(Output("page", "children"), Input("url", "pathname"), State("url", "search"))(
        cached_response(context, "page")(render_page)  # a page that asks who is asking is not shared
    )

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

    app.callback(Output("chrome", "children"), Input("url", "pathname"), Input("url", "search"))(render_chrome)

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
