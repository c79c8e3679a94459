"""`kepu import / batches / rollback / template / users` from a fresh store."""

from __future__ import annotations

import json

import openpyxl
import pytest
from click.testing import CliRunner

from dashboard.cli import cli
from tests.support.paths import CORPUS


@pytest.fixture
def kepu(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"

    def invoke(*args, input=None, code=0):
        result = CliRunner().invoke(
            cli, ["--database-url", url, *map(str, args)], obj={}, input=input, catch_exceptions=False
        )
        assert result.exit_code == code, result.output
        return result.output

    invoke("init")
    return invoke


def test_dry_run_prints_the_preview_and_writes_nothing(kepu):
    out = kepu("import", CORPUS / "good" / "clumsy_utf8_bom.csv", "--dry-run")
    assert "修改 8" in out and "替换示例数据 8" in out and "试运行" in out
    assert sorted(b["kind"] for b in json.loads(kepu("batches", "--json"))) == ["facility_sample", "sample"]
    report = json.loads(kepu("import", CORPUS / "good" / "clumsy.xlsx", "--dry-run", "--json"))
    assert report["ok"] and report["dry_run"] and report["batch_id"] is None
    assert report["counts"]["values"] == 5 and len(report["changes"]) == 5
    assert len(json.loads(kepu("batches", "--json"))) == 2  # the sample figures and the sample venues


def test_import_then_history_then_rollback(kepu):
    report = json.loads(kepu("import", CORPUS / "good" / "clumsy_gb18030.csv", "--json"))
    batch = report["batch_id"]
    assert report["ok"] and batch
    history = json.loads(kepu("batches", "--json"))
    assert history[0]["id"] == batch and history[0]["filename"] == "clumsy_gb18030.csv"
    assert "clumsy_gb18030.csv" in kepu("batches")
    assert "已回滚" in kepu("rollback", batch)
    assert json.loads(kepu("batches", "--json"))[0]["status"] == "rolled_back"
    assert "already" in kepu("rollback", batch, "--lang", "en", code=1)


@pytest.mark.parametrize("name", ["unknown_district.xlsx", "zip_bomb.xlsx", "empty.csv", "png_named_csv.csv"])
def test_a_refused_file_exits_non_zero_with_the_message(kepu, name):
    out = kepu("import", CORPUS / "bad" / name, code=1)
    assert "未写入任何数据" in out
    report = json.loads(kepu("import", CORPUS / "bad" / name, "--json", code=1))
    assert not report["ok"] and report["errors"] and report["batch_id"] is None


def test_a_file_over_the_size_setting_is_refused(kepu, monkeypatch):
    monkeypatch.setenv("KEPU_IMPORT_MAX_BYTES", "100")
    report = json.loads(kepu("import", CORPUS / "good" / "clumsy.xlsx", "--json", code=1))
    assert report["errors"][0]["key"] == "file_too_large"


def test_users_and_roles_from_the_command_line(kepu):
    assert "created" in kepu("users", "create", "ed", "--role", "editor", "--password-stdin", input="s3cret-pass\n")
    kepu("users", "create", "vi", "--password-stdin", input="s3cret-pass\n")
    users = json.loads(kepu("users", "list", "--json"))
    assert [(u["username"], u["role"]) for u in users] == [("ed", "editor"), ("vi", "viewer")]
    good = CORPUS / "good" / "clumsy.xlsx"
    assert "permission denied" in kepu("import", good, "--user", "vi", "--lang", "en", code=1)
    assert "no user" in kepu("import", good, "--user", "ghost", code=1)
    report = json.loads(kepu("import", good, "--user", "ed", "--json"))
    assert report["user"] == "ed"
    assert json.loads(kepu("batches", "--json"))[0]["created_by"] == "ed"
    assert "denied" in kepu("rollback", report["batch_id"], "--user", "vi", "--lang", "en", code=1)
    kepu("users", "set-role", "vi", "editor")
    kepu("rollback", report["batch_id"], "--user", "vi")
    kepu("users", "create", "short", "--password-stdin", input="123\n", code=1)


def test_template_command_writes_a_workbook_or_csv(kepu, tmp_path):
    out = tmp_path / "t.xlsx"
    kepu("template", "--out", out, "--district", "道里", "--district", "双城市", "--year", "2020")
    wb = openpyxl.load_workbook(out)
    rows = list(wb["数据"].iter_rows(min_row=2, values_only=True))
    assert {r[4] for r in rows} == {"道里区", "双城区"} and {r[5] for r in rows} == {2020}
    assert "双城市" in [c.value for c in wb["区县"]["E"]][10]  # former names listed
    csv_out = tmp_path / "t.csv"
    kepu("template", "--out", csv_out, "--indicator", "T3")
    text = csv_out.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("指标代码,指标名称") and "T3-01" in text and "T1-01" not in text
    kepu("template", "--out", tmp_path / "x.xlsx", "--district", "火星", code=1)
