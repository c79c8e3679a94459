"""Progress maths: hand-worked cases and hypothesis properties (docs/progress.md)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.plan import (
    DEFAULT_PLAN_FILE,
    Indicator,
    IndicatorKind,
    Measure,
    Rollup,
    Target,
    TargetType,
    Task,
    TaskKind,
    TaskRoles,
    Text,
)
from data.progress import (
    LAGGING_RATIO,
    ON_TRACK_RATIO,
    RATIO_TOLERANCE,
    GroupProgress,
    Progress,
    Status,
    achieved_share,
    as_series,
    assess,
    classify,
    coverage,
    department_progress,
    expected_share,
    expected_value,
    forecast,
    linear_fit,
    meets,
    rollup_to_city,
    running_total,
    task_progress,
    trend_status,
    year_reached,
)

BASE = 2015


def _t(s: str) -> Text:
    return Text(zh=s, en=s)


def make_indicator(
    kind=IndicatorKind.rate,
    target: Target | None = None,
    *,
    higher_is_better=True,
    rollup=Rollup.population_weighted_mean,
    code="T1-01",
) -> Indicator:
    cov = kind is IndicatorKind.coverage
    return Indicator(
        code=code,
        name=_t("指标"),
        unit=_t("%"),
        task="T1",
        section="三(一)",
        kind=kind,
        rollup=rollup,
        higher_is_better=higher_is_better,
        monitoring_only=target is None,
        definition=_t("定义"),
        source=_t("来源"),
        target=target,
        numerator=_t("分子") if cov else None,
        denominator=_t("分母") if cov else None,
    )


def level(value, year=2020):
    return Target(value=value, year=year, type=TargetType.level_by_year)


# The overall goal: 12 % of citizens scientifically literate by 2020; 7 % in 2015.
GOAL = make_indicator(target=level(12.0))
GOAL_SERIES = {2015: 7.0, 2016: 8.0, 2017: 9.0}

# 十三五期间建立10个专业技术人才继续教育基地: new bases counted per year.
BASES = make_indicator(
    IndicatorKind.annual_count, Target(value=10, year=2020, type=TargetType.cumulative), rollup=Rollup.sum
)
# 每年培训1000名专业技术人才.
TRAINEES = make_indicator(
    IndicatorKind.annual_count, Target(value=1000, year=2020, type=TargetType.every_year), rollup=Rollup.sum
)
# 青少年科普活动站全市中小学全覆盖.
STATIONS = make_indicator(
    IndicatorKind.coverage, Target(value=100, year=2020, type=TargetType.full_coverage), rollup=Rollup.ratio_of_sums
)
# A decreasing indicator: urban–rural gap in literacy, 10 points in 2015, at most 6 by 2020.
GAP = make_indicator(target=level(6.0), higher_is_better=False)
# Monitoring only, no target.
EVENTS = make_indicator(IndicatorKind.annual_count, rollup=Rollup.sum)


# -- status enum ---------------------------------------------------------------------


def test_status_order_is_the_legend_order():
    assert [s.value for s in Status] == ["achieved", "on_track", "lagging", "off_track", "no_data"]
    assert [s.rank for s in Status] == [0, 1, 2, 3, 4]


# -- level targets ---------------------------------------------------------------------


def test_expected_path_for_a_level_target_is_linear_from_baseline():
    t = level(12.0)
    assert expected_value(t, 7.0, BASE, 2015) == 7.0
    assert expected_value(t, 7.0, BASE, 2018) == pytest.approx(10.0)
    assert expected_value(t, 7.0, BASE, 2020) == 12.0
    assert expected_value(t, 7.0, BASE, 2022) == 12.0  # flat after the deadline
    assert expected_share(t, BASE, 2018) == pytest.approx(0.6)


@pytest.mark.parametrize(
    ("value_2018", "status", "share"),
    [
        (12.3, Status.achieved, 1.0),  # met early
        (9.9, Status.on_track, 0.58),  # 0.58 / 0.6 = 0.967 ≥ 0.95
        (9.5, Status.lagging, 0.5),  # 0.5 / 0.6 = 0.833
        (8.0, Status.off_track, 0.2),  # 0.2 / 0.6 = 0.333
        (6.0, Status.off_track, 0.0),  # moved away: raw share −0.2, clipped to 0
    ],
)
def test_goal_indicator_status_in_2018(value_2018, status, share):
    p = assess(GOAL, {**GOAL_SERIES, 2018: value_2018}, BASE, 2018)
    assert p.status is status
    assert p.achieved_share == pytest.approx(share)
    assert p.expected_share == pytest.approx(0.6)
    assert p.expected_value == pytest.approx(10.0)
    assert p.gap == pytest.approx(12.0 - value_2018)
    assert p.baseline_value == 7.0 and p.baseline_year == 2015


def test_hand_worked_goal_indicator_in_full():
    p = assess(GOAL, {2015: 7, 2016: 8, 2017: 9, 2018: 9.5}, BASE, 2018)
    assert p.status is Status.lagging
    assert p.pace == pytest.approx(0.5 / 0.6)
    assert p.score == pytest.approx(0.5 / 0.6)
    # least squares: slope 4.25 / 5 = 0.85, mean (2016.5, 8.375) → 2020: 11.35
    assert p.forecast_value == pytest.approx(11.35)
    # crossing 12 at 2016.5 + 3.625 / 0.85 = 2020.76 → 2021
    assert p.forecast_year_reached == 2021
    assert p.raw_share == pytest.approx(0.5)


def test_unmet_target_at_the_deadline_is_at_best_lagging():
    # 11.8 in 2020: share 0.96 of the path, but the year is over.
    p = assess(GOAL, {2015: 7.0, 2020: 11.8}, BASE, 2020)
    assert p.achieved_share == pytest.approx(0.96)
    assert p.status is Status.lagging
    assert p.score < ON_TRACK_RATIO
    assert assess(GOAL, {2015: 7.0, 2019: 11.0}, BASE, 2019).status is Status.on_track  # 0.8 / 0.8


def test_no_data_for_the_year():
    p = assess(GOAL, {}, BASE, 2018)
    assert p.status is Status.no_data
    assert p.value is None and p.achieved_share is None and p.score is None
    # other years observed, not this one: still no data, but the path and forecast are given
    p = assess(GOAL, GOAL_SERIES, BASE, 2018)
    assert p.status is Status.no_data
    assert p.expected_value == pytest.approx(10.0)
    assert p.forecast_value == pytest.approx(12.0)  # 7, 8, 9 → 12 in 2020
    assert p.forecast_year_reached == 2020
    assert p.missing_years == (2018,)


def test_missing_values_in_a_pandas_series_are_no_data():
    s = pd.Series([7.0, float("nan"), None], index=[2015, 2016, 2017])
    assert as_series(s) == {2015: 7.0}
    assert assess(GOAL, s, BASE, 2017).status is Status.no_data


def test_future_years_are_not_used():
    # 2019's 12.5 must not leak into a 2017 assessment
    p = assess(GOAL, {2015: 7, 2016: 8, 2017: 9, 2019: 12.5}, BASE, 2017)
    assert p.status is Status.on_track
    assert p.forecast_value == pytest.approx(12.0)


def test_target_already_met_at_the_baseline_means_hold_it():
    series = {2015: 13.0, 2016: 12.5}
    p = assess(GOAL, series, BASE, 2016)
    assert p.status is Status.achieved and p.forecast_year_reached == 2015
    # fell below the level: share = value / level, expected share 1
    p = assess(GOAL, {**series, 2017: 11.4}, BASE, 2017)
    assert p.expected_share == 1.0
    assert p.achieved_share == pytest.approx(0.95)
    assert p.status is Status.on_track
    assert assess(GOAL, {2015: 13.0, 2020: 11.4}, BASE, 2020).status is Status.lagging
    assert assess(GOAL, {2015: 13.0, 2017: 8.0}, BASE, 2017).status is Status.off_track


def test_missing_baseline_uses_the_earliest_observation():
    p = assess(GOAL, {2016: 8.0, 2018: 10.0}, BASE, 2018)
    assert p.baseline_year == 2016 and p.baseline_value == 8.0
    assert p.expected_share == pytest.approx(0.5)  # (2018 − 2016) / (2020 − 2016)
    assert p.achieved_share == pytest.approx(0.5)  # (10 − 8) / (12 − 8)
    assert p.status is Status.on_track
    assert p.missing_years == (2017,)
    # the first observation itself: nothing expected yet
    assert assess(GOAL, {2017: 8.0}, BASE, 2017).status is Status.on_track


def test_baseline_year_is_on_track_unless_met():
    assert assess(GOAL, {2015: 7.0}, BASE, 2015).status is Status.on_track
    assert assess(GOAL, {2015: 12.0}, BASE, 2015).status is Status.achieved


# -- decreasing indicators -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value_2017", "status", "share"),
    [
        (5.9, Status.achieved, 1.0),
        (8.4, Status.on_track, 0.4),  # on the path: 10 − 4 × 0.4
        (8.6, Status.lagging, 0.35),  # 0.35 / 0.4 = 0.875
        (9.5, Status.off_track, 0.125),
        (11.0, Status.off_track, 0.0),  # worse than the baseline
    ],
)
def test_decreasing_indicator(value_2017, status, share):
    p = assess(GAP, {2015: 10.0, 2017: value_2017}, BASE, 2017)
    assert p.expected_value == pytest.approx(8.4)
    assert p.status is status
    assert p.achieved_share == pytest.approx(share)
    assert p.gap == pytest.approx(value_2017 - 6.0)


def test_decreasing_indicator_forecast_and_year_reached():
    p = assess(GAP, {2015: 10.0, 2016: 9.2, 2017: 8.4}, BASE, 2017)
    assert p.forecast_value == pytest.approx(6.0)
    assert p.forecast_year_reached == 2020
    assert assess(GAP, {2015: 10.0, 2016: 10.5, 2017: 11.0}, BASE, 2017).forecast_year_reached is None


# -- cumulative targets ---------------------------------------------------------------------


def test_running_total_from_annual_counts():
    assert running_total({2015: 0, 2016: 2, 2017: 1, 2018: 3}, BASE) == {2015: 0, 2016: 2, 2017: 3, 2018: 6}
    # a missing year adds nothing; years before the baseline are outside the plan
    assert running_total({2014: 9, 2016: 2, 2018: 3}, BASE) == {2015: 0, 2016: 2, 2018: 5}
    assert running_total({2016: 2, 2018: 5}, BASE, IndicatorKind.cumulative_count) == {2015: 0, 2016: 2, 2018: 5}
    assert running_total({2015: 4, 2017: 7}, BASE, IndicatorKind.stock) == {2015: 0, 2017: 3}
    assert running_total({2016: 4, 2017: 7}, BASE, IndicatorKind.stock) == {2016: 0, 2017: 3}


def test_cumulative_target_hand_worked():
    t = BASES.target
    assert expected_value(t, None, BASE, 2018) == pytest.approx(6.0)  # 10 × 3 / 5
    counts = {2015: 0, 2016: 2, 2017: 1, 2018: 3}
    p = assess(BASES, counts, BASE, 2018)
    assert p.value == 6.0 and p.observed == 3.0
    assert p.achieved_share == pytest.approx(0.6) and p.expected_share == pytest.approx(0.6)
    assert p.status is Status.on_track
    assert p.gap == pytest.approx(4.0)
    # running totals 0, 2, 3, 6: slope 1.9, 2020 → 2.75 + 1.9 × 3.5 = 9.4; 10 crossed in 2020.3 → 2021
    assert p.forecast_value == pytest.approx(9.4)
    assert p.forecast_year_reached == 2021
    p = assess(BASES, counts, BASE, 2017)  # 3 of an expected 4
    assert p.status is Status.lagging and p.pace == pytest.approx(0.75)
    p = assess(BASES, {2016: 2, 2018: 3}, BASE, 2018)  # 2017 not reported: counts as nothing
    assert p.value == 5.0 and p.missing_years == (2017,)
    assert p.status is Status.lagging  # 0.5 / 0.6
    p = assess(BASES, {**counts, 2019: 2, 2020: 2}, BASE, 2020)
    assert p.value == 10.0 and p.status is Status.achieved
    assert p.forecast_year_reached == 2020


def test_cumulative_target_on_a_running_total_series():
    ind = make_indicator(
        IndicatorKind.cumulative_count, Target(value=10, year=2020, type=TargetType.cumulative), rollup=Rollup.city_only
    )
    p = assess(ind, {2016: 2, 2017: 3, 2018: 6}, BASE, 2018)
    assert p.value == 6.0 and p.status is Status.on_track
    assert p.forecast_year_reached == 2021


# -- every-year targets ---------------------------------------------------------------------


def test_every_year_target_worst_year_rule():
    series = {2016: 1100, 2017: 800, 2018: 1200}
    assert expected_value(TRAINEES.target, None, BASE, 2018) == 1000
    assert assess(TRAINEES, series, BASE, 2016).status is Status.achieved
    p = assess(TRAINEES, series, BASE, 2018)
    assert p.status is Status.lagging and p.worst_year == 2017  # 800 / 1000 = 0.8
    assert p.value == 1200 and p.achieved_share == 1.0 and p.raw_share == pytest.approx(1.2)
    assert p.score == pytest.approx(0.8)
    # of equally bad years, the latest is reported
    assert assess(TRAINEES, {2016: 700, 2017: 600, 2018: 1000}, BASE, 2018).worst_year == 2017
    latest = assess(TRAINEES, series, BASE, 2018, every_year_rule="latest")
    assert latest.status is Status.achieved and latest.worst_year is None


@pytest.mark.parametrize(
    ("value", "status"),
    [(1000, Status.achieved), (960, Status.lagging), (750, Status.lagging), (700, Status.off_track)],
)
def test_every_year_target_single_year(value, status):
    # each year is its own deadline: a shortfall is at best lagging
    p = assess(TRAINEES, {2017: value}, BASE, 2017)
    assert p.status is status
    assert p.expected_share == 1.0


def test_every_year_target_lower_is_better():
    ind = make_indicator(
        IndicatorKind.annual_count,
        Target(value=5, year=2020, type=TargetType.every_year),
        higher_is_better=False,
        rollup=Rollup.sum,
    )
    assert assess(ind, {2017: 4}, BASE, 2017).status is Status.achieved
    p = assess(ind, {2017: 6}, BASE, 2017)  # share 5 / 6 = 0.83
    assert p.achieved_share == pytest.approx(5 / 6) and p.status is Status.lagging
    assert assess(ind, {2017: 10}, BASE, 2017).status is Status.off_track


# -- full coverage and coverage ------------------------------------------------------------------


def test_coverage_from_numerator_and_denominator():
    assert coverage(38, 50) == 76.0
    assert coverage(0, 50) == 0.0
    assert coverage(5, 0) is None
    assert coverage(None, 50) is None
    assert coverage(5, None) is None
    assert coverage(float("nan"), 50) is None
    assert coverage(5, -3) is None
    assert coverage(60, 50) == 120.0  # shown as is, so the data error is visible


@pytest.mark.parametrize(
    ("value_2017", "status"),
    [(76.0, Status.on_track), (74.0, Status.lagging), (70.0, Status.off_track), (100.0, Status.achieved)],
)
def test_full_coverage(value_2017, status):
    # 60 % in 2015 → 100 % in 2020: 76 % expected in 2017
    p = assess(STATIONS, {2015: 60.0, 2017: value_2017}, BASE, 2017)
    assert p.target == 100.0
    assert p.expected_value == pytest.approx(76.0)
    assert p.status is status


def test_full_coverage_ignores_the_stated_value_and_direction():
    ind = make_indicator(
        IndicatorKind.coverage, Target(value=1, year=2020, type=TargetType.full_coverage), higher_is_better=False
    )
    p = assess(ind, {2015: 60.0, 2020: 99.0}, BASE, 2020)
    assert p.target == 100.0 and p.status is Status.lagging and p.higher_is_better


# -- indicators without a target ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "higher", "status"),
    [
        (105.0, True, Status.on_track),
        (100.5, True, Status.lagging),
        (90.0, True, Status.off_track),
        (90.0, False, Status.on_track),
        (105.0, False, Status.off_track),
    ],
)
def test_monitoring_indicator_is_judged_on_its_trend(value, higher, status):
    ind = make_indicator(IndicatorKind.annual_count, higher_is_better=higher, rollup=Rollup.sum)
    p = assess(ind, {2015: 100.0, 2018: value}, BASE, 2018)
    assert p.status is status and not p.has_target
    assert p.target is None and p.achieved_share is None and p.score is not None
    assert trend_status(value, 100.0, higher) is status


def test_monitoring_indicator_edge_cases():
    assert assess(EVENTS, {}, BASE, 2018).status is Status.no_data
    assert assess(EVENTS, {2018: 5}, BASE, 2018).status is Status.on_track  # nothing to compare with
    p = assess(EVENTS, {2015: 10, 2016: 12, 2017: 14}, BASE, 2017)
    assert p.forecast_value == pytest.approx(20.0)  # to the plan's end year
    assert p.forecast_year_reached is None


# -- forecast ------------------------------------------------------------------------------------


def test_forecast_needs_two_points():
    assert linear_fit({2016: 3.0}) is None
    assert forecast({2016: 3.0}, 2020) is None
    assert year_reached({2016: 3.0}, 10.0) is None
    assert year_reached({}, 10.0) is None
    fit = linear_fit({2015: 1.0, 2017: 5.0})
    assert fit.slope == pytest.approx(2.0) and fit.intercept == pytest.approx(1.0 - 2.0 * 2015)


def test_year_reached_cases():
    assert year_reached({2015: 1, 2016: 2}, 5) == 2019
    assert year_reached({2015: 1, 2016: 1}, 5) is None  # flat
    assert year_reached({2015: 2, 2016: 1}, 5) is None  # moving away
    assert year_reached({2015: 1, 2016: 2}, 500, horizon_year=2100) is None  # too far
    # met, lost and met again: the current run started in 2018
    assert year_reached({2015: 6, 2016: 3, 2017: 4, 2018: 5, 2019: 6}, 5) == 2018
    # the line crosses before the latest point but the value is not there yet
    assert year_reached({2015: 0, 2016: 10, 2017: 4}, 5) == 2018


# -- roll-ups ----------------------------------------------------------------------------------------


def _frame(rows):
    return pd.DataFrame(rows, columns=["region_code", "year", "value", "numerator", "denominator"])


DISTRICTS = ["230102", "230103", "230104"]


def test_rollup_sum_with_a_missing_district():
    df = _frame(
        [
            ("230102", 2016, 10, None, None),
            ("230103", 2016, 20, None, None),
            ("230102", 2017, 12, None, None),
            ("230103", 2017, 21, None, None),
            ("230104", 2017, 5, None, None),
        ]
    )
    out = rollup_to_city(Rollup.sum, df, districts=DISTRICTS, city_code="230100")
    assert out["year"].tolist() == [2016, 2017]
    assert out["value"].tolist() == [30.0, 38.0]
    assert out["n_reported"].tolist() == [2, 3]
    assert out["n_expected"].tolist() == [3, 3]
    assert (out["region_code"] == "230100").all()


def test_rollup_ratio_of_sums():
    df = _frame([("230102", 2016, 75.0, 30, 40), ("230103", 2016, None, 10, 60), ("230104", 2016, 50.0, None, None)])
    out = rollup_to_city(Rollup.ratio_of_sums, df, districts=DISTRICTS).iloc[0]
    assert out["value"] == pytest.approx(40.0)  # 40 / 100, not the mean of 75 % and 16.7 %
    assert (out["numerator"], out["denominator"], out["n_reported"]) == (40.0, 100.0, 2)
    zero = rollup_to_city(Rollup.ratio_of_sums, _frame([("230102", 2016, None, 0, 0)])).iloc[0]
    assert math.isnan(zero["value"]) and zero["n_reported"] == 1


def test_rollup_population_weighted_mean():
    df = _frame(
        [("230102", 2016, 10.0, None, None), ("230103", 2016, 20.0, None, None), ("230104", 2016, 90.0, None, None)]
    )
    pops = {"230102": 100.0, "230103": 300.0, "230104": None}  # no population: left out
    out = rollup_to_city(Rollup.population_weighted_mean, df, pops).iloc[0]
    assert out["value"] == pytest.approx(17.5)  # (10 × 100 + 20 × 300) / 400
    assert out["n_reported"] == 2 and out["n_expected"] == 3


def test_rollup_city_only_and_by_indicator():
    df = _frame([("230102", 2016, 10.0, None, None)])
    out = rollup_to_city(make_indicator(rollup=Rollup.city_only), df)
    assert len(out) == 1 and math.isnan(out["value"].iloc[0])
    out = rollup_to_city(make_indicator(IndicatorKind.annual_count, rollup=Rollup.sum), df)
    assert out["value"].iloc[0] == 10.0


def test_rollup_edge_cases():
    with pytest.raises(ValueError, match="twice"):
        rollup_to_city(Rollup.sum, _frame([("230102", 2016, 1, None, None), ("230102", 2016, 2, None, None)]))
    empty = rollup_to_city(Rollup.sum, _frame([]))
    assert empty.empty and list(empty.columns)[:3] == ["region_code", "year", "value"]
    # a year where every district's value is missing: a row with NaN and 0 reported
    out = rollup_to_city(Rollup.sum, _frame([("230102", 2016, None, None, None)]), districts=DISTRICTS)
    assert math.isnan(out["value"].iloc[0]) and out["n_reported"].iloc[0] == 0
    # districts outside the list are ignored; frames without numerator columns work
    df = pd.DataFrame({"region_code": ["230102", "999999"], "year": [2016, 2016], "value": [1.0, 100.0]})
    assert rollup_to_city(Rollup.sum, df, districts=DISTRICTS)["value"].iloc[0] == 1.0


# -- tasks and departments -------------------------------------------------------------------------------


def _p(status: Status, score: float | None) -> Progress:
    return Progress(status=status, year=2018, has_target=True, higher_is_better=True, score=score)


def test_task_progress_hand_worked():
    g = task_progress([_p(Status.achieved, 1.0), _p(Status.lagging, 0.8), _p(Status.no_data, None)])
    assert g.score == pytest.approx(0.9) and g.status is Status.lagging
    assert (g.n_indicators, g.n_with_data) == (3, 2)
    assert list(g.counts) == list(Status)
    assert g.counts[Status.achieved] == 1 and g.counts[Status.no_data] == 1 and g.counts[Status.off_track] == 0
    assert task_progress([_p(Status.achieved, 1.0)] * 2).status is Status.achieved
    assert task_progress([_p(Status.achieved, 1.0), _p(Status.on_track, 1.0)]).status is Status.on_track
    assert task_progress([_p(Status.off_track, 0.3), _p(Status.lagging, 0.8)]).status is Status.off_track
    empty = task_progress([_p(Status.no_data, None)])
    assert empty.status is Status.no_data and empty.score is None
    assert task_progress([]).status is Status.no_data


def test_task_progress_from_assessments():
    ps = [
        assess(GOAL, {2015: 7, 2018: 9.5}, BASE, 2018),  # lagging, 0.833
        assess(BASES, {2016: 2, 2017: 1, 2018: 3}, BASE, 2018),  # on track, 1.0
        assess(EVENTS, {2015: 10, 2018: 12}, BASE, 2018),
    ]  # rising, 1.0
    g = task_progress(ps)
    assert g.score == pytest.approx((0.5 / 0.6 + 1 + 1) / 3)  # 0.944 < 0.95
    assert g.status is Status.lagging
    assert (g.counts[Status.on_track], g.counts[Status.lagging]) == (2, 1)


def _task(code, lead, coop=()):
    return Task(
        code=code,
        kind=TaskKind.action,
        section="三",
        title=_t(code),
        short=_t(code),
        measures=(Measure(number=1, section="三1", title=_t("m"), text=("文",)),),
        division_text="…",
        roles=TaskRoles(lead=lead, cooperate=coop),
    )


def test_department_judged_on_the_tasks_it_leads():
    tasks = [
        _task("T1", ("kexie",), ("jiaoyu",)),
        _task("T2", ("kexie", "keji")),
        _task("T3", ("jiaoyu",), ("kexie",)),
        _task("T4", ("kexie",)),
    ]
    by_task = {
        "T1": GroupProgress(Status.achieved, 1.0, 2, 2),
        "T2": GroupProgress(Status.off_track, 0.7, 3, 3),
        "T3": GroupProgress(Status.off_track, 0.1, 1, 1),  # cooperating: does not count
    }  # T4 has no progress: no data
    d = department_progress("kexie", tasks, by_task)
    assert d.lead_tasks == ("T1", "T2", "T4") and d.cooperate_tasks == ("T3",)
    assert d.score == pytest.approx(0.85) and d.status is Status.lagging
    assert d.n_with_data == 2 and d.counts[Status.no_data] == 1 and d.counts[Status.off_track] == 1
    j = department_progress("jiaoyu", tasks, by_task)
    assert j.lead_tasks == ("T3",) and j.cooperate_tasks == ("T1",) and j.status is Status.off_track
    none = department_progress("caizheng", tasks, by_task)
    assert none.status is Status.no_data and none.lead_tasks == ()


def test_progress_to_dict_is_json_ready():
    import json

    d = assess(BASES, {2016: 2}, BASE, 2016).to_dict()
    assert d["status"] == "on_track" and d["target_type"] == "cumulative"
    json.dumps(d)


# -- properties -----------------------------------------------------------------------------------------

finite = st.floats(min_value=-1e4, max_value=1e4, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=0.01, max_value=1e4, allow_nan=False, allow_infinity=False)
years = st.integers(min_value=2015, max_value=2022)


def _rank(p: Progress) -> int:
    return p.status.rank


@settings(max_examples=300)
@given(base=finite, tgt=finite, year=years, a=finite, b=finite, higher=st.booleans())
def test_status_is_monotone_in_the_value_for_level_targets(base, tgt, year, a, b, higher):
    ind = make_indicator(target=level(tgt), higher_is_better=higher)
    lo, hi = sorted((a, b))
    worse, better = (lo, hi) if higher else (hi, lo)
    p_worse = assess(ind, {2015: base, year: worse} if year != 2015 else {2015: worse}, BASE, year)
    p_better = assess(ind, {2015: base, year: better} if year != 2015 else {2015: better}, BASE, year)
    assert _rank(p_better) <= _rank(p_worse)
    assert p_better.score >= p_worse.score - 1e-12


@settings(max_examples=200)
@given(
    tgt=positive,
    year=st.integers(2016, 2022),
    a=finite,
    b=finite,
    kind=st.sampled_from([TargetType.cumulative, TargetType.every_year]),
    higher=st.booleans(),
)
def test_status_is_monotone_in_the_value_for_count_targets(tgt, year, a, b, kind, higher):
    ind = make_indicator(
        IndicatorKind.annual_count, Target(value=tgt, year=2020, type=kind), higher_is_better=higher, rollup=Rollup.sum
    )
    eff_higher = higher or kind is TargetType.cumulative
    lo, hi = sorted((a, b))
    worse, better = (lo, hi) if eff_higher else (hi, lo)
    assert _rank(assess(ind, {year: better}, BASE, year)) <= _rank(assess(ind, {year: worse}, BASE, year))


@given(base=finite, tgt=finite, higher=st.booleans())
def test_share_of_the_target_itself_is_one(base, tgt, higher):
    t = level(tgt)
    assert achieved_share(t, tgt, base, higher) == pytest.approx(1.0)
    # the baseline itself: no progress yet, unless it already meets the target
    at_base = achieved_share(t, base, base, higher)
    if meets(base, tgt, higher):
        assert at_base >= 1.0
    else:
        assert at_base == 0.0


@given(tgt=positive, kind=st.sampled_from([TargetType.cumulative, TargetType.every_year]), higher=st.booleans())
def test_share_of_the_target_itself_is_one_for_counts(tgt, kind, higher):
    assert achieved_share(Target(value=tgt, year=2020, type=kind), tgt, None, higher) == pytest.approx(1.0)


@given(base=finite, tgt=finite, year=years, higher=st.booleans())
def test_target_value_is_achieved_and_expected_path_ends(base, tgt, year, higher):
    ind = make_indicator(target=level(tgt), higher_is_better=higher)
    series = {2015: base, year: tgt} if year != 2015 else {2015: tgt}
    p = assess(ind, series, BASE, year)
    assert p.status is Status.achieved and p.score == 1.0 and p.achieved_share == 1.0
    assert expected_value(level(tgt), base, BASE, 2015) == base
    assert expected_value(level(tgt), base, BASE, 2020) == pytest.approx(tgt)


@given(base=finite, tgt=finite, year=years, value=finite, higher=st.booleans())
def test_shares_and_scores_are_bounded(base, tgt, year, value, higher):
    ind = make_indicator(target=level(tgt), higher_is_better=higher)
    p = assess(ind, {2015: base, year: value} if year != 2015 else {2015: value}, BASE, year)
    assert 0.0 <= p.achieved_share <= 1.0
    assert 0.0 <= p.expected_share <= 1.0
    assert 0.0 <= p.score <= 1.0


@given(share=st.floats(0, 1), expected=st.floats(0.01, 1))
def test_classify_thresholds(share, expected):
    s = classify(share, expected, met=False)
    r = share / expected + RATIO_TOLERANCE
    assert s is (Status.on_track if r >= ON_TRACK_RATIO else Status.lagging if r >= LAGGING_RATIO else Status.off_track)
    # at the deadline there is no on-track band
    assert classify(share, expected, met=False, final=True) is not Status.on_track


district_codes = st.lists(st.from_regex(r"^23\d{4}$", fullmatch=True), min_size=1, max_size=18, unique=True)


@given(codes=district_codes, data=st.data())
def test_rollup_sum_equals_the_sum(codes, data):
    values = data.draw(st.lists(st.one_of(st.none(), positive), min_size=len(codes), max_size=len(codes)))
    df = _frame([(c, 2018, v, None, None) for c, v in zip(codes, values, strict=True)])
    out = rollup_to_city(Rollup.sum, df, districts=codes).iloc[0]
    present = [v for v in values if v is not None]
    assert out["n_reported"] == len(present) and out["n_expected"] == len(codes)
    if present:
        assert out["value"] == pytest.approx(sum(present))
    else:
        assert math.isnan(out["value"])


@given(codes=district_codes, data=st.data())
def test_rollup_ratio_of_sums_lies_between_district_ratios(codes, data):
    dens = data.draw(st.lists(st.integers(1, 10_000), min_size=len(codes), max_size=len(codes)))
    nums = [data.draw(st.integers(0, d)) for d in dens]
    df = _frame([(c, 2018, None, n, d) for c, n, d in zip(codes, nums, dens, strict=True)])
    value = rollup_to_city(Rollup.ratio_of_sums, df).iloc[0]["value"]
    ratios = [coverage(n, d) for n, d in zip(nums, dens, strict=True)]
    assert min(ratios) - 1e-9 <= value <= max(ratios) + 1e-9
    assert value == pytest.approx(coverage(sum(nums), sum(dens)))


@given(codes=district_codes, data=st.data())
def test_rollup_weighted_mean_lies_between_district_values(codes, data):
    values = data.draw(st.lists(finite, min_size=len(codes), max_size=len(codes)))
    pops = dict(zip(codes, data.draw(st.lists(positive, min_size=len(codes), max_size=len(codes))), strict=True))
    df = _frame([(c, 2018, v, None, None) for c, v in zip(codes, values, strict=True)])
    value = rollup_to_city(Rollup.population_weighted_mean, df, pops).iloc[0]["value"]
    assert min(values) - 1e-6 <= value <= max(values) + 1e-6


@given(
    a=st.floats(-1e3, 1e3),
    b=st.floats(-100, 100),
    first=st.integers(2000, 2018),
    n=st.integers(2, 8),
    at=st.integers(2015, 2040),
)
def test_forecast_of_exactly_linear_data_is_exact(a, b, first, n, at):
    pts = {y: a + b * (y - 2015) for y in range(first, first + n)}
    assert forecast(pts, at) == pytest.approx(a + b * (at - 2015), abs=1e-6)


@given(a=st.integers(-100, 100), b=st.integers(1, 20), n=st.integers(2, 6), k=st.integers(1, 15), higher=st.booleans())
def test_year_reached_of_exactly_linear_data(a, b, n, k, higher):
    slope = b if higher else -b
    pts = {2015 + i: float(a + slope * i) for i in range(n)}
    crossing = 2015 + n - 1 + k  # an integer year after the last point
    lvl = a + slope * (crossing - 2015)
    assert year_reached(pts, lvl, higher) == crossing
    # the same level in the other direction is already met by every point
    assert year_reached(pts, lvl, not higher) == 2015
    # and a line moving the other way never gets there
    away = {y: 2 * a - v for y, v in pts.items()}
    assert year_reached(away, lvl, higher) is None


@given(st.lists(st.sampled_from(list(Status)), max_size=12), st.data())
def test_group_status_is_no_better_than_all_achieved_and_score_bounded(statuses, data):
    ps = [
        _p(s, None if s is Status.no_data else (1.0 if s is Status.achieved else data.draw(st.floats(0, 1))))
        for s in statuses
    ]
    g = task_progress(ps)
    assert sum(g.counts.values()) == len(ps)
    if g.score is not None:
        assert 0.0 <= g.score <= 1.0
    with_data = [s for s in statuses if s is not Status.no_data]
    assert (g.status is Status.no_data) == (not with_data)
    assert (g.status is Status.achieved) == (bool(with_data) and all(s is Status.achieved for s in with_data))


# -- the real plan ------------------------------------------------------------------------------------------


@pytest.mark.skipif(not DEFAULT_PLAN_FILE.exists(), reason="plan file not there yet")
def test_every_plan_indicator_can_be_assessed(plan):
    series = {2015: 10.0, 2016: 11.0, 2017: 12.5}
    for ind in plan.indicators:
        for year in range(plan.baseline_year, plan.end_year + 1):
            p = assess(ind, series, plan.baseline_year, year)
            assert p.status in Status
            assert p.has_target is (ind.target is not None)
            assert (p.status is Status.no_data) == (year not in series)
