"""Cold starts of the production server: does every worker serve the page's scripts at once?

    .venv/bin/python benchmarks/cold_start.py [--starts 10] [--burst 40] [--workers 5]

Each start is ``kepu serve`` on a fresh SQLite store. As soon as ``/healthz``
answers 200, forty concurrent requests go out for the scripts and stylesheets
the page names (what a browser's first visit sends), and every status is kept.
Issue 19: Dash 4.4 does its once-per-process server setup inside the first
requests of each worker, and threads racing it were answered 500.

Two servers alternate start by start, on the same machine in the same run:

- ``app``: this checkout (``create_app`` finishes Dash's setup before it returns);
- ``stock``: the same app with that step undone, Dash's own behaviour, and
  ``/healthz`` reporting ready as it did before (database only).

Prints, per server: starts with any failed response, failed responses of all
sent, and the time from the start command to a ready /healthz.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _serve_stock() -> None:
    """``kepu serve`` with Dash's server setup left to the first requests (the naive way)."""
    import dashboard.app as factory
    import dashboard.observability as observability

    factory._finish_server_setup = lambda app: app.server.extensions.__setitem__("kepu_ready", True)
    observability.server_ready = lambda app: True
    from dashboard.cli import cli

    cli(["serve"], obj={}, prog_name="kepu")


def main() -> None:
    from tests.support.production import burst, page_files, start_serve, stop, wait_ready

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=10, help="Cold starts of each server")
    parser.add_argument("--burst", type=int, default=40, help="Concurrent script requests after /healthz")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (5 is the 2-core default)")
    args = parser.parse_args()
    if args.starts > 50 or args.burst > 200:
        raise SystemExit("bounded: at most 50 starts and 200 requests a burst")

    from dashboard.app import create_app
    from dashboard.settings import Settings

    with tempfile.TemporaryDirectory(prefix="kepu-cold-") as tmp:
        probe = create_app(Settings.from_env(database_url=f"sqlite:///{tmp}/probe.sqlite3"))
        files = page_files(probe.server.test_client().get("/").get_data(as_text=True))
    commands = {"app": None, "stock": [sys.executable, str(Path(__file__).resolve()), "--serve-stock"]}
    results: dict[str, dict] = {
        name: {"bad_starts": 0, "bad": 0, "sent": 0, "ready_s": [], "codes": {}} for name in commands
    }
    print(
        f"{len(files)} files named by the page; {args.starts} starts of each server, {args.workers} workers, "
        f"a burst of {args.burst} right after /healthz answers 200"
    )
    for start in range(args.starts):
        for name, command in commands.items():
            with tempfile.TemporaryDirectory(prefix="kepu-cold-") as tmp:
                started = time.monotonic()
                server = start_serve(Path(tmp), workers=args.workers, command=command)
                try:
                    wait_ready(server)
                    ready = time.monotonic() - started
                    statuses = [status for _, status in burst(server.url, files, args.burst)]
                finally:
                    stop(server)
            r = results[name]
            failed = [s for s in statuses if s != 200]
            r["bad_starts"] += bool(failed)
            r["bad"] += len(failed)
            r["sent"] += len(statuses)
            r["ready_s"].append(ready)
            for s in failed:
                r["codes"][s] = r["codes"].get(s, 0) + 1
            print(
                f"  start {start + 1:>2} {name:<6} ready in {ready:4.1f} s, {len(failed):>2} of {len(statuses)} "
                "not 200",
                flush=True,
            )
    print(f"{'server':<8}{'starts with a failure':>24}{'failed responses':>20}{'median ready s':>16}")
    for name, r in results.items():
        ready = sorted(r["ready_s"])[len(r["ready_s"]) // 2]
        codes = ", ".join(f"{c}×{n}" for c, n in r["codes"].items())
        print(
            f"{name:<8}{r['bad_starts']:>17} of {args.starts:<4}{r['bad']:>10} of {r['sent']:<7}{ready:>14.1f}"
            + (f"  ({codes})" if codes else "")
        )
    print(
        f"reproduce: .venv/bin/python benchmarks/cold_start.py --starts {args.starts} --burst {args.burst} "
        f"--workers {args.workers}"
    )


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve-stock"]:
        _serve_stock()
    else:
        main()
