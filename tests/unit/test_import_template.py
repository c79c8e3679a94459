"""The template generated from the plan: layout, definitions, validation, and round trip."""

from __future__ import annotations

import io

import openpyxl
import pytest

from data.importer import preview_import
from data.plan import Rollup
from data.template import COLUMNS, DATA_SHEET, DISTRICTS_SHEET, NOTES_SHEET, build_template, template_rows


@pytest.fixture(scope="module")
def workbook_bytes(plan):
    return build_template(plan)


def test_the_data_sheet_has_every_indicator_district_and_year(plan, workbook_bytes):
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes))
    assert wb.sheetnames == [DATA_SHEET, NOTES_SHEET, DISTRICTS_SHEET]
    ws = wb[DATA_SHEET]
    assert [c.value for c in ws[1]] == COLUMNS
    years = plan.end_year - plan.baseline_year + 1
    city_only = sum(i.rollup == Rollup.city_only for i in plan.indicators)
    expected = (city_only * 1 + (len(plan.indicators) - city_only) * (1 + len(plan.region.units))) * years
    assert ws.max_row - 1 == expected == len(template_rows(plan))
    assert ws.freeze_panes == "G2" and ws.auto_filter.ref


def test_the_notes_sheet_defines_every_indicator_with_unit_and_parts(plan, workbook_bytes):
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes))
    rows = {r[0]: r for r in wb[NOTES_SHEET].iter_rows(values_only=True) if r[0] in plan.indicator_by_code}
    assert set(rows) == set(plan.indicator_by_code)
    t101 = rows["T1-01"]
    ind = plan.indicator_by_code["T1-01"]
    assert ind.definition.zh in t101 and ind.unit.zh in t101 and ind.numerator.zh in t101


def test_input_cells_are_validated_where_excel_can(plan, workbook_bytes):
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes))
    dvs = wb[DATA_SHEET].data_validations.dataValidation
    by_title = {dv.errorTitle: dv for dv in dvs}
    pct = by_title["百分比 / percentage"]
    assert (pct.type, pct.formula1, pct.formula2) == ("decimal", "0", "100")
    assert by_title["整数 / whole number"].operator == "greaterThanOrEqual"
    assert by_title["区县 / district"].type == "list" and DISTRICTS_SHEET in by_title["区县 / district"].formula1
    year = by_title["年份 / year"]
    assert (year.formula1, year.formula2) == (str(plan.baseline_year), str(plan.end_year))
    # G-01 (row 2) is a percentage; T1-02 counts are whole numbers.
    assert any("G2" in str(r) or r.min_row <= 2 <= r.max_row for r in pct.sqref.ranges)


def test_an_untouched_template_has_nothing_to_import(plan, workbook_bytes):
    pv = preview_import(None, plan, workbook_bytes, "模板.xlsx")
    assert [p.key for p in pv.errors] == ["no_values"] and pv.sheets_read == [DATA_SHEET]


def test_a_filled_template_imports(plan, workbook_bytes):
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes))
    ws = wb[DATA_SHEET]
    filled = {}
    for row in ws.iter_rows(min_row=2):
        code, district, year = row[0].value, row[4].value, row[5].value
        if district == "道里区" and year == 2020:
            ind = plan.indicator_by_code[code]
            if ind.kind.value == "coverage":
                row[7].value, row[8].value = 3, 4
                filled[code] = 75.0
            else:
                row[6].value = 50
                filled[code] = 50.0
    buf = io.BytesIO()
    wb.save(buf)
    pv = preview_import(None, plan, buf.getvalue(), "道里区2020.xlsx")
    assert pv.ok, [p.text("en") for p in pv.errors]
    assert {r.indicator: r.value for r in pv.records} == filled
