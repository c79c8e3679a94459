"""导入数据 Import: template download, upload, preview (new / changed / unchanged, every problem), confirm.

The page shows the upload controls only to accounts that may import; everyone
else sees why not and can still download the template. That is a courtesy:
the callbacks (callbacks/upload.py) check the role on the server again.
"""

from __future__ import annotations

import math
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import auth
from dashboard.context import AppContext
from dashboard.i18n import join_names, lang_param, pick, t
from dashboard.repository import Repository
from dashboard.services.imports import Preview, VenuePreview
from dashboard.viewstate import ViewState
from layouts.common import attrs
from layouts.facilities import venue_changes, venue_template_buttons, venue_tiles
from layouts.notes import jumps_view

MAX_PROBLEMS = 1000  # listed in the preview; the counts always give the total
MAX_CHANGES = 500


def layout(state: ViewState, context: AppContext) -> html.Div:
    repo = context.repo
    lang = state.lang
    user = context.viewer.current_user()
    may_import = user is not None and user.can("import")
    return html.Div(
        [
            html.H1(t("up_title", lang), className="h3 my-2"),
            html.P(t("up_intro", lang), className="text-muted mb-2", style={"maxWidth": "70rem"}),
            account_note(state, user, context.viewer.url(auth.LOGIN_PAGE)),
            dcc.Store(id="upload-lang", data=lang),
            dbc.Card(
                dbc.CardBody(
                    [
                        html.H2(t("up_step_template", lang), className="h5"),
                        html.P(t("up_template_help", lang), className="small mb-2"),
                        dbc.Button(
                            t("up_template_xlsx", lang),
                            id="upload-template-xlsx",
                            color="primary",
                            outline=True,
                            size="sm",
                            className="me-2",
                            n_clicks=0,
                        ),
                        dbc.Button(
                            t("up_template_csv", lang),
                            id="upload-template-csv",
                            color="secondary",
                            outline=True,
                            size="sm",
                            n_clicks=0,
                        ),
                        dcc.Loading(dcc.Download(id="upload-template"), type="dot", delay_show=300),
                        *([venue_template_buttons(lang)] if repo.plan.facility_types else []),
                    ]
                ),
                className="mb-3",
                id="upload-step-template",
            ),
            *(upload_steps(lang, repo, context.settings.import_max_bytes) if may_import else []),
        ],
        id="upload-page",
    )


def account_note(state: ViewState, user, login_url: str) -> dbc.Alert | html.Div:
    lang = state.lang
    if user is not None and user.can("import"):
        return html.Div(
            t("up_acting_as", lang, user=user.username, role=auth.role_label(user.role, lang)),
            className="small text-muted mb-2",
            id="upload-account",
        )
    if user is None:
        query = {"next": state.to_url()} | lang_param(lang)
        login = html.A(
            t("up_need_login", lang),
            href=login_url + "?" + urlencode(query),
            className="alert-link",
            id="upload-login-link",
        )
        text = [t("up_need_editor", lang), " ", login]
    else:
        text = [
            t("up_need_editor", lang),
            " ",
            t("up_wrong_role", lang, user=user.username, role=auth.role_label(user.role, lang)),
        ]
    return dbc.Alert(text, color="info", className="py-2", id="upload-need-editor")


def upload_steps(lang: str, repo: Repository, limit: int) -> list:
    """``limit``: the largest file an import accepts (KEPU_IMPORT_MAX_BYTES), said next to the drop zone."""
    checking = html.Div(
        [dbc.Spinner(size="sm", spinner_class_name="me-2"), t("up_checking", lang)],
        className="text-primary py-3",
        role="status",
    )
    writing = html.Div(
        [dbc.Spinner(size="sm", spinner_class_name="me-2"), t("up_writing", lang)],
        className="text-primary py-2",
        role="status",
    )
    return [
        dbc.Card(
            dbc.CardBody(
                [
                    html.H2(t("up_step_upload", lang), className="h5"),
                    # The label around the drop zone names its hidden file input for screen readers (axe: label).
                    html.Label(
                        dcc.Upload(
                            html.Div(
                                [
                                    t("up_drop", lang),
                                    " ",
                                    html.Span(t("up_choose", lang), className="btn btn-primary btn-sm ms-1"),
                                    html.Div(
                                        t("up_accepts", lang, size=human_size(limit)), className="small text-muted mt-1"
                                    ),
                                ]
                            ),
                            id="upload-file",
                            accept=".xlsx,.csv",
                            multiple=False,
                            className="text-center p-3 rounded",
                            style={"border": "2px dashed #6c757d", "backgroundColor": "#f8f9fa", "cursor": "pointer"},
                        ),
                        className="d-block mb-0",
                    ),
                ]
            ),
            className="mb-3",
            id="upload-step-upload",
        ),
        dbc.Card(
            dbc.CardBody(
                [
                    html.H2(t("up_step_preview", lang), className="h5"),
                    dcc.Store(id="upload-token"),
                    # Each spinner watches the one output only its own step writes (both steps touch the button).
                    dcc.Loading(
                        html.Div(html.P(t("up_waiting", lang), className="text-muted small mb-0"), id="upload-preview"),
                        custom_spinner=checking,
                        delay_show=150,
                        # dash types this as an empty TypedDict; its keys are the ids of the watched components.
                        target_components={"upload-preview": "children"},  # type: ignore[arg-type]
                    ),
                    dcc.Loading(
                        html.Div(
                            [
                                dcc.Store(id="upload-batch"),
                                html.Div(
                                    [
                                        dbc.Button(
                                            t("up_confirm", lang),
                                            id="upload-confirm",
                                            color="success",
                                            disabled=True,
                                            n_clicks=0,
                                            className="me-3",
                                        ),
                                        html.Span(t("up_confirm_help", lang), className="small text-muted"),
                                    ],
                                    className="d-flex flex-wrap align-items-center gap-2 mt-3",
                                ),
                                html.Div(id="upload-result", className="mt-3", **attrs({"aria-live": "polite"})),
                            ]
                        ),
                        custom_spinner=writing,
                        delay_show=150,
                        target_components={"upload-batch": "data"},  # type: ignore[arg-type]  # as above
                    ),
                ]
            ),
            className="mb-3",
            id="upload-step-preview",
        ),
    ]


# -- the preview -----------------------------------------------------------------------------


def human_size(n: int | float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" or n >= 10 else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def number(v, max_decimals: int = 6) -> str:
    """A figure as typed (no 万 rounding: the preview is for checking); stored sample values are
    shortened to ``max_decimals``."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "—"
    v = float(v)
    if v.is_integer() and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.{max_decimals}f}".rstrip("0").rstrip(".")


def figure(fields: dict | None, max_decimals: int = 6) -> str:
    if not fields:
        return "—"
    text = number(fields.get("value"), max_decimals)
    if fields.get("numerator") is not None and fields.get("denominator") is not None:
        text += f" ({number(fields['numerator'])}/{number(fields['denominator'])})"
    return text


def _table(header: list[str], rows: list[list], id_: str, caption: str) -> html.Div:
    return html.Div(
        dbc.Table(
            [
                html.Caption(caption, className="visually-hidden"),
                html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
                html.Tbody([html.Tr([html.Td(c) for c in row]) for row in rows]),
            ],
            bordered=False,
            striped=True,
            hover=True,
            size="sm",
            className="mb-1 align-middle",
        ),
        className="table-responsive border rounded",
        style={"maxHeight": "26rem", "overflowY": "auto"},
        id=id_,
    )


def _tile(label: str, value: int, id_: str, colour: str = "secondary") -> dbc.Col:
    return dbc.Col(
        html.Div(
            [
                html.Div(f"{value:,}", className=f"fs-4 fw-bold text-{colour}"),
                html.Div(label, className="small text-muted"),
            ],
            className="border rounded px-3 py-2 h-100",
            id=id_,
        ),
        xs=6,
        sm=4,
        md=2,
    )


def preview_view(pv: Preview | VenuePreview, repo: Repository, lang: str) -> html.Div:
    c = pv.counts
    kind = {"xlsx": "Excel", "csv": "CSV"}.get(pv.kind or "", pv.kind or "")
    from layouts.history import as_typed

    file_line = [
        html.Strong(t("up_file", lang) + ": "),
        as_typed(pv.filename, lang),
        f" ({', '.join(x for x in (kind, human_size(pv.size)) if x)})",
    ]
    if pv.sheets_read:
        file_line += [" · ", t("up_sheets", lang, sheets=join_names(pv.sheets_read, lang))]
    if isinstance(pv, VenuePreview):  # a venue list (layouts/facilities.py)
        file_line += [" · ", html.Strong(t("up_venue_list", lang), id="upload-venue-list")]
    if pv.errors:
        verdict, colour, text = "refused", "danger", t("up_refused", lang, n=f"{len(pv.errors):,}")
    elif c.get("new", 0) + c.get("changed", 0) == 0:
        verdict, colour, text = "nothing", "secondary", t("up_nothing_new", lang)
    else:
        verdict, colour = "ok", "success"
        text = t("up_ok_warnings", lang, n=f"{len(pv.warnings):,}") if pv.warnings else t("up_ok", lang)
    status = html.Div(
        dbc.Alert(text, color=colour, className="py-2 mb-2"), id="upload-status", **attrs({"data-status": verdict})
    )
    parts = [html.Div(file_line, className="small mb-2", id="upload-file-info"), status]
    if not pv.errors and isinstance(pv, VenuePreview):
        tiles = venue_tiles(pv, lang, _tile)
        if pv.warnings:
            tiles.append(_tile(t("up_count_warnings", lang), len(pv.warnings), "upload-count-warnings", "warning"))
        parts.append(dbc.Row(tiles, className="g-2 mb-2"))
    elif not pv.errors:
        tiles = [
            _tile(t("up_count_values", lang), c.get("values", 0), "upload-count-values"),
            _tile(t("up_count_new", lang), c.get("new", 0), "upload-count-new", "success"),
            _tile(t("up_count_changed", lang), c.get("changed", 0), "upload-count-changed", "primary"),
            _tile(t("up_count_unchanged", lang), c.get("unchanged", 0), "upload-count-unchanged"),
        ]
        if pv.warnings:
            tiles.append(_tile(t("up_count_warnings", lang), len(pv.warnings), "upload-count-warnings", "warning"))
        if isinstance(pv, Preview) and pv.jumps:
            tiles.append(_tile(t("up_count_jumps", lang), len(pv.jumps), "upload-count-jumps", "warning"))
        parts.append(dbc.Row(tiles, className="g-2 mb-2"))
        if c.get("replaces_sample"):
            parts.append(
                html.Div(
                    t("up_replaces_sample", lang, n=f"{c['replaces_sample']:,}"), className="small text-muted mb-2"
                )
            )
    if pv.problems:
        parts.append(problems_view(pv, lang))
    if pv.changes and not pv.errors:
        parts.append(venue_changes(pv, repo, lang) if isinstance(pv, VenuePreview) else changes_view(pv, repo, lang))
    if isinstance(pv, Preview) and not pv.errors:  # figures past their threshold, and the file's notes
        jumps = jumps_view(repo, pv.jumps, lang)
        if jumps is not None:
            parts.append(jumps)
        n_notes = sum(1 for r in pv.records if r.explanation)
        if n_notes:
            parts.append(
                html.Div(t("up_notes_in_file", lang, n=n_notes), className="small text-muted mt-2", id="upload-notes")
            )
    return html.Div(parts, id="upload-preview-body")


def problems_view(pv: Preview | VenuePreview, lang: str) -> html.Div:
    from layouts.history import as_typed

    problems = pv.errors + pv.warnings  # errors first: they are what stops the import
    shown = problems[:MAX_PROBLEMS]
    sheets = any(p.sheet for p in shown)  # a CSV has no sheets: no column of dashes
    rows = [
        [
            html.Span(
                t("up_error" if p.is_error else "up_warning", lang),
                className="badge " + ("bg-danger" if p.is_error else "bg-warning text-dark"),
            ),
            *([as_typed(p.sheet, lang) if p.sheet else "—"] if sheets else []),
            p.row or "—",
            as_typed(p.column, lang) if p.column else "—",
            p.cell or "—",
            pick(p, lang),
        ]
        for p in shown
    ]
    header = [
        t(k, lang)
        for k in (
            "up_col_type",
            *(["up_col_sheet"] if sheets else []),
            "up_col_row",
            "up_col_column",
            "up_col_cell",
            "up_col_message",
        )
    ]
    out = [
        html.H3(f"{t('up_problems', lang)} ({len(problems):,})", className="h6 mt-3"),
        _table(header, rows, "upload-problems", t("up_problems", lang)),
    ]
    if len(problems) > len(shown):
        out.append(
            html.Div(
                t("up_truncated", lang, shown=f"{len(shown):,}", total=f"{len(problems):,}"),
                className="small text-muted",
            )
        )
    return html.Div(out)


def changes_view(pv: Preview, repo: Repository, lang: str) -> html.Div:
    shown = pv.changes[:MAX_CHANGES]
    rows = []
    for ch in shown:
        ind = repo.plan.indicator_by_code.get(ch.indicator)
        name = f"{ch.indicator} {ind.name.get(lang)}" if ind else ch.indicator
        unit = ind.unit.get(lang) if ind else ""
        old = figure(ch.old, max((ind.decimals if ind else 0) + 1, 2))
        if ch.old and ch.old.get("is_sample"):
            old += f" ({t('up_was_sample', lang)})"
        kind = html.Span(
            t(f"up_kind_{ch.kind}", lang), className="badge " + ("bg-success" if ch.kind == "new" else "bg-primary")
        )
        rows.append([kind, name, repo.region_name(ch.region, lang), ch.year, old, html.Strong(figure(ch.new)), unit])
    header = [
        t("up_col_change", lang),
        t("indicator", lang),
        t("district", lang),
        t("year", lang),
        t("up_col_old", lang),
        t("up_col_new", lang),
        t("unit", lang),
    ]
    out = [
        html.H3(f"{t('up_changes', lang)} ({len(pv.changes):,})", className="h6 mt-3"),
        _table(header, rows, "upload-changes", t("up_changes", lang)),
    ]
    if len(pv.changes) > len(shown):
        out.append(
            html.Div(
                t("up_truncated", lang, shown=f"{len(shown):,}", total=f"{len(pv.changes):,}"),
                className="small text-muted",
            )
        )
    return html.Div(out)


def failure(text: str, id_: str = "upload-error", problems: list | None = None, lang: str = "zh") -> dbc.Alert:
    body: list[html.Div | html.Ul] = [html.Div(text)]
    if problems:
        body.append(html.Ul([html.Li(p.text(lang)) for p in problems[:20]], className="mb-0 small"))
    return dbc.Alert(body, color="danger", className="py-2 mb-0", id=id_)


def success(
    batch: int,
    counts: dict,
    map_href: str,
    history_href: str,
    lang: str,
    *,
    pending_href: str | None = None,
    venues: bool = False,
) -> html.Div:
    """The batch written; ``pending_href`` (review is on and it waits for it): a link to the reporting
    page instead of the map, where nothing has changed yet; ``venues``: the batch was a venue list (its
    words, and a map with the venues on)."""
    first_link = (
        dcc.Link(
            t("up_see_reporting", lang) + " →",
            href=pending_href,
            className="alert-link me-3",
            id="upload-reporting-link",
        )
        if pending_href
        else dcc.Link(
            t("up_see_venues" if venues else "up_see_map", lang) + " →",
            href=map_href,
            className="alert-link me-3",
            id="upload-map-link",
        )
    )
    return html.Div(
        dbc.Alert(
            [
                html.Div(
                    t(
                        "up_done_pending" if pending_href else ("up_venue_done" if venues else "up_done"),
                        lang,
                        batch=batch,
                        new=counts.get("new", 0),
                        changed=counts.get("changed", 0),
                        unchanged=counts.get("unchanged", 0),
                    ),
                    className="fw-semibold mb-1",
                ),
                first_link,
                dcc.Link(
                    t("up_see_history", lang) + " →",
                    href=history_href,
                    className="alert-link",
                    id="upload-history-link",
                ),
            ],
            color="success",
            className="py-2 mb-0",
        ),
        id="upload-done",
        **attrs({"data-batch": str(batch), "data-pending": "true" if pending_href else "false"}),
    )
