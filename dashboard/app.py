"""The app factory: nothing is registered at import time.

``create_app`` builds a Dash app around the deployment's plans (one
Repository each: store + plan + shapes; dashboard/plans.py), registers the
callbacks on that app only (``app.callback``, never the global
``dash.callback``), and serves the boundaries as a static, cacheable
GeoJSON file so that maps can reuse them without a callback resending them.
"""

from __future__ import annotations

from pathlib import Path

import dash
from flask import Response, abort, g, request

from dashboard.i18n import DEFAULT_LANG, app_title
from dashboard.plans import PlanSet
from dashboard.repository import Repository
from dashboard.settings import ROOT, Settings
from dashboard.static import ASSETS_SCRIPTS

ASSETS = ROOT / "assets"


def create_app(
    settings: Settings | None = None, repository: Repository | None = None, plans: PlanSet | None = None
) -> dash.Dash:
    """``repository``: serve that one plan; ``plans``: that set; neither: the plans of ``settings``."""
    settings = settings or Settings.from_env()
    if plans is None:
        plans = PlanSet.single(repository) if repository is not None else PlanSet.from_settings(settings)
    repo = plans.default
    from dashboard.errors import on_callback_error
    from dashboard.jobs import make_manager  # report exports: a subprocess, or Celery on Redis

    jobs = make_manager(settings)
    app = dash.Dash(
        __name__,
        background_callback_manager=jobs,
        on_error=on_callback_error,  # log with an id, answer a plain message (dashboard/errors.py)
        title=app_title(repo.plan.region.name.get(DEFAULT_LANG), DEFAULT_LANG),
        assets_folder=str(ASSETS),
        serve_locally=True,  # every script from this host, never a CDN
        suppress_callback_exceptions=True,  # pages mount their controls later
        update_title=None,  # type: ignore[arg-type]  # documented: None keeps the tab's title; annotated str
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        # Outside debug mode the app's scripts are one file (dashboard/static.py assets_bundle).
        assets_ignore="" if settings.debug else ASSETS_SCRIPTS,
    )
    app.index_string = _INDEX.replace("{%lang%}", "zh-CN")
    _preload_per_page(app)
    # Larger bodies are answered 413 unread (dashboard/errors.py); room for the largest upload.
    app.server.config["MAX_CONTENT_LENGTH"] = settings.request_limit()

    from layouts.shell import shell

    app.layout = shell()
    _serve_geojson(app, plans)
    _serve_topojson(app)
    _serve_plotly(app)
    if not settings.debug:
        _serve_assets_bundle(app)
    _pin_data_version_per_request(app, repo)
    from dashboard.auth import init_app as init_auth  # login session, /auth routes, KEPU_REQUIRE_LOGIN

    viewer = init_auth(app, repo, settings)
    from dashboard import observability  # gzip, cache lifetimes, /healthz, JSON request logs, error pages

    observability.init_app(app, repo, settings)

    from dashboard.context import AppContext, attach

    context = AppContext(repo=repo, settings=settings, jobs=jobs, viewer=viewer, plans=plans)
    attach(app, context)  # gunicorn's post_fork, `kepu worker` and tests find it with context_of(app)
    app.server.extensions["kepu_dash_app"] = app  # the background warming calls its callbacks (post_fork)
    import callbacks

    callbacks.register(app, context)
    from dashboard import static  # scripts and stylesheets from memory, compressed once (after every after_request)

    static.init_app(app.server)
    _finish_server_setup(app)
    return app


def start_warming(app):
    """Compute the common views into the shared cache in a background thread of this process: now,
    and after each change of the data (callbacks/warm.py). Called where a server process starts
    serving (``kepu run``, ``python app.py``, each gunicorn worker after the fork: a thread started
    before a fork would not run in the children, and could leave them a held lock). None when
    ``KEPU_WARM_SECONDS`` is 0 or no cache is shared. ``app``: the Dash app or its Flask server."""
    from callbacks.warm import Warmer
    from dashboard.context import context_of

    server = getattr(app, "server", app)
    context = context_of(server)
    every = context.settings.warm_seconds
    if every <= 0 or not context.repo.shared.stores or "kepu_warmer" in server.extensions:
        return None
    warmer = Warmer(server.extensions["kepu_dash_app"], context, every).start()
    server.extensions["kepu_warmer"] = warmer
    return warmer


def _finish_server_setup(app: dash.Dash) -> None:
    """Do Dash's once-per-process server setup now, not inside the first request.

    Dash 4.4 runs ``Dash._setup_server`` as a before-request hook and marks it done
    *before* it has filled ``registered_paths``, the list of scripts it may serve.
    On a threaded worker the other first requests see "done" and an empty list and
    answer the page's scripts with 500, so the page never draws (plotly/dash#3971;
    fix proposed in plotly/dash#3980). Calling it here, with no request in flight,
    means a preloaded gunicorn master hands every forked worker (first start,
    ``max_requests`` restart, crash, HUP reload) a finished setup; the hook then
    returns at once. Remove this when Dash ships the fix. Dash offers no public
    call for it, so this is the narrowest private one.
    """
    app._setup_server()
    app.server.extensions["kepu_ready"] = True  # /healthz answers "ok" only once this is set


def _pin_data_version_per_request(app: dash.Dash, repo: Repository) -> None:
    """One data-version query per HTTP request: a page makes thousands of cached look-ups, and each
    would otherwise ask the store whether an import has changed the data meanwhile."""

    @app.server.before_request
    def pin() -> None:
        g.kepu_version_pin = repo.pin_version()

    @app.server.teardown_request
    def unpin(_exc: BaseException | None) -> None:
        token = g.pop("kepu_version_pin", None)
        if token is not None:
            repo.unpin_version(token)


def _serve_geojson(app: dash.Dash, plans: PlanSet) -> None:
    """Boundaries at a versioned URL, cached by the browser for a year: every plan's (plans of one
    region share one file)."""

    @app.server.route("/geo/<name>")
    def geojson(name: str):
        repo = next((r for r in plans if Path(r.geojson_url()).name == name), None)
        if repo is None:
            abort(404)
        body, etag = repo.geojson_bytes()
        if _not_modified(etag):
            return Response(status=304)
        resp = Response(body, mimetype="application/geo+json")
        resp.headers["ETag"] = etag
        resp.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return resp


def _not_modified(etag: str) -> bool:
    """The browser's copy is current: it sends our ETag back, as flask-compress labelled it for the
    encoding it got ("<tag>:br" for brotli)."""
    tag = etag.strip('"')
    return any(sent.split(":")[0] == tag for sent in request.if_none_match.as_set())


def _serve_topojson(app: dash.Dash) -> None:
    """plotly's world base map at /topojson/<hash>/<name>.json (observability marks it immutable)."""
    from flask import send_from_directory

    from dashboard.static import TOPOJSON_DIR, topojson_version

    @app.server.route("/topojson/<version>/<name>")
    def topojson(version: str, name: str):
        if version != topojson_version() or not name.endswith(".json"):
            abort(404)
        return send_from_directory(TOPOJSON_DIR, name, mimetype="application/json")


def _serve_assets_bundle(app: dash.Dash) -> None:
    """assets/*.js as one script, linked where Dash links external scripts: after React, before the
    component libraries and the renderer (the assets used to come between the two; none of them
    uses a component library as it loads)."""
    from dashboard.static import ASSETS_BUNDLE_ROUTE, assets_bundle, assets_bundle_path

    @app.server.route(app.config.routes_pathname_prefix + ASSETS_BUNDLE_ROUTE, endpoint="kepu_assets_bundle")
    def assets_js(version: str):
        body, current = assets_bundle()
        if version != current:
            abort(404)
        return Response(body, mimetype="application/javascript")  # cached for a year (observability.py)

    app.config.external_scripts = [
        *app.config.external_scripts,
        {"src": assets_bundle_path(app.config.requests_pathname_prefix)},
    ]


def _serve_plotly(app: dash.Dash) -> None:
    """The partial plotly.js (dashboard/static.py) where Dash's renderer fetches plotly.js.

    dcc.Graph loads plotly.js when the first graph mounts, from the fixed, unversioned URL the
    renderer sets (``_dash-component-suites/plotly/package_data/plotly.min.js`` when serving
    locally); this route is more specific than Dash's component-suites route, so it answers that
    URL. Unversioned, so revalidated on each visit (304 by ETag), as Dash's own was.
    """
    from dashboard.static import plotly_bundle

    path = f"{app.config.routes_pathname_prefix}_dash-component-suites/plotly/package_data/plotly.min.js"

    @app.server.route(path, endpoint="kepu_plotly_bundle")
    def plotly_js():
        body, etag = plotly_bundle()
        if _not_modified(etag):
            resp = Response(status=304)
        else:
            resp = Response(body, mimetype="application/javascript")
        resp.headers["ETag"] = etag
        resp.headers["Cache-Control"] = "no-cache"
        return resp


_PRELOADS = "<!-- kepu:preloads -->"


def _preload_per_page(app: dash.Dash) -> None:
    """Dash's index page with the preloads of the page asked for (``_preloads``)."""
    from dashboard.pages import page_at

    interpolate = app.interpolate_index
    routes, requests = app.config.routes_pathname_prefix, app.config.requests_pathname_prefix

    def interpolate_index(**kwargs) -> str:
        shown = page_at(request.path.removeprefix(routes.rstrip("/")))
        charts = shown is not None and shown.charts
        return interpolate(**kwargs).replace(_PRELOADS, _preloads(requests, charts=charts))

    setattr(app, "interpolate_index", interpolate_index)  # noqa: B010 - Dash calls the instance's


def _preloads(prefix: str, *, charts: bool) -> str:
    """Links that ask, as the page arrives, for what Dash's renderer asks for only later.

    - The layout and the callback graph: the renderer asks for both once all its scripts have run
      (about 80 ms on a warm visit here); preloaded, they are on their way while the scripts run, and
      the renderer's own requests (same address, same origin and credentials) are answered from the
      preloads. The layout carries the first view (callbacks/routing.py), so it is the request the
      drawn page waits for.
    - On a page with charts, dcc.Graph's code and plotly.js: dcc.Graph asks for its code when the
      first chart mounts, and that code asks for plotly.js, one after the other after the layout
      (a revalidation each on a warm visit, 1.4 MB on a cold one).
    """
    urls = [(f"{prefix}{endpoint}", "fetch") for endpoint in ("_dash-layout", "_dash-dependencies")]
    if charts:
        urls += [(prefix + path, "script") for path in _CHART_SCRIPTS]
    return "\n        ".join(
        f'<link rel="preload" href="{href}" as="{kind}"' + (' crossorigin="anonymous">' if kind == "fetch" else ">")
        for href, kind in urls
    )


# Where dcc.Graph loads its code and plotly.js from (unversioned: Dash's renderer sets the URLs).
_CHART_SCRIPTS = (
    "_dash-component-suites/dash/dcc/async-graph.js",
    "_dash-component-suites/plotly/package_data/plotly.min.js",
)


# Dash's default page, with a language attribute for screen readers and no
# external resources.
_INDEX = """<!DOCTYPE html>
<html lang="{%lang%}">
    <head>
        {%metas%}
        <title>{%title%}</title>
        <!-- kepu:preloads -->
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""
