"""Title, caption and empty state shared by every figure."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.i18n import field_name, t
from dashboard.theme import FONT_FAMILY


@dataclass(frozen=True)
class Caption:
    """What every chart says about itself."""

    title: str
    source: str
    as_of: int
    lang: str = "zh"
    is_sample: bool = False
    subtitle: str = ""

    def footer(self) -> str:
        parts = [f"{t('source', self.lang)}: {self.source}", t("as_of", self.lang, year=self.as_of)]
        if self.is_sample:
            parts.append(t("sample_short", self.lang))
        return " · ".join(parts)


def localised_names(table, lang: str):
    """District names in the chart's language: the tables carry ``name_en`` and ``short_en`` beside the
    Chinese ``name`` and ``short`` (see Repository.units); a figure then only reads ``name`` and ``short``."""
    name, short = field_name("name", lang, table), field_name("short", lang, table)
    if name == "name":
        return table
    return table.assign(
        name=table[name].fillna(table["name"]),
        short=table[short].fillna(table["short"]) if short != "short" else table["short"],
    )


FOOTER_UNITS = 64  # what fits on one line beside the sample mark under a chart ~460 px wide (11 px type)


def _units(text: str) -> int:
    """Width in half-em units: a CJK character is two."""
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def footer_lines(caption: Caption) -> list[str]:
    """The caption's footer, broken before the as-of year (and the source wrapped) when one line would run
    under the sample mark or out of a narrow chart: English sources are long."""
    text = caption.footer()
    if _units(text) <= FOOTER_UNITS:
        return [text]
    source, _, rest = text.partition(" · ")
    width = FOOTER_UNITS // 2 if _units(source) > len(source) else FOOTER_UNITS
    return [*(textwrap.wrap(source, width) or [source]), rest]


TITLE_UNITS = 66  # what fits on one line of 17 px bold type in a chart a third of a 1920 px page wide


def title_lines(title: str) -> list[str]:
    """A long compound title ("District ranking · <indicator> (2020)") broken after its first part:
    plotly does not wrap titles, and long English indicator names ran out of a third-width chart."""
    if _units(title) <= TITLE_UNITS or " · " not in title:
        return [title]
    head, _, tail = title.partition(" · ")
    return [head, tail]


def add_caption(fig: go.Figure, lines: list[str], *, yshift: int, size: int) -> None:
    """The source and as-of lines in the bottom margin, left-aligned under the plot (name "caption":
    exports and tests find it by that name)."""
    fig.add_annotation(
        text="<br>".join(lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=yshift,
        xanchor="left",
        yanchor="bottom",
        align="left",
        showarrow=False,
        font={"size": size, "color": "#555"},
        name="caption",
    )


def base_layout(fig: go.Figure, caption: Caption, height: int = 420, bottom: int = 60) -> go.Figure:
    lines = footer_lines(caption)
    bottom += 14 * (len(lines) - 1)
    heads = title_lines(caption.title)
    # Plotly grows a multi-line title upwards from its anchor: lower the anchor by the extra lines.
    title = {
        "text": "<br>".join(f"<b>{line}</b>" for line in heads),
        "x": 0.01,
        "xanchor": "left",
        "y": 0.98 - 21 * (len(heads) - 1) / height,
        "yanchor": "top",
        "font": {"size": 17},
    }
    if caption.subtitle:
        title["subtitle"] = {"text": caption.subtitle, "font": {"size": 13, "color": "#444"}}
    fig.update_layout(
        title=title,
        font={"family": FONT_FAMILY, "size": 13, "color": "#222"},
        height=height,
        margin={"l": 10, "r": 10, "t": (70 if caption.subtitle else 50) + 21 * (len(heads) - 1), "b": bottom},
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel={"font": {"family": FONT_FAMILY}},
    )
    add_caption(fig, lines, yshift=-bottom + 8, size=11)
    if caption.is_sample:
        # A watermark, so that a screenshot or export cut from its page still says so.
        fig.add_annotation(
            text=t("sample_short", caption.lang),
            xref="paper",
            yref="paper",
            x=1,
            y=0,
            yshift=-bottom + 8,
            xanchor="right",
            yanchor="bottom",
            showarrow=False,
            name="sample-mark",
            font={"size": 12, "color": "#8a6d00"},
            bgcolor="#fff3cd",
            borderpad=3,
        )
    return fig


def empty_figure(message: str, caption: Caption | None = None, height: int = 320) -> go.Figure:
    """A figure that says why it is empty, instead of an empty axis."""
    fig = go.Figure()
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    if caption:
        base_layout(fig, caption, height=height)
    else:
        fig.update_layout(
            height=height,
            font={"family": FONT_FAMILY},
            paper_bgcolor="white",
            plot_bgcolor="white",
            margin={"l": 10, "r": 10, "t": 30, "b": 10},
        )
    fig.add_annotation(
        text=message,
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": 16, "color": "#555"},
        name="empty-state",
    )
    return fig
