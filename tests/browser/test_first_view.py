"""The first view comes with the layout (callbacks/routing.py first_view), and without a Referer the
routing callbacks still draw the page."""

from __future__ import annotations

import json

import pytest

from tests.support.browser import open_page, wait_for_dash

pytestmark = pytest.mark.browser


def _recorder(asked: list):
    """A request handler that keeps each request (Playwright takes a Python function, not a bound builtin)."""

    def record(request) -> None:
        asked.append(request)

    return record


def _outputs(requests) -> list[str]:
    return [json.loads(r.post_data)["output"] for r in requests if "_dash-update-component" in r.url]


def test_a_first_visit_draws_the_map_page_without_a_callback(page):
    asked = []
    page.on("request", _recorder(asked))
    open_page(page, "/map?year=2018")
    assert page.locator("#mx-map path.choroplethlocation").count() >= 18
    assert "2018" in page.locator("#mx-map .gtitle").text_content()
    assert page.locator("#mx-ranking .main-svg").count() and page.locator("#mx-trend path.js-line").count()
    assert page.locator("#mx-table tbody tr").count() == 18  # the table under the map, from its data
    assert _outputs(asked) == [], "the page, its navbar and its charts come with the layout"


def test_a_first_visit_draws_the_task_page_without_a_callback(page):
    asked = []
    page.on("request", _recorder(asked))
    open_page(page, "/task/T3?year=2018")
    assert page.locator("#tk-map path.choroplethlocation").count() >= 18
    assert "2018" in page.locator("#tk-map .gtitle").text_content()
    assert page.locator("#tk-ranking .main-svg").count() and page.locator("#tk-trend path.js-line").count()
    assert page.locator("#tk-district-table tbody tr").count() == 18
    assert _outputs(asked) == [], "the task page's charts come with the layout"
    assert page.url.endswith("/task/T3?year=2018")


def test_a_district_profile_with_default_values_in_its_address_is_tidied_without_a_callback(page):
    # The profile always came with the layout; its first callback only tidied the URL. The page's
    # query store does that now (callbacks/query.py).
    asked = []
    page.on("request", _recorder(asked))
    open_page(page, "/district/230102?year=2020&task=nonsense")
    page.wait_for_function("() => !location.search.includes('task=')")
    assert page.locator("#dp-header").inner_text().strip()
    # (the navbar follows the tidied address: chrome.children)
    assert not [o for o in _outputs(asked) if "dp-" in o], "the profile comes with the layout"
    assert "year=" not in page.url  # 2020 is the default year: not written


def test_a_first_visit_draws_the_departments_matrix_without_a_callback(page):
    asked = []
    page.on("request", _recorder(asked))
    open_page(page, "/departments?year=2018&department=kexie")
    assert "2018" in page.locator("#dep-header").inner_text()
    assert page.locator("#dep-matrix .main-svg").count() and page.locator("#dep-matrix .heatmaplayer image").count()
    assert page.locator("#dep-panel").inner_text().strip()  # the chosen department's panel
    assert not [o for o in _outputs(asked) if "dep-" in o], "the matrix comes with the layout"
    assert page.url.endswith("/departments?year=2018&department=kexie")


def test_without_a_referer_the_routing_callbacks_draw_the_page(page):
    def without_referer(route):  # fetched by Playwright itself: the browser would put the Referer back
        headers = {k: v for k, v in route.request.headers.items() if k.lower() != "referer"}
        route.fulfill(response=route.fetch(headers=headers))

    page.route("**/_dash-layout", without_referer)
    asked = []
    page.on("request", _recorder(asked))
    open_page(page, "/map?year=2018")
    wait_for_dash(page)
    assert "2018" in page.locator("#mx-map .gtitle").text_content()
    assert page.locator("#mx-map path.choroplethlocation").count() >= 18
    assert page.locator("#navbar").is_visible()
    outputs = _outputs(asked)
    assert "page.children" in outputs and "chrome.children" in outputs


# Records, at every animation frame, the first time each chart of the page has its marks in the page:
# the map's district shapes, the ranking's bars, the trend's line.
_DRAWN_AT = """
window.__drawnAt = {};
(function frame() {
    const marks = {'#mx-map': 'path.choroplethlocation', '#mx-ranking': 'g.point path',
                   '#mx-trend': 'path.js-line', '#ov-map': 'path.choroplethlocation', '#ov-trend': 'path.js-line'};
    for (const [chart, mark] of Object.entries(marks)) {
        if (!(chart in window.__drawnAt) && document.querySelector(chart + ' ' + mark)) {
            window.__drawnAt[chart] = performance.now();
        }
    }
    requestAnimationFrame(frame);
})();
"""


@pytest.mark.parametrize(
    ("path", "first", "after"),
    [("/map", "#mx-map", ["#mx-ranking", "#mx-trend"]), ("/", "#ov-map", ["#ov-trend"])],
)
def test_the_map_is_painted_before_the_other_charts_of_its_page(page, path, first, after):
    # assets/chart_order.js: the other charts wait for the map. Without it they were drawn in the same
    # task before the map, whose boundaries are read only after that task.
    page.add_init_script(_DRAWN_AT)
    open_page(page, path)
    wait_for_dash(page)
    drawn = page.evaluate("window.__drawnAt")
    assert set(drawn) >= {first, *after}, drawn  # every chart is drawn in the end
    for chart in after:
        assert drawn[first] < drawn[chart], drawn


def test_what_the_renderer_asks_for_later_is_preloaded_and_asked_for_once(page):
    # dashboard/app.py preloads the layout, the callback graph and, on a page with charts, dcc.Graph's
    # code and plotly.js from the page's <head>; were the renderer's and dcc.Graph's own requests not
    # answered by the preloads, each would be asked for twice.
    asked = []
    page.on("request", _recorder(asked))
    open_page(page, "/map")
    wanted = ("/_dash-layout", "/_dash-dependencies", "/dcc/async-graph.js", "/plotly/package_data/plotly.min.js")
    for end in wanted:
        assert len([r for r in asked if r.url.split("?")[0].endswith(end)]) == 1, (end, [r.url for r in asked])
    head = page.evaluate("[...document.head.querySelectorAll('link[rel=preload]')].map(l => l.getAttribute('href'))")
    assert [h for h in head if h.endswith(wanted)] == head and len(head) == 4, head


def test_a_page_without_charts_does_not_preload_plotly(page):
    open_page(page, "/data")
    head = page.evaluate("[...document.head.querySelectorAll('link[rel=preload]')].map(l => l.getAttribute('href'))")
    assert head == ["/_dash-layout", "/_dash-dependencies"]
