"""The plans one deployment serves: one repository per plan, over one store.

A city's office follows one plan period after another (2016–2020, 2021–2025,
2026–2030), and a province's office several cities: ``KEPU_PLANS_DIR`` names a
folder of plan files and each becomes a ``Repository`` over the same engine and
shared cache. Without it the set holds the one plan of ``KEPU_PLAN_FILE``, as
before. The default plan (``KEPU_DEFAULT_PLAN``, else the latest by start year)
is the one a URL without ``?plan=`` shows; the others are named in the URL.

The checks that need more than one plan file live here: codes are unique, a
plan's ``follows`` names a plan of the set, an indicator's ``continues`` names an
indicator of the plan it follows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select

import geo
from dashboard.cache import SharedCache, make_cache
from dashboard.repository import Repository
from dashboard.settings import Settings
from data import schema
from data.plan import Plan, PlanFileError, load_plan
from data.store import current_revision, make_engine, replace_sample_data, sync_plan, upgrade


class PlanSetError(ValueError):
    """Plan files that cannot be served together (the message names the file or code)."""


@dataclass(frozen=True)
class PlanSet:
    repos: tuple[Repository, ...]  # by start year, earliest first
    default_code: str
    _by_code: dict[str, Repository] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {r.plan.code: r for r in self.repos})
        if self.default_code not in self._by_code:
            raise PlanSetError(f"default plan {self.default_code} is not in the set")

    # -- building --------------------------------------------------------------------------
    @classmethod
    def from_settings(cls, settings: Settings) -> PlanSet:
        plans = load_plans(settings)
        default = default_code(plans, settings.default_plan)
        engine = make_engine(settings.database_url)
        prepare_store(engine, plans, settings.sample_seed, settings.shapes_dir)
        shared = make_cache(settings)
        return cls.of(plans, default, engine, shared=shared, shapes_dir=settings.shapes_dir)

    @classmethod
    def of(
        cls,
        plans: list[Plan],
        default: str,
        engine: Engine,
        *,
        shared: SharedCache | None = None,
        shapes_dir: str = "",
    ) -> PlanSet:
        check_links(plans)
        shared = shared or SharedCache()
        repos = tuple(
            Repository(
                engine,
                p,
                shared=shared,
                shapes_dir=shapes_for(p, shapes_dir),
                url_code=None if p.code == default else p.code,
            )
            for p in sorted(plans, key=lambda p: (p.start_year, p.code))
        )
        by_code = {r.plan.code: r for r in repos}
        for repo in repos:
            repo.follows = by_code.get(repo.plan.follows or "")
        return cls(repos, default)

    @classmethod
    def single(cls, repo: Repository) -> PlanSet:
        """The set of one repository (an app built around a repository, as tests and benchmarks do)."""
        return cls((repo,), repo.plan.code)

    # -- looking up ------------------------------------------------------------------------
    @property
    def default(self) -> Repository:
        return self._by_code[self.default_code]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(r.plan.code for r in self.repos)

    def get(self, code: str | None) -> Repository:
        """The plan's repository; an unknown or missing code gives the default plan's (a bad link
        shows the default, never an error)."""
        return self._by_code.get(code or "", self.default)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Repository]:
        return iter(self.repos)

    def __len__(self) -> int:
        return len(self.repos)


def plan_files(settings: Settings) -> list[Path]:
    if not settings.plans_dir:
        return [Path(settings.plan_file)]
    files = sorted(Path(settings.plans_dir).glob("*.yaml"))
    if not files:
        raise PlanSetError(f"KEPU_PLANS_DIR={settings.plans_dir}: no plan files (*.yaml) there")
    return files


def load_plans(settings: Settings) -> list[Plan]:
    plans: dict[str, Plan] = {}
    for path in plan_files(settings):
        try:
            plan = load_plan(path)
        except PlanFileError as exc:
            raise PlanSetError(str(exc)) from None
        if plan.code in plans:
            raise PlanSetError(f"{path}: plan code {plan.code} is used by another plan file of the folder")
        plans[plan.code] = plan
    return list(plans.values())


def default_code(plans: list[Plan], wanted: str) -> str:
    """KEPU_DEFAULT_PLAN when it names a plan of the set; else the current plan (the latest start year)."""
    if wanted:
        if wanted not in {p.code for p in plans}:
            raise PlanSetError(f"KEPU_DEFAULT_PLAN={wanted}: no such plan (plans: {', '.join(p.code for p in plans)})")
        return wanted
    return max(plans, key=lambda p: (p.start_year, p.code)).code


def check_links(plans: list[Plan]) -> None:
    """``follows`` names another plan of the set, one that starts earlier; ``continues`` names an
    indicator of the followed plan. One plan file cannot check these: they name another file."""
    by_code = {p.code: p for p in plans}
    for plan in plans:
        followed = by_code.get(plan.follows or "")
        if plan.follows is not None and (followed is None or followed.start_year >= plan.start_year):
            raise PlanSetError(
                f"plan {plan.code}: follows {plan.follows}, which is not an earlier plan of the set "
                f"(plans: {', '.join(by_code)})"
            )
        for ind in plan.indicators:
            if ind.continues is None:
                continue
            if followed is None:
                raise PlanSetError(
                    f"plan {plan.code}: indicator {ind.code} continues {ind.continues}, but the plan follows none"
                )
            if ind.continues not in followed.indicator_by_code:
                raise PlanSetError(
                    f"plan {plan.code}: indicator {ind.code} continues {ind.continues}, "
                    f"which plan {followed.code} lacks"
                )


def shapes_for(plan: Plan, shapes_dir: str) -> str | None:
    """The folder with the plan's boundaries: KEPU_SHAPES_DIR when it holds them, else the shipped ones."""
    if not shapes_dir:
        return None
    level = plan.region.shapes_level
    stem = f"{plan.region.code}-{level}" if level else plan.region.code
    return shapes_dir if stem in geo.available_regions(shapes_dir) or stem not in geo.available_regions() else None


def prepare_store(engine: Engine, plans: list[Plan], seed: int, shapes_dir: str | None = None) -> None:
    """A new store is created; a plan it has not seen is copied in with labelled sample data.

    A store that already holds a plan is left as it is (``kepu db upgrade`` syncs a changed plan file).
    """
    from dashboard.services.facilities import load_sample_venues
    from data.sample import generate

    if current_revision(engine) is None:
        upgrade(engine)
    with engine.connect() as conn:
        known = set(conn.execute(select(schema.Plan.code)).scalars())
    for plan in plans:
        if plan.code not in known:
            sync_plan(engine, plan)
            replace_sample_data(engine, plan.code, generate(plan, seed=seed))
            load_sample_venues(engine, plan, seed, shapes_for(plan, shapes_dir or ""))
