"""Printing a page: no navigation chrome, charts within the paper's width, and the as-of year and the
data status on every sheet (the @page top margin, filled by assets/a11y.js)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.support.browser import open_page, screenshot, wait_for_graphs_resized

pytestmark = pytest.mark.browser

A4 = {"width": 794, "height": 1123}  # CSS px at 96 dpi
A4_CONTENT_WIDTH = 794 - 76  # less the 10 mm left and right @page margins of app.css


def print_line(page) -> str:
    return page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--kepu-print-line')")


@pytest.mark.parametrize("path", ["/", "/task/T3"], ids=["overview", "task-T3"])
def test_printed_page_has_no_navigation_and_says_as_of_year_and_sample_data(page, request, path, tmp_path):
    open_page(page, path)
    line = print_line(page)
    assert "数据截至" in line and "示例数据" in line, f"print margin line: {line!r}"

    # What the printer gets: print styles at the paper's width, and the browser's beforeprint event.
    page.emulate_media(media="print")
    page.set_viewport_size(A4)
    wait_for_graphs_resized(page)  # responsive charts redraw for the narrower page
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    wait_for_graphs_resized(page)  # and again at the width assets/a11y.js gives them for paper

    assert not page.locator("#navbar").is_visible(), "the navigation bar is printed"
    assert not page.locator("#lang-switch").is_visible()
    assert page.locator("#sample-banner").is_visible(), "the sample-data label is not printed"
    assert "示例数据" in page.locator("#sample-banner").inner_text()
    assert page.locator("#as-of").is_visible(), "the as-of year is not printed"
    assert page.locator(".modebar-container:visible, button:not(.dash-dropdown):visible").count() == 0, (
        "chart and page buttons printed"
    )
    # Emulation has no @page margins: the drawn charts (their SVG) must fit the paper's content width.
    too_wide = page.evaluate(
        """(limit) => Array.from(document.querySelectorAll('.js-plotly-plot .main-svg'))
        .filter(svg => svg.getBoundingClientRect().width > limit)
        .map(svg => svg.closest('.dash-graph').id + ': ' + svg.getBoundingClientRect().width)""",
        A4_CONTENT_WIDTH,
    )
    assert too_wide == [], f"charts wider than the paper: {too_wide}"
    screenshot(page, request, "print")

    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    if shutil.which("pdftotext"):  # poppler-utils: read the sheets back
        path_pdf = tmp_path / "page.pdf"
        path_pdf.write_bytes(pdf)
        text = subprocess.run(
            ["pdftotext", "-layout", str(path_pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        sheets = [s for s in text.split("\f") if s.strip()]
        assert sheets
        missing = [i + 1 for i, s in enumerate(sheets) if "数据截至" not in s or "示例数据" not in s]
        assert missing == [], f"sheets without the as-of year and the sample label: {missing} of {len(sheets)}"
        assert "English" not in text, "the navigation bar (its language switch) is printed"

    # After printing the charts go back to the screen's width.
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")


def test_printed_english_page_says_it_in_english(page):
    open_page(page, "/task/T3?lang=en")
    line = print_line(page)
    assert "Data as of" in line and "SAMPLE DATA" in line, line
