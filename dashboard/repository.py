"""What the callbacks ask: the store, the plan and the shapes behind one object.

Results are computed once per *data version* (a fingerprint of the import
batches, venues and notes: data/version.py) and reused until an import or a sample-data
reload changes it, so a callback that only changes the year does no
recomputation of what it has seen before.  Two levels: a dict in this process,
and for the heavier results a cache shared by every process serving the same
store (dashboard/cache.py: a disk cache on one host, Redis across hosts).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from functools import cached_property
from typing import Any, SupportsInt, cast

import numpy as np
import pandas as pd
from sqlalchemy import Engine

import geo
from dashboard.cache import MISSING, SharedCache
from dashboard.places import urban_bbox
from dashboard.settings import Settings
from dashboard.viewstate import Choices
from data.facilities import counted_observations, venues
from data.importer import list_batches
from data.notes import notes_frame
from data.plan import Indicator, Plan, Rollup
from data.progress import (
    DepartmentProgress,
    GroupProgress,
    Progress,
    assess,
    department_progress,
    task_progress,
)
from data.store import data_status, observation_years, observations
from data.version import data_version

# Results worth sharing between processes: derived tables and roll-ups, each a pass
# over many observations but kilobytes to store.  The observation frame itself stays
# per process (read from the store, the source of truth; tens of MB at national scale),
# and so do per-series look-ups (cheap, numerous).
# The data versions asked during one request (Repository.pin_version), by repository.
_PINNED: ContextVar[dict[int, str] | None] = ContextVar("kepu_pinned_versions", default=None)

SHARED_KINDS = frozenset({"status", "years", "district_table", "city_progress", "task_progress", "department_progress"})


def year_values(series: pd.Series) -> dict[int, float]:
    """A series by year (as ``Repository.series`` gives it) as year → value."""
    # The stubs type an index label as Hashable; a series by year has years there.
    return {int(cast(SupportsInt, y)): float(v) for y, v in series.items()}


class Repository:
    def __init__(
        self,
        engine: Engine,
        plan: Plan,
        *,
        shared: SharedCache | None = None,
        shapes_dir: str | None = None,
        url_code: str | None = None,
    ):
        self.engine = engine
        self.plan = plan
        # The plan as a URL names it (?plan=CODE): None for the deployment's default plan
        # (dashboard/plans.py), whose URLs carry no plan.
        self.url_code = url_code
        # The repository of the plan this one follows (Plan.follows), when the deployment serves it:
        # a continuing indicator's trend and baseline reach back into it. Set by PlanSet.of.
        self.follows: Repository | None = None
        self.city = plan.region.code
        # Shapes of the plan's units: the shipped ones, or a folder made by `kepu geo build`
        # (e.g. 100000-county.geojson for a plan over every county of China).
        self.shapes_dir = shapes_dir or None
        self.shape_level = plan.region.shapes_level
        self.shared = shared or SharedCache()
        self._plan_key = hashlib.sha256(plan.model_dump_json().encode()).hexdigest()[:12]
        self._lock = threading.Lock()
        self._memo: dict[tuple, Any] = {}
        self._memo_version: str | None = None
        self._frozen: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Repository:
        """The default plan's repository (dashboard/plans.py builds the set and creates a new store
        with sample data for every plan)."""
        from dashboard.plans import PlanSet

        return PlanSet.from_settings(settings).default

    # -- caching by data version -------------------------------------------------------
    def version(self) -> str:
        """Fingerprint of the data: every import, rollback or sample reload changes it.

        Inside ``pin_version()`` (the web app pins one per HTTP request) it is asked once and
        reused: a page makes thousands of cached look-ups and each would otherwise cost a query.
        After ``freeze_version()`` it never changes (a test or benchmark whose store is fixed).
        """
        if self._frozen is not None:
            return self._frozen
        pinned = _PINNED.get()
        if pinned is None:
            return self._query_version()
        if id(self) not in pinned:
            pinned[id(self)] = self._query_version()
        return pinned[id(self)]

    def pin_version(self) -> Token:
        """Ask the version at most once until ``unpin_version(token)``, in this thread or task."""
        return _PINNED.set({})

    def unpin_version(self, token: Token) -> None:
        _PINNED.reset(token)

    @contextmanager
    def one_version(self) -> Iterator[str]:
        """``pin_version`` as a block: everything read inside sees one data version, asked once (a
        report: hundreds of cached look-ups, each of which would otherwise ask the store again)."""
        token = self.pin_version()
        try:
            yield self.version()
        finally:
            self.unpin_version(token)

    def freeze_version(self) -> str:
        """Keep today's data version for good: for stores nothing writes to while they are read."""
        self._frozen = self._query_version()
        return self._frozen

    def _query_version(self) -> str:
        """This plan's import batches, venue registry and notes (data/version.py): a few indexed
        aggregates, whatever the number of observation rows. Another plan's imports in the same
        store leave it alone, and so that plan's caches."""
        with self.engine.connect() as conn:
            return data_version(conn, self.plan.code)

    def shared_key(self, *parts: str) -> str:
        """A key of the shared cache for this plan and its current data version: an import changes
        the version, so nothing stored under an older key is read again."""
        return ":".join(("kepu", self._plan_key, self.version(), *parts))

    def _cached(self, key: tuple, compute: Callable[[], Any]) -> Any:
        version = self.version()
        with self._lock:
            if version != self._memo_version:
                self._memo = {}
                self._memo_version = version
            if key in self._memo:
                return self._memo[key]
        shared_key = f"kepu:{self._plan_key}:{version}:{key!r}" if key[0] in SHARED_KINDS else None
        value = self.shared.get(shared_key) if shared_key else MISSING
        if value is MISSING:
            value = compute()
            if shared_key:
                self.shared.set(shared_key, value)
        with self._lock:
            if self._memo_version == version:
                self._memo[key] = value
        return value

    # -- plan look-ups -----------------------------------------------------------------
    @cached_property
    def units(self) -> pd.DataFrame:
        """The plan's county-level units with names and label points from the shapes."""
        rows = [
            {
                "code": u.code,
                "name": u.name,
                "short": u.short,
                "name_en": u.label("en"),
                "short_en": u.short_label("en"),
                "type": u.type,
                "population": u.population,
                "urban": u.urban,
            }
            for u in self.plan.region.units
        ]
        frame = pd.DataFrame(rows)
        shapes = self.shapes[["code", "label_lon", "label_lat"]]
        return frame.merge(shapes, on="code", how="left")

    @cached_property
    def unit_names(self) -> dict[str, str]:
        return {u.code: u.name for u in self.plan.region.units} | {self.city: self.plan.region.name.zh}

    def region_name(self, code: str, lang: str = "zh") -> str:
        """The city's or a unit's name in a language (pinyin names in English, from the plan file)."""
        if code == self.city:
            return self.plan.region.name.get(lang)
        unit = self.unit_by_code.get(code)
        return unit.label(lang) if unit else code

    @cached_property
    def unit_by_code(self):
        return {u.code: u for u in self.plan.region.units}

    @property
    def shape_region(self) -> str:
        """The shapes' file stem: the region's code, or 100000-county for a country's counties."""
        return f"{self.city}-{self.shape_level}" if self.shape_level else self.city

    @cached_property
    def shapes(self):
        return geo.load_shapes(self.city, self.shape_level, shapes_dir=self.shapes_dir)

    def geojson_url(self, level: str = "full") -> str:
        return geo.geojson_url_path(self.shape_region, level, shapes_dir=self.shapes_dir)

    def geojson_bytes(self, level: str = "full") -> tuple[bytes, str]:
        return geo.geojson_bytes(self.shape_region, level, shapes_dir=self.shapes_dir)

    def geojson_dict(self, level: str = "full") -> dict:
        return geo.geojson_dict(self.shape_region, level, shapes_dir=self.shapes_dir)

    @cached_property
    def city_bbox(self) -> tuple[float, float, float, float]:
        return geo.load_meta(self.city, self.shape_level, shapes_dir=self.shapes_dir).bbox

    @cached_property
    def central_bbox(self) -> tuple[float, float, float, float]:
        """The box of the plan's urban units (中心城区); else the one the shapes were built with;
        the whole region where there is neither (a country)."""
        meta = geo.load_meta(self.city, self.shape_level, shapes_dir=self.shapes_dir)
        urban = urban_bbox(self.plan, self.shapes, int(meta.raw.get("decimals", 4)))
        return urban or meta.central_bbox or self.city_bbox

    def indicator(self, code: str) -> Indicator:
        return self.plan.indicator_by_code[code]

    def is_mappable(self, code: str) -> bool:
        return self.indicator(code).rollup != Rollup.city_only

    # -- data ----------------------------------------------------------------------------
    def cached_value(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """A value computed once per data version (for services: ``key`` names it, its first item a kind)."""
        return self._cached(key, compute)

    def frame(self) -> pd.DataFrame:
        """Every observation of this plan (a city: a few thousand rows), once per data version; the
        indicators counted from the venue registry have their counts (data.facilities)."""

        def compute():
            typed = observations(self.engine, self.plan.code)
            if not self.plan.counted_indicators:
                return typed
            return counted_observations(self.plan, typed, self.venues())

        return self._cached(("frame",), compute)

    def venues(self) -> pd.DataFrame:
        """Every current venue of this plan's registry, real and sample (data.facilities.venues)."""
        return self._cached(("venues",), lambda: venues(self.engine, self.plan.code))

    def status(self) -> dict:
        return self._cached(("status",), lambda: data_status(self.engine, self.plan.code))

    def notes(self) -> pd.DataFrame:
        """The plan's notes in force (data/notes.py ``NOTE_COLUMNS``), once per data version."""
        return self._cached(("notes",), lambda: notes_frame(self.engine, self.plan.code))

    def batches(self) -> dict[int, dict]:
        """The plan's import batches by id (who, when, which file), once per data version."""
        return self._cached(("batches",), lambda: {b["id"]: b for b in list_batches(self.engine, self.plan.code)})

    def years(self) -> list[int]:
        """The years with figures (the plan's years when there are none yet). Asked of the store, not
        of the whole frame: every page asks, and at national scale the frame is 753,563 rows."""
        years = self._cached(("years",), lambda: observation_years(self.engine, self.plan.code))
        return list(years) if years else list(range(self.plan.baseline_year, self.plan.end_year + 1))

    def latest_year(self) -> int:
        return self.years()[-1]

    def choices(self) -> Choices:
        return self._cached(
            ("choices",),
            lambda: Choices(
                tasks=tuple(t.code for t in self.plan.tasks),
                indicators={i.code: i.task or "" for i in self.plan.indicators},
                districts=tuple(u.code for u in self.plan.region.units),
                departments=tuple(d.code for d in self.plan.departments),
                years=tuple(self.years()),
                default_indicator=self.plan.goal.indicator,
                default_year=self.latest_year(),
                plan=self.url_code,
            ),
        )

    def indicator_frame(self, indicator: str) -> pd.DataFrame:
        """One indicator's observations, sorted by region and year, once per data version: from the
        whole frame when it is already read, else from the store alone (a page about a few indicators
        need not wait for all of them: 14,000 rows of a national indicator against 753,563)."""

        def compute():
            whole = self._memoized(("frame",))
            if whole is not None:
                part = whole[whole["indicator_code"] == indicator]
                return part.sort_values(["region_code", "year"], kind="stable", ignore_index=True)
            part = observations(self.engine, self.plan.code, indicators=[indicator])
            return self._with_counts(part, indicators=[indicator])

        return self._cached(("indicator_frame", indicator), compute)

    def _with_counts(
        self, part: pd.DataFrame, *, indicators: list[str] | None = None, regions: list[str] | None = None
    ) -> pd.DataFrame:
        """A part of the frame read alone, with the registry's counts as the whole frame has them."""
        counted = self.plan.counted_indicators
        if not counted or (indicators is not None and not set(indicators) & {i.code for i in counted}):
            return part
        years = self._cached(("years",), lambda: observation_years(self.engine, self.plan.code))
        return counted_observations(
            self.plan, part, self.venues(), years=list(years), indicators=indicators, regions=regions
        )

    def _memoized(self, key: tuple) -> Any:
        """What this process holds for ``key`` at the current data version, without computing it."""
        version = self.version()
        with self._lock:
            return self._memo.get(key) if version == self._memo_version else None

    def _series_index(self, indicator: str) -> tuple[pd.Series, dict[str, tuple[int, int]]]:
        """One indicator's values sorted by (region, year), and where each region's series starts and
        stops in them.

        One pass per indicator and data version; a series is then a slice, cut when first asked for.
        (Building all ~126,000 Series of a national run up front took minutes; taking each from a
        list of positions still cost 0.3 ms, a third of a national district table.)
        """

        def compute():
            f = self.indicator_frame(indicator)
            values = pd.Series(f["value"].to_numpy(), index=pd.Index(f["year"].to_numpy(), name="year"), name="value")
            if f.empty:
                return values, {}
            regions = f["region_code"].to_numpy()
            starts = np.flatnonzero(np.r_[True, regions[1:] != regions[:-1]])
            stops = np.r_[starts[1:], len(f)].astype(int)
            return values, {regions[a]: (int(a), int(b)) for a, b in zip(starts, stops, strict=True)}

        return self._cached(("series_index", indicator), compute)

    def _city_index(self) -> tuple[pd.Series, dict[str, tuple[int, int]]]:
        """The region's own values (every indicator, sorted by indicator and year) and where each
        indicator's series is in them: the headline and the task cards need no county's figures."""

        def compute():
            whole = self._memoized(("frame",))
            if whole is not None:
                f = whole[whole["region_code"] == self.city]
            else:
                f = self._with_counts(
                    observations(self.engine, self.plan.code, regions=[self.city]), regions=[self.city]
                )
            f = f.sort_values(["indicator_code", "year"], kind="stable", ignore_index=True)
            values = pd.Series(f["value"].to_numpy(), index=pd.Index(f["year"].to_numpy(), name="year"), name="value")
            if f.empty:
                return values, {}
            codes = f["indicator_code"].to_numpy()
            starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
            stops = np.r_[starts[1:], len(f)].astype(int)
            return values, {codes[a]: (int(a), int(b)) for a, b in zip(starts, stops, strict=True)}

        return self._cached(("city_index",), compute)

    def series(self, indicator: str, region: str) -> pd.Series:
        """Values by year of one indicator in one region (empty if none)."""

        def compute():
            city = region == self.city and self._memoized(("series_index", indicator)) is None
            values, spans = self._city_index() if city else self._series_index(indicator)
            span = spans.get(indicator if city else region)
            # A copy: callers may not change the index's values behind its back.
            return values.iloc[span[0] : span[1]].copy() if span else pd.Series(dtype="float64", name="value")

        return self._cached(("series", indicator, region), compute)

    def progress(self, indicator: str, region: str, year: int) -> Progress:
        return self._cached(
            ("progress", indicator, region, year),
            lambda: assess(
                self.indicator(indicator),
                self.series(indicator, region),
                self.plan.baseline_year,
                year,
                end_year=self.plan.end_year,
            ),
        )

    def district_table(self, indicator: str, year: int) -> pd.DataFrame:
        """One row per unit: value, status, target and rank for the map, ranking and tables."""

        def compute():
            f = self.indicator_frame(indicator)
            rows = f[f["year"] == year].set_index("region_code")
            out = self.units.copy()
            out["value"] = out["code"].map(rows["value"])
            out["numerator"] = out["code"].map(rows["numerator"])
            out["denominator"] = out["code"].map(rows["denominator"])
            out["source"] = out["code"].map(rows["source"])
            out["is_sample"] = out["code"].map(rows["is_sample"]).eq(True)
            progress = [self.progress(indicator, c, year) for c in out["code"]]
            out["status"] = [p.status.value for p in progress]
            out["score"] = [p.score for p in progress]
            out["expected"] = [p.expected_value for p in progress]
            out["target"] = [p.target for p in progress]
            ind = self.indicator(indicator)
            ranked = out["value"].rank(ascending=not ind.higher_is_better, method="min")
            out["rank"] = ranked.astype("Int64")
            return out

        return self._cached(("district_table", indicator, year), compute)

    def city_progress(self, year: int) -> dict[str, Progress]:
        return self._cached(
            ("city_progress", year),
            lambda: {i.code: self.progress(i.code, self.city, year) for i in self.plan.indicators},
        )

    def task_progress(self, year: int, region: str | None = None) -> dict[str, GroupProgress]:
        region = region or self.city

        def compute():
            out = {}
            for t in self.plan.tasks:
                members = [
                    self.progress(i.code, region, year)
                    for i in self.plan.indicators_for(t.code)
                    if region == self.city or self.is_mappable(i.code)
                ]
                out[t.code] = task_progress(members)
            return out

        return self._cached(("task_progress", year, region), compute)

    def department_progress(self, year: int) -> dict[str, DepartmentProgress]:
        def compute():
            by_task = self.task_progress(year)
            return {d.code: department_progress(d.code, self.plan.tasks, by_task) for d in self.plan.departments}

        return self._cached(("department_progress", year), compute)
