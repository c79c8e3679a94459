"""What the callbacks ask: the store, the plan and the shapes behind one object.

Results are computed once per *data version* (a fingerprint of the import
batches and observation count) and reused until an import or a sample-data
reload changes it, so a callback that only changes the year does no
recomputation of what it has seen before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cached_property
from typing import Any

import pandas as pd
from flask import g, has_request_context
from sqlalchemy import Engine, func, select

import geo
from dashboard.settings import Settings
from dashboard.viewstate import Choices
from data import schema
from data.plan import Indicator, Plan, Rollup, load_plan
from data.progress import (
    DepartmentProgress,
    GroupProgress,
    Progress,
    assess,
    department_progress,
    task_progress,
)
from data.store import current_revision, data_status, make_engine, observations, replace_sample_data, sync_plan, upgrade


class Repository:
    def __init__(self, engine: Engine, plan: Plan):
        self.engine = engine
        self.plan = plan
        self.city = plan.region.code
        self._lock = threading.Lock()
        self._memo: dict[tuple, Any] = {}
        self._memo_version: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> "Repository":
        plan = load_plan(settings.plan_file)
        engine = make_engine(settings.database_url)
        if current_revision(engine) is None:
            # A new embedded store: create it and fill it with labelled sample data.
            from data.sample import generate

            upgrade(engine)
            sync_plan(engine, plan)
            replace_sample_data(engine, generate(plan, seed=settings.sample_seed))
        return cls(engine, plan)

    # -- caching by data version -------------------------------------------------------
    def version(self) -> str:
        """Fingerprint of the data: every import, rollback or sample reload changes it.

        Asked once per HTTP request (kept on flask.g): a page makes thousands of
        cached look-ups and each would otherwise cost a query.
        """
        if has_request_context():
            cached = getattr(g, "kepu_data_version", None)
            if cached is None:
                cached = g.kepu_data_version = self._query_version()
            return cached
        return self._query_version()

    def _query_version(self) -> str:
        b, o = schema.ImportBatch, schema.Observation
        query = select(
            select(func.count(b.id)).scalar_subquery(),
            select(func.max(b.id)).scalar_subquery(),
            select(func.count()).where(b.status != "active").scalar_subquery(),
            select(func.count(o.id)).scalar_subquery(),
        )
        with self.engine.connect() as conn:
            return ".".join(str(v) for v in conn.execute(query).one())

    def _cached(self, key: tuple, compute: Callable[[], Any]) -> Any:
        version = self.version()
        with self._lock:
            if version != self._memo_version:
                self._memo = {}
                self._memo_version = version
            if key in self._memo:
                return self._memo[key]
        value = compute()
        with self._lock:
            if self._memo_version == version:
                self._memo[key] = value
        return value

    # -- plan look-ups -----------------------------------------------------------------
    @cached_property
    def units(self) -> pd.DataFrame:
        """The plan's county-level units with names and label points from the shapes."""
        rows = [{"code": u.code, "name": u.name, "short": u.short, "name_en": u.label("en"),
                 "short_en": u.short_label("en"), "type": u.type, "population": u.population, "urban": u.urban}
                for u in self.plan.region.units]
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

    @cached_property
    def shapes(self):
        return geo.load_shapes(self.city)

    def geojson_url(self, level: str = "full") -> str:
        return geo.geojson_url_path(self.city, level)

    def geojson_bytes(self, level: str = "full") -> tuple[bytes, str]:
        return geo.geojson_bytes(self.city, level)

    @cached_property
    def city_bbox(self) -> tuple[float, float, float, float]:
        return tuple(geo.load_meta(self.city).bbox)

    @cached_property
    def central_bbox(self) -> tuple[float, float, float, float]:
        return geo.central_bbox(self.city)

    def indicator(self, code: str) -> Indicator:
        return self.plan.indicator_by_code[code]

    def is_mappable(self, code: str) -> bool:
        return self.indicator(code).rollup != Rollup.city_only

    # -- data ----------------------------------------------------------------------------
    def frame(self) -> pd.DataFrame:
        """Every observation (Harbin: a few thousand rows), once per data version."""
        return self._cached(("frame",), lambda: observations(self.engine))

    def status(self) -> dict:
        return self._cached(("status",), lambda: data_status(self.engine))

    def years(self) -> list[int]:
        f = self.frame()
        if f.empty:
            return list(range(self.plan.baseline_year, self.plan.end_year + 1))
        return sorted(int(y) for y in f["year"].unique())

    def latest_year(self) -> int:
        return self.years()[-1]

    def choices(self) -> Choices:
        return self._cached(("choices",), lambda: Choices(
            tasks=tuple(t.code for t in self.plan.tasks),
            indicators={i.code: i.task or "" for i in self.plan.indicators},
            districts=tuple(u.code for u in self.plan.region.units),
            departments=tuple(d.code for d in self.plan.departments),
            years=tuple(self.years()),
            default_indicator=self.plan.goal.indicator,
            default_year=self.latest_year(),
        ))

    def _series_index(self) -> dict[tuple[str, str], pd.Series]:
        """Every (indicator, region) series at once, grouped in one pass per data version."""
        def compute():
            f = self.frame().sort_values("year")
            return {key: rows.set_index("year")["value"]
                    for key, rows in f.groupby(["indicator_code", "region_code"], sort=False)}
        return self._cached(("series_index",), compute)

    def series(self, indicator: str, region: str) -> pd.Series:
        """Values by year of one indicator in one region (empty if none)."""
        found = self._series_index().get((indicator, region))
        return found if found is not None else pd.Series(dtype="float64", name="value")

    def progress(self, indicator: str, region: str, year: int) -> Progress:
        return self._cached(("progress", indicator, region, year), lambda: assess(
            self.indicator(indicator), self.series(indicator, region), self.plan.baseline_year, year,
            end_year=self.plan.end_year))

    def district_table(self, indicator: str, year: int) -> pd.DataFrame:
        """One row per unit: value, status, target and rank for the map, ranking and tables."""
        def compute():
            f = self.frame()
            rows = f[(f["indicator_code"] == indicator) & (f["year"] == year)].set_index("region_code")
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
        return self._cached(("city_progress", year), lambda: {
            i.code: self.progress(i.code, self.city, year) for i in self.plan.indicators})

    def task_progress(self, year: int, region: str | None = None) -> dict[str, GroupProgress]:
        region = region or self.city

        def compute():
            out = {}
            for t in self.plan.tasks:
                members = [self.progress(i.code, region, year) for i in self.plan.indicators_for(t.code)
                           if region == self.city or self.is_mappable(i.code)]
                out[t.code] = task_progress(members)
            return out
        return self._cached(("task_progress", year, region), compute)

    def department_progress(self, year: int) -> dict[str, DepartmentProgress]:
        def compute():
            by_task = self.task_progress(year)
            return {d.code: department_progress(d.code, self.plan.tasks, by_task) for d in self.plan.departments}
        return self._cached(("department_progress", year), compute)
