"""History page: a roll-back or clear button opens a confirmation; confirming does it, as the session's user.

The write callback checks the role on the server (``require_role`` with the
session's user; ``rollback_batch`` checks again), whatever the page showed:
a viewer or anonymous POST to /_dash-update-component gets a refusal and the
store is not touched. Every failure is a message, never a traceback.
"""

from __future__ import annotations

import logging

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from callbacks.upload import denied
from dashboard.context import AppContext
from dashboard.i18n import lang_or_default, t
from dashboard.services.imports import ImportService
from data.import_messages import ImportFailure
from data.users import PermissionDenied, User
from layouts.history import clear_sample_area, history_table

log = logging.getLogger("kepu.history")


def _lang(lang) -> str:
    return lang_or_default(lang)


def _alert(text, colour: str, id_: str = "hist-result") -> dbc.Alert:
    return dbc.Alert(text, color=colour, className="py-2 mb-0", id=id_)


def dialog_for(imports: ImportService, trigger, lang) -> tuple:
    """(target, open, title, body, confirm label) for the button that was clicked."""
    lang = _lang(lang)
    if trigger.get("type") == "hist-rollback":
        batch = next((b for b in imports.batches() if b["id"] == trigger.get("batch")), None)
        if batch is None:
            raise PreventUpdate
        body = t(
            "hist_confirm_body",
            lang,
            file=batch.get("filename") or "—",
            changed=batch.get("rows_changed") or 0,
            new=batch.get("rows_new") or 0,
        )
        return (
            {"action": "rollback", "batch": batch["id"]},
            True,
            t("hist_confirm_title", lang, batch=batch["id"]),
            body,
            t("hist_rollback", lang),
        )
    if trigger.get("type") == "hist-clear":
        n = imports.status()["sample_rows"]
        return (
            {"action": "clear"},
            True,
            t("hist_clear_title", lang),
            t("hist_clear_body", lang, n=f"{n:,}"),
            t("hist_clear_sample", lang),
        )
    raise PreventUpdate


def roll_back(imports: ImportService, user: User | None, batch, lang: str) -> dbc.Alert:
    if not isinstance(batch, int) or isinstance(batch, bool):
        return _alert(ImportFailure("unknown_batch", batch=str(batch)[:20]).text(lang), "danger")
    try:
        editor = imports.authorize(user, "rollback")
        res = imports.rollback(editor, batch)
    except PermissionDenied:
        log.warning("rollback refused: %s may not roll back", user.username if user else "anonymous")
        return _alert(denied(user, "rollback", lang), "danger", "hist-denied")
    except ImportFailure as exc:
        return _alert(exc.text(lang), "danger")
    log.info("rollback: batch %s by %s (%s)", batch, editor.username, res)
    text = [t("hist_done", lang, batch=batch, restored=res["restored"], deleted=res["deleted"])]
    if res.get("sample_gone"):
        text += [" ", t("hist_sample_gone", lang, n=res["sample_gone"])]
    return _alert(text, "success")


def clear_sample(imports: ImportService, user: User | None, lang: str) -> dbc.Alert:
    if not imports.may(user, "clear_sample"):
        log.warning("clearing sample data refused: %s", user.username if user else "anonymous")
        return _alert(denied(user, "clear", lang), "danger", "hist-denied")
    status = imports.status()
    if status["sample_rows"] == 0:
        return _alert(t("hist_no_sample", lang), "secondary")
    if status["real_rows"] == 0:  # the pages would be empty: import real figures first
        return _alert(t("hist_no_real", lang), "secondary")
    try:
        editor = imports.authorize(user, "clear_sample")
        n = imports.clear_sample(editor)
    except PermissionDenied:
        return _alert(denied(user, "clear", lang), "danger", "hist-denied")
    log.info("sample data cleared by %s: %s rows", editor.username, n)
    return _alert(t("hist_cleared", lang, n=f"{n:,}"), "success")


def history_action(imports: ImportService, user: User | None, n_clicks, target, lang) -> tuple:
    """(message, table, dialog open, clear area) after the confirmation button."""
    if not n_clicks or not isinstance(target, dict):
        raise PreventUpdate
    lang = _lang(lang)
    try:
        if target.get("action") == "rollback":
            message = roll_back(imports, user, target.get("batch"), lang)
        elif target.get("action") == "clear":
            message = clear_sample(imports, user, lang)
        else:
            raise PreventUpdate
    except PreventUpdate:
        raise
    except Exception:
        log.exception("history action %r failed", target)
        message = _alert(t("hist_failed", lang), "danger")
    try:
        table, clear = history_table(imports, user, lang), clear_sample_area(imports, user, lang)
    except Exception:
        log.exception("history table failed")
        return message, no_update, False, no_update
    return message, table, False, clear


def register(app: dash.Dash, context: AppContext) -> None:
    def open_dialog(_rollback, _clear, lang, search):
        if not ctx.triggered or not ctx.triggered[0].get("value") or not isinstance(ctx.triggered_id, dict):
            raise PreventUpdate  # buttons appearing (the table redrawn) are not clicks
        try:
            return dialog_for(context.for_search(search).imports, ctx.triggered_id, lang)
        except PreventUpdate:
            raise
        except Exception:
            log.exception("opening the confirmation failed")
            return None, False, no_update, no_update, no_update

    app.callback(
        Output("hist-target", "data"),
        Output("hist-modal", "is_open"),
        Output("hist-modal-title", "children"),
        Output("hist-modal-body", "children"),
        Output("hist-confirm", "children"),
        Input({"type": "hist-rollback", "batch": ALL}, "n_clicks"),
        Input({"type": "hist-clear", "index": ALL}, "n_clicks"),
        State("history-lang", "data"),
        State("url", "search"),
        prevent_initial_call=True,
    )(open_dialog)

    def cancel(n_clicks):
        if not n_clicks:
            raise PreventUpdate
        return False, None

    app.callback(
        Output("hist-modal", "is_open", allow_duplicate=True),
        Output("hist-target", "data", allow_duplicate=True),
        Input("hist-cancel", "n_clicks"),
        prevent_initial_call=True,
    )(cancel)

    def act(n_clicks, target, lang, search):
        # The plan of the page the button was on: a rollback names its plan (another plan's batch is refused).
        imports = context.for_search(search).imports
        return history_action(imports, context.viewer.current_user(), n_clicks, target, lang)

    app.callback(
        Output("hist-message", "children"),
        Output("history-table", "children"),
        Output("hist-modal", "is_open", allow_duplicate=True),
        Output("hist-clear-area", "children"),
        Input("hist-confirm", "n_clicks"),
        State("hist-target", "data"),
        State("history-lang", "data"),
        State("url", "search"),
        prevent_initial_call=True,
    )(act)
