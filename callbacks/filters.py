"""The phone's 「筛选」 panel of a page (layouts/filters.py): its button opens and closes the fold, and
its chips follow the filters. Both in the browser (assets/filters.js): nothing here asks the server."""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, State

from layouts.filters import FilterPanel


def register_panel(app: dash.Dash, panel: FilterPanel) -> None:
    """Called by the page's own ``register`` with the panel its layout declares."""
    app.clientside_callback(
        ClientsideFunction("filters", "toggle"),
        Output(panel.fold, "is_open"),
        Output(panel.toggle, "aria-expanded"),
        Input(panel.toggle, "n_clicks"),
        State(panel.fold, "is_open"),
        prevent_initial_call=True,
    )
    # Values and options are both inputs: a task changes the indicator's options and its value at once.
    app.clientside_callback(
        ClientsideFunction("filters", "chips"),
        Output(panel.chip_box, "children"),
        *(Input(c, "value") for c in panel.chips),
        *(Input(c, "options") for c in panel.chips),
        State(panel.chip_box, "data-empty"),
    )
