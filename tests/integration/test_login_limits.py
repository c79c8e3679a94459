"""Failed logins are limited for one account or one address, before the password is checked, and every
process counts the same failures.

Two ``kepu serve`` processes (one gunicorn worker each, separate disk caches) on one SQLite store and one
Redis take turns answering a run of wrong passwords: the fifth failure starts a lockout, and from then on
every try is refused without looking at the password, the right one included. The audit log shows the
five checked failures and the lockout, and no login.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from dashboard.login_limits import LoginLimiter, minutes_left
from tests.support.paths import ROOT
from tests.support.production import init_store_with_account, start_serve, stop, wait_ready

PASSWORD = "correct horse battery"


def _outcome(resp: requests.Response) -> str:
    """'ok' (logged in), 'failed' (wrong password) or 'locked' (refused unchecked), from the redirect."""
    assert resp.status_code == 303, resp.text[:300]
    query = parse_qs(urlsplit(resp.headers["Location"]).query)
    if "locked" in query:
        return "locked"
    return "failed" if "error" in query else "ok"


@pytest.fixture(scope="module")
def two_processes(tmp_path_factory, redis_url):
    workdir = tmp_path_factory.mktemp("limits")
    env = {
        **os.environ,
        "KEPU_DATABASE_URL": f"sqlite:///{workdir / 'kepu.sqlite3'}",
        "KEPU_REDIS_URL": redis_url,
        "KEPU_SECRET_KEY": "one-key-for-both",
        "KEPU_LOGIN_MAX_FAILURES": "5",
        "KEPU_LOGIN_LOCKOUT_MINUTES": "15",
    }
    init_store_with_account(env, "editor", "editor", PASSWORD)
    servers = []
    try:
        for name in ("a", "b"):  # one after the other: each runs `kepu init` on the shared store first
            folder = workdir / name
            folder.mkdir()
            shared = {k: env[k] for k in ("KEPU_DATABASE_URL", "KEPU_REDIS_URL", "KEPU_SECRET_KEY")}
            server = start_serve(folder, workers=1, env={**shared, "KEPU_THREADS": "2"})
            servers.append(server)
            wait_ready(server)
        yield env, servers
    finally:
        for server in servers:
            stop(server)


def _try(base: str, password: str, username: str = "editor") -> requests.Response:
    with requests.Session() as s:
        return s.post(
            base + "/auth/login",
            data={"username": username, "password": password, "next": "/upload"},
            headers={"Origin": base},
            allow_redirects=False,
            timeout=30,
        )


def test_ten_wrong_tries_across_two_processes_lock_the_account_before_the_password_is_checked(two_processes):
    env, (a, b) = two_processes
    outcomes = []
    for i in range(10):
        base = (a, b)[i % 2].url  # alternate, as a load balancer would
        password = PASSWORD if i == 9 else f"wrong {i}"  # the tenth is the right one
        resp = _try(base, password)
        outcomes.append(_outcome(resp))
        if i == 9:
            assert "kepu_session" not in resp.cookies  # no login, though the password was right
            locked = parse_qs(urlsplit(resp.headers["Location"]).query)["locked"][0]
            assert 14 <= minutes_left(float(locked)) <= 15
    assert outcomes == ["failed"] * 4 + ["locked"] * 6

    out = subprocess.run(
        [sys.executable, "-m", "dashboard", "audit", "--json", "--limit", "50"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    events = [
        e["event"] for e in json.loads(out) if e["username"] == "editor" and e["event"].startswith(("login", "lock"))
    ]
    # Five passwords were checked (and failed), one lockout began; the other tries never reached the check.
    assert sorted(events) == sorted(["login_failed"] * 5 + ["lockout"])
    assert PASSWORD not in out


def test_the_login_page_says_when_to_come_back_in_each_language(two_processes):
    _, (a, _) = two_processes
    # Locked out by the test above when it ran first on this worker; xdist may send this test
    # elsewhere, so it locks the account itself if need be (the limit is five failures).
    for _ in range(6):
        if _outcome(_try(a.url, "wrong password")) == "locked":
            break
    resp = _try(a.url, PASSWORD)
    assert _outcome(resp) == "locked"
    from callbacks.login import login_context

    search = "?" + urlsplit(resp.headers["Location"]).query
    _, zh = login_context("/login", search)
    _, en = login_context("/login", search + "&lang=en")
    assert "分钟后再试" in str(zh.children) and "Try again in" in str(en.children)


def test_the_disk_counts_are_shared_by_processes_of_one_host(tmp_path):
    """Without Redis, the gunicorn workers of one host count in one diskcache folder: two limiters on one
    folder (as two workers) see each other's failures."""
    one = LoginLimiter(max_failures=3, folder=str(tmp_path))
    two = LoginLimiter(max_failures=3, folder=str(tmp_path))
    assert one.failed("ed", "10.0.0.1") is None
    assert two.failed("ed", "10.0.0.2") is None
    assert one.locked_until("ed", "10.0.0.3") is None
    assert two.failed("ed", "10.0.0.3") is not None  # the third failure for the account
    assert one.locked_until("ed", "10.0.0.9") is not None  # any address: the account is locked
    assert one.locked_until("someone-else", "10.0.0.9") is None
    assert two.locked_until("ed", None) is not None


def test_a_success_clears_its_accounts_count_but_not_the_addresss(tmp_path):
    limiter = LoginLimiter(max_failures=3, folder=str(tmp_path))
    limiter.failed("ed", "10.0.0.1")
    limiter.failed("ed", "10.0.0.1")
    limiter.succeeded("ed")
    assert limiter.failed("ed", "10.0.0.2") is None  # the account's count began again
    assert limiter.failed("al", "10.0.0.1") is not None  # the address's third failure


def test_no_limit_when_switched_off(tmp_path):
    limiter = LoginLimiter(max_failures=0, folder=str(tmp_path))
    assert all(limiter.failed("ed", "10.0.0.1") is None for _ in range(20))
    assert limiter.locked_until("ed", "10.0.0.1") is None


def test_two_stores_sharing_the_count_storage_never_lock_each_other_out(tmp_path):
    """Two deployments on one Redis (or one folder) count their own users: the scope is the store."""
    ours = LoginLimiter(max_failures=2, folder=str(tmp_path), scope="store-a")
    theirs = LoginLimiter(max_failures=2, folder=str(tmp_path), scope="store-b")
    ours.failed("ed", "127.0.0.1")
    assert ours.failed("ed", "127.0.0.1") is not None
    assert ours.locked_until("ed", "127.0.0.1") is not None
    assert theirs.locked_until("ed", "127.0.0.1") is None
