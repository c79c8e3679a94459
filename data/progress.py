"""Progress against the plan's targets: pure functions, no I/O.

Everything here is computed from an indicator (``data.plan.Indicator``) and a
series of yearly values; nothing is stored.  The method, with formulas and
the threshold table, is in ``docs/progress.md``; the constants below are the
thresholds it documents.

The entry point is :func:`assess` (one indicator, one region, one year →
:class:`Progress`).  Around it: the expected path (:func:`expected_value`,
:func:`expected_share`), the share achieved (:func:`achieved_share`), the
status class (:func:`classify`), running totals for cumulative targets
(:func:`running_total`), coverage from numerator and denominator
(:func:`coverage`), the district → city roll-up (:func:`rollup_to_city`),
the linear forecast (:func:`linear_fit`, :func:`year_reached`), and task
and department roll-ups (:func:`task_progress`, :func:`department_progress`).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, SupportsInt, TypedDict, cast

import pandas as pd

from data.numbers import finite_number
from data.plan import Indicator, IndicatorKind, Rollup, Target, TargetType, Task

# -- constants (documented in docs/progress.md) ---------------------------------

BASELINE_YEAR = 2015  # 基期: the plan's baseline year
PLAN_END_YEAR = 2020  # 规划期末
FULL_COVERAGE = 100.0  # 全覆盖 means 100 %, whatever the target's value says

ON_TRACK_RATIO = 0.95  # 进度正常: achieved share ≥ 95 % of the expected share
LAGGING_RATIO = 0.75  # 滞后: ≥ 75 %; below that 严重滞后

# Monitoring-only indicators without a target are judged on their trend
# against the baseline: a change within ±1 % of the baseline counts as flat.
TREND_FLAT_TOLERANCE = 0.01
# Score a trend-judged indicator brings into a task's mean, by its class.
TREND_SCORES = {"on_track": 1.0, "lagging": 0.85, "off_track": 0.5}

# The year a target would be reached is reported up to this many years after
# the later of the target year and the assessment year; beyond that: None.
FORECAST_HORIZON_YEARS = 30

# An unmet target at or after its deadline scores just under the on-track
# line, so that a group of one has the status of its member.
_BELOW_ON_TRACK = ON_TRACK_RATIO - 1e-6
_MET_TOLERANCE = 1e-9  # relative, so that 12.0 meets 12 after float arithmetic
# Ratios are compared with the thresholds with this slack, so that 3/10 of a
# target against 4/10 expected (0.7499999…) counts as the 75 % it is.
RATIO_TOLERANCE = 1e-9


# -- status --------------------------------------------------------------------


class Status(str, enum.Enum):
    """Status class of an indicator, task or department; the order is the legend's.

    A code, not a word: the dashboard's catalogue names it in each language
    (``dashboard.i18n.status_label``), so ``data/`` holds no UI words.
    """

    achieved = "achieved"  # 已达标
    on_track = "on_track"  # 进度正常
    lagging = "lagging"  # 进度滞后
    off_track = "off_track"  # 严重滞后
    no_data = "no_data"  # 无数据

    @property
    def rank(self) -> int:
        """0 (best) … 4 (no data); a higher rank among data statuses is worse."""
        return _STATUS_ORDER.index(self)


_STATUS_ORDER: list[Status] = list(Status)


def _empty_counts() -> dict[Status, int]:
    return dict.fromkeys(Status, 0)


# -- results -------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """One indicator's progress in one region at one year.

    ``value`` is the figure judged against the target: the observation of the
    year, or for a cumulative target the running total since the baseline
    (then ``observed`` is the year's own figure).  Shares are fractions
    (1.0 = 100 %).  Fields that cannot be computed are None.
    """

    status: Status
    year: int
    has_target: bool
    higher_is_better: bool
    value: float | None = None
    observed: float | None = None
    target: float | None = None  # target level (100 for full coverage)
    target_year: int | None = None
    target_type: TargetType | None = None
    baseline_value: float | None = None  # start of the path, on the scale of value
    baseline_year: int | None = None  # start year of the path (see fall-back rule)
    expected_value: float | None = None
    achieved_share: float | None = None  # clipped to [0, 1]
    raw_share: float | None = None  # unclipped: < 0 moved away, > 1 overshot
    expected_share: float | None = None
    pace: float | None = None  # achieved_share / expected_share (None if nothing expected)
    score: float | None = None  # in [0, 1], what the task's mean uses
    gap: float | None = None  # still to go towards the target; < 0 when exceeded
    forecast_value: float | None = None  # linear forecast at the target (or plan end) year
    forecast_year_reached: int | None = None
    worst_year: int | None = None  # every-year targets: the year that set the status
    missing_years: tuple[int, ...] = ()  # years since the path start without observation

    @property
    def met(self) -> bool:
        return self.status is Status.achieved

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (enums as their string values)."""
        d = asdict(self)
        d["status"] = self.status.value
        d["target_type"] = self.target_type.value if self.target_type else None
        d["missing_years"] = list(self.missing_years)
        return d


@dataclass(frozen=True)
class GroupProgress:
    """Progress of a group of indicators (a task)."""

    status: Status
    score: float | None  # mean member score over members with data
    n_indicators: int
    n_with_data: int
    counts: dict[Status, int] = field(default_factory=_empty_counts)  # every Status, legend order


@dataclass(frozen=True)
class DepartmentProgress:
    """A department judged on the tasks it leads (牵头); cooperation (配合) listed apart."""

    department: str
    status: Status
    score: float | None  # mean task score over lead tasks with data
    lead_tasks: tuple[str, ...]
    cooperate_tasks: tuple[str, ...]
    n_with_data: int
    counts: dict[Status, int] = field(default_factory=_empty_counts)  # over lead tasks


@dataclass(frozen=True)
class LinearFit:
    """Least-squares line value = intercept + slope × year."""

    slope: float
    intercept: float
    n: int
    x_mean: float
    y_mean: float

    def at(self, year: float) -> float:
        # Centred form: exact for exactly linear data even with years ~2000.
        return self.y_mean + self.slope * (year - self.x_mean)


# -- small helpers -------------------------------------------------------------


def as_series(series: Mapping[int, float | None] | pd.Series | None) -> dict[int, float]:
    """Year → value, sorted, dropping missing values (None, NaN, NA, ±inf)."""
    if series is None:
        return {}
    items = series.items()
    out: dict[int, float] = {}
    for k, v in items:
        f = finite_number(v)
        if f is not None:
            out[int(cast(SupportsInt, k))] = f  # a Series' labels are Hashable to the stubs; here they are years
    return dict(sorted(out.items()))


def _effective_direction(target: Target | None, higher_is_better: bool) -> bool:
    # Cumulative and full-coverage targets are always "reach at least".
    if target is not None and target.type in (TargetType.cumulative, TargetType.full_coverage):
        return True
    return higher_is_better


def target_level(target: Target) -> float:
    """The level to reach: the target's value, or 100 % for full coverage."""
    return FULL_COVERAGE if target.type is TargetType.full_coverage else float(target.value)


def meets(value: float, level: float, higher_is_better: bool = True) -> bool:
    """Whether value meets level in the indicator's direction (with a tiny tolerance)."""
    tol = _MET_TOLERANCE * max(1.0, abs(level))
    return value >= level - tol if higher_is_better else value <= level + tol


def elapsed_share(start_year: int, target_year: int, year: int) -> float:
    """Share of the time from start to target year elapsed at year, in [0, 1]."""
    if year <= start_year:
        return 0.0
    if year >= target_year:
        return 1.0
    return (year - start_year) / (target_year - start_year)


def _clip01(x: float) -> float:
    return min(1.0, max(0.0, x))


# -- expected path and achieved share -------------------------------------------


def expected_value(target: Target, baseline_value: float | None, baseline_year: int, year: int) -> float | None:
    """Where the path from the baseline to the target says the figure should be at year.

    level_by_year / full_coverage: linear from (baseline_year, baseline_value)
    to (target.year, level), flat at the level afterwards; cumulative: the
    running total level × elapsed share; every_year: the level in every year
    after the baseline year (None before).
    """
    level = target_level(target)
    if target.type is TargetType.cumulative:
        return level * elapsed_share(baseline_year, target.year, year)
    if target.type is TargetType.every_year:
        return level if year > baseline_year else None
    if baseline_value is None:
        return None
    return baseline_value + (level - baseline_value) * elapsed_share(baseline_year, target.year, year)


def _degenerate(level: float, baseline_value: float, higher_is_better: bool) -> bool:
    """The baseline already meets the target: the task is to hold it."""
    return meets(baseline_value, level, higher_is_better)


def expected_share(
    target: Target, baseline_year: int, year: int, *, baseline_value: float | None = None, higher_is_better: bool = True
) -> float:
    """Share of the path expected to be covered at year, in [0, 1].

    Elapsed time for level, full-coverage and cumulative targets; 1 in every
    year after the baseline for every-year targets and for level targets the
    baseline already meets (hold the level).
    """
    hib = _effective_direction(target, higher_is_better)
    hold = target.type is TargetType.every_year or (
        target.type in (TargetType.level_by_year, TargetType.full_coverage)
        and baseline_value is not None
        and _degenerate(target_level(target), baseline_value, hib)
    )
    if hold:
        return 1.0 if year > baseline_year else 0.0
    return elapsed_share(baseline_year, target.year, year)


def _ratio_share(value: float, level: float, higher_is_better: bool) -> float:
    """value/level (lower is better: level/value); ≥ 1 when met, 0 when the ratio is undefined."""
    if higher_is_better:
        ratio = value / level if level > 0 else None
    else:
        ratio = level / value if level > 0 and value > 0 else None
    if meets(value, level, higher_is_better):
        return max(1.0, ratio) if ratio is not None else 1.0
    return ratio if ratio is not None else 0.0


def achieved_share(
    target: Target, value: float, baseline_value: float | None = None, higher_is_better: bool = True
) -> float | None:
    """Raw (unclipped) share of the path achieved.

    level_by_year / full_coverage: (value − baseline)/(level − baseline), or
    the every-year ratio when the baseline already meets the level; cumulative:
    running total / level; every_year: value/level (level/value when lower is
    better).  None when a level target has no baseline.
    """
    level = target_level(target)
    hib = _effective_direction(target, higher_is_better)
    if target.type in (TargetType.cumulative, TargetType.every_year):
        return _ratio_share(value, level, hib)
    if baseline_value is None:
        return None
    if _degenerate(level, baseline_value, hib):
        return _ratio_share(value, level, hib)
    return (value - baseline_value) / (level - baseline_value)


def classify(share: float, expected: float, met: bool, final: bool = False) -> Status:
    """Status from the achieved and expected shares.

    achieved if met; otherwise on_track when nothing is expected yet or
    share ≥ ON_TRACK_RATIO × expected (never when ``final``: at or after the
    deadline an unmet target is at best lagging); lagging when ≥
    LAGGING_RATIO × expected; off_track below.
    """
    if met:
        return Status.achieved
    if expected <= 0:
        return Status.on_track
    return _band(max(0.0, share) / expected, final)


def _band(ratio: float, final: bool = False) -> Status:
    if ratio >= ON_TRACK_RATIO - RATIO_TOLERANCE and not final:
        return Status.on_track
    if ratio >= LAGGING_RATIO - RATIO_TOLERANCE:
        return Status.lagging
    return Status.off_track


def _score(share: float, expected: float, met: bool, final: bool) -> float:
    if met or expected <= 0:
        return 1.0
    s = min(1.0, max(0.0, share) / expected)
    return min(s, _BELOW_ON_TRACK) if final else s


# -- cumulative totals and coverage ---------------------------------------------


def running_total(
    series: Mapping[int, float | None] | pd.Series, baseline_year: int, kind: IndicatorKind = IndicatorKind.annual_count
) -> dict[int, float]:
    """Running total since the baseline year, at the baseline and each observed later year.

    annual_count: sum of the yearly counts of baseline_year < y' ≤ y (years
    without an observation add nothing); 0 at the baseline year by definition.
    cumulative_count: the value minus the baseline value (0 if not observed:
    the count runs from the baseline).  stock / rate / coverage: value minus
    the baseline value; without a baseline observation the earliest later
    observation stands in (its total is 0).
    """
    obs = {y: v for y, v in as_series(series).items() if y >= baseline_year}
    if kind is IndicatorKind.annual_count:
        out = {baseline_year: 0.0}
        total = 0.0
        for y, v in obs.items():
            if y > baseline_year:
                total += v
                out[y] = total
        return out
    if baseline_year in obs:
        start_year, start = baseline_year, obs[baseline_year]
    elif kind is IndicatorKind.cumulative_count:
        start_year, start = baseline_year, 0.0
    elif obs:
        start_year, start = next(iter(obs.items()))
    else:
        return {}
    out = {start_year: 0.0}
    for y, v in obs.items():
        if y > start_year:
            out[y] = v - start
    return out


def coverage(numerator: float | None, denominator: float | None) -> float | None:
    """100 × numerator / denominator, None if either is missing or the denominator ≤ 0.

    A numerator larger than the denominator is returned as is (> 100 %) so
    that the data error shows.
    """
    num, den = finite_number(numerator), finite_number(denominator)
    if num is None or den is None or den <= 0:
        return None
    return 100.0 * num / den


# -- forecast ------------------------------------------------------------------


def linear_fit(points: Mapping[int, float | None] | pd.Series) -> LinearFit | None:
    """Least-squares line through (year, value); None with fewer than 2 years."""
    pts = as_series(points)
    n = len(pts)
    if n < 2:
        return None
    xm = sum(pts) / n
    ym = sum(pts.values()) / n
    sxx = sum((x - xm) ** 2 for x in pts)
    sxy = sum((x - xm) * (y - ym) for x, y in pts.items())
    slope = sxy / sxx
    return LinearFit(slope=slope, intercept=ym - slope * xm, n=n, x_mean=xm, y_mean=ym)


def forecast(points: Mapping[int, float | None] | pd.Series, year: int) -> float | None:
    """The least-squares line's value at year (None with fewer than 2 points)."""
    fit = linear_fit(points)
    return None if fit is None else fit.at(year)


def year_reached(
    points: Mapping[int, float | None] | pd.Series,
    level: float,
    higher_is_better: bool = True,
    *,
    horizon_year: int | None = None,
) -> int | None:
    """The year the level is (or would be, at the current pace) reached.

    If the latest point meets the level: the first year of the run of met
    points that ends there.  Otherwise: the first whole year after the latest
    point at which the least-squares line meets the level; None with fewer
    than 2 points, a flat line or one moving away, or beyond horizon_year.
    """
    pts = as_series(points)
    if not pts:
        return None
    years = list(pts)
    if meets(pts[years[-1]], level, higher_is_better):
        first = years[-1]
        for y in reversed(years):
            if not meets(pts[y], level, higher_is_better):
                break
            first = y
        return first
    fit = linear_fit(pts)
    if fit is None:
        return None
    toward = fit.slope if higher_is_better else -fit.slope
    if toward <= 0:
        return None
    crossing = fit.x_mean + (level - fit.y_mean) / fit.slope
    if not math.isfinite(crossing) or (horizon_year is not None and crossing > horizon_year + 1):
        return None
    reached = max(math.ceil(crossing - 1e-6), years[-1] + 1)
    if horizon_year is not None and reached > horizon_year:
        return None
    return reached


# -- the entry point -------------------------------------------------------------


def _path_start(hist: dict[int, float], baseline_year: int) -> tuple[int | None, float | None]:
    """Baseline observation, or the earliest observation standing in for it."""
    if baseline_year in hist:
        return baseline_year, hist[baseline_year]
    for y, v in hist.items():
        return y, v
    return None, None


def _missing(hist: Mapping[int, float], start_year: int | None, year: int) -> tuple[int, ...]:
    if start_year is None:
        return ()
    return tuple(y for y in range(start_year + 1, year + 1) if y not in hist)


class _TargetFields(TypedDict):
    """The fields of a Progress against a target that every outcome shares (no data, or judged)."""

    year: int
    has_target: bool
    higher_is_better: bool
    observed: float | None
    target: float
    target_year: int
    target_type: TargetType


class _TrendFields(TypedDict):
    """The fields of a Progress without a target that every outcome shares (no data, or a trend)."""

    year: int
    has_target: bool
    higher_is_better: bool
    observed: float | None
    value: float | None
    baseline_value: float | None
    baseline_year: int | None
    forecast_value: float | None
    missing_years: tuple[int, ...]


def assess(
    indicator: Indicator,
    series: Mapping[int, float | None] | pd.Series,
    baseline_year: int = BASELINE_YEAR,
    year: int = PLAN_END_YEAR,
    *,
    end_year: int = PLAN_END_YEAR,
    every_year_rule: Literal["worst", "latest"] = "worst",
) -> Progress:
    """Progress of one indicator in one region at one year.

    ``series`` maps year → the indicator's value in that region (a pd.Series
    indexed by year works too); missing values may be None/NaN.  Only years
    from baseline_year to year are used (no peeking ahead).  ``end_year`` is
    the forecast year for indicators without a target.  ``every_year_rule``:
    an every-year target is judged on its worst observed year so far
    ("worst", the default) or on the assessment year alone ("latest").
    """
    hib = indicator.higher_is_better
    hist = {y: v for y, v in as_series(series).items() if baseline_year <= y <= year}
    observed = hist.get(year)
    target = indicator.target
    if target is None:
        return _assess_trend(hist, observed, hib, year, baseline_year, end_year)

    hib = _effective_direction(target, hib)
    level = target_level(target)
    horizon = max(target.year, year) + FORECAST_HORIZON_YEARS
    common: _TargetFields = {
        "year": year,
        "has_target": True,
        "higher_is_better": hib,
        "observed": observed,
        "target": level,
        "target_year": target.year,
        "target_type": target.type,
    }

    if target.type is TargetType.cumulative:
        totals = running_total(hist, baseline_year, indicator.kind)
        start_year = baseline_year if indicator.kind is IndicatorKind.annual_count else min(totals, default=None)
        value = totals.get(year) if observed is not None else None
        base = 0.0 if totals else None
        points = totals
    else:
        start_year, base = _path_start(hist, baseline_year)
        if target.type is TargetType.every_year:
            start_year, base = baseline_year, hist.get(baseline_year)
        value = observed
        points = hist

    # Level paths start at the baseline (or its stand-in); cumulative and
    # every-year targets run over the plan period whatever the data.
    by_period = target.type in (TargetType.cumulative, TargetType.every_year)
    path_year = baseline_year if by_period or start_year is None else start_year
    exp_value = expected_value(target, base, path_year, year)
    exp_share = expected_share(target, path_year, year, baseline_value=base, higher_is_better=hib)
    fit = linear_fit(points)
    fc_value = fit.at(target.year) if fit else None
    fc_year = year_reached(points, level, hib, horizon_year=horizon)
    missing = _missing(hist, start_year if start_year is not None else baseline_year, year)

    if value is None:
        return Progress(
            status=Status.no_data,
            baseline_value=base,
            baseline_year=start_year,
            expected_value=exp_value,
            expected_share=exp_share,
            forecast_value=fc_value,
            forecast_year_reached=fc_year,
            missing_years=missing,
            **common,
        )

    raw = achieved_share(target, value, base, hib)
    met = meets(value, level, hib)
    share = 1.0 if met else _clip01(raw) if raw is not None else 0.0
    final = year >= target.year or (target.type is TargetType.every_year and year > baseline_year)
    status = classify(share, exp_share, met, final)
    score = _score(share, exp_share, met, final)
    worst_year = None

    if target.type is TargetType.every_year and every_year_rule == "worst" and year > baseline_year:
        worst_year = year
        for y, v in reversed(hist.items()):
            if y <= baseline_year or y == year:
                continue
            s_y = _clip01(_ratio_share(v, level, hib))
            m_y = meets(v, level, hib)
            st_y = classify(s_y, 1.0, m_y, True)
            if st_y.rank > status.rank:  # strictly worse: of equally bad years the latest
                status, score, worst_year = st_y, _score(s_y, 1.0, m_y, True), y

    return Progress(
        status=status,
        value=value,
        baseline_value=base,
        baseline_year=start_year,
        expected_value=exp_value,
        achieved_share=share if raw is not None else None,
        raw_share=raw,
        expected_share=exp_share,
        pace=(share / exp_share) if exp_share > 0 else None,
        score=score,
        gap=(level - value) if hib else (value - level),
        forecast_value=fc_value,
        forecast_year_reached=fc_year,
        worst_year=worst_year,
        missing_years=missing,
        **common,
    )


def trend_status(value: float, reference: float, higher_is_better: bool = True) -> Status:
    """Status of an indicator without a target: its change against the reference.

    Better by more than TREND_FLAT_TOLERANCE × |reference| → on_track; within
    it → lagging (no progress); worse → off_track.  Never achieved.
    """
    delta = (value - reference) if higher_is_better else (reference - value)
    tol = TREND_FLAT_TOLERANCE * abs(reference)
    if delta > tol:
        return Status.on_track
    if delta < -tol:
        return Status.off_track
    return Status.lagging


def _assess_trend(
    hist: dict[int, float], observed: float | None, hib: bool, year: int, baseline_year: int, end_year: int
) -> Progress:
    start_year, base = _path_start(hist, baseline_year)
    fit = linear_fit(hist)
    common: _TrendFields = {
        "year": year,
        "has_target": False,
        "higher_is_better": hib,
        "observed": observed,
        "value": observed,
        "baseline_value": base,
        "baseline_year": start_year,
        "forecast_value": fit.at(end_year) if fit else None,
        "missing_years": _missing(hist, start_year if start_year is not None else baseline_year, year),
    }
    # No observation also means no path start (base is None only when there is no data at all).
    if observed is None or base is None:
        return Progress(status=Status.no_data, **common)
    if start_year == year:
        status = Status.on_track  # nothing to compare with yet
    else:
        status = trend_status(observed, base, hib)
    return Progress(status=status, score=TREND_SCORES[status.value], **common)


# -- roll-up from districts to the city -------------------------------------------

ROLLUP_COLUMNS = ["region_code", "year", "value", "numerator", "denominator", "n_reported", "n_expected"]


def rollup_to_city(
    rule: Rollup | Indicator,
    frame: pd.DataFrame,
    populations: Mapping[str, float | None] | None = None,
    districts: Collection[str] | None = None,
    city_code: str | None = None,
) -> pd.DataFrame:
    """City rows per year from district rows, by the indicator's roll-up rule.

    ``frame`` has columns region_code, year, value and, for ratio_of_sums,
    numerator and denominator (other columns are ignored).  Returns one row
    per year present in the frame with ROLLUP_COLUMNS: value (NaN when it
    cannot be computed), numerator/denominator sums (ratio_of_sums only),
    n_reported (districts that contributed) and n_expected.

    Rules: sum → Σ value; ratio_of_sums → 100 × Σ numerator / Σ denominator
    over districts reporting both; population_weighted_mean → Σ pᵢvᵢ / Σ pᵢ
    over districts with a value and a positive population; city_only → NaN
    (the city figure must be observed).  Missing districts are left out: the
    figure is over the reported ones, and n_reported/n_expected say so.
    n_expected is len(districts), else the districts in populations and the
    frame together, else those in the frame.  A district twice in one year is
    an error (ValueError).
    """
    rule = rule.rollup if isinstance(rule, Indicator) else Rollup(rule)
    df = frame.copy()
    for col in ("value", "numerator", "denominator"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64") if col in df else float("nan")
    df["region_code"] = df["region_code"].astype(str)
    pops = {str(k): finite_number(v) for k, v in (populations or {}).items()}
    if districts is not None:
        expected = list(dict.fromkeys(str(d) for d in districts))
        df = df[df["region_code"].isin(expected)]
    elif populations:
        expected = sorted(set(pops) | set(df["region_code"]))
    else:
        expected = sorted(set(df["region_code"]))
    if df.duplicated(["region_code", "year"]).any():
        dup = df[df.duplicated(["region_code", "year"], keep=False)][["region_code", "year"]].drop_duplicates()
        raise ValueError(f"district reported twice in a year: {dup.to_dict('records')}")

    years = pd.Index(sorted(df["year"].dropna().unique()), name="year")
    nan = float("nan")
    v, num, den = df["value"], df["numerator"], df["denominator"]
    if rule is Rollup.ratio_of_sums:
        ok = num.notna() & den.notna()
        sums = df[ok].groupby("year")[["numerator", "denominator"]].sum().reindex(years)
        n = ok.groupby(df["year"]).sum().reindex(years, fill_value=0)
        value = (100.0 * sums["numerator"] / sums["denominator"]).where(sums["denominator"] > 0)
        num_out, den_out = sums["numerator"], sums["denominator"]
    else:
        num_out = den_out = pd.Series(nan, index=years)
        if rule is Rollup.population_weighted_mean:
            w = pd.to_numeric(df["region_code"].map(pops), errors="coerce").astype("float64")
            ok = v.notna() & w.notna() & (w > 0)
            parts = pd.DataFrame({"year": df["year"], "wv": v * w, "w": w})[ok].groupby("year")[["wv", "w"]].sum()
            parts = parts.reindex(years)
            value = parts["wv"] / parts["w"]
        else:
            ok = v.notna()
            value = v[ok].groupby(df["year"][ok]).sum().reindex(years)
            if rule is Rollup.city_only:  # the districts' figures do not make the city's
                value = pd.Series(nan, index=years)
        n = ok.groupby(df["year"]).sum().reindex(years, fill_value=0)
    out = pd.DataFrame(
        {
            "region_code": pd.Series([city_code] * len(years), index=years, dtype=object),
            "year": years.astype("int64"),
            "value": value.to_numpy(dtype="float64"),
            "numerator": num_out.to_numpy(dtype="float64"),
            "denominator": den_out.to_numpy(dtype="float64"),
            "n_reported": n.to_numpy(dtype="int64"),
            "n_expected": len(expected),
        },
        index=years,
        columns=ROLLUP_COLUMNS,
    )
    return out.reset_index(drop=True).astype({"year": "int64", "n_expected": "int64"})


# -- tasks and departments ---------------------------------------------------------


def _group_status(members: list[tuple[Status, float | None]]) -> tuple[Status, float | None, int]:
    with_data = [(s, sc) for s, sc in members if s is not Status.no_data]
    if not with_data:
        return Status.no_data, None, 0
    scores = [sc for _, sc in with_data if sc is not None]
    score = sum(scores) / len(scores) if scores else None
    if all(s is Status.achieved for s, _ in with_data):
        return Status.achieved, score, len(with_data)
    if score is None:
        return max((s for s, _ in with_data), key=lambda s: s.rank), None, len(with_data)
    return _band(score), score, len(with_data)


def task_progress(indicator_progress: Iterable[Progress]) -> GroupProgress:
    """A task's progress from its indicators' (usually the city's, at one year).

    score = mean of the members' scores over indicators with data (each the
    achieved/expected ratio capped to [0, 1]; trend-judged indicators bring
    TREND_SCORES); status: no_data if no indicator has data, achieved if all
    with data are achieved, else the score's band (≥ 0.95 on_track, ≥ 0.75
    lagging, else off_track).  counts: indicators per status.
    """
    items = list(indicator_progress)
    counts = _empty_counts()
    for p in items:
        counts[p.status] += 1
    status, score, n = _group_status([(p.status, p.score) for p in items])
    return GroupProgress(status=status, score=score, n_indicators=len(items), n_with_data=n, counts=counts)


def department_progress(
    department: str, tasks: Iterable[Task], progress_by_task: Mapping[str, GroupProgress]
) -> DepartmentProgress:
    """A department judged on the tasks it leads (mean of their scores, same bands).

    Tasks it cooperates on are listed in ``cooperate_tasks`` and do not count.
    A lead task missing from progress_by_task counts as no_data.
    """
    tasks = list(tasks)
    lead = tuple(t.code for t in tasks if department in t.roles.lead)
    coop = tuple(t.code for t in tasks if department in t.roles.cooperate)
    counts = _empty_counts()
    members = []
    for code in lead:
        gp = progress_by_task.get(code)
        st, sc = (gp.status, gp.score) if gp is not None else (Status.no_data, None)
        counts[st] += 1
        members.append((st, sc))
    status, score, n = _group_status(members)
    return DepartmentProgress(
        department=department,
        status=status,
        score=score,
        lead_tasks=lead,
        cooperate_tasks=coop,
        n_with_data=n,
        counts=counts,
    )


# -- what a trend chart draws ----------------------------------------------------------------


@dataclass(frozen=True)
class Trajectory:
    """An indicator's course in one region, as a trend chart draws it."""

    actual: dict[int, float]  # as judged: running totals since the baseline for a cumulative target
    expected: dict[int, float] | None  # the expected path from the baseline to the target
    forecast: dict[int, float] | None  # the linear forecast from the last year with data to the end
    target: tuple[float, int] | None  # (level, year)


def trajectory(
    indicator: Indicator, actual: Mapping[int, float], progress: Progress, baseline_year: int, end_year: int
) -> Trajectory:
    """Actual values, the expected path and the forecast to the target year (or the plan's end), with
    the same rules as ``assess``: the one place a chart learns where an indicator should be."""
    actual = dict(actual)
    expected = target = None
    goal = indicator.target
    if goal is not None:
        if goal.type == TargetType.cumulative:
            # Judged on the running total since the baseline: chart that, not the yearly counts.
            actual = running_total(actual, baseline_year, indicator.kind)
        start = progress.baseline_year or baseline_year
        path = {y: expected_value(goal, progress.baseline_value, start, y) for y in range(start, goal.year + 1)}
        expected = {y: v for y, v in path.items() if v is not None} or None
        # assess always states the level of a target; a Progress built elsewhere may leave it out.
        level = progress.target if progress.target is not None else target_level(goal)
        target = (level, goal.year)
    end = goal.year if goal else end_year
    fc = None
    if len(actual) >= 2 and max(actual) < end:
        points = {y: forecast(actual, y) for y in range(max(actual), end + 1)}
        fc = {y: v for y, v in points.items() if v is not None}
    return Trajectory(actual=actual, expected=expected, forecast=fc, target=target)
