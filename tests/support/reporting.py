"""Filling in a missing-cells template as a district's clerk would (the reporting tests, web and CLI)."""

from __future__ import annotations

import io
from pathlib import Path

from data.plan import IndicatorKind, Plan


def fill_template(plan: Plan, data: bytes, source: str = "区统计局") -> tuple[bytes, int]:
    """The workbook with every row of its 数据 sheet given a plausible figure (numerator and
    denominator for a coverage indicator), and how many rows were filled."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    ws = wb["数据"]
    header = [c.value for c in ws[1]]
    col = {name: i + 1 for i, name in enumerate(header)}
    n = 0
    for row in range(2, ws.max_row + 1):
        code = ws.cell(row=row, column=col["指标代码"]).value
        if not code:
            continue
        ind = plan.indicator_by_code[code]
        if ind.kind == IndicatorKind.coverage:
            ws.cell(row=row, column=col["分子"]).value = 45
            ws.cell(row=row, column=col["分母"]).value = 50
        elif ind.kind == IndicatorKind.rate:
            ws.cell(row=row, column=col["数值"]).value = 12.5
        else:
            ws.cell(row=row, column=col["数值"]).value = 5000
        ws.cell(row=row, column=col["来源"]).value = source
        n += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), n


def fill_template_file(plan: Plan, path: Path) -> int:
    data, n = fill_template(plan, path.read_bytes())
    path.write_bytes(data)
    return n
