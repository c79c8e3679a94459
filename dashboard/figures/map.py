"""Choropleth of the districts on a plain geo subplot (no tiles, no glyph server).

Why ``go.Choropleth`` on a ``geo`` subplot rather than a MapLibre map trace:
it draws labels in SVG with the page's own (CJK) fonts, so nothing is fetched
from a glyph or tile server, it fits the districts by itself
(``fitbounds="locations"``), and a downloaded SVG/PNG contains the whole map.
The boundaries are passed as a URL (``geojson=/geo/...geojson``): the browser
fetches them once and caches them; updates carry only values.
"""

from __future__ import annotations

import math
from typing import cast

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import Caption, base_layout, localised_names
from dashboard.i18n import format_value, script, status_label, t
from dashboard.theme import STATUS_COLOURS, STATUS_ICONS, STATUS_ORDER, VALUE_SCALE


def _hover(table: pd.DataFrame, unit: str, decimals: int, lang: str) -> list[list[str]]:
    rows = []
    for r in table.itertuples():
        value = format_value(_none(r.value), decimals, unit, lang)
        target = format_value(_none(r.target), decimals, unit, lang) if _none(r.target) is not None else "—"
        code = cast(str, r.status)  # the table's status column holds status codes
        status = f"{STATUS_ICONS.get(code, '')} {status_label(code, lang)}"
        source = r.source if isinstance(r.source, str) else "—"
        note = getattr(r, "note", "")  # notes on the figure (dashboard/services/notes.hover_text), or ""
        rows.append([cast(str, r.name), value, target, status, source, note if isinstance(note, str) else ""])
    return rows


def _none(v):
    return None if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA else v


HOVER = (
    "<b>%{customdata[0]}</b><br>" + "%{meta[0]}: %{customdata[1]}<br>%{meta[1]}: %{customdata[2]}<br>"
    "%{meta[2]}: %{customdata[3]}<br>%{meta[3]}: %{customdata[4]}%{customdata[5]}<extra></extra>"
)


def map_figure(
    table: pd.DataFrame,
    geojson: str | dict,
    caption: Caption,
    *,
    unit: str,
    decimals: int = 0,
    legend: str = "status",
    selected: str | None = None,
    view: str = "all",
    central_bbox: tuple[float, float, float, float] | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    bubbles: bool = False,
    height: int = 520,
    border_width: float = 1,
) -> go.Figure:
    """Districts coloured by status class or by value.

    ``table`` has one row per district with code, name, short, value, status,
    target, source, label_lon, label_lat (see Repository.district_table), and optionally
    note: hover text of the notes that explain the figure.
    """
    lang = caption.lang
    table = localised_names(table, lang)
    meta = [t("value", lang), t("target", lang), t("status", lang), t("source", lang)]
    fig = go.Figure()
    common = {
        "geojson": geojson,
        "featureidkey": "properties.code",
        "hovertemplate": HOVER,
        "meta": meta,
        "marker": {"line": {"color": "white", "width": border_width}},
    }
    if legend == "status":
        for status in STATUS_ORDER:
            part = table[table["status"] == status]
            if part.empty:
                continue
            colour = STATUS_COLOURS[status]
            fig.add_trace(
                go.Choropleth(
                    locations=part["code"],
                    z=[1] * len(part),
                    colorscale=[[0, colour], [1, colour]],
                    showscale=False,
                    customdata=_hover(part, unit, decimals, lang),
                    name=f"{STATUS_ICONS[status]} {status_label(status, lang)}",
                    showlegend=True,
                    legendgroup=status,
                    **common,
                )
            )
    else:
        has = table[table["value"].notna()]
        missing = table[table["value"].isna()]
        if not has.empty:
            fig.add_trace(
                go.Choropleth(
                    locations=has["code"],
                    z=has["value"],
                    colorscale=VALUE_SCALE,
                    customdata=_hover(has, unit, decimals, lang),
                    colorbar={"title": {"text": unit}, "thickness": 14, "len": 0.7},
                    name=t("value", lang),
                    **common,
                )
            )
        if not missing.empty:
            grey = STATUS_COLOURS["no_data"]
            fig.add_trace(
                go.Choropleth(
                    locations=missing["code"],
                    z=[1] * len(missing),
                    colorscale=[[0, grey], [1, grey]],
                    showscale=False,
                    customdata=_hover(missing, unit, decimals, lang),
                    name=t("no_data", lang),
                    showlegend=True,
                    **common,
                )
            )
    if selected and selected in set(table["code"]):
        # Outline the selected district on top, transparent fill.
        fig.add_trace(
            go.Choropleth(
                locations=[selected],
                z=[0],
                geojson=geojson,
                featureidkey="properties.code",
                colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                showscale=False,
                hoverinfo="skip",
                marker={"line": {"color": "#000", "width": 3}},
                name="selected",
                showlegend=False,
            )
        )
    if bubbles and table["value"].notna().any():
        vmax = float(table["value"].max()) or 1.0
        fig.add_trace(
            go.Scattergeo(
                lon=table["label_lon"],
                lat=table["label_lat"],
                mode="markers",
                hoverinfo="skip",
                showlegend=False,
                marker={
                    "size": [
                        8 + 30 * math.sqrt(max(v, 0) / vmax) if _none(v) is not None else 0 for v in table["value"]
                    ],
                    "color": "rgba(0,114,178,0.45)",
                    "line": {"color": "#0072B2", "width": 1},
                },
                name="bubbles",
            )
        )
    # At city scale the central districts are too small to label legibly; the
    # central preset labels them.  The table marks them with ``urban``.
    labels = table if view == "central" or "urban" not in table else table[~table["urban"].astype(bool)]
    # Coloured by status, each label also carries the status icon: colour is never the only cue.
    text = (
        labels["short"]
        if legend != "status"
        else [
            f"{short} {STATUS_ICONS.get(status, '')}".strip()
            for short, status in zip(labels["short"], labels["status"], strict=True)
        ]
    )
    fig.add_trace(
        go.Scattergeo(
            lon=labels["label_lon"],
            lat=labels["label_lat"],
            text=text,
            mode="text",
            hoverinfo="skip",
            textfont={"size": 12 if view == "central" else 11, "color": "#111"},
            showlegend=False,
            name="labels",
        )
    )
    geo = {"visible": False, "projection": {"type": "mercator"}, "bgcolor": "rgba(0,0,0,0)"}
    # Explicit axis ranges fill the frame better than fitbounds, which pads generously.
    box = central_bbox if view == "central" and central_bbox else bbox
    if box:
        west, south, east, north = box
        if script(lang).latin_place_names:
            # Pinyin labels are wider than two characters: room at the sides so the outermost are not cut.
            pad = (east - west) * 0.04
            west, east = west - pad, east + pad
        geo.update(
            fitbounds=False,
            lonaxis={"range": [west, east]},
            lataxis={"range": [south, north]},
            center={"lon": (west + east) / 2, "lat": (south + north) / 2},
        )
    else:
        geo.update(fitbounds="locations")
    fig.update_layout(
        geo=geo,
        dragmode=False,
        legend={
            "orientation": "v",
            "x": 0.0,
            "y": 0.02,
            "yanchor": "bottom",
            "bgcolor": "rgba(255,255,255,0.85)",
            "title": {"text": t("status", lang) if legend == "status" else ""},
        },
        clickmode="event",
    )
    fig = base_layout(fig, caption, height=height)
    fig.update_layout(margin={"l": 0, "r": 0})
    return fig
