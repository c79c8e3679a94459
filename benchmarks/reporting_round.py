"""The reporting round (/reporting): server time of one round, the page's bytes, the Excel export.

On a fresh store of sample data for the shipped plan (every cell missing: the largest grid the page
draws), in one process: ``reporting_round`` (the counting, ``data/reporting.py``, over the
repository's cached observations plus three small queries), the page as the router returns it
(``page.children``, raw and gzipped as ``kepu serve`` sends it), and the workbook of the export.

    .venv/bin/python benchmarks/reporting_round.py [--repeat 10]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from plotly.utils import PlotlyJSONEncoder

from dashboard.app import create_app
from dashboard.context import context_of
from dashboard.services.reporting import export_xlsx, reporting_round
from dashboard.settings import Settings
from layouts.reporting import departments_table, grid_table


def _ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(1000 * (time.perf_counter() - start))
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kepu-bench-reporting-"))
    settings = Settings.from_env(
        database_url=f"sqlite:///{folder / 'k.sqlite3'}", cache_dir=str(folder / "cache"), request_log=False
    )
    app = create_app(settings)
    repo = context_of(app).repo
    year = repo.latest_year()
    repo.frame()  # the observations are read once per data version, as on a running server
    view = reporting_round(repo, year)

    def size(tree) -> int:
        return len(json.dumps(tree, cls=PlotlyJSONEncoder, ensure_ascii=False).encode())

    client = app.server.test_client()
    body = {
        "output": "page.children",
        "outputs": {"id": "page", "property": "children"},
        "inputs": [{"id": "url", "property": "pathname", "value": "/reporting"}],
        "state": [{"id": "url", "property": "search", "value": ""}],
        "changedPropIds": ["url.pathname"],
    }
    page = client.post("/_dash-update-component", json=body).data
    units, groups = len(view.units_summary), len(view.groups)
    print(f"reporting round, {repo.plan.code}, {year}: {units} units × {groups} columns, median of {args.repeat}")
    round_ms = _ms(lambda: reporting_round(repo, year), args.repeat)
    page_ms = _ms(lambda: client.post("/_dash-update-component", json=body), args.repeat)
    data = export_xlsx(repo, view, "zh")
    export_ms = _ms(lambda: export_xlsx(repo, view, "zh"), args.repeat)
    print(f"reporting_round (counting)   {round_ms:8.1f} ms")
    print(f"page.children (whole page)   {page_ms:8.1f} ms, {len(page):,} bytes (gzip {len(gzip.compress(page)):,})")
    grid, departments = size(grid_table(repo, view, "zh")), size(departments_table(repo, view, "zh"))
    print(f"  of which the grid {grid:,}, departments {departments:,}")
    print(f"export_xlsx                  {export_ms:8.1f} ms, {len(data):,} bytes")
    print(f"reproduce: .venv/bin/python benchmarks/reporting_round.py --repeat {args.repeat}")


if __name__ == "__main__":
    main()
