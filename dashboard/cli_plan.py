"""``kepu plan``: read, check and make plan files.

``kepu plan`` alone prints the plan the app runs on (as it always did); the
subcommands work on plan files: ``check`` and ``schema`` (docs/plan-format.md),
``new`` (a plan for another region made from an existing one).
"""

from __future__ import annotations

import json

import click

from dashboard.i18n import join_names, t


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


@plan.command("list")
@click.pass_context
def list_plans(ctx: click.Context) -> None:
    """The plans of the deployment (KEPU_PLANS_DIR): code, title, period; * marks the default."""
    from dashboard.cli import _default_code, _plans

    default = _default_code(ctx)
    for p in _plans(ctx):
        mark = "*" if p.code == default else " "
        click.echo(f"{mark} {p.code}  {p.start_year}–{p.end_year}  {p.title.zh}")
