"""URL → page. The page is rebuilt when the path changes; filters on a page
write the query string without rebuilding it (see each page's callbacks)."""

from __future__ import annotations

import dash
from dash import Input, Output, State, html

from dashboard.context import AppContext
from dashboard.i18n import app_title
from dashboard.viewstate import parse
from layouts import pages
from layouts.shell import navbar, sample_banner


def register(app: dash.Dash, context: AppContext) -> None:
    def render_page(pathname, search):
        plan = context.for_search(search)  # ?plan=CODE, else the default plan
        state = parse(pathname, search, plan.repo.choices())
        return pages.render(state, plan)

    app.callback(Output("page", "children"), Input("url", "pathname"), State("url", "search"))(render_page)

    def render_chrome(pathname, search):
        plan = context.for_search(search)
        repo = plan.repo
        state = parse(pathname, search, repo.choices())
        if state.embed or state.page == "meeting":
            return None  # embeds and meeting mode carry their own title and sample label
        choices = repo.choices()
        return html.Div(
            [
                navbar(
                    state,
                    choices.tasks[0],
                    choices.districts[0],
                    state.year_or_default(choices),
                    context.viewer,
                    title=app_title(plan.plan.region.name.get(state.lang), state.lang),
                    plans=context.plan_set,
                ),
                sample_banner(state.lang, repo.status()["is_sample"]),
            ]
        )

    app.callback(Output("chrome", "children"), Input("url", "pathname"), Input("url", "search"))(render_chrome)
