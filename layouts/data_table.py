"""Placeholder until the page is built."""
from dash import html


def layout(state, repo):
    return html.Div("data_table", id="data_table-page")
