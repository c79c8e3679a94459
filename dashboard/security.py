"""Security headers on every response: what the browser may load, run and frame.

The dashboard serves everything it needs itself (an intranet has nothing else), so the policy can
be strict: scripts, styles, fonts, images and requests from this host only. Dash writes one inline
script into each page (the renderer's start); it is allowed by its hash, which Dash computes
(``app.csp_hashes()``), so no ``'unsafe-inline'`` or ``'unsafe-eval'`` is needed for scripts.
Styles keep ``'unsafe-inline'``: plotly.js and React set element styles at run time, and a style
cannot run code.

Framing: ``?embed=1`` exists to be framed by intranet pages, so ``frame-ancestors`` is this host
plus the origins the operator names in ``KEPU_EMBED_ORIGINS``, and no other site can frame the app
(clickjacking). Over HTTPS (``request.is_secure``, which gunicorn sets from ``X-Forwarded-Proto``
of a trusted proxy) responses add HSTS and cookies are marked ``Secure``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

import dash
from flask import Flask, Response, has_request_context, request
from flask.sessions import SecureCookieSessionInterface

# Browsers never guess a type from content (a file served as text cannot run as a script), and
# links to other sites carry no path or query of ours (a view's URL names its district and filters).
FIXED_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}
HSTS = "max-age=31536000"
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$|^https?://\*\.[A-Za-z0-9.-]+(:\d{1,5})?$")


class EmbedOriginError(ValueError):
    """KEPU_EMBED_ORIGINS holds something that is not an origin."""


def embed_origins(setting: str) -> tuple[str, ...]:
    """``"http://oa.intranet, https://portal.intranet:8443"`` → the origins, checked.

    An origin is a scheme and a host (and port), with no path: ``frame-ancestors`` compares
    origins, and a path or a bare word would silently match nothing."""
    origins = tuple(o.rstrip("/") for o in re.split(r"[\s,]+", setting.strip()) if o)
    bad = [o for o in origins if not _ORIGIN.match(o)]
    if bad:
        raise EmbedOriginError(
            f"KEPU_EMBED_ORIGINS: not an origin (scheme://host[:port]): {', '.join(bad)} / "
            f"不是有效的来源(应为 scheme://host[:port]):{'、'.join(bad)}"
        )
    return origins


def content_security_policy(script_hashes: Iterable[str], frame_origins: Iterable[str] = ()) -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        # data: and blob: are the chart toolbar's PNG/SVG downloads and plotly's own icons.
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'", *frame_origins],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


class _SessionSecureOverHttps(SecureCookieSessionInterface):
    """The session cookie is written after every after-request hook has run, so the hook below
    cannot mark it: the session interface asks here whether this response's cookie is Secure."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure


def init_app(app: dash.Dash, settings) -> None:
    origins = embed_origins(settings.embed_origins)
    server = app.server
    server.session_interface = _SessionSecureOverHttps()
    policy: list[str] = []  # built on the first response, once Dash has its inline scripts

    @server.after_request
    def add_headers(resp: Response) -> Response:
        if not policy:
            policy.append(content_security_policy(app.csp_hashes(), origins))
        for name, value in FIXED_HEADERS.items():
            resp.headers.setdefault(name, value)
        resp.headers.setdefault("Content-Security-Policy", policy[0])
        if not origins:
            # Older browsers know only X-Frame-Options, which cannot list other origins.
            resp.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        if request.is_secure:
            resp.headers.setdefault("Strict-Transport-Security", HSTS)
            _secure_cookies(resp)
        return resp


def _secure_cookies(resp: Response) -> None:
    cookies = resp.headers.getlist("Set-Cookie")
    if not cookies:
        return
    resp.headers.remove("Set-Cookie")
    for cookie in cookies:
        resp.headers.add("Set-Cookie", cookie if "; secure" in cookie.lower() else f"{cookie}; Secure")


def referring_address() -> tuple[str, str] | None:
    """(path, query) of the page that asked for the layout, from its Referer; None outside a request
    or when there is no same-host Referer."""
    if not has_request_context():
        return None
    referrer = urlsplit(request.referrer or "")
    if not referrer.path or referrer.netloc != request.host:
        return None
    return referrer.path, f"?{referrer.query}" if referrer.query else ""
