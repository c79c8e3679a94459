"""A page's filter row, folded on a phone into one 「筛选」 panel that shows the current choice as chips.

One rule for every page with a row of filters (the map, the data page): from Bootstrap's md breakpoint
up the row is laid out as it always was (the panel and its fold are ``display: contents``,
assets/app.css); below it a full-width 「筛选」 button stands in for the row, its chips saying what is
chosen (「2019」「T8-01 科技场馆数」), and a tap on it opens the row under it (a ``dbc.Collapse``).
The button and the chips are filled in the browser (assets/filters.js, bound by
callbacks/filters.py): opening the panel and changing a filter ask nothing of the server.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import html

from dashboard.i18n import t
from layouts.common import attrs


@dataclass(frozen=True)
class FilterPanel:
    """The filter panel of a page: ``prefix`` names its parts (``mx`` → ``mx-filters`` the fold,
    ``mx-filters-toggle`` its button, ``mx-filter-chips`` the chips); ``chips``: the controls whose
    choice a chip shows, in the chips' order (each a component id with ``value`` and ``options``);
    ``empty``: the word of the chip shown when nothing is chosen (on the data page: every row)."""

    prefix: str
    chips: tuple[str, ...]
    empty: str = "phone_filters_none"

    @property
    def fold(self) -> str:
        return f"{self.prefix}-filters"

    @property
    def toggle(self) -> str:
        return f"{self.prefix}-filters-toggle"

    @property
    def chip_box(self) -> str:
        return f"{self.prefix}-filter-chips"


def filter_row(panel: FilterPanel, columns: Sequence, lang: str, *, class_name: str = "g-2") -> html.Div:
    """``columns`` (``labelled(...)`` columns) in one ``dbc.Row``, under the phone's 「筛选」 button."""
    # A plain button rather than dbc.Button, which takes no aria-* attributes.
    toggle = html.Button(
        [
            html.Span(t("phone_filters", lang), className="filter-toggle-label"),
            # The chips are part of the button: a tap anywhere on them opens the panel, and a screen
            # reader hears the current choice with the button's name.
            html.Span(id=panel.chip_box, className="filter-chips", **attrs({"data-empty": t(panel.empty, lang)})),
        ],
        id=panel.toggle,
        type="button",
        n_clicks=0,
        className="btn btn-outline-primary filter-toggle",
        **attrs({"aria-expanded": "false", "aria-controls": panel.fold}),
    )
    return html.Div(
        [
            html.Div(toggle, className="filter-bar d-md-none"),
            dbc.Collapse(
                dbc.Row(list(columns), className=class_name), id=panel.fold, is_open=False, className="filter-fold"
            ),
        ],
        className="filter-panel",
        id=f"{panel.prefix}-filter-panel",
    )
