"""The common views computed in the background, not inside the first user's request.

After a start, and whenever a plan's data version changes (an import, a rollback,
a sample reload, from the web, the CLI or another process), a thread computes
into the shared cache what the first visitors will ask: every navbar page at its
defaults (the page itself and its page-building callback), and every year of
the overview and the map. It calls the cached callbacks (dashboard/callback_cache.py)
with the arguments a browser's first call sends: the page's layout values of
the callback's inputs and states, read from the layout the page router returns.

Several processes may warm at once (gunicorn workers): each key is computed by
one of them; the others skip a key another is computing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from typing import Any

import dash
import orjson
from plotly.io.json import to_json_plotly

from dashboard.callback_cache import CachedCallback, cache_entry
from dashboard.context import AppContext
from dashboard.pages import NAVBAR
from dashboard.repository import Repository
from dashboard.viewstate import ViewState, validate

log = logging.getLogger("kepu.warm")

# Pages whose every year is computed, by their year control.
EVERY_YEAR = {"overview": "ov-year", "map": "mx-year"}


def cached_callbacks(app: dash.Dash) -> dict[str, tuple[CachedCallback, list[str]]]:
    """The app's cached callbacks by name, with their arguments as ``id.property`` in order."""
    found = {}
    for spec in app.callback_map.values():
        entry = cache_entry(spec.get("callback"))
        deps = spec.get("inputs", []) + spec.get("state", [])
        if entry is None or any(not isinstance(d["id"], str) for d in deps):
            continue
        found[entry.name] = (entry, [f"{d['id']}.{d['property']}" for d in deps])
    return found


def _components(node: Any) -> Iterator[dict]:
    """Every component of a layout in Dash's JSON form."""
    if isinstance(node, list):
        for item in node:
            yield from _components(item)
    elif isinstance(node, dict):
        props = node.get("props")
        if isinstance(props, dict) and "type" in node:
            yield props
            for value in props.values():
                yield from _components(value)


def default_views(repo: Repository) -> list[tuple[str, str]]:
    """(path, query) of every navbar page at its defaults, as the navbar links them."""
    choices = repo.choices()
    views = []
    for name in NAVBAR:  # pages that depend on the user (upload, history) are computed, not stored
        state = validate(ViewState(page=name), choices)
        views.append((state.path(), state.query()))
    return views


def warm_view(callbacks: dict[str, tuple[CachedCallback, list[str]]], repo: Repository, path: str, query: str) -> int:
    """Compute one view's page and its page-building callbacks (every year, where asked); the number computed."""
    page, _ = callbacks["page"]
    done = int(page.warm(path, query))
    layout = page(path, query)
    props = {p["id"]: p for p in _components(_as_json(layout)) if isinstance(p.get("id"), str)}
    url = {"url.pathname": path, "url.search": query}
    for name, (entry, deps) in callbacks.items():
        ids = {d.split(".")[0] for d in deps} - {"url"}
        if name == "page" or entry.by_trigger is True or not ids or not ids <= props.keys():
            continue

        def value(dep: str) -> Any:
            ident, _, prop = dep.partition(".")
            return url[dep] if ident == "url" else props[ident].get(prop)

        args = [value(d) for d in deps]
        done += entry.warm(*args)
        year_control = next((c for c in EVERY_YEAR.values() if c in ids), None)
        if year_control:
            at = deps.index(f"{year_control}.value")
            for year in repo.years():
                if year != args[at]:
                    done += entry.warm(*args[:at], year, *args[at + 1 :])
    return done


def _as_json(value: Any) -> Any:
    """A response in Dash's JSON form (a cached one is already)."""
    return value if isinstance(value, dict | list) else orjson.loads(to_json_plotly(value))


def warm_plan(app: dash.Dash, context: AppContext, repo: Repository) -> int:
    """Every common view of one plan; the number of responses computed here."""
    callbacks = cached_callbacks(app)
    if "page" not in callbacks or not repo.shared.stores:
        return 0
    token = repo.pin_version()  # one data version for the whole pass
    try:
        return sum(warm_view(callbacks, repo, path, query) for path, query in default_views(repo))
    finally:
        repo.unpin_version(token)


class Warmer:
    """A daemon thread: warm every plan now, then again whenever its data version changes."""

    def __init__(self, app: dash.Dash, context: AppContext, every: float) -> None:
        self.app, self.context, self.every = app, context, every
        self.seen: dict[str, str] = {}
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="kepu-warm", daemon=True)

    def start(self) -> Warmer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopped.set()

    def pass_once(self) -> int:
        """Warm the plans whose data changed since the last pass; the number of responses computed."""
        done = 0
        for repo in self.context.plan_set:
            version = repo.version()
            if self.seen.get(repo.plan.code) == version:
                continue
            started = time.monotonic()
            n = warm_plan(self.app, self.context, repo)
            self.seen[repo.plan.code] = version
            done += n
            log.info(
                "warmed plan %s at data version %s: %d views computed in %.1f s",
                repo.plan.code,
                version,
                n,
                time.monotonic() - started,
            )
        return done

    def _run(self) -> None:
        while not self.stopped.is_set():
            try:
                self.pass_once()
            except Exception:
                log.exception("warming the common views failed")
            self.stopped.wait(self.every)
