"""What production needs around the app: gzip, cache lifetimes, /healthz, request logs.

``init_app(app, repo, settings)`` is called once by ``create_app``:

- **compression** (flask-compress): HTML, JSON callback responses, scripts,
  stylesheets and the boundary file go out as brotli or gzip, whichever the
  browser prefers. Versioned files and the installed packages' scripts are
  compressed once per process (their content never changes under one URL
  while it runs), everything else per response.
- **cache lifetimes**: a file whose URL carries its version (Dash's component
  suites, ``/assets/…?m=<mtime>``, ``/geo/<code>.<hash>.geojson``) is cached by
  the browser for a year; an unversioned asset is revalidated each time; the layout, which carries
  the view of the page that asked for it, is never stored.
- **/healthz**: readiness, not mere liveness: the answering worker has finished
  Dash's server setup (it can serve the page's scripts), ``SELECT 1`` works and
  the schema revision is the code's Alembic head; JSON, 200 when all hold, 503
  otherwise (load balancers take the process out of rotation). Never names the
  database URL.
- **request logs**: one JSON line per request on stderr (logger
  ``kepu.request``): method, path, status, ms, bytes and, for a Dash callback,
  the output it updated. Set ``KEPU_REQUEST_LOG=false`` to turn them off.
- **error pages**: see ``dashboard.errors``.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from datetime import UTC, datetime

import dash
from dash.fingerprint import check_fingerprint
from flask import Flask, g, jsonify, request
from flask_compress import Compress
from sqlalchemy import text

from dashboard import errors, security

log = logging.getLogger("kepu.request")

YEAR = 31536000
IMMUTABLE = f"public, max-age={YEAR}, immutable"
CALLBACK_PATH = "_dash-update-component"
# Types worth compressing: everything text-like the app sends.
COMPRESS_MIMETYPES = [
    "text/html",
    "text/css",
    "text/plain",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/geo+json",
    "image/svg+xml",
]


def init_app(app: dash.Dash, repo, settings) -> None:
    server = app.server
    errors.register(app)
    # Registered first so that it runs last (Flask runs after_request hooks in
    # reverse): the logged time and size include compression.
    if settings.request_log:
        _request_log(server)
    _compression(server)
    _cache_lifetimes(app)
    security.init_app(app, settings)
    _healthz(app, repo)


# -- compression ------------------------------------------------------------------------


class _FingerprintedCache:
    """Compressed bodies of versioned URLs, kept per process (flask-compress's cache API).

    flask-compress asks the cache for every response it compresses; the key
    function returns "" for anything not versioned, and such keys are neither
    stored nor found. The number of such files is small and fixed (about 30
    scripts and stylesheets, one boundary file per level).
    """

    LIMIT = 256

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return None if key.endswith(";") else self.data.get(key)

    def set(self, key: str, value: bytes) -> None:
        if not key.endswith(";") and len(self.data) < self.LIMIT:
            self.data[key] = value


def _cache_key(req) -> str:
    if req.method != "GET":
        return ""
    if "/_dash-component-suites/" in req.path:
        # Files of installed packages do not change while a process runs, fingerprinted or not
        # (plotly.min.js and dcc's async chunks are not, and are revalidated on every page load).
        return req.full_path
    return req.full_path if _is_versioned(req) else ""


def _compression(server: Flask) -> None:
    server.config.update(
        COMPRESS_MIMETYPES=COMPRESS_MIMETYPES,
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_ALGORITHM_STREAMING=["br", "gzip"],  # files under /assets are streamed
        COMPRESS_LEVEL=6,
        COMPRESS_BR_LEVEL=4,  # brotli 4 is about as fast as gzip 6 and smaller
        COMPRESS_MIN_SIZE=500,
        COMPRESS_CACHE_KEY=_cache_key,
        COMPRESS_CACHE_BACKEND=_FingerprintedCache,
    )
    Compress(server)


# -- cache lifetimes ----------------------------------------------------------------------


def _is_versioned(req) -> bool:
    path = req.path
    if "/_dash-component-suites/" in path:
        return check_fingerprint(path.rsplit("/", 1)[-1])[1]
    if "/assets/" in path:
        return bool(req.args.get("m"))  # Dash appends ?m=<modification time> to every asset it links
    if "/geo/" in path or "/assets-bundle/" in path:
        return True  # the route itself refuses any name but the current versioned one
    # likewise: /topojson/<hash of the files>/<name>
    return path.startswith("/topojson/")


def _cache_lifetimes(app: dash.Dash) -> None:
    @app.server.after_request
    def cache_control(resp):
        if request.method == "GET" and resp.status_code in (200, 304) and _is_versioned(request):
            resp.headers["Cache-Control"] = IMMUTABLE
        elif request.path.endswith("/_dash-layout"):
            # The layout carries the view of the page that asked (callbacks/routing.py first_view).
            resp.headers["Cache-Control"] = "no-store"
        return resp


# -- /healthz -------------------------------------------------------------------------------


def _alembic_head(engine) -> str | None:
    from alembic.script import ScriptDirectory

    from data.store import alembic_config

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def server_ready(app: dash.Dash) -> bool:
    """True once this process can serve the page's scripts (``dashboard.app._finish_server_setup``)."""
    return bool(app.server.extensions.get("kepu_ready")) and bool(app.registered_paths.get("dash"))


def _healthz(app: dash.Dash, repo) -> None:
    server = app.server
    engine = repo.engine
    head = _alembic_head(engine)

    def healthz():
        from alembic.runtime.migration import MigrationContext

        started = time.perf_counter()
        body = {"status": "ok", "database": engine.dialect.name, "revision": None, "head": head}
        if not server_ready(app):
            # Not reachable through create_app, which finishes the setup before it returns;
            # kept so that a load balancer never sends a page to a worker that cannot serve it.
            body.update(status="unavailable", error="server setup not finished")
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1")).scalar_one()
                body["revision"] = MigrationContext.configure(conn).get_current_revision()
        except Exception as exc:  # noqa: BLE001 - any failure means "not healthy"
            # The exception's text can name hosts and users: it goes to the log, not the answer.
            logging.getLogger("kepu.health").warning("health check failed: %s", exc)
            body.update(status="unavailable", error=type(exc).__name__)
        else:
            if body["status"] == "ok" and body["revision"] != head:
                body.update(
                    status="unavailable", error="schema revision is not the code's head (run `kepu db upgrade`)"
                )
        body["ms"] = round((time.perf_counter() - started) * 1000, 1)
        resp = jsonify(body)
        resp.status_code = 200 if body["status"] == "ok" else 503
        resp.headers["Cache-Control"] = "no-store"
        return resp

    server.add_url_rule("/healthz", "kepu_healthz", healthz, methods=["GET"])


# -- request logs --------------------------------------------------------------------------


class _JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return record.getMessage()


def _ensure_handler() -> None:
    if not any(getattr(h, "_kepu", False) for h in log.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_JsonLines())
        handler._kepu = True  # type: ignore[attr-defined]
        log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False  # one line per request, not again through the root logger


def callback_output(req) -> str | None:
    """The output a Dash callback request updates (``page.children``, ``..a.b...c.d..``)."""
    if not req.path.endswith(CALLBACK_PATH):
        return None
    limit = req.max_content_length
    if limit is not None and (req.content_length or 0) > limit:
        return None  # refused unread (413): reading it now would raise again
    body = req.get_json(silent=True)  # already parsed by Dash: cached on the request
    if isinstance(body, dict) and isinstance(body.get("output"), str):
        return body["output"][:300]
    return None


def request_record(req, resp, ms: float) -> dict:
    rec = {
        "ts": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "method": req.method,
        "path": req.path,
        "status": resp.status_code,
        "ms": round(ms, 1),
        # A 304 sends no body, though the response may still carry the file's length.
        "bytes": 0 if resp.status_code == 304 else resp.content_length,
        "pid": os.getpid(),
    }
    output = callback_output(req)
    if output is not None:
        rec["callback"] = output
    error_id = g.get("kepu_error_id")
    if error_id:
        rec["error_id"] = error_id
    return rec


def _request_log(server: Flask) -> None:
    _ensure_handler()

    def start_clock() -> None:
        g.kepu_started = time.perf_counter()

    # First of all before-request hooks: a login wall that answers early is timed and logged too.
    server.before_request_funcs.setdefault(None, []).insert(0, start_clock)

    @server.after_request
    def log_request(resp):
        started = g.get("kepu_started")
        if started is None:
            return resp
        if request.path.endswith("/healthz") and resp.status_code == 200:
            return resp  # load balancers ask every few seconds: log only a failing check
        log.info(json.dumps(request_record(request, resp, (time.perf_counter() - started) * 1000), ensure_ascii=False))
        return resp
