"""大屏 Meeting mode in a real browser: steps by timer and by key (as a presentation clicker sends them),
shows clock and as-of year, fits a projector (1920×1080) and a laptop (1366×768)."""

from __future__ import annotations

import re

import pytest

from dashboard.viewstate import INTERVAL_RANGE
from tests.support.browser import (
    component_prop,
    open_page,
    query,
    screenshot,
    wait_for_dash,
    wait_for_prop,
)

pytestmark = pytest.mark.browser

# How long a step by the timer may take to show: one interval, plus the server building the next
# task's screen on a busy machine. A bound on waiting, not a measured time.
TIMER_STEP_TIMEOUT = INTERVAL_RANGE[0] + 25


def current_task(page) -> str:
    """The task on screen: the code in the detail's title, checked against the highlighted tile."""
    code = page.locator("#mt-task-title .mt-code").inner_text().strip()
    tile = page.locator('#mt-tiles [aria-current="step"]')
    assert tile.count() == 1 and tile.get_attribute("id") == f"mt-tile-{code}"
    return code


def wait_for_task(page, code: str, timeout: float = 15.0) -> None:
    page.wait_for_function(
        "code => { const c = document.querySelector('#mt-task-title .mt-code');"
        " return c && c.textContent.trim() === code; }",
        arg=code,
        timeout=timeout * 1000,
    )
    wait_for_dash(page)


def following(code: str, step: int = 1) -> str:
    return f"T{(int(code[1:]) - 1 + step) % 10 + 1}"


def test_meeting_mode_steps_through_the_tasks_by_timer(page):
    open_page(page, f"/meeting?interval={INTERVAL_RANGE[0]}")  # the shortest interval a URL may ask for
    assert component_prop(page, "mt-timer", "disabled") is False
    # Nothing is pressed: the shown task moves on by itself, twice.
    first = current_task(page)
    wait_for_task(page, following(first), timeout=TIMER_STEP_TIMEOUT)
    wait_for_task(page, following(first, 2), timeout=TIMER_STEP_TIMEOUT)
    shown = following(first, 2)
    # A reload stays on the same task (unless the timer stepped again in between).
    assert query(page)["task"] in (shown, following(shown))

    # P pauses the timer, and P again starts it: the next step comes by itself once more.
    page.keyboard.press("p")
    wait_for_prop(page, "mt-timer", "disabled", True)
    wait_for_dash(page)  # a step the timer sent just before the pause has landed
    paused = current_task(page)
    page.keyboard.press("p")
    wait_for_prop(page, "mt-timer", "disabled", False)
    wait_for_task(page, following(paused), timeout=TIMER_STEP_TIMEOUT)


def test_meeting_mode_steps_by_arrow_keys_space_and_page_down(page):
    open_page(page, "/meeting?interval=0")
    # With interval=0 nothing steps by itself: the page's timer is off.
    assert component_prop(page, "mt-timer", "disabled") is True
    assert current_task(page) == "T1"
    for key, expected in [
        ("ArrowRight", "T2"),
        ("Space", "T3"),
        ("PageDown", "T4"),
        ("ArrowLeft", "T3"),
        ("PageUp", "T2"),
        ("ArrowLeft", "T1"),
        ("ArrowLeft", "T10"),
        ("ArrowRight", "T1"),
    ]:
        page.keyboard.press(key)
        wait_for_task(page, expected, timeout=10)
        assert current_task(page) == expected, f"after {key}"
    assert component_prop(page, "mt-timer", "disabled") is True, "stepping by key started the timer"


def test_meeting_mode_buttons_step_and_are_named(page):
    open_page(page, "/meeting?interval=0&lang=en")
    assert page.locator("#mt-next").get_attribute("aria-label") == "Next"
    page.locator("#mt-next").click()
    wait_for_task(page, "T2")
    page.locator("#mt-prev").click()
    wait_for_task(page, "T1")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)], ids=["1920x1080", "1366x768"])
def test_meeting_mode_fits_the_screen_with_clock_and_as_of_year(page, request, size, lang):
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, "/meeting?interval=0&task=T5" + ("&lang=en" if lang == "en" else ""))
    page.wait_for_function("() => /\\d{2}:\\d{2}:\\d{2}/.test(document.querySelector('#mt-clock').textContent)")
    as_of = page.locator("#as-of").inner_text()
    assert ("Data as of" if lang == "en" else "数据截至") in as_of and re.search(r"20\d\d", as_of)
    assert page.locator("#mt-sample").is_visible()
    assert page.locator("#mt-map .main-svg").count() > 0
    # Everything on one screen: nothing cut off at the edges, no scrolling.
    overflow = page.evaluate("""() => {
        const out = [];
        for (const id of ['mt-headline', 'mt-tile-T1', 'mt-tile-T10', 'mt-task-title', 'mt-map', 'mt-next',
                          'mt-clock', 'as-of']) {
            const r = document.getElementById(id).getBoundingClientRect();
            if (r.right > innerWidth + 1 || r.bottom > innerHeight + 1 || r.width === 0) out.push(id);
        }
        return out;
    }""")
    assert overflow == [], f"off screen at {width}×{height}: {overflow}"
    # Type large enough to read from the back of a room: task names at least 16 px even on a laptop.
    smallest = page.evaluate(
        "() => Math.min(...Array.from(document.querySelectorAll('.mt-tile-name'),"
        " e => parseFloat(getComputedStyle(e).fontSize)))"
    )
    assert smallest >= 16
    screenshot(page, request, full_page=False)
