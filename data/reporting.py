"""The reporting round of a year: which unit has reported which task's figures, and its due date.

A *cell* of the round is one unit (a district, or the city for the plan's city-only indicators) ×
one task (the plan's goal indicators form a column of their own, ``GOAL``). Each cell expects one
value per indicator of the task that the unit reports: every indicator that rolls up from the
districts is expected of each district, a city-only one of the city alone (the same rule as the
data page's missing cells). A value *counts* as reported when it is real: imported, not generated
sample data, and not awaiting review (values awaiting review live in their batch's change rows
until accepted, ``data/review.py``, and are counted apart as ``pending``).

    complete  every expected value reported
    partial   some
    missing   none

A unit is *overdue* when the round's due date has passed and some of its expected values are
neither reported nor awaiting review. The functions below are pure (frames in, frames out), apart
from the due date's two store functions at the end; docs/reporting.md explains the choices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, cast

import pandas as pd
from sqlalchemy import Engine, Table, delete, insert, select

from data import schema
from data.audit import record_in
from data.plan import Indicator, Plan, Rollup
from data.users import User, require_role

GOAL = "G"  # the column of indicators that belong to no task (the plan's overall goal)
STATES = ("complete", "partial", "missing")
CELL_COLUMNS = [
    "region_code",
    "group",
    "expected",
    "reported",
    "sample",
    "pending",
    "unsent",
    "state",
    "last_batch",
]


def group_of(ind: Indicator) -> str:
    """The column an indicator is counted in: its task, or ``GOAL``."""
    return ind.task or GOAL


def groups(plan: Plan) -> list[str]:
    """The grid's columns in the plan's order: the goal first (when the plan has goal indicators), then the tasks."""
    has_goal = any(i.task is None for i in plan.indicators)
    return ([GOAL] if has_goal else []) + [t.code for t in plan.tasks]


def units(plan: Plan) -> list[str]:
    """The grid's rows: the plan's units in its order, then the city (its city-only indicators)."""
    return [u.code for u in plan.region.units] + [plan.region.code]


def expected(plan: Plan) -> pd.DataFrame:
    """Every value a year's round expects: indicator_code, region_code, group."""
    city = plan.region.code
    unit_codes = [u.code for u in plan.region.units]
    rows = []
    for ind in plan.indicators:
        regions = [city] if ind.rollup == Rollup.city_only else unit_codes
        rows += [(ind.code, r, group_of(ind)) for r in regions]
    return pd.DataFrame(rows, columns=["indicator_code", "region_code", "group"])


def expected_values(plan: Plan, year: int, observations: pd.DataFrame, pending: pd.DataFrame) -> pd.DataFrame:
    """One row per expected value of ``year``: indicator_code, region_code, group, reported (a real
    value), sample (only a sample value), pending (a value awaiting review), batch_id (of the
    reported value). ``observations`` are the store's (OBSERVATION_COLUMNS, any years); ``pending``
    has at least indicator_code, region_code, year (data.review.pending_values)."""
    cells = expected(plan)
    obs = observations[(observations["year"] == int(year)) & observations["value"].notna()]
    obs = obs[["indicator_code", "region_code", "is_sample", "batch_id"]]
    out = cells.merge(obs, on=["indicator_code", "region_code"], how="left")
    is_sample = out["is_sample"].astype("boolean")
    has_value = is_sample.notna()
    out["reported"] = (has_value & ~is_sample.fillna(True)).astype(bool)
    out["sample"] = (has_value & is_sample.fillna(False)).astype(bool)
    out["batch_id"] = out["batch_id"].where(out["reported"])
    waiting = pending[pending["year"] == int(year)] if not pending.empty else pending
    keys = set(zip(waiting.get("indicator_code", []), waiting.get("region_code", []), strict=True))
    out["pending"] = [(i, r) in keys for i, r in zip(out["indicator_code"], out["region_code"], strict=True)]
    return out[["indicator_code", "region_code", "group", "reported", "sample", "pending", "batch_id"]]


def state_of(expected_n: int, reported_n: int) -> str:
    if reported_n >= expected_n:
        return "complete"
    return "partial" if reported_n > 0 else "missing"


def cell_states(values: pd.DataFrame) -> pd.DataFrame:
    """Unit × group cells (CELL_COLUMNS) from ``expected_values``: counts, the state, and the latest
    batch that reported one of its values (None when none did). ``unsent``: values neither reported
    nor awaiting review."""
    if values.empty:
        return pd.DataFrame(columns=CELL_COLUMNS)
    v = values.assign(unsent=~values["reported"] & ~values["pending"])
    g = v.groupby(["region_code", "group"], sort=False)
    out = g.agg(
        expected=("indicator_code", "size"),
        reported=("reported", "sum"),
        sample=("sample", "sum"),
        pending=("pending", "sum"),
        unsent=("unsent", "sum"),
        last_batch=("batch_id", "max"),
    ).reset_index()
    for col in ("expected", "reported", "sample", "pending", "unsent"):
        out[col] = out[col].astype(int)
    out["state"] = [state_of(e, r) for e, r in zip(out["expected"], out["reported"], strict=True)]
    last = [None if pd.isna(b) else int(b) for b in out["last_batch"]]
    out["last_batch"] = pd.Series(last, index=out.index, dtype=object)  # batch ids, None where none reported
    return out[CELL_COLUMNS]


@dataclass(frozen=True)
class UnitSummary:
    region_code: str
    expected: int
    reported: int
    pending: int
    unsent: int
    overdue: bool
    last_batch: int | None

    @property
    def state(self) -> str:
        return state_of(self.expected, self.reported)


def is_overdue(due: date | None, today: date, unsent: int) -> bool:
    """Past the due date (the due day itself is still on time) with values neither reported nor sent."""
    return due is not None and today > due and unsent > 0


def unit_summaries(cells: pd.DataFrame, due: date | None, today: date) -> dict[str, UnitSummary]:
    """Each unit's totals over its cells, and whether it is overdue."""
    if cells.empty:
        return {}
    sums = cells.groupby("region_code", sort=False)[["expected", "reported", "pending", "unsent"]].sum()
    last = cells.dropna(subset=["last_batch"]).groupby("region_code", sort=False)["last_batch"].max()
    latest = {str(k): int(v) for k, v in last.items()}
    out: dict[str, UnitSummary] = {}
    for code, expected_n, reported_n, pending_n, unsent in zip(
        sums.index, sums["expected"], sums["reported"], sums["pending"], sums["unsent"], strict=True
    ):
        out[str(code)] = UnitSummary(
            region_code=str(code),
            expected=int(expected_n),
            reported=int(reported_n),
            pending=int(pending_n),
            unsent=int(unsent),
            overdue=is_overdue(due, today, int(unsent)),
            last_batch=latest.get(str(code)),
        )
    return out


@dataclass(frozen=True)
class IndicatorState:
    indicator_code: str
    expected: int  # units that report it (the districts, or the city)
    reported: int
    pending: int

    @property
    def state(self) -> str:
        return state_of(self.expected, self.reported)


@dataclass(frozen=True)
class DepartmentState:
    department_code: str
    lead_tasks: tuple[str, ...]
    indicators: tuple[IndicatorState, ...]

    @property
    def expected(self) -> int:
        return sum(i.expected for i in self.indicators)

    @property
    def reported(self) -> int:
        return sum(i.reported for i in self.indicators)

    @property
    def pending(self) -> int:
        return sum(i.pending for i in self.indicators)

    @property
    def state(self) -> str | None:
        """None for a department that leads no task with indicators: nothing is asked of it."""
        return state_of(self.expected, self.reported) if self.indicators else None


def department_states(plan: Plan, values: pd.DataFrame) -> list[DepartmentState]:
    """Per department (in the plan's order): the indicators of the tasks it leads (the plan's 任务分工,
    牵头), each with how many of its expected values are reported."""
    by_indicator: dict[str, tuple[int, int, int]] = {}
    if not values.empty:
        g = values.groupby("indicator_code", sort=False).agg(
            expected=("region_code", "size"), reported=("reported", "sum"), pending=("pending", "sum")
        )
        by_indicator = {
            str(k): (int(e), int(r), int(p))
            for k, e, r, p in zip(g.index, g["expected"], g["reported"], g["pending"], strict=True)
        }
    out = []
    for d in plan.departments:
        lead = tuple(t.code for t in plan.tasks if d.code in t.roles.lead)
        inds = []
        for task in lead:
            for ind in plan.indicators_for(task):
                e, r, p = by_indicator.get(ind.code, (0, 0, 0))
                inds.append(IndicatorState(ind.code, e, r, p))
        out.append(DepartmentState(d.code, lead, tuple(inds)))
    return out


def missing_for(values: pd.DataFrame, region: str, year: int) -> list[tuple[str, str, int]]:
    """The values a unit still has to send for the year: neither reported nor awaiting review
    (indicator, region, year), in the plan's order."""
    part = values[(values["region_code"] == region) & ~values["reported"] & ~values["pending"]]
    return [(str(i), str(region), int(year)) for i in part["indicator_code"]]


# -- the round's due date (the store) ------------------------------------------------------------

_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_WIDE = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")


def parse_due_date(value: object) -> date | None:
    """A date as staff type it: 2020-12-31, 2020/12/31, 2020.12.31 or 2020年12月31日 (full-width digits
    too); None for anything else."""
    if not isinstance(value, str):
        return None
    m = _DATE.match(value.translate(_WIDE))
    if m is None:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


_ROUND = cast(Table, schema.ReportingRound.__table__)


@dataclass(frozen=True)
class Round:
    plan_code: str
    year: int
    due_date: date | None = None
    set_by: str | None = None
    set_at: datetime | None = None  # UTC


def read_round(engine: Engine, plan_code: str, year: int) -> Round:
    """The year's round (no due date when none was set)."""
    with engine.connect() as conn:
        row = (
            conn.execute(select(_ROUND).where(_ROUND.c.plan_code == plan_code, _ROUND.c.year == int(year)))
            .mappings()
            .first()
        )
    if row is None:
        return Round(plan_code, int(year))
    return Round(plan_code, int(year), row["due_date"], row["set_by"], row["set_at"])


def set_due_date(engine: Engine, plan_code: str, year: int, due: date | None, user: User) -> Round:
    """Set (or, with None, clear) a round's due date as ``user`` (an editor or more); logged in the audit log."""
    require_role(user, "set_due_date")
    now = datetime.now(UTC).replace(tzinfo=None)
    values: dict[str, Any] = {"due_date": due, "set_by": user.username, "set_at": now}
    with engine.begin() as conn:
        conn.execute(delete(_ROUND).where(_ROUND.c.plan_code == plan_code, _ROUND.c.year == int(year)))
        conn.execute(insert(_ROUND).values(plan_code=plan_code, year=int(year), **values))
        record_in(
            conn,
            "due_date_set",
            user.username,
            plan_code=plan_code,
            detail=f"{int(year)}: {due.isoformat() if due else '-'}",
        )
    return Round(plan_code, int(year), due, user.username, now)
