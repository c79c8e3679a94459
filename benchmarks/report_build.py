"""Time to build the full Word briefing: charts in one browser session against one browser per chart.

The briefing has ten task sections with a map and a trend each: twenty PNG
images at print resolution.  This project renders them all in one headless
Chromium (``dashboard.reports.images.ImageSession``, kaleido ≥ 1), plotly.js
loaded once, each chart drawn while the next figure is built; the naive way
calls ``plotly.io.to_image`` once per image, and each call starts and stops
its own browser.  Everything else (figures, layout, the .docx) is the same
code.  Runs alternate on the same store, so the ratio is meaningful on a
noisy shared machine.

Every timed build of ours is cold: it gets an empty shared cache (where the
app keeps images drawn before).  The line "again, same data" is a second
build on the cache the cold one filled: a briefing asked twice of one data
version.

    .venv/bin/python benchmarks/report_build.py [--repeat 1] [--year 2019]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from docx import Document

from dashboard.cache import DiskCache
from dashboard.reports.docx_report import build_docx
from dashboard.reports.images import DEAD_PROXY, TOPOJSON_URL, find_chromium
from dashboard.repository import Repository
from dashboard.settings import Settings


class OneBrowserPerImage:
    """Stands in for an ImageSession: every image by its own ``plotly.io.to_image`` call."""

    browser_path = None

    def render(self, requests, progress=None):
        import plotly.io as pio

        out = {}
        for i, req in enumerate(requests, start=1):
            out[req.name] = pio.to_image(
                req.spec(), format=req.format, width=req.width, height=req.height, scale=req.scale
            )
            if progress:
                progress(i, len(requests), req.name)
        return out


def build(repo: Repository, year: int, session) -> dict:
    marks = {}
    t0 = time.perf_counter()

    def progress(stage, done, total, what):
        if stage == "images" and done == total:
            marks["images"] = time.perf_counter() - t0

    data = build_docx(repo, year, session=session, progress=progress)
    total = time.perf_counter() - t0
    doc = Document(io.BytesIO(data))
    return {"total": total, "images": marks["images"], "pictures": len(doc.inline_shapes), "bytes": len(data)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--year", type=int, default=2019)
    args = parser.parse_args()

    import plotly.io as pio

    # Same conditions for plotly.io.to_image: Debian's chromium, the local world topojson, and
    # a dead proxy so that kaleido's default MathJax URL fails at once instead of leaving the host.
    os.environ.setdefault("BROWSER_PATH", find_chromium())
    os.environ["CHOREO_PROXY_SERVER"] = DEAD_PROXY
    pio.defaults.topojson = TOPOJSON_URL

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.from_env(database_url=f"sqlite:///{tmp}/bench.sqlite3", cache_dir=f"{tmp}/cache")
        repo = Repository.from_settings(settings)
        repo.task_progress(args.year)  # warm the repository's caches for both
        ours, naive, again = [], [], []
        for i in range(args.repeat):
            repo.shared = DiskCache(Path(tmp) / f"cold-{i}")  # no image drawn before
            ours.append(build(repo, args.year, None))
            again.append(build(repo, args.year, None))
            naive.append(build(repo, args.year, OneBrowserPerImage()))
    n = ours[0]["pictures"]
    assert n == naive[0]["pictures"], (ours[0], naive[0])

    def med(rows, key):
        return statistics.median(r[key] for r in rows)

    print(
        f"Word briefing, full (10 tasks, {n} PNG charts at scale 3), year {args.year}, "
        f"median of {args.repeat}; {ours[0]['bytes']:,} bytes"
    )
    print(f"{'':34}{'total s':>9}{'charts s':>10}{'s/chart':>9}  total min–max")
    rows_by_name = (
        ("one browser session (ours)", ours),
        ("plotly.io.to_image per chart", naive),
        ("ours again, same data (cached)", again),
    )
    for name, rows in rows_by_name:
        spread = f"{min(r['total'] for r in rows):.1f}–{max(r['total'] for r in rows):.1f}"
        print(f"{name:34}{med(rows, 'total'):9.1f}{med(rows, 'images'):10.1f}{med(rows, 'images') / n:9.2f}  {spread}")
    print(
        f"ratio per-chart/ours: total {med(naive, 'total') / med(ours, 'total'):.1f}x, "
        f"charts {med(naive, 'images') / med(ours, 'images'):.1f}x"
    )
    print(f"reproduce: .venv/bin/python benchmarks/report_build.py --repeat {args.repeat} --year {args.year}")


if __name__ == "__main__":
    main()
