"""The command line works from a fresh store: init, plan --json, sample, export."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from dashboard.cli import cli


@pytest.fixture
def run(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"

    def invoke(*args):
        result = CliRunner().invoke(cli, ["--database-url", url, *args], obj={}, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    return invoke


def test_plan_json_prints_the_whole_plan(run, plan):
    data = json.loads(run("plan", "--json"))
    assert [t["code"] for t in data["tasks"]] == [f"T{i}" for i in range(1, 11)]
    assert len(data["indicators"]) == len(plan.indicators)
    goal = next(i for i in data["indicators"] if i["code"] == data["goal"]["indicator"])
    assert goal["target"]["value"] == 12
    assert all(t["roles"]["lead"] for t in data["tasks"])


def test_init_creates_the_store_with_sample_data_once(run):
    out = run("init")
    assert "sample data" in out
    again = run("init")
    assert "sample data" not in again  # not reloaded over existing data


def test_export_writes_csv_and_excel(run, tmp_path):
    run("init")
    csv_path, xlsx_path = tmp_path / "o.csv", tmp_path / "o.xlsx"
    run("export", "--format", "csv", "--out", str(csv_path), "--indicator", "G-01")
    run("export", "--format", "xlsx", "--out", str(xlsx_path), "--indicator", "G-01", "--year", "2020")
    frame = pd.read_csv(csv_path, encoding="utf-8-sig")
    assert set(frame["indicator_code"]) == {"G-01"}
    assert len(frame) == 19 * 6  # the city and 18 units, 2015–2020
    assert len(pd.read_excel(xlsx_path)) == 19


def test_sample_clear_removes_only_sample_rows(run):
    run("init")
    assert "removed" in run("sample", "clear")


def test_a_broken_plan_file_is_reported_with_file_and_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("code: x\ntasks: 3\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--plan-file", str(bad), "plan"], obj={})
    assert result.exit_code != 0
    assert str(bad) in result.output and "tasks" in result.output
