"""Navigation to a drawn map in headless Chromium: Harbin and all 2,875 counties of China.

    .venv/bin/python benchmarks/page_load.py [--repeat 3] [--only harbin|national] [--dir /tmp/kepu-national]
                                             [--no-bare]

Starts the unchanged dashboard twice (``python app.py`` on free loopback ports,
stopped by PID at the end): on Harbin with the shipped defaults and a
throw-away SQLite store, and on the national setup of ``benchmarks/national.py``
(made when missing). Each server is warmed first (every measured page opened
once), so the figures are what a user meets once the server has computed a
data version, and the server's own first computation is printed apart.

Then, in Debian's headless Chromium (Playwright with ``executable_path``;
Playwright's own browser is never downloaded), for the overview page (``/``)
and the map page (``/map``):

- **cold**: a new browser context (empty HTTP cache), first visit;
- **warm**: the same context, the same page visited again (scripts and the
  versioned boundary file come from the browser's cache);

and on the map page:

- **map update**: the year slider's thumb (``[role=slider]``) is focused and ArrowLeft pressed
  (one year back), until the choropleth shows that year;
- **trend query**: the district list focused, opened with ArrowDown, the
  district's name typed and chosen with Enter, until the trend chart shows
  that district.

"Drawn", precisely: inside the page's map graph (``#ov-map`` / ``#mx-map``)
``.js-plotly-plot .choroplethlayer path.choroplethlocation`` exist, at least
one per unit of the plan (18 or 2,875), and the graph's figure (``gd.layout``)
has a title naming the expected year (``map_title``: "…(2020 年)"). For the
trend query: ``#mx-trend``'s title names the chosen district and its SVG has
a line (``.scatterlayer path.js-line``). Times are read in the page
(``performance.now()`` at the first animation frame the test holds in): for a navigation from
the navigation's start, for an update from just before the key press.

**Against the floor**: beside each app runs a bare Dash page (``benchmarks/bare_dash.py``: one
``dcc.Slider``, one ``dcc.Graph``, one callback returning a ``go.Choropleth`` of the same boundaries
by URL; stock Dash with its full plotly.js), measured in the same browser, alternating with the
app in every round: its cold visit, its warm visit and a year change (ArrowLeft on its slider until
its map's title names the year before). The ratios app / bare page are printed for each target
(the machine is shared: ratios from one run, with the load average).

Bytes: the encoded (compressed) response bodies the browser received during the
step, from Playwright's request sizes; the naive map update for comparison is the
server-side figure of ``benchmarks/map_update.py`` (``px.choropleth`` with
inlined GeoJSON, gzip bytes), computed here on the same stores.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from national import DEFAULT_DIR, RunningApp, prepare, start_app  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
# How often Python reads the time the page recorded (the test itself runs in the page at every frame).
POLL_MS = 50
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Nothing leaves the host: every request not to loopback goes to a proxy that is not there.
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=127.0.0.1;localhost",
]

# True once the map graph `sel` has drawn at least `units` locations and its title names `year`:
# returns performance.now() at that moment (tested at every animation frame: wait_drawn).
MAP_DRAWN_JS = """([sel, units, year]) => {
    const gd = document.querySelector(sel + ' .js-plotly-plot');
    if (!gd || !gd.layout || !gd.layout.title) return false;
    const title = String(gd.layout.title.text || '');
    if (!title.includes(String(year))) return false;
    const n = gd.querySelectorAll('.choroplethlayer path.choroplethlocation').length;
    return n >= units ? performance.now() : false;
}"""

TREND_DRAWN_JS = """([sel, name]) => {
    const gd = document.querySelector(sel + ' .js-plotly-plot');
    if (!gd || !gd.layout || !gd.layout.title) return false;
    if (!String(gd.layout.title.text || '').includes(name)) return false;
    return gd.querySelector('.scatterlayer path.js-line') ? performance.now() : false;
}"""

# The tables under the district charts (layouts/common.py district_table_details): one <tr> per unit,
# each cell a Dash component.  The renderer takes ~0.1 s per row (300 rows: 29 s in headless Chromium),
# so at national scale a page never settles.  National runs (unless --keep-tables) remove them from
# every response before the renderer sees them: the map path as it will be once those tables are paged.
# Playwright turns the browser's HTTP cache off while a route is active: stripped runs have no
# warm cache (their "warm" visit fetches everything again).
BIG_TABLES = ("ov-map-table", "mx-table", "tk-district-table")


def _strip(node):
    """Null the children of the big table containers anywhere in a Dash component tree."""
    if isinstance(node, list):
        return [_strip(n) for n in node]
    if isinstance(node, dict):
        props = node.get("props")
        if isinstance(props, dict) and props.get("id") in BIG_TABLES:
            return {**node, "props": {**props, "children": None}}
        return {k: _strip(v) for k, v in node.items()}
    return node


def strip_tables(route) -> None:
    import orjson

    resp = route.fetch(timeout=0)  # a cold server's first page takes longer than Playwright's 30 s
    try:
        body = orjson.loads(resp.body())
    except orjson.JSONDecodeError:  # 204: no output changed
        route.fulfill(response=resp)
        return
    out = body.get("response") if isinstance(body, dict) else None
    if isinstance(out, dict):
        for key in list(out):
            if key in BIG_TABLES:
                out[key] = {"children": None}
        body["response"] = _strip(out)
    headers = {k: v for k, v in resp.headers.items() if k.lower() not in ("content-encoding", "content-length")}
    route.fulfill(status=resp.status, headers=headers, body=orjson.dumps(body))


@dataclass
class Target:
    label: str
    app: RunningApp
    units: int
    year: int  # the default (latest) year the pages open on
    district: str  # code chosen in the trend query
    district_name: str
    server_first: dict[str, float] = field(default_factory=dict)
    bare: RunningApp | None = None  # the bare Dash page on the same plan and boundaries


@dataclass
class Step:
    ms: list[float] = field(default_factory=list)
    bytes: list[int] = field(default_factory=list)
    requests: list[int] = field(default_factory=list)

    def add(self, ms: float, sizes: tuple[int, int]) -> None:
        self.ms.append(ms)
        self.bytes.append(sizes[0])
        self.requests.append(sizes[1])


class Traffic:
    """What the server sent since ``reset``: compressed bytes and requests, from its JSON request log
    (one line per request with the bytes after compression; files the browser had cached are not asked for)."""

    def __init__(self, log_path: Path):
        self.log_path = log_path
        self.offset = 0

    def reset(self) -> None:
        self.offset = self.log_path.stat().st_size

    def total(self) -> tuple[int, int]:
        import json

        with open(self.log_path, "rb") as f:
            f.seek(self.offset)
            lines = f.read().decode("utf-8", "replace").splitlines()
        size = count = 0
        for line in lines:
            if line.startswith("{") and '"bytes"' in line:
                try:
                    entry = json.loads(line)
                    # A 304 sends no body (the log gives the file's length); files sent by send_file
                    # (assets/) log no length: counted as 0, a few kB.
                    size += 0 if entry.get("status") == 304 else int(entry.get("bytes") or 0)
                    count += 1
                except ValueError:
                    pass
        return size, count


def wait_drawn(page, js: str, args: list, timeout_s: float) -> float:
    """The page's performance.now() at the first animation frame in which the drawn test holds.

    The test runs in the page at every frame (``requestAnimationFrame``) and keeps the first time it
    held; Python reads that every POLL_MS. (Python evaluating the test itself every POLL_MS timed a
    step only to within POLL_MS, too coarse for a 130 ms year change. Playwright's
    wait_for_function, polled in the page, stalled national runs whose responses pass through the
    table-stripping route; a Python-side read keeps the route handler served.)
    """
    page.evaluate(
        f"""(args) => {{
            const test = {js};
            window.__kepuDrawnAt = null;
            const frame = () => {{
                const at = test(args);
                if (at) {{ window.__kepuDrawnAt = at; }} else {{ requestAnimationFrame(frame); }}
            }};
            requestAnimationFrame(frame);
        }}""",
        args,
    )
    deadline = time.monotonic() + timeout_s
    while True:
        found = page.evaluate("window.__kepuDrawnAt")
        if found:
            return float(found)
        if time.monotonic() > deadline:
            from playwright.sync_api import TimeoutError as PlaywrightTimeout

            raise PlaywrightTimeout(f"not drawn within {timeout_s:.0f} s: {args}")
        page.wait_for_timeout(POLL_MS)


def settle(page, seconds: float = 0.5) -> None:
    """Let trailing callbacks (tables under the charts, the URL) finish before the next step."""
    page.wait_for_timeout(seconds * 1000)


def navigate(page, url: str, sel: str, target: Target, timeout_s: float) -> float:
    page.goto(url, wait_until="commit")
    return wait_drawn(page, MAP_DRAWN_JS, [sel, target.units, target.year], timeout_s)


def map_update(page, target: Target, timeout_s: float, slider: str = "#mx-year", graph: str = "#mx-map") -> float:
    """Focus the year slider's thumb and press ArrowLeft: one year back."""
    page.locator(f"{slider} [role=slider]").focus()
    year = target.year - 1
    t0 = page.evaluate("performance.now()")
    page.keyboard.press("ArrowLeft")
    drawn = wait_drawn(page, MAP_DRAWN_JS, [graph, target.units, year], timeout_s)
    return drawn - t0


def bare_update(page, target: Target, timeout_s: float) -> float:
    return map_update(page, target, timeout_s, "#bare-year", "#bare-map")


def map_update_back(page, target: Target, timeout_s: float) -> None:
    page.locator("#mx-year [role=slider]").focus()
    page.keyboard.press("ArrowRight")
    wait_drawn(page, MAP_DRAWN_JS, ["#mx-map", target.units, target.year], timeout_s)


def trend_query(page, target: Target, timeout_s: float) -> float:
    """As a keyboard user picks one: focus the district list, open it, type the name, Enter."""
    page.locator("#mx-district").focus()
    page.keyboard.press("ArrowDown")
    page.get_by_role("option").first.wait_for(timeout=timeout_s * 1000)
    page.keyboard.type(target.district_name)  # a long list renders only its first options: filter first
    page.get_by_role("option", name=target.district_name, exact=True).first.wait_for(timeout=timeout_s * 1000)
    page.wait_for_timeout(300)  # the list filters as one types
    t0 = page.evaluate("performance.now()")
    page.keyboard.press("Enter")
    drawn = wait_drawn(page, TREND_DRAWN_JS, ["#mx-trend", target.district_name], timeout_s)
    return drawn - t0


def new_context(browser, strip: bool):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    if strip:
        context.route("**/_dash-update-component*", strip_tables)
    return context


def measure_browser(target: Target, repeat: int, timeout_s: float, strip: bool = False) -> dict[str, Step]:
    from playwright.sync_api import sync_playwright

    names = ["overview cold", "overview warm", "map cold", "map warm", "map update", "trend query"]
    if target.bare is not None:
        names += ["bare page cold", "bare page warm", "bare page map update"]
    steps = {name: Step() for name in names}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            traffic = Traffic(target.app.log_path)

            def step(label: str, page, action, *args) -> None:
                traffic.reset()
                ms = action(page, *args)
                settle(page)  # the requests that follow the drawing (tables, URL) are counted too
                steps[label].add(ms, (0, 0) if label.startswith("bare") else traffic.total())

            for _ in range(repeat):
                if target.bare is not None:  # the floor, in the same browser, once per round
                    context = new_context(browser, False)
                    page = context.new_page()
                    step("bare page cold", page, navigate, target.bare.url + "/", "#bare-map", target, timeout_s)
                    step("bare page warm", page, navigate, target.bare.url + "/", "#bare-map", target, timeout_s)
                    step("bare page map update", page, bare_update, target, timeout_s)
                    context.close()
                for path, sel, name in (("/", "#ov-map", "overview"), ("/map", "#mx-map", "map")):
                    context = new_context(browser, strip)
                    page = context.new_page()
                    step(f"{name} cold", page, navigate, target.app.url + path, sel, target, timeout_s)
                    step(f"{name} warm", page, navigate, target.app.url + path, sel, target, timeout_s)
                    if name == "map":
                        step("map update", page, map_update, target, timeout_s)
                        map_update_back(page, target, timeout_s)
                        settle(page)
                        step("trend query", page, trend_query, target, timeout_s)
                    context.close()
        finally:
            browser.close()
    return steps


def warm_server(target: Target, timeout_s: float, strip: bool = False) -> None:
    """Open each measured page once (a throw-away context) and time the server's first computation."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            context = new_context(browser, strip)
            page = context.new_page()
            for path, sel in (("/", "#ov-map"), ("/map", "#mx-map")):
                target.server_first[path] = navigate(page, target.app.url + path, sel, target, timeout_s)
                settle(page, 1.0)
            map_update(page, target, timeout_s)
            settle(page)
            map_update_back(page, target, timeout_s)
            trend_query(page, target, timeout_s)
            settle(page, 1.0)
            context.close()
            if target.bare is not None:  # Dash's own first-request setup, and the bare callback once
                page = new_context(browser, False).new_page()
                navigate(page, target.bare.url + "/", "#bare-map", target, timeout_s)
                bare_update(page, target, timeout_s)
        finally:
            browser.close()


def as_is_attempt(target: Target, path: str, sel: str, timeout_s: float) -> float | None:
    """One cold visit with the tables left in: ms to the map drawn, or None if not within timeout_s."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = new_context(browser, False).new_page()
            try:
                return navigate(page, target.app.url + path, sel, target, timeout_s)
            except PlaywrightTimeout:
                return None
        finally:
            browser.close()


def naive_update_bytes(env: dict[str, str], year: int, indicator: str) -> tuple[int, int]:
    """gzip bytes of one map update, ours against px.choropleth with the GeoJSON inlined (server side)."""
    import os

    import plotly.io as pio

    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        from map_update import naive_map

        from dashboard.charts import map_chart
        from dashboard.repository import Repository
        from dashboard.settings import Settings

        repo = Repository.from_settings(Settings.from_env())
        ours = len(gzip.compress(pio.to_json(map_chart(repo, indicator, year, "zh", height=640)).encode(), 6))
        naive = len(gzip.compress(pio.to_json(naive_map(repo, indicator, year)).encode(), 6))
        repo.engine.dispose()
        return ours, naive
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def print_header(repeat: int) -> None:
    print()
    print(f"navigation → map drawn, headless Chromium 1920×1080, python app.py on loopback, median of {repeat}")
    print(
        "drawn = #ov-map/#mx-map: ≥ one path.choroplethlocation per unit inside .js-plotly-plot .choroplethlayer"
        " and the figure's title names the expected year; trend = #mx-trend title names the district, line drawn"
    )
    print("kB sent = compressed bytes the server sent during the step (its request log), until 0.5 s after drawing")
    print(f"{'':34}{'ms':>9}{'min ms':>9}{'kB sent':>10}{'requests':>10}", flush=True)


def print_result(target, steps, warm_s, ours_gz, naive_gz, strip, as_is) -> None:
    print(
        f"{target.label}{' — tables under the charts removed in the browser (a route: no HTTP cache)' if strip else ''}"
    )
    print(
        f"  (server's first computation, page opened on a cold server: overview "
        f"{target.server_first.get('/', 0) / 1000:.1f} s, then map {target.server_first.get('/map', 0) / 1000:.1f} s;"
        f" warm-up {warm_s:.0f} s)"
    )
    for name, st in steps.items():
        sent = "—" if name.startswith("bare") else f"{statistics.median(st.bytes) / 1000:.1f}"
        count = "—" if name.startswith("bare") else f"{statistics.median(st.requests):.0f}"
        print(f"  {name:<32}{statistics.median(st.ms):>9.0f}{min(st.ms):>9.0f}{sent:>10}{count:>10}")
    if "bare page cold" in steps:
        print_ratios(steps)
    print(
        f"  map update figure alone, gzip bytes: ours {ours_gz:,}, naive px.choropleth with inlined GeoJSON "
        f"{naive_gz:,} ({naive_gz / ours_gz:.0f}x)"
    )
    if strip:
        print(f"  overview cold with the tables left in: {as_is}")
    print(f"  load average now: {loadavg()}", flush=True)


# (app step, bare step) pairs compared, with the targets (issue 16).
RATIOS = (
    ("overview warm", "bare page warm", 1.3),
    ("map warm", "bare page warm", 1.3),
    ("overview cold", "bare page cold", 1.0),
    ("map cold", "bare page cold", 1.0),
    ("map update", "bare page map update", 1.5),
)


def print_ratios(steps: dict[str, Step]) -> None:
    """App / bare page, medians of the same run (and the ratio of the fastest visits)."""
    print("  app / bare Dash page (median; of the fastest)    ratio   target")
    for ours, bare, target in RATIOS:
        median = statistics.median(steps[ours].ms) / statistics.median(steps[bare].ms)
        fastest = min(steps[ours].ms) / min(steps[bare].ms)
        met = "met" if median <= target else "not met"
        print(f"    {ours:<18} vs {bare:<22}{median:>6.2f}x ({fastest:.2f}x)  ≤ {target:.1f}x {met}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="Visits per measurement (median; at most 10)")
    parser.add_argument("--only", choices=("harbin", "national"), default=None)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="Folder of the national setup")
    parser.add_argument("--timeout", type=float, default=300, help="Seconds to wait for one step")
    parser.add_argument("--no-bare", action="store_true", help="Do not measure the bare Dash page beside the app")
    parser.add_argument(
        "--keep-tables",
        action="store_true",
        help="National: leave the per-unit tables under the charts in the responses (the page "
        "then takes many minutes to settle; see BIG_TABLES)",
    )
    parser.add_argument(
        "--as-is-timeout",
        type=float,
        default=180,
        help="National: also one cold overview visit with the tables left in, given this many seconds (0: skip)",
    )
    args = parser.parse_args()
    repeat = max(1, min(args.repeat, 10))
    work = Path(tempfile.mkdtemp(prefix="kepu-pageload-"))
    from data.plan import load_plan

    runs: list[tuple[str, dict[str, str]]] = []
    if args.only in (None, "harbin"):
        runs.append(("Harbin, 18 units", {"KEPU_DATABASE_URL": f"sqlite:///{work / 'harbin.sqlite3'}"}))
    if args.only in (None, "national"):
        setup = prepare(args.dir)
        runs.append((f"China, {setup.units:,} county-level units", setup.env()))
    print(f"load average before: {loadavg()} ({__import__('os').cpu_count()} cores)", flush=True)
    results = []
    for label, env in runs:
        name = "national" if "China" in label else "harbin"
        app = start_app(env, work / name, name=name)
        bare = (
            None
            if args.no_bare
            else start_app(env, work / f"{name}-bare", name=f"{name}-bare", script="benchmarks/bare_dash.py")
        )
        try:
            plan = load_plan(env.get("KEPU_PLAN_FILE") or ROOT / "data" / "plans" / "harbin-2016-2020.yaml")
            district = "230103" if any(u.code == "230103" for u in plan.region.units) else plan.region.units[0].code
            unit = next(u for u in plan.region.units if u.code == district)
            target = Target(label, app, len(plan.region.units), plan.end_year, district, unit.name, bare=bare)
            print(f"{label}: app pid {app.pid} on {app.url}, answered in {app.started_s:.1f} s; warming …", flush=True)
            strip = name == "national" and not args.keep_tables
            t0 = time.perf_counter()
            warm_server(target, args.timeout, strip)
            warm_s = time.perf_counter() - t0
            steps = measure_browser(target, repeat, args.timeout, strip)
            as_is = "skipped"
            if strip and args.as_is_timeout > 0:
                ms = as_is_attempt(target, "/", "#ov-map", args.as_is_timeout)
                as_is = f"{ms:,.0f} ms" if ms is not None else f"not drawn within {args.as_is_timeout:.0f} s"
            ours_gz, naive_gz = naive_update_bytes(
                {**env, "KEPU_CACHE_DIR": str(work / name / "cache")}, plan.end_year - 1, plan.goal.indicator
            )
            if not results:
                print_header(repeat)
            results.append(target)
            print_result(target, steps, warm_s, ours_gz, naive_gz, strip, as_is)
        finally:
            app.stop()
            if bare is not None:
                bare.stop()
    print(f"load average after: {loadavg()}")
    only = f" --only {args.only}" if args.only else ""
    keep = " --keep-tables" if args.keep_tables else ""
    no_bare = " --no-bare" if args.no_bare else ""
    print(f"reproduce: .venv/bin/python benchmarks/page_load.py --repeat {repeat}{only}{keep}{no_bare}")


if __name__ == "__main__":
    main()
