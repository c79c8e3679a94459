"""地图 Map explorer: choose task and indicator, play through the years, click a district."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import t
from dashboard.repository import Repository
from dashboard.viewstate import ViewState
from layouts.common import graph, indicator_options, labelled, page_header, status_legend, task_options


def layout(state: ViewState, repo: Repository) -> html.Div:
    lang = state.lang
    choices = repo.choices()
    year = state.year_or_default(choices)
    indicator = state.indicator_or_default(choices)
    task = state.task or repo.indicator(indicator).task
    years = repo.years()
    return html.Div([
        page_header(t("nav_map", lang), year, lang),
        dbc.Row([
            labelled(t("task", lang), dcc.Dropdown(id="mx-task", options=task_options(repo, lang), value=task,
                                                   placeholder=t("all", lang)), width=4, id_for="mx-task"),
            labelled(t("indicator", lang), dcc.Dropdown(id="mx-indicator", value=indicator, clearable=False,
                                                        options=indicator_options(repo, lang, task)),
                     width=5, id_for="mx-indicator"),
            labelled(t("legend_status", lang) + " / " + t("legend_value", lang), dbc.RadioItems(
                id="mx-legend", value=state.legend, inline=True,
                options=[{"label": t("legend_status", lang), "value": "status"},
                         {"label": t("legend_value", lang), "value": "value"}]), width=3),
        ], className="g-2"),
        dbc.Row([
            dbc.Col(dbc.Button(t("play", lang), id="mx-play", color="primary", size="sm", n_clicks=0,
                               className="me-2", title=t("play", lang)), width="auto"),
            dbc.Col(dcc.Slider(id="mx-year", min=years[0], max=years[-1], step=1, value=year,
                               marks={y: str(y) for y in years}, included=False), className="flex-grow-1"),
            dbc.Col(dbc.RadioItems(id="mx-view", value=state.view, inline=True,
                                   options=[{"label": t("view_all", lang), "value": "all"},
                                            {"label": t("view_central", lang), "value": "central"}]), width="auto"),
            dbc.Col(dbc.Checklist(id="mx-bubbles", value=[], switch=True,
                                  options=[{"label": t("bubbles", lang), "value": "on"}]), width="auto"),
        ], className="align-items-center g-2 mb-2"),
        dcc.Interval(id="mx-timer", interval=1500, disabled=True),
        dcc.Store(id="mx-selected", data=state.district),
        status_legend(lang),
        dbc.Row([
            dbc.Col(graph("mx-map", filename=f"map-{indicator}-{year}"), lg=7, xxl=8),
            dbc.Col(graph("mx-ranking", filename=f"ranking-{indicator}-{year}"), lg=5, xxl=4),
        ], className="mt-2"),
        dbc.Row([
            dbc.Col(html.Div(id="mx-district-panel"), lg=5),
            dbc.Col(graph("mx-trend", filename=f"trend-{indicator}"), lg=7),
        ], className="mt-2"),
    ], id="map-page")
