"""The task view (/task/T3) and the district profile (/district/230102), without a browser.

Layouts are rendered as component trees, callbacks are called as plain
functions, and the pages are fetched through the Flask test client.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from dash.development.base_component import Component

from callbacks import district as district_callbacks
from callbacks import task as task_callbacks
from dashboard.i18n import STRINGS, format_value, status_label, t
from dashboard.services import profiles
from dashboard.theme import STATUS_COLOURS
from dashboard.viewstate import parse
from layouts import district as district_page
from layouts.common import table_rows
from tests.support.components import by_id, ids, walk
from tests.support.pages import render_page

pytestmark = pytest.mark.store_unchanged  # rendering only: the repository reads the data version once

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def texts(node, props: bool = True) -> list[str]:
    """Every string a reader sees: children, and (``props``) the labels and titles carried as props."""
    out = []
    if isinstance(node, str):
        return [node]
    if isinstance(node, (int, float)):
        return [str(node)]
    if isinstance(node, (list, tuple)):
        for child in node:
            out += texts(child, props)
        return out
    if isinstance(node, Component):
        if props:
            for prop in ("title", "label", "placeholder", "aria-label"):
                value = getattr(node, prop, None)
                if isinstance(value, str):
                    out.append(value)
            for option in getattr(node, "options", None) or []:
                if isinstance(option, dict) and isinstance(option.get("label"), str):
                    out.append(option["label"])
        out += texts(getattr(node, "children", None), props)
    return out


def text(node) -> str:
    """What a cell or block shows (children only, no tooltips)."""
    return " ".join(texts(node, props=False))


# -- task view ------------------------------------------------------------------------
def test_task_layout_renders_for_every_task(repo):
    for task in repo.plan.tasks:
        tree = render_page(repo, f"/task/{task.code}")
        assert tree.id == "task-page"
        assert task.title.zh in text(by_id(tree, "tk-header"))


def test_unknown_task_falls_back_to_the_first(repo):
    tree = render_page(repo, "/task/T99")
    assert repo.plan.tasks[0].title.zh in text(by_id(tree, "tk-header"))


def test_component_ids_are_unique_and_prefixed(repo):
    for path, prefix in (("/task/T3", "tk-"), ("/district/230102", "dp-")):
        found = ids(render_page(repo, path))
        assert len(found) == len(set(found)), path
        shared = {"as-of", "status-legend", "task-page", "district-page"}
        assert all(i.startswith(prefix) or i in shared for i in found), [i for i in found if not i.startswith(prefix)]


def test_task_page_lists_exactly_the_measures_of_the_task_in_order(repo):
    for task in repo.plan.tasks:
        tree = render_page(repo, f"/task/{task.code}")
        measures = by_id(tree, "tk-measures")
        items = [c for c in walk(measures) if type(c).__name__ == "AccordionItem"]
        assert [i.id for i in items] == [f"tk-measure-{m.number}" for m in task.measures]
        assert [i.title for i in items] == [f"{m.number}. {m.title.zh}" for m in task.measures]
        for item, measure in zip(items, task.measures, strict=True):
            assert [p.children for p in item.children if p.__class__.__name__ == "P"] == list(measure.text)


def test_task_page_names_lead_and_cooperating_departments_from_the_plan(repo):
    for task in repo.plan.tasks:
        tree = render_page(repo, f"/task/{task.code}")
        leads = [c for c in walk(by_id(tree, "tk-leads")) if str(getattr(c, "id", "")).startswith("tk-lead-")]
        assert [c.id for c in leads] == [f"tk-lead-{code}" for code in task.roles.lead]
        assert [c.children for c in leads] == [repo.plan.department_by_code[code].name.zh for code in task.roles.lead]
        assert all(c.href == f"/departments?department={code}" for c, code in zip(leads, task.roles.lead, strict=True))
        cooperating = [c.id for c in walk(by_id(tree, "tk-cooperating")) if getattr(c, "id", None)]
        assert cooperating == ["tk-cooperating"] + [f"tk-cooperate-{code}" for code in task.roles.cooperate]
        assert by_id(tree, "tk-division-text").children == task.division_text


def test_task_table_has_one_row_per_indicator_with_target_or_monitoring_label(repo):
    year = repo.latest_year()
    tree = render_page(repo, "/task/T3")
    table = by_id(tree, "tk-indicator-table")
    rows = [c for c in walk(table) if str(getattr(c, "id", "")).startswith("tk-row-")]
    indicators = repo.plan.indicators_for("T3")
    assert [r.id for r in rows] == [f"tk-row-{i.code}" for i in indicators]
    for row, ind in zip(rows, indicators, strict=True):
        cells = row.children
        assert text(cells[0]) == ind.code
        assert text(cells[1]) == ind.name.zh
        assert (t("monitoring_only", "zh") in text(cells[3])) == (ind.target is None)
        p = repo.progress(ind.code, repo.city, year)
        assert text(cells[4]).startswith(format_value(p.value, ind.decimals, ind.unit.zh, "zh"))
        assert status_label(p.status.value, "zh") in text(cells[5])
        assert text(cells[6]) == ind.section
    assert "100% · 2020 年 · 全覆盖" in text(rows[0])


def test_task_callback_returns_titled_trend_map_and_ranking(repo):
    ind = repo.indicator("T3-01")
    out = task_callbacks.update(repo, 2018, "T3-01", "/task/T3", "")
    trend, fig_map, ranking = (out[k].to_dict() for k in ("trend", "map", "ranking"))
    for fig in (trend, fig_map, ranking):
        assert ind.name.zh in fig["layout"]["title"]["text"]
        notes = [a["text"] for a in fig["layout"]["annotations"]]
        assert any(t("as_of", "zh", year=2018) in n and ind.source.zh in n for n in notes)
    assert any(tr.get("type") == "choropleth" for tr in fig_map["data"])
    assert any(tr.get("type") == "bar" for tr in ranking["data"])
    assert out["search"] == "?year=2018"  # T3-01 is the task's first indicator: the default, not in the URL


def test_task_callback_city_only_indicator_says_why_the_breakdown_is_empty(repo):
    ind = repo.indicator("T3-02")
    out = task_callbacks.update(repo, None, "T3-02", "/task/T3", "?lang=zh")
    fig_map, ranking = (out[k].to_dict() for k in ("map", "ranking"))
    for fig in (fig_map, ranking):
        assert ind.name.zh in fig["layout"]["title"]["text"]
        assert fig["data"] == []
        assert t("city_only", "zh") in [a["text"] for a in fig["layout"]["annotations"]]
    assert ind.name.zh in out["trend"].to_dict()["layout"]["title"]["text"]
    assert out["search"] == "?indicator=T3-02"


def test_task_callback_url_carries_only_what_differs_from_the_default(repo):
    default_year = repo.latest_year()
    assert task_callbacks.update(repo, default_year, "T3-01", "/task/T3", "")["search"] == ""
    out = task_callbacks.update(repo, 2017, "T3-05", "/task/T3", "?lang=en")
    assert out["search"] == "?indicator=T3-05&year=2017&lang=en"
    # An indicator of another task is not kept: the task's first indicator is shown.
    out = task_callbacks.update(repo, default_year, "T1-01", "/task/T3", "")
    assert out["search"] == ""
    assert repo.indicator("T3-01").name.zh in out["trend"].to_dict()["layout"]["title"]["text"]


# -- district profile -----------------------------------------------------------------
def test_district_layout_renders_for_every_district(repo):
    for unit in repo.plan.region.units:
        tree = render_page(repo, f"/district/{unit.code}")
        assert tree.id == "district-page"
        header = text(by_id(tree, "dp-header"))
        assert unit.name in header and f"{unit.population:.1f} 万人" in header
        assert by_id(tree, "dp-district").value == unit.code
        cards = [c for c in walk(by_id(tree, "dp-task-cards")) if str(getattr(c, "id", "")).startswith("dp-task-T")]
        assert len(cards) == 10


def test_district_task_status_matches_repository(repo):
    year = repo.latest_year()
    tree = render_page(repo, "/district/230102")
    progress = repo.task_progress(year, region="230102")
    for task in repo.plan.tasks:
        card = by_id(tree, f"dp-task-{task.code}")
        badge = next(c for c in walk(card) if "status-badge" in (getattr(c, "className", "") or ""))
        assert badge.to_plotly_json()["props"]["data-status"] == progress[task.code].status.value


@pytest.mark.parametrize("district,year", [("230102", None), ("230184", 2017)])
def test_district_table_values_equal_district_table(repo, district, year):
    year = year or repo.latest_year()
    rows = profiles.district_rows(repo, district, year)
    mappable = [i.code for i in repo.plan.indicators if repo.is_mappable(i.code)]
    assert [r["code"] for r in rows] == mappable
    tree = render_page(repo, f"/district/{district}", f"?year={year}" if year != repo.latest_year() else "")
    for r in rows:
        ind = repo.indicator(r["code"])
        expected = repo.district_table(r["code"], year).set_index("code").loc[district]
        if r["value"] is None:
            assert pd.isna(expected["value"])
        else:
            assert r["value"] == pytest.approx(expected["value"])
        assert r["target"] == (None if pd.isna(expected["target"]) else pytest.approx(expected["target"]))
        assert r["status"] == expected["status"]
        assert r["rank"] == (None if str(expected["rank"]) == "<NA>" else int(expected["rank"]))
        city = repo.series(r["code"], repo.city)
        if year in city.index:
            assert r["city_value"] == pytest.approx(city[year])
        else:
            assert r["city_value"] is None
        cells = by_id(tree, f"dp-row-{r['code']}").children
        assert text(cells[0]) == r["code"]
        assert text(cells[2]) == format_value(r["value"], ind.decimals, ind.unit.zh, "zh")
        assert text(cells[3]) == format_value(r["city_value"], ind.decimals, ind.unit.zh, "zh")
        assert status_label(r["status"], "zh") in text(cells[5])
        if r["rank"] is not None:
            assert text(cells[6]) == t("rank_of", "zh", rank=r["rank"], n=r["n_ranked"])


def test_district_table_leaves_out_city_only_indicators(repo):
    tree = render_page(repo, "/district/230102")
    table_ids = ids(by_id(tree, "dp-indicator-table"))
    for ind in repo.plan.indicators:
        assert (f"dp-row-{ind.code}" in table_ids) == repo.is_mappable(ind.code)


def test_rank_summary_counts_top_and_bottom_three(repo):
    year = repo.latest_year()
    data = profiles.rank_summary(repo, "230102", year)
    for code in data.top:
        assert repo.district_table(code, year).set_index("code").loc["230102", "rank"] <= 3
    for code in data.bottom:
        table = repo.district_table(code, year)
        worse = table["value"].rank(ascending=repo.indicator(code).higher_is_better, method="min")
        assert worse[table["code"] == "230102"].iloc[0] <= 3
    assert data.n == sum(1 for r in profiles.district_rows(repo, "230102", year) if r["value"] is not None)


def test_district_callback_small_multiples_are_titled_and_coloured_by_status(repo):
    year = repo.latest_year()
    out = district_callbacks.update(repo, year, "T2", "/district/230103", "")
    assert out["search"] == "?task=T2"
    graphs = [c for c in walk(out["multiples"]) if type(c).__name__ == "Graph"]
    codes = [i.code for i in repo.plan.indicators_for("T2") if repo.is_mappable(i.code)]
    assert [g.id for g in graphs] == [f"dp-sm-{c}" for c in codes]
    for graph, code in zip(graphs, codes, strict=True):
        fig = graph.figure.to_dict()
        assert repo.indicator(code).name.zh in fig["layout"]["title"]["text"]
        status = repo.progress(code, "230103", year).status.value
        assert fig["data"][-1]["line"]["color"] == STATUS_COLOURS[status]
        assert len(fig["data"]) == 2  # the district and the city for comparison
        assert any(t("as_of", "zh", year=year) in a["text"] for a in fig["layout"]["annotations"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_small_multiple_has_a_data_table_with_values_city_and_status_in_words(repo, lang):
    year = repo.latest_year()
    tree = district_callbacks.update(repo, year, "T1", "/district/230102", "" if lang == "zh" else "?lang=en")[
        "multiples"
    ]
    codes = [i.code for i in repo.plan.indicators_for("T1") if repo.is_mappable(i.code)]
    for code in codes:
        details = by_id(tree, f"dp-sm-table-{code}").children
        assert type(details).__name__ == "Details", f"{code}: no table under the chart"
        summary = text(details.children[0])
        assert summary.startswith(t("data_table", lang)) and code in summary
        rows = table_rows(details)
        ind = repo.indicator(code)
        series = repo.series(code, "230102")
        assert [r[0] for r in rows] == [str(int(y)) for y in series.index if y <= year]
        last = " ".join(rows[-1])
        assert format_value(float(series[year]), ind.decimals, ind.unit.get(lang), lang) in last
        assert status_label(repo.progress(code, "230102", year).status.value, lang) in last
        if lang == "en":
            assert not CJK.search(" ".join(texts(details)) + json.dumps(rows, ensure_ascii=False))


def test_district_callback_task_without_district_figures_says_so(repo, monkeypatch):
    monkeypatch.setattr(repo, "is_mappable", lambda code: False)
    tree = district_page.small_multiples(
        repo, district_page.resolve(parse("/district/230102", ""), repo)[0], "T3", repo.latest_year(), "zh"
    )
    assert t("no_mappable", "zh") in text(tree)


def test_choosing_a_district_changes_the_path_and_keeps_the_query(repo):
    assert district_callbacks.go_to_district(repo, "230184", "/district/230102", "?year=2017") == "/district/230184"
    assert district_callbacks.go_to_district(repo, "230102", "/district/230102", "") is district_callbacks.no_update
    assert district_callbacks.go_to_district(repo, "999999", "/district/230102", "") is district_callbacks.no_update
    out = district_callbacks.update(repo, 2017, None, "/district/230184", "?year=2017&lang=en")
    assert out["search"] == "?year=2017&lang=en"


# -- language -------------------------------------------------------------------------
def _plan_words(repo) -> list[str]:
    """Chinese the plan gives in no other language: place names, the plan's sentences, section numbers."""
    plan = repo.plan
    words = [u.name for u in plan.region.units] + [u.short for u in plan.region.units]
    for task in plan.tasks:
        words += [task.section, task.division_text, *task.intro]
        for m in task.measures:
            words += [m.section, *m.text]
    words += [i.section for i in plan.indicators]
    words += [i.definition.en for i in plan.indicators]  # may quote a Chinese name, e.g. 科普哈尔滨
    # The venue registry's names and addresses are data, shown as they were listed (issue 18).
    venues = repo.venues()
    words += [str(v) for v in (*venues["name"], *venues["address"]) if isinstance(v, str)]
    return sorted(set(words), key=len, reverse=True)


def _strip(value: str, words: list[str]) -> str:
    for w in words:
        value = value.replace(w, "")
    return value


def test_english_labels_have_no_chinese(repo):
    # lang_switch is the link *to* Chinese, written in Chinese on purpose.
    assert [k for k, entry in STRINGS.items() if CJK.search(entry["en"]) and k != "lang_switch"] == []
    words = _plan_words(repo)
    for path in ("/task/T3", "/task/T7", "/district/230102", "/district/230123"):
        tree = render_page(repo, path, "?lang=en")
        leftover = [s for s in texts(tree) if CJK.search(_strip(s, words))]
        assert leftover == [], (path, leftover[:5])


def test_english_figures_have_no_chinese_labels(repo):
    words = [*_plan_words(repo), "哈尔滨市"]
    out = task_callbacks.update(repo, None, "T3-01", "/task/T3", "?lang=en")
    for fig in (out["trend"], out["map"], out["ranking"]):
        layout = fig.to_dict()["layout"]
        labels = [layout["title"]["text"]] + [
            a["text"] for a in layout.get("annotations", []) if a.get("name") != "caption"
        ]
        assert not [s for s in labels if CJK.search(_strip(s, words))]
    d = district_callbacks.update(repo, None, None, "/district/230102", "?lang=en")
    shown = [d[k] for k in ("header", "tasks", "table", "summary")]
    assert not [s for s in texts(shown) if CJK.search(_strip(s, words))]


def test_english_task_page_uses_plan_english_names(repo):
    tree = render_page(repo, "/task/T3", "?lang=en")
    task = repo.plan.task_by_code["T3"]
    assert task.title.en in text(by_id(tree, "tk-header"))
    assert t("kind_action", "en") in text(by_id(tree, "tk-header"))
    lead = by_id(tree, f"tk-lead-{task.roles.lead[0]}")
    assert lead.children == repo.plan.department_by_code[task.roles.lead[0]].name.en
    assert lead.href == f"/departments?department={task.roles.lead[0]}&lang=en"


# -- HTTP -----------------------------------------------------------------------------
def test_pages_are_served(app):
    client = app.server.test_client()
    for path in ("/task/T3", "/district/230102", "/task/T3?indicator=T3-02&year=2017", "/district/230184?lang=en"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"_dash-config" in response.data


def test_page_callback_renders_task_and_district_over_http(app):
    client = app.server.test_client()
    for path, marker in (("/task/T3", "task-page"), ("/district/230102", "district-page")):
        body = {
            "output": "page.children",
            "outputs": {"id": "page", "property": "children"},
            "inputs": [{"id": "url", "property": "pathname", "value": path}],
            "state": [{"id": "url", "property": "search", "value": ""}],
            "changedPropIds": ["url.pathname"],
        }
        response = client.post("/_dash-update-component", json=body)
        assert response.status_code == 200, path
        assert marker in response.get_data(as_text=True)


def test_long_english_ranking_title_breaks_after_district_ranking_and_stays_in_the_frame(repo):
    from dashboard.charts import ranking_chart

    fig = ranking_chart(repo, "T3-01", repo.latest_year(), "en", height=420)
    assert fig.layout.title.text.startswith("<b>District ranking</b><br>")
    assert fig.layout.title.y < 0.98 and fig.layout.margin.t > 70  # lowered and given room for the extra line
    short = ranking_chart(repo, "G-01", repo.latest_year(), "zh", height=420)
    assert "<br>" not in short.layout.title.text
