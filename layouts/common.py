"""Small pieces every page uses: status badges, the legend, headers, captions."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.figures import Caption
from dashboard.i18n import status_label, t
from dashboard.repository import Repository
from dashboard.theme import STATUS_COLOURS, STATUS_ICONS, STATUS_ORDER
from dashboard.viewstate import ViewState

# Plotly's modebar: PNG at print resolution; no plotly.com links; the file is named per chart.
GRAPH_CONFIG = {
    "displaylogo": False,
    "topojsonURL": "/assets/vendor/topojson/",
    "toImageButtonOptions": {"format": "png", "scale": 3},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def graph(id_: str | dict, figure=None, *, filename: str = "chart", height: int | None = None, **kwargs) -> dcc.Loading:
    config = {**GRAPH_CONFIG, "toImageButtonOptions": {**GRAPH_CONFIG["toImageButtonOptions"], "filename": filename}}
    if height:
        kwargs["style"] = {"height": f"{height}px"}
    return dcc.Loading(dcc.Graph(id=id_, figure=figure or {}, config=config, **kwargs),
                       type="circle", delay_show=400)


def status_badge(status: str, lang: str, *, small: bool = False) -> html.Span:
    colour = STATUS_COLOURS.get(status, STATUS_COLOURS["no_data"])
    text_colour = "#000" if status in ("on_track", "lagging", "no_data") else "#fff"
    return html.Span(f"{STATUS_ICONS.get(status, '')} {status_label(status, lang)}",
                     className="badge status-badge" + (" small" if small else ""),
                     style={"backgroundColor": colour, "color": text_colour},
                     **{"data-status": status})


def status_legend(lang: str) -> html.Div:
    return html.Div([html.Span(t("status", lang) + ":", className="me-2 fw-semibold")]
                    + [status_badge(s, lang, small=True) for s in STATUS_ORDER],
                    className="status-legend d-flex flex-wrap gap-1 align-items-center", id="status-legend")


def as_of_badge(year: int, lang: str) -> html.Span:
    return html.Span(t("as_of", lang, year=year), className="badge bg-dark as-of fs-6", id="as-of")


def page_header(title: str, year: int, lang: str, *extra) -> html.Div:
    return html.Div([html.H1(title, className="h3 mb-0 me-3"), as_of_badge(year, lang), *extra],
                    className="d-flex flex-wrap align-items-center gap-2 my-2 page-header")


def caption(repo: Repository, title: str, year: int, lang: str, source: str, subtitle: str = "") -> Caption:
    return Caption(title=title, subtitle=subtitle, source=source, as_of=year, lang=lang,
                   is_sample=repo.status()["is_sample"])


def year_options(repo: Repository) -> list[dict]:
    return [{"label": str(y), "value": y} for y in repo.years()]


def indicator_options(repo: Repository, lang: str, task: str | None = None) -> list[dict]:
    plan = repo.plan
    items = plan.indicators if task is None else [i for i in plan.indicators if i.task == task]
    return [{"label": f"{i.code} {i.name.get(lang)}", "value": i.code} for i in items]


def task_options(repo: Repository, lang: str) -> list[dict]:
    return [{"label": f"{tk.code} {tk.title.get(lang)}", "value": tk.code} for tk in repo.plan.tasks]


def labelled(label: str, control, width: int | None = None, id_for: str | None = None) -> dbc.Col:
    return dbc.Col([html.Label(label, className="form-label small fw-semibold mb-1", htmlFor=id_for), control],
                   md=width, className="mb-2")


def progress_bar(score: float | None, status: str, lang: str) -> dbc.Progress:
    pct = 0 if score is None else round(100 * score)
    return html.Div(dbc.Progress(value=pct, label=f"{pct}%" if score is not None else "",
                                 style={"height": "14px"}, color=STATUS_COLOURS.get(status, "#999"),
                                 className="task-progress"),
                    role="img", title=f"{t('progress', lang)} {pct}%", **{"aria-label": f"{t('progress', lang)} {pct}%"})


def state_store(state: ViewState):
    return dcc.Store(id="page-state", data={"page": state.page, "lang": state.lang})
