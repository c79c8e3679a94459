"""填报进度 in a real browser (issue 15): an editor sees a district missing for T3 in 2020, sets a due date
that has passed (the district is marked overdue), downloads the district's missing-cells template with
the keyboard, fills it in, imports it; the cell turns complete and the overdue mark goes. With review
on (an app of its own, KEPU_REVIEW_IMPORTS=true), an imported value leaves the map alone until a
reviewer accepts it on this page.

The district is the plan's first unit, read from the plan file. Whatever a test imports is rolled
back and the due date cleared afterwards, so the other browser tests see the sample data they expect.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from data.plan import load_plan
from tests.browser.conftest import _watched_page, running_app
from tests.support.axe import assert_axe_clean
from tests.support.browser import PageWatch, kepu, log_in, open_page, screenshot, wait_for_dash
from tests.support.paths import ROOT
from tests.support.reporting import fill_template_file

pytestmark = pytest.mark.browser

PLAN = load_plan()
UNIT = PLAN.region.units[0]  # the district the test follows: named by the plan, never here
YEAR = 2020
PAST_DUE = "2021-03-31"
ROUND = f"/reporting?year={YEAR}"


def cell(page, unit: str, group: str):
    return page.locator(f'td[data-unit="{unit}"][data-group="{group}"]')


def app_batches(url: str) -> list[dict]:
    from data.importer import list_batches
    from data.store import make_engine

    engine = make_engine(url)
    try:
        return list_batches(engine, PLAN.code)
    finally:
        engine.dispose()


@pytest.fixture
def round_restored(app_url):
    """Imports of the test rolled back (newest first) and the due date cleared, even if it stops half-way."""
    from tests.support.browser import APP_DATABASE

    before = {b["id"] for b in app_batches(APP_DATABASE["url"])}
    yield
    for b in app_batches(APP_DATABASE["url"]):
        if b["id"] not in before and b["kind"] == "import" and b["status"] == "active":
            kepu("rollback", str(b["id"]))
    kepu("reporting", "due", "--year", str(YEAR), "--clear")


def upload_and_confirm(page, path) -> int:
    open_page(page, "/upload")
    page.set_input_files("#upload-file input[type=file]", str(path))
    page.locator("#upload-preview-body").wait_for()
    page.wait_for_function(
        "(name) => document.querySelector('#upload-file-info')?.innerText.includes(name)", arg=path.name
    )
    wait_for_dash(page)
    assert page.locator("#upload-status").get_attribute("data-status") == "ok"
    page.click("#upload-confirm")
    page.locator("#upload-done").wait_for()
    wait_for_dash(page)
    return int(page.locator("#upload-done").get_attribute("data-batch"))


def test_an_editor_chases_a_missing_district_with_its_template_and_the_overdue_mark_goes(
    page, request, tmp_path, app_users, round_restored
):
    log_in(page, "editor-b", app_users["editor-b"], ROUND)
    assert "/reporting" in page.url  # 2020 is the latest year with data: the URL leaves it out
    t3 = cell(page, UNIT.code, "T3")
    assert t3.get_attribute("data-state") == "missing"
    assert t3.get_attribute("data-reported") == "0"
    assert page.locator(f"#rep-overdue-{UNIT.code}").count() == 0  # no due date yet

    # The due date, typed and saved with the keyboard: it has passed, so the district is overdue.
    page.locator("#rep-due-input").fill(PAST_DUE)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "rep-due-save"
    page.keyboard.press("Enter")
    page.locator("#rep-due-done").wait_for()
    wait_for_dash(page)
    page.locator(f"#rep-overdue-{UNIT.code}").wait_for()
    assert page.locator("#rep-due-text").get_attribute("data-due") == PAST_DUE
    assert page.locator(f"#rep-row-{UNIT.code}").get_attribute("data-overdue") == "true"
    screenshot(page, request, "overdue")
    assert_axe_clean(page, "the round with a due date passed")

    # The district's missing-cells template, from its row, with the keyboard: its name in the file name.
    button = page.locator(f"#rep-row-{UNIT.code} button")
    button.focus()
    with page.expect_download() as got:
        page.keyboard.press("Enter")
    download = got.value
    assert UNIT.name in download.suggested_filename and str(YEAR) in download.suggested_filename
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    filled = fill_template_file(PLAN, path)
    assert filled == int(re.search(r"\d+", button.inner_text()).group())  # the button said how many

    batch = upload_and_confirm(page, path)
    assert batch > 0

    open_page(page, ROUND)
    t3 = cell(page, UNIT.code, "T3")
    assert t3.get_attribute("data-state") == "complete"
    assert t3.get_attribute("data-reported") == t3.get_attribute("data-expected")
    assert "editor-b" in t3.inner_text()
    assert page.locator(f"#rep-overdue-{UNIT.code}").count() == 0
    assert page.locator(f"#rep-row-{UNIT.code}").get_attribute("data-overdue") == "false"
    assert page.locator(f"#rep-row-{UNIT.code} button").count() == 0  # nothing left to send
    screenshot(page, request, "complete")
    assert_axe_clean(page, "the round after the import")


# -- review on ---------------------------------------------------------------------------------------

REVIEW_USERS = {"clerk": ("editor", "clerk-password-1"), "checker": ("reviewer", "checker-password-1")}
INDICATOR, MAP_YEAR, VALUE = "T1-02", 2018, 987


@pytest.fixture(scope="module")
def review_app():
    """The app with KEPU_REVIEW_IMPORTS=true on a store of its own, with an editor and a reviewer."""
    store: dict[str, str] = {}
    with running_app("kepu-review-", {"KEPU_REVIEW_IMPORTS": "true"}, on_store=lambda u: store.update(url=u)) as url:
        for name, (role, password) in REVIEW_USERS.items():
            res = subprocess.run(
                [sys.executable, "-m", "dashboard", "users", "create", name, "--role", role, "--password-stdin"],
                cwd=ROOT,
                env={**os.environ, "KEPU_DATABASE_URL": store["url"]},
                input=password + "\n",
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            assert res.returncode == 0, res.stdout + res.stderr
        yield url, store["url"]


@pytest.fixture
def review_page(browser, review_app, request):
    w = PageWatch(review_app[0])
    request.node._page_watch = w
    yield from _watched_page(browser, review_app[0], w, request)


def ranking_value(page, code: str):
    return page.evaluate(
        """(code) => {
        const trace = document.querySelector('#mx-ranking .js-plotly-plot')._fullData[0];
        const i = Array.from(trace.customdata).findIndex(c => c[0] === code);
        return i < 0 ? null : trace.x[i];
    }""",
        code,
    )


def test_with_review_on_an_import_changes_the_map_only_once_a_reviewer_accepts_it(
    review_page, review_app, request, tmp_path
):
    page = review_page
    map_url = f"/map?indicator={INDICATOR}&year={MAP_YEAR}&district={UNIT.code}"
    open_page(page, map_url)
    before = ranking_value(page, UNIT.code)
    assert before is not None and before != VALUE

    log_in(page, "clerk", REVIEW_USERS["clerk"][1], "/upload")
    path = tmp_path / "待审核.csv"
    path.write_text(f"指标代码,区县,年份,数值\n{INDICATOR},{UNIT.short},{MAP_YEAR},{VALUE}\n", encoding="utf-8")
    batch = upload_and_confirm(page, path)
    done = page.locator("#upload-done")
    assert done.get_attribute("data-pending") == "true" and "待审核" in done.inner_text()
    assert [b["status"] for b in app_batches(review_app[1]) if b["id"] == batch] == ["pending"]

    open_page(page, map_url)
    assert ranking_value(page, UNIT.code) == before, "a value awaiting review changed the map"

    # The editor sees it waiting on the reporting page, without the reviewer's buttons.
    open_page(page, f"/reporting?year={MAP_YEAR}")
    assert page.locator(f"#rep-batch-{batch}").is_visible()
    assert page.locator(f"#rep-batch-{batch} button").count() == 0
    group = PLAN.indicator_by_code[INDICATOR].task
    assert "待审核 1" in cell(page, UNIT.code, group).inner_text()

    page.click("#nav-user button")
    with page.expect_navigation():
        page.click("#logout-button")
    log_in(page, "checker", REVIEW_USERS["checker"][1], f"/reporting?year={MAP_YEAR}")
    card = page.locator(f"#rep-batch-{batch}")
    assert str(VALUE) in card.inner_text() and "clerk" in card.inner_text()
    screenshot(page, request, "awaiting-review")
    assert_axe_clean(page, "the round with a batch awaiting review")
    card.get_by_role("button", name="通过").click()
    page.locator("#rep-review-done").wait_for()
    wait_for_dash(page)
    assert f"#{batch}" in page.locator("#rep-review-done").inner_text()
    assert page.locator(f"#rep-batch-{batch}").count() == 0
    assert [b["reviewed_by"] for b in app_batches(review_app[1]) if b["id"] == batch] == ["checker"]

    open_page(page, map_url)
    page.wait_for_function(f"() => document.querySelector('#mx-district-card')?.innerText.includes('{VALUE}')")
    assert ranking_value(page, UNIT.code) == VALUE
    open_page(page, "/history")
    assert "checker" in page.locator(f"#hist-row-{batch}").inner_text()
