"""``kepu plan``: read, check and make plan files.

``kepu plan`` alone prints the plan the app runs on (as it always did); the
subcommands work on plan files: ``check`` and ``schema`` (docs/plan-format.md),
``new`` (a plan for another region made from an existing one).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from dashboard.i18n import DEFAULT_LANG, LANGS, bilingual, join_names, t, tn
from dashboard.plan_new import new_cmd


@click.group("plan", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the whole plan as JSON")
@click.pass_context
def plan(ctx: click.Context, as_json: bool) -> None:
    """The plan: without a subcommand, print its goal, tasks, measures, departments, indicators and targets."""
    if ctx.invoked_subcommand is None:
        show_plan(ctx, as_json)


def show_plan(ctx: click.Context, as_json: bool) -> None:
    from dashboard.cli import _plan

    plan_ = _plan(ctx)
    if as_json:
        click.echo(json.dumps(plan_.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    click.echo(f"{plan_.title.zh}\n{plan_.goal.text}\n")
    for task in plan_.tasks:
        lead = join_names(plan_.department_by_code[c].name.zh for c in task.roles.lead)
        click.echo(f"{task.code} {task.section} {task.title.zh}  {t('lead')}: {lead}")
        for ind in plan_.indicators_for(task.code):
            tgt = (
                f"  {t('target')} {ind.target.value:g}{ind.unit.zh} ({ind.target.year}, {ind.target.type.value})"
                if ind.target
                else ""
            )
            click.echo(f"    {ind.code} {ind.name.zh}{tgt}")


@plan.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(LANGS), default=DEFAULT_LANG, help="Language of the messages")
@click.pass_context
def check(ctx: click.Context, files: tuple[Path, ...], lang: str) -> None:
    """Check plan files: every problem as file:line: field path: reason; exit code 1 if any.

    Fields listed in to_fill are reported as still to fill in (待填写). A good file gets a
    one-line summary. The format: docs/plan-format.md.
    """
    from data.plan_check import check_plan_file

    failed = False
    for file in files:
        result = check_plan_file(file)
        for problem in result.problems:
            click.echo(problem.text(lang))
        if result.plan is not None and result.ok:
            p = result.plan
            counts = {"tasks": len(p.tasks), "indicators": len(p.indicators), "units": len(p.region.units)}
            click.echo(t("cli_plan_valid", lang, file=file, code=p.code, **counts))
        else:
            failed = True
            click.echo(tn("cli_plan_problems", len(result.problems), lang, file=file))
    if failed:
        ctx.exit(1)


@plan.command("schema")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead")
def schema(out: Path | None) -> None:
    """The JSON Schema of a plan file, for editors that check YAML as one types (docs/plan-format.md)."""
    from data.plan import Plan

    text = json.dumps(Plan.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@plan.command("docs")
@click.option("--write", is_flag=True, help="Write docs/plan-format.md instead of printing it")
def docs(write: bool) -> None:
    """The plan file format (docs/plan-format.md), generated from the models."""
    from data.plan_docs import DOC_FILE, plan_format_markdown

    text = plan_format_markdown()
    if write:
        DOC_FILE.write_text(text, encoding="utf-8")
        click.echo(bilingual("cli_docs_written", file=DOC_FILE))
    else:
        click.echo(text, nl=False)


@plan.command("list")
@click.pass_context
def list_plans(ctx: click.Context) -> None:
    """The plans of the deployment (KEPU_PLANS_DIR): code, title, period; * marks the default."""
    from dashboard.cli import _default_code, _plans

    default = _default_code(ctx)
    for p in _plans(ctx):
        mark = "*" if p.code == default else " "
        click.echo(f"{mark} {p.code}  {p.start_year}–{p.end_year}  {p.title.zh}")


plan.add_command(new_cmd)
