"""The venue-list template: an Excel workbook (and its CSV) generated from the plan.

One sheet 「设施」 with a header and drop-downs for 类型 (the plan's facility types), 级别, 区县 and
坐标系, and no rows (an example row left in would be imported as a venue); 「说明」 says how to
fill it in, with two example rows, what each type is in the plan's words, and the coordinate
systems; 「区县」 lists the units. The reader takes the same
columns from a CSV, so a sheet saved as CSV imports unchanged.
"""

from __future__ import annotations

import csv
import io

from data.facilities import LEVEL_NAMES
from data.plan import Plan

VENUE_SHEET, NOTES_SHEET, UNITS_SHEET = "设施", "说明", "区县"
COLUMNS = ["名称", "类型", "级别", "区县", "地址", "经度", "纬度", "坐标系", "开放年份", "关闭年份", "来源", "备注"]
DATUMS = ["GCJ-02", "WGS-84", "BD-09"]

INSTRUCTIONS = [
    "填表须知 / How to fill in",
    "1. 每个设施一行:名称和类型必填;区县或经纬度至少填一项(只填经纬度时,按位置确定区县)。",
    (
        "2. 类型从下拉列表中选(见下表,即规划列出的设施类型);"
        "级别(国家级、省级、市级、区县级)适用于科普教育基地等经认定的设施,可留空。"
    ),
    (
        "3. 经纬度以度为单位的小数,如 126.6346、45.7567;须在「坐标系」列写明坐标来源:"
        "GCJ-02(高德地图、腾讯地图拾取的坐标)、WGS-84(GPS 设备、天地图)或 BD-09(百度地图拾取的坐标)。"
        "系统统一换算到边界所用的 {datum}。"
    ),
    (
        "4. 没有坐标的设施照样导入,计入所在区县,在地图上列为「未定位」。"
        "位置不在所填区县内的,导入时会提示距离;位置在全市范围以外的不能导入。"
    ),
    (
        "5. 开放年份是建成开放或被命名、认定的年份;关闭年份是停止开放或被撤销称号的年份。"
        "没有开放年份的按规划基期以前已开放计。"
    ),
    "6. 同一类型、名称、区县视为同一设施:再次导入时,有变化的设施更新,没有变化的保持不变;可整批回滚。",
    "7. 填法示例见本表下方(「设施」表本身是空的)。",
]


def instructions(plan: Plan, datum: str) -> list[str]:
    return [line.format(datum=datum) for line in INSTRUCTIONS]


def example_rows(plan: Plan, datum: str) -> list[list[object]]:
    """Two rows showing the forms: one located, one without coordinates."""
    units = plan.region.units
    types = plan.facility_types
    if not units or not types:
        return []
    first, last = units[0], units[-1]
    t0, t1 = types[0], types[min(1, len(types) - 1)]
    return [
        [
            f"示例{t0.name.zh}",
            t0.name.zh,
            "",
            first.name,
            f"{first.name}某路 1 号",
            "",
            "",
            datum,
            plan.start_year,
            "",
            "",
            "示例行",
        ],
        [
            f"示例{t1.name.zh}",
            t1.name.zh,
            LEVEL_NAMES[next(iter(LEVEL_NAMES))][0],
            last.name,
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "示例行",
        ],
    ]


def venue_template_csv(plan: Plan, datum: str = "GCJ-02") -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def build_venue_template(plan: Plan, datum: str = "GCJ-02") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = VENUE_SHEET
    ws.append(COLUMNS)
    header_fill, input_fill = PatternFill("solid", fgColor="DDEBF7"), PatternFill("solid", fgColor="FFF2CC")
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), header_fill
    rows = 2000
    widths = [28, 22, 10, 12, 30, 12, 12, 10, 10, 10, 16, 16]
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(65 + i)].width = width
    for r in range(2, rows + 2):
        for c in range(1, len(COLUMNS) + 1):
            ws.cell(row=r, column=c).fill = input_fill
    ws.freeze_panes = "A2"

    units = wb.create_sheet(UNITS_SHEET)
    units.append(["区县", "区划代码", "简称", "英文名"])
    for u in plan.region.units:
        units.append([u.name, u.code, u.short, u.label("en")])
    notes = wb.create_sheet(NOTES_SHEET)
    for line in instructions(plan, datum):
        notes.append([line])
    notes.append([])
    notes.append(["设施类型", "英文", "代码", "规划条款", "规划原文", "也可写作"])
    for t in plan.facility_types:
        notes.append([t.name.zh, t.name.en, t.code, t.section or "", t.quote or "", "、".join(t.aliases)])
    notes.append([])
    notes.append(["填法示例 / Examples", *COLUMNS])
    for row in example_rows(plan, datum):
        notes.append(["", *row])
    notes.column_dimensions["A"].width = 24
    notes.column_dimensions["E"].width = 80
    for row in notes.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    def choice(values: list[str], column: str) -> None:
        dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
        dv.error = "请从下拉列表中选择 / choose from the list"
        ws.add_data_validation(dv)
        dv.add(f"{column}2:{column}{rows + 1}")

    choice([t.name.zh for t in plan.facility_types], "B")
    choice([zh for zh, _ in LEVEL_NAMES.values()], "C")
    unit_list = DataValidation(
        type="list", formula1=f"={UNITS_SHEET}!$A$2:$A${len(plan.region.units) + 1}", allow_blank=True
    )
    ws.add_data_validation(unit_list)
    unit_list.add(f"D2:D{rows + 1}")
    choice(DATUMS, "H")
    years = DataValidation(type="whole", operator="between", formula1="1900", formula2="2100", allow_blank=True)
    ws.add_data_validation(years)
    years.add(f"I2:J{rows + 1}")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
