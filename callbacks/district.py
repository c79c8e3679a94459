"""District profile: the district choice changes the path; year and task update the page and the query.

``update`` and ``go_to_district`` are plain functions of the repository and
the controls, so tests call them directly; ``register`` binds them to one app.
"""

from __future__ import annotations

import dash
from dash import Input, Output, State, no_update

from callbacks import notes
from callbacks.query import mirror_query, query_output
from dashboard.callback_cache import cached_response
from dashboard.context import AppContext
from dashboard.repository import Repository
from dashboard.viewstate import parse
from layouts.district import header, indicator_table, may_note, rank_summary, resolve, small_multiples, task_cards
from layouts.facilities import district_venues


def view_for(repo: Repository, year, task, pathname, search):
    """The view state these controls mean, with the unit, year and task it resolves to."""
    choices = repo.choices()
    state = parse(pathname, search, choices)
    state = state.with_(
        page="district", year=year if year in choices.years else None, task=task if task in choices.tasks else None
    )
    unit, year, task = resolve(state, repo)
    state = state.with_(district=unit.code, year=year, task=task).canonical(choices)
    return state, unit, year, task


# What the district page's controls update, by name (update returns a dict with these keys).
OUTPUTS = {
    "header": Output("dp-header", "children"),
    "tasks": Output("dp-tasks", "children"),
    "table": Output("dp-table", "children"),
    "summary": Output("dp-summary", "children"),
    "multiples": Output("dp-multiples", "children"),
    "venues": Output("dp-venues", "children"),
    "search": query_output("dp"),  # the view in the URL (callbacks/query.py)
}


def update(repo: Repository, year, task, pathname, search, *, may_note: bool = False) -> dict:
    state, unit, year, task = view_for(repo, year, task, pathname, search)
    lang = state.lang
    return {
        "header": header(repo, unit, year, lang),
        "tasks": task_cards(repo, state, unit, year),
        "table": indicator_table(repo, state, unit, year, may_note=may_note),
        "summary": rank_summary(repo, unit, year, lang),
        "multiples": small_multiples(repo, unit, task, year, lang),
        "venues": district_venues(repo, unit, year, lang),
        "search": state.query(),
    }


def go_to_district(repo: Repository, district, pathname, search):
    """The path of the chosen district's profile; the query (year, language...) stays."""
    choices = repo.choices()
    state = parse(pathname, search, choices)
    if district not in choices.districts or (state.page == "district" and state.district == district):
        return no_update
    return state.with_(page="district", district=district).path()


def register(app: dash.Dash, context: AppContext) -> None:
    notes.register(app, context)  # the page's notes: add, edit, withdraw

    mirror_query(app, "dp")

    def on_change(year, task, pathname, search):
        repo = context.for_search(search).repo
        return update(repo, year, task, pathname, search, may_note=may_note(context))

    app.callback(
        output=OUTPUTS,
        inputs=[Input("dp-year", "value"), Input("dp-task", "value")],
        state=[State("url", "pathname"), State("url", "search")],
        # The page's first render shows all of this, and its query store tidies the URL (callbacks/query.py).
        prevent_initial_call=True,
    )(cached_response(context, "district", by_trigger=True, ignore_query=("year", "task"))(on_change))

    def on_district(district, pathname, search):
        return go_to_district(context.for_search(search).repo, district, pathname, search)

    app.callback(
        Output("url", "pathname", allow_duplicate=True),
        Input("dp-district", "value"),
        State("url", "pathname"),
        State("url", "search"),
        prevent_initial_call=True,
    )(on_district)
