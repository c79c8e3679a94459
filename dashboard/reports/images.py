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
app works and only exports raise :class:`ChromiumNotFound`.  What is rendered
(figures with their shapes inline, sized and captioned for print) is made in
``dashboard.reports.export_figures``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import logging
import os
import shutil
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from dashboard.cache import SharedCache
from dashboard.i18n import bilingual
from dashboard.reports.export_figures import ImageRequest
from dashboard.settings import ROOT

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TOPOJSON_URL = (ROOT / "assets" / "vendor" / "topojson").as_uri() + "/"
# Any http(s) request from the render page goes to a closed local port and fails immediately.
DEAD_PROXY = "http://127.0.0.1:9"
CLOSE_TIMEOUT = 30  # seconds kaleido may take to close its browser
log = logging.getLogger("kepu.reports")

Progress = Callable[[int, int, str], None]  # (done, total, file name)


class ChromiumNotFound(RuntimeError):
    """No headless Chromium (or no kaleido) to render images with."""

    def __init__(self, detail: str = ""):
        self.detail = detail
        super().__init__(bilingual("chromium_missing") + (f" ({detail})" if detail else ""))


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


# -- rendering ------------------------------------------------------------------------


RELOAD_EVERY = 100  # images a tab renders before its page is loaded afresh (and after any failed one)


def _kaleido_class() -> Any:
    """kaleido's ``Kaleido``, except that a tab keeps its page between images.

    Stock kaleido reloads its page after every image, and with it plotly.js (4.8 MB of script
    parsed again: a fifth of a trend's render time, more on a loaded machine).  ``Plotly.toImage``
    draws into a div of its own and purges it, so nothing of one image is left for the next; the
    world topojson, fetched once, stays cached in the page.  A tab is still reloaded after a render
    that failed or timed out, and every ``RELOAD_EVERY`` images.  The hook is kaleido's private
    ``_return_kaleido_tab``: where a kaleido has none, its own behaviour stays.
    """
    import kaleido

    if not hasattr(kaleido.Kaleido, "_return_kaleido_tab"):  # pragma: no cover - another kaleido
        return kaleido.Kaleido

    class KeptPage(kaleido.Kaleido):
        reloads = 0

        async def _return_kaleido_tab(self, tab) -> None:
            # Called from the render's ``finally``: an exception on its way out is visible here.
            failed = sys.exc_info()[0] is not None
            done = getattr(tab, "kepu_renders", 0) + 1
            if failed or done >= RELOAD_EVERY:
                tab.kepu_renders = 0
                self.reloads += 1
                await super()._return_kaleido_tab(tab)  # reloads, then puts the tab back
            else:
                tab.kepu_renders = done
                await self.tabs_ready.put(tab)

    return KeptPage


class ImageSession:
    """One headless Chromium (via kaleido) for many images, plotly.js loaded once per tab.

    Use as a context manager; :meth:`render` may be called any number of times
    and from any thread (renders are served by the session's own event loop
    thread, in the order asked).  :meth:`submit` starts images without waiting
    for them: a report submits each chart as soon as its figure is built, so
    the browser draws while Python builds the next figure (two cores, one for
    each).  Images are kept by figure, size and format (:meth:`ImageRequest.key`):
    the same image asked again, or while it is being drawn, is drawn once.
    With a ``store`` (the app's shared cache) they are kept across sessions and
    processes too: a second report of the same data draws nothing, and starts
    no browser.  The browser starts at the first image the store does not have.

        with ImageSession() as images:
            pngs = images.render([map_request(repo, "T8-01", 2019)])
    """

    def __init__(
        self,
        *,
        browser_path: str | None = None,
        tabs: int = 1,
        timeout: float = 90,
        store: SharedCache | None = None,
    ):
        self.browser_path = browser_path
        self.tabs = tabs
        self.timeout = timeout
        self.store = store
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido: Any = None  # a kaleido.Kaleido once started (imported lazily; it ships no types)
        self._opening: concurrent.futures.Future | None = None
        # Renders by image key, done or under way; only the session's loop thread touches it.
        self._renders: dict[str, asyncio.Future[bytes]] = {}
        self.rendered = 0  # images drawn by the browser
        self.stored = 0  # images read from the store instead

    def __enter__(self) -> ImageSession:
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def is_open(self) -> bool:
        return self._kaleido is not None or self._opening is not None

    @property
    def reloads(self) -> int:
        """How many times a tab's page was loaded again (after a failure, or every RELOAD_EVERY images)."""
        return int(getattr(self._kaleido, "reloads", 0))

    def check(self) -> ImageSession:
        """Raise :class:`ChromiumNotFound` now if there is no browser or no kaleido to start later."""
        path = self.browser_path or find_chromium()
        if not (Path(path).is_file() and os.access(path, os.X_OK)):
            raise ChromiumNotFound(f"{path!r} is not an executable file")
        try:
            _kaleido_class()
        except ImportError as exc:
            raise ChromiumNotFound(f"kaleido is not installed: {exc}") from None
        self.browser_path = path
        return self

    def open(self, *, wait: bool = True) -> ImageSession:
        """Start the browser.  ``wait=False`` returns at once (Chromium takes seconds to start:
        build the figures meanwhile); the first :meth:`render` then waits for it.  A missing
        Chromium or kaleido raises :class:`ChromiumNotFound` here in either case."""
        if self.is_open:
            return self
        path = self.browser_path or find_chromium()
        if not (Path(path).is_file() and os.access(path, os.X_OK)):
            raise ChromiumNotFound(f"{path!r} is not an executable file")
        try:
            kaleido_class = _kaleido_class()
        except ImportError as exc:  # the app itself does not need kaleido
            raise ChromiumNotFound(f"kaleido is not installed: {exc}") from None
        self.browser_path = path
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="kepu-kaleido", daemon=True)
        self._thread.start()

        async def start():
            k = kaleido_class(path=path, n=self.tabs, timeout=self.timeout, mathjax=False, proxy_server=DEAD_PROXY)
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
                try:
                    # Bounded: on a loaded machine kaleido's close has been seen to wait for ever on a
                    # browser that never says it exited (a test run hung for 15 minutes here).
                    self._run(kaleido.close(), timeout=CLOSE_TIMEOUT)
                except concurrent.futures.TimeoutError:
                    log.warning("kaleido did not close within %s s: its browser is left to exit with us", CLOSE_TIMEOUT)
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

    def _run(self, coro, timeout: float | None = None):
        if self._loop is None:  # callers open the session first; a failed start leaves no loop
            coro.close()
            raise RuntimeError("the image session is not open")
        future = asyncio.run_coroutine_threadsafe(coro, self._loop)
        try:
            return future.result(timeout=timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise

    def submit(self, requests: Iterable[ImageRequest]) -> None:
        """Start rendering these images, in this order, and return at once (the browser may still
        be starting).  A later :meth:`render` of the same requests waits for these renders."""
        items = [(key, req) for key, req in self._keyed(requests) if self._from_store(key) is None]
        if not items:
            return
        if not self.is_open:
            self.open(wait=False)
        if self._loop is None:
            raise RuntimeError("the image session is not open")
        self._loop.call_soon_threadsafe(self._start, items)

    def render(self, requests: Iterable[ImageRequest], progress: Progress | None = None) -> dict[str, bytes]:
        """Bytes of every requested image by file name, rendered in this session's browser."""
        out: dict[str, bytes] = {}
        items = []
        keyed = self._keyed(requests)
        for key, req in keyed:
            image = self._from_store(key)
            if image is None:
                items.append((key, req))
            else:
                out[req.name] = image
                if progress:
                    progress(len(out), len(keyed), req.name)
        if items:
            if not self.is_open:
                self.open()
            self._started()
            out.update(self._run(self._render_all(items, progress, len(out), len(keyed))))
        return out

    @staticmethod
    def _keyed(requests: Iterable[ImageRequest]) -> list[tuple[str, ImageRequest]]:
        # The store's key names the renderer too: another plotly.js may draw the same figure otherwise.
        return [(f"kepu:image:{_renderer()}:{req.key()}", req) for req in requests]

    def _from_store(self, key: str) -> bytes | None:
        if self.store is None:
            return None
        image = self.store.get(key)
        if not isinstance(image, bytes):
            return None
        self.stored += 1
        return image

    def _start(self, items: Sequence[tuple[str, ImageRequest]]) -> list[asyncio.Future[bytes]]:
        """The render of each image: the one done or under way, else a new one queued for a tab."""
        out = []
        for key, req in items:
            task = self._renders.get(key)
            if task is None or (task.done() and (task.cancelled() or task.exception() is not None)):
                task = self._renders[key] = asyncio.ensure_future(self._render_one(key, req))
                task.add_done_callback(_seen)
            out.append(task)
        return out

    async def _browser(self):
        if self._kaleido is not None:
            return self._kaleido
        if self._opening is None:
            raise RuntimeError("the image session is not open")
        return await asyncio.wrap_future(self._opening)

    async def _render_one(self, key: str, req: ImageRequest) -> bytes:
        kaleido = await self._browser()
        opts = {"format": req.format, "width": req.width, "height": req.height, "scale": req.scale}
        try:
            image = await kaleido.calc_fig(req.spec(), opts=opts, topojson=TOPOJSON_URL)
        except Exception as exc:  # kaleido's JavascriptError is private: matched by its text
            # On a loaded machine kaleido's tab can be asked before its own script has loaded
            # ("kaleido_scopes is not defined"): that render, and only that one, is tried again.
            if "kaleido_scopes" not in str(exc):
                raise
            log.warning("a chart image was asked of a kaleido tab not yet ready; trying again")
            await asyncio.sleep(1)
            image = await kaleido.calc_fig(req.spec(), opts=opts, topojson=TOPOJSON_URL)
        self.rendered += 1
        if self.store is not None:
            self.store.set(key, image)
        return image

    async def _render_all(
        self, items: Sequence[tuple[str, ImageRequest]], progress: Progress | None, before: int, total: int
    ) -> dict[str, bytes]:
        out: dict[str, bytes] = {}

        async def one(req: ImageRequest, task: asyncio.Future[bytes]) -> tuple[ImageRequest, bytes]:
            return req, await asyncio.shield(task)

        tasks = self._start(items)
        waits = [one(req, task) for (_, req), task in zip(items, tasks, strict=True)]
        for done, next_done in enumerate(asyncio.as_completed(waits), start=before + 1):
            req, data = await next_done
            out[req.name] = data
            if progress:
                progress(done, total, req.name)
        return out


@functools.cache
def _renderer() -> str:
    """plotly.js and kaleido versions: what draws an image, besides the figure."""
    from importlib.metadata import PackageNotFoundError, version

    def of(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "-"

    return f"plotly{of('plotly')}-kaleido{of('kaleido')}"


def _seen(task: asyncio.Future) -> None:
    """Mark a render's failure as seen: it is raised to whoever waits for the image, and an image
    submitted ahead that nobody then asked for (a report that failed first) is not logged."""
    if not task.cancelled():
        task.exception()


def render_images(
    requests: Iterable[ImageRequest], *, session: ImageSession | None = None, progress: Progress | None = None
) -> dict[str, bytes]:
    """Render images in the given session, or in a browser opened (and closed) for this batch."""
    if session is not None:
        return session.render(requests, progress)
    with ImageSession() as own:
        return own.render(requests, progress)


def write_images(
    requests: Iterable[ImageRequest],
    folder: Path | str,
    *,
    session: ImageSession | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Render images into a folder under their own file names."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in render_images(requests, session=session, progress=progress).items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths
