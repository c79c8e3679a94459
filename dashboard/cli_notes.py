"""``kepu notes`` and ``kepu jumps``: notes on values and the figures that jumped, as the web shows them.

``kepu notes`` lists a plan's notes; ``add``, ``edit`` and ``withdraw`` write through the same
service as the district page's form (dashboard/services/notes.py), as ``--user NAME`` or the
operator at the shell. ``kepu jumps --year Y`` prints the figures of a year that moved past their
indicator's threshold (dashboard/services/changes.jumps), for checking before a meeting.
"""

from __future__ import annotations

import click

from dashboard.i18n import DEFAULT_LANG, LANGS, pick, t


def _service(ctx: click.Context):
    from dashboard.cli import _plan, _store
    from dashboard.services.notes import NoteService

    return NoteService(_store(ctx), _plan(ctx))


def _write(action, lang: str) -> None:
    from data.notes import NoteError
    from data.users import PermissionDenied

    try:
        action()
    except (NoteError, PermissionDenied) as exc:
        raise click.ClickException(pick(exc, lang)) from None


@click.group("notes", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the notes as JSON")
@click.option("--all", "include_withdrawn", is_flag=True, help="Include withdrawn notes")
@click.pass_context
def notes(ctx: click.Context, as_json: bool, include_withdrawn: bool) -> None:
    """Notes on values (数据说明): without a subcommand, list the plan's notes."""
    if ctx.invoked_subcommand is not None:
        return
    from dashboard.cli import _echo_json

    found = _service(ctx).all(include_withdrawn=include_withdrawn)
    if as_json:
        _echo_json([{**n.__dict__, "scope": n.scope} for n in found])
        return
    if not found:
        click.echo(f"{t('cli_no_notes', 'zh')} / {t('cli_no_notes', 'en')}")
    for n in found:
        withdrawn = f" [withdrawn by {n.withdrawn_by} {n.withdrawn_at:%Y-%m-%d}]" if n.withdrawn_at else ""
        batch = f" batch {n.batch_id}" if n.batch_id is not None else ""
        click.echo(
            f"#{n.id:<5} {n.year} {n.indicator or '*':7} {n.region or '*':7}{batch} "
            f"{n.created_by} {n.created_at:%Y-%m-%d}{withdrawn}: {n.text}"
        )


def _user_option(f):
    return click.option("--user", "username", default=None, help="Write as this account (editor or admin)")(f)


def _lang_option(f):
    return click.option("--lang", type=click.Choice(LANGS), default=DEFAULT_LANG, help="Language of the messages")(f)


@notes.command("add")
@click.option("--year", type=int, required=True, help="The year the note is about")
@click.option("--text", required=True, help="The note")
@click.option("--indicator", default=None, help="Indicator code (none: the whole year)")
@click.option("--district", default=None, help="Unit code or name (none: every unit)")
@click.option("--value", "on_value", is_flag=True, help="About the figure the cell holds now, not the cell")
@_user_option
@_lang_option
@click.pass_context
def notes_add(ctx, year, text, indicator, district, on_value, username, lang) -> None:
    """Write a note on a value, a cell, an indicator's year or a whole year."""
    from dashboard.cli import _acting_user

    service = _service(ctx)
    region = None
    if district:
        region = _imports_resolve(ctx, district)
        if region is None:
            raise click.ClickException(f"unknown district {district}")
    user = _acting_user(ctx, username)
    made: list[int] = []
    _write(
        lambda: made.append(
            service.add(user, year=year, text=text, indicator=indicator, region=region, on_value=on_value)
        ),
        lang,
    )
    click.echo(t("cli_note_added", lang, id=made[0]))


def _imports_resolve(ctx: click.Context, text: str) -> str | None:
    from dashboard.cli import _imports
    from data.importer import district_resolver

    imports = _imports(ctx)
    return district_resolver(imports.plan, imports.resolver())(text)


@notes.command("edit")
@click.argument("note_id", type=int)
@click.option("--text", required=True, help="The new text")
@_user_option
@_lang_option
@click.pass_context
def notes_edit(ctx, note_id, text, username, lang) -> None:
    """Change a note's text (who and when are kept)."""
    from dashboard.cli import _acting_user

    service = _service(ctx)
    user = _acting_user(ctx, username)
    _write(lambda: service.edit(user, note_id, text), lang)
    click.echo(t("cli_note_edited", lang, id=note_id))


@notes.command("withdraw")
@click.argument("note_id", type=int)
@_user_option
@_lang_option
@click.pass_context
def notes_withdraw(ctx, note_id, username, lang) -> None:
    """Withdraw a note: kept in the store, shown nowhere."""
    from dashboard.cli import _acting_user

    service = _service(ctx)
    user = _acting_user(ctx, username)
    _write(lambda: service.withdraw(user, note_id), lang)
    click.echo(t("cli_note_withdrawn", lang, id=note_id))


@click.command("jumps")
@click.option("--year", type=int, default=None, help="The year (default: the latest with data)")
@click.option("--json", "as_json", is_flag=True, help="Print them as JSON")
@_lang_option
@click.pass_context
def jumps_cmd(ctx: click.Context, year: int | None, as_json: bool, lang: str) -> None:
    """The figures of a year that moved past their indicator's change threshold from the year before."""
    from dashboard.cli import _echo_json, _plan, _settings, _store
    from dashboard.plans import PlanSet
    from dashboard.services.changes import jumps

    code = _plan(ctx).code  # an unknown --plan fails here instead of falling back to the default
    _store(ctx)
    repo = PlanSet.from_settings(_settings(ctx)).get(code)
    found = jumps(repo, year or repo.latest_year())
    if as_json:
        _echo_json([j.to_dict() for j in found])
        return
    for j in found:
        click.echo(
            t(
                "cli_jump",
                lang,
                indicator=j.indicator,
                region=f"{j.region} {repo.region_name(j.region, lang)}",
                year=j.year,
                old=f"{j.previous:g}",
                old_year=j.previous_year,
                new=f"{j.value:g}",
                change="—" if j.ratio is None else f"{j.ratio:+.0%}",
                threshold=f"{(j.threshold or 0):.0%}",
            )
        )
