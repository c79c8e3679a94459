"""The accountability matrix: departments × tasks, lead or cooperating, by status."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures.common import Caption, base_layout
from dashboard.i18n import status_label, t
from dashboard.theme import STATUS_COLOURS, STATUS_ORDER

LEAD_MARK = "●"
COOPERATE_MARK = "○"


def matrix_figure(departments: list[tuple[str, str]], tasks: list[tuple[str, str, str]],
                  roles: dict[tuple[str, str], str], caption: Caption, *, highlight: str | None = None) -> go.Figure:
    """departments: (code, label); tasks: (code, label, status); roles: (dept, task) → lead | cooperate.

    A cell is coloured by its task's status (lead cells full, cooperating
    cells pale) and marked ● lead / ○ cooperating, so the role never depends
    on colour alone.
    """
    lang = caption.lang
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
        zr, tr, hr = [], [], []
        for t_code, t_label, status in tasks:
            role = roles.get((d_code, t_code))
            if role is None:
                zr.append(0)
                tr.append("")
                hr.append(f"{d_label} · {t_label}")
                continue
            band = 1 + 2 * status_index[status] + (0 if role == "lead" else 1)
            zr.append(band + 0.5)
            tr.append(LEAD_MARK if role == "lead" else COOPERATE_MARK)
            hr.append(f"{d_label} · {t_label}<br>{t(role, lang)} · {status_label(status, lang)}")
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    fig = go.Figure(go.Heatmap(
        z=z, x=[lbl for _, lbl, _ in tasks], y=[lbl for _, lbl in departments], text=text, texttemplate="%{text}",
        textfont={"size": 14}, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>", colorscale=scale,
        zmin=0, zmax=2 * n + 1, showscale=False, xgap=2, ygap=2))
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont={"size": 12})
    fig.update_xaxes(side="top", tickangle=0, automargin=True, tickfont={"size": 12})
    if highlight:
        labels = [lbl for code, lbl in departments if code == highlight]
        if labels:
            fig.add_hrect(y0=labels[0], y1=labels[0], line={"color": "#000", "width": 2})
    height = 120 + 28 * len(departments)
    fig = base_layout(fig, caption, height=height)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 110})
    fig.add_annotation(text=f"{LEAD_MARK} {t('lead', lang)}   {COOPERATE_MARK} {t('cooperate', lang)}",
                       xref="paper", yref="paper", x=1, y=1, yshift=60, xanchor="right", showarrow=False,
                       font={"size": 12})
    return fig


def _alpha(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    # Blend with white rather than use transparency, so the export looks the same.
    mix = lambda c: round(c * alpha + 255 * (1 - alpha))  # noqa: E731
    return f"#{mix(r):02x}{mix(g):02x}{mix(b):02x}"
