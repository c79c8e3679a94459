"""Edges real files hit: names with control characters, files that are not there, and previews
of files with many mistakes of one kind (the file-shaped edges are in tests/import_corpus)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from data.import_messages import printable
from data.importer import MAX_PROBLEMS_PER_KIND, commit_import, list_batches, preview_import, preview_path
from data.users import Role, User

EDITOR = User("editor1", Role.editor)
HEAD = "指标代码,区县,年份,数值\n"


def test_control_characters_never_reach_the_store_or_a_message(engine, plan):
    name = "道里\x1b[2J\x1b[31m区\x00\u202e.csv"
    pv = preview_import(engine, plan, (HEAD + "T1-02,道里,2019,5\n").encode(), name)
    assert pv.ok and pv.filename == "道里[2J[31m区.csv"
    commit_import(engine, pv, EDITOR)
    assert list_batches(engine, plan.code)[0]["filename"] == "道里[2J[31m区.csv"

    refused = preview_import(engine, plan, b"x", "a\x1b]0;owned\x07.txt")
    text = refused.errors[0].text("zh") + refused.errors[0].text("en")
    assert refused.errors[0].key == "unsupported_type"
    assert text == printable(text) and "\x1b" not in text


def test_a_missing_file_says_so_without_a_checksum(plan, tmp_path):
    pv = preview_path(None, plan, tmp_path / "不存在.xlsx")
    assert [p.key for p in pv.errors] == ["file_not_found"]
    assert "不存在.xlsx" in pv.errors[0].text("zh") and pv.checksum == ""


def test_the_json_preview_lists_a_hundred_problems_of_a_kind_then_counts_the_rest(plan):
    rows = "".join(f"T1-02,不存在区{i},2019,5\n" for i in range(250))
    pv = preview_import(None, plan, (HEAD + rows).encode(), "many.csv")
    assert len(pv.errors) == 250
    report = json.loads(json.dumps(pv.to_dict(), default=str))
    keys = [e["key"] for e in report["errors"]]
    assert keys.count("unknown_district") == MAX_PROBLEMS_PER_KIND
    summary = report["errors"][-1]  # the count follows the kind it counts
    assert summary["key"] == "more_problems"
    assert summary["params"] == {"n": 150, "kind": "unknown_district"}
    assert report["counts"]["errors"] == 250  # the counts still count every one


def test_the_cli_says_a_file_is_missing(tmp_path):
    from dashboard.cli import cli

    result = CliRunner().invoke(
        cli,
        ["--database-url", f"sqlite:///{tmp_path / 's.db'}", "import", str(tmp_path / "nope.csv"), "--dry-run"],
        obj={},
    )
    assert result.exit_code == 1, result.output
    assert "找不到文件" in result.output and "FileNotFoundError" not in result.output
