"""axe-core scans every page, in Chinese and in English, at WCAG 2.0/2.1 levels A and AA.

axe-core (tests/browser/vendor/axe.min.js, MPL-2.0) is injected by the test
with ``page.evaluate``; the app never serves it.  A violation fails the
test unless the allow-list in tests/support/axe.py names its rule and the
elements it may hit, with the reason we cannot fix it in our code.
"""

from __future__ import annotations

import pytest

from tests.support.axe import assert_axe_clean
from tests.support.browser import choose_by_typing, open_page, screenshot, wait_for_dash

pytestmark = pytest.mark.browser

PAGES = ["/", "/map", "/task/T3", "/district/230102", "/departments", "/data", "/meeting?interval=0"]
# The import pages (and the reporting round) as a visitor who is not logged in sees them.
AXE_PAGES = [*PAGES, "/upload", "/reporting", "/history", "/login"]


def _url(path: str, lang: str) -> str:
    if lang == "zh":
        return path
    return path + ("&" if "?" in path else "?") + "lang=en"


def _ids(paths: list[str]) -> list[str]:
    return [p.split("?")[0].strip("/").replace("/", "-") or "overview" for p in paths]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", AXE_PAGES, ids=_ids(AXE_PAGES))
def test_page_has_no_unexplained_wcag_a_or_aa_violations(page, path, lang):
    open_page(page, _url(path, lang))
    wait_for_dash(page)
    expected = "en" if lang == "en" else "zh-CN"
    assert page.evaluate("document.documentElement.lang") == expected
    assert_axe_clean(page, _url(path, lang))


# -- keyboard ------------------------------------------------------------------------------------------
_FOCUS_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    const slider = el.closest('[data-aria-label]');
    return {id: el.id || (slider && slider.querySelector('[id]') ? 'slider:' + slider.querySelector('[id]').id : ''),
            tag: el.tagName, role: el.getAttribute('role'),
            name: el.getAttribute('aria-label') || el.textContent.trim().slice(0, 30),
            href: el.getAttribute('href'), card: (el.closest('[id^="task-card-"]') || {}).id || null,
            visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'};
}"""


def tab_through(page, presses: int) -> list[dict]:
    """Press Tab from the top of the page; what had the focus after each press."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.mouse.click(1, 1)  # no control there: the next Tab starts at the top of the page
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        info = page.evaluate(_FOCUS_JS)
        if info:
            seen.append(info)
    return seen


def test_map_page_controls_are_reachable_by_tab_with_visible_focus(page):
    open_page(page, "/map")
    seen = tab_through(page, 40)
    ids = [f["id"] for f in seen]
    assert seen[0]["id"] == "skip-link", "the first Tab should offer to skip the navigation"
    for expected in ("nav-overview", "nav-task", "lang-switch", "mx-task", "mx-indicator", "mx-district", "mx-play"):
        assert expected in ids, f"#{expected} is not reachable by Tab (order: {ids})"
    assert any(f["role"] == "slider" for f in seen), "the year slider is not reachable by Tab"
    invisible = [f for f in seen if not f["visible"]]
    assert invisible == [], f"focus not visible on: {invisible}"


def test_map_page_is_usable_by_keyboard_alone(page):
    open_page(page, "/map")
    title = page.locator("#mx-map .gtitle")
    assert "2020" in title.text_content()

    # The year slider: arrow keys move it a year.
    page.locator("#mx-year [role=slider]").focus()
    page.keyboard.press("ArrowLeft")
    wait_for_dash(page)
    page.wait_for_function("() => document.querySelector('#mx-map .gtitle').textContent.includes('2019')")
    assert "year=2019" in page.url

    # Play and pause from the keyboard.
    page.locator("#mx-play").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#mx-play').textContent.trim() === '暂停'")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#mx-play').textContent.trim() === '播放'")
    wait_for_dash(page)

    # A district without the mouse: the district list selects it, as a click on the map does.
    page.locator("#mx-district").focus()
    page.keyboard.press("ArrowDown")
    page.get_by_role("option", name="南岗区", exact=True).wait_for()
    choose_by_typing(page, "南岗", "南岗区")
    wait_for_dash(page)
    page.locator("#mx-selected-name").wait_for()
    assert "南岗区" in page.locator("#mx-selected-name").inner_text()
    assert "district=230103" in page.url

    # The district panel's buttons: the profile link and the clear button take Enter too.
    page.locator("#mx-district-card button").focus()
    page.keyboard.press("Enter")
    wait_for_dash(page)
    page.locator("#mx-hint").wait_for()
    assert "district=" not in page.url


def test_task_cards_open_their_task_from_the_keyboard(page):
    open_page(page, "/")
    seen = tab_through(page, 40)
    cards = [f for f in seen if f["card"]]
    assert [c["card"] for c in cards] == [f"task-card-T{i}" for i in range(1, 11)]
    assert [c["href"].split("?")[0] for c in cards] == [f"/task/T{i}" for i in range(1, 11)]
    assert all(c["visible"] for c in cards)
    page.locator("#task-card-T4 a").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/task/T4*")
    wait_for_dash(page)
    assert page.locator("#task-page").is_visible()


def test_skip_link_moves_focus_to_the_page(page):
    open_page(page, "/departments")
    page.mouse.click(1, 1)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "skip-link"
    assert page.locator("#skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "page"


# -- English everywhere --------------------------------------------------------------------------------
# Visible text with Chinese characters on an English page must be marked as Chinese (lang="zh-CN"):
# the plan's own words quoted verbatim, and the switch back to 中文.  The data grid's source and note
# cells are left out: they hold what an import file said, in whatever language it was written.
_UNTAGGED_CJK_JS = """() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, el = node.parentElement;
        if (!/[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]/.test(node.textContent)) continue;
        if (!el || !el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
        if (el.closest('.ag-cell[col-id="source"], .ag-cell[col-id="note"]')) continue;
        const tagged = el.closest('[lang]');
        if (tagged && tagged !== document.documentElement && tagged.lang.startsWith('zh')) continue;
        out.push((el.id ? '#' + el.id + ' ' : el.tagName + ' ') + node.textContent.trim().slice(0, 40));
    }
    return out;
}"""


@pytest.mark.parametrize("path", PAGES, ids=_ids(PAGES))
def test_english_page_at_laptop_size(page, request, path):
    page.set_viewport_size({"width": 1366, "height": 768})
    open_page(page, _url(path, "en"))
    assert page.evaluate("document.documentElement.lang") == "en"
    # The title names the view before the app (dashboard/titles.py); meeting mode is the app's own screen.
    app = "Harbin Scientific Literacy Action Monitor"
    assert page.title() == app if path.startswith("/meeting") else page.title().endswith(" · " + app), page.title()
    untagged = page.evaluate(_UNTAGGED_CJK_JS)
    assert untagged == [], f"Chinese on the English page {path}: {untagged[:10]}"
    screenshot(page, request, "en", full_page=not path.startswith("/meeting"))


# -- table alternatives ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path, district_table, trend_table",
    [
        ("/", "ov-map-table", "ov-trend-table"),
        ("/map", "mx-table", "mx-trend-table"),
        ("/task/T3", "tk-district-table", "tk-trend-table"),
    ],
)
def test_charts_have_a_data_table_under_them(page, path, district_table, trend_table):
    open_page(page, path)
    for id_ in (district_table, trend_table):
        details = page.locator(f"#{id_} details.chart-table")
        assert details.count() == 1, f"#{id_}: no data table"
        summary = details.locator("summary")
        assert summary.inner_text().startswith("数据表")
        summary.focus()
        page.keyboard.press("Enter")  # a <summary> opens from the keyboard
        table = details.locator("table")
        assert table.is_visible()
        assert table.locator("thead th[scope=col]").count() >= 2
        assert table.locator("tbody th[scope=row]").count() >= 6  # one row per year (2015–2020) or district
    # The map's and ranking's table: every district, its status in words and icon, not colour alone.
    rows = page.locator(f"#{district_table} tbody tr")
    assert rows.count() == 18
    statuses = ("✔ 已达标", "➚ 进度正常", "▲ 进度滞后", "✖ 严重滞后", "? 无数据")
    assert all(any(s in rows.nth(i).inner_text() for s in statuses) for i in range(18))


def test_district_small_multiples_each_have_a_data_table(page):
    open_page(page, "/district/230102")
    charts = page.locator("#dp-multiples .dash-graph")
    n = charts.count()
    assert n >= 2, "the district page shows no small multiples"
    for i in range(n):
        code = charts.nth(i).get_attribute("id").removeprefix("dp-sm-")
        details = page.locator(f"#dp-sm-table-{code} details.chart-table")
        assert details.count() == 1, f"the chart of {code} has no data table"
        assert code in details.locator("summary").inner_text()
    # Keyboard: Tab lands on a summary, Enter opens the table; the status is in words and icon.
    first = page.locator("#dp-multiples details.chart-table").first
    first.locator("summary").focus()
    page.keyboard.press("Enter")
    table = first.locator("table")
    assert table.is_visible()
    assert table.locator("thead th[scope=col]").count() == 4
    last = table.locator("tbody tr").last.inner_text()
    assert any(s in last for s in ("✔ 已达标", "➚ 进度正常", "▲ 进度滞后", "✖ 严重滞后", "? 无数据"))
