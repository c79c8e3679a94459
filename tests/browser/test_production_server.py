"""The overview on a freshly started production server (``kepu serve``), not the development one.

Issue 19: cold gunicorn workers answered some of the page's script requests with
500, and the page never drew. ``serve_page`` fails the test on any 5xx response,
console error or off-host request.
"""

from __future__ import annotations

import re

import pytest

from .conftest import open_page

pytestmark = pytest.mark.browser


def test_overview_draws_on_a_freshly_started_kepu_serve(serve_page):
    open_page(serve_page, "/", timeout=90)
    headline = serve_page.locator("#headline-value")
    assert re.fullmatch(r"\d+(\.\d+)?\s*%", headline.inner_text().strip()), headline.inner_text()
    assert serve_page.locator("[id^=task-card-T]").count() == 10
    assert serve_page.locator("#ov-map path.choroplethlocation").count() >= 18
    assert serve_page.locator("#ov-trend .scatterlayer path.js-line").count() >= 1
