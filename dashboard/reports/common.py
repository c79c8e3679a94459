"""What every report shares: the task selection, the facts per task and the images to render.

A report is built in three steps so that its images render in one browser
session: collect the facts and the :class:`ImageRequest` of every chart
(:func:`collect`), render them all at once (:func:`render_report_images`),
then lay out the document from facts and image bytes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Concatenate, ParamSpec, TypeVar

import pandas as pd

from dashboard.cache import SharedCache
from dashboard.i18n import LANGS, bilingual, t
from dashboard.places import department_short_name
from dashboard.reports import narrative
from dashboard.reports.export_figures import ImageRequest, map_request, trend_request
from dashboard.reports.images import ImageSession, render_images
from dashboard.repository import Repository
from dashboard.services.reference import NationalComparison, national_comparison
from data.plan import Indicator, Task
from data.progress import GroupProgress, Progress

P = ParamSpec("P")
R = TypeVar("R")

# (stage, done, total, what): stages are "images", "layout" and "done".
ReportProgress = Callable[[str, int, int, str], None]

FORMATS = ("docx", "pptx", "pdf")


class ReportError(ValueError):
    """A report that cannot be built as asked (unknown task, year without data...)."""


@dataclass(frozen=True)
class ImageSizes:
    """CSS-pixel sizes of the charts in one kind of report, and how much larger their text is."""

    map: tuple[int, int] = (760, 560)
    trend: tuple[int, int] = (760, 400)
    text_factor: float = 1.0
    scale: float = 3


@dataclass
class TaskFacts:
    """One task at one year: progress, its featured indicator, the indicator rows and the narrative."""

    task: Task
    progress: GroupProgress
    headline: Indicator
    headline_progress: Progress
    indicators: list[tuple[Indicator, Progress]]
    districts: pd.DataFrame | None
    lead: list[str]
    cooperate: list[str]
    summary: str
    paragraph: list[str]
    others: str
    map: ImageRequest | None = None
    trend: ImageRequest | None = None


@dataclass
class ReportFacts:
    repo: Repository
    year: int
    lang: str
    tasks: list[TaskFacts]
    goal: Indicator
    goal_progress: Progress
    goal_sentences: list[str]
    is_sample: bool
    status: dict
    created: date = field(default_factory=date.today)
    overview_map: ImageRequest | None = None
    overview_trend: ImageRequest | None = None
    # The goal beside the published national figure (dashboard/services/reference.py).
    national: NationalComparison | None = None

    @property
    def region(self) -> str:
        return self.repo.plan.region.name.get(self.lang)

    @property
    def city_words(self) -> str:
        """How sentences name the city: 全市 in Chinese, the region's name in English."""
        return t("city_in_sentence", self.lang, region=self.region)

    def requests(self) -> list[ImageRequest]:
        reqs = [r for r in (self.overview_map, self.overview_trend) if r is not None]
        for tf in self.tasks:
            reqs += [r for r in (tf.map, tf.trend) if r is not None]
        return reqs


def select_tasks(repo: Repository, codes: str | list[str] | None) -> list[Task]:
    """Tasks by code (``"T1,T3"`` or a list), in the plan's order; all ten if none given."""
    if codes is None or codes == "" or codes == []:
        return list(repo.plan.tasks)
    if isinstance(codes, str):
        codes = [c for c in codes.replace(" ", "").split(",") if c]
    wanted = {c.upper() for c in codes}
    unknown = sorted(wanted - set(repo.plan.task_by_code))
    if unknown:
        raise ReportError(bilingual("report_unknown_task", tasks=", ".join(unknown)))
    return [tk for tk in repo.plan.tasks if tk.code in wanted]


def check_year(repo: Repository, year: int) -> int:
    years = repo.years()
    if year not in years:
        raise ReportError(bilingual("report_no_data_for_year", year=year, first=years[0], last=years[-1]))
    return year


def validate(repo: Repository, year: int, tasks=None, lang: str = "zh") -> None:
    """Refuse a report that cannot be built, before a browser is started for it."""
    check_year(repo, year)
    select_tasks(repo, tasks)
    if lang not in LANGS:
        raise ReportError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")


def department_names(repo: Repository, codes, lang: str) -> list[str]:
    """Departments as the reports name them: in the city's own report its name goes without saying
    (English names run to three lines in a table otherwise)."""
    return [department_short_name(repo.plan.department_by_code[c].name.get(lang), repo.plan) for c in codes]


def collect(
    repo: Repository,
    year: int,
    *,
    tasks=None,
    lang: str = "zh",
    sizes: ImageSizes | None = None,
    overview: bool = False,
    sections: bool = True,
    fmt: str = "png",
    on_images: Callable[[list[ImageRequest]], None] | None = None,
) -> ReportFacts:
    """Every fact and image request a report needs, computed once, from one data version.

    ``sections``: facts and charts per selected task; ``overview``: the map and
    trend of the headline indicator.  ``on_images`` is given each chart pair as
    soon as it is built (a report hands them to its browser to draw while the
    next ones are built).
    """
    with repo.one_version():
        return _collect(repo, year, tasks, lang, sizes or ImageSizes(), overview, sections, fmt, on_images)


def _collect(
    repo: Repository,
    year: int,
    tasks,
    lang: str,
    sizes: ImageSizes,
    overview: bool,
    sections: bool,
    fmt: str,
    on_images: Callable[[list[ImageRequest]], None] | None,
) -> ReportFacts:
    validate(repo, year, tasks, lang)
    selected = select_tasks(repo, tasks) if sections else []
    by_task = repo.task_progress(year)
    city = repo.city
    status = repo.status()
    mappable = {i.code for i in repo.plan.indicators if repo.is_mappable(i.code)}
    goal = repo.indicator(repo.plan.goal.indicator)
    goal_p = repo.progress(goal.code, city, year)
    where = t("city_in_sentence", lang, region=repo.plan.region.name.get(lang))

    def images(code: str):
        m = map_request(
            repo,
            code,
            year,
            lang,
            fmt,
            width=sizes.map[0],
            height=sizes.map[1],
            scale=sizes.scale,
            text_factor=sizes.text_factor,
        )
        tr = trend_request(
            repo,
            code,
            year,
            lang,
            fmt,
            width=sizes.trend[0],
            height=sizes.trend[1],
            scale=sizes.scale,
            text_factor=sizes.text_factor,
        )
        if on_images:
            on_images([m, tr])
        return m, tr

    facts = []
    for task in selected:
        inds = repo.plan.indicators_for(task.code)
        head = narrative.headline_indicator(repo.plan, task.code, mappable)
        rows = [(i, repo.progress(i.code, city, year)) for i in inds]
        hp = repo.progress(head.code, city, year)
        table = repo.district_table(head.code, year) if head.code in mappable else None
        m, tr = images(head.code)
        facts.append(
            TaskFacts(
                task=task,
                progress=by_task[task.code],
                headline=head,
                headline_progress=hp,
                indicators=rows,
                districts=table,
                lead=department_names(repo, task.roles.lead, lang),
                cooperate=department_names(repo, task.roles.cooperate, lang),
                summary=narrative.task_sentence(task, by_task[task.code], year, lang),
                paragraph=narrative.indicator_paragraph(head, hp, where, lang, table, repo.plan.end_year),
                others=narrative.other_targets_sentence([(i, p) for i, p in rows if i.code != head.code], lang),
                map=m,
                trend=tr,
            )
        )
    out = ReportFacts(
        repo=repo,
        year=year,
        lang=lang,
        tasks=facts,
        goal=goal,
        goal_progress=goal_p,
        goal_sentences=narrative.goal_sentences(goal, goal_p, where, lang),
        is_sample=bool(status.get("is_sample")),
        status=status,
        national=national_comparison(repo.plan, year, goal_p.observed),
    )
    if overview:
        out.overview_map, out.overview_trend = images(goal.code)
    return out


@contextmanager
def image_session(session: ImageSession | None = None, store: SharedCache | None = None) -> Iterator[ImageSession]:
    """The given session, or one of our own: without a store its browser starts now, while the
    report's figures are built; with one (the app's shared cache, where images drawn before are
    kept) at the first chart the store does not have, so that a report drawn before starts none.
    A missing Chromium is reported here either way, before any work."""
    if session is not None:
        yield session
        return
    own = ImageSession(store=store).check() if store is not None and store.stores else ImageSession().open(wait=False)
    try:
        yield own
    finally:
        own.close()


def early_renders(session) -> Callable[[list[ImageRequest]], None] | None:
    """What ``collect`` hands each chart to: the session's ``submit``, where it has one."""
    return getattr(session, "submit", None)


def one_data_version(build: Callable[Concatenate[Repository, P], R]) -> Callable[Concatenate[Repository, P], R]:
    """A report reads one data version, asked of the store once (not at each of its hundreds of
    cached look-ups): an import that lands while it is built shows in the next report, not in half
    of this one."""

    def built(repo: Repository, /, *args: P.args, **kw: P.kwargs) -> R:
        with repo.one_version():
            return build(repo, *args, **kw)

    functools.update_wrapper(built, build)
    return built


def render_report_images(
    facts: ReportFacts, *, session: ImageSession | None = None, progress: ReportProgress | None = None
) -> dict[str, bytes]:
    """Render every chart of the report in one browser session (the given one, or one opened here)."""
    reqs = facts.requests()

    def step(done: int, total: int, name: str) -> None:
        if progress:
            progress("images", done, total, name)

    return render_images(reqs, session=session, progress=step)


def prepare(
    repo: Repository,
    year: int,
    *,
    tasks=None,
    lang: str = "zh",
    sizes: ImageSizes,
    session: ImageSession | None = None,
    progress: ReportProgress | None = None,
    document: str,
) -> tuple[ReportFacts, dict[str, bytes]]:
    """What the Word briefing and the deck start with: check the request, collect the facts while the
    browser starts, each chart handed to that one browser as soon as it is built (Python builds the
    next figure while Chromium draws: two cores busy, not one after the other), then say that
    layout begins once the last chart is drawn."""
    validate(repo, year, tasks, lang)
    with image_session(session, repo.shared) as browser:
        facts = collect(repo, year, tasks=tasks, lang=lang, sizes=sizes, on_images=early_renders(browser))
        images = render_report_images(facts, session=browser, progress=progress)
    if progress:
        progress("layout", 0, len(facts.tasks), document)
    return facts, images


def data_status_text(facts: ReportFacts) -> str:
    """Sample data, or how many real observations the figures rest on."""
    lang = facts.lang
    if facts.is_sample:
        return t("sample_banner", lang)
    return t(
        "data_status_official",
        lang,
        n=facts.status.get("real_rows", 0),
        first=facts.status.get("first_year"),
        last=facts.status.get("last_year"),
    )


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def text_on(status: str) -> str:
    """Text colour on a status colour (as the dashboard's badges)."""
    return "#000000" if status in ("on_track", "lagging", "no_data") else "#FFFFFF"
