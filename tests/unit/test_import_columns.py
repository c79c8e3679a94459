"""The column checks of an import (data/import_columns.py) against the row-by-row check they stand
in for: the same values, and every message with the same sheet, row, column and cell."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from data.import_read import read_upload
from data.importer import preview_import, validate_rows
from data.plan import IndicatorKind, Rollup

HEADER = ["指标代码", "区县", "年份", "数值", "分子", "分母", "来源", "说明"]


def _csv(rows: list[list[str]], header: list[str] = HEADER) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    return buf.getvalue().encode("utf-8")


def _good_rows(plan) -> list[list[str]]:
    """A file of a few thousand clean rows: every indicator of the plan, for every district and the
    city (a city-only indicator for the city), every year after the baseline."""
    rows: list[list[str]] = []
    city = plan.region.name.zh
    places = [city, *(u.name for u in plan.region.units)]
    for year in range(plan.baseline_year + 1, plan.end_year + 1):
        for ind in plan.indicators:
            for i, place in enumerate([city] if ind.rollup == Rollup.city_only else places):
                if ind.kind == IndicatorKind.coverage:
                    rows.append(
                        [ind.code, place, str(year), "", str(i + 1), "40", "", "由教育局汇总" if i == 3 else ""]
                    )
                elif ind.kind == IndicatorKind.rate:
                    rows.append([ind.code, place, str(year), f"{8 + i / 10:.1f}", "", "", "", ""])
                else:
                    rows.append([ind.code, place, f"{year}年", f"{10 + i} {ind.unit.zh}", "", "", "统计局", ""])
    return rows


def test_a_bad_cell_among_thousands_of_good_ones_keeps_its_row_and_column(plan):
    rows = _good_rows(plan)
    district = plan.region.units[0].name
    first_row = rows[0]  # file row 2 (row 1 is the header)
    bad = {  # file row → (the row, the problem expected: key, column, cell letter)
        1001: (["T1-02", district, "2030", "5", "", "", "", ""], ("year_out_of_range", "年份", "C")),
        1500: (["T1-02", district, "2019", "12x", "", "", "", ""], ("not_a_number", "数值", "D")),
        2000: (["T99-01", district, "2019", "5", "", "", "", ""], ("unknown_indicator", "指标代码", "A")),
        2222: (["T1-01", district, "2018", "", "50", "40", "", ""], ("numerator_above_denominator", "分子", "E")),
        2500: (["T1-02", "不存在区", "2017", "5", "", "", "", ""], ("unknown_district", "区县", "B")),
        2600: (["T1-02", district, "2017", "-1", "", "", "", ""], ("negative", "数值", "D")),
        2700: (
            ["G-01", district, str(plan.baseline_year), "0.5", "", "", "", ""],
            ("looks_like_fraction", "数值", "D"),
        ),
        2800: (["T3-02", district, "2016", "2", "", "", "", ""], ("city_only", "区县", "B")),
        2900: ([*first_row[:3], "99", *first_row[4:]], ("conflicting_duplicate", "数值", "D")),
        3000: (["T1-02", district, "2016", "2.5", "", "", "", ""], ("not_whole_number", "数值", "D")),
        3100: (
            ["T1-02", district, str(plan.baseline_year), "3", "", "", "", "长" * 501],
            ("note_too_long", "说明", "H"),
        ),
        3200: (["T1-01", district, str(plan.baseline_year), "30", "1", "40", "", ""], ("value_mismatch", "数值", "D")),
    }
    for number in sorted(bad):
        rows.insert(number - 2, bad[number][0])
    assert len(rows) > 3000

    pv = preview_import(None, plan, _csv(rows), "many.csv")

    found = [(p.key, p.row, p.column, p.cell) for p in pv.problems]
    expected = [(key, n, column, f"{letter}{n}") for n, (_, (key, column, letter)) in sorted(bad.items())]
    # The baseline year's two district values without the city's (a warning on the file as a whole).
    assert found == [*expected, *[("city_not_given", None, None, None)] * 2]
    # The messages say where, in both languages, as before.
    year = pv.problems[0]
    assert (
        year.text("zh")
        == f"第 1001 行「年份」列(C1001): 年份 2030 不在规划期内({plan.baseline_year}–{plan.end_year} 年)"
    )
    assert year.text("en").startswith("row 1001 column '年份' (C1001): year 2030 is outside the plan")
    assert pv.problems[8].params["other_row"] == 2
    # Every good row is a value, and so are the fraction-looking rate (a warning) and the value whose
    # explanation is too long (an error: the file is refused); the rows with other errors are not.
    assert len(pv.records) == len(rows) - len(bad) + 2
    assert pv.counts["rows"] == len(rows)
    # The explanation and a computed coverage value came through the column checks.
    coverage = next(r for r in pv.records if r.indicator == "T1-01" and r.explanation)
    assert coverage.value == round(100 * coverage.numerator / coverage.denominator, 1)


def _same(data: bytes, filename: str, plan) -> None:
    read = read_upload(data, filename)
    assert not read.refused, read.problems
    by_column = validate_rows(read, plan)
    by_row = validate_rows(read, plan, by_column=False)
    assert by_column[0] == by_row[0]  # records, in the same order
    assert by_column[1] == by_row[1]  # problems: key, words, sheet, row, column, cell, params
    assert by_column[2] == by_row[2]  # counts


# Cells people write, good and bad, for each column; good cells are drawn about as often as bad
# ones, so that most drawn files mix rows that pass by column with rows that are checked one by one.
INDICATORS = ["T1-02", "t1-2", "T1-01", "G-01", "T3-02", "T7-03", "T8-05", "T99-01", "青少年科普活动站数", ""]
YEARS = ["2016", "2020", "2015", "2019年", "2017.0", "2030", "abc", ""]
VALUES = ["5", "5.5", "-3", "45%", "0.5", "1", "120", "100", "0", "", "-", "1,234", "12x", "3万人次", "45.55", "1e3"]
PARTS = ["10", "40", "50", "0", "-", "x", "3.5", "40%"]
TEXTS = ["统计局", " 备注 ", "x" * 501]


def _often_empty(cells: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), st.sampled_from(cells))


@st.composite
def figure_rows(draw, plan):
    places = [plan.region.name.zh, "全市", plan.region.units[0].name, plan.region.units[1].short, "不存在区", ""]
    codes = [plan.region.units[0].code, plan.region.units[1].code, "999999"]
    row = st.tuples(
        st.sampled_from(INDICATORS),
        st.sampled_from(places),
        _often_empty(codes),
        st.sampled_from(YEARS),
        st.sampled_from(VALUES),
        _often_empty(PARTS),
        _often_empty(PARTS),
        _often_empty(TEXTS),
        _often_empty(TEXTS),
    )
    return draw(st.lists(row, min_size=1, max_size=60))


@settings(max_examples=150)
@given(data=st.data())
def test_a_csv_gets_the_same_values_and_messages_by_column_as_row_by_row(plan, data):
    rows = data.draw(figure_rows(plan))
    header = ["指标代码", "区县", "区县代码", "年份", "数值", "分子", "分母", "来源", "说明"]
    drop = data.draw(st.sets(st.sampled_from(["区县", "区县代码", "分子", "分母", "来源", "说明"]), max_size=3))
    keep = [i for i, h in enumerate(header) if h not in drop]
    if not ({"区县", "区县代码"} - drop):
        keep.append(1)
        keep.sort()
    _same(_csv([[r[i] for i in keep] for r in rows], [header[i] for i in keep]), "f.csv", plan)


def _xlsx(rows: list[list[object]], percent_rows: set[int]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "数据"
    ws.append(["指标代码", "区县", "年份", "数值", "分子", "分母"])
    for i, r in enumerate(rows):
        ws.append(r)
        if i in percent_rows:
            ws.cell(row=i + 2, column=4).number_format = "0.0%"
    second = wb.create_sheet("续表")  # a second sheet: repeated cells across sheets are found too
    second.append(["指标代码", "区县", "年份", "数值"])
    for r in rows[:3]:
        second.append(r[:4])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


EXCEL_VALUES: list[object] = [5, 5.0, 5.5, 0.45, 45, -2, 120, True, None, "45%", "-", "x", "1,234"]


@settings(max_examples=60)
@given(data=st.data())
def test_a_workbook_gets_the_same_values_and_messages_by_column_as_row_by_row(plan, data):
    places: list[object] = [plan.region.name.zh, plan.region.units[0].name, int(plan.region.units[1].code), "不存在区"]
    row = st.tuples(
        st.sampled_from(INDICATORS),
        st.sampled_from(places),
        st.sampled_from([2016, 2020.0, 2030, "2019年", None, True]),
        st.sampled_from(EXCEL_VALUES),
        st.sampled_from([None, 10, 40.0, 0, "-"]),
        st.sampled_from([None, 40, 0, 20.0]),
    )
    rows = [list(r) for r in data.draw(st.lists(row, min_size=1, max_size=30))]
    percent_rows = data.draw(st.sets(st.integers(0, len(rows) - 1), max_size=5))
    _same(_xlsx(rows, percent_rows), "f.xlsx", plan)


def test_excel_true_after_a_one_is_not_the_figure_one(plan):
    """Python's True == 1: the number parser's cache once read a TRUE cell after a 1 cell as 1."""
    rows: list[list[object]] = [
        ["T1-02", plan.region.units[0].name, 2016, 1],
        ["T1-02", plan.region.units[1].name, 2016, True],
    ]
    pv = preview_import(None, plan, _xlsx(rows, set()), "f.xlsx")
    # On both sheets (the second repeats the first rows).
    assert [(p.key, p.sheet, p.cell) for p in pv.errors] == [
        ("not_a_number", "数据", "D3"),
        ("not_a_number", "续表", "D3"),
    ]
