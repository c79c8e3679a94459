"""Review before it counts (data/review.py, KEPU_REVIEW_IMPORTS): an editor's import waits, changes no
observation, and counts once accepted; a returned batch leaves the store as before and says why; who
reviewed what is on the batch and in the audit log. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from dashboard.repository import Repository
from dashboard.services.imports import ImportService
from data.audit import list_events
from data.import_messages import ImportFailure
from data.importer import list_batches, preview_import, rollback_batch
from data.review import accept_batch, pending_values, return_batch
from data.sample import generate
from data.store import data_status, observations, replace_sample_data
from data.users import PermissionDenied, Role, User
from tests.support.store import dump

EDITOR = User("ed", Role.editor)
REVIEWER = User("rev", Role.reviewer)
ADMIN = User("boss", Role.admin)
HEAD = "指标代码,区县,年份,数值,分子,分母,来源,备注\n"
FILE = "T1-02,道里,2019,555,,,区科协,\nT1-02,南岗,2020,777,,,,\n"  # one sample value replaced, one cell: see below


@pytest.fixture
def store(engine, plan):
    """Sample data with 南岗 2020 of T1-02 missing, and a service with review switched on."""
    frame = generate(plan, seed=2016)
    frame = frame[
        ~((frame["indicator_code"] == "T1-02") & (frame["region_code"] == "230103") & (frame["year"] == 2020))
    ]
    replace_sample_data(engine, plan.code, frame)
    return engine, ImportService(engine, plan, review=True)


def _preview(engine, plan, body: str = FILE, name: str = "道里区.csv"):
    pv = preview_import(engine, plan, (HEAD + body).encode(), name)
    assert pv.ok, [p.text("en") for p in pv.errors]
    return pv


def _cell(engine, plan, region: str, year: int):
    f = observations(engine, plan.code, ["T1-02"], [region], [year])
    return None if f.empty else (float(f["value"].iloc[0]), bool(f["is_sample"].iloc[0]))


def test_an_editors_import_waits_and_changes_nothing_that_counts(store, plan):
    engine, imports = store
    repo = Repository(engine, plan)
    before, version = dump(engine)["observation"], repo.version()
    status = data_status(engine, plan.code)

    batch = imports.commit(EDITOR, _preview(engine, plan))

    assert dump(engine)["observation"] == before
    assert data_status(engine, plan.code) == status
    row = next(b for b in list_batches(engine, plan.code) if b["id"] == batch)
    assert row["status"] == "pending" and row["created_by"] == "ed" and row["reviewed_by"] is None
    waiting = pending_values(engine, plan.code)
    assert sorted(zip(waiting["region_code"], waiting["year"], waiting["value"], strict=True)) == [
        ("230102", 2019, 555.0),
        ("230103", 2020, 777.0),
    ]
    assert repo.version() != version, "the reporting page shows waiting values: its caches must see them"
    assert [b["id"] for b in imports.pending_batches()] == [batch]
    event = list_events(engine, 1)[0]
    assert event["event"] == "import" and "pending review" in event["detail"]


def test_an_accepted_batch_counts_and_rolls_back_to_what_was_there_at_acceptance(store, plan):
    engine, imports = store
    sample_2019 = _cell(engine, plan, "230102", 2019)
    batch = imports.commit(EDITOR, _preview(engine, plan))
    repo = Repository(engine, plan)
    version = repo.version()

    res = imports.accept(REVIEWER, batch)

    assert res == {"batch": batch, "new": 1, "changed": 1}
    assert _cell(engine, plan, "230102", 2019) == (555.0, False)
    assert _cell(engine, plan, "230103", 2020) == (777.0, False)
    assert pending_values(engine, plan.code).empty
    assert repo.version() != version
    row = next(b for b in list_batches(engine, plan.code) if b["id"] == batch)
    assert (row["status"], row["reviewed_by"], row["rows_new"], row["rows_changed"]) == ("active", "rev", 1, 1)
    assert row["reviewed_at"] is not None
    event = list_events(engine, 1)[0]
    assert (event["event"], event["username"], event["batch_id"]) == ("review_accepted", "rev", batch)

    rollback_batch(engine, plan.code, batch, EDITOR)
    assert _cell(engine, plan, "230102", 2019) == sample_2019
    assert _cell(engine, plan, "230103", 2020) is None


def test_a_returned_batch_leaves_the_store_as_before_and_keeps_its_reason(store, plan):
    engine, imports = store
    batch = imports.commit(EDITOR, _preview(engine, plan))
    before = dump(engine)
    repo = Repository(engine, plan)
    version = repo.version()

    imports.return_batch(ADMIN, batch, "  南岗区 2020 年数字与统计年鉴不符\x1b[31m  ")

    after = dump(engine)
    for table in ("observation", "observation_change", "target", "indicator"):
        assert after[table] == before[table], table
    row = next(b for b in list_batches(engine, plan.code) if b["id"] == batch)
    assert row["status"] == "returned" and row["reviewed_by"] == "boss"
    assert row["review_reason"] == "南岗区 2020 年数字与统计年鉴不符[31m"  # control characters never stored
    assert pending_values(engine, plan.code).empty
    assert repo.version() != version, "returning a batch changes the data version"
    event = list_events(engine, 1)[0]
    assert (event["event"], event["batch_id"], event["detail"]) == ("review_returned", batch, row["review_reason"])


def test_review_refuses_what_it_should(store, plan):
    engine, imports = store
    batch = imports.commit(EDITOR, _preview(engine, plan))
    with pytest.raises(PermissionDenied):
        imports.accept(EDITOR, batch)
    with pytest.raises(PermissionDenied):
        imports.return_batch(EDITOR, batch, "no")
    with pytest.raises(ImportFailure) as no_reason:
        imports.return_batch(REVIEWER, batch, "   ")
    assert no_reason.value.key == "no_reason"
    with pytest.raises(ImportFailure) as not_active:
        rollback_batch(engine, plan.code, batch, EDITOR)
    assert not_active.value.key == "not_active"
    with pytest.raises(ImportFailure) as other:
        accept_batch(engine, "another-plan", batch, REVIEWER)
    assert other.value.key == "other_plan"
    imports.accept(REVIEWER, batch)
    for act in (
        lambda: accept_batch(engine, plan.code, batch, REVIEWER),
        lambda: return_batch(engine, plan.code, batch, REVIEWER, "x"),
    ):
        with pytest.raises(ImportFailure) as again:
            act()
        assert again.value.key == "not_pending"
    with pytest.raises(ImportFailure) as unknown:
        imports.accept(REVIEWER, 99999)
    assert unknown.value.key == "unknown_batch"


def test_reviewers_and_admins_imports_count_at_once_and_review_off_is_as_before(store, plan):
    engine, imports = store
    for user in (REVIEWER, ADMIN):
        batch = imports.commit(user, _preview(engine, plan, f"T1-02,道里,2018,{len(user.username)},,,,\n"))
        assert next(b for b in list_batches(engine, plan.code) if b["id"] == batch)["status"] == "active"
    off = ImportService(engine, plan)  # KEPU_REVIEW_IMPORTS unset
    batch = off.commit(EDITOR, _preview(engine, plan, "T1-02,道里,2017,1234,,,,\n"))
    assert next(b for b in list_batches(engine, plan.code) if b["id"] == batch)["status"] == "active"
    assert _cell(engine, plan, "230102", 2017) == (1234.0, False)
    assert not off.needs_review(EDITOR) and imports.needs_review(EDITOR) and not imports.needs_review(REVIEWER)


def test_two_waiting_batches_on_one_cell_are_accepted_in_any_order_and_roll_back_in_reverse(store, plan):
    engine, imports = store
    sample = _cell(engine, plan, "230102", 2019)
    first = imports.commit(EDITOR, _preview(engine, plan, "T1-02,道里,2019,1,,,,\n", "一.csv"))
    second = imports.commit(EDITOR, _preview(engine, plan, "T1-02,道里,2019,2,,,,\n", "二.csv"))
    imports.accept(REVIEWER, second)
    imports.accept(REVIEWER, first)  # accepted last: its value is the one that counts
    assert _cell(engine, plan, "230102", 2019) == (1.0, False)
    with pytest.raises(ImportFailure) as superseded:
        rollback_batch(engine, plan.code, second, EDITOR)
    assert superseded.value.key == "superseded"
    rollback_batch(engine, plan.code, first, EDITOR)
    assert _cell(engine, plan, "230102", 2019) == (2.0, False)
    rollback_batch(engine, plan.code, second, EDITOR)
    assert _cell(engine, plan, "230102", 2019) == sample
