"""Published reference figures as typed models, loaded from ``data/reference/national.yaml``.

Figures others have published (the national survey's results, national and provincial targets),
kept apart from the store: they are never observations, never sample data and never imported,
so no roll-up, status class or import sees them.  Every value names how it was published.  A
broken file fails loudly with the file, the field path and the reason, as a plan file does.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Self

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

REFERENCE_DIR = Path(__file__).parent / "reference"
DEFAULT_REFERENCE_FILE = REFERENCE_DIR / "national.yaml"

# The measure the plan's goal indicator is (see the file's header): the share of citizens with
# scientific literacy, the overall goal of every plan of this kind.
GOAL_MEASURE = "scientific_literacy_share"
NATIONAL_REGION = "100000"

# As published: a year, a month or a day.
DATE_PATTERN = r"^$|^\d{4}(-\d{2}(-\d{2})?)?$"


class ReferenceFileError(ValueError):
    """A reference file that cannot be used; the message names file, field and reason."""

    def __init__(self, path: Path | str, problems: list[tuple[str, str]]):
        self.path = str(path)
        self.problems = problems
        lines = [f"{self.path}: {loc}: {msg}" for loc, msg in problems]
        super().__init__("参考数据文件有误 / invalid reference file\n" + "\n".join(lines))


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Names(Model):
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Comparator(str, enum.Enum):
    """How a target's value is meant; the words (高于 / above) are the dashboard's catalogue's."""

    above = "above"  # 高于
    at_least = "at_least"  # 不低于


class Source(Model):
    """How a figure was published.  A detail not given is empty, never guessed."""

    publisher: str = Field(min_length=1)
    title: str = ""
    number: str = ""  # a document's number, e.g. 国办发〔2016〕10号
    date: str = Field(default="", pattern=DATE_PATTERN)  # when this publication appeared
    released: str = Field(default="", pattern=DATE_PATTERN)  # when the figure was first released, if earlier
    address: str = ""  # a web address without its scheme, or doi:...; shown as text, never fetched

    @model_validator(mode="after")
    def _address_is_text(self) -> Self:
        if "://" in self.address:
            raise ValueError("address is written without its scheme (shown as text, never fetched)")
        return self


class ReferenceRegion(Model):
    code: str = Field(pattern=r"^\d{6}$")
    name: Names


class PublishedValue(Model):
    year: int = Field(ge=1900, le=2100)
    value: float
    source: Source


class ReferenceSeries(Model):
    code: str = Field(min_length=1)
    region: str = Field(pattern=r"^\d{6}$")
    measure: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: Names
    unit: str
    decimals: int = Field(default=2, ge=0, le=3)
    survey: str = ""  # the survey the values come from
    conducted_by: str = ""  # who conducts it
    values: tuple[PublishedValue, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_value_a_year(self) -> Self:
        years = [v.year for v in self.values]
        if len(years) != len(set(years)):
            raise ValueError(f"series {self.code}: a year is published twice")
        if years != sorted(years):
            raise ValueError(f"series {self.code}: values must be in year order")
        return self

    def value_in(self, year: int) -> PublishedValue | None:
        """The value published for ``year`` (None if there is none: never interpolated)."""
        return next((v for v in self.values if v.year == year), None)

    def latest_by(self, year: int) -> PublishedValue | None:
        """The latest value published for ``year`` or an earlier year."""
        earlier = [v for v in self.values if v.year <= year]
        return earlier[-1] if earlier else None


class ReferenceTarget(Model):
    code: str = Field(min_length=1)
    region: str = Field(pattern=r"^\d{6}$")
    measure: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    value: float
    year: int = Field(ge=1900, le=2100)
    comparator: Comparator
    source: Source


class Reference(Model):
    regions: tuple[ReferenceRegion, ...] = Field(min_length=1)
    series: tuple[ReferenceSeries, ...] = ()
    targets: tuple[ReferenceTarget, ...] = ()

    @model_validator(mode="after")
    def _references_resolve(self) -> Self:
        regions = [r.code for r in self.regions]
        if len(regions) != len(set(regions)):
            raise ValueError("region codes must be unique")
        codes = [s.code for s in self.series] + [t.code for t in self.targets]
        if len(codes) != len(set(codes)):
            raise ValueError("series and target codes must be unique")
        used: list[tuple[str, str]] = [(s.code, s.region) for s in self.series]
        used += [(t.code, t.region) for t in self.targets]
        for code, region in used:
            if region not in regions:
                raise ValueError(f"{code}: unknown region {region!r} (list it under regions)")
        pairs = [(s.region, s.measure) for s in self.series]
        if len(pairs) != len(set(pairs)):
            raise ValueError("one series per region and measure")
        return self

    def region(self, code: str) -> ReferenceRegion | None:
        return next((r for r in self.regions if r.code == code), None)

    def series_for(self, measure: str, region: str) -> ReferenceSeries | None:
        return next((s for s in self.series if s.measure == measure and s.region == region), None)

    def targets_for(self, measure: str, regions: tuple[str, ...]) -> list[ReferenceTarget]:
        """Targets of a measure in these regions, in the regions' order, then by year."""
        found = [t for t in self.targets if t.measure == measure and t.region in regions]
        return sorted(found, key=lambda t: (regions.index(t.region), t.year))


def province_of(region: str) -> str:
    """The province an administrative division code belongs to (230200 → 230000)."""
    return region[:2] + "0000"


def _loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def load_reference(path: Path | str = DEFAULT_REFERENCE_FILE) -> Reference:
    """Read and validate a reference file; raise ReferenceFileError naming file, field and reason."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReferenceFileError(path, [("(file)", "文件不存在 / file not found")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(yaml)"
        problem = getattr(exc, "problem", exc)
        raise ReferenceFileError(path, [(where, f"YAML 语法错误 / YAML syntax: {problem}")]) from None
    if not isinstance(raw, dict):
        raise ReferenceFileError(path, [("(top)", "应为映射 / expected a mapping at the top level")])
    try:
        return Reference.model_validate(raw)
    except ValidationError as exc:
        raise ReferenceFileError(path, [(_loc(e["loc"]), e["msg"]) for e in exc.errors()]) from None


_cache: dict[str, Reference] = {}


def get_reference(path: Path | str = DEFAULT_REFERENCE_FILE) -> Reference:
    """The reference figures, parsed once per process (they are read-only)."""
    key = str(Path(path).resolve())
    if key not in _cache:
        _cache[key] = load_reference(path)
    return _cache[key]
