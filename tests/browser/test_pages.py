"""Every page opens in a real browser, with its frame, and is photographed at two screen sizes.

The page fixture fails a test on any console error, page error or request to
another host, so opening a page here is also the offline check.
"""

from __future__ import annotations

import pytest

from .conftest import open_page, screenshot, wait_for_dash

pytestmark = pytest.mark.browser

# (path, whether the page shows the "data as of" badge in its header)
PAGES = [
    ("/", True),
    ("/map", True),
    ("/task/T3", None),  # pages still being built: checked if present
    ("/district/230102", None),
    ("/departments", None),
    ("/data", None),
]
SIZES = [(1920, 1080), (1366, 768)]


@pytest.mark.parametrize("path,has_as_of", PAGES, ids=[p.strip("/").replace("/", "-") or "overview" for p, _ in PAGES])
def test_page_opens_with_navbar_and_sample_banner(page, request, path, has_as_of):
    open_page(page, path)

    assert page.locator("#navbar").is_visible(), "navigation bar missing"
    for nav in ("overview", "map", "task", "district", "departments", "data"):
        assert page.locator(f"#nav-{nav}").count() == 1, f"nav link #nav-{nav} missing"
    banner = page.locator("#sample-banner")
    assert banner.is_visible(), "sample-data banner missing: pages must say the numbers are sample data"
    assert "示例数据" in banner.inner_text()
    assert page.locator("#page").inner_text().strip(), "page body is empty"
    if has_as_of:
        assert page.locator("#as-of").is_visible(), "'data as of' badge missing"
        assert "数据截至" in page.locator("#as-of").inner_text()
    elif page.locator("#as-of").count():
        assert "数据截至" in page.locator("#as-of").inner_text()
    assert page.evaluate("document.documentElement.lang") == "zh-CN"

    # The same page at a laptop size: responsive graphs redraw on resize, no reload.
    for width, height in SIZES:
        if (width, height) != (1920, 1080):
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(300)
            wait_for_dash(page)
        screenshot(page, request)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px at {width}×{height}"
