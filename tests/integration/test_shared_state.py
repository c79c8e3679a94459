"""Several app processes on one PostgreSQL and one Redis, as behind a load balancer.

Two gunicorn processes (``kepu serve``), each with its own memory, share the
store, the result cache and the login key.  What one process writes, the
other shows at its next request; what one process computed, the other finds
in Redis.  These tests start real servers on loopback (PostgreSQL and Redis by
the fixtures in conftest.py) and talk to them over HTTP as a browser would.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.support.paths import CORPUS, ROOT
from tests.support.production import init_store_with_account

pytestmark = pytest.mark.postgres

GOOD = CORPUS / "good" / "clumsy_utf8_bom.csv"
PASSWORD = "correct horse battery"
DAOLI = "230102"
STARTUP_TIMEOUT = 120


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Process:
    """A child process whose output goes to a file that a failure message can show."""

    def __init__(self, args: list[str], env: dict, log: Path):
        self.log = log
        # The child writes to its own copy of the descriptor; ours is only needed until it has one.
        with open(log, "wb") as out:
            self.proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def start_app(env: dict, workdir: Path, name: str) -> tuple[Process, str]:
    port = _free_port()
    proc = Process(
        [sys.executable, "-m", "dashboard", "serve", "--workers", "1", "--port", str(port)],
        env,
        workdir / f"{name}.log",
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        if proc.proc.poll() is not None:
            pytest.fail(f"app {name} exited with {proc.proc.returncode}:\n{proc.tail()}", pytrace=False)
        try:
            if requests.get(url + "/healthz", timeout=5).status_code == 200:
                return proc, url
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            proc.stop()
            pytest.fail(f"app {name} did not answer within {STARTUP_TIMEOUT}s:\n{proc.tail()}", pytrace=False)
        time.sleep(0.3)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, request):
    """Store + Redis + two app processes; yields (env, url_a, url_b, processes)."""
    postgres_server = request.getfixturevalue("postgres_server")
    redis_url = request.getfixturevalue("redis_url")
    import uuid

    from sqlalchemy import create_engine, text

    name = f"kepu_shared_{uuid.uuid4().hex[:8]}"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    db_url = postgres_server.rsplit("/", 1)[0] + f"/{name}"
    workdir = tmp_path_factory.mktemp("shared")
    env = {
        **os.environ,
        "KEPU_DATABASE_URL": db_url,
        "KEPU_REDIS_URL": redis_url,
        "KEPU_SECRET_KEY": "one-key-for-every-process",
        "KEPU_CACHE_DIR": str(workdir / "cache"),
        "KEPU_REQUEST_LOG": "false",
        "KEPU_THREADS": "2",
        "PYTHONUNBUFFERED": "1",
    }
    init_store_with_account(env, "editor", "editor", PASSWORD)
    procs = []
    try:
        a, url_a = start_app(env, workdir, "a")
        procs.append(a)
        b, url_b = start_app(env, workdir, "b")
        procs.append(b)
        yield {"env": env, "a": url_a, "b": url_b, "procs": procs, "workdir": workdir, "redis": redis_url}
    finally:
        for p in procs:
            p.stop()
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# -- talking to a live app as the browser does ---------------------------------------------


def dependency(session: requests.Session, base: str, output_contains: str) -> dict:
    deps = session.get(base + "/_dash-dependencies", timeout=30).json()
    found = [d for d in deps if output_contains in d["output"]]
    assert found, f"no callback outputs {output_contains}"
    return found[0]


def callback_body(dep: dict, inputs: dict, state: dict | None = None) -> dict:
    def items(specs, values):
        return [
            []
            if s["id"].startswith("{")
            else {"id": s["id"], "property": s["property"], "value": values.get(f"{s['id']}.{s['property']}")}
            for s in specs
        ]

    outputs = [
        {"id": o.split(".")[0].lstrip("."), "property": o.split(".")[1].split("@")[0]}
        for o in dep["output"].strip(".").split("...")
    ]
    if not dep["output"].startswith(".."):
        outputs = outputs[0]
    return {
        "output": dep["output"],
        "outputs": outputs,
        "inputs": items(dep["inputs"], inputs),
        "state": items(dep["state"], state or {}),
        "changedPropIds": list(inputs),
    }


def call(session: requests.Session, base: str, output_contains: str, inputs: dict, state: dict | None = None):
    body = callback_body(dependency(session, base, output_contains), inputs, state)
    resp = session.post(base + "/_dash-update-component", json=body, timeout=120)
    assert resp.status_code == 200, resp.text[:500]
    return resp.json()["response"]


def data_page_value(session: requests.Session, base: str, indicator: str, district: str, year: int):
    """The value the data page's grid shows for one cell (None when the grid has no such row)."""
    out = call(
        session,
        base,
        "dt-grid.rowData",
        {"dt-task.value": None, "dt-indicator.value": indicator, "dt-district.value": district, "dt-year.value": year},
        {"url.pathname": "/data", "url.search": ""},
    )
    rows = [r for r in out["dt-grid"]["rowData"] if r.get("year") == year]
    return rows[0]["value"] if rows else None


def login(session: requests.Session, base: str) -> None:
    resp = session.post(
        base + "/auth/login",
        data={"username": "editor", "password": PASSWORD, "next": "/"},
        headers={"Origin": base},  # a login form posts from this site (dashboard/auth._same_origin)
        allow_redirects=False,
        timeout=30,
    )
    assert resp.status_code == 303, resp.text[:300]


def import_file(session: requests.Session, base: str, path: Path) -> dict:
    contents = "data:text/csv;base64," + base64.b64encode(path.read_bytes()).decode()
    token = call(
        session,
        base,
        "upload-token.data",
        {"upload-file.contents": contents},
        {"upload-file.filename": path.name, "upload-lang.data": "zh"},
    )["upload-token"]["data"]
    return call(
        session,
        base,
        "upload-confirm.disabled@",
        {"upload-confirm.n_clicks": 1},
        {
            "upload-file.contents": contents,
            "upload-file.filename": path.name,
            "upload-token.data": token,
            "upload-lang.data": "zh",
        },
    )


# -- the tests -------------------------------------------------------------------------------


def test_an_import_through_one_process_is_seen_at_once_through_the_other(cluster):
    a, b = requests.Session(), requests.Session()
    before_b = data_page_value(b, cluster["b"], "T1-02", DAOLI, 2019)
    assert before_b is not None and before_b != 123  # sample data, computed and cached by process B

    login(a, cluster["a"])
    out = import_file(a, cluster["a"], GOOD)
    assert "导入成功" in str(out["upload-result"])

    assert data_page_value(b, cluster["b"], "T1-02", DAOLI, 2019) == 123  # B's next request sees it
    assert data_page_value(a, cluster["a"], "T1-02", DAOLI, 2019) == 123


def test_results_computed_by_one_process_are_shared_through_redis(cluster):
    import redis

    r = redis.Redis.from_url(cluster["redis"])

    def cached_tables() -> set[str]:
        return {k.decode() for k in r.scan_iter("kepu:*district_table*")}

    session = requests.Session()
    before = cached_tables()
    # The map page's callback builds the district table of one indicator and year ...
    call(
        session,
        cluster["a"],
        "mx-map.figure",
        {"mx-indicator.value": "T2-01", "mx-year.value": 2018},
        {"url.pathname": "/map", "url.search": ""},
    )
    made = cached_tables() - before
    assert any("'T2-01', 2018" in k for k in made), made
    # ... and process B, asked the same, finds it under the same key rather than making another.
    call(
        session,
        cluster["b"],
        "mx-map.figure",
        {"mx-indicator.value": "T2-01", "mx-year.value": 2018},
        {"url.pathname": "/map", "url.search": ""},
    )
    assert cached_tables() - before == made


def test_a_login_made_on_one_process_is_valid_on_the_other(cluster):
    def upload_page(session):
        return json.dumps(
            call(session, cluster["b"], "page.children", {"url.pathname": "/upload"}, {"url.search": ""}),
            ensure_ascii=False,
        )

    session = requests.Session()
    assert '"upload-file"' not in upload_page(session)  # anonymous: no file picker
    login(session, cluster["a"])
    assert '"upload-file"' in upload_page(session)  # the cookie signed by A is good at B


def dash_config(session: requests.Session, base: str) -> dict:
    """The page's Dash config: the browser echoes its signed end_id on every callback."""
    import re

    html = session.get(base + "/", timeout=30).text
    found = re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', html, re.S)
    assert found, "no _dash-config in the index page"
    return json.loads(found.group(1))


@pytest.fixture(scope="module")
def celery_worker(cluster):
    proc = Process(
        [sys.executable, "-m", "dashboard", "worker", "--concurrency", "1"],
        cluster["env"],
        cluster["workdir"] / "worker.log",
    )
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while "ready." not in proc.tail():
        if proc.proc.poll() is not None or time.monotonic() > deadline:
            proc.stop()
            pytest.fail(f"the Celery worker did not start:\n{proc.tail()}", pytrace=False)
        time.sleep(0.5)
    yield proc
    proc.stop()


def test_a_report_export_runs_on_a_celery_worker_and_is_fetched_through_either_process(cluster, celery_worker):
    """The browser's export request goes to A, a Celery worker builds the PDF, the polls go to B."""
    session = requests.Session()
    end_id = dash_config(session, cluster["a"]).get("end_id")
    assert end_id, "Dash signs background-job handles with the page's end_id"
    dep = dependency(session, cluster["a"], "export-download.data")
    request = {"fmt": "pdf", "pathname": "/", "search": "?year=2019", "nonce": "shared-state-test"}
    body = callback_body(dep, {"export-request.data": request})
    started = session.post(cluster["a"] + "/_dash-update-component", params={"endId": end_id}, json=body, timeout=60)
    assert started.status_code == 200, started.text[:500]
    handles = started.json()
    assert handles.get("job") and handles.get("cacheKey"), handles

    progress_seen, deadline, result = [], time.monotonic() + 240, None
    while time.monotonic() < deadline:
        poll = session.post(
            cluster["b"] + "/_dash-update-component",
            params={"endId": end_id, "cacheKey": handles["cacheKey"], "job": handles["job"]},
            json=body,
            timeout=60,
        )
        assert poll.status_code == 200, poll.text[:500]
        data = poll.json()
        if data.get("progress"):
            progress_seen.append(data["progress"])
        if "response" in data:
            result = data["response"]
            break
        time.sleep(0.5)
    assert result is not None, f"no result within 4 minutes; worker log:\n{celery_worker.tail()}"
    # A failed build answers with its message instead of a download: show it and the worker's log.
    assert "export-download" in result, f"the export failed: {result}\nworker log:\n{celery_worker.tail()}"
    download = result["export-download"]["data"]
    assert download["filename"] == "overview-2019.pdf"
    pdf = base64.b64decode(download["content"]) if download.get("base64") else download["content"].encode()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    assert "background_callback_" in celery_worker.tail() and "succeeded" in celery_worker.tail()
    assert progress_seen, "the browser saw no progress while the worker rendered"
