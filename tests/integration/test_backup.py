"""Backup and restore (data/backup.py, kepu backup / kepu restore): a store with imports and a
rollback comes back row for row on SQLite and PostgreSQL; damaged files, a store holding data and a
revision from newer code are refused, and a refused or failed restore leaves the target empty; a
migration of a store that holds data is preceded by a backup that restores."""

from __future__ import annotations

import json
import threading
import uuid
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import MetaData, create_engine, func, select, text
from sqlalchemy.exc import IntegrityError

from dashboard.cli import cli
from dashboard.services.imports import ImportService
from data import schema
from data.backup import (
    MANIFEST,
    BackupError,
    backup,
    backup_before_upgrade,
    data_checksum,
    head_revision,
    read_manifest,
    restore,
    store_is_empty,
)
from data.importer import commit_import, preview_import, rollback_batch
from data.notes import add_note, withdraw_note
from data.reporting import set_due_date
from data.review import accept_batch, return_batch
from data.sample import generate
from data.store import current_revision, make_engine, observations, replace_sample_data, upgrade
from data.users import Role, User, create_user
from tests.integration.test_migrations import _fill_0002
from tests.support.store import dump

EDITOR = User("editor1", Role.editor)
REVIEWER = User("reviewer1", Role.reviewer)
HEAD = "指标代码,区县,年份,数值,分子,分母,来源,备注\n"


def imp(engine, plan, body: str, name: str, pending: bool = False) -> int:
    pv = preview_import(engine, plan, (HEAD + body).encode(), name)
    assert pv.ok, [p.text("en") for p in pv.errors]
    return commit_import(engine, pv, EDITOR, pending=pending)


@pytest.fixture
def filled(engine, plan):
    """Sample data, two imports (one rolled back), two reviewed imports (one accepted, one returned), a
    reporting round's due date, two notes (one withdrawn), two venue lists (one rolled back) and two
    accounts: every table holds rows."""
    replace_sample_data(engine, plan.code, generate(plan, seed=2016))
    imp(engine, plan, "T1-02,道里,2019,5,,,区科协,备注\nT1-01,南岗,2019,,3,4,,\n", "道里.csv")
    undone = imp(engine, plan, "T1-02,道里,2019,7,,,,\nG-01,香坊,2020,11.25,,,,\n", "二次.csv")
    rollback_batch(engine, plan.code, undone, EDITOR)
    # Review (migration 0005): one batch accepted, one returned with its reason; a round's due date.
    accepted = imp(engine, plan, "T1-02,南岗,2018,8,,,,\n", "审核.csv", pending=True)
    accept_batch(engine, plan.code, accepted, REVIEWER)
    returned = imp(engine, plan, "T1-02,南岗,2017,9,,,,\n", "退回.csv", pending=True)
    return_batch(engine, plan.code, returned, REVIEWER, "与年鉴不符")
    set_due_date(engine, plan.code, 2020, date(2021, 3, 31), EDITOR)
    # Notes on values (migration 0006): one in force, one withdrawn (kept with who and when).
    add_note(engine, plan.code, EDITOR, year=2019, text="口径调整", indicator="T1-02", region="230102")
    withdrawn = add_note(engine, plan.code, EDITOR, year=2019, text="整年说明")
    withdraw_note(engine, plan.code, withdrawn, EDITOR)
    # The venue registry (migration 0007): a venue list kept, one changed by a later list that was rolled back.
    venues = "名称,类型,区县,地址,经度,纬度,坐标系,开放年份\n道里测试馆,科技馆,道里区,某路,126.62,45.76,GCJ-02,2018\n"
    pv = ImportService(engine, plan).preview(venues.encode(), "设施.csv")
    assert pv.ok, [p.text("en") for p in pv.errors]
    ImportService(engine, plan).commit(EDITOR, pv)
    pv = ImportService(engine, plan).preview(venues.replace("某路", "新路").encode(), "设施2.csv")
    rollback_batch(engine, plan.code, ImportService(engine, plan).commit(EDITOR, pv), EDITOR)
    create_user(engine, "admin", "a long enough password", Role.admin)
    create_user(engine, "ed", "another long password", Role.editor)
    return engine


@pytest.fixture
def new_store(store_url, request, tmp_path):
    """Makes empty stores of the same engine as ``store_url`` (a new SQLite file, a new PostgreSQL database)."""
    made = []

    def make():
        if store_url.startswith("sqlite"):
            url = f"sqlite:///{tmp_path / f'restored-{len(made)}.sqlite3'}"
        else:
            server = request.getfixturevalue("postgres_server")
            name = f"kepu_r_{uuid.uuid4().hex[:10]}"
            with create_engine(server, isolation_level="AUTOCOMMIT").connect() as c:
                c.execute(text(f'CREATE DATABASE "{name}"'))
            url = server.rsplit("/", 1)[0] + f"/{name}"
        eng = make_engine(url)
        made.append(eng)
        return eng

    yield make
    for eng in made:
        eng.dispose()


def _tables(engine) -> set[str]:
    meta = MetaData()
    meta.reflect(engine)
    return set(meta.tables)


# -- a store comes back whole ------------------------------------------------------------------


def test_a_restored_store_holds_every_row_of_every_table(filled, new_store, tmp_path, plan):
    archive = tmp_path / "kepu.zip"
    manifest = backup(filled, archive)
    assert set(manifest["tables"]) == set(schema.Base.metadata.tables)  # every table, found by reflection
    assert manifest["revision"] == current_revision(filled) == head_revision()
    assert manifest["engine"] == filled.dialect.name
    assert [p["code"] for p in manifest["plans"]] == [plan.code]
    assert len(manifest["plans"][0]["fingerprint"]) == 64
    before = dump(filled)
    assert all(before[name] for name in schema.Base.metadata.tables), "every table should hold rows"
    assert {name: len(rows) for name, rows in before.items()} == {
        name: m["rows"] for name, m in manifest["tables"].items()
    }

    target = new_store()
    done = restore(target, archive)
    assert done.revision == done.upgraded_to == head_revision()
    assert dump(target) == before
    # Ids go on after the restored ones (PostgreSQL's sequences were moved past them): a new import writes.
    batch = imp(target, plan, "T1-02,道里,2020,9,,,,\n", "after.csv")
    assert batch > max(row[0] for row in before["import_batch"])
    assert observations(target, plan.code, ["T1-02"], ["230102"], [2020])["value"].tolist() == [9.0]


def test_the_same_store_gives_the_same_data_part(filled, tmp_path):
    """Deterministic: two backups of an unchanged store differ in their time only."""
    one, two = backup(filled, tmp_path / "1.zip"), backup(filled, tmp_path / "2.zip")
    assert one["checksum"] == two["checksum"] and one["plans"] == two["plans"]


def test_a_backup_taken_while_imports_write_is_one_moment_of_the_store(filled, new_store, tmp_path, plan):
    """Every batch in the copy has all its change rows and cells, whatever the imports did meanwhile."""
    stop = threading.Event()
    errors: list[BaseException] = []
    imported = [0]

    def keep_importing():
        year = 0
        try:
            while not stop.is_set():
                value = 10 + year % 50
                rows = "".join(f"T1-02,{d},2019,{value},,,,\n" for d in ("道里", "南岗", "香坊", "道外"))
                imp(filled, plan, rows, f"loop{year}.csv")
                year += 1
                imported[0] = year
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)

    writer = threading.Thread(target=keep_importing)
    writer.start()
    try:
        archives = [backup(filled, tmp_path / f"{i}.zip") and tmp_path / f"{i}.zip" for i in range(3)]
    finally:
        stop.set()
        writer.join()
    assert not errors
    for archive in archives:
        target = new_store()
        restore(target, archive)
        with target.connect() as c:
            b = schema.ImportBatch
            batches = c.execute(select(b.id, b.rows_new + b.rows_changed).where(b.kind == "import")).all()
            for batch_id, written in batches:
                changes = select(func.count()).where(schema.ObservationChange.batch_id == batch_id)
                assert c.execute(changes).scalar_one() == written, batch_id
    assert imported[0] > 3, "the imports should have gone on while the backups were taken"


@pytest.mark.postgres
def test_a_sqlite_backup_restores_into_postgresql(plan, tmp_path, postgres_url):
    """One format for both engines: a store moves from SQLite to PostgreSQL by backup and restore."""
    source = make_engine(f"sqlite:///{tmp_path / 'src.sqlite3'}")
    upgrade(source)
    from data.store import sync_plan

    sync_plan(source, plan)
    replace_sample_data(source, plan.code, generate(plan, seed=2016))
    imp(source, plan, "T1-02,道里,2019,5,,,区科协,备注\n", "道里.csv")
    create_user(source, "admin", "a long enough password", Role.admin)
    backup(source, tmp_path / "k.zip")
    target = make_engine(postgres_url)
    restore(target, tmp_path / "k.zip")

    def rows(engine):  # the engines order text differently: compare as sets of rows
        return {name: sorted(map(repr, table)) for name, table in dump(engine).items()}

    assert rows(target) == rows(source)
    target.dispose()
    source.dispose()


# -- refusals ---------------------------------------------------------------------------------


@pytest.fixture
def archive(filled, tmp_path):
    path = tmp_path / "good.zip"
    backup(filled, path)
    return path


def _rewrite(src: Path, dst: Path, *, files=None, manifest=None, drop=(), recompute=False) -> Path:
    """A copy of an archive with files replaced or left out and the manifest edited."""
    with zipfile.ZipFile(src) as zin:
        contents = {n: zin.read(n) for n in zin.namelist() if n not in drop}
    contents.update(files or {})
    if MANIFEST in contents:
        m = json.loads(contents[MANIFEST])
        if recompute:
            import hashlib

            for name in m["tables"]:
                data = contents[f"data/{name}.jsonl"]
                m["tables"][name] = {"rows": data.count(b"\n") - 1, "sha256": hashlib.sha256(data).hexdigest()}
            m["checksum"] = data_checksum(m["tables"])
        if manifest:
            manifest(m)
        contents[MANIFEST] = json.dumps(m).encode()
    with zipfile.ZipFile(dst, "w") as zout:
        for name, data in contents.items():
            zout.writestr(name, data)
    return dst


def _refused(target, path: Path, code: str) -> BackupError:
    with pytest.raises(BackupError) as info:
        restore(target, path)
    assert info.value.code == code, info.value
    return info.value


def test_a_truncated_file_is_refused_and_the_target_stays_empty(archive, new_store, tmp_path):
    cut = tmp_path / "cut.zip"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    target = new_store()
    _refused(target, cut, "not_a_backup")
    assert _tables(target) == set()


def test_a_changed_value_fails_the_checksum(archive, new_store, tmp_path):
    with zipfile.ZipFile(archive) as zf:
        data = zf.read("data/observation.jsonl")
    bad = _rewrite(archive, tmp_path / "bad.zip", files={"data/observation.jsonl": data.replace(b"5", b"6", 1)})
    target = new_store()
    err = _refused(target, bad, "checksum")
    assert err.details["table"] == "observation"
    assert _tables(target) == set()


def test_a_file_without_manifest_is_refused(archive, new_store, tmp_path):
    bare = _rewrite(archive, tmp_path / "bare.zip", drop=(MANIFEST,))
    _refused(new_store(), bare, "no_manifest")


def test_a_manifest_that_lies_about_the_counts_is_refused(archive, new_store, tmp_path):
    def more_rows(m):
        m["tables"]["observation"]["rows"] += 1

    bad = _rewrite(archive, tmp_path / "lie.zip", manifest=more_rows)
    err = _refused(new_store(), bad, "row_counts")
    assert err.details["table"] == "observation"


def test_a_newer_format_or_an_unknown_revision_is_refused(archive, new_store, tmp_path):
    def future_revision(m):
        m["revision"] = "9999"

    def future_format(m):
        m["format_version"] = 99

    target = new_store()
    err = _refused(target, _rewrite(archive, tmp_path / "rev.zip", manifest=future_revision), "unknown_revision")
    assert err.details == {"revision": "9999", "head": head_revision()}
    _refused(target, _rewrite(archive, tmp_path / "fmt.zip", manifest=future_format), "format_version")
    assert _tables(target) == set()


def test_a_store_that_holds_data_is_refused_and_left_alone(archive, filled):
    before = dump(filled)
    err = _refused(filled, archive, "not_empty")
    assert "observation" in err.details["tables"]
    assert dump(filled) == before


def test_a_restore_that_fails_halfway_leaves_the_target_empty(archive, new_store, tmp_path):
    """A well-formed archive whose rows the store refuses (one cell twice): nothing stays behind."""
    with zipfile.ZipFile(archive) as zf:
        lines = zf.read("data/observation.jsonl").splitlines(keepends=True)
    twice = json.loads(lines[-1])
    twice[0] += 10**6  # a new id, the same (plan, indicator, region, year)
    bad = _rewrite(
        archive,
        tmp_path / "twice.zip",
        files={"data/observation.jsonl": b"".join(lines) + json.dumps(twice).encode() + b"\n"},
        recompute=True,
    )
    read_manifest(bad)  # the file itself passes every check
    target = new_store()
    with pytest.raises(IntegrityError):
        restore(target, bad)
    assert _tables(target) == set()
    assert store_is_empty(target)


# -- before a migration -------------------------------------------------------------------------


@pytest.fixture
def old_store(store_url, plan):
    engine = make_engine(store_url)
    upgrade(engine, "0002")
    _fill_0002(engine, plan)
    yield engine
    engine.dispose()


def test_a_migration_is_preceded_by_a_backup_that_restores(old_store, new_store, tmp_path):
    folder = tmp_path / "backups"
    path = backup_before_upgrade(old_store, folder)
    assert path is not None and path.parent == folder
    assert path.name.startswith(f"kepu-0002-before-{head_revision()}-") and path.suffix == ".zip"
    assert read_manifest(path)["revision"] == "0002"
    upgrade(old_store)
    target = new_store()
    done = restore(target, path)  # restored at 0002, then upgraded like the store itself
    assert (done.revision, done.upgraded_to) == ("0002", head_revision())
    assert dump(target) == dump(old_store)


def test_no_backup_for_a_new_or_an_up_to_date_store(store_url, tmp_path, engine):
    folder = tmp_path / "backups"
    assert backup_before_upgrade(engine, folder) is None  # at the newest revision
    fresh = make_engine(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    assert backup_before_upgrade(fresh, folder) is None  # no schema yet
    upgrade(fresh, "0002")
    assert backup_before_upgrade(fresh, folder) is None  # a schema, but no rows
    assert not folder.exists()


def test_kepu_db_upgrade_backs_up_an_old_store_first(old_store, store_url, tmp_path, monkeypatch):
    folder = tmp_path / "kept"
    monkeypatch.setenv("KEPU_BACKUP_DIR", str(folder))
    result = CliRunner().invoke(cli, ["--database-url", store_url, "db", "upgrade"], obj={}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    [path] = folder.glob("kepu-0002-before-*.zip")
    assert str(path) in result.stderr and "backed up before the schema upgrade" in result.stderr
    assert current_revision(old_store) == head_revision()
    again = CliRunner().invoke(cli, ["--database-url", store_url, "db", "upgrade"], obj={}, catch_exceptions=False)
    assert again.exit_code == 0 and len(list(folder.glob("*.zip"))) == 1  # nothing to migrate: no backup


def test_kepu_init_of_a_new_sqlite_store_makes_no_backup_and_backups_go_beside_the_file(tmp_path, monkeypatch):
    monkeypatch.delenv("KEPU_BACKUP_DIR", raising=False)
    url = f"sqlite:///{tmp_path / 'db' / 'kepu.sqlite3'}"

    def run(*args, code=0):
        result = CliRunner().invoke(cli, ["--database-url", url, *args], obj={}, catch_exceptions=False)
        assert result.exit_code == code, result.output
        return result

    run("init")
    assert not (tmp_path / "db" / "backups").exists()
    out = run("backup").output
    [path] = (tmp_path / "db" / "backups").glob(f"kepu-{head_revision()}-*.zip")
    assert str(path) in out and "backup →" in out
    refused = run("restore", str(path), code=1).output
    assert "不是空的" in refused and "point KEPU_DATABASE_URL at an empty database" in refused
    restored = run("--database-url", f"sqlite:///{tmp_path / 'other.sqlite3'}", "restore", str(path)).output
    assert "restored" in restored and "恢复" in restored
