"""Several plans in one deployment (KEPU_PLANS_DIR): one store, pages, links and writes per plan.

The app serves the shipped 2016–2020 plan and a fixture 2021–2025 plan (tests/support/plans.py);
the later one is the default, so its URLs carry no ``plan=`` and the earlier one's do.
"""

from __future__ import annotations

import json
import re

import pytest

from dashboard.context import context_of
from dashboard.pages import PAGES
from data.users import Role, User
from tests.support.app import make_app
from tests.support.http import post_callback
from tests.support.plans import NEXT, SHIPPED

EDITOR = User("editor", Role.editor)
EARLIER = f"?plan={SHIPPED}"


@pytest.fixture(scope="module")
def app(tmp_path_factory, plans_dir):
    return make_app(tmp_path_factory.mktemp("plans-app"), plans_dir=str(plans_dir))


@pytest.fixture(scope="module")
def context(app):
    return context_of(app)


def _path(page) -> str:
    return {"task": "/task/T1", "district": "/district/230102"}.get(page.name, page.path)


def _render(client, output: str, path: str, search: str, *, charts: bool = True) -> str:
    """The callback's answer as JSON text, its strings unescaped (so that they can be searched);
    without ``charts``, the figures a page comes with and their tables left out (a continuing plan's
    trend draws the plan it follows too)."""
    inputs = {"url.pathname": path} | ({"url.search": search} if output == "chrome.children" else {})
    resp = post_callback(client, output, inputs, {"url.search": search})
    return json.dumps(resp.get_json() if charts else _without_figures(resp.get_json()), ensure_ascii=False)


def _without_figures(node):
    if isinstance(node, dict):
        return {k: _without_figures(v) for k, v in node.items() if k not in ("figure", "data-table")}
    if isinstance(node, list):
        return [_without_figures(v) for v in node]
    return node


def test_the_set_holds_both_plans_by_start_year_and_the_latest_is_the_default(context):
    plans = context.plan_set
    assert plans.codes == (SHIPPED, NEXT)
    assert plans.default.plan.code == NEXT == context.repo.plan.code
    assert context.for_plan(SHIPPED).plan.code == SHIPPED
    assert context.for_plan("nope").repo is context.repo and context.for_plan(None).repo is context.repo


@pytest.mark.parametrize("page", [p for p in PAGES if p.name not in ("login", "upload", "history")], ids=str)
def test_every_page_shows_the_plan_the_url_names(client, context, page):
    for search, shown, other in (("", "2025", "2015"), (EARLIER, "2020", "2025")):
        body = _render(client, "page.children", _path(page), search, charts=False)
        assert shown in body and other not in body, (page.name, search)


def test_the_overview_is_headed_by_the_plans_title(client, context):
    for search, code in (("", NEXT), (EARLIER, SHIPPED)):
        body = _render(client, "page.children", "/", search)
        assert context.for_plan(code).plan.title.zh in body


def _links(body: str) -> list[str]:
    return [h for h in re.findall(r'"href":\s*"([^"]*)"', body) if not h.startswith("#")]


def test_a_default_plan_url_carries_no_plan_and_every_link_of_another_keeps_it(client):
    default = _links(_render(client, "chrome.children", "/map", ""))
    assert default and [h for h in default if "plan" in h] == [f"/map?plan={SHIPPED}"]  # the switcher's only
    earlier = _links(_render(client, "chrome.children", "/map", EARLIER + "&year=2018"))
    switcher = {f"/map?year=2018&plan={SHIPPED}", "/map?year=2018"}
    for href in earlier:
        if href in switcher:
            continue
        assert f"plan={SHIPPED}" in href or f"plan%3D{SHIPPED}" in href, href
    assert switcher <= set(earlier)  # the switcher: this page on each plan


def test_links_inside_a_page_keep_the_plan(client):
    body = _render(client, "page.children", "/task/T1", EARLIER)
    links = [h for h in _links(body) if h.startswith("/")]
    assert links and all(f"plan={SHIPPED}" in h for h in links), links


def test_an_unknown_plan_in_the_url_shows_the_default_plan(client):
    body = _render(client, "page.children", "/map", "?plan=nope", charts=False)
    assert "2025" in body and "2015" not in body
    assert not [h for h in _links(_render(client, "chrome.children", "/map", "?plan=nope")) if "nope" in h]


def test_the_switcher_is_hidden_with_one_plan(tmp_path):
    from dashboard.context import AppContext
    from dashboard.settings import Settings
    from dashboard.viewstate import ViewState
    from layouts.shell import plan_switcher

    assert plan_switcher(ViewState(), None) is None
    assert AppContext(repo=None, settings=Settings.from_env()).plans is None  # type: ignore[arg-type]


def _csv(plan, value: float) -> bytes:
    rows = [f"{plan.goal.indicator},{region},{plan.end_year},{value}" for region in ("230102", plan.region.code)]
    return "\n".join(["indicator,district,year,value", *rows]).encode()


def test_an_import_into_one_plan_leaves_the_other_plan_alone(context):
    earlier, later = context.for_plan(SHIPPED), context.for_plan(NEXT)
    before, version = later.repo.frame().copy(), later.repo.version()
    earlier_before = earlier.repo.version()
    pv = earlier.imports.preview(_csv(earlier.plan, 31.5), "real.csv")
    assert pv.ok, [p.text("en") for p in pv.errors]
    batch = earlier.imports.commit(EDITOR, pv)
    assert earlier.repo.version() != earlier_before
    assert later.repo.version() == version
    assert later.repo.frame().equals(before)
    assert [b["id"] for b in later.imports.batches() if b["id"] == batch] == []

    # A rollback names its plan: through the other plan it is refused and changes nothing.
    from data.import_messages import ImportFailure

    with pytest.raises(ImportFailure) as refused:
        later.imports.rollback(EDITOR, batch)
    assert refused.value.key == "other_plan"
    assert later.repo.version() == version
    earlier.imports.rollback(EDITOR, batch)
    assert later.repo.version() == version and later.repo.frame().equals(before)
    assert earlier.imports.status()["real_rows"] == 0


def test_sample_data_of_each_plan_is_labelled_and_cleared_alone(context):
    earlier, later = context.for_plan(SHIPPED), context.for_plan(NEXT)
    assert earlier.imports.status()["first_year"] == 2015 and later.imports.status()["first_year"] == 2020
    assert earlier.repo.status()["is_sample"] and later.repo.status()["is_sample"]


def test_boundaries_are_served_for_every_plan(client, context):
    for repo in context.plan_set:
        assert client.get(repo.geojson_url()).status_code == 200


# -- follows / continues -----------------------------------------------------------------------------
def test_the_later_plan_follows_the_earlier_and_its_repository_reaches_back(context):
    later = context.for_plan(NEXT).repo
    assert later.plan.follows == SHIPPED and later.follows is context.for_plan(SHIPPED).repo
    assert context.for_plan(SHIPPED).repo.follows is None


def test_a_continuing_indicators_trend_spans_both_periods_with_the_boundary_and_both_targets(context):
    from dashboard.charts import trend_chart

    later, earlier = context.for_plan(NEXT).repo, context.for_plan(SHIPPED).repo
    goal = later.plan.goal.indicator  # G-01 continues G-01
    fig = trend_chart(later, goal, later.city, 2025, "zh", earlier=later.follows).to_dict()
    years = {x for trace in fig["data"] for x in trace["x"]}
    assert min(years) == 2015 and max(years) == 2025
    earlier_trace = next(tr for tr in fig["data"] if tr["name"] == "上一规划期(2016—2020年)")
    assert earlier_trace["x"] == list(range(2015, 2021))
    assert earlier_trace["y"][-1] == pytest.approx(earlier.series(goal, earlier.city)[2020])
    stars = [tr for tr in fig["data"] if tr.get("marker", {}).get("symbol") in ("star", "star-open")]
    assert sorted((tr["x"][0], tr["y"][0]) for tr in stars) == [(2020, 12.0), (2025, 12.0)]  # each period's target
    assert [s["x0"] for s in fig["layout"]["shapes"]] == [2020.5]  # the boundary between the periods
    assert fig["layout"]["xaxis"]["tickvals"][0] == 2015

    # Not continuing, or without the earlier plan: the trend of this period alone.
    alone = trend_chart(later, goal, later.city, 2025, "zh").to_dict()
    assert {x for trace in alone["data"] for x in trace["x"]} <= set(range(2020, 2026))
    other = next(i.code for i in later.plan.indicators if i.continues is None and i.rollup.value != "city_only")
    assert (
        not trend_chart(later, other, later.city, 2025, "zh", earlier=later.follows).to_dict()["layout"].get("shapes")
    )


def test_task_and_district_pages_show_the_earlier_periods_end_as_the_new_baseline(client, context):
    earlier = context.for_plan(SHIPPED).repo
    end = earlier.series("T1-01", "230102")[2020]
    body = _render(client, "page.children", "/district/230102", "?task=T1")
    assert "上期末" in body and "baseline-T1-01" in body
    task = _render(client, "page.children", "/task/T1", "")
    assert "baseline-T1-01" in task and "baseline-T1-02" not in task
    assert _render(client, "page.children", "/task/T1", EARLIER).count("上期末") == 0
    assert end is not None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"follows": "nope"}, "follows nope"),
        ({"indicators.continues": "T9-99"}, "continues T9-99"),
    ],
)
def test_follows_and_continues_must_name_what_the_set_holds(change, message):
    from dashboard.plans import PlanSetError, check_links
    from data.plan import Plan
    from tests.support.plans import next_period, shipped_raw

    raw = next_period(shipped_raw())
    raw["follows"] = SHIPPED
    if "follows" in change:
        raw["follows"] = change["follows"]
    else:
        raw["indicators"][0]["continues"] = change["indicators.continues"]
    plans = [Plan.model_validate(shipped_raw()), Plan.model_validate(raw)]
    with pytest.raises(PlanSetError, match=message):
        check_links(plans)
