"""Login page: where to go afterwards and whether the last try failed, from the URL.

The form itself posts to the Flask route /auth/login (dashboard/auth.py);
a failed try comes back as /login?error=1&next=…
"""

from __future__ import annotations

from urllib.parse import parse_qs

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output

from dashboard.auth import safe_next
from dashboard.context import AppContext
from dashboard.i18n import t
from dashboard.login_limits import minutes_left
from dashboard.viewstate import parse


def login_context(pathname, search) -> tuple[str, object]:
    """(next, error message): a page behind the login wall comes back to itself."""
    query = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?")).items()}
    lang = parse(pathname, search).lang
    if (pathname or "/").rstrip("/").endswith("/login"):
        target = safe_next(query.get("next"))
    else:
        target = safe_next((pathname or "/") + (search or ""))
    error = None
    locked = query.get("locked", "")
    minutes = minutes_left(float(locked)) if locked.isdigit() else 0
    if minutes:
        error = dbc.Alert(t("login_locked", lang, minutes=minutes), color="danger", className="py-2", id="login-locked")
    elif query.get("error"):
        error = dbc.Alert(t("login_failed", lang), color="danger", className="py-2", id="login-failed")
    return target, error


def register(app: dash.Dash, context: AppContext) -> None:
    app.callback(
        Output("login-next", "value"),
        Output("login-error", "children"),
        Input("url", "pathname"),
        Input("url", "search"),
    )(login_context)
