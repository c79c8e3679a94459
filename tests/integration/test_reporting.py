"""The reporting round (/reporting, kepu template --missing, kepu reporting) and review on the pages,
without a browser: the page over HTTP, callbacks as functions, the command line, what is in the store.

The district is the plan's first unit (never a name typed here); tests read names from the plan."""

from __future__ import annotations

import base64
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from callbacks.reporting import review, set_due, template_download, update_round
from callbacks.table import download, update_data
from dashboard.cli import cli
from dashboard.context import context_of
from dashboard.services.imports import ImportService
from dashboard.services.reporting import (
    export_xlsx,
    missing_cells,
    missing_template,
    missing_template_name,
    reporting_round,
)
from data.importer import list_batches, preview_import
from data.plan import Rollup
from data.reporting import read_round
from data.users import Role, User, create_user
from layouts.history import history_table
from tests.support.app import make_app, repo_of
from tests.support.components import by_id, text_of
from tests.support.http import post_callback
from tests.support.reporting import fill_template

YEAR = 2020
EDITOR, VIEWER, REVIEWER = User("ed", Role.editor), User("vi", Role.viewer), User("rev", Role.reviewer)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("reporting"), secret_key="test-secret", review_imports=True)
    for user in (EDITOR, VIEWER, REVIEWER):
        create_user(repo_of(app).engine, user.username, "a long enough password", user.role)
    return app


@pytest.fixture(scope="module")
def repo(app):
    return repo_of(app)


@pytest.fixture(scope="module")
def imports(app) -> ImportService:
    return context_of(app).imports


@pytest.fixture(scope="module")
def unit(repo):
    return repo.plan.region.units[0]


def _commit(imports: ImportService, repo, data: bytes, name: str, user: User) -> int:
    pv = preview_import(repo.engine, repo.plan, data, name)
    assert pv.ok, [p.text("en") for p in pv.errors]
    return imports.commit(user, pv)


def test_the_page_shows_every_unit_and_task_and_sample_values_count_as_missing(app, repo, unit):
    view = reporting_round(repo, YEAR)
    assert view.is_sample
    assert set(view.cells["state"]) == {"missing"}, "generated sample data are not a report"
    plan = repo.plan
    for lang, heading in (("zh", "填报进度"), ("en", "Reporting")):
        resp = post_callback(
            app.server.test_client(),
            "page.children",
            {"url.pathname": "/reporting"},
            {"url.search": f"?year={YEAR}&lang={lang}"},
        )
        text = resp.get_data(as_text=True)
        assert heading in text and "rep-grid" in text and f"rep-row-{unit.code}" in text
        assert unit.label(lang) in text
    tree = update_round(repo, context_of(app).imports, None, YEAR, "/reporting", f"?year={YEAR}")[1]
    cell = [c for c in _cells(tree) if c["unit"] == unit.code and c["group"] == "T3"]
    expected = sum(1 for i in plan.indicators_for("T3") if i.rollup != Rollup.city_only)
    assert cell == [{"unit": unit.code, "group": "T3", "state": "missing", "reported": "0", "expected": str(expected)}]


def _cells(tree) -> list[dict]:
    from tests.support.components import walk

    out = []
    for node in walk(tree):
        props = getattr(node, "__dict__", {})
        if props.get("data-unit"):
            out.append(
                {
                    "unit": props["data-unit"],
                    "group": props["data-group"],
                    "state": props["data-state"],
                    "reported": props["data-reported"],
                    "expected": props["data-expected"],
                }
            )
    return out


def test_a_missing_cells_template_filled_in_and_imported_completes_the_unit_and_ends_overdue(app, repo, unit):
    imports = context_of(app).imports
    before = set(missing_cells(repo, unit.code, YEAR))
    assert before and all(region == unit.code and year == YEAR for _, region, year in before)

    # The due date has passed: the unit is overdue.
    message, bump = set_due(imports, EDITOR, YEAR, "2021-03-31", False, "zh")
    assert bump == 1 and "2021-03-31" in text_of(message)
    assert read_round(repo.engine, repo.plan.code, YEAR).set_by == "ed"
    assert unit.code in reporting_round(repo, YEAR).overdue
    assert unit.code not in reporting_round(repo, YEAR, on=date(2021, 3, 31)).overdue  # the due day is on time

    # One click: the template of the unit's missing cells, its name in the file name.
    sent = template_download(repo, unit.code, YEAR)
    assert sent["filename"] == missing_template_name(repo, unit.code, YEAR)
    assert unit.name in sent["filename"] and str(YEAR) in sent["filename"]
    data, n = missing_template(repo, unit.code, YEAR)
    sheet = load_workbook(io.BytesIO(data))["数据"]
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]]
    assert n == len(rows) == len(before)
    assert {(r[0], r[4], r[5]) for r in rows} == {(i, unit.name, y) for i, _, y in before}

    filled, _ = fill_template(repo.plan, data)
    batch = _commit(ImportService(repo.engine, repo.plan), repo, filled, sent["filename"], EDITOR)  # review off
    view = reporting_round(repo, YEAR)
    assert set(view.cells[view.cells["region_code"] == unit.code]["state"]) == {"complete"}
    assert unit.code not in view.overdue
    assert view.reporter(view.units_summary[unit.code].last_batch)[0] == "ed"
    assert missing_cells(repo, unit.code, YEAR) == []
    assert missing_template(repo, unit.code, YEAR)[1] == 0
    # The grid exports to Excel: the grid (coloured by state), every cell, the departments.
    wb = load_workbook(io.BytesIO(export_xlsx(repo, view, "zh")))
    assert wb.sheetnames == ["填报进度", "明细", "部门"]
    grid = list(wb["填报进度"].iter_rows(values_only=True))
    row = next(r for r in grid if r[0] == unit.name)
    assert row[1] in ("", None) and row[-1].startswith("ed ")
    assert len(list(wb["明细"].iter_rows(min_row=2))) == len(view.cells)
    en = load_workbook(io.BytesIO(export_xlsx(repo, view, "en")))
    assert en.sheetnames == ["Reporting", "Cells", "Departments"]
    ImportService(repo.engine, repo.plan).rollback(EDITOR, batch)
    set_due(imports, EDITOR, YEAR, None, True, "zh")
    assert read_round(repo.engine, repo.plan.code, YEAR).due_date is None


def test_only_editors_set_the_due_date_and_a_bad_date_is_refused(app, repo):
    imports = context_of(app).imports
    message, bump = set_due(imports, VIEWER, YEAR, "2021-03-31", False, "en")
    assert "Permission denied" in text_of(message) and bump is dash_no_update()
    message, _ = set_due(imports, None, YEAR, "2021-03-31", False, "zh")
    assert "无权限" in text_of(message)
    message, _ = set_due(imports, EDITOR, YEAR, "31.3.2021", False, "zh")
    assert "2021-03-31" in text_of(message) and message.id == "rep-due-error"
    assert read_round(repo.engine, repo.plan.code, YEAR).due_date is None


def dash_no_update():
    from dash import no_update

    return no_update


def test_with_review_on_a_value_waits_shows_marked_and_counts_only_once_accepted(app, repo, imports, unit):
    indicator = next(i for i in repo.plan.indicators if i.rollup != Rollup.city_only and i.decimals == 0)
    old = repo.district_table(indicator.code, YEAR).set_index("code").loc[unit.code, "value"]
    body = f"指标代码,区县,年份,数值\n{indicator.code},{unit.code},{YEAR},{int(old) + 4321}\n"
    batch = _commit(imports, repo, body.encode(), "待审.csv", EDITOR)
    assert imports.needs_review(EDITOR)

    # Not on the map, in the status or the download...
    assert repo.district_table(indicator.code, YEAR).set_index("code").loc[unit.code, "value"] == old
    sent = download(repo, "csv", None, indicator.code, unit.code, YEAR, None, "/data", "")
    exported = base64.b64decode(sent["content"]).decode("utf-8-sig")
    assert str(int(old)) in exported and str(int(old) + 4321) not in exported
    # ...but on the reporting page and in the data grid, marked.
    view = reporting_round(repo, YEAR)
    cell = view.cell(unit.code, indicator.task or "G")
    assert cell["pending"] == 1
    rows = update_data(repo, None, indicator.code, unit.code, YEAR, "/data", "")[1]
    waiting = [r for r in rows if r["id"].endswith("|pending")]
    assert len(waiting) == 1 and waiting[0]["value"] == int(old) + 4321 and waiting[0]["sample"] == "待审核"
    tree = update_round(repo, imports, REVIEWER, YEAR, "/reporting", f"?year={YEAR}")[1]
    assert f"rep-batch-{batch}" in str(tree)

    # An editor cannot accept; a reviewer can, and the map changes.
    message, bump = review(imports, EDITOR, "accept", batch, None, "zh")
    assert "无权限" in text_of(message) and bump is dash_no_update()
    assert repo.district_table(indicator.code, YEAR).set_index("code").loc[unit.code, "value"] == old
    message, bump = review(imports, REVIEWER, "accept", batch, None, "zh")
    assert bump == 1 and f"#{batch}" in text_of(message)
    assert repo.district_table(indicator.code, YEAR).set_index("code").loc[unit.code, "value"] == int(old) + 4321
    history = str(history_table(imports, REVIEWER, "zh"))
    assert "rev" in history
    imports.rollback(EDITOR, batch)


def test_a_returned_batch_leaves_the_store_as_before_and_says_why_on_the_history_page(app, repo, imports, unit):
    indicator = next(i for i in repo.plan.indicators if i.rollup != Rollup.city_only and i.decimals == 0)
    frame = repo.frame().copy()
    body = f"指标代码,区县,年份,数值\n{indicator.code},{unit.code},{YEAR},99999\n"
    batch = _commit(imports, repo, body.encode(), "退回.csv", EDITOR)
    message, _ = review(imports, REVIEWER, "return", batch, "   ", "en")
    assert "needs a reason" in text_of(message)
    message, bump = review(imports, REVIEWER, "return", batch, "与年鉴不符", "zh")
    assert bump == 1
    assert repo.frame().reset_index(drop=True).equals(frame.reset_index(drop=True))
    row = by_id(history_table(imports, REVIEWER, "zh"), f"hist-reason-{batch}")
    assert "与年鉴不符" in text_of(row)
    assert [b["status"] for b in list_batches(repo.engine, repo.plan.code) if b["id"] == batch] == ["returned"]
    assert reporting_round(repo, YEAR).pending.empty


def test_kepu_template_missing_writes_the_units_missing_cells_named_after_it(app, repo, unit, tmp_path, monkeypatch):
    url = context_of(app).settings.database_url
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    res = runner.invoke(
        cli, ["--database-url", url, "template", "--missing", "--district", unit.short, "--year", str(YEAR)], obj={}
    )
    assert res.exit_code == 0, res.output
    made = list(tmp_path.glob("*.xlsx"))
    assert [p.name for p in made] == [missing_template_name(repo, unit.code, YEAR)]
    rows = [r for r in load_workbook(made[0])["数据"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert len(rows) == len(missing_cells(repo, unit.code, YEAR)) and {r[4] for r in rows} == {unit.name}
    # By code, as CSV, and the city by its name: its city-only indicators.
    res = runner.invoke(
        cli,
        ["--database-url", url, "template", "--missing", "--district", repo.plan.region.name.zh, "--out", "city.csv"],
        obj={},
    )
    assert res.exit_code == 0, res.output
    lines = (tmp_path / "city.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    city_only = {i.code for i in repo.plan.indicators if i.rollup == Rollup.city_only}
    assert lines and {line.split(",")[0] for line in lines} <= city_only
    for bad in (["--missing"], ["--missing", "--district", unit.code, "--district", unit.short], ["--year", "2020"]):
        res = runner.invoke(cli, ["--database-url", url, "template", *bad], obj={})
        assert res.exit_code == 2, (bad, res.output)
    res = runner.invoke(cli, ["--database-url", url, "template", "--missing", "--district", "nowhere"], obj={})
    assert res.exit_code == 1


def test_kepu_reporting_and_review_commands(app, repo, imports, unit, tmp_path, monkeypatch):
    url = context_of(app).settings.database_url
    monkeypatch.setenv("KEPU_REVIEW_IMPORTS", "true")
    runner = CliRunner()

    def run(*args):
        return runner.invoke(cli, ["--database-url", url, *args], obj={})

    past = (datetime.now(UTC).date() - timedelta(days=400)).isoformat()
    assert run("reporting", "due", "--year", str(YEAR), "--date", past, "--user", "vi").exit_code == 1
    assert run("reporting", "due", "--year", str(YEAR)).exit_code == 2
    res = run("reporting", "due", "--year", str(YEAR), "--date", past, "--user", "ed")
    assert res.exit_code == 0 and past in res.output
    res = run("reporting", "show", "--year", str(YEAR))
    assert res.exit_code == 0 and f"! {unit.name}" in res.output
    res = run("reporting", "export", "--year", str(YEAR), "--out", str(tmp_path / "r.xlsx"))
    assert res.exit_code == 0 and (tmp_path / "r.xlsx").stat().st_size > 0
    assert run("reporting", "due", "--year", str(YEAR), "--clear").exit_code == 0

    body = f"指标代码,区县,年份,数值\nT1-02,{unit.code},{YEAR},4\n"
    (tmp_path / "a.csv").write_text(body, encoding="utf-8")
    res = run("import", str(tmp_path / "a.csv"), "--user", "ed")
    assert res.exit_code == 0 and "kepu review accept" in res.output
    batch = max(b["id"] for b in list_batches(repo.engine, repo.plan.code))
    assert f"{batch}" in run("review", "list").output
    assert run("review", "accept", str(batch), "--user", "ed").exit_code == 1
    assert run("review", "return", str(batch), "--user", "rev").exit_code == 2  # --reason is required
    res = run("review", "return", str(batch), "--reason", "重报", "--user", "rev")
    assert res.exit_code == 0 and f"#{batch}" in res.output
    assert run("review", "accept", str(batch)).exit_code == 1  # no longer pending


def test_accept_posted_by_a_viewer_or_an_editor_is_refused_over_http_and_a_reviewer_is_not(app, repo, imports, unit):
    """What a browser would post for the accept button, with each account's session cookie."""
    import json

    from tests.support.http import SAME_SITE

    body_csv = f"指标代码,区县,年份,数值\nT1-02,{unit.code},{YEAR},77\n"
    batch = _commit(imports, repo, body_csv.encode(), "http.csv", EDITOR)
    deps = app.server.test_client().get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if "rep-message.children" in d["output"])
    button = {"type": "rep-accept", "batch": batch}
    body = {
        "output": dep["output"],
        "outputs": [{"id": "rep-message", "property": "children"}, {"id": "rep-refresh", "property": "data"}],
        "inputs": [[{"id": button, "property": "n_clicks", "value": 1}], []],
        "state": [
            [{"id": {"type": "rep-reason", "batch": batch}, "property": "value", "value": None}],
            {"id": "rep-refresh", "property": "data", "value": 0},
            {"id": "rep-lang", "property": "data", "value": "en"},
            {"id": "url", "property": "search", "value": ""},
        ],
        "changedPropIds": [json.dumps(button, sort_keys=True, separators=(",", ":")) + ".n_clicks"],
    }

    def post(username: str | None) -> str:
        client = app.server.test_client()
        if username:
            client.post(
                "/auth/login", data={"username": username, "password": "a long enough password"}, headers=SAME_SITE
            )
        resp = client.post("/_dash-update-component", json=body)
        assert resp.status_code == 200, resp.data[:300]
        return resp.get_data(as_text=True)

    for who in (None, "vi", "ed"):
        assert "rep-review-denied" in post(who), who
        assert [b["status"] for b in list_batches(repo.engine, repo.plan.code) if b["id"] == batch] == ["pending"]
    assert "rep-review-done" in post("rev")
    assert [b["status"] for b in list_batches(repo.engine, repo.plan.code) if b["id"] == batch] == ["active"]
    imports.rollback(EDITOR, batch)


def _jump_rows(tree) -> list[dict]:
    from tests.support.components import walk

    section = by_id(tree, "rep-jumps")
    rows = []
    for node in walk(section):
        props = getattr(node, "__dict__", {})
        if props.get("data-indicator") and props.get("data-region"):
            explained = [getattr(n, "__dict__", {}).get("data-explained") for n in walk(node)]
            rows.append(
                {
                    "cell": (props["data-indicator"], props["data-region"]),
                    "explained": next(e for e in explained if e is not None),
                    "text": text_of(node),
                }
            )
    return rows


def test_figures_past_their_threshold_are_listed_to_check_and_a_note_marks_one_explained(app, repo):
    from dashboard.services.changes import jumps
    from data.notes import add_note, withdraw_note

    expected = jumps(repo, YEAR)
    assert expected, "the sample data have figures that jump at the shipped plan's ±30 %"
    tree = update_round(repo, context_of(app).imports, None, YEAR, "/reporting", f"?year={YEAR}")[1]
    rows = _jump_rows(tree)
    assert [r["cell"] for r in rows] == [(j.indicator, j.region) for j in expected]
    assert {r["explained"] for r in rows} == {"0"}
    first = expected[0]
    assert f"({first.previous_year})" in rows[0]["text"] and "⚠" in rows[0]["text"]

    note = add_note(
        repo.engine,
        repo.plan.code,
        EDITOR,
        year=YEAR,
        text="新馆开放,数值属实",
        indicator=first.indicator,
        region=first.region,
    )
    try:
        rows = _jump_rows(update_round(repo, context_of(app).imports, None, YEAR, "/reporting", f"?year={YEAR}")[1])
        assert rows[0]["explained"] == "1" and "新馆开放,数值属实" in rows[0]["text"]
        assert {r["explained"] for r in rows[1:]} <= {"0", "1"}
    finally:
        withdraw_note(repo.engine, repo.plan.code, note, EDITOR)
    rows = _jump_rows(update_round(repo, context_of(app).imports, None, YEAR, "/reporting", f"?year={YEAR}")[1])
    assert rows[0]["explained"] == "0"


def test_a_filled_missing_cells_template_is_read_as_figures_not_as_a_venue_list(app, repo, unit):
    """The template's sheet of units has 名称 and 类型 columns, as a venue list does: the upload page
    (through the import service) must still read the workbook as figures."""
    from dashboard.services.imports import Preview

    data, n = missing_template(repo, unit.code, YEAR)
    filled, k = fill_template(repo.plan, data)
    pv = context_of(app).imports.preview(filled, missing_template_name(repo, unit.code, YEAR))
    assert isinstance(pv, Preview) and pv.ok, [p.text("en") for p in pv.errors]
    assert n == k and len(pv.records) == k
