"""Join indicator rows to district shapes, by code first, then by name.

Names are matched after normalisation (full-width, spaces, bracketed notes)
under the full name, the short name (龙沙 / 龙沙区), aliases and former
names (a county's name before it became a district; see UnitHistory). Nothing is dropped silently: rows that match no
shape and shapes that no row matched are returned, each row with a reason.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import pandas as pd

from .names import PROVINCE_SHORT, name_keys, normalise_name
from .shapes import RegionNotFound, ShapesDir, load_meta, load_shapes


@dataclass(frozen=True)
class UnitHistory:
    """What a region's units were called before, as the plan records it (geo names no region).

    A unit renamed when it changed status (a county became a district) keeps its territory:
    rows under its former name or code join to today's unit. A unit merged into a neighbour
    covers only part of today's unit: rows under its name are reported, never joined."""

    former_names: Mapping[str, Iterable[str]] = field(default_factory=dict)  # code → names
    former_codes: Mapping[str, str] = field(default_factory=dict)  # old code → today's code
    merged: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # name → (code it joined, note)


NO_HISTORY = UnitHistory()

# Rows for the whole region rather than one unit.
TOTAL_NAMES = ("全市", "合计", "总计", "全市合计", "市合计", "全区", "全省", "全国")
# Rows for the city's own level (departments of the city government).
CITY_LEVEL_NAMES = ("市本级", "市直", "市级", "市直属")


@dataclass(frozen=True)
class NameMatch:
    """Outcome of matching one code or name.

    ``kind`` is "unit" (code is a shape's code), "region" (the whole region:
    its name, 全市), "city-level" (市本级), "merged", "ambiguous" or "unknown"."""

    kind: str
    code: str | None = None
    how: str = ""
    note: str = ""
    candidates: tuple[str, ...] = ()

    @property
    def is_unit(self) -> bool:
        return self.kind == "unit"


def normalise_code(value: object) -> str | None:
    """Six-digit administrative code from an int, a float read from Excel
    (110105.0), a string, or a 9/12-digit statistical code (110105000000)."""
    if value is None:
        return None
    if isinstance(value, float):
        if value != value or not value.is_integer():
            return None
        value = int(value)
    s = "".join(unicodedata.normalize("NFKC", str(value)).split())
    if s.endswith(".0"):
        s = s[:-2]
    if not s.isdigit():
        return None
    if len(s) in (9, 12):
        s = s[:6]
    return s if len(s) == 6 else None


class NameIndex:
    """Lookup from codes and free-text names to the units of one region."""

    def __init__(
        self,
        shapes: pd.DataFrame,
        *,
        region_code: str | None = None,
        region_names: Iterable[str] = (),
        aliases: Mapping[str, Iterable[str]] | None = None,
        history: UnitHistory = NO_HISTORY,
    ) -> None:
        self.history = history
        self.units = {str(c): n for c, n in zip(shapes["code"], shapes["name"], strict=True)}
        parents = set(shapes["parent"]) if "parent" in shapes else set()
        self.region_code = region_code or (parents.pop() if len(parents) == 1 else None)
        self.region_names = [n for n in region_names if n]
        self._keys: dict[str, dict[str, str]] = defaultdict(dict)  # key -> {code: how}

        def add(key: str, code: str, how: str) -> None:
            if key:
                self._keys[key].setdefault(code, how)

        for code, name in self.units.items():
            full, *others = name_keys(name)
            add(full, code, "name")
            for k in others:
                add(k, code, "short name")
        for code, names in history.former_names.items():
            for name in names if code in self.units else ():
                for k in name_keys(name):
                    add(k, code, "former name")
        for code, alias_names in (aliases or {}).items():
            for name in alias_names if str(code) in self.units else ():
                for k in name_keys(name):
                    add(k, str(code), "alias")

        prefixes = set(PROVINCE_SHORT) | set(PROVINCE_SHORT.values())
        for n in self.region_names:
            prefixes.update(name_keys(n))
        self._prefixes = sorted((normalise_name(p) for p in prefixes), key=len, reverse=True)
        self._region_keys = {k for n in self.region_names for k in name_keys(n)} | set(TOTAL_NAMES)

    @classmethod
    def for_region(
        cls,
        code: str,
        shapes_dir: ShapesDir = None,
        aliases: Mapping[str, Iterable[str]] | None = None,
        *,
        level: str | None = None,
        history: UnitHistory = NO_HISTORY,
    ) -> NameIndex:
        """The index of region ``code``'s shapes (``level``: a non-default build, as in load_shapes)."""
        meta = load_meta(code, level, shapes_dir=shapes_dir)
        return cls(
            load_shapes(code, level, shapes_dir=shapes_dir),
            region_code=meta.code,
            region_names=(meta.name, meta.short),
            aliases=aliases,
            history=history,
        )

    def _strip_prefixes(self, key: str) -> str:
        """Drop leading province and region names: 黑龙江省齐齐哈尔市龙沙区 → 龙沙区."""
        changed = True
        while changed:
            changed = False
            for p in self._prefixes:
                if p and key.startswith(p) and len(key) > len(p):
                    key, changed = key[len(p) :], True
                    break
        return key

    def match_name(self, text: object) -> NameMatch:
        raw = normalise_name(text)
        if not raw:
            return NameMatch("unknown", how="name", note="empty name")
        for key in dict.fromkeys((raw, self._strip_prefixes(raw))):
            found = self._keys.get(key)
            if found and len(found) == 1:
                ((code, how),) = found.items()
                return NameMatch("unit", code, how)
            if found:
                names = tuple(f"{c} {self.units[c]}" for c in sorted(found))
                return NameMatch("ambiguous", how="name", note=f"name {text!r} fits several units", candidates=names)
            if key in self._region_keys:
                return NameMatch("region", self.region_code, "name", note=f"{text!r} is the whole region, not a unit")
            if key in CITY_LEVEL_NAMES:
                note = f"{text!r} is the city's own level, not a unit"
                return NameMatch("city-level", self.region_code, "name", note=note)
            if key in self.history.merged:
                code, note = self.history.merged[key]
                return NameMatch("merged", code, "name", note=note)
        return NameMatch("unknown", how="name", note=f"unknown name {text!r}")

    def match_code(self, value: object) -> NameMatch:
        code = normalise_code(value)
        if code is None:
            return NameMatch("unknown", how="code", note=f"not an administrative code: {value!r}")
        if code in self.units:
            return NameMatch("unit", code, "code")
        renamed = self.history.former_codes.get(code)
        if renamed in self.units:
            return NameMatch("unit", renamed, "former code")
        if code == self.region_code:
            return NameMatch("region", code, "code", note=f"code {code} is the whole region, not a unit")
        return NameMatch("unknown", how="code", note=f"unknown code {code}")

    def match(self, text: object) -> NameMatch:
        """A cell that may hold a code or a name."""
        return self.match_code(text) if normalise_code(text) is not None else self.match_name(text)

    def resolve(self, text: object) -> str | None:
        """The unit's code, or None for anything else (see ``match`` for why)."""
        m = self.match(text)
        return m.code if m.is_unit else None


def _present(value: Any) -> bool:  # a cell of a frame: a scalar, or a list pd.isna cannot reduce
    if value is None:
        return False
    try:
        return not pd.isna(value)
    except (TypeError, ValueError):
        return True


def resolve_district(
    text: object,
    region: str,
    shapes_dir: ShapesDir = None,
    aliases: Mapping[str, Iterable[str]] | None = None,
    *,
    level: str | None = None,
    history: UnitHistory = NO_HISTORY,
) -> str | None:
    """Code of the unit of ``region`` a free-text name or code denotes, or None.

    A unit's name, short name (without 区/县/市), its name after the province and
    region names, its code or a 9/12-digit statistical code give the unit's code;
    former names and codes in ``history`` too. Whole-region names (全市, the
    region's name), unknown, merged and ambiguous names give None; use
    ``match_district`` for why. Looking up many names, build a NameIndex once."""
    m = match_district(text, region, shapes_dir, aliases, level=level, history=history)
    return m.code if m.is_unit else None


def match_district(
    text: object,
    region: str,
    shapes_dir: ShapesDir = None,
    aliases: Mapping[str, Iterable[str]] | None = None,
    *,
    level: str | None = None,
    history: UnitHistory = NO_HISTORY,
) -> NameMatch:
    """Like resolve_district, but returns the full NameMatch (kind, how, note)."""
    if aliases or history is not NO_HISTORY:
        return NameIndex.for_region(region, shapes_dir, aliases, level=level, history=history).match(text)
    key = (region, level, str(shapes_dir))
    if key not in _INDEXES:
        _INDEXES[key] = NameIndex.for_region(region, shapes_dir, level=level)
    return _INDEXES[key].match(text)


_INDEXES: dict[tuple[str, str | None, str], NameIndex] = {}


@dataclass
class JoinResult:
    """Rows joined to shapes, and what did not join in either direction."""

    joined: pd.DataFrame  # matched rows + code, name, short, type, matched_by
    unmatched_rows: pd.DataFrame  # rows that matched no shape + reason
    unmatched_shapes: gpd.GeoDataFrame  # shapes no row matched

    @property
    def ok(self) -> bool:
        return self.unmatched_rows.empty and self.unmatched_shapes.empty

    def report(self) -> str:
        lines = [f"{len(self.joined)} rows joined to {self.joined['code'].nunique() if len(self.joined) else 0} units"]
        for i, row in self.unmatched_rows.iterrows():
            lines.append(f"row {i}: {row['reason']}")
        if not self.unmatched_shapes.empty:
            shapes = self.unmatched_shapes
            units = ", ".join(f"{c} {n}" for c, n in zip(shapes["code"], shapes["name"], strict=True))
            lines.append(f"units without rows: {units}")
        return "\n".join(lines)


SHAPE_COLUMNS = ("code", "name", "short", "type")


def join_indicators(
    rows: pd.DataFrame,
    shapes: gpd.GeoDataFrame | None = None,
    *,
    code_col: str | None = "region_code",
    name_col: str | None = "region_name",
    region: str,
    level: str | None = None,
    aliases: Mapping[str, Iterable[str]] | None = None,
    history: UnitHistory = NO_HISTORY,
    keep_geometry: bool = False,
    shapes_dir: ShapesDir = None,
) -> JoinResult:
    """Join indicator rows to the shapes of ``region``.

    Each row is matched by its code (``code_col``; former codes too), or,
    when it has none, by its name (``name_col``; short names, aliases,
    former names in ``history``). A row whose code and name point at different units is
    not joined. Returns a JoinResult: ``joined`` has the row columns plus
    code, name, short, type (shape properties; clashing row columns get a
    ``_row`` suffix) and matched_by, with geometry if ``keep_geometry``;
    ``unmatched_rows`` has the row columns plus ``reason``;
    ``unmatched_shapes`` the shapes no row matched.
    """
    has_code = code_col is not None and code_col in rows.columns
    has_name = name_col is not None and name_col in rows.columns
    if not (has_code or has_name):
        raise ValueError(f"rows have neither a code column {code_col!r} nor a name column {name_col!r}")

    if shapes is None:
        shapes = load_shapes(region, level, shapes_dir=shapes_dir)
    region_names: tuple[str, ...]
    try:
        meta = load_meta(region, level, shapes_dir=shapes_dir)
        region_names = (meta.name, meta.short)
    except RegionNotFound:
        region_names = ()
    index = NameIndex(shapes, region_code=region, region_names=region_names, aliases=aliases, history=history)

    code_cache: dict[str, NameMatch] = {}
    name_cache: dict[str, NameMatch] = {}
    codes: list[str | None] = []
    how: list[str | None] = []
    reasons: list[str | None] = []
    for code_value, name_value in zip(
        rows[code_col] if has_code else [None] * len(rows),
        rows[name_col] if has_name else [None] * len(rows),
        strict=True,
    ):
        cm = nm = None
        if _present(code_value):
            key = str(code_value)
            cm = code_cache.get(key) or code_cache.setdefault(key, index.match_code(code_value))
        if _present(name_value):
            key = str(name_value)
            nm = name_cache.get(key) or name_cache.setdefault(key, index.match_name(name_value))
        code, matched_by, reason = _decide(cm, nm, index)
        codes.append(code)
        how.append(matched_by)
        reasons.append(reason)

    resolved = pd.Series(codes, index=rows.index, dtype="object")
    matched = resolved.notna()
    props = shapes.set_index("code")
    clashing = [c for c in (*SHAPE_COLUMNS, "matched_by", "geometry") if c in rows.columns]
    left = rows.loc[matched].rename(columns={c: f"{c}_row" for c in clashing})
    joined = left.assign(code=resolved[matched])
    for col in SHAPE_COLUMNS[1:]:
        if col in props.columns:
            joined[col] = joined["code"].map(props[col])
    joined["matched_by"] = pd.Series(how, index=rows.index)[matched]
    if keep_geometry:
        joined = gpd.GeoDataFrame(joined, geometry=joined["code"].map(props.geometry).values, crs=shapes.crs)

    unmatched_rows = rows.loc[~matched].assign(reason=pd.Series(reasons, index=rows.index)[~matched])
    unmatched_shapes = shapes[~shapes["code"].isin(set(resolved[matched]))]
    return JoinResult(joined=joined, unmatched_rows=unmatched_rows, unmatched_shapes=unmatched_shapes)


def _describe(m: NameMatch, index: NameIndex) -> str:
    return f"{m.code} {index.units.get(m.code or '', '')}".strip()


def _decide(cm: NameMatch | None, nm: NameMatch | None, index: NameIndex) -> tuple[str | None, str | None, str | None]:
    """(code, matched_by, reason) for one row."""
    if cm is None and nm is None:
        return None, None, "no code and no name"
    if cm is not None and cm.is_unit:
        if nm is not None and nm.is_unit and nm.code != cm.code:
            return None, None, f"code {_describe(cm, index)} and name {_describe(nm, index)} disagree"
        return cm.code, cm.how, None
    if nm is not None and nm.is_unit:
        if cm is not None and cm.kind != "unknown":  # code says region total, name says a unit
            return None, None, f"{cm.note}, but the name says {_describe(nm, index)}"
        return nm.code, nm.how + ("; code not found" if cm is not None else ""), None
    notes = []
    for m in (cm, nm):
        if m is not None:
            notes.append(m.note + (": " + ", ".join(m.candidates) if m.candidates else ""))
    if cm is not None and cm.kind != "unknown":
        notes = notes[:1]  # the code alone says why (whole region)
    reason = "; ".join(notes)
    return None, None, reason
