"""部门 Departments: who leads (牵头) and who supports (配合) each task, and how the leads are doing.

A department is judged on the tasks it leads (data/progress.department_progress);
the matrix shows every role, coloured by the task's status in the chosen year.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html

from dashboard.context import AppContext
from dashboard.figures import matrix_figure
from dashboard.i18n import pick, t
from dashboard.places import department_short_name
from dashboard.repository import Repository
from dashboard.viewstate import ViewState
from data.plan import Department, Plan
from layouts.common import (
    attrs,
    caption,
    graph,
    labelled,
    page_header,
    progress_bar,
    query_store,
    status_badge,
    year_options,
)


# -- the plan's division of tasks ---------------------------------------------------------
def roles_of(plan: Plan) -> dict[tuple[str, str], str]:
    """(department, task) → lead | cooperate, as the plan's 任务分工 lines say."""
    roles: dict[tuple[str, str], str] = {}
    for task in plan.tasks:
        for d in task.roles.lead:
            roles[(d, task.code)] = "lead"
        for d in task.roles.cooperate:
            roles[(d, task.code)] = "cooperate"
    return roles


def ordered_departments(plan: Plan) -> list[Department]:
    """Departments that lead first (most lead tasks first), then by cooperating tasks, then plan order."""
    roles = roles_of(plan)
    lead = {d.code: sum(1 for (dc, _), r in roles.items() if dc == d.code and r == "lead") for d in plan.departments}
    coop = {
        d.code: sum(1 for (dc, _), r in roles.items() if dc == d.code and r == "cooperate") for d in plan.departments
    }
    order = {d.code: i for i, d in enumerate(plan.departments)}
    return sorted(plan.departments, key=lambda d: (-lead[d.code], -coop[d.code], order[d.code]))


def department_label(dept: Department, plan: Plan, lang: str) -> str:
    """A name short enough for an axis: without the city (``department_short_name``) and, in English,
    with common abbreviations (the full name is in the hover text and the table)."""
    # the abbreviations below are English: a Chinese name only loses the city
    name = department_short_name(pick(dept.name, lang), plan)
    for long, short in (
        ("Communist Youth League of China", "Youth League"),
        (" and ", " & "),
        ("Television", "TV"),
        ("Administration", "Admin."),
        ("Commission", "Comm."),
        ("Department", "Dept."),
        ("Association", "Assoc."),
        ("Science & Technology", "Sci. & Tech."),
        ("Human Resources", "HR"),
        ("Bureau of Culture, Radio, TV, Press & Publication", "Culture, Radio, TV & Press Bureau"),
    ):
        name = name.replace(long, short)
    return name if len(name) <= 34 else name[:33].rstrip(" ,&") + "…"


def department_options(repo: Repository, lang: str) -> list[dict]:
    roles = roles_of(repo.plan)
    options = []
    for d in ordered_departments(repo.plan):
        n_lead = sum(1 for (dc, _), r in roles.items() if dc == d.code and r == "lead")
        suffix = f"({t('lead', lang)} {n_lead})" if n_lead else ""
        options.append({"label": f"{d.name.get(lang)} {suffix}".strip(), "value": d.code})
    return options


def task_link(state: ViewState, code: str, label: str) -> dcc.Link:
    return dcc.Link(label, href=state.with_(page="task", task=code, indicator=None, department=None).to_url())


# -- the matrix -----------------------------------------------------------------------------
def matrix_chart(repo: Repository, year: int, lang: str, department: str | None = None) -> go.Figure:
    """Every department × the tasks (only the tasks ``department`` has a role in, when one is chosen)."""
    plan = repo.plan
    roles = roles_of(plan)
    progress = repo.task_progress(year)
    tasks = [
        (tk.code, tk.short.get(lang), progress[tk.code].status.value)
        for tk in plan.tasks
        if department is None or (department, tk.code) in roles
    ]
    depts = ordered_departments(plan)
    subtitle = t("dep_matrix_note", lang, year=year)
    if department:
        name = plan.department_by_code[department].name.get(lang)
        subtitle += " · " + t("dep_filtered", lang, department=name, n=len(tasks))
    cap = caption(repo, t("matrix_title", lang), year, lang, t("dep_matrix_source", lang), subtitle=subtitle)
    return matrix_figure(
        [(d.code, department_label(d, plan, lang)) for d in depts],
        tasks,
        roles,
        cap,
        highlight=department,
        hover_names={d.code: d.name.get(lang) for d in depts},
    )


# -- one department -------------------------------------------------------------------------
def _task_items(repo: Repository, state: ViewState, codes: tuple[str, ...], year: int, id_: str) -> html.Ul | html.P:
    lang = state.lang
    progress = repo.task_progress(year)
    items = []
    for code in codes:
        task = repo.plan.task_by_code[code]
        gp = progress[code]
        score = "" if gp.score is None else f" {round(100 * gp.score)}%"
        items.append(
            html.Li(
                [
                    task_link(state, code, f"{code} {task.title.get(lang)}"),
                    " ",
                    status_badge(gp.status.value, lang, small=True),
                    html.Span(score, className="small text-muted ms-1"),
                ],
                className="mb-1",
                **attrs({"data-task": code}),
            )
        )
    if not items:
        return html.P(t("dep_none_supported", lang), className="text-muted small", id=id_)
    return html.Ul(items, className="list-unstyled mb-2", id=id_)


def department_panel(repo: Repository, state: ViewState, year: int, department: str | None) -> html.Div:
    lang = state.lang
    if not department:
        return dbc.Alert(
            [html.Div(t("dep_hint", lang)), html.Div(t("dep_click_hint", lang), className="small")],
            color="light",
            className="mb-2",
            id="dep-hint",
        )
    dept = repo.plan.department_by_code[department]
    dp = repo.department_progress(year)[department]
    if dp.lead_tasks:
        score = html.Div(
            [
                html.Div(
                    [
                        status_badge(dp.status.value, lang),
                        html.Span(
                            f"{t('dep_score', lang)} {'—' if dp.score is None else str(round(100 * dp.score)) + '%'}",
                            className="ms-2 fw-semibold",
                            id="dep-score",
                        ),
                        html.Span(f" · {year}", className="text-muted"),
                    ],
                    className="mb-1",
                ),
                progress_bar(dp.score, dp.status.value, lang),
                html.Div(
                    t("dep_lead_with_data", lang, n=dp.n_with_data, total=len(dp.lead_tasks)),
                    className="small text-muted mt-1",
                ),
            ],
            className="mb-3",
            id="dep-progress",
        )
    else:
        score = dbc.Alert(t("dep_no_lead", lang), color="secondary", className="py-2 small", id="dep-progress")
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(dept.name.get(lang), className="h5 mb-2", id="dep-name"),
                html.Div(t("department_progress", lang), className="small fw-semibold text-muted"),
                score,
                html.H3(f"{t('leads', lang)} ({len(dp.lead_tasks)})", className="h6"),
                _task_items(repo, state, dp.lead_tasks, year, "dep-lead-tasks"),
                html.H3(f"{t('supports', lang)} ({len(dp.cooperate_tasks)})", className="h6 mt-2"),
                _task_items(repo, state, dp.cooperate_tasks, year, "dep-support-tasks"),
            ]
        ),
        id="dep-card",
        className="mb-2",
    )


# -- the matrix as a table (for screen readers, printing and copying) -------------------------
def roles_table(repo: Repository, state: ViewState, year: int, department: str | None = None) -> html.Div:
    lang = state.lang
    progress = repo.department_progress(year)
    task_status = repo.task_progress(year)

    def tasks_cell(codes):
        if not codes:
            return "—"
        out: list[str | html.Span] = []
        for i, code in enumerate(codes):
            if i:
                out.append(" ")
            label = f"{code} {repo.plan.task_by_code[code].short.get(lang)} {task_status[code].status.value}"
            out.append(
                html.Span(
                    task_link(state, code, code),
                    title=repo.plan.task_by_code[code].title.get(lang),
                    className="text-nowrap",
                    **attrs({"aria-label": label}),
                )
            )
        return out

    header = html.Thead(
        html.Tr(
            [
                html.Th(t("department", lang), scope="col"),
                html.Th(t("department_progress", lang), scope="col"),
                html.Th(t("dep_score", lang), scope="col", className="text-end pe-4"),
                html.Th(t("leads", lang), scope="col"),
                html.Th(t("supports", lang), scope="col"),
            ]
        )
    )
    rows = []
    for d in ordered_departments(repo.plan):
        dp = progress[d.code]
        judged = bool(dp.lead_tasks)
        rows.append(
            html.Tr(
                [
                    html.Th(d.name.get(lang), scope="row", className="fw-normal"),
                    html.Td(status_badge(dp.status.value, lang, small=True) if judged else "—"),
                    html.Td("—" if dp.score is None else f"{round(100 * dp.score)}%", className="text-end pe-4"),
                    html.Td(tasks_cell(dp.lead_tasks)),
                    html.Td(tasks_cell(dp.cooperate_tasks)),
                ],
                className="table-primary" if d.code == department else None,
                **attrs({"data-department": d.code}),
            )
        )
    return html.Div(
        [
            html.H2(t("dep_table_title", lang), className="h5 mt-3"),
            dbc.Table(
                [header, html.Tbody(rows)],
                bordered=False,
                hover=True,
                size="sm",
                striped=True,
                responsive=True,
                className="align-middle small",
                id="dep-roles-table",
            ),
        ]
    )


def view_state(repo: Repository, state: ViewState, year=None, department=None) -> ViewState:
    """The view the page shows: the year (or the latest) and the department (or none), canonical."""
    choices = repo.choices()
    year = choices.year_or_default(year)
    department = department if department in choices.departments else None
    return state.with_(year=year, department=department).canonical(choices)


def view(repo: Repository, state: ViewState) -> dict:
    """What the page shows for a view state (``view_state``), by the names of callbacks/departments.py's
    outputs: the page's first render places it (its matrix comes with the page) and the controls replace it."""
    lang = state.lang
    year = state.year_or_default(repo.choices())
    department = state.department
    return {
        "header": page_header(t("nav_departments", lang), year, lang),
        "matrix": matrix_chart(repo, year, lang, department),
        "panel": department_panel(repo, state, year, department),
        "table": roles_table(repo, state, year, department),
    }


def layout(state: ViewState, context: AppContext) -> html.Div:
    repo = context.repo
    lang = state.lang
    state = view_state(repo, state, state.year, state.department)
    year = state.year_or_default(repo.choices())
    shown = view(repo, state)
    return html.Div(
        [
            html.Div(shown["header"], id="dep-header"),
            query_store("dep", state.query()),  # the view in the URL (callbacks/query.py)
            dbc.Row(
                [
                    labelled(
                        t("year", lang),
                        dcc.Dropdown(id="dep-year", options=year_options(repo), value=year, clearable=False),
                        width=2,
                        id_for="dep-year",
                    ),
                    labelled(
                        t("department", lang),
                        dcc.Dropdown(
                            id="dep-department",
                            value=state.department,
                            options=department_options(repo, lang),
                            placeholder=t("choose_department", lang),
                        ),
                        width=5,
                        id_for="dep-department",
                    ),
                    dbc.Col(
                        dbc.Alert(
                            t("dep_method", lang), color="info", className="py-2 px-3 mb-0 small", id="dep-method"
                        ),
                        md=5,
                        className="mb-2",
                    ),
                ],
                className="g-2 align-items-end",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        graph("dep-matrix", shown["matrix"], filename=f"matrix-departments-tasks-{year}"),
                        xl=8,
                        lg=7,
                        className="dep-matrix-col",  # on a phone it scrolls sideways in its column (assets/app.css)
                    ),
                    dbc.Col(html.Div(shown["panel"], id="dep-panel"), xl=4, lg=5),
                ],
                className="mt-1",
            ),
            html.Div(shown["table"], id="dep-table"),
        ],
        id="departments-page",
    )
