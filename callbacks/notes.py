"""The district page's notes: 「添加说明」, 「整年说明」, edit and withdraw through one form.

``open_form`` and ``save`` are plain functions of the context and the controls, so tests call them
directly; ``register`` binds them to one app. Every write asks the note service, which checks the
session user's role again (a viewer's or anonymous POST changes nothing), and no exception reaches
the browser: each becomes a message in the form.
"""

from __future__ import annotations

import logging

import dash
from dash import ALL, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from dashboard.context import AppContext
from dashboard.i18n import lang_or_default, pick, t
from dashboard.services.notes import NoteError, NoteService, scope_text
from dashboard.viewstate import parse
from data.users import PermissionDenied
from layouts.district import indicator_table

log = logging.getLogger("kepu.notes")

WHOLE_YEAR = "*"  # the 「整年说明」 button's indicator

FORM = {
    "open": Output("dp-note-modal", "is_open"),
    "title": Output("dp-note-modal-title", "children"),
    "about": Output("dp-note-about", "children"),
    "scope_options": Output("dp-note-scope", "options"),
    "scope": Output("dp-note-scope", "value"),
    "scope_style": Output("dp-note-scope-wrap", "style"),
    "year_options": Output("dp-note-year", "options"),
    "year": Output("dp-note-year", "value"),
    "year_style": Output("dp-note-year-wrap", "style"),
    "text": Output("dp-note-text", "value"),
    "text_disabled": Output("dp-note-text", "disabled"),
    "save": Output("dp-note-save", "children"),
    "save_colour": Output("dp-note-save", "color"),
    "target": Output("dp-note-target", "data"),
    "error": Output("dp-note-error", "children"),
}
HIDDEN = {"display": "none"}


def _closed() -> dict:
    return dict.fromkeys(FORM, no_update) | {"open": False, "error": None}


def open_form(context: AppContext, trigger, year, pathname, search) -> dict:
    """The form for what was clicked: ``trigger`` is the button's id (a dict), or ``note-cancel``."""
    from callbacks.district import view_for

    if not isinstance(trigger, dict):
        return _closed()
    plan = context.for_search(search)
    repo = plan.repo
    state, unit, year, _ = view_for(repo, year, None, pathname, search)
    lang = state.lang
    if not NoteService.may(context.viewer.current_user()):
        return _closed()
    years = [{"label": str(y), "value": str(y)} for y in range(repo.plan.baseline_year, repo.plan.end_year + 1)]
    form = {
        "open": True,
        "year_options": years,
        "year": str(year),
        "year_style": None,
        "scope_style": None,
        "text": "",
        "text_disabled": False,
        "save": t("save", lang),
        "save_colour": "primary",
        "error": None,
    }
    kind = trigger.get("type")
    if kind == "note-add":
        indicator = trigger.get("indicator")
        if indicator == WHOLE_YEAR:
            return form | {
                "title": t("note_form_title_add", lang),
                "about": t("note_scope_year", lang),
                "scope_options": [{"label": t("note_scope_year", lang), "value": "year"}],
                "scope": "year",
                "scope_style": HIDDEN,
                "target": {"mode": "add", "indicator": None, "region": unit.code},
            }
        if indicator not in repo.plan.indicator_by_code:
            return _closed()
        ind = repo.indicator(indicator)
        has_value = not repo.series(indicator, unit.code).dropna().empty
        scopes = [
            *(["value"] if has_value else []),
            "cell",
            "indicator",
            "year",
        ]
        return form | {
            "title": t("note_form_title_add", lang),
            "about": f"{ind.code} {ind.name.get(lang)} · {unit.label(lang)}",
            "scope_options": [{"label": t(f"note_scope_{s}", lang), "value": s} for s in scopes],
            "scope": "cell",
            "target": {"mode": "add", "indicator": indicator, "region": unit.code},
        }
    if kind in ("note-edit", "note-withdraw"):
        note = NoteService(repo.engine, repo.plan).get(int(trigger.get("note", 0)))
        if note is None:
            return _closed()
        withdraw = kind == "note-withdraw"
        return form | {
            "title": t("note_form_title_withdraw" if withdraw else "note_form_title_edit", lang),
            "about": scope_text(repo, note, lang) + (" — " + t("note_withdraw_body", lang) if withdraw else ""),
            "scope_options": [],
            "scope": None,
            "scope_style": HIDDEN,
            "year_style": HIDDEN,
            "text": note.text,
            "text_disabled": withdraw,
            "save": t("note_withdraw" if withdraw else "save", lang),
            "save_colour": "danger" if withdraw else "primary",
            "target": {"mode": "withdraw" if withdraw else "edit", "note": note.id},
        }
    return _closed()


def save(context: AppContext, n_clicks, target, scope, note_year, text, year, task, pathname, search):
    """(modal open, error, district table, message): write what the form says as the session's user."""
    from callbacks.district import view_for

    if not n_clicks or not isinstance(target, dict):
        raise PreventUpdate
    plan = context.for_search(search)
    repo = plan.repo
    lang = lang_or_default(parse(pathname, search).lang)
    service = NoteService(repo.engine, repo.plan)
    user = context.viewer.current_user()
    mode = target.get("mode")
    try:
        if mode == "add":
            indicator = target.get("indicator")
            region = target.get("region")
            if scope == "year" or not indicator:
                indicator, region = None, None
            elif scope == "indicator":
                region = None
            service.add(
                user, year=note_year, text=text or "", indicator=indicator, region=region, on_value=scope == "value"
            )
            message = t("note_saved", lang)
        elif mode == "edit":
            service.edit(user, int(target["note"]), text or "")
            message = t("note_saved", lang)
        elif mode == "withdraw":
            service.withdraw(user, int(target["note"]))
            message = t("note_was_withdrawn", lang)
        else:
            raise PreventUpdate
    except PermissionDenied:
        log.warning("note refused: %s may not write notes", user.username if user else "anonymous")
        return True, t("note_denied", lang), no_update, no_update
    except NoteError as exc:
        return True, pick(exc, lang), no_update, no_update
    except PreventUpdate:
        raise
    except Exception:
        log.exception("writing a note failed")
        return True, t("note_failed", lang), no_update, no_update
    # A fresh data version: the note just written changed it (the request pinned the old one).
    token = repo.pin_version()
    try:
        state, unit, year, _ = view_for(repo, year, task, pathname, search)
        table = indicator_table(repo, state, unit, year, may_note=NoteService.may(user))
    finally:
        repo.unpin_version(token)
    return False, None, table, message


def register(app: dash.Dash, context: AppContext) -> None:
    def on_open(_add, _edit, _withdraw, _cancel, year, pathname, search):
        trigger = ctx.triggered_id
        if trigger is None or not any(t_["value"] for t_ in ctx.triggered):
            raise PreventUpdate  # a button drawn anew, not clicked
        return open_form(context, trigger, year, pathname, search)

    app.callback(
        output=FORM,
        inputs=[
            Input({"type": "note-add", "indicator": ALL}, "n_clicks"),
            Input({"type": "note-edit", "note": ALL}, "n_clicks"),
            Input({"type": "note-withdraw", "note": ALL}, "n_clicks"),
            Input("dp-note-cancel", "n_clicks"),
        ],
        state=[State("dp-year", "value"), State("url", "pathname"), State("url", "search")],
        prevent_initial_call=True,
    )(on_open)

    def on_save(n_clicks, target, scope, note_year, text, year, task, pathname, search):
        return save(context, n_clicks, target, scope, note_year, text, year, task, pathname, search)

    app.callback(
        Output("dp-note-modal", "is_open", allow_duplicate=True),
        Output("dp-note-error", "children", allow_duplicate=True),
        Output("dp-table", "children", allow_duplicate=True),
        Output("dp-note-message", "children"),
        Input("dp-note-save", "n_clicks"),
        State("dp-note-target", "data"),
        State("dp-note-scope", "value"),
        State("dp-note-year", "value"),
        State("dp-note-text", "value"),
        State("dp-year", "value"),
        State("dp-task", "value"),
        State("url", "pathname"),
        State("url", "search"),
        prevent_initial_call=True,
    )(on_save)
