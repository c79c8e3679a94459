"""Dash component trees, as layouts return them: walk them, find a component by id.

Children may be a component, a list, a string, a number or None; a component can also carry
components in its ``label`` (dbc.DropdownMenu, tabs), so both are walked.
"""

from __future__ import annotations

from collections.abc import Iterator

from dash import dcc
from dash.development.base_component import Component

# Props other than ``children`` that may hold components.
NESTED_PROPS = ("children", "label")


def walk(node) -> Iterator[Component]:
    """Every component in a tree, depth first, the root first."""
    if isinstance(node, Component):
        yield node
        for prop in NESTED_PROPS:
            value = getattr(node, prop, None)
            if isinstance(value, (Component, list, tuple)):
                yield from walk(value)
    elif isinstance(node, (list, tuple)):
        for child in node:
            yield from walk(child)


def by_id(tree, id_: str) -> Component:
    """The one component with this id (fails if there is none or more than one)."""
    found = [c for c in walk(tree) if getattr(c, "id", None) == id_]
    assert len(found) == 1, f"{id_!r}: {len(found)} components with this id"
    return found[0]


def ids(tree) -> list[str]:
    """Every string id in a tree, in order."""
    return [c.id for c in walk(tree) if isinstance(getattr(c, "id", None), str)]


def graphs(tree) -> list[dcc.Graph]:
    return [c for c in walk(tree) if isinstance(c, dcc.Graph)]


def text_of(component) -> str:
    """A component tree (or its JSON from a response) as text to search."""
    import json

    from plotly.utils import PlotlyJSONEncoder

    return json.dumps(component, ensure_ascii=False, cls=PlotlyJSONEncoder)
