"""Districts ranked by value, bars coloured by status."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import Caption, base_layout, localised_names
from dashboard.i18n import axis_title, format_number, format_value, join_names, status_label, t
from dashboard.theme import STATUS_COLOURS, STATUS_ICONS


def ranking_figure(
    table: pd.DataFrame,
    caption: Caption,
    *,
    unit: str,
    decimals: int = 0,
    higher_is_better: bool = True,
    selected: str | None = None,
    height: int = 520,
) -> go.Figure:
    lang = caption.lang
    table = localised_names(table, lang)
    has = table[table["value"].notna()].sort_values("value", ascending=higher_is_better)
    missing = table[table["value"].isna()]
    fig = go.Figure(
        go.Bar(
            x=has["value"],
            y=has["name"],
            orientation="h",
            customdata=has[["code", "status"]].values,
            marker={
                "color": [STATUS_COLOURS[s] for s in has["status"]],
                "line": {"color": ["#000" if c == selected else "rgba(0,0,0,0)" for c in has["code"]], "width": 2.5},
            },
            # Counts read as people say them: 12.3万 in Chinese (format_number), 123,456 in English.
            text=[
                f"{format_number(v, decimals, lang)} {STATUS_ICONS[s]}"
                for v, s in zip(has["value"], has["status"], strict=True)
            ],
            textposition="outside",
            hovertext=[
                f"{format_value(v, decimals, unit, lang)}<br>{STATUS_ICONS[s]} {status_label(s, lang)}"
                for v, s in zip(has["value"], has["status"], strict=True)
            ],
            hovertemplate="<b>%{y}</b><br>%{hovertext}<extra></extra>",
            cliponaxis=False,
            name=t("ranking", lang),
        )
    )
    if not missing.empty:
        # Named in the subtitle, so it never sits on top of a bar or the unit line.
        note = t("no_data", lang) + ": " + join_names(missing["name"], lang)
        caption = replace(caption, subtitle=f"{caption.subtitle} · {note}" if caption.subtitle else note)
    fig.update_xaxes(title={"text": axis_title(unit, lang)}, gridcolor="#e5e5e5", rangemode="tozero")
    fig.update_yaxes(automargin=True, tickfont={"size": 12})
    fig.update_layout(showlegend=False, bargap=0.25)
    fig = base_layout(fig, caption, height=height, bottom=80)
    fig.update_layout(margin={"l": 10, "r": 50})
    return fig
