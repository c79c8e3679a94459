"""Published figures beside the city's own, in a real browser: the national figure on the overview's
headline card and the 全国 line in the goal's trend, in their own legend."""

from __future__ import annotations

import pytest

from dashboard.i18n import format_value, t
from data.reference import GOAL_MEASURE, NATIONAL_REGION, get_reference
from tests.support.browser import open_page, screenshot

pytestmark = pytest.mark.browser

REFERENCE = get_reference()
NATIONAL = REFERENCE.series_for(GOAL_MEASURE, NATIONAL_REGION)

# The drawn trace's data as plotly holds it in the page.
_TRACE_JS = """name => {
    const gd = document.querySelector('#ov-trend .js-plotly-plot');
    const tr = gd && gd.data.find(d => d.name === name);
    return tr ? {x: tr.x, y: tr.y, hover: tr.hovertext, legend: tr.legend} : null;
}"""


def test_overview_shows_the_national_figure_on_the_headline_and_a_china_line_in_the_trend(page, request):
    open_page(page, "/?year=2020")
    latest = max((v for v in NATIONAL.values if v.year <= 2020), key=lambda v: v.year)
    china = REFERENCE.region(NATIONAL_REGION).name.zh

    line = page.locator("#headline-national")
    assert line.is_visible()
    value = format_value(latest.value, NATIONAL.decimals, NATIONAL.unit, "zh")
    assert line.inner_text().strip() == t("ref_headline", "zh", region=china, year=latest.year, value=value)
    assert latest.source.publisher in line.get_attribute("title")
    assert line.locator("a").count() == 0  # the address is text: nothing on the page loads it

    # The trend's own legend for published figures names the 全国 line; its points are the file's.
    texts = page.locator("#ov-trend svg text").evaluate_all("els => els.map(e => e.textContent)")
    assert china in texts and t("ref_group_title", "zh") in texts, texts
    trace = page.evaluate(_TRACE_JS, china)
    assert trace is not None and trace["legend"] == "legend2"
    shown = {v.year: v.value for v in NATIONAL.values if 2015 <= v.year <= 2020}
    assert dict(zip(trace["x"], trace["y"], strict=True)) == shown
    assert all(NATIONAL.value_in(x).source.publisher in h for x, h in zip(trace["x"], trace["hover"], strict=True))

    page.locator("#ov-trend").scroll_into_view_if_needed()
    screenshot(page, request)
