"""The production server as an operator starts it: ``kepu serve`` (gunicorn) on a fresh store.

Used by the integration tests of issue 19 (a burst of script requests right after
``/healthz`` answers) and by the browser test that opens the overview on it.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Every script and stylesheet a page names: Dash's component suites and the app's assets.
PAGE_FILE = re.compile(r"""(?:src|href)=["'](/(?:_dash-component-suites|assets)/[^"']+)["']""")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    proc: subprocess.Popen
    url: str
    log: Path

    def log_tail(self, n: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-n:]

    def worker_pids(self) -> list[int]:
        """The gunicorn workers: the master's children (the master is our child)."""
        # pgrep exits 1 when there are none: that is an answer (no workers), not a failure.
        out = subprocess.run(["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True, check=False).stdout
        return [int(p) for p in out.split()]


def start_serve(
    workdir: Path, *, workers: int = 5, env: dict[str, str] | None = None, command: list[str] | None = None
) -> Server:
    """``kepu serve`` on a fresh SQLite store in ``workdir`` and a free loopback port (not yet ready).

    ``command`` replaces ``python -m dashboard serve`` (a benchmark's variant of it)."""
    port = free_port()
    full_env = {
        **os.environ,
        "KEPU_HOST": "127.0.0.1",
        "KEPU_PORT": str(port),
        "KEPU_WORKERS": str(workers),
        "KEPU_DATABASE_URL": f"sqlite:///{workdir / 'kepu.sqlite3'}",
        "KEPU_CACHE_DIR": str(workdir / "cache"),
        "KEPU_REQUEST_LOG": "false",
        "PYTHONUNBUFFERED": "1",
        **(env or {}),
    }
    log = workdir / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            command or [sys.executable, "-m", "dashboard", "serve"],
            cwd=ROOT,
            env=full_env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Server(proc, f"http://127.0.0.1:{port}", log)


def init_store_with_account(env: dict[str, str], username: str, role: str, password: str) -> None:
    """``kepu init`` on the store ``env`` names, then one account: what a server test starts from."""
    subprocess.run([sys.executable, "-m", "dashboard", "init"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(
        [sys.executable, "-m", "dashboard", "users", "create", username, "--role", role, "--password-stdin"],
        input=password + "\n",
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


def healthz(url: str, timeout: float = 5) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=timeout) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def wait_ready(server: Server, timeout: float = 150, *, healthy_threshold: int = 1) -> dict:
    """Poll /healthz as a load balancer does until it answers 200 ``healthy_threshold`` times in a
    row (a load balancer's "healthy threshold"); the body of the last answer."""
    deadline = time.monotonic() + timeout
    passed = 0
    while True:
        if server.proc.poll() is not None:
            raise AssertionError(f"kepu serve exited with {server.proc.returncode}:\n{server.log_tail()}")
        try:
            status, body = healthz(server.url)
            passed = passed + 1 if status == 200 else 0
            if passed >= healthy_threshold:
                return body
        except (urllib.error.URLError, OSError, ValueError):
            passed = 0
        if time.monotonic() > deadline:
            raise AssertionError(f"/healthz not 200 on {server.url} within {timeout}s:\n{server.log_tail()}")
        time.sleep(0.2)


def stop(server: Server) -> None:
    """SIGTERM to the gunicorn master (it stops its workers), then its whole group if it hangs."""
    if server.proc.poll() is None:
        server.proc.send_signal(signal.SIGTERM)
        try:
            server.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.proc.pid, signal.SIGKILL)
            server.proc.wait()


def page_files(html: str) -> list[str]:
    """The scripts and stylesheets an HTML page names, in order, without repeats."""
    return list(dict.fromkeys(PAGE_FILE.findall(html)))


def get_status(url: str, timeout: float = 60) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            resp.read()
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def burst(base_url: str, paths: list[str], count: int = 40) -> list[tuple[str, int]]:
    """``count`` concurrent GETs cycling through ``paths``, as a browser's first visit sends them."""
    wanted = [paths[i % len(paths)] for i in range(count)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=count) as pool:
        statuses = list(pool.map(lambda p: get_status(base_url + p), wanted))
    return list(zip(wanted, statuses, strict=True))
