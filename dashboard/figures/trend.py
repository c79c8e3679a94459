"""Trajectory charts: actual values, the expected path to the target, a forecast."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.figures.common import Caption, base_layout
from dashboard.i18n import axis_title, format_number, format_value, t
from dashboard.theme import ACTUAL_COLOUR, CITY_COLOUR, FORECAST_COLOUR, PATH_COLOUR, PUBLISHED_COLOUR

PUBLISHED_LEGEND = "legend2"


@dataclass(frozen=True)
class PublishedLine:
    """Figures someone else published (the national share), drawn at their published years only;
    ``values`` the values as text (what the chart's table shows), ``hover`` each one's source."""

    name: str
    points: Mapping[int, float]
    values: Sequence[str]
    hover: Sequence[str]


@dataclass(frozen=True)
class PublishedMark:
    """A published target (national, provincial): a hollow mark, named in the legend with its value,
    its source on hover."""

    name: str
    year: int
    value: float
    value_text: str
    hover: str
    symbol: str = "diamond-open"


def trend_figure(
    actual: Mapping[int, float],
    caption: Caption,
    *,
    unit: str,
    decimals: int = 0,
    expected: Mapping[int, float] | None = None,
    forecast: Mapping[int, float] | None = None,
    target: tuple[float, int] | None = None,
    comparison: Mapping[int, float] | None = None,
    comparison_name: str | None = None,
    actual_name: str | None = None,
    height: int = 380,
    published: Sequence[PublishedLine] = (),
    published_marks: Sequence[PublishedMark] = (),
    published_title: str = "",
    notes: Mapping[int, str] | None = None,
) -> go.Figure:
    """A line chart of one indicator in one region over the plan years.

    ``published`` and ``published_marks``: figures others published, in a legend of their own
    (titled ``published_title``), in a colour of their own, never joined to the region's line.
    ``notes``: hover text of the notes on the region's figures, by year; a noted figure carries ⓘ."""
    lang = caption.lang
    fig = go.Figure()

    def hover(values) -> dict:
        # Numbers formatted in Python as the page writes them (12.3万 in Chinese), not by d3 in the browser.
        return {
            "customdata": [format_value(v, decimals, unit, lang) for v in values],
            "hovertemplate": "%{x}: %{customdata}<extra>%{fullData.name}</extra>",
        }

    if expected:
        fig.add_trace(
            go.Scatter(
                x=list(expected),
                y=list(expected.values()),
                name=t("expected_path", lang),
                mode="lines",
                line={"color": PATH_COLOUR, "dash": "dash", "width": 2},
                **hover(expected.values()),
            )
        )
    if comparison:
        fig.add_trace(
            go.Scatter(
                x=list(comparison),
                y=list(comparison.values()),
                name=comparison_name or t("city", lang),
                mode="lines+markers",
                line={"color": CITY_COLOUR, "width": 1.5, "dash": "dot"},
                marker={"size": 5},
                **hover(comparison.values()),
            )
        )
    if forecast:
        fig.add_trace(
            go.Scatter(
                x=list(forecast),
                y=list(forecast.values()),
                name=t("forecast", lang),
                mode="lines",
                line={"color": FORECAST_COLOUR, "dash": "dot", "width": 2},
                **hover(forecast.values()),
            )
        )
    actual_hover = hover(actual.values())
    if notes:
        actual_hover["hovertext"] = [notes.get(y, "") for y in actual]
        actual_hover["hovertemplate"] = "%{x}: %{customdata}%{hovertext}<extra>%{fullData.name}</extra>"
    fig.add_trace(
        go.Scatter(
            x=list(actual),
            y=list(actual.values()),
            name=actual_name or t("actual", lang),
            mode="lines+markers",
            line={"color": ACTUAL_COLOUR, "width": 3},
            marker={"size": 8},
            **actual_hover,
        )
    )
    noted = [y for y in actual if notes and notes.get(y)]
    if noted:  # a mark above each noted figure: the note itself is in the hover
        fig.add_trace(
            go.Scatter(
                x=noted,
                y=[actual[y] for y in noted],
                mode="text",
                text=["ⓘ"] * len(noted),
                textposition="top center",
                textfont={"size": 14, "color": ACTUAL_COLOUR},
                hoverinfo="skip",
                showlegend=False,
                name="notes",
            )
        )
    _add_published(fig, published, published_marks, published_title)
    if target:
        value, year = target
        places = 0 if float(value).is_integer() else decimals  # 12, not 12.00: as the plan states it
        fig.add_trace(
            go.Scatter(
                x=[year],
                y=[value],
                mode="markers+text",
                name=t("target", lang),
                marker={"symbol": "star", "size": 16, "color": "#D55E00"},
                text=[f"{t('target', lang)} {format_number(value, places, lang)}"],
                textposition="middle left",
                cliponaxis=False,
                customdata=[format_value(value, decimals, unit, lang)],
                hovertemplate=f"{t('target', lang)} %{{x}}: %{{customdata}}<extra></extra>",
            )
        )
    years = sorted(
        set(actual)
        | set(expected or {})
        | set(forecast or {})
        | ({target[1]} if target else set())
        | {y for line in published for y in line.points}
        | {m.year for m in published_marks}
    )
    fig.update_xaxes(
        title={"text": t("year", lang)}, tickmode="array", tickvals=years, showgrid=False, linecolor="#888"
    )
    fig.update_yaxes(
        title={"text": axis_title(unit, lang)},
        gridcolor="#e5e5e5",
        zeroline=False,
        rangemode="tozero",
        linecolor="#888",
    )
    # Top left is where a rising series leaves room; the target star sits top right.
    fig.update_layout(
        legend={
            "orientation": "v",
            "y": 0.98,
            "yanchor": "top",
            "x": 0.01,
            "xanchor": "left",
            "bgcolor": "rgba(255,255,255,0.8)",
        },
        hovermode="x unified",
    )
    fig = base_layout(fig, caption, height=height, bottom=80)
    fig.update_layout(margin={"l": 60, "r": 20})
    return fig


def _add_published(fig: go.Figure, lines: Sequence[PublishedLine], marks: Sequence[PublishedMark], title: str) -> None:
    """A legend of their own (bottom right, where a rising series from a non-zero start leaves room),
    titled to say that these are published figures, not the region's."""
    if not lines and not marks:
        return
    for line in lines:
        fig.add_trace(
            go.Scatter(
                x=list(line.points),
                y=list(line.points.values()),
                name=line.name,
                mode="lines+markers",
                line={"color": PUBLISHED_COLOUR, "width": 1.5, "dash": "dot"},
                marker={"size": 7, "symbol": "circle", "color": PUBLISHED_COLOUR},
                customdata=list(line.values),
                hovertext=list(line.hover),
                hovertemplate="%{x}: %{customdata} · %{hovertext}<extra>%{fullData.name}</extra>",
                legend=PUBLISHED_LEGEND,
            )
        )
    for mark in marks:
        fig.add_trace(
            go.Scatter(
                x=[mark.year],
                y=[mark.value],
                name=mark.name,
                mode="markers",
                marker={"size": 12, "symbol": mark.symbol, "color": PUBLISHED_COLOUR, "line": {"width": 2}},
                customdata=[mark.value_text],
                hovertext=[mark.hover],
                hovertemplate="%{x}: %{customdata} · %{hovertext}<extra>%{fullData.name}</extra>",
                legend=PUBLISHED_LEGEND,
            )
        )
    fig.update_layout(
        {
            PUBLISHED_LEGEND: {
                "title": {"text": title, "font": {"size": 11, "color": "#444"}},
                "x": 0.99,
                "xanchor": "right",
                "y": 0.02,
                "yanchor": "bottom",
                "bgcolor": "rgba(255,255,255,0.85)",
                "bordercolor": "#ddd",
                "borderwidth": 1,
                "font": {"size": 12},
            }
        }
    )


def small_multiple_figure(
    actual: Mapping[int, float],
    title: str,
    *,
    unit: str,
    status_colour: str,
    comparison: Mapping[int, float] | None = None,
    height: int = 170,
) -> go.Figure:
    """A tiny trend for grids of indicators (district profile)."""
    fig = go.Figure()
    if comparison:
        fig.add_trace(
            go.Scatter(
                x=list(comparison),
                y=list(comparison.values()),
                mode="lines",
                line={"color": "#999", "width": 1, "dash": "dot"},
                hoverinfo="skip",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=list(actual),
            y=list(actual.values()),
            mode="lines+markers",
            line={"color": status_colour, "width": 2.5},
            marker={"size": 5},
            hovertemplate=f"%{{x}}: %{{y:,}} {unit}<extra></extra>",
        )
    )
    fig.update_layout(
        title={"text": title, "font": {"size": 12}, "x": 0.02},
        height=height,
        showlegend=False,
        margin={"l": 40, "r": 8, "t": 30, "b": 24},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    fig.update_xaxes(showgrid=False, tickfont={"size": 10}, dtick=1)
    fig.update_yaxes(
        title={"text": unit, "font": {"size": 10}}, tickfont={"size": 10}, gridcolor="#eee", rangemode="tozero"
    )
    return fig


def add_earlier_period(
    fig: go.Figure,
    actual: Mapping[int, float],
    target: tuple[float, int] | None,
    *,
    boundary: float,
    name: str,
    unit: str,
    decimals: int = 0,
    lang: str = "zh",
) -> go.Figure:
    """The earlier plan period of a continuing indicator, before this period's trend: its figures, its
    target (a hollow star) and a dashed line where one period ends and the next begins."""
    if actual:
        fig.add_trace(
            go.Scatter(
                x=list(actual),
                y=list(actual.values()),
                name=name,
                mode="lines+markers",
                line={"color": CITY_COLOUR, "width": 2},
                marker={"size": 6},
                customdata=[format_value(v, decimals, unit, lang) for v in actual.values()],
                hovertemplate="%{x}: %{customdata}<extra>%{fullData.name}</extra>",
            )
        )
    if target:
        value, year = target
        fig.add_trace(
            go.Scatter(
                x=[year],
                y=[value],
                mode="markers",
                name=f"{name} · {t('target', lang)}",
                marker={"symbol": "star-open", "size": 14, "color": "#D55E00", "line": {"width": 2}},
                customdata=[format_value(value, decimals, unit, lang)],
                hovertemplate=f"{t('target', lang)} %{{x}}: %{{customdata}}<extra>{name}</extra>",
            )
        )
    fig.add_vline(x=boundary, line={"color": "#888", "dash": "dash", "width": 1})
    years = {*(fig.layout.xaxis.tickvals or ()), *actual, *([target[1]] if target else [])}
    fig.update_xaxes(tickvals=sorted(years))
    return fig
