"""Callback responses computed once per data version, for everyone.

Every user of a data version sees the same few views, yet a page-building
callback (the overview's: headline, ten cards, map, trend and two tables) was
computed anew for each request. ``cached_response`` wraps such a callback so
that its response goes through the shared cache (dashboard/cache.py: a disk
cache on one host, Redis across hosts), keyed by

* the plan (a hash of the plan file) and its **data version**: an import, a
  rollback or a sample-data reload changes the version, so no view is served
  from older data;
* the callback's name and a fingerprint of the code that renders it (a new
  release never reads the last one's responses);
* the view's **language** and the callback's **arguments** (its inputs and
  states, the URL among them).

A response that depends on **who asks** is never shared: every way of learning
the current user (``Viewer.current_user``, which ``can`` and the login wall
use) marks the computation (``dashboard.context.watching_who_asks``), and a
marked response is answered but not stored. So a page that shows a role's
buttons or a user's name (upload, history, login; a page behind the login wall)
is built for each request, today and whenever someone adds such a control to a
cached page, with no list to keep up to date.

What is stored is the response as JSON (what Dash sends), so a hit costs a
cache read and a JSON parse: no figure is validated, no component built. At
most one process computes a key at a time (``SharedCache.get_or_compute``).

A callback module changes by one line: ``app.callback(...)(cached_response(context, "overview")(update))``.
The arguments' last one must be the URL's query (``State("url", "search")``):
it names the plan and the language. ``warm`` (callbacks/warm.py calls it) runs
the same function outside a request to fill the cache in the background.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode

import orjson
from plotly.io.json import to_json_plotly

from dashboard.context import watching_who_asks
from dashboard.settings import ROOT
from dashboard.viewstate import parse

if TYPE_CHECKING:
    from dashboard.context import AppContext

# The folders whose code renders a response; the installed dash and plotly shape its JSON.
_CODE = ("dashboard", "layouts", "callbacks", "data", "geo")


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    import dash
    import plotly

    digest = hashlib.sha256(f"{dash.__version__} {plotly.__version__}".encode())
    for folder in _CODE:
        for path in sorted((ROOT / folder).rglob("*.py")):
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def fired() -> tuple[str, ...]:
    """The ``id.property`` of the inputs that fired this call: none on a page's first call, and none
    outside a request (the background warming calls a callback as a first call)."""
    from dash import callback_context
    from dash.exceptions import MissingCallbackContextException

    try:
        return tuple(sorted(callback_context.triggered_prop_ids))
    # Dash raises its own exception where a callback context was once set in this thread, and the
    # context variable's LookupError in a thread that never had one (the warming thread of `kepu run`).
    except (MissingCallbackContextException, LookupError):
        return ()


class _PerUser(Exception):
    """Raised out of the cache's computation to return a response without storing it."""

    def __init__(self, value: Any) -> None:
        self.value = value


class CachedCallback:
    """One cached callback: how its key is made, its hits and misses (for tests and benchmarks)."""

    def __init__(
        self,
        context: AppContext,
        name: str,
        fn: Callable[..., Any],
        *,
        by_trigger: bool | Collection[str] = False,
        ignore_query: Collection[str] = (),
        ignore_args: Collection[int] = (),
    ) -> None:
        self.context, self.name, self.fn = context, name, fn
        self.by_trigger = by_trigger
        self.ignore_query = frozenset(ignore_query)
        self.ignore_args = frozenset(ignore_args)
        self.hits = self.misses = self.per_user = 0

    def key(self, args: tuple, triggered: tuple[str, ...]) -> tuple[Any, str]:
        """(repository, key) of a call: the plan and language come from the URL's query, the last argument."""
        search = args[-1] if args else None
        repo = self.context.for_search(search if isinstance(search, str) else None).repo
        if self.by_trigger is True:
            fired: tuple[str, ...] = triggered
        elif self.by_trigger:
            fired = tuple(t for t in triggered if t.split(".")[0] in self.by_trigger)
        else:
            fired = ()
        kept = [a for i, a in enumerate(args[:-1]) if i not in self.ignore_args]
        shown = [*kept, self._query_that_matters(search)] if args else []
        body = orjson.dumps([shown, fired], option=orjson.OPT_NON_STR_KEYS, default=str)
        lang = parse(None, search if isinstance(search, str) else None).lang
        digest = hashlib.sha256(body).hexdigest()[:32]
        return repo, repo.shared_key("response", code_fingerprint(), self.name, lang, digest)

    def _query_that_matters(self, search: object) -> object:
        """The URL's query without the parameters the callback's own inputs override (the year of a
        year control): a year chosen after another is the same view as the year chosen first."""
        if not self.ignore_query or not isinstance(search, str):
            return search
        pairs = parse_qsl(search.lstrip("?"), keep_blank_values=True)
        return urlencode([(k, v) for k, v in pairs if k not in self.ignore_query])

    def _compute(self, args: tuple) -> bytes:
        """The response as JSON; ``_PerUser`` when computing it asked who is asking."""
        with watching_who_asks() as asked:
            value = self.fn(*args)
        if asked:
            raise _PerUser(value)
        return to_json_plotly(value).encode()

    def __call__(self, *args: Any) -> Any:
        repo, key = self.key(args, fired())
        if not repo.shared.stores:
            return self.fn(*args)
        computed = False

        def compute() -> bytes:
            nonlocal computed
            computed = True
            return self._compute(args)

        try:
            raw = repo.shared.get_or_compute(key, compute)
        except _PerUser as answer:
            self.per_user += 1
            return answer.value
        if computed:
            self.misses += 1
        else:
            self.hits += 1
        return orjson.loads(raw)

    def warm(self, *args: Any) -> bool:
        """Compute and store the response to ``args`` (a first call: nothing triggered) unless it is
        stored, another process is computing it or it depends on the user; True when computed here."""
        repo, key = self.key(args, ())
        if not repo.shared.stores:
            return False
        computed = False

        def compute() -> bytes:
            nonlocal computed
            computed = True
            return self._compute(args)

        try:
            repo.shared.get_or_compute(key, compute, skip_if_busy=True)
        except _PerUser:
            return False
        return computed


def cached_response(
    context: AppContext,
    name: str,
    *,
    by_trigger: bool | Collection[str] = False,
    ignore_query: Collection[str] = (),
    ignore_args: Collection[int] = (),
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Wrap a callback so its responses are shared through the cache (see the module's docstring).

    ``name``: unique among the app's cached callbacks (a part of the key; warming finds it by it).
    ``by_trigger``: True when the response depends on which input fired (a first call that only
    tidies the URL); a collection of component ids when only those inputs matter (a restyle
    answered with a partial update).
    ``ignore_query``: parameters of the URL's query that the callback's inputs override (its
    ``state.with_(year=year, ...)``), left out of the key so that the view is one whatever the
    URL said before.
    ``ignore_args``: positions of arguments that only start the callback (a signal that another
    callback has answered) and that the response does not depend on, left out of the key.
    """

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        entry = CachedCallback(
            context, name, fn, by_trigger=by_trigger, ignore_query=ignore_query, ignore_args=ignore_args
        )

        @functools.wraps(fn)
        def wrapper(*args: Any) -> Any:
            return entry(*args)

        wrapper.cache_entry = entry  # type: ignore[attr-defined]  # Dash's wrapper copies it (functools.wraps)
        return wrapper

    return decorate


def cache_entry(callback: Any) -> CachedCallback | None:
    """The cached callback behind a function of ``app.callback_map`` (None for others)."""
    entry = getattr(callback, "cache_entry", None)
    return entry if isinstance(entry, CachedCallback) else None
