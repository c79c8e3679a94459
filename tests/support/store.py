"""The store's content, compared before and after something that must not change it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from data import schema


def dump(engine) -> dict:
    """Every row of every table, in a stable order: the store's content, compared before/after."""
    out = {}
    with engine.connect() as conn:
        for name, table in schema.Base.metadata.tables.items():
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[name] = [tuple(r) for r in rows]
    return out


def sqlite_bytes(engine) -> dict[str, bytes] | None:
    """The bytes of a SQLite store's file and its write-ahead log (None for another database)."""
    if engine.dialect.name != "sqlite":
        return None
    path = Path(engine.url.database)
    return {p.name: p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists()}
