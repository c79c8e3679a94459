"""Server time of the page-building callbacks: computed, read from the shared cache, and the warming.

    .venv/bin/python benchmarks/response_cache.py [--repeat 5] [--redis redis://127.0.0.1:6379/15]
    .venv/bin/python benchmarks/response_cache.py --national [--dir /tmp/kepu-national]

One app on a throw-away SQLite store of sample data (Harbin) and a disk cache (or Redis), called
through Flask's test client exactly as the browser calls it (POST /_dash-update-component): for
each cached callback at its page's defaults, the first answer (computed and stored; the data
version's in-process results are warmed first, so this is the callback's own work) and the
following ones (read from the shared cache), median of ``--repeat``. Then the background warming's
pass over every common view, timed, on a fresh cache. Prints the load average with the figures.

``--national``: the same app on all 2,875 counties (the setup of benchmarks/national.py): the first
overview after a start with nothing computed (its page and its callback, as a first visitor without
the background warming waits for them), a year change on the map computed and read from the cache,
and a warming pass, in one process.
"""

from __future__ import annotations

import argparse
import dataclasses
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


def national(folder: Path, repeat: int) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from national import prepare

    from callbacks.warm import Warmer
    from dashboard.app import create_app
    from dashboard.context import context_of
    from dashboard.settings import Settings
    from tests.support.http import post_callback

    setup = prepare(folder, quiet=True)
    env = setup.env()
    settings = Settings.from_env(
        plan_file=env["KEPU_PLAN_FILE"],
        shapes_dir=env["KEPU_SHAPES_DIR"],
        database_url=env["KEPU_DATABASE_URL"],
        cache_dir=tempfile.mkdtemp(prefix="kepu-rc-national-"),
        request_log=False,
        warm_seconds=0,
    )
    print(f"national, {setup.units:,} units; load average before: {loadavg()}", flush=True)
    app = create_app(settings)
    client = app.server.test_client()
    repo = context_of(app).repo
    t0 = time.perf_counter()
    post_callback(client, "page.children", {"url.pathname": "/"}, {"url.search": ""})
    t1 = time.perf_counter()
    post_callback(client, "ov-map.figure", {"ov-year.value": None}, {"url.pathname": "/", "url.search": ""})
    t2 = time.perf_counter()
    print(f"first overview after a start, nothing computed: page {t1 - t0:.1f} s + callback {t2 - t1:.1f} s")
    years = repo.years()
    computed, cached = [], []
    for year in years[-1 - min(repeat, len(years) - 1) : -1]:
        state = {"url.pathname": "/map", "url.search": ""}
        t0 = time.perf_counter()
        post_callback(client, "mx-map.figure", {"mx-year.value": year}, state)
        computed.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        post_callback(client, "mx-map.figure", {"mx-year.value": year}, state)
        cached.append((time.perf_counter() - t0) * 1000)
    print(
        f"map year change on the server: computed {statistics.median(computed):.0f} ms, "
        f"from the cache {statistics.median(cached):.0f} ms (median of {len(cached)}; includes the "
        "data-version query of the request)"
    )
    fresh = create_app(dataclasses.replace(settings, cache_dir=tempfile.mkdtemp(prefix="kepu-rc-")))
    t0 = time.perf_counter()
    n = Warmer(fresh, context_of(fresh), every=3600).pass_once()
    print(f"warming pass on a fresh cache and a new process: {n} responses in {time.perf_counter() - t0:.0f} s")
    print(f"load average after: {loadavg()}")
    print(f"reproduce: .venv/bin/python benchmarks/response_cache.py --national --repeat {repeat}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--redis", default="", help="Share the cache in this Redis instead of a disk folder")
    parser.add_argument("--national", action="store_true", help="All 2,875 counties (benchmarks/national.py)")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/kepu-national"), help="Folder of the national setup")
    args = parser.parse_args()
    import logging

    logging.disable(logging.WARNING)
    if args.national:
        national(args.dir, args.repeat)
        return
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
