"""总览 Overview: the first page a leader sees."""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.charts import map_chart, trend_chart
from dashboard.context import AppContext
from dashboard.i18n import format_value, join_names, pick, t
from dashboard.repository import Repository
from dashboard.services.reference import national_comparison
from dashboard.viewstate import ViewState
from layouts.common import (
    attrs,
    district_table_details,
    graph,
    indicator_options,
    labelled,
    page_header,
    progress_bar,
    progress_parts,
    query_store,
    status_badge,
    status_badge_parts,
    status_legend,
    trend_table_details,
    year_options,
)
from layouts.district_card import district_card
from layouts.reference import published_figure


def headline_card(repo: Repository, year: int, lang: str) -> dbc.Card:
    plan = repo.plan
    ind = repo.indicator(plan.goal.indicator)
    goal = pick({"zh": plan.goal.text, "en": plan.goal.title.en}, lang)
    p = repo.progress(ind.code, repo.city, year)
    unit = ind.unit.get(lang)
    value = format_value(p.observed, max(ind.decimals, 1), unit, lang)
    target = format_value(ind.target.value, 0, unit, lang) if ind.target else "—"
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(t("headline", lang), className="text-muted small"),
                html.Div(
                    [
                        html.Span(value, className="display-5 fw-bold me-2", id="headline-value"),
                        html.Span(
                            f"/ {t('target', lang)} {target} ({ind.target.year if ind.target else ''})",
                            className="fs-5 text-muted",
                        ),
                    ]
                ),
                html.Div(
                    [status_badge(p.status.value, lang), html.Span(f" {year}", className="ms-2 text-muted")],
                    className="mb-2",
                ),
                progress_bar(p.score, p.status.value, lang),
                published_figure(national_comparison(plan, year, p.observed), lang, "headline-national"),
                html.Div(goal, className="small text-muted mt-2 goal-text", title=goal),
            ]
        ),
        className="headline-card h-100",
        id="headline-card",
    )


def task_card(repo: Repository, state: ViewState, code: str, year: int) -> dbc.Col:
    """A task's card: a link to its page around one element whose content assets/task_cards.js draws
    from ``data-card``. As a tree of components (15 a card) the ten cards were half of the page's
    components and cost Dash's renderer about 50 ms on every visit (docs/benchmarks.md)."""
    lang = state.lang
    task = repo.plan.task_by_code[code]
    gp = repo.task_progress(year)[code]
    lead = join_names((repo.plan.department_by_code[c].name.get(lang) for c in task.roles.lead), lang)
    href = state.with_(page="task", task=code, indicator=None).to_url()
    card = {
        "code": code,
        "short": task.short.get(lang),
        "title": task.title.get(lang),
        "badge": status_badge_parts(gp.status.value, lang),
        "progress": progress_parts(gp.score, gp.status.value, lang),
        "leadLabel": t("lead", lang) + ": ",
        "lead": lead,
    }
    return dbc.Col(
        dcc.Link(
            html.Div(className="card task-card h-100", **attrs({"data-card": json.dumps(card, ensure_ascii=False)})),
            href=href,
            className="text-decoration-none text-reset",
        ),
        xs=12,
        sm=6,
        lg=4,
        xl=True,
        className="mb-2",
        id=f"task-card-{code}",
    )


def task_cards(repo: Repository, state: ViewState, year: int) -> list:
    """Rows of five cards (a plan of ten tasks: two rows), the last row closing the block."""
    codes = [tk.code for tk in repo.plan.tasks]
    rows = [codes[i : i + 5] for i in range(0, len(codes), 5)]
    return [
        dbc.Row(
            [task_card(repo, state, c, year) for c in row],
            className="g-2 mb-2" if n == len(rows) - 1 else "g-2",
        )
        for n, row in enumerate(rows)
    ]


def view(repo: Repository, state: ViewState) -> dict:
    """What the overview shows for a view state (year, indicator, the district tapped on the map), by the
    names of callbacks/overview.py's outputs: the page's first render places it (its charts come with the
    page, not in a second round trip) and the page's controls replace it."""
    lang = state.lang
    choices = repo.choices()
    year, indicator = state.year_or_default(choices), state.indicator_or_default(choices)
    selected = state.district if state.district in choices.districts else None
    trend = trend_chart(repo, indicator, repo.city, year, lang, height=480, earlier=repo.follows)
    return {
        "headline": headline_card(repo, year, lang),
        "cards": task_cards(repo, state, year),
        "map": map_chart(repo, indicator, year, lang, height=480, selected=selected),
        "trend": trend,
        "map_table": district_table_details(repo, indicator, year, lang),
        "trend_table": trend_table_details(trend, lang),
        "panel": district_card(repo, indicator, year, selected, state, prefix="ov", hint=map_tap_hint(lang)),
    }


def layout(state: ViewState, context: AppContext) -> html.Div:
    repo = context.repo
    lang = state.lang
    choices = repo.choices()
    year = state.year_or_default(choices)
    indicator = state.indicator_or_default(choices)
    shown = view(repo, state)
    return html.Div(
        [
            page_header(t("nav_overview", lang) + " · " + repo.plan.title.get(lang), year, lang, year_slot="ov-as-of"),
            dbc.Row(
                [
                    dbc.Col(shown["headline"], lg=4, className="mb-2", id="ov-headline"),
                    dbc.Col(
                        dbc.Row(
                            [
                                labelled(
                                    t("year", lang),
                                    dcc.Dropdown(id="ov-year", options=year_options(repo), value=year, clearable=False),
                                    width=3,
                                    id_for="ov-year",
                                ),
                                labelled(
                                    t("indicator", lang),
                                    dcc.Dropdown(
                                        id="ov-indicator",
                                        options=indicator_options(repo, lang),
                                        value=indicator,
                                        clearable=False,
                                    ),
                                    width=9,
                                    id_for="ov-indicator",
                                ),
                                dbc.Col(status_legend(lang), width=12),
                            ]
                        ),
                        lg=8,
                    ),
                ],
                className="ov-top",  # on a phone its columns part: headline, map, then filters (assets/app.css)
            ),
            html.Div(shown["cards"], id="ov-cards"),
            dbc.Row(
                [
                    # Under each chart its numbers as a table; under the map the card of a district clicked or
                    # tapped on it (layouts/district_card.py).
                    dbc.Col(
                        [
                            graph("ov-map", shown["map"], filename=f"map-{indicator}-{year}"),
                            html.Div(shown["panel"], id="ov-district-panel"),
                            dcc.Store(
                                id="ov-selected", data=state.district or ""
                            ),  # "", not None: a memory store sets a None again on mount
                            query_store("ov", state.canonical(choices).query()),
                            html.Div(shown["map_table"], id="ov-map-table"),
                        ],
                        lg=6,
                    ),
                    dbc.Col(
                        [
                            graph("ov-trend", shown["trend"], filename=f"trend-{indicator}-city"),
                            html.Div(shown["trend_table"], id="ov-trend-table"),
                        ],
                        lg=6,
                    ),
                ],
                className="ov-charts",
            ),
        ],
        id="overview-page",
    )


def map_tap_hint(lang: str) -> html.P:
    """Under the map on a phone, with no district chosen: a tap shows what a desktop's hover does.
    (A desktop shows nothing there until a district is clicked.)"""
    return html.P(t("phone_map_tap_hint", lang), className="small text-muted mb-2 d-md-none", id="ov-map-hint")
