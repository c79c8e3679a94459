"""The data page's questions: observations under a filter, and the cells still missing.

Services (docs/architecture.md): plain functions of the repository that return
frames, used by the data page, its downloads and anything else that needs them.
They know nothing of Dash.
"""

from __future__ import annotations

import pandas as pd

from dashboard.repository import Repository


def _indicator_codes(repo: Repository, task: str | None, indicator: str | None) -> list[str]:
    if indicator:
        return [indicator]
    return [i.code for i in repo.plan.indicators if task is None or i.task == task]


def _order(repo: Repository, frame: pd.DataFrame) -> pd.DataFrame:
    """The plan's order (indicators as listed, the city before its districts, years ascending), not string order."""
    ind_pos = {i.code: n for n, i in enumerate(repo.plan.indicators)}
    region_pos = {repo.city: -1} | {u.code: n for n, u in enumerate(repo.plan.region.units)}
    key = pd.DataFrame(
        {
            "i": frame["indicator_code"].map(ind_pos).fillna(len(ind_pos)),
            "r": frame["region_code"].map(region_pos).fillna(len(region_pos)),
            "y": frame["year"],
        },
        index=frame.index,
    )
    return frame.loc[key.sort_values(["i", "r", "y"]).index]


def observations_for(
    repo: Repository,
    task: str | None = None,
    indicator: str | None = None,
    district: str | None = None,
    year: int | None = None,
) -> pd.DataFrame:
    """Rows of repo.frame() for the filter (None: no filter on that field), in the plan's order."""
    f = repo.frame()
    mask = f["indicator_code"].isin(_indicator_codes(repo, task, indicator))
    if district:
        mask &= f["region_code"] == district
    if year is not None:
        mask &= f["year"] == int(year)
    return _order(repo, f[mask])


def expected_years(repo: Repository) -> list[int]:
    """From the baseline to the latest year with data: the years each indicator should have been reported."""
    years = repo.years()
    return list(range(min(repo.plan.baseline_year, years[0]), max(repo.plan.baseline_year, years[-1]) + 1))


def missing_cells(
    repo: Repository,
    task: str | None = None,
    indicator: str | None = None,
    district: str | None = None,
    year: int | None = None,
) -> pd.DataFrame:
    """Expected but missing (no row, or no value): indicator × district × year for indicators reported
    by district, indicator × city × year for city-only ones; columns indicator_code, region_code, year."""
    f = repo.frame()
    present = set(
        zip(
            f.loc[f["value"].notna(), "indicator_code"],
            f.loc[f["value"].notna(), "region_code"],
            f.loc[f["value"].notna(), "year"].astype(int),
            strict=True,
        )
    )
    years = [int(year)] if year is not None else expected_years(repo)
    units = [u.code for u in repo.plan.region.units]
    rows = []
    for code in _indicator_codes(repo, task, indicator):
        if repo.is_mappable(code):
            regions = [district] if district else units
        else:
            regions = [] if district else [repo.city]
        rows += [(code, r, y) for r in regions for y in years if (code, r, y) not in present]
    return pd.DataFrame(rows, columns=["indicator_code", "region_code", "year"])
