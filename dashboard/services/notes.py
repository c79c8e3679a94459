"""Notes on values (数据说明): writing them (editors) and finding the ones that explain a figure.

The store part is ``data/notes.py`` (what a note is about, how it is withdrawn, the audit rows).
Here: ``NoteService`` checks a note's indicator, unit and year against the plan and the writer's
role (the ``note`` action of ``data.users.ACTIONS``: editors and admins, as for imports) before
the store writes it; the read functions answer, from the repository's cached notes, which notes
explain a figure, a row of the data grid, a district's page or a report's year. Every place that
shows notes (hovers, tables, the data grid and its export, the Word briefing, the deck) asks these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from dashboard.i18n import labelled, t
from dashboard.repository import Repository
from data.notes import Note, NoteError, add_note, edit_note, list_notes, withdraw_note
from data.plan import Plan
from data.users import User, require_role

__all__ = ["Note", "NoteError", "NoteService", "cell_notes", "note_label", "notes_for_rows", "page_notes"]

BEIJING = timedelta(hours=8)  # the store keeps UTC; the plan's staff read Beijing time
HOVER_WIDTH = 28  # characters per line of a note in a chart's hover (plotly does not wrap)
HOVER_MAX = 140  # characters of a note a hover shows; the tables show it whole


@dataclass(frozen=True)
class NoteService:
    engine: Engine
    plan: Plan

    @staticmethod
    def may(user: User | None) -> bool:
        """For showing the note buttons; every write checks again."""
        return user is not None and user.can("note")

    def _check(self, year: object, indicator: str | None, region: str | None) -> int:
        plan = self.plan
        if indicator is not None and indicator not in plan.indicator_by_code:
            raise NoteError("unknown_note", id=indicator)  # pragma: no cover - the page offers the plan's only
        regions = {plan.region.code, *(u.code for u in plan.region.units)}
        if region is not None and region not in regions:
            raise NoteError("unknown_note", id=region)  # pragma: no cover
        try:
            y = int(str(year))
        except (TypeError, ValueError):
            raise NoteError("empty") from None
        if not plan.baseline_year <= y <= plan.end_year:
            raise NoteError("empty")
        return y

    def add(
        self,
        user: User | None,
        *,
        year: object,
        text: str,
        indicator: str | None = None,
        region: str | None = None,
        on_value: bool = False,
    ) -> int:
        editor = require_role(user, "note")
        y = self._check(year, indicator, region)
        return add_note(
            self.engine,
            self.plan.code,
            editor,
            year=y,
            text=text,
            indicator=indicator,
            region=region,
            on_value=on_value,
        )

    def edit(self, user: User | None, note_id: int, text: str) -> None:
        edit_note(self.engine, self.plan.code, int(note_id), require_role(user, "note"), text)

    def withdraw(self, user: User | None, note_id: int) -> None:
        withdraw_note(self.engine, self.plan.code, int(note_id), require_role(user, "note"))

    def all(self, *, include_withdrawn: bool = False) -> list[Note]:
        return list_notes(self.engine, self.plan.code, include_withdrawn=include_withdrawn)

    def get(self, note_id: int) -> Note | None:
        found = list_notes(self.engine, self.plan.code, ids=[note_id])
        return found[0] if found else None


# -- which notes explain what ----------------------------------------------------------------------


def _none(v: Any) -> Any:
    """None for a missing cell of a frame (None, NaN, NaT, pd.NA), else the value."""
    if v is None or isinstance(v, str):
        return v
    try:
        return None if pd.isna(v) else v
    except (TypeError, ValueError):
        return v


def notes_in_force(repo: Repository) -> list[Note]:
    """The plan's notes not withdrawn, oldest first (cached with the data version)."""

    def opt_int(v: Any) -> int | None:
        return None if _none(v) is None else int(v)

    return [
        Note(
            id=int(r["id"]),
            plan_code=repo.plan.code,
            indicator=_none(r["indicator_code"]),
            region=_none(r["region_code"]),
            year=int(r["year"]),
            batch_id=opt_int(r["batch_id"]),
            import_batch_id=opt_int(r["import_batch_id"]),
            text=str(r["text"]),
            created_at=r["created_at"],
            created_by=str(r["created_by"]),
            edited_at=_none(r["edited_at"]),
            edited_by=_none(r["edited_by"]),
        )
        for r in repo.notes().to_dict("records")
    ]


def _batch_of(repo: Repository, indicator: str, region: str, year: int) -> int | None:
    f = repo.frame()
    rows = f[(f["indicator_code"] == indicator) & (f["region_code"] == region) & (f["year"] == year)]
    rows = rows[rows["value"].notna()]
    return None if rows.empty else int(rows["batch_id"].iloc[0])


def cell_notes(repo: Repository, indicator: str, region: str, year: int) -> list[Note]:
    """The notes that explain one figure (its value's, its cell's, its indicator's year's, its year's)."""
    notes = [n for n in notes_in_force(repo) if n.year == year]
    if not notes:
        return []
    batch = _batch_of(repo, indicator, region, year) if any(n.batch_id is not None for n in notes) else None
    return [n for n in notes if n.applies(indicator, region, year, batch)]


def page_notes(repo: Repository, year: int, *, region: str | None = None, indicators: Iterable[str] | None = None):
    """The notes that explain any figure of a page: of ``region`` (None: any unit or the city) for
    ``indicators`` (None: all) in ``year``. A note on a value since replaced explains nothing shown."""
    wanted = None if indicators is None else set(indicators)
    out = []
    for n in notes_in_force(repo):
        if n.year != year:
            continue
        if region is not None and n.region not in (None, region):
            continue
        if wanted is not None and n.indicator is not None and n.indicator not in wanted:
            continue
        replaced = n.batch_id is not None and _batch_of(repo, n.indicator or "", n.region or "", n.year) != n.batch_id
        if replaced:
            continue
        out.append(n)
    return out


def notes_for_rows(repo: Repository, frame: pd.DataFrame, lang: str, *, signed: bool = True) -> list[str]:
    """For each observation row (indicator_code, region_code, year, batch_id), its notes as one text:
    what the data grid shows and its downloads carry."""
    texts: list[list[str]] = [[] for _ in range(len(frame))]
    notes = notes_in_force(repo)
    if not notes or frame.empty:
        return [""] * len(frame)
    ind = frame["indicator_code"].to_numpy()
    reg = frame["region_code"].to_numpy()
    yrs = frame["year"].to_numpy()
    has_value = frame["value"].notna().to_numpy()
    batch = frame["batch_id"].to_numpy()
    for n in notes:
        mask = yrs == n.year
        if n.indicator is not None:
            mask &= ind == n.indicator
        if n.region is not None:
            mask &= reg == n.region
        if n.batch_id is not None:
            mask &= has_value & (batch == n.batch_id)
        line = note_label(n, lang) if signed else n.text
        for i in np.flatnonzero(mask):
            texts[i].append(line)
    return ["；".join(x) if x else "" for x in texts]


# -- how a note reads --------------------------------------------------------------------------------


def local_time(when: datetime | None) -> datetime | None:
    return None if when is None else when + BEIJING


def signature(note: Note, lang: str) -> str:
    """Who wrote it and when (and who changed it last), in Beijing time."""
    created = local_time(note.created_at)
    text = t("note_signed", lang, who=note.created_by, when=f"{created:%Y-%m-%d}" if created else "")
    if note.edited_by:
        edited = local_time(note.edited_at)
        text += t("note_edited_by", lang, who=note.edited_by, when=f"{edited:%Y-%m-%d}" if edited else "")
    return text


def scope_text(repo: Repository, note: Note, lang: str) -> str:
    """What the note is about, in words: 「G-01 · <unit> · 2020」, 「2020 年全年」..."""
    if note.scope == "year":
        return t("note_scope_year_text", lang, year=note.year)
    ind = repo.plan.indicator_by_code.get(note.indicator or "")
    name = f"{note.indicator} {ind.name.get(lang)}" if ind else str(note.indicator)
    where = repo.region_name(note.region, lang) if note.region else t("note_all_units", lang)
    key = "note_scope_value_text" if note.scope == "value" else "note_scope_cell_text"
    return t(key, lang, indicator=name, region=where, year=note.year)


def note_label(note: Note, lang: str) -> str:
    """A note with its signature, as the tables and the export show it."""
    return t("note_with_signature", lang, text=note.text, signature=signature(note, lang))


def hover_text(notes: list[Note], lang: str) -> str:
    """Notes for a chart's hover: after a line break, wrapped by hand, shortened, HTML-escaped
    (plotly reads <br> and <b> in hover text, and a note is typed by a person)."""
    if not notes:
        return ""
    import textwrap

    lines: list[str] = []
    for n in notes:
        body = n.text if len(n.text) <= HOVER_MAX else n.text[: HOVER_MAX - 1] + "…"
        body = body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")
        wrapped = textwrap.wrap(body, HOVER_WIDTH) or [body]
        lines.append("ⓘ " + "<br>   ".join(wrapped))
    return "<br>" + t("note_hover_title", lang) + "<br>" + "<br>".join(lines)


def unit_hovers(repo: Repository, indicator: str, year: int, regions: Iterable[str], lang: str) -> list[str]:
    """Each unit's notes on ``indicator`` in ``year`` as hover text (empty where it has none)."""
    if not any(n.year == year for n in notes_in_force(repo)):
        return ["" for _ in regions]
    return [hover_text(cell_notes(repo, indicator, r, year), lang) for r in regions]


def year_hovers(repo: Repository, indicator: str, region: str, years: Iterable[int], lang: str) -> dict[int, str]:
    """A series' notes by year as hover text (only the years that have some)."""
    noted = {n.year for n in notes_in_force(repo)}
    out = {}
    for y in years:
        if y in noted:
            text = hover_text(cell_notes(repo, indicator, region, y), lang)
            if text:
                out[y] = text
    return out


def indicator_notes(repo: Repository, year: int, indicator: str) -> list[Note]:
    """The notes on one indicator's figures of a year, in any unit (not the whole year's)."""
    return [n for n in page_notes(repo, year, indicators=[indicator]) if n.indicator == indicator]


def year_notes(repo: Repository, year: int) -> list[Note]:
    """The notes on a whole year of the plan."""
    return [n for n in page_notes(repo, year) if n.indicator is None]


def footnote_text(repo: Repository, note: Note, lang: str) -> str:
    """A note as a report's footnote: what it is about, its text, who and when."""
    return labelled(scope_text(repo, note, lang), note_label(note, lang), lang)
