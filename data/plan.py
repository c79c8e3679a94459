"""The plan as typed models, loaded from a YAML plan file.

The shipped plan file (``DEFAULT_PLAN_FILE``) is a transcription of
the seed text: tasks, measures and the 任务分工 lines in the plan's own
words, plus our catalogue of monitoring indicators.  Everything the
dashboard shows hangs off these models, so a broken file must fail loudly
with the file, the field path and the reason.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Annotated, Self

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

PLANS_DIR = Path(__file__).parent / "plans"
DEFAULT_PLAN_FILE = PLANS_DIR / "harbin-2016-2020.yaml"


class PlanFileError(ValueError):
    """A plan file that cannot be used; the message names file, field and reason."""

    def __init__(self, path: Path | str, problems: list[tuple[str, str]], lines: Sequence[int | None] = ()):
        self.path = str(path)
        self.problems = problems
        self.lines = list(lines) or [None] * len(problems)
        rows = [
            f"{self.path}{f':{line}' if line else ''}: {loc}: {msg}"
            for (loc, msg), line in zip(problems, self.lines, strict=True)
        ]
        super().__init__("计划文件有误 / invalid plan file\n" + "\n".join(rows))


# A field's place in a plan file as pydantic gives it: ("tasks", 3, "roles", "lead", 0).
Loc = tuple[int | str, ...]


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong in a plan, at a field path.

    ``key`` names it in data/plan_messages.py (our rules) or is pydantic's error type; ``params``
    fill its words.  A param holding a path (``other``: where a duplicated code was first used)
    is another place in the file, which a checker shows with its line.
    """

    loc: Loc
    key: str
    params: Mapping[str, object] = field(default_factory=dict)


class PlanProblems(ValueError):
    """What the models' validators raise: every problem they found, each at its own field path
    (relative to the model that raised), so that pydantic keeps them in its error's context and
    ``kepu plan check`` can point at each one's line instead of at the whole plan."""

    def __init__(self, problems: Sequence[FieldProblem]):
        from data.plan_messages import message

        self.problems = tuple(problems)
        super().__init__("; ".join(f"{field_path(p.loc)}: {message(p, 'en')}" for p in self.problems))


# The languages every text comes in, the plan's own first.  Code picks a form with
# in_language() instead of comparing ``lang`` with a literal (docs/i18n.md): an
# unknown language, or a form that is missing, reads as Chinese.
LANGS = ("zh", "en")
DEFAULT_LANG = LANGS[0]


def in_language(forms: Mapping[str, str | None], lang: str) -> str:
    """The form of a text in ``lang`` (``{"zh": ..., "en": ...}``), else the Chinese one."""
    return forms.get(lang) or forms[DEFAULT_LANG] or ""


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Model):
    """A label in Chinese (the plan's language) and English (ours)."""

    zh: str = Field(min_length=1, description="The Chinese form, the plan's language.")
    en: str = Field(min_length=1, description="The English form (ours; the plan has none).")

    def get(self, lang: str) -> str:
        return in_language({"zh": self.zh, "en": self.en}, lang)


class TaskKind(str, enum.Enum):
    """What a key task is called in the plan.

    - ``action``: 行动, an action aimed at one group of people (youth, farmers, urban workers, officials)
    - ``project``: 工程, a project that builds a capacity (infrastructure, community science, talent...)
    """

    action = "action"  # 行动
    project = "project"  # 工程


class Role(str, enum.Enum):
    """A department's part in a task, as the task's 任务分工 line gives it.

    - ``lead``: 牵头, leads the task
    - ``cooperate``: 配合 / 参加, cooperates or takes part
    """

    lead = "lead"  # 牵头
    cooperate = "cooperate"  # 配合 / 参加


class IndicatorKind(str, enum.Enum):
    """What an indicator counts; it decides how figures are checked, summed and shown.

    - ``rate``: a share measured directly (e.g. by survey), in %
    - ``coverage``: numerator / denominator, in % (the indicator names both parts)
    - ``annual_count``: counted afresh each year
    - ``cumulative_count``: running total since the baseline year
    - ``stock``: how many exist at year end
    """

    rate = "rate"
    coverage = "coverage"
    annual_count = "annual_count"
    cumulative_count = "cumulative_count"
    stock = "stock"


class Rollup(str, enum.Enum):
    """How district figures make the city's figure.

    - ``sum``: the units' figures added up
    - ``ratio_of_sums``: sum(numerator) / sum(denominator) over the units
    - ``population_weighted_mean``: the units' figures weighted by their population
    - ``city_only``: only measured for the city as a whole
    """

    sum = "sum"
    ratio_of_sums = "ratio_of_sums"
    population_weighted_mean = "population_weighted_mean"
    city_only = "city_only"


class TargetType(str, enum.Enum):
    """What reaching a target means.

    - ``level_by_year``: the indicator reaches the value by the target year
    - ``cumulative``: the total over the plan period reaches the value
    - ``every_year``: the value is reached in each year of the period
    - ``full_coverage``: 全覆盖, 100 % by the target year (rate or coverage indicators only)
    """

    level_by_year = "level_by_year"
    cumulative = "cumulative"
    every_year = "every_year"
    full_coverage = "full_coverage"


class Department(Model):
    """A department named in the plan's 任务分工 lines."""

    code: str = Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        description="Our short code for the department (lower-case pinyin), used by task roles and imports.",
    )
    name: Text = Field(description="The canonical name, e.g. 市科技局.")
    aliases: tuple[str, ...] = Field(
        default=(), description="Other names the text writes for it, e.g. 科技局 (under 「市」 it means 市科技局)."
    )


class Measure(Model):
    """A numbered measure of a task, in the plan's words."""

    number: int = Field(ge=1, description="The measure's number within its task, as the text numbers it.")
    section: str = Field(description="The plan section it stands in, e.g. 三(三)1.")
    title: Text = Field(description="The measure's heading.")
    text: tuple[str, ...] = Field(min_length=1, description="Its sentences, in the plan's words.")


class TaskRoles(Model):
    """Who leads and who cooperates on a task: codes of the plan's departments."""

    lead: tuple[str, ...] = Field(min_length=1, description="Codes of the lead (牵头) departments.")
    cooperate: tuple[str, ...] = Field(default=(), description="Codes of the cooperating (配合 / 参加) departments.")


# Enough for any plan seen (ten tasks, 2016–2020 and 2021–2025); a bound keeps cards and slides drawable.
MAX_TASKS = 20


class Task(Model):
    """One of the plan's key tasks (an action or a project)."""

    code: str = Field(pattern=r"^T[1-9][0-9]?$", description="T1, T2, … in the order of the text.")
    kind: TaskKind = Field(description="Action (行动) or project (工程).")
    section: str = Field(description="The plan section, e.g. 三(一).")
    title: Text = Field(description="The task's heading.")
    short: Text = Field(description="A short label for cards and axes, e.g. 青少年.")
    intro: tuple[str, ...] = Field(default=(), description="The paragraphs before the first measure, verbatim.")
    measures: tuple[Measure, ...] = Field(min_length=1, description="The numbered measures.")
    division_text: str = Field(description="The 任务分工 line, verbatim.")
    roles: TaskRoles = Field(description="The 任务分工 line as department codes.")


class Target(Model):
    """A figure to reach: the plan's own, or a proxy we set for a monitoring-only indicator."""

    value: float = Field(description="The figure, in the indicator's unit.")
    year: int = Field(description="The year it is due, within the plan (baseline_year to end_year).")
    type: TargetType = Field(description="What reaching it means.")
    section: str | None = Field(
        default=None, description="Where the plan states it, e.g. 二(二); empty for our own proxies."
    )
    quote: str | None = Field(default=None, description="The plan's words for it.")


class FacilityLevel(str, enum.Enum):
    """The level that built, named or recognised a venue (a 科普教育基地 is named at one of these).

    - ``national``: 国家级
    - ``provincial``: 省级
    - ``city``: 市级
    - ``county``: 区县级
    """

    national = "national"  # 国家级
    provincial = "provincial"  # 省级
    city = "city"  # 市级
    county = "county"  # 区县级


class FacilityType(Model):
    """A kind of venue the plan names (科技馆, 科普教育基地, 青少年科普活动站 ...), for the registry of venues."""

    code: str = Field(
        pattern=r"^[a-z][a-z0-9_]*$", description="Our short code for the type, used by imports and indicators."
    )
    name: Text = Field(description="The type's name, in the plan's words.")
    aliases: tuple[str, ...] = Field(
        default=(), description="Other names a venue list may give the type (e.g. 科技博物馆 for 科技场馆)."
    )
    section: str | None = Field(default=None, description="The plan section that names it, e.g. 三(一)4.")
    quote: str | None = Field(default=None, description="The plan's words that name it.")
    radius_km: float | None = Field(
        default=None,
        ge=0.1,
        le=100,
        description="The distance a venue of this type is taken to serve, in km, for area coverage; "
        "empty: no coverage is computed. The plan states none: a figure here is the office's choice.",
    )


class CountedFrom(Model):
    """Where an indicator's figures come from the venue registry instead of being typed."""

    types: tuple[str, ...] = Field(min_length=1, description="Codes of the facility types counted.")
    levels: tuple[FacilityLevel, ...] = Field(
        default=(), description="Only venues of these levels; empty: every level (and venues without one)."
    )


class Indicator(Model):
    """A monitoring indicator: what is counted, for which task and measure, and its target."""

    code: str = Field(
        pattern=r"^T[1-9][0-9]?-\d{2}$|^G-\d{2}$",
        description="T<task>-<nn> for a task's indicator, G-<nn> for the overall goal's; used once.",
    )
    name: Text = Field(description="The indicator's name.")
    unit: Text = Field(description="The unit its figures are in, e.g. % or 个.")
    task: str | None = Field(description="The task's code; null for the overall goal.")
    measure: int | None = Field(default=None, description="The measure's number within the task.")
    section: str = Field(description="The plan section it comes from.")
    kind: IndicatorKind = Field(description="What it counts.")
    rollup: Rollup = Field(description="How the units' figures make the city's.")
    higher_is_better: bool = Field(default=True, description="False when a falling figure is progress.")
    decimals: int = Field(default=0, ge=0, le=3, description="Decimals shown (0 to 3).")
    monitoring_only: bool = Field(
        description="True for a proxy we chose (the plan states no figure); false needs the plan's target."
    )
    definition: Text = Field(description="How it is measured.")
    source: Text = Field(description="Who reports it.")
    target: Target | None = Field(default=None, description="The figure to reach, if any.")
    numerator: Text | None = Field(default=None, description="Coverage indicators: what is counted.")
    denominator: Text | None = Field(default=None, description="Coverage indicators: out of what.")
    continues: str | None = Field(
        default=None,
        description="The code of the indicator of the followed plan (follows) that this one continues: "
        "its trend then spans both periods. Checked against that plan when both are served.",
    )
    change_threshold: float | None = Field(
        default=None,
        gt=0,
        le=100,
        examples=[0.3],
        description="How far a figure may move from the previous year's before it is flagged for checking, "
        "as a share of that figure: 0.3 flags a change of more than ±30 % (in the import preview and on the "
        "district page). Unset: the plan's change_threshold.",
    )
    counted_from: CountedFrom | None = Field(
        default=None,
        description="Count the indicator from the venue registry: venues of these types (and levels) in "
        "each unit, open at year end (stock), opened in the year (annual_count) or since the baseline "
        "year (cumulative_count). Needs rollup: sum.",
    )

    @model_validator(mode="after")
    def _coverage_has_parts(self) -> Self:
        problems = []
        if self.kind == IndicatorKind.coverage:
            problems += [
                FieldProblem((part,), "coverage_needs_parts")
                for part in ("numerator", "denominator")
                if getattr(self, part) is None
            ]
        if not self.monitoring_only and self.target is None:
            problems.append(FieldProblem(("target",), "target_needed"))
        if (
            self.target
            and self.target.type == TargetType.full_coverage
            and self.kind not in (IndicatorKind.coverage, IndicatorKind.rate)
        ):
            problems.append(FieldProblem(("target", "type"), "full_coverage_kind", {"kind": self.kind.value}))
        if self.counted_from is not None:
            if self.kind not in (IndicatorKind.stock, IndicatorKind.annual_count, IndicatorKind.cumulative_count):
                problems.append(FieldProblem(("counted_from",), "counted_kind", {"kind": self.kind.value}))
            if self.rollup != Rollup.sum:
                problems.append(FieldProblem(("counted_from",), "counted_rollup", {"rollup": self.rollup.value}))
        if problems:
            raise PlanProblems(problems)
        return self


class Objective(Model):
    """One of the plan's objectives (目标) under the overall goal."""

    code: str = Field(description="Our code, O1, O2...")
    title: Text = Field(description="The objective's heading.")
    text: str = Field(description="The objective's paragraph, verbatim.")


class Goal(Model):
    """The plan's overall goal (总体目标)."""

    text: str = Field(description="The plan's sentence, verbatim.")
    title: Text = Field(description="A headline for it, e.g. 全市公民具备科学素质的比例达到12%.")
    indicator: str = Field(description="The code of the indicator that measures it (one of indicators).")


class Region(Model):
    """A unit of the plan's region (for a city: a district, county or county-level city)."""

    code: str = Field(
        pattern=r"^\d{6}$", description="The 6-digit administrative division code (行政区划代码), e.g. '230202'."
    )
    name: str = Field(description="The full name, e.g. 龙沙区.")
    short: str = Field(description="A short name for maps and axes, e.g. 龙沙.")
    type: str = Field(description="区 / 县 / 县级市 / 市 / 旗.")
    population: float | None = Field(default=None, description="Population in 万人 (10,000 people), to weight means.")
    urban: bool = Field(default=False, description="True for a central urban district (the 中心城区 view shows these).")
    name_en: str | None = Field(
        default=None, description="In pinyin, as the government writes it: Longsha District, Nehe City."
    )
    short_en: str | None = Field(
        default=None, description='Map label; by default name_en without "District", "County" or "City".'
    )
    # Names and codes the unit had before it changed status (a county became a district):
    # rows under them describe the same territory, so they join to this unit.
    former_names: tuple[str, ...] = Field(
        default=(),
        description="Names the unit had before it changed status (a county that became a district): "
        "imported rows under them join to this unit.",
    )
    former_codes: tuple[Annotated[str, Field(pattern=r"^\d{6}$")], ...] = Field(
        default=(), description="Codes the unit had before it changed status; rows under them join to this unit."
    )

    def label(self, lang: str = "zh") -> str:
        """The unit's name in a language (the Chinese name when there is no English one)."""
        return in_language({"zh": self.name, "en": self.name_en}, lang)

    def short_label(self, lang: str = "zh") -> str:
        return in_language({"zh": self.short, "en": self.short_en or self._short_from_name_en()}, lang)

    def _short_from_name_en(self) -> str | None:
        if not self.name_en:
            return None
        for suffix in (" District", " County", " City"):
            if self.name_en.endswith(suffix):
                return self.name_en[: -len(suffix)]
        return self.name_en


class MergedUnit(Model):
    """A former unit merged into a neighbour. Its figures cover only part of today's unit, so a
    row under its name is reported to the person importing, never joined to the unit."""

    name: str = Field(description="The former unit's name.")
    into: str = Field(pattern=r"^\d{6}$", description="The code of the unit it became part of.")
    year: int | None = Field(default=None, description="The year of the merger.")
    note: str | None = Field(
        default=None, description='What to tell the person importing; by default "X was merged into Y".'
    )


class PlanRegion(Model):
    """The region the plan covers (usually a city) and the units its figures are given for."""

    code: str = Field(pattern=r"^\d{6}$", description="The region's 6-digit administrative division code.")
    name: Text = Field(description="The region's name.")
    population_source: str = Field(description="Where the units' populations come from, and how far to trust them.")
    units: tuple[Region, ...] = Field(min_length=1, description="The units (districts, counties...), in display order.")
    shapes_level: str | None = Field(
        default=None,
        examples=["county"],
        description="The boundary file's level suffix: empty for a city's shipped shapes (<code>.geojson), "
        "county for shapes built with `kepu geo build CODE --level county`.",
    )
    merged: tuple[MergedUnit, ...] = Field(
        default=(),
        description="Former units merged into a neighbour: rows under their names are reported, not joined.",
    )

    @model_validator(mode="after")
    def _merged_into_units(self) -> Self:
        codes = {u.code for u in self.units}
        for m in self.merged:
            if m.into not in codes:
                raise ValueError(f"merged unit {m.name}: {m.into!r} is not a unit of the region")
        return self


class Plan(Model):
    """A plan file: the plan's text as tasks and measures, its departments, and our indicators."""

    code: str = Field(description="The plan's code, e.g. qiqihar-2021-2025 (the file's name without .yaml).")
    title: Text = Field(description="The plan's title.")
    issuer: Text = Field(description="Who issued it.")
    region: PlanRegion = Field(description="The region the plan covers and its units.")
    start_year: int = Field(description="The first year of the plan period.")
    end_year: int = Field(description="The last year of the plan period.")
    baseline_year: int = Field(description="The year progress is measured from (usually start_year - 1).")
    source_note: str = Field(description="Where the text was transcribed from and what is missing from it.")
    goal: Goal = Field(description="The overall goal.")
    objectives: tuple[Objective, ...] = Field(description="The objectives under the goal.")
    departments: tuple[Department, ...] = Field(description="Every department a task role names.")
    # The 2016–2020 plans had ten key tasks, as the national 2021–2035 outline has (five 提升行动,
    # five 重点工程), but a city's plan may add or merge some: any number up to MAX_TASKS, in order.
    tasks: tuple[Task, ...] = Field(
        min_length=1, max_length=MAX_TASKS, description=f"The key tasks, T1, T2, … in order (at most {MAX_TASKS})."
    )
    indicators: tuple[Indicator, ...] = Field(description="The catalogue of monitoring indicators.")
    facility_types: tuple[FacilityType, ...] = Field(
        default=(),
        description="The kinds of venue the plan names, for the venue registry (docs/facilities.md); "
        "an indicator's counted_from names them.",
    )
    # What a person must still fill in before the plan is finished (in a plan made by
    # `kepu plan new`: populations, targets, the title and the plan's own text), as field
    # paths in the form errors name them (``region.units[3].population``).  The app runs on
    # such a plan; `kepu plan check` lists each path with its line and exits 1 until it is empty.
    to_fill: tuple[str, ...] = Field(
        default=(),
        examples=[["region.units[3].population", "title"]],
        description="Fields still to fill in, as paths like region.units[3].population; "
        "`kepu plan check` reports each until the list is empty.",
    )
    follows: str | None = Field(
        default=None,
        description="The code of the plan this one follows (the previous period's); a deployment serving "
        "both (KEPU_PLANS_DIR) checks that it names one of its plans.",
    )
    change_threshold: float | None = Field(
        default=None,
        gt=0,
        le=100,
        examples=[0.3],
        description="The change from one year to the next beyond which a figure is flagged, as a share of the "
        "earlier figure (0.3: ±30 %), for indicators without their own change_threshold. Unset: only "
        "indicators with their own are checked.",
    )

    @model_validator(mode="after")
    def _references_resolve(self) -> Self:
        problems = cross_reference_problems(self)
        if problems:
            raise PlanProblems(problems)
        return self

    # -- look-ups used everywhere -------------------------------------------------
    @cached_property
    def task_by_code(self) -> dict[str, Task]:
        return {t.code: t for t in self.tasks}

    @cached_property
    def indicator_by_code(self) -> dict[str, Indicator]:
        return {i.code: i for i in self.indicators}

    @cached_property
    def facility_type_by_code(self) -> dict[str, FacilityType]:
        return {f.code: f for f in self.facility_types}

    @property
    def counted_indicators(self) -> list[Indicator]:
        """Indicators whose figures come from the venue registry."""
        return [i for i in self.indicators if i.counted_from is not None]

    @cached_property
    def department_by_code(self) -> dict[str, Department]:
        return {d.code: d for d in self.departments}

    def indicators_for(self, task: str) -> list[Indicator]:
        return [i for i in self.indicators if i.task == task]

    def department_by_name(self, name: str) -> Department | None:
        """Canonical department for a name as the text writes it (「科技局」 → 市科技局)."""
        name = name.strip()
        for d in self.departments:
            if name == d.name.zh or name in d.aliases:
                return d
        return None

    @property
    def stated_targets(self) -> list[Indicator]:
        return [i for i in self.indicators if not i.monitoring_only]


def cross_reference_problems(plan: Plan) -> list[FieldProblem]:
    """The rules across fields, each problem at the field it is about.

    The years run baseline ≤ start ≤ end and every target falls within them; tasks are T1, T2, …
    in order; department, unit and indicator codes are each used once; a task role names a
    department of ``departments``, never as both lead and cooperating; an indicator's task and
    measure exist; the goal's indicator is in the catalogue.
    """
    problems: list[FieldProblem] = []
    years = {"from_year": plan.baseline_year, "to_year": plan.end_year}
    if plan.baseline_year > plan.start_year:
        problems.append(FieldProblem(("baseline_year",), "baseline_after_start", {"start": plan.start_year}))
    if plan.end_year < plan.start_year:
        problems.append(FieldProblem(("end_year",), "end_before_start", {"start": plan.start_year}))
    for i, task in enumerate(plan.tasks):
        if task.code != f"T{i + 1}":
            problems.append(
                FieldProblem(("tasks", i, "code"), "task_order", {"code": task.code, "expected": f"T{i + 1}"})
            )
    problems += _duplicates(("departments",), [d.code for d in plan.departments], "duplicate_department")
    problems += _duplicates(("region", "units"), [u.code for u in plan.region.units], "duplicate_unit")
    problems += _duplicates(("indicators",), [i.code for i in plan.indicators], "duplicate_indicator")
    dept_codes = {d.code for d in plan.departments}
    for i, task in enumerate(plan.tasks):
        for role in Role:
            for j, code in enumerate(getattr(task.roles, role.value)):
                at = ("tasks", i, "roles", role.value, j)
                if code not in dept_codes:
                    problems.append(
                        FieldProblem(at, "unknown_department", {"task": task.code, "role": role.value, "code": code})
                    )
                elif role == Role.cooperate and code in task.roles.lead:
                    problems.append(FieldProblem(at, "lead_and_cooperate", {"task": task.code, "code": code}))
    measures = {t.code: {m.number for m in t.measures} for t in plan.tasks}
    for i, ind in enumerate(plan.indicators):
        if ind.task is not None and ind.task not in measures:
            problems.append(
                FieldProblem(("indicators", i, "task"), "unknown_task", {"code": ind.code, "task": ind.task})
            )
        elif ind.task is not None and ind.measure is not None and ind.measure not in measures[ind.task]:
            problems.append(
                FieldProblem(
                    ("indicators", i, "measure"), "unknown_measure", {"task": ind.task, "measure": ind.measure}
                )
            )
        if ind.target and not plan.baseline_year <= ind.target.year <= plan.end_year:
            problems.append(
                FieldProblem(
                    ("indicators", i, "target", "year"), "target_year_outside", {"year": ind.target.year, **years}
                )
            )
    problems += _duplicates(("facility_types",), [f.code for f in plan.facility_types], "duplicate_facility_type")
    types = {f.code for f in plan.facility_types}
    for i, ind in enumerate(plan.indicators):
        for j, code in enumerate(ind.counted_from.types if ind.counted_from else ()):
            if code not in types:
                problems.append(
                    FieldProblem(
                        ("indicators", i, "counted_from", "types", j),
                        "unknown_facility_type",
                        {"code": ind.code, "type": code},
                    )
                )
    if plan.goal.indicator not in {i.code for i in plan.indicators}:
        problems.append(FieldProblem(("goal", "indicator"), "unknown_goal_indicator", {"code": plan.goal.indicator}))
    return problems


def _duplicates(at: Loc, codes: list[str], key: str) -> list[FieldProblem]:
    """A problem at each repeat of a code, naming where it was first used."""
    first: dict[str, int] = {}
    problems = []
    for i, code in enumerate(codes):
        if code in first:
            problems.append(FieldProblem((*at, i, "code"), key, {"code": code, "other": (*at, first[code], "code")}))
        first.setdefault(code, i)
    return problems


def field_path(loc: Loc) -> str:
    """A field path as errors and ``to_fill`` write it: ``("tasks", 3, "roles")`` → ``tasks[3].roles``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


_PATH_PART = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")


def path_loc(path: str) -> Loc:
    """The inverse of field_path: ``region.units[3].population`` → ``("region", "units", 3, "population")``."""
    return tuple(int(index) if index else name for name, index in _PATH_PART.findall(path))


def load_plan(path: Path | str = DEFAULT_PLAN_FILE) -> Plan:
    """Read and validate a plan file; raise PlanFileError naming file, line, field and reason.

    Fields still ``to_fill`` do not stop it: the app runs on an unfinished plan.
    """
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(raw, dict):
            return Plan.model_validate(raw)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValidationError):
        pass
    # Only a broken file takes this way: the checker reads it again to place each problem on its line.
    from data.plan_check import check_plan_file

    errors = [p for p in check_plan_file(path).problems if p.is_error]
    if not errors:  # not expected: the checker reads the file as strictly as the lines above
        raise PlanFileError(path, [("(top)", "计划文件无法读取 / the plan file cannot be read")])
    raise PlanFileError(path, [(p.path or "(top)", p.bilingual) for p in errors], lines=[p.line for p in errors])


_cache: dict[str, Plan] = {}


def get_plan(path: Path | str = DEFAULT_PLAN_FILE) -> Plan:
    """The plan, parsed once per process (it is read-only)."""
    key = str(Path(path).resolve())
    if key not in _cache:
        _cache[key] = load_plan(path)
    return _cache[key]
