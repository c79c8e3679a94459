"""Reporting page: year → round and URL; due date form; accept / return; Excel and missing-cells downloads.

Writes (the due date, accept, return) go through the import service as the session's user, which
checks the role on the server whatever the page showed; each answers with a message and bumps
``rep-refresh`` so the round is drawn again. No exception reaches the browser.
"""

from __future__ import annotations

import logging

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, dcc, no_update
from dash.exceptions import PreventUpdate

from callbacks.upload import denied
from dashboard.context import AppContext
from dashboard.i18n import lang_or_default, t
from dashboard.repository import Repository
from dashboard.services.imports import ImportService
from dashboard.services.reporting import (
    export_name,
    export_xlsx,
    missing_template,
    missing_template_name,
    reporting_round,
)
from dashboard.viewstate import parse
from data.import_messages import ImportFailure
from data.reporting import parse_due_date
from data.users import PermissionDenied, User
from layouts.reporting import body, header

log = logging.getLogger("kepu.reporting")


def _alert(text, colour: str, id_: str) -> dbc.Alert:
    return dbc.Alert(text, color=colour, className="py-2 mb-2", id=id_)


def update_round(repo: Repository, imports: ImportService, user: User | None, year, pathname, search):
    """(header, body, the due date form's value, URL query) for the chosen year."""
    choices = repo.choices()
    state = parse(pathname, search, choices)
    year = choices.year_or_default(year)
    state = state.with_(year=year).canonical(choices)
    lang = state.lang
    view = reporting_round(repo, year)
    due = view.round.due_date.isoformat() if view.round.due_date else None
    return header(lang, year), body(repo, imports, user, view, lang), due, state.query()


def set_due(imports: ImportService, user: User | None, year, value, clear: bool, lang) -> tuple:
    """(message, refresh bump) after the due date form."""
    lang = lang_or_default(lang)
    if not isinstance(year, int) or isinstance(year, bool):
        raise PreventUpdate
    due = None if clear else parse_due_date(value)
    if not clear and due is None:
        return _alert(t("rep_due_bad", lang), "danger", "rep-due-error"), no_update
    try:
        imports.set_due_date(user, year, due)
    except PermissionDenied:
        log.warning("due date refused: %s", user.username if user else "anonymous")
        return _alert(denied(user, "due_date", lang), "danger", "rep-due-denied"), no_update
    key = "rep_due_cleared" if due is None else "rep_due_saved"
    return _alert(t(key, lang, year=year, date=due.isoformat() if due else ""), "success", "rep-due-done"), 1


def review(imports: ImportService, user: User | None, action: str, batch, reason, lang) -> tuple:
    """(message, refresh bump) after accept or return."""
    lang = lang_or_default(lang)
    if not isinstance(batch, int) or isinstance(batch, bool):
        raise PreventUpdate
    try:
        if action == "accept":
            res = imports.accept(user, batch)
            text = t("rep_accepted", lang, batch=batch, new=res["new"], changed=res["changed"])
        else:
            imports.return_batch(user, batch, reason if isinstance(reason, str) else "")
            text = t("rep_returned", lang, batch=batch)
    except PermissionDenied:
        log.warning("review refused: %s", user.username if user else "anonymous")
        return _alert(denied(user, "review", lang), "danger", "rep-review-denied"), no_update
    except ImportFailure as exc:
        return _alert(exc.text(lang), "danger", "rep-review-error"), no_update
    log.info("review: batch %s %s by %s", batch, action, user.username if user else "?")
    return _alert(text, "success", "rep-review-done"), 1


def template_download(repo: Repository, unit, year) -> dict:
    if unit not in {*repo.choices().districts, repo.city}:
        raise PreventUpdate
    year = repo.choices().year_or_default(year)
    data, _ = missing_template(repo, unit, year)
    return dcc.send_bytes(data, missing_template_name(repo, unit, year))


def register(app: dash.Dash, context: AppContext) -> None:
    def update(year, _refresh, pathname, search):
        plan = context.for_search(search)
        try:
            return update_round(plan.repo, plan.imports, context.viewer.current_user(), year, pathname, search)
        except Exception:
            log.exception("the reporting round failed")
            failed = _alert(t("rep_failed", parse(pathname, search).lang), "danger", "rep-failed")
            return no_update, failed, no_update, no_update

    app.callback(
        Output("rep-header", "children"),
        Output("rep-body", "children"),
        Output("rep-due-input", "value"),
        Output("url", "search", allow_duplicate=True),
        Input("rep-year", "value"),
        Input("rep-refresh", "data"),
        State("url", "pathname"),
        State("url", "search"),
        prevent_initial_call=True,
    )(update)

    def due(_save, _clear, value, year, refresh, lang, search):
        if not ctx.triggered_id or not ctx.triggered[0].get("value"):
            raise PreventUpdate
        imports = context.for_search(search).imports
        try:
            message, bump = set_due(
                imports, context.viewer.current_user(), year, value, ctx.triggered_id == "rep-due-clear", lang
            )
        except PreventUpdate:
            raise
        except Exception:
            log.exception("setting the due date failed")
            return _alert(t("rep_failed", lang_or_default(lang)), "danger", "rep-due-error"), no_update
        return message, no_update if bump is no_update else (refresh or 0) + 1

    app.callback(
        Output("rep-due-message", "children"),
        Output("rep-refresh", "data"),
        Input("rep-due-save", "n_clicks"),
        Input("rep-due-clear", "n_clicks"),
        State("rep-due-input", "value"),
        State("rep-year", "value"),
        State("rep-refresh", "data"),
        State("rep-lang", "data"),
        State("url", "search"),
        prevent_initial_call=True,
    )(due)

    def act(_accept, _return, reasons, refresh, lang, search):
        # Buttons appearing (the round drawn again) are not clicks.
        if not ctx.triggered or not ctx.triggered[0].get("value") or not isinstance(ctx.triggered_id, dict):
            raise PreventUpdate
        trigger = ctx.triggered_id
        batch = trigger.get("batch")
        reason = next(
            (
                r["value"]
                for r in ctx.states_list[0]
                if isinstance(r, dict) and r.get("id", {}).get("batch") == batch and "value" in r
            ),
            None,
        )
        action = "accept" if trigger.get("type") == "rep-accept" else "return"
        imports = context.for_search(search).imports
        try:
            message, bump = review(imports, context.viewer.current_user(), action, batch, reason, lang)
        except PreventUpdate:
            raise
        except Exception:
            log.exception("review of batch %r failed", batch)
            return _alert(t("rep_failed", lang_or_default(lang)), "danger", "rep-review-error"), no_update
        return message, no_update if bump is no_update else (refresh or 0) + 1

    app.callback(
        Output("rep-message", "children"),
        Output("rep-refresh", "data", allow_duplicate=True),
        Input({"type": "rep-accept", "batch": ALL}, "n_clicks"),
        Input({"type": "rep-return", "batch": ALL}, "n_clicks"),
        State({"type": "rep-reason", "batch": ALL}, "value"),
        State("rep-refresh", "data"),
        State("rep-lang", "data"),
        State("url", "search"),
        prevent_initial_call=True,
    )(act)

    def send_template(_clicks, year, search):
        if not ctx.triggered or not ctx.triggered[0].get("value") or not isinstance(ctx.triggered_id, dict):
            raise PreventUpdate
        try:
            return template_download(context.for_search(search).repo, ctx.triggered_id.get("unit"), year)
        except PreventUpdate:
            raise
        except Exception:
            log.exception("the missing-cells template failed")
            raise PreventUpdate from None

    app.callback(
        Output("rep-template-download", "data"),
        Input({"type": "rep-template", "unit": ALL}, "n_clicks"),
        State("rep-year", "value"),
        State("url", "search"),
        prevent_initial_call=True,
    )(send_template)

    def send_export(n_clicks, year, search):
        if not n_clicks:
            raise PreventUpdate
        repo = context.for_search(search).repo
        lang = parse(None, search).lang
        try:
            view = reporting_round(repo, repo.choices().year_or_default(year))
            return dcc.send_bytes(export_xlsx(repo, view, lang), export_name(view))
        except Exception:
            log.exception("the reporting export failed")
            raise PreventUpdate from None

    app.callback(
        Output("rep-download", "data"),
        Input("rep-xlsx", "n_clicks"),
        State("rep-year", "value"),
        State("url", "search"),
        prevent_initial_call=True,
    )(send_export)
