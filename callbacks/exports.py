"""Exports from the browser, 复制链接 and 嵌入代码.

An export is two callbacks:

1. ``start_export`` (ordinary, quick): a click in the 导出 menu opens the
   export panel in the page's language and writes a request (format, the
   URL, a nonce) to ``#export-request``; with no Chromium on the server it
   says so at once and starts nothing.
2. ``export_job`` (a Dash *background* callback, dashboard/jobs.py): builds
   the report with ``dashboard.reports.build_report`` in a subprocess or a
   Celery worker, reports the builder's progress (正在生成… 3/20 张图) to the
   panel, can be cancelled, and hands the bytes to ``dcc.Download`` under
   ``report_filename()``.  No web worker waits for it.

A failure is a message in the panel, never a traceback: a missing Chromium
gives the bilingual ``ChromiumNotFound`` text, a refused report its reason,
anything else a general message (the details go to the server log).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, ctx, dcc, html, no_update

from dashboard.context import AppContext
from dashboard.i18n import t
from dashboard.reports import (
    MIME_TYPES,
    ChromiumNotFound,
    ReportError,
    build_report,
    chromium_available,
    report_filename,
)
from dashboard.repository import Repository
from dashboard.viewstate import parse
from layouts.exports import EXPORT_FORMATS, export_scope

log = logging.getLogger("kepu.exports")

SetProgress = Callable[[list], None]  # Dash's set_progress: [percent, bar label, status line]


def size_text(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{max(1, round(n / 1e3))} KB"


def failure(lang: str, heading: str, text: str) -> dbc.Alert:
    """A failed export, said plainly; the rest of the app is not affected and says so."""
    return dbc.Alert(
        [
            html.Strong(heading),
            html.Div(text, className="export-reason"),
            html.Div(t("export_rest_works", lang), className="small mt-1"),
        ],
        color="danger",
        className="mb-2 py-2 small",
        id="export-failure",
    )


def no_chromium(lang: str, exc: ChromiumNotFound | None = None) -> dbc.Alert:
    # ChromiumNotFound's message is in Chinese and English already, with what to install.
    return failure(lang, t("export_unavailable", lang), str(exc or ChromiumNotFound()))


# -- 1. the click ----------------------------------------------------------------------------
# What a click on the menu updates, by name (start_export returns a dict with these keys).
MENU_OUTPUTS = {
    "request": Output("export-request", "data"),
    "hidden": Output("export-panel", "hidden"),
    "title": Output("export-title", "children"),
    "cancel": Output("export-cancel", "children"),
    "close": Output("export-close", "title"),
    "message": Output("export-message", "children", allow_duplicate=True),
    "percent": Output("export-progress", "value", allow_duplicate=True),
    "label": Output("export-progress", "label", allow_duplicate=True),
    "status": Output("export-status", "children", allow_duplicate=True),
    "colour": Output("export-progress", "color", allow_duplicate=True),
}


def start_export(
    fmt: str,
    pathname: str | None,
    search: str | None,
    *,
    repo: Repository,
    available: Callable[[], bool] = chromium_available,
) -> dict:
    """Outputs of a click on ``export-<fmt>`` (MENU_OUTPUTS): the job's request, the panel shown with
    its words, and the message and progress reset."""
    state = parse(pathname, search, repo.choices())
    lang = state.lang
    what = t(f"export_{fmt}", lang)
    panel = {
        "hidden": False,
        "title": t("export_title", lang, what=what),
        "cancel": t("export_cancel", lang),
        "close": t("export_close", lang),
        "label": "",
    }
    if not available():
        return panel | {
            "request": no_update,
            "message": no_chromium(lang),
            "percent": 0,
            "status": "",
            "colour": "danger",
        }
    request = {"fmt": fmt, "pathname": pathname, "search": search, "nonce": uuid.uuid4().hex}
    return panel | {
        "request": request,
        "message": None,
        "percent": 2,
        "status": t("export_starting", lang),
        "colour": "primary",
    }


# -- 2. the job ------------------------------------------------------------------------------
def progress_reporter(set_progress: SetProgress, lang: str) -> Callable[[str, int, int, str], None]:
    """The builders' ReportProgress (stage, done, total, what) as the panel's bar and status line."""

    def report(stage: str, done: int, total: int, what: str) -> None:
        if stage == "images":
            pct = 5 + round(80 * done / max(total, 1))
            text = t("export_images", lang, done=done, total=total)
        elif stage == "layout":
            pct = 88 + round(10 * done / max(total, 1))
            text = t("export_layout", lang)
        else:
            pct, text = 100, t("export_finished", lang)
        set_progress([pct, f"{pct}%", text])

    return report


def export_job(
    set_progress: SetProgress, request: dict | None, *, repo: Repository, build: Callable[..., bytes] = build_report
) -> tuple:
    """(download, message, bar colour) for one export request; never raises."""
    if not request or request.get("fmt") not in EXPORT_FORMATS:
        raise dash.exceptions.PreventUpdate
    fmt = request["fmt"]
    choices = repo.choices()
    state = parse(request.get("pathname"), request.get("search"), choices)
    lang, year = state.lang, state.year_or_default(choices)
    tasks, _ = export_scope(state)
    report = progress_reporter(set_progress, lang)
    set_progress([2, "", t("export_starting", lang)])
    started = time.monotonic()
    try:
        data = build(fmt, repo, year, tasks=tasks, lang=lang, progress=report)
    except ChromiumNotFound as exc:
        return no_update, no_chromium(lang, exc), "danger"
    except ReportError as exc:  # a report that cannot be built as asked: its reason is for the user
        return no_update, failure(lang, t("export_unavailable", lang), t("export_failed", lang, reason=exc)), "danger"
    except Exception:
        log.exception("export %s for %s%s failed", fmt, request.get("pathname"), request.get("search") or "")
        return no_update, failure(lang, t("export_unavailable", lang), t("export_error", lang)), "danger"
    name = report_filename(fmt, year, lang=lang, tasks=tasks)
    log.info("export %s: %s, %d bytes in %.1fs", fmt, name, len(data), time.monotonic() - started)
    report("done", 1, 1, fmt)
    done = dbc.Alert(
        t("export_ready", lang, name=name, size=size_text(len(data))),
        color="success",
        className="mb-2 py-2 small",
        id="export-done",
    )
    return dcc.send_bytes(data, name, type=MIME_TYPES[fmt]), done, "success"


def register(app: dash.Dash, context: AppContext) -> None:
    def on_menu(*args):
        pathname, search = args[-2:]
        trigger = ctx.triggered_id
        if not trigger or not ctx.triggered or not ctx.triggered[0].get("value"):
            raise dash.exceptions.PreventUpdate  # a rebuilt navbar's fresh menu, not a click
        return start_export(trigger.removeprefix("export-"), pathname, search, repo=context.for_search(search).repo)

    app.callback(
        output=MENU_OUTPUTS,
        inputs=[Input(f"export-{fmt}", "n_clicks") for fmt in EXPORT_FORMATS],
        state=[State("url", "pathname"), State("url", "search")],
        prevent_initial_call=True,
    )(on_menu)

    def run(set_progress, request):
        # The report is of the plan the page showed (the request carries the page's URL query).
        repo = context.for_search((request or {}).get("search")).repo
        # The job runs in a forked process (or a Celery worker): never reuse the parent's pooled connections.
        repo.engine.dispose(close=False)
        return export_job(set_progress, request, repo=repo)

    app.callback(
        Output("export-download", "data"),
        Output("export-message", "children"),
        Output("export-progress", "color"),
        Input("export-request", "data"),
        background=True,
        prevent_initial_call=True,
        interval=500,
        progress=[
            Output("export-progress", "value"),
            Output("export-progress", "label"),
            Output("export-status", "children"),
        ],
        running=[
            (Output("export-cancel", "hidden"), False, True),
            (Output("export-progress", "animated"), True, False),
        ],
        cancel=[Input("export-cancel", "n_clicks"), Input("export-close", "n_clicks")],
    )(run)

    def on_cancel(n, search):
        if not n:
            raise dash.exceptions.PreventUpdate
        lang = parse(None, search).lang
        return (
            dbc.Alert(
                t("export_cancelled", lang), color="secondary", className="mb-2 py-2 small", id="export-cancelled"
            ),
            "secondary",
            True,
        )

    app.callback(
        Output("export-message", "children", allow_duplicate=True),
        Output("export-progress", "color", allow_duplicate=True),
        Output("export-cancel", "hidden", allow_duplicate=True),
        Input("export-cancel", "n_clicks"),
        State("url", "search"),
        prevent_initial_call=True,
    )(on_cancel)

    # Closing the panel, 复制链接 and 嵌入代码 run in the browser (assets/share.js).
    app.clientside_callback(
        ClientsideFunction("share", "closePanel"),
        Output("export-panel", "hidden", allow_duplicate=True),
        Input("export-close", "n_clicks"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("share", "copyLink"),
        Output("copy-link-status", "children"),
        Input("copy-link", "n_clicks"),
        State("share-text", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("share", "embedCode"),
        Output("embed-modal", "is_open"),
        Output("embed-snippet", "value"),
        Input("embed-code", "n_clicks"),
        State("share-text", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("share", "copyEmbed"),
        Output("embed-copy-status", "children"),
        Input("embed-copy", "n_clicks"),
        State("share-text", "data"),
        prevent_initial_call=True,
    )
