"""How a report's charts are drawn (dashboard/reports/images.py, issue 16): plotly.js loaded once
per tab, charts handed over while the next figures are built, images kept in the shared cache, and
one data version per report.  Timings are in benchmarks/report_build.py, never here."""

from __future__ import annotations

import os

import pytest

from dashboard.cache import DiskCache
from dashboard.reports import ImageSession, chromium_available, map_request, trend_request
from dashboard.reports.common import collect
from dashboard.reports.export_figures import ImageRequest

YEAR = 2019
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def browser_ok():
    if not chromium_available():
        reason = "Chromium (Debian's chromium) or kaleido is missing: run scripts/install-system-deps.sh"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def small(req: ImageRequest) -> ImageRequest:
    """The same chart at scale 1: these tests count renders, they do not look at pixels."""
    return ImageRequest(req.name, req.figure, req.width, req.height, 1, req.geojson)


@pytest.fixture(scope="module")
def charts(report_repo):
    reqs = []
    for code in ("T1-01", "T3-01", "T8-01"):
        reqs += [small(map_request(report_repo, code, YEAR)), small(trend_request(report_repo, code, YEAR))]
    return reqs


@pytest.mark.browser
def test_a_tab_keeps_its_page_between_images_and_draws_each_image_once(browser_ok, charts):
    with ImageSession() as images:
        first = images.render(charts)
        again = images.render(charts[:2])
        assert images.rendered == len(charts)  # the second call drew nothing
        assert images.reloads == 0  # plotly.js was loaded once, not once per image
    assert set(first) == {r.name for r in charts}
    assert all(data.startswith(PNG) for data in first.values())
    assert again == {r.name: first[r.name] for r in charts[:2]}


@pytest.mark.browser
def test_charts_submitted_ahead_are_drawn_once_and_in_order(browser_ok, charts):
    steps = []
    with ImageSession() as images:
        images.submit(charts[:4])
        out = images.render(charts, progress=lambda *step: steps.append(step))
        assert images.rendered == len(charts)
    assert set(out) == {r.name for r in charts}
    assert [(done, total) for done, total, _ in steps] == [(i, len(charts)) for i in range(1, len(charts) + 1)]


@pytest.mark.browser
def test_a_failed_render_loads_its_page_again_and_the_next_image_is_drawn(browser_ok, charts):
    broken = ImageRequest("broken.png", {"data": "not a list", "layout": {}}, scale=1)  # refused by the page
    with ImageSession() as images:
        with pytest.raises(Exception, match="non-array figure data"):  # kaleido's error types are private
            images.render([broken])
        assert images.reloads == 1
        assert images.render(charts[:1])[charts[0].name].startswith(PNG)


@pytest.mark.browser
def test_images_drawn_before_come_from_the_store_without_a_browser(browser_ok, charts, tmp_path):
    store = DiskCache(tmp_path / "cache")
    with ImageSession(store=store) as first:
        drawn = first.render(charts[:2])
    later = ImageSession(store=store).check()
    try:
        assert later.render(charts[:2]) == drawn
        assert later.rendered == 0 and later.stored == 2
        assert not later.is_open  # no Chromium started for images the store had
    finally:
        later.close()
    # Another size is another image.
    bigger = ImageRequest(charts[1].name, charts[1].figure, charts[1].width + 10, charts[1].height, 1)
    with ImageSession(store=store) as third:
        third.render([bigger])
        assert third.rendered == 1


def test_a_report_reads_one_data_version_asked_once(report_repo, monkeypatch):
    asked = []
    real = type(report_repo)._query_version

    def counting(self):
        asked.append(1)
        return real(self)

    monkeypatch.setattr(type(report_repo), "_query_version", counting)
    handed = []
    facts = collect(report_repo, YEAR, tasks="T1,T3", on_images=handed.append)
    assert len(asked) == 1
    # Each task's map and trend are handed over as soon as they are built, in the report's order.
    assert [[r.name for r in pair] for pair in handed] == [[tf.map.name, tf.trend.name] for tf in facts.tasks]
