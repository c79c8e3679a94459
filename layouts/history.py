"""导入历史 History: every batch (who, when, file, checksum, counts, status), rollback, clearing sample data.

Roll-back buttons are shown to editors, the clear-sample action to
administrators once real figures exist; the import service checks the role
on the server whatever the page showed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import auth
from dashboard.context import AppContext
from dashboard.i18n import STRINGS, lang_param, t, text_lang
from dashboard.services.imports import ImportService
from dashboard.viewstate import ViewState
from data.facilities import VENUE_BATCH
from data.users import User
from layouts.common import attrs

BEIJING = timedelta(hours=8)  # the store keeps UTC; the plan's staff read Beijing time

# Batches a user made, which a user may roll back: figures, and venue lists (data/facilities.py).
KIND_WORDS = {"import": "hist_kind_import", VENUE_BATCH: "up_venue_list"}


def layout(state: ViewState, context: AppContext) -> html.Div:
    imports = context.imports
    lang = state.lang
    user = context.viewer.current_user()
    return html.Div(
        [
            html.H1(t("hist_title", lang), className="h3 my-2"),
            html.P(t("hist_intro", lang), className="text-muted mb-2", style={"maxWidth": "70rem"}),
            viewer_note(state, user, context.viewer.url(auth.LOGIN_PAGE)),
            dcc.Store(id="history-lang", data=lang),
            dcc.Store(id="hist-target"),
            html.Div(id="hist-message", className="mb-2", **attrs({"aria-live": "polite"})),
            html.Div(clear_sample_area(imports, user, lang), id="hist-clear-area"),
            dcc.Loading(html.Div(history_table(imports, user, lang), id="history-table"), delay_show=300),
            audit_section(imports, user, lang),
            dbc.Modal(
                [
                    dbc.ModalHeader(dbc.ModalTitle(id="hist-modal-title")),
                    dbc.ModalBody(id="hist-modal-body"),
                    dbc.ModalFooter(
                        [
                            dbc.Button(
                                t("hist_cancel", lang), id="hist-cancel", color="secondary", outline=True, n_clicks=0
                            ),
                            dbc.Button(t("hist_rollback", lang), id="hist-confirm", color="danger", n_clicks=0),
                        ]
                    ),
                ],
                id="hist-modal",
                is_open=False,
                centered=True,
            ),
        ],
        id="history-page",
    )


def viewer_note(state: ViewState, user: User | None, login_url: str):
    if user is not None and user.can("rollback"):
        return None
    lang = state.lang
    text: list[str | html.A] = [t("hist_need_editor", lang)]
    if user is None:
        query = {"next": state.to_url()} | lang_param(lang)
        text += [" ", html.A(t("up_need_login", lang), href=login_url + "?" + urlencode(query), className="alert-link")]
    return dbc.Alert(text, color="info", className="py-2", id="hist-need-editor")


def as_typed(text: str, lang: str):
    """A file name or note as typed: marked as Chinese on an English page, so screen readers say it right."""
    marked = text_lang(text, lang)
    return html.Span(text, lang=marked) if marked else text


def when(value: datetime | None) -> str:
    return (value + BEIJING).strftime("%Y-%m-%d %H:%M") if value else "—"


def history_table(imports: ImportService, user: User | None, lang: str) -> html.Div:
    batches = imports.batches()
    if not batches:
        return dbc.Alert(t("hist_empty", lang), color="secondary", id="hist-empty")
    may_roll_back = user is not None and user.can("rollback")
    header = [
        t(k, lang)
        for k in (
            "hist_col_batch",
            "hist_col_kind",
            "hist_col_who",
            "hist_col_when",
            "hist_col_file",
            "hist_col_checksum",
            "hist_col_counts",
            "hist_col_status",
        )
    ]
    if may_roll_back:
        header.append(t("hist_col_action", lang))
    rows = []
    for b in batches:
        active = b["status"] == "active"
        status: html.Span | html.Div
        if b["status"] in ("pending", "returned") or (active and b.get("reviewed_by")):
            status = review_status(b, lang)
        elif active:
            status = html.Span(t("hist_active", lang), className="badge bg-success")
        else:
            status = html.Div(
                [
                    html.Span(t("hist_rolled_back", lang), className="badge bg-secondary"),
                    html.Div(
                        t(
                            "hist_rolled_back_by",
                            lang,
                            who=b.get("rolled_back_by") or "—",
                            when=when(b.get("rolled_back_at")),
                        ),
                        className="small text-muted",
                    ),
                ]
            )
        checksum = b.get("checksum") or ""
        nowrap: dict[str, Any] = {"className": "text-nowrap"}
        cells: list[tuple[Any, dict[str, Any]]] = [  # (content, the cell's properties)
            (f"#{b['id']}", nowrap),
            (t(KIND_WORDS.get(b["kind"], "hist_kind_sample"), lang), nowrap),
            (b.get("created_by") or "—", {}),
            (when(b.get("created_at")), nowrap),
            (
                as_typed(b.get("filename") or b.get("note") or "—", lang),
                {"style": {"overflowWrap": "anywhere", "minWidth": "8rem"}},
            ),
            (html.Code(checksum[:12], title=checksum) if checksum else "—", {}),
            (f"{b.get('rows_new') or 0:,} / {b.get('rows_changed') or 0:,} / {b.get('rows_unchanged') or 0:,}", nowrap),
            (status, {}),
        ]
        if may_roll_back:
            label = t("hist_rollback_label", lang, batch=b["id"])
            cells.append(
                (
                    html.Button(
                        t("hist_rollback", lang),
                        id={"type": "hist-rollback", "batch": b["id"]},
                        className="btn btn-outline-danger btn-sm text-nowrap",
                        n_clicks=0,
                        title=label,
                        **attrs({"aria-label": label}),
                    )
                    if active and b["kind"] in KIND_WORDS
                    else "",
                    {},
                )
            )
        rows.append(html.Tr([html.Td(c, **kw) for c, kw in cells], id=f"hist-row-{b['id']}"))
    return html.Div(
        dbc.Table(
            [
                html.Caption(t("hist_title", lang), className="visually-hidden"),
                html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
                html.Tbody(rows),
            ],
            striped=True,
            hover=True,
            size="sm",
            className="align-middle mb-0",
        ),
        className="table-responsive",
        id="hist-table",
    )


def review_status(b: dict, lang: str) -> html.Div:
    """A batch under review (KEPU_REVIEW_IMPORTS): waiting, returned with its reason, or accepted, and by whom."""
    badge = {
        "pending": ("rep_pending", "badge bg-info text-dark"),
        "returned": ("hist_returned", "badge bg-danger"),
        "active": ("hist_active", "badge bg-success"),
    }[b["status"]]
    lines: list = [html.Span(t(badge[0], lang), className=badge[1])]
    if b.get("reviewed_by"):
        lines.append(
            html.Div(
                t("hist_reviewed_by", lang, who=b["reviewed_by"], when=when(b.get("reviewed_at"))),
                className="small text-muted",
            )
        )
    if b.get("review_reason"):
        lines.append(
            html.Div(
                as_typed(t("hist_return_reason", lang, reason=b["review_reason"]), lang),
                className="small",
                id=f"hist-reason-{b['id']}",
            )
        )
    return html.Div(lines)


AUDIT_COLUMNS = ("audit_col_when", "audit_col_event", "audit_col_who", "audit_col_address", "audit_col_what")


def audit_section(imports: ImportService, user: User | None, lang: str, limit: int = 200):
    """The audit log, for administrators: logins, lockouts, account changes and every write.

    Every value is a text child (Dash escapes it): a username typed into the login form is shown as
    typed, never as markup."""
    if not imports.may(user, "read_audit"):
        return None
    events = imports.audit(user, limit)
    if not events:
        body: Any = dbc.Alert(t("audit_empty", lang), color="secondary", id="audit-empty")
    else:
        rows = []
        for e in events:
            batch = f"#{e['batch_id']}" if e.get("batch_id") else None
            what = " ".join(x for x in (e.get("plan_code"), batch, e.get("detail")) if x)
            label = f"audit_event_{e['event']}"
            rows.append(
                html.Tr(
                    [
                        html.Td(when(e.get("at")), className="text-nowrap"),
                        html.Td(t(label, lang) if label in STRINGS else e["event"], className="text-nowrap"),
                        html.Td(as_typed(e.get("username") or "—", lang), style={"overflowWrap": "anywhere"}),
                        html.Td(e.get("address") or "—", className="text-nowrap"),
                        html.Td(as_typed(what or "—", lang), style={"overflowWrap": "anywhere"}),
                    ]
                )
            )
        body = html.Div(
            dbc.Table(
                [
                    html.Caption(t("audit_title", lang), className="visually-hidden"),
                    html.Thead(html.Tr([html.Th(t(k, lang), scope="col") for k in AUDIT_COLUMNS])),
                    html.Tbody(rows),
                ],
                striped=True,
                hover=True,
                size="sm",
                className="align-middle mb-0",
            ),
            className="table-responsive",
            id="audit-table",
        )
    return html.Section(
        [
            html.H2(t("audit_title", lang), className="h5 mt-4 mb-1"),
            html.P(t("audit_intro", lang, n=limit), className="text-muted small mb-2"),
            body,
        ],
        id="audit-section",
    )


def clear_sample_area(imports: ImportService, user: User | None, lang: str):
    """The clear-sample action, for administrators, once real figures exist and sample ones are left."""
    if not imports.may_clear_sample(user):
        return None
    return dbc.Alert(
        [
            html.Div(t("hist_clear_help", lang), className="mb-2"),
            dbc.Button(
                t("hist_clear_sample", lang),
                id={"type": "hist-clear", "index": 0},
                color="warning",
                size="sm",
                n_clicks=0,
            ),
        ],
        color="light",
        className="border py-2",
        id="hist-clear",
    )
