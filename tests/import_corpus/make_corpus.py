"""Write the import test corpus: bad files (each refused for one reason) and clumsy good files.

    .venv/bin/python tests/import_corpus/make_corpus.py

The outputs are committed next to this script; ``expected.json`` says, for
each bad file, the message key and where it must be reported (sheet, row,
cell), and for each good file the values the store must hold afterwards.
Each table-shaped mistake is written twice, as CSV and as Excel, with the
same rows, so the reported row and cell are the same in both.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
BAD, GOOD = HERE / "bad", HERE / "good"
HEADER = ["指标代码", "区县", "年份", "数值", "分子", "分母", "来源", "备注"]
OK_ROW = ["T1-02", "道里区", 2019, 40, None, None, "市科协", None]  # a valid row placed before each mistake

# name: (rows after the header, key, cell of the problem).  The mistake is on row 3.
TABLE_CASES: dict[str, tuple[list[list], str, str | None]] = {
    "unknown_district": ([OK_ROW, ["T1-02", "松花江区", 2019, 5]], "unknown_district", "B3"),
    "unknown_indicator": ([OK_ROW, ["T11-01", "道里区", 2019, 5]], "unknown_indicator", "A3"),
    "year_after_plan": ([OK_ROW, ["T1-02", "道里区", 2021, 5]], "year_out_of_range", "C3"),
    "year_before_baseline": ([OK_ROW, ["T1-02", "道里区", 2014, 5]], "year_out_of_range", "C3"),
    "year_not_a_year": ([OK_ROW, ["T1-02", "道里区", "去年", 5]], "bad_year", "C3"),
    "text_for_number": ([OK_ROW, ["T1-02", "南岗区", 2019, "约300"]], "not_a_number", "D3"),
    "negative_count": ([OK_ROW, ["T1-02", "南岗区", 2019, -5]], "negative", "D3"),
    "numerator_above_denominator": (
        [OK_ROW, ["T1-01", "南岗区", 2019, None, 12, 10]],
        "numerator_above_denominator",
        "E3",
    ),
    "percentage_above_100": ([OK_ROW, ["G-01", "哈尔滨市", 2020, 120]], "above_100", "D3"),
    "percentage_sign_above_100": ([OK_ROW, ["T2-03", "呼兰区", 2018, "101%"]], "above_100", "D3"),
    "conflicting_duplicate": ([OK_ROW, ["T1-02", "道里", 2019, 41]], "conflicting_duplicate", "D3"),
    "percent_on_count": ([OK_ROW, ["T1-02", "南岗区", 2019, "45%"]], "unexpected_percent", "D3"),
    "fraction_of_a_count": ([OK_ROW, ["T1-02", "南岗区", 2019, 12.5]], "not_whole_number", "D3"),
    "district_for_city_only": ([OK_ROW, ["T3-02", "道里区", 2019, 3]], "city_only", "B3"),
    "value_disagrees_with_parts": ([OK_ROW, ["T1-01", "南岗区", 2019, 80, 5, 10]], "value_mismatch", "D3"),
    "numerator_without_denominator": ([OK_ROW, ["T1-01", "南岗区", 2019, None, 5]], "incomplete_parts", "E3"),
    "zero_denominator": ([OK_ROW, ["T1-01", "南岗区", 2019, None, 0, 0]], "zero_denominator", "F3"),
    "parts_on_a_count": ([OK_ROW, ["T1-02", "南岗区", 2019, 5, 1, 2]], "parts_not_applicable", "E3"),
    "district_missing": ([OK_ROW, ["T1-02", None, 2019, 5]], "missing_field", None),
}


# Whole-file mistakes: (filename, bytes or callable, key)
def _xlsx(rows: list[list], sheet: str = "数据", number_formats: dict | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for r in rows:
        ws.append(r)
    for ref, fmt in (number_formats or {}).items():
        ws[ref].number_format = fmt
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _csv(rows: list[list], encoding: str = "utf-8-sig") -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    return buf.getvalue().encode(encoding)


def _zip_bomb() -> bytes:
    """A real workbook whose sheet XML is padded with 40 MB of spaces (it weighs ~40 KB)."""
    good = _xlsx([HEADER, OK_ROW])
    src = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * (40 * 1024 * 1024))
            z.writestr(info.filename, data)
    return out.getvalue()


def _damaged_workbook() -> bytes:
    """A zip that has the parts' names of a workbook but garbage inside."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types>not really</Types>")
        z.writestr("xl/workbook.xml", "<<<not xml")
    return out.getvalue()


def _docx_like() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<document/>")
    return out.getvalue()


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ff"
    "ff3f0005fe02fea7d6a4520000000049454e44ae426082"
)
OLE = bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504


def file_cases() -> list[tuple[str, bytes, str]]:
    good_csv = _csv([HEADER, OK_ROW])
    good_xlsx = _xlsx([HEADER, OK_ROW])
    return [
        ("empty.csv", b"", "empty_file"),
        ("empty.xlsx", b"", "empty_file"),
        ("only_bom_and_spaces.csv", b"\xef\xbb\xbf  \r\n", "empty_file"),
        ("header_only.csv", _csv([HEADER]), "no_values"),
        ("header_only.xlsx", _xlsx([HEADER]), "no_values"),
        ("csv_named_xlsx.xlsx", good_csv, "type_mismatch"),
        ("xlsx_named_csv.csv", good_xlsx, "type_mismatch"),
        ("png_named_csv.csv", PNG, "type_mismatch"),
        ("png_named_xlsx.xlsx", PNG, "type_mismatch"),
        ("old_xls_named_xlsx.xlsx", OLE, "type_mismatch"),
        ("word_document_named_xlsx.xlsx", _docx_like(), "type_mismatch"),
        ("truncated.xlsx", good_xlsx[: len(good_xlsx) // 2], "corrupt_file"),
        ("damaged_workbook.xlsx", _damaged_workbook(), "corrupt_file"),
        ("zip_bomb.xlsx", _zip_bomb(), "zip_ratio"),
        ("latin1_bytes.csv", ",".join(HEADER).encode("utf-8") + b"\r\nT1-02,\xff\xfe\x80,2019,5\r\n", "bad_encoding"),
        ("old_format.xls", OLE, "old_workbook"),
        ("wps_sheet.et", OLE, "old_workbook"),
        # Excel's "Unicode Text" saved without its byte-order mark (with one it is read).
        ("utf16_without_bom.csv", _csv([HEADER, OK_ROW], "utf-16-le"), "type_mismatch"),
        ("notes.txt", good_csv, "unsupported_type"),
        ("no_year_column.csv", _csv([[h for h in HEADER if h != "年份"], ["T1-02", "道里区", 40]]), "missing_column"),
        ("no_year_column.xlsx", _xlsx([[h for h in HEADER if h != "年份"], ["T1-02", "道里区", 40]]), "missing_column"),
    ]


# Whole-file mistakes found at one place: (filename, bytes, key, sheet, row, cell)
def located_file_cases() -> list[tuple[str, bytes, str, str | None, int, str]]:
    return [
        ("two_value_columns.csv", _csv([[*HEADER, "值"], [*OK_ROW, None, 1]]), "duplicate_column", None, 1, "I1"),
        ("two_value_columns.xlsx", _xlsx([[*HEADER, "值"], [*OK_ROW, None, 1]]), "duplicate_column", "数据", 1, "I1"),
        # openpyxl writes a formula without the value Excel would cache on saving.
        (
            "formula_without_value.xlsx",
            _xlsx([HEADER, OK_ROW, ["T1-02", "南岗区", 2019, "=20+21"]]),
            "formula_without_value",
            "数据",
            3,
            "D3",
        ),
    ]


# -- good files: clumsy but valid ---------------------------------------------------------

GOOD_CSV_ROWS = [
    ["2019年度科普工作统计(道里区、南岗区等)"],  # a title row above the header
    [],
    ["指标代码 ", "区县(市)", "年份", "数值(单位见说明)", "分子", "分母", "数据来源", "备注"],
    ["T1-02", "道里", "２０１９", "１２３", "", "", "区科协 ", ""],  # full-width digits, suffix-less name
    ["t1-02", " 南岗区 ", "2019年", "1,234", "", "", "", "含市属学校"],  # lower-case code, thousands separator
    ["T1-02", "双城市", "2019", " 15 ", "", "", "", ""],  # former name of 双城区, spaces
    [],
    ["T1-01", "道外区", "2019", "", "12", "20", "", ""],  # coverage from parts: 60.0
    ["T1-01", "平房区", "2019", "55.0%", "11", "20", "", ""],  # value with % sign agrees with parts
    ["G-01", "哈尔滨市", "2020", "12.5%", "", "", "", ""],
    ["T2-01", "230111", "2018", "3 456", "", "", "", ""],  # district by code, space-grouped thousands
    ["T2-01", "阿城", "2018", "—", "", "", "", "未统计"],  # a dash: not available, skipped
    ["T2-01", "呼兰", "2018", "无", "", "", "", ""],  # 「无」: not reported, skipped like 「暂无」
    ["T8-05", "香坊区", "2020", "12.5万人次", "", "", "", ""],  # the unit typed after the figure
    ["T1-02", "道里", "2019", "123", "", "", "区科协", ""],  # the same figure twice: counted once
    ["", "", "", "", "", "", "", ""],
    ["填表人:张三", "", "", "", "", "", "", ""],  # a footnote, no figures
]
GOOD_CSV_VALUES = [
    ["T1-02", "230102", 2019, 123.0, None, None],
    ["T1-02", "230103", 2019, 1234.0, None, None],
    ["T1-02", "230113", 2019, 15.0, None, None],
    ["T1-01", "230104", 2019, 60.0, 12.0, 20.0],
    ["T1-01", "230108", 2019, 55.0, 11.0, 20.0],
    ["G-01", "230100", 2020, 12.5, None, None],
    ["T2-01", "230111", 2018, 3456.0, None, None],
    ["T8-05", "230110", 2020, 12.5, None, None],
]

GOOD_XLSX_ROWS = [
    ["哈尔滨市科普统计 · 2020 年"],
    ["Indicator", "District", "Year", "Value", "Numerator", "Denominator", "Source", "Note", "unit (ignored)"],
    ["T3-02", "全市", 2020.0, "7", None, None, "市人社局", None, "个"],  # number stored as text, year as float
    ["T1-03", "松北区", "2020", 0.455, None, None, None, None, "%"],  # percent-formatted cell: 45.5
    [None, None, None, None, None, None, None, None, None],
    ["T6-01 ", "五常市 ", 2020, "  8 ", None, None, None, None, "个"],  # trailing spaces everywhere
    ["T6-02", "尚志", 2020, None, "3", "4", None, None, "%"],  # parts as text → 75.0
    ["T5-01", 230184, 2020, 1200, None, None, None, None, "人次"],  # district code as a number
]
GOOD_XLSX_FORMATS = {"D4": "0.0%"}
GOOD_XLSX_VALUES = [
    ["T3-02", "230100", 2020, 7.0, None, None],
    ["T1-03", "230109", 2020, 45.5, None, None],
    ["T6-01", "230184", 2020, 8.0, None, None],
    ["T6-02", "230183", 2020, 75.0, 3.0, 4.0],
    ["T5-01", "230184", 2020, 1200.0, None, None],
]


def _with_hidden_sheet(visible: bytes) -> bytes:
    """A workbook whose second, hidden sheet holds rows that must not be imported."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(visible))
    hidden = wb.create_sheet("辅助")
    hidden.append(HEADER)
    hidden.append(["T1-02", "道里区", 2019, 999])
    hidden.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _unicode_text(rows: list[list]) -> bytes:
    """Excel's "Unicode Text": tab-separated UTF-16 with a byte-order mark."""
    lines = ["\t".join("" if v is None else str(v) for v in r) for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-16")


def main() -> None:
    BAD.mkdir(exist_ok=True)
    GOOD.mkdir(exist_ok=True)
    for old in (*BAD.iterdir(), *GOOD.iterdir()):
        old.unlink()
    expected: dict = {"bad": {}, "good": {}}
    for name, (rows, key, cell) in TABLE_CASES.items():
        table = [HEADER, *rows]
        for ext, data, sheet in ((".csv", _csv(table), None), (".xlsx", _xlsx(table), "数据")):
            (BAD / f"{name}{ext}").write_bytes(data)
            expected["bad"][f"{name}{ext}"] = {"key": key, "row": 3, "cell": cell, "sheet": sheet}
    for name, data, key in file_cases():
        (BAD / name).write_bytes(data)
        expected["bad"][name] = {"key": key, "row": None, "cell": None, "sheet": None}
    for name, data, key, sheet, row, cell in located_file_cases():
        (BAD / name).write_bytes(data)
        expected["bad"][name] = {"key": key, "row": row, "cell": cell, "sheet": sheet}

    (GOOD / "clumsy_utf8_bom.csv").write_bytes(_csv(GOOD_CSV_ROWS, "utf-8-sig"))
    (GOOD / "clumsy_gb18030.csv").write_bytes(_csv(GOOD_CSV_ROWS, "gb18030"))
    semicolons = _csv(GOOD_CSV_ROWS, "utf-8").decode().replace(",", ";").replace('"1;234"', '"1,234"')
    (GOOD / "clumsy_semicolons.csv").write_bytes(semicolons.encode())
    (GOOD / "clumsy.xlsx").write_bytes(_xlsx(GOOD_XLSX_ROWS, sheet="Sheet1", number_formats=GOOD_XLSX_FORMATS))
    (GOOD / "clumsy_unicode_text.csv").write_bytes(_unicode_text(GOOD_CSV_ROWS))
    clumsy_xlsx = _xlsx(GOOD_XLSX_ROWS, sheet="Sheet1", number_formats=GOOD_XLSX_FORMATS)
    (GOOD / "clumsy_hidden_sheet.xlsx").write_bytes(_with_hidden_sheet(clumsy_xlsx))
    expected["good"]["clumsy_hidden_sheet.xlsx"] = {"values": GOOD_XLSX_VALUES, "warnings": ["hidden_sheet"]}
    for name in ("clumsy_utf8_bom.csv", "clumsy_gb18030.csv", "clumsy_semicolons.csv", "clumsy_unicode_text.csv"):
        expected["good"][name] = {"values": GOOD_CSV_VALUES}
    expected["good"]["clumsy.xlsx"] = {"values": GOOD_XLSX_VALUES}
    (HERE / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(expected['bad'])} bad and {len(expected['good'])} good files in {HERE}")


if __name__ == "__main__":
    main()
