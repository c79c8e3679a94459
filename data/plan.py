"""The plan as typed models, loaded from a YAML plan file.

The plan file (``data/plans/harbin-2016-2020.yaml``) is a transcription of
the seed text: tasks, measures and the 任务分工 lines in the plan's own
words, plus our catalogue of monitoring indicators.  Everything the
dashboard shows hangs off these models, so a broken file must fail loudly
with the file, the field path and the reason.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Self

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

PLANS_DIR = Path(__file__).parent / "plans"
DEFAULT_PLAN_FILE = PLANS_DIR / "harbin-2016-2020.yaml"


class PlanFileError(ValueError):
    """A plan file that cannot be used; the message names file, field and reason."""

    def __init__(self, path: Path | str, problems: list[tuple[str, str]]):
        self.path = str(path)
        self.problems = problems
        lines = [f"{self.path}: {loc}: {msg}" for loc, msg in problems]
        super().__init__("计划文件有误 / invalid plan file\n" + "\n".join(lines))


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

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return in_language({"zh": self.zh, "en": self.en}, lang)


class TaskKind(str, enum.Enum):
    action = "action"  # 行动
    project = "project"  # 工程


class Role(str, enum.Enum):
    lead = "lead"  # 牵头
    cooperate = "cooperate"  # 配合 / 参加


class IndicatorKind(str, enum.Enum):
    rate = "rate"  # a share measured directly (e.g. by survey), in %
    coverage = "coverage"  # numerator / denominator, in %
    annual_count = "annual_count"  # counted afresh each year
    cumulative_count = "cumulative_count"  # running total since the baseline
    stock = "stock"  # how many exist at year end


class Rollup(str, enum.Enum):
    """How district figures make the city's figure."""

    sum = "sum"
    ratio_of_sums = "ratio_of_sums"  # sum(numerator) / sum(denominator)
    population_weighted_mean = "population_weighted_mean"
    city_only = "city_only"  # only measured for the city as a whole


class TargetType(str, enum.Enum):
    level_by_year = "level_by_year"  # reach value by year
    cumulative = "cumulative"  # total over the plan period reaches value
    every_year = "every_year"  # value reached in each year of the period
    full_coverage = "full_coverage"  # 全覆盖: 100 % by year


class Department(Model):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: Text  # canonical name, e.g. 市科技局
    aliases: tuple[str, ...] = ()  # as the text writes them, e.g. 科技局


class Measure(Model):
    number: int = Field(ge=1)
    section: str  # e.g. 三(三)1
    title: Text
    text: tuple[str, ...] = Field(min_length=1)  # sentences in the plan's words


class TaskRoles(Model):
    lead: tuple[str, ...] = Field(min_length=1)  # department codes
    cooperate: tuple[str, ...] = ()


class Task(Model):
    code: str = Field(pattern=r"^T([1-9]|10)$")
    kind: TaskKind
    section: str  # e.g. 三(一)
    title: Text
    short: Text  # a short label for cards and axes, e.g. 青少年
    intro: tuple[str, ...] = ()
    measures: tuple[Measure, ...] = Field(min_length=1)
    division_text: str  # the 任务分工 line verbatim
    roles: TaskRoles


class Target(Model):
    value: float
    year: int
    type: TargetType
    section: str | None = None  # where the plan states it; None for our own proxies
    quote: str | None = None  # the plan's words for it


class Indicator(Model):
    code: str = Field(pattern=r"^T([1-9]|10)-\d{2}$|^G-\d{2}$")
    name: Text
    unit: Text
    task: str | None  # None for the overall goal
    measure: int | None = None  # measure number within the task
    section: str  # plan section it comes from
    kind: IndicatorKind
    rollup: Rollup
    higher_is_better: bool = True
    decimals: int = Field(default=0, ge=0, le=3)
    monitoring_only: bool  # a proxy we chose; the plan states no figure
    definition: Text
    source: Text  # who reports it
    target: Target | None = None
    numerator: Text | None = None  # coverage indicators only
    denominator: Text | None = None
    # The code of the indicator of the followed plan (Plan.follows) that this one continues: its
    # trend then spans both periods. Checked against that plan by dashboard/plans.py.
    continues: str | None = None

    @model_validator(mode="after")
    def _coverage_has_parts(self) -> Self:
        if self.kind == IndicatorKind.coverage and not (self.numerator and self.denominator):
            raise ValueError("coverage indicator needs numerator and denominator labels")
        if not self.monitoring_only and self.target is None:
            raise ValueError("an indicator for a stated target needs its target")
        if (
            self.target
            and self.target.type == TargetType.full_coverage
            and self.kind
            not in (
                IndicatorKind.coverage,
                IndicatorKind.rate,
            )
        ):
            raise ValueError("full coverage targets apply to rate or coverage indicators")
        return self


class Objective(Model):
    code: str
    title: Text
    text: str


class Goal(Model):
    text: str  # the plan's sentence
    title: Text
    indicator: str  # the headline indicator's code


class Region(Model):
    code: str = Field(pattern=r"^\d{6}$")
    name: str
    short: str
    type: str  # 区 / 县 / 县级市 / 市
    population: float | None = None  # 万人, used to weight means
    urban: bool = False  # central urban district
    name_en: str | None = None  # in pinyin, as the government writes it: Daoli District, Shangzhi City
    short_en: str | None = None  # map label; by default name_en without "District", "County" or "City"

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


class PlanRegion(Model):
    code: str = Field(pattern=r"^\d{6}$")
    name: Text
    population_source: str
    units: tuple[Region, ...] = Field(min_length=1)
    # The boundary file's level suffix: none for a city's shipped shapes (230100.geojson),
    # "county" for shapes built with `kepu geo build 100000 --level county`.
    shapes_level: str | None = None


class Plan(Model):
    code: str
    title: Text
    issuer: Text
    region: PlanRegion
    start_year: int
    end_year: int
    baseline_year: int
    source_note: str
    goal: Goal
    objectives: tuple[Objective, ...]
    departments: tuple[Department, ...]
    tasks: tuple[Task, ...] = Field(min_length=10, max_length=10)
    indicators: tuple[Indicator, ...]
    # What a person must still fill in before the plan is finished (in a plan made by
    # `kepu plan new`: populations, targets, the title and the plan's own text), as field
    # paths in the form errors name them (``region.units[3].population``).  The app runs on
    # such a plan; `kepu plan check` lists each path with its line and exits 1 until it is empty.
    to_fill: tuple[str, ...] = ()
    # The code of the plan this one follows (the previous period's); a deployment serving both
    # (KEPU_PLANS_DIR) checks that it names one of its plans (dashboard/plans.py).
    follows: str | None = None

    @model_validator(mode="after")
    def _references_resolve(self) -> Self:
        dept_codes = {d.code for d in self.departments}
        task_codes = [t.code for t in self.tasks]
        if task_codes != [f"T{i}" for i in range(1, 11)]:
            raise ValueError(f"tasks must be T1..T10 in order, got {task_codes}")
        for t in self.tasks:
            for role, codes in (("lead", t.roles.lead), ("cooperate", t.roles.cooperate)):
                for c in codes:
                    if c not in dept_codes:
                        raise ValueError(f"task {t.code} {role}: unknown department {c!r}")
            if set(t.roles.lead) & set(t.roles.cooperate):
                raise ValueError(f"task {t.code}: a department is both lead and cooperating")
        indicator_codes = [i.code for i in self.indicators]
        if len(indicator_codes) != len(set(indicator_codes)):
            raise ValueError("indicator codes must be unique")
        measures = {t.code: {m.number for m in t.measures} for t in self.tasks}
        for ind in self.indicators:
            if ind.task is not None:
                if ind.task not in measures:
                    raise ValueError(f"indicator {ind.code}: unknown task {ind.task!r}")
                if ind.measure is not None and ind.measure not in measures[ind.task]:
                    raise ValueError(f"indicator {ind.code}: task {ind.task} has no measure {ind.measure}")
        if self.goal.indicator not in indicator_codes:
            raise ValueError(f"goal indicator {self.goal.indicator!r} is not in the catalogue")
        return self

    # -- look-ups used everywhere -------------------------------------------------
    @cached_property
    def task_by_code(self) -> dict[str, Task]:
        return {t.code: t for t in self.tasks}

    @cached_property
    def indicator_by_code(self) -> dict[str, Indicator]:
        return {i.code: i for i in self.indicators}

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


def _loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def load_plan(path: Path | str = DEFAULT_PLAN_FILE) -> Plan:
    """Read and validate a plan file; raise PlanFileError naming file, field and reason."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlanFileError(path, [("(file)", "文件不存在 / file not found")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(yaml)"
        raise PlanFileError(path, [(where, f"YAML 语法错误 / YAML syntax: {getattr(exc, 'problem', exc)}")]) from None
    if not isinstance(raw, dict):
        raise PlanFileError(path, [("(top)", "应为映射 / expected a mapping at the top level")])
    try:
        return Plan.model_validate(raw)
    except ValidationError as exc:
        raise PlanFileError(path, [(_loc(e["loc"]), e["msg"]) for e in exc.errors()]) from None


_cache: dict[str, Plan] = {}


def get_plan(path: Path | str = DEFAULT_PLAN_FILE) -> Plan:
    """The plan, parsed once per process (it is read-only)."""
    key = str(Path(path).resolve())
    if key not in _cache:
        _cache[key] = load_plan(path)
    return _cache[key]
