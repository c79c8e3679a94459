"""Observations to CSV and Excel, safe to open in a spreadsheet.

A cell that starts with = + - @ (or a tab / carriage return) is run as a
formula by Excel and LibreOffice; such text cells are prefixed with a quote.
Numbers are left as numbers: a negative number is not a formula.
"""

from __future__ import annotations

import io

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(escape_cell)
    out.columns = [escape_cell(str(c)) for c in out.columns]
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    # utf-8-sig so that Excel on Windows opens the Chinese text correctly.
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(
    frame: pd.DataFrame, sheet: str = "observations", more: dict[str, pd.DataFrame] | None = None
) -> bytes:
    """One sheet of ``frame``; ``more``: further sheets by name (the venue registry beside the figures)."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        safe_frame(frame).to_excel(xl, index=False, sheet_name=sheet[:31])
        for name, extra in (more or {}).items():
            safe_frame(extra).to_excel(xl, index=False, sheet_name=name[:31])
    return buf.getvalue()
