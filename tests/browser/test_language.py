"""The language switch: English navigation, kept in the URL and across pages."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support.browser import open_page, wait_for_dash

pytestmark = pytest.mark.browser


def test_language_switch_turns_navbar_english_and_keeps_lang_in_url(page):
    open_page(page, "/")
    assert page.locator("#nav-overview").inner_text().strip() == "总览"

    page.locator("#lang-switch").click()
    page.wait_for_url("**lang=en*")
    wait_for_dash(page)

    assert parse_qs(urlsplit(page.url).query).get("lang") == ["en"]
    nav = {p: page.locator(f"#nav-{p}").inner_text().strip() for p in ("overview", "map", "task", "data")}
    assert nav == {"overview": "Overview", "map": "Map", "task": "Tasks", "data": "Data"}
    assert page.locator("#lang-switch").inner_text().strip() == "中文"
    assert "SAMPLE DATA" in page.locator("#sample-banner").inner_text()
    assert page.locator("#as-of").inner_text().startswith("Data as of")

    # Moving to another page keeps English.
    page.locator("#nav-map").click()
    page.wait_for_url("**/map?*lang=en*")
    wait_for_dash(page)
    assert page.locator("#nav-map").inner_text().strip() == "Map"
    assert page.locator("#map-page").is_visible()
    assert "年" not in page.locator("#mx-map .gtitle").text_content()
