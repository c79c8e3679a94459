"""A plan's data version: a fingerprint that every write of its figures changes, cheap to ask.

The web app asks it once per HTTP request (``Repository.version``), so it must not grow with the
figures. It reads the plan's import batches, the venue registry's counts and the notes' counts, and
not the observation rows: every write of an observation is made under an import batch, so the
batches already say when the figures changed —

* an import makes a new batch (count, newest id and newest creation time change);
* a rollback, and accepting or returning a batch awaiting review, change a batch's status (the
  counts of batches not active and of batches pending);
* regenerating sample data deletes the sample batch and makes a new one: the newest creation
  time changes even when the store gives the new batch the old one's id (SQLite reuses the
  highest id once it is deleted), which the former count of observation rows could not see
  when the new sample covers the same cells;
* clearing sample data deletes its batch; a restored backup brings its own batches.

The oldest creation time tells apart two stores whose counts happen to agree (a shared cache may
see several) and a store deleted and made anew.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection, func, select

from data import schema
from data.notes import version_part as note_version


def data_version(conn: Connection, plan_code: str) -> str:
    b, v = schema.ImportBatch, schema.Facility
    mine, venues = b.plan_code == plan_code, v.plan_code == plan_code
    query = select(
        select(func.count(b.id)).where(mine).scalar_subquery(),
        select(func.max(b.id)).where(mine).scalar_subquery(),
        select(func.count()).where(mine, b.status != "active").scalar_subquery(),
        select(func.count()).where(mine, b.status == "pending").scalar_subquery(),
        # The venue registry (issue 18): its rows count indicators too, so they change the version.
        select(func.count(v.id)).where(venues).scalar_subquery(),
        select(func.count(v.id)).where(venues, v.replaced_by.is_not(None)).scalar_subquery(),
        select(func.min(b.created_at)).where(mine).scalar_subquery(),
        select(func.max(b.created_at)).where(mine).scalar_subquery(),
    )
    *counts, first, last = conn.execute(query).one()
    notes = note_version(conn, plan_code)  # a note written, edited or withdrawn
    born = hashlib.sha256(str(first).encode()).hexdigest()[:8]
    newest = hashlib.sha256(str(last).encode()).hexdigest()[:8]
    return ".".join(str(c) for c in counts) + f".{notes}.{born}.{newest}"
