"""Real-browser fixtures: the app in a subprocess, Debian's Chromium through Playwright.

The app runs as users run it (``python app.py``) on a throw-away SQLite file
and a free loopback port; the store is created and filled with sample data on
first start. Every page a test opens is watched: a request to any host other
than the app's, a console error or an uncaught page error fails the test, with
the messages shown.

Chromium: Debian's ``/usr/bin/chromium`` (or ``KEPU_TEST_CHROMIUM``); never
Playwright's own download. Missing, it is an error in CI (``CI`` set) and a
skip on a developer's machine.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
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
STARTUP_TIMEOUT = 90  # seconds: the first start creates the store and generates sample data
DEFAULT_VIEWPORT = {"width": 1920, "height": 1080}
APP_DATABASE: dict[str, str] = {}  # the store URL of the app under test (app_users creates accounts in it)


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required in CI)", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _chromium() -> str | None:
    path = os.environ.get("KEPU_TEST_CHROMIUM") or "/usr/bin/chromium"
    if Path(path).is_file() and os.access(path, os.X_OK):
        return path
    return shutil.which("chromium")


# -- the app --------------------------------------------------------------------------

@pytest.fixture(scope="session")
def app_url():
    """Base URL (no trailing slash) of the real app, started for this session."""
    workdir = Path(tempfile.mkdtemp(prefix="kepu-browser-"))
    port = _free_port()
    env = {
        **os.environ,
        "KEPU_DATABASE_URL": f"sqlite:///{workdir / 'kepu.sqlite3'}",
        "KEPU_HOST": "127.0.0.1",
        "KEPU_PORT": str(port),
        "KEPU_DEBUG": "false",
        "KEPU_CACHE_DIR": str(workdir / "cache"),  # background-job results of this run only
        "PYTHONUNBUFFERED": "1",
    }
    APP_DATABASE["url"] = env["KEPU_DATABASE_URL"]
    log_path = workdir / "app.log"
    log = open(log_path, "wb")
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"the app exited with {proc.returncode} before answering:\n{log_path.read_text()[-4000:]}",
                            pytrace=False)
            try:
                with urllib.request.urlopen(url + "/", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the app did not answer on {url} within {STARTUP_TIMEOUT}s:\n"
                            f"{log_path.read_text()[-4000:]}", pytrace=False)
            time.sleep(0.25)
        warm = threading.Thread(target=_warm_up, args=(url,), daemon=True, name="kepu-warm-up")
        warm.start()
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)


WARM_UP_PATHS = ["/district/230102", "/departments", "/data", "/task/T3", "/map", "/"]


def _warm_up(url: str) -> None:
    """Build each page once on the server while the first tests run.

    The repository computes per data version and caches; the first build of
    some pages takes many seconds on a busy machine. Tests check behaviour,
    not first-visit speed, so they should not each wait for it.
    """
    for path in WARM_UP_PATHS:
        body = json.dumps({
            "output": "page.children", "outputs": {"id": "page", "property": "children"},
            "inputs": [{"id": "url", "property": "pathname", "value": path}],
            "state": [{"id": "url", "property": "search", "value": ""}],
            "changedPropIds": ["url.pathname"],
        }).encode()
        req = urllib.request.Request(url + "/_dash-update-component", data=body,
                                     headers={"Content-Type": "application/json"})
        try:
            urllib.request.urlopen(req, timeout=120).read()
        except (urllib.error.URLError, OSError):
            return  # the app went away: the tests will say so


# -- the browser ----------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright Python package is not installed (pip install -e '.[test]')")
    executable = _chromium()
    if executable is None:
        _missing("Debian's chromium is not installed (apt-get install chromium); "
                 "set KEPU_TEST_CHROMIUM to use another Chromium")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS + OFFLINE_ARGS)
        try:
            yield b
        finally:
            b.close()


class PageWatch:
    """What a page did that it should not: off-host requests, console and page errors."""

    def __init__(self, app_url: str):
        self.host = urlsplit(app_url).netloc
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
        if parts.netloc != self.host:
            self.offhost.append(f"{req.method} {url}")

    def on_response(self, resp) -> None:
        # A script answered 500 leaves the renderer unstarted with no other trace: name it.
        if resp.status >= 500:
            self.errors.append(f"HTTP {resp.status}: {resp.request.method} {resp.url}")

    def on_console(self, msg) -> None:
        if msg.type == "error":
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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A page's errors fail the test itself (not only its teardown)."""
    result = yield
    watch: PageWatch | None = getattr(item, "_page_watch", None)
    if watch is not None:
        problems = watch.problems()
        if problems:
            pytest.fail("the page misbehaved:\n  " + "\n  ".join(problems), pytrace=False)
    return result


@pytest.fixture
def watch(request, app_url) -> PageWatch:
    w = PageWatch(app_url)
    request.node._page_watch = w
    return w


def _watched_page(browser, base_url: str, watch: PageWatch, request):
    """A fresh browser context and page at 1920×1080 on ``base_url``, watched (see PageWatch)."""
    context = browser.new_context(viewport=DEFAULT_VIEWPORT, locale="zh-CN", timezone_id="Asia/Shanghai",
                                  service_workers="block")
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    pg.set_default_navigation_timeout(60_000)
    pg.on("request", watch.on_request)
    pg.on("response", watch.on_response)
    pg.on("console", watch.on_console)
    pg.on("pageerror", watch.on_pageerror)
    pg.app_url = base_url  # tests build URLs from it
    yield pg
    context.close()
    late = watch.problems(only_new=True)  # anything after the test body finished
    rep = getattr(request.node, "rep_call", None)
    if late and rep is not None and rep.passed:
        pytest.fail("the page misbehaved after the test:\n  " + "\n  ".join(late), pytrace=False)


@pytest.fixture
def page(browser, app_url, watch, request):
    """A fresh page on the development server (``python app.py``), watched."""
    yield from _watched_page(browser, app_url, watch, request)


# -- the production server (issue 19) ----------------------------------------------------

@pytest.fixture(scope="session")
def serve_url():
    """Base URL of ``kepu serve`` (gunicorn, three workers) on a fresh store, as soon as /healthz
    answers 200: no page is requested before the test's browser asks for it, so its first visit
    meets cold workers, as a user's does after a restart."""
    from tests.support.production import start_serve, stop, wait_ready

    workdir = Path(tempfile.mkdtemp(prefix="kepu-serve-"))
    server = start_serve(workdir, workers=3, env={"KEPU_REQUEST_LOG": "true"})
    try:
        wait_ready(server, timeout=STARTUP_TIMEOUT)
        yield server.url
    finally:
        stop(server)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def serve_page(browser, serve_url, request):
    """A fresh page on the production server, watched like ``page``."""
    w = PageWatch(serve_url)
    request.node._page_watch = w
    yield from _watched_page(browser, serve_url, w, request)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    rep = yield
    if rep.when == "call":
        item.rep_call = rep
    return rep


# -- helpers ----------------------------------------------------------------------------

_BUSY_JS = """() => {
    const page = document.querySelector('#page');
    if (!page || page.childNodes.length === 0) return 'the page slot is empty';
    const busy = document.querySelector('._dash-loading-callback, ._dash-loading, [data-dash-is-loading="true"]');
    if (busy) return 'loading: ' + (busy.id || busy.className || busy.tagName);
    for (const g of document.querySelectorAll('.dash-graph')) {
        if (!g.querySelector('.main-svg')) return 'graph not drawn: #' + g.id;
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


def screenshot(page, request, label: str | None = None, *, full_page: bool = True) -> Path:
    """Save tests/screenshots/<test>[-label]-<w>x<h>.png and return its path."""
    size = page.viewport_size or DEFAULT_VIEWPORT
    name = request.node.name + (f"-{label}" if label else "")
    name = re.sub(r"[^\w.-]+", "_", name).strip("_")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{size['width']}x{size['height']}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


# -- accounts (issue 6) ------------------------------------------------------------------

BROWSER_USERS = {"editor-b": ("editor", "editor-password-1"), "viewer-b": ("viewer", "viewer-password-1")}


def kepu(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """The command line (``kepu``), against the store of the app under test."""
    env = {**os.environ, "KEPU_DATABASE_URL": APP_DATABASE["url"]}
    return subprocess.run([sys.executable, "-m", "dashboard", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="session")
def app_users(app_url) -> dict[str, str]:
    """Accounts in the app's store, made as an administrator would (``kepu users create``): name → password."""
    for name, (role, password) in BROWSER_USERS.items():
        res = kepu("users", "create", name, "--role", role, "--password-stdin", stdin=password + "\n")
        if res.returncode != 0 and "exists" not in res.stdout + res.stderr:
            pytest.fail(f"kepu users create {name} failed:\n{res.stdout}{res.stderr}", pytrace=False)
    return {name: password for name, (_, password) in BROWSER_USERS.items()}


def log_in(page, username: str, password: str, next_path: str = "/") -> None:
    """Fill in the login form as a user does; wait for the page it leads to."""
    from urllib.parse import quote

    open_page(page, "/login?next=" + quote(next_path, safe=""))
    page.fill("#login-username", username)
    page.fill("#login-password", password)
    with page.expect_navigation():
        page.click("#login-submit")
    wait_for_dash(page)
