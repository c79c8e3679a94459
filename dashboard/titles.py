"""The name of a view, for the browser's ``<title>``: what a tab, a bookmark or a chat's link preview
shows.  A leader who gets six links in a group chat tells them apart by this line, so it names the
page, its subject (task, district, department), the indicator and the year before the app's name:

    地图 · 公民具备科学素质的比例 · 2019 · 齐齐哈尔市全民科学素质行动监测

The words are the catalogue's (``nav_<page>``) and the plan's names; the layouts put the line in the
navbar (``#view-title``) and assets/a11y.js copies it into ``document.title``.
"""

from __future__ import annotations

from dashboard.i18n import app_title, t
from dashboard.repository import Repository
from dashboard.viewstate import ViewState

SEPARATOR = " · "

# Pages whose charts always show one indicator (the default one when the URL names none).
SHOWS_INDICATOR = ("overview", "map", "task")
# Pages whose numbers are of one year (the latest with data when the URL names none); the data page
# names a year only when it is filtered by one (unfiltered it lists every year).
SHOWS_YEAR = ("overview", "map", "task", "district", "departments", "reporting")


def view_title(state: ViewState, repo: Repository) -> str:
    """``state`` as parsed against ``repo``'s choices (an unknown task or year already dropped)."""
    lang = state.lang
    plan = repo.plan
    choices = repo.choices()
    parts = [t(f"nav_{state.page}", lang)]
    if state.page == "task" and state.task in plan.task_by_code:
        parts.append(f"{state.task} {plan.task_by_code[state.task].short.get(lang)}")
    if state.page in ("district", "map", "data") and state.district in choices.districts:
        parts.append(repo.region_name(state.district, lang))
    if state.page in ("departments", "data") and state.department in plan.department_by_code:
        parts.append(plan.department_by_code[state.department].name.get(lang))
    indicator = state.indicator_or_default(choices) if state.page in SHOWS_INDICATOR else state.indicator
    if indicator in choices.indicators:
        parts.append(repo.indicator(indicator).name.get(lang))
    year = state.year_or_default(choices) if state.page in SHOWS_YEAR else state.year
    if year is not None:
        parts.append(str(year))
    parts.append(app_title(plan.region.name.get(lang), lang))
    return SEPARATOR.join(parts)
