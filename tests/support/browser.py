"""Helpers for the real-browser tests (tests/browser), the benchmarks and scripts/screenshots.py.

No fixtures here (they are in tests/browser/conftest.py): what a test or a script calls on a
Playwright page. Waiting is always for a condition the page can be asked about, never for a time.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from tests.support.paths import ROOT

SCREENSHOTS = ROOT / "tests" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Nothing may leave the host, even when a test fails to notice: every request
# that is not to loopback goes to a proxy that is not there and fails at once.
# (Cheaper than Playwright routing, which sends each request through Python.)
OFFLINE_ARGS = ["--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1;localhost"]
DEFAULT_VIEWPORT = {"width": 1920, "height": 1080}
# Leaders open shared links on their phones (issue 17): an iPhone 12–15's and a small Android's
# screen, as touch devices (Playwright's is_mobile honours <meta name="viewport">).
PHONES = {
    f"{w}x{h}": {"viewport": {"width": w, "height": h}, "has_touch": True, "is_mobile": True, "device_scale_factor": 2}
    for w, h in ((390, 844), (360, 800))
}
APP_DATABASE: dict[str, str] = {}  # the store URL of the app under test (set by the app_url fixture)


def chromium_path() -> str | None:
    """Debian's Chromium (or ``KEPU_TEST_CHROMIUM``); never Playwright's own download."""
    path = os.environ.get("KEPU_TEST_CHROMIUM") or "/usr/bin/chromium"
    if Path(path).is_file() and os.access(path, os.X_OK):
        return path
    return shutil.which("chromium")


class HostPage:
    """One HTML page served on loopback: an intranet page that frames the app (``?embed=1``).

    A real server, not ``page.route``: Chromium treats a page it did not fetch from a local address
    as public, and its local-network rules would block the frame before the app's
    Content-Security-Policy is even asked. Another port is another origin."""

    def __init__(self, port: int):
        import http.server
        import threading

        page = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = page.html.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.html = ""
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.origin = f"http://127.0.0.1:{port}"
        threading.Thread(target=self.server.serve_forever, daemon=True, name=f"host-page-{port}").start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class PageWatch:
    """What a page did that it should not: off-host requests, console and page errors."""

    def __init__(self, app_url: str):
        self.host = urlsplit(app_url).netloc
        self.other_hosts: set[str] = (
            set()
        )  # a test's own pages on made-up hosts (page.route), e.g. an embed's host page
        self.expected: list[str] = []  # console errors a test provokes on purpose (fragments of their text)
        self.requests: list[str] = []
        self.offhost: list[str] = []
        self.errors: list[str] = []
        self._reported = (0, 0)

    def on_request(self, req) -> None:
        url = req.url
        self.requests.append(url)
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.netloc != self.host and parts.netloc not in self.other_hosts:
            self.offhost.append(f"{req.method} {url}")

    def on_response(self, resp) -> None:
        # A script answered 500 leaves the renderer unstarted with no other trace: name it.
        if resp.status >= 500:
            self.errors.append(f"HTTP {resp.status}: {resp.request.method} {resp.url}")

    def on_console(self, msg) -> None:
        if msg.type == "error":
            if any(fragment in msg.text for fragment in self.expected):
                return
            loc = msg.location or {}
            where = f" ({loc.get('url')}:{loc.get('lineNumber')})" if loc.get("url") else ""
            self.errors.append(f"console.error: {msg.text}{where}")

    def on_pageerror(self, exc) -> None:
        self.errors.append(f"pageerror: {exc}")

    def requests_to(self, fragment: str) -> list[str]:
        return [u for u in self.requests if fragment in u]

    def problems(self, *, only_new: bool = False) -> list[str]:
        start_off, start_err = self._reported if only_new else (0, 0)
        found = [f"off-host request: {u}" for u in self.offhost[start_off:]] + self.errors[start_err:]
        self._reported = (len(self.offhost), len(self.errors))
        return found


# -- waiting for the page ---------------------------------------------------------------------

_BUSY_JS = """() => {
    const page = document.querySelector('#page');
    if (!page || page.childNodes.length === 0) return 'the page slot is empty';
    const busy = document.querySelector('._dash-loading-callback, ._dash-loading, [data-dash-is-loading="true"]');
    if (busy) return 'loading: ' + (busy.id || busy.className || busy.tagName);
    for (const g of document.querySelectorAll('.dash-graph')) {
        if (!g.querySelector('.main-svg')) return 'graph not drawn: #' + g.id;
        // A choropleth whose boundaries come by URL draws its frame first and its shapes once
        // plotly.js has fetched them (a cold server can take seconds to answer that request).
        const gd = g.querySelector('.js-plotly-plot');
        const waiting = ((gd && gd.data) || []).some(t => t.type === 'choropleth' && typeof t.geojson === 'string'
            && (t.locations || []).length > 0 && t.visible !== false);
        if (waiting && !g.querySelector('path.choroplethlocation')) return 'boundaries not drawn: #' + g.id;
    }
    return '';
}"""


def wait_for_dash(page, *, timeout: float = 30.0, settle: float = 0.3) -> None:
    """Wait until Dash has no callback pending and every graph has drawn its SVG.

    The condition must hold for ``settle`` seconds: a callback's output can
    start the next callback, and between the two nothing is pending.
    """
    deadline = time.monotonic() + timeout
    idle_since = None
    while True:
        busy = page.evaluate(_BUSY_JS)
        if not busy:
            now = time.monotonic()
            idle_since = idle_since or now
            if now - idle_since >= settle:
                return
        else:
            idle_since = None
        if time.monotonic() > deadline:
            raise AssertionError(f"Dash still busy after {timeout}s on {page.url}: {busy}")
        page.wait_for_timeout(50)


def open_page(page, path: str, *, timeout: float = 60.0) -> None:
    """Go to a path of the app and wait until it has settled."""
    page.goto(page.app_url + path)
    wait_for_dash(page, timeout=timeout)


# Charts not drawn at the size of their box: a chart follows its box (responsive) unless it was given a
# width or a height (Plotly.relayout, as before printing); then it is drawn at that size.
_GRAPHS_OFF_SIZE_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(gd => {
    const name = (gd.closest('.dash-graph') || gd).id || 'a chart';
    const svg = gd.querySelector('.main-svg');
    if (!svg || !gd._fullLayout) return [name + ': not drawn'];
    const drawn = svg.getBoundingClientRect(), box = gd.getBoundingClientRect(), given = gd.layout || {};
    const width = given.width || box.width, height = given.height || box.height;
    return Math.abs(drawn.width - width) > 1 || Math.abs(drawn.height - height) > 1
        ? [`${name}: drawn ${drawn.width}×${drawn.height}, box ${width}×${height}`] : [];
})"""


def wait_for_graphs_resized(page, *, timeout: float = 30.0) -> None:
    """After the window or the media changed: wait until every chart is drawn at its box's width
    (or the width it was given), then until Dash has settled."""
    page.wait_for_function(f"() => ({_GRAPHS_OFF_SIZE_JS})().length === 0", timeout=timeout * 1000)
    wait_for_dash(page, timeout=timeout)


# A Dash component's props as the renderer holds them (getLayout throws for an id not in the layout).
_PROP_JS = """([id, prop]) => {
    try { const c = window.dash_component_api.getLayout(id); return c ? c.props[prop] : undefined; }
    catch (e) { return undefined; }
}"""


def component_prop(page, id_: str, prop: str):
    """A prop of a Dash component as the renderer holds it now, also for components with no DOM of
    their own (dcc.Interval, dcc.Store); None if there is no such component."""
    return page.evaluate(_PROP_JS, [id_, prop])


def wait_for_prop(page, id_: str, prop: str, value, *, timeout: float = 15.0) -> None:
    """Wait until a Dash component's prop has ``value`` (compared as JSON)."""
    page.wait_for_function(
        f"([id, prop, value]) => JSON.stringify(({_PROP_JS})([id, prop])) === JSON.stringify(value)",
        arg=[id_, prop, value],
        timeout=timeout * 1000,
    )


def choose_by_typing(page, typed: str, option: str) -> None:
    """In an open dropdown: type, wait until the list is narrowed to ``option`` alone, press Enter."""
    from playwright.sync_api import expect

    page.keyboard.type(typed)
    expect(page.get_by_role("option")).to_have_text([option])
    page.keyboard.press("Enter")


def query(page) -> dict[str, str]:
    """The page URL's query, one value per key (the last)."""
    return {k: v[-1] for k, v in parse_qs(urlsplit(page.url).query).items()}


def screenshot(page, request, label: str | None = None, *, full_page: bool = True) -> Path:
    """Save tests/screenshots/<test>[-label]-<w>x<h>.png and return its path."""
    size = page.viewport_size or DEFAULT_VIEWPORT
    name = request.node.name + (f"-{label}" if label else "")
    name = re.sub(r"[^\w.-]+", "_", name).strip("_")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{size['width']}x{size['height']}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


# -- the map -------------------------------------------------------------------------------------

# A point inside a district's shape, in screen pixels, found from the drawn path
# itself (not its bounding box: districts are not convex), nearest the middle.
_POINT_IN_DISTRICT_JS = """([graph, code]) => {
    const path = Array.from(document.querySelectorAll(graph + ' path.choroplethlocation'))
        .find(p => p.__data__ && p.__data__.loc === code);
    if (!path) return null;
    const box = path.getBBox(), toScreen = path.getScreenCTM(), n = 16;
    let best = null;
    for (let i = 1; i < n; i++) for (let j = 1; j < n; j++) {
        const local = new DOMPoint(box.x + box.width * i / n, box.y + box.height * j / n);
        if (!path.isPointInFill(local)) continue;
        const d = Math.hypot(i - n / 2, j - n / 2);
        if (best === null || d < best.d) {
            const s = local.matrixTransform(toScreen);
            best = {x: s.x, y: s.y, d};
        }
    }
    return best;
}"""


def click_district(page, code: str, graph: str = "#mx-map") -> None:
    """Click inside a district's shape on a map, as a user does."""
    point = page.evaluate(_POINT_IN_DISTRICT_JS, [graph, code])
    assert point, f"district {code} is not drawn on {graph}"
    page.mouse.click(point["x"], point["y"])


def tap_district(page, code: str, graph: str = "#mx-map") -> None:
    """Tap inside a district's shape on a map, as a thumb does (a touch page: ``has_touch``)."""
    point = page.evaluate(_POINT_IN_DISTRICT_JS, [graph, code])
    assert point, f"district {code} is not drawn on {graph}"
    page.touchscreen.tap(point["x"], point["y"])


# -- accounts (issue 6) ------------------------------------------------------------------

BROWSER_USERS = {"editor-b": ("editor", "editor-password-1"), "viewer-b": ("viewer", "viewer-password-1")}


def kepu(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """The command line (``kepu``), against the store of the app under test."""
    env = {**os.environ, "KEPU_DATABASE_URL": APP_DATABASE["url"]}
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        check=False,
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def log_in(page, username: str, password: str, next_path: str = "/") -> None:
    """Fill in the login form as a user does; wait for the page it leads to."""
    open_page(page, "/login?next=" + quote(next_path, safe=""))
    page.fill("#login-username", username)
    page.fill("#login-password", password)
    with page.expect_navigation():
        page.click("#login-submit")
    wait_for_dash(page)
