"""Callback responses cached per data version (dashboard/callback_cache.py, callbacks/warm.py).

A view one user has seen costs the next a cache read, but never shows older data (an import
changes the key), another language's words or another plan's figures; at most one process computes
a key at a time; the background warming computes what the first visitors ask.
"""

from __future__ import annotations

import json
import threading
import time

import pytest

from callbacks.warm import Warmer, cached_callbacks, default_views
from dashboard.cache import MISSING, DiskCache, RedisCache
from dashboard.context import context_of
from data.users import Role, User
from tests.support.app import make_app
from tests.support.http import post_callback
from tests.support.plans import NEXT, SHIPPED, write_plans

EDITOR = User("cache-editor", Role.editor)


def overview(client, year, search="", indicator=None) -> dict:
    """The overview's response (headline, cards, map, trend...) as the browser gets it."""
    resp = post_callback(
        client,
        "ov-map.figure",
        {"ov-year.value": year, "ov-indicator.value": indicator, "ov-selected.data": ""},  # "": none chosen
        {"url.pathname": "/", "url.search": search},
    )
    return json.loads(resp.data)["response"]


def counts(app, name: str) -> tuple[int, int]:
    entry, _ = cached_callbacks(app)[name]
    return entry.hits, entry.misses


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("cache-app"))


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def test_a_second_request_for_a_view_is_read_from_the_cache_and_is_the_same(app, client):
    year = context_of(app).repo.latest_year() - 1
    hits, misses = counts(app, "overview")
    first = overview(client, year)
    second = overview(client, year)
    assert second == first
    assert counts(app, "overview") == (hits + 1, misses + 1)


def test_parameters_the_controls_override_do_not_make_another_view(app, client):
    """A year chosen after another (the URL already says ?year=…) is the view warmed for that year."""
    year = context_of(app).repo.latest_year() - 2
    first = overview(client, year)
    hits, misses = counts(app, "overview")
    assert overview(client, year, search=f"?year={year + 1}") == first
    assert counts(app, "overview") == (hits + 1, misses)


def test_responses_differ_by_language(app, client):
    year = context_of(app).repo.latest_year()
    zh, en = overview(client, year), overview(client, year, search="?lang=en")
    assert zh["ov-as-of"] != en["ov-as-of"]
    assert zh["ov-map"]["figure"]["layout"]["title"] != en["ov-map"]["figure"]["layout"]["title"]
    # and each language is served from its own entry
    assert overview(client, year, search="?lang=en") == en
    assert overview(client, year) == zh


def test_an_import_changes_the_view_at_once(app, client):
    """No stale view: the figures the import wrote are in the next response, and in the page."""
    context = context_of(app)
    repo = context.repo
    year = repo.latest_year()
    goal = repo.plan.goal.indicator
    before = overview(client, year)
    assert overview(client, year) == before  # cached
    old = repo.progress(goal, repo.city, year).observed
    new = round((old or 10) + 3.21, 2)
    csv = f"指标代码,区县,年份,数值\n{goal},{repo.plan.region.name.zh},{year},{new}\n".encode()
    preview = context.imports.preview(csv, "cache-test.csv")
    assert preview.ok, preview.problems
    context.imports.commit(EDITOR, preview)
    after = overview(client, year)
    assert after["ov-headline"] != before["ov-headline"]
    assert f"{new:.2f}".rstrip("0").rstrip(".") in json.dumps(after["ov-headline"], ensure_ascii=False)
    page = json.loads(post_callback(client, "page.children", {"url.pathname": "/"}, {"url.search": ""}).data)[
        "response"
    ]["page"]["children"]
    assert f"{new:.2f}".rstrip("0").rstrip(".") in json.dumps(page, ensure_ascii=False)


def test_pages_that_show_who_is_asking_are_never_cached(app, client):
    """The upload and history pages show the user's role: built for each request, never stored."""
    entry, _ = cached_callbacks(app)["page"]
    hits, misses, per_user = entry.hits, entry.misses, entry.per_user
    for _ in range(2):
        post_callback(client, "page.children", {"url.pathname": "/upload"}, {"url.search": ""})
        post_callback(client, "page.children", {"url.pathname": "/history"}, {"url.search": ""})
    assert (entry.hits, entry.misses, entry.per_user) == (hits, misses, per_user + 4)


def test_any_response_that_asks_for_the_user_is_not_shared(app):
    """Whoever adds a role's button to a cached view needs no list: asking who is asking is enough."""
    from dashboard.callback_cache import cached_response

    context = context_of(app)
    calls = []

    def shows_role(year, search):
        calls.append(year)
        user = context.viewer.current_user()
        return {"year": year, "role": user.role.value if user else None}

    def same_for_all(year, search):
        calls.append(year)
        return {"year": year}

    per_user = cached_response(context, "test-per-user")(shows_role)
    shared = cached_response(context, "test-shared")(same_for_all)
    assert per_user(2019, "") == per_user(2019, "") == {"year": 2019, "role": None}
    assert shared(2019, "") == shared(2019, "") == {"year": 2019}
    assert len(calls) == 3  # the per-user one each time, the shared one once
    assert per_user.cache_entry.per_user == 2 and per_user.cache_entry.misses == 0
    assert shared.cache_entry.misses == 1 and shared.cache_entry.hits == 1
    assert per_user.cache_entry.warm(2018, "") is False


def test_the_warming_computes_every_default_view_and_the_years_of_overview_and_map(tmp_path):
    app = make_app(tmp_path)
    context = context_of(app)
    repo = context.repo
    warmer = Warmer(app, context, every=3600)
    computed = warmer.pass_once()
    years = len(repo.years())
    pages = len(default_views(repo))
    # each page, its page-building callback, and the other years of the overview and the map
    assert computed >= pages + (years - 1) * 2
    assert warmer.pass_once() == 0  # same data: nothing to do
    client = app.server.test_client()
    for year in repo.years():
        overview(client, year, indicator=repo.plan.goal.indicator)
    assert counts(app, "overview") == (years, 0)  # every year was read, none computed
    # an import (here: new sample data) makes the next pass warm again
    from data.sample import generate
    from data.store import replace_sample_data

    replace_sample_data(repo.engine, repo.plan.code, generate(repo.plan, seed=7))
    assert warmer.pass_once() > 0


def test_responses_differ_by_plan(tmp_path):
    app = make_app(tmp_path, plans_dir=str(write_plans(tmp_path / "plans")))
    client = app.server.test_client()
    context = context_of(app)
    shipped, following = context.for_plan(SHIPPED).repo, context.for_plan(NEXT).repo
    on_default = overview(client, None, search=f"?plan={shipped.plan.code}")
    on_next = overview(client, None, search=f"?plan={following.plan.code}")
    assert on_default["ov-as-of"] != on_next["ov-as-of"]  # their latest years differ
    assert overview(client, None, search=f"?plan={following.plan.code}") == on_next


@pytest.fixture(params=["disk", "redis"])
def two_caches(request, tmp_path):
    """Two cache objects over one store, as two processes have: a disk folder, or one Redis."""
    if request.param == "disk":
        return [DiskCache(tmp_path), DiskCache(tmp_path)]
    url = request.getfixturevalue("redis_url")
    caches = [RedisCache(url), RedisCache(url)]
    caches[0]._redis.delete("kepu:test:key", "kepu:test:key:lock", "kepu:test:other", "kepu:test:other:lock")
    return caches


def test_one_process_computes_a_key_while_the_others_wait_for_it(two_caches):
    """Eight askers on two cache objects over one store (as two processes would be): one computation."""
    caches = two_caches
    calls = []

    def compute():
        calls.append(1)
        time.sleep(0.5)
        return {"view": 42}

    results = []

    def ask(i):
        results.append(caches[i % 2].get_or_compute("kepu:test:key", compute))

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert results == [{"view": 42}] * 8
    # warming skips a key another is computing instead of waiting for it
    slow = threading.Thread(target=lambda: caches[0].get_or_compute("kepu:test:other", compute))
    slow.start()
    deadline = time.monotonic() + 5
    while caches[1].get("kepu:test:other") is MISSING and not _locked(caches[1], "kepu:test:other:lock"):
        if time.monotonic() > deadline:
            break
        time.sleep(0.01)
    assert caches[1].get_or_compute("kepu:test:other", compute, skip_if_busy=True) is MISSING
    slow.join()


def _locked(cache, key: str) -> bool:
    return bool(cache._cache.get(key) if isinstance(cache, DiskCache) else cache._redis.exists(key))


def test_a_failed_computation_releases_its_lock(tmp_path):
    cache = DiskCache(tmp_path)

    def broken():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        cache.get_or_compute("kepu:test:broken", broken)
    assert cache.get_or_compute("kepu:test:broken", lambda: 1, lock_seconds=1) == 1


def test_a_thread_that_never_ran_a_callback_has_fired_nothing():
    """The warming thread of `kepu run` asks ``fired()`` in a thread where Dash never set its callback
    context: the answer is "nothing fired", not the context variable's LookupError."""
    import threading

    from dashboard.callback_cache import fired

    answers: list = []
    thread = threading.Thread(target=lambda: answers.append(fired()))
    thread.start()
    thread.join()
    assert answers == [()]


def test_the_map_pages_second_answer_is_warmed_for_every_year_whatever_its_signal(tmp_path):
    """The ranking, trend and tables of the map page follow the map's answer (``mx-details-for``, an
    argument left out of the key): a year the warming computed is read, not computed, by a browser."""
    app = make_app(tmp_path)
    repo = context_of(app).repo
    Warmer(app, context_of(app), every=3600).pass_once()
    client = app.server.test_client()
    # what the browser holds of the page's controls, from the layout it was given
    layout = json.dumps(client.get("/_dash-layout", headers={"Referer": "http://localhost/map"}).get_json())
    props = _props_by_id(json.loads(layout))
    held = {
        "mx-indicator.value": props["mx-indicator"]["value"],
        "mx-task.value": props["mx-task"]["value"],
        "mx-selected.data": props["mx-selected"]["data"],
        "url.pathname": "/map",
        "url.search": "",
    }
    before = counts(app, "map_details")
    for year in repo.years():
        fired = {"mx-year.value": year}
        map_answer = post_callback(client, "mx-map.figure", fired, held | fired).get_json()["response"]
        signal = map_answer["mx-details-for"]["value"]  # the view's canonical values: the latest year is ""
        post_callback(client, "mx-ranking.figure", {"mx-details-go.value": signal}, held | fired)
    hits, misses = counts(app, "map_details")
    assert misses == before[1], "a warmed year was computed again"
    assert hits - before[0] == len(repo.years())


def _props_by_id(node, found=None) -> dict:
    found = {} if found is None else found
    if isinstance(node, dict):
        props = node.get("props") or {}
        if isinstance(props.get("id"), str):
            found[props["id"]] = props
        for value in props.values():
            _props_by_id(value, found)
    elif isinstance(node, list):
        for item in node:
            _props_by_id(item, found)
    return found
