"""总览 Overview in a real browser: the headline, ten task cards, the map and the trend."""

from __future__ import annotations

import re

import pytest

from tests.support.browser import open_page, wait_for_dash

pytestmark = pytest.mark.browser


def test_overview_shows_headline_ten_task_cards_map_and_trend_and_follows_the_year(page):
    open_page(page, "/")

    headline = page.locator("#headline-value")
    assert headline.is_visible()
    assert re.fullmatch(r"\d+(\.\d+)?\s*%", headline.inner_text().strip()), headline.inner_text()

    for i in range(1, 11):
        card = page.locator(f"#task-card-T{i}")
        assert card.is_visible(), f"task card T{i} missing"
        assert f"T{i}" in card.inner_text()
        assert card.locator("a").get_attribute("href").startswith(f"/task/T{i}")
    assert page.locator("[id^=task-card-T]").count() == 10

    # The map draws all 18 districts from the served boundaries; the trend draws a line.
    assert page.locator("#ov-map .main-svg").count() > 0
    assert page.locator("#ov-map path.choroplethlocation").count() >= 18
    assert page.locator("#ov-map .gtitle").text_content().strip()
    assert page.locator("#ov-trend .main-svg").count() > 0
    assert page.locator("#ov-trend .scatterlayer .trace").count() >= 1
    assert page.locator("#ov-trend .scatterlayer path.js-line").count() >= 1
    assert "year" not in page.url

    # Choosing another year redraws cards and map for it and writes it into the URL.
    page.locator("#ov-year").click()
    page.get_by_role("option", name="2017", exact=True).click()
    wait_for_dash(page)

    assert "year=2017" in page.url
    assert "2017" in page.locator("#ov-map .gtitle").text_content()
    assert "2017" in page.locator("#as-of").inner_text(), "the header's year disagrees with the charts"
    assert page.locator("[id^=task-card-T]").count() == 10
    assert page.locator("#ov-map path.choroplethlocation").count() >= 18
