"""Backups of the store: one zip archive, the same for SQLite and PostgreSQL.

Why not ``pg_dump``: its archive can only be read by a ``pg_restore`` at least as new, a
``pg_dump`` older than the server refuses to run, and the file says nothing this code can check
(revision, plans, counts) without that tool. A portable archive of our own works for both
engines, restores across them (a SQLite store moves to PostgreSQL by backup and restore), and is
checked before anything is written.

The archive (a zip):

    manifest.json          format and version, when, which engine, the Alembic revision, the
                           plans with a fingerprint each, every table's row count and sha256,
                           and the sha256 of the data part
    data/<table>.jsonl     one file per table of the store (read from the database, not from
                           data/schema.py, so a table a later migration adds is backed up too):
                           the first line is the column names, then one JSON list per row,
                           in primary-key order

A consistent copy of a running store: SQLite through its online backup API into a temporary
file (safe while the app writes; WAL readers and writers are not blocked), PostgreSQL in one
read-only REPEATABLE READ transaction (one snapshot for every table).

A restore goes into an empty store only. It checks the manifest (format version, the data part's
checksum, a revision this code's migrations know, the row counts of each file) before it writes,
creates the schema at the backup's revision, inserts every row in one transaction, compares the
counts, and then upgrades to the newest revision. Whatever fails leaves the target empty.

The data layer raises ``BackupError(code, **details)``; the CLI words each code in both languages.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, cast

from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, MetaData, Table, create_engine, func, insert, select, text

from data.store import MIGRATIONS_DIR, current_revision, upgrade

FORMAT = "kepu-store-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA_DIR = "data/"
ALEMBIC_TABLE = "alembic_version"
# The tables that describe a plan (its rows carry the plan's code; ``plan`` is keyed by it): a
# plan's fingerprint is over these rows, without surrogate ids, which differ between stores.
PLAN_TABLES = ("plan", "task", "department", "task_role", "indicator", "target")
CHUNK = 5000


class BackupError(Exception):
    """A backup that cannot be made or restored; ``code`` says what is wrong, ``details`` name it.

    Codes: not_a_backup, no_manifest, bad_manifest, format_version, checksum, row_counts,
    unknown_revision, no_schema, not_empty, tables_differ.
    """

    def __init__(self, code: str, **details: Any) -> None:
        self.code = code
        self.details = details
        super().__init__(f"{code}: " + ", ".join(f"{k}={v}" for k, v in details.items()) if details else code)


@dataclass(frozen=True)
class Restored:
    revision: str  # the backup's revision
    upgraded_to: str  # the store's revision after the restore
    rows: dict[str, int]  # table → rows restored


# -- revisions -----------------------------------------------------------------------------------


def _scripts() -> ScriptDirectory:
    return ScriptDirectory(str(MIGRATIONS_DIR))


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None  # the migrations are shipped with the code
    return head


def known_revision(revision: str) -> bool:
    try:
        return _scripts().get_revision(revision) is not None
    except CommandError:
        return False


# -- backing up ----------------------------------------------------------------------------------


def backup(engine: Engine, out: Path, *, now: datetime | None = None) -> dict[str, Any]:
    """Write a consistent copy of the store to ``out`` (a zip); its manifest.

    The archive is written next to ``out`` and renamed into place, so ``out`` is never a half file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    created = (now or datetime.now(UTC)).astimezone(UTC)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with _snapshot(engine) as conn, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            revision = _revision_of(conn)
            if revision is None:
                raise BackupError("no_schema")
            meta = MetaData()
            meta.reflect(conn)
            tables: dict[str, dict[str, Any]] = {}
            for name in sorted(meta.tables):
                if name == ALEMBIC_TABLE:
                    continue
                with zf.open(f"{DATA_DIR}{name}.jsonl", "w") as raw:
                    rows, digest = _write_table(conn, meta.tables[name], raw)
                tables[name] = {"rows": rows, "sha256": digest}
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": created.isoformat(timespec="seconds").replace("+00:00", "Z"),
                "engine": engine.dialect.name,
                "revision": revision,
                "plans": _plan_fingerprints(conn, meta),
                "tables": tables,
                "checksum": data_checksum(tables),
            }
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        tmp.replace(out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return manifest


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection that sees one moment of the store for as long as it is open."""
    if engine.dialect.name == "sqlite":
        with tempfile.TemporaryDirectory(prefix="kepu-backup-") as tmp:
            copy = Path(tmp) / "snapshot.sqlite3"
            raw = engine.raw_connection()
            try:
                source = cast(sqlite3.Connection, raw.driver_connection)
                target = sqlite3.connect(copy)
                try:
                    source.backup(target)  # the online backup API: one consistent copy, writers go on
                finally:
                    target.close()
            finally:
                raw.close()
            snap = create_engine(f"sqlite:///{copy}")
            try:
                with snap.connect() as conn:
                    yield conn
            finally:
                snap.dispose()
        return
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            yield conn


def _revision_of(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def _write_table(conn: Connection, table: Table, raw: IO[bytes]) -> tuple[int, str]:
    digest = hashlib.sha256()

    def line(values: list[Any]) -> None:
        data = (json.dumps(values, ensure_ascii=False, separators=(",", ":"), default=_encode) + "\n").encode()
        digest.update(data)
        raw.write(data)

    line([c.name for c in table.columns])
    order = list(table.primary_key.columns) or list(table.columns)
    n = 0
    result = conn.execute(select(table).order_by(*order).execution_options(yield_per=CHUNK))
    for row in result:
        line(list(row))
        n += 1
    return n, digest.hexdigest()


def _encode(value: object) -> object:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    raise TypeError(f"a store value of type {type(value).__name__} cannot be backed up")


def data_checksum(tables: dict[str, dict[str, Any]]) -> str:
    """The sha256 of the data part: of a ``sha256sum``-style listing of the table files, by name."""
    listing = "".join(f"{tables[name]['sha256']}  {DATA_DIR}{name}.jsonl\n" for name in sorted(tables))
    return hashlib.sha256(listing.encode()).hexdigest()


def _plan_fingerprints(conn: Connection, meta: MetaData) -> list[dict[str, str]]:
    if "plan" not in meta.tables:
        return []
    plans = meta.tables["plan"]
    out = []
    for code, title in conn.execute(select(plans.c.code, plans.c.title_zh).order_by(plans.c.code)).all():
        described: dict[str, list[str]] = {}
        for name in PLAN_TABLES:
            table = meta.tables.get(name)
            key = "code" if name == "plan" else "plan_code"
            if table is None or key not in table.c:
                continue
            cols = [c for c in table.columns if c.name != "id" and not c.name.endswith("_id")]
            rows = conn.execute(select(*cols).where(table.c[key] == code)).all()
            described[name] = sorted(json.dumps(list(r), ensure_ascii=False, default=_encode) for r in rows)
        blob = json.dumps(described, ensure_ascii=False, sort_keys=True).encode()
        out.append({"code": code, "title": title, "fingerprint": hashlib.sha256(blob).hexdigest()})
    return out


# -- reading an archive --------------------------------------------------------------------------


def read_manifest(archive: Path) -> dict[str, Any]:
    """The archive's manifest after checking everything that can be checked without a store: a zip
    with a manifest of our format and version, table files whose sha256 and row counts match it,
    the data part's checksum, and a revision this code knows."""
    try:
        with zipfile.ZipFile(archive) as zf:
            try:
                manifest = json.loads(zf.read(MANIFEST))
            except KeyError:
                raise BackupError("no_manifest", file=archive.name) from None
            except ValueError:
                raise BackupError("bad_manifest", file=archive.name) from None
            _check_manifest(manifest, archive)
            tables: dict[str, dict[str, Any]] = manifest["tables"]
            for name, meta in sorted(tables.items()):
                rows, digest = _scan(zf, name, archive)
                if digest != meta["sha256"]:
                    raise BackupError("checksum", file=archive.name, table=name)
                if rows != meta["rows"]:
                    raise BackupError("row_counts", table=name, manifest=meta["rows"], found=rows)
            extra = {n for n in zf.namelist() if n.startswith(DATA_DIR)} - {f"{DATA_DIR}{n}.jsonl" for n in tables}
            if extra:
                raise BackupError("checksum", file=archive.name, table=", ".join(sorted(extra)))
    except (zipfile.BadZipFile, EOFError, OSError, zipfile.LargeZipFile) as exc:
        raise BackupError("not_a_backup", file=archive.name, reason=str(exc)) from None
    if data_checksum(tables) != manifest["checksum"]:
        raise BackupError("checksum", file=archive.name, table=DATA_DIR)
    if not known_revision(manifest["revision"]):
        raise BackupError("unknown_revision", revision=manifest["revision"], head=head_revision())
    return cast(dict[str, Any], manifest)


def _check_manifest(manifest: object, archive: Path) -> None:
    keys = {"format", "format_version", "revision", "tables", "checksum"}
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not keys <= manifest.keys():
        raise BackupError("bad_manifest", file=archive.name)
    version = manifest["format_version"]
    if not isinstance(version, int) or version > FORMAT_VERSION or version < 1:
        raise BackupError("format_version", found=version, supported=FORMAT_VERSION)
    tables = manifest["tables"]
    if not isinstance(tables, dict) or not all(
        isinstance(m, dict) and isinstance(m.get("rows"), int) and isinstance(m.get("sha256"), str)
        for m in tables.values()
    ):
        raise BackupError("bad_manifest", file=archive.name)


def _scan(zf: zipfile.ZipFile, name: str, archive: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    lines = 0
    try:
        with zf.open(f"{DATA_DIR}{name}.jsonl") as raw:
            for data in raw:
                digest.update(data)
                lines += 1
    except KeyError:
        raise BackupError("checksum", file=archive.name, table=name) from None
    return max(lines - 1, 0), digest.hexdigest()


def _rows(zf: zipfile.ZipFile, name: str) -> tuple[list[str], Iterator[list[Any]]]:
    raw = io.TextIOWrapper(zf.open(f"{DATA_DIR}{name}.jsonl"), encoding="utf-8")
    columns: list[str] = json.loads(raw.readline())

    def rows() -> Iterator[list[Any]]:
        with raw:
            for data in raw:
                yield json.loads(data)

    return columns, rows()


# -- restoring -----------------------------------------------------------------------------------


def store_is_empty(engine: Engine) -> bool:
    """No table of the store (the Alembic bookkeeping aside) holds a row; a database without tables too."""
    return not _tables_with_rows(engine)


def _tables_with_rows(engine: Engine) -> list[str]:
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        return [
            name
            for name, table in sorted(meta.tables.items())
            if name != ALEMBIC_TABLE and conn.execute(select(table).limit(1)).first() is not None
        ]


def restore(engine: Engine, archive: Path) -> Restored:
    """Restore ``archive`` into the empty store of ``engine`` and upgrade it to the newest revision."""
    manifest = read_manifest(archive)
    revision: str = manifest["revision"]
    full = _tables_with_rows(engine)
    if full:
        raise BackupError("not_empty", tables=", ".join(full))
    had_schema = current_revision(engine)
    if had_schema is not None and had_schema != revision:
        # An empty store made by newer (or older) code: its tables may not take the backup's rows.
        raise BackupError("not_empty", tables=f"{ALEMBIC_TABLE} = {had_schema}")
    try:
        upgrade(engine, revision)
        counts = _insert_all(engine, archive, manifest)
        upgrade(engine)
    except BaseException:
        _empty(engine, drop=had_schema is None)
        raise
    return Restored(revision=revision, upgraded_to=current_revision(engine) or revision, rows=counts)


def _insert_all(engine: Engine, archive: Path, manifest: dict[str, Any]) -> dict[str, int]:
    expected: dict[str, int] = {name: m["rows"] for name, m in manifest["tables"].items()}
    with zipfile.ZipFile(archive) as zf, engine.begin() as conn:
        meta = MetaData()
        meta.reflect(conn)
        present = set(meta.tables) - {ALEMBIC_TABLE}
        if present != set(expected):
            raise BackupError(
                "tables_differ",
                revision=manifest["revision"],
                missing=", ".join(sorted(present - set(expected))) or "-",
                unknown=", ".join(sorted(set(expected) - present)) or "-",
            )
        for table in meta.sorted_tables:  # parents before children: the foreign keys hold row by row
            if table.name == ALEMBIC_TABLE:
                continue
            columns, rows = _rows(zf, table.name)
            if set(columns) != set(table.c.keys()):
                raise BackupError("tables_differ", revision=manifest["revision"], missing="-", unknown=table.name)
            decode = [_decoder(table, c) for c in columns]
            chunk: list[dict[str, Any]] = []
            for row in rows:
                chunk.append({c: f(v) for c, f, v in zip(columns, decode, row, strict=True)})
                if len(chunk) >= CHUNK:
                    conn.execute(insert(table), chunk)
                    chunk = []
            if chunk:
                conn.execute(insert(table), chunk)
        counts = {
            name: conn.execute(select(func.count()).select_from(meta.tables[name])).scalar_one() for name in expected
        }
        wrong = {name: (expected[name], n) for name, n in counts.items() if n != expected[name]}
        if wrong:
            name, (want, got) = sorted(wrong.items())[0]
            raise BackupError("row_counts", table=name, manifest=want, found=got)
        if conn.dialect.name == "postgresql":
            _reset_sequences(conn, meta)
    return counts


def _decoder(table: Table, column: str) -> Callable[[Any], Any]:
    try:
        kind = table.c[column].type.python_type
    except NotImplementedError:
        return _same
    convert: Callable[[Any], Any] | None = {
        datetime: datetime.fromisoformat,
        date: date.fromisoformat,
        time: time.fromisoformat,
        Decimal: Decimal,
        bytes: base64.b64decode,
    }.get(kind)
    if convert is None:
        return _same
    return lambda v: None if v is None else convert(v)


def _same(value: Any) -> Any:
    return value


def _reset_sequences(conn: Connection, meta: MetaData) -> None:
    """Rows came with their ids: each id sequence must continue after the largest one restored."""
    for table in meta.sorted_tables:
        for col in table.primary_key.columns:
            seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": col.name}).scalar()
            if seq is None:
                continue
            top = conn.execute(select(func.max(col))).scalar()
            conn.execute(
                text("SELECT setval(:s, :v, :called)"),
                {"s": seq, "v": top if top is not None else 1, "called": top is not None},
            )


def _empty(engine: Engine, *, drop: bool) -> None:
    """Leave the store as it was before the restore: without tables, or with its tables empty."""
    meta = MetaData()
    meta.reflect(engine)
    if drop:
        meta.drop_all(engine)
        return
    with engine.begin() as conn:
        for table in reversed(meta.sorted_tables):
            if table.name != ALEMBIC_TABLE:
                conn.execute(table.delete())


# -- before a migration --------------------------------------------------------------------------


def backup_name(revision: str, now: datetime, *, before: str | None = None) -> str:
    """``kepu-0002-before-0003-20261128T130217Z.zip``: the revision it holds, the one it preceded, when."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"kepu-{revision}" + (f"-before-{before}" if before else "") + f"-{stamp}.zip"


def backup_before_upgrade(engine: Engine, folder: Path, *, now: datetime | None = None) -> Path | None:
    """Back the store up into ``folder`` when an upgrade would change its schema; None when it would
    not (a new store, one at the newest revision already, or one that holds no rows)."""
    revision = current_revision(engine)
    head = head_revision()
    if revision is None or revision == head or store_is_empty(engine):
        return None
    now = now or datetime.now(UTC)
    path = folder / backup_name(revision, now, before=head)
    backup(engine, path, now=now)
    return path
