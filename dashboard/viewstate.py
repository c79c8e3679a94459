"""One state object for the view, serialised into the URL.

Like Our World in Data's grapher: the URL carries only what differs from the
default, parsing is tolerant (an unknown or bad parameter falls back to the
default, never an error page), and old parameter names are migrated.

Path carries the page (and the task or district it shows); the query string
carries the filters:  /map?indicator=T8-02&year=2019&district=110105
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from urllib.parse import parse_qs, urlencode

from dashboard.pages import BY_NAME as PAGE_REGISTRY
from dashboard.pages import PAGES as REGISTERED_PAGES

# First path segment → page ("/map" → map); "/" is the overview.
_PAGE_OF_SEGMENT = {p.path.strip("/"): p.name for p in REGISTERED_PAGES if p.path != "/"}

INTERVAL_RANGE = (5, 300)  # seconds between tasks in meeting mode
LANGS = ("zh", "en")
LEGENDS = ("status", "value")
VIEWS = ("all", "central")  # map zoom preset: whole city or the central districts
CHARTS = ("map", "trend", "ranking")  # which chart an embed (?embed=1) shows; None → the page's main chart

# Parameter names used by earlier links, and what they mean now.
MIGRATED_PARAMS = {"ind": "indicator", "region": "district", "dept": "department", "y": "year"}


@dataclass(frozen=True)
class Choices:
    """What is valid for this plan and these data; the view state is checked against it."""

    tasks: tuple[str, ...]
    indicators: dict[str, str]  # indicator code → task code
    districts: tuple[str, ...]
    departments: tuple[str, ...]
    years: tuple[int, ...]
    default_indicator: str
    default_year: int
    plan: str | None = None  # the plan's code as URLs carry it: None for the deployment's default plan

    def year_or_default(self, year: object) -> int:
        """A control's year if this plan's data have it, else the default year."""
        return year if year in self.years else self.default_year

    def indicator_or_default(self, indicator: object) -> str:
        return indicator if indicator in self.indicators else self.default_indicator


@dataclass(frozen=True)
class ViewState:
    page: str = "overview"
    task: str | None = None
    indicator: str | None = None  # None → the default indicator (of the task, or the headline)
    district: str | None = None
    year: int | None = None  # None → latest year with data
    department: str | None = None
    lang: str = "zh"
    legend: str = "status"
    view: str = "all"
    embed: bool = False
    chart: str | None = None
    interval: int = 15  # meeting mode: seconds per task (0 = step by keyboard only)
    plan: str | None = None  # ?plan=CODE: a plan of the deployment other than its default (dashboard/plans.py)

    # -- resolved values, for callbacks --------------------------------------------
    def indicator_or_default(self, choices: Choices) -> str:
        if self.indicator:
            return self.indicator
        if self.task:
            for code, task in choices.indicators.items():
                if task == self.task:
                    return code
        return choices.default_indicator

    def year_or_default(self, choices: Choices) -> int:
        return self.year if self.year is not None else choices.default_year

    def with_(self, **changes) -> ViewState:
        return replace(self, **changes)

    def canonical(self, choices: Choices) -> ViewState:
        """The same view with each value that equals its default left out (None), so that the URL
        carries only what differs and one view has one URL. The one place these defaults live:
        the latest year with data, the task's first indicator (or the headline indicator), and on
        a district profile the first task."""
        year = None if self.year == choices.default_year else self.year
        indicator = self.indicator
        # On the map a task only narrows the indicator list, so an indicator chosen with it stays explicit.
        keeps_indicator = self.page == "map" and self.task is not None
        if (
            indicator is not None
            and not keeps_indicator
            and indicator == replace(self, indicator=None).indicator_or_default(choices)
        ):
            indicator = None
        task = self.task
        if self.page == "district" and choices.tasks and task == choices.tasks[0]:
            task = None
        return replace(self, year=year, indicator=indicator, task=task)

    # -- URL -----------------------------------------------------------------------
    def to_url(self) -> str:
        return self.path() + self.query()

    def path(self) -> str:
        if self.page == "task" and self.task:
            return f"/task/{self.task}"
        if self.page == "district" and self.district:
            return f"/district/{self.district}"
        registered = PAGE_REGISTRY.get(self.page)
        return registered.path if registered else "/"

    def query(self) -> str:
        default = ViewState()
        params = {}
        for key, value in asdict(self).items():
            if key == "page" or value == getattr(default, key):
                continue
            if key == "task" and self.page == "task":
                continue  # already in the path
            if key == "district" and self.page == "district":
                continue
            params[key] = "1" if value is True else value
        return ("?" + urlencode(params)) if params else ""


def parse(pathname: str | None, search: str | None, choices: Choices | None = None) -> ViewState:
    """The view state of a URL; anything unknown or invalid falls back to the default."""
    parts = [p for p in (pathname or "/").split("/") if p]
    page, task, district = "overview", None, None
    if parts:
        head = parts[0]
        page = _PAGE_OF_SEGMENT.get(head, page)
        if head == "task" and len(parts) > 1:
            task = parts[1].upper()
        if head == "district" and len(parts) > 1:
            district = parts[1]
    raw = parse_qs((search or "").lstrip("?"), keep_blank_values=False)
    q: dict[str, str] = {}
    for key, values in raw.items():
        key = MIGRATED_PARAMS.get(key, key)
        if values and key not in q:
            q[key] = values[-1].strip()
    task = task or q.get("task")
    district = district or q.get("district")
    state = ViewState(
        page=page,
        task=task.upper() if task else None,
        indicator=q.get("indicator"),
        district=district,
        year=_int(q.get("year")),
        department=q.get("department"),
        lang=_one_of(q.get("lang"), LANGS, "zh"),
        legend=_one_of(q.get("legend"), LEGENDS, "status"),
        view=_one_of(q.get("view"), VIEWS, "all"),
        embed=q.get("embed") in ("1", "true", "yes"),
        chart=q.get("chart") if q.get("chart") in CHARTS else None,
        interval=_interval(q.get("interval")),
        plan=q.get("plan") or None,
    )
    return validate(state, choices) if choices else state


def validate(state: ViewState, choices: Choices) -> ViewState:
    """Drop values this plan or these data do not have (a bad link shows the default). The plan
    becomes the one whose choices these are: the caller picked them by the URL's plan
    (``plan_in``), falling back to the default plan, whose URLs name no plan."""
    task = state.task if state.task in choices.tasks else None
    indicator = state.indicator if state.indicator in choices.indicators else None
    if indicator and task and choices.indicators[indicator] != task:
        indicator = None  # an indicator of another task: keep the task, show its first indicator
    page = state.page
    district = state.district if state.district in choices.districts else None
    if page == "task" and task is None:
        task = choices.tasks[0]  # /task alone, or an unknown task: the first task
    if page == "district" and district is None:
        district = choices.districts[0]
    return replace(
        state,
        page=page,
        task=task,
        indicator=indicator,
        district=district,
        year=state.year if state.year in choices.years else None,
        department=state.department if state.department in choices.departments else None,
        plan=choices.plan,
    )


def plan_in(search: str | None) -> str | None:
    """The plan a URL's query names (unchecked: ``PlanSet.get`` falls back to the default)."""
    return parse(None, search).plan


def _one_of(value: str | None, allowed: tuple[str, ...], default: str) -> str:
    return value if value is not None and value in allowed else default


def _interval(value: str | None) -> int:
    seconds = _int(value)
    if seconds == 0:
        return 0
    if seconds is None or not INTERVAL_RANGE[0] <= seconds <= INTERVAL_RANGE[1]:
        return ViewState.interval
    return seconds


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    except ValueError:
        return None
