"""Writing imports on SQLite and PostgreSQL: one transaction, audit rows, rollback,
concurrent imports, an import killed halfway, role checks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pandas as pd
import pytest
from sqlalchemy import select

from data import schema
from data.import_messages import ImportFailure
from data.importer import batch_changes, commit_import, list_batches, preview_import, rollback_batch
from data.store import clear_sample_data, observations, replace_sample_data
from data.users import PermissionDenied, Role, User
from tests.support.paths import ROOT
from tests.support.store import dump

EDITOR = User("editor1", Role.editor)
VIEWER = User("viewer1", Role.viewer)
HEAD = "指标代码,区县,年份,数值,分子,分母,来源,备注\n"


def csv(rows: str) -> bytes:
    return (HEAD + textwrap.dedent(rows).strip() + "\n").encode()


def sample(plan, engine):
    from data.sample import generate

    replace_sample_data(engine, plan.code, generate(plan, seed=2016))


def imp(engine, plan, data: bytes, name="f.csv", user=EDITOR) -> int:
    pv = preview_import(engine, plan, data, name)
    assert pv.ok, [p.text("en") for p in pv.errors]
    return commit_import(engine, pv, user)


def cell(engine, ind, region, year, plan_code="harbin-2016-2020"):
    f = observations(engine, plan_code, [ind], [region], [year])
    return None if f.empty else f.iloc[0].to_dict()


def test_an_import_is_a_batch_with_who_when_file_checksum_and_counts(engine, plan):
    sample(plan, engine)
    data = csv("""
        T1-02,道里,2019,5,,,区科协,
        T1-01,南岗,2019,,3,4,,
    """)
    batch = imp(engine, plan, data, "道里.csv")
    b = next(b for b in list_batches(engine, plan.code) if b["id"] == batch)
    import hashlib

    assert (b["kind"], b["created_by"], b["filename"], b["checksum"]) == (
        "import",
        "editor1",
        "道里.csv",
        hashlib.sha256(data).hexdigest(),
    )
    assert (b["rows_new"], b["rows_changed"], b["rows_unchanged"], b["status"]) == (0, 2, 0, "active")
    changes = batch_changes(engine, batch)
    assert {c["kind"] for c in changes} == {"changed"} and all(c["old_is_sample"] for c in changes)
    got = cell(engine, "T1-01", "230103", 2019)
    assert (got["value"], got["numerator"], got["denominator"], got["is_sample"]) == (75.0, 3.0, 4.0, False)


def test_rollback_restores_exactly_the_values_it_replaced(engine, plan):
    sample(plan, engine)
    before = dump(engine)
    a = imp(
        engine,
        plan,
        csv("""
        T1-02,道里,2019,5,,,a,
        T1-02,道里,2020,6,,,a,
    """),
        "a.csv",
    )
    b = imp(
        engine,
        plan,
        csv("""
        T1-02,道里,2020,7,,,b,
        G-01,哈尔滨市,2020,12.5,,,b,
    """),
        "b.csv",
    )
    assert cell(engine, "T1-02", "230102", 2020)["value"] == 7.0
    with pytest.raises(ImportFailure) as info:  # a's cell 2020 now holds b's value
        rollback_batch(engine, plan.code, a, EDITOR)
    assert info.value.key == "superseded" and info.value.params["later_batches"] == [b]
    res = rollback_batch(engine, plan.code, b, EDITOR)
    assert res["restored"] == 2
    assert cell(engine, "T1-02", "230102", 2020)["value"] == 6.0  # a's value back
    assert cell(engine, "T1-02", "230102", 2020)["batch_id"] == a
    rollback_batch(engine, plan.code, a, EDITOR)
    after = dump(engine)
    assert after["observation"] == before["observation"]  # the sample rows, ids and all
    statuses = {x["id"]: (x["status"], x["rolled_back_by"]) for x in list_batches(engine, plan.code)}
    assert statuses[a] == statuses[b] == ("rolled_back", "editor1")
    with pytest.raises(ImportFailure) as again:
        rollback_batch(engine, plan.code, a, EDITOR)
    assert again.value.key == "already_rolled_back"


def test_rollback_deletes_rows_the_batch_created(engine, plan):
    a = imp(engine, plan, csv("T1-02,道里,2019,5,,,,"))
    assert len(observations(engine, plan.code)) == 1
    assert rollback_batch(engine, plan.code, a, EDITOR) == {"batch": a, "deleted": 1, "restored": 0, "sample_gone": 0}
    assert observations(engine, plan.code).empty


def test_batches_on_different_cells_roll_back_in_any_order(engine, plan):
    a = imp(engine, plan, csv("T1-02,道里,2019,5,,,,"))
    b = imp(engine, plan, csv("T1-02,南岗,2019,6,,,,"))
    rollback_batch(engine, plan.code, a, EDITOR)
    assert cell(engine, "T1-02", "230103", 2019)["value"] == 6.0
    rollback_batch(engine, plan.code, b, EDITOR)
    assert observations(engine, plan.code).empty


def test_rolling_back_after_sample_data_was_cleared_empties_the_cell(engine, plan):
    sample(plan, engine)
    a = imp(engine, plan, csv("T1-02,道里,2019,5,,,,"))
    clear_sample_data(engine, plan.code)
    res = rollback_batch(engine, plan.code, a, EDITOR)
    assert res["sample_gone"] == 1 and observations(engine, plan.code).empty


def test_sample_batches_and_unknown_batches_cannot_be_rolled_back(engine, plan):
    sample(plan, engine)
    sample_id = list_batches(engine, plan.code)[0]["id"]
    for batch, key in ((sample_id, "not_an_import"), (9999, "unknown_batch")):
        with pytest.raises(ImportFailure) as info:
            rollback_batch(engine, plan.code, batch, EDITOR)
        assert info.value.key == key


def test_a_viewer_can_neither_import_nor_roll_back(engine, plan):
    before = dump(engine)
    pv = preview_import(engine, plan, csv("T1-02,道里,2019,5,,,,"), "f.csv")
    with pytest.raises(PermissionDenied):
        commit_import(engine, pv, VIEWER)
    with pytest.raises(PermissionDenied):
        commit_import(engine, pv, None)
    assert dump(engine) == before
    a = commit_import(engine, pv, EDITOR)
    with pytest.raises(PermissionDenied):
        rollback_batch(engine, plan.code, a, VIEWER)


def test_a_preview_confirmed_after_the_store_changed_is_refused(engine, plan):
    first = preview_import(engine, plan, csv("T1-02,道里,2019,5,,,,"), "a.csv")
    second = preview_import(engine, plan, csv("T1-02,道里,2019,6,,,,"), "b.csv")
    commit_import(engine, first, EDITOR)
    before = dump(engine)
    with pytest.raises(ImportFailure) as info:
        commit_import(engine, second, EDITOR)
    assert info.value.key == "stale_preview"
    assert dump(engine) == before
    fresh = preview_import(engine, plan, csv("T1-02,道里,2019,6,,,,"), "b.csv")
    assert fresh.state_token != second.state_token
    with pytest.raises(ImportFailure):
        commit_import(engine, fresh, EDITOR, expect_token=second.state_token)
    commit_import(engine, fresh, EDITOR, expect_token=fresh.state_token)


def test_an_exception_in_the_middle_of_the_write_leaves_nothing(engine, plan):
    sample(plan, engine)
    before = dump(engine)
    pv = preview_import(
        engine,
        plan,
        csv("""
        T1-02,道里,2019,5,,,,
        T1-02,道里,2020,6,,,,
    """),
        "a.csv",
    )

    def boom(session):
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        commit_import(engine, pv, EDITOR, _after_write=boom)
    assert dump(engine) == before
    a = commit_import(engine, pv, EDITOR)  # the store is usable and the preview still valid
    with pytest.raises(RuntimeError):
        rollback_batch(engine, plan.code, a, EDITOR, _after_write=boom)
    assert cell(engine, "T1-02", "230102", 2019)["value"] == 5.0


def _big_csv(plan, value: int) -> bytes:
    units = [u.name for u in plan.region.units]
    inds = [i.code for i in plan.indicators if i.kind.value == "stock" and i.rollup.value == "sum"]
    lines = [f"{ind},{u},{y},{value}" for ind in inds for u in units for y in range(2015, 2021)]
    return ("指标代码,区县,年份,数值\n" + "\n".join(lines) + "\n").encode()


def test_two_imports_at_the_same_time_leave_the_store_consistent(engine, plan):
    sample(plan, engine)
    disjoint = [csv("T1-02,道里,2019,5,,,,"), csv("T1-02,南岗,2019,6,,,,")]
    overlapping = [_big_csv(plan, 7), _big_csv(plan, 8)]

    def run(i, gate, previews, results):
        gate.wait()
        try:
            results[i] = commit_import(engine, previews[i], EDITOR)
        except ImportFailure as exc:
            results[i] = exc

    for files in (disjoint, overlapping):
        previews = [preview_import(engine, plan, data, f"{i}.csv") for i, data in enumerate(files)]
        results: list = [None, None]
        gate = threading.Barrier(2)
        threads = [threading.Thread(target=run, args=(i, gate, previews, results)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        if files is disjoint:
            assert all(isinstance(r, int) for r in results), results
            assert cell(engine, "T1-02", "230102", 2019)["value"] == 5.0
            assert cell(engine, "T1-02", "230103", 2019)["value"] == 6.0
        else:
            won = [r for r in results if isinstance(r, int)]
            lost = [r for r in results if isinstance(r, ImportFailure)]
            assert len(won) == 1 and len(lost) == 1 and lost[0].key == "stale_preview", results
            value = 7.0 if results[0] == won[0] else 8.0
            obs = observations(engine, plan.code)
            written = obs[obs["batch_id"] == won[0]]
            assert len(written) == len(previews[0].records) and (written["value"] == value).all()
    _assert_audit_consistent(engine)


def _assert_audit_consistent(engine):
    """Every cell a live batch holds has exactly one change row of that batch with its values."""
    with engine.connect() as conn:
        obs = pd.DataFrame(conn.execute(select(schema.Observation.__table__)).mappings().all())
        chg = pd.DataFrame(conn.execute(select(schema.ObservationChange.__table__)).mappings().all())
        kinds = dict(conn.execute(select(schema.ImportBatch.id, schema.ImportBatch.kind)).all())
    real = obs[obs["batch_id"].map(kinds) == "import"]
    merged = real.merge(chg, on=["plan_code", "indicator_code", "region_code", "year", "batch_id"], how="left")
    assert merged["kind"].notna().all()
    assert (merged["value"] == merged["new_value"]).all()
    assert not obs.duplicated(["plan_code", "indicator_code", "region_code", "year"]).any()


KILLED_IMPORT = """
import os, sys, time
from data.plan import load_plan
from data.store import make_engine
from data.importer import preview_import, commit_import
from data.users import Role, User

engine = make_engine(sys.argv[1])
plan = load_plan()
pv = preview_import(engine, plan, open(sys.argv[2], "rb").read(), "big.csv")
assert pv.ok

def hang(session):
    session.flush()
    open(sys.argv[3], "w").write("writing")
    time.sleep(120)

commit_import(engine, pv, User("killed", Role.editor), _after_write=hang)
"""


def test_an_import_killed_halfway_leaves_the_store_as_it_was(engine, store_url, plan, tmp_path):
    sample(plan, engine)
    before = dump(engine)
    data = tmp_path / "big.csv"
    data.write_bytes(_big_csv(plan, 9))
    ready = tmp_path / "ready"
    script = tmp_path / "killed_import.py"
    script.write_text(KILLED_IMPORT, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), store_url, str(data), str(ready)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        deadline = time.time() + 120
        while not ready.exists():
            assert proc.poll() is None, "the import process ended before it was killed"
            assert time.time() < deadline, "the import never reached the write"
            time.sleep(0.1)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    engine.dispose()
    assert dump(engine) == before
    # The lock died with the process: the next import goes through.
    imp(engine, plan, csv("T1-02,道里,2019,5,,,,"))
    assert cell(engine, "T1-02", "230102", 2019)["value"] == 5.0


def test_thousands_of_cells_are_written_changed_and_rolled_back_field_by_field(engine, plan):
    """The write hands tuples to the driver (data.importer.execute_many): every field lands in its
    own column, on insert, on update and on rollback."""
    sample(plan, engine)
    before = dump(engine)
    counts = [i for i in plan.indicators if i.kind.value in ("stock", "annual_count") and i.rollup.value == "sum"]
    places = [plan.region.name.zh, *(u.name for u in plan.region.units)]
    cells = [(i.code, p, y) for i in counts for p in places for y in range(plan.baseline_year, plan.end_year + 1)]
    assert len(cells) > 2000

    def rows(bump: int) -> bytes:
        lines = [
            f"{ind},{place},{y},{n + (bump if n % 10 == 0 else 0)},,,来源{n % 7},备注{n % 5}"
            for n, (ind, place, y) in enumerate(cells)
        ]
        lines.append(f"T1-01,{places[1]},{plan.end_year},,{3 + bump},40,,")  # a coverage cell: its parts too
        return (HEAD + "\n".join(lines) + "\n").encode()

    a = imp(engine, plan, rows(0), "a.csv")
    after_a = dump(engine)
    frame = observations(engine, plan.code).set_index(["indicator_code", "region_code", "year"])
    by_name = dict(zip(places, [plan.region.code, *(u.code for u in plan.region.units)], strict=True))
    for n in (0, 1, 777, len(cells) - 1):
        ind, place, y = cells[n]
        got = frame.loc[(ind, by_name[place], y)]
        assert (got["value"], got["source"], got["note"], got["batch_id"], got["is_sample"]) == (
            float(n),
            f"来源{n % 7}",
            f"备注{n % 5}",
            a,
            False,
        )
    coverage = frame.loc[("T1-01", by_name[places[1]], plan.end_year)]
    assert (coverage["value"], coverage["numerator"], coverage["denominator"]) == (7.5, 3.0, 40.0)
    first = next(c for c in batch_changes(engine, a) if c["kind"] == "changed" and c["indicator_code"] != "T1-01")
    assert first["old_is_sample"] and first["old_batch_id"] != a and first["new_source"] is not None

    b = imp(engine, plan, rows(1), "b.csv")
    batch = next(x for x in list_batches(engine, plan.code) if x["id"] == b)
    assert (batch["rows_new"], batch["rows_changed"]) == (0, len(cells[::10]) + 1)
    changed = frame.loc[(cells[10][0], by_name[cells[10][1]], cells[10][2])]
    assert cell(engine, cells[10][0], by_name[cells[10][1]], cells[10][2])["value"] == changed["value"] + 1

    rollback_batch(engine, plan.code, b, EDITOR)
    assert dump(engine)["observation"] == after_a["observation"]
    rollback_batch(engine, plan.code, a, EDITOR)
    assert dump(engine)["observation"] == before["observation"]
