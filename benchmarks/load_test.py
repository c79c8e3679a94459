"""Load test: a meeting's worth of users against gunicorn, concurrency raised until latency degrades.

    .venv/bin/python benchmarks/load_test.py [--users 1,5,10,20,40] [--seconds 30] [--workers N]

1. Starts gunicorn (``dashboard/gunicorn_conf.py``, ``app:server``) on a free
   loopback port with a throw-away SQLite store of sample data.
2. Records what a real browser sends: headless Chromium (Debian's) walks the
   user journey once and every request is kept, step by step:
   open the overview → change the year → open the map → click a district →
   open a task page. Page loads bring the HTML, Dash's layout and
   dependencies, and the callbacks the page fires; interactions bring only
   their callbacks (/_dash-update-component bodies exactly as the renderer
   posted them).
3. Replays that journey with locust (headless, loopback only, bounded in time)
   at each concurrency level in turn. Every simulated user is one browser:

   - **six connections to the host, requests in the browser's order of
     dependence.** While recording, each request notes which of the step's
     requests the browser had received when it sent it (the page before its
     scripts, the scripts before ``/_dash-layout``, a callback's answer before
     the callback it fires); the replay sends a request as soon as those have
     been answered here too, at most six at a time (Chromium's, Firefox's and
     Safari's limit per host on HTTP/1.1). So the page's twenty-odd scripts
     and stylesheets are fetched six at a time, and callbacks the renderer
     fires together go out together, as in the browser;
   - **its cache.** A versioned file (Dash's fingerprinted component suites,
     ``/assets/…?m=``, ``/geo/<code>.<hash>.geojson``, ``/topojson/<hash>/``:
     cached for a year) is fetched the first time the browser needs it and
     never again; an unversioned one (plotly.min.js, dcc's lazy chunks) is
     revalidated with ``If-None-Match`` on each page load (a 304 once known);
   - **first and return visits apart.** A page load done before by the same
     browser is reported as "… (again)": a user opening the overview for the
     second time has every versioned file in the cache. ``--returning F``
     starts a share F of the users with every versioned file already cached
     (they came yesterday); by default every user starts with an empty cache
     and all of them start together, as a meeting does;
   - waits 1–3 s between actions, asks for ``gzip, deflate, br`` (as
     Chromium does), and loops over the journey.

   What it does not model: parsing and running the scripts and drawing
   (that is ``page_load.py``'s part), HTTP/2, and a browser's speculative
   preloading. It stops raising the number of users once the 95th percentile
   of an action passes ``--give-up-ms`` or errors pass 5 %.

Prints, per level: requests/s and p50 and p95 of the dynamic requests (pages and
callbacks: what a static file costs shows in the actions), error rate, p50/p95
of a whole user action (all the requests of one step, from the first sent to
the last answered, as the user waits for them) and each action's p95.

The same file is the locustfile (locust imports it; ``main`` runs only when it
is executed as a script).
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parents[1]
STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/", "/geo/", "/topojson/", "/_favicon.ico")
CONNECTIONS_PER_HOST = 6  # Chromium's, Firefox's and Safari's limit on HTTP/1.1

# -- the locustfile part (runs inside `locust`, gevent-patched) ---------------------------------

if os.environ.get("KEPU_LOAD_JOURNEY"):
    import random

    from gevent.event import Event
    from gevent.lock import Semaphore
    from gevent.pool import Pool
    from locust import FastHttpUser, between, events, task

    JOURNEY = json.loads(Path(os.environ["KEPU_LOAD_JOURNEY"]).read_text())
    RETURNING = float(os.environ.get("KEPU_LOAD_RETURNING", "0"))
    RESULTS: list[tuple[str, str, float, bool]] = []  # kind (request | step), name, ms, ok

    @events.quitting.add_listener
    def _dump(environment, **_kw):
        Path(os.environ["KEPU_LOAD_RESULTS"]).write_text(json.dumps(RESULTS))

    class MeetingUser(FastHttpUser):
        wait_time = between(1, 3)
        # A browser opens at most six connections to one host on HTTP/1.1: so does each simulated one.
        concurrency = CONNECTIONS_PER_HOST
        # Browsers ask for compressed responses: so does every simulated one (Chromium sends br too).
        default_headers: ClassVar[dict[str, str]] = {"Accept-Encoding": "gzip, deflate, br"}

        def on_start(self) -> None:
            self.cached: set[str] = set()  # this browser's cache of versioned files
            self.etags: dict[str, str] = {}  # and of the others, revalidated on each use
            self.visited: set[str] = set()  # the actions done once: the next time is a return visit
            self.step = 0
            if RETURNING and random.random() < RETURNING:  # came yesterday: every versioned file in its cache
                self.cached = {r["path"] for a in JOURNEY for r in a["requests"] if r["static"] and r["versioned"]}
                self.visited = {a["name"] for a in JOURNEY}

        @task
        def next_action(self) -> None:
            action = JOURNEY[self.step % len(JOURNEY)]
            self.step += 1
            name = action["name"] + (" (again)" if action["name"] in self.visited and action["page"] else "")
            self.visited.add(action["name"])
            started = time.perf_counter()
            ok = self._replay(action["requests"])
            RESULTS.append(("step", name, (time.perf_counter() - started) * 1000, ok))

        def _replay(self, requests: list[dict]) -> bool:
            """Each request is sent once the requests that had finished before the browser sent it
            have finished here too, at most six at a time; a versioned file in the cache is not sent."""
            done = [Event() for _ in requests]
            slots = Semaphore(CONNECTIONS_PER_HOST)
            oks: list[bool] = []

            def one(i: int, req: dict) -> None:
                try:
                    for j in req["after"]:
                        done[j].wait()
                    if req["static"] and req["versioned"]:
                        if req["path"] in self.cached:
                            return
                        self.cached.add(req["path"])
                    with slots:
                        oks.append(self._send(req))
                finally:
                    done[i].set()

            pool = Pool()
            for i, req in enumerate(requests):
                pool.spawn(one, i, req)
            pool.join()
            return all(oks)

        def _send(self, req: dict) -> bool:
            name = req["name"]
            t0 = time.perf_counter()
            if req["method"] == "POST":
                with self.client.post(
                    req["path"],
                    data=req["body"],
                    name=name,
                    catch_response=True,
                    headers={"Content-Type": "application/json"},
                ) as resp:
                    ok = resp.status_code in (200, 204)
                    status = resp.status_code
                    if not ok:
                        resp.failure(f"status {resp.status_code}")
            else:
                etag = self.etags.get(req["path"])
                headers = {"If-None-Match": etag} if etag else {}
                with self.client.get(req["path"], name=name, catch_response=True, headers=headers) as resp:
                    ok = resp.status_code in (200, 304)
                    status = resp.status_code
                    if not ok:
                        resp.failure(f"status {resp.status_code}")
                    elif req["static"] and resp.headers.get("ETag"):
                        self.etags[req["path"]] = resp.headers["ETag"]
            if not req["static"]:
                RESULTS.append(("request", name, (time.perf_counter() - t0) * 1000, ok, status))
            return ok


# -- the driver ---------------------------------------------------------------------------------


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(workdir: Path, workers: int | None, threads: int | None):
    """gunicorn with the production config on a fresh store, returned once it is ready as a load
    balancer judges it: /healthz (readiness: the answering worker can serve the page, its store
    reachable) answered 200 three times in a row."""
    import subprocess
    import sys

    sys.path.insert(0, str(ROOT))
    from tests.support.production import Server, wait_ready

    port = _free_port()
    env = {
        **os.environ,
        "KEPU_HOST": "127.0.0.1",
        "KEPU_PORT": str(port),
        "KEPU_DATABASE_URL": f"sqlite:///{workdir / 'load.sqlite3'}",
        "KEPU_REQUEST_LOG": "false",
    }
    if workers:
        env["KEPU_WORKERS"] = str(workers)
    if threads:
        env["KEPU_THREADS"] = str(threads)
    # The child writes to its own copy of the descriptor; ours is only needed until it has one.
    with open(workdir / "gunicorn.log", "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "dashboard/gunicorn_conf.py", "app:server"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(Server(proc, url, workdir / "gunicorn.log"), timeout=180, healthy_threshold=3)
    except AssertionError as exc:
        stop(proc)
        raise SystemExit(f"gunicorn never became ready: {exc}") from None
    return proc, url


def stop(proc) -> None:
    import signal
    import subprocess

    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)  # the master stops its workers
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def record_journey(url: str, task: str, district: str, year: int) -> list[dict]:
    """Walk the journey in headless Chromium and keep every request, step by step."""
    import sys
    from urllib.parse import urlsplit

    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from tests.support.browser import CHROMIUM_ARGS, OFFLINE_ARGS, click_district, wait_for_dash
    from tests.support.browser import chromium_path as _chromium

    chromium = _chromium()
    if chromium is None:
        raise SystemExit("Debian's chromium is needed to record the journey (apt-get install chromium)")
    steps: list[dict] = []
    current: list[dict] = []
    index: dict[int, int] = {}  # id() of a request of this step → its place in ``current``
    finished: list[int] = []  # the places of this step's requests answered so far, in order
    callback_names: dict[str, str] = {}
    failures: list[str] = []  # what went wrong in the browser, to say why a step never settled

    def on_response(resp) -> None:
        if resp.status >= 400:
            failures.append(f"{resp.status} {resp.request.method} {resp.url}")

    def on_finished(req) -> None:
        if id(req) in index:
            finished.append(index[id(req)])

    def on_failed(req) -> None:
        failures.append(f"no answer ({req.failure}) {req.method} {req.url}")

    def on_request(req) -> None:
        parts = urlsplit(req.url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        static = path.startswith(STATIC_PREFIXES)
        body = req.post_data if req.method == "POST" else None
        name = parts.path
        if body and parts.path.endswith("_dash-update-component"):
            output = json.loads(body).get("output", "")
            name = callback_names.setdefault(output, f"callback {output[:60]}")
        elif static:
            name = "static files"
        index[id(req)] = len(current)
        current.append(
            {
                # what the browser had received when it sent this one: the replay waits for the same
                "after": sorted(finished),
                "method": req.method,
                "path": path,
                "body": body,
                "static": static,
                "name": name,
                "versioned": static and is_versioned(path),
            }
        )

    def step(name: str, action, *, page_load: bool = False) -> None:
        current.clear()
        index.clear()
        finished.clear()
        failures.clear()
        action()
        try:
            wait_for_dash(page, timeout=120)
        except AssertionError as exc:
            said = "\n  ".join(failures) or "no request failed"
            raise SystemExit(f"recording stopped at step '{name}': {exc}\nfailed requests:\n  {said}") from None
        unanswered = [r["path"] for i, r in enumerate(current) if i not in set(finished)]
        if unanswered:
            raise SystemExit(f"recording stopped at step '{name}': no answer to {unanswered}")
        steps.append({"name": name, "page": page_load, "requests": list(current)})

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS + OFFLINE_ARGS)
        page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
        page.on("request", on_request)
        page.on("response", on_response)
        page.on("requestfinished", on_finished)
        page.on("requestfailed", on_failed)
        page.on("console", lambda msg: failures.append(f"console: {msg.text}") if msg.type == "error" else None)

        def change_year() -> None:
            page.locator("#ov-year").click()
            page.get_by_role("option", name=str(year), exact=True).click()

        step("open overview", lambda: page.goto(url + "/"), page_load=True)
        step("change year", change_year)
        step("open map", lambda: page.locator("#nav-map").click())
        step("click district", lambda: click_district(page, district))
        step("open task page", lambda: page.goto(url + f"/task/{task}"), page_load=True)
        browser.close()
    return steps


def is_versioned(path: str) -> bool:
    """Cached for a year by the browser (see dashboard/observability.py); others are revalidated."""
    from dash.fingerprint import check_fingerprint

    bare = path.split("?")[0]
    if bare.startswith("/_dash-component-suites/"):
        return check_fingerprint(bare.rsplit("/", 1)[-1])[1]
    return "?m=" in path or bare.startswith(("/geo/", "/topojson/"))


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def _rss_mb(master: int) -> str:
    """Resident memory of the gunicorn master and each worker, in MB (Linux /proc)."""

    def rss(pid: int) -> float:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        return f"master {rss(master):.0f}, workers " + ", ".join(f"{rss(int(c)):.0f}" for c in children)
    except OSError:
        return "?"


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def run_level(url: str, journey_file: Path, users: int, seconds: int, workdir: Path, returning: float = 0.0) -> dict:
    import subprocess
    import sys

    results = workdir / f"results-{users}.json"
    env = {
        **os.environ,
        "KEPU_LOAD_JOURNEY": str(journey_file),
        "KEPU_LOAD_RESULTS": str(results),
        "KEPU_LOAD_RETURNING": str(returning),
    }
    cmd = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(Path(__file__).resolve()),
        "--headless",
        "--host",
        url,
        "-u",
        str(users),
        "-r",
        str(max(1, users)),
        "-t",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    done = subprocess.run(
        cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=seconds + 120, check=False
    )
    if not results.exists():
        error = done.stderr.decode(errors="replace")[-3000:]
        raise SystemExit(f"locust wrote no results ({done.returncode}):\n{error}")
    rows = json.loads(results.read_text())
    reqs = [r for r in rows if r[0] == "request"]
    steps = [r for r in rows if r[0] == "step"]
    ms = [r[2] for r in reqs]
    step_ms = [r[2] for r in steps]
    errors = sum(1 for r in reqs if not r[3])
    failed = Counter(f"{r[1]} → {r[4] or 'no answer'}" for r in reqs if not r[3])
    return {
        "failed": dict(failed.most_common(5)),
        "users": users,
        "requests": len(reqs),
        "rps": len(reqs) / seconds,
        "p50": percentile(ms, 0.5),
        "p95": percentile(ms, 0.95),
        "errors": errors / len(reqs) if reqs else float("nan"),
        "step_p50": percentile(step_ms, 0.5),
        "step_p95": percentile(step_ms, 0.95),
        "by_step": {
            name: percentile([r[2] for r in steps if r[1] == name], 0.95) for name in dict.fromkeys(r[1] for r in steps)
        },
        "by_request": {
            name: percentile([r[2] for r in reqs if r[1] == name], 0.95) for name in dict.fromkeys(r[1] for r in reqs)
        },
    }


def main() -> None:
    import argparse
    import shutil
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", default="1,5,10,20,40", help="Concurrency levels, in order")
    parser.add_argument("--seconds", type=int, default=30, help="Duration of each level")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default KEPU_WORKERS)")
    parser.add_argument("--threads", type=int, default=None, help="threads per worker (default KEPU_THREADS)")
    parser.add_argument("--give-up-ms", type=float, default=15000, help="Stop raising once an action's p95 passes this")
    parser.add_argument("--verbose", action="store_true", help="Also print the slowest requests at each level")
    parser.add_argument("--year", type=int, default=2017)
    import importlib.util

    if importlib.util.find_spec("locust") is None:
        raise SystemExit("locust is not installed: .venv/bin/pip install -e '.[bench]'")
    parser.add_argument("--district", default="230103")
    parser.add_argument("--task", default="T3")
    parser.add_argument(
        "--returning",
        type=float,
        default=0.0,
        help="Share of users whose browser already holds every versioned file (came before); 0 to 1",
    )
    parser.add_argument(
        "--record-only",
        action="store_true",
        help="Start a cold server, record the journey, print it and stop (no load)",
    )
    args = parser.parse_args()
    levels = [int(u) for u in args.users.split(",")]
    if max(levels) > 200 or args.seconds > 300:
        raise SystemExit("bounded: at most 200 users and 300 s per level on this machine")

    workdir = Path(tempfile.mkdtemp(prefix="kepu-load-"))
    proc, url = start_gunicorn(workdir, args.workers, args.threads)
    try:
        journey = record_journey(url, args.task, args.district, args.year)
        journey_file = workdir / "journey.json"
        journey_file.write_text(json.dumps(journey))
        print(f"journey recorded in headless Chromium against {url}:")
        for s in journey:
            dyn = [r for r in s["requests"] if not r["static"]]
            versioned = sum(r["versioned"] for r in s["requests"])
            print(
                f"  {s['name']:<16} {len(dyn):>3} page/callback requests "
                f"({sum(r['method'] == 'POST' for r in dyn)} callbacks), {versioned} versioned files "
                f"(first visit only), {len(s['requests']) - len(dyn) - versioned} others (revalidated)"
            )
        if args.record_only:
            levels = []
        log_text = (workdir / "gunicorn.log").read_text()
        workers_line = next((ln for ln in log_text.splitlines() if "kepu dashboard:" in ln), "")
        print(
            f"server: gunicorn {workers_line.split('kepu dashboard:')[-1].strip()}; load: locust, same machine "
            f"({os.cpu_count()} cores), think time 1–3 s, {args.seconds} s per level; load average before: "
            f"{_loadavg()}"
        )
        if levels:
            print(
                f"{'users':>6}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}{'action p50':>12}{'action p95':>12}"
                "  slowest action (p95)"
            )
        for users in levels:
            r = run_level(url, journey_file, users, args.seconds, workdir, args.returning)
            slowest = max(r["by_step"].items(), key=lambda kv: kv[1]) if r["by_step"] else ("", 0)
            print(
                f"{r['users']:>6}{r['rps']:>8.1f}{r['p50']:>9.0f}{r['p95']:>9.0f}{r['errors']:>8.1%}"
                f"{r['step_p50']:>12.0f}{r['step_p95']:>12.0f}  {slowest[0]} {slowest[1]:.0f} ms",
                flush=True,
            )
            print(
                f"{'':>8}actions, p95: " + ", ".join(f"{name} {p95:.0f}" for name, p95 in r["by_step"].items()) + " ms"
            )
            if r["failed"]:  # status 0: no answer (the connection was reset or timed out)
                print(f"{'':>8}failed: " + ", ".join(f"{what} ×{n}" for what, n in r["failed"].items()))
            if args.verbose:
                for name, p95 in sorted(r["by_request"].items(), key=lambda kv: -kv[1])[:4]:
                    print(f"{'':>8}p95 {p95:>7.0f} ms  {name}")
            if r["step_p95"] > args.give_up_ms or r["errors"] > 0.05:
                print(f"stopped raising: action p95 {r['step_p95']:.0f} ms or errors {r['errors']:.1%} past the limit")
                break
        print(f"load average after: {_loadavg()}; gunicorn memory (RSS): {_rss_mb(proc.pid)}")
    finally:
        stop(proc)
        shutil.rmtree(workdir, ignore_errors=True)
    print(
        f"reproduce: .venv/bin/python benchmarks/load_test.py --users {args.users} --seconds {args.seconds}"
        + (" --record-only" if args.record_only else "")
        + (f" --workers {args.workers}" if args.workers else "")
        + (f" --threads {args.threads}" if args.threads else "")
        + (f" --returning {args.returning}" if args.returning else "")
    )


if __name__ == "__main__" and not os.environ.get("KEPU_LOAD_JOURNEY"):
    main()
