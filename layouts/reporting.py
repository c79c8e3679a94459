"""填报进度 Reporting: a year's round, units × tasks, the due date, departments, imports awaiting review.

Arranges what ``dashboard.services.reporting.reporting_round`` returns; the controls (year, due date,
downloads, accept / return) are bound in callbacks/reporting.py. Every cell says its state in words
and a symbol as well as its colour, and the grid is a plain table: keyboards and screen readers read it
as it is shown. Controls are offered by role (editors set the due date, reviewers accept or return);
the service checks the role again on the server.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.context import AppContext
from dashboard.i18n import format_value, t, text_lang
from dashboard.repository import Repository
from dashboard.services.imports import ImportService
from dashboard.services.reporting import (
    JumpToCheck,
    RoundView,
    group_label,
    jumps_to_check,
    local_time,
    reporting_round,
    review_queue,
    state_word,
    unit_label,
)
from dashboard.viewstate import ViewState
from data.users import User
from layouts.common import attrs, labelled, page_header, year_options
from layouts.notes import change_text, threshold_text

SYMBOLS = {"complete": "✔", "partial": "◐", "missing": "✗"}
CELL_CLASSES = {"complete": "rep-complete", "partial": "rep-partial", "missing": "rep-missing"}


def _when(value) -> str:
    local = local_time(value)
    return f"{local:%Y-%m-%d %H:%M}" if local else "—"


def _typed(text: str, lang: str):
    marked = text_lang(text, lang)
    return html.Span(text, lang=marked) if marked else text


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def header(lang: str, year: int) -> html.Div:
    return page_header(t("nav_reporting", lang), year, lang)


# -- the grid -------------------------------------------------------------------------------------


def grid_cell(repo: Repository, view: RoundView, unit: str, group: str, lang: str) -> html.Td:
    cell = view.cell(unit, group)
    if cell is None:
        return html.Td("—", className="text-muted text-center", title=t("rep_not_asked", lang))
    state = cell["state"]
    label = group_label(repo, group, lang, short=False)
    parts: list[Any] = [
        html.Span(f"{SYMBOLS[state]} {cell['reported']}/{cell['expected']}", className="rep-count"),
    ]
    if cell["pending"]:
        parts.append(html.Span(t("rep_pending_n", lang, n=cell["pending"]), className="badge rep-pending-badge ms-1"))
    last = view.reporter(cell["last_batch"])
    said = [unit_label(repo, unit, lang), label, state_word(state, lang)]
    if last:
        who, when = last
        parts.append(html.Div([_typed(who, lang), f" {when:%m-%d}" if when else ""], className="rep-last small"))
        said.append(t("rep_last_said", lang, who=who, when=f"{when:%Y-%m-%d %H:%M}" if when else "—"))
    return html.Td(
        parts,
        className=f"rep-cell {CELL_CLASSES[state]}",
        title="; ".join(said),
        **attrs(
            {
                "data-state": state,
                "data-unit": unit,
                "data-group": group,
                "data-reported": str(cell["reported"]),
                "data-expected": str(cell["expected"]),
            }
        ),
    )


def unit_header(repo: Repository, view: RoundView, unit: str, lang: str) -> html.Th:
    summary = view.units_summary[unit]
    content: list[Any] = [html.Span(unit_label(repo, unit, lang), className="rep-unit-name")]
    if summary.overdue:
        content.append(
            html.Span(
                "⚠ " + t("rep_overdue", lang),
                className="badge rep-overdue ms-1",
                id=f"rep-overdue-{unit}",
                title=t("rep_overdue_help", lang, n=summary.unsent),
            )
        )
    return html.Th(content, scope="row", className="fw-normal text-nowrap")


def template_button(repo: Repository, view: RoundView, unit: str, lang: str):
    summary = view.units_summary[unit]
    name = unit_label(repo, unit, lang)
    if summary.unsent == 0:
        return html.Span("—", className="text-muted", title=t("rep_nothing_missing", lang))
    label = t("rep_template_label", lang, unit=name, n=summary.unsent)
    # The visible words first in the name (axe: label-content-name-mismatch), the unit after them, unseen.
    return html.Button(
        [
            "↓ " + t("rep_template_button", lang, n=summary.unsent),
            html.Span(f" · {label}", className="visually-hidden"),
        ],
        id={"type": "rep-template", "unit": unit},
        className="btn btn-outline-primary btn-sm text-nowrap",
        n_clicks=0,
        title=label,
    )


def grid_table(repo: Repository, view: RoundView, lang: str) -> html.Div:
    head = html.Thead(
        html.Tr(
            [html.Th(t("rep_unit", lang), scope="col")]
            + [
                html.Th(
                    group_label(repo, g, lang),
                    scope="col",
                    title=group_label(repo, g, lang, short=False),
                    className="rep-group-head",
                )
                for g in view.groups
            ]
            + [
                html.Th(t("rep_total", lang), scope="col", className="text-nowrap"),
                html.Th(t("rep_last_report", lang), scope="col"),
                html.Th(t("rep_template_col", lang), scope="col"),
            ]
        )
    )
    rows = []
    for unit in view.units:
        summary = view.units_summary.get(unit)
        if summary is None:
            continue  # a unit asked for nothing (a plan without city-only indicators: the city)
        last = view.reporter(summary.last_batch)
        rows.append(
            html.Tr(
                [unit_header(repo, view, unit, lang)]
                + [grid_cell(repo, view, unit, g, lang) for g in view.groups]
                + [
                    html.Td(
                        f"{summary.reported}/{summary.expected}",
                        className="text-nowrap",
                        **attrs({"data-state": summary.state}),
                    ),
                    html.Td(
                        [
                            _typed(last[0], lang),
                            html.Div(f"{last[1]:%Y-%m-%d %H:%M}" if last[1] else "", className="small text-muted"),
                        ]
                        if last
                        else "—",
                        className="small",
                    ),
                    html.Td(template_button(repo, view, unit, lang)),
                ],
                id=f"rep-row-{unit}",
                className="rep-row-overdue" if summary.overdue else None,
                **attrs({"data-overdue": "true" if summary.overdue else "false"}),
            )
        )
    return html.Div(
        dbc.Table(
            [
                html.Caption(t("rep_grid_caption", lang, year=view.year), className="visually-hidden"),
                head,
                html.Tbody(rows),
            ],
            bordered=True,
            size="sm",
            className="align-middle mb-0 rep-grid small",
        ),
        className="table-responsive rep-grid-wrap",
        id="rep-grid",
        tabIndex=0,  # a scrolling region a keyboard can scroll (axe: scrollable-region-focusable)
        role="region",
        **attrs({"aria-label": t("rep_grid_caption", lang, year=view.year)}),
    )


def legend(lang: str) -> html.Div:
    items = [
        html.Span(f"{SYMBOLS[s]} {t(f'rep_state_{s}', lang)}", className=f"badge rep-legend {CELL_CLASSES[s]}")
        for s in ("complete", "partial", "missing")
    ]
    items.append(html.Span(t("rep_pending", lang), className="badge rep-pending-badge"))
    items.append(html.Span("⚠ " + t("rep_overdue", lang), className="badge rep-overdue"))
    return html.Div(
        [html.Span(t("rep_legend", lang) + ":", className="fw-semibold me-1"), *items],
        className="d-flex flex-wrap gap-1 align-items-center small mb-1",
        id="rep-legend",
    )


def totals(view: RoundView, lang: str) -> html.Div:
    s = view.units_summary.values()
    expected = sum(u.expected for u in s)
    reported = sum(u.reported for u in s)
    pending = sum(u.pending for u in s)
    complete = sum(1 for u in s if u.state == "complete")
    return html.Div(
        [
            html.Span(t("rep_totals", lang, reported=reported, expected=expected), className="badge bg-secondary fs-6"),
            html.Span(
                t("rep_units_complete", lang, n=complete, total=len(view.units_summary)),
                className="badge bg-secondary fs-6",
            ),
            html.Span(t("rep_pending_total", lang, n=pending), className="badge rep-pending-badge fs-6")
            if pending
            else None,
            html.Span(
                "⚠ " + t("rep_overdue_units", lang, n=len(view.overdue)),
                className="badge rep-overdue fs-6",
                id="rep-overdue-count",
            )
            if view.overdue
            else None,
        ],
        className="d-flex flex-wrap gap-2 mb-2",
        id="rep-totals",
    )


# -- due date -------------------------------------------------------------------------------------


def due_text(view: RoundView, lang: str) -> html.Div:
    r = view.round
    if r.due_date is None:
        text: list[Any] = [t("rep_no_due", lang)]
    else:
        passed = view.today > r.due_date
        text = [
            html.Strong(t("rep_due_is", lang, date=r.due_date.isoformat())),
            " ",
            html.Span(
                t("rep_due_passed", lang) if passed else t("rep_due_open", lang),
                className="badge " + ("rep-overdue" if passed else "bg-secondary"),
            ),
        ]
    if r.set_by:
        text += [
            " ",
            html.Span(t("rep_due_set_by", lang, who=r.set_by, when=_when(r.set_at)), className="small text-muted"),
        ]
    return html.Div(text, id="rep-due-text", **attrs({"data-due": r.due_date.isoformat() if r.due_date else ""}))


def due_form(view: RoundView, lang: str, may_set: bool):
    """The form, always there (its callback's inputs exist on every visit) but disabled for those who
    may not set the date, who are told why."""
    note = None
    if not may_set:
        note = html.P(t("rep_due_need_editor", lang), className="small text-muted mb-0", id="rep-due-need-editor")
    form = dbc.Row(
        [
            labelled(
                t("rep_due_label", lang),
                dcc.Input(
                    id="rep-due-input",
                    type="text",
                    inputMode="numeric",
                    placeholder=t("rep_due_placeholder", lang),
                    value=view.round.due_date.isoformat() if view.round.due_date else None,
                    className="form-control form-control-sm",
                    disabled=not may_set,
                ),
                width=2,
                id_for="rep-due-input",
            ),
            dbc.Col(
                [
                    dbc.Button(
                        t("save", lang),
                        id="rep-due-save",
                        size="sm",
                        color="primary",
                        n_clicks=0,
                        className="me-2",
                        disabled=not may_set,
                    ),
                    dbc.Button(
                        t("rep_due_clear", lang),
                        id="rep-due-clear",
                        size="sm",
                        color="secondary",
                        outline=True,
                        n_clicks=0,
                        disabled=not may_set,
                    ),
                ],
                width="auto",
                className="mb-2",
            ),
        ],
        className="g-2 align-items-end",
        style={"display": "none"} if not may_set else None,  # kept (its callback's inputs), not shown
    )
    return html.Div([form, note])


# -- departments ----------------------------------------------------------------------------------


def departments_table(repo: Repository, view: RoundView, lang: str) -> html.Section:
    rows = []
    for d in view.departments:
        if not d.indicators:
            continue
        name = repo.plan.department_by_code[d.department_code].name.get(lang)
        # One text per indicator (the state in words too): a dozen departments × their indicators add up.
        items = [
            html.Li(
                f"{SYMBOLS[i.state]} {i.indicator_code} {repo.indicator(i.indicator_code).name.get(lang)} · "
                f"{i.reported}/{i.expected} ({state_word(i.state, lang)})"
                + (f" · {t('rep_pending_n', lang, n=i.pending)}" if i.pending else ""),
                **attrs({"data-state": i.state}),
            )
            for i in d.indicators
        ]
        state = d.state or "missing"
        rows.append(
            html.Tr(
                [
                    html.Th(name, scope="row", className="fw-normal"),
                    html.Td(", ".join(d.lead_tasks)),
                    html.Td(
                        html.Span(
                            f"{SYMBOLS[state]} {state_word(state, lang)}", className=f"badge {CELL_CLASSES[state]}"
                        ),
                        **attrs({"data-state": state}),
                    ),
                    html.Td(f"{d.reported}/{d.expected}", className="text-nowrap"),
                    html.Td(
                        html.Details(
                            [
                                html.Summary(t("rep_dept_indicators", lang, n=len(d.indicators))),
                                html.Ul(items, className="mb-0 ps-3"),
                            ]
                        )
                    ),
                ],
                **attrs({"data-department": d.department_code}),
            )
        )
    return html.Section(
        [
            html.H2(t("rep_dept_title", lang), className="h5 mt-4 mb-1"),
            html.P(t("rep_dept_intro", lang), className="small text-muted mb-2"),
            html.Div(
                dbc.Table(
                    [
                        html.Caption(t("rep_dept_title", lang), className="visually-hidden"),
                        html.Thead(
                            html.Tr(
                                [
                                    html.Th(t("department", lang), scope="col"),
                                    html.Th(t("leads", lang), scope="col"),
                                    html.Th(t("status", lang), scope="col"),
                                    html.Th(t("rep_reported_of", lang), scope="col"),
                                    html.Th(t("rep_dept_indicators_col", lang), scope="col"),
                                ]
                            )
                        ),
                        html.Tbody(rows),
                    ],
                    size="sm",
                    striped=True,
                    className="align-middle small mb-0",
                ),
                className="table-responsive",
            ),
        ],
        id="rep-departments",
    )


# -- figures that jumped -------------------------------------------------------------------------


def jumps_section(repo: Repository, items: list[JumpToCheck], year: int, lang: str) -> html.Section:
    """The year's figures past their change threshold, each explained by its notes or linked to the
    district page where a note is written: what to check before the meeting."""
    plan = repo.choices().plan
    rows = []
    for item in items:
        ch = item.change
        ind = repo.indicator(ch.indicator)
        unit = ind.unit.get(lang)
        if item.notes:
            note = html.Span(
                [
                    t("rep_jump_explained", lang),
                    " ",
                    html.Small(item.notes[0].text, lang=text_lang(item.notes[0].text, lang)),
                ],
                **attrs({"data-explained": "1"}),
            )
        elif ch.region == repo.city:
            note = html.Span(t("rep_jump_to_explain", lang), className="text-danger", **attrs({"data-explained": "0"}))
        else:
            href = ViewState(page="district", district=ch.region, year=year, lang=lang, plan=plan).to_url()
            note = html.Span(
                [
                    html.Span(t("rep_jump_to_explain", lang), className="text-danger me-2"),
                    dcc.Link(t("rep_jump_write_note", lang) + " →", href=href, className="small"),
                ],
                **attrs({"data-explained": "0"}),
            )
        rows.append(
            html.Tr(
                [
                    html.Td(f"{ch.indicator} {ind.name.get(lang)}"),
                    html.Td(repo.region_name(ch.region, lang)),
                    html.Td(f"{format_value(ch.previous, ind.decimals, unit, lang)} ({ch.previous_year})"),
                    html.Td(html.Strong(format_value(ch.value, ind.decimals, unit, lang))),
                    html.Td("⚠ " + change_text(ch, ind, lang), className="text-nowrap"),
                    html.Td("±" + threshold_text(ch.threshold, lang) if ch.threshold is not None else "—"),
                    html.Td(note),
                ],
                **attrs({"data-indicator": ch.indicator, "data-region": ch.region}),
            )
        )
    header = ["indicator", "district", "jump_col_old", "jump_col_new", "up_col_change", "jump_col_threshold"]
    table = (
        html.Div(
            dbc.Table(
                [
                    html.Caption(t("rep_jumps_title", lang, n=len(items)), className="visually-hidden"),
                    html.Thead(
                        html.Tr(
                            [html.Th(t(h, lang), scope="col") for h in header]
                            + [html.Th(t("rep_jump_col_note", lang), scope="col")]
                        )
                    ),
                    html.Tbody(rows),
                ],
                size="sm",
                striped=True,
                className="align-middle small mb-0",
            ),
            className="table-responsive",
            tabIndex=0,
        )
        if items
        else html.P(t("rep_jumps_none", lang), className="small text-muted")
    )
    return html.Section(
        [
            html.H2(t("rep_jumps_title", lang, n=len(items)), className="h5 mt-4 mb-1"),
            html.P(t("rep_jumps_intro", lang), className="small text-muted mb-2"),
            table,
        ],
        id="rep-jumps",
    )


# -- awaiting review ------------------------------------------------------------------------------


def review_section(
    repo: Repository, imports: ImportService, user: User | None, view: RoundView, lang: str
) -> html.Section:
    batches = imports.pending_batches()
    may_review = imports.may(user, "review")
    if not batches:
        body: Any = html.P(
            t("rep_review_none", lang) if imports.review else t("rep_review_off", lang),
            className="small text-muted mb-0",
            id="rep-review-none",
        )
    else:
        cards = []
        for b in review_queue(repo, batches):
            lines = [
                html.Tr(
                    [
                        html.Td(f"{c['indicator_code']} {repo.indicator(c['indicator_code']).name.get(lang)}"),
                        html.Td(repo.region_name(c["region_code"], lang)),
                        html.Td(str(c["year"])),
                        html.Td(f"{_number(c['old'])} → {_number(c['new'])}", className="text-nowrap"),
                    ]
                )
                for c in b["cells"]
            ]
            mine = b["cells"]
            controls = None
            if may_review:
                reason_id = {"type": "rep-reason", "batch": b["id"]}
                controls = html.Div(
                    [
                        dbc.Button(
                            t("rep_accept", lang),
                            id={"type": "rep-accept", "batch": b["id"]},
                            color="success",
                            size="sm",
                            n_clicks=0,
                            className="me-2",
                        ),
                        html.Label(  # the input inside its label: dcc.Input takes no aria-label
                            [
                                html.Span(t("rep_reason_label", lang), className="visually-hidden"),
                                dcc.Input(
                                    id=reason_id,
                                    type="text",
                                    placeholder=t("rep_reason_label", lang),
                                    className="form-control form-control-sm rep-reason",
                                    maxLength=2000,
                                ),
                            ],
                            className="mb-0 me-2 rep-reason-label",
                        ),
                        dbc.Button(
                            t("rep_return", lang),
                            id={"type": "rep-return", "batch": b["id"]},
                            color="danger",
                            outline=True,
                            size="sm",
                            n_clicks=0,
                        ),
                    ],
                    className="d-flex flex-wrap align-items-center gap-1 mt-2",
                )
            cards.append(
                dbc.Card(
                    dbc.CardBody(
                        [
                            html.H3(
                                [
                                    t("rep_batch", lang, batch=b["id"]),
                                    " · ",
                                    _typed(b.get("filename") or "—", lang),
                                ],
                                className="h6 mb-1",
                            ),
                            html.Div(
                                t("rep_batch_by", lang, who=b["created_by"], when=_when(b["created_at"]), n=len(mine)),
                                className="small text-muted mb-1",
                            ),
                            html.Div(
                                dbc.Table(
                                    [
                                        html.Thead(
                                            html.Tr(
                                                [
                                                    html.Th(t("indicator", lang), scope="col"),
                                                    html.Th(t("district", lang), scope="col"),
                                                    html.Th(t("year", lang), scope="col"),
                                                    html.Th(t("rep_old_new", lang), scope="col"),
                                                ]
                                            )
                                        ),
                                        html.Tbody(lines[:50]),
                                    ],
                                    size="sm",
                                    className="small mb-0",
                                ),
                                className="table-responsive rep-review-cells",
                            ),
                            html.Div(t("rep_more_cells", lang, n=len(lines) - 50), className="small")
                            if len(lines) > 50
                            else None,
                            controls,
                        ]
                    ),
                    className="mb-2",
                    id=f"rep-batch-{b['id']}",
                )
            )
        body = html.Div(cards)
    return html.Section(
        [
            html.H2(t("rep_review_title", lang), className="h5 mt-4 mb-1"),
            html.P(
                t("rep_review_intro", lang) if may_review or not batches else t("rep_review_need_reviewer", lang),
                className="small text-muted mb-2",
            ),
            body,
        ],
        id="rep-review",
    )


# -- values awaiting review in the data grid -------------------------------------------------------


def pending_grid_rows(repo: Repository, frame, lang: str) -> list[dict]:
    """The data grid's rows for values awaiting review (``pending_observations``): marked 待审核 in the
    grid's last column, with ids of their own (the cell may also hold a value that counts)."""
    from layouts.data_table import grid_rows

    rows = grid_rows(repo, frame, lang)
    for row in rows:
        row["sample"] = t("dt_pending_flag", lang)
        row["id"] = f"{row['id']}|pending"
    return rows


# -- the page -------------------------------------------------------------------------------------


def body(repo: Repository, imports: ImportService, user: User | None, view: RoundView, lang: str) -> list:
    """What changes with the year or after an action: due date, grid, departments, review."""
    return [
        html.Div(due_text(view, lang), className="mb-1"),
        totals(view, lang),
        legend(lang),
        html.P(
            t("rep_method", lang) + (" " + t("rep_sample_note", lang) if view.is_sample else ""),
            className="small text-muted mb-2",
            id="rep-method",
        ),
        grid_table(repo, view, lang),
        departments_table(repo, view, lang),
        jumps_section(repo, jumps_to_check(repo, view.year), view.year, lang),
        review_section(repo, imports, user, view, lang),
    ]


def layout(state: ViewState, context: AppContext) -> html.Div:
    repo = context.repo
    lang = state.lang
    choices = repo.choices()
    year = state.year_or_default(choices)
    user = context.viewer.current_user()
    imports = context.imports
    view = reporting_round(repo, year)
    may_set = imports.may(user, "set_due_date")
    return html.Div(
        [
            html.Div(header(lang, year), id="rep-header"),
            html.P(t("rep_intro", lang), className="text-muted mb-2", style={"maxWidth": "70rem"}),
            dcc.Store(id="rep-lang", data=lang),
            dcc.Store(id="rep-refresh", data=0),
            dbc.Row(
                [
                    labelled(
                        t("year", lang),
                        dcc.Dropdown(id="rep-year", options=year_options(repo), value=year, clearable=False),
                        width=2,
                        id_for="rep-year",
                    ),
                    dbc.Col(
                        [
                            dbc.Button(
                                "↓ " + t("rep_export_xlsx", lang),
                                id="rep-xlsx",
                                color="primary",
                                outline=True,
                                size="sm",
                                n_clicks=0,
                            ),
                            dcc.Download(id="rep-download"),
                            dcc.Download(id="rep-template-download"),
                        ],
                        width="auto",
                        className="mb-2",
                    ),
                ],
                className="g-2 align-items-end",
            ),
            dbc.Card(
                dbc.CardBody(
                    [
                        html.H2(t("rep_due_title", lang), className="h6 mb-2"),
                        due_form(view, lang, may_set),
                        html.Div(id="rep-due-message", **attrs({"aria-live": "polite"})),
                    ],
                    className="py-2",
                ),
                className="mb-2",
                id="rep-due-card",
            ),
            html.Div(id="rep-message", **attrs({"aria-live": "polite"})),
            dcc.Loading(html.Div(body(repo, imports, user, view, lang), id="rep-body"), delay_show=300),
        ],
        id="reporting-page",
    )
