"""Bytes and server time of one map update: this project against the naive way.

This project: the map callback returns a figure whose choropleth traces name
the boundaries by URL (fetched once, cached by the browser), so an update
carries values, labels and hover text.  The naive way: ``px.choropleth`` with
the GeoJSON inlined, returned from the callback on every change.

Both run in the same process on the same store, alternately, so the ratio is
meaningful on a noisy shared machine.

    .venv/bin/python benchmarks/map_update.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import plotly.express as px  # noqa: E402
import plotly.io as pio  # noqa: E402

from dashboard.charts import map_chart  # noqa: E402
from dashboard.repository import Repository  # noqa: E402
from dashboard.settings import Settings  # noqa: E402
import geo  # noqa: E402


def naive_map(repo: Repository, indicator: str, year: int):
    table = repo.district_table(indicator, year)
    shapes = geo.geojson_dict(repo.city)
    fig = px.choropleth(table, geojson=shapes, locations="code", featureidkey="properties.code", color="value",
                        hover_name="name", fitbounds="locations")
    fig.update_geos(visible=False)
    return fig


def measure(build, repeat: int) -> tuple[float, int]:
    times, size = [], 0
    for i in range(repeat):
        year = 2015 + i % 6
        t0 = time.perf_counter()
        body = pio.to_json(build(year))  # what the callback response carries
        times.append(time.perf_counter() - t0)
        size = len(body.encode())
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--indicator", default="T8-01")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Repository.from_settings(Settings.from_env(database_url=f"sqlite:///{tmp}/bench.sqlite3"))
        for year in range(2015, 2021):  # warm the per-version caches for both ways alike
            repo.district_table(args.indicator, year)
        ours_t, ours_b = measure(lambda y: map_chart(repo, args.indicator, y, "zh"), args.repeat)
        naive_t, naive_b = measure(lambda y: naive_map(repo, args.indicator, y), args.repeat)
        geo_bytes = len(repo.geojson_bytes()[0])
    print(f"map update, Harbin (18 units), indicator {args.indicator}, median of {args.repeat}")
    print(f"{'':24}{'bytes':>12}{'server ms':>12}")
    print(f"{'this project':24}{ours_b:>12,}{ours_t * 1000:>12.1f}")
    print(f"{'naive px.choropleth':24}{naive_b:>12,}{naive_t * 1000:>12.1f}")
    print(f"ratio naive/ours: bytes {naive_b / ours_b:.1f}x, time {naive_t / ours_t:.2f}x")
    print(f"boundaries sent once per browser (cached): {geo_bytes:,} bytes")
    print("reproduce: .venv/bin/python benchmarks/map_update.py --repeat", args.repeat)


if __name__ == "__main__":
    main()
