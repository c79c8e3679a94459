"""Who is using the dashboard: a login kept in Flask's signed session cookie.

- The session holds only the username. The role is read from the store once
  per request (kept on ``flask.g``), so a changed role or a deleted account
  counts from the next request on, not from the next login.
- The cookie is signed with ``KEPU_SECRET_KEY``. Unset, each process makes a
  random key and logs a warning: fine on a laptop, wrong in production (logins
  end at every restart and are not shared between worker processes).
- ``KEPU_REQUIRE_LOGIN`` false (the default): anyone who can reach the app is a
  viewer. True: every page redirects to ``/login`` and the callback endpoint
  answers only the page frame and the login page until the user logs in.
- The login form posts to a plain Flask route (``/auth/login``): password
  managers know forms, and the password never passes through Dash's state.
- Roles are enforced where data are written: the import, rollback and
  clear-sample callbacks call ``data.users.require_role`` with the viewer's
  ``current_user()``, and ``data.importer`` checks again. Hiding a button is
  only a convenience.
- Failed logins are limited (``dashboard/login_limits.py``): after ``KEPU_LOGIN_MAX_FAILURES`` for
  one account or one address, tries are refused before the password is checked, and the login page
  says when to come back. Logins, failures and lockouts go into the audit log (``data/audit.py``),
  with the name typed and the client's address, never the password.
- A login or logout form must come from this site: its ``Origin`` (or, without one, its
  ``Referer``) must name this host; a post naming neither is refused too.
- ``init_app`` returns a ``SessionViewer``; the app factory puts it in the app
  context, through which layouts and callbacks ask who is asking. This module
  is the only one below the factory that reads Flask's request and session.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

import dash
from flask import Response, g, has_request_context, redirect, request, session
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response as BaseResponse  # what redirect() gives; flask.Response extends it

from dashboard.context import Viewer, note_who_asked
from dashboard.i18n import lang_or_default, lang_param
from dashboard.login_limits import LoginLimiter
from data.audit import record
from data.users import Role, User, authenticate, get_user

log = logging.getLogger("kepu.auth")

SESSION_KEY = "kepu_user"
LOGIN_PAGE = "/login"
LOGIN_POST = "/auth/login"
LOGOUT_POST = "/auth/logout"
# Reachable without a login when KEPU_REQUIRE_LOGIN is on: what the login page
# itself needs (Dash's scripts, layout and dependencies, the stylesheet) and
# health checks, which load balancers call without a session.
PUBLIC_PATHS = (
    "/login",
    "/_dash-layout",
    "/_dash-dependencies",
    "/_favicon.ico",
    "/_reload-hash",
    "/health",
    "/healthz",
    "/_health",
    "/readyz",
    "/livez",
)
PUBLIC_PREFIXES = ("/assets/", "/_dash-component-suites/", "/auth/")
# Callbacks an anonymous browser may run behind the login wall: the frame and the login page.
PUBLIC_CALLBACK_IDS = ("page", "chrome")
PUBLIC_CALLBACK_PREFIX = "login-"
_ANONYMOUS = object()


@dataclass(frozen=True)
class AuthConfig:
    engine: Engine
    require_login: bool
    prefix: str  # Dash's requests_pathname_prefix, e.g. "/" or "/kepu/"
    limiter: LoginLimiter = field(default_factory=lambda: LoginLimiter(max_failures=0))  # init_app's has settings

    def path(self, path: str) -> str:
        return self.prefix.rstrip("/") + path


def init_app(app: dash.Dash, repo, settings) -> SessionViewer:
    """Session key, login and logout routes, and (when asked) the login wall; returns the viewer
    the app context hands to layouts and callbacks."""
    server = app.server
    key = settings.secret_key
    if not key:
        log.warning(
            "KEPU_SECRET_KEY is not set: using a random key for this process; logins end when it "
            "restarts and are not shared between workers. Set KEPU_SECRET_KEY in production."
        )
        key = secrets.token_hex(32)
    server.secret_key = key
    server.config.update(
        SESSION_COOKIE_NAME="kepu_session", SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax"
    )
    config = AuthConfig(
        engine=repo.engine,
        require_login=bool(settings.require_login),
        prefix=app.config.requests_pathname_prefix or "/",
        limiter=LoginLimiter.from_settings(settings),
    )
    viewer = SessionViewer(config)
    server.add_url_rule(LOGIN_POST, "kepu_login", lambda: _login(viewer), methods=["POST"])
    server.add_url_rule(LOGOUT_POST, "kepu_logout", lambda: _logout(viewer), methods=["POST"])
    if config.require_login:
        server.before_request(lambda: _login_wall(viewer))
    return viewer


# -- who is asking ----------------------------------------------------------------------


class SessionViewer(Viewer):
    """The account logged in for the current request (Flask's signed session), read from the store
    once per request; outside a request, nobody."""

    def __init__(self, config: AuthConfig) -> None:
        self.config = config

    def current_user(self) -> User | None:
        note_who_asked()  # what is built from the answer differs by user: never shared (callback_cache)
        if not has_request_context():
            return None
        cached = g.get("kepu_user", _ANONYMOUS)
        if cached is not _ANONYMOUS:
            return cached
        user = None
        name = session.get(SESSION_KEY)
        if isinstance(name, str) and name:
            try:
                user = get_user(self.config.engine, name)
            except SQLAlchemyError:
                log.exception("could not read the account %r", name)
                user = None
            if user is None:
                session.pop(SESSION_KEY, None)  # the account was deleted: the login ends
        g.kepu_user = user
        return user

    def login_required(self) -> bool:
        return has_request_context() and self.config.require_login and self.current_user() is None

    def url(self, path: str) -> str:
        """``path`` under the app's URL prefix (the login form posts to url(LOGIN_POST))."""
        return self.config.path(path)


def role_label(role: Role | str, lang: str) -> str:
    from dashboard.i18n import STRINGS, t

    value = role.value if isinstance(role, Role) else str(role)
    return t(f"role_{value}", lang) if f"role_{value}" in STRINGS else value


# -- routes ------------------------------------------------------------------------------


def safe_next(value: str | None) -> str:
    """A path on this site to go to after logging in; anything else (another host, //evil) is "/"."""
    if not isinstance(value, str) or not value.startswith("/") or value.startswith(("//", "/\\")):
        return "/"
    if len(value) > 2000 or any(c in value for c in "\r\n\\") or urlsplit(value).netloc:
        return "/"
    if value.startswith(("/auth/", LOGIN_PAGE)):
        return "/"
    return value


def _same_origin() -> bool:
    """A form post must say it comes from this site: its Origin, or without one its Referer, names
    this host. Another site's, an opaque ``null`` one, or neither is refused (SameSite=Lax already
    keeps our cookie off cross-site posts; this keeps a cross-site post from logging someone in)."""
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin != "null" and urlsplit(origin).netloc == request.host
    referer = request.headers.get("Referer")
    return bool(referer) and urlsplit(referer).netloc == request.host


def _lang() -> str:
    return lang_or_default(request.form.get("lang"))


def _login(viewer: SessionViewer) -> BaseResponse:
    config = viewer.config
    if not _same_origin():
        return Response(
            "refused: the form came from another site / 拒绝:表单来自其他网站", status=403, mimetype="text/plain"
        )
    username = (request.form.get("username") or "").strip()
    password = request.form.get("password") or ""
    target = safe_next(request.form.get("next"))
    lang = _lang()
    address = request.remote_addr
    limiter = config.limiter
    until = limiter.locked_until(username, address)
    if until is not None:  # refused before the password is looked at, the right one included
        log.info("login refused (locked out) for %r from %s", username[:64], address)
        return _back_to_login(config, target, lang, locked=until)
    user = None
    if username and password:
        try:
            user = authenticate(config.engine, username, password)
        except SQLAlchemyError:
            log.exception("login: the store could not be read")
    if user is None:
        log.info("login failed for %r from %s", username[:64], address)
        _audit(config, "login_failed", username, address)
        until = limiter.failed(username, address)
        if until is not None:
            log.warning("login locked out for %r from %s after too many failures", username[:64], address)
            _audit(config, "lockout", username, address, detail=f"{limiter.lockout_minutes} min")
            return _back_to_login(config, target, lang, locked=until)
        return _back_to_login(config, target, lang)
    limiter.succeeded(user.username)
    session.clear()  # nothing from before the login carries over
    session[SESSION_KEY] = user.username
    log.info("login: %s (%s)", user.username, user.role.value)
    _audit(config, "login", user.username, address)
    if lang_param(lang) and "lang=" not in urlsplit(target).query:
        target += ("&" if "?" in target else "?") + urlencode(lang_param(lang))  # stay in the form's language
    return redirect(config.path(target), code=303)


def _back_to_login(config: AuthConfig, target: str, lang: str, locked: float | None = None) -> BaseResponse:
    """The login page again, saying the try failed, or until when tries are refused."""
    query = ({"locked": str(int(locked))} if locked is not None else {"error": "1"}) | {"next": target}
    return redirect(config.path(LOGIN_PAGE) + "?" + urlencode(query | lang_param(lang)), code=303)


def _audit(config: AuthConfig, event: str, username: str, address: str | None, detail: str | None = None) -> None:
    """A login event in the audit log; a store that cannot take it is logged, the login goes on."""
    try:
        record(config.engine, event, username or None, address=address, detail=detail)
    except SQLAlchemyError:
        log.exception("audit: could not record %s", event)


def _logout(viewer: SessionViewer) -> BaseResponse:
    config = viewer.config
    if not _same_origin():
        return Response("refused / 拒绝", status=403, mimetype="text/plain")
    session.clear()
    return redirect(config.path(safe_next(request.form.get("next"))), code=303)


def _relative_path(config: AuthConfig) -> str:
    prefix = config.prefix.rstrip("/")
    path = request.path
    if prefix and path.startswith(prefix):
        return path[len(prefix) :] or "/"
    return path


def _public_callback() -> bool:
    """A callback whose outputs are all the page frame or the login page (the login page needs them)."""
    body = request.get_json(silent=True)
    output = body.get("output") if isinstance(body, dict) else None
    if not isinstance(output, str) or not output:
        return False
    for part in output.strip(".").split("..."):
        ident = part.strip(".").rsplit(".", 1)[0].split("@")[0]
        if ident not in PUBLIC_CALLBACK_IDS and not ident.startswith(PUBLIC_CALLBACK_PREFIX):
            return False
    return True


def _login_wall(viewer: SessionViewer) -> BaseResponse | None:
    """KEPU_REQUIRE_LOGIN: nothing but the login page until the session has a user."""
    config = viewer.config
    if viewer.current_user() is not None:
        return None
    path = _relative_path(config)
    if path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES):
        return None
    if path == "/_dash-update-component":
        if _public_callback():
            return None
        return Response("login required / 请先登录", status=401, mimetype="text/plain")
    if request.method != "GET":
        return Response("login required / 请先登录", status=401, mimetype="text/plain")
    wanted = path + (("?" + request.query_string.decode("latin-1")) if request.query_string else "")
    query = {"next": safe_next(wanted)} | lang_param(lang_or_default(request.args.get("lang")))
    return redirect(config.path(LOGIN_PAGE) + "?" + urlencode(query), code=302)
