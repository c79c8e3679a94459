"""A page's view in the URL: its page-building callback writes the canonical query into a store that
the page itself holds (``<prefix>-query``, layouts/common.py ``query_store``), and the browser copies
it into ``url.search`` (assets/query.js).

Why not write ``url.search`` from the page's callback: Dash runs a callback whose inputs arrive with a
page unless every output arrives with them too, and the URL is outside the page. With the query in the
page, a page whose first render already carries its charts (layouts/overview.py ``view``) is not
computed a second time when it arrives."""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, State


def query_output(prefix: str) -> Output:
    """The output a page's callback writes its canonical query to."""
    return Output(f"{prefix}-query", "value")


def mirror_query(app: dash.Dash, prefix: str) -> None:
    """Copy the page's query into the address bar whenever it changes, and when the page arrives (with
    the layout or after a link): an address with a wrong or a default value is tidied at once."""
    app.clientside_callback(
        ClientsideFunction("query", "mirror"),
        Output("url", "search", allow_duplicate=True),
        Input(f"{prefix}-query", "value"),
        State("url", "search"),
        prevent_initial_call="initial_duplicate",  # allow_duplicate needs it; the first call is wanted
    )
