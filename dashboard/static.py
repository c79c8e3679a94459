"""Versioned URLs for static files that plotly.js fetches by itself, and the plotly.js we serve.

plotly.js asks ``topojsonURL + "world_110m.json"`` for every geo subplot (even an
invisible base map).  Served from /assets/ without Dash's ``?m=`` stamp it could
not be cached for long and was fetched again on every page load (137 kB); under a
path that carries the file's hash it is cached for a year, and a new file is a
new URL.

The plotly.js the browser runs is ``dashboard/vendor/plotly-partial.min.js``: only the trace types
the dashboard draws, built by ``scripts/build-plotly-bundle.sh`` (1.4 MB against the full
bundle's 4.8 MB; kaleido's exports keep the plotly package's full one).
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import brotli
from dash.fingerprint import check_fingerprint
from flask import Flask, Response, request

from dashboard.observability import IMMUTABLE

ASSETS_DIR = Path(__file__).resolve().parents[1] / "assets"
TOPOJSON_DIR = ASSETS_DIR / "vendor" / "topojson"
PLOTLY_BUNDLE = Path(__file__).resolve().parent / "vendor" / "plotly-partial.min.js"


@lru_cache(maxsize=1)
def topojson_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(TOPOJSON_DIR.glob("*.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def topojson_url() -> str:
    """The folder URL plotly's ``topojsonURL`` config takes (with its trailing slash)."""
    return f"/topojson/{topojson_version()}/"


@lru_cache(maxsize=1)
def plotly_bundle() -> tuple[bytes, str]:
    """The partial plotly.js and its ETag (its sha256, as committed beside it)."""
    body = PLOTLY_BUNDLE.read_bytes()
    return body, '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


# -- the app's own scripts, as one file --------------------------------------------------------
#
# Dash links every script under assets/ on its own: 14 requests of a first visit, each a round of
# the browser's six connections and a request for the server (under the 50-user load test the
# first visit's files were most of its wait). Outside debug mode they are served as one file under
# a URL that carries its hash (cached for a year, a new release is a new URL), in the order Dash
# would have linked them (sorted by name): each is a classic script sharing the page's globals, so
# one after another in one file they behave as before. In debug mode Dash links them one by one,
# so that its hot reload sees an edited file.

ASSETS_BUNDLE_ROUTE = "assets-bundle/<version>.js"
ASSETS_SCRIPTS = r"\.js$"  # Dash's assets_ignore: its own links leave out what the bundle serves


def asset_scripts() -> list[Path]:
    return sorted(ASSETS_DIR.glob("*.js"))


@lru_cache(maxsize=1)
def assets_bundle() -> tuple[bytes, str]:
    """assets/*.js in Dash's order, each under its name, and the bundle's version (a hash)."""
    parts = [f"/* assets/{path.name} */\n".encode() + path.read_bytes().rstrip() + b"\n;\n" for path in asset_scripts()]
    body = b"".join(parts)
    return body, hashlib.sha256(body).hexdigest()[:12]


def assets_bundle_path(prefix: str) -> str:
    """The bundle's URL under a Dash pathname prefix (``/`` or ``/app/``)."""
    return prefix + ASSETS_BUNDLE_ROUTE.replace("<version>", assets_bundle()[1])


# -- static files from memory, compressed once ------------------------------------------------
#
# Under load, the scripts and stylesheets of a first visit cost the server more than the page's
# callbacks: flask-compress compresses a streamed file (everything under /assets/, the world
# topojson) anew for every response, and Dash reads a component suite's file and hashes it on
# every request. A file whose URL cannot change its content while the process runs (a versioned
# URL, or an installed package's file) is kept here instead, as it is and compressed with brotli
# and gzip, and answered from memory before any route runs: a 304 when the browser's ETag is
# current. ``preload`` fills the store in gunicorn's master, so every forked worker starts with it
# (copy-on-write); any file not preloaded is kept on its first 200.

BROTLI_QUALITY = 9  # 0.55 s for the 1.4 MB plotly.js, once per process; 11 takes 29 s for 9 % less
GZIP_LEVEL = 6
STORE_LIMIT_BYTES = 64 * 1024 * 1024
NOT_WORTH_COMPRESSING = 500  # bytes: the same threshold as flask-compress's COMPRESS_MIN_SIZE
_COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/geo+json", "image/svg+xml")


@dataclass(frozen=True)
class StaticBody:
    """One file as sent: its type, validator and bodies by content coding ("" for none)."""

    mimetype: str
    etag: str  # without quotes or coding; a coding's own ETag is "<etag>:<coding>" as flask-compress writes it
    bodies: dict[str, bytes]
    cache_control: str

    @classmethod
    def of(cls, raw: bytes, mimetype: str, cache_control: str) -> StaticBody:
        bodies = {"": raw}
        if len(raw) >= NOT_WORTH_COMPRESSING and mimetype.startswith(_COMPRESSIBLE):
            bodies["br"] = brotli.compress(raw, quality=BROTLI_QUALITY)
            bodies["gzip"] = gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0)
        return cls(mimetype, hashlib.sha256(raw).hexdigest()[:20], bodies, cache_control)

    @property
    def size(self) -> int:
        return sum(len(b) for b in self.bodies.values())

    def coding_for(self, accept_encoding: str) -> str:
        """brotli when the browser takes it, else gzip, else none (q=0 refuses a coding)."""
        offered = {}
        for part in accept_encoding.lower().split(","):
            name, _, params = part.strip().partition(";")
            q = params.strip().removeprefix("q=")
            try:
                offered[name.strip()] = float(q) if q else 1.0
            except ValueError:
                offered[name.strip()] = 1.0
        for coding in ("br", "gzip"):
            if coding in self.bodies and offered.get(coding, offered.get("*", 0.0)) > 0:
                return coding
        return ""


class StaticStore:
    """The kept files of one process, by the request's path and query."""

    def __init__(self, limit: int = STORE_LIMIT_BYTES) -> None:
        self.files: dict[str, StaticBody] = {}
        self.limit = limit
        self.size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> StaticBody | None:
        return self.files.get(key)

    def keep(self, key: str, body: StaticBody) -> None:
        with self._lock:
            if key not in self.files and self.size + body.size <= self.limit:
                self.files[key] = body
                self.size += body.size


def keepable(path: str, query: Mapping[str, str]) -> bool:
    """A URL whose content is fixed while the process runs: an installed package's file (Dash's
    component suites, fingerprinted or not; the plotly.js route), an asset Dash links with its
    modification time (``?m=``), the world topojson and the app's scripts under their hashes."""
    if "/_dash-component-suites/" in path:
        return True
    if "/assets/" in path:
        return bool(query.get("m"))
    return path.startswith("/topojson/") or "/assets-bundle/" in path


def _key() -> str:
    """The request's path and query, as the page links it."""
    query = request.query_string.decode("latin-1")
    return f"{request.path}?{query}" if query else request.path


def _answer(body: StaticBody, accept_encoding: str, if_none_match: set[str]) -> Response:
    coding = body.coding_for(accept_encoding)
    tag = f"{body.etag}:{coding}" if coding else body.etag
    if any(sent.split(":")[0] == body.etag for sent in if_none_match):
        resp = Response(status=304)
    else:
        resp = Response(body.bodies[coding], mimetype=body.mimetype)
        if coding:
            resp.headers["Content-Encoding"] = coding
    resp.set_etag(tag)
    resp.headers["Cache-Control"] = body.cache_control
    resp.headers["Vary"] = "Accept-Encoding"
    return resp


def init_app(server: Flask) -> StaticStore:
    """Answer kept files from memory and keep the others on their first 200. Call it after every
    other ``after_request`` hook is registered (flask-compress's among them): Flask runs those in
    reverse, so this one sees a response before it is compressed."""
    store = StaticStore()
    server.extensions["kepu_static"] = store

    @server.before_request
    def from_memory():
        if request.method not in ("GET", "HEAD") or not keepable(request.path, request.args):
            return None
        body = store.get(_key())
        if body is None:
            return None
        return _answer(body, request.headers.get("Accept-Encoding", ""), request.if_none_match.as_set())

    @server.after_request
    def keep(resp: Response) -> Response:
        if (
            request.method != "GET"
            or resp.status_code != 200
            or "Content-Encoding" in resp.headers
            or not keepable(request.path, request.args)
            or store.get(_key()) is not None
        ):
            return resp
        resp.direct_passthrough = False  # a file sent by send_file: read it once, here
        cache_control = resp.headers.get("Cache-Control") or "no-cache"
        if "/_dash-component-suites/" not in request.path or check_fingerprint(request.path.rsplit("/", 1)[-1])[1]:
            cache_control = IMMUTABLE  # the versioned ones (observability marks them so too)
        body = StaticBody.of(resp.get_data(), resp.mimetype or "application/octet-stream", cache_control)
        store.keep(_key(), body)
        return _answer(body, request.headers.get("Accept-Encoding", ""), set())

    return store


def preload(server: Flask) -> int:
    """Fetch the index page's scripts and stylesheets, plotly.js and the world topojson through the
    app once, so that they are kept before the first browser asks (gunicorn's master, before it
    forks its workers). Returns how many files are kept."""
    import re

    client = server.test_client()
    page = client.get("/", headers={"Accept-Encoding": "identity"})
    links = r'(?:src|href)="(/(?:[^"]*/)?(?:assets|assets-bundle|_dash-component-suites)/[^"]+)"'
    urls = set(re.findall(links, page.get_data(as_text=True)))
    urls.add("/_dash-component-suites/plotly/package_data/plotly.min.js")
    urls.update(f"{topojson_url()}{p.name}" for p in sorted(TOPOJSON_DIR.glob("*.json")))
    for url in sorted(urls):
        client.get(url.replace("&amp;", "&"), headers={"Accept-Encoding": "identity"})
    return len(server.extensions["kepu_static"].files)
