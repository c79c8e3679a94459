"""``kepu facilities``: the venue registry from the command line (issue 18).

``template`` writes the venue-list template, ``import`` previews and writes a venue list through
the same import service as the upload page (``kepu import`` takes a venue list too: the header
tells it apart), ``list`` prints the registry, ``coverage`` each district's venues and coverage,
``sample`` regenerates the sample venues. Rolling a venue list back is ``kepu rollback BATCH``.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from dashboard.i18n import DEFAULT_LANG, LANGS, bilingual, pick, t


@click.group("facilities")
def facilities() -> None:
    """The venue registry: science venues with their location (template, import, list, coverage, sample)."""


@facilities.command("template")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="FILE.xlsx or FILE.csv")
@click.pass_context
def template_cmd(ctx: click.Context, out: Path) -> None:
    """Write the venue-list template generated from the plan's facility types."""
    from dashboard.cli import _imports

    imports = _imports(ctx)
    data = imports.venue_template_csv() if out.suffix.lower() == ".csv" else imports.venue_template_xlsx()
    out.write_bytes(data)
    click.echo(f"{bilingual('cli_venue_template')} → {out} ({len(data):,} bytes)")


@facilities.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--datum", default=None, help="Coordinate system of rows that declare none: WGS-84, GCJ-02 or BD-09")
@click.option("--dry-run", is_flag=True, help="Validate and preview only; write nothing")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report")
@click.option("--user", "username", default=None, help="Import as this account (must be editor or admin)")
@click.option("--lang", type=click.Choice(LANGS), default=DEFAULT_LANG, help="Language of the messages")
@click.option("--show", type=int, default=20, help="How many changes to list (text output)")
@click.pass_context
def import_cmd(
    ctx: click.Context,
    file: Path,
    datum: str | None,
    dry_run: bool,
    as_json: bool,
    username: str | None,
    lang: str,
    show: int,
) -> None:
    """Import a venue list (.xlsx or .csv): preview, then write it as one batch. Exit code 1 when refused."""
    from dashboard.cli import _acting_user, _imports
    from data.import_messages import ImportFailure, problem
    from data.users import PermissionDenied

    imports = _imports(ctx)
    user = _acting_user(ctx, username)
    if not dry_run:
        try:
            imports.authorize(user, "import")
        except PermissionDenied as exc:
            raise click.ClickException(pick(exc, lang)) from None
    if datum is not None and imports.placer().parse_datum(datum) is None:
        raise click.ClickException(problem("unknown_datum", value=datum).text(lang))
    try:
        data = file.read_bytes()
    except OSError:
        raise click.ClickException(problem("file_not_found", name=str(file)).text(lang)) from None
    pv = imports.preview_venues(data, file.name, default_datum=datum)
    report(ctx, pv, imports, user, dry_run=dry_run, as_json=as_json, lang=lang, show=show, failure_type=ImportFailure)


def report(ctx, pv, imports, user, *, dry_run: bool, as_json: bool, lang: str, show: int, failure_type) -> None:
    """Commit a clean venue preview unless ``dry_run``, and say what happened (kepu import uses it too)."""
    batch, failure = None, None
    if pv.ok and not dry_run:
        try:
            batch = imports.commit(user, pv)
        except failure_type as exc:
            failure = exc
    if as_json:
        out = pv.to_dict()
        out.update(dry_run=dry_run, batch_id=batch, user=user.username, failure=failure.to_dict() if failure else None)
        out["ok"] = pv.ok and failure is None
        click.echo(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    else:
        print_preview(pv, imports.plan, lang, show)
        if failure is not None:
            click.echo(failure.text(lang))
        elif not pv.ok:
            click.echo(t("cli_refused", lang))
        elif dry_run:
            click.echo(t("cli_dry_run", lang))
        else:
            click.echo(t("cli_written", lang, batch=batch))
    if not pv.ok or failure is not None:
        ctx.exit(1)


def print_preview(pv, plan, lang: str, show: int) -> None:
    from data.importer import bounded_problems

    click.echo(
        t("cli_file", lang, file=pv.filename, kind=pv.kind or "?", size=f"{pv.size:,}", checksum=pv.checksum[:12])
    )
    click.echo(t("cli_venue_counts", lang, **pv.counts))
    for key, probs in (("cli_errors", pv.errors), ("cli_warnings", pv.warnings)):
        if probs:
            click.echo(t(key, lang, n=len(probs)))
            for p in bounded_problems(probs):
                click.echo(f"  [{p.key}] {p.text(lang)}")
    names = {u.code: u.name for u in plan.region.units}
    for ch in pv.changes[:show]:
        r = ch.record
        where = "—" if r.lon is None else f"{r.lon:.5f},{r.lat:.5f}"
        if r.orig_datum and r.lon is not None:
            where += f" ({r.orig_datum} {r.orig_lon:g},{r.orig_lat:g})"
        click.echo(f"  {ch.kind:8} {r.type_code:18} {names.get(r.unit, r.unit)} {r.name}  {where}")
    if len(pv.changes) > show:
        click.echo(t("cli_more_changes", lang, n=len(pv.changes) - show))


def _repo(ctx: click.Context):
    from dashboard.cli import _plan, _settings, _store
    from dashboard.repository import Repository

    settings = _settings(ctx)
    return Repository(_store(ctx), _plan(ctx), shapes_dir=settings.shapes_dir or None)


@facilities.command("list")
@click.option("--year", type=int, default=None, help="Only venues open at the end of this year")
@click.option("--district", default=None, help="Only this district (name or code)")
@click.option("--json", "as_json", is_flag=True, help="Print JSON")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write FILE.csv or FILE.xlsx"
)
@click.option("--lang", type=click.Choice(LANGS), default=DEFAULT_LANG)
@click.pass_context
def list_cmd(
    ctx: click.Context, year: int | None, district: str | None, as_json: bool, out: Path | None, lang: str
) -> None:
    """The venues that count (a type with real venues hides its sample ones), by district."""
    from dashboard.cli import _imports
    from dashboard.services.facilities import venue_table
    from data.importer import district_resolver

    repo = _repo(ctx)
    unit = None
    if district:
        unit = district_resolver(repo.plan, _imports(ctx).resolver())(district)
        if unit is None:
            raise click.ClickException(bilingual("cli_unknown_district", district=district))
    table = venue_table(repo, year, unit=unit, lang=lang)
    if out is not None:
        from dashboard.services.facilities import registry_frame
        from data.export import to_csv_bytes, to_xlsx_bytes

        frame = registry_frame(repo, lang, year, unit)
        sheet = t("venues_sheet", lang)
        out.write_bytes(to_csv_bytes(frame) if out.suffix.lower() == ".csv" else to_xlsx_bytes(frame, sheet=sheet))
        click.echo(f"{len(frame)} → {out}")
        return
    if as_json:
        cols = ["id", "type_code", "name", "level", "unit_code", "address", "lon", "lat", "orig_lon", "orig_lat"]
        cols += ["orig_datum", "km_outside", "opened_year", "closed_year", "source", "is_sample"]
        rows = table[cols].astype(object).where(table[cols].notna(), None).to_dict("records")
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    if table.empty:
        click.echo(bilingual("cli_venues_none"))
    for r in table.to_dict("records"):
        where = t("venue_unlocated", lang) if r["lon"] != r["lon"] else f"{r['lon']:.5f},{r['lat']:.5f}"
        opened = "" if r["opened_year"] is None or r["opened_year"] != r["opened_year"] else str(r["opened_year"])
        sample = f" [{t('sample_short', lang)}]" if r["is_sample"] else ""
        click.echo(f"{r['unit_name']}\t{r['type_name']}\t{r['name']}\t{r['level_name']}\t{opened}\t{where}{sample}")


@facilities.command("coverage")
@click.option("--year", type=int, default=None, help="The year (default: the latest with data)")
@click.option("--json", "as_json", is_flag=True, help="Print JSON")
@click.option("--lang", type=click.Choice(LANGS), default=DEFAULT_LANG)
@click.pass_context
def coverage_cmd(ctx: click.Context, year: int | None, as_json: bool, lang: str) -> None:
    """Each district's venues, venues per 10,000 residents and the share of its area within each
    type's radius (docs/facilities.md)."""
    from dashboard.services.facilities import coverage_frame

    repo = _repo(ctx)
    frame = coverage_frame(repo, year or repo.latest_year(), lang)
    if as_json:
        click.echo(frame.to_json(orient="records", force_ascii=False, indent=2))
    else:
        click.echo(frame.to_string(index=False))


@facilities.command("sample")
@click.option("--seed", type=int, default=None, help="Generator seed (default from settings)")
@click.pass_context
def sample_cmd(ctx: click.Context, seed: int | None) -> None:
    """Regenerate the plan's sample venues (inside each district's shape; real venues stay)."""
    from dashboard.cli import _plan, _settings, _store
    from dashboard.services.facilities import load_sample_venues

    settings = _settings(ctx)
    seed = seed if seed is not None else settings.sample_seed
    n = load_sample_venues(_store(ctx), _plan(ctx), seed, settings.shapes_dir or None)
    click.echo(bilingual("cli_sample_venues", n=n or 0, seed=seed))
