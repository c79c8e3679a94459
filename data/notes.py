"""Notes on values (数据说明): the text that explains a figure wherever it is shown.

A note is about, from the narrowest to the widest:

- **a value** (``scope`` ``value``): one imported figure, named by its cell and the batch that
  brought it (``batch_id``). Once another batch replaces that figure the note no longer applies
  (it explained the old figure); rolling that batch back brings both back.
- **a cell** (``cell``): an indicator in a unit in a year, whatever its figure.
- **an indicator's year** (``indicator``): the indicator in every unit in a year.
- **a whole year** (``year``): every figure of the plan in that year (「2019 年起统计口径调整」).

Notes come from the district page, ``kepu notes`` and the 说明 column of an import file; the
last kind carries ``import_batch_id`` and is withdrawn when that batch is rolled back. A note is
never deleted: withdrawing it keeps its text with who withdrew it and when, and it is shown
nowhere. Every write needs the ``note`` action (editors, admins: ``data.users.ACTIONS``) and is
an audit event in the same transaction. ``revision`` counts a note's writes: the dashboard's
data version sums it, so a note written, edited or withdrawn refreshes every cached view.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar, cast

import pandas as pd
from sqlalchemy import Connection, Engine, Table, func, insert, select, update

from data import schema
from data.audit import record_in
from data.users import User, require_role

MAX_NOTE_CHARS = 500
SCOPES = ("value", "cell", "indicator", "year")
NOTE_COLUMNS = [
    "id",
    "indicator_code",
    "region_code",
    "year",
    "batch_id",
    "import_batch_id",
    "text",
    "created_at",
    "created_by",
    "edited_at",
    "edited_by",
]

_NOTE = cast(Table, schema.ValueNote.__table__)
_OBS = cast(Table, schema.Observation.__table__)


class NoteError(ValueError):
    """A note that cannot be written: its words in Chinese and English and a key for tests."""

    WORDS: ClassVar[dict[str, tuple[str, str]]] = {
        "empty": ("说明不能为空", "a note cannot be empty"),
        "too_long": ("说明过长:{n} 字,最多 {limit} 字", "the note is too long: {n} characters, at most {limit}"),
        "unknown_note": ("没有编号为 {id} 的说明", "there is no note {id}"),
        "other_plan": ("说明 {id} 属于另一个规划({plan})", "note {id} belongs to another plan ({plan})"),
        "withdrawn": ("说明 {id} 已撤回,不能再修改", "note {id} was withdrawn and cannot be changed"),
        "region_needs_indicator": ("区县说明须指明指标", "a note on a unit must name its indicator"),
        "value_needs_cell": ("数值说明须指明指标、区县和年份", "a note on a value must name indicator, unit and year"),
        "no_value": (
            "{indicator} 在 {region} {year} 年还没有数值,无法为数值添加说明",
            "{indicator} has no value for {region} in {year} to attach a note to",
        ),
    }

    def __init__(self, key: str, **params: Any) -> None:
        zh, en = self.WORDS[key]
        self.key = key
        self.zh, self.en = zh.format(**params), en.format(**params)
        super().__init__(f"{self.zh} / {self.en}")


@dataclass(frozen=True)
class Note:
    id: int
    plan_code: str
    indicator: str | None
    region: str | None
    year: int
    batch_id: int | None
    import_batch_id: int | None
    text: str
    created_at: datetime
    created_by: str
    edited_at: datetime | None = None
    edited_by: str | None = None
    withdrawn_at: datetime | None = None
    withdrawn_by: str | None = None

    @property
    def scope(self) -> str:
        if self.batch_id is not None:
            return "value"
        if self.region is not None:
            return "cell"
        return "indicator" if self.indicator is not None else "year"

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def applies(self, indicator: str, region: str, year: int, batch_id: int | None) -> bool:
        """Does this note explain the figure of ``indicator`` in ``region`` in ``year``, brought by
        ``batch_id`` (None: no figure)?"""
        return (
            not self.withdrawn
            and self.year == year
            and self.indicator in (None, indicator)
            and self.region in (None, region)
            and (self.batch_id is None or self.batch_id == batch_id)
        )

    @classmethod
    def from_row(cls, row: Any) -> Note:
        m = row._mapping if hasattr(row, "_mapping") else row
        return cls(
            id=m["id"],
            plan_code=m["plan_code"],
            indicator=m["indicator_code"],
            region=m["region_code"],
            year=int(m["year"]),
            batch_id=m["batch_id"],
            import_batch_id=m["import_batch_id"],
            text=m["text"],
            created_at=m["created_at"],
            created_by=m["created_by"],
            edited_at=m["edited_at"],
            edited_by=m["edited_by"],
            withdrawn_at=m["withdrawn_at"],
            withdrawn_by=m["withdrawn_by"],
        )


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def clean_text(text: object) -> str:
    """The note as stored: stripped, line ends unified, checked for length (NoteError)."""
    s = str(text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not s:
        raise NoteError("empty")
    if len(s) > MAX_NOTE_CHARS:
        raise NoteError("too_long", n=len(s), limit=MAX_NOTE_CHARS)
    return s


def _where(note: Note) -> str:
    parts = [note.indicator or "*", note.region or "*", str(note.year)]
    if note.batch_id is not None:
        parts.append(f"batch {note.batch_id}")
    return " ".join(parts)


# -- writes --------------------------------------------------------------------------------------


def add_note(
    engine: Engine,
    plan_code: str,
    user: User | None,
    *,
    year: int,
    text: str,
    indicator: str | None = None,
    region: str | None = None,
    on_value: bool = False,
) -> int:
    """Write a note; its id. ``on_value``: about the figure the cell holds now (its batch), not the cell.

    The caller checks that indicator and region belong to the plan (the service does)."""
    who = require_role(user, "note")
    body = clean_text(text)
    if region is not None and indicator is None:
        raise NoteError("region_needs_indicator")
    if on_value and (indicator is None or region is None):
        raise NoteError("value_needs_cell")
    with engine.begin() as conn:
        batch_id = None
        if on_value:
            batch_id = conn.execute(
                select(_OBS.c.batch_id).where(
                    _OBS.c.plan_code == plan_code,
                    _OBS.c.indicator_code == indicator,
                    _OBS.c.region_code == region,
                    _OBS.c.year == int(year),
                    _OBS.c.value.is_not(None),
                )
            ).scalar()
            if batch_id is None:
                raise NoteError("no_value", indicator=indicator, region=region, year=year)
        note_id = _insert(conn, plan_code, indicator, region, int(year), batch_id, None, body, who.username)
        record_in(
            conn,
            "note_added",
            who.username,
            plan_code=plan_code,
            batch_id=batch_id,
            detail=f"#{note_id} {indicator or '*'} {region or '*'} {year}",
        )
    return note_id


def _insert(
    conn: Connection,
    plan_code: str,
    indicator: str | None,
    region: str | None,
    year: int,
    batch_id: int | None,
    import_batch_id: int | None,
    text: str,
    username: str,
) -> int:
    key = conn.execute(
        insert(_NOTE).values(
            plan_code=plan_code,
            indicator_code=indicator,
            region_code=region,
            year=year,
            batch_id=batch_id,
            import_batch_id=import_batch_id,
            text=text,
            created_at=_now(),
            created_by=username,
            revision=0,
        )
    ).inserted_primary_key
    assert key is not None  # a single-row INSERT has one
    return int(key[0])


def _live(conn: Connection, plan_code: str, note_id: int) -> Note:
    row = conn.execute(select(_NOTE).where(_NOTE.c.id == int(note_id))).first()
    if row is None:
        raise NoteError("unknown_note", id=note_id)
    note = Note.from_row(row)
    if note.plan_code != plan_code:
        raise NoteError("other_plan", id=note_id, plan=note.plan_code)
    if note.withdrawn:
        raise NoteError("withdrawn", id=note_id)
    return note


def edit_note(engine: Engine, plan_code: str, note_id: int, user: User | None, text: str) -> None:
    """Change a note's text; who and when are kept beside who wrote it first."""
    who = require_role(user, "note")
    body = clean_text(text)
    with engine.begin() as conn:
        note = _live(conn, plan_code, note_id)
        conn.execute(
            update(_NOTE)
            .where(_NOTE.c.id == note.id)
            .values(text=body, edited_at=_now(), edited_by=who.username, revision=_NOTE.c.revision + 1)
        )
        record_in(conn, "note_edited", who.username, plan_code=plan_code, detail=f"#{note.id} {_where(note)}")


def withdraw_note(engine: Engine, plan_code: str, note_id: int, user: User | None) -> None:
    """Withdraw a note: kept in the store with who withdrew it and when, shown nowhere."""
    who = require_role(user, "note")
    with engine.begin() as conn:
        note = _live(conn, plan_code, note_id)
        conn.execute(
            update(_NOTE)
            .where(_NOTE.c.id == note.id)
            .values(withdrawn_at=_now(), withdrawn_by=who.username, revision=_NOTE.c.revision + 1)
        )
        record_in(conn, "note_withdrawn", who.username, plan_code=plan_code, detail=f"#{note.id} {_where(note)}")


# -- with an import (inside its transaction) -------------------------------------------------------

ImportNote = tuple[str, str, int, int, str]  # indicator, region, year, the value's batch, text


def add_import_notes(
    conn: Connection, plan_code: str, import_batch_id: int, username: str, items: Sequence[ImportNote]
) -> int:
    """The 说明 cells of an import file, each on the value it stands beside, in the import's transaction.

    A note already there word for word on the same value is not written twice (a file imported again)."""
    if not items:
        return 0
    existing = {
        (r.indicator_code, r.region_code, r.year, r.batch_id, r.text)
        for r in conn.execute(
            select(_NOTE.c.indicator_code, _NOTE.c.region_code, _NOTE.c.year, _NOTE.c.batch_id, _NOTE.c.text).where(
                _NOTE.c.plan_code == plan_code,
                _NOTE.c.withdrawn_at.is_(None),
                _NOTE.c.batch_id.is_not(None),
                _NOTE.c.indicator_code.in_(sorted({i[0] for i in items})),
            )
        )
    }
    rows = [
        {
            "plan_code": plan_code,
            "indicator_code": ind,
            "region_code": region,
            "year": year,
            "batch_id": batch,
            "import_batch_id": import_batch_id,
            "text": text,
            "created_at": _now(),
            "created_by": username,
            "revision": 0,
        }
        for ind, region, year, batch, text in items
        if (ind, region, year, batch, text) not in existing
    ]
    if rows:
        conn.execute(insert(_NOTE), rows)
    return len(rows)


def withdraw_import_notes(conn: Connection, import_batch_id: int, username: str) -> int:
    """Rolling a batch back withdraws the notes its file brought (in the rollback's transaction)."""
    result = conn.execute(
        update(_NOTE)
        .where(_NOTE.c.import_batch_id == import_batch_id, _NOTE.c.withdrawn_at.is_(None))
        .values(withdrawn_at=_now(), withdrawn_by=username, revision=_NOTE.c.revision + 1)
    )
    return int(getattr(result, "rowcount", 0) or 0)


# -- reads ----------------------------------------------------------------------------------------


def list_notes(
    engine: Engine, plan_code: str, *, include_withdrawn: bool = False, ids: Iterable[int] | None = None
) -> list[Note]:
    """A plan's notes, oldest first; the withdrawn ones only when asked."""
    q = select(_NOTE).where(_NOTE.c.plan_code == plan_code)
    if not include_withdrawn:
        q = q.where(_NOTE.c.withdrawn_at.is_(None))
    if ids is not None:
        q = q.where(_NOTE.c.id.in_([int(i) for i in ids]))
    with engine.connect() as conn:
        return [Note.from_row(r) for r in conn.execute(q.order_by(_NOTE.c.id))]


def notes_frame(engine: Engine, plan_code: str) -> pd.DataFrame:
    """A plan's notes still in force, as a frame of NOTE_COLUMNS (ids ascending)."""
    q = (
        select(*[_NOTE.c[c] for c in NOTE_COLUMNS])
        .where(_NOTE.c.plan_code == plan_code, _NOTE.c.withdrawn_at.is_(None))
        .order_by(_NOTE.c.id)
    )
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(q)]
    frame = pd.DataFrame.from_records(rows, columns=NOTE_COLUMNS)
    frame["year"] = frame["year"].astype("int64")
    return frame


def version_part(conn: Connection, plan_code: str) -> str:
    """What the data version needs of the notes: how many, and how many writes since."""
    mine = _NOTE.c.plan_code == plan_code
    n, revisions = conn.execute(
        select(func.count(_NOTE.c.id), func.coalesce(func.sum(_NOTE.c.revision), 0)).where(mine)
    ).one()
    return f"{n}.{revisions}"
