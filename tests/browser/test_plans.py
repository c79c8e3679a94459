"""Several plans in a real browser: the navbar's plan switcher opens the same page on the other plan."""

from __future__ import annotations

import pytest

from tests.support.browser import open_page, query, screenshot, wait_for_dash
from tests.support.plans import NEXT, SHIPPED

pytestmark = pytest.mark.browser


def slider_years(page) -> list[int]:
    marks = page.locator("#mx-year .dash-slider-mark").all_inner_texts()
    return sorted(int(m) for m in marks if m.strip().isdigit())


def test_the_switcher_opens_the_map_of_the_other_plan(plans_page, request):
    page = plans_page
    open_page(page, "/map")
    assert slider_years(page)[-1] == 2025  # the default plan: the latest, 2021–2025
    toggle = page.locator("#plan-switch .dropdown-toggle")
    assert "2021—2025" in toggle.inner_text()
    toggle.click()
    assert page.locator(f"#plan-{NEXT}").get_attribute("class").count("active") == 1
    page.locator(f"#plan-{SHIPPED}").click()
    page.wait_for_url(f"**/map?plan={SHIPPED}")
    wait_for_dash(page)
    assert query(page) == {"plan": SHIPPED}
    years = slider_years(page)
    assert years[0] == 2015 and years[-1] == 2020
    assert "2016—2020" in page.locator("#plan-switch .dropdown-toggle").inner_text()
    # Every navbar link stays on this plan.
    assert f"plan={SHIPPED}" in page.locator("#nav-overview").get_attribute("href")
    screenshot(page, request, "earlier-plan", full_page=False)


def test_a_trend_over_two_periods_keeps_every_other_year_on_a_phone(browser, plans_app_url, request):
    """2015–2025 is eleven year labels: a phone keeps six of them, the last year among them
    (assets/phone_charts.js); a desktop keeps all eleven."""
    from tests.browser.conftest import _watched_page
    from tests.support.browser import PHONES, PageWatch

    for size, options in (("desktop", {}), ("phone", PHONES["390x844"])):
        pages = _watched_page(browser, plans_app_url, PageWatch(plans_app_url), request, **options)
        page = next(pages)
        open_page(page, "/")
        page.locator("#ov-trend .js-plotly-plot").wait_for()
        ticks_js = "() => document.querySelector('#ov-trend .js-plotly-plot').layout.xaxis.tickvals"
        if size == "phone":
            page.wait_for_function(f"() => ({ticks_js})().length <= 7")
            ticks = page.evaluate(ticks_js)
            assert ticks[-1] == 2025 and len(ticks) >= 5, ticks
            screenshot(page, request, "two-periods-phone", full_page=False)
        else:
            assert page.evaluate(ticks_js) == list(range(2015, 2026))
        next(pages, None)  # closes the context and reports what the page did after
