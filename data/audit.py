"""The audit log: who logged in (or tried), who changed accounts, who wrote or removed figures.

One table (``audit_event``, migration 0004), appended to where each thing happens:

- ``dashboard/auth.py``: ``login``, ``login_failed`` (the name typed, never the password) and
  ``lockout`` (the failure that started one; the tries refused during it are logged, not stored,
  so that a client hammering the form cannot fill the table);
- ``data/users.py``: ``user_created``, ``role_changed`` (detail ``old -> new``),
  ``password_changed``, ``user_deleted``;
- ``data/importer.py`` and ``data/store.py``: ``import``, ``rollback``, ``sample_cleared``,
  in the same transaction as the write itself, so a write is never without its row;
- ``data/review.py``: ``review_accepted``, ``review_returned`` (detail: the reason), and
  ``data/reporting.py``: ``due_date_set`` (a reporting round's due date), likewise.
- ``data/notes.py``: ``note_added``, ``note_edited``, ``note_withdrawn`` (notes on values), likewise.

Reading it needs the ``read_audit`` action (admins); the history page and ``kepu audit`` show it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, func, insert, select

from data import schema

EVENTS = (
    "login",
    "login_failed",
    "lockout",
    "user_created",
    "role_changed",
    "password_changed",
    "user_deleted",
    "import",
    "rollback",
    "sample_cleared",
    "review_accepted",
    "review_returned",
    "due_date_set",
    "note_added",
    "note_edited",
    "note_withdrawn",
)

_EVENT = cast(Table, schema.AuditEvent.__table__)
_MAX_NAME = 64  # the username and address columns
_MAX_DETAIL = 2000


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _clip(value: object, n: int) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text[:n]


def _row(
    event: str,
    username: str | None,
    address: str | None,
    plan_code: str | None,
    batch_id: int | None,
    detail: str | None,
) -> dict[str, Any]:
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    return {
        "at": _now(),
        "event": event,
        "username": _clip(username, _MAX_NAME),
        "address": _clip(address, _MAX_NAME),
        "plan_code": _clip(plan_code, _MAX_NAME),
        "batch_id": batch_id,
        "detail": _clip(detail, _MAX_DETAIL),
    }


def record_in(
    conn: Connection,
    event: str,
    username: str | None = None,
    *,
    address: str | None = None,
    plan_code: str | None = None,
    batch_id: int | None = None,
    detail: str | None = None,
) -> None:
    """Append an event inside a transaction the caller holds (the write it describes)."""
    conn.execute(insert(_EVENT).values(**_row(event, username, address, plan_code, batch_id, detail)))


def record(
    engine: Engine,
    event: str,
    username: str | None = None,
    *,
    address: str | None = None,
    plan_code: str | None = None,
    batch_id: int | None = None,
    detail: str | None = None,
) -> None:
    """Append an event in a transaction of its own (a login, which writes nothing else)."""
    with engine.begin() as conn:
        record_in(conn, event, username, address=address, plan_code=plan_code, batch_id=batch_id, detail=detail)


def list_events(engine: Engine, limit: int = 200, events: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    """The newest ``limit`` events, newest first (as dicts of the table's columns)."""
    q = select(_EVENT)
    if events:
        q = q.where(_EVENT.c.event.in_(events))
    q = q.order_by(_EVENT.c.id.desc()).limit(max(0, int(limit)))
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings().all()]


def count_events(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(_EVENT)).scalar_one())
