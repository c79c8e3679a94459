"""任务 Task view: one of the plan's key tasks, in the plan's words, with its indicators.

The parts that depend on the year or the selected indicator (header, task
pills, status, indicator table, 任务分工 links, charts) come with the page
(``view``) and are rebuilt by callbacks/task.py when the controls change; the
measures are the plan's text and never change.
"""

from __future__ import annotations

import math

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.charts import map_chart, ranking_chart, trend_chart
from dashboard.context import AppContext
from dashboard.figures import empty_figure
from dashboard.i18n import format_value, section_label, t
from dashboard.repository import Repository
from dashboard.services.changes import cell_changes
from dashboard.theme import STATUS_COLOURS, STATUS_ICONS
from dashboard.viewstate import ViewState
from data.plan import Indicator, TargetType, Task
from layouts.common import (
    attrs,
    carried_baseline_note,
    district_table_details,
    graph,
    indicator_options,
    labelled,
    page_header,
    progress_bar,
    query_store,
    status_badge,
    trend_table_details,
    year_options,
)
from layouts.notes import change_cell


def resolve(state: ViewState, repo: Repository) -> tuple[Task, int, str | None]:
    """The task, year and indicator a view state shows (defaults filled in)."""
    choices = repo.choices()
    task = repo.plan.task_by_code[state.task if state.task in choices.tasks else choices.tasks[0]]
    year = state.year_or_default(choices)
    codes = [i.code for i in repo.plan.indicators_for(task.code)]
    indicator = state.indicator if state.indicator in codes else (codes[0] if codes else None)
    return task, year, indicator


def view_state(repo: Repository, state: ViewState) -> ViewState:
    """The view state the task page shows: its task, year and indicator resolved, in canonical form
    (defaults left out of the URL)."""
    task, year, indicator = resolve(state, repo)
    return state.with_(page="task", task=task.code, year=year, indicator=indicator).canonical(repo.choices())


def view(repo: Repository, state: ViewState) -> dict:
    """What the task page shows for a view state (``view_state``), by the names of callbacks/task.py's
    outputs: the page's first render places it (its charts come with the page, not in a second round
    trip) and the page's controls replace it."""
    task, year, indicator = resolve(state, repo)
    lang = state.lang
    if indicator is None:
        empty = empty_figure(t("no_data", lang))
        figures = {"trend": empty, "map": empty, "ranking": empty}
        tables: dict = {"trend_table": None, "district_table": None}
    else:
        figures = {
            "trend": trend_chart(repo, indicator, repo.city, year, lang, height=460, earlier=repo.follows),
            "map": map_chart(repo, indicator, year, lang, height=460),
            "ranking": ranking_chart(repo, indicator, year, lang, height=460),
        }
        tables = {
            "trend_table": trend_table_details(figures["trend"], lang),
            "district_table": district_table_details(repo, indicator, year, lang),
        }
    return {
        "header": header(repo, task, year, lang),
        "nav": task_nav(repo, state, task.code, year),
        "status": status_summary(repo, task, year, lang),
        "table": indicator_table(repo, state, task, year, indicator),
        "division": division(repo, state, task),
        **figures,
        **tables,
    }


def kind_label(task: Task, lang: str) -> str:
    return t(f"kind_{task.kind.value}", lang)


def target_text(ind: Indicator, lang: str) -> str:
    """Value, year and type of the plan's target, or 监测指标 when the plan states none."""
    if ind.target is None:
        return t("monitoring_only", lang)
    tg = ind.target
    value = 100.0 if tg.type == TargetType.full_coverage else tg.value
    decimals = 0 if float(value).is_integer() else ind.decimals
    return " · ".join(
        [
            format_value(value, decimals, ind.unit.get(lang), lang),
            t("target_in_year", lang, year=tg.year),
            t(f"target_type_{tg.type.value}", lang),
        ]
    )


def header(repo: Repository, task: Task, year: int, lang: str) -> html.Div:
    gp = repo.task_progress(year)[task.code]
    return page_header(
        f"{task.code} {task.title.get(lang)}",
        year,
        lang,
        html.Span(kind_label(task, lang), className="badge bg-info text-dark fs-6", id="tk-kind"),
        html.Span(
            f"{t('section', lang)} {section_label(task.section, lang)}",
            id="tk-section",
            className="badge bg-light text-dark border fs-6",
        ),
        html.Span(status_badge(gp.status.value, lang), className="fs-6", id="tk-header-status"),
    )


def task_nav(repo: Repository, state: ViewState, current: str, year: int) -> dbc.Nav:
    """Pills to every task; the icon and the left border carry the task's status."""
    lang = state.lang
    progress = repo.task_progress(year)
    items = []
    for tk in repo.plan.tasks:
        status = progress[tk.code].status.value
        href = state.with_(page="task", task=tk.code, indicator=None).to_url()
        items.append(
            dbc.NavItem(
                dbc.NavLink(
                    [
                        html.Span(STATUS_ICONS[status], className="me-1", title=t("status", lang)),
                        f"{tk.code} {tk.short.get(lang)}",
                    ],
                    href=href,
                    active=tk.code == current,
                    id=f"tk-nav-{tk.code}",
                    className="py-1 px-2 small",
                    style={"borderLeft": f"4px solid {STATUS_COLOURS[status]}"},
                )
            )
        )
    return dbc.Nav(items, pills=True, className="flex-wrap gap-1 mb-2", id="tk-nav-pills")


def status_summary(repo: Repository, task: Task, year: int, lang: str) -> html.Div:
    gp = repo.task_progress(year)[task.code]
    counts = [
        html.Span([status_badge(s.value, lang, small=True), f" × {n}"], className="me-2 text-nowrap")
        for s, n in gp.counts.items()
        if n
    ]
    return html.Div(
        [
            html.Div(
                [
                    html.Span(t("task_status", lang), className="fw-semibold me-2 small"),
                    status_badge(gp.status.value, lang),
                    html.Span(
                        t("indicator_count", lang, n=gp.n_indicators, m=gp.n_with_data),
                        className="ms-2 small text-muted",
                    ),
                ],
                className="mb-1",
            ),
            progress_bar(gp.score, gp.status.value, lang),
            html.Div(counts, className="small mt-1"),
        ],
        id="tk-status-body",
    )


def indicator_rows(repo: Repository, task: Task, year: int) -> list[dict]:
    """One row per indicator of the task: the city's figure judged against the target."""
    rows = []
    for ind in repo.plan.indicators_for(task.code):
        p = repo.progress(ind.code, repo.city, year)
        rows.append(
            {
                "code": ind.code,
                "indicator": ind,
                "value": p.value,
                "status": p.status.value,
                "score": p.score,
                "cumulative": bool(ind.target and ind.target.type == TargetType.cumulative),
                "section": ind.section,
            }
        )
    return rows


def indicator_table(repo: Repository, state: ViewState, task: Task, year: int, selected: str | None) -> html.Div:
    lang = state.lang
    head = [
        t("code", lang),
        t("indicator", lang),
        t("unit", lang),
        t("target", lang),
        f"{t('city_value', lang)} ({year})",
        t("status", lang),
        t("section", lang),
        t("change_col", lang),
    ]
    body = []
    rows = indicator_rows(repo, task, year)
    changes = cell_changes(repo, repo.city, year, [r["code"] for r in rows])  # the city's, with their batches
    for r in rows:
        ind: Indicator = r["indicator"]
        unit = ind.unit.get(lang)
        value = format_value(r["value"], ind.decimals, unit, lang)
        if r["cumulative"] and r["value"] is not None:
            value += f" ({t('cumulative_short', lang)})"
        pct = "" if r["score"] is None or math.isnan(r["score"]) else f" {round(100 * r['score'])}%"
        body.append(
            html.Tr(
                [
                    html.Td(html.Code(ind.code)),
                    html.Td(ind.name.get(lang), title=ind.definition.get(lang)),
                    html.Td(unit),
                    html.Td(
                        [target_text(ind, lang), carried_baseline_note(repo, ind.code, repo.city, lang)],
                        className="small",
                    ),
                    html.Td(value, className="text-end text-nowrap"),
                    html.Td(
                        [status_badge(r["status"], lang, small=True), html.Span(pct, className="small text-muted")],
                        className="text-nowrap",
                    ),
                    html.Td(section_label(ind.section, lang), className="small text-nowrap"),
                    change_cell(repo, ind, changes.get(ind.code), lang, state, "tk"),
                ],
                id=f"tk-row-{ind.code}",
                className="table-primary" if ind.code == selected else None,
            )
        )
    return html.Div(
        [
            html.H2(t("task_indicators_title", lang, task=task.code, year=year), className="h5"),
            dbc.Table(
                [html.Thead(html.Tr([html.Th(h, scope="col") for h in head])), html.Tbody(body)],
                bordered=False,
                hover=True,
                size="sm",
                responsive=True,
                className="mb-1 align-middle",
                id="tk-indicator-table",
            ),
            html.Div(t("breakdown_note", lang), className="small text-muted"),
        ]
    )


def division(repo: Repository, state: ViewState, task: Task) -> dbc.Card:
    """任务分工: lead and cooperating departments, linked to their page, and the plan's line."""
    lang = state.lang

    def link(code: str, role: str) -> dcc.Link:
        dept = repo.plan.department_by_code[code]
        href = state.with_(page="departments", department=code, task=None, indicator=None, district=None).to_url()
        style = "btn-primary" if role == "lead" else "btn-outline-secondary"
        return dcc.Link(
            dept.name.get(lang), href=href, id=f"tk-{role}-{code}", className=f"btn btn-sm {style} me-1 mb-1"
        )

    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("task_division", lang), className="h5"),
                html.Div(t("lead_departments", lang), className="small fw-semibold"),
                html.Div([link(c, "lead") for c in task.roles.lead], className="mb-2", id="tk-leads"),
                html.Div(t("cooperating_departments", lang), className="small fw-semibold"),
                html.Div([link(c, "cooperate") for c in task.roles.cooperate], className="mb-2", id="tk-cooperating"),
                html.Div(t("plan_words", lang), className="small fw-semibold"),
                html.Blockquote(
                    task.division_text,
                    className="border-start border-3 ps-2 mb-0 small",
                    id="tk-division-text",
                    lang="zh-CN",
                ),
            ]
        ),
        id="tk-division-card",
        className="h-100",
    )


def measures(task: Task, lang: str) -> dbc.Card:
    """The task's requirements and numbered measures, verbatim."""
    items = [
        dbc.AccordionItem(
            [html.P(sentence, className="mb-1", lang="zh-CN") for sentence in m.text]
            + [html.Div(f"{t('section', lang)} {section_label(m.section, lang)}", className="small text-muted")],
            title=f"{m.number}. {m.title.get(lang)}",
            item_id=f"tk-measure-{m.number}",
            id=f"tk-measure-{m.number}",
        )
        for m in task.measures
    ]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("task_intro", lang), className="h5"),
                html.Div(
                    [html.P(s, className="mb-1", lang="zh-CN") for s in task.intro],
                    className="mb-2 small",
                    id="tk-intro",
                ),
                html.H2(t("measures", lang), className="h5"),
                dbc.Accordion(
                    items,
                    always_open=True,
                    active_item=[f"tk-measure-{m.number}" for m in task.measures],
                    id="tk-measures",
                ),
            ]
        ),
        className="h-100",
    )


def layout(state: ViewState, context: AppContext) -> html.Div:
    repo = context.repo
    lang = state.lang
    state = view_state(repo, state)
    task, year, indicator = resolve(state, repo)
    shown = view(repo, state)
    return html.Div(
        [
            html.Div(shown["header"], id="tk-header"),
            html.Nav(shown["nav"], id="tk-nav", **attrs({"aria-label": t("other_tasks", lang)})),
            query_store("tk", state.query()),  # the view in the URL (callbacks/query.py)
            dbc.Row(
                [
                    labelled(
                        t("year", lang),
                        dcc.Dropdown(id="tk-year", options=year_options(repo), value=year, clearable=False),
                        width=2,
                        id_for="tk-year",
                    ),
                    labelled(
                        t("indicator", lang),
                        dcc.Dropdown(
                            id="tk-indicator",
                            value=indicator,
                            clearable=False,
                            options=indicator_options(repo, lang, task.code),
                        ),
                        width=5,
                        id_for="tk-indicator",
                    ),
                    dbc.Col(html.Div(shown["status"], id="tk-status"), md=5, className="mb-2"),
                ],
                className="g-3 align-items-end",
            ),
            dbc.Card(
                dbc.CardBody(html.Div(shown["table"], id="tk-table")),
                className="mb-2 tk-table-card",  # on a phone after the charts (assets/app.css)
            ),
            dbc.Row(
                [
                    dbc.Col(
                        graph("tk-trend", shown["trend"], filename=f"trend-{indicator}-city"),
                        xxl=4,
                        lg=12,
                        className="mb-2",
                    ),
                    dbc.Col(
                        graph("tk-map", shown["map"], filename=f"map-{indicator}-{year}"), xxl=4, lg=6, className="mb-2"
                    ),
                    dbc.Col(
                        graph("tk-ranking", shown["ranking"], filename=f"ranking-{indicator}-{year}"),
                        xxl=4,
                        lg=6,
                        className="mb-2",
                    ),
                    # The charts' numbers as tables.
                    dbc.Col(html.Div(shown["trend_table"], id="tk-trend-table"), xxl=4, lg=12),
                    dbc.Col(html.Div(shown["district_table"], id="tk-district-table"), xxl=8, lg=12),
                ],
                className="g-2 tk-charts",
            ),
            dbc.Row(
                [
                    dbc.Col(measures(task, lang), lg=7, className="mb-2"),
                    dbc.Col(
                        html.Div(shown["division"], id="tk-division", className="h-100"),
                        lg=5,
                        className="mb-2",
                    ),
                ],
                className="g-2 tk-measures",
            ),
        ],
        id="task-page",
    )
