"""数据 Data: the observations behind every chart, filtered, sortable, downloadable; and what is missing.

On this page an empty year means *every* year (elsewhere it means the latest):
analysts come here for the whole series.  The grid gets only the rows of the
current filter; its own column filters and sorting narrow what is downloaded.
"""

from __future__ import annotations

import json
from typing import Any

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.context import AppContext
from dashboard.i18n import by_lang, format_number, grid_locale, t
from dashboard.repository import Repository
from dashboard.services.notes import notes_for_rows
from dashboard.services.observations import expected_years
from dashboard.services.reference import reference_rows
from dashboard.viewstate import ViewState
from layouts.common import attrs, district_options, indicator_options, labelled, page_header, task_options, year_options
from layouts.facilities import venue_download
from layouts.filters import FilterPanel, filter_row
from layouts.reference import reference_section

# On a phone the four filters fold into one 「筛选」 panel (layouts/filters.py), its chips in this order.
FILTERS = FilterPanel("dt", ("dt-year", "dt-task", "dt-indicator", "dt-district"), empty="phone_filters_all_data")

# -- what the grid and the downloads show ------------------------------------------------------------
FIELDS = (
    "indicator_code",
    "indicator_name",
    "task",
    "district",
    "year",
    "value",
    "unit",
    "numerator",
    "denominator",
    "source",
    "note",
    "notes",
    "sample",
)
HEADER_KEYS = {
    "indicator_code": "indicator_code",
    "indicator_name": "indicator_name",
    "task": "task",
    "district": "district",
    "year": "year",
    "value": "value",
    "unit": "unit",
    "numerator": "numerator",
    "denominator": "denominator",
    "source": "source",
    "note": "note",
    "notes": "notes_column",  # notes on values (数据说明), with who wrote them and when
    "sample": "sample_flag",
}


def display_frame(repo: Repository, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Observation rows as people read them: names in the chosen language, the sample flag as a word."""
    plan = repo.plan
    inds = plan.indicator_by_code
    out = pd.DataFrame(
        {
            "indicator_code": frame["indicator_code"],
            "indicator_name": frame["indicator_code"].map(lambda c: inds[c].name.get(lang) if c in inds else c),
            "task": frame["indicator_code"].map(lambda c: (inds[c].task or t("dt_goal", lang)) if c in inds else ""),
            "district": frame["region_code"].map(lambda c: repo.region_name(c, lang)),
            "year": frame["year"].astype(int),
            "value": frame["value"],
            "unit": frame["indicator_code"].map(lambda c: inds[c].unit.get(lang) if c in inds else ""),
            "numerator": frame["numerator"],
            "denominator": frame["denominator"],
            "source": frame["source"].fillna(""),
            "note": frame["note"].fillna(""),
            "notes": notes_for_rows(repo, frame, lang),
            "sample": frame["is_sample"].map(lambda s: t("sample_flag", lang) if s else ""),
        }
    )
    return out.reset_index(drop=True)


def row_id(indicator: str, region: str, year: int) -> str:
    return f"{indicator}|{region}|{int(year)}"


def grid_rows(repo: Repository, frame: pd.DataFrame, lang: str) -> list[dict]:
    shown = display_frame(repo, frame, lang)
    shown["id"] = [
        row_id(i, r, y) for i, r, y in zip(frame["indicator_code"], frame["region_code"], frame["year"], strict=True)
    ]
    shown["decimals"] = (
        frame["indicator_code"]
        .map(lambda c: repo.indicator(c).decimals if c in repo.plan.indicator_by_code else 2)
        .to_numpy()
    )
    # NaN is not JSON: missing numbers travel as null.
    return shown.astype(object).where(shown.notna(), None).to_dict("records")


def export_frame(repo: Repository, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """What a download contains: the grid's columns with headers in the chosen language."""
    shown = display_frame(repo, frame, lang)
    return shown.rename(columns={f: t(HEADER_KEYS[f], lang) for f in FIELDS})


def download_name(
    task: str | None, indicator: str | None, district: str | None, year: int | None, is_sample: bool, ext: str
) -> str:
    """observations-T3-2019.csv: the file says which filter it holds (and that it is sample data)."""
    parts = [p for p in (task, indicator, district, None if year is None else str(year)) if p]
    name = "observations-" + ("-".join(parts) if parts else "all")
    return f"{name}{'-sample' if is_sample else ''}.{ext}"


# -- components ----------------------------------------------------------------------------------------
_NUMBER = "params.value == null ? '' : d3.format(',.' + (params.data ? params.data.decimals : 2) + 'f')(params.value)"
_COUNT = "params.value == null ? '' : d3.format(',.4~f')(params.value)"


def column_defs(lang: str) -> list[dict]:
    def col(field, width=None, **kw):
        d = {"field": field, "headerName": t(HEADER_KEYS[field], lang), "headerTooltip": t(HEADER_KEYS[field], lang)}
        if width:
            d["width"] = width
        return d | kw

    number = {"filter": "agNumberColumnFilter", "type": "rightAligned", "cellDataType": "number"}
    return [
        col("indicator_code", by_lang(lang, zh=110, en=140), pinned="left"),
        col("indicator_name", None, flex=2, minWidth=200, tooltipField="indicator_name"),
        col("task", 80),
        col("district", by_lang(lang, zh=120, en=165)),  # pinyin names are longer: Fularji District
        col("year", 90, **number),
        col("value", 110, valueFormatter={"function": _NUMBER}, **number),
        col("unit", by_lang(lang, zh=80, en=110)),
        col("numerator", 110, valueFormatter={"function": _COUNT}, **number),
        col("denominator", by_lang(lang, zh=115, en=130), valueFormatter={"function": _COUNT}, **number),
        col("source", None, flex=1, minWidth=140, tooltipField="source"),
        col("note", 100, tooltipField="note"),
        col("notes", 160, tooltipField="notes"),
        col("sample", 80),
    ]


def grid_options(lang: str) -> dict:
    # The page's own type (CJK fonts) and a denser row than Quartz's default: more rows on a laptop screen.
    options = {
        "tooltipShowDelay": 300,
        "enableCellTextSelection": True,
        "ensureDomOrder": True,
        "animateRows": False,
        "suppressColumnVirtualisation": True,
        "theme": {
            "function": "themeQuartz.withParams({fontFamily: 'inherit', fontSize: 13, spacing: 5, "
            "headerFontWeight: 600, wrapperBorderRadius: 4})"
        },
    }
    locale = grid_locale(lang)
    if locale:
        options["localeText"] = locale
    return options


def missing_column_defs(lang: str) -> list[dict]:
    return [
        {"field": "indicator_code", "headerName": t("indicator_code", lang), "width": by_lang(lang, zh=110, en=165)},
        {
            "field": "indicator_name",
            "headerName": t("indicator_name", lang),
            "flex": 1,
            "minWidth": 180,
            "tooltipField": "indicator_name",
        },
        {"field": "district", "headerName": t("district", lang), "width": by_lang(lang, zh=120, en=165)},
        {"field": "year", "headerName": t("year", lang), "width": 90, "filter": "agNumberColumnFilter"},
    ]


def missing_rows(repo: Repository, missing: pd.DataFrame, lang: str) -> list[dict]:
    return [
        {
            "indicator_code": code,
            "indicator_name": repo.indicator(code).name.get(lang),
            "district": repo.region_name(region, lang),
            "year": int(year),
            "id": row_id(code, region, year),
        }
        for code, region, year in zip(missing["indicator_code"], missing["region_code"], missing["year"], strict=True)
    ]


def missing_method(repo: Repository, year: int | None, lang: str) -> str:
    if year is not None:
        return t("dt_missing_method", lang, years=str(year))
    years = expected_years(repo)
    return t("dt_missing_method", lang, years=f"{years[0]}–{years[-1]}")


def summary(n_rows: int, n_missing: int, lang: str) -> html.Div:
    return html.Div(
        [
            html.Span(
                t("dt_rows", lang, n=format_number(n_rows, 0, lang)),
                className="badge bg-secondary fs-6 me-2",
                id="dt-count",
            ),
            html.Span(
                ("⚠ " if n_missing else "✔ ") + t("dt_missing_count", lang, n=format_number(n_missing, 0, lang)),
                className="badge fs-6 " + ("bg-warning text-dark" if n_missing else "bg-success"),
                id="dt-missing-count",
                **attrs({"data-missing": n_missing}),
            ),
        ],
        className="d-flex flex-wrap align-items-center",
    )


# What a phone shows of each grid (assets/phone_grid.js): these columns at these widths (px, fitted to a
# 360 px screen; None: the width the others leave); names wrap. The downloads keep every column.
PHONE_COLUMNS = {"indicator_name": None, "district": 72, "year": 54, "value": 72, "unit": 52}
PHONE_MISSING_COLUMNS = {"indicator_name": None, "district": 90, "year": 64}
_PHONE_WRAPS = ("indicator_name", "district")


def phone_column_defs(defs: list[dict], widths: dict[str, int | None]) -> list[dict]:
    """``defs`` as a phone shows them: the columns of ``widths`` at those widths, the others hidden."""
    out = []
    for col in defs:
        if col["field"] not in widths:
            out.append(col | {"hide": True})
            continue
        width = widths[col["field"]]
        col = {k: v for k, v in col.items() if k not in ("pinned", "flex", "width", "minWidth")}
        col |= {"flex": 1, "minWidth": 80} if width is None else {"width": width, "minWidth": width}
        if col["field"] in _PHONE_WRAPS:
            col |= {"wrapText": True, "autoHeight": True}
        out.append(col)
    return out


def phone_grid(grid: str, phone_defs: list[dict]) -> dict[str, Any]:
    """The data-* attributes by which assets/phone_grid.js gives ``grid`` its phone columns below md."""
    return attrs({"data-phone-grid": grid, "data-phone-defs": json.dumps(phone_defs, ensure_ascii=False)})


def layout(state: ViewState, context: AppContext) -> html.Div:
    repo = context.repo
    lang = state.lang
    choices = repo.choices()
    as_of = state.year_or_default(choices)
    return html.Div(
        [
            html.Div(page_header(t("nav_data", lang) + " · " + t("observations", lang), as_of, lang), id="dt-header"),
            filter_row(
                FILTERS,
                [
                    labelled(
                        t("task", lang),
                        dcc.Dropdown(
                            id="dt-task",
                            options=task_options(repo, lang),
                            value=state.task,
                            placeholder=t("all_tasks", lang),
                        ),
                        width=3,
                        id_for="dt-task",
                    ),
                    labelled(
                        t("indicator", lang),
                        dcc.Dropdown(
                            id="dt-indicator",
                            value=state.indicator,
                            options=indicator_options(repo, lang, state.task),
                            placeholder=t("all_indicators", lang),
                        ),
                        width=4,
                        id_for="dt-indicator",
                    ),
                    labelled(
                        t("district", lang),
                        dcc.Dropdown(
                            id="dt-district",
                            options=district_options(repo, lang),
                            value=state.district,
                            placeholder=t("all_districts", lang),
                        ),
                        width=3,
                        id_for="dt-district",
                    ),
                    labelled(
                        t("year", lang),
                        dcc.Dropdown(
                            id="dt-year", options=year_options(repo), value=state.year, placeholder=t("all_years", lang)
                        ),
                        width=2,
                        id_for="dt-year",
                    ),
                ],
                lang,
            ),
            dbc.Row(
                [
                    dbc.Col(html.Div(id="dt-summary"), width="auto", className="me-auto"),
                    dbc.Col(
                        [
                            dbc.Button(
                                "↓ " + t("download_csv", lang),
                                id="dt-csv",
                                color="primary",
                                outline=True,
                                size="sm",
                                className="me-2",
                                n_clicks=0,
                            ),
                            dbc.Button(
                                "↓ " + t("download_xlsx", lang),
                                id="dt-xlsx",
                                color="primary",
                                outline=True,
                                size="sm",
                                n_clicks=0,
                            ),
                            dcc.Download(id="dt-download-csv"),
                            dcc.Download(id="dt-download-xlsx"),
                            *venue_download(repo, lang),
                        ],
                        width="auto",
                        className="dt-downloads",  # on a phone a row of two large buttons (assets/app.css)
                    ),
                ],
                className="align-items-center g-2 mb-1",
            ),
            # A phone shows a few of the grid's columns (PHONE_COLUMNS): the rest are in the download.
            html.P(t("phone_data_full", lang, n=len(FIELDS)), className="small mb-1 d-md-none", id="dt-phone-note"),
            html.P(t("dt_grid_hint", lang), className="small text-muted mb-1"),
            html.Div(id="dt-empty"),
            dcc.Loading(
                html.Div(
                    dag.AgGrid(
                        id="dt-grid",
                        rowData=[],
                        columnDefs=column_defs(lang),
                        getRowId="params.data.id",
                        defaultColDef={
                            "sortable": True,
                            "filter": True,
                            "floatingFilter": True,
                            "resizable": True,
                            "minWidth": 70,
                        },
                        dashGridOptions=grid_options(lang),
                        style={"height": "62vh", "minHeight": "160px"},
                    ),
                    id="dt-grid-wrap",
                    **phone_grid("dt-grid", phone_column_defs(column_defs(lang), PHONE_COLUMNS)),
                ),
                type="circle",
                delay_show=400,
            ),
            html.H2(t("dt_missing_title", lang), className="h5 mt-3", id="dt-missing-heading"),
            html.P(missing_method(repo, state.year, lang), className="small text-muted mb-1", id="dt-missing-method"),
            html.Div(id="dt-missing-empty"),
            html.Div(
                dag.AgGrid(
                    id="dt-missing-grid",
                    rowData=[],
                    columnDefs=missing_column_defs(lang),
                    getRowId="params.data.id",
                    defaultColDef={"sortable": True, "filter": True, "resizable": True},
                    dashGridOptions=grid_options(lang),
                    style={"height": "300px"},
                ),
                id="dt-missing-wrap",
                **phone_grid("dt-missing-grid", phone_column_defs(missing_column_defs(lang), PHONE_MISSING_COLUMNS)),
            ),
            # Published figures stay in their own table: never rows of the grid, its downloads or the gaps.
            reference_section(reference_rows(repo.plan), lang),
        ],
        id="data-page",
    )
