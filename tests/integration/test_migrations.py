"""Migrating a store in place: a store at revision 0002 (one plan, keyed by indicator code alone)
holding sample data, an import and a rolled-back import comes through 0003 with every row, each
now carrying its plan's code, and the app's writes still work on it. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import MetaData, func, insert, select

from data.importer import commit_import, list_batches, preview_import, rollback_batch
from data.sample import generate
from data.store import current_revision, data_status, make_engine, observations, upgrade
from data.users import Role, User

EDITOR = User("editor", Role.editor)
WHEN = datetime(2020, 6, 1, 9, 30, tzinfo=UTC).replace(tzinfo=None)  # the store keeps naive UTC
TABLES = ("indicator", "target", "department", "task_role", "observation", "import_batch", "observation_change")


def _fill_0002(engine, plan) -> dict:
    """The plan, its sample data, one import (a changed and a new cell) and one rolled-back import,
    written as the code of revision 0002 wrote them."""
    meta = MetaData()
    meta.reflect(engine)
    t = meta.tables
    sample = generate(plan, seed=2016)
    sample = sample[sample["year"] < plan.end_year]  # leaves end-year cells for the import to add
    city = plan.region.code
    with engine.begin() as c:
        c.execute(
            insert(t["region"]),
            [{"code": city, "name": plan.region.name.zh, "short": "", "level": "city", "type": "市", "urban": False}]
            + [
                {"code": u.code, "name": u.name, "short": u.short, "level": "county", "type": u.type, "urban": u.urban}
                for u in plan.region.units
            ],
        )
        c.execute(
            insert(t["plan"]),
            [
                {
                    "code": plan.code,
                    "title_zh": plan.title.zh,
                    "title_en": plan.title.en,
                    "region_code": city,
                    "start_year": plan.start_year,
                    "end_year": plan.end_year,
                    "baseline_year": plan.baseline_year,
                    "goal_text": "",
                    "source_note": "",
                }
            ],
        )
        c.execute(
            insert(t["department"]),
            [{"code": d.code, "name_zh": d.name.zh, "name_en": d.name.en, "aliases": ""} for d in plan.departments],
        )
        for pos, task in enumerate(plan.tasks, start=1):
            task_id = c.execute(
                insert(t["task"]).values(
                    plan_code=plan.code,
                    code=task.code,
                    position=pos,
                    kind=task.kind.value,
                    section=task.section,
                    title_zh=task.title.zh,
                    title_en="",
                    short_zh="",
                    short_en="",
                    division_text="",
                )
            ).inserted_primary_key[0]
            roles = [(d, "lead") for d in task.roles.lead] + [(d, "cooperate") for d in task.roles.cooperate]
            c.execute(
                insert(t["task_role"]),
                [
                    {"task_id": task_id, "department_code": d, "role": r, "position": i}
                    for i, (d, r) in enumerate(roles)
                ],
            )
        c.execute(
            insert(t["indicator"]),
            [
                {
                    "code": i.code,
                    "plan_code": plan.code,
                    "task_code": i.task,
                    "measure_number": i.measure,
                    "section": i.section,
                    "name_zh": i.name.zh,
                    "name_en": i.name.en,
                    "unit_zh": i.unit.zh,
                    "unit_en": i.unit.en,
                    "kind": i.kind.value,
                    "rollup": i.rollup.value,
                    "higher_is_better": i.higher_is_better,
                    "decimals": i.decimals,
                    "monitoring_only": i.monitoring_only,
                    "definition_zh": "",
                    "definition_en": "",
                    "source_zh": "",
                    "source_en": "",
                }
                for i in plan.indicators
            ],
        )
        c.execute(
            insert(t["target"]),
            [
                {"indicator_code": i.code, "value": i.target.value, "year": i.target.year, "type": i.target.type.value}
                for i in plan.indicators
                if i.target
            ],
        )
        batch = {
            "created_at": WHEN,
            "created_by": "x",
            "rows_new": 0,
            "rows_changed": 0,
            "rows_unchanged": 0,
            "status": "active",
        }
        sample_id = c.execute(insert(t["import_batch"]).values(kind="sample", **batch)).inserted_primary_key[0]
        c.execute(
            insert(t["observation"]),
            [
                {
                    "indicator_code": r["indicator_code"],
                    "region_code": r["region_code"],
                    "year": int(r["year"]),
                    "value": r["value"],
                    "batch_id": sample_id,
                    "is_sample": True,
                }
                for r in sample.to_dict("records")
            ],
        )
        goal, district = plan.goal.indicator, plan.region.units[0].code
        old = c.execute(
            select(t["observation"]).where(
                t["observation"].c.indicator_code == goal,
                t["observation"].c.region_code == district,
                t["observation"].c.year == plan.start_year,
            )
        ).one()
        import_id = c.execute(
            insert(t["import_batch"]).values(kind="import", filename="real.csv", **batch | {"rows_new": 1})
        ).inserted_primary_key[0]
        c.execute(
            t["observation"]
            .update()
            .where(t["observation"].c.id == old.id)
            .values(value=99.0, batch_id=import_id, is_sample=False)
        )
        c.execute(
            insert(t["observation"]).values(
                indicator_code=goal,
                region_code=district,
                year=plan.end_year,
                value=42.0,
                batch_id=import_id,
                is_sample=False,
            )
        )
        cell = {"batch_id": import_id, "indicator_code": goal, "region_code": district}
        c.execute(
            insert(t["observation_change"]),
            [
                cell
                | {
                    "year": plan.start_year,
                    "kind": "changed",
                    "old_value": old.value,
                    "old_batch_id": sample_id,
                    "old_is_sample": True,
                    "new_value": 99.0,
                },
                cell
                | {
                    "year": plan.end_year,
                    "kind": "new",
                    "old_value": None,
                    "old_batch_id": None,
                    "old_is_sample": None,
                    "new_value": 42.0,
                },
            ],
        )
        undone = c.execute(
            insert(t["import_batch"]).values(kind="import", filename="undone.csv", **batch | {"status": "rolled_back"})
        ).inserted_primary_key[0]
    return {"sample": sample_id, "import": import_id, "undone": undone, "old_value": old.value}


def _counts(engine) -> dict[str, int]:
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as c:
        return {name: c.execute(select(func.count()).select_from(meta.tables[name])).scalar_one() for name in TABLES}


@pytest.fixture
def old_store(store_url, plan):
    engine = make_engine(store_url)
    upgrade(engine, "0002")
    ids = _fill_0002(engine, plan)
    yield engine, ids
    engine.dispose()


def test_upgrading_a_store_at_0002_keeps_every_row_and_gives_each_its_plan(old_store, plan):
    engine, ids = old_store
    before = _counts(engine)
    upgrade(engine)
    assert current_revision(engine) == "0007"
    assert _counts(engine) == before
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as c:
        for name in TABLES:
            codes = set(c.execute(select(meta.tables[name].c.plan_code)).scalars())
            assert codes == {plan.code}, name
    status = data_status(engine, plan.code)
    assert status["real_rows"] == 2 and status["sample_rows"] == before["observation"] - 2
    batches = {b["id"]: (b["kind"], b["status"]) for b in list_batches(engine, plan.code)}
    assert batches == {
        ids["sample"]: ("sample", "active"),
        ids["import"]: ("import", "active"),
        ids["undone"]: ("import", "rolled_back"),
    }


def test_a_migrated_import_still_rolls_back_and_new_imports_still_write(old_store, plan):
    engine, ids = old_store
    upgrade(engine)
    goal, district = plan.goal.indicator, plan.region.units[0].code
    assert rollback_batch(engine, plan.code, ids["import"], EDITOR) == {
        "batch": ids["import"],
        "deleted": 1,
        "restored": 1,
        "sample_gone": 0,
    }
    cell = observations(engine, plan.code, [goal], [district], [plan.start_year]).iloc[0]
    assert cell["value"] == ids["old_value"] and cell["is_sample"]
    rows = [f"{goal},{region},{plan.end_year},50" for region in (district, plan.region.code)]
    csv = "\n".join(["indicator,district,year,value", *rows])
    pv = preview_import(engine, plan, csv.encode(), "again.csv")
    assert pv.ok, [p.text("en") for p in pv.errors]
    commit_import(engine, pv, EDITOR)
    assert observations(engine, plan.code, [goal], [district], [plan.end_year])["value"].tolist() == [50.0]
