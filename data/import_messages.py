"""What an import can say about a file: message keys with Chinese and English text.

Every problem carries its key (stable, for tests and the UI), where it is
(sheet, row, column, cell) and both languages; the UI picks one.  The table
in ``docs/import.md`` lists the same keys.

These words live here, not in the dashboard's catalogue (dashboard/i18n.py),
because the importer fills them with what it found in the file (row, column,
value, indicator) and ``data/`` may not import the dashboard; the CLI and the
web show the same text.  See docs/i18n.md.
"""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from data.facility_messages import VENUE_FIELD_NAMES, VENUE_MESSAGES
from data.plan import in_language

ERROR, WARNING = "error", "warning"

# key: (severity, zh, en).  Placeholders are filled from the problem's params.
MESSAGES: dict[str, tuple[str, str, str]] = {
    # -- the file as a whole ---------------------------------------------------------
    "file_too_large": (
        ERROR,
        "文件大小 {size} 字节,超过上限 {limit} 字节",
        "the file is {size} bytes, over the limit of {limit} bytes",
    ),
    "empty_file": (ERROR, "文件是空的", "the file is empty"),
    "unsupported_type": (
        ERROR,
        "不支持的文件类型「{ext}」:请上传 .xlsx 或 .csv 文件",
        "unsupported file type '{ext}': upload an .xlsx or .csv file",
    ),
    "type_mismatch": (
        ERROR,
        "文件名是 {ext},内容却是{found_zh}:{hint_zh}",
        "the file is named {ext} but holds {found_en}: {hint_en}",
    ),
    "old_workbook": (
        ERROR,
        "不能直接导入「{ext}」格式的工作簿:请在 Excel 或 WPS 中「另存为」Excel 工作簿(.xlsx)后再上传",
        "'{ext}' workbooks cannot be imported: open it in Excel or WPS and save it as an Excel workbook (.xlsx)",
    ),
    "file_not_found": (ERROR, "找不到文件「{name}」", "file not found: '{name}'"),
    "formula_without_value": (
        ERROR,
        "公式 {formula} 没有计算结果:文件由程序写成、从未在 Excel 中打开过。请在 Excel 或 WPS 中打开并保存后再上传",
        (
            "formula {formula} has no computed value: the file was written by a program and never opened "
            "in Excel; open it in Excel or WPS, save it and upload it again"
        ),
    ),
    "hidden_sheet": (
        WARNING,
        "隐藏的工作表「{name}」未导入;如需导入,请先在 Excel 中取消隐藏",
        "the hidden sheet '{name}' was not imported; unhide it in Excel to import it",
    ),
    "more_problems": (
        WARNING,
        "另有 {n} 处同类问题({kind})未逐条列出",
        "{n} more problems of the same kind ({kind}) not listed one by one",
    ),
    "bad_encoding": (
        ERROR,
        "CSV 文件的编码无法识别:请另存为「CSV UTF-8」",
        "the CSV file's encoding is not UTF-8 or GB18030: save it as 'CSV UTF-8'",
    ),
    "corrupt_file": (
        ERROR,
        "无法读取该 Excel 文件(文件已损坏或不是工作簿):{detail}",
        "the Excel file cannot be read (damaged, or not a workbook): {detail}",
    ),
    "zip_too_large": (
        ERROR,
        "Excel 文件解压后有 {unzipped} 字节,超过上限 {limit} 字节",
        "the Excel file would expand to {unzipped} bytes, over the limit of {limit}",
    ),
    "zip_ratio": (
        ERROR,
        "Excel 文件的压缩比 {ratio:.0f} 倍,超过上限 {limit:.0f} 倍(疑似压缩炸弹)",
        "the Excel file expands {ratio:.0f} times its size, over the limit of {limit:.0f} (looks like a zip bomb)",
    ),
    "missing_column": (
        ERROR,
        "找不到表头:缺少「{columns}」列(表头须含 指标代码、区县、年份 和 数值/分子/分母)",
        (
            "no header row found: missing column(s) {columns_en} (the header needs "
            "indicator, district, year and value/numerator/denominator)"
        ),
    ),
    "duplicate_column": (ERROR, "「{name}」列出现了两次", "the column '{name}' appears twice"),
    "no_values": (ERROR, "文件中没有任何填报数值", "the file holds no figures to import"),
    # -- one row ---------------------------------------------------------------------
    "missing_field": (ERROR, "缺少{field_zh}", "{field_en} is missing"),
    "unknown_indicator": (ERROR, "未知指标「{value}」", "unknown indicator '{value}'"),
    "unknown_district": (ERROR, "未知区县「{value}」", "unknown district '{value}'"),
    "district_code_mismatch": (
        ERROR,
        "区县「{name}」与区县代码「{code}」不是同一地区",
        "district '{name}' and district code '{code}' are different places",
    ),
    "bad_year": (ERROR, "「{value}」不是年份", "'{value}' is not a year"),
    "year_out_of_range": (
        ERROR,
        "年份 {value} 不在规划期内({first}–{last} 年)",
        "year {value} is outside the plan ({first}–{last})",
    ),
    "not_a_number": (ERROR, "「{value}」不是数字", "'{value}' is not a number"),
    "negative": (ERROR, "{field_zh}不能为负数:{value}", "{field_en} cannot be negative: {value}"),
    "not_whole_number": (
        ERROR,
        "{field_zh}应为整数({unit}):{value}",
        "{field_en} must be a whole number ({unit_en}): {value}",
    ),
    "above_100": (ERROR, "百分比不能超过 100:{value}", "a percentage cannot exceed 100: {value}"),
    "unexpected_percent": (
        ERROR,
        "指标 {indicator} 的单位是「{unit}」,不是百分比:{value}",
        "indicator {indicator} is counted in {unit_en}, not a percentage: {value}",
    ),
    "numerator_above_denominator": (
        ERROR,
        "分子 {numerator} 大于分母 {denominator}",
        "numerator {numerator} is above the denominator {denominator}",
    ),
    "zero_denominator": (ERROR, "分母为 0", "the denominator is 0"),
    "note_too_long": (
        ERROR,
        "说明过长:{n} 字,最多 {limit} 字",
        "the note (说明) is too long: {n} characters, at most {limit}",
    ),
    "incomplete_parts": (ERROR, "分子和分母须同时填写", "give both numerator and denominator, or neither"),
    "parts_not_applicable": (
        ERROR,
        "指标 {indicator} 不是覆盖率指标,不填分子分母",
        "indicator {indicator} is not a coverage indicator: leave numerator and denominator empty",
    ),
    "value_mismatch": (
        ERROR,
        "数值 {value} 与分子/分母算出的 {computed} 不符",
        "value {value} does not match numerator/denominator ({computed})",
    ),
    "city_only": (
        ERROR,
        "指标 {indicator} 只统计全市数据,不能填区县「{value}」",
        "indicator {indicator} is reported for the whole city only, not for '{value}'",
    ),
    "conflicting_duplicate": (
        ERROR,
        "与第 {other_row} 行重复({indicator}、{district}、{year}),但数字不同",
        "same indicator, district and year as row {other_row} ({indicator}, {district}, {year}) with different figures",
    ),
    # -- warnings (the file is still accepted) ---------------------------------------
    "duplicate_row": (WARNING, "与第 {other_row} 行重复,只计一次", "repeats row {other_row}; counted once"),
    "parts_missing": (
        WARNING,
        "覆盖率指标 {indicator} 未填分子分母,全市汇总时无法计入",
        "coverage indicator {indicator} has no numerator/denominator: the city roll-up cannot use it",
    ),
    "looks_like_fraction": (
        WARNING,
        "{value} 像是小数形式的比例,该指标单位为 %(如 45% 应填 45)",
        "{value} looks like a fraction; this indicator is in % (45 % is 45)",
    ),
    "city_not_given": (
        WARNING,
        "指标 {indicator} 填了区县数据但没有全市数据({years}),全市数字保持原样",
        "indicator {indicator} has district figures but no city figure ({years}); the city's figure stays as it is",
    ),
}

# Failures at confirm or rollback time (not tied to a cell).
ACTION_MESSAGES: dict[str, tuple[str, str]] = {
    "refused": ("文件有错误,未导入任何数据", "the file has errors; nothing was imported"),
    "stale_preview": (
        "预览之后数据已被修改({cells} 个单元格),请重新预览后再确认",
        "the data changed since the preview ({cells} cells); preview again, then confirm",
    ),
    "store_busy": (
        "数据库正忙或发生冲突,未写入任何数据,请稍后重试:{detail}",
        "the store was busy or a write conflicted; nothing was written, try again: {detail}",
    ),
    "unknown_batch": ("没有批次 {batch}", "there is no batch {batch}"),
    "other_plan": (
        "批次 {batch} 属于另一个规划({plan}),请在该规划下回滚",
        "batch {batch} belongs to another plan ({plan}): roll it back from that plan",
    ),
    "not_an_import": (
        "批次 {batch} 是示例数据,不能回滚(请用「清除示例数据」)",
        "batch {batch} is sample data, not an import (clear sample data instead)",
    ),
    "already_rolled_back": ("批次 {batch} 已于 {when} 回滚", "batch {batch} was already rolled back at {when}"),
    "superseded": (
        "批次 {batch} 的部分数值已被后来的批次 {later} 修改,请先回滚批次 {later}",
        "values of batch {batch} were since changed by later batch(es) {later}: roll those back first",
    ),
    "not_active": (
        "批次 {batch} 待审核或已退回,其数值从未计入,无需回滚",
        "batch {batch} is awaiting review or was returned: its values never counted, there is nothing to roll back",
    ),
    "not_pending": (
        "批次 {batch} 不在待审核状态(已审核、已退回或已回滚)",
        "batch {batch} is not awaiting review (already accepted, returned or rolled back)",
    ),
    "no_reason": ("退回须说明理由", "a returned batch needs a reason"),
}

FIELD_NAMES = {
    "indicator": ("指标代码", "indicator"),
    "district": ("区县", "district"),
    "district_code": ("区县代码", "district code"),
    "year": ("年份", "year"),
    "value": ("数值", "value"),
    "numerator": ("分子", "numerator"),
    "denominator": ("分母", "denominator"),
    "source": ("来源", "source"),
    "note": ("备注", "note"),
    "explanation": ("说明", "data note"),
}

# A venue list's (data/facilities.py): its own problems and columns, in the same table.
MESSAGES.update(VENUE_MESSAGES)
FIELD_NAMES.update(VENUE_FIELD_NAMES)


# Where a problem is, by language; "joiner" goes between the parts.
PLACE: dict[str, dict[str, str]] = {
    "sheet": {"zh": "工作表「{sheet}」", "en": "sheet '{sheet}'"},
    "row": {"zh": "第 {row} 行", "en": "row {row}"},
    "column": {"zh": "「{column}」列", "en": "column '{column}'"},
    "cell": {"zh": "({cell})", "en": "({cell})"},
    "joiner": {"zh": "", "en": " "},
}


@dataclass
class Problem:
    """One thing wrong (severity error) or worth a look (warning) in a file."""

    key: str
    severity: str
    zh: str
    en: str
    sheet: str | None = None
    row: int | None = None  # 1-based, as the spreadsheet shows it
    column: str | None = None  # the header as written in the file
    cell: str | None = None  # e.g. "F12"
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def where(self, lang: str = "zh") -> str:
        """Sheet, row, column and cell as each language writes them: 工作表「数据」第 3 行 / sheet 'data' row 3."""
        forms = {code: in_language(PLACE[code], lang) for code in PLACE}
        parts = [
            forms[part].format(**{part: value})
            for part, value in (("sheet", self.sheet), ("row", self.row), ("column", self.column), ("cell", self.cell))
            if value
        ]
        return forms["joiner"].join(parts)

    def text(self, lang: str = "zh") -> str:
        where = self.where(lang)
        msg = in_language({"zh": self.zh, "en": self.en}, lang)
        return f"{where}: {msg}" if where else msg

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["params"] = {k: v for k, v in self.params.items() if not k.endswith(("_zh", "_en"))}
        return d


def _fill(template: str, params: dict[str, Any]) -> str:
    try:
        return template.format(**params)
    except (KeyError, ValueError, IndexError):
        return template


def printable(text: str) -> str:
    """``text`` without control and format characters (categories Cc, Cf): a file name or cell
    holding terminal escape sequences, a NUL byte or a right-to-left override must not reach
    the store, a terminal or a page as it came."""
    if text.isprintable():
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))


def _printable_params(params: dict[str, Any]) -> dict[str, Any]:
    return {k: printable(v) if isinstance(v, str) else v for k, v in params.items()}


def problem(
    key: str,
    *,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
    cell: str | None = None,
    **params: Any,
) -> Problem:
    severity, zh, en = MESSAGES[key]
    params = _printable_params(params)
    sheet = printable(sheet) if sheet else sheet
    column = printable(column) if column else column
    if "field" in params and params["field"] in FIELD_NAMES:
        params.setdefault("field_zh", FIELD_NAMES[params["field"]][0])
        params.setdefault("field_en", FIELD_NAMES[params["field"]][1])
    return Problem(
        key=key,
        severity=severity,
        zh=_fill(zh, params),
        en=_fill(en, params),
        sheet=sheet,
        row=row,
        column=column,
        cell=cell,
        params=params,
    )


class ImportFailure(Exception):
    """An import or rollback that did not happen; nothing was written.

    ``key`` names the reason (ACTION_MESSAGES), ``problems`` lists file
    problems when the file itself was refused."""

    def __init__(self, key: str, problems: list[Problem] | None = None, **params: Any) -> None:
        self.key = key
        self.params = params
        self.problems = problems or []
        zh, en = ACTION_MESSAGES[key]
        self.zh, self.en = _fill(zh, params), _fill(en, params)
        super().__init__(f"{self.zh} / {self.en}")

    def text(self, lang: str = "zh") -> str:
        return in_language({"zh": self.zh, "en": self.en}, lang)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "zh": self.zh,
            "en": self.en,
            "params": {
                k: (v if isinstance(v, (int, float, str, list)) or v is None else str(v))
                for k, v in self.params.items()
            },
            "problems": [p.to_dict() for p in self.problems],
        }
