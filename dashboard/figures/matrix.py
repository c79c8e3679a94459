"""The accountability matrix: departments × tasks, lead or cooperating, by status."""

from __future__ import annotations

import re
import textwrap

import plotly.graph_objects as go

from dashboard.figures.common import Caption, base_layout
from dashboard.i18n import status_label, t
from dashboard.theme import STATUS_COLOURS, STATUS_ICONS, STATUS_ORDER

LEAD_MARK = "●"
COOPERATE_MARK = "○"
ROW_HEIGHT = 28
HEADER = 225  # title, subtitle, legend and column labels of up to five lines


def matrix_figure(
    departments: list[tuple[str, str]],
    tasks: list[tuple[str, str, str]],
    roles: dict[tuple[str, str], str],
    caption: Caption,
    *,
    highlight: str | None = None,
    hover_names: dict[str, str] | None = None,
) -> go.Figure:
    """departments: (code, label) top to bottom; tasks: (code, label, status) left to right;
    roles: (department, task) → lead | cooperate.

    The categories are the codes (so a test can read the matrix back from the
    figure); the tick labels are the names.  A cell is coloured by its task's
    status (lead cells full, cooperating cells pale) and marked ● lead /
    ○ cooperating, so the role never depends on colour alone; each column
    label repeats the status as icon and text.  ``highlight`` outlines one
    department's row.  ``hover_names`` gives full names for the hover text.
    """
    lang = caption.lang
    hover_names = hover_names or {}
    status_index = {s: i for i, s in enumerate(STATUS_ORDER)}
    n = len(STATUS_ORDER)
    # Discrete colour scale: 2n bands (lead, cooperate) per status, blank below.
    scale = [[0.0, "#ffffff"], [1 / (2 * n + 1), "#ffffff"]]
    for i, s in enumerate(STATUS_ORDER):
        for j, alpha in enumerate((1.0, 0.35)):
            lo = (1 + 2 * i + j) / (2 * n + 1)
            hi = (2 + 2 * i + j) / (2 * n + 1)
            colour = _alpha(STATUS_COLOURS[s], alpha)
            scale += [[lo, colour], [hi, colour]]
    z, text, hover = [], [], []
    for d_code, d_label in departments:
        d_name = hover_names.get(d_code, d_label)
        zr: list[float] = []
        tr, hr = [], []
        for t_code, t_label, status in tasks:
            role = roles.get((d_code, t_code))
            if role is None:
                zr.append(0)
                tr.append("")
                hr.append(f"{d_name}<br>{t_code} {t_label}")
                continue
            band = 1 + 2 * status_index.get(status, status_index["no_data"]) + (0 if role == "lead" else 1)
            zr.append(band + 0.5)
            tr.append(LEAD_MARK if role == "lead" else COOPERATE_MARK)
            hr.append(
                f"{d_name}<br>{t_code} {t_label}<br><b>{t(role, lang)}</b> · "
                f"{STATUS_ICONS.get(status, '')} {status_label(status, lang)}"
            )
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    x = [code for code, _, _ in tasks]
    y = [code for code, _ in departments]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 15},
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            colorscale=scale,
            zmin=0,
            zmax=2 * n + 1,
            showscale=False,
            xgap=2,
            ygap=2,
            name="matrix",
        )
    )
    x_labels = [
        f"<b>{code}</b><br>{_wrap(label)}<br>{STATUS_ICONS.get(status, '')} {status_label(status, lang)}"
        for code, label, status in tasks
    ]
    y_labels = [f"<b>▶ {label}</b>" if code == highlight else label for code, label in departments]
    fig.update_yaxes(
        autorange="reversed",
        automargin=False,
        tickfont={"size": 13},
        tickmode="array",
        tickvals=y,
        ticktext=y_labels,
        showgrid=False,
        zeroline=False,
    )
    fig.update_xaxes(
        side="top",
        tickangle=0,
        automargin=True,
        tickfont={"size": 11},
        tickmode="array",
        tickvals=x,
        ticktext=x_labels,
        showgrid=False,
        zeroline=False,
    )
    height = HEADER + 60 + ROW_HEIGHT * max(len(departments), 1)
    fig = base_layout(fig, caption, height=height)
    # The department names take a left margin we size ourselves (not automargin), so that the legend and
    # caption, placed relative to the plot area, can be shifted back to the figure's left edge.  Title and
    # legend sit at fixed pixel offsets from the top, since the height varies with the rows.  The gaps
    # between cells show the plot background: light grid lines around blank cells.
    left = 16 + max((_text_width(lbl, 13) for lbl in y_labels), default=60)
    fig.update_layout(
        margin={"l": left, "r": 10, "t": HEADER}, plot_bgcolor="#dee2e6", title={"y": 1 - 10 / height, "yanchor": "top"}
    )
    for annotation in fig.layout.annotations:
        if annotation.name == "caption":
            annotation.xshift = -left + 10
    if highlight in y:
        i = y.index(highlight)
        fig.add_shape(
            type="rect",
            xref="paper",
            x0=0,
            x1=1,
            yref="y",
            y0=i - 0.5,
            y1=i + 0.5,
            line={"color": "#000", "width": 3},
            fillcolor="rgba(0,0,0,0)",
            name="highlight",
        )
    fig.add_annotation(
        text=_legend(lang),
        xref="paper",
        yref="paper",
        x=0,
        y=1,
        yshift=HEADER - 110,
        xshift=-left + 10,
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        align="left",
        font={"size": 12},
        name="legend",
    )
    return fig


def _wrap(label: str) -> str:
    """Break a column label so that ten columns fit a laptop screen: four CJK characters, or ~11 Latin, a line."""
    if any(ord(c) > 0x2E80 for c in label):
        if len(label) == 5:  # 城镇/劳动者, 科普/信息化: two and three read better than four and one
            return f"{label[:2]}<br>{label[2:]}"
        return "<br>".join(label[i : i + 4] for i in range(0, len(label), 4))
    return "<br>".join(textwrap.wrap(label, 11)) or label


def _text_width(label: str, size: int) -> int:
    """Rough pixel width of a tick label: CJK characters are square, Latin ones about half as wide."""
    plain = re.sub(r"<[^>]+>", "", label)
    return round(sum(size if ord(c) > 0x2E80 else size * 0.58 for c in plain))


def _legend(lang: str) -> str:
    """Role marks and status colours, in the figure itself so an exported PNG explains itself."""
    roles = f"{LEAD_MARK} {t('lead', lang)}   {COOPERATE_MARK} {t('cooperate', lang)} {t('dep_pale_cells', lang)}"
    swatches = "  ".join(
        f"<span style='color:{STATUS_COLOURS[s]}'>■</span> {STATUS_ICONS[s]} {status_label(s, lang)}"
        for s in STATUS_ORDER
    )
    return f"{roles}<br>{t('status', lang)}: {swatches}"


def _alpha(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    # Blend with white rather than use transparency, so the export looks the same.
    mix = lambda c: round(c * alpha + 255 * (1 - alpha))  # noqa: E731
    return f"#{mix(r):02x}{mix(g):02x}{mix(b):02x}"
