"""Snapshots from the browser: the export menu, 复制链接 and 嵌入代码 in the navigation bar, and the
export panel that shows a running report.

Two halves, because the navigation bar is rebuilt on every change of the URL
(callbacks/routing.py ``render_chrome``) and a report takes seconds to build:

* :func:`navbar_tools` — the buttons; they live in the navbar and may be
  replaced at any time;
* :func:`export_area` — what a running export writes to (progress, status,
  cancel, the message, the ``dcc.Download``); it is part of the static shell
  (layouts/shell.py), outside ``#chrome``, so a rebuilt navbar never destroys
  the outputs of a job in flight.  The shell knows no language: the job
  writes every word of it (callbacks/exports.py).
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import t
from dashboard.viewstate import ViewState
from layouts.common import attrs

EXPORT_FORMATS = ("docx", "pptx", "pdf")


def export_scope(state: ViewState) -> tuple[str | None, str]:
    """The tasks an export from this view covers (the task page's task, else all) and how to say so."""
    if state.page == "task" and state.task:
        return state.task, state.task
    return None, t("export_all_tasks", state.lang)


def export_menu(state: ViewState, year: int | None) -> dbc.DropdownMenu:
    lang = state.lang
    _, scope = export_scope(state)
    heading = t("export_scope", lang, year=year, tasks=scope) if year is not None else scope
    items = [dbc.DropdownMenuItem(heading, header=True, id="export-scope")]
    items += [dbc.DropdownMenuItem(t(f"export_{fmt}", lang), id=f"export-{fmt}", n_clicks=0) for fmt in EXPORT_FORMATS]
    return dbc.DropdownMenu(
        items,
        label=t("export_menu", lang),
        id="export-menu",
        in_navbar=True,
        nav=False,
        size="sm",
        color="primary",
        align_end=True,
        class_name="ms-2 export-menu",
        toggle_class_name="border-light bg-transparent text-nowrap",
    )  # looks as its neighbours


def share_buttons(state: ViewState, title: str) -> html.Div:
    """复制链接 and 嵌入代码.  The link copied is the browser's own address: the view is all in it."""
    lang = state.lang
    return html.Div(
        [
            html.Button(
                t("copy_link", lang),
                id="copy-link",
                n_clicks=0,
                type="button",
                className="btn btn-outline-light btn-sm text-nowrap",
            ),
            html.Button(
                t("embed_code", lang),
                id="embed-code",
                n_clicks=0,
                type="button",
                className="btn btn-outline-light btn-sm text-nowrap",
            ),
            # Polite live region: screen readers say 已复制 without losing their place.
            html.Span(
                "",
                id="copy-link-status",
                role="status",
                className="copy-status small text-nowrap",
                **attrs({"aria-live": "polite"}),
            ),
            # Words the clientside callbacks need, in the page's language (assets cannot call t()).
            dcc.Store(
                id="share-text",
                data={
                    "copied": t("copied", lang),
                    "failed": t("copy_failed", lang),
                    "frame_title": title,
                    "link": t("link_to_view", lang),
                },
            ),
            embed_modal(lang),
        ],
        className="d-flex align-items-center gap-2 ms-2 share-tools",
    )


def embed_modal(lang: str) -> dbc.Modal:
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(t("embed_heading", lang), id="embed-heading")),
            dbc.ModalBody(
                [
                    html.P(t("embed_help", lang), className="small"),
                    html.Label(
                        t("embed_code", lang), htmlFor="embed-snippet", className="form-label small fw-semibold"
                    ),
                    dcc.Textarea(
                        id="embed-snippet",
                        value="",
                        readOnly=True,
                        className="form-control font-monospace small",
                        style={"width": "100%", "height": "7em"},
                    ),
                    html.Div(
                        [
                            html.Button(
                                t("copy_code", lang),
                                id="embed-copy",
                                n_clicks=0,
                                type="button",
                                className="btn btn-primary btn-sm",
                            ),
                            html.Span(
                                "",
                                id="embed-copy-status",
                                role="status",
                                className="small ms-2",
                                **attrs({"aria-live": "polite"}),
                            ),
                        ],
                        className="mt-2 d-flex align-items-center",
                    ),
                ]
            ),
        ],
        id="embed-modal",
        is_open=False,
        size="lg",
        labelledby="embed-heading",
    )


def navbar_tools(state: ViewState, year: int | None, title: str) -> html.Div:
    """Everything this feature puts in the navigation bar (hidden in print: .no-print-chrome)."""
    return html.Div(
        [share_buttons(state, title), export_menu(state, year)],
        className="d-flex align-items-center no-print-chrome",
        id="navbar-tools",
    )


def export_area() -> html.Div:
    """The part that outlives a rebuilt navbar: download, request, progress panel and copy fallback."""
    return html.Div(
        [
            dcc.Download(id="export-download"),
            dcc.Store(id="export-request"),  # {fmt, pathname, search, nonce}: starts the background job
            # Hidden until an export starts; fixed bottom-right so that it covers no control of the page.
            html.Div(
                [
                    html.Div(
                        [
                            html.Strong("", id="export-title", className="me-auto"),
                            html.Button("", id="export-close", n_clicks=0, type="button", className="btn-close"),
                        ],
                        className="d-flex align-items-start gap-2 mb-2",
                    ),
                    dbc.Progress(
                        id="export-progress",
                        value=0,
                        striped=True,
                        animated=True,
                        style={"height": "1.1rem"},
                        className="mb-1",
                    ),
                    html.Div(
                        "", id="export-status", role="status", className="small mb-2", **attrs({"aria-live": "polite"})
                    ),
                    html.Div(id="export-message"),
                    html.Button(
                        "",
                        id="export-cancel",
                        n_clicks=0,
                        type="button",
                        className="btn btn-outline-secondary btn-sm align-self-start",
                    ),
                ],
                id="export-panel",
                className="export-panel card card-body shadow no-print-chrome",
                hidden=True,
                role="region",
                **attrs({"aria-labelledby": "export-title"}),
            ),
            # Copy fallback where navigator.clipboard is missing (http on an intranet host): select, execCommand.
            # Out of sight and of the accessibility tree until then (callbacks/exports.py names and shows it).
            html.Textarea(
                id="copy-link-input",
                readOnly=True,  # type: ignore[arg-type]  # dash types it str; React takes the boolean
                rows=1,
                className="copy-fallback",
                tabIndex="-1",
                **attrs({"aria-hidden": "true"}),
            ),
        ],
        id="export-area",
        className="no-print-chrome",
    )
