"""Review before it counts: imports awaiting review, accepted or returned with a reason.

With review switched on (``KEPU_REVIEW_IMPORTS``), an import by someone who may not review is
written by ``data.importer.commit_import(..., pending=True)``: the batch (status ``pending``) and
its change rows (the new fields of every cell), but not the observations. So every reader of the
observation table (maps, status, roll-ups, exports, briefings) sees the store as before, with no
filter to forget; the reporting page and the data grid read the waiting values here.

- ``accept_batch`` writes the batch's cells into the observations in one transaction, as an
  import does, recording what each cell held *at acceptance* as its old fields (so a later
  rollback puts back what was there when it was accepted), and marks the batch ``active``;
- ``return_batch`` marks it ``returned`` with the reviewer's reason; the observations are not
  touched, so the store is exactly as before.

Both need the ``review`` action (reviewer or admin), record who and when on the batch and in the
audit log, and refuse a batch that is not pending or belongs to another plan.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine, bindparam, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from data.audit import record_in
from data.import_messages import ImportFailure, printable
from data.importer import _BATCH, _CHG, FIELDS, _current, _old, _write_lock, write_cells
from data.users import User, require_role

MAX_REASON = 2000
PENDING_COLUMNS = [
    "indicator_code",
    "region_code",
    "year",
    "value",
    "numerator",
    "denominator",
    "source",
    "note",
    "batch_id",
    "created_by",
    "created_at",
]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def pending_values(engine: Engine, plan_code: str, year: int | None = None) -> pd.DataFrame:
    """The values of a plan's batches awaiting review (PENDING_COLUMNS), oldest batch first."""
    q = (
        select(
            _CHG.c.indicator_code,
            _CHG.c.region_code,
            _CHG.c.year,
            _CHG.c.new_value,
            _CHG.c.new_numerator,
            _CHG.c.new_denominator,
            _CHG.c.new_source,
            _CHG.c.new_note,
            _CHG.c.batch_id,
            _BATCH.c.created_by,
            _BATCH.c.created_at,
        )
        .join(_BATCH, _BATCH.c.id == _CHG.c.batch_id)
        .where(_BATCH.c.plan_code == plan_code, _BATCH.c.status == "pending")
        .order_by(_CHG.c.batch_id, _CHG.c.indicator_code, _CHG.c.region_code, _CHG.c.year)
    )
    if year is not None:
        q = q.where(_CHG.c.year == int(year))
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(q).all()]
    frame = pd.DataFrame.from_records(rows, columns=PENDING_COLUMNS)
    for col in ("value", "numerator", "denominator"):
        frame[col] = frame[col].astype("float64")
    frame["year"] = frame["year"].astype("int64")
    return frame


def pending_batches(engine: Engine, plan_code: str) -> list[dict[str, Any]]:
    """A plan's batches awaiting review, oldest first."""
    with engine.connect() as conn:
        q = select(_BATCH).where(_BATCH.c.plan_code == plan_code, _BATCH.c.status == "pending").order_by(_BATCH.c.id)
        return [dict(r) for r in conn.execute(q).mappings().all()]


def _pending_batch(conn: Any, plan_code: str, batch_id: int) -> dict[str, Any]:
    batch = conn.execute(select(_BATCH).where(_BATCH.c.id == batch_id)).mappings().first()
    if batch is None:
        raise ImportFailure("unknown_batch", batch=batch_id)
    if batch["plan_code"] != plan_code:
        raise ImportFailure("other_plan", batch=batch_id, plan=batch["plan_code"])
    if batch["status"] != "pending":
        raise ImportFailure("not_pending", batch=batch_id, status=batch["status"])
    return dict(batch)


def accept_batch(engine: Engine, plan_code: str, batch_id: int, user: User) -> dict[str, Any]:
    """Write a pending batch's values into the store and mark it active; its counts of new and changed cells."""
    require_role(user, "review")
    try:
        with Session(engine) as s, s.begin():
            _write_lock(s)
            conn = s.connection()
            _pending_batch(conn, plan_code, batch_id)
            changes = conn.execute(select(_CHG).where(_CHG.c.batch_id == batch_id)).mappings().all()
            current = _current(conn, plan_code, {(c["indicator_code"], c["region_code"], c["year"]) for c in changes})
            inserts: list[tuple[Any, ...]] = []
            updates: list[tuple[Any, ...]] = []
            olds: list[dict[str, Any]] = []
            for c in changes:
                new = tuple(c[f"new_{f}"] for f in FIELDS)
                row = current.get((c["indicator_code"], c["region_code"], c["year"]))
                if row is None:
                    inserts.append((plan_code, c["indicator_code"], c["region_code"], c["year"], *new, batch_id, False))
                    old: dict[str, Any] = {f"old_{f}": None for f in (*FIELDS, "batch_id", "is_sample")}
                    olds.append({"_id": c["id"], "kind": "new", **old})
                else:
                    updates.append((*new, batch_id, False, row["id"]))
                    olds.append({"_id": c["id"], "kind": "changed", **{f"old_{f}": v for f, v in _old(row).items()}})
            write_cells(conn, inserts, updates)
            if olds:
                conn.execute(
                    _CHG.update()
                    .where(_CHG.c.id == bindparam("_id"))
                    .values(kind=bindparam("kind"), **{k: bindparam(k) for k in olds[0] if k.startswith("old_")}),
                    olds,
                )
            conn.execute(
                _BATCH.update()
                .where(_BATCH.c.id == batch_id)
                .values(
                    status="active",
                    reviewed_at=_now(),
                    reviewed_by=user.username,
                    rows_new=len(inserts),
                    rows_changed=len(updates),
                )
            )
            record_in(
                conn,
                "review_accepted",
                user.username,
                plan_code=plan_code,
                batch_id=batch_id,
                detail=f"new={len(inserts)} changed={len(updates)}",
            )
        return {"batch": batch_id, "new": len(inserts), "changed": len(updates)}
    except (sa_exc.OperationalError, sa_exc.IntegrityError, sa_exc.InternalError) as exc:
        raise ImportFailure("store_busy", detail=type(exc.orig or exc).__name__) from None


def clean_reason(reason: object) -> str:
    """The reason as stored: printable, trimmed, at most MAX_REASON characters; '' when none was given."""
    if not isinstance(reason, str):
        return ""
    return printable(reason).strip()[:MAX_REASON]


def return_batch(engine: Engine, plan_code: str, batch_id: int, user: User, reason: str) -> dict[str, Any]:
    """Turn a pending batch away with a reason; the observations are not touched."""
    require_role(user, "review")
    why = clean_reason(reason)
    if not why:
        raise ImportFailure("no_reason", batch=batch_id)
    try:
        with Session(engine) as s, s.begin():
            _write_lock(s)
            conn = s.connection()
            _pending_batch(conn, plan_code, batch_id)
            conn.execute(
                _BATCH.update()
                .where(_BATCH.c.id == batch_id)
                .values(status="returned", reviewed_at=_now(), reviewed_by=user.username, review_reason=why)
            )
            record_in(conn, "review_returned", user.username, plan_code=plan_code, batch_id=batch_id, detail=why)
        return {"batch": batch_id, "reason": why}
    except (sa_exc.OperationalError, sa_exc.IntegrityError, sa_exc.InternalError) as exc:
        raise ImportFailure("store_busy", detail=type(exc.orig or exc).__name__) from None


__all__ = [
    "PENDING_COLUMNS",
    "accept_batch",
    "clean_reason",
    "pending_batches",
    "pending_values",
    "return_batch",
]
