"""Embed mode: a view's one chart in an <iframe> on another page, at a typical frame size."""

from __future__ import annotations

import pytest

from tests.support.browser import SCREENSHOTS, wait_for_dash, wait_for_graphs_resized

pytestmark = pytest.mark.browser

FRAME = {"width": 800, "height": 500}


def _framing(page, watch, host, src: str) -> None:
    """Open ``host``'s page holding an <iframe> of ``src``, as an intranet page embedding a chart would."""
    watch.other_hosts.add(host.origin.split("://", 1)[1])
    host.html = (
        f'<!doctype html><body style="margin:20px"><iframe src="{src}" width="{FRAME["width"]}" '
        f'height="{FRAME["height"]}" style="border:0;display:block" title="embed"></iframe></body>'
    )
    page.goto(host.origin + "/portal.html")


def test_an_embedded_map_is_one_chart_filling_its_iframe_with_title_source_and_sample_label(
    page, watch, embed_host, request
):
    # The host page is an intranet page on another origin, named in KEPU_EMBED_ORIGINS (tests/browser/conftest.py).
    page.set_viewport_size({"width": FRAME["width"] + 40, "height": FRAME["height"] + 40})
    _framing(page, watch, embed_host, page.app_url + "/map?indicator=T8-01&year=2019&embed=1")
    frame = page.wait_for_selector("iframe").content_frame()
    assert frame is not None, "the iframe did not load the app (is framing refused?)"
    frame.wait_for_selector("#embed-graph .main-svg", timeout=60_000)
    wait_for_dash(frame)

    assert frame.locator("#navbar").count() == 0, "an embed has no navigation bar"
    assert frame.locator("#sample-banner").count() == 0, "the sample label is inside the figure, not a banner"
    assert frame.locator(".js-plotly-plot").count() == 1, "an embed shows exactly one chart"
    assert frame.locator(".Select, .dash-dropdown, input[type=radio]").count() == 0, "an embed has no filters"
    box = frame.locator("#embed-graph .main-svg").first.bounding_box()
    assert abs(box["width"] - FRAME["width"]) <= 2 and abs(box["height"] - FRAME["height"]) <= 2, box
    scroll = frame.evaluate(
        "[document.documentElement.scrollWidth - innerWidth, document.documentElement.scrollHeight - innerHeight]"
    )
    assert max(scroll) <= 1, f"the embed scrolls: {scroll}"
    text = frame.locator("#embed-graph").inner_text()
    for part in ("2019", "来源", "数据截至 2019 年", "示例数据", "单位"):
        assert part in text, f"{part!r} missing from the embedded chart"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    frame.locator("#embed-page").screenshot(path=str(SCREENSHOTS / f"{request.node.name}-800x500.png"))

    # The frame resized (a responsive host page): the chart follows without a reload.
    page.evaluate("document.querySelector('iframe').style.height = '360px'")
    wait_for_graphs_resized(frame)  # drawn at its box's size again, whatever that box now is
    assert abs(frame.locator("#embed-graph .main-svg").first.bounding_box()["height"] - 360) <= 2


def test_a_site_not_named_in_the_embed_origins_cannot_frame_the_app(page, watch, foreign_host):
    watch.expected.append("frame-ancestors")  # the refusal Chromium reports is the point of the test
    src = page.app_url + "/map?indicator=T8-01&year=2019&embed=1"
    with page.expect_console_message(lambda m: "frame-ancestors" in m.text, timeout=30_000) as refusal:
        _framing(page, watch, foreign_host, src)
    assert "Content Security Policy" in refusal.value.text
    assert all(f.locator("#embed-graph").count() == 0 for f in page.frames)
