"""Bytes and server time of one map update with 2,000 venues on it (issue 18), against the budget
in docs/benchmarks.md.

A scratch SQLite store of the shipped plan with sample data and a venue registry of ``--venues``
venues (the sample generator's, scaled up, each with its own address, as a real list would have),
then the map page's update for one year, serialised as Dash sends it (plotly's JSON): without
venues, with every type's venues, with the service-radius rings too, and for one counted indicator
(T8-01, museums only). Run ``--repeat`` times each, alternating; medians.

    .venv/bin/python benchmarks/venue_map.py [--venues 2000] [--repeat 10]
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import plotly.io as pio

from dashboard.charts import map_chart
from dashboard.repository import Repository
from dashboard.settings import Settings

# The budget docs/benchmarks.md states for one map update with the venue layer on: no more than the
# naive map (px.choropleth with its boundaries inlined) sends with no venue at all, 281,430 bytes.
BUDGET_BYTES = 281_430


def fill_registry(repo: Repository, n: int, seed: int) -> int:
    """Replace the sample venues with ``n`` generated ones (densities scaled up), each with its own address."""
    import geo
    from data import sample_venues
    from data.facilities import replace_sample_venues

    shapes = geo.load_shapes(repo.plan.region.code)
    polygons = dict(zip(shapes["code"], shapes.geometry, strict=True))
    scale, records = 1.0, []
    while len(records) < n:
        density = {k: (a * scale, b * scale, c) for k, (a, b, c) in sample_venues.DENSITY.items()}
        density["bulletin_board"] = (0.05 * scale, 0.05 * scale, 0)
        old = sample_venues.DENSITY
        sample_venues.DENSITY = density
        try:
            records = sample_venues.generate_venues(repo.plan, polygons, "GCJ-02", seed=seed)
        finally:
            sample_venues.DENSITY = old
        scale *= 1.3
    records = records[:n]
    records = [
        dataclasses.replace(r, address=f"{r.address[:3]}某某街道{i % 97 + 1}号院 {i}") for i, r in enumerate(records)
    ]
    replace_sample_venues(repo.engine, repo.plan.code, records)
    return len(records)


def measure(build, repeat: int) -> tuple[float, int, int]:
    times, size, packed = [], 0, 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        body = pio.to_json(build())
        times.append(time.perf_counter() - t0)
        raw = body.encode()
        size, packed = len(raw), len(gzip.compress(raw, 6))
    return statistics.median(times), size, packed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--venues", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--year", type=int, default=2020)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.from_env(
            database_url=f"sqlite:///{tmp}/bench.sqlite3", cache_dir=f"{tmp}/cache", redis_url=""
        )
        repo = Repository.from_settings(settings)
        n = fill_registry(repo, args.venues, settings.sample_seed)
        repo.freeze_version()
        shown = len(repo.venues())
        ways = {
            "no venues (G-01)": lambda: map_chart(repo, "G-01", args.year, "zh"),
            f"{shown:,} venues, every type (G-01)": lambda: map_chart(repo, "G-01", args.year, "zh", venues=True),
            "+ service-radius rings": lambda: map_chart(repo, "G-01", args.year, "zh", venues=True, rings=True),
            "counted T8-01 (museums only)": lambda: map_chart(repo, "T8-01", args.year, "zh", venues=True),
        }
        for build in ways.values():  # warm the per-version caches (district tables, coverage rings)
            build()
        results = {name: [] for name in ways}
        for _ in range(args.repeat):
            for name, build in ways.items():
                results[name].append(measure(build, 1))
    print(f"map update with a venue registry of {n:,} venues (Harbin, {args.year}), median of {args.repeat}")
    print(f"{'':36}{'bytes':>10}{'gzip':>10}{'server ms':>11}  budget {BUDGET_BYTES:,} bytes")
    for name, runs in results.items():
        ms = statistics.median(r[0] for r in runs) * 1000
        size, packed = runs[-1][1], runs[-1][2]
        verdict = "within" if size <= BUDGET_BYTES else "OVER"
        print(f"{name:36}{size:>10,}{packed:>10,}{ms:>11.1f}  {verdict}")
    print(f"load average: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    print(f"reproduce: .venv/bin/python benchmarks/venue_map.py --venues {args.venues} --repeat {args.repeat}")


if __name__ == "__main__":
    main()
