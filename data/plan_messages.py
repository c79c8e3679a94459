"""What ``kepu plan check`` can say about a plan file: message keys with Chinese and English text.

A problem's key is either pydantic's error type (``missing``, ``int_parsing``...), whose English
is pydantic's own message and whose Chinese is here, or one of our rules (a role naming an unknown
department, a target year outside the plan...), written here in both languages.  An error type
not listed here reads as pydantic's English in both languages rather than failing.

These words live here, not in the dashboard's catalogue (dashboard/i18n.py), for the reason
data/import_messages.py gives: the checker in ``data/`` fills them with what it found in the file,
and ``data/`` may not import the dashboard.  See docs/i18n.md and docs/plan-format.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from data.plan import FieldProblem, Loc, field_path, in_language

# Pydantic's error types → Chinese; the English is pydantic's message (``msg``).  Placeholders are
# pydantic's context (``ge``, ``pattern``, ``expected``...) and ``input``, the value found.
PYDANTIC_ZH: dict[str, str] = {
    "missing": "缺少必填字段",
    "extra_forbidden": "多余的字段(拼写错误?各处允许的字段见 docs/plan-format.md)",
    "string_type": "应为文本,却是 {input}",
    "int_type": "应为整数,却是 {input}",
    "int_parsing": "应为整数,「{input}」不是整数",
    "int_from_float": "应为整数,{input} 带小数",
    "float_type": "应为数字,却是 {input}",
    "float_parsing": "应为数字,「{input}」不是数字",
    "bool_type": "应为 true 或 false,却是 {input}",
    "bool_parsing": "应为 true 或 false,「{input}」不是",
    "greater_than_equal": "应不小于 {ge},却是 {input}",
    "greater_than": "应大于 {gt},却是 {input}",
    "less_than_equal": "应不大于 {le},却是 {input}",
    "less_than": "应小于 {lt},却是 {input}",
    "string_pattern_mismatch": "「{input}」的格式不对,应符合正则表达式 {pattern}",
    "string_too_short": "不能为空(至少 {min_length} 个字符)",
    "string_too_long": "太长(至多 {max_length} 个字符)",
    "too_short": "至少要有 {min_length} 项,现有 {actual_length} 项",
    "too_long": "至多 {max_length} 项,现有 {actual_length} 项",
    "enum": "「{input}」不是允许的取值,应为 {expected} 之一",
    "literal_error": "「{input}」不是允许的取值,应为 {expected} 之一",
    "model_type": "应为映射(「字段: 值」的集合),却是 {input}",
    "model_attributes_type": "应为映射(「字段: 值」的集合),却是 {input}",
    "dict_type": "应为映射(「字段: 值」的集合),却是 {input}",
    "tuple_type": "应为列表,却是 {input}",
    "list_type": "应为列表,却是 {input}",
}

# Our own problems: key → (zh, en).
MESSAGES: dict[str, tuple[str, str]] = {
    # -- the file ------------------------------------------------------------------------------
    "file_not_found": ("文件不存在", "file not found"),
    "not_utf8": ("文件不是 UTF-8 编码", "the file is not UTF-8 text"),
    "yaml_syntax": ("YAML 语法错误:{problem_zh}", "YAML syntax error: {problem}"),
    "not_a_mapping": (
        "文件顶层应为映射(「字段: 值」的集合),从 code: 开始",
        "the file should hold a mapping of fields, starting with code:",
    ),
    "duplicate_key": (
        "字段「{name}」写了两次(另见第 {first_line} 行),只有后一个有效",
        "the field '{name}' is written twice (also on line {first_line}); only the last counts",
    ),
    # the numbers and a string field: YAML reads an unquoted code (230202) as a number
    "string_type_number": (
        "应为文本,却是数字 {input}:代码要加引号,如 '{input}'",
        "should be text, not the number {input}: quote codes, e.g. '{input}'",
    ),
    # -- rules across fields (data.plan.cross_reference_problems and the models' validators) --
    "baseline_after_start": (
        "基期年份不能晚于规划起始年份 {start}",
        "the baseline year cannot be after the start year {start}",
    ),
    "end_before_start": (
        "规划结束年份不能早于起始年份 {start}",
        "the end year cannot be before the start year {start}",
    ),
    "task_order": (
        "任务应依次编号为 T1、T2…:此处应为 {expected},却是 {code}",
        "tasks must be numbered T1, T2, … in order: expected {expected} here, found {code}",
    ),
    "duplicate_department": (
        "部门代码「{code}」重复(已用于{other})",
        "department code '{code}' is used twice (first at {other})",
    ),
    "duplicate_unit": (
        "区县代码「{code}」重复(已用于{other})",
        "unit code '{code}' is used twice (first at {other})",
    ),
    "duplicate_indicator": (
        "指标代码「{code}」重复(已用于{other})",
        "indicator code '{code}' is used twice (first at {other})",
    ),
    "unknown_department": (
        "任务 {task} 的{role_zh}单位「{code}」不在 departments 中",
        "task {task} {role_en}: unknown department '{code}' (not in departments)",
    ),
    "lead_and_cooperate": (
        "部门「{code}」在任务 {task} 中既是牵头单位又是配合单位",
        "department '{code}' both leads and cooperates on task {task}",
    ),
    "unknown_task": (
        "指标 {code} 的任务「{task}」不存在",
        "indicator {code}: unknown task '{task}'",
    ),
    "unknown_measure": (
        "任务 {task} 没有第 {measure} 项措施",
        "task {task} has no measure {measure}",
    ),
    "target_year_outside": (
        "目标年份 {year} 不在规划期内({from_year}–{to_year} 年,含基期)",
        "target year {year} is outside the plan ({from_year}–{to_year}, baseline included)",
    ),
    "unknown_goal_indicator": (
        "总体目标的指标「{code}」不在 indicators 中",
        "the goal's indicator '{code}' is not in the catalogue (indicators)",
    ),
    "coverage_needs_parts": (
        "覆盖率指标须填写分子和分母的名称",
        "a coverage indicator needs numerator and denominator labels",
    ),
    "target_needed": (
        "规划写明目标的指标(monitoring_only: false)须有 target",
        "an indicator for a stated target (monitoring_only: false) needs its target",
    ),
    "full_coverage_kind": (
        "全覆盖目标只适用于 rate 或 coverage 指标,此指标是 {kind}",
        "full coverage targets apply to rate or coverage indicators, not {kind}",
    ),
    "counted_kind": (
        "从设施登记册计数的指标须为 stock、annual_count 或 cumulative_count,此指标是 {kind}",
        "an indicator counted from the registry must be a stock, annual_count or cumulative_count, not {kind}",
    ),
    "counted_rollup": (
        "从设施登记册计数的指标须按 sum 汇总到全市,此指标是 {rollup}",
        "an indicator counted from the registry must roll up by sum, not {rollup}",
    ),
    "duplicate_facility_type": (
        "设施类型代码「{code}」重复(已用于{other})",
        "facility type code '{code}' is used twice (first at {other})",
    ),
    "unknown_facility_type": (
        "指标 {code} 的 counted_from 引用了未定义的设施类型「{type}」(见 facility_types)",
        "indicator {code}: counted_from names an unknown facility type '{type}' (see facility_types)",
    ),
    # -- still to fill in (Plan.to_fill) ---------------------------------------------------------
    "to_fill": ("待填写", "to fill in"),
}

# PyYAML's commonest complaints (by how they start) in Chinese; its English follows in brackets.
YAML_PROBLEMS_ZH: dict[str, str] = {
    "mapping values are not allowed here": "此处不能有冒号(含「: 」的文本要加引号)",
    "could not find expected ':'": "缺少冒号,或缩进不齐",
    "found character '\\t' that cannot start any token": "不能用 Tab 缩进,请用空格",
    "found unexpected end of stream": "文件在引号或括号闭合之前结束",
    "expected ',' or ']'": "列表 [...] 没有闭合,或缺少逗号",
    "expected ',' or '}'": "映射 {...} 没有闭合,或缺少逗号",
    "did not find expected key": "缩进不齐,或列表项「- 」的位置不对",
    "did not find expected '-' indicator": "缩进不齐,或列表项「- 」的位置不对",
    "found duplicate anchor": "锚点(&)重名",
}

ROLE_NAMES = {"lead": ("牵头", "lead"), "cooperate": ("配合", "cooperate")}

# How another place in the file reads in a message: 「第 12 行 indicators[3].code」.
PLACE: dict[str, dict[str, str]] = {
    "with_line": {"zh": "第 {line} 行 {path}", "en": "{path}, line {line}"},
    "path_only": {"zh": " {path}", "en": "{path}"},
}

# Where "the other place" of a message is: a function giving a field path's line, if known.
LineOf = Callable[[Loc], int | None]


def _show(value: object, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fill(template: str, params: Mapping[str, object]) -> str:
    try:
        return template.format(**params)
    except (KeyError, ValueError, IndexError):
        return template


def _place(loc: Loc, lang: str, line_of: LineOf | None) -> str:
    line = line_of(loc) if line_of else None
    form = "with_line" if line else "path_only"
    return in_language(PLACE[form], lang).format(path=field_path(loc), line=line)


def message(problem: FieldProblem, lang: str, line_of: LineOf | None = None) -> str:
    """A problem's words in a language; ``line_of`` adds the line of another place it names."""
    params: dict[str, object] = dict(problem.params)
    key = problem.key
    if key == "string_type" and isinstance(params.get("input"), int | float) and not isinstance(params["input"], bool):
        key = "string_type_number"
    if "input" in params:
        params["input"] = _show(params["input"])
    other = params.get("other")
    if isinstance(other, tuple):
        params["other"] = _place(other, lang, line_of)
    if key == "yaml_syntax":
        english = str(params.get("problem"))
        zh = next((words for start, words in YAML_PROBLEMS_ZH.items() if english.startswith(start)), "")
        params["problem_zh"] = f"{zh}({english})" if zh else english
    if params.get("role") in ROLE_NAMES:
        params["role_zh"], params["role_en"] = ROLE_NAMES[str(params["role"])]
    if key in MESSAGES:
        zh, en = MESSAGES[key]
        return _fill(in_language({"zh": zh, "en": en}, lang), params)
    english = str(params.get("msg") or key)
    zh = _fill(PYDANTIC_ZH[key], params) if key in PYDANTIC_ZH else english
    return in_language({"zh": zh, "en": english}, lang)
