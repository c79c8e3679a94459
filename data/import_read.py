"""Reading an uploaded file into raw rows, after checking it is what it claims.

Checks, in order, before any parser sees the bytes: size limit, empty file,
the extension (.xlsx or .csv), magic bytes (an .xlsx is a zip holding
``[Content_Types].xml`` and ``xl/workbook.xml``; a .csv is text without NUL
bytes in UTF-8, UTF-8 with BOM or GB18030, or UTF-16 with its BOM), and for a zip the declared
uncompressed size and compression ratio (zip-bomb guard).  ``zipfile`` stops
each member at its declared size (a lying header fails the CRC check), so the
declared sizes bound what openpyxl can inflate.

The reader finds the header row (within the first rows of each sheet) by its
column names, in Chinese or English, and returns every row below it with the
cells of the columns it knows.  It interprets nothing: that is the
validator's job (``data.importer``).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath
from typing import Any

from data.import_messages import Problem, problem

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
DEFAULT_MAX_ZIP_RATIO = 100.0
HEADER_SEARCH_ROWS = 20


@dataclass(frozen=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES
    max_zip_ratio: float = DEFAULT_MAX_ZIP_RATIO
    max_zip_members: int = 1000


# Header names people write, normalised by _header_key, for each field.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "indicator": ("指标代码", "指标编码", "指标编号", "指标", "indicator", "indicatorcode", "indicator_code", "code"),
    "district": (
        "区县",
        "区县市",
        "区县名称",
        "县区",
        "县市区",
        "地区",
        "行政区",
        "行政区划",
        "单位名称",
        "district",
        "region",
        "regionname",
        "region_name",
        "districtname",
        "district_name",
    ),
    "district_code": (
        "区县代码",
        "地区代码",
        "行政区划代码",
        "区划代码",
        "districtcode",
        "district_code",
        "regioncode",
        "region_code",
        "adcode",
    ),
    "year": ("年份", "年度", "年", "year"),
    "value": ("数值", "数据", "值", "填报值", "value"),
    "numerator": ("分子", "numerator"),
    "denominator": ("分母", "denominator"),
    "source": ("来源", "数据来源", "source"),
    "note": ("备注", "note", "notes", "remark", "remarks", "comment"),
    # A note that explains the figure wherever it is shown (data/notes.py), not a remark kept with it.
    "explanation": ("说明", "数据说明", "explanation", "datanote", "data_note"),
}
VALUE_FIELDS = ("value", "numerator", "denominator")


def _header_key(text: object) -> str:
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text))
    s = re.sub(r"\(.*?\)|\[.*?\]|【.*?】|<.*?>", "", s)  # 数值(%) / 区县(市) / value [unit]
    return re.sub(r"[\s_*:]", "", s).lower()


@dataclass(frozen=True)
class TableSpec:
    """The columns a kind of file has: header names people write for each field, and which fields a
    header row needs (``missing``: the fields it lacks, or nothing). Figures (``FIGURES``) are the
    default; a venue list (data/facilities.py) is another."""

    aliases: dict[str, tuple[str, ...]]
    missing: Callable[[set[str]], list[str]]
    missing_problem: Callable[[list[str], str | None], Problem]

    @cached_property
    def by_alias(self) -> dict[str, str]:
        return {n.replace("_", ""): f for f, names in self.aliases.items() for n in names}

    def field_for_header(self, text: object) -> str | None:
        return self.by_alias.get(_header_key(text))


def field_for_header(text: object) -> str | None:
    return FIGURES.field_for_header(text)


@dataclass(slots=True)
class RawCell:
    value: object
    column: str  # the header as written
    cell: str  # e.g. "F12"
    percent_format: bool = False  # an Excel number shown with a % format


@dataclass(slots=True)
class RawRow:
    sheet: str | None
    row: int
    cells: dict[str, RawCell]


@dataclass
class Block:
    """The rows under one header (a CSV file or one sheet), column by column.

    The validator checks a whole column at a time and builds a row (``raw_row``) only where it
    must name a problem: 100,000 rows of six cells are 600,000 ``RawCell`` objects otherwise."""

    sheet: str | None
    columns: dict[str, tuple[str, str]]  # field → (header as written, column letter), in column order
    numbers: list[int] = field(default_factory=list)  # each row's number in the file or sheet
    values: dict[str, list[object]] = field(default_factory=dict)  # field → each row's cell, None when empty
    percent: dict[str, list[bool]] = field(default_factory=dict)  # field → an Excel number shown with a % format

    def __len__(self) -> int:
        return len(self.numbers)

    def raw_row(self, i: int) -> RawRow:
        number = self.numbers[i]
        cells: dict[str, RawCell] = {}
        for f, (header, letter) in self.columns.items():
            v = self.values[f][i]
            if v is not None:
                pct = self.percent.get(f)
                cells[f] = RawCell(v, header, f"{letter}{number}", pct[i] if pct else False)
        return RawRow(self.sheet, number, cells)


@dataclass
class ReadResult:
    kind: str | None = None  # "csv" / "xlsx"
    blocks: list[Block] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sheets_read: list[str] = field(default_factory=list)
    sheets_skipped: list[str] = field(default_factory=list)
    sheets_hidden: list[str] = field(default_factory=list)  # not read: a hidden sheet is usually a helper
    encoding: str | None = None

    @property
    def refused(self) -> bool:
        return any(p.is_error for p in self.problems)

    @property
    def rows(self) -> list[RawRow]:
        """Every row of every block, as cells (a venue list reads rows; figures are read by column)."""
        return [b.raw_row(i) for b in self.blocks for i in range(len(b))]


ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc, and password-protected .xlsx
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # Excel's "Unicode Text" (.txt, often renamed .csv) starts so
# Workbook formats people have that the reader does not open: each gets "save as .xlsx".
OLD_WORKBOOKS = (".xls", ".xlsm", ".xlsb", ".et", ".ods", ".numbers")

_FOUND = {
    "damaged_zip": (
        "一个损坏的 zip 压缩包",
        "a damaged zip archive",
        "请上传导入模板(.xlsx)或 CSV 文件",
        "upload the template (.xlsx) or a CSV file",
    ),
    "zip": ("一个 zip 压缩包", "a zip archive", "请上传 .xlsx 或 .csv 文件", "upload an .xlsx or .csv file"),
    "xlsx": (
        "一个 Excel 工作簿(.xlsx)",
        "an Excel workbook (.xlsx)",
        "请把扩展名改为 .xlsx 后再上传",
        "rename it to .xlsx",
    ),
    "other_office": (
        "其他 Office 文档(不是 Excel 工作簿)",
        "another Office document, not a workbook",
        "请上传导入模板(.xlsx)或 CSV 文件",
        "upload the template (.xlsx) or a CSV file",
    ),
    "ole": (
        "旧版 .xls 工作簿或加密的文件",
        "an old .xls workbook or a password-protected file",
        "请在 Excel 中「另存为」无密码的 .xlsx",
        "save it from Excel as an .xlsx without a password",
    ),
    "utf16": (
        "UTF-16 编码的文本(Excel 的「Unicode 文本」)",
        "UTF-16 text (Excel's 'Unicode Text')",
        "请在 Excel 中「另存为」「CSV UTF-8(逗号分隔)」",
        "save it from Excel as 'CSV UTF-8 (Comma delimited)'",
    ),
    "text": ("纯文本(像是 CSV)", "plain text (looks like CSV)", "请把扩展名改为 .csv 后再上传", "rename it to .csv"),
    "binary": (
        "二进制数据(不是文本)",
        "binary data, not text",
        "请上传导入模板(.xlsx)或 CSV 文件",
        "upload the template (.xlsx) or a CSV file",
    ),
}


def _mismatch(ext: str, found: str) -> Problem:
    zh, en, hint_zh, hint_en = _FOUND[found]
    return problem("type_mismatch", ext=ext, found=found, found_zh=zh, found_en=en, hint_zh=hint_zh, hint_en=hint_en)


def sniff(data: bytes) -> str:
    """What the bytes are, whatever the name says: xlsx, zip, damaged_zip, other_office, ole,
    binary or text."""
    if data.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return "damaged_zip"
        if "[Content_Types].xml" in names:
            return "xlsx" if "xl/workbook.xml" in names else "other_office"
        return "zip"
    if data.startswith(OLE_MAGIC):
        return "ole"
    if data.startswith(UTF16_BOMS):
        return "text"
    head = data[:65536]
    if b"\x00" in head:
        # UTF-16 without a BOM: every other byte of ASCII text is NUL.
        return "utf16" if head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4 else "binary"
    return "text"


def read_upload(data: bytes, filename: str, limits: Limits = Limits(), spec: TableSpec | None = None) -> ReadResult:
    """Check and read an uploaded file; never raises for bad input. ``spec``: the columns to find
    (figures by default)."""
    spec = spec or FIGURES
    res = ReadResult()
    if len(data) > limits.max_bytes:
        res.problems.append(problem("file_too_large", size=len(data), limit=limits.max_bytes))
        return res
    ext = PurePath(filename or "").suffix.lower()
    if ext in OLD_WORKBOOKS:
        res.problems.append(problem("old_workbook", ext=ext))
        return res
    if ext not in (".xlsx", ".csv"):
        res.problems.append(problem("unsupported_type", ext=ext or "(none)"))
        return res
    if not data.strip() or data.strip() in (b"\xef\xbb\xbf",):
        res.problems.append(problem("empty_file"))
        return res
    found = sniff(data)
    if ext == ".xlsx":
        if found == "damaged_zip":
            res.problems.append(problem("corrupt_file", detail="damaged zip archive"))
            return res
        if found != "xlsx":
            res.problems.append(_mismatch(ext, found))
            return res
        res.kind = "xlsx"
        _read_xlsx(data, limits, res, spec)
    else:
        if found != "text":
            res.problems.append(_mismatch(ext, found))
            return res
        res.kind = "csv"
        _read_csv(data, res, spec)
    return res


def header_found(data: bytes, filename: str, spec: TableSpec, limits: Limits = Limits()) -> bool:
    """Whether a header row of ``spec`` stands among the first rows of the file (of any visible
    sheet): reads no further, so a large file of another kind costs little. False for anything
    the reader would refuse; reading it properly then says why."""
    ext = PurePath(filename or "").suffix.lower()
    try:
        if ext == ".csv" and sniff(data[:65536]) == "text":
            decoded = decode_csv(data[:65536]) or decode_csv(data)
            if decoded is None:
                return False
            lines = decoded[0].splitlines()[:HEADER_SEARCH_ROWS]
            rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=_delimiter("\n".join(lines))))
            return any(not spec.missing(_header_fields(dict(enumerate(r)), spec)) for r in rows)
        if ext == ".xlsx" and len(data) <= limits.max_bytes and _zip_guard(data, limits) is None:
            import openpyxl

            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                for ws in wb.worksheets:
                    if getattr(ws, "sheet_state", "visible") != "visible":
                        continue
                    for i, (_, cells, _) in enumerate(_sheet_rows(ws)):
                        if i >= HEADER_SEARCH_ROWS:
                            break
                        if not spec.missing(_header_fields(_cell_texts(cells, True), spec)):
                            return True
            finally:
                wb.close()
    except Exception:  # noqa: BLE001 - a damaged file is not of this kind; reading it says why
        return False
    return False


def _header_fields(texts: dict[int, object], spec: TableSpec) -> set[str]:
    return {f for f in (spec.field_for_header(v) for v in texts.values()) if f is not None}


# -- CSV -----------------------------------------------------------------------------


def decode_csv(data: bytes) -> tuple[str, str] | None:
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            return None
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return None


def _delimiter(first_lines: str) -> str:
    counts = {d: first_lines.count(d) for d in (",", "\t", ";", "，")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _read_csv(data: bytes, res: ReadResult, spec: TableSpec) -> None:
    decoded = decode_csv(data)
    if decoded is None:
        res.problems.append(problem("bad_encoding"))
        return
    text, res.encoding = decoded
    if not text.strip():
        res.problems.append(problem("empty_file"))
        return
    delim = _delimiter("\n".join(text.splitlines()[:HEADER_SEARCH_ROWS]))
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
    except csv.Error as exc:  # e.g. a NUL byte or an unterminated quote at the end
        res.problems.append(problem("corrupt_file", detail=f"CSV: {exc}"))
        return
    missing = _csv_columns(records, res, spec)
    if missing and not res.problems:
        res.problems.append(spec.missing_problem(missing, None))


# -- XLSX ----------------------------------------------------------------------------


def _zip_guard(data: bytes, limits: Limits) -> Problem | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        return problem("corrupt_file", detail=type(exc).__name__)
    if len(infos) > limits.max_zip_members:
        return problem("corrupt_file", detail=f"{len(infos)} members in the archive")
    total = sum(i.file_size for i in infos)
    if total > limits.max_unzipped_bytes:
        return problem("zip_too_large", unzipped=total, limit=limits.max_unzipped_bytes)
    ratio = total / max(1, len(data))
    if ratio > limits.max_zip_ratio:
        return problem("zip_ratio", ratio=ratio, limit=limits.max_zip_ratio)
    if any(i.flag_bits & 0x1 for i in infos):
        return problem("corrupt_file", detail="encrypted archive member")
    return None


def _read_xlsx(data: bytes, limits: Limits, res: ReadResult, spec: TableSpec) -> None:
    bad = _zip_guard(data, limits)
    if bad is not None:
        res.problems.append(bad)
        return
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any parser failure is a message, not a traceback
        res.problems.append(problem("corrupt_file", detail=f"{type(exc).__name__}: {str(exc)[:200]}"))
        return
    best: list[str] | None = None
    formulas = _formula_cells(data)
    try:
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                res.sheets_hidden.append(ws.title)
                res.problems.append(problem("hidden_sheet", sheet=ws.title, name=ws.title))
                continue
            missing = _sheet_columns(_sheet_rows(ws), ws.title, res, spec, formulas.get(ws.title, {}))
            if any(p.key == "duplicate_column" for p in res.problems):
                return
            if missing is None:
                res.sheets_read.append(ws.title)
            else:
                res.sheets_skipped.append(ws.title)
                if best is None or len(missing) < len(best):
                    best = missing
        if not res.sheets_read:
            res.problems.append(spec.missing_problem(best or spec.missing(set()), None))
    except Exception as exc:  # noqa: BLE001 - a damaged sheet XML
        res.problems.append(problem("corrupt_file", detail=f"{type(exc).__name__}: {str(exc)[:200]}"))
    finally:
        wb.close()


def _formula_cells(data: bytes) -> dict[str, dict[str, str]]:
    """Sheet → cell → formula, for the formulas of a workbook (none when it has none).

    Opened with ``data_only=True`` a formula cell shows the value Excel cached when it last
    saved the file; a workbook written by a program and never opened in Excel has none, and
    its formulas would read as empty cells.  Knowing where the formulas are lets the reader
    name each one instead of dropping it."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheets = (zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/"))
        if not any(b"<f>" in xml or b"<f " in xml for xml in sheets):
            return {}
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        out: dict[str, dict[str, str]] = {}
        for ws in wb.worksheets:
            for number, cells, _ in _sheet_rows(ws):
                for c in cells:
                    if isinstance(c.value, str) and c.value.startswith("="):
                        out.setdefault(ws.title, {})[f"{_column_letter(c.column)}{number}"] = c.value
        return out
    finally:
        wb.close()


# A row of a table: (row number, cells, is_excel), where cells are strings (CSV) or
# openpyxl cells (Excel).
TableRow = tuple[int, Sequence[Any], bool]


def _sheet_rows(ws: Any) -> Iterator[TableRow]:  # a worksheet of a workbook opened read-only
    for row in ws.iter_rows():
        # Read-only sheets pad short rows with EmptyCell, which has no position.
        cells = [c for c in row if getattr(c, "column", None) is not None]
        if cells:
            yield cells[0].row, cells, True


# -- both ----------------------------------------------------------------------------


def _column_letter(i: int) -> str:
    out = ""
    while i > 0:
        i, rem = divmod(i - 1, 26)
        out = chr(65 + rem) + out
    return out


Header = dict[int, tuple[str, str, str]]  # column (1-based) → (field, header as written, letter)


def _header_of(
    number: int, cells: Sequence[Any], is_excel: bool, sheet: str | None, res: ReadResult, spec: TableSpec
) -> Header | None:
    """The known columns of a row read as a header; None after a column named twice (a problem)."""
    mapping: Header = {}
    for col, text in _cell_texts(cells, is_excel).items():
        f = spec.field_for_header(text)
        if f is None:
            continue
        if any(f == m[0] for m in mapping.values()):
            res.problems.append(
                problem(
                    "duplicate_column",
                    sheet=sheet,
                    row=number,
                    column=str(text).strip(),
                    cell=f"{_column_letter(col)}{number}",
                    name=str(text).strip(),
                )
            )
            return None
        mapping[col] = (f, str(text).strip(), _column_letter(col))
    return mapping


def _new_block(sheet: str | None, header: Header, excel: bool) -> Block:
    block = Block(sheet, {f: (name, letter) for f, name, letter in header.values()})
    block.values = {f: [] for f in block.columns}
    if excel:
        block.percent = {f: [] for f in block.columns}
    return block


def _csv_columns(records: list[list[str]], res: ReadResult, spec: TableSpec) -> list[str] | None:
    """Find the header among the first records, then take each known column whole.

    Returns None when a header was found (or a column was named twice), else the fields the most
    header-like record lacked.  Row numbers are record numbers (a quoted line break stays in its
    record), an empty cell is None."""
    best_missing = spec.missing(set())
    for i, rec in enumerate(records[:HEADER_SEARCH_ROWS]):
        header = _header_of(i + 1, rec, False, None, res, spec)
        if header is None:
            return None
        missing = spec.missing({m[0] for m in header.values()})
        if missing:
            if len(missing) < len(best_missing):
                best_missing = missing
            continue
        block = _new_block(None, header, excel=False)
        body = records[i + 1 :]
        block.numbers = list(range(i + 2, i + 2 + len(body)))
        for col, (f, _, _) in header.items():
            j = col - 1
            column: list[object] = [(r[j] or None) if len(r) > j else None for r in body]
            block.values[f] = column
        res.blocks.append(block)
        return None
    return best_missing


def _sheet_columns(
    rows: Iterable[TableRow],
    sheet: str | None,
    res: ReadResult,
    spec: TableSpec,
    formulas: dict[str, str] | None = None,
) -> list[str] | None:
    """Find the header among the first rows of a sheet, then collect the known columns of each row.

    ``rows`` yields (row number, openpyxl cells, True); a read-only sheet may skip empty cells.
    Returns None when a header was found (or a column was named twice), else the fields the most
    header-like row lacked.
    """
    header: Header | None = None
    block: Block | None = None
    best_missing = spec.missing(set())
    seen = 0
    for number, cells, is_excel in rows:
        if header is None or block is None:
            seen += 1
            if seen > HEADER_SEARCH_ROWS:
                break
            mapping = _header_of(number, cells, is_excel, sheet, res, spec)
            if mapping is None:
                return None
            missing = spec.missing({m[0] for m in mapping.values()})
            if not missing:
                header, block = mapping, _new_block(sheet, mapping, excel=True)
                res.blocks.append(block)
            elif len(missing) < len(best_missing):
                best_missing = missing
            continue
        got: dict[str, tuple[object, bool]] = {}
        for c in cells:
            h = header.get(c.column)
            if h is None:
                continue
            if c.value is None:
                formula = (formulas or {}).get(f"{h[2]}{number}")
                if formula is not None:
                    res.problems.append(
                        problem(
                            "formula_without_value",
                            sheet=sheet,
                            row=number,
                            column=h[1],
                            cell=f"{h[2]}{number}",
                            formula=formula[:80],
                        )
                    )
                continue
            v = c.value
            got[h[0]] = (v, isinstance(v, (int, float)) and "%" in (c.number_format or ""))
        block.numbers.append(number)
        for f in block.columns:
            v, pct = got.get(f, (None, False))
            block.values[f].append(v)
            block.percent[f].append(pct)
    if header is None:
        return best_missing
    return None


def _cell_texts(cells: Sequence[Any], is_excel: bool) -> dict[int, object]:
    if is_excel:
        return {c.column: c.value for c in cells if c.value is not None}
    return {i: v for i, v in enumerate(cells, start=1) if v}


def _missing(fields: set[str]) -> list[str]:
    out = [f for f in ("indicator", "year") if f not in fields]
    if not ({"district", "district_code"} & fields):
        out.append("district")
    if not (set(VALUE_FIELDS) & fields):
        out.append("value")
    return out


def _missing_problem(cols: list[str], sheet: str | None) -> Problem:
    from data.import_messages import FIELD_NAMES

    return problem(
        "missing_column",
        sheet=sheet,
        columns="、".join(FIELD_NAMES[c][0] for c in cols),
        columns_en=", ".join(FIELD_NAMES[c][1] for c in cols),
        missing=cols,
    )


FIGURES = TableSpec(HEADER_ALIASES, _missing, _missing_problem)
