"""地图 Map explorer in a real browser: years, clicks on districts, shared and bad links."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.support.browser import choose_by_typing, click_district, open_page, query, screenshot, wait_for_dash

pytestmark = pytest.mark.browser


def map_title(page, graph: str = "#mx-map") -> str:
    return page.locator(f"{graph} .gtitle").text_content()


def slider_year(page) -> int:
    return int(page.locator("#mx-year [role=slider]").get_attribute("aria-valuenow"))


def dropdown_text(page, id_: str) -> str:
    return page.locator(f"#{id_} .dash-dropdown-value").inner_text().strip()


def checked_label(page, id_: str) -> str:
    return page.evaluate(
        "id => { const i = document.querySelector('#' + id + ' input:checked');"
        " return i ? (i.closest('.form-check') || i.parentElement).innerText.trim() : null; }",
        id_,
    )


def click_year_mark(page, year: int) -> None:
    """Click the slider's track under a year's mark, as a user does (the mark itself takes no clicks)."""
    mark = page.locator("#mx-year .dash-slider-mark", has_text=str(year)).bounding_box()
    track = page.locator("#mx-year .dash-slider-track").bounding_box()
    page.mouse.click(mark["x"] + mark["width"] / 2, track["y"] + track["height"] / 2)


def test_changing_year_changes_map_title_and_url_and_geometry_is_fetched_once(page, watch):
    open_page(page, "/map")
    latest = slider_year(page)
    assert f"{latest} 年" in map_title(page)
    assert "year" not in query(page), "the default year must not be written into the URL"

    # Keyboard: one year back.
    page.locator("#mx-year [role=slider]").focus()
    page.keyboard.press("ArrowLeft")
    wait_for_dash(page)
    assert slider_year(page) == latest - 1
    assert f"{latest - 1} 年" in map_title(page)
    assert query(page).get("year") == str(latest - 1)

    # Mouse: click two marks on the slider.
    for year in (latest - 4, latest - 2):
        click_year_mark(page, year)
        wait_for_dash(page)
        assert slider_year(page) == year
        assert f"{year} 年" in map_title(page)
        assert query(page).get("year") == str(year)
        assert f"{year} 年" in page.locator("#as-of").inner_text(), "the header's year disagrees with the map"

    # Boundaries travel once: a year change sends values, not shapes.
    geo = watch.requests_to("/geo/")
    assert len(geo) == 1, f"the boundaries were fetched {len(geo)} times: {geo}"
    assert geo[0].endswith(".geojson")
    assert page.locator("#mx-map path.choroplethlocation").count() >= 18


def test_clicking_district_on_map_selects_it(page, plan):
    names = {u.code: u.name for u in plan.region.units}
    code = "230183"  # 尚志市: a large district, easy to hit
    open_page(page, "/map")
    assert page.locator("#mx-hint").is_visible()

    click_district(page, code)
    wait_for_dash(page)

    assert names[code] in page.locator("#mx-selected-name").inner_text()
    assert names[code] in map_title(page, "#mx-trend")
    assert query(page).get("district") == code
    href = page.locator("#mx-profile-link").get_attribute("href")
    assert urlsplit(href).path == f"/district/{code}"
    # The selected district is outlined on the map and highlighted in the ranking.
    assert page.locator("#mx-map path.choroplethlocation").count() >= 19


def test_shared_map_link_reopens_same_view(page, plan, request):
    open_page(page, "/map?indicator=T8-01&year=2018&district=230103&legend=value")

    assert dropdown_text(page, "mx-indicator").startswith("T8-01")
    assert slider_year(page) == 2018
    assert checked_label(page, "mx-legend") == "按数值"
    assert "南岗区" in page.locator("#mx-selected-name").inner_text()
    assert "2018 年" in map_title(page)
    assert plan.indicator_by_code["T8-01"].name.zh in map_title(page)
    assert "南岗区" in map_title(page, "#mx-trend")
    # The value legend has a colour bar, not status classes.
    assert page.locator("#mx-map .colorbar").count() == 1
    # The URL still says the same view (it may add the indicator's task).
    q = query(page)
    assert {k: q.get(k) for k in ("indicator", "year", "district", "legend")} == {
        "indicator": "T8-01",
        "year": "2018",
        "district": "230103",
        "legend": "value",
    }
    screenshot(page, request)


def test_bad_map_parameters_fall_back_to_defaults(page, plan):
    open_page(page, "/map?year=abc&indicator=NOPE&legend=pie&district=999999")

    assert page.locator("#navbar").is_visible()
    slider = page.locator("#mx-year [role=slider]")
    assert slider.get_attribute("aria-valuenow") == slider.get_attribute("aria-valuemax")
    assert dropdown_text(page, "mx-indicator").startswith(plan.goal.indicator)
    assert checked_label(page, "mx-legend") == "按状态"
    assert page.locator("#mx-hint").is_visible(), "an unknown district must not be selected"
    assert page.locator("#mx-map path.choroplethlocation").count() >= 18
    q = query(page)
    assert "abc" not in q.values() and "NOPE" not in q.values() and "999999" not in q.values(), page.url


def test_choosing_a_district_by_keyboard_alone_changes_the_trend_and_the_url(page):
    """The keyboard's way to do what a click on the map does: Tab to the district list, type, Enter."""
    open_page(page, "/map?lang=en")
    assert "Nangang" not in map_title(page, "#mx-trend")
    page.mouse.click(1, 1)
    for _ in range(40):  # Tab from the top of the page to the district list
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "mx-district":
            break
    else:
        raise AssertionError("the district list is not reachable by Tab")
    page.keyboard.press("ArrowDown")
    page.get_by_role("option", name="Nangang District", exact=True).wait_for()
    choose_by_typing(page, "Nangang", "Nangang District")
    wait_for_dash(page)
    page.wait_for_function("() => document.querySelector('#mx-trend .gtitle').textContent.includes('Nangang')")
    assert "Nangang District" in page.locator("#mx-selected-name").inner_text()
    assert query(page).get("district") == "230103"
