"""The reporting round's counting (data/reporting.py): what a year expects of each unit, cell states,
overdue units, departments through the tasks they lead, and the values a unit still owes."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data import reporting as rp
from data.plan import Rollup
from data.store import OBSERVATION_COLUMNS

YEAR = 2020


def obs(rows: list[tuple[str, str, int, float | None, bool, int]]) -> pd.DataFrame:
    """(indicator, region, year, value, is_sample, batch) rows as the store's frame."""
    frame = pd.DataFrame(
        [
            {
                "indicator_code": i,
                "region_code": r,
                "year": y,
                "value": v,
                "numerator": None,
                "denominator": None,
                "source": None,
                "note": None,
                "batch_id": b,
                "is_sample": s,
            }
            for i, r, y, v, s, b in rows
        ],
        columns=OBSERVATION_COLUMNS,
    )
    frame["value"] = frame["value"].astype("float64")
    return frame


NO_PENDING = pd.DataFrame(columns=["indicator_code", "region_code", "year"])


def test_a_year_expects_each_district_its_indicators_and_the_city_its_city_only_ones(plan):
    cells = rp.expected(plan)
    city_only = [i.code for i in plan.indicators if i.rollup == Rollup.city_only]
    by_district = [i.code for i in plan.indicators if i.rollup != Rollup.city_only]
    assert len(cells) == len(city_only) + len(by_district) * len(plan.region.units)
    assert sorted(cells.loc[cells["region_code"] == plan.region.code, "indicator_code"]) == sorted(city_only)
    assert rp.groups(plan)[0] == rp.GOAL and rp.groups(plan)[1:] == [t.code for t in plan.tasks]
    assert rp.units(plan)[-1] == plan.region.code


def test_cells_are_complete_partial_or_missing_and_sample_values_do_not_count(plan):
    unit = plan.region.units[0].code
    t3 = [i.code for i in plan.indicators_for("T3") if i.rollup != Rollup.city_only]
    assert len(t3) >= 2
    frame = obs(
        [(code, unit, YEAR, 1.0, False, 7) for code in t3]  # T3 complete
        + [(plan.indicators_for("T1")[0].code, unit, YEAR, 1.0, False, 9)]  # T1 partial
        + [(plan.indicators_for("T2")[0].code, unit, YEAR, 1.0, True, 1)]  # T2: sample only
        + [(plan.indicators_for("T4")[0].code, unit, YEAR - 1, 1.0, False, 12)]  # T4: another year
        + [(plan.indicators_for("T5")[0].code, unit, YEAR, None, False, 13)]  # T5: a row without a value
    )
    values = rp.expected_values(plan, YEAR, frame, NO_PENDING)
    cells = rp.cell_states(values).set_index(["region_code", "group"])
    assert cells.loc[(unit, "T3"), "state"] == "complete"
    assert cells.loc[(unit, "T3"), "last_batch"] == 7
    assert (cells.loc[(unit, "T1"), "state"], cells.loc[(unit, "T1"), "reported"]) == ("partial", 1)
    assert cells.loc[(unit, "T1"), "last_batch"] == 9
    assert cells.loc[(unit, "T2"), "state"] == "missing" and cells.loc[(unit, "T2"), "sample"] == 1
    assert cells.loc[(unit, "T2"), "last_batch"] is None
    assert cells.loc[(unit, "T4"), "state"] == "missing"
    assert cells.loc[(unit, "T5"), "state"] == "missing"
    assert (plan.region.code, "T1") not in cells.index  # the city reports no T1 indicator itself
    assert cells.loc[(plan.region.code, "T3"), "expected"] == sum(
        1 for i in plan.indicators_for("T3") if i.rollup == Rollup.city_only
    )


def test_values_awaiting_review_are_counted_apart_and_are_not_owed(plan):
    unit = plan.region.units[1].code
    t1 = [i.code for i in plan.indicators_for("T1")]
    pending = pd.DataFrame({"indicator_code": t1[:2], "region_code": [unit] * 2, "year": [YEAR] * 2})
    values = rp.expected_values(plan, YEAR, obs([]), pending)
    cell = rp.cell_states(values).set_index(["region_code", "group"]).loc[(unit, "T1")]
    assert (cell["state"], cell["pending"], cell["unsent"]) == ("missing", 2, len(t1) - 2)
    owed = rp.missing_for(values, unit, YEAR)
    assert [c for c in owed if c[0] in t1] == [(code, unit, YEAR) for code in t1[2:]]
    assert all(region == unit and year == YEAR for _, region, year in owed)


@pytest.mark.parametrize(
    ("due", "today", "unsent", "overdue"),
    [
        (None, date(2030, 1, 1), 5, False),  # no due date: never overdue
        (date(2021, 3, 31), date(2021, 3, 31), 5, False),  # the due day itself is on time
        (date(2021, 3, 31), date(2021, 4, 1), 5, True),
        (date(2021, 3, 31), date(2021, 4, 1), 0, False),  # everything sent (or awaiting review)
    ],
)
def test_a_unit_is_overdue_after_its_due_day_while_it_owes_values(due, today, unsent, overdue):
    assert rp.is_overdue(due, today, unsent) is overdue


def test_unit_summaries_add_up_their_cells(plan):
    unit = plan.region.units[0].code
    values = rp.expected_values(plan, YEAR, obs([("G-01", unit, YEAR, 12.0, False, 3)]), NO_PENDING)
    cells = rp.cell_states(values)
    summaries = rp.unit_summaries(cells, date(2021, 1, 1), date(2021, 6, 1))
    s = summaries[unit]
    assert (s.reported, s.expected, s.last_batch, s.overdue) == (
        1,
        int(cells[cells["region_code"] == unit]["expected"].sum()),
        3,
        True,
    )
    assert set(summaries) == set(rp.units(plan))


def test_a_department_answers_for_the_indicators_of_the_tasks_it_leads(plan):
    values = rp.expected_values(plan, YEAR, obs([]), NO_PENDING)
    states = {d.department_code: d for d in rp.department_states(plan, values)}
    lead = next(d for d in plan.departments if any(d.code in t.roles.lead for t in plan.tasks))
    led = [t.code for t in plan.tasks if lead.code in t.roles.lead]
    s = states[lead.code]
    assert list(s.lead_tasks) == led
    assert [i.indicator_code for i in s.indicators] == [i.code for task in led for i in plan.indicators_for(task)]
    assert s.reported == 0 and s.state == "missing"
    for i in s.indicators:
        ind = plan.indicator_by_code[i.indicator_code]
        assert i.expected == (1 if ind.rollup == Rollup.city_only else len(plan.region.units))
    for d in plan.departments:
        if not any(d.code in t.roles.lead for t in plan.tasks):
            assert states[d.code].state is None  # supports only: nothing is asked of it


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2021-03-31", date(2021, 3, 31)),
        (" 2021/3/5 ", date(2021, 3, 5)),
        ("2021.03.31", date(2021, 3, 31)),
        ("2021年3月31日", date(2021, 3, 31)),
        ("２０２１－０３－３１", date(2021, 3, 31)),
        ("2021-02-30", None),
        ("31/03/2021", None),
        ("", None),
        (None, None),
        (20210331, None),
    ],
)
def test_due_dates_are_read_as_staff_type_them(typed, expected):
    assert rp.parse_due_date(typed) == expected
