"""地图 Map explorer: choose task and indicator, play through the years, click a district."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.charts import map_chart, ranking_chart, trend_chart
from dashboard.context import AppContext
from dashboard.i18n import t
from dashboard.repository import Repository
from dashboard.viewstate import ViewState
from layouts.common import (
    attrs,
    district_options,
    district_table_details,
    graph,
    indicator_options,
    labelled,
    page_header,
    query_store,
    status_legend,
    task_options,
    trend_table_details,
)
from layouts.district_card import district_card
from layouts.facilities import venue_switches
from layouts.filters import FilterPanel, filter_row

# On a phone the task, indicator, district and colouring fold into one 「筛选」 panel (layouts/filters.py);
# its chips name the indicator, the district and the colouring.
FILTERS = FilterPanel("mx", ("mx-indicator", "mx-district", "mx-legend"))


def radio_group(legend: str, control, *, hidden_legend: bool = False) -> html.Fieldset:
    """Radio buttons with the group's name read out (a <fieldset> and its <legend>)."""
    return html.Fieldset(
        [
            html.Legend(
                legend, className="visually-hidden" if hidden_legend else "form-label small fw-semibold mb-1 float-none"
            ),
            control,
        ],
        className="mb-0",
    )


def map_figure(repo: Repository, state: ViewState, *, bubbles: bool = False, venues: bool = False, rings: bool = False):
    """The map for a view state: its indicator and year, coloured by status or value, whole or central,
    with the selected district outlined and the venue layers switched on."""
    choices = repo.choices()
    return map_chart(
        repo,
        state.indicator_or_default(choices),
        state.year_or_default(choices),
        state.lang,
        legend=state.legend,
        view=state.view,
        selected=state.district,
        bubbles=bubbles,
        height=640,
        venues=venues,
        rings=rings,
    )


def view(repo: Repository, state: ViewState, *, map_: bool = True, **layers: bool) -> dict:
    """What the map page shows for a view state, by the names of callbacks/map_explorer.py's outputs: the
    page's first render places it (its charts come with the page, not in a second round trip) and the
    page's controls replace it. ``layers``: the map's bubbles and venue switches (map_figure); without
    ``map_``, everything but the map."""
    lang = state.lang
    choices = repo.choices()
    indicator, year, selected = state.indicator_or_default(choices), state.year_or_default(choices), state.district
    trend = trend_chart(repo, indicator, selected or repo.city, year, lang, compare_city=True, earlier=repo.follows)
    return {
        "map": map_figure(repo, state, **layers) if map_ else None,
        "ranking": ranking_chart(repo, indicator, year, lang, selected=selected, height=640),
        "trend": trend,
        "panel": district_panel(repo, indicator, year, selected, state),
        "table": district_table_details(repo, indicator, year, lang),
        "trend_table": trend_table_details(trend, lang),
    }


def details_for(state: ViewState) -> str:
    """What the ranking, trend, card and tables beside and under the map show (indicator, year, district),
    as the signal the map's answer gives them to follow (callbacks/map_explorer.py)."""
    return f"{state.indicator or ''}|{state.year or ''}|{state.district or ''}"


def district_panel(repo: Repository, indicator: str, year: int, selected: str | None, state: ViewState):
    """The selected district's card (layouts/district_card.py), or how to select one."""
    hint = dbc.Alert(t("map_hint", state.lang), color="light", className="mb-2", id="mx-hint")
    return district_card(repo, indicator, year, selected, state, prefix="mx", hint=hint)


def layout(state: ViewState, context: AppContext) -> html.Div:
    repo = context.repo
    lang = state.lang
    choices = repo.choices()
    year = state.year_or_default(choices)
    indicator = state.indicator_or_default(choices)
    task = state.task or repo.indicator(indicator).task
    years = repo.years()
    shown_state = state.with_(indicator=indicator, task=task, year=year).canonical(choices)
    switches = venue_switches(repo, indicator, lang)  # the venues show by default on an indicator counted from them
    shown = view(repo, shown_state, venues="venues" in switches.value)
    return html.Div(
        [
            page_header(t("nav_map", lang), year, lang, year_slot="mx-as-of"),
            filter_row(
                FILTERS,
                [
                    labelled(
                        t("task", lang),
                        dcc.Dropdown(
                            id="mx-task", options=task_options(repo, lang), value=task, placeholder=t("all", lang)
                        ),
                        width=3,
                        id_for="mx-task",
                        xs=6,  # a phone: task and district side by side, the indicator under them
                    ),
                    labelled(
                        t("indicator", lang),
                        dcc.Dropdown(
                            id="mx-indicator",
                            value=indicator,
                            clearable=False,
                            options=indicator_options(repo, lang, task),
                        ),
                        width=4,
                        id_for="mx-indicator",
                        class_name="order-1 order-md-0",
                    ),
                    labelled(
                        t("district", lang),
                        dcc.Dropdown(
                            id="mx-district",
                            options=district_options(repo, lang),
                            value=state.district,
                            placeholder=t("choose_district", lang),
                        ),
                        width=2,
                        id_for="mx-district",
                        xs=6,
                    ),
                    dbc.Col(
                        radio_group(
                            t("colour_by", lang),
                            dbc.RadioItems(
                                id="mx-legend",
                                value=state.legend,
                                inline=True,
                                options=[
                                    {"label": t("legend_status", lang), "value": "status"},
                                    {"label": t("legend_value", lang), "value": "value"},
                                ],
                            ),
                        ),
                        md=3,
                        className="mb-2 order-1 order-md-0",
                    ),
                ],
                lang,
            ),
            dbc.Row(
                [
                    dbc.Col(
                        dbc.Button(
                            t("play", lang),
                            id="mx-play",
                            color="primary",
                            size="sm",
                            n_clicks=0,
                            className="me-2",
                            title=t("play_years", lang),
                        ),
                        width="auto",
                    ),
                    # dcc.Slider has no aria-label: assets/a11y.js names its thumb and number box from data-aria-label.
                    # On a phone the slider would be a few pixels wide with its year marks on top of each
                    # other: below md a native select takes its place (assets/map_explorer.js keeps the two
                    # in step; callbacks read the slider).
                    dbc.Col(
                        [
                            html.Div(
                                dcc.Slider(
                                    id="mx-year",
                                    min=years[0],
                                    max=years[-1],
                                    step=1,
                                    value=year,
                                    marks={y: str(y) for y in years},
                                    included=False,
                                ),
                                className="d-none d-md-block",
                                **attrs({"data-aria-label": t("year", lang)}),
                            ),
                            html.Div(
                                [
                                    html.Label(t("year", lang), htmlFor="mx-year-pick", className="visually-hidden"),
                                    dbc.Select(
                                        id="mx-year-pick",
                                        options=[{"label": str(y), "value": str(y)} for y in years],
                                        value=str(year),
                                    ),
                                ],
                                className="d-md-none",
                            ),
                        ],
                        className="flex-grow-1",
                    ),
                    dbc.Col(
                        radio_group(
                            t("map_extent", lang),
                            dbc.RadioItems(
                                id="mx-view",
                                value=state.view,
                                inline=True,
                                options=[
                                    {"label": t("view_all", lang), "value": "all"},
                                    {"label": t("view_central", lang), "value": "central"},
                                ],
                            ),
                            hidden_legend=True,
                        ),
                        width="auto",
                    ),
                    dbc.Col(
                        dbc.Checklist(
                            id="mx-bubbles",
                            value=[],
                            switch=True,
                            options=[{"label": t("bubbles", lang), "value": "on"}],
                        ),
                        width="auto",
                    ),
                    dbc.Col(switches, width="auto"),
                ],
                className="align-items-center g-2 mb-2",
            ),
            dcc.Interval(id="mx-timer", interval=1500, disabled=True),
            dcc.Store(
                id="mx-selected", data=state.district or ""
            ),  # "", not None: a memory store sets a None again on mount
            query_store("mx", shown_state.query()),
            html.Data(id="mx-details-for", value=details_for(shown_state)),
            # the same, passed on once the map is painted (callbacks/map_explorer.py, assets/map_explorer.js)
            html.Data(id="mx-details-go", value=details_for(shown_state)),
            status_legend(lang),
            dbc.Row(
                [
                    dbc.Col(graph("mx-map", shown["map"], filename=f"map-{indicator}-{year}"), lg=7, xxl=8),
                    dbc.Col(
                        [
                            graph("mx-ranking", shown["ranking"], filename=f"ranking-{indicator}-{year}"),
                            ranking_toggle(lang),
                        ],
                        lg=5,
                        xxl=4,
                    ),
                    # The map's and the ranking's numbers as a table.
                    dbc.Col(html.Div(shown["table"], id="mx-table"), width=12),
                ],
                className="mt-2",
            ),
            dbc.Row(
                [
                    dbc.Col(html.Div(shown["panel"], id="mx-district-panel"), lg=5),
                    dbc.Col(
                        [
                            graph("mx-trend", shown["trend"], filename=f"trend-{indicator}"),
                            html.Div(shown["trend_table"], id="mx-trend-table"),
                        ],
                        lg=7,
                    ),
                ],
                className="mt-2",
            ),
        ],
        id="map-page",
    )


def ranking_toggle(lang: str) -> html.Button:
    """On a phone the ranking shows its top and bottom five (assets/phone_charts.js, which shows this
    button when there are more and swaps its words): a tap shows every district, another folds it again."""
    return html.Button(
        t("ranking_show_all", lang),
        id="mx-ranking-all",
        type="button",
        hidden=True,
        className="btn btn-outline-secondary btn-sm d-md-none mt-1",
        **attrs(
            {
                "data-ranking-for": "mx-ranking",
                "data-all": t("ranking_show_all", lang),
                "data-ends": t("ranking_show_ends", lang),
                "aria-pressed": "false",
                "aria-controls": "mx-ranking",
            }
        ),
    )
