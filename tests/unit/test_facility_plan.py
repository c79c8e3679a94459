"""The plan's facility types and counted indicators (data/plan.py, issue 18): names and quotes from the
plan's text, radii only where the office chose one, counted indicators that can be counted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from data.plan import FacilityType, IndicatorKind, Rollup, load_plan

ROOT = Path(__file__).resolve().parents[2]
SEED_FILE = Path(os.environ.get("KEPU_SEED_TEXT") or ROOT.parent / "shared" / "seed" / "000_726cecca70fc547e.txt")


@pytest.fixture(scope="module")
def plan():
    return load_plan()


def test_the_shipped_plan_names_the_venue_types_its_text_names(plan):
    names = [t.name.zh for t in plan.facility_types]
    for name in ("科技场馆", "科普教育基地", "青少年科普活动站", "社区科普益民服务站", "新华科普联播屏"):
        assert name in names


def test_each_type_is_quoted_from_the_plan_and_named_in_its_quote(plan):
    if not SEED_FILE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"seed text not found at {SEED_FILE}")
        pytest.skip(f"seed text not found at {SEED_FILE}")
    text = "".join(SEED_FILE.read_text(encoding="utf-8").split())
    for t in plan.facility_types:
        assert t.quote and "".join(t.quote.split()) in text, t.code
        assert t.name.zh in t.quote or any(a in t.quote for a in t.aliases), t.code


def test_radii_are_the_offices_choice_and_few(plan):
    """The plan states no distance: only the stations carry the issue's 3 km."""
    assert {t.code: t.radius_km for t in plan.facility_types if t.radius_km} == {
        "youth_station": 3.0,
        "community_station": 3.0,
    }


def test_counted_indicators_are_counts_summed_over_the_units(plan):
    counted = {i.code: i.counted_from.types for i in plan.counted_indicators if i.counted_from}
    assert counted == {
        "T1-02": ("youth_station",),
        "T6-01": ("community_station",),
        "T7-02": ("xinhua_screen",),
        "T8-01": ("museum",),
        "T8-02": ("grassroots_venue",),
        "T8-03": ("base",),
    }
    for ind in plan.counted_indicators:
        assert ind.kind in (IndicatorKind.stock, IndicatorKind.annual_count, IndicatorKind.cumulative_count)
        assert ind.rollup == Rollup.sum
    # 科普教育基地数: "经市级及以上认定" — the definition says which levels count.
    t803 = plan.indicator_by_code["T8-03"]
    assert "市级及以上" in t803.definition.zh
    assert [lv.value for lv in t803.counted_from.levels] == ["national", "provincial", "city"]


def test_a_type_code_is_lower_case_and_a_radius_positive():
    with pytest.raises(ValueError, match="pattern"):
        FacilityType(code="Museum", name={"zh": "馆", "en": "m"})
    with pytest.raises(ValueError, match="greater than or equal"):
        FacilityType(code="m", name={"zh": "馆", "en": "m"}, radius_km=0)
