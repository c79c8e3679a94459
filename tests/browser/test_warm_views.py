"""The background warming computes exactly what a browser's first visits ask (callbacks/warm.py).

The warming calls the cached callbacks with the values it reads from each page's layout; if they
differed in any way from what the renderer sends (a prop the renderer fills in, a URL left
untidied), every first visit would still compute. Here a browser opens every warmed page after one
warming pass, and no page-building callback computes anything.
"""

from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from callbacks.warm import Warmer, cached_callbacks, default_views
from dashboard.context import context_of
from tests.support.app import make_app
from tests.support.browser import wait_for_dash

pytestmark = pytest.mark.browser


def test_a_visit_after_the_warming_computes_nothing(browser, tmp_path):
    app = make_app(tmp_path, request_log=False, warm_seconds=0)
    context = context_of(app)
    assert Warmer(app, context, every=3600).pass_once() > 0
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN").new_page()
        for path, query in default_views(context.repo):
            page.goto(f"http://127.0.0.1:{server.server_port}{path}{query}")
            page.wait_for_function(
                "() => (document.querySelector('#page') || {childElementCount: 0}).childElementCount"
            )
            wait_for_dash(page)
        page.context.close()
    finally:
        server.shutdown()
    counts = {name: (entry.hits, entry.misses) for name, (entry, _) in cached_callbacks(app).items()}
    # The district page comes whole with its layout (warmed); its callback's first call only tidies
    # the URL and is keyed by what fired, so it is not warmed.
    computed = {name: misses for name, (hits, misses) in counts.items() if misses and name != "district"}
    assert not computed, f"computed in a visit although warmed: {computed} (hits, misses: {counts})"
    assert counts["page"][0] >= len(default_views(context.repo))
    # The overview and the map come with their charts in the page: their own callbacks are not called
    # on a first visit at all (they answer the controls; the warming computes every year for them).
    assert counts["overview"] == (0, 0) and counts["map"] == (0, 0), counts
