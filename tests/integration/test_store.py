"""The store on SQLite and on a real PostgreSQL: migrations, plan sync, sample rows."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import inspect

from data import schema
from data.store import (
    clear_sample_data,
    current_revision,
    data_status,
    observations,
    read_plan_summary,
    regions_frame,
    replace_sample_data,
    sync_plan,
)


def test_migrations_create_every_table_of_the_models(engine):
    tables = set(inspect(engine).get_table_names())
    assert set(schema.Base.metadata.tables) <= tables
    assert current_revision(engine) is not None


def test_migrated_columns_match_the_models(engine):
    insp = inspect(engine)
    for name, table in schema.Base.metadata.tables.items():
        cols = {c["name"] for c in insp.get_columns(name)}
        assert cols == {c.name for c in table.columns}, name


def test_plan_read_back_from_the_store_has_ten_tasks_with_roles(engine, plan):
    summary = read_plan_summary(engine, plan.code)
    assert [t["code"] for t in summary["tasks"]] == [f"T{i}" for i in range(1, 11)]
    for stored, task in zip(summary["tasks"], plan.tasks, strict=True):
        assert stored["title"] == task.title.zh
        assert stored["lead"] == [plan.department_by_code[c].name.zh for c in task.roles.lead]
        assert stored["cooperate"] == [plan.department_by_code[c].name.zh for c in task.roles.cooperate]
        assert [m[0] for m in stored["measures"]] == [m.section for m in task.measures]
    stored_targets = {t["indicator_code"]: t for t in summary["targets"]}
    for ind in plan.indicators:
        if ind.target:
            assert stored_targets[ind.code]["value"] == ind.target.value
            assert stored_targets[ind.code]["section"] == ind.target.section


def test_syncing_the_plan_twice_keeps_observations(engine, plan):
    frame = pd.DataFrame(
        [{"indicator_code": plan.indicators[0].code, "region_code": "230102", "year": 2016, "value": 5.0}]
    )
    replace_sample_data(engine, plan.code, frame)
    sync_plan(engine, plan)
    assert len(observations(engine, plan.code)) == 1


def test_sample_rows_are_marked_and_can_be_cleared(engine, plan):
    code = plan.indicators[0].code
    frame = pd.DataFrame(
        [
            {"indicator_code": code, "region_code": "230102", "year": y, "value": float(y - 2010)}
            for y in range(2015, 2021)
        ]
    )
    replace_sample_data(engine, plan.code, frame)
    status = data_status(engine, plan.code)
    assert status == {"sample_rows": 6, "real_rows": 0, "is_sample": True, "first_year": 2015, "last_year": 2020}
    got = observations(engine, plan.code, indicators=[code], years=[2016, 2017])
    assert got["value"].tolist() == [6.0, 7.0]
    assert got["is_sample"].all()
    assert clear_sample_data(engine, plan.code) == 6
    assert data_status(engine, plan.code)["is_sample"] is False


def test_regions_hold_the_city_and_its_eighteen_units(engine, plan):
    regions = regions_frame(engine)
    units = regions[regions["parent_code"] == plan.region.code]
    assert len(units) == 18
    assert set(regions["code"]) == {plan.region.code, *(u.code for u in plan.region.units)}
