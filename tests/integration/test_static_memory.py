"""Scripts, stylesheets and the world topojson answered from memory, compressed once (dashboard/static.py)."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest

from dashboard.static import StaticBody, asset_scripts, preload, topojson_url
from tests.support.app import make_app


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("static")).server


def _linked(server) -> list[str]:
    html = server.test_client().get("/").get_data(as_text=True)
    links = r'(?:src|href)="(/(?:assets|assets-bundle|_dash-component-suites)/[^"]+)"'
    return [u.replace("&amp;", "&") for u in re.findall(links, html)]


def test_a_versioned_asset_is_compressed_once_and_then_answered_from_memory(server):
    client = server.test_client()
    url = next(u for u in _linked(server) if u.startswith("/assets/") and "?m=" in u)
    with client.get(url, headers={"Accept-Encoding": "identity"}) as plain:
        raw = plain.get_data()
    store = server.extensions["kepu_static"]
    kept = store.get(url)
    assert kept is not None and kept.bodies[""] == raw
    first = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert first.headers["Content-Encoding"] == "br" and brotli.decompress(first.data) == raw
    assert first.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert first.headers["Vary"] == "Accept-Encoding"
    packed = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip" and gzip.decompress(packed.data) == raw
    assert store.get(url) is kept  # the same bodies: nothing compressed again
    # revalidation by either coding's ETag, as flask-compress labelled them ("<tag>:br")
    for tag in (first.headers["ETag"], packed.headers["ETag"]):
        again = client.get(url, headers={"If-None-Match": tag, "Accept-Encoding": "br"})
        assert again.status_code == 304 and not again.data
    # the security headers still go out with a file from memory
    assert first.headers["X-Content-Type-Options"] == "nosniff"


def test_every_linked_file_plotly_js_and_the_topojson_are_kept_and_serve_their_bytes(server):
    client = server.test_client()
    urls = [*_linked(server), "/_dash-component-suites/plotly/package_data/plotly.min.js"]
    urls.append(topojson_url() + "world_110m.json")
    for url in urls:
        with client.get(url, headers={"Accept-Encoding": "identity"}) as resp:
            assert resp.status_code == 200, url
            raw = resp.get_data()
        kept = server.extensions["kepu_static"].get(url)
        assert kept is not None and kept.bodies[""] == raw, url
        served = client.get(url, headers={"Accept-Encoding": "br"})
        body = brotli.decompress(served.data) if served.headers.get("Content-Encoding") == "br" else served.data
        assert body == raw, url


def test_plotly_js_from_memory_is_still_revalidated_not_kept_for_a_year(server):
    client = server.test_client()
    url = "/_dash-component-suites/plotly/package_data/plotly.min.js"
    client.get(url)
    resp = client.get(url, headers={"Accept-Encoding": "br"})
    assert resp.headers["Cache-Control"] == "no-cache"
    assert client.get(url, headers={"If-None-Match": resp.headers["ETag"]}).status_code == 304


def test_unversioned_assets_and_missing_files_are_not_kept(server):
    client = server.test_client()
    with client.get("/assets/app.css") as resp:
        assert resp.status_code == 200
    assert client.get("/assets/nowhere.css?m=1").status_code == 404
    store = server.extensions["kepu_static"]
    assert store.get("/assets/app.css") is None and store.get("/assets/nowhere.css?m=1") is None


def test_preload_keeps_the_first_visits_files_before_any_browser_asks(tmp_path):
    server = make_app(tmp_path).server
    assert not server.extensions["kepu_static"].files
    kept = preload(server)
    plotly_js = "/_dash-component-suites/plotly/package_data/plotly.min.js"  # preloaded by the overview's page
    assert kept >= len(set(_linked(server)) | {plotly_js}) + 1  # and the world topojson
    assert server.extensions["kepu_static"].get(plotly_js)


def test_a_browser_refusing_brotli_gets_gzip_and_one_refusing_both_the_file_itself():
    body = StaticBody.of(b"x" * 2000, "text/css", "no-cache")
    assert body.coding_for("gzip, deflate, br, zstd") == "br"
    assert body.coding_for("gzip, br;q=0") == "gzip"
    assert body.coding_for("identity") == ""
    assert body.coding_for("*") == "br"
    assert StaticBody.of(b"tiny", "text/css", "no-cache").coding_for("br") == ""


def test_the_apps_scripts_are_one_cached_file_in_dashs_order(server):
    linked = _linked(server)
    assert not [u for u in linked if u.startswith("/assets/") and ".js" in u], "assets/*.js linked one by one"
    bundles = [u for u in linked if u.startswith("/assets-bundle/")]
    assert len(bundles) == 1
    client = server.test_client()
    resp = client.get(bundles[0], headers={"Accept-Encoding": "identity"})
    assert resp.status_code == 200 and resp.mimetype == "application/javascript"
    assert resp.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    body = resp.get_data(as_text=True)
    names = [p.name for p in asset_scripts()]
    assert len(names) >= 10 and names == sorted(names)
    where = [body.index(f"/* assets/{name} */") for name in names]
    assert where == sorted(where), "not in Dash's order"
    for path in asset_scripts():
        assert path.read_text(encoding="utf-8").strip() in body, path.name
    # after React, before the component libraries and the renderer, as the assets were
    html = client.get("/").get_data(as_text=True)
    assert html.index("react-dom@") < html.index(bundles[0]) < html.index("dash_renderer")
    assert client.get("/assets-bundle/0123456789ab.js").status_code == 404  # an old release's


def test_under_a_url_prefix_the_preloads_and_the_scripts_bundle_carry_it(tmp_path, monkeypatch):
    monkeypatch.setenv("DASH_URL_BASE_PATHNAME", "/kepu/")  # Dash's own setting, read as the app is made
    client = make_app(tmp_path).server.test_client()
    html = client.get("/kepu/map").get_data(as_text=True)
    assert re.findall(r'<link rel="preload" href="([^"]+)"', html) == [
        "/kepu/_dash-layout",
        "/kepu/_dash-dependencies",
        "/kepu/_dash-component-suites/dash/dcc/async-graph.js",
        "/kepu/_dash-component-suites/plotly/package_data/plotly.min.js",
    ]
    bundle = re.search(r'src="(/kepu/assets-bundle/[0-9a-f]+\.js)"', html)
    assert bundle and client.get(bundle.group(1)).status_code == 200
    data_page = client.get("/kepu/data").get_data(as_text=True)  # no charts: no plotly.js preloaded
    assert "plotly.min.js" not in " ".join(re.findall(r'<link rel="preload"[^>]*>', data_page))
