"""Production serving: /healthz, no tracebacks, gzip, cache lifetimes, JSON request logs, gunicorn.

Most checks go through ``server.test_client()``; the last start gunicorn with
``dashboard/gunicorn_conf.py`` and ``kepu serve`` on free loopback ports: /healthz,
and (issue 19) every worker serving the page's scripts to the first burst of
requests, after a start, a ``max_requests`` restart, a crash and a HUP reload.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from dash import Input, Output

from dashboard.app import create_app
from dashboard.repository import Repository
from dashboard.settings import Settings
from data.store import make_engine
from tests.support.app import make_app
from tests.support.paths import ROOT
from tests.support.production import Server, burst, free_port, page_files, start_serve, stop, wait_ready

BOOM = "kepu-test-boom: a secret detail /srv/kepu/secret.py"


def _boom(*_args):
    raise RuntimeError(BOOM)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("prod"))
    # A failing view and a failing callback, added before the first request (Flask refuses later).
    app.server.add_url_rule("/kepu-test-boom", "kepu_test_boom", _boom)
    app.callback(Output("kepu-test-out", "children"), Input("kepu-test-in", "value"))(_boom)
    return app


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@pytest.fixture
def logged():
    """JSON lines written by the request and error loggers during one test."""
    handler = _Lines()
    loggers = [logging.getLogger("kepu.request"), logging.getLogger("kepu.error")]
    for lg in loggers:
        lg.addHandler(handler)
    yield handler.lines
    for lg in loggers:
        lg.removeHandler(handler)


def _callback_body(client, output: str, inputs: dict[str, object]) -> dict:
    """A /_dash-update-component body for the callback whose output names ``output``."""
    dep = next(d for d in client.get("/_dash-dependencies").get_json() if output in d["output"])

    def items(specs):
        return [
            []
            if s["id"].startswith("{")
            else {"id": s["id"], "property": s["property"], "value": inputs.get(f"{s['id']}.{s['property']}")}
            for s in specs
        ]

    outputs = [
        {"id": o.split(".")[0], "property": o.split(".")[1].split("@")[0]}
        for o in dep["output"].strip(".").split("...")
    ]
    return {
        "output": dep["output"],
        "outputs": outputs if dep["output"].startswith("..") else outputs[0],
        "inputs": items(dep["inputs"]),
        "state": items(dep["state"]),
        "changedPropIds": list(inputs),
    }


def _page_body(client, path: str = "/map") -> dict:
    return _callback_body(client, "page.children", {"url.pathname": path, "url.search": ""})


# -- /healthz ------------------------------------------------------------------------------


def test_healthz_is_200_on_a_good_store(engine, plan):
    app = create_app(Settings.from_env(), repository=Repository(engine, plan))
    resp = app.server.test_client().get("/healthz")
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["status"] == "ok"
    assert body["revision"] == body["head"] is not None
    assert body["database"] == engine.dialect.name
    assert resp.headers["Cache-Control"] == "no-store"


def test_the_app_factory_finishes_dashs_server_setup_before_any_request(engine, plan):
    """Issue 19: a worker forked from the preloaded app must not do this setup under its first requests."""
    app = create_app(Settings.from_env(), repository=Repository(engine, plan))
    assert app.registered_paths["dash"], "no script registered before the first request"
    assert app.server.extensions["kepu_ready"] is True
    html = app.server.test_client().get("/").get_data(as_text=True)
    suites = [f for f in page_files(html) if "/_dash-component-suites/" in f]
    namespaces = {f.split("/")[2] for f in suites}
    assert namespaces <= set(app.registered_paths), namespaces - set(app.registered_paths)


def test_healthz_is_503_until_the_server_setup_is_finished(engine, plan):
    app = create_app(Settings.from_env(), repository=Repository(engine, plan))
    app.server.extensions["kepu_ready"] = False  # as if the factory had not finished
    resp = app.server.test_client().get("/healthz")
    assert resp.status_code == 503
    assert resp.get_json()["error"] == "server setup not finished"


def test_healthz_is_503_when_the_database_is_unreachable(plan):
    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    engine = make_engine(f"postgresql+psycopg://kepu:hunter2@127.0.0.1:{port}/kepu?connect_timeout=2")
    app = create_app(Settings.from_env(), repository=Repository(engine, plan))
    resp = app.server.test_client().get("/healthz")
    assert resp.status_code == 503
    body = resp.get_json()
    assert body["status"] == "unavailable" and body["error"] == "OperationalError"
    assert "hunter2" not in resp.get_data(as_text=True) and str(port) not in resp.get_data(as_text=True)


def test_healthz_is_503_when_the_schema_is_behind(tmp_path, plan):
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")  # never upgraded
    app = create_app(Settings.from_env(), repository=Repository(engine, plan))
    resp = app.server.test_client().get("/healthz")
    assert resp.status_code == 503
    assert "kepu db upgrade" in resp.get_json()["error"]


# -- no tracebacks -------------------------------------------------------------------------


def test_production_is_not_debug(app):
    assert Settings().debug is False
    assert app.server.debug is False


def test_a_failing_page_shows_a_short_bilingual_message_and_no_traceback(client, logged):
    resp = client.get("/kepu-test-boom", headers={"Accept": "text/html"})
    assert resp.status_code == 500
    html = resp.get_data(as_text=True)
    assert "服务器出错" in html and "Server error" in html
    for leak in ("Traceback", "RuntimeError", "secret", ".py"):
        assert leak not in html
    error_id = re.search(r"<code>([0-9a-f]{12})</code>", html).group(1)
    errors = [json.loads(line) for line in logged if '"traceback"' in line]
    assert [e["error_id"] for e in errors] == [error_id]  # logged once, with the traceback, under that id
    assert BOOM in errors[0]["traceback"]


def test_a_failing_callback_answers_a_message_not_a_traceback(client, logged):
    body = {
        "output": "kepu-test-out.children",
        "outputs": {"id": "kepu-test-out", "property": "children"},
        "inputs": [{"id": "kepu-test-in", "property": "value", "value": 1}],
        "state": [],
        "changedPropIds": ["kepu-test-in.value"],
    }
    resp = client.post("/_dash-update-component", json=body)
    assert resp.status_code == 500
    text = resp.get_data(as_text=True)
    assert "Traceback" not in text and "secret" not in text and "RuntimeError" not in text
    error = resp.get_json()["error"]
    assert error["zh"].startswith("服务器出错") and error["en"].startswith("Server error")
    # Dash's on_error hook logged it, with the callback's output and trigger.
    logged_error = next(json.loads(line) for line in logged if '"traceback"' in line)
    assert logged_error["error_id"] == error["id"]
    assert logged_error["callback"] == ["kepu-test-out.children"]
    assert logged_error["triggered"] == ["kepu-test-in.value"]
    request_line = json.loads(next(line for line in logged if '"callback"' in line and '"status"' in line))
    assert request_line["status"] == 500 and request_line["error_id"] == error["id"]


# -- compression and cache lifetimes -----------------------------------------------------


def test_pages_and_callbacks_are_gzip_compressed_when_the_browser_allows(client):
    page = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert page.headers["Content-Encoding"] == "gzip"
    assert "<html" in gzip.decompress(page.data).decode()
    plain = client.get("/")
    assert "Content-Encoding" not in plain.headers and "<html" in plain.get_data(as_text=True)

    body = _page_body(client, "/map")
    raw = client.post("/_dash-update-component", json=body)
    packed = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "gzip, deflate"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(packed.data)) == raw.get_json()
    assert len(packed.data) * 3 < len(raw.data)


def test_the_boundary_file_is_compressed_and_still_revalidates(repo, client):
    url = repo.geojson_url()
    resp = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert resp.headers["Content-Encoding"] == "gzip"
    assert len(json.loads(gzip.decompress(resp.data))["features"]) == 18
    again = client.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": resp.headers["ETag"]})
    assert again.status_code == 304


def test_versioned_static_files_are_cached_for_a_year(client):
    html = client.get("/").get_data(as_text=True)
    # The preloads of what dcc.Graph asks for itself (dashboard/app.py) carry the unversioned URLs
    # Dash's renderer uses: revalidated, as the renderer's own requests for them always were.
    linked = re.sub(r'<link rel="preload"[^>]*>', "", html)
    urls = re.findall(r"""(?:src|href)=["'](/(?:assets|_dash-component-suites)/[^"']+)""", linked)
    assets = [u for u in urls if u.startswith("/assets/") and "?m=" in u]
    suites = [u for u in urls if u.startswith("/_dash-component-suites/")]
    assert assets and suites
    for url in assets + suites:
        with client.get(url, headers={"Accept-Encoding": "gzip"}) as resp:  # assets stream: close each
            assert resp.status_code == 200, url
            assert resp.headers["Cache-Control"] == "public, max-age=31536000, immutable", url
            assert resp.headers.get("Content-Encoding") == "gzip" or len(resp.data) < 500, url
    # The same file without its version is revalidated, not kept for a year.
    with client.get(assets[0].split("?")[0]) as unversioned:
        assert "immutable" not in unversioned.headers.get("Cache-Control", "")


def test_the_world_base_map_plotly_fetches_is_versioned_and_cached_for_a_year(client):
    from layouts.common import GRAPH_CONFIG

    folder = GRAPH_CONFIG["topojsonURL"]  # what every graph tells plotly.js
    assert folder.startswith("/topojson/") and folder.endswith("/")
    with client.get(folder + "world_110m.json", headers={"Accept-Encoding": "gzip"}) as resp:
        assert resp.status_code == 200
        assert resp.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert resp.headers.get("Content-Encoding") == "gzip"
    assert client.get("/topojson/0000000000/world_110m.json").status_code == 404  # another version
    assert client.get(folder + "missing.json").status_code == 404


# -- security headers ----------------------------------------------------------------------


def test_every_response_forbids_type_guessing_and_keeps_our_urls_from_other_sites(client):
    for path in ("/", "/healthz", "/assets/app.css", "/nowhere"):
        with client.get(path) as resp:
            assert resp.headers["X-Content-Type-Options"] == "nosniff", path
            assert resp.headers["Referrer-Policy"] == "same-origin", path


# -- request logs --------------------------------------------------------------------------


def test_each_request_logs_one_json_line_with_the_callback_output(client, logged):
    body = _page_body(client, "/")
    assert client.post("/_dash-update-component", json=body).status_code == 200
    assert client.get("/healthz").status_code == 200  # a passing health check is not logged
    lines = [json.loads(line) for line in logged]
    assert not any(rec["path"] == "/healthz" for rec in lines)
    callbacks = [rec for rec in lines if rec["path"] == "/_dash-update-component"]
    assert len(callbacks) == 1
    line = callbacks[0]
    assert {"ts", "method", "path", "status", "ms", "bytes", "callback"} <= set(line)
    assert (line["method"], line["path"], line["status"]) == ("POST", "/_dash-update-component", 200)
    assert "page.children" in line["callback"] and line["ms"] > 0


def test_a_not_modified_answer_is_logged_as_sending_no_bytes(client, logged):
    url = "/assets/app.css"  # a static file: its 304 still carries the file's Content-Length
    with client.get(url) as first:
        etag = first.headers["ETag"]
    with client.get(url, headers={"If-None-Match": etag}) as again:
        assert again.status_code == 304
    records = [json.loads(line) for line in logged if url in line]
    assert [r["status"] for r in records] == [200, 304]
    assert records[0]["bytes"] > 1_000 and records[1]["bytes"] == 0


# -- gunicorn ------------------------------------------------------------------------------


def test_gunicorn_with_the_config_and_kepu_serve_start_and_answer_healthz(tmp_path):
    commands = {
        "gunicorn": [sys.executable, "-m", "gunicorn", "-c", "dashboard/gunicorn_conf.py", "app:server"],
        "kepu serve": [sys.executable, "-m", "dashboard", "serve", "--workers", "1"],
    }
    procs = {}
    try:
        for name, cmd in commands.items():
            port = free_port()
            log = tmp_path / f"{name.replace(' ', '-')}.log"
            env = {
                **os.environ,
                "KEPU_HOST": "127.0.0.1",
                "KEPU_PORT": str(port),
                "KEPU_WORKERS": "2",
                "KEPU_DATABASE_URL": f"sqlite:///{tmp_path / name.replace(' ', '-')}.sqlite3",
                "KEPU_ACCESS_LOG": "-",
                "PYTHONUNBUFFERED": "1",
            }
            # The child writes to its own copy of the descriptor; ours is only needed until it has one.
            with open(log, "wb") as out:
                proc = subprocess.Popen(
                    cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
                )
            procs[name] = Server(proc, f"http://127.0.0.1:{port}", log)
        for name, server in procs.items():
            health = wait_ready(server)
            url = server.url
            assert health["status"] == "ok", name
            req = urllib.request.Request(url + "/", headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(req, timeout=30) as resp:
                assert resp.headers["Content-Encoding"] == "gzip"
                assert b"<html" in gzip.decompress(resp.read())
        # The gunicorn access log (KEPU_ACCESS_LOG=-) is JSON with the request time in ms.
        log = procs["gunicorn"].log
        access = [json.loads(line) for line in log.read_text().splitlines() if line.startswith('{"remote"')]
        assert any(a["request"].startswith("GET / ") and isinstance(a["ms"], int) for a in access)
        assert "2 workers" in log.read_text()
    finally:
        for server in procs.values():
            stop(server)


# -- issue 19: no cold worker answers a script request with 500 ----------------------------


def _failed(server, files: list[str], count: int = 40) -> list[tuple[str, int]]:
    return [(path, status) for path, status in burst(server.url, files, count) if status != 200]


@pytest.fixture(scope="module")
def page_scripts(app) -> list[str]:
    """Every script and stylesheet the page names, read from an app in this process (the URLs carry
    package versions and file times, the same in a server started from this checkout), so that no
    request warms a worker of the server under test before its burst."""
    files = page_files(app.server.test_client().get("/").get_data(as_text=True))
    assert sum("/_dash-component-suites/" in f for f in files) >= 8 and any("/assets/" in f for f in files)
    return files


def test_fresh_kepu_serve_answers_the_first_burst_of_script_requests_with_200(tmp_path, page_scripts):
    """Three cold starts of five workers, forty concurrent script requests right after /healthz answers.
    Before the fix, most starts had 1-15 of them answered 500 (``"dash" is not a registered library``)."""
    for start in range(3):
        workdir = tmp_path / f"start-{start}"
        workdir.mkdir()
        server = start_serve(workdir, workers=5)
        try:
            wait_ready(server)
            failed = _failed(server, page_scripts)
            assert not failed, f"start {start}: {failed}\n{server.log_tail()}"
        finally:
            stop(server)


def _wait_for_workers(server, count: int, gone: set[int], timeout: float = 90) -> list[int]:
    """The worker pids once there are ``count`` of them and none of ``gone`` is left."""
    deadline = time.monotonic() + timeout
    while True:
        pids = server.worker_pids()
        if len(pids) == count and not gone & set(pids):
            return pids
        if time.monotonic() > deadline:
            pytest.fail(f"workers {pids}, waiting for {count} without {gone}:\n{server.log_tail()}", pytrace=False)
        time.sleep(0.1)


def test_workers_replaced_after_max_requests_a_crash_or_a_reload_serve_their_first_burst(tmp_path, page_scripts):
    server = start_serve(tmp_path, workers=2, env={"KEPU_MAX_REQUESTS": "15"})
    try:
        wait_ready(server)
        first = set(_wait_for_workers(server, 2, set()))
        # max_requests: bursts of forty until a worker has retired (after 15 ± 1 requests) and
        # its replacement is up; the burst after that reaches the replacement too.
        for _ in range(10):
            assert not _failed(server, page_scripts), "while workers retire after max_requests"
            now = set(server.worker_pids())
            if len(now) == 2 and now != first:
                break
        else:
            pytest.fail(f"no worker retired after max_requests:\n{server.log_tail()}", pytrace=False)
        assert not _failed(server, page_scripts), "after max_requests"

        # A crashed worker: the master forks a new one, which must be ready at once.
        for _ in range(5):
            victim = server.worker_pids()[0]
            try:
                os.kill(victim, signal.SIGKILL)
                break
            except ProcessLookupError:  # it had just retired after max_requests: take a live one
                continue
        _wait_for_workers(server, 2, {victim})
        assert not _failed(server, page_scripts, 20), "after a crash"

        # A graceful reload (HUP): every worker is replaced.
        before = set(server.worker_pids())
        server.proc.send_signal(signal.SIGHUP)
        _wait_for_workers(server, 2, before)
        assert not _failed(server, page_scripts, 20), "after HUP"
        assert server.proc.poll() is None
    finally:
        stop(server)
