"""总览 Overview in a real browser: the headline, ten task cards, the map and the trend."""

from __future__ import annotations

import json
import re

import pytest

from tests.support.browser import open_page, wait_for_dash

pytestmark = pytest.mark.browser


def test_overview_shows_headline_ten_task_cards_map_and_trend_and_follows_the_year(page):
    open_page(page, "/")

    headline = page.locator("#headline-value")
    assert headline.is_visible()
    assert re.fullmatch(r"\d+(\.\d+)?\s*%", headline.inner_text().strip()), headline.inner_text()

    _assert_cards_drawn_from_their_data(page)
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
    cards_before = page.locator("[id^=task-card-T] .task-card").evaluate_all("els => els.map(e => e.dataset.card)")
    page.locator("#ov-year").click()
    page.get_by_role("option", name="2017", exact=True).click()
    wait_for_dash(page)

    assert "year=2017" in page.url
    assert "2017" in page.locator("#ov-map .gtitle").text_content()
    assert "2017" in page.locator("#as-of").inner_text(), "the header's year disagrees with the charts"
    assert page.locator("[id^=task-card-T]").count() == 10
    cards_after = page.locator("[id^=task-card-T] .task-card").evaluate_all("els => els.map(e => e.dataset.card)")
    assert cards_after != cards_before, "2017's cards carry 2020's data"
    _assert_cards_drawn_from_their_data(page)
    assert page.locator("#ov-map path.choroplethlocation").count() >= 18


def _assert_cards_drawn_from_their_data(page) -> None:
    """Each card shows what its data says (assets/task_cards.js), redrawn when the data changes."""
    for i in range(1, 11):
        card = page.locator(f"#task-card-T{i} .task-card")
        data = json.loads(card.get_attribute("data-card"))
        assert data["code"] == f"T{i}"
        assert card.locator(".fw-bold").first.inner_text() == data["short"]
        badge = card.locator(".status-badge")
        assert badge.inner_text().strip() == data["badge"]["text"].strip()
        assert badge.get_attribute("data-status") == data["badge"]["status"]
        bar = card.locator("[role=progressbar]")
        assert bar.get_attribute("aria-label") == data["progress"]["name"]
        assert bar.get_attribute("aria-valuenow") == str(data["progress"]["pct"])
        assert data["lead"] in card.locator(".lead-depts").inner_text()
