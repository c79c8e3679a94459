"""Import page: template download, upload → preview, confirm → one import batch.

The upload stays in the browser (dcc.Upload's contents) between preview and
confirm; confirm sends it again, previews it again and commits with the
state token the user saw (``expect_token``), so a confirm writes exactly what
was previewed or nothing (docs/import.md). Both steps check the role of the
session's user on the server first: a viewer or anonymous POST to
/_dash-update-component gets a refusal and the store is not touched. No
exception reaches the browser: each step turns one into a message.
"""

from __future__ import annotations

import base64
import binascii
import logging

import dash
from dash import Input, Output, State, ctx, dcc, no_update
from dash.exceptions import PreventUpdate

from callbacks.facilities import register_upload, venue_map_link
from dashboard.context import AppContext
from dashboard.i18n import lang_or_default, t
from dashboard.repository import Repository
from dashboard.services.imports import ImportService, Preview, VenuePreview
from dashboard.viewstate import ViewState
from data.import_messages import ImportFailure, problem
from data.import_read import Limits
from data.users import PermissionDenied, User
from layouts.upload import failure, preview_view, success

log = logging.getLogger("kepu.upload")


def denied(user: User | None, action: str, lang: str) -> str:
    who = t("anonymous", lang) if user is None else t("user_named", lang, name=user.username)
    return t(f"denied_{action}", lang, who=who)


def decode(contents) -> bytes | None:
    """dcc.Upload's data URL → bytes; None when it is not one."""
    if not isinstance(contents, str) or "," not in contents:
        return None
    head, _, body = contents.partition(",")
    if not head.startswith("data:") or ";base64" not in head:
        return None
    try:
        return base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        return None


def _too_large(contents: str, filename: str, limits: Limits) -> Preview | None:
    """Refuse an oversized upload before decoding it (base64 is 4/3 of the bytes)."""
    size = len(contents.partition(",")[2]) * 3 // 4
    if size <= limits.max_bytes:
        return None
    return Preview(
        filename=filename,
        checksum="",
        size=size,
        kind=None,
        problems=[problem("file_too_large", size=size, limit=limits.max_bytes)],
    )


def _read(imports: ImportService, contents, filename) -> Preview | VenuePreview | None:
    name = filename if isinstance(filename, str) and filename.strip() else "upload"
    if isinstance(contents, str):
        refused = _too_large(contents, name, imports.limits)
        if refused is not None:
            return refused
    data = decode(contents)
    if data is None:
        return None
    return imports.preview(data, name)


def map_link(repo: Repository, pv: Preview | VenuePreview, lang: str) -> str:
    """Where the import shows: the map of the first district figure it wrote (the task page for a city figure);
    for a venue list, the map of the first indicator counted from its venues' types."""
    units = set(repo.choices().districts)
    here = ViewState(lang=lang, plan=repo.url_code)  # the plan the figures went into
    if isinstance(pv, VenuePreview):
        return venue_map_link(repo, pv, here)
    for ch in pv.changes:
        if ch.region in units and repo.is_mappable(ch.indicator):
            return here.with_(page="map", indicator=ch.indicator, year=ch.year, district=ch.region).to_url()
    for ch in pv.changes:
        task = repo.indicator(ch.indicator).task
        if task:
            return here.with_(page="task", task=task, indicator=ch.indicator, year=ch.year).to_url()
    return here.with_(page="map").to_url()


def preview_upload(repo: Repository, imports: ImportService, user: User | None, contents, filename, lang):
    """(preview, confirm disabled, token, result): nothing is written here. Only those who may import
    see a preview (the page offers the upload to them alone)."""
    lang = lang_or_default(lang)
    try:
        imports.authorize(user, "import")
    except PermissionDenied:
        log.warning("preview refused: %s may not import", user.username if user else "anonymous")
        return failure(denied(user, "import", lang), "upload-denied"), True, None, None
    try:
        pv = _read(imports, contents, filename)
        if pv is None:
            return failure(t("up_bad_upload", lang)), True, None, None
        counts = pv.counts or {}
        writable = pv.ok and counts.get("new", 0) + counts.get("changed", 0) > 0
        token = {"token": pv.state_token, "filename": pv.filename} if writable else None
        return preview_view(pv, repo, lang), not writable, token, None
    except Exception:
        log.exception("preview of %r failed", filename)
        return failure(t("up_failed", lang)), True, None, None


def confirm_upload(
    repo: Repository, imports: ImportService, user: User | None, n_clicks, contents, filename, token, lang
):
    """(result, confirm disabled, batch id or None): preview again, then write it as the session's user if it is
    what was shown."""
    if not n_clicks:
        raise PreventUpdate
    lang = lang_or_default(lang)
    try:
        editor = imports.authorize(user, "import")
    except PermissionDenied:
        log.warning("import refused: %s may not import", user.username if user else "anonymous")
        return failure(denied(user, "import", lang), "upload-denied"), True, None
    if not isinstance(token, dict) or not isinstance(token.get("token"), str):
        return failure(t("up_no_preview", lang)), True, None
    try:
        pv = _read(imports, contents, filename)
        if pv is None:
            return failure(t("up_bad_upload", lang)), True, None
        batch = imports.commit(editor, pv, expect_token=token["token"])
        log.info(
            "import: batch %s by %s from %r (%s new, %s changed)",
            batch,
            editor.username,
            pv.filename,
            pv.counts.get("new"),
            pv.counts.get("changed"),
        )
        history = ViewState(page="history", lang=lang, plan=repo.url_code).to_url()
        waiting = None
        if imports.needs_review(editor) and isinstance(pv, Preview):  # KEPU_REVIEW_IMPORTS: counts once accepted
            years = sorted({ch.year for ch in pv.changes})
            waiting = ViewState(
                page="reporting", lang=lang, plan=repo.url_code, year=years[-1] if years else None
            ).to_url()
        return (
            success(
                batch,
                pv.counts,
                map_link(repo, pv, lang),
                history,
                lang,
                pending_href=waiting,
                venues=isinstance(pv, VenuePreview),
            ),
            True,
            batch,
        )
    except PermissionDenied:
        return failure(denied(user, "import", lang), "upload-denied"), True, None
    except ImportFailure as exc:
        return failure(exc.text(lang), problems=exc.problems, lang=lang), True, None
    except Exception:
        log.exception("import of %r failed", filename)
        return failure(t("up_failed", lang)), True, None


def register(app: dash.Dash, context: AppContext) -> None:
    register_upload(app, context)  # the venue template's buttons (callbacks/facilities.py)
    # A plan's workbook takes seconds to build and never changes while we run.
    template: dict[str, bytes] = {}

    def download_template(_xlsx, _csv, lang, search):
        name = t("up_template_file", lang_or_default(lang))
        imports = context.for_search(search).imports
        try:
            if ctx.triggered_id == "upload-template-csv":
                return dcc.send_bytes(imports.template_csv(), f"{name}.csv")
            if imports.plan.code not in template:
                template[imports.plan.code] = imports.template_xlsx()
            return dcc.send_bytes(template[imports.plan.code], f"{name}.xlsx")
        except Exception:
            log.exception("building the template failed")
            raise PreventUpdate from None

    app.callback(
        Output("upload-template", "data"),
        Input("upload-template-xlsx", "n_clicks"),
        Input("upload-template-csv", "n_clicks"),
        State("upload-lang", "data"),
        State("url", "search"),
        prevent_initial_call=True,
    )(download_template)

    def on_upload(contents, filename, lang, search):
        if contents is None:
            return no_update, no_update, no_update, no_update
        plan = context.for_search(search)
        return preview_upload(plan.repo, plan.imports, context.viewer.current_user(), contents, filename, lang)

    app.callback(
        Output("upload-preview", "children"),
        Output("upload-confirm", "disabled"),
        Output("upload-token", "data"),
        Output("upload-result", "children"),
        Input("upload-file", "contents"),
        State("upload-file", "filename"),
        State("upload-lang", "data"),
        State("url", "search"),
        prevent_initial_call=True,
    )(on_upload)

    def on_confirm(n_clicks, contents, filename, token, lang, search):
        plan = context.for_search(search)  # the plan the preview was made against: the URL's
        return confirm_upload(
            plan.repo, plan.imports, context.viewer.current_user(), n_clicks, contents, filename, token, lang
        )

    app.callback(
        Output("upload-result", "children", allow_duplicate=True),
        Output("upload-confirm", "disabled", allow_duplicate=True),
        Output("upload-batch", "data"),
        Input("upload-confirm", "n_clicks"),
        State("upload-file", "contents"),
        State("upload-file", "filename"),
        State("upload-token", "data"),
        State("upload-lang", "data"),
        State("url", "search"),
        prevent_initial_call=True,
    )(on_confirm)
