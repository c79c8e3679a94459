"""Pure figure functions: (frame, options) → go.Figure. No Dash, no store.

Each figure carries its own title, unit, source, as-of year and — while the
data are samples — the sample-data label, so a downloaded PNG or SVG says
what it shows without the page around it.
"""

from dashboard.figures.common import Caption, empty_figure
from dashboard.figures.map import map_figure
from dashboard.figures.matrix import matrix_figure
from dashboard.figures.ranking import ranking_figure
from dashboard.figures.trend import small_multiple_figure, trend_figure

__all__ = [
    "Caption",
    "empty_figure",
    "map_figure",
    "matrix_figure",
    "ranking_figure",
    "small_multiple_figure",
    "trend_figure",
]
