"""Chart images on the server: PNG at print resolution and SVG, rendered offline.

Rendering uses plotly's kaleido (≥ 1), which drives a headless Chromium.  We
hand it Debian's ``chromium`` explicitly (``BROWSER_PATH`` overrides, as in
kaleido/choreographer); kaleido is never allowed to download a browser.  The
page kaleido renders in loads plotly.js from the installed plotly package,
MathJax is off, the world topojson comes from ``assets/vendor/topojson`` and a
dead proxy makes any other request fail at once: nothing leaves the host.

Starting Chromium costs seconds; rendering an image in a running one costs a
fraction of that.  :class:`ImageSession` keeps one browser open for many
images (a whole report), which is what ``benchmarks/report_build.py``
measures against one ``plotly.io.to_image`` call (one browser) per image.

kaleido is imported lazily: without it, or without Chromium, the rest of the
app works and only exports raise :class:`ChromiumNotFound`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import copy
import hashlib
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import plotly.graph_objects as go
from plotly.io.json import to_json_plotly

import geo
from dashboard.charts import map_chart, trend_chart
from dashboard.repository import Repository
from dashboard.settings import ROOT

IMAGE_SCALE = 3  # PNG pixels per CSS pixel: a 760 px wide chart prints 16 cm wide at ~360 dpi
FORMATS = ("png", "svg")
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TOPOJSON_URL = (ROOT / "assets" / "vendor" / "topojson").as_uri() + "/"
# Any http(s) request from the render page goes to a closed local port and fails immediately.
DEAD_PROXY = "http://127.0.0.1:9"

Progress = Callable[[int, int, str], None]  # (done, total, file name)


class ChromiumNotFound(RuntimeError):
    """No headless Chromium (or no kaleido) to render images with."""

    def __init__(self, detail: str = ""):
        self.detail = detail
        super().__init__(
            "无法生成图片:未找到 Chromium 浏览器。请运行 scripts/install-system-deps.sh 安装 Debian 的 chromium "
            "和 fonts-noto-cjk,或用环境变量 BROWSER_PATH 指定浏览器路径。/ "
            "Cannot render images: no Chromium browser found. Install Debian's chromium and fonts-noto-cjk "
            "(scripts/install-system-deps.sh) or point BROWSER_PATH at a Chromium executable."
            + (f" ({detail})" if detail else ""))


def find_chromium() -> str:
    """Path of the Chromium to render with: $BROWSER_PATH, else the first of BROWSER_NAMES on PATH."""
    explicit = os.environ.get("BROWSER_PATH")
    if explicit:
        if Path(explicit).is_file() and os.access(explicit, os.X_OK):
            return explicit
        raise ChromiumNotFound(f"BROWSER_PATH={explicit!r} is not an executable file")
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ChromiumNotFound("none of " + ", ".join(BROWSER_NAMES) + " on PATH")


def chromium_available() -> bool:
    try:
        find_chromium()
        import kaleido  # noqa: F401
    except (ChromiumNotFound, ImportError):
        return False
    return True


# -- what to render ---------------------------------------------------------------------


@dataclass(frozen=True)
class ImageRequest:
    """One image to render: a figure, its file name (the suffix gives the format) and size in CSS pixels.

    ``figure`` is a plotly figure or its dict.  ``geojson``: the boundaries to
    carry inline in place of the URL that names them on the page (see
    :func:`inline_shapes`); they are put in only when the image is rendered.
    """

    name: str
    figure: dict | go.Figure = field(compare=False, repr=False)
    width: int = 760
    height: int = 520
    scale: float = IMAGE_SCALE
    geojson: dict | None = field(default=None, compare=False, repr=False)

    @property
    def format(self) -> str:
        return Path(self.name).suffix.lstrip(".").lower()

    def spec(self) -> dict:
        """The figure as kaleido renders it: a dict, with the shapes inline."""
        fig = self.figure.to_dict() if isinstance(self.figure, go.Figure) else self.figure
        return inline_shapes(fig, self.geojson) if self.geojson is not None else fig

    def key(self) -> str:
        """Same figure, size and format → same image: what the session cache uses.

        The shapes are named by their versioned URL in the figure, so the key
        covers them without hashing them.
        """
        h = hashlib.sha1(to_json_plotly(self.figure).encode())
        h.update(f"{self.format}|{self.width}|{self.height}|{self.scale}".encode())
        return h.hexdigest()


def image_name(kind: str, indicator: str, year: int, fmt: str = "png", *, region: str | None = None,
               lang: str = "zh") -> str:
    """A file name that says what the image is: ``map-T8-01-2019.png``, ``trend-G-01-230102-2019.svg``."""
    if fmt not in FORMATS:
        raise ValueError(f"image format must be one of {FORMATS}, not {fmt!r}")
    parts = [kind, indicator] + ([region] if region else []) + [str(year)] + (["en"] if lang == "en" else [])
    return "-".join(parts) + f".{fmt}"


def inline_shapes(fig: go.Figure | dict, geojson: dict) -> dict:
    """The figure (as a dict) with boundaries carried inline instead of by URL.

    On the page a choropleth names its boundaries by a cacheable URL; a static
    export has no server to fetch it from, so the shapes go into the figure.
    Works on a shallow copy: the input is left as it is, the shapes are shared.
    """
    spec = fig.to_dict() if isinstance(fig, go.Figure) else fig
    data = []
    for trace in spec.get("data", []):
        if isinstance(trace.get("geojson"), str):
            trace = {**trace, "geojson": geojson}
        data.append(trace)
    return {**spec, "data": data}


@lru_cache(maxsize=8)
def _shapes(region: str) -> dict:
    return geo.geojson_dict(region)


def _scaled(d: dict, key: str, factor: float) -> None:
    if isinstance(d, dict) and isinstance(d.get(key), (int, float)):
        d[key] = round(d[key] * factor)


def enlarge_text(fig: go.Figure | dict, factor: float) -> dict:
    """The figure (as a dict) with all its text ``factor`` times larger (slides are read from afar)."""
    spec = copy.deepcopy(fig.to_dict() if isinstance(fig, go.Figure) else fig)
    lay = spec.setdefault("layout", {})
    font = lay.setdefault("font", {})
    font["size"] = round((font.get("size") or 12) * factor)
    title = lay.get("title") or {}
    _scaled(title.get("font"), "size", factor)
    _scaled((title.get("subtitle") or {}).get("font"), "size", factor)
    for ann in lay.get("annotations", []):
        _scaled(ann.get("font"), "size", factor)
        _scaled(ann, "yshift", factor)  # captions sit in the bottom margin by a pixel offset
    for name, axis in lay.items():
        if name.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            _scaled(axis.get("tickfont"), "size", factor)
    for trace in spec.get("data", []):
        _scaled(trace.get("textfont"), "size", factor)
    margin = lay.setdefault("margin", {})
    margin["t"] = round((margin.get("t") or 50) * factor)
    margin["b"] = round((margin.get("b") or 60) * factor)
    return spec


def _sized(fig: go.Figure | dict, width: int, height: int) -> dict:
    spec = fig.to_dict() if isinstance(fig, go.Figure) else fig
    spec.setdefault("layout", {}).update(width=width, height=height)
    return spec


def map_request(repo: Repository, indicator: str, year: int, lang: str = "zh", fmt: str = "png", *,
                width: int = 760, height: int = 560, scale: float = IMAGE_SCALE, text_factor: float = 1.0,
                **map_kw) -> ImageRequest:
    """The map of an indicator's district values, its shapes to be carried inline, ready to render."""
    fig = map_chart(repo, indicator, year, lang, height=height, **map_kw)
    spec = enlarge_text(fig, text_factor) if text_factor != 1 else fig.to_dict()
    return ImageRequest(image_name("map", indicator, year, fmt, lang=lang), _sized(spec, width, height), width, height,
                        scale, geojson=_shapes(repo.city))


def trend_request(repo: Repository, indicator: str, year: int, lang: str = "zh", fmt: str = "png", *,
                  region: str | None = None, width: int = 760, height: int = 420, scale: float = IMAGE_SCALE,
                  text_factor: float = 1.0, **trend_kw) -> ImageRequest:
    """The trend of an indicator in a region (default the city) against its target path."""
    region = region or repo.city
    fig = trend_chart(repo, indicator, region, year, lang, height=height, **trend_kw)
    spec = enlarge_text(fig, text_factor) if text_factor != 1 else fig.to_dict()
    return ImageRequest(image_name("trend", indicator, year, fmt, region=region, lang=lang),
                        _sized(spec, width, height), width, height, scale)


# -- rendering ------------------------------------------------------------------------


class ImageSession:
    """One headless Chromium (via kaleido) for many images.

    Use as a context manager; :meth:`render` may be called any number of times
    and from any thread (calls are served one batch at a time by the session's
    own event loop thread).  Images are cached by figure, size and format.

        with ImageSession() as images:
            pngs = images.render([map_request(repo, "T8-01", 2019)])
    """

    def __init__(self, *, browser_path: str | None = None, tabs: int = 1, timeout: float = 90):
        self.browser_path = browser_path
        self.tabs = tabs
        self.timeout = timeout
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None
        self._opening: concurrent.futures.Future | None = None
        self._cache: dict[str, bytes] = {}
        self._batch = threading.Lock()
        self.rendered = 0  # images actually rendered (not served from the cache)

    def __enter__(self) -> "ImageSession":
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def is_open(self) -> bool:
        return self._kaleido is not None or self._opening is not None

    def open(self, *, wait: bool = True) -> "ImageSession":
        """Start the browser.  ``wait=False`` returns at once (Chromium takes seconds to start:
        build the figures meanwhile); the first :meth:`render` then waits for it.  A missing
        Chromium or kaleido raises :class:`ChromiumNotFound` here in either case."""
        if self.is_open:
            return self
        path = self.browser_path or find_chromium()
        if not (Path(path).is_file() and os.access(path, os.X_OK)):
            raise ChromiumNotFound(f"{path!r} is not an executable file")
        try:
            import kaleido
        except ImportError as exc:  # the app itself does not need kaleido
            raise ChromiumNotFound(f"kaleido is not installed: {exc}") from None
        self.browser_path = path
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="kepu-kaleido", daemon=True)
        self._thread.start()

        async def start():
            k = kaleido.Kaleido(path=path, n=self.tabs, timeout=self.timeout, mathjax=False,
                                proxy_server=DEAD_PROXY)
            await k.open()
            return k

        self._opening = asyncio.run_coroutine_threadsafe(start(), self._loop)
        if wait:
            self._started()
        return self

    def _started(self):
        """The running kaleido, once its browser is up."""
        if self._kaleido is None and self._opening is not None:
            try:
                self._kaleido = self._opening.result()
            except Exception as exc:
                path = self.browser_path
                self._opening = None
                self._stop_loop()
                raise ChromiumNotFound(f"{path}: {type(exc).__name__}: {exc}") from exc
            self._opening = None
        return self._kaleido

    def close(self) -> None:
        try:
            if self._opening is not None or self._kaleido is not None:
                kaleido = self._started()
                self._run(kaleido.close())
        finally:
            self._kaleido = self._opening = None
            self._stop_loop()

    def _stop_loop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(timeout=10)
            self._loop.close()
        self._loop = self._thread = None

    def _run(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result()

    def render(self, requests: Iterable[ImageRequest], progress: Progress | None = None) -> dict[str, bytes]:
        """Bytes of every requested image by file name, rendered in this session's browser."""
        requests = list(requests)
        if not self.is_open:
            self.open()
        self._started()
        with self._batch:
            return self._run(self._render_all(requests, progress))

    async def _render_all(self, requests: Sequence[ImageRequest], progress: Progress | None) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        total = len(requests)

        async def one(req: ImageRequest) -> tuple[ImageRequest, bytes]:
            key = req.key()
            if key not in self._cache:
                opts = {"format": req.format, "width": req.width, "height": req.height, "scale": req.scale}
                self._cache[key] = await self._kaleido.calc_fig(req.spec(), opts=opts, topojson=TOPOJSON_URL)
                self.rendered += 1
            return req, self._cache[key]

        for done, next_done in enumerate(asyncio.as_completed([one(r) for r in requests]), start=1):
            req, data = await next_done
            out[req.name] = data
            if progress:
                progress(done, total, req.name)
        return out


def render_images(requests: Iterable[ImageRequest], *, session: ImageSession | None = None,
                  progress: Progress | None = None) -> dict[str, bytes]:
    """Render images in the given session, or in a browser opened (and closed) for this batch."""
    if session is not None:
        return session.render(requests, progress)
    with ImageSession() as own:
        return own.render(requests, progress)


def write_images(requests: Iterable[ImageRequest], folder: Path | str, *, session: ImageSession | None = None,
                 progress: Progress | None = None) -> list[Path]:
    """Render images into a folder under their own file names."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in render_images(requests, session=session, progress=progress).items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths
