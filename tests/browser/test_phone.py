"""On a leader's phone (issue 17): a link shared in a chat group opens to the answer, not to the menu.

Each test runs at 390×844 and at 360×800 as a touch device (``phone_page``, tests/browser/conftest.py)
and walks several pages in that one browser context: the session's app server is shared, so the
whole file costs a few page loads per size.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard.pages import NAVBAR
from tests.support.axe import assert_axe_clean
from tests.support.browser import open_page, screenshot, tap_district, wait_for_dash

pytestmark = pytest.mark.browser

# Every page of the navbar and what it answers with: the element a leader opens the link to see.
MAIN = {
    "/": "#ov-map",
    "/map": "#mx-map",
    "/task/T3": "#tk-trend",
    "/district/230102": "#dp-tasks",
    "/departments": "#dep-matrix",
    "/data": "#dt-grid-wrap",
    "/upload": "#upload-step-template",
    "/reporting": "#rep-grid",
    "/history": "#history-table",
}
MIN_TARGET = 44  # px: a thumb (WCAG 2.5.5; Apple's and Android's guides)
# Enough of the main element shows in the first screen to be seen: a chart's title and more.
IN_VIEW = 80

# What stands in the way of a thumb: controls smaller than MIN_TARGET, and controls off the screen's
# sides with no scrolling box (a row that scrolls sideways, a table's card) to bring them in.
_SMALL_OR_UNREACHABLE_JS = """(min) => {
    const out = [];
    const name = el => (el.id ? '#' + el.id : el.tagName.toLowerCase() + '.' + [...el.classList].join('.'))
        + ' "' + (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 20) + '"';
    const scrolls = el => { for (let p = el.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
    for (const el of document.querySelectorAll('button, select, .btn, [role="combobox"], .dropdown-toggle')) {
        const r = el.getBoundingClientRect();
        if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;  // not shown
        if (el.closest('.dropdown-menu:not(.show), [hidden], .visually-hidden')) continue;
        if (r.height < min - 0.5) out.push(name(el) + ' is ' + r.height.toFixed(0) + ' px tall');
        if ((r.left < -1 || r.right > innerWidth + 1) && !scrolls(el)) out.push(name(el) + ' is off the screen');
    }
    return out;
}"""

_TOP_JS = "sel => { const el = document.querySelector(sel); return el ? el.getBoundingClientRect().top : null; }"


def no_sideways_scroll(page, where: str) -> None:
    wide = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert wide <= 0, f"{where} scrolls sideways by {wide}px"


def in_first_screen(page, selector: str, where: str) -> None:
    page.evaluate("window.scrollTo(0, 0)")
    top = page.evaluate(_TOP_JS, selector)
    height = page.evaluate("innerHeight")
    assert top is not None, f"{where}: {selector} missing"
    assert top <= height - IN_VIEW, f"{where}: {selector} starts at {top:.0f}px, below the first screen ({height}px)"


def thumb_sized(page, where: str) -> None:
    problems = page.evaluate(_SMALL_OR_UNREACHABLE_JS, MIN_TARGET)
    assert not problems, f"{where}: " + "; ".join(problems[:8])


def navbar_folded(page, where: str) -> None:
    toggler = page.locator("#navbar-toggler")
    assert toggler.is_visible(), f"{where}: no menu button"
    assert toggler.get_attribute("aria-expanded") == "false"
    assert toggler.get_attribute("aria-label") == "菜单"
    assert page.locator("#nav-map").is_hidden(), f"{where}: the page links show before the menu is opened"
    assert page.locator("#copy-link").is_hidden()
    brand = page.locator("#navbar .navbar-brand").bounding_box()
    assert brand and brand["height"] < 50, f"{where}: the title takes more than one line"


def titles_fit(page, where: str) -> None:
    """Plotly does not wrap titles: on a phone assets/phone_charts.js breaks the long ones."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('.js-plotly-plot')].every(gd => {
               const t = gd.querySelector('.gtitle');
               return !t || t.getBoundingClientRect().width <= gd.getBoundingClientRect().width; })""",
        timeout=10_000,
    )


# Each chart's legends against its plot area (from the figure's margins) and its caption (the source line).
_LEGEND_OVERLAPS_JS = """() => {
    const out = [];
    const cut = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    for (const gd of document.querySelectorAll('.js-plotly-plot')) {
        const full = gd._fullLayout;
        if (!full || !full._size || full.geo) continue;
        const box = gd.getBoundingClientRect(), s = full._size;
        const plot = {left: box.left + s.l, right: box.left + s.l + s.w,
                      top: box.top + s.t, bottom: box.top + s.t + s.h};
        const where = (gd.closest('[id]') || gd).id;
        const notes = [...gd.querySelectorAll('.infolayer .annotation')].filter(el =>
            ['caption', 'sample-mark'].includes(((gd.layout.annotations || [])[+el.dataset.index] || {}).name));
        for (const legend of gd.querySelectorAll('.infolayer > .legend, .infolayer > .legend2')) {
            const r = legend.getBoundingClientRect();
            if (!r.height) continue;
            if (cut(r, plot)) out.push(where + ': a legend covers the plot');
            for (const note of notes)
                if (cut(r, note.getBoundingClientRect())) out.push(where + ': a legend covers the caption');
        }
    }
    return out;
}"""


def legends_clear(page, where: str) -> None:
    """On a phone assets/phone_charts.js moves a legend from inside the plot to below its x-axis title."""
    try:
        page.wait_for_function(f"() => !({_LEGEND_OVERLAPS_JS})().length", timeout=10_000)
    except PlaywrightTimeout:  # say which chart
        raise AssertionError(f"{where}: " + "; ".join(page.evaluate(_LEGEND_OVERLAPS_JS))) from None


def test_every_navbar_page_opens_to_its_answer_on_a_phone(phone_page, request):
    page = phone_page
    assert len(MAIN) == len(NAVBAR), "a navbar page without its main element here"
    for path, main in MAIN.items():
        open_page(page, path)
        navbar_folded(page, path)
        no_sideways_scroll(page, path)
        in_first_screen(page, main, path)
        titles_fit(page, path)
        legends_clear(page, path)
        thumb_sized(page, path)
        assert_axe_clean(page, path)
        screenshot(page, request, path.strip("/").replace("/", "-") or "overview", full_page=False)


def test_the_menu_button_opens_links_and_actions_that_a_thumb_can_use(phone_page, request):
    page = phone_page
    open_page(page, "/task/T3?year=2019")
    page.tap("#navbar-toggler")
    page.locator("#nav-map").wait_for(state="visible")
    page.wait_for_function("() => !document.querySelector('#navbar-menu.collapsing')")  # the opening slide ended
    assert page.locator("#navbar-toggler").get_attribute("aria-expanded") == "true"
    for name in NAVBAR:
        assert page.locator(f"#nav-{name}").is_visible(), name
    for id_ in ("#copy-link", "#embed-code", "#export-menu", "#nav-meeting", "#lang-switch", "#nav-login"):
        assert page.locator(id_).is_visible(), f"{id_} is not in the opened menu"
    thumb_sized(page, "the opened menu")
    no_sideways_scroll(page, "the opened menu")
    for link in page.locator("#navbar .nav-link").all():
        box = link.bounding_box()
        assert box and box["height"] >= MIN_TARGET, f"{link.inner_text()} is {box and box['height']}px tall"
    assert_axe_clean(page, "the opened menu")
    screenshot(page, request, "menu", full_page=False)

    # The export menu is there: a Word briefing starts from it (and is cancelled: test_exports builds one).
    page.tap("#export-menu .dropdown-toggle")
    page.locator("#export-docx").tap()
    panel = page.locator("#export-panel")
    page.locator("#export-cancel").wait_for(state="visible", timeout=30_000)
    box = panel.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    page.tap("#export-cancel")
    page.locator("#export-cancelled").wait_for(timeout=15_000)
    page.tap("#export-close")
    panel.wait_for(state="hidden", timeout=10_000)

    # A link in the menu leads to its page, which opens with the menu folded again.
    if page.locator("#nav-map").is_hidden():
        page.tap("#navbar-toggler")
    page.locator("#nav-map").tap()
    page.locator("#map-page").wait_for()
    wait_for_dash(page)
    navbar_folded(page, "/map after the menu")


def test_a_shared_link_lands_on_its_chart_and_year_with_a_title_that_names_the_view(phone_page, request):
    page = phone_page
    open_page(page, "/district/230102?year=2018")
    in_first_screen(page, "#dp-tasks", "a shared district link")
    assert page.locator("#as-of").inner_text().strip() == "数据截至 2018 年"
    district = page.locator("#dp-header h1").inner_text().split(" · ")[0].strip()
    assert page.title().startswith(f"区县 · {district} · 2018 · "), page.title()
    assert page.title().endswith("科学素质行动监测")
    screenshot(page, request, "district-2018", full_page=False)

    open_page(page, "/map?indicator=T8-01&year=2019")
    in_first_screen(page, "#mx-map", "a shared map link")
    assert page.input_value("#mx-year-pick") == "2019"
    assert page.locator("#as-of").inner_text().strip() == "数据截至 2019 年"
    chart_title = page.locator("#mx-map .gtitle").text_content()
    indicator = re.sub(r"^T8-01\s+", "", page.locator("#mx-indicator").inner_text().strip())
    assert indicator in chart_title and "2019" in chart_title, chart_title
    assert page.title().startswith(f"地图 · {indicator} · 2019 · "), page.title()
    # The districts themselves, not only the chart's title, start in the first screen: the map is
    # shortened to its drawing on a phone (assets/phone_maps.js), with no empty band above it.
    page.wait_for_function(
        """() => { const gd = document.querySelector('#mx-map .js-plotly-plot');
                   const drawn = gd && gd.querySelector('.choroplethlayer');
                   if (!drawn) return false;
                   const top = drawn.getBoundingClientRect().top;
                   const title = gd.querySelector('.gtitle').getBoundingClientRect().bottom;
                   return top < innerHeight * 0.9 && top - title < 120; }"""
    )
    screenshot(page, request, "map-2019", full_page=False)

    # The ranking shows its top and bottom five on a phone (assets/phone_charts.js): a tap on the button
    # under it shows every district, another folds it again.
    bars = "document.querySelector('#mx-ranking .js-plotly-plot')._fullData[0].x.filter(v => v != null).length"
    page.wait_for_function(f"() => {bars} === 10")
    toggle = page.locator("#mx-ranking-all")
    toggle.scroll_into_view_if_needed()
    box = toggle.bounding_box()
    assert box and box["height"] >= MIN_TARGET
    toggle.tap()
    page.wait_for_function(f"() => {bars} > 10")
    assert toggle.get_attribute("aria-pressed") == "true"
    screenshot(page, request, "ranking-all", full_page=False)
    toggle.tap()
    page.wait_for_function(f"() => {bars} === 10")
    toggle.scroll_into_view_if_needed()
    screenshot(page, request, "ranking-ends", full_page=False)

    # The year select a thumb uses moves the map, the title and the link, as the slider does.
    page.select_option("#mx-year-pick", "2017")
    page.wait_for_function("() => document.title.includes(' · 2017 · ')")
    wait_for_dash(page)
    assert "2017" in page.locator("#mx-map .gtitle").text_content()
    assert "year=2017" in page.url

    # Meeting mode opens on the phone too and steps on a tap.
    open_page(page, "/meeting?interval=0")
    page.locator("#meeting-page").wait_for()
    first = page.locator("#mt-task-title .mt-code").inner_text()
    page.tap("#mt-next")
    page.wait_for_function(
        "first => document.querySelector('#mt-task-title .mt-code').textContent.trim() !== first", arg=first
    )
    screenshot(page, request, "meeting", full_page=False)


def fold_settled(page, fold: str) -> None:
    page.wait_for_function(f"() => !document.querySelector('{fold}.collapsing')")


def test_a_tap_on_a_district_shows_its_card_as_the_hover_would(phone_page, plan, request):
    """No hover-only information: on the overview (and the map page) a tap on a district shows its name,
    value and status, with a link to its profile, in a card that rises over the page where the thumb is."""
    page = phone_page
    names = {u.code: u.name for u in plan.region.units}
    code = "230124"
    open_page(page, "/")
    assert page.locator("#ov-map-hint").is_visible(), "the overview does not say a district can be tapped"
    tap_district(page, code, "#ov-map")
    card = page.locator("#ov-district-card")
    card.wait_for()
    wait_for_dash(page)
    assert names[code] in page.locator("#ov-selected-name").inner_text()
    assert page.locator("#ov-selected-name [data-status]").count() == 1, "the card has no status"
    # The value is the one the map's own table gives the district.
    value = page.locator("#ov-district-card dd").first.inner_text().strip()
    row = page.locator("#ov-map-table tbody tr", has=page.locator(f"th:text-is('{names[code]}')"))
    assert value == row.locator("td").first.text_content().strip()
    box = card.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"], "the card is off screen"
    assert f"district={code}" in page.url  # a shared link opens with the card
    assert page.locator("#ov-profile-link").get_attribute("href").startswith(f"/district/{code}")
    thumb_sized(page, "the overview's district card")
    no_sideways_scroll(page, "the overview's district card")
    assert_axe_clean(page, "the overview's district card")
    screenshot(page, request, "overview-tapped", full_page=False)
    page.locator("#ov-district-card button").tap()
    page.locator("#ov-map-hint").wait_for()
    page.wait_for_function("() => !location.search.includes('district=')")

    open_page(page, "/map")
    tap_district(page, code, "#mx-map")
    page.locator("#mx-selected-name").wait_for()
    assert names[code] in page.locator("#mx-selected-name").inner_text()
    box = page.locator("#mx-district-card").bounding_box()
    assert box and box["y"] + box["height"] <= page.viewport_size["height"], "the map page's card is below the fold"


def test_the_map_filters_fold_into_one_panel_whose_chips_follow_the_choice(phone_page, plan, request):
    page = phone_page
    open_page(page, "/map?indicator=G-01")
    toggle = page.locator("#mx-filters-toggle")
    chips = page.locator("#mx-filter-chips")
    assert page.locator("#mx-indicator").is_hidden(), "the filters show before 筛选 is tapped"
    assert toggle.inner_text().startswith("筛选")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert "G-01" in chips.inner_text()
    in_first_screen(page, "#mx-map", "the map under a folded filter row")

    toggle.tap()
    page.locator("#mx-indicator").wait_for(state="visible")
    fold_settled(page, "#mx-filters")
    assert toggle.get_attribute("aria-expanded") == "true"
    thumb_sized(page, "the open filter panel")
    no_sideways_scroll(page, "the open filter panel")
    assert_axe_clean(page, "the open filter panel")
    screenshot(page, request, "map-filters", full_page=False)

    indicator = plan.indicator_by_code["T8-01"]
    page.locator("#mx-indicator").tap()
    page.get_by_role("option", name=f"T8-01 {indicator.name.get('zh')}", exact=True).tap()  # a thumb scrolls to it
    page.wait_for_function("() => document.querySelector('#mx-filter-chips').innerText.includes('T8-01')")
    page.wait_for_function(
        "name => (document.querySelector('#mx-map .gtitle') || {}).textContent?.includes(name)",
        arg=indicator.name.get("zh"),
    )
    wait_for_dash(page)
    assert "indicator=T8-01" in page.url
    assert "G-01" not in chips.inner_text()

    toggle.tap()  # folds again, the choice kept in its chips
    page.locator("#mx-indicator").wait_for(state="hidden")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert "T8-01" in chips.inner_text()
    screenshot(page, request, "map-chips", full_page=False)


def test_the_data_page_offers_the_download_not_every_column(phone_page, request):
    page = phone_page
    open_page(page, "/data")
    assert page.locator("#dt-year").is_hidden() and page.locator("#dt-filter-chips").inner_text() == "全部数据"
    for button in ("#dt-xlsx", "#dt-csv"):
        box = page.locator(button).bounding_box()
        assert box and box["height"] >= MIN_TARGET and box["y"] + box["height"] <= page.viewport_size["height"], (
            f"{button} is not a thumb-sized button in the first screen"
        )
    from layouts.data_table import FIELDS

    assert str(len(FIELDS)) in page.locator("#dt-phone-note").inner_text()  # the full table is in the download
    shown = (
        "() => [...document.querySelectorAll('#dt-grid .ag-header-row-column .ag-header-cell')]"
        ".filter(c => c.offsetWidth).length"
    )
    page.wait_for_function(f"{shown} === 5")
    no_sideways_scroll(page, "the data page")
    wide = page.evaluate(
        "() => { const v = document.querySelector('#dt-grid .ag-center-cols-viewport');"
        " return v.scrollWidth - v.clientWidth; }"
    )
    assert wide <= 1, f"the data grid scrolls sideways by {wide}px on a phone"
    screenshot(page, request, "data", full_page=False)

    # The year chosen in the panel narrows the rows and shows as a chip; the download holds them all.
    page.tap("#dt-filters-toggle")
    page.locator("#dt-year").wait_for(state="visible")
    fold_settled(page, "#dt-filters")
    page.locator("#dt-year").tap()
    page.get_by_role("option", name="2019", exact=True).tap()
    page.wait_for_function("() => document.querySelector('#dt-filter-chips').innerText.trim() === '2019'")
    wait_for_dash(page)
    with page.expect_download() as download:
        page.tap("#dt-xlsx")
    assert download.value.suggested_filename.endswith("2019-sample.xlsx"), download.value.suggested_filename


# The sample mark's box against each line of the source line's (a long English source takes two: the mark
# may sit beside the short second one, under the end of the first), in every chart that has both.
_MARK_ON_SOURCE_JS = """() => {
    const out = [];
    const cut = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    for (const gd of document.querySelectorAll('.js-plotly-plot')) {
        const notes = (gd.layout && gd.layout.annotations) || [];
        const el = name => { const i = notes.findIndex(a => a.name === name);
            return i < 0 ? null : gd.querySelector('.infolayer .annotation[data-index="' + i + '"]'); };
        const source = el('caption'), mark = el('sample-mark');
        if (!source || !mark) continue;
        const lines = [...source.querySelectorAll('tspan.line')];
        const boxes = (lines.length ? lines : [source.querySelector('text') || source])
            .map(l => l.getBoundingClientRect());
        const box = mark.getBoundingClientRect();
        if (boxes.some(b => cut(b, box))) out.push((gd.closest('[id]') || gd).id);
    }
    return out;
}"""


def test_the_sample_mark_keeps_clear_of_the_source_line(phone_page):
    page = phone_page
    for path in ("/", "/map", "/task/T3", "/?lang=en"):
        open_page(page, path)
        try:
            page.wait_for_function(f"() => !({_MARK_ON_SOURCE_JS})().length", timeout=10_000)
        except PlaywrightTimeout:
            raise AssertionError(
                f"{path}: the sample mark covers the source line of " + ", ".join(page.evaluate(_MARK_ON_SOURCE_JS))
            ) from None
        marks = page.evaluate("() => document.querySelectorAll('.infolayer .annotation').length")
        assert marks, f"{path}: no chart captions drawn"
