"""导入 Import in a real browser: an editor logs in, uploads, previews, confirms, sees the map change and
rolls back; a viewer cannot import, not even by posting the callback from the browser.

Accounts are made with the command line against the app's store (``app_users``). The import is
rolled back by the test itself, and by the fixture if the test stops half-way, so the other
browser tests see the sample data they expect.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.support.axe import assert_axe_clean
from tests.support.browser import APP_DATABASE, kepu, log_in, open_page, screenshot, wait_for_dash

pytestmark = pytest.mark.browser

INDICATOR, DISTRICT, YEAR, VALUE = "T1-02", "230102", 2018, 987  # 道里区: far above any sample value
GOOD_CSV = f"指标代码,区县,年份,数值,来源\n{INDICATOR},道里,{YEAR},{VALUE},区科协\n"
BAD_CSV = "指标代码,区县,年份,数值\nT1-02,松花江区,2018,5\nT1-02,道里区,2021,5\nT1-02,南岗区,2018,约300\n"
MAP = f"/map?indicator={INDICATOR}&year={YEAR}&district={DISTRICT}"


def batches() -> list[dict]:
    """The app's import batches, read from its store (quicker than starting the command line)."""
    from data.importer import list_batches
    from data.store import make_engine

    engine = make_engine(APP_DATABASE["url"])
    try:
        return list_batches(engine, "harbin-2016-2020")  # the shipped plan, the app's only one
    finally:
        engine.dispose()


@pytest.fixture
def imports_undone():
    """Whatever a test imported is rolled back afterwards, newest first."""
    before = {b["id"] for b in batches()}
    yield
    for b in batches():
        if b["id"] not in before and b["kind"] == "import" and b["status"] == "active":
            kepu("rollback", str(b["id"]))


def ranking_value(page, code: str):
    """The bar of a district in the ranking next to the map (what the user reads there)."""
    return page.evaluate(
        """(code) => {
        const gd = document.querySelector('#mx-ranking .js-plotly-plot');
        const trace = gd._fullData[0];
        const i = Array.from(trace.customdata).findIndex(c => c[0] === code);
        return i < 0 ? null : trace.x[i];
    }""",
        code,
    )


def upload(page, tmp_path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.set_input_files("#upload-file input[type=file]", str(path))
    page.locator("#upload-preview-body").wait_for()
    page.wait_for_function(f"() => document.querySelector('#upload-file-info')?.innerText.includes('{name}')")
    wait_for_dash(page)


def test_an_editor_imports_sees_the_map_change_and_rolls_back(page, request, tmp_path, app_users, imports_undone):
    open_page(page, MAP)
    before = ranking_value(page, DISTRICT)
    assert before is not None and before != VALUE
    before_panel = page.locator("#mx-district-card").inner_text()

    log_in(page, "editor-b", app_users["editor-b"], "/upload")
    assert page.url.endswith("/upload")
    assert page.locator("#nav-user").inner_text().strip() == "editor-b"
    assert page.locator("#upload-account").inner_text().startswith("导入人:editor-b")

    # A file with mistakes: every one listed with its row, column and cell; nothing can be confirmed.
    upload(page, tmp_path, "有错误.csv", BAD_CSV)
    assert page.locator("#upload-status").get_attribute("data-status") == "refused"
    problems = page.locator("#upload-problems tbody tr")
    assert problems.count() >= 3
    text = page.locator("#upload-problems").inner_text()
    for expected in ("未知区县「松花江区」", "年份 2021 不在规划期内", "「约300」不是数字", "B2", "C3", "D4"):
        assert expected in text
    assert page.locator("#upload-confirm").is_disabled()
    screenshot(page, request, "errors")
    assert_axe_clean(page)

    # A good file: one changed value, old → new, then confirm.
    upload(page, tmp_path, "道里区2018.csv", GOOD_CSV)
    assert page.locator("#upload-status").get_attribute("data-status") == "ok"
    assert page.locator("#upload-count-changed").inner_text().startswith("1")
    change = page.locator("#upload-changes tbody tr").first.inner_text()
    assert "道里区" in change and str(VALUE) in change and "(示例)" in change
    assert page.locator("#upload-confirm").is_enabled()
    screenshot(page, request, "preview")
    assert_axe_clean(page)

    page.click("#upload-confirm")
    page.locator("#upload-done").wait_for()
    wait_for_dash(page)
    batch = int(page.locator("#upload-done").get_attribute("data-batch"))
    assert f"批次 #{batch}" in page.locator("#upload-done").inner_text()
    assert page.locator("#upload-confirm").is_disabled(), "one confirm, one batch"
    assert [(b["created_by"], b["filename"]) for b in batches() if b["id"] == batch] == [("editor-b", "道里区2018.csv")]

    # The map shows it at once: the link goes to this indicator, year and district.
    page.click("#upload-map-link")
    page.wait_for_url(re.compile(r"/map\?"))
    wait_for_dash(page)
    page.wait_for_function(f"() => document.querySelector('#mx-district-card')?.innerText.includes('{VALUE}')")
    assert ranking_value(page, DISTRICT) == VALUE
    assert "区科协" in page.locator("#mx-district-card").inner_text()  # the source typed in the file
    screenshot(page, request, "map")

    # Roll it back from the history page, with a confirmation.
    open_page(page, "/history")
    row = page.locator(f"#hist-row-{batch}")
    assert "道里区2018.csv" in row.inner_text() and "editor-b" in row.inner_text()
    row.get_by_role("button").click()
    page.locator("#hist-modal").get_by_text(f"#{batch}").first.wait_for()
    screenshot(page, request, "confirm-rollback", full_page=False)
    page.click("#hist-confirm")
    page.locator("#hist-result").wait_for()
    wait_for_dash(page)
    assert f"批次 #{batch} 已回滚" in page.locator("#hist-result").inner_text()
    assert "已回滚" in page.locator(f"#hist-row-{batch}").inner_text()
    assert page.locator(f"#hist-row-{batch} button").count() == 0
    assert_axe_clean(page)
    screenshot(page, request, "history")

    open_page(page, MAP)
    assert ranking_value(page, DISTRICT) == before
    assert page.locator("#mx-district-card").inner_text() == before_panel

    # Log out from the account menu.
    page.click("#nav-user button")
    with page.expect_navigation():
        page.click("#logout-button")
    wait_for_dash(page)
    assert page.locator("#nav-login").is_visible()


def test_a_viewer_cannot_import_even_by_calling_the_endpoint(page, request, app_users, imports_undone):
    before = batches()
    open_page(page, "/upload")
    assert page.locator("#upload-need-editor").is_visible() and page.locator("#upload-file").count() == 0

    log_in(page, "viewer-b", app_users["viewer-b"], "/upload")
    assert "导入数据需要编辑账号" in page.locator("#upload-need-editor").inner_text()
    assert page.locator("#upload-file").count() == 0 and page.locator("#upload-confirm").count() == 0
    screenshot(page, request, "viewer")

    # What a viewer could post with the page's own cookie: the preview and the confirm callbacks.
    answers = page.evaluate(
        """async (csv) => {
        const deps = await (await fetch('/_dash-dependencies')).json();
        const contents = 'data:text/csv;base64,' + btoa(unescape(encodeURIComponent(csv)));
        const values = {'upload-file.contents': contents, 'upload-file.filename': 'x.csv',
                        'upload-token.data': {token: 'forged'}, 'upload-lang.data': 'zh',
                        'upload-confirm.n_clicks': 1};
        const call = async (marker) => {
            const dep = deps.find(d => d.output.includes(marker));
            const item = s => ({id: s.id, property: s.property, value: values[s.id + '.' + s.property]});
            const outputs = dep.output.replace(/^\\.\\.|\\.\\.$/g, '').split('...').map(o => {
                const [id, prop] = o.split('.'); return {id, property: prop.split('@')[0]}; });
            const body = {output: dep.output, outputs: dep.output.startsWith('..') ? outputs : outputs[0],
                          inputs: dep.inputs.map(item), state: dep.state.map(item),
                          changedPropIds: dep.inputs.map(s => s.id + '.' + s.property)};
            const r = await fetch('/_dash-update-component', {method: 'POST',
                headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
            return {status: r.status, text: await r.text()};
        };
        return {preview: await call('upload-token.data'), confirm: await call('upload-confirm.disabled@')};
    }""",
        GOOD_CSV,
    )
    for name, answer in answers.items():
        assert answer["status"] == 200, (name, answer)
        text = json.dumps(json.loads(answer["text"]), ensure_ascii=False)
        assert "无权限" in text and "viewer-b" in text, (name, text[:300])
    assert batches() == before, "a viewer's post changed the store"
