"""`kepu plan check` on broken plan files: each problem at its file, line and field path, in Chinese or English.

The broken files are made here from the shipped plan by one small edit each (so they follow the
plan as it changes); the expected line is where the edit was made, found in the edited text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboard.cli import cli
from data.plan import DEFAULT_PLAN_FILE, PLANS_DIR, PlanFileError, load_plan

SHIPPED = DEFAULT_PLAN_FILE.read_text(encoding="utf-8")


def line_of(text: str, fragment: str, after: str = "") -> int:
    """The 1-based line holding ``fragment`` (the first one after ``after``)."""
    start = text.index(after) if after else 0
    return text[: text.index(fragment, start)].count("\n") + 1


def replace_once(text: str, old: str, new: str, after: str = "") -> str:
    start = text.index(after) if after else 0
    at = text.index(old, start)
    return text[:at] + new + text[at + len(old) :]


@dataclass
class Broken:
    name: str
    text: str
    line: int
    path: str  # "" for a YAML syntax error, which gives a column instead
    zh: str
    en: str
    column: int | None = None


def _indicator_index(code: str) -> int:
    return [i.code for i in load_plan().indicators].index(code)


def _broken_files() -> list[Broken]:
    task1 = "- code: T1\n"
    lead = "    lead: [jiaoyu, tuanshiwei, kexie]"
    missing = replace_once(SHIPPED, "  division_text:", "  # division_text:", after=task1)
    first_t101 = "- code: T1-01\n"
    target_year = "    year: 2020"
    return [
        Broken(
            "missing field",
            missing,
            line_of(missing, task1),
            "tasks[0].division_text",
            "缺少必填字段",
            "Field required",
        ),
        Broken(
            "wrong type",
            SHIPPED.replace("end_year: 2020", "end_year: twenty", 1),
            line_of(SHIPPED, "end_year: 2020"),
            "end_year",
            "应为整数,「twenty」不是整数",
            "Input should be a valid integer",
        ),
        Broken(
            "unknown department in a task role",
            replace_once(SHIPPED, lead, "    lead: [jiaoyu, nosuch, kexie]", after=task1),
            line_of(SHIPPED, lead, after=task1),
            "tasks[0].roles.lead[1]",
            "任务 T1 的牵头单位「nosuch」不在 departments 中",
            "task T1 lead: unknown department 'nosuch'",
        ),
        Broken(
            "indicator code used twice",
            SHIPPED.replace("- code: T1-02\n", first_t101, 1),
            line_of(SHIPPED, "- code: T1-02\n"),
            f"indicators[{_indicator_index('T1-02')}].code",
            f"指标代码「T1-01」重复(已用于第 {line_of(SHIPPED, first_t101)} 行 "
            f"indicators[{_indicator_index('T1-01')}].code)",
            f"indicator code 'T1-01' is used twice (first at indicators[{_indicator_index('T1-01')}].code, "
            f"line {line_of(SHIPPED, first_t101)})",
        ),
        Broken(
            "target year outside the plan",
            replace_once(SHIPPED, target_year, "    year: 2025", after="\nindicators:"),
            line_of(SHIPPED, target_year, after="\nindicators:"),
            "indicators[0].target.year",
            "目标年份 2025 不在规划期内(2015–2020 年,含基期)",
            "target year 2025 is outside the plan (2015–2020, baseline included)",
        ),
        Broken(
            "YAML syntax error",
            SHIPPED.replace("start_year: 2016", "start_year: 2016: 2020", 1),
            line_of(SHIPPED, "start_year: 2016"),
            "",
            "YAML 语法错误:此处不能有冒号",
            "YAML syntax error: mapping values are not allowed here",
            column=len("start_year: 2016") + 1,
        ),
        Broken(
            "extra unknown field",
            SHIPPED.replace("start_year: 2016\n", "start_year: 2016\ncolour: red\n", 1),
            line_of(SHIPPED, "start_year: 2016") + 1,
            "colour",
            "多余的字段",
            "Extra inputs are not permitted",
        ),
        Broken(
            "counted from an unknown facility type",
            SHIPPED.replace("  counted_from: {types: [museum]}", "  counted_from: {types: [planetarium]}", 1),
            line_of(SHIPPED, "  counted_from: {types: [museum]}"),
            f"indicators[{_indicator_index('T8-01')}].counted_from.types[0]",
            "指标 T8-01 的 counted_from 引用了未定义的设施类型「planetarium」",
            "indicator T8-01: counted_from names an unknown facility type 'planetarium'",
        ),
        Broken(
            "a rate counted from the registry",
            replace_once(
                SHIPPED, "  kind: stock\n  rollup: sum", "  kind: rate\n  rollup: sum", after="- code: T8-01\n"
            ),
            line_of(SHIPPED, "  counted_from: {types: [museum]}"),
            f"indicators[{_indicator_index('T8-01')}].counted_from",
            "从设施登记册计数的指标须为 stock、annual_count 或 cumulative_count,此指标是 rate",
            "an indicator counted from the registry must be a stock, annual_count or cumulative_count, not rate",
        ),
        Broken(
            "unit code not quoted",
            SHIPPED.replace("code: '230102'", "code: 230102", 1),
            line_of(SHIPPED, "code: '230102'"),
            "region.units[0].code",
            "应为文本,却是数字 230102:代码要加引号,如 '230102'",
            "quote codes, e.g. '230102'",
        ),
    ]


BROKEN = _broken_files()


def check(*args: str):
    return CliRunner().invoke(cli, ["plan", "check", *args], obj={}, catch_exceptions=False)


@pytest.mark.parametrize("broken", BROKEN, ids=[b.name for b in BROKEN])
def test_a_broken_plan_file_is_reported_at_its_line_and_field_in_chinese(tmp_path, broken):
    path = tmp_path / "broken.yaml"
    path.write_text(broken.text, encoding="utf-8")
    result = check(str(path))
    assert result.exit_code == 1, result.output
    where = f"{path}:{broken.line}" + (f":{broken.column}" if broken.column else "")
    expected = f"{where}: {broken.path}: {broken.zh}" if broken.path else f"{where}: {broken.zh}"
    lines = result.output.splitlines()
    assert any(line.startswith(expected) for line in lines), result.output
    assert lines[-1] == f"{path}: 发现 1 处问题"


@pytest.mark.parametrize("broken", BROKEN, ids=[b.name for b in BROKEN])
def test_lang_en_reports_the_same_problem_in_english(tmp_path, broken):
    path = tmp_path / "broken.yaml"
    path.write_text(broken.text, encoding="utf-8")
    result = check("--lang", "en", str(path))
    assert result.exit_code == 1
    where = f"{path}:{broken.line}" + (f":{broken.column}" if broken.column else "")
    prefix = f"{where}: {broken.path}: " if broken.path else f"{where}: "
    assert any(line.startswith(prefix) and broken.en in line for line in result.output.splitlines()), result.output
    assert result.output.splitlines()[-1] == f"{path}: 1 problem"


@pytest.mark.parametrize("plan_file", sorted(PLANS_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_plan_passes(plan_file):
    result = check(str(plan_file))
    assert result.exit_code == 0, result.output
    plan = load_plan(plan_file)
    assert result.output == (
        f"{plan_file}: 计划文件有效:{plan.code},{len(plan.tasks)} 项任务,"
        f"{len(plan.indicators)} 项指标,{len(plan.region.units)} 个单位\n"
    )


def test_every_problem_is_reported_not_only_the_first(tmp_path):
    text = SHIPPED
    for code in ("nosuch", "nowhere"):
        text = text.replace("lead: [", f"lead: [{code}, ", 1)  # T1 gets nowhere, then nosuch
    text = text.replace("- code: T1-02\n", "- code: T1-01\n", 1)
    path = tmp_path / "several.yaml"
    path.write_text(text, encoding="utf-8")
    result = check("--lang", "en", str(path))
    assert result.exit_code == 1
    problems = result.output.splitlines()[:-1]
    assert len(problems) == 3, result.output
    assert "'nowhere'" in problems[0] and "'nosuch'" in problems[1] and "T1-01" in problems[2]
    lines = [int(p.split(":")[1]) for p in problems]
    assert lines == sorted(lines)


def test_fields_to_fill_are_reported_at_their_lines_and_fail_the_check(tmp_path):
    text = SHIPPED.replace(
        "start_year: 2016\n", "start_year: 2016\nto_fill: ['region.units[3].population', title]\n", 1
    )
    path = tmp_path / "unfinished.yaml"
    path.write_text(text, encoding="utf-8")
    result = check(str(path))
    assert result.exit_code == 1
    unit_line = line_of(text, "code: '230108'")
    assert result.output.splitlines() == [
        f"{path}:{line_of(text, 'title: ')}: title: 待填写",
        f"{path}:{unit_line}: region.units[3].population: 待填写",
        f"{path}: 发现 2 处问题",
    ]
    assert load_plan(path).to_fill  # the app still runs on it


def test_several_files_fail_when_one_does(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("code: x\n", encoding="utf-8")
    result = check(str(DEFAULT_PLAN_FILE), str(bad), str(tmp_path / "absent.yaml"))
    assert result.exit_code == 1
    out = result.output
    assert "计划文件有效" in out and f"{bad}:1: title: 缺少必填字段" in out
    assert f"{tmp_path / 'absent.yaml'}: 文件不存在" in out


def test_load_plan_names_the_line_too(tmp_path):
    broken = next(b for b in BROKEN if b.name == "unknown department in a task role")
    path = tmp_path / "broken.yaml"
    path.write_text(broken.text, encoding="utf-8")
    with pytest.raises(PlanFileError) as err:
        load_plan(path)
    assert f"{path}:{broken.line}: {broken.path}: {broken.zh} / {broken.en}" in str(err.value)
    assert err.value.problems == [(broken.path, f"{broken.zh} / {broken.en} (not in departments)")]


def test_load_plan_reports_a_yaml_syntax_error_with_its_line(tmp_path: Path):
    path = tmp_path / "broken.yaml"
    path.write_text("code: x\nstart_year: 2016: x\n", encoding="utf-8")
    with pytest.raises(PlanFileError) as err:
        load_plan(path)
    assert f"{path}:2: (top): YAML 语法错误" in str(err.value)
