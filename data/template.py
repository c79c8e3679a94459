"""The import template: an Excel workbook generated from the plan.

Layout: one long sheet 「数据」, one row per indicator × district × year, in
the same columns as the plain CSV the importer accepts.  We chose the long
sheet over one wide sheet per task because

- staff report by district and by department, not by task: with one sheet
  they filter the 区县 column (or the 指标代码 column) and fill in; per-task
  sheets would make a district clerk visit ten sheets;
- coverage indicators need three inputs (数值 or 分子 + 分母): a wide layout
  would need three columns per indicator and headers spanning two rows,
  which is where copy-and-paste goes wrong;
- the file is the CSV with labels: one reader, one set of messages, and a
  sheet saved as CSV imports unchanged;
- Excel's data validation can then be set per row block (0–100 for
  percentages, ≥ 0 for counts, whole numbers for counts of things).

A second sheet 「说明」 gives how to fill in and every indicator's
definition, unit, numerator and denominator, and who reports it; a third,
「区县」, lists the districts (with former names when the caller knows
them).  Columns left of 数值 are labels; the yellow columns are input.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal, cast

from data.plan import Indicator, IndicatorKind, Plan, Rollup

if TYPE_CHECKING:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

DATA_SHEET, NOTES_SHEET, DISTRICTS_SHEET = "数据", "说明", "区县"
COLUMNS = ["指标代码", "指标名称", "单位", "填写方式", "区县", "年份", "数值", "分子", "分母", "来源", "备注", "说明"]
# 备注 stays with the figure (the data page's remark); 说明 is a note on the figure shown wherever it
# is (hovers, tables, exports, briefing footnotes: data/notes.py).
INPUT_COLUMNS = ("数值", "分子", "分母", "来源", "备注", "说明")
NOTES_HEADER = [
    "指标代码",
    "任务",
    "指标名称",
    "英文名称",
    "指标类型",
    "单位",
    "填写方式",
    "定义",
    "分子含义",
    "分母含义",
    "填报单位",
    "规划目标",
    "全市汇总方式",
    "说明(英文)",
]

KIND_ZH = {
    IndicatorKind.rate: "比例(调查所得)",
    IndicatorKind.coverage: "覆盖率(分子/分母)",
    IndicatorKind.annual_count: "年度数(当年发生)",
    IndicatorKind.cumulative_count: "累计数(自基期起)",
    IndicatorKind.stock: "存量(年末实有)",
}
ROLLUP_ZH = {
    Rollup.sum: "各区县相加",
    Rollup.ratio_of_sums: "分子之和 ÷ 分母之和",
    Rollup.population_weighted_mean: "按人口加权平均",
    Rollup.city_only: "只填全市",
}

# {unit}, {unit_short} and {city} are the plan's own names (instructions()): another city, its own example.
INSTRUCTIONS = [
    "填表须知 / How to fill in",
    "1. 在「数据」表中找到本单位负责的指标和区县(可用筛选),只填黄色列:数值,或覆盖率指标的分子和分母,以及来源、备注。",
    "2. 百分比填 0–100 之间的数,如 45.5(也可写 45.5%);不要填 0.455。人数、个数等填不小于 0 的数,个数须为整数。",
    "3. 覆盖率指标填分子和分母即可,数值由系统算出;若也填了数值,须与分子/分母相符(误差不超过末位)。",
    "4. 区县可写全称或简称({unit} / {unit_short}),也可写区划代码;全市数字写「{city}」。未掌握的数留空或写「—」。",
    "5. 请勿改动表头;可以删除不填的行,也可以另存为 CSV(UTF-8)后上传。同一指标、区县、年份只能填一次。",
    "6. 上传后系统先预览(新增、修改、不变各多少,以及每个问题所在的行列),确认后才写入,可整批回滚。",
    (
        "7. 「说明」列:对数值的说明(如「统计口径调整」),导入后显示在地图、趋势图、数据表和简报脚注中;"
        "回滚该批次时一并撤回。"
    ),
    (
        "Fill in the yellow columns only: value (0–100 for %, ≥ 0 for counts), or numerator and denominator for "
        "coverage indicators; write the city's own figure under {city}. Upload the workbook (or a CSV of the same "
        "columns); a preview lists every problem by row and column before anything is written."
    ),
]


def instructions(plan: Plan) -> list[str]:
    """The 说明 sheet's lines, with the plan's first unit and its city as the examples."""
    unit = plan.region.units[0]
    names = {"unit": unit.name, "unit_short": unit.short, "city": plan.region.name.zh}
    return [line.format(**names) for line in INSTRUCTIONS]


def how_to_fill(ind: Indicator) -> str:
    if ind.kind == IndicatorKind.coverage:
        return "填分子、分母(%)"
    if ind.kind == IndicatorKind.rate:
        return "填数值(0–100)"
    if ind.decimals == 0:
        return f"填数值(整数,{ind.unit.zh})"
    return f"填数值({ind.unit.zh},{ind.decimals} 位小数)"


def template_rows(
    plan: Plan,
    regions: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    indicators: Iterable[str] | None = None,
    cells: Iterable[tuple[str, str, int]] | None = None,
) -> list[dict[str, Any]]:
    """The rows of the 数据 sheet (also the CSV template): indicator × region × year.

    City-only indicators get the city's row only; the others the city and
    each unit (or the ``regions`` asked for). ``cells`` (indicator, region,
    year) keeps those rows only: a unit's missing cells (the reporting page)."""
    wanted_cells = {(i, r, int(y)) for i, r, y in cells} if cells is not None else None
    if wanted_cells is not None:
        regions = {r for _, r, _ in wanted_cells}
        years = sorted({y for _, _, y in wanted_cells})
    wanted_regions = set(regions) if regions is not None else None
    wanted_ind = set(indicators) if indicators is not None else None
    years = list(years) if years is not None else list(range(plan.baseline_year, plan.end_year + 1))
    city = (plan.region.code, plan.region.name.zh)
    units = [(u.code, u.name) for u in plan.region.units]
    out: list[dict[str, Any]] = []
    for ind in plan.indicators:
        if wanted_ind is not None and ind.code not in wanted_ind and (ind.task or "G") not in wanted_ind:
            continue
        places = [city] if ind.rollup == Rollup.city_only else [city, *units]
        for code, name in places:
            if wanted_regions is not None and code not in wanted_regions:
                continue
            for y in years:
                if wanted_cells is not None and (ind.code, code, y) not in wanted_cells:
                    continue
                out.append(
                    {
                        "指标代码": ind.code,
                        "指标名称": ind.name.zh,
                        "单位": ind.unit.zh,
                        "填写方式": how_to_fill(ind),
                        "区县": name,
                        "年份": y,
                        "_ind": ind,
                    }
                )
    return out


def template_csv(plan: Plan, **kw: Any) -> bytes:
    """The same rows as plain CSV (UTF-8 with BOM so that Excel reads the Chinese)."""
    import csv

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for r in template_rows(plan, **kw):
        w.writerow([r.get(c, "") for c in COLUMNS])
    return buf.getvalue().encode("utf-8-sig")


def build_template(
    plan: Plan,
    *,
    regions: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    indicators: Iterable[str] | None = None,
    cells: Iterable[tuple[str, str, int]] | None = None,
) -> bytes:
    """The template workbook as .xlsx bytes.

    ``regions`` (codes), ``years`` and ``indicators`` (codes or task codes
    such as "T3") narrow the 数据 sheet, e.g. to one district's rows; ``cells``
    (indicator, region, year) to exactly those rows (a unit's missing cells).
    Units with former names in the plan add a column to the 区县 sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    header_fill = PatternFill("solid", fgColor="1F4E79")
    header_font = Font(bold=True, color="FFFFFF")
    input_fill = PatternFill("solid", fgColor="FFF2CC")

    wb = Workbook()
    ws = cast("Worksheet", wb.active)  # a new workbook's one sheet
    ws.title = DATA_SHEET
    notes = wb.create_sheet(NOTES_SHEET)
    districts = wb.create_sheet(DISTRICTS_SHEET)
    wb.properties.title = f"{plan.title.zh} · 数据填报模板"
    wb.properties.creator = "kepu-dashboard"

    # -- 区县 ----------------------------------------------------------------------
    former_names = {u.code: u.former_names for u in plan.region.units if u.former_names}
    d_header = ["区县代码", "名称", "简称", "类型"] + (["曾用名(也可填写)"] if former_names else [])
    districts.append(d_header)
    places = [(plan.region.code, plan.region.name.zh, "全市", "市")] + [
        (u.code, u.name, u.short, u.type) for u in plan.region.units
    ]
    for code, name, short, typ in places:
        row = [code, name, short, typ]
        if former_names:
            row.append("、".join(former_names.get(code, ())))
        districts.append(row)
    _style_header(districts, len(d_header), header_fill, header_font)
    for letter, width in zip("ABCDE", (12, 14, 10, 8, 24), strict=True):
        districts.column_dimensions[letter].width = width
    district_range = f"'{DISTRICTS_SHEET}'!$B$2:$B${len(places) + 1}"

    # -- 说明 ----------------------------------------------------------------------
    for line in instructions(plan):
        notes.append([line])
    notes["A1"].font = Font(bold=True, size=13)
    notes.append([f"规划:{plan.title.zh};基期 {plan.baseline_year} 年,规划期 {plan.start_year}–{plan.end_year} 年。"])
    notes.append([])
    table_row = notes.max_row + 1
    notes.append(NOTES_HEADER)
    _style_header(notes, len(NOTES_HEADER), header_fill, header_font, row=table_row)
    for ind in plan.indicators:
        t = ind.target
        target = f"{t.value:g}{ind.unit.zh}({t.year} 年)" if t else ""
        notes.append(
            [
                ind.code,
                ind.task or "总目标",
                ind.name.zh,
                ind.name.en,
                KIND_ZH[ind.kind],
                ind.unit.zh,
                how_to_fill(ind),
                ind.definition.zh,
                ind.numerator.zh if ind.numerator else "",
                ind.denominator.zh if ind.denominator else "",
                ind.source.zh,
                target,
                ROLLUP_ZH[ind.rollup],
                ind.definition.en,
            ]
        )
    first_ind, last_ind = table_row + 1, notes.max_row
    for letter, width in zip("ABCDEFGHIJKLMN", (9, 8, 30, 30, 14, 8, 16, 50, 24, 24, 22, 14, 16, 50), strict=True):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=first_ind, max_row=last_ind, min_col=8, max_col=8):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    indicator_range = f"'{NOTES_SHEET}'!$A${first_ind}:$A${last_ind}"

    # -- 数据 ----------------------------------------------------------------------
    ws.append(COLUMNS)
    _style_header(ws, len(COLUMNS), header_fill, header_font)
    rows = template_rows(plan, regions=regions, years=years, indicators=indicators, cells=cells)
    col = {name: get_column_letter(i) for i, name in enumerate(COLUMNS, start=1)}
    blocks: dict[str, list[tuple[int, int]]] = {"percent": [], "whole": [], "decimal": [], "parts": []}
    for i, r in enumerate(rows, start=2):
        ws.append([r.get(c) for c in COLUMNS])
        ind = r["_ind"]
        cls = (
            "percent"
            if ind.kind in (IndicatorKind.rate, IndicatorKind.coverage)
            else "whole"
            if ind.decimals == 0
            else "decimal"
        )
        _extend(blocks[cls], i)
        if ind.kind == IndicatorKind.coverage:
            _extend(blocks["parts"], i)
        ws.cell(row=i, column=COLUMNS.index("数值") + 1).number_format = (
            "0" if ind.decimals == 0 else "0." + "0" * ind.decimals
        )
    last = len(rows) + 1

    def dv(
        kind: Literal["whole", "decimal", "list"],
        op: Literal["between", "greaterThanOrEqual"] | None,
        f1: str,
        f2: str | None = None,
        title: str = "",
        zh: str = "",
        ranges: Iterable[str] = (),
    ) -> DataValidation:
        v = DataValidation(
            type=kind,
            operator=op,
            formula1=f1,
            formula2=f2,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=title,
            error=zh,
        )
        v.sqref = " ".join(ranges)
        return v

    def cols(letter: str, spans: Sequence[tuple[int, int]]) -> list[str]:
        return [f"{letter}{a}:{letter}{b}" for a, b in spans]

    validations: list[DataValidation] = []
    if blocks["percent"]:
        validations.append(
            dv(
                "decimal",
                "between",
                "0",
                "100",
                "百分比 / percentage",
                "请填 0–100 之间的数(45.5 表示 45.5%)/ a number from 0 to 100",
                cols(col["数值"], blocks["percent"]),
            )
        )
    if blocks["whole"]:
        validations.append(
            dv(
                "whole",
                "greaterThanOrEqual",
                "0",
                None,
                "整数 / whole number",
                "请填不小于 0 的整数 / a whole number ≥ 0",
                cols(col["数值"], blocks["whole"]),
            )
        )
    if blocks["decimal"]:
        validations.append(
            dv(
                "decimal",
                "greaterThanOrEqual",
                "0",
                None,
                "数值 / number",
                "请填不小于 0 的数 / a number ≥ 0",
                cols(col["数值"], blocks["decimal"]),
            )
        )
    if blocks["parts"]:
        validations.append(
            dv(
                "whole",
                "greaterThanOrEqual",
                "0",
                None,
                "分子、分母 / numerator, denominator",
                "请填不小于 0 的整数 / a whole number ≥ 0",
                cols(col["分子"], blocks["parts"]) + cols(col["分母"], blocks["parts"]),
            )
        )
    if last >= 2:
        validations.append(
            dv(
                "list",
                None,
                district_range,
                None,
                "区县 / district",
                "请从列表中选择区县 / pick a district from the list",
                [f"{col['区县']}2:{col['区县']}{last}"],
            )
        )
        validations.append(
            dv(
                "whole",
                "between",
                str(plan.baseline_year),
                str(plan.end_year),
                "年份 / year",
                f"年份应在 {plan.baseline_year}–{plan.end_year} 之间",
                [f"{col['年份']}2:{col['年份']}{last}"],
            )
        )
        validations.append(
            dv(
                "list",
                None,
                indicator_range,
                None,
                "指标 / indicator",
                "请从「说明」表的指标代码中选择 / pick an indicator code",
                [f"{col['指标代码']}2:{col['指标代码']}{last}"],
            )
        )
    for v in validations:
        ws.add_data_validation(v)

    widths = {
        "指标代码": 9,
        "指标名称": 34,
        "单位": 8,
        "填写方式": 18,
        "区县": 10,
        "年份": 7,
        "数值": 11,
        "分子": 11,
        "分母": 11,
        "来源": 22,
        "备注": 22,
        "说明": 30,
    }
    for name, width in widths.items():
        ws.column_dimensions[col[name]].width = width
    for name in INPUT_COLUMNS:  # a column style: cheaper than styling thousands of cells
        ws.column_dimensions[col[name]].fill = input_fill
    ws.freeze_panes = f"{col['数值']}2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _extend(spans: list[tuple[int, int]], row: int) -> None:
    if spans and spans[-1][1] == row - 1:
        spans[-1] = (spans[-1][0], row)
    else:
        spans.append((row, row))


def _style_header(ws: Worksheet, ncols: int, fill: PatternFill, font: Font, row: int = 1) -> None:
    for c in range(1, ncols + 1):
        cell = ws.cell(row=row, column=c)
        cell.fill, cell.font = fill, font
