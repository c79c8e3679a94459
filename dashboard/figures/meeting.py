"""The meeting screen's look for a figure (meeting mode is a dark screen on a projector).

``dashboard.charts.map_chart(..., style="meeting")`` applies it as it builds the
figure, so that no callback edits a figure after it is built.
"""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.i18n import by_lang

DARK = {"paper_bgcolor": "#10151c", "plot_bgcolor": "#10151c", "font": {"color": "#f1f3f5"}}


def meeting_style(fig: go.Figure, lang: str) -> go.Figure:
    """The meeting screen's map: dark, filling its frame, large legend and title, a two-line caption."""
    fig.update_layout(
        **DARK,
        height=None,
        autosize=True,
        legend={"bgcolor": "rgba(16,21,28,0.8)", "font": {"size": 16}},
        title={"font": {"size": 24, "color": "#f1f3f5"}, "subtitle": {"font": {"color": "#cfd4da"}}},
    )
    # The caption goes light on the dark screen; the sample-data mark keeps its dark text on pale yellow.
    for name in ("caption", "empty-state"):
        fig.update_annotations(font={"color": "#cfd4da"}, selector={"name": name})
    compact_caption(fig)
    # District labels: assets/app.css sizes them with the screen (larger on a projector, smaller on a
    # laptop, where long pinyin names would run into each other); this size is what exports keep.
    fig.update_traces(textfont={"size": by_lang(lang, zh=13, en=12)}, selector={"name": "labels"})
    geo = fig.layout.geo
    # The meeting map is limited by its height: room at the sides costs no size and keeps the
    # pinyin labels of the westernmost and easternmost units inside the frame; Chinese labels are short.
    side_room = by_lang(lang, zh=0.0, en=0.08)
    if side_room and geo.lonaxis.range:
        west, east = geo.lonaxis.range
        pad = (east - west) * side_room
        fig.update_geos(lonaxis_range=[west - pad, east + pad], center_lon=(west + east) / 2)
    return fig


def compact_caption(fig) -> None:
    """The caption in two lines (source; as-of and sample) rather than wrapped for a narrow chart:
    the meeting map is wide, and every line given back goes to the map."""
    caption = next((a for a in fig.layout.annotations if a.name == "caption"), None)
    if caption is None or "<br>" not in (caption.text or ""):
        return
    lines = caption.text.split("<br>")
    if len(lines) <= 2:
        return
    saved = 14 * (len(lines) - 2)
    bottom = fig.layout.margin.b - saved
    source = "".join(line if i == 0 or _cjk(lines[i - 1][-1:]) else " " + line for i, line in enumerate(lines[:-1]))
    fig.update_annotations(text=source + "<br>" + lines[-1], yshift=-bottom + 8, selector={"name": "caption"})
    fig.update_annotations(yshift=-bottom + 8, selector={"name": "sample-mark"})
    fig.update_layout(margin={"b": bottom})


def _cjk(char: str) -> bool:
    return bool(char) and ord(char) > 0x2E80  # Chinese lines were broken between characters, not at spaces
