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
from tests.support.browser import open_page, screenshot, wait_for_dash

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
