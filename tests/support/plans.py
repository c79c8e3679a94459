"""Plans for tests of a deployment with several plans, made from the shipped Harbin plan.

No invented plan is shipped as real: the next period's plan exists only here, written into a test's
folder by small edits of the shipped file (its code, years, targets' years and title), so it stays
in step with the shipped plan's format. Its title says it is a test fixture.
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from data.plan import DEFAULT_PLAN_FILE

SHIPPED = "harbin-2016-2020"
NEXT = "fixture-2021-2025"
# Indicators of the next plan that continue the shipped plan's (same codes: the same measure).
CONTINUED = ("G-01", "T1-01", "T8-01")


def shipped_raw() -> dict:
    return yaml.safe_load(Path(DEFAULT_PLAN_FILE).read_text(encoding="utf-8"))


def next_period(raw: dict, *, start: int = 2021, end: int = 2025, code: str = NEXT) -> dict:
    """The shipped plan moved on to another period: a fixture, not a plan anyone issued."""
    out = copy.deepcopy(raw)
    out["code"] = code
    out["title"] = {
        "zh": f"哈尔滨市全民科学素质行动规划纲要实施方案({start}—{end}年)(测试用)",
        "en": f"Harbin Implementation Plan for Scientific Literacy for All ({start}–{end}) (test fixture)",
    }
    out["start_year"], out["end_year"], out["baseline_year"] = start, end, start - 1
    for ind in out["indicators"]:
        if ind.get("target"):
            ind["target"]["year"] = end
    return out


def write_plans(folder: Path, *, follows: bool = False) -> Path:
    """A folder with the shipped plan and the fixture 2021–2025 plan (``follows``: the latter says it
    follows the former and continues CONTINUED); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    raw = shipped_raw()
    (folder / f"{SHIPPED}.yaml").write_text(Path(DEFAULT_PLAN_FILE).read_text(encoding="utf-8"), encoding="utf-8")
    successor = next_period(raw)
    if follows:
        successor["follows"] = SHIPPED
        for ind in successor["indicators"]:
            if ind["code"] in CONTINUED:
                ind["continues"] = ind["code"]
    (folder / f"{NEXT}.yaml").write_text(
        yaml.safe_dump(successor, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return folder


def with_tasks(raw: dict, count: int, *, code: str) -> dict:
    """The shipped plan with ``count`` key tasks instead of ten (a fixture, not a plan anyone issued):
    fewer drops the last tasks and their indicators; more repeats the last task, renumbered, with
    its indicators renamed to match, so every page and report meets a task beyond T10."""
    out = copy.deepcopy(raw)
    out["code"] = code
    for lang in ("zh", "en"):
        out["title"][lang] += f" ({count} tasks, test fixture)"
    tasks, indicators = out["tasks"][:count], [i for i in out["indicators"] if i.get("task") is None]
    kept = {t["code"] for t in tasks}
    indicators += [i for i in out["indicators"] if i.get("task") in kept]
    last = out["tasks"][-1]
    for n in range(len(tasks) + 1, count + 1):
        extra = copy.deepcopy(last) | {"code": f"T{n}"}
        tasks.append(extra)
        for ind in out["indicators"]:
            if ind.get("task") == last["code"]:
                number = ind["code"].split("-")[1]
                indicators.append(copy.deepcopy(ind) | {"code": f"T{n}-{number}", "task": f"T{n}"})
    out["tasks"], out["indicators"] = tasks, indicators
    return out
