"""The name of a view (dashboard/titles.py): what a tab, a bookmark or a chat's link preview says,
and the folded phone navbar it comes with (issue 17)."""

from __future__ import annotations

import pytest

from dashboard.i18n import app_title, app_title_short, t
from dashboard.titles import view_title
from dashboard.viewstate import parse
from layouts.shell import navbar

pytestmark = pytest.mark.store_unchanged


def title_of(repo, path: str, search: str = "") -> str:
    return view_title(parse(path, search, repo.choices()), repo)


def test_a_map_link_is_named_by_page_indicator_and_year(repo):
    name = repo.indicator("T8-01").name.zh
    app = app_title(repo.plan.region.name.zh)
    assert title_of(repo, "/map", "?indicator=T8-01&year=2019") == f"地图 · {name} · 2019 · {app}"


def test_a_district_link_names_the_district_and_its_year(repo):
    code = repo.choices().districts[0]
    title = title_of(repo, f"/district/{code}", "?year=2018")
    assert title.startswith(f"区县 · {repo.region_name(code)} · 2018 · ")


def test_defaults_are_named_too_and_pages_without_a_year_name_none(repo):
    choices = repo.choices()
    headline = repo.indicator(choices.default_indicator).name.zh
    assert title_of(repo, "/").startswith(f"总览 · {headline} · {choices.default_year} · ")
    task = repo.plan.tasks[0]
    assert title_of(repo, f"/task/{task.code}").startswith(f"任务 · {task.code} {task.short.zh} · ")
    app = app_title(repo.plan.region.name.zh)
    assert title_of(repo, "/data") == f"数据 · {app}"  # unfiltered, the data page lists every year
    assert title_of(repo, "/upload") == f"导入 · {app}"


def test_an_english_link_is_named_in_english(repo):
    name = repo.indicator("T8-01").name.en
    title = title_of(repo, "/map", "?indicator=T8-01&year=2019&lang=en")
    assert title == f"Map · {name} · 2019 · {app_title(repo.plan.region.name.en, 'en')}"


def test_a_bad_parameter_names_the_default_view(repo):
    assert title_of(repo, "/map", "?year=1900&indicator=nope") == title_of(repo, "/map")


def test_the_navbar_folds_behind_a_named_menu_button_with_a_short_title(repo):
    state = parse("/map", "", repo.choices())
    region = repo.plan.region.name.zh
    bar = navbar(state, "T1", "x", title=app_title(region), short_title=app_title_short(region))
    found = {}

    def walk(node):
        if hasattr(node, "id") and isinstance(getattr(node, "id", None), str):
            found[node.id] = node
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list) else [children]:
            if child is not None and not isinstance(child, str):
                walk(child)

    walk(bar)
    toggler = found["navbar-toggler"].to_plotly_json()["props"]
    assert toggler["aria-label"] == t("menu") and toggler["aria-expanded"] == "false"
    assert toggler["aria-controls"] == "navbar-menu"
    menu = found["navbar-menu"]
    assert menu.is_open is False
    assert "nav-map" in str(menu.to_plotly_json()) and "copy-link" in str(menu.to_plotly_json())
    assert len(app_title_short(region)) <= 12  # one line beside the menu button on a 360 px screen
