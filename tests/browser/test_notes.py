"""数据说明 in a real browser: an editor writes a note on the district page with the keyboard, it shows
in the map's hover and the trend's, anonymous readers see it without buttons, and withdrawn it is
gone; a figure that jumps past its threshold is flagged in the import preview with both figures.

Notes the test writes are withdrawn by the fixture if it stops half-way (``kepu notes withdraw``),
so the other browser tests see what they expect.
"""

from __future__ import annotations

import json

import pytest

from tests.support.axe import assert_axe_clean
from tests.support.browser import _POINT_IN_DISTRICT_JS, kepu, log_in, open_page, screenshot, wait_for_dash

pytestmark = pytest.mark.browser

# Not an indicator counted from the venue registry: its map draws venues over the districts.
INDICATOR, DISTRICT, YEAR = "T1-05", "230102", 2019  # 道里区
TEXT = "2019 年起统计口径调整(含民办学校)"
DISTRICT_PAGE = f"/district/{DISTRICT}?year={YEAR}"
MAP = f"/map?indicator={INDICATOR}&year={YEAR}&district={DISTRICT}"


def live_notes() -> list[dict]:
    res = kepu("notes", "--json")
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


@pytest.fixture
def notes_withdrawn():
    before = {n["id"] for n in live_notes()}
    yield
    for n in live_notes():
        if n["id"] not in before:
            kepu("notes", "withdraw", str(n["id"]))


def hover_text(page, graph: str, code: str) -> str:
    """Move the mouse onto a district of a map and return the hover label's text."""
    page.locator(f"{graph} path.choroplethlocation").first.wait_for()
    point = page.evaluate(_POINT_IN_DISTRICT_JS, [graph, code])
    assert point is not None
    page.mouse.move(point["x"], point["y"])
    label = page.locator(f"{graph} .hoverlayer .hovertext").first
    label.wait_for()
    return label.text_content() or ""


def trend_hovertext(page) -> str:
    return page.evaluate(
        "() => JSON.stringify(document.querySelector('#mx-trend .js-plotly-plot').data.map(t => t.hovertext || null))"
    )


def test_an_editor_writes_a_note_it_shows_in_the_hovers_and_withdrawn_it_is_gone(
    page, request, app_users, notes_withdrawn
):
    log_in(page, "editor-b", app_users["editor-b"], DISTRICT_PAGE)
    row = page.locator(f"#dp-row-{INDICATOR}")
    add = row.get_by_role("button", name=f"添加说明:{INDICATOR}")
    # The keyboard alone: focus the row's 「添加说明」, Enter, type, Tab to 保存, Enter.
    add.focus()
    page.keyboard.press("Enter")
    page.locator("#dp-note-modal").wait_for()
    assert page.locator("#dp-note-year").input_value() == str(YEAR)
    page.locator("#dp-note-text").focus()
    page.keyboard.type(TEXT)
    screenshot(page, request, "form", full_page=False)
    assert_axe_clean(page)
    page.locator("#dp-note-save").focus()
    page.keyboard.press("Enter")
    page.locator("#dp-notes-list").get_by_text(TEXT).wait_for()
    wait_for_dash(page)
    assert "editor-b" in page.locator("#dp-notes-list").inner_text()
    assert page.locator(f"#dp-notes-{INDICATOR}").is_visible()
    screenshot(page, request, "district")
    assert_axe_clean(page)

    # The map's hover over the district, and the trend's, say it.
    open_page(page, MAP)
    assert TEXT[:10] in hover_text(page, "#mx-map", DISTRICT)
    page.wait_for_function(
        "(t) => JSON.stringify(document.querySelector('#mx-trend .js-plotly-plot')?.data || []).includes(t)",
        arg=TEXT[:10],
    )
    screenshot(page, request, "map-hover", full_page=False)

    # Someone not logged in reads the note, without buttons.
    page.context.clear_cookies()
    open_page(page, DISTRICT_PAGE)
    assert TEXT in page.locator("#dp-notes-list").inner_text()
    assert page.get_by_role("button", name="撤回").count() == 0
    assert page.locator(f"#dp-row-{INDICATOR}").get_by_role("button", name=f"添加说明:{INDICATOR}").count() == 0

    # Withdrawn (the form asks first), it shows nowhere.
    log_in(page, "editor-b", app_users["editor-b"], DISTRICT_PAGE)
    (note,) = [n for n in live_notes() if n["text"] == TEXT]
    page.get_by_role("button", name=f"撤回说明 #{note['id']}").click()
    page.locator("#dp-note-modal").get_by_text("撤回后该说明不再显示").wait_for()
    page.click("#dp-note-save")
    page.locator("#dp-notes-empty").wait_for()
    wait_for_dash(page)
    assert TEXT not in page.locator("#dp-table").inner_text()
    assert not [n for n in live_notes() if n["text"] == TEXT]
    open_page(page, MAP)
    assert TEXT[:10] not in hover_text(page, "#mx-map", DISTRICT)
    assert TEXT[:10] not in trend_hovertext(page)


def test_a_jump_past_the_threshold_is_flagged_in_the_import_preview(page, request, tmp_path, app_users):
    log_in(page, "editor-b", app_users["editor-b"], "/upload")
    path = tmp_path / "跳变.csv"
    path.write_text(f"指标代码,区县,年份,数值\n{INDICATOR},道里,2016,10\n{INDICATOR},道里,2017,23\n", encoding="utf-8")
    page.set_input_files("#upload-file input[type=file]", str(path))
    page.locator("#upload-jumps").wait_for()
    wait_for_dash(page)
    text = page.locator("#upload-jumps").inner_text()
    assert "道里区" in text and "10" in text and "23" in text and "+130" in text and "±30%" in text
    assert page.locator("#upload-count-jumps").inner_text().startswith("1")
    screenshot(page, request, "preview")
    assert_axe_clean(page)
