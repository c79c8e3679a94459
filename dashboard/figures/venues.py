"""Venues as points over the district map, by type, and the area within each type's radius.

Pure: a frame of venues (``dashboard.services.facilities.venue_table``) and ring outlines in,
plotly traces out; ``dashboard.charts.map_chart`` adds them to the map it builds. Points are
``go.Scattergeo`` on the map's own geo subplot (no tiles, nothing fetched).

Bytes matter (an update resends them): coordinates go as float32 arrays (plotly sends numpy
arrays as base64, ~1 m at these longitudes), and a hover field that is the same for every venue
of a type (a sample source, a level) is written once into the trace's template instead of once per
venue (docs/benchmarks.md measures 2,000 venues).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import t

# A colour and a symbol per type, in the plan's order: the symbol makes the type readable
# without colour. Dark fills with a white rim stay visible on every status fill.
TYPE_COLOURS = ("#222222", "#6A3D9A", "#8C510A", "#1F4E9A", "#B2182B", "#00664A", "#7A5195", "#4D4D4D")
TYPE_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "star", "triangle-down", "x")
RING_FILL = "rgba(255, 255, 255, 0.45)"  # lightens the district colour under it: reads on every status fill
VENUE_LEGEND = "legend2"


def _hover_parts(part: pd.DataFrame, lang: str) -> tuple[str, list[list[str]] | None]:
    """The hover template and its per-venue data: fields equal for every venue are inlined."""
    fields = [
        (t("venue_level", lang), part["level_name"].fillna("").astype(str)),
        (t("ref_address", lang), part["address"].fillna("").astype(str)),
        (t("venue_opened", lang), part["opened_year"].astype("string").fillna("—").astype(str)),
        (t("source", lang), part["source"].fillna("").astype(str)),
    ]
    template = "<b>%{customdata[0]}</b>"
    columns = [part["name"].astype(str)]
    for label, values in fields:
        distinct = values.unique()
        if len(distinct) == 1:
            value = str(distinct[0])
            if value:
                template += f"<br>{_escape(label)}: {_escape(value)}"
            continue
        template += f"<br>{_escape(label)}: %{{customdata[{len(columns)}]}}"
        columns.append(values)
    data = [list(row) for row in zip(*columns, strict=True)]
    return template + "<extra>%{fullData.name}</extra>", data


def _escape(text: str) -> str:
    """Literal text in a hover template: plotly reads %{...} as a field."""
    return text.replace("%{", "%\u200b{").replace("<", "&lt;")


def venue_traces(venues: pd.DataFrame, type_order: list[tuple[str, str]], lang: str) -> list[go.Scattergeo]:
    """One marker trace per type (``type_order``: code and name, the plan's order) of the located
    venues, in the second legend."""
    traces = []
    located = venues[venues["lon"].notna()]
    for i, (code, name) in enumerate(type_order):
        part = located[located["type_code"] == code]
        if part.empty:
            continue
        template, data = _hover_parts(part, lang)
        traces.append(
            go.Scattergeo(
                lon=part["lon"].to_numpy(dtype=np.float32),
                lat=part["lat"].to_numpy(dtype=np.float32),
                mode="markers",
                customdata=data,
                hovertemplate=template,
                marker={
                    "size": 7,
                    "color": TYPE_COLOURS[i % len(TYPE_COLOURS)],
                    "symbol": TYPE_SYMBOLS[i % len(TYPE_SYMBOLS)],
                    "line": {"color": "white", "width": 1},
                },
                name=f"{name} ({len(part):,})",
                legend=VENUE_LEGEND,
                legendgroup=f"venue-{code}",
                meta={"venue_type": code},
            )
        )
    return traces


Rings = list[tuple[str, str, float, np.ndarray | list, np.ndarray | list]]


def ring_traces(rings: Rings, lang: str) -> list[go.Scattergeo]:
    """The outline of the area within each type's radius of its venues (code, name, radius km, lons, lats)."""
    traces = []
    for code, name, radius, lons, lats in rings:
        if not len(lons):
            continue
        traces.append(
            go.Scattergeo(
                lon=np.asarray(lons, dtype=np.float32),  # NaN between rings: a gap
                lat=np.asarray(lats, dtype=np.float32),
                mode="lines",
                fill="toself",
                fillcolor=RING_FILL,
                line={"color": "#333333", "width": 1},
                hoverinfo="skip",
                name=t("venue_rings_of", lang, type=name, km=f"{radius:g}"),
                legend=VENUE_LEGEND,
                legendgroup=f"venue-{code}",
                meta={"venue_rings": code},
            )
        )
    return traces


def add_venues(
    fig: go.Figure,
    venues: pd.DataFrame,
    type_order: list[tuple[str, str]],
    lang: str,
    *,
    rings: Rings | None = None,
    unlocated: int = 0,
    is_sample: bool = False,
) -> go.Figure:
    """The map with the venues (and rings) over its districts; a second legend lists the types."""
    for trace in ring_traces(rings or [], lang):
        fig.add_trace(trace)
    for trace in venue_traces(venues, type_order, lang):
        fig.add_trace(trace)
    title = t("venues", lang) + (f" · {t('sample_short', lang)}" if is_sample else "")
    if unlocated:
        title += "<br>" + t("venues_unlocated_n", lang, n=f"{unlocated:,}")
    fig.update_layout(
        {
            VENUE_LEGEND: {
                "title": {"text": title},
                "x": 1.0,
                "xanchor": "right",
                "y": 1.0,
                "yanchor": "top",
                "bgcolor": "rgba(255,255,255,0.85)",
                "font": {"size": 11},
            }
        }
    )
    return fig
