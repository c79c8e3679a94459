"""A plan that follows another: what a continuing indicator (``Indicator.continues``) carries over.

The earlier period's figures stay in the earlier plan's repository (its own codes, years and
target); these functions read them from there for the trend that spans both periods and for the
new period's baseline, so the rule lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.repository import Repository, year_values
from data.plan import Plan


@dataclass(frozen=True)
class EarlierPeriod:
    plan: Plan  # the followed plan
    indicator: str  # its indicator's code
    actual: dict[int, float]  # its figures in the region, by year, within its period
    target: tuple[float, int] | None  # (value, year) as that plan states it

    @property
    def end(self) -> tuple[int, float] | None:
        """The earlier period's last figure: the new period's baseline."""
        if not self.actual:
            return None
        year = max(self.actual)
        return year, self.actual[year]


def earlier_period(earlier: Repository | None, repo: Repository, indicator: str, region: str) -> EarlierPeriod | None:
    """The followed plan's series of the indicator ``indicator`` of ``repo`` continues, or None."""
    code = repo.indicator(indicator).continues
    if earlier is None or code is None or code not in earlier.plan.indicator_by_code:
        return None
    series = earlier.series(code, region).dropna()
    series = series[series.index <= earlier.plan.end_year]
    target = earlier.indicator(code).target
    return EarlierPeriod(
        plan=earlier.plan,
        indicator=code,
        actual=year_values(series),
        target=(target.value, target.year) if target else None,
    )


def carried_baseline(repo: Repository, indicator: str, region: str) -> tuple[int, float] | None:
    """(year, value) the earlier period ended at, for an indicator that continues one; else None."""
    period = earlier_period(repo.follows, repo, indicator, region)
    return period.end if period else None
