"""Real-browser fixtures: the app in a subprocess, Debian's Chromium through Playwright.

The app runs as users run it (``python app.py``) on a throw-away SQLite file
and a free loopback port; the store is created and filled with sample data on
first start. Every page a test opens is watched: a request to any host other
than the app's, a console error or an uncaught page error fails the test, with
the messages shown.

Chromium: Debian's ``/usr/bin/chromium`` (or ``KEPU_TEST_CHROMIUM``); never
Playwright's own download. Missing, it is an error in CI (``CI`` set) and a
skip on a developer's machine.

What tests call on a page (waiting, screenshots, logging in, the command line) is in
tests/support/browser.py; only fixtures and hooks are here.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support.browser import (
    APP_DATABASE,
    BROWSER_USERS,
    CHROMIUM_ARGS,
    DEFAULT_VIEWPORT,
    OFFLINE_ARGS,
    PHONES,
    HostPage,
    PageWatch,
    chromium_path,
    kepu,
    open_page,  # noqa: F401 - tests/browser/test_production_server.py imports it from here
)
from tests.support.paths import ROOT
from tests.support.production import free_port

STARTUP_TIMEOUT = 90  # seconds: the first start creates the store and generates sample data


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required in CI)", pytrace=False)
    pytest.skip(reason)


# -- the app --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def embed_port() -> int:
    """Port of the intranet page allowed to frame the app (``embed_host``); the app is told at start."""
    return free_port()


@pytest.fixture(scope="session")
def embed_host(embed_port):
    host = HostPage(embed_port)
    yield host
    host.close()


@pytest.fixture(scope="session")
def foreign_host():
    """A page on an origin the app does not name: it must not be able to frame the app."""
    host = HostPage(free_port())
    yield host
    host.close()


@contextlib.contextmanager
def running_app(prefix: str, env_extra: dict[str, str] | None = None, *, on_store=None):
    """``python app.py`` on a throw-away SQLite file and a free loopback port; yields its base URL
    once it answers, stops it and removes its folder after."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    port = free_port()
    env = {
        **os.environ,
        "KEPU_DATABASE_URL": f"sqlite:///{workdir / 'kepu.sqlite3'}",
        "KEPU_HOST": "127.0.0.1",
        "KEPU_PORT": str(port),
        "KEPU_DEBUG": "false",
        "KEPU_CACHE_DIR": str(workdir / "cache"),  # background-job results of this run only
        "PYTHONUNBUFFERED": "1",
        **(env_extra or {}),
    }
    if on_store is not None:
        on_store(env["KEPU_DATABASE_URL"])
    log_path = workdir / "app.log"
    # The child writes to its own copy of the descriptor; ours is only needed until it has one.
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(
                    f"the app exited with {proc.returncode} before answering:\n{log_path.read_text()[-4000:]}",
                    pytrace=False,
                )
            try:
                with urllib.request.urlopen(url + "/", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"the app did not answer on {url} within {STARTUP_TIMEOUT}s:\n{log_path.read_text()[-4000:]}",
                    pytrace=False,
                )
            time.sleep(0.25)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def app_url(embed_port):
    """Base URL (no trailing slash) of the real app, started for this session."""
    # the intranet page tests/browser/test_embed.py frames charts in (fixture embed_host)
    embeds = {"KEPU_EMBED_ORIGINS": f"http://127.0.0.1:{embed_port}"}
    with running_app("kepu-browser-", embeds, on_store=lambda url: APP_DATABASE.update(url=url)) as url:
        warm = threading.Thread(target=_warm_up, args=(url,), daemon=True, name="kepu-warm-up")
        warm.start()
        yield url


@pytest.fixture(scope="module")
def plans_app_url(plans_dir):
    """The real app on two plans (KEPU_PLANS_DIR: the shipped 2016–2020 plan and a fixture
    2021–2025 plan, tests/support/plans.py), for the module that asks for it."""
    with running_app("kepu-plans-", {"KEPU_PLANS_DIR": str(plans_dir)}) as url:
        yield url


@pytest.fixture
def plans_page(browser, plans_app_url, request):
    """A fresh page on the app with two plans, watched like ``page``."""
    w = PageWatch(plans_app_url)
    request.node._page_watch = w
    yield from _watched_page(browser, plans_app_url, w, request)


WARM_UP_PATHS = ["/district/230102", "/departments", "/data", "/task/T3", "/map", "/"]


def _warm_up(url: str) -> None:
    """Build each page once on the server while the first tests run.

    The repository computes per data version and caches; the first build of
    some pages takes many seconds on a busy machine. Tests check behaviour,
    not first-visit speed, so they should not each wait for it.
    """
    for path in WARM_UP_PATHS:
        body = json.dumps(
            {
                "output": "page.children",
                "outputs": {"id": "page", "property": "children"},
                "inputs": [{"id": "url", "property": "pathname", "value": path}],
                "state": [{"id": "url", "property": "search", "value": ""}],
                "changedPropIds": ["url.pathname"],
            }
        ).encode()
        req = urllib.request.Request(
            url + "/_dash-update-component", data=body, headers={"Content-Type": "application/json"}
        )
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
    executable = chromium_path()
    if executable is None:
        _missing(
            "Debian's chromium is not installed (apt-get install chromium); "
            "set KEPU_TEST_CHROMIUM to use another Chromium"
        )
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS + OFFLINE_ARGS)
        try:
            yield b
        finally:
            b.close()


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


def _watched_page(browser, base_url: str, watch: PageWatch, request, **device):
    """A fresh browser context and page at 1920×1080 on ``base_url``, watched (see PageWatch);
    ``device``: other ``new_context`` options (a phone's viewport, touch, pixel ratio)."""
    options = {"viewport": DEFAULT_VIEWPORT, **device}
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", service_workers="block", **options)
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


@pytest.fixture(params=list(PHONES), ids=list(PHONES))
def phone_page(browser, app_url, watch, request):
    """A fresh page on the development server as a phone shows it (touch, 390×844 and 360×800), watched."""
    yield from _watched_page(browser, app_url, watch, request, **PHONES[request.param])


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


# -- accounts (issue 6) ------------------------------------------------------------------


@pytest.fixture(scope="session")
def app_users(app_url) -> dict[str, str]:
    """Accounts in the app's store, made as an administrator would (``kepu users create``): name → password."""
    for name, (role, password) in BROWSER_USERS.items():
        res = kepu("users", "create", name, "--role", role, "--password-stdin", stdin=password + "\n")
        if res.returncode != 0 and "exists" not in res.stdout + res.stderr:
            pytest.fail(f"kepu users create {name} failed:\n{res.stdout}{res.stderr}", pytrace=False)
    return {name: password for name, (_, password) in BROWSER_USERS.items()}
