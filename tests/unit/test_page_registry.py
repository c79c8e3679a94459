"""The page registry (dashboard/pages.py) is the one list of pages: everything else reads it."""

from __future__ import annotations

import importlib

import pytest

from dashboard import pages
from dashboard.viewstate import ViewState, parse


@pytest.mark.parametrize("page", pages.PAGES, ids=[p.name for p in pages.PAGES])
def test_each_page_has_its_layout_and_callbacks_modules(page):
    layout = importlib.import_module(f"layouts.{page.layout}")
    assert callable(layout.layout)
    if page.callbacks:
        assert callable(importlib.import_module(f"callbacks.{page.callbacks}").register)


@pytest.mark.parametrize("page", pages.PAGES, ids=[p.name for p in pages.PAGES])
def test_each_page_path_parses_back_to_the_page(page):
    assert parse(page.path, "").page == page.name
    assert ViewState(page=page.name).path() == page.path


def test_the_navbar_lists_the_registered_pages_in_order_without_meeting_and_login():
    from layouts.shell import navbar

    tree = navbar(ViewState(), "T1", "230102", title="监测")
    ids = [
        c.id
        for c in _walk(tree)
        if isinstance(getattr(c, "id", None), str) and c.id.startswith("nav-") and c.id[4:] in pages.NAMES
    ]
    assert ids[: len(pages.NAVBAR)] == [f"nav-{name}" for name in pages.NAVBAR]
    assert "meeting" not in pages.NAVBAR and "login" not in pages.NAVBAR


def test_embeds_are_offered_by_pages_with_a_default_chart():
    from layouts.embed import embeddable

    for page in pages.PAGES:
        assert embeddable(ViewState(page=page.name, embed=True)) == (page.default_chart is not None), page.name


def test_an_unknown_path_is_the_overview():
    assert parse("/nowhere", "").page == "overview"
    assert parse("/overview", "").page == "overview"


def _walk(node):
    yield node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            yield from _walk(child)
