"""The venue registry: science venues of a plan (科技馆, 科普教育基地, stations ...) with their place.

A venue list comes in like a file of figures (``data.importer``): read and checked with every
problem at its sheet, row, column and cell (``preview_venues``), compared with the store (new,
changed, unchanged), written as one batch after the user has seen the preview
(``commit_venues``), undone by rolling the batch back (``rollback_venue_batch``, called by
``data.importer.rollback_batch`` for a batch of kind ``VENUE_BATCH``).

A venue is known by its type, its unit and its name: the same three in a later list mean the
same venue, and a row that changes it adds a new row and marks the old one ``replaced_by`` the
batch (nothing is changed in place, so a rollback puts back exactly what was there).

Locations: ``data`` may not import ``geo``, so the caller passes a ``Placer`` that converts a
point from the system its file declares (WGS-84, GCJ-02, BD-09) to the boundaries' and finds the
unit it lies in (dashboard/services/facilities.py builds it from ``geo``). A venue without a
location is kept and counted in its unit ("未定位" on the map); one outside the region is refused;
one outside its stated unit is flagged with the distance.

Counting (``counted_observations``) is a pure function of the venues and the typed figures: an
indicator with ``counted_from`` gets, per unit and year, the venues of its types and levels open
that year (docs/facilities.md).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

import pandas as pd
from sqlalchemy import Connection, Engine, Table, delete, func, insert, select, update
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from data import schema
from data.audit import record_in
from data.import_messages import ERROR, FIELD_NAMES, ImportFailure, Problem, printable, problem
from data.import_read import HEADER_ALIASES, Limits, RawCell, RawRow, ReadResult, TableSpec, read_upload
from data.import_values import cell_text, clean_text, parse_number, parse_year
from data.plan import FacilityLevel, Indicator, IndicatorKind, Plan
from data.users import User, require_role

VENUE_BATCH = "facilities"  # import_batch.kind of a venue list
VENUE_SAMPLE_BATCH = "facility_sample"  # import_batch.kind of generated sample venues

# -- the columns of a venue list -------------------------------------------------------

VENUE_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("名称", "设施名称", "场馆名称", "基地名称", "站点名称", "name", "venue", "facility", "venuename"),
    "type": ("类型", "设施类型", "场馆类型", "类别", "type", "venuetype", "facilitytype"),
    "level": ("级别", "等级", "认定级别", "level"),
    # 单位名称 names a district in a file of figures, but often the venue itself in a venue list.
    "district": (*(n for n in HEADER_ALIASES["district"] if n != "单位名称"), "所在区县"),
    "district_code": HEADER_ALIASES["district_code"],
    "address": ("地址", "详细地址", "address"),
    "lon": ("经度", "lon", "lng", "long", "longitude"),
    "lat": ("纬度", "lat", "latitude"),
    "datum": ("坐标系", "坐标系统", "坐标类型", "datum", "crs", "coordinatesystem"),
    "opened": ("开放年份", "建成年份", "命名年份", "认定年份", "开放年", "opened", "yearopened", "openedyear"),
    "closed": ("关闭年份", "撤销年份", "停用年份", "closed", "yearclosed", "closedyear"),
    "source": HEADER_ALIASES["source"],
    "note": HEADER_ALIASES["note"],
}
# The columns of the template, in order (data/facility_template.py writes them).
TEMPLATE_FIELDS = (
    "name",
    "type",
    "level",
    "district",
    "address",
    "lon",
    "lat",
    "datum",
    "opened",
    "closed",
    "source",
    "note",
)


def _venue_missing(fields: set[str]) -> list[str]:
    out = [f for f in ("name", "type") if f not in fields]
    if not ({"district", "district_code", "lon"} & fields):
        out.append("district")
    return out


def _venue_missing_problem(cols: list[str], sheet: str | None) -> Problem:
    return problem(
        "venue_missing_column",
        sheet=sheet,
        columns="、".join(FIELD_NAMES[c][0] for c in cols),
        columns_en=", ".join(FIELD_NAMES[c][1] for c in cols),
        missing=cols,
    )


VENUES = TableSpec(VENUE_ALIASES, _venue_missing, _venue_missing_problem)

LEVEL_NAMES: dict[FacilityLevel, tuple[str, str]] = {
    FacilityLevel.national: ("国家级", "national"),
    FacilityLevel.provincial: ("省级", "provincial"),
    FacilityLevel.city: ("市级", "city"),
    FacilityLevel.county: ("区县级", "county"),
}
_LEVEL_KEYS: dict[str, FacilityLevel] = {}
for _level, (_zh, _en) in LEVEL_NAMES.items():
    for _k in (_level.value, _zh, _en, _zh.removesuffix("级"), f"{_en} level"):
        _LEVEL_KEYS[_k.lower().replace(" ", "")] = _level
for _k in ("区级", "县级", "县区级", "区县"):
    _LEVEL_KEYS[_k] = FacilityLevel.county


def parse_level(text: object) -> FacilityLevel | None:
    return _LEVEL_KEYS.get(clean_text(text).lower().replace(" ", ""))


# -- where a venue is: what the caller passes in ---------------------------------------------


class Placed(Protocol):
    """Where one point lies, in the boundaries' system (geo.venues.Location plus the point)."""

    lon: float
    lat: float
    unit: str | None
    covering: tuple[str, ...]
    km_from_unit: float
    km_outside_region: float


class Placer(Protocol):
    """Converts points to the boundaries' system and finds their units (built from geo by the caller)."""

    datum: str  # the boundaries' system, e.g. GCJ-02
    snap_km: float  # a point this close outside the region counts in the nearest unit

    def parse_datum(self, text: object) -> str | None: ...

    def place(
        self, lon: Sequence[float], lat: Sequence[float], datum: Sequence[str], stated: Sequence[str | None]
    ) -> Sequence[Placed]: ...


# -- the preview ---------------------------------------------------------------------------

RECORD_FIELDS = (
    "level",
    "address",
    "lon",
    "lat",
    "orig_lon",
    "orig_lat",
    "orig_datum",
    "km_outside",
    "opened_year",
    "closed_year",
    "source",
    "note",
)

Key = tuple[str, str, str]  # type, unit, name (normalised)


def venue_key(type_code: str, unit: str, name: str) -> Key:
    return (type_code, unit, clean_text(name).replace(" ", ""))


@dataclass(slots=True)
class VenueRecord:
    """One checked row of a venue list."""

    type_code: str
    name: str
    unit: str
    level: str | None = None
    address: str | None = None
    lon: float | None = None
    lat: float | None = None
    orig_lon: float | None = None
    orig_lat: float | None = None
    orig_datum: str | None = None
    km_outside: float | None = None
    opened_year: int | None = None
    closed_year: int | None = None
    source: str | None = None
    note: str | None = None
    sheet: str | None = None
    row: int = 0

    @property
    def key(self) -> Key:
        return venue_key(self.type_code, self.unit, self.name)

    def fields(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in RECORD_FIELDS}


@dataclass
class VenueChange:
    kind: str  # new / changed
    record: VenueRecord
    old: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        r = self.record
        return {
            "kind": self.kind,
            "type": r.type_code,
            "name": r.name,
            "unit": r.unit,
            "sheet": r.sheet,
            "row": r.row,
            "new": r.fields(),
            "old": self.old,
        }


@dataclass
class VenuePreview:
    """What a venue list would change; the upload page and the CLI show it like a file of figures."""

    filename: str
    checksum: str
    size: int
    kind: str | None
    problems: list[Problem] = field(default_factory=list)
    records: list[VenueRecord] = field(default_factory=list)
    changes: list[VenueChange] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    expected: dict[Key, int | None] = field(default_factory=dict)  # key → id of the live row compared with
    sheets_read: list[str] = field(default_factory=list)
    sheets_skipped: list[str] = field(default_factory=list)
    sheets_hidden: list[str] = field(default_factory=list)
    encoding: str | None = None
    compared: bool = False
    plan_code: str = ""
    registry: bool = True  # tells a venue list's preview from a file of figures' (data.importer.Preview)

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
        h = hashlib.sha256(b"venues:" + self.checksum.encode())
        for key in sorted(self.expected):
            h.update(repr((key, self.expected[key])).encode())
        return h.hexdigest()

    def to_dict(self, max_changes: int | None = None) -> dict[str, Any]:
        from data.importer import bounded_problems

        changes = self.changes if max_changes is None else self.changes[:max_changes]
        return {
            "ok": self.ok,
            "registry": True,
            "file": {"name": self.filename, "kind": self.kind, "size": self.size, "sha256": self.checksum},
            "counts": self.counts,
            "errors": [p.to_dict() for p in bounded_problems(self.errors)],
            "warnings": [p.to_dict() for p in bounded_problems(self.warnings)],
            "changes": [c.to_dict() for c in changes],
            "state_token": self.state_token,
        }


def _empty_counts() -> dict[str, int]:
    return {
        "rows": 0,
        "blank_rows": 0,
        "venues": 0,
        "new": 0,
        "changed": 0,
        "unchanged": 0,
        "located": 0,
        "unlocated": 0,
        "flagged": 0,
        "errors": 0,
        "warnings": 0,
    }


def preview_venues(
    engine: Engine | None,
    plan: Plan,
    data: bytes,
    filename: str,
    placer: Placer,
    *,
    resolver: Callable[[object], str | None] | None = None,
    limits: Limits = Limits(),
    default_datum: str | None = None,
) -> VenuePreview:
    """Read, check and compare a venue list with the store; write nothing, never raise for bad input.

    ``resolver``: a cell → unit code (``data.importer.district_resolver``); ``default_datum``: the
    coordinate system for rows that declare none (the CLI's ``--datum``)."""
    try:
        read = read_upload(data, filename, limits, VENUES)
    except Exception as exc:  # noqa: BLE001 - a reader bug must still be a message
        read = ReadResult(problems=[problem("corrupt_file", detail=f"{type(exc).__name__}: {str(exc)[:200]}")])
    pv = VenuePreview(
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
        if resolver is None:
            from data.importer import district_resolver

            resolver = district_resolver(plan, None)
        checker = _Checker(plan, placer, resolver, default_datum)
        for raw in read.rows:
            checker.row(raw)
        checker.finish()
        pv.records, pv.counts = checker.records, {**pv.counts, **checker.counts}
        pv.problems.extend(checker.problems)
        if not pv.errors and not pv.records:
            pv.problems.append(problem("no_venues"))
        if not pv.errors and engine is not None:
            _compare(engine, pv)
    pv.counts["errors"] = len(pv.errors)
    pv.counts["warnings"] = len(pv.warnings)
    return pv


@dataclass
class _Pending:
    """A row checked as far as it goes without its location."""

    raw: RawRow
    record: VenueRecord
    stated: str | None
    lon_cell: RawCell | None = None
    datum: str | None = None


class _Checker:
    def __init__(self, plan: Plan, placer: Placer, resolver: Callable[[object], str | None], default_datum: str | None):
        self.plan = plan
        self.placer = placer
        self.resolve = resolver
        self.default_datum = placer.parse_datum(default_datum) if default_datum else None
        self.units = {u.code for u in plan.region.units}
        self.types: dict[str, str] = {}
        for t in plan.facility_types:
            for k in (t.code, t.name.zh, t.name.en, *t.aliases):
                self.types.setdefault(_key(k), t.code)
        self.type_list = (
            "、".join(t.name.zh for t in plan.facility_types),
            ", ".join(t.name.en for t in plan.facility_types),
        )
        self.records: list[VenueRecord] = []
        self.problems: list[Problem] = []
        self.counts = _empty_counts()
        self.pending: list[_Pending] = []
        self.no_year = 0

    def _p(self, key: str, raw: RawRow, c: RawCell | None = None, **params: Any) -> None:
        self.problems.append(
            problem(
                key, sheet=raw.sheet, row=raw.row, column=c.column if c else None, cell=c.cell if c else None, **params
            )
        )

    def row(self, raw: RawRow) -> None:
        cells = raw.cells
        if not any(clean_text(c.value) for c in cells.values()):
            self.counts["blank_rows"] += 1
            return
        self.counts["rows"] += 1
        before = len([p for p in self.problems if p.is_error])
        name_c, type_c = cells.get("name"), cells.get("type")
        name = clean_text(name_c.value) if name_c else ""
        if not name:
            self._p("missing_field", raw, field="name")
        type_code = None
        if type_c is None or not clean_text(type_c.value):
            self._p("missing_field", raw, field="type")
        else:
            type_code = self.types.get(_key(type_c.value))
            if type_code is None:
                zh, en = self.type_list
                self._p("unknown_facility_type", raw, type_c, value=clean_text(type_c.value), types=zh, types_en=en)
        level = None
        level_c = cells.get("level")
        if level_c is not None and clean_text(level_c.value):
            parsed = parse_level(level_c.value)
            if parsed is None:
                self._p("unknown_level", raw, level_c, value=clean_text(level_c.value))
            else:
                level = parsed.value
        stated = self._unit(raw, cells)
        opened = self._year(raw, cells.get("opened"))
        closed = self._year(raw, cells.get("closed"))
        if opened is not None and closed is not None and closed < opened:
            self._p("closed_before_opened", raw, cells.get("closed"), opened=opened, closed=closed)
        lon, lat, datum, lon_c = self._location(raw, cells)
        if len([p for p in self.problems if p.is_error]) != before or type_code is None:
            return
        if stated is None and lon is None:
            self._p("no_district_for_venue", raw)
            return
        if opened is None:
            self.no_year += 1
        record = VenueRecord(
            type_code=type_code,
            name=name,
            unit=stated or "",
            level=level,
            address=_text(cells.get("address")),
            orig_lon=lon,
            orig_lat=lat,
            orig_datum=datum,
            opened_year=opened,
            closed_year=closed,
            source=_text(cells.get("source")),
            note=_text(cells.get("note")),
            sheet=raw.sheet,
            row=raw.row,
        )
        self.pending.append(_Pending(raw, record, stated, lon_c, datum))

    def _unit(self, raw: RawRow, cells: dict[str, RawCell]) -> str | None:
        for f in ("district", "district_code"):
            c = cells.get(f)
            if c is None or not clean_text(c.value):
                continue
            code = self.resolve(c.value)
            if code is None:
                self._p("unknown_district", raw, c, value=clean_text(c.value))
                return None
            if code not in self.units:
                self._p("venue_not_in_a_unit", raw, c, value=clean_text(c.value))
                return None
            return code
        return None

    def _year(self, raw: RawRow, c: RawCell | None) -> int | None:
        if c is None or not clean_text(c.value):
            return None
        y = parse_year(c.value)
        if y.error or y.value is None:
            self._p("bad_year", raw, c, value=clean_text(c.value))
            return None
        return y.value

    def _location(
        self, raw: RawRow, cells: dict[str, RawCell]
    ) -> tuple[float | None, float | None, str | None, RawCell | None]:
        lon_c, lat_c = cells.get("lon"), cells.get("lat")
        given = [c for c in (lon_c, lat_c) if c is not None and clean_text(c.value)]
        if not given:
            return None, None, None, None
        if len(given) == 1:
            self._p("incomplete_location", raw, given[0])
            return None, None, None, None
        assert lon_c is not None and lat_c is not None
        numbers = []
        for f, c in (("lon", lon_c), ("lat", lat_c)):
            n = parse_number(c.value)
            if n.error or n.value is None:
                self._p("not_a_number", raw, c, value=n.text, field=f)
                return None, None, None, None
            numbers.append(n.value)
        lon, lat = numbers
        if not (73 <= lon <= 136 and 3 <= lat <= 54):
            self._p("location_out_of_range", raw, lon_c, lon=_g(lon), lat=_g(lat))
            return None, None, None, None
        datum_c = cells.get("datum")
        if datum_c is not None and clean_text(datum_c.value):
            datum = self.placer.parse_datum(datum_c.value)
            if datum is None:
                self._p("unknown_datum", raw, datum_c, value=clean_text(datum_c.value))
                return None, None, None, None
        elif self.default_datum is not None:
            datum = self.default_datum
        else:
            self._p("no_datum", raw, lon_c)
            return None, None, None, None
        return lon, lat, datum, lon_c

    def finish(self) -> None:
        """Place the located rows (all at once: one conversion, one spatial query), then keep each
        venue once."""
        located = [p for p in self.pending if p.record.orig_lon is not None]
        if located:
            placed = self.placer.place(
                [float(p.record.orig_lon or 0) for p in located],
                [float(p.record.orig_lat or 0) for p in located],
                [p.datum or self.placer.datum for p in located],
                [p.stated for p in located],
            )
            for p, where in zip(located, placed, strict=True):
                self._place(p, where)
        seen: dict[Key, VenueRecord] = {}
        for p in self.pending:
            r = p.record
            if not r.unit:
                continue
            prev = seen.get(r.key)
            if prev is not None:
                other_row = prev.row if prev.sheet == r.sheet else f"{prev.row} ({prev.sheet})"
                key = "duplicate_venue" if prev.fields() == r.fields() else "conflicting_venue"
                self._p(key, p.raw, other_row=other_row)
                continue
            seen[r.key] = r
            self.records.append(r)
        self.counts["venues"] = len(self.records)
        self.counts["located"] = sum(r.lon is not None for r in self.records)
        self.counts["unlocated"] = len(self.records) - self.counts["located"]
        self.counts["flagged"] = sum(bool(r.km_outside) for r in self.records)
        if self.no_year:
            self.problems.append(problem("venues_without_year", n=self.no_year, year=self.plan.baseline_year))
        if self.counts["unlocated"]:
            self.problems.append(problem("venues_without_location", n=self.counts["unlocated"]))

    def _place(self, p: _Pending, where: Placed) -> None:
        r, raw, c = p.record, p.raw, p.lon_cell
        names = {u.code: u for u in self.plan.region.units}
        region = self.plan.region.name
        if where.km_outside_region > self.placer.snap_km or where.unit is None:
            self._p("outside_region", raw, c, km=_km(where.km_outside_region), region=region.zh, region_en=region.en)
            r.unit = ""
            return
        r.unit, r.lon, r.lat = where.unit, round(where.lon, 6), round(where.lat, 6)
        unit = names[where.unit]
        if where.km_outside_region > 0:
            r.km_outside = where.km_from_unit
            self._p(
                "near_edge",
                raw,
                c,
                km=_km(where.km_outside_region),
                region=region.zh,
                region_en=region.en,
                district=unit.name,
                district_en=unit.label("en"),
            )
        elif where.unit not in where.covering:
            other = names[where.covering[0]]
            r.km_outside = where.km_from_unit
            self._p(
                "outside_district",
                raw,
                c,
                km=_km(where.km_from_unit),
                district=unit.name,
                district_en=unit.label("en"),
                other=other.name,
                other_en=other.label("en"),
            )
        elif p.stated is None and len(where.covering) > 1:
            other = names[where.covering[1]]
            self._p(
                "on_border",
                raw,
                c,
                district=unit.name,
                district_en=unit.label("en"),
                other=other.name,
                other_en=other.label("en"),
            )


def _key(text: object) -> str:
    return clean_text(text).lower().replace(" ", "")


def _g(x: float) -> str:
    return f"{x:g}"


def _km(x: float) -> str:
    return f"{x:.1f}" if x >= 1 else f"{x:.2f}"


def _text(c: RawCell | None) -> str | None:
    if c is None:
        return None
    return printable(cell_text(c.value)).strip() or None


# -- comparing with the store ------------------------------------------------------------------

_FAC = cast(Table, schema.Facility.__table__)
_BATCH = cast(Table, schema.ImportBatch.__table__)


def _live(conn: Connection, plan_code: str, sample: bool = False) -> dict[Key, dict[str, Any]]:
    """The plan's current venues (not replaced), real or sample, by key."""
    q = select(_FAC).where(_FAC.c.plan_code == plan_code, _FAC.c.replaced_by.is_(None), _FAC.c.is_sample.is_(sample))
    return {venue_key(r["type_code"], r["unit_code"], r["name"]): dict(r) for r in conn.execute(q).mappings()}


def _same(rec: VenueRecord, row: dict[str, Any]) -> bool:
    if rec.name != row["name"]:
        return False
    for f in RECORD_FIELDS:
        a, b = getattr(rec, f), row[f]
        if a is None or b is None or a == "" or b == "":
            if (a if a != "" else None) is not (b if b != "" else None):
                return False
        elif isinstance(a, float) or isinstance(b, float):
            if not math.isclose(float(a), float(b), abs_tol=1e-9):
                return False
        elif a != b:
            return False
    return True


def _classify(
    records: list[VenueRecord], live: dict[Key, dict[str, Any]]
) -> Iterator[tuple[VenueRecord, str, dict[str, Any] | None]]:
    for rec in records:
        row = live.get(rec.key)
        if row is None:
            yield rec, "new", None
        elif _same(rec, row):
            yield rec, "unchanged", row
        else:
            yield rec, "changed", row


def _compare(engine: Engine, pv: VenuePreview) -> None:
    try:
        with engine.connect() as conn:
            live = _live(conn, pv.plan_code)
    except sa_exc.SQLAlchemyError as exc:
        pv.problems.append(problem("corrupt_file", detail=f"store unreadable: {type(exc).__name__}"))
        return
    pv.compared = True
    for rec, kind, row in _classify(pv.records, live):
        pv.expected[rec.key] = row["id"] if row else None
        pv.counts[kind] += 1
        if kind != "unchanged":
            old = {f: row[f] for f in RECORD_FIELDS} if row else None
            pv.changes.append(VenueChange(kind, rec, old))


# -- writing -----------------------------------------------------------------------------


def _row(plan_code: str, rec: VenueRecord, batch_id: int, is_sample: bool = False) -> dict[str, Any]:
    return {
        "plan_code": plan_code,
        "type_code": rec.type_code,
        "name": rec.name,
        "unit_code": rec.unit,
        **{f: getattr(rec, f) for f in RECORD_FIELDS},
        "batch_id": batch_id,
        "replaced_by": None,
        "is_sample": is_sample,
    }


def commit_venues(engine: Engine, preview: VenuePreview, user: User, *, expect_token: str | None = None) -> int:
    """Write a confirmed venue preview as one batch, all or nothing; the batch id.

    Raises PermissionDenied, or ImportFailure ``refused`` / ``stale_preview`` / ``store_busy`` as
    ``data.importer.commit_import`` does."""
    from data.importer import _now, _write_lock

    require_role(user, "import")
    if not preview.ok:
        raise ImportFailure("refused", preview.errors)
    if expect_token is not None and expect_token != preview.state_token:
        raise ImportFailure("stale_preview", cells="?")
    try:
        with Session(engine) as s, s.begin():
            _write_lock(s)
            conn = s.connection()
            live = _live(conn, preview.plan_code)
            if preview.compared:
                stale = sum(
                    (live[r.key]["id"] if r.key in live else None) != preview.expected.get(r.key)
                    for r in preview.records
                )
                if stale:
                    raise ImportFailure("stale_preview", cells=stale)
            inserted = conn.execute(
                _BATCH.insert().values(
                    plan_code=preview.plan_code,
                    kind=VENUE_BATCH,
                    created_at=_now(),
                    created_by=user.username,
                    filename=preview.filename,
                    checksum=preview.checksum,
                    rows_new=0,
                    rows_changed=0,
                    rows_unchanged=0,
                    status="active",
                    note="设施登记 / venue list",
                )
            ).inserted_primary_key
            assert inserted is not None
            batch_id: int = inserted[0]
            counts = {"new": 0, "changed": 0, "unchanged": 0}
            rows, replaced = [], []
            for rec, kind, row in _classify(preview.records, live):
                counts[kind] += 1
                if kind == "unchanged":
                    continue
                rows.append(_row(preview.plan_code, rec, batch_id))
                if row is not None:
                    replaced.append(row["id"])
            if replaced:
                conn.execute(update(_FAC).where(_FAC.c.id.in_(replaced)).values(replaced_by=batch_id))
            for i in range(0, len(rows), 5000):
                conn.execute(insert(_FAC), rows[i : i + 5000])
            conn.execute(
                _BATCH.update()
                .where(_BATCH.c.id == batch_id)
                .values(rows_new=counts["new"], rows_changed=counts["changed"], rows_unchanged=counts["unchanged"])
            )
            record_in(
                conn,
                "import",
                user.username,
                plan_code=preview.plan_code,
                batch_id=batch_id,
                detail=f"{preview.filename or ''} venues new={counts['new']} changed={counts['changed']}",
            )
        return batch_id
    except (sa_exc.OperationalError, sa_exc.IntegrityError, sa_exc.InternalError) as exc:
        raise ImportFailure("store_busy", detail=type(exc.orig or exc).__name__) from None


def rollback_venue_batch(conn: Connection, plan_code: str, batch_id: int, username: str) -> dict[str, Any]:
    """Undo a venue batch inside the caller's transaction (``data.importer.rollback_batch``, which
    has locked, found the batch of this plan and checked it is active): delete its venues and
    bring back those it replaced. Refused (``superseded``) while a later active batch replaced
    some of its venues."""
    from data.importer import _now

    later = sorted(
        {
            b
            for (b,) in conn.execute(
                select(_FAC.c.replaced_by).where(_FAC.c.batch_id == batch_id, _FAC.c.replaced_by.is_not(None))
            )
        }
    )
    if later:
        names = ", ".join(str(b) for b in later)
        raise ImportFailure("superseded", batch=batch_id, later=names, later_batches=later)
    deleted = conn.execute(delete(_FAC).where(_FAC.c.batch_id == batch_id)).rowcount
    restored = conn.execute(update(_FAC).where(_FAC.c.replaced_by == batch_id).values(replaced_by=None)).rowcount
    conn.execute(
        _BATCH.update()
        .where(_BATCH.c.id == batch_id)
        .values(status="rolled_back", rolled_back_at=_now(), rolled_back_by=username)
    )
    record_in(
        conn,
        "rollback",
        username,
        plan_code=plan_code,
        batch_id=batch_id,
        detail=f"venues deleted={deleted - restored} restored={restored}",
    )
    return {"batch": batch_id, "deleted": deleted - restored, "restored": restored, "sample_gone": 0}


def replace_sample_venues(engine: Engine, plan_code: str, records: list[VenueRecord], note: str = "") -> int:
    """Store generated sample venues of one plan in one batch, replacing its earlier sample venues."""
    from data.store import new_batch

    with Session(engine) as s, s.begin():
        conn = s.connection()
        old = select(_BATCH.c.id).where(_BATCH.c.plan_code == plan_code, _BATCH.c.kind == VENUE_SAMPLE_BATCH)
        conn.execute(delete(_FAC).where(_FAC.c.plan_code == plan_code, _FAC.c.is_sample.is_(True)))
        conn.execute(delete(_BATCH).where(_BATCH.c.id.in_(old.scalar_subquery())))
        batch = new_batch(
            s,
            VENUE_SAMPLE_BATCH,
            "sample-generator",
            plan_code=plan_code,
            note=note or "示例设施 / sample venues",
            rows_new=len(records),
        )
        rows = [_row(plan_code, r, batch.id, is_sample=True) for r in records]
        for i in range(0, len(rows), 5000):
            conn.execute(insert(_FAC), rows[i : i + 5000])
        return batch.id


def clear_sample_venues(engine: Engine, plan_code: str) -> int:
    """Delete one plan's sample venues and their batch; how many venues."""
    with Session(engine) as s, s.begin():
        conn = s.connection()
        n = conn.execute(delete(_FAC).where(_FAC.c.plan_code == plan_code, _FAC.c.is_sample.is_(True))).rowcount
        conn.execute(delete(_BATCH).where(_BATCH.c.plan_code == plan_code, _BATCH.c.kind == VENUE_SAMPLE_BATCH))
        return int(n)


# -- reading -----------------------------------------------------------------------------------

VENUE_COLUMNS = [
    "id",
    "type_code",
    "name",
    "level",
    "unit_code",
    "address",
    "lon",
    "lat",
    "orig_lon",
    "orig_lat",
    "orig_datum",
    "km_outside",
    "opened_year",
    "closed_year",
    "source",
    "note",
    "batch_id",
    "is_sample",
]


def venues(engine: Engine, plan_code: str) -> pd.DataFrame:
    """Every current venue of one plan (real and sample), one row each, with VENUE_COLUMNS."""
    q = (
        select(*[_FAC.c[c] for c in VENUE_COLUMNS])
        .where(_FAC.c.plan_code == plan_code, _FAC.c.replaced_by.is_(None))
        .order_by(_FAC.c.unit_code, _FAC.c.type_code, _FAC.c.name, _FAC.c.id)
    )
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(q)]
    frame = pd.DataFrame.from_records(rows, columns=VENUE_COLUMNS)
    for c in ("lon", "lat", "orig_lon", "orig_lat", "km_outside"):
        frame[c] = frame[c].astype("float64")
    for c in ("opened_year", "closed_year"):
        frame[c] = frame[c].astype("Int64")
    frame["is_sample"] = frame["is_sample"].astype(bool)
    return frame


def registry_version(engine: Engine, plan_code: str) -> tuple[int, int]:
    """How many venue rows the plan has, and the newest row's id: changes with every write."""
    with engine.connect() as conn:
        n, last = conn.execute(
            select(func.count(_FAC.c.id), func.max(_FAC.c.id)).where(_FAC.c.plan_code == plan_code)
        ).one()
    return int(n), int(last or 0)


def effective_venues(frame: pd.DataFrame) -> pd.DataFrame:
    """The venues that count: a type with real venues counts those only (a real list of a type
    replaces its sample list, as a real figure replaces a sample figure); a type with none keeps
    its sample venues."""
    if frame.empty:
        return frame
    real_types = set(frame.loc[~frame["is_sample"], "type_code"])
    keep = ~frame["is_sample"] | ~frame["type_code"].isin(real_types)
    return frame[keep]


def open_in(frame: pd.DataFrame, year: int, baseline_year: int) -> pd.Series:
    """Which venues are open at the end of ``year``: opened by then (a venue without a year counts
    as open since before the baseline) and not closed by then."""
    opened = frame["opened_year"].fillna(baseline_year).astype("int64")
    closed = frame["closed_year"]
    return (opened <= year) & (closed.isna() | (closed.fillna(0).astype("int64") > year))


def counted_frame(
    plan: Plan, frame: pd.DataFrame, years: Sequence[int], units: Sequence[str] | None = None
) -> pd.DataFrame:
    """Per counted indicator, unit and year, the venues it counts (``frame``: effective venues):
    columns indicator_code, region_code, year, value, is_sample (True when any venue counted in
    the indicator's types is sample). Units without a venue get 0; the city is their sum."""
    units = list(units if units is not None else (u.code for u in plan.region.units))
    rows: list[dict[str, Any]] = []
    for ind in plan.counted_indicators:
        part = _of_indicator(frame, ind)
        if part.empty:
            continue
        is_sample = bool(part["is_sample"].any())
        for year in years:
            counts = part.loc[_counted_in(part, ind, year, plan.baseline_year), "unit_code"].value_counts()
            total = 0
            for unit in units:
                n = int(counts.get(unit, 0))
                total += n
                rows.append(_counted_row(ind.code, unit, year, n, is_sample))
            rows.append(_counted_row(ind.code, plan.region.code, year, total, is_sample))
    return pd.DataFrame(rows, columns=["indicator_code", "region_code", "year", "value", "is_sample"])


def _counted_row(code: str, region: str, year: int, n: int, is_sample: bool) -> dict[str, Any]:
    return {"indicator_code": code, "region_code": region, "year": year, "value": float(n), "is_sample": is_sample}


def _of_indicator(frame: pd.DataFrame, ind: Indicator) -> pd.DataFrame:
    spec = ind.counted_from
    if spec is None or frame.empty:
        return frame.iloc[0:0]
    part = frame[frame["type_code"].isin(spec.types)]
    if spec.levels:
        part = part[part["level"].isin([lv.value for lv in spec.levels])]
    return part


def _counted_in(part: pd.DataFrame, ind: Indicator, year: int, baseline: int) -> pd.Series:
    if ind.kind == IndicatorKind.annual_count:
        return part["opened_year"].eq(year).fillna(False).astype(bool)
    if ind.kind == IndicatorKind.cumulative_count:
        opened = part["opened_year"]
        return (opened.gt(baseline) & opened.le(year)).fillna(False).astype(bool)
    return open_in(part, year, baseline)


COUNTED_SOURCE = "设施登记册(按登记的设施计数) / venue registry (counted from the listed venues)"


def counted_observations(
    plan: Plan,
    observations: pd.DataFrame,
    venue_frame: pd.DataFrame,
    *,
    years: list[int] | None = None,
    indicators: list[str] | None = None,
    regions: list[str] | None = None,
) -> pd.DataFrame:
    """The observation frame with the counted indicators' cells taken from the registry.

    A counted cell replaces the typed one, except a sample count over a real typed figure (sample
    venues never hide real figures). Where a real typed figure differs from the count, the note
    says both. Columns as ``data.store.observations``; counted rows have batch_id -1.

    ``observations`` may be a part of the plan's (``indicators``, ``regions``: what it was read for);
    the counts are then cut to the same part, for ``years`` (those of the whole store: a part's own
    years may be fewer), so that a part read alone equals the same part of the whole."""
    if not plan.counted_indicators:
        return observations
    if years is None:
        years = sorted(set(observations["year"].astype(int)))
    years = years or list(range(plan.baseline_year, plan.end_year + 1))
    counted = counted_frame(plan, effective_venues(venue_frame), years)
    if indicators is not None:
        counted = counted[counted["indicator_code"].isin(indicators)]
    if regions is not None:
        counted = counted[counted["region_code"].isin(regions)]
    if counted.empty:
        return observations
    keys = ["indicator_code", "region_code", "year"]
    typed = observations.set_index(keys)
    merged = counted.set_index(keys)
    typed_of = typed.reindex(merged.index)
    real_typed = typed_of["is_sample"].eq(False).to_numpy()
    keep_typed = merged["is_sample"].to_numpy() & real_typed
    merged, typed_of, real_typed = merged[~keep_typed], typed_of[~keep_typed], real_typed[~keep_typed]
    notes: list[str | None] = []
    for count, typed_value, real in zip(merged["value"], typed_of["value"], real_typed, strict=True):
        if real and typed_value == typed_value and not math.isclose(float(typed_value), count):
            notes.append(
                f"登记册计数 {count:g},填报值 {float(typed_value):g},二者不一致 / "
                f"registry count {count:g}, typed figure {float(typed_value):g}: they disagree"
            )
        else:
            notes.append(None)
    out = merged.assign(
        numerator=float("nan"),
        denominator=float("nan"),
        source=COUNTED_SOURCE,
        note=pd.Series(notes, index=merged.index, dtype=object),
        batch_id=-1,
    ).reset_index()
    rest = observations[~observations.set_index(keys).index.isin(merged.index)]
    combined = pd.concat([rest, out[observations.columns]], ignore_index=True)
    combined["year"] = combined["year"].astype("int64")
    return combined.sort_values(keys, ignore_index=True)


def disagreements(observations: pd.DataFrame) -> pd.DataFrame:
    """The counted cells whose typed figure differs (their note says so)."""
    counted = observations[observations["batch_id"].eq(-1) & observations["note"].notna()]
    return counted[["indicator_code", "region_code", "year", "value", "note"]]
