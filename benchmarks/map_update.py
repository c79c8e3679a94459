"""Bytes and server time of one map update: this project against the naive way.

This project: the map callback returns a figure whose choropleth traces name
the boundaries by URL (fetched once, cached by the browser), so an update
carries values, labels and hover text.  The naive way: ``px.choropleth`` with
the GeoJSON inlined, returned from the callback on every change.

Both run in the same process on the same store, alternately, so the ratio is
meaningful on a noisy shared machine.  Serialisation is what Dash does to a
callback's answer (plotly's ``to_json``, which uses orjson when it is
installed); the JSON engine is compared too.

``--national``: the same for all 2,875 county-level units of China with
generated sample data (the Harbin plan's indicators applied to every county):
a plain Repository over the setup of ``benchmarks/national.py`` (boundaries,
plan file and store made there when missing, 2–3 min), with an empty result
cache, so the first district table is what the first request after an import
pays (reading the observations, indexing them, the table itself).

    .venv/bin/python benchmarks/map_update.py [--repeat 20]
    .venv/bin/python benchmarks/map_update.py --national [--dir /tmp/kepu-national] [--repeat 5]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import plotly.express as px
import plotly.io as pio

from dashboard.charts import map_chart
from dashboard.repository import Repository
from dashboard.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))


def naive_map(repo: Repository, indicator: str, year: int):
    table = repo.district_table(indicator, year)
    shapes = repo.geojson_dict()
    fig = px.choropleth(
        table,
        geojson=shapes,
        locations="code",
        featureidkey="properties.code",
        color="value",
        hover_name="name",
        fitbounds="locations",
    )
    fig.update_geos(visible=False)
    return fig


def measure(build, repeat: int, years: list[int], engine: str = "auto") -> tuple[float, int, int]:
    """Median seconds to build and serialise a figure, its JSON bytes and its gzip bytes."""
    times, size, packed = [], 0, 0
    for i in range(repeat):
        year = years[i % len(years)]
        t0 = time.perf_counter()
        body = pio.to_json(build(year), engine=engine)  # what the callback response carries
        times.append(time.perf_counter() - t0)
        raw = body.encode()
        size, packed = len(raw), len(gzip.compress(raw, 6))
    return statistics.median(times), size, packed


def serialise_only(fig, repeat: int, engine: str) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        pio.to_json(fig, engine=engine)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=None, help="Runs per way (default 20; 5 with --national)")
    parser.add_argument("--indicator", default="T8-01")
    parser.add_argument("--national", action="store_true", help="All 2,875 counties of China instead of Harbin")
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="Folder of the national setup (default /tmp/kepu-national; made when missing)",
    )
    args = parser.parse_args()
    repeat = args.repeat or (5 if args.national else 20)
    with tempfile.TemporaryDirectory() as tmp:
        if args.national:
            from national import DEFAULT_DIR, prepare

            setup = prepare(args.dir or DEFAULT_DIR)
            settings = Settings.from_env(
                plan_file=str(setup.plan_file),
                shapes_dir=str(setup.shapes_dir),
                database_url=setup.database_url,
                cache_dir=f"{tmp}/cache",
                redis_url="",
            )
            repo = Repository.from_settings(settings)
            label = f"China, all {len(repo.plan.region.units):,} county-level units"
        else:
            settings = Settings.from_env(
                database_url=f"sqlite:///{tmp}/bench.sqlite3", cache_dir=f"{tmp}/cache", redis_url=""
            )
            repo = Repository.from_settings(settings)
            label = f"Harbin ({len(repo.units)} units)"
        version = repo._query_version()
        repo.version = lambda: version  # as within one request (kept on flask.g)
        t0 = time.perf_counter()
        repo.frame()
        frame_s = time.perf_counter() - t0
        repo._series_index(args.indicator)
        index_s = time.perf_counter() - t0 - frame_s
        years = repo.years()
        repo.district_table(args.indicator, years[0])
        first_table_s = time.perf_counter() - t0
        for year in years:  # warm the per-version caches for both ways alike
            repo.district_table(args.indicator, year)
        ours_t, ours_b, ours_gz = measure(lambda y: map_chart(repo, args.indicator, y, "zh"), repeat, years)
        naive_t, naive_b, naive_gz = measure(lambda y: naive_map(repo, args.indicator, y), repeat, years)
        geo_bytes = len(repo.geojson_bytes()[0])
        geo_gz = len(gzip.compress(repo.geojson_bytes()[0], 6))
        fig = map_chart(repo, args.indicator, years[-1], "zh")
        orjson_t = serialise_only(fig, repeat * 2, "orjson")
        json_t = serialise_only(fig, repeat * 2, "json")
    print(f"map update, {label}, indicator {args.indicator}, median of {repeat}")
    print(f"{'':24}{'bytes':>12}{'gzip bytes':>12}{'server ms':>12}")
    print(f"{'this project':24}{ours_b:>12,}{ours_gz:>12,}{ours_t * 1000:>12.1f}")
    print(f"{'naive px.choropleth':24}{naive_b:>12,}{naive_gz:>12,}{naive_t * 1000:>12.1f}")
    print(
        f"ratio naive/ours: bytes {naive_b / ours_b:.1f}x (gzip {naive_gz / ours_gz:.1f}x), "
        f"time {naive_t / ours_t:.2f}x"
    )
    print(f"boundaries sent once per browser (cached): {geo_bytes:,} bytes, {geo_gz:,} gzip")
    print(
        f"serialising our figure: orjson {orjson_t * 1000:.1f} ms, json {json_t * 1000:.1f} ms "
        f"({json_t / orjson_t:.1f}x)"
    )
    print(
        f"first district table after an import (empty caches): {first_table_s * 1000:,.0f} ms = reading "
        f"{len(repo.frame()):,} observations {frame_s * 1000:,.0f} ms + indexing the series "
        f"{index_s * 1000:,.0f} ms + the table {(first_table_s - frame_s - index_s) * 1000:,.0f} ms"
    )
    print(f"load average: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    print(
        "reproduce: .venv/bin/python benchmarks/map_update.py --repeat", repeat, "--national" if args.national else ""
    )


if __name__ == "__main__":
    main()
