"""The command line on several plans: --plan (KEPU_PLAN) picks the plan every command acts on."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from dashboard.cli import cli
from tests.support.plans import NEXT, SHIPPED


@pytest.fixture
def run(tmp_path, plans_dir):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"

    def invoke(*args, ok=True):
        result = CliRunner(env={"KEPU_PLANS_DIR": str(plans_dir)}).invoke(
            cli, ["--database-url", url, *args], obj={}, catch_exceptions=False
        )
        assert (result.exit_code == 0) == ok, result.output
        return result.output

    return invoke


def _years(run, tmp_path, *plan) -> set[int]:
    out = tmp_path / "o.csv"
    run(*plan, "export", "--out", str(out), "--indicator", "G-01")
    return set(pd.read_csv(out, encoding="utf-8-sig")["year"])


def test_plan_list_names_every_plan_and_marks_the_default(run):
    lines = run("plan", "list").splitlines()
    assert [line.split()[:2] for line in lines] == [[SHIPPED, "2016–2020"], ["*", NEXT]]


def test_init_fills_every_plan_and_export_reads_the_chosen_one(run, tmp_path):
    out = run("init")
    assert f"sample data of {SHIPPED}" in out and f"sample data of {NEXT}" in out
    assert _years(run, tmp_path) == set(range(2020, 2026))  # the default plan: the latest
    assert _years(run, tmp_path, "--plan", SHIPPED) == set(range(2015, 2021))


def test_import_batches_and_rollback_act_on_the_chosen_plan(run, tmp_path):
    run("init")
    csv = tmp_path / "real.csv"
    csv.write_text("indicator,district,year,value\nG-01,230102,2019,30\nG-01,哈尔滨市,2019,30\n", encoding="utf-8")
    assert "已写入批次" in run("--plan", SHIPPED, "import", str(csv))
    batch = next(line.split()[0] for line in run("--plan", SHIPPED, "batches").splitlines() if "real.csv" in line)
    assert "real.csv" not in run("batches")  # the default plan has no such batch
    refused = run("rollback", batch, ok=False)  # through the default plan: another plan's batch
    assert SHIPPED in refused
    run("--plan", SHIPPED, "rollback", batch)
    assert "rolled_back" in run("--plan", SHIPPED, "batches")


def test_an_unknown_plan_is_an_error_not_a_fallback(run):
    assert "no plan nope" in run("--plan", "nope", "plan", ok=False)
