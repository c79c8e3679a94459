"""Thin callbacks, registered on one app (never the global dash.callback list).

Which modules: the frame's (routing, exports) and each registered page's
(``dashboard.pages``), each with ``register(app, context)``.
"""

from __future__ import annotations

import importlib

import dash

from dashboard.context import AppContext
from dashboard.pages import PAGES

FRAME = ("routing", "exports")  # the URL → page switch and the navbar's export menu, on every page


def register(app: dash.Dash, context: AppContext) -> None:
    names = FRAME + tuple(p.callbacks for p in PAGES if p.callbacks)
    for name in dict.fromkeys(names):
        importlib.import_module(f"callbacks.{name}").register(app, context)
