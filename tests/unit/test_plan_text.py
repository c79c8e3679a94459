"""The plan file against the plan's own text.

These tests read the seed text (the scraped page the plan file transcribes)
with their own regular expressions and compare what they find with the
loaded plan, so a slip in the transcription -- a dropped measure, a
department in the wrong role, a target without an indicator -- fails here
rather than on a leader's screen.  They deliberately do not compare the plan
with a second copy of itself.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from data.plan import DEFAULT_PLAN_FILE, PlanFileError, TargetType, load_plan
from tests.support.paths import ROOT

# The plan's text lives beside the clone (CI puts shared/ there), or wherever KEPU_SEED_TEXT says.
SEED_FILE = Path(os.environ.get("KEPU_SEED_TEXT") or ROOT.parent / "shared" / "seed" / "000_726cecca70fc547e.txt")

# The page chrome of the document-sharing site surrounds the plan.
TEXT_START = "哈尔滨市全民科学素质行动计划纲要"
TEXT_END = "展开阅读全文"
CN_NUMERALS = "一二三四五六七八九十"


@dataclass
class SeedMeasure:
    number: int
    title: str
    text: list[str] = field(default_factory=list)


@dataclass
class SeedTask:
    numeral: str
    title: str
    intro: list[str] = field(default_factory=list)
    measures: list[SeedMeasure] = field(default_factory=list)
    division: str = ""

    @property
    def section(self) -> str:
        return f"三({self.numeral})"


@dataclass
class Seed:
    paragraphs: list[tuple[str, str]]  # (section, paragraph), e.g. ("三(三)1", "...")
    tasks: list[SeedTask]

    def section_text(self, section: str) -> str:
        return "".join(p for s, p in self.paragraphs if s == section)


def parse_seed(raw: str) -> Seed:
    lines = [line.strip() for line in raw.splitlines()]
    body = [line for line in lines[lines.index(TEXT_START) : lines.index(TEXT_END)] if line]
    paragraphs: list[tuple[str, str]] = []
    tasks: list[SeedTask] = []
    part = ""  # 一 .. 四
    task: SeedTask | None = None
    after_division = False
    for line in body:
        if m := re.match(r"^([一二三四五六七八九十])、", line):
            part, task = m.group(1), None
            continue
        if part == "三" and (m := re.match(r"^\(([一二三四五六七八九十])\)(.+?)。$", line)):
            task = SeedTask(m.group(1), m.group(2))
            tasks.append(task)
            continue
        if task is None:
            paragraphs.append((part, line))
            continue
        if line == "任务分工:":
            after_division = True
            continue
        if after_division:
            task.division, after_division = line, False
            continue
        if m := re.match(r"^(\d+)\.(.+?)。$", line):
            task.measures.append(SeedMeasure(int(m.group(1)), m.group(2)))
            paragraphs.append((f"{task.section}{m.group(1)}", line))
            continue
        if task.measures:
            task.measures[-1].text.append(line)
            paragraphs.append((f"{task.section}{task.measures[-1].number}", line))
        else:
            task.intro.append(line)
            paragraphs.append((task.section, line))
    return Seed(paragraphs, tasks)


@pytest.fixture(scope="module")
def seed() -> Seed:
    if not SEED_FILE.exists():
        if os.environ.get("CI"):  # CI has shared/ beside the clone: a missing seed is an error there
            pytest.fail(f"seed text not found at {SEED_FILE}")
        pytest.skip(f"seed text not found at {SEED_FILE}: these tests compare the plan file with it")
    return parse_seed(SEED_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan():
    return load_plan()


def canonical_name(name: str) -> str:
    """The text lists 「市教育局、科技局」: an unprefixed bureau in a city list is the city's (市科技局).

    「市场监督管理局」 starts with the word 市场 (market), not with the prefix 市.
    """
    if re.match(r"^(市(?!场)|团市委|哈尔滨)", name):
        return name
    return "市" + name


def split_division(line: str) -> tuple[list[str], list[str]]:
    m = re.match(r"^(.+?)牵头,(.+?)等单位(?:配合|参加)。$", line)
    assert m, f"任务分工 line not understood: {line}"
    return m.group(1).split("、"), m.group(2).split("、")


# -- the parser itself ----------------------------------------------------------


def test_seed_parser_finds_ten_tasks_with_measures_and_a_division_line(seed):
    assert [t.numeral for t in seed.tasks] == list(CN_NUMERALS)
    for t in seed.tasks:
        assert t.intro and t.measures and t.division, t.section
        assert [m.number for m in t.measures] == list(range(1, len(t.measures) + 1)), t.section


# -- header, goal, objectives --------------------------------------------------------


def test_goal_sentence_is_the_plans_words_and_names_the_twelve_percent(plan, seed):
    assert (("二", plan.goal.text)) in seed.paragraphs
    assert "12%" in plan.goal.text
    assert plan.goal.indicator == "G-01"


def test_four_objectives_are_the_dash_lines_of_section_two_in_order(plan, seed):
    section_two = [p for s, p in seed.paragraphs if s == "二"]
    headings = [(i, p) for i, p in enumerate(section_two) if p.startswith("——")]
    assert [o.code for o in plan.objectives] == ["O1", "O2", "O3", "O4"]
    assert len(headings) == len(plan.objectives)
    for obj, (i, heading) in zip(plan.objectives, headings, strict=True):
        assert heading == f"——{obj.title.zh}。"
        assert section_two[i + 1] == obj.text


def test_plan_header_says_the_text_is_a_truncated_scraped_copy(plan):
    assert (plan.start_year, plan.end_year, plan.baseline_year) == (2016, 2020, 2015)
    assert "四(二)" in plan.source_note


# -- tasks and measures ---------------------------------------------------------


def test_ten_tasks_have_the_texts_titles_in_text_order(plan, seed):
    assert [(t.section, t.title.zh) for t in plan.tasks] == [(s.section, s.title) for s in seed.tasks]
    assert plan.tasks[0].title.zh == "实施青少年科学素质行动"


def test_tasks_one_to_four_are_actions_and_five_to_ten_projects(plan):
    for t in plan.tasks:
        word = "行动" if t.kind.value == "action" else "工程"
        assert t.title.zh.endswith(word), t.code


def test_task_intros_are_verbatim(plan, seed):
    for task, s in zip(plan.tasks, seed.tasks, strict=True):
        assert list(task.intro) == s.intro, task.code


def test_each_measure_title_appears_numbered_in_its_section(plan, seed):
    for task, s in zip(plan.tasks, seed.tasks, strict=True):
        assert [(m.number, m.title.zh) for m in task.measures] == [(m.number, m.title) for m in s.measures], task.code
        for m in task.measures:
            assert m.section == f"{task.section}{m.number}"
            assert (m.section, f"{m.number}.{m.title.zh}。") in seed.paragraphs


def test_measure_texts_are_verbatim(plan, seed):
    for task, s in zip(plan.tasks, seed.tasks, strict=True):
        for m, sm in zip(task.measures, s.measures, strict=True):
            assert list(m.text) == sm.text, m.section


# -- departments and roles ----------------------------------------------------------


def test_division_line_is_verbatim(plan, seed):
    for task, s in zip(plan.tasks, seed.tasks, strict=True):
        assert task.division_text == s.division, task.code


def test_roles_follow_the_division_line_in_the_texts_order(plan, seed):
    for task, s in zip(plan.tasks, seed.tasks, strict=True):
        lead_names, cooperate_names = split_division(s.division)
        for role, names, codes in (
            ("lead", lead_names, task.roles.lead),
            ("cooperate", cooperate_names, task.roles.cooperate),
        ):
            resolved = []
            for name in names:
                dept = plan.department_by_name(name)
                assert dept is not None, f"{task.code} {role}: {name} is not a department or alias"
                assert dept.name.zh == canonical_name(name), f"{name} should resolve to {canonical_name(name)}"
                resolved.append(dept.code)
            assert list(codes) == resolved, f"{task.code} {role}"


def test_every_department_is_named_in_some_division_line_and_aliases_are_the_texts(plan, seed):
    names = {n for s in seed.tasks for part in split_division(s.division) for n in part}
    named = {plan.department_by_name(n).code for n in names}
    assert named == {d.code for d in plan.departments}
    for d in plan.departments:
        for alias in d.aliases:
            assert alias in names, f"{d.code}: alias {alias} is not a spelling the text uses"
    spellings = [s for d in plan.departments for s in (d.name.zh, *d.aliases)]
    assert len(spellings) == len(set(spellings)), "a spelling belongs to two departments"


# -- targets ------------------------------------------------------------------------

# A figure followed by a unit of quantity, not a year (2020年) or a title (中国制造2025).
TARGET_NUMBER = re.compile(r"(\d+)(%|个|名|人次|人)")


def _target_numbers(seed: Seed) -> list[tuple[str, float, str]]:
    """(section, value, the clause that states it) for every figure with a unit in 二 and 三."""
    out = []
    for section, paragraph in seed.paragraphs:
        if not section.startswith(("二", "三")):
            continue
        for clause in re.split(r"[,、。]", paragraph):
            for m in TARGET_NUMBER.finditer(clause):
                out.append((section, float(m.group(1)), clause))
    return out


def test_every_number_the_text_sets_as_a_target_has_an_indicator(plan, seed):
    found = _target_numbers(seed)
    # 12%, 10个 bases, 1000名, 300人, 200个, 800人次, 6个, 10个, 10个
    assert len(found) == 9, found
    targets = [(i.target.section, i.target.value, i.target.quote) for i in plan.stated_targets]
    for section, value, clause in found:
        hits = [q for s, v, q in targets if s == section and v == value and clause in q]
        assert len(hits) == 1, f"{clause} ({section}): {hits}"


def _full_coverage_clauses(seed: Seed) -> list[tuple[str, str]]:
    out = []
    for section, paragraph in seed.paragraphs:
        for clause in re.split(r"[,。]", paragraph):
            # 「结合青少年科普活动站全覆盖工作」 refers back to task 1's target; it sets none.
            if re.search(r"全覆盖|全面培训", clause) and not clause.startswith("结合"):
                out.append((section, clause))
    return out


def test_every_full_coverage_in_the_text_has_a_full_coverage_target(plan, seed):
    found = _full_coverage_clauses(seed)
    assert [s for s, _ in found] == ["三(一)4", "三(七)", "三(十)2"]
    for section, clause in found:
        hits = [
            i
            for i in plan.stated_targets
            if i.target.type == TargetType.full_coverage and i.target.section == section and i.target.quote == clause
        ]
        assert len(hits) == 1, f"{clause} ({section})"
        assert hits[0].target.value == 100


def test_stated_target_quotes_are_verbatim_in_their_section(plan, seed):
    for ind in plan.stated_targets:
        t = ind.target
        assert t.section == ind.section, ind.code
        assert t.quote and t.quote in seed.section_text(t.section), f"{ind.code}: {t.quote!r} not in {t.section}"
        assert t.year == plan.end_year, ind.code


def test_target_kinds_match_what_the_text_says(plan):
    by_quote = {i.target.quote: i for i in plan.stated_targets}

    def one(words):
        hits = [i for q, i in by_quote.items() if words in q]
        assert len(hits) == 1, words
        return hits[0]

    assert one("12%").target.type == TargetType.level_by_year
    assert one("每年培训1000名").target.type == TargetType.every_year
    for words in ("10个专业技术人才继续教育基地", "300人", "200个", "800人次"):
        assert one(words).target.type == TargetType.cumulative, words
    for words in ("达到6个", "国家重点实验室达到10个", "博士后研究站10个"):
        assert one(words).target.type == TargetType.level_by_year, words
        assert one(words).kind.value == "stock", words


def test_measure_sections_of_indicators_exist(plan):
    for ind in plan.indicators:
        if ind.measure is not None:
            assert ind.section == f"{plan.task_by_code[ind.task].section}{ind.measure}", ind.code
        elif ind.task is not None:
            assert ind.section == plan.task_by_code[ind.task].section, ind.code


# -- the catalogue ------------------------------------------------------------------


def test_catalogue_has_at_least_forty_indicators_and_three_per_task(plan):
    assert len(plan.indicators) >= 40
    for t in plan.tasks:
        assert len(plan.indicators_for(t.code)) >= 3, t.code


def test_indicator_codes_are_unique_and_numbered_within_their_task(plan):
    codes = [i.code for i in plan.indicators]
    assert len(codes) == len(set(codes))
    for ind in plan.indicators:
        prefix = "G" if ind.task is None else ind.task
        assert ind.code.startswith(prefix + "-"), ind.code


def test_rollups_suit_their_kinds(plan):
    for ind in plan.indicators:
        if ind.kind.value == "coverage":
            assert ind.rollup.value == "ratio_of_sums", ind.code
        elif ind.kind.value in ("annual_count", "cumulative_count", "stock"):
            assert ind.rollup.value in ("sum", "city_only"), ind.code
    mappable = [i for i in plan.indicators if i.rollup.value != "city_only"]
    assert len(mappable) > len(plan.indicators) / 2


# -- a broken file ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value", "field_path"),
    [
        (("tasks", 2, "measures", 0, "number"), "one", "tasks[2].measures[0].number"),
        (("indicators", 5, "colour"), "red", "indicators[5].colour"),
        (("indicators", 0, "kind"), "average", "indicators[0].kind"),
    ],
)
def test_a_broken_plan_file_names_the_file_and_the_field(tmp_path, path, value, field_path):
    raw = yaml.safe_load(DEFAULT_PLAN_FILE.read_text(encoding="utf-8"))
    node = raw
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    broken = tmp_path / "broken-plan.yaml"
    broken.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PlanFileError) as err:
        load_plan(broken)
    message = str(err.value)
    assert str(broken) in message
    assert field_path in message
