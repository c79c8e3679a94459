"""Server time of the page-building callbacks: computed, read from the shared cache, and the warming.

    .venv/bin/python benchmarks/response_cache.py [--repeat 5] [--redis redis://127.0.0.1:6379/15]

One app on a throw-away SQLite store of sample data (Harbin) and a disk cache (or Redis), called
through Flask's test client exactly as the browser calls it (POST /_dash-update-component): for
each cached callback at its page's defaults, the first answer (computed and stored; the data
version's in-process results are warmed first, so this is the callback's own work) and the
following ones (read from the shared cache), median of ``--repeat``. Then the background warming's
pass over every common view, timed, on a fresh cache. Prints the load average with the figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

VIEWS = (  # (label, output that names the callback, inputs, state)
    ("page: overview layout", "page.children", {"url.pathname": "/"}, {"url.search": ""}),
    ("overview", "ov-map.figure", {"ov-year.value": None, "ov-indicator.value": None}, {"url.pathname": "/"}),
    ("map", "mx-map.figure", {"mx-year.value": None}, {"url.pathname": "/map"}),
    ("task", "tk-map.figure", {"tk-year.value": None}, {"url.pathname": "/task/T3"}),
    ("departments", "dep-matrix.figure", {"dep-year.value": None}, {"url.pathname": "/departments"}),
    ("data", "dt-grid.rowData", {"dt-year.value": None}, {"url.pathname": "/data"}),
)


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--redis", default="", help="Share the cache in this Redis instead of a disk folder")
    args = parser.parse_args()
    import logging

    logging.disable(logging.WARNING)
    from callbacks.warm import Warmer
    from dashboard.context import context_of
    from tests.support.app import make_app
    from tests.support.http import post_callback

    work = Path(tempfile.mkdtemp(prefix="kepu-rc-"))
    settings = {"request_log": False, "warm_seconds": 0} | ({"redis_url": args.redis} if args.redis else {})
    app = make_app(work, **settings)
    context = context_of(app)
    client = app.server.test_client()
    print(f"load average before: {loadavg()}; cache: {context.repo.shared.name}")
    print(f"{'callback (defaults, zh)':<28}{'computed ms':>12}{'cached ms':>11}{'ratio':>8}{'kB':>8}")
    for label, output, inputs, state in VIEWS:
        state = {"url.search": ""} | state
        computed, cached = [], []
        for round_ in range(args.repeat):
            search = f"?r={round_}"  # a new key each round (the parameter means nothing: same view)
            if round_ == 0:
                post_callback(client, output, inputs, state | {"url.search": "?warm=1"})  # in-process results
            t0 = time.perf_counter()
            resp = post_callback(client, output, inputs, state | {"url.search": search})
            computed.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            post_callback(client, output, inputs, state | {"url.search": search})
            cached.append((time.perf_counter() - t0) * 1000)
        c, h = statistics.median(computed), statistics.median(cached)
        print(f"{label:<28}{c:>12.1f}{h:>11.1f}{c / h:>7.0f}x{len(resp.data) / 1000:>8.1f}")
    fresh = make_app(Path(tempfile.mkdtemp(prefix="kepu-rc-")), **settings)
    warmer = Warmer(fresh, context_of(fresh), every=3600)
    t0 = time.perf_counter()
    n = warmer.pass_once()
    print(f"warming pass on a fresh cache: {n} responses in {time.perf_counter() - t0:.1f} s")
    print(f"load average after: {loadavg()}")
    redis = f" --redis {args.redis}" if args.redis else ""
    print(f"reproduce: .venv/bin/python benchmarks/response_cache.py --repeat {args.repeat}{redis}")


if __name__ == "__main__":
    main()
