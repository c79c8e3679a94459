"""Thin callbacks, registered on one app (never the global dash.callback list)."""

from __future__ import annotations

import dash

from dashboard.repository import Repository


def register(app: dash.Dash, repo: Repository) -> None:
    from callbacks import departments, district, map_explorer, meeting, overview, routing, task, table
    from callbacks import exports, history, login, upload

    for module in (routing, overview, map_explorer, task, district, departments, table, meeting,
                   upload, history, login, exports):
        module.register(app, repo)
