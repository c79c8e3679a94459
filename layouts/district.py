"""区县 District profile: one of the 18 county-level units against the plan.

Status per task, every indicator with district figures next to the city's
and its rank among the units, where the district ranks overall, and small
trends of one task's indicators.  The year- and task-dependent parts are
rebuilt by callbacks/district.py.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.charts import small_multiple_chart
from dashboard.context import AppContext
from dashboard.i18n import by_lang, format_number, format_value, status_label, t
from dashboard.repository import Repository
from dashboard.services import profiles as services
from dashboard.theme import STATUS_COLOURS, STATUS_ICONS
from dashboard.viewstate import ViewState
from data.numbers import finite_number
from data.plan import Region
from layouts.common import (
    carried_baseline_note,
    district_options,
    graph,
    labelled,
    page_header,
    progress_bar,
    query_store,
    status_badge,
    status_legend,
    table_details,
    task_options,
    unit_type,
    year_options,
)
from layouts.facilities import district_venues
from layouts.notes import district_extras, note_modal


def resolve(state: ViewState, repo: Repository) -> tuple[Region, int, str]:
    """The district, year and task (for the small multiples) a view state shows."""
    choices = repo.choices()
    code = state.district if state.district in choices.districts else choices.districts[0]
    unit = next(u for u in repo.plan.region.units if u.code == code)
    task = state.task if state.task in choices.tasks else choices.tasks[0]
    return unit, state.year_or_default(choices), task


def header(repo: Repository, unit: Region, year: int, lang: str) -> html.Div:
    badges = [html.Span(unit_type(unit, lang), className="badge bg-info text-dark fs-6", id="dp-type")]
    if unit.urban:
        badges.append(html.Span(t("urban_core", lang), className="badge bg-light text-dark border fs-6", id="dp-urban"))
    if unit.population is not None:
        badges.append(
            html.Span(
                f"{t('population', lang)} "
                # 万人 in Chinese (108.0 万人), the whole number in English (1,080,000)
                + t(
                    "population_value",
                    lang,
                    value=format_number(
                        unit.population * by_lang(lang, zh=1, en=10_000), by_lang(lang, zh=1, en=0), lang
                    ),
                ),
                className="badge bg-light text-dark border fs-6",
                id="dp-population",
            )
        )
    return page_header(f"{unit.label(lang)} · {repo.plan.region.name.get(lang)}", year, lang, *badges)


# -- status per task ----------------------------------------------------------------------
def task_cards(repo: Repository, state: ViewState, unit: Region, year: int) -> html.Div:
    lang = state.lang
    progress = repo.task_progress(year, region=unit.code)
    cols = []
    for tk in repo.plan.tasks:
        gp = progress[tk.code]
        status = gp.status.value
        href = state.with_(page="task", task=tk.code, indicator=None, district=None).to_url()
        cols.append(
            dbc.Col(
                dcc.Link(
                    dbc.Card(
                        dbc.CardBody(
                            [
                                html.Div(
                                    [
                                        html.Span(tk.code, className="badge bg-secondary me-1"),
                                        html.Span(tk.short.get(lang), className="fw-bold small"),
                                    ],
                                    className="mb-1 text-truncate",
                                    title=tk.title.get(lang),
                                ),
                                html.Div(status_badge(status, lang, small=True), className="mb-1"),
                                progress_bar(gp.score, status, lang),
                                html.Div(
                                    t("indicator_count", lang, n=gp.n_indicators, m=gp.n_with_data),
                                    className="small text-muted mt-1",
                                ),
                            ],
                            className="p-2",
                        ),
                        className="h-100",
                        style={"borderTop": f"5px solid {STATUS_COLOURS[status]}"},
                    ),
                    href=href,
                    className="text-decoration-none text-reset",
                    title=t("open_task", lang),
                ),
                xs=6,
                md=4,
                lg=True,
                className="mb-2",
                id=f"dp-task-{tk.code}",
            )
        )
    return html.Div([dbc.Row(cols[:5], className="g-2"), dbc.Row(cols[5:], className="g-2")], id="dp-task-cards")


# -- indicator table ----------------------------------------------------------------------
def indicator_table(repo: Repository, state: ViewState, unit: Region, year: int, *, may_note: bool = False) -> html.Div:
    """``may_note``: the viewer may write notes (the buttons; the write checks again)."""
    lang = state.lang
    rows_all = services.district_rows(repo, unit.code, year)
    extras = district_extras(repo, state, unit.code, year, [r["code"] for r in rows_all], may_note=may_note)
    head = [
        t("code", lang),
        t("indicator", lang),
        t("district_value", lang),
        t("city_value", lang),
        t("target", lang),
        t("status", lang),
        t("rank", lang),
        *extras.head,
    ]
    groups: dict[str | None, list] = {}
    for r in rows_all:
        groups.setdefault(r["task"], []).append(r)
    body = []
    for task_code, rows in groups.items():
        label = (
            t("overall_goal", lang)
            if task_code is None
            else f"{task_code} {repo.plan.task_by_code[task_code].title.get(lang)}"
        )
        body.append(
            html.Tr(
                html.Th(label, colSpan=len(head), scope="rowgroup", className="table-light small"),
                id=f"dp-group-{task_code or 'goal'}",
            )
        )
        for r in rows:
            ind = repo.indicator(r["code"])
            unit_label = ind.unit.get(lang)
            href = state.with_(page="map", indicator=ind.code, district=unit.code, task=None).to_url()
            if ind.target is None or r["target"] is None:
                target = t("monitoring_only", lang)
            else:
                decimals = 0 if r["target"].is_integer() else ind.decimals
                target = format_value(r["target"], decimals, unit_label, lang)
            rank = "—" if r["rank"] is None else t("rank_of", lang, rank=r["rank"], n=r["n_ranked"])
            body.append(
                html.Tr(
                    [
                        html.Td(dcc.Link(ind.code, href=href, title=t("nav_map", lang)), className="text-nowrap"),
                        html.Td(ind.name.get(lang), title=ind.definition.get(lang)),
                        html.Td(
                            format_value(r["value"], ind.decimals, unit_label, lang), className="text-end text-nowrap"
                        ),
                        html.Td(
                            format_value(r["city_value"], ind.decimals, unit_label, lang),
                            className="text-end text-nowrap text-muted",
                        ),
                        html.Td(
                            [target, carried_baseline_note(repo, ind.code, unit.code, lang)],
                            className="small text-nowrap",
                        ),
                        html.Td(status_badge(r["status"], lang, small=True), className="text-nowrap"),
                        html.Td(rank, className="text-nowrap"),
                        *extras.cells[ind.code],
                    ],
                    id=f"dp-row-{ind.code}",
                )
            )
    return html.Div(
        [
            html.H2(t("district_indicators_title", lang, district=unit.label(lang), year=year), className="h5"),
            dbc.Table(
                [html.Thead(html.Tr([html.Th(h, scope="col") for h in head])), html.Tbody(body)],
                hover=True,
                size="sm",
                responsive=True,
                className="mb-1 align-middle",
                id="dp-indicator-table",
            ),
            html.Div(t("mappable_note", lang, n=len(repo.plan.region.units)), className="small text-muted"),
            extras.section,
        ]
    )


# -- where it ranks -----------------------------------------------------------------------
def rank_summary(repo: Repository, unit: Region, year: int, lang: str) -> dbc.Card:
    data = services.rank_summary(repo, unit.code, year)
    n_units = len(repo.plan.region.units)

    def block(key: str, codes: list[str], colour: str, id_: str) -> html.Div:
        # Grouped by task, codes only (the name is in the tooltip), so 30 indicators still fit the card.
        by_task: dict[str, list[str]] = {}
        for c in codes:
            by_task.setdefault(repo.indicator(c).task or "", []).append(c)
        items = [
            html.Li(
                [
                    html.Span(
                        (repo.plan.task_by_code[tk].short.get(lang) if tk else t("overall_goal", lang)) + ": ",
                        className="fw-semibold",
                    ),
                    *[html.Span(c, title=repo.indicator(c).name.get(lang), className="me-1 text-nowrap") for c in cs],
                ]
            )
            for tk, cs in by_task.items()
        ]
        return html.Div(
            [
                html.Div(
                    [
                        html.Span(t(key, lang), className="fw-semibold me-2"),
                        html.Span(
                            t("n_indicators", lang, n=len(codes)),
                            className="badge fs-6",
                            style={"backgroundColor": colour, "color": "#000"},
                        ),
                    ],
                    className="mb-1",
                ),
                html.Ul(items, className="small mb-2 ps-3"),
            ],
            id=id_,
        )

    median = (
        "—"
        if data.median is None
        else t(
            "rank_of",
            lang,
            rank=format_number(data.median, 0 if float(data.median).is_integer() else 1, lang),
            n=n_units,
        )
    )
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("where_it_ranks", lang), className="h5"),
                html.Div(
                    [
                        html.Span(t("median_rank", lang) + ": ", className="fw-semibold"),
                        html.Span(median, id="dp-median"),
                    ],
                    className="mb-2",
                ),
                block("top3", data.top, STATUS_COLOURS["achieved"], "dp-top3"),
                block("bottom3", data.bottom, STATUS_COLOURS["off_track"], "dp-bottom3"),
                html.Div(t("rank_basis", lang, n=data.n), className="small text-muted"),
            ]
        ),
        id="dp-rank-card",
    )


# -- small multiples ----------------------------------------------------------------------
def small_multiples(repo: Repository, unit: Region, task: str, year: int, lang: str) -> html.Div:
    codes = [i.code for i in repo.plan.indicators_for(task) if repo.is_mappable(i.code)]
    if not codes:
        return dbc.Alert(t("no_mappable", lang), color="light", id="dp-multiples-empty")
    # Each chart with its own table alternative under it (keyboard: Tab to the summary, Enter opens it).
    return html.Div(
        [
            html.Div(t("multiples_legend", lang, district=unit.label(lang)), className="small text-muted mb-1"),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            graph(
                                f"dp-sm-{c}",
                                small_multiple_chart(repo, c, unit.code, year, lang),
                                filename=f"trend-{c}-{unit.code}",
                            ),
                            html.Div(multiple_table(repo, c, unit, year, lang), id=f"dp-sm-table-{c}"),
                        ],
                        xs=12,
                        md=6,
                        lg=4,
                        xxl=6,
                        className="mb-2",
                    )
                    for c in codes
                ],
                className="g-2",
            ),
        ]
    )


def multiple_frame(repo: Repository, indicator: str, unit: Region, year: int, lang: str) -> pd.DataFrame:
    """One small multiple's numbers, year by year: the district's value, the city's value it is drawn
    against (for counts, the city's mean per district, as on the chart) and the district's status in
    words and icon as judged in that year; empty when the district has no figures up to ``year``."""
    ind = repo.indicator(indicator)
    series = repo.series(indicator, unit.code)
    series = series[series.index <= year].dropna()
    if series.empty:
        return pd.DataFrame()
    city = services.city_comparison(repo, indicator, year)
    per_district = services.compared_per_district(repo, indicator)
    unit_label = ind.unit.get(lang)

    def fmt(v):
        return format_value(finite_number(v), ind.decimals, unit_label, lang) if finite_number(v) is not None else "—"

    years = [int(y) for y in series.index]
    statuses = [repo.progress(indicator, unit.code, y).status.value for y in years]
    return pd.DataFrame(
        {
            t("year", lang): [str(y) for y in years],
            unit.label(lang): [fmt(series.get(y)) for y in years],
            t("city_mean_per_district" if per_district else "city", lang): [fmt(city.get(y)) for y in years],
            t("status", lang): [f"{STATUS_ICONS[s]} {status_label(s, lang)}" for s in statuses],
        }
    )


def multiple_table(repo: Repository, indicator: str, unit: Region, year: int, lang: str):
    """The table alternative of one small multiple, captioned with its indicator (the district is the
    page's, and heads the value column)."""
    ind = repo.indicator(indicator)
    frame = multiple_frame(repo, indicator, unit, year, lang)
    return table_details(frame, lang, f"{ind.code} {ind.name.get(lang)}", numeric=tuple(frame.columns[1:3]))


def layout(state: ViewState, context: AppContext) -> html.Div:
    repo = context.repo
    lang = state.lang
    unit, year, task = resolve(state, repo)
    state = state.with_(page="district", district=unit.code)
    shown = state.with_(year=year, task=task).canonical(repo.choices())
    return html.Div(
        [
            html.Div(header(repo, unit, year, lang), id="dp-header"),
            query_store("dp", shown.query()),  # the view in the URL (callbacks/query.py)
            dbc.Row(
                [
                    labelled(
                        t("district", lang),
                        dcc.Dropdown(
                            id="dp-district",
                            options=district_options(repo, lang, with_type=True),
                            value=unit.code,
                            clearable=False,
                        ),
                        width=3,
                        id_for="dp-district",
                    ),
                    labelled(
                        t("year", lang),
                        dcc.Dropdown(id="dp-year", options=year_options(repo), value=year, clearable=False),
                        width=2,
                        id_for="dp-year",
                    ),
                    dbc.Col(status_legend(lang), md=7, className="mb-2"),
                ],
                className="g-3 align-items-end",
            ),
            html.H2(t("status_by_task", lang), className="h5 mt-1"),
            html.Div(task_cards(repo, state, unit, year), id="dp-tasks"),
            dbc.Row(
                [
                    dbc.Col(
                        dbc.Card(
                            dbc.CardBody(
                                html.Div(
                                    indicator_table(repo, state, unit, year, may_note=may_note(context)), id="dp-table"
                                )
                            )
                        ),
                        xxl=7,
                        lg=12,
                        className="mb-2",
                    ),
                    dbc.Col(
                        [
                            html.Div(rank_summary(repo, unit, year, lang), id="dp-summary", className="mb-2"),
                            dbc.Card(
                                dbc.CardBody(
                                    [
                                        html.H2(t("small_multiples", lang), className="h5"),
                                        dbc.Row(
                                            labelled(
                                                t("choose_task_trends", lang),
                                                dcc.Dropdown(
                                                    id="dp-task",
                                                    options=task_options(repo, lang),
                                                    value=task,
                                                    clearable=False,
                                                ),
                                                width=12,
                                                id_for="dp-task",
                                            )
                                        ),
                                        html.Div(small_multiples(repo, unit, task, year, lang), id="dp-multiples"),
                                    ]
                                )
                            ),
                        ],
                        xxl=5,
                        lg=12,
                        className="mb-2",
                    ),
                ],
                className="g-2 mt-1",
            ),
            note_modal(lang),
            # The venue registry (issue 18): the district's venues and their coverage.
            dbc.Card(dbc.CardBody(html.Div(district_venues(repo, unit, year, lang), id="dp-venues")), className="mb-2"),
        ],
        id="district-page",
    )


def may_note(context: AppContext) -> bool:
    """The viewer may write notes on values (editors, admins): the note buttons show."""
    return context.viewer.can("note")
