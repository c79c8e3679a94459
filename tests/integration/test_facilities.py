"""The venue registry (data/facilities.py, dashboard/services/facilities.py; issue 18): venue lists in
three coordinate systems, their problems at row and column in both languages, one batch each,
rollback, the counted indicators, sample venues, coverage and the data version. Stores on SQLite and
PostgreSQL (the ``engine`` fixture)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import geo
from dashboard.cli import cli
from dashboard.repository import Repository
from dashboard.services.facilities import coverage, load_sample_venues, placer_for, venue_table
from dashboard.services.imports import ImportService
from data.facilities import VenuePreview, commit_venues, counted_frame, effective_venues, preview_venues, venues
from data.facility_template import build_venue_template, venue_template_csv
from data.import_messages import ImportFailure
from data.importer import rollback_batch
from data.sample import generate
from data.store import replace_sample_data
from data.users import Role, User
from geo.coords import gcj02_to_bd09, gcj02_to_wgs84

EDITOR = User("editor1", Role.editor)
HEAD = "名称,类型,级别,区县,地址,经度,纬度,坐标系,开放年份,关闭年份\n"


@pytest.fixture(scope="module")
def shapes():
    return geo.load_shapes("230100").set_index("code")


def inside(shapes, code: str) -> tuple[float, float]:
    """A point well inside a unit (its label point), in the shapes' GCJ-02."""
    row = shapes.loc[code]
    return float(row["label_lon"]), float(row["label_lat"])


def service(engine, plan) -> ImportService:
    return ImportService(engine, plan)


def preview(engine, plan, body: str, name: str = "设施.csv", head: str = HEAD) -> VenuePreview:
    pv = service(engine, plan).preview((head + body).encode(), name)
    assert isinstance(pv, VenuePreview), "a venue list is told apart by its header"
    return pv


def commit(engine, plan, body: str, name: str = "设施.csv") -> int:
    pv = preview(engine, plan, body, name)
    assert pv.ok, [p.text("en") for p in pv.errors]
    return commit_venues(engine, pv, EDITOR)


# -- locations in three systems ------------------------------------------------------------------


def test_a_list_in_each_system_lands_in_the_same_place(engine, plan, shapes):
    lon, lat = inside(shapes, "230103")
    wlon, wlat = (float(v) for v in gcj02_to_wgs84(lon, lat))
    blon, blat = (float(v) for v in gcj02_to_bd09(lon, lat))
    pv = preview(
        engine,
        plan,
        f"甲,科技馆,,南岗区,,{lon},{lat},GCJ-02,2018,\n"
        f"乙,科技馆,,南岗区,,{wlon},{wlat},WGS-84,2018,\n"
        f"丙,科技馆,,南岗区,,{blon},{blat},百度,2018,\n",
    )
    assert pv.ok and pv.counts["venues"] == 3 and pv.counts["new"] == 3
    for r in pv.records:
        assert r.unit == "230103"
        assert r.lon == pytest.approx(lon, abs=1e-6) and r.lat == pytest.approx(lat, abs=1e-6)
    assert {r.orig_datum for r in pv.records} == {"GCJ-02", "WGS-84", "BD-09"}
    # The raw WGS-84 point, unconverted, would be hundreds of metres off: the conversion is what placed it.
    assert abs(wlon - lon) + abs(wlat - lat) > 0.003


def test_a_point_without_a_district_finds_its_district(engine, plan, shapes):
    lon, lat = inside(shapes, "230184")
    pv = preview(engine, plan, f"无区县的站,青少年科普活动站,,,,{lon},{lat},GCJ-02,2019,\n")
    assert pv.ok and pv.records[0].unit == "230184"


def test_a_venue_without_coordinates_is_kept_counted_and_unlocated(engine, plan):
    pv = preview(engine, plan, "没有坐标的馆,科技馆,,道里区,某路 1 号,,,,2019,\n")
    assert pv.ok and pv.counts["unlocated"] == 1
    assert [w.key for w in pv.warnings] == ["venues_without_location"]
    batch = commit_venues(engine, pv, EDITOR)
    frame = venues(engine, plan.code)
    assert len(frame) == 1 and frame["lon"].isna().all() and frame["batch_id"].tolist() == [batch]
    counted = counted_frame(plan, frame, [2019, 2020])
    row = counted[(counted["indicator_code"] == "T8-01") & (counted["region_code"] == "230102")]
    assert row["value"].tolist() == [1.0, 1.0]


def test_a_point_outside_the_region_is_refused_with_its_distance(engine, plan):
    pv = preview(engine, plan, "远处的馆,科技馆,,道里区,,120.0,45.0,GCJ-02,2019,\n")
    assert not pv.ok
    (err,) = pv.errors
    assert err.key == "outside_region" and err.row == 2 and err.column == "经度"
    assert "公里" in err.text("zh") and "km outside" in err.text("en")
    assert float(err.params["km"]) > 400


def test_a_point_in_another_district_is_flagged_with_the_distance(engine, plan, shapes):
    lon, lat = inside(shapes, "230184")  # 五常, far from 道里
    pv = preview(engine, plan, f"放错的馆,科技馆,,道里区,,{lon},{lat},GCJ-02,2019,\n")
    assert pv.ok
    (warn,) = pv.warnings
    assert warn.key == "outside_district" and float(warn.params["km"]) > 50
    assert pv.records[0].unit == "230102" and pv.records[0].km_outside > 50


def test_a_point_on_a_shared_border_counts_where_the_row_says(engine, plan, shapes):
    """A vertex the shapes of 道里 and 南岗 share: on both edges, so in both units."""
    a, b = shapes.loc["230102", "geometry"], shapes.loc["230103", "geometry"]
    shared = a.boundary.intersection(b.boundary)
    lon, lat = np.asarray(getattr(shared, "geoms", [shared])[0].coords)[0]
    pv = preview(
        engine,
        plan,
        f"边界上的站甲,青少年科普活动站,,,,{lon},{lat},GCJ-02,2019,\n"
        f"边界上的站乙,青少年科普活动站,,南岗区,,{lon},{lat},GCJ-02,2019,\n",
    )
    assert pv.ok
    first, second = pv.records
    assert first.unit == "230102" and second.unit == "230103"  # unnamed: the first in the plan's order
    assert [w.key for w in pv.warnings] == ["on_border"]
    assert not second.km_outside


@pytest.mark.parametrize(
    ("row", "key", "column"),
    [
        (",科技馆,,道里区,,,,,2019,", "missing_field", None),
        ("某馆,天文台,,道里区,,,,,2019,", "unknown_facility_type", "类型"),
        ("某馆,科技馆,世界级,道里区,,,,,2019,", "unknown_level", "级别"),
        ("某馆,科技馆,,太阳区,,,,,2019,", "unknown_district", "区县"),
        ("某馆,科技馆,,哈尔滨市,,,,,2019,", "venue_not_in_a_unit", "区县"),
        ("某馆,科技馆,,道里区,,126.6,,GCJ-02,2019,", "incomplete_location", "经度"),
        ("某馆,科技馆,,道里区,,45.7,126.6,GCJ-02,2019,", "location_out_of_range", "经度"),
        ("某馆,科技馆,,道里区,,126.6,45.7,,2019,", "no_datum", "经度"),
        ("某馆,科技馆,,道里区,,126.6,45.7,北京54,2019,", "unknown_datum", "坐标系"),
        ("某馆,科技馆,,道里区,,,,,二〇一九年吧,", "bad_year", "开放年份"),
        ("某馆,科技馆,,道里区,,,,,2019,2017", "closed_before_opened", "关闭年份"),
        ("某馆,科技馆,,,,,,,2019,", "no_district_for_venue", None),
    ],
)
def test_each_mistake_is_named_at_its_row_and_column_in_both_languages(engine, plan, row, key, column):
    pv = preview(engine, plan, "好馆,科技馆,,南岗区,,,,,2018,\n" + row + "\n")
    assert not pv.ok
    (err,) = pv.errors
    assert (err.key, err.row, err.column) == (key, 3, column)
    assert err.text("zh") != err.text("en") and "第 3 行" in err.text("zh") and "row 3" in err.text("en")


def test_a_file_without_the_columns_says_which(engine, plan):
    pv = service(engine, plan).preview_venues("名称,地址\n某馆,某路\n".encode(), "v.csv")
    (err,) = pv.errors
    assert err.key == "venue_missing_column" and err.params["missing"] == ["type", "district"]


def test_the_same_venue_twice_counts_once(engine, plan):
    pv = preview(engine, plan, "某馆,科技馆,,道里区,,,,,2019,\n某馆,科技馆,,道里区,,,,,2019,\n")
    assert pv.ok and pv.counts["venues"] == 1 and pv.warnings[0].key == "duplicate_venue"
    pv = preview(engine, plan, "某馆,科技馆,,道里区,,,,,2019,\n某馆,科技馆,,道里区,,,,,2020,\n")
    assert [e.key for e in pv.errors] == ["conflicting_venue"]


def test_the_cli_datum_option_declares_the_file(engine, plan, shapes):
    lon, lat = inside(shapes, "230102")
    blon, blat = (float(v) for v in gcj02_to_bd09(lon, lat))
    body = f"{HEAD}某馆,科技馆,,道里区,,{blon},{blat},,2019,\n".encode()
    imports = service(engine, plan)
    assert [e.key for e in imports.preview_venues(body, "v.csv").errors] == ["no_datum"]
    pv = imports.preview_venues(body, "v.csv", default_datum="bd09")
    assert pv.ok and pv.records[0].lon == pytest.approx(lon, abs=1e-6)


# -- batches ---------------------------------------------------------------------------------------


def test_a_second_list_changes_what_changed_and_rolls_back_in_order(engine, plan, shapes):
    lon, lat = inside(shapes, "230102")
    first = commit(engine, plan, f"甲馆,科技馆,,道里区,,{lon},{lat},GCJ-02,2018,\n乙馆,科技馆,,南岗区,,,,,2019,\n")
    pv = preview(engine, plan, f"甲馆,科技馆,,道里区,新地址,{lon},{lat},GCJ-02,2018,\n乙馆,科技馆,,南岗区,,,,,2019,\n")
    assert (pv.counts["new"], pv.counts["changed"], pv.counts["unchanged"]) == (0, 1, 1)
    second = commit_venues(engine, pv, EDITOR)
    assert venues(engine, plan.code).set_index("name").loc["甲馆", "address"] == "新地址"
    with pytest.raises(ImportFailure) as refused:
        rollback_batch(engine, plan.code, first, EDITOR)
    assert refused.value.key == "superseded" and str(second) in refused.value.text("en")
    done = rollback_batch(engine, plan.code, second, EDITOR)
    assert (done["deleted"], done["restored"]) == (0, 1)
    assert venues(engine, plan.code).set_index("name").loc["甲馆", "address"] is None
    rollback_batch(engine, plan.code, first, EDITOR)
    assert venues(engine, plan.code).empty


def test_a_stale_preview_is_refused(engine, plan):
    pv = preview(engine, plan, "某馆,科技馆,,道里区,,,,,2019,\n")
    commit(engine, plan, "某馆,科技馆,,道里区,,,,,2019,\n")
    with pytest.raises(ImportFailure) as stale:
        commit_venues(engine, pv, EDITOR)
    assert stale.value.key == "stale_preview"
    assert len(venues(engine, plan.code)) == 1


def test_a_viewer_may_not_import_a_venue_list(engine, plan):
    from data.users import PermissionDenied

    pv = preview(engine, plan, "某馆,科技馆,,道里区,,,,,2019,\n")
    with pytest.raises(PermissionDenied):
        service(engine, plan).commit(User("v", Role.viewer), pv)
    assert venues(engine, plan.code).empty


# -- counting -------------------------------------------------------------------------------------


def test_counted_indicators_follow_the_registry_and_note_a_disagreeing_figure(engine, plan, shapes):
    replace_sample_data(engine, plan.code, generate(plan, seed=2016))
    from data.importer import commit_import, preview_import

    typed = preview_import(engine, plan, "指标代码,区县,年份,数值\nT8-01,道里区,2020,5\n".encode(), "t.csv")
    commit_import(engine, typed, EDITOR)
    repo = Repository(engine, plan)
    before = repo.frame()
    cell = (before["indicator_code"] == "T8-01") & (before["region_code"] == "230102") & (before["year"] == 2020)
    assert before.loc[cell, "value"].tolist() == [5.0]  # no venues of the type: the typed figure stands
    lon, lat = inside(shapes, "230102")
    commit(
        engine,
        plan,
        f"甲馆,科技馆,,道里区,,{lon},{lat},GCJ-02,2016,\n乙馆,科技馆,,道里区,,,,,2020,\n丙馆,科技馆,,道里区,,,,,2014,2018\n",
    )
    after = repo.frame()
    cells = after[(after["indicator_code"] == "T8-01") & (after["region_code"] == "230102")].set_index("year")
    assert cells["value"].to_dict() == {2015: 1.0, 2016: 2.0, 2017: 2.0, 2018: 1.0, 2019: 1.0, 2020: 2.0}
    assert "5" in cells.loc[2020, "note"] and "disagree" in cells.loc[2020, "note"]
    city = after[(after["indicator_code"] == "T8-01") & (after["region_code"] == plan.region.code)]
    assert city.set_index("year").loc[2020, "value"] == 2.0  # the sum of the units: a district with none adds 0
    nangang = after[(after["indicator_code"] == "T8-01") & (after["region_code"] == "230103")]
    assert set(nangang["value"]) == {0.0}
    # T8-03 counts bases of city level and above only.
    commit(
        engine,
        plan,
        "国家基地,科普教育基地,国家级,南岗区,,,,,2019,\n区级基地,科普教育基地,区县级,南岗区,,,,,2019,\n",
        "b.csv",
    )
    bases = repo.frame()
    b = bases[(bases["indicator_code"] == "T8-03") & (bases["region_code"] == "230103") & (bases["year"] == 2020)]
    assert b["value"].tolist() == [1.0]


def test_sample_venues_never_hide_a_real_figure_and_a_real_list_replaces_them(engine, plan, shapes):
    replace_sample_data(engine, plan.code, generate(plan, seed=2016))
    load_sample_venues(engine, plan, 2016)
    repo = Repository(engine, plan)
    sample_count = repo.frame()
    museums = sample_count[(sample_count["indicator_code"] == "T8-01") & sample_count["is_sample"]]
    assert not museums.empty and set(museums["batch_id"]) == {-1}
    from data.importer import commit_import, preview_import

    commit_import(
        engine, preview_import(engine, plan, "指标代码,区县,年份,数值\nT8-01,道里区,2020,7\n".encode(), "t.csv"), EDITOR
    )
    f = repo.frame()
    kept = f[(f["indicator_code"] == "T8-01") & (f["region_code"] == "230102") & (f["year"] == 2020)]
    assert kept["value"].tolist() == [7.0] and not kept["is_sample"].any()
    commit(engine, plan, "真馆,科技馆,,南岗区,,,,,2010,\n")
    shown = effective_venues(venues(engine, plan.code))
    assert set(shown.loc[shown["type_code"] == "museum", "name"]) == {"真馆"}
    assert shown.loc[shown["type_code"] == "youth_station", "is_sample"].all()  # other types keep their sample


def test_sample_venues_lie_inside_their_districts_and_say_they_are_samples(engine, plan, shapes):
    n = load_sample_venues(engine, plan, 2016)
    frame = venues(engine, plan.code)
    assert n == len(frame) > 300 and frame["is_sample"].all()
    assert frame["name"].str.contains("示例").all() and frame["source"].str.contains("sample data").all()
    locator = placer_for(plan).locator
    where = locator.locate(frame["lon"], frame["lat"], [None] * len(frame))
    assert all(w.covering and w.covering[0] == u for w, u in zip(where, frame["unit_code"], strict=True))
    assert load_sample_venues(engine, plan, 2016) == n and venues(engine, plan.code)["lon"].equals(frame["lon"])


def test_the_data_version_changes_with_the_registry(engine, plan):
    repo = Repository(engine, plan)
    v0 = repo.version()
    batch = commit(engine, plan, "某馆,科技馆,,道里区,,,,,2019,\n")
    v1 = repo.version()
    rollback_batch(engine, plan.code, batch, EDITOR)
    assert len({v0, v1, repo.version()}) == 3


def test_coverage_of_a_district_with_no_venue_is_zero(engine, plan, shapes):
    lon, lat = inside(shapes, "230102")
    commit(engine, plan, f"站,青少年科普活动站,,道里区,,{lon},{lat},GCJ-02,2015,\n")
    repo = Repository(engine, plan)
    by_unit = {c.code: c for c in coverage(repo, 2020)}
    daoli, yilan = by_unit["230102"], by_unit["230123"]
    assert daoli.venues == 1 and daoli.per_10k == pytest.approx(1 / 108.0, abs=0.005)
    assert 0 < daoli.area_share["youth_station"] < 1
    assert yilan.venues == 0 and yilan.area_share["youth_station"] == 0.0 and yilan.per_10k == 0.0
    assert len(venue_table(repo, 2014)) == 0 and len(venue_table(repo, 2015)) == 1


# -- templates and the command line ---------------------------------------------------------------


def test_the_template_reads_back_as_a_venue_list(engine, plan):
    wb = load_workbook(io.BytesIO(build_venue_template(plan)))
    ws = wb["设施"]
    header = [c.value for c in ws[1]]
    ws.append(["模板里的馆", "科技场馆", "", "道里区", "", "", "", "", 2019])
    buf = io.BytesIO()
    wb.save(buf)
    pv = service(engine, plan).preview(buf.getvalue(), "设施.xlsx")
    assert isinstance(pv, VenuePreview) and pv.ok and pv.records[0].name == "模板里的馆"
    assert header[:4] == ["名称", "类型", "级别", "区县"] and "坐标系" in header
    assert "科普教育基地" in [c.value for c in wb["说明"]["A"]]
    csv_head = venue_template_csv(plan).decode("utf-8-sig").splitlines()[0]
    assert csv_head.split(",") == header


def test_kepu_facilities_import_list_and_rollback(tmp_path, shapes, monkeypatch):
    monkeypatch.setenv("KEPU_DATABASE_URL", f"sqlite:///{tmp_path / 's.db'}")
    monkeypatch.setenv("KEPU_CACHE_DIR", str(tmp_path / "cache"))
    runner = CliRunner()
    lon, lat = inside(shapes, "230123")
    blon, blat = (float(v) for v in gcj02_to_bd09(lon, lat))
    path = tmp_path / "依兰.csv"
    path.write_text(HEAD + f"依兰测试馆,科技馆,,,,{blon},{blat},BD-09,2019,\n", encoding="utf-8")
    dry = runner.invoke(cli, ["facilities", "import", str(path), "--dry-run", "--json"], obj={})
    assert dry.exit_code == 0, dry.output
    assert '"unit": "230123"' in dry.output
    done = runner.invoke(cli, ["import", str(path)], obj={})  # kepu import knows a venue list by its header
    assert done.exit_code == 0, done.output
    listed = runner.invoke(cli, ["facilities", "list", "--district", "依兰", "--year", "2020"], obj={})
    assert "依兰测试馆" in listed.output
    batch = next(
        line.split()[0] for line in runner.invoke(cli, ["batches"], obj={}).output.splitlines() if "facilities" in line
    )
    assert runner.invoke(cli, ["rollback", batch], obj={}).exit_code == 0
    listed = runner.invoke(cli, ["facilities", "list", "--district", "依兰"], obj={})
    assert "依兰测试馆" not in listed.output
    template = tmp_path / "t.xlsx"
    assert runner.invoke(cli, ["facilities", "template", "--out", str(template)], obj={}).exit_code == 0
    assert template.stat().st_size > 5000


def test_preview_venues_without_a_store_counts_everything_as_new(plan):
    pv = preview_venues(None, plan, (HEAD + "某馆,科技馆,,道里区,,,,,2019,\n").encode(), "v.csv", placer_for(plan))
    assert pv.ok and not pv.compared and pv.counts["venues"] == 1


# -- the briefing and the downloads ---------------------------------------------------------------


def test_the_briefing_lists_the_venues_opened_in_its_year(engine, plan):
    from types import SimpleNamespace

    from docx import Document

    from dashboard.reports.docx_report import _new_venues

    commit(engine, plan, "新馆,科技馆,,道里区,新路 8 号,,,,2019,\n老馆,科技馆,,南岗区,,,,,2010,\n")
    doc = Document()
    _new_venues(doc, SimpleNamespace(repo=Repository(engine, plan), lang="zh", year=2019))
    texts = [p.text for p in doc.paragraphs]
    assert "2019 年新增设施" in texts
    from dashboard.reports.docx_report import venue_task

    assert venue_task(plan) == "T8"  # the infrastructure project counts three of the six
    (table,) = doc.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0][:4] == ["名称", "类型", "级别", "区县"]
    assert rows[1:] == [["新馆", "科技场馆", "—", "道里区", "新路 8 号"]]
    empty = Document()
    _new_venues(empty, SimpleNamespace(repo=Repository(engine, plan), lang="en", year=2020))
    assert "The registry lists no venue opened in 2020." in [p.text for p in empty.paragraphs]


def test_the_data_pages_excel_download_carries_the_registry(engine, plan):
    from callbacks.facilities import registry_sheet
    from data.export import to_xlsx_bytes

    commit(engine, plan, "=危险馆,科技馆,,道里区,,,,,2019,\n")
    repo = Repository(engine, plan)
    sheets = registry_sheet(repo, "en", 2020)
    assert list(sheets) == ["Venue registry"]
    wb = load_workbook(io.BytesIO(to_xlsx_bytes(repo.frame().head(3), more=sheets)))
    ws = wb["Venue registry"]
    assert ws["A1"].value == "Name" and ws["A2"].value == "'=危险馆"  # a formula-looking name is escaped
    assert registry_sheet(repo, "en", 2018)["Venue registry"].empty  # open at the end of the chosen year only
