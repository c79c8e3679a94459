"""Change explained: each figure against the year before it, the batch that brought it, and the jumps.

The rule (what a change is, when it is a jump) is ``data/changes.py``; here the repository's
figures are handed to it. ``jumps(repo, year, ...)`` is the one place that says which figures of
a year moved past their indicator's threshold: the district page, the task page and the import
preview use it, and so can the reporting page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from dashboard.repository import Repository, year_values
from data.changes import Change, change_in, file_jumps, threshold_for
from data.importer import Preview
from data.plan import Plan
from data.store import observations

__all__ = ["BatchInfo", "CellChange", "Change", "cell_changes", "import_jumps", "jumps"]


@dataclass(frozen=True)
class BatchInfo:
    """Where a figure came from: its batch, the file, who imported it and when (UTC)."""

    id: int
    kind: str  # import / sample
    filename: str | None
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class CellChange:
    change: Change | None  # None: no figure that year
    batch: BatchInfo | None


def change_of(repo: Repository, indicator: str, region: str, year: int) -> Change | None:
    series = repo.series(indicator, region)
    return change_in(repo.plan, indicator, region, year, year_values(series[series.index <= year].dropna()))


def jumps(
    repo: Repository, year: int, *, regions: Iterable[str] | None = None, indicators: Iterable[str] | None = None
) -> list[Change]:
    """The figures of ``year`` that moved past their indicator's threshold from the figure before
    them, in the plan's order (indicators, then the city and its units); narrowed to ``regions``
    and ``indicators`` when given. One pass over the year's figures (a few ms for a city's plan)."""
    plan = repo.plan
    codes = [
        i.code
        for i in plan.indicators
        if (indicators is None or i.code in set(indicators)) and threshold_for(plan, i.code) is not None
    ]
    f = repo.frame()
    f = f[f["indicator_code"].isin(codes) & f["value"].notna() & (f["year"] <= year)]
    if regions is not None:
        f = f[f["region_code"].isin(set(regions))]
    now = f[f["year"] == year]
    before = f[f["year"] < year].sort_values("year").drop_duplicates(["indicator_code", "region_code"], keep="last")
    earlier = {
        (i, r): (int(y), float(v))
        for i, r, y, v in zip(
            before["indicator_code"], before["region_code"], before["year"], before["value"], strict=True
        )
    }
    region_order = {repo.city: -1} | {u.code: n for n, u in enumerate(plan.region.units)}
    mappable = {c: repo.is_mappable(c) for c in codes}
    out = []
    for code, region, value in zip(now["indicator_code"], now["region_code"], now["value"], strict=True):
        prev = earlier.get((code, region))
        if prev is None or not (region == repo.city or mappable[code]):
            continue
        ch = Change(code, region, year, float(value), prev[0], prev[1], threshold_for(plan, code))
        if ch.is_jump:
            out.append(ch)
    order = {c: n for n, c in enumerate(codes)}
    return sorted(out, key=lambda c: (order[c.indicator], region_order.get(c.region, len(region_order))))


def cell_changes(repo: Repository, region: str, year: int, indicators: Iterable[str]) -> dict[str, CellChange]:
    """Each indicator's figure in ``region`` and ``year`` against the year before, with its batch."""
    f = repo.frame()
    rows = f[(f["region_code"] == region) & (f["year"] == year) & f["value"].notna()]
    batch_ids = dict(zip(rows["indicator_code"], rows["batch_id"], strict=True))
    batches = repo.batches()
    out = {}
    for code in indicators:
        b = batches.get(int(batch_ids[code])) if code in batch_ids else None
        info = (
            BatchInfo(int(b["id"]), str(b["kind"]), b.get("filename"), str(b["created_by"]), b["created_at"])
            if b
            else None
        )
        out[code] = CellChange(change_of(repo, code, region, year), info)
    return out


def import_jumps(engine: Engine, plan: Plan, preview: Preview) -> list[Change]:
    """The figures of an import preview that jump from the figure before them (the file's own
    earlier year, else the store's real figure; sample figures are not compared with)."""
    if not preview.records:
        return []
    pairs = {(r.indicator, r.region) for r in preview.records}
    indicators = {i for i, _ in pairs if threshold_for(plan, i) is not None}
    if not indicators:
        return []
    regions = {r for _, r in pairs}
    frame = observations(engine, plan.code, indicators=sorted(indicators), regions=sorted(regions))
    frame = frame[~frame["is_sample"].astype(bool) & frame["value"].notna()]
    stored: dict[tuple[str, str], dict[int, float]] = {}
    for ind, region, year, value in zip(
        frame["indicator_code"], frame["region_code"], frame["year"], frame["value"], strict=True
    ):
        stored.setdefault((ind, region), {})[int(year)] = float(value)
    figures = [(r.cell, r.value) for r in preview.records if r.indicator in indicators]
    return file_jumps(plan, figures, stored)
