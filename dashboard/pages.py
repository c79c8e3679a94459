"""The page registry: every page of the dashboard, declared once.

View-state parsing (which paths exist), routing (which layout a path shows),
the navigation bar (which pages it links, in order), embeds (which pages have a
single chart, and which one by default) and callback registration (which
module binds a page's controls) all read this table. A new page is one entry
here plus its ``layouts.<name>`` and, if it has controls, ``callbacks.<name>``
module (docs/architecture.md).

Modules are named, not imported: this layer knows nothing of Dash components.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    name: str  # the view state's page, and the i18n key ``nav_<name>``
    path: str  # "/" or "/map"; a page with a subject (task, district) takes it as the next segment
    layout: str  # module under layouts/ with ``layout(state, ctx)``
    callbacks: str | None = None  # module under callbacks/ with ``register(app, ctx)``
    in_navbar: bool = True
    default_chart: str | None = None  # embeddable (``?embed=1``) when set: the chart it shows by default
    charts: bool = True  # its first view draws plotly charts: the page preloads plotly.js (dashboard/app.py)


PAGES: tuple[Page, ...] = (
    Page("overview", "/", "overview", "overview", default_chart="map"),
    Page("map", "/map", "map_explorer", "map_explorer", default_chart="map"),
    Page("task", "/task", "task", "task", default_chart="trend"),
    Page("district", "/district", "district", "district", default_chart="trend"),
    Page("departments", "/departments", "departments", "departments"),
    Page("data", "/data", "data_table", "table", charts=False),
    Page("upload", "/upload", "upload", "upload", charts=False),
    Page("reporting", "/reporting", "reporting", "reporting", charts=False),
    Page("history", "/history", "history", "history", charts=False),
    Page("meeting", "/meeting", "meeting", "meeting", in_navbar=False),
    Page("login", "/login", "login", "login", in_navbar=False, charts=False),
)

BY_NAME = {p.name: p for p in PAGES}
NAMES = tuple(p.name for p in PAGES)
NAVBAR = tuple(p.name for p in PAGES if p.in_navbar)
EMBEDDABLE = tuple(p.name for p in PAGES if p.default_chart)


def page(name: str) -> Page:
    return BY_NAME[name]


def page_at(path: str) -> Page | None:
    """The page a path shows ("/" the overview, "/task/T3" the task page); None for an unknown path."""
    first = path.strip("/").split("/", 1)[0]
    return next((p for p in PAGES if p.path == "/" + first), None)
