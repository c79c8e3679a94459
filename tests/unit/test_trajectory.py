"""data.progress.trajectory: what a trend chart draws, by the rules assess() judges by."""

from __future__ import annotations

from data.plan import TargetType, load_plan
from data.progress import assess, expected_value, running_total, trajectory

PLAN = load_plan()


def _indicator(target_type: TargetType):
    return next(i for i in PLAN.indicators if i.target is not None and i.target.type == target_type)


def test_the_expected_path_runs_from_the_baseline_to_the_target_year_as_assess_expects():
    ind = _indicator(TargetType.level_by_year)
    series = {PLAN.baseline_year: 5.0, PLAN.baseline_year + 1: 6.0, PLAN.baseline_year + 2: 7.5}
    p = assess(ind, series, PLAN.baseline_year, year=PLAN.baseline_year + 2)
    course = trajectory(ind, series, p, PLAN.baseline_year, PLAN.end_year)
    assert min(course.expected) == p.baseline_year and max(course.expected) == ind.target.year
    for y, v in course.expected.items():
        assert v == expected_value(ind.target, p.baseline_value, p.baseline_year, y)
    assert course.target == (p.target, ind.target.year)
    # The forecast starts at the last year with data and reaches the target year.
    assert min(course.forecast) == PLAN.baseline_year + 2 and max(course.forecast) == ind.target.year


def test_a_cumulative_target_is_charted_as_running_totals():
    ind = _indicator(TargetType.cumulative)
    series = {PLAN.baseline_year + 1: 2.0, PLAN.baseline_year + 2: 3.0}
    p = assess(ind, series, PLAN.baseline_year, year=PLAN.baseline_year + 2)
    course = trajectory(ind, series, p, PLAN.baseline_year, PLAN.end_year)
    assert course.actual == running_total(series, PLAN.baseline_year, ind.kind) != series


def test_one_point_has_no_forecast():
    ind = _indicator(TargetType.level_by_year)
    series = {PLAN.baseline_year: 5.0}
    p = assess(ind, series, PLAN.baseline_year, year=PLAN.baseline_year)
    assert trajectory(ind, series, p, PLAN.baseline_year, PLAN.end_year).forecast is None
