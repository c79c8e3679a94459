"""Embed mode (``?embed=1``): one chart of a view, filling its frame, for an <iframe> on another page.

    <iframe src="/map?indicator=T8-01&year=2019&embed=1" width="800" height="500"></iframe>

The embed shows the chart and nothing else: no navigation bar, no filters, no
sample banner (callbacks/routing.py leaves the chrome out).  Everything a
reader needs is inside the figure itself, as in every export: the title, the
unit (subtitle), the source, the as-of year and the sample-data label (caption
and watermark, dashboard/figures/common.py ``base_layout``).

Which chart: ``?chart=map|trend|ranking`` (ViewState.chart), else the page's
main chart:

| page | default | also |
| --- | --- | --- |
| overview ``/`` | the city map of the indicator | ``trend``: the city's trend |
| map ``/map`` | the map (legend, view, selected district) | ``trend`` (of the selected district), ``ranking`` |
| task ``/task/T3`` | the trend of the task's indicator | ``map``, ``ranking`` |
| district ``/district/110105`` | the district's trend against the city | ``map`` (district marked), ``ranking`` |

Other pages have no single chart and are shown whole, without the chrome.
The figure is sized by the frame (``height: 100vh``, responsive); its shapes
come from this host's /geo URL, like every map of the app.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go
from dash import dcc, html

from dashboard.charts import map_chart, ranking_chart, trend_chart
from dashboard.context import AppContext
from dashboard.figures import empty_figure
from dashboard.i18n import script, t
from dashboard.pages import EMBEDDABLE, page
from dashboard.reports.narrative import headline_indicator
from dashboard.repository import Repository
from dashboard.viewstate import ViewState
from layouts.common import GRAPH_CONFIG, attrs
from layouts.task import resolve as resolve_task


def embeddable(state: ViewState) -> bool:
    return state.embed and state.page in EMBEDDABLE


def embed_view(state: ViewState, repo: Repository) -> tuple[str, str | None, int, str | None]:
    """(chart, indicator, year, district) the embed of this view shows; indicator None: nothing to show."""
    choices = repo.choices()
    chart = state.chart or page(state.page).default_chart or "map"
    year = state.year_or_default(choices)
    district = state.district if state.district in choices.districts else None
    if state.page == "task":
        _, year, indicator = resolve_task(state, repo)
        return chart, indicator, year, None
    if state.page == "district":
        return chart, district_indicator(state, repo), year, district or choices.districts[0]
    return chart, state.indicator_or_default(choices), year, district if state.page == "map" else None


def district_indicator(state: ViewState, repo: Repository) -> str:
    """A district profile's chart: the indicator asked for, else the featured one of the task asked for,
    else the headline indicator, if it has district figures; else the first indicator that has them."""
    choices = repo.choices()
    candidates = [state.indicator]
    if state.task:
        candidates.append(headline_indicator(repo.plan, state.task).code)
    candidates += [choices.default_indicator] + [i.code for i in repo.plan.indicators]
    return next(c for c in candidates if c in choices.indicators and repo.is_mappable(c))


def embed_figure(state: ViewState, repo: Repository) -> tuple[go.Figure, str]:
    """The one figure of an embed, sized by its frame, and the file name its PNG download gets."""
    chart, indicator, year, district = embed_view(state, repo)
    lang = state.lang
    if indicator is None:
        fig, name = empty_figure(t("no_data", lang)), "chart"
    elif chart == "trend":
        region = district or repo.city
        fig = trend_chart(repo, indicator, region, year, lang, compare_city=region != repo.city, earlier=repo.follows)
        name = f"trend-{indicator}-{region if region != repo.city else 'city'}"
    elif chart == "ranking":
        fig, name = ranking_chart(repo, indicator, year, lang, selected=district), f"ranking-{indicator}-{year}"
    else:
        fig = map_chart(repo, indicator, year, lang, legend=state.legend, view=state.view, selected=district)
        name = f"map-{indicator}-{year}"
    # The frame decides the size: no fixed height, plotly fills the 100vh graph and follows resizes.
    fig.update_layout(height=None, autosize=True)
    tag = script(lang).file_tag
    return fig, name + (f"-{tag}" if tag else "")


def layout(state: ViewState, context: AppContext) -> html.Div:
    repo = context.repo
    fig, filename = embed_figure(state, repo)
    title = re.sub(r"<[^>]+>", "", fig.layout.title.text or "")
    config: dcc.Graph.Config = {
        **GRAPH_CONFIG,
        "responsive": True,
        "toImageButtonOptions": {**GRAPH_CONFIG["toImageButtonOptions"], "filename": filename},
    }
    return html.Div(
        [
            html.H1(title, className="visually-hidden"),  # the page's name for screen readers; the figure shows it
            dcc.Graph(
                id="embed-graph",
                figure=fig,
                config=config,
                responsive=True,
                className="embed-graph",
                style={"height": "100vh", "width": "100%"},
            ),
        ],
        className="kepu-embed",
        id="embed-page",
        **attrs({"data-chart": filename}),
    )
