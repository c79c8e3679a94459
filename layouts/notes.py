"""Notes on values and the change from the previous year, as pieces the district, task and import pages place.

- ``change_cell``: an indicator's change from the year before (absolute and %), a ⚠ when it moved
  past its threshold, and a button that opens where the figure came from (its batch: file, who,
  when, a link to the import history) in a popover;
- ``note_cell`` / ``notes_section`` / ``note_modal``: the district page's notes: a marker on rows
  that have notes, the list of the page's notes, and for editors 「添加说明」 per row, 「整年说明」,
  edit and withdraw (callbacks/notes.py does the writing; anonymous readers see the notes only);
- ``jumps_view``: the import preview's figures that jump past their threshold, with the old and new figure.
"""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import format_number, format_value, t
from dashboard.repository import Repository
from dashboard.services.changes import CellChange, Change, cell_changes
from dashboard.services.notes import Note, cell_notes, local_time, page_notes, scope_text, signature
from dashboard.viewstate import ViewState
from data.notes import MAX_NOTE_CHARS
from data.plan import Indicator
from layouts.common import attrs


def _percent(ratio: float | None, lang: str) -> str:
    return "—" if ratio is None else ("+" if ratio > 0 else "") + format_number(100 * ratio, 1, lang) + "%"


def threshold_text(threshold: float, lang: str) -> str:
    """0.3 → 「30%」."""
    pct = 100 * threshold
    return format_number(pct, 0 if abs(pct - round(pct)) < 1e-9 else 1, lang) + "%"


def _signed(value: float, decimals: int, lang: str) -> str:
    return ("+" if value > 0 else "") + format_number(value, decimals, lang)


def change_text(ch: Change | None, ind: Indicator, lang: str) -> str:
    """「+1.2(+8.3%)」: the change from the figure before, absolute and as a share."""
    if ch is None or ch.previous is None or ch.delta is None:
        return "—"
    return f"{_signed(ch.delta, ind.decimals, lang)} ({_percent(ch.ratio, lang)})"


def _batch_lines(repo: Repository, cc: CellChange, lang: str, state: ViewState) -> list:
    b = cc.batch
    if b is None:
        return [html.Div(t("batch_none", lang))]
    if b.kind == "sample":
        return [html.Div(t("batch_label", lang, id=b.id)), html.Div(t("batch_sample", lang), className="text-muted")]
    when = local_time(b.created_at)
    history = state.with_(page="history", district=None, task=None, indicator=None, year=None).to_url()
    return [
        html.Div(t("batch_label", lang, id=b.id), className="fw-semibold"),
        html.Div(f"{t('file', lang)}: {b.filename or '—'}"),
        html.Div(f"{t('batch_by', lang)}: {b.created_by}"),
        html.Div(f"{t('batch_when', lang)}: {when:%Y-%m-%d %H:%M}" if when else ""),
        dcc.Link(t("batch_history", lang) + " →", href=f"{history}#hist-row-{b.id}", className="small"),
    ]


def change_cell(
    repo: Repository, ind: Indicator, cc: CellChange | None, lang: str, state: ViewState, id_prefix: str
) -> html.Td:
    """The 较上年 cell of an indicator's row: the change, a ⚠ past the threshold, the batch on click."""
    ch = cc.change if cc else None
    if ch is None:
        return html.Td("—", className="text-nowrap text-muted")
    ident = f"{id_prefix}-change-{ind.code}"
    unit = ind.unit.get(lang)
    body = [
        *(
            [
                html.Div(
                    t(
                        "change_values",
                        lang,
                        year=ch.previous_year,
                        value=format_value(ch.previous, ind.decimals, unit, lang),
                    )
                )
            ]
            if ch.previous is not None
            else []
        ),
        html.Div(t("change_values", lang, year=ch.year, value=format_value(ch.value, ind.decimals, unit, lang))),
        html.Hr(className="my-1"),
        *_batch_lines(repo, cc, lang, state),  # type: ignore[arg-type]
    ]
    parts: list = [
        html.Button(
            change_text(ch, ind, lang),
            id=ident,
            type="button",
            className="btn btn-link btn-sm p-0 text-nowrap text-reset",
            title=t("change_from", lang, year=ch.previous_year) if ch.previous_year else None,
            **attrs({"aria-label": t("change_open", lang, change=change_text(ch, ind, lang), indicator=ind.code)}),
        ),
        dbc.Popover(
            [dbc.PopoverHeader(t("change_popover_title", lang)), dbc.PopoverBody(body, className="small")],
            target=ident,
            trigger="legacy",
            placement="left",
            id=f"{ident}-popover",
        ),
    ]
    if ch.is_jump and ch.threshold is not None:
        threshold = threshold_text(ch.threshold, lang)
        parts.append(
            html.Span(
                "⚠ " + t("change_jump", lang, threshold=threshold),
                className="badge bg-warning text-dark ms-1 change-jump",
                title=t("change_jump_title", lang, threshold=threshold),
                id=f"{ident}-jump",
            )
        )
    return html.Td(parts, className="text-nowrap small")


# -- notes under a chart's table ---------------------------------------------------------------------


def notes_under_table(repo: Repository, notes: list[Note], lang: str) -> html.Div | None:
    """The notes that explain a table's figures, under it: what each is about, its text, who and when."""
    if not notes:
        return None
    return html.Div(
        [
            html.Div(t("notes_title", lang), className="fw-semibold"),
            html.Ul(
                [
                    html.Li(
                        [
                            html.Span(scope_text(repo, n, lang) + ": ", className="text-muted"),
                            n.text,
                            html.Span(
                                t("note_signature_only", lang, signature=signature(n, lang)), className="text-muted"
                            ),
                        ]
                    )
                    for n in notes
                ],
                className="mb-1 ps-3",
            ),
        ],
        className="small table-notes",
    )


# -- notes on the district page ---------------------------------------------------------------------


@dataclass
class DistrictExtras:
    """What the district page's indicator table adds for notes and changes: two header cells, two
    cells per indicator's row, and the notes section under the table."""

    head: list[str]
    cells: dict[str, list[html.Td]]
    section: html.Div


def district_extras(
    repo: Repository, state: ViewState, region: str, year: int, codes: list[str], *, may_note: bool
) -> DistrictExtras:
    lang = state.lang
    changes = cell_changes(repo, region, year, codes)
    notes = page_notes(repo, year, region=region)
    cells = {}
    for code in codes:
        ind = repo.indicator(code)
        mine = cell_notes(repo, code, region, year) if notes else []
        cells[code] = [
            change_cell(repo, ind, changes.get(code), lang, state, "dp"),
            note_cell(ind, mine, lang, may_note=may_note),
        ]
    return DistrictExtras(
        head=[t("change_col", lang), t("notes_column", lang)],
        cells=cells,
        section=notes_section(repo, notes, year, lang, may_note=may_note),
    )


def note_cell(ind: Indicator, notes: list[Note], lang: str, *, may_note: bool) -> html.Td:
    """A marker when the row's figure has notes (their text on hover) and, for editors, 「添加说明」."""
    parts: list = []
    if notes:
        parts.append(
            html.Span(
                "ⓘ " + str(len(notes)),
                className="badge bg-info text-dark me-1",
                title="\n".join(n.text for n in notes),
                id=f"dp-notes-{ind.code}",
                **attrs({"aria-label": t("note_marker", lang, n=len(notes))}),
            )
        )
    if may_note:
        parts.append(
            html.Button(
                t("note_add", lang),
                id={"type": "note-add", "indicator": ind.code},
                type="button",
                className="btn btn-outline-secondary btn-sm py-0 px-1",
                n_clicks=0,
                **attrs({"aria-label": t("note_add_for", lang, indicator=f"{ind.code} {ind.name.get(lang)}")}),
            )
        )
    return html.Td(parts, className="text-nowrap")


def notes_section(repo: Repository, notes: list[Note], year: int, lang: str, *, may_note: bool) -> html.Div:
    """The page's notes (what they are about, the text, who and when), with edit and withdraw for editors."""
    items = []
    for n in notes:
        buttons = []
        if may_note:
            buttons = [
                html.Button(
                    t("note_edit", lang),
                    id={"type": "note-edit", "note": n.id},
                    type="button",
                    className="btn btn-link btn-sm py-0",
                    n_clicks=0,
                    **attrs({"aria-label": t("note_edit_label", lang, id=n.id)}),
                ),
                html.Button(
                    t("note_withdraw", lang),
                    id={"type": "note-withdraw", "note": n.id},
                    type="button",
                    className="btn btn-link btn-sm py-0 text-danger",
                    n_clicks=0,
                    **attrs({"aria-label": t("note_withdraw_label", lang, id=n.id)}),
                ),
            ]
        items.append(
            html.Li(
                [
                    html.Div(scope_text(repo, n, lang), className="small fw-semibold"),
                    html.Div(n.text, className="dp-note-text", style={"whiteSpace": "pre-wrap"}),
                    html.Div([html.Span(signature(n, lang), className="text-muted small"), *buttons]),
                ],
                className="list-group-item py-1",
                id=f"dp-note-{n.id}",
            )
        )
    head = [html.H3(f"{t('notes_title', lang)} ({len(notes)})", className="h6 mb-1 me-auto")]
    if may_note:
        head.append(
            dbc.Button(
                t("note_add_year", lang),
                id={"type": "note-add", "indicator": "*"},  # callbacks/notes.py WHOLE_YEAR
                color="secondary",
                outline=True,
                size="sm",
                n_clicks=0,
            )
        )
    return html.Div(
        [
            html.Div(head, className="d-flex align-items-center gap-2 mt-2"),
            html.Ul(items, className="list-group list-group-flush small", id="dp-notes-list")
            if items
            else html.P(t("notes_empty", lang), className="small text-muted mb-0", id="dp-notes-empty"),
        ],
        id="dp-notes",
    )


def note_modal(lang: str) -> html.Div:
    """The one form for adding, editing and withdrawing a note (callbacks/notes.py fills and sends it)."""
    return html.Div(
        [
            dcc.Store(id="dp-note-target"),
            html.Div(id="dp-note-message", className="small text-success", **attrs({"aria-live": "polite"})),
            dbc.Modal(
                [
                    dbc.ModalHeader(dbc.ModalTitle(id="dp-note-modal-title")),
                    dbc.ModalBody(
                        [
                            html.Div(id="dp-note-about", className="small fw-semibold mb-2"),
                            html.Div(
                                [
                                    dbc.Label(t("note_form_about", lang), html_for="dp-note-scope", className="small"),
                                    dbc.RadioItems(
                                        id="dp-note-scope", options=[], value="cell", className="small mb-2"
                                    ),
                                ],
                                id="dp-note-scope-wrap",
                            ),
                            html.Div(
                                [
                                    dbc.Label(t("year", lang), html_for="dp-note-year", className="small"),
                                    dbc.Select(id="dp-note-year", options=[], className="mb-2"),
                                ],
                                id="dp-note-year-wrap",
                            ),
                            dbc.Label(t("note_form_text", lang), html_for="dp-note-text", className="small"),
                            dbc.Textarea(id="dp-note-text", maxLength=MAX_NOTE_CHARS, rows=4),
                            dbc.FormText(t("note_form_text_help", lang, limit=MAX_NOTE_CHARS), id="dp-note-help"),
                            html.Div(id="dp-note-error", className="text-danger small mt-1", role="alert"),
                        ]
                    ),
                    dbc.ModalFooter(
                        [
                            dbc.Button(
                                t("cancel", lang), id="dp-note-cancel", color="secondary", outline=True, n_clicks=0
                            ),
                            dbc.Button(t("save", lang), id="dp-note-save", color="primary", n_clicks=0),
                        ]
                    ),
                ],
                id="dp-note-modal",
                is_open=False,
                centered=True,
            ),
        ]
    )


# -- the import preview ------------------------------------------------------------------------------


def jumps_view(repo: Repository, jumps: list[Change], lang: str) -> html.Div | None:
    if not jumps:
        return None
    rows = []
    for j in jumps[:500]:
        ind = repo.plan.indicator_by_code.get(j.indicator)
        decimals = ind.decimals if ind else 2
        unit = ind.unit.get(lang) if ind else ""
        name = f"{j.indicator} {ind.name.get(lang)}" if ind else j.indicator
        rows.append(
            html.Tr(
                [
                    html.Td(name),
                    html.Td(repo.region_name(j.region, lang)),
                    html.Td(str(j.year)),
                    html.Td(f"{format_value(j.previous, decimals, unit, lang)} ({j.previous_year})"),
                    html.Td(html.Strong(format_value(j.value, decimals, unit, lang))),
                    html.Td("⚠ " + _percent(j.ratio, lang), className="text-danger text-nowrap"),
                    html.Td("±" + threshold_text(j.threshold, lang) if j.threshold is not None else "—"),
                ]
            )
        )
    header = [
        t("indicator", lang),
        t("district", lang),
        t("year", lang),
        t("jump_col_old", lang),
        t("jump_col_new", lang),
        t("up_col_change", lang),
        t("jump_col_threshold", lang),
    ]
    return html.Div(
        [
            html.H3(f"⚠ {t('up_jumps', lang)} ({len(jumps):,})", className="h6 mt-3"),
            html.P(t("up_jumps_help", lang), className="small text-muted mb-1"),
            html.Div(
                dbc.Table(
                    [
                        html.Caption(t("up_jumps", lang), className="visually-hidden"),
                        html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
                        html.Tbody(rows),
                    ],
                    striped=True,
                    size="sm",
                    className="mb-1 align-middle",
                ),
                className="table-responsive border rounded border-warning",
                style={"maxHeight": "20rem", "overflowY": "auto"},
            ),
        ],
        id="upload-jumps",
    )
