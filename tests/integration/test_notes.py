"""Notes on values (数据说明) and the change from the previous year, without a browser.

A note is written through the service (as the district page's form and ``kepu notes`` do), then
looked for everywhere it must show: the map's and the trend's hover, the table under a map, the data
grid and its download, the Word briefing's footnotes and the deck; withdrawn, it must be nowhere.
Imports: a 说明 column becomes notes in the import's batch, and rolling the batch back withdraws them;
a figure that jumps past its threshold is flagged in the preview with the old and new figure.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import io
import json

import pytest
from docx import Document
from plotly.utils import PlotlyJSONEncoder
from pptx import Presentation
from sqlalchemy import select

from callbacks import notes as note_callbacks
from callbacks.table import download
from callbacks.upload import preview_upload
from dashboard.charts import map_chart, trend_chart
from dashboard.context import Viewer, context_of
from dashboard.reports import common as report_common
from dashboard.reports.docx_report import build_docx
from dashboard.reports.footnotes import footnote_texts
from dashboard.reports.pptx_report import build_pptx
from dashboard.services.changes import cell_changes, jumps
from dashboard.services.imports import ImportService
from dashboard.services.notes import NoteError, NoteService, cell_notes
from data import schema
from data.audit import list_events
from data.backup import backup, restore
from data.store import make_engine
from data.users import PermissionDenied, Role, User
from layouts.common import district_table_details
from layouts.data_table import export_frame
from tests.support.app import make_app, repo_of

DAOLI, NANGANG = "230102", "230103"
EDITOR, VIEWER = User("ed", Role.editor), User("vi", Role.viewer)
IND = "T3-10"  # a count by district (sum over the units), of task T3
YEAR = 2019


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("notes"))


@pytest.fixture(scope="module")
def repo(app):
    return repo_of(app)


@pytest.fixture(scope="module")
def notes(repo):
    return NoteService(repo.engine, repo.plan)


@pytest.fixture(scope="module")
def imports(repo):
    return ImportService(repo.engine, repo.plan)


def as_text(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, cls=PlotlyJSONEncoder)


def map_hover(repo, indicator=IND, year=YEAR, lang="zh") -> str:
    return as_text([tr.customdata for tr in map_chart(repo, indicator, year, lang).data if tr.customdata is not None])


def trend_hover(repo, region=DAOLI, indicator=IND, year=YEAR) -> str:
    return as_text([tr.hovertext for tr in trend_chart(repo, indicator, region, year, "zh").data])


def export_text(repo, lang="zh") -> str:
    state_year = YEAR
    frame = repo.frame()
    frame = frame[(frame["indicator_code"] == IND) & (frame["year"] == state_year)]
    return export_frame(repo, frame, lang).to_csv(index=False)


@pytest.fixture
def no_pictures(monkeypatch):
    """Reports without their charts (those need Chromium; tests/integration/test_reports_documents.py has them)."""
    monkeypatch.setattr(report_common, "image_session", lambda session=None, store=None: contextlib.nullcontext())
    monkeypatch.setattr(report_common, "render_report_images", lambda *a, **k: {})


def briefing_footnotes(repo, lang="zh") -> list[str]:
    return footnote_texts(Document(io.BytesIO(build_docx(repo, YEAR, tasks="T3", lang=lang))))


# -- writing ---------------------------------------------------------------------------------------


def test_a_note_is_written_edited_and_withdrawn_and_kept_with_who_and_when(repo, notes):
    before = repo.version()
    note_id = notes.add(EDITOR, year=YEAR, text="  口径调整:含流动站  ", indicator=IND, region=DAOLI)
    after_add = repo.version()
    assert after_add != before, "a note changes the data version: cached views refresh"
    (note,) = [n for n in notes.all() if n.id == note_id]
    assert (note.text, note.created_by, note.scope, note.year) == ("口径调整:含流动站", "ed", "cell", YEAR)
    notes.edit(User("ed2", Role.admin), note_id, "口径调整:含流动科技馆")
    assert repo.version() != after_add
    (note,) = [n for n in notes.all() if n.id == note_id]
    assert note.edited_by == "ed2" and note.created_by == "ed"
    edited = repo.version()
    notes.withdraw(EDITOR, note_id)
    assert repo.version() != edited
    assert note_id not in {n.id for n in notes.all()}
    (kept,) = [n for n in notes.all(include_withdrawn=True) if n.id == note_id]
    assert kept.withdrawn_by == "ed" and kept.withdrawn_at is not None and kept.text == "口径调整:含流动科技馆"
    with pytest.raises(NoteError) as err:
        notes.edit(EDITOR, note_id, "again")
    assert err.value.key == "withdrawn"
    events = [e["event"] for e in list_events(repo.engine, 10)]
    assert events[:3] == ["note_withdrawn", "note_edited", "note_added"]


@pytest.mark.parametrize("who", [None, VIEWER])
def test_viewers_and_nobody_may_not_write_notes(repo, notes, who):
    with pytest.raises(PermissionDenied):
        notes.add(who, year=YEAR, text="x", indicator=IND, region=DAOLI)
    assert not NoteService.may(who) and NoteService.may(EDITOR)


def test_an_empty_or_too_long_note_is_refused_in_both_languages(notes):
    for text, key in (("   ", "empty"), ("长" * 501, "too_long")):
        with pytest.raises(NoteError) as err:
            notes.add(EDITOR, year=YEAR, text=text, indicator=IND, region=DAOLI)
        assert err.value.key == key and err.value.zh and err.value.en


# -- where a note shows, and that withdrawing it removes it everywhere ---------------------------------


def test_a_note_shows_in_hovers_tables_export_and_briefing_and_withdrawn_nowhere(repo, notes, no_pictures):
    text = "2019 年起统计口径调整"
    assert text not in map_hover(repo) and text not in export_text(repo)
    note_id = notes.add(EDITOR, year=YEAR, text=text, indicator=IND, region=DAOLI)
    assert text in map_hover(repo)
    assert text in trend_hover(repo)
    assert text not in trend_hover(repo, region=NANGANG), "a note on one unit is not another's"
    assert text in as_text(district_table_details(repo, IND, YEAR, "zh"))
    assert text in export_text(repo) and "ed" in export_text(repo)
    assert text in export_text(repo, "en")
    assert any(text in f for f in briefing_footnotes(repo))
    assert any(text in f for f in briefing_footnotes(repo, "en"))
    deck = Presentation(io.BytesIO(build_pptx(repo, YEAR, tasks="T3")))
    assert text in as_text([sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame])

    notes.withdraw(EDITOR, note_id)
    assert text not in map_hover(repo)
    assert text not in trend_hover(repo)
    assert text not in as_text(district_table_details(repo, IND, YEAR, "zh"))
    assert text not in export_text(repo)
    assert not any(text in f for f in briefing_footnotes(repo))


def test_a_whole_year_note_explains_every_figure_of_that_year_only(repo, notes, no_pictures):
    note_id = notes.add(EDITOR, year=YEAR, text="整年口径说明")
    try:
        assert "整年口径说明" in map_hover(repo, indicator="T1-01")
        assert "整年口径说明" not in map_hover(repo, indicator="T1-01", year=YEAR - 1)
        assert [n.id for n in cell_notes(repo, "G-01", repo.city, YEAR)] == [note_id]
        assert any("整年口径说明" in f for f in briefing_footnotes(repo))
    finally:
        notes.withdraw(EDITOR, note_id)


def test_the_data_page_download_carries_the_notes(repo, notes):
    note_id = notes.add(EDITOR, year=YEAR, text="导出可见的说明", indicator=IND)  # every unit of the indicator
    try:
        sent = download(repo, "csv", None, IND, None, YEAR, None, "/data", "")
        body = base64.b64decode(sent["content"]).decode("utf-8-sig")
        assert body.splitlines()[0].count("数据说明") == 1
        lines = [ln for ln in body.splitlines()[1:] if ln]
        assert lines and all("导出可见的说明" in ln for ln in lines)
    finally:
        notes.withdraw(EDITOR, note_id)


def test_a_note_is_part_of_a_backup_and_comes_back_withdrawn_or_not(repo, notes, tmp_path):
    live = notes.add(EDITOR, year=YEAR, text="备份里的说明", indicator=IND, region=DAOLI)
    gone = notes.add(EDITOR, year=YEAR, text="撤回的说明", indicator=IND, region=DAOLI)
    notes.withdraw(EDITOR, gone)
    archive = tmp_path / "b.zip"
    backup(repo.engine, archive)
    target = make_engine(f"sqlite:///{tmp_path / 'restored.sqlite3'}")
    restore(target, archive)
    with target.connect() as conn:
        rows = {r.id: (r.text, r.withdrawn_by) for r in conn.execute(select(schema.ValueNote))}
    assert rows[live] == ("备份里的说明", None) and rows[gone] == ("撤回的说明", "ed")
    notes.withdraw(EDITOR, live)


# -- the district page's form (callbacks as functions) ---------------------------------------------


class AsUser(Viewer):
    def __init__(self, user):
        self.user = user

    def current_user(self):
        return self.user


def acting_as(app, user):
    return dataclasses.replace(context_of(app), viewer=AsUser(user))


@pytest.fixture
def as_editor(app):
    return acting_as(app, EDITOR)


def test_the_form_adds_a_note_on_a_row_and_the_table_shows_it(repo, as_editor):
    path = f"/district/{DAOLI}"
    form = note_callbacks.open_form(as_editor, {"type": "note-add", "indicator": IND}, YEAR, path, "")
    assert form["open"] and form["year"] == str(YEAR)
    assert [o["value"] for o in form["scope_options"]] == ["value", "cell", "indicator", "year"]
    is_open, error, table, message = note_callbacks.save(
        as_editor, 1, form["target"], "value", str(YEAR), "本数值的说明", YEAR, None, path, ""
    )
    assert (is_open, error) == (False, None) and message
    assert "本数值的说明" in as_text(table)
    (note,) = [n for n in NoteService(repo.engine, repo.plan).all() if n.text == "本数值的说明"]
    assert note.scope == "value" and note.batch_id is not None
    withdraw = note_callbacks.open_form(as_editor, {"type": "note-withdraw", "note": note.id}, YEAR, path, "")
    assert withdraw["text_disabled"] and withdraw["target"] == {"mode": "withdraw", "note": note.id}
    _, _, table, _ = note_callbacks.save(as_editor, 1, withdraw["target"], None, None, None, YEAR, None, path, "")
    assert "本数值的说明" not in as_text(table)


def test_the_form_refuses_a_viewer_and_writes_nothing(app, repo):
    context = acting_as(app, VIEWER)
    before = len(NoteService(repo.engine, repo.plan).all(include_withdrawn=True))
    target = {"mode": "add", "indicator": IND, "region": DAOLI}
    is_open, error, table, _ = note_callbacks.save(
        context, 1, target, "cell", str(YEAR), "x", YEAR, None, f"/district/{DAOLI}", ""
    )
    assert is_open and error and table is note_callbacks.no_update
    assert len(NoteService(repo.engine, repo.plan).all(include_withdrawn=True)) == before
    assert not note_callbacks.open_form(context, {"type": "note-add", "indicator": IND}, YEAR, "/district/x", "")[
        "open"
    ]


# -- imports: the 说明 column, the jumps -------------------------------------------------------------


def csv_bytes(rows: list[str]) -> bytes:
    return ("指标代码,区县,年份,数值,说明\n" + "\n".join(rows) + "\n").encode("utf-8")


def test_a_note_column_comes_in_with_the_batch_and_a_rollback_withdraws_it(repo, imports, notes):
    pv = imports.preview(csv_bytes([f"{IND},道里区,2020,41,含新建站点", f"{IND},南岗区,2020,40,"]), "notes.csv")
    assert pv.ok, pv.errors
    batch = imports.commit(EDITOR, pv)
    mine = [n for n in notes.all() if n.import_batch_id == batch]
    assert [(n.region, n.year, n.text, n.batch_id, n.scope) for n in mine] == [
        (DAOLI, 2020, "含新建站点", batch, "value")
    ]
    assert "含新建站点" in map_hover(repo, year=2020)
    imports.rollback(EDITOR, batch)
    assert not [n for n in notes.all() if n.import_batch_id == batch]
    (withdrawn,) = [n for n in notes.all(include_withdrawn=True) if n.import_batch_id == batch]
    assert withdrawn.withdrawn_by == "ed"
    assert "含新建站点" not in map_hover(repo, year=2020)


def test_a_value_note_stops_showing_once_a_later_import_replaces_the_value(repo, imports, notes):
    first = imports.commit(EDITOR, imports.preview(csv_bytes([f"{IND},道里区,2018,30,旧值的说明"]), "a.csv"))
    assert "旧值的说明" in trend_hover(repo, year=2018)
    second = imports.commit(EDITOR, imports.preview(csv_bytes([f"{IND},道里区,2018,31,"]), "b.csv"))
    assert "旧值的说明" not in trend_hover(repo, year=2018)
    imports.rollback(EDITOR, second)  # the old value is back, and its note with it
    assert "旧值的说明" in trend_hover(repo, year=2018)
    imports.rollback(EDITOR, first)


def test_a_jump_past_the_threshold_is_flagged_in_the_preview_with_old_and_new(app, repo, imports):
    assert repo.plan.change_threshold == 0.3
    base = imports.commit(EDITOR, imports.preview(csv_bytes([f"{IND},道里区,2017,10,"]), "base.csv"))
    try:
        pv = imports.preview(csv_bytes([f"{IND},道里区,2018,15,", f"{IND},南岗区,2018,12,"]), "jump.csv")
        assert [(j.region, j.year, j.previous_year, j.previous, j.value) for j in pv.jumps] == [
            (DAOLI, 2018, 2017, 10.0, 15.0)
        ], "Nangang has no real 2017 figure: sample figures are not compared with"
        assert pv.jumps[0].ratio == pytest.approx(0.5)
        assert pv.to_dict()["jumps"][0]["jump"] is True
        # the file's own earlier year counts too, and a small change is no jump
        pv = imports.preview(csv_bytes([f"{IND},南岗区,2016,20,", f"{IND},南岗区,2017,21,"]), "ok.csv")
        assert pv.jumps == []
        context = context_of(app)
        view, *_ = preview_upload(
            repo,
            imports,
            EDITOR,
            "data:text/csv;base64," + base64.b64encode(csv_bytes([f"{IND},道里区,2018,15,"])).decode(),
            "jump.csv",
            "en",
        )
        shown = as_text(view)
        assert "upload-jumps" in shown and "10" in shown and "15" in shown and "+50.0%" in shown
        assert context is not None
    finally:
        imports.rollback(EDITOR, base)


def test_the_district_page_shows_the_change_with_its_batch_and_the_jump(repo, imports):
    base = imports.commit(
        EDITOR, imports.preview(csv_bytes([f"{IND},道里区,2016,10,", f"{IND},道里区,2017,20,"]), "two.csv")
    )
    try:
        cc = cell_changes(repo, DAOLI, 2017, [IND])[IND]
        assert (cc.change.previous, cc.change.value, cc.change.delta) == (10.0, 20.0, 10.0)
        assert (
            cc.change.is_jump and cc.batch.id == base and cc.batch.filename == "two.csv" and cc.batch.created_by == "ed"
        )
        assert any(j.indicator == IND and j.region == DAOLI for j in jumps(repo, 2017))
        assert not any(j.region == DAOLI for j in jumps(repo, 2017, regions=[NANGANG]))
        from tests.support.pages import render_page

        page = as_text(render_page(repo, f"/district/{DAOLI}", "?year=2017"))
        assert f"dp-change-{IND}-jump" in page and "two.csv" in page
    finally:
        imports.rollback(EDITOR, base)


def test_a_note_on_an_unchanged_value_is_attached_to_it_and_a_too_long_note_is_an_error_at_its_cell(
    repo, imports, notes
):
    first = imports.commit(EDITOR, imports.preview(csv_bytes([f"{IND},道里区,2016,12,"]), "c.csv"))
    pv = imports.preview(csv_bytes([f"{IND},道里区,2016,12,补充说明", f"{IND},南岗区,2016,13,"]), "d.csv")
    assert pv.counts["unchanged"] == 1 and pv.to_dict()["notes"] == 1
    second = imports.commit(EDITOR, pv)
    (note,) = [n for n in notes.all() if n.import_batch_id == second]
    assert (note.batch_id, note.text) == (first, "补充说明"), "the value is the first batch's; the note the second's"
    assert "补充说明" in trend_hover(repo, year=2016)
    imports.rollback(EDITOR, second)
    assert "补充说明" not in trend_hover(repo, year=2016)
    imports.rollback(EDITOR, first)

    pv = imports.preview(csv_bytes([f"{IND},道里区,2016,12,{'长' * 501}"]), "e.csv")
    (err,) = pv.errors
    assert (err.key, err.row, err.cell) == ("note_too_long", 2, "E2") and "501" in err.text("en")


def test_kepu_notes_and_kepu_jumps(app, repo):
    from click.testing import CliRunner

    from dashboard.cli import cli

    env = {"KEPU_DATABASE_URL": str(repo.engine.url)}
    run = CliRunner().invoke
    added = run(
        cli,
        ["notes", "add", "--year", "2019", "--indicator", IND, "--district", "道里", "--text", "命令行说明"],
        env=env,
    )
    assert added.exit_code == 0, added.output
    (note,) = [n for n in json.loads(run(cli, ["notes", "--json"], env=env).output) if n["text"] == "命令行说明"]
    assert (note["region"], note["scope"]) == (DAOLI, "cell")
    assert run(cli, ["notes", "withdraw", str(note["id"])], env=env).exit_code == 0
    again = run(cli, ["notes", "withdraw", str(note["id"]), "--lang", "en"], env=env)
    assert again.exit_code == 1 and "withdrawn" in again.output
    refused = run(cli, ["notes", "add", "--year", "2019", "--text", "x", "--user", "nobody"], env=env)
    assert refused.exit_code != 0
    found = json.loads(run(cli, ["jumps", "--year", "2020", "--json"], env=env).output)
    assert found == [j.to_dict() for j in jumps(repo, 2020)]
