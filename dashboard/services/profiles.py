"""A district's profile: its row of every indicator, where it ranks, and the city to compare it with.

Services (docs/architecture.md): plain functions of the repository; the district
page, its callbacks and the reports call them. They know nothing of Dash.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import cast

import pandas as pd

from dashboard.repository import Repository, year_values
from data.numbers import finite_number
from data.plan import Rollup


@dataclass(frozen=True)
class RankSummary:
    top: list[str]  # indicators where the district is among the best three
    bottom: list[str]  # ... among the worst three
    n: int  # indicators it has a rank in
    median: float | None  # its median rank over those


def compared_per_district(repo: Repository, indicator: str) -> bool:
    """True when a district is compared with the city's mean per district rather than the city's value:
    a count summed over the districts dwarfs any one of them."""
    return repo.indicator(indicator).rollup == Rollup.sum


def city_comparison(repo: Repository, indicator: str, year: int) -> dict[int, float]:
    """The city's figures up to ``year`` as a district is compared with them (per district for sums)."""
    per = len(repo.plan.region.units) if compared_per_district(repo, indicator) else 1
    city = repo.series(indicator, repo.city)
    return {y: v / per for y, v in year_values(city[city.index <= year].dropna()).items()}


def district_rows(repo: Repository, district: str, year: int) -> list[dict]:
    """Every indicator with district figures: the district's row of district_table and the city's value."""
    rows = []
    for ind in repo.plan.indicators:
        if not repo.is_mappable(ind.code):
            continue
        table = repo.district_table(ind.code, year)
        row = table.set_index("code").loc[district]
        city = repo.series(ind.code, repo.city)
        rank = row["rank"]
        rows.append(
            {
                "code": ind.code,
                "task": ind.task,
                "value": finite_number(row["value"]),
                "city_value": finite_number(city.get(year)),
                "target": finite_number(row["target"]),
                "status": row["status"],
                "rank": None if pd.isna(rank) else int(rank),
                "n_ranked": int(table["value"].notna().sum()),
            }
        )
    return rows


def rank_summary(repo: Repository, district: str, year: int) -> RankSummary:
    """Indicators where the district is in the top or bottom three, and its median rank.

    Indicators where every reporting district has the same value (e.g. all at
    full coverage) say nothing about rank and are not counted as top or bottom.
    """
    top, bottom, ranks = [], [], []
    for ind in repo.plan.indicators:
        if not repo.is_mappable(ind.code):
            continue
        table = repo.district_table(ind.code, year).set_index("code")
        values = table["value"]
        if pd.isna(values.get(district)):
            continue
        ranks.append(int(cast(float, table.loc[district, "rank"])))  # a cell: the district's rank
        if values.dropna().nunique() <= 1:
            continue
        from_bottom = values.rank(ascending=ind.higher_is_better, method="min")
        if ranks[-1] <= 3:
            top.append(ind.code)
        if from_bottom[district] <= 3:
            bottom.append(ind.code)
    return RankSummary(top=top, bottom=bottom, n=len(ranks), median=statistics.median(ranks) if ranks else None)
