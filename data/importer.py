"""Importing real figures: validate a file, preview what would change, write it in one go.

The three steps are separate so that nothing is written before the user has
seen the preview and confirmed it:

1. ``preview_import(engine, plan, data, filename)`` reads and checks the file
   (``data.import_read``), validates every row against the plan, and compares
   the figures with the store: new, changed (old → new), unchanged.  Every
   problem names its sheet, row, column and cell, in Chinese and English.
   It never writes and never raises for bad input.
2. ``commit_import(engine, preview, user)`` writes the preview as one import
   batch of the preview's plan, in one transaction: the observations, one ``observation_change``
   row per cell written (old and new fields), and the batch's counts.  It
   first checks, inside the transaction, that the store still holds what the
   preview compared against; if not, nothing is written (``stale_preview``).
   Imports are serialised (PostgreSQL advisory lock; SQLite's write lock,
   taken by the transaction's first statement).
3. ``rollback_batch(engine, plan_code, batch_id, user)`` puts back exactly what
   a batch of that plan replaced and deletes what it created.  A batch whose cells were since
   changed by a later batch is refused, naming the later batches: roll back
   in reverse order where batches overlap; batches that touch different
   cells can be rolled back in any order.

Districts are resolved by a callable (text → region code or None).  The
default knows the plan's own codes and names; ``data`` may not import
``geo``, so callers that want suffix-less and former names
(``geo.resolve_district``) pass it in.
"""

from __future__ import annotations

import gc
import hashlib
import math
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, bindparam, select, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import UpdateBase

from data import schema
from data.audit import record_in
from data.facilities import VENUE_BATCH, rollback_venue_batch
from data.import_columns import check_block
from data.import_messages import ERROR, ImportFailure, Problem, printable, problem
from data.import_read import VALUE_FIELDS, Limits, RawCell, RawRow, ReadResult, read_upload
from data.import_values import Number, cell_text, clean_text, indicator_key, parse_number, parse_year
from data.notes import MAX_NOTE_CHARS, add_import_notes, withdraw_import_notes
from data.plan import Indicator, IndicatorKind, Plan, Rollup
from data.store import fetch_tuples
from data.users import User, require_role

Resolver = Callable[[str], "str | None"]
# What the validator resolves districts with: any cell value, a code or a name.
CellResolver = Callable[[object], "str | None"]
Cell = tuple[str, str, int]  # indicator code, region code, year
FIELDS = ("value", "numerator", "denominator", "source", "note")
PERCENT_KINDS = (IndicatorKind.rate, IndicatorKind.coverage)
CITY_WORDS = ("全市", "全市合计", "市合计")


# -- districts -----------------------------------------------------------------------


def _name_key(text: object) -> str:
    return clean_text(text).replace(" ", "")


def plan_resolver(plan: Plan) -> Resolver:
    """Exact codes, names and short names of the plan's units, and the city itself."""
    table: dict[str, str] = {}
    for u in plan.region.units:
        for key in (u.code, u.name, u.short):
            table[_name_key(key)] = u.code
    city = plan.region
    for key in (city.code, city.name.zh, city.name.zh.removesuffix("市"), city.name.en, *CITY_WORDS):
        table.setdefault(_name_key(key), city.code)

    def resolve(text: object) -> str | None:
        return table.get(_name_key(text))

    return resolve


def district_resolver(plan: Plan, resolver: Resolver | None) -> CellResolver:
    own = plan_resolver(plan)
    allowed = {plan.region.code, *(u.code for u in plan.region.units)}
    cache: dict[object, str | None] = {}

    def resolve(text: object) -> str | None:
        try:
            return cache[text]
        except (KeyError, TypeError):
            pass
        key = cell_text(text)
        if key in cache:
            return cache.setdefault(text, cache[key])
        code = own(key)
        if code is None and resolver is not None:
            try:
                code = resolver(key)
            except Exception:  # noqa: BLE001 - a resolver failing is an unknown district
                code = None
        cache[key] = code if code in allowed else None
        try:  # noqa: SIM105 - once per cell: try/except costs less than contextlib.suppress
            cache[text] = cache[key]
        except TypeError:
            pass
        return cache[key]

    return resolve


# -- the preview ---------------------------------------------------------------------


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a file is checked or written.

    Checking and writing 100,000 rows makes some hundred thousand small objects that live until
    the end (records, cells, rows for the driver), none of them in a cycle; every few thousand
    of them set off a collection that walks the objects alive, the plan and the file's columns
    with them.  On a loaded machine that was more than half the time of a large import
    (checking 100,000 rows: 5.1 s with the collector, 1.9 s without).  Reference counting still
    frees everything as before; only cycles, which these steps do not make, wait until the end.
    Another thread's import may switch it back on early: it only runs slower."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@dataclass(slots=True)
class Record:
    """One validated cell of the file."""

    indicator: str
    region: str
    year: int
    value: float | None
    numerator: float | None
    denominator: float | None
    source: str | None
    note: str | None
    sheet: str | None
    row: int
    explanation: str | None = None  # the 说明 column: a note on this value (data/notes.py)

    @property
    def cell(self) -> Cell:
        return (self.indicator, self.region, self.year)

    def fields(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "source": self.source,
            "note": self.note,
        }


@dataclass
class CellChange:
    indicator: str
    region: str
    year: int
    kind: str  # new / changed / unchanged
    new: dict[str, Any]
    old: dict[str, Any] | None = None  # fields + batch_id + is_sample
    sheet: str | None = None
    row: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "region": self.region,
            "year": self.year,
            "kind": self.kind,
            "sheet": self.sheet,
            "row": self.row,
            "old": self.old,
            "new": self.new,
        }


MAX_PROBLEMS_PER_KIND = 100


def bounded_problems(problems: list[Problem], max_per_kind: int = MAX_PROBLEMS_PER_KIND) -> list[Problem]:
    """The first ``max_per_kind`` problems of each kind, then one line per kind counting the rest."""
    kept: list[Problem] = []
    seen: dict[str, int] = {}
    for p in problems:
        seen[p.key] = seen.get(p.key, 0) + 1
        if seen[p.key] <= max_per_kind:
            kept.append(p)
    for key, n in seen.items():
        if n > max_per_kind:
            kept.append(problem("more_problems", n=n - max_per_kind, kind=key))
    return kept


@dataclass
class Preview:
    filename: str
    checksum: str
    size: int
    kind: str | None
    problems: list[Problem] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    changes: list[CellChange] = field(default_factory=list)  # new and changed cells
    counts: dict[str, int] = field(default_factory=dict)
    expected: dict[Cell, tuple[int, int] | None] = field(default_factory=dict)
    sheets_read: list[str] = field(default_factory=list)
    sheets_skipped: list[str] = field(default_factory=list)
    sheets_hidden: list[str] = field(default_factory=list)
    encoding: str | None = None
    compared: bool = False  # compared with a store (preview_import with an engine)
    plan_code: str = ""  # the plan the file was checked against: the plan whose figures a commit writes
    # Figures that move past their indicator's change threshold (data/changes.Change), filled in by
    # the import service (dashboard/services/changes.import_jumps): shown for checking, never refused.
    jumps: list[Any] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def state_token(self) -> str:
        """Fingerprint of the file and of the store cells it was compared with.

        A web UI keeps the upload and this token between preview and confirm,
        previews again at confirm and passes the token: a mismatch means the
        user confirmed something other than what is now true."""
        h = hashlib.sha256(self.checksum.encode())
        for cell in sorted(self.expected):
            h.update(repr((cell, self.expected[cell])).encode())
        return h.hexdigest()

    def to_dict(self, max_changes: int | None = None, max_per_kind: int = MAX_PROBLEMS_PER_KIND) -> dict[str, Any]:
        """The preview as JSON-ready data.  Problems of one kind are listed up to ``max_per_kind``
        and then counted: a 200,000-row file of one repeated mistake says so in a few lines."""
        changes = self.changes if max_changes is None else self.changes[:max_changes]
        return {
            "ok": self.ok,
            "file": {
                "name": self.filename,
                "kind": self.kind,
                "size": self.size,
                "sha256": self.checksum,
                "encoding": self.encoding,
                "sheets_read": self.sheets_read,
                "sheets_skipped": self.sheets_skipped,
                "sheets_hidden": self.sheets_hidden,
            },
            "counts": self.counts,
            "errors": [p.to_dict() for p in bounded_problems(self.errors, max_per_kind)],
            "warnings": [p.to_dict() for p in bounded_problems(self.warnings, max_per_kind)],
            "changes": [c.to_dict() for c in changes],
            "jumps": [j.to_dict() for j in self.jumps],
            "notes": sum(1 for r in self.records if r.explanation),
            "state_token": self.state_token,
        }


def preview_path(
    engine: Engine | None,
    plan: Plan,
    path: str | Path,
    *,
    filename: str | None = None,
    resolver: Resolver | None = None,
    limits: Limits = Limits(),
) -> Preview:
    """``preview_import`` for a file on disk; checks its size before reading it."""
    path = Path(path)
    name = filename or path.name
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            return _refused(name, None, [problem("file_too_large", size=size, limit=limits.max_bytes)], size)
        data = path.read_bytes()
    except FileNotFoundError:
        return _refused(name, None, [problem("file_not_found", name=str(path))])
    except OSError as exc:
        return _refused(name, None, [problem("corrupt_file", detail=f"{type(exc).__name__}: {exc.strerror}")])
    return preview_import(engine, plan, data, name, resolver=resolver, limits=limits)


def _refused(filename: str, data: bytes | None, problems: list[Problem], size: int | None = None) -> Preview:
    """A preview of a file refused before (``data`` None: without) reading it: no checksum then."""
    return Preview(
        filename=printable(filename),
        checksum="" if data is None else hashlib.sha256(data).hexdigest(),
        size=(0 if data is None else len(data)) if size is None else size,
        kind=None,
        problems=problems,
        counts=_empty_counts(),
    )


def _empty_counts() -> dict[str, int]:
    return {
        "rows": 0,
        "blank_rows": 0,
        "rows_without_figures": 0,
        "values": 0,
        "new": 0,
        "changed": 0,
        "unchanged": 0,
        "replaces_sample": 0,
        "errors": 0,
        "warnings": 0,
    }


def preview_import(
    engine: Engine | None,
    plan: Plan,
    data: bytes,
    filename: str,
    *,
    resolver: Resolver | None = None,
    limits: Limits = Limits(),
) -> Preview:
    """Read, validate and compare a file with the store; write nothing.

    ``engine`` None skips the comparison (every value counts as new)."""
    with collector_paused():
        return _preview(engine, plan, data, filename, resolver, limits)


def _preview(
    engine: Engine | None, plan: Plan, data: bytes, filename: str, resolver: Resolver | None, limits: Limits
) -> Preview:
    try:
        read = read_upload(data, filename, limits)
    except Exception as exc:  # noqa: BLE001 - a reader bug must still be a message
        read = ReadResult(problems=[problem("corrupt_file", detail=f"{type(exc).__name__}: {str(exc)[:200]}")])
    pv = Preview(
        filename=printable(filename),
        checksum=hashlib.sha256(data).hexdigest(),
        size=len(data),
        kind=read.kind,
        sheets_read=read.sheets_read,
        sheets_skipped=read.sheets_skipped,
        sheets_hidden=read.sheets_hidden,
        encoding=read.encoding,
        counts=_empty_counts(),
        plan_code=plan.code,
    )
    pv.problems.extend(read.problems)
    if not read.refused:
        records, problems, counts = validate_rows(read, plan, resolver)
        pv.records, pv.counts = records, counts
        pv.problems.extend(problems)
        if not pv.errors and not records:
            pv.problems.append(problem("no_values"))
        if not pv.errors and engine is not None:
            _compare(engine, pv)
    pv.counts["errors"] = len(pv.errors)
    pv.counts["warnings"] = len(pv.warnings)
    return pv


def validate_rows(
    read: ReadResult, plan: Plan, resolver: Resolver | None = None, *, by_column: bool = True
) -> tuple[list[Record], list[Problem], dict[str, int]]:
    """Every row checked against the plan; returns records, problems and counts.

    The checks run a column at a time (``data.import_columns``); a row they cannot pass as a
    value without any message, and a repeated cell, is checked on its own by ``_Validator.row``,
    which names each problem with its sheet, row, column and cell.  ``by_column=False`` checks
    every row on its own (what the column checks are tested against)."""
    v = _Validator(plan, resolver)
    for block in read.blocks:
        if not by_column:
            for i in range(len(block)):
                v.row(block.raw_row(i))
            continue
        c = check_block(
            block,
            indicator_of=v.indicator_of,
            region_of=v.resolve,
            first_year=v.first,
            last_year=v.last,
            city=v.city,
            max_note_chars=MAX_NOTE_CHARS,
        )
        sheet, numbers, seen = block.sheet, block.numbers, v.seen
        for i, (clean, ind, region, year) in enumerate(zip(c.clean, c.indicator, c.region, c.year, strict=True)):
            # A clean row has its cell; a cell given before goes row by row, to be named a duplicate.
            if clean and ind is not None and region is not None and year is not None:
                cell = (ind, region, year)
                if cell not in seen:
                    rec = Record(
                        ind,
                        region,
                        year,
                        c.value[i],
                        c.numerator[i],
                        c.denominator[i],
                        c.source[i],
                        c.note[i],
                        sheet,
                        numbers[i],
                        c.explanation[i],
                    )
                    v.counts["rows"] += 1
                    v.keep(rec, cell)
                    continue
            v.row(block.raw_row(i))
    v.finish()
    return v.records, v.problems, v.counts


class _Validator:
    def __init__(self, plan: Plan, resolver: Resolver | None) -> None:
        self.plan = plan
        self.resolve = district_resolver(plan, resolver)
        self.indicators = plan.indicator_by_code
        self.by_name = {_name_key(i.name.zh): i.code for i in plan.indicators}
        self.first, self.last = plan.baseline_year, plan.end_year
        self.city = plan.region.code
        self.records: list[Record] = []
        self.problems: list[Problem] = []
        self.n_errors = 0
        self.counts = _empty_counts()
        self.seen: dict[Cell, Record] = {}
        self.district_rows: dict[str, set[int]] = defaultdict(set)
        self.city_rows: dict[str, set[int]] = defaultdict(set)

    def _p(self, key: str, raw: RawRow, c: RawCell | None = None, **params: Any) -> None:
        p = problem(
            key, sheet=raw.sheet, row=raw.row, column=c.column if c else None, cell=c.cell if c else None, **params
        )
        self.problems.append(p)
        self.n_errors += p.is_error

    def indicator_of(self, text: object) -> Indicator | None:
        """The plan's indicator a cell names, by code (T1-01, t1-1, Ｔ１－０１) or by its Chinese name."""
        code: str | None = indicator_key(text)
        code = code if code in self.indicators else self.by_name.get(_name_key(text))
        return self.indicators.get(code) if code else None

    def keep(self, rec: Record, cell: Cell) -> None:
        """A checked value whose cell (``rec.cell``) the file has not given before."""
        self.seen[cell] = rec
        self.records.append(rec)
        (self.city_rows if rec.region == self.city else self.district_rows)[rec.indicator].add(rec.year)

    def row(self, raw: RawRow) -> None:
        cells = raw.cells
        if not cells:
            self.counts["blank_rows"] += 1
            return
        ind = None
        numbers: dict[str, tuple[RawCell, Number]] = {}
        unit = None
        ind_cell = cells.get("indicator")
        if ind_cell is not None:
            ind = self.indicator_of(ind_cell.value)
            unit = ind.unit.zh if ind else None
        for f in VALUE_FIELDS:
            c = cells.get(f)
            if c is not None:
                numbers[f] = (
                    c,
                    parse_number(c.value, percent_format=c.percent_format, unit=unit if f == "value" else None),
                )
        if not any(n.value is not None or n.error for _, n in numbers.values()):
            # A template row left empty, a row of dashes, or a footnote: nothing to import.
            keys = ("indicator", "district", "district_code", "year")
            self.counts["rows_without_figures" if any(k in cells for k in keys) else "blank_rows"] += 1
            return
        self.counts["rows"] += 1
        n_errors = self.n_errors

        if ind_cell is None:
            self._p("missing_field", raw, field="indicator")
        elif ind is None:
            self._p("unknown_indicator", raw, ind_cell, value=clean_text(ind_cell.value))

        region = self._district(raw, cells)

        year = None
        yc = cells.get("year")
        if yc is None:
            self._p("missing_field", raw, field="year")
        else:
            y = parse_year(yc.value)
            if y.error or y.value is None:
                self._p("bad_year", raw, yc, value=clean_text(yc.value))
            elif not self.first <= y.value <= self.last:
                self._p("year_out_of_range", raw, yc, value=y.value, first=self.first, last=self.last)
            else:
                year = y.value

        for f, (c, n) in numbers.items():
            if n.error:
                self._p("not_a_number", raw, c, value=n.text, field=f)
        figures: dict[str, float | None] | None = {f: n.value for f, (c, n) in numbers.items() if not n.error}
        if ind is not None and self.n_errors == n_errors and figures is not None:
            figures = self._figures(raw, ind, numbers, figures)
        if ind is not None and region is not None and ind.rollup == Rollup.city_only and region != self.city:
            dc = cells.get("district") or cells["district_code"]  # a region was resolved from one of them
            self._p("city_only", raw, dc, indicator=ind.code, value=clean_text(dc.value))
        if self.n_errors != n_errors or ind is None or region is None or year is None or figures is None:
            return
        rec = Record(
            ind.code,
            region,
            year,
            figures.get("value"),
            figures.get("numerator"),
            figures.get("denominator"),
            _text(cells.get("source")),
            _text(cells.get("note")),
            raw.sheet,
            raw.row,
            self._explanation(raw, cells.get("explanation")),
        )
        other = self.seen.get(rec.cell)
        if other is not None:
            where = other.row if other.sheet == rec.sheet else f"{other.row} ({other.sheet})"
            if (other.value, other.numerator, other.denominator) != (rec.value, rec.numerator, rec.denominator):
                self._p(
                    "conflicting_duplicate",
                    raw,
                    cells.get("value") or next(iter(cells.values())),
                    other_row=where,
                    indicator=ind.code,
                    district=clean_text((cells.get("district") or cells["district_code"]).value),
                    year=year,
                )
            else:
                self._p("duplicate_row", raw, other_row=where)
            return
        self.keep(rec, rec.cell)

    def _explanation(self, raw: RawRow, c: RawCell | None) -> str | None:
        text = _text(c)
        if c is not None and text is not None and len(text) > MAX_NOTE_CHARS:
            self._p("note_too_long", raw, c, n=len(text), limit=MAX_NOTE_CHARS)
            return None
        return text

    def _district(self, raw: RawRow, cells: dict[str, RawCell]) -> str | None:
        name_c, code_c = cells.get("district"), cells.get("district_code")
        if name_c is None and code_c is None:
            self._p("missing_field", raw, field="district")
            return None
        by_name = self.resolve(name_c.value) if name_c is not None else None
        by_code = self.resolve(code_c.value) if code_c is not None else None
        if name_c is not None and by_name is None:
            self._p("unknown_district", raw, name_c, value=clean_text(name_c.value))
            return None
        if code_c is not None and by_code is None:
            self._p("unknown_district", raw, code_c, value=cell_text(code_c.value))
            return None
        if name_c is not None and code_c is not None and by_name and by_code and by_name != by_code:
            self._p("district_code_mismatch", raw, code_c, name=clean_text(name_c.value), code=cell_text(code_c.value))
            return None
        return by_name or by_code

    def _figures(
        self, raw: RawRow, ind: Indicator, numbers: dict[str, tuple[RawCell, Number]], figures: dict[str, float | None]
    ) -> dict[str, float | None] | None:
        """Check figures against the indicator's kind; returns the figures to store."""
        percent = ind.kind in PERCENT_KINDS
        ok = True
        value = figures.get("value")
        unit_en = ind.unit.en
        for f, (c, n) in numbers.items():
            if n.value is None:
                continue
            if n.percent and (f != "value" or not percent):
                if f == "value":
                    self._p(
                        "unexpected_percent",
                        raw,
                        c,
                        indicator=ind.code,
                        unit=ind.unit.zh,
                        unit_en=unit_en,
                        value=n.text,
                    )
                else:
                    self._p("not_a_number", raw, c, value=n.text)
                ok = False
            elif n.value < 0:
                self._p("negative", raw, c, field=f, value=n.text)
                ok = False
            elif f == "value" and percent and n.value > 100:
                self._p("above_100", raw, c, value=n.text)
                ok = False
            elif (f != "value" or (not percent and ind.decimals == 0)) and not float(n.value).is_integer():
                unit = ind.unit.zh if f == "value" else "个数"
                self._p(
                    "not_whole_number",
                    raw,
                    c,
                    field=f,
                    value=n.text,
                    unit=unit,
                    unit_en=unit_en if f == "value" else "a count",
                )
                ok = False
        if not ok:
            return None
        num, den = figures.get("numerator"), figures.get("denominator")
        if ind.kind != IndicatorKind.coverage:
            if num is not None or den is not None:
                c = (numbers.get("numerator") or numbers["denominator"])[0]
                self._p("parts_not_applicable", raw, c, indicator=ind.code)
                return None
            if percent and value is not None and 0 < value <= 1 and not numbers["value"][1].percent:
                self._p("looks_like_fraction", raw, numbers["value"][0], value=numbers["value"][1].text)
            return {"value": value}
        # coverage: numerator / denominator, value computed or checked
        if (num is None) != (den is None):
            c = (numbers.get("numerator") or numbers["denominator"])[0]
            self._p("incomplete_parts", raw, c)
            return None
        if num is None or den is None:
            self._p("parts_missing", raw, numbers["value"][0], indicator=ind.code)
            return {"value": value}
        if den == 0:
            self._p("zero_denominator", raw, numbers["denominator"][0])
            return None
        if num > den:
            self._p("numerator_above_denominator", raw, numbers["numerator"][0], numerator=_g(num), denominator=_g(den))
            return None
        computed = 100.0 * num / den
        if value is None:
            value = round(computed, ind.decimals)
        elif abs(value - computed) > 10.0**-ind.decimals + 1e-9:
            self._p(
                "value_mismatch", raw, numbers["value"][0], value=_g(value), computed=f"{computed:.{ind.decimals}f}"
            )
            return None
        return {"value": value, "numerator": num, "denominator": den}

    def finish(self) -> None:
        for code, years in self.district_rows.items():
            missing = sorted(years - self.city_rows.get(code, set()))
            if missing:
                self.problems.append(problem("city_not_given", indicator=code, years="、".join(map(str, missing))))
        self.counts["values"] = len(self.records)


def _text(c: RawCell | None) -> str | None:
    if c is None:
        return None
    s = str(c.value).strip()
    if isinstance(c.value, float) and c.value.is_integer():
        s = str(int(c.value))
    return s or None


def _g(x: float) -> str:
    return f"{x:g}" if abs(x) < 1e15 else str(x)


# -- comparing with the store --------------------------------------------------------

# The mapped classes' tables (declared as plain FromClause on the declarative base).
_OBS = cast(Table, schema.Observation.__table__)
_CHG = cast(Table, schema.ObservationChange.__table__)
_BATCH = cast(Table, schema.ImportBatch.__table__)

StoreRow = dict[str, Any]  # a row of the observation table by column name


_STORE_COLUMNS = (
    "id",
    "indicator_code",
    "region_code",
    "year",
    "value",
    "numerator",
    "denominator",
    "source",
    "note",
    "batch_id",
    "is_sample",
)


def _current(conn: Connection, plan_code: str, cells: set[Cell]) -> dict[Cell, StoreRow]:
    """The plan's rows for ``cells`` (read per indicator: few indicators, many cells), through the
    driver's cursor (100,000 rows as SQLAlchemy Rows turned into dicts: 1.5–2.5 s; as tuples: 0.3 s)."""
    if not cells:
        return {}
    indicators = sorted({c[0] for c in cells})
    q = select(*(_OBS.c[name] for name in _STORE_COLUMNS)).where(
        _OBS.c.plan_code == plan_code, _OBS.c.indicator_code.in_(indicators)
    )
    out: dict[Cell, StoreRow] = {}
    for r in fetch_tuples(conn, q):
        cell = (r[1], r[2], r[3])
        if cell in cells:
            out[cell] = dict(zip(_STORE_COLUMNS, r, strict=True))
    return out


def _same_number(a: float | None, b: float | None) -> bool:
    if a == b:  # None and None too
        return True
    if a is None or b is None:
        return False
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _same(rec: Record, row: StoreRow) -> bool:
    # Spelled out rather than a loop over the fields: it runs once per cell of the file.
    return (
        not row["is_sample"]
        and _same_number(rec.value, row["value"])
        and _same_number(rec.numerator, row["numerator"])
        and _same_number(rec.denominator, row["denominator"])
        and (rec.source or None) == (row["source"] or None)
        and (rec.note or None) == (row["note"] or None)
    )


def _old(row: StoreRow) -> dict[str, Any]:
    return {**{f: row[f] for f in FIELDS}, "batch_id": row["batch_id"], "is_sample": bool(row["is_sample"])}


def _classify(records: list[Record], current: dict[Cell, StoreRow]) -> Iterator[tuple[Record, str, StoreRow | None]]:
    for rec in records:
        row = current.get(rec.cell)
        if row is None:
            yield rec, "new", None
        elif _same(rec, row):
            yield rec, "unchanged", row
        else:
            yield rec, "changed", row


def _compare(engine: Engine, pv: Preview) -> None:
    try:
        with engine.connect() as conn:
            current = _current(conn, pv.plan_code, {r.cell for r in pv.records})
    except sa_exc.SQLAlchemyError as exc:
        pv.problems.append(problem("corrupt_file", detail=f"store unreadable: {type(exc).__name__}"))
        return
    c = pv.counts
    pv.compared = True
    for rec, kind, row in _classify(pv.records, current):
        pv.expected[rec.cell] = (row["id"], row["batch_id"]) if row else None
        c[kind] += 1
        if kind == "unchanged":
            continue
        if row is not None and row["is_sample"]:
            c["replaces_sample"] += 1
        pv.changes.append(
            CellChange(
                rec.indicator, rec.region, rec.year, kind, rec.fields(), _old(row) if row else None, rec.sheet, rec.row
            )
        )


# -- writing -------------------------------------------------------------------------


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


ADVISORY_LOCK_KEY = 726_2016_2020  # one writer of observations at a time


def _write_lock(s: Session) -> None:
    """Serialise writers.  SQLite: a write statement first, so the transaction
    holds the write lock before it reads (no stale snapshot, waits on busy_timeout).
    PostgreSQL: a transaction-scoped advisory lock."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": ADVISORY_LOCK_KEY})
    else:
        s.execute(_BATCH.update().where(_BATCH.c.id == -1).values(status=_BATCH.c.status))


def commit_import(
    engine: Engine,
    preview: Preview,
    user: User,
    *,
    expect_token: str | None = None,
    note: str | None = None,
    pending: bool = False,
    _after_write: Callable[[Session], None] | None = None,
) -> int:
    """Write a confirmed preview as one batch, all or nothing; return the batch id.

    ``pending`` (review switched on, an editor importing): the batch and its change rows are
    written with status ``pending`` but the observations are left alone, so nothing counts until
    ``data.review.accept_batch`` writes them (or ``return_batch`` turns the batch away).

    Raises PermissionDenied (user may not import), or ImportFailure with key
    ``refused`` (the file has errors), ``stale_preview`` (the store changed
    since the preview) or ``store_busy`` (the database refused the write).
    """
    require_role(user, "import")
    if not preview.ok:
        raise ImportFailure("refused", preview.errors)
    if expect_token is not None and expect_token != preview.state_token:
        raise ImportFailure("stale_preview", cells="?")
    try:
        with collector_paused(), Session(engine) as s, s.begin():
            _write_lock(s)
            conn = s.connection()
            current = _current(conn, preview.plan_code, set(preview.expected) | {r.cell for r in preview.records})
            stale = 0
            if preview.compared:
                for rec in preview.records:
                    row = current.get(rec.cell)
                    if ((row["id"], row["batch_id"]) if row else None) != preview.expected.get(rec.cell):
                        stale += 1
            if stale:
                raise ImportFailure("stale_preview", cells=stale)
            inserted = conn.execute(
                _BATCH.insert().values(
                    plan_code=preview.plan_code,
                    kind="import",
                    created_at=_now(),
                    created_by=user.username,
                    filename=preview.filename,
                    checksum=preview.checksum,
                    rows_new=0,
                    rows_changed=0,
                    rows_unchanged=0,
                    status="pending" if pending else "active",
                    note=note,
                )
            ).inserted_primary_key
            assert inserted is not None  # a single-row INSERT has one
            batch_id: int = inserted[0]
            inserts: list[tuple[Any, ...]] = []
            updates: list[tuple[Any, ...]] = []
            changes: list[tuple[Any, ...]] = []
            notes: list[tuple[str, str, int, int, str]] = []
            counts = {"new": 0, "changed": 0, "unchanged": 0}
            plan_code = preview.plan_code
            for rec, kind, row in _classify(preview.records, current):
                counts[kind] += 1
                if rec.explanation:  # the 说明 column: a note on the value, in the batch that holds it
                    held_by = batch_id if row is None or kind != "unchanged" else row["batch_id"]
                    notes.append((rec.indicator, rec.region, rec.year, held_by, rec.explanation))
                if kind == "unchanged":
                    continue
                new = (rec.value, rec.numerator, rec.denominator, rec.source, rec.note)
                if row is None:
                    inserts.append((plan_code, rec.indicator, rec.region, rec.year, *new, batch_id, False))
                    old: tuple[Any, ...] = (None,) * 7
                else:
                    updates.append((*new, batch_id, False, row["id"]))
                    old = tuple(_old(row).values())
                changes.append((batch_id, plan_code, rec.indicator, rec.region, rec.year, kind, *old, *new))
            if not pending:
                write_cells(conn, inserts, updates)
            execute_many(conn, _CHG.insert(), _CHG_COLUMNS, changes)
            conn.execute(
                _BATCH.update()
                .where(_BATCH.c.id == batch_id)
                .values(rows_new=counts["new"], rows_changed=counts["changed"], rows_unchanged=counts["unchanged"])
            )
            add_import_notes(conn, preview.plan_code, batch_id, user.username, notes)
            record_in(
                conn,
                "import",
                user.username,
                plan_code=preview.plan_code,
                batch_id=batch_id,
                detail=f"{preview.filename or ''} new={counts['new']} changed={counts['changed']}"
                + (" pending review" if pending else ""),
            )
            if _after_write is not None:
                _after_write(s)
        return batch_id
    except (sa_exc.OperationalError, sa_exc.IntegrityError, sa_exc.InternalError) as exc:
        raise ImportFailure("store_busy", detail=type(exc.orig or exc).__name__) from None


# The columns of the rows written, in the order the tuples hold them.
_OBS_COLUMNS = ("plan_code", "indicator_code", "region_code", "year", *FIELDS, "batch_id", "is_sample")
_SET_COLUMNS = (*FIELDS, "batch_id", "is_sample", "_id")
_OLD_NEW = (*(f"old_{f}" for f in (*FIELDS, "batch_id", "is_sample")), *(f"new_{f}" for f in FIELDS))
_CHG_COLUMNS = ("batch_id", "plan_code", "indicator_code", "region_code", "year", "kind", *_OLD_NEW)
_SET_CELL = (
    _OBS.update()
    .where(_OBS.c.id == bindparam("_id"))
    .values(**{f: bindparam(f) for f in (*FIELDS, "batch_id", "is_sample")})
)


def execute_many(
    conn: Connection, statement: UpdateBase, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """Run ``statement`` once per row (each a tuple of ``columns``' values), inside the connection's
    transaction.

    SQLite: the statement is compiled once and handed to the driver's ``executemany`` with the
    tuples as they are.  Through SQLAlchemy each row became a dict and then a parameter set built
    column by column, which was half the time of writing 100,000 cells (9 s of 15 s on a loaded
    machine).  Other databases go through SQLAlchemy in batches: psycopg's executemany batches
    the rows in a pipeline (``insertmanyvalues`` for INSERTs)."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        for i in range(0, len(rows), 5000):
            conn.execute(statement, [dict(zip(columns, r, strict=True)) for r in rows[i : i + 5000]])
        return
    compiled = statement.compile(dialect=conn.dialect, column_keys=[c for c in columns if not c.startswith("_")])
    order = [columns.index(name) for name in compiled.positiontup or ()]
    if len(order) != len(columns):
        raise ValueError(f"{len(columns)} values per row for {len(order)} parameters: {compiled}")
    args = rows if order == list(range(len(columns))) else [tuple(r[i] for i in order) for r in rows]
    cursor = conn.connection.cursor()
    try:
        cursor.executemany(str(compiled), args)
    finally:
        cursor.close()


def write_cells(conn: Connection, inserts: list[tuple[Any, ...]], updates: list[tuple[Any, ...]]) -> None:
    """Insert new observations (tuples of ``_OBS_COLUMNS``) and overwrite existing ones (tuples of
    ``_SET_COLUMNS``: the fields, batch and sample flag, then the row's id)."""
    execute_many(conn, _OBS.insert(), _OBS_COLUMNS, inserts)
    execute_many(conn, _SET_CELL, _SET_COLUMNS, updates)


def import_file(engine: Engine, plan: Plan, path: str | Path, user: User, **kw: Any) -> tuple[Preview, int | None]:
    """Preview and, when the file is clean, commit (the command line's confirmed import)."""
    pv = preview_path(engine, plan, path, resolver=kw.pop("resolver", None), limits=kw.pop("limits", Limits()))
    if not pv.ok:
        return pv, None
    return pv, commit_import(engine, pv, user, **kw)


# -- audit and rollback --------------------------------------------------------------


def list_batches(engine: Engine, plan_code: str) -> list[dict[str, Any]]:
    """Every batch of one plan, newest first: who, when, file, checksum, counts, status."""
    with engine.connect() as conn:
        q = select(_BATCH).where(_BATCH.c.plan_code == plan_code).order_by(_BATCH.c.id.desc())
        rows = conn.execute(q).mappings().all()
    return [dict(r) for r in rows]


def batch_changes(engine: Engine, batch_id: int) -> list[dict[str, Any]]:
    """The cells a batch wrote, with old and new fields."""
    with engine.connect() as conn:
        rows = (
            conn.execute(
                select(_CHG)
                .where(_CHG.c.batch_id == batch_id)
                .order_by(_CHG.c.indicator_code, _CHG.c.region_code, _CHG.c.year)
            )
            .mappings()
            .all()
        )
    return [dict(r) for r in rows]


def rollback_batch(
    engine: Engine,
    plan_code: str,
    batch_id: int,
    user: User,
    _after_write: Callable[[Session], None] | None = None,
) -> dict[str, Any]:
    """Restore what batch ``batch_id`` of plan ``plan_code`` replaced and delete what it created,
    in one transaction.

    Refused (ImportFailure) for an unknown batch, another plan's batch (``other_plan``: whoever
    rolls back says which plan's figures they mean), a sample batch, a batch
    already rolled back, and a batch some of whose cells now hold a later
    batch's values (``superseded``, naming the later batches).  A replaced
    sample value whose sample batch has since been cleared is not restored:
    the cell is emptied and counted in ``sample_gone``.
    """
    require_role(user, "rollback")
    try:
        with collector_paused(), Session(engine) as s, s.begin():
            _write_lock(s)
            conn = s.connection()
            batch = conn.execute(select(_BATCH).where(_BATCH.c.id == batch_id)).mappings().first()
            if batch is None:
                raise ImportFailure("unknown_batch", batch=batch_id)
            if batch["plan_code"] != plan_code:
                raise ImportFailure("other_plan", batch=batch_id, plan=batch["plan_code"])
            if batch["kind"] == VENUE_BATCH and batch["status"] != "rolled_back":
                # A venue list: its rows are venues, not cells (data/facilities.py).
                done = rollback_venue_batch(conn, plan_code, batch_id, user.username)
                if _after_write is not None:
                    _after_write(s)
                return done
            if batch["kind"] not in ("import", VENUE_BATCH):
                raise ImportFailure("not_an_import", batch=batch_id)
            if batch["status"] == "rolled_back":
                raise ImportFailure("already_rolled_back", batch=batch_id, when=batch["rolled_back_at"])
            if batch["status"] != "active":  # awaiting review, or returned: its values never counted
                raise ImportFailure("not_active", batch=batch_id, status=batch["status"])
            changes = conn.execute(select(_CHG).where(_CHG.c.batch_id == batch_id)).mappings().all()
            current = _current(conn, plan_code, {(c["indicator_code"], c["region_code"], c["year"]) for c in changes})
            later: set[int | str] = set()
            for c in changes:
                row = current.get((c["indicator_code"], c["region_code"], c["year"]))
                if row is None or row["batch_id"] != batch_id:
                    later.add(row["batch_id"] if row else "?")
            if later:
                names = ", ".join(str(b) for b in sorted(later, key=str))
                raise ImportFailure(
                    "superseded", batch=batch_id, later=names, later_batches=sorted(b for b in later if b != "?")
                )
            live_batches = set(conn.execute(select(_BATCH.c.id)).scalars())
            deletes: list[tuple[Any, ...]] = []
            restores: list[tuple[Any, ...]] = []
            sample_gone = 0
            for c in changes:
                row = current[(c["indicator_code"], c["region_code"], c["year"])]
                if c["kind"] == "new" or c["old_batch_id"] not in live_batches:
                    deletes.append((row["id"],))
                    sample_gone += c["kind"] != "new"
                else:
                    old = tuple(c[f"old_{f}"] for f in FIELDS)
                    restores.append((*old, c["old_batch_id"], bool(c["old_is_sample"]), row["id"]))
            execute_many(conn, _OBS.delete().where(_OBS.c.id == bindparam("_id")), ("_id",), deletes)
            execute_many(conn, _SET_CELL, _SET_COLUMNS, restores)
            conn.execute(
                _BATCH.update()
                .where(_BATCH.c.id == batch_id)
                .values(status="rolled_back", rolled_back_at=_now(), rolled_back_by=user.username)
            )
            withdraw_import_notes(conn, batch_id, user.username)  # the notes its file brought
            record_in(
                conn,
                "rollback",
                user.username,
                plan_code=plan_code,
                batch_id=batch_id,
                detail=f"deleted={len(deletes) - sample_gone} restored={len(restores)}",
            )
            if _after_write is not None:
                _after_write(s)
        return {
            "batch": batch_id,
            "deleted": len(deletes) - sample_gone,
            "restored": len(restores),
            "sample_gone": sample_gone,
        }
    except (sa_exc.OperationalError, sa_exc.IntegrityError, sa_exc.InternalError) as exc:
        raise ImportFailure("store_busy", detail=type(exc.orig or exc).__name__) from None
