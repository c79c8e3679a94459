"""填报进度 The reporting round: who has reported what for a year, what is missing, what awaits review.

The page (/reporting), its Excel export, the missing-cells template (web and ``kepu template
--missing``) and ``kepu reporting`` ask these functions; the counting itself is pure and lives in
``data/reporting.py``. Nothing here is cached across requests: the due date and the clock change
without a new data version, and one round is a pass over a few thousand rows.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

import pandas as pd

from dashboard.i18n import t
from dashboard.repository import Repository
from dashboard.services.changes import Change, jumps
from dashboard.services.notes import cell_notes
from data import reporting as rp
from data.importer import list_batches
from data.notes import Note
from data.review import pending_values

BEIJING = timedelta(hours=8)  # the store keeps UTC; the plan's staff read Beijing time


def today() -> date:
    """Today in Beijing: a due date passes at the end of its day there."""
    return (datetime.now(UTC) + BEIJING).date()


def local_time(value: datetime | None) -> datetime | None:
    return value + BEIJING if value is not None else None


@dataclass(frozen=True)
class RoundView:
    """One year's round, as the page, the export and the CLI show it."""

    year: int
    round: rp.Round
    today: date
    groups: list[str]
    units: list[str]
    values: pd.DataFrame  # data.reporting.expected_values
    cells: pd.DataFrame  # data.reporting.CELL_COLUMNS
    units_summary: dict[str, rp.UnitSummary]
    departments: list[rp.DepartmentState]
    batches: dict[int, dict[str, Any]]  # import batches by id: who and when
    pending: pd.DataFrame  # data.review.PENDING_COLUMNS, this year's
    is_sample: bool
    cell_index: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    def cell(self, unit: str, group: str) -> dict[str, Any] | None:
        """A cell's row (None where the unit reports nothing of the group: the city for most tasks)."""
        return self.cell_index.get((unit, group))

    def reporter(self, batch: int | None) -> tuple[str, datetime | None] | None:
        """(who, when in Beijing time) of an import batch."""
        if batch is None or batch not in self.batches:
            return None
        b = self.batches[batch]
        return b["created_by"], local_time(b["created_at"])

    @property
    def overdue(self) -> list[str]:
        return [u for u in self.units if u in self.units_summary and self.units_summary[u].overdue]


def round_years(repo: Repository) -> list[int]:
    """The years a round can be chosen for: the years of the view state's choices (with data)."""
    return list(repo.choices().years)


def reporting_round(repo: Repository, year: int, *, on: date | None = None) -> RoundView:
    """The round of ``year`` for the repository's plan, judged on ``on`` (default: today in Beijing)."""
    plan = repo.plan
    pending = pending_values(repo.engine, plan.code, year)
    values = rp.expected_values(plan, year, repo.frame(), pending)
    cells = rp.cell_states(values)
    due = rp.read_round(repo.engine, plan.code, year)
    day = on or today()
    batches = {b["id"]: b for b in list_batches(repo.engine, plan.code) if b["kind"] == "import"}
    return RoundView(
        year=int(year),
        round=due,
        today=day,
        groups=rp.groups(plan),
        units=rp.units(plan),
        values=values,
        cells=cells,
        units_summary=rp.unit_summaries(cells, due.due_date, day),
        departments=rp.department_states(plan, values),
        batches=batches,
        pending=pending,
        is_sample=repo.status()["is_sample"],
        cell_index={
            (str(r["region_code"]), str(r["group"])): cast(dict[str, Any], r) for r in cells.to_dict("records")
        },
    )


def group_label(repo: Repository, group: str, lang: str, *, short: bool = True) -> str:
    if group == rp.GOAL:
        return t("dt_goal", lang)
    task = repo.plan.task_by_code[group]
    return f"{group} {(task.short if short else task.title).get(lang)}"


def unit_label(repo: Repository, code: str, lang: str) -> str:
    """A unit's name; the city's says it stands for the city-only indicators."""
    name = repo.region_name(code, lang)
    return t("rep_city_row", lang, city=name) if code == repo.city else name


# -- the missing-cells template -------------------------------------------------------------------


def missing_cells(repo: Repository, region: str, year: int) -> list[tuple[str, str, int]]:
    """What a unit still has to send for a year (neither reported nor awaiting review)."""
    plan = repo.plan
    pending = pending_values(repo.engine, plan.code, year)
    values = rp.expected_values(plan, year, repo.frame(), pending)
    return rp.missing_for(values, region, year)


def missing_template_name(repo: Repository, region: str, year: int, ext: str = "xlsx") -> str:
    """<unit>-2020-待填数据.xlsx: the unit's name (in Chinese, as its staff file it) and the year."""
    return f"{repo.region_name(region, 'zh')}-{int(year)}-{t('rep_template_file', 'zh')}.{ext}"


def missing_template(repo: Repository, region: str, year: int, *, csv: bool = False) -> tuple[bytes, int]:
    """The import template holding only the unit's missing cells of the year (labels filled in), and
    how many rows it has. A unit with nothing missing gets a template of headers only."""
    from data.template import build_template, template_csv

    cells = missing_cells(repo, region, year)
    if csv:
        return template_csv(repo.plan, cells=cells), len(cells)
    return build_template(repo.plan, cells=cells), len(cells)


# -- the Excel export -----------------------------------------------------------------------------

FILLS = {"complete": "C6EFCE", "partial": "FFEB9C", "missing": "FFC7CE"}


def state_word(state: str | None, lang: str) -> str:
    return t(f"rep_state_{state}", lang) if state else "—"


def cell_text(cell: dict[str, Any] | None, lang: str) -> str:
    """「3/5 部分」 and, when some await review, 「· 待审核 2」."""
    if cell is None:
        return "—"
    text = f"{cell['reported']}/{cell['expected']} {state_word(cell['state'], lang)}"
    if cell["pending"]:
        text += f" · {t('rep_pending_n', lang, n=cell['pending'])}"
    return text


def export_xlsx(repo: Repository, view: RoundView, lang: str) -> bytes:
    """The round as a workbook: the grid (coloured by state), every cell in a long table, and the departments."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from data.export import escape_cell

    wb = Workbook()
    grid = wb.active
    assert grid is not None  # a new workbook has one sheet
    grid.title = t("nav_reporting", lang)[:31]
    title = f"{repo.plan.title.get(lang)} · {t('rep_title_year', lang, year=view.year)}"
    grid.append([title])
    grid["A1"].font = Font(bold=True, size=13)
    due = view.round.due_date
    due_line = t("rep_due_is", lang, date=due.isoformat()) if due else t("rep_no_due", lang)
    grid.append([due_line, t("rep_as_of_day", lang, day=view.today.isoformat())])
    if view.is_sample:
        grid.append([t("rep_sample_note", lang)])
    grid.append([])
    header = [
        t("rep_unit", lang),
        t("rep_overdue", lang),
        *[group_label(repo, g, lang) for g in view.groups],
        t("rep_total", lang),
        t("rep_last_report", lang),
    ]
    grid.append(header)
    header_row = grid.max_row
    for c in grid[header_row]:
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="top")
    for unit in view.units:
        s = view.units_summary.get(unit)
        if s is None:
            continue
        last = view.reporter(s.last_batch)
        row: list[Any] = [unit_label(repo, unit, lang), t("rep_overdue", lang) if s.overdue else ""]
        row += [cell_text(view.cell(unit, g), lang) for g in view.groups]
        row += [
            f"{s.reported}/{s.expected}",
            f"{last[0]} {last[1]:%Y-%m-%d %H:%M}" if last and last[1] else "",
        ]
        grid.append([escape_cell(v) for v in row])
        for i, g in enumerate(view.groups):
            found = view.cell(unit, g)
            if found is not None:
                grid.cell(row=grid.max_row, column=3 + i).fill = PatternFill("solid", fgColor=FILLS[found["state"]])
    grid.column_dimensions["A"].width = 22
    grid.freeze_panes = f"B{header_row + 1}"

    long = wb.create_sheet(t("rep_sheet_cells", lang)[:31])
    long.append(
        [
            t("rep_unit", lang),
            t("task", lang),
            t("status", lang),
            t("rep_reported", lang),
            t("rep_expected", lang),
            t("rep_pending", lang),
            t("sample_short", lang),
            t("rep_last_by", lang),
            t("rep_last_at", lang),
        ]
    )
    for record in view.cells.to_dict("records"):
        cell = cast(dict[str, Any], record)
        last = view.reporter(cell["last_batch"])
        long.append(
            [
                escape_cell(unit_label(repo, cell["region_code"], lang)),
                escape_cell(group_label(repo, cell["group"], lang)),
                state_word(cell["state"], lang),
                cell["reported"],
                cell["expected"],
                cell["pending"],
                cell["sample"],
                escape_cell(last[0]) if last else "",
                last[1] if last else None,
            ]
        )
    for c in long[1]:
        c.font = Font(bold=True)

    deps = wb.create_sheet(t("nav_departments", lang)[:31])
    deps.append(
        [
            t("department", lang),
            t("leads", lang),
            t("indicator_code", lang),
            t("indicator_name", lang),
            t("rep_reported", lang),
            t("rep_expected", lang),
            t("rep_pending", lang),
            t("status", lang),
        ]
    )
    for d in view.departments:
        name = repo.plan.department_by_code[d.department_code].name.get(lang)
        for ind in d.indicators:
            deps.append(
                [
                    escape_cell(name),
                    ", ".join(d.lead_tasks),
                    ind.indicator_code,
                    escape_cell(repo.indicator(ind.indicator_code).name.get(lang)),
                    ind.reported,
                    ind.expected,
                    ind.pending,
                    state_word(ind.state, lang),
                ]
            )
    for c in deps[1]:
        c.font = Font(bold=True)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def export_name(view: RoundView, ext: str = "xlsx") -> str:
    return f"reporting-{view.year}{'-sample' if view.is_sample else ''}.{ext}"


# -- batches awaiting review --------------------------------------------------------------------


def review_queue(repo: Repository, batches: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each batch awaiting review with its cells: indicator_code, region_code, year, old (the value that
    counts now, None if none) and new."""
    values = pending_values(repo.engine, repo.plan.code)
    frame = repo.frame()
    current = dict(
        zip(
            zip(frame["indicator_code"], frame["region_code"], frame["year"].astype(int), strict=True),
            frame["value"],
            strict=True,
        )
    )
    out = []
    for b in batches:
        mine = values[values["batch_id"] == b["id"]]
        cells = []
        for r in mine.itertuples(index=False):
            old = current.get((r.indicator_code, r.region_code, int(r.year)))
            cells.append(
                {
                    "indicator_code": r.indicator_code,
                    "region_code": r.region_code,
                    "year": int(r.year),
                    "old": None if old is None or pd.isna(old) else float(old),
                    "new": None if pd.isna(r.value) else float(r.value),
                }
            )
        out.append({**b, "cells": cells})
    return out


# -- values awaiting review, for the data grid ----------------------------------------------------


def pending_observations(
    repo: Repository,
    task: str | None = None,
    indicator: str | None = None,
    district: str | None = None,
    year: int | None = None,
) -> pd.DataFrame:
    """Values awaiting review under the data page's filter, in OBSERVATION_COLUMNS (is_sample False)."""
    from data.store import OBSERVATION_COLUMNS

    frame = pending_values(repo.engine, repo.plan.code, year)
    if task:
        frame = frame[frame["indicator_code"].map(lambda c: repo.plan.indicator_by_code[c].task) == task]
    if indicator:
        frame = frame[frame["indicator_code"] == indicator]
    if district:
        frame = frame[frame["region_code"] == district]
    return frame.assign(is_sample=False)[OBSERVATION_COLUMNS].reset_index(drop=True)


@dataclass(frozen=True)
class JumpToCheck:
    """A figure of the round that moved past its indicator's threshold, and the notes that explain it
    (none: still to be checked or explained before the meeting)."""

    change: Change
    notes: list[Note]


def jumps_to_check(repo: Repository, year: int) -> list[JumpToCheck]:
    """The year's jumps (dashboard/services/changes.jumps, the one rule) with their notes."""
    return [JumpToCheck(ch, cell_notes(repo, ch.indicator, ch.region, ch.year)) for ch in jumps(repo, year)]
