"""Small pieces every page uses: status badges, the legend, headers, captions."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.figures import Caption
from dashboard.i18n import by_lang, format_value, status_label, t
from dashboard.repository import Repository
from dashboard.services.continuity import carried_baseline
from dashboard.services.notes import page_notes
from dashboard.static import topojson_url
from dashboard.theme import STATUS_COLOURS, STATUS_ICONS, STATUS_ORDER
from dashboard.viewstate import ViewState

# Plotly's modebar: PNG at print resolution; no plotly.com links; the file is named per chart.
GRAPH_CONFIG: dcc.Graph.Config = {
    "displaylogo": False,
    "topojsonURL": topojson_url(),  # versioned, cached for a year (dashboard/static.py)
    "toImageButtonOptions": {"format": "png", "scale": 3},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def attrs(values: Mapping[str, Any]) -> dict[str, Any]:
    """HTML attributes whose names are not Python identifiers (aria-*, data-*), to unpack into a component.

    Dash takes them as keyword arguments, but its generated signatures name only the declared props:
    a dict literal unpacked there does not type-check, these do."""
    return dict(values)


def graph(id_: str | dict, figure=None, *, filename: str = "chart", height: int | None = None, **kwargs) -> dcc.Loading:
    config: dcc.Graph.Config = {
        **GRAPH_CONFIG,
        "toImageButtonOptions": {**GRAPH_CONFIG["toImageButtonOptions"], "filename": filename},
    }
    if height:
        kwargs["style"] = {"height": f"{height}px"}
    return dcc.Loading(dcc.Graph(id=id_, figure=figure or {}, config=config, **kwargs), type="circle", delay_show=400)


def query_store(prefix: str, query: str | None) -> html.Data:
    """Where a page keeps its canonical query (``?a=b``, or empty): callbacks/query.py copies it into
    the address bar. A <data> element, not a dcc.Store: a memory store puts back on its mount the value
    it held when the page was last shown, and a page shown again would write the old view's URL."""
    return html.Data(id=f"{prefix}-query", value=query or "")


def status_badge_parts(status: str, lang: str) -> dict[str, str]:
    """What a status badge says and its colour (status_badge; assets/task_cards.js draws the same)."""
    return {
        "status": status,
        "text": f"{STATUS_ICONS.get(status, '')} {status_label(status, lang)}",
        "colour": STATUS_COLOURS.get(status, STATUS_COLOURS["no_data"]),
    }


def status_badge(status: str, lang: str, *, small: bool = False) -> html.Span:
    parts = status_badge_parts(status, lang)
    # Black text on every Okabe–Ito status colour: at least 5.4:1 (WCAG AA); white gets only 3.4:1 on green.
    return html.Span(
        parts["text"],
        className="badge status-badge" + (" small" if small else ""),
        style={"backgroundColor": parts["colour"], "color": "#000"},
        **attrs({"data-status": status}),
    )


def status_legend(lang: str) -> html.Div:
    return html.Div(
        [html.Span(t("status", lang) + ":", className="me-2 fw-semibold")]
        + [status_badge(s, lang, small=True) for s in STATUS_ORDER],
        className="status-legend d-flex flex-wrap gap-1 align-items-center",
        id="status-legend",
    )


def as_of_badge(year: int, lang: str) -> html.Span:
    return html.Span(t("as_of", lang, year=year), className="badge bg-dark as-of fs-6", id="as-of")


def page_header(title: str, year: int, lang: str, *extra, year_slot: str | None = None) -> html.Div:
    """The page's title and the year its figures are of. ``year_slot``: the id of a box around that
    year, for a page whose controls change it (their callback writes a new ``as_of_badge`` there)."""
    badge = as_of_badge(year, lang)
    return html.Div(
        [html.H1(title, className="h3 mb-0 me-3"), html.Span(badge, id=year_slot) if year_slot else badge, *extra],
        className="d-flex flex-wrap align-items-center gap-2 my-2 page-header",
    )


def caption(repo: Repository, title: str, year: int, lang: str, source: str, subtitle: str = "") -> Caption:
    return Caption(
        title=title, subtitle=subtitle, source=source, as_of=year, lang=lang, is_sample=repo.status()["is_sample"]
    )


def year_options(repo: Repository) -> list[dict]:
    return [{"label": str(y), "value": y} for y in repo.years()]


def indicator_options(repo: Repository, lang: str, task: str | None = None) -> list[dict]:
    plan = repo.plan
    items = plan.indicators if task is None else [i for i in plan.indicators if i.task == task]
    return [{"label": f"{i.code} {i.name.get(lang)}", "value": i.code} for i in items]


UNIT_TYPES = {"区": "unit_type_qu", "县": "unit_type_xian", "县级市": "unit_type_xianjishi"}


def unit_type(unit, lang: str) -> str:
    key = UNIT_TYPES.get(unit.type)
    return t(key, lang) if key else unit.type


def district_options(repo: Repository, lang: str, *, with_type: bool = False) -> list[dict]:
    """The plan's units for a dropdown; ``with_type`` adds 区/县/县级市 where the name does not say it
    (the English names do already: Longsha District, Nehe City)."""
    say_type = with_type and by_lang(lang, zh=True, en=False)
    return [
        {"label": f"{u.label(lang)} · {unit_type(u, lang)}" if say_type else u.label(lang), "value": u.code}
        for u in repo.plan.region.units
    ]


def task_options(repo: Repository, lang: str) -> list[dict]:
    return [{"label": f"{tk.code} {tk.title.get(lang)}", "value": tk.code} for tk in repo.plan.tasks]


def labelled(
    label: str,
    control,
    width: int | None = None,
    id_for: str | None = None,
    *,
    xs: int | None = None,
    class_name: str = "",
) -> dbc.Col:
    """A control under its label in a column ``width`` wide from md up; ``xs``: its width on a phone
    (default the whole row); ``class_name``: more classes (an ``order-*`` for the phone)."""
    phone = {"xs": xs} if xs is not None else {}
    return dbc.Col(
        [html.Label(label, className="form-label small fw-semibold mb-1", htmlFor=id_for), control],
        md=width,
        className=f"mb-2 {class_name}".strip(),
        **phone,
    )


def progress_bar(score: float | None, status: str, lang: str) -> html.Div:
    """Bootstrap's progress bar, built by hand so that the progressbar itself carries its name
    (dbc.Progress puts no aria-label on the inner bar) and its text is black on the status colour."""
    parts = progress_parts(score, status, lang)
    bar = html.Div(
        parts["text"],
        className="progress-bar",
        role="progressbar",
        style={"width": f"{parts['pct']}%", "backgroundColor": parts["colour"], "color": "#000"},
        **attrs({"aria-valuenow": str(parts["pct"]), "aria-valuemin": "0", "aria-valuemax": "100"}),
        **attrs({"aria-label": parts["name"]}),
    )
    return html.Div(bar, className="progress task-progress", style={"height": "14px"}, title=parts["name"])


def progress_parts(score: float | None, status: str, lang: str) -> dict[str, Any]:
    """A progress bar's width (per cent), text, accessible name and colour (progress_bar; assets/task_cards.js)."""
    pct = 0 if score is None else round(100 * score)
    name = f"{t('progress', lang)} {pct}%" if score is not None else f"{t('progress', lang)}: {t('no_data', lang)}"
    text = f"{pct}%" if score is not None else ""
    return {"pct": pct, "text": text, "name": name, "colour": STATUS_COLOURS.get(status, "#999")}


def state_store(state: ViewState):
    return dcc.Store(id="page-state", data={"page": state.page, "lang": state.lang})


# -- every chart's numbers as a table: for screen readers, keyboards, copying ------------------------
def table_details(
    frame: pd.DataFrame, lang: str, caption_text: str, *, numeric: tuple[str, ...] = (), open_: bool = False
):
    """``frame`` as an accessible table, collapsed under its chart in a 「数据表 / Data table」 <details>.

    The columns are the headers and the cells the text the page shows (already in ``lang``); the first
    column heads its row.  An empty frame gives nothing: the chart itself says why it is empty.

    The table travels as data on one component (``data-table``) and ``assets/chart_tables.js`` builds
    its DOM: as a tree of Dash components (a few per cell) Dash's renderer spent about 0.1 s per row
    on it, more than a page's three charts took to draw (docs/benchmarks.md).
    """
    if frame is None or frame.empty:
        return None
    cols = [str(c) for c in frame.columns]
    spec = {
        "caption": caption_text,
        "columns": cols,
        "numeric": [c in numeric for c in frame.columns],
        "rows": [list(row) for row in frame.astype(str).itertuples(index=False)],
    }
    return html.Details(
        [
            html.Summary(f"{t('data_table', lang)} · {caption_text}"),
            html.Div(className="chart-table-body", **attrs({"data-table": json.dumps(spec, ensure_ascii=False)})),
        ],
        className="chart-table small mb-2",
        open=open_,
    )


def table_rows(details) -> list[list[str]]:
    """The body rows of a table made by :func:`table_details` (the first cell of each heads its row)."""
    return json.loads(details.children[1].to_plotly_json()["props"]["data-table"])["rows"]


def district_frame(repo: Repository, indicator: str, year: int, lang: str) -> pd.DataFrame:
    """What the map and the ranking show: each district's value, target, status (icon and words) and
    rank, in rank order; empty when the indicator has no district figures that year."""
    if not repo.is_mappable(indicator):
        return pd.DataFrame()
    table = repo.district_table(indicator, year)
    if table["value"].isna().all():
        return pd.DataFrame()
    ind = repo.indicator(indicator)
    unit = ind.unit.get(lang)
    table = table.sort_values(["rank", "code"], na_position="last")

    def fmt(v):
        return format_value(None if pd.isna(v) else float(v), ind.decimals, unit, lang)

    return pd.DataFrame(
        {
            t("district", lang): [repo.region_name(c, lang) for c in table["code"]],
            t("value", lang): [fmt(v) for v in table["value"]],
            t("target", lang): [fmt(v) if not pd.isna(v) else "—" for v in table["target"]],
            t("status", lang): [f"{STATUS_ICONS.get(s, '')} {status_label(s, lang)}" for s in table["status"]],
            t("rank", lang): ["—" if pd.isna(r) else str(int(r)) for r in table["rank"]],
        }
    )


# Above this many units (a country's 2,875 counties, not a city's 18) the table under a map lists
# the best and the worst TABLE_ENDS and links to the data page for the rest: the renderer needs
# about 0.1 s per row of Dash components, so 2,875 rows never finished drawing.
TABLE_MAX_ROWS = 60
TABLE_ENDS = 20


def district_table_details(repo: Repository, indicator: str, year: int, lang: str, *, open_: bool = False):
    """The table alternative of a district map and its ranking (one table serves both)."""
    name = repo.indicator(indicator).name.get(lang)
    frame = district_frame(repo, indicator, year, lang)
    note = None
    if len(frame) > TABLE_MAX_ROWS:
        ranked = int(repo.district_table(indicator, year)["value"].notna().sum())  # rank order, missing last
        frame = pd.concat([frame.iloc[:TABLE_ENDS], frame.iloc[max(TABLE_ENDS, ranked - TABLE_ENDS) : ranked]])
        href = ViewState(page="data", indicator=indicator, year=year, lang=lang, plan=repo.url_code).to_url()
        note = html.P(
            [
                t("table_ends", lang, n=TABLE_ENDS, total=f"{len(repo.units):,}"),
                " ",
                dcc.Link(t("table_all_rows", lang), href=href),
            ],
            className="small mb-1 table-ends",
        )
    details = table_details(
        frame,
        lang,
        t("map_title", lang, indicator=name, year=year),
        numeric=(t("value", lang), t("target", lang), t("rank", lang)),
        open_=open_,
    )
    if details is not None and note is not None:
        details.children.append(note)
    if details is not None:  # the notes on these figures (数据说明), under the table
        from layouts.notes import notes_under_table

        notes = page_notes(repo, year, indicators=[indicator])
        details.children.append(notes_under_table(repo, notes, lang))
    return details


def series_frame(fig, lang: str) -> pd.DataFrame:
    """A line chart's numbers by year, read from the figure itself so the table always matches it:
    one column per line (its legend name), cells as its hover text writes them (customdata)."""
    columns: dict[str, dict] = {}
    for trace in getattr(fig, "data", ()):
        if trace.type != "scatter" or trace.x is None or trace.customdata is None or not trace.name:
            continue
        columns[trace.name] = {int(x): str(v) for x, v in zip(trace.x, trace.customdata, strict=True)}
    if not columns:
        return pd.DataFrame()
    years = sorted({y for c in columns.values() for y in c})
    return pd.DataFrame(
        {t("year", lang): [str(y) for y in years]}
        | {name: [c.get(y, "—") for y in years] for name, c in columns.items()}
    )


def trend_table_details(fig, lang: str):
    """The table alternative of a trend chart, captioned with the chart's own title."""
    title = re.sub(r"<[^>]+>", "", (fig.layout.title.text or "") if getattr(fig, "layout", None) else "")
    frame = series_frame(fig, lang)
    return table_details(frame, lang, title, numeric=tuple(frame.columns[1:]))


def carried_baseline_note(repo: Repository, indicator: str, region: str, lang: str) -> html.Div | None:
    """Under a continuing indicator's target: the value the plan it follows ended at, the new baseline."""
    carried = carried_baseline(repo, indicator, region)
    if carried is None:
        return None
    year, value = carried
    ind = repo.indicator(indicator)
    text = t("carried_baseline", lang, value=format_value(value, ind.decimals, ind.unit.get(lang), lang), year=year)
    return html.Div(text, className="small text-muted carried-baseline", id=f"baseline-{indicator}")
