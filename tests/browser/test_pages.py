"""Every page opens in a real browser, with its frame, and is photographed at two screen sizes.

The page fixture fails a test on any console error, page error or request to
another host, so opening a page here is also the offline check.
"""

from __future__ import annotations

import re

import pytest

from tests.support.browser import open_page, screenshot, wait_for_graphs_resized

pytestmark = pytest.mark.browser

PAGES = ["/", "/map", "/task/T3", "/district/230102", "/departments", "/data"]
SIZES = [(1920, 1080), (1366, 768)]


@pytest.mark.parametrize("path", PAGES, ids=[p.strip("/").replace("/", "-") or "overview" for p in PAGES])
def test_page_opens_with_navbar_sample_banner_and_data_year(page, request, path):
    open_page(page, path)

    assert page.locator("#navbar").is_visible(), "navigation bar missing"
    for nav in ("overview", "map", "task", "district", "departments", "data"):
        assert page.locator(f"#nav-{nav}").count() == 1, f"nav link #nav-{nav} missing"
    banner = page.locator("#sample-banner")
    assert banner.is_visible(), "sample-data banner missing: pages must say the numbers are sample data"
    assert "示例数据" in banner.inner_text()
    assert page.locator("#page").inner_text().strip(), "page body is empty"
    # Every page says which year its numbers are from, in its header.
    as_of = page.locator("#as-of")
    assert as_of.is_visible(), "'data as of' badge missing"
    assert re.fullmatch(r"数据截至 20\d\d 年", as_of.inner_text().strip()), as_of.inner_text()
    assert page.evaluate("document.documentElement.lang") == "zh-CN"

    # The same page at a laptop size: responsive graphs redraw on resize, no reload.
    for width, height in SIZES:
        if (width, height) != (1920, 1080):
            page.set_viewport_size({"width": width, "height": height})
            wait_for_graphs_resized(page)
        screenshot(page, request)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px at {width}×{height}"
