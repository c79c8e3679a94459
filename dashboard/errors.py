"""No traceback ever reaches the browser: a short bilingual message and an error id.

- A Flask view that fails (any 500) answers 「服务器出错 / Server error」 with an
  id; a callback request gets the same as JSON. The traceback goes to the log
  (logger ``kepu.error``, one JSON line) under the same id, so the person who
  saw the message can quote it and whoever runs the server can find it.
- A Dash callback that raises goes through Dash's app-level ``on_error`` hook
  (Dash ≥ 2.18): it logs the traceback with the callback's output and the
  triggering inputs, then answers the request with the same short message.
  Without it Dash would show the traceback in its dev tools in debug mode and
  Flask's English error page otherwise.
- A request body larger than ``Settings.request_limit()`` (Flask's
  ``MAX_CONTENT_LENGTH``) is answered 413 with a short bilingual message,
  unread.
"""

from __future__ import annotations

import json
import logging
import traceback
import uuid

import dash
from flask import Response, g, request
from werkzeug.exceptions import InternalServerError, RequestEntityTooLarge

from dashboard.i18n import DEFAULT_LANG, LANGS, bilingual, script, t

log = logging.getLogger("kepu.error")

MESSAGE_ZH = t("server_error_message", "zh")
MESSAGE_EN = t("server_error_message", "en")


class CallbackFailed(Exception):
    """Raised by the on_error hook after logging: Flask then answers with the message."""

    def __init__(self, error_id: str):
        super().__init__(error_id)
        self.error_id = error_id


def _new_id() -> str:
    return uuid.uuid4().hex[:12]


def _log_exception(error_id: str, exc: BaseException, **context) -> None:
    record = {
        "error_id": error_id,
        "method": request.method,
        "path": request.path,
        "exception": type(exc).__name__,
        **context,
        "traceback": "".join(traceback.format_exception(exc)),
    }
    log.error(json.dumps(record, ensure_ascii=False, default=str))


def error_body(error_id: str, *, as_json: bool) -> tuple[str, str]:
    if as_json:
        return json.dumps(
            {"error": {"id": error_id, "zh": MESSAGE_ZH, "en": MESSAGE_EN}}, ensure_ascii=False
        ), "application/json"
    title = " · ".join(t("server_error_title", lang) for lang in LANGS)
    page = (
        f'<!DOCTYPE html><html lang="{script(DEFAULT_LANG).html_lang}"><head><meta charset="utf-8">'
        f'<title>{title}</title></head><body style="font-family:sans-serif;margin:3rem"><h1>{title}</h1>'
        f'<p>{MESSAGE_ZH}</p><p lang="en">{MESSAGE_EN}</p><p>{bilingual("error_id")}: <code>{error_id}</code>'
        f'</p><p><a href="/">{bilingual("home")}</a></p></body></html>'
    )
    return page, "text/html"


def _wants_json() -> bool:
    return request.path.endswith("_dash-update-component") or request.accept_mimetypes.best == "application/json"


def on_callback_error(err: Exception):
    """Dash's on_error hook: log with the callback's context, then fail the request plainly."""
    error_id = _new_id()
    ctx = dash.callback_context
    try:
        outputs = [
            f"{o['id']}.{o['property']}" if isinstance(o, dict) else str(o)
            for o in (ctx.outputs_list if isinstance(ctx.outputs_list, list) else [ctx.outputs_list])
        ]
        triggered = [t["prop_id"] for t in ctx.triggered]
    except Exception:  # noqa: BLE001 - the context is best effort; the error is what matters
        outputs, triggered = [], []
    _log_exception(error_id, err, callback=outputs, triggered=triggered)
    raise CallbackFailed(error_id) from err


def _handle_500(exc: InternalServerError):
    original = getattr(exc, "original_exception", None) or exc
    if isinstance(original, CallbackFailed):
        error_id = original.error_id  # already logged by the hook
    else:
        error_id = _new_id()
        _log_exception(error_id, original)
    g.kepu_error_id = error_id
    body, mimetype = error_body(error_id, as_json=_wants_json())
    return Response(body, status=500, mimetype=mimetype)


def _handle_413(_exc: RequestEntityTooLarge):
    text = bilingual("request_too_large")
    if _wants_json():
        return Response(
            json.dumps(
                {"error": {"zh": t("request_too_large", "zh"), "en": t("request_too_large", "en")}}, ensure_ascii=False
            ),
            status=413,
            mimetype="application/json",
        )
    return Response(text, status=413, mimetype="text/plain")


class _NoDuplicateTracebacks(logging.Filter):
    """Flask logs every unhandled exception before calling our handler, which logs it once, with an id."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and record.getMessage().startswith("Exception on "))


def register(app: dash.Dash) -> None:
    """Error pages and logging.  The callback hook is not set here: create_app passes
    ``on_error=on_callback_error`` to Dash's constructor (tests/integration/test_production.py
    checks a failing callback answers with it)."""
    app.server.register_error_handler(InternalServerError, _handle_500)
    app.server.register_error_handler(RequestEntityTooLarge, _handle_413)
    logger = app.server.logger  # shared by every app of this name: add the filter once
    if not any(isinstance(f, _NoDuplicateTracebacks) for f in logger.filters):
        logger.addFilter(_NoDuplicateTracebacks())
