"""Snapshots from the browser: copy link, embed code, and a report built as a background job."""

from __future__ import annotations

import re

import pytest

from tests.support.browser import open_page, screenshot, wait_for_dash

pytestmark = pytest.mark.browser


def test_copy_link_copies_the_views_url_and_embed_code_frames_it(page, request):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=page.app_url)
    open_page(page, "/map?indicator=T8-01&year=2018")
    page.click("#copy-link")
    page.wait_for_function("() => document.getElementById('copy-link-status').textContent.includes('已复制')")
    assert page.locator("#copy-link-status").get_attribute("aria-live") == "polite"
    url = page.url
    assert "indicator=T8-01" in url and "year=2018" in url
    assert page.evaluate("navigator.clipboard.readText()") == url
    assert page.input_value("#copy-link-input") == url  # the fallback field holds it too

    # An intranet host on plain http has no navigator.clipboard: the selected field and execCommand copy.
    page.evaluate(
        "() => { Object.defineProperty(window, 'isSecureContext', {value: false});"
        " navigator.clipboard.writeText('stale'); }"
    )
    page.wait_for_function("() => !document.getElementById('copy-link-status').textContent", timeout=10_000)
    page.click("#copy-link")
    page.wait_for_function("() => document.getElementById('copy-link-status').textContent.includes('已复制')")
    assert page.evaluate("navigator.clipboard.readText()") == url

    page.click("#embed-code")
    snippet = page.locator("#embed-snippet")
    snippet.wait_for(state="visible")
    code = snippet.input_value()
    assert code.startswith('<iframe src="' + page.app_url + "/map?") and "embed=1" in code
    assert "indicator=T8-01&amp;year=2018" in code and 'width="800" height="500"' in code
    page.click("#embed-copy")
    page.wait_for_function("() => document.getElementById('embed-copy-status').textContent.includes('已复制')")
    assert page.evaluate("navigator.clipboard.readText()") == code
    screenshot(page, request, "embed-code", full_page=False)


_BAR_AT_ITS_VALUE_JS = """() => {
    const bar = document.querySelector('#export-progress .progress-bar');
    const value = +bar.getAttribute('aria-valuenow'), track = bar.parentElement.getBoundingClientRect().width;
    return Math.abs(bar.getBoundingClientRect().width - track * value / 100) <= 1;
}"""


def _open_export_menu(page, fmt: str):
    page.click("#export-menu .dropdown-toggle")
    page.locator(f"#export-{fmt}").click()


def test_exporting_the_one_page_pdf_shows_progress_can_be_cancelled_and_downloads_the_file(page, request, tmp_path):
    open_page(page, "/?year=2019")
    # Every status line the panel shows, in order (progress polls are quick to overwrite each other).
    page.evaluate("""() => { window.__statuses = [];
        new MutationObserver(() => { const s = document.getElementById('export-status').textContent;
            if (s && window.__statuses[window.__statuses.length - 1] !== s) window.__statuses.push(s); })
        .observe(document.getElementById('export-status'), {childList: true, subtree: true, characterData: true}); }""")

    # A Word briefing, cancelled while it runs: the panel says so and offers no cancel any more.
    _open_export_menu(page, "docx")
    page.locator("#export-cancel").wait_for(state="visible", timeout=30_000)
    page.click("#export-cancel")
    page.locator("#export-cancelled").wait_for(timeout=15_000)
    assert page.locator("#export-cancel").is_hidden()

    with page.expect_download(timeout=240_000) as download_info:
        _open_export_menu(page, "pdf")
        page.locator("#export-title", has_text="一页 PDF 总览").wait_for()
        assert page.locator("#export-panel").is_visible()
        page.wait_for_function(
            "() => (bar => bar && +bar.getAttribute('aria-valuenow') > 2)"
            "(document.querySelector('#export-progress .progress-bar'))",
            timeout=120_000,
        )
        # Bootstrap eases the bar's width (.6 s): photograph it once it is drawn at its value.
        page.wait_for_function(_BAR_AT_ITS_VALUE_JS)
        screenshot(page, request, "progress", full_page=False)
    download = download_info.value
    assert download.suggested_filename == "overview-2019.pdf"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")

    page.locator("#export-done").wait_for(timeout=15_000)
    assert "overview-2019.pdf" in page.locator("#export-done").inner_text()
    statuses = page.evaluate("window.__statuses")
    assert any(re.search(r"正在生成… \d+/\d+ 张图|正在排版", s) for s in statuses), statuses
    assert statuses[-1] == "已生成"
    wait_for_dash(page)
    screenshot(page, request, "done", full_page=False)
    # The panel closes; the page is untouched and still works.
    page.click("#export-close")
    page.locator("#export-panel").wait_for(state="hidden", timeout=10_000)
    assert page.locator("#navbar").is_visible()


def test_the_english_navbar_keeps_every_tool_on_a_laptop_screen(page, request):
    page.set_viewport_size({"width": 1366, "height": 768})
    open_page(page, "/task/T3?lang=en")
    for id_ in ("#copy-link", "#embed-code", "#export-menu", "#lang-switch", "#nav-meeting"):
        assert page.locator(id_).is_visible(), id_
    assert page.locator("#copy-link").inner_text() == "Copy link"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the navbar pushes the page sideways by {overflow}px"
    page.click("#export-menu .dropdown-toggle")
    assert "T3" in page.locator("#export-menu .dropdown-header").inner_text()  # the task page exports its task
    screenshot(page, request, "en", full_page=False)
