"""The data version (data/version.py): changed by every write of a plan's figures, and asked without
reading the observation rows (the web app asks it once per request)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import event

from data.store import clear_sample_data, replace_sample_data
from data.version import data_version


def _version(engine, plan) -> str:
    with engine.connect() as conn:
        return data_version(conn, plan.code)


def _sample(plan, value: float) -> pd.DataFrame:
    code = plan.indicators[0].code
    return pd.DataFrame([{"indicator_code": code, "region_code": "230102", "year": 2016, "value": value}])


def test_regenerated_sample_data_changes_the_version_even_with_the_same_cells_and_batch_id(engine, plan):
    first = replace_sample_data(engine, plan.code, _sample(plan, 1.0))
    before = _version(engine, plan)
    # The same cells, new values: the row count is the same, and SQLite may give the new batch the
    # deleted one's id. The newest batch's creation time still differs.
    second = replace_sample_data(engine, plan.code, _sample(plan, 2.0))
    after = _version(engine, plan)
    assert after != before, (first, second)
    clear_sample_data(engine, plan.code)
    assert _version(engine, plan) not in (before, after)


def test_the_version_is_asked_without_reading_the_observation_rows(engine, plan):
    replace_sample_data(engine, plan.code, _sample(plan, 1.0))
    statements: list[str] = []

    def seen(conn, cursor, statement, *args):
        statements.append(statement.lower())

    event.listen(engine, "before_cursor_execute", seen)
    try:
        assert _version(engine, plan) == _version(engine, plan)  # stable while nothing is written
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert statements and not any(" observation" in s for s in statements)
