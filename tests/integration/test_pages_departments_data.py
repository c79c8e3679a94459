"""部门 and 数据 pages: the accountability matrix, a department's tasks, the observation grid, missing
cells and formula-safe downloads.  Callbacks are called as plain functions; the app through its HTTP
endpoints."""

from __future__ import annotations

import base64
import io
import json

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from callbacks.departments import department_from_click, update_departments
from callbacks.table import download, indicators_of_task, update_data
from dashboard.figures.matrix import COOPERATE_MARK, LEAD_MARK
from dashboard.services import observations
from dashboard.viewstate import ViewState
from data import schema
from data.store import new_batch
from layouts import data_table, departments
from tests.support.app import make_app, repo_of
from tests.support.components import by_id, walk
from tests.support.pages import render_state


# -- fixtures and helpers ------------------------------------------------------------------------------
@pytest.fixture
def fresh_repo(tmp_path):
    """A store of its own, for tests that change rows (``repo``, the module's app's, only reads)."""
    return repo_of(make_app(tmp_path))


def text_of(component) -> str:
    return "".join(c if isinstance(c, str) else text_of(c) for c in _children(component))


def _children(component):
    kids = getattr(component, "children", component)
    if kids is None:
        return []
    if isinstance(kids, (str, int, float)):
        return [str(kids)]
    if not isinstance(kids, (list, tuple)):
        return [kids]
    return [k for k in kids if k is not None]


def decoded(payload: dict) -> bytes:
    assert payload.get("base64") is True
    return base64.b64decode(payload["content"])


def plain_filter(frame: pd.DataFrame, plan, task=None, indicator=None, district=None, year=None) -> pd.DataFrame:
    """The filter written out by hand, independent of the page's code."""
    f = frame
    if indicator:
        f = f[f["indicator_code"] == indicator]
    elif task:
        f = f[f["indicator_code"].isin([i.code for i in plan.indicators if i.task == task])]
    if district:
        f = f[f["region_code"] == district]
    if year is not None:
        f = f[f["year"] == year]
    return f


# -- 部门: the accountability matrix -------------------------------------------------------------------
def test_matrix_has_one_row_per_plan_department(repo):
    fig = departments.matrix_chart(repo, 2019, "zh")
    heat = fig.data[0]
    assert sorted(heat.y) == sorted(d.code for d in repo.plan.departments)
    assert len(heat.y) == len(set(heat.y)) == len(repo.plan.departments)
    assert list(heat.x) == [t.code for t in repo.plan.tasks]


def test_matrix_marks_exactly_the_plans_lead_and_cooperating_roles(repo):
    fig = departments.matrix_chart(repo, 2019, "en")
    heat = fig.data[0]
    for task_index, task in enumerate(repo.plan.tasks):
        col = list(heat.x).index(task.code)
        marks = {dept: heat.text[row][col] for row, dept in enumerate(heat.y)}
        assert {d for d, m in marks.items() if m == LEAD_MARK} == set(repo.plan.tasks[task_index].roles.lead)
        assert {d for d, m in marks.items() if m == COOPERATE_MARK} == set(repo.plan.tasks[task_index].roles.cooperate)
        others = set(heat.y) - set(task.roles.lead) - set(task.roles.cooperate)
        assert all(marks[d] == "" for d in others)


def test_matrix_lists_departments_that_lead_most_first(repo):
    heat = departments.matrix_chart(repo, 2019, "zh").data[0]
    leads = [sum(d in t.roles.lead for t in repo.plan.tasks) for d in heat.y]
    assert leads == sorted(leads, reverse=True)
    assert leads[0] > 0 and leads[-1] == 0


def test_matrix_colours_follow_the_task_status_and_column_labels_say_it(repo):
    fig = departments.matrix_chart(repo, 2018, "zh")
    status = repo.task_progress(2018)
    ticks = dict(zip(fig.layout.xaxis.tickvals, fig.layout.xaxis.ticktext, strict=True))
    from dashboard.i18n import status_label
    from dashboard.theme import STATUS_ICONS

    for task in repo.plan.tasks:
        s = status[task.code].status.value
        assert STATUS_ICONS[s] in ticks[task.code] and status_label(s, "zh") in ticks[task.code]
    # Title, source, as-of year and the sample-data label travel with the figure.
    captions = [a.text for a in fig.layout.annotations if a.name == "caption"]
    assert "2018" in captions[0] and "示例数据" in captions[0]
    assert "任务分工矩阵" in fig.layout.title.text


def test_choosing_a_department_highlights_its_row_and_keeps_only_its_tasks(repo):
    _header, fig, _panel, table, query = update_departments(repo, 2019, "renshe", "/departments", "")
    lead_or_coop = {t.code for t in repo.plan.tasks if "renshe" in t.roles.lead + t.roles.cooperate}
    assert set(fig.data[0].x) == lead_or_coop
    shapes = [s for s in fig.layout.shapes if s.name == "highlight"]
    row = list(fig.data[0].y).index("renshe")
    assert len(shapes) == 1 and shapes[0].y0 == row - 0.5 and shapes[0].y1 == row + 0.5
    assert query == "?year=2019&department=renshe"
    highlighted = [c for c in walk(table) if getattr(c, "className", None) == "table-primary"]
    assert [getattr(c, "data-department") for c in highlighted] == ["renshe"]


@pytest.mark.parametrize("code", ["kexie", "renshe", "zuzhibu", "anjian"])
def test_choosing_a_department_lists_exactly_the_tasks_it_leads_and_supports(repo, code):
    _, _, panel, _, _ = update_departments(repo, 2019, code, "/departments", "")
    leads = [getattr(c, "data-task") for c in walk(by_id(panel, "dep-lead-tasks")) if hasattr(c, "data-task")]
    supports = [getattr(c, "data-task") for c in walk(by_id(panel, "dep-support-tasks")) if hasattr(c, "data-task")]
    assert leads == [t.code for t in repo.plan.tasks if code in t.roles.lead]
    assert supports == [t.code for t in repo.plan.tasks if code in t.roles.cooperate]
    links = {c.href for c in walk(by_id(panel, "dep-lead-tasks")) if getattr(c, "href", None)}
    assert links == {f"/task/{t}?year=2019" for t in leads}  # the link keeps the chosen year


def test_department_panel_shows_the_progress_of_the_tasks_it_leads(repo):
    _, _, panel, _, _ = update_departments(repo, 2019, "kexie", "/departments", "")
    dp = repo.department_progress(2019)["kexie"]
    badge = by_id(panel, "dep-progress")
    statuses = [getattr(c, "data-status") for c in walk(badge) if hasattr(c, "data-status")]
    assert statuses == [dp.status.value]
    assert f"{round(100 * dp.score)}%" in text_of(by_id(panel, "dep-score"))


def test_a_department_that_leads_nothing_is_said_not_to_be_judged(repo):
    _, _, panel, _, _ = update_departments(repo, 2019, "anjian", "/departments", "?lang=en")
    assert "leads no task" in text_of(by_id(panel, "dep-progress"))


def test_no_department_chosen_shows_a_hint_and_every_task(repo):
    _, fig, panel, _, query = update_departments(repo, 2020, None, "/departments", "")
    assert by_id(panel, "dep-hint")
    assert len(fig.data[0].x) == 10
    assert query == ""  # the latest year is the default: nothing in the URL


def test_an_unknown_department_or_year_falls_back_to_the_default(repo):
    _, _fig, panel, _, query = update_departments(repo, 1999, "nosuch", "/departments", "")
    assert query == "" and by_id(panel, "dep-hint")


def test_the_roles_table_lists_every_department_with_its_lead_and_cooperating_tasks(repo):
    table = departments.roles_table(repo, ViewState(page="departments"), 2019)
    rows = [c for c in walk(table) if hasattr(c, "data-department")]
    assert len(rows) == len(repo.plan.departments)
    for row in rows:
        code = getattr(row, "data-department")
        cells = _children(row)
        lead_links = [c.children for c in walk(cells[3]) if getattr(c, "href", None)]
        coop_links = [c.children for c in walk(cells[4]) if getattr(c, "href", None)]
        assert lead_links == [t.code for t in repo.plan.tasks if code in t.roles.lead]
        assert coop_links == [t.code for t in repo.plan.tasks if code in t.roles.cooperate]


def test_a_click_on_the_matrix_chooses_the_rows_department(repo):
    from dash import no_update

    assert department_from_click(repo, {"points": [{"x": "T1", "y": "jiaoyu"}]}, None) == "jiaoyu"
    assert department_from_click(repo, {"points": [{"x": "T1", "y": "jiaoyu"}]}, "jiaoyu") is no_update
    assert department_from_click(repo, None, "kexie") is no_update


def test_the_method_note_is_on_the_page_in_both_languages(repo):
    zh = render_state(repo, ViewState(page="departments"))
    en = render_state(repo, ViewState(page="departments", lang="en"))
    assert "部门按其牵头任务的进度评价" in text_of(by_id(zh, "dep-method"))
    assert "judged on the tasks they lead" in text_of(by_id(en, "dep-method"))


# -- 数据: the observation grid ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "task,indicator,district,year",
    [
        (None, None, None, None),
        ("T3", None, None, 2019),
        (None, "T1-01", "230102", None),
        ("T7", "T7-03", None, 2017),
        (None, None, "230124", 2020),
    ],
)
def test_grid_rows_are_what_the_store_holds_for_the_filter(repo, task, indicator, district, year):
    out = update_data(repo, task, indicator, district, year, "/data", "")
    rows = out[1]
    expected = plain_filter(repo.frame(), repo.plan, task, indicator, district, year)
    assert len(rows) == len(expected)
    got = {r["id"]: r for r in rows}
    for e in expected.itertuples():
        r = got[f"{e.indicator_code}|{e.region_code}|{e.year}"]
        assert r["indicator_code"] == e.indicator_code and r["year"] == e.year
        assert r["value"] == pytest.approx(e.value)
        assert r["district"] == repo.region_name(e.region_code)
    json.dumps(rows)  # the grid receives JSON: no NaN, no numpy types


def test_grid_rows_carry_every_column_in_the_chosen_language(repo):
    rows = update_data(repo, "T1", "T1-01", None, 2019, "/data", "?lang=en")[1]
    row = rows[0]
    assert set(data_table.FIELDS) <= set(row)
    assert row["indicator_name"] == repo.indicator("T1-01").name.en
    assert row["unit"] == "%" and row["sample"] == "Sample"
    assert row["numerator"] is not None and row["denominator"] is not None


def test_filters_are_written_to_the_url(repo):
    assert update_data(repo, "T3", None, None, 2019, "/data", "")[-1] == "?task=T3&year=2019"
    assert update_data(repo, None, None, None, None, "/data", "?lang=en")[-1] == "?lang=en"
    # An indicator of another task is dropped rather than shown under the wrong task.
    assert update_data(repo, "T3", "T1-01", None, None, "/data", "")[-1] == "?task=T3"


def test_choosing_a_task_limits_the_indicators_and_clears_one_of_another_task(repo):
    options, value = indicators_of_task(repo, "T2", "T1-01", "/data", "")
    assert {o["value"] for o in options} == {i.code for i in repo.plan.indicators if i.task == "T2"}
    assert value is None
    assert indicators_of_task(repo, "T1", "T1-01", "/data", "")[1] == "T1-01"


def test_a_filter_that_matches_nothing_says_so_and_hides_the_grid(repo):
    # A city-only indicator has no district rows.
    out = update_data(repo, None, "T3-02", "230102", None, "/data", "")
    assert out[1] == []
    assert "没有观测数据" in text_of(out[3])
    assert out[4] == {"display": "none"}


# -- 数据: missing cells ----------------------------------------------------------------------------------
def _hand_count(repo, task=None, district=None, year=None) -> set[tuple[str, str, int]]:
    """Expected cells minus rows with a value, straight from the store's table."""
    o = schema.Observation
    with repo.engine.connect() as conn:
        present = {
            (i, r, int(y))
            for i, r, y in conn.execute(select(o.indicator_code, o.region_code, o.year).where(o.value.is_not(None)))
        }
    # Indicators counted from the venue registry have a figure for every district and year (a count,
    # 0 where there is no venue: tests/integration/test_facilities.py), whatever the table holds.
    f = repo.frame()
    counted = f[f["batch_id"] == -1]
    present |= set(zip(counted["indicator_code"], counted["region_code"], counted["year"].astype(int), strict=True))
    years = [year] if year else list(range(2015, 2021))
    units = [u.code for u in repo.plan.region.units]
    expected = set()
    for ind in repo.plan.indicators:
        if task and ind.task != task:
            continue
        regions = [repo.city] if ind.rollup.value == "city_only" else units
        if district:
            regions = [district] if district in regions else []
        expected |= {(ind.code, r, y) for r in regions for y in years}
    return expected - present


def test_missing_count_equals_a_hand_count_after_rows_are_deleted(fresh_repo):
    repo = fresh_repo
    o = schema.Observation
    gone = [("T1-01", "230102", 2017), ("T1-01", "230102", 2018), ("T6-03", "230104", 2019), ("T3-02", repo.city, 2016)]
    before = len(observations.missing_cells(repo))
    # Deleted by hand, in one transaction with a batch: the data version is read from the import
    # batches (data/version.py), as every write the app makes goes through one.
    with Session(repo.engine) as s, s.begin():
        for ind, region, year in gone:
            n = s.execute(delete(o).where(o.indicator_code == ind, o.region_code == region, o.year == year))
            assert n.rowcount == 1
        new_batch(s, "import", "admin", plan_code=repo.plan.code, note="deleted by hand")
    missing = observations.missing_cells(repo)
    listed = set(zip(missing["indicator_code"], missing["region_code"], missing["year"].astype(int), strict=True))
    assert listed == _hand_count(repo)
    assert len(missing) == before + len(gone)
    assert set(gone) <= listed
    # The page shows the same count and lists the rows for a narrower filter.
    out = update_data(repo, "T1", None, "230102", None, "/data", "")
    assert getattr(by_id(out[2], "dt-missing-count"), "data-missing") == len(_hand_count(repo, "T1", "230102"))
    shown = {(r["indicator_code"], r["year"]) for r in out[5]}
    assert {("T1-01", 2017), ("T1-01", 2018)} <= shown
    # A city-only indicator is expected for the city only.
    t3 = observations.missing_cells(repo, indicator="T3-02")
    assert list(zip(t3["region_code"], t3["year"], strict=True)) == [(repo.city, 2016)]
    assert observations.missing_cells(repo, indicator="T3-02", district="230102").empty


def test_a_row_without_a_value_counts_as_missing(fresh_repo):
    # T8-05 is typed (T8-01 is counted from the venue registry, which gives every district a figure).
    repo = fresh_repo
    o = schema.Observation
    with repo.engine.begin() as conn:
        conn.execute(delete(o).where(o.indicator_code == "T8-05", o.region_code == "230103", o.year == 2020))
        conn.execute(
            insert(o).values(
                plan_code=repo.plan.code,
                indicator_code="T8-05",
                region_code="230103",
                year=2020,
                value=None,
                batch_id=1,
                is_sample=True,
                source="s",
            )
        )
        conn.execute(
            insert(o).values(
                plan_code=repo.plan.code,
                indicator_code="T8-05",
                region_code="230103",
                year=2019 - 10,
                value=1.0,
                batch_id=1,
                is_sample=True,
                source="s",
            )
        )  # a new version of the data
    missing = observations.missing_cells(repo, indicator="T8-05", year=2020)
    assert list(missing["region_code"]) == ["230103"]


# -- 数据: downloads ---------------------------------------------------------------------------------------
@pytest.fixture
def formula_repo(fresh_repo):
    """A store with an observation whose note and source start with '=' (what an attacker would upload)."""
    o = schema.Observation
    repo = fresh_repo
    with repo.engine.begin() as conn:
        conn.execute(delete(o).where(o.indicator_code == "T3-01", o.region_code == "230102", o.year == 2019))
        conn.execute(
            insert(o).values(
                plan_code=repo.plan.code,
                indicator_code="T3-01",
                region_code="230102",
                year=2019,
                value=50.0,
                numerator=5.0,
                denominator=10.0,
                batch_id=1,
                is_sample=True,
                source='=HYPERLINK("http://example.invalid","x")',
                note="=1+2",
            )
        )
        # A further row changes the data version, so that cached frames are dropped.
        conn.execute(
            insert(o).values(
                plan_code=repo.plan.code,
                indicator_code="T3-01",
                region_code="230102",
                year=2010,
                value=1.0,
                batch_id=1,
                is_sample=True,
                source="s",
            )
        )
    return repo


def test_csv_download_escapes_formulas_and_has_every_row(formula_repo):
    repo = formula_repo
    payload = download(repo, "csv", "T3", None, None, 2019, None, "/data", "")
    assert payload["filename"] == "observations-T3-2019-sample.csv"
    frame = pd.read_csv(io.BytesIO(decoded(payload)), encoding="utf-8-sig")
    assert len(frame) == len(plain_filter(repo.frame(), repo.plan, task="T3", year=2019))
    row = frame[(frame["指标代码"] == "T3-01") & (frame["区县"] == "道里区")].iloc[0]
    assert row["来源"] == "'" + '=HYPERLINK("http://example.invalid","x")'
    assert row["备注"] == "'=1+2"
    assert not any(str(v).startswith("=") for v in frame.astype(str).to_numpy().ravel())


def test_excel_download_escapes_formulas_and_opens_with_openpyxl(formula_repo):
    repo = formula_repo
    payload = download(repo, "xlsx", "T3", None, None, 2019, None, "/data", "?lang=en")
    assert payload["filename"] == "observations-T3-2019-sample.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(decoded(payload)))
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == len(plain_filter(repo.frame(), repo.plan, task="T3", year=2019))
    assert "Source" in header and "Note" in header
    cells = [c for r in sheet.iter_rows() for c in r]
    assert not any(c.data_type == "f" for c in cells)  # no formula cells at all
    source = header.index("Source")
    note = header.index("Note")
    marked = [r for r in body if r[note] == "'=1+2"]
    assert len(marked) == 1 and marked[0][source].startswith("'=HYPERLINK")
    values = [r[header.index("Value")] for r in body]
    assert all(isinstance(v, (int, float)) for v in values)  # numbers stay numbers


def test_download_follows_the_grids_own_filter_and_order(repo):
    rows = update_data(repo, "T3", None, None, 2019, "/data", "")[1]
    visible = list(reversed([r for r in rows if r["district"] == "道里区"]))
    payload = download(repo, "csv", "T3", None, None, 2019, visible, "/data", "")
    frame = pd.read_csv(io.BytesIO(decoded(payload)), encoding="utf-8-sig")
    assert list(frame["指标代码"]) == [r["indicator_code"] for r in visible]


def test_download_names_say_what_they_hold():
    assert data_table.download_name(None, None, None, None, False, "csv") == "observations-all.csv"
    assert (
        data_table.download_name("T1", "T1-01", "230102", 2018, True, "xlsx")
        == "observations-T1-T1-01-230102-2018-sample.xlsx"
    )


@pytest.mark.parametrize("page", ["departments", "data"])
def test_component_ids_are_unique_and_prefixed(repo, page):
    """Ids of the page and of what its callbacks put into it (the header, rebuilt by the callback, aside)."""
    if page == "departments":
        # the page comes with its matrix, panel and table (layouts/departments.py view)
        layout = render_state(repo, ViewState(page=page, department="kexie", year=2019))
        filled = ()
        assert update_departments(repo, 2019, "kexie", "/departments", "")[2] is not None
        prefix, page_id = "dep-", "departments-page"
    else:
        layout = render_state(repo, ViewState(page=page, task="T3"))
        filled = update_data(repo, "T3", None, None, None, "/data", "")[2:4]
        prefix, page_id = "dt-", "data-page"
    ids = [c.id for c in walk([layout, *filled]) if isinstance(getattr(c, "id", None), str)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert {i for i in ids if not i.startswith(prefix)} == {page_id, "as-of"}  # as-of: the shared page header


# -- HTTP ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path", ["/departments", "/data", "/departments?department=kexie&year=2018", "/data?task=T3&year=2019&lang=en"]
)
def test_pages_answer_200(app, path):
    assert app.server.test_client().get(path).status_code == 200


@pytest.mark.parametrize("path,page_id", [("/departments", "departments-page"), ("/data", "data-page")])
def test_the_router_renders_each_page_over_http(app, path, page_id):
    body = {
        "output": "page.children",
        "outputs": {"id": "page", "property": "children"},
        "inputs": [{"id": "url", "property": "pathname", "value": path}],
        "state": [{"id": "url", "property": "search", "value": ""}],
        "changedPropIds": ["url.pathname"],
    }
    resp = app.server.test_client().post("/_dash-update-component", json=body)
    assert resp.status_code == 200
    assert page_id in resp.get_data(as_text=True)


def test_the_data_callback_answers_over_http(app):
    body = {
        "output": "..dt-header.children...dt-grid.rowData..",
        "outputs": [
            {"id": i, "property": p}
            for i, p in [
                ("dt-header", "children"),
                ("dt-grid", "rowData"),
                ("dt-summary", "children"),
                ("dt-empty", "children"),
                ("dt-grid", "style"),
                ("dt-missing-grid", "rowData"),
                ("dt-missing-method", "children"),
                ("dt-missing-empty", "children"),
                ("dt-missing-grid", "style"),
                ("url", "search"),
            ]
        ],
        "inputs": [
            {"id": "dt-task", "property": "value", "value": "T9"},
            {"id": "dt-indicator", "property": "value", "value": None},
            {"id": "dt-district", "property": "value", "value": None},
            {"id": "dt-year", "property": "value", "value": 2018},
        ],
        "state": [
            {"id": "url", "property": "pathname", "value": "/data"},
            {"id": "url", "property": "search", "value": ""},
        ],
        "changedPropIds": ["dt-task.value"],
    }
    client = app.server.test_client()
    # The output key as the browser learns it (url.search carries a duplicate-output suffix).
    body["output"] = next(
        d["output"] for d in client.get("/_dash-dependencies").get_json() if "dt-header.children" in d["output"]
    )
    resp = client.post("/_dash-update-component", json=body)
    assert resp.status_code == 200, resp.get_data(as_text=True)[:500]
    data = resp.get_json()["response"]
    assert data["url"]["search"] == "?task=T9&year=2018"
    assert len(data["dt-grid"]["rowData"]) > 0
