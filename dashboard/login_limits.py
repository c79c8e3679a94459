"""Login limits: after a few failed logins for one account or from one address, further tries are
refused for a while, before the password is checked.

- ``KEPU_LOGIN_MAX_FAILURES`` failures (default 5) within ``KEPU_LOGIN_WINDOW_MINUTES`` (15) of the
  first one, for one username or one client address, start a lockout of
  ``KEPU_LOGIN_LOCKOUT_MINUTES`` (15) for that username or address. During it every try is refused
  without looking at the password, the right one included, and the login page says when to come
  back. A successful login clears its account's count (not the address's: one account an attacker
  holds must not reset the count of the address it guesses others from).
- The counting is the ``limits`` library's fixed window (``FixedWindowRateLimiter``). Its storage is
  shared by every process that can be asked: Redis when ``KEPU_REDIS_URL`` is set (every host), else
  a ``diskcache`` folder under ``KEPU_CACHE_DIR`` (the gunicorn workers of one host).
- A storage that cannot be reached is logged once and lets the login through to the password
  check: an outage of the cache must not lock everybody out.
- A lockout per account means that whoever knows a username can keep that account locked out by
  failing on purpose; the address limit stops one client doing it for many accounts. That is the
  usual trade-off, written down in docs/production.md.

Nothing here reads Flask's request: ``dashboard/auth.py`` passes the username and the address.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from limits import RateLimitItemPerMinute
from limits.storage import RedisStorage, Storage
from limits.strategies import FixedWindowRateLimiter

log = logging.getLogger("kepu.auth")

FAILURES = "kepu-login-failures"
LOCKED = "kepu-login-locked"


class DiskStorage(Storage):
    """A ``limits`` storage in a diskcache folder: counters shared by the processes of one host.

    Each counter is one key whose expiry is the end of its window; an increment reads and writes it
    in one diskcache transaction (a SQLite lock across processes)."""

    STORAGE_SCHEME = ["kepu-disk"]  # noqa: RUF012 - the base class declares it a list

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: Any) -> None:
        import diskcache

        folder = Path(str(options.get("folder") or (uri or "").removeprefix("kepu-disk://")))
        folder.mkdir(parents=True, exist_ok=True)
        self._cache = diskcache.Cache(str(folder), size_limit=64 * 1024 * 1024)
        super().__init__(uri, wrap_exceptions=wrap_exceptions)

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        import sqlite3

        return (OSError, sqlite3.Error)

    def incr(self, key: str, expiry: int | float, amount: int = 1) -> int:
        with self._cache.transact():
            value, expire_time = self._cache.get(key, default=None, expire_time=True)
            now = time.time()
            if value is None or (expire_time is not None and expire_time <= now):
                self._cache.set(key, amount, expire=expiry)
                return amount
            value = int(value) + amount
            self._cache.set(key, value, expire=max(expire_time - now, 0.001) if expire_time else expiry)
            return value

    def get(self, key: str) -> int:
        value, expire_time = self._cache.get(key, default=None, expire_time=True)
        if value is None or (expire_time is not None and expire_time <= time.time()):
            return 0
        return int(value)

    def get_expiry(self, key: str) -> float:
        _, expire_time = self._cache.get(key, default=None, expire_time=True)
        return float(expire_time) if expire_time else time.time()

    def check(self) -> bool:
        return True

    def reset(self) -> int | None:
        n = len(self._cache)
        self._cache.clear()
        return n

    def clear(self, key: str) -> None:
        self._cache.delete(key)


@dataclass
class LoginLimiter:
    """Failed logins counted per username and per client address, in storage every process shares."""

    max_failures: int = 5
    window_minutes: int = 15
    lockout_minutes: int = 15
    redis_url: str = ""
    folder: str = ""
    # Whose accounts these are: one store's. Two deployments (or a test run beside another) may share
    # one Redis; their users are not the same people, so neither may lock the other's out.
    scope: str = ""
    _storage: Storage | None = field(default=None, repr=False)
    _pid: int = field(default=0, repr=False)
    _warned: bool = field(default=False, repr=False)

    @classmethod
    def from_settings(cls, settings: Any) -> LoginLimiter:
        return cls(
            max_failures=int(settings.login_max_failures),
            window_minutes=max(1, int(settings.login_window_minutes)),
            lockout_minutes=max(1, int(settings.login_lockout_minutes)),
            redis_url=settings.redis_url or "",
            folder=str(Path(settings.cache_dir) / "login-limits"),
            scope=hashlib.sha256(settings.database_url.encode()).hexdigest()[:12],
        )

    @property
    def enabled(self) -> bool:
        return self.max_failures > 0

    @property
    def shared_by(self) -> str:
        return "redis" if self.redis_url else "disk"

    def _limiter(self) -> FixedWindowRateLimiter:
        # Made in the process that uses it: gunicorn forks its workers after the app is loaded.
        if self._storage is None or self._pid != os.getpid():
            if self.redis_url:
                self._storage = RedisStorage(self.redis_url)
            else:
                self._storage = DiskStorage(folder=self.folder)
            self._pid = os.getpid()
        return FixedWindowRateLimiter(self._storage)

    @property
    def _failures(self) -> RateLimitItemPerMinute:
        return RateLimitItemPerMinute(self.max_failures, self.window_minutes)

    @property
    def _lock(self) -> RateLimitItemPerMinute:
        return RateLimitItemPerMinute(1, self.lockout_minutes)

    def keys(self, username: str, address: str | None) -> list[str]:
        name = (username or "").strip().lower()[:64]
        keys = (f"user:{name}" if name else "", f"addr:{address}" if address else "")
        return [f"{self.scope}:{k}" for k in keys if k]

    def _warn(self, exc: Exception) -> None:
        if not self._warned:
            log.warning("login limits (%s) unavailable, not counting failures: %s", self.shared_by, exc)
            self._warned = True

    def locked_until(self, username: str, address: str | None) -> float | None:
        """When the lockout of this username or address ends (epoch seconds), or None: not locked."""
        if not self.enabled:
            return None
        try:
            limiter = self._limiter()
            ends = [
                limiter.get_window_stats(self._lock, LOCKED, key).reset_time
                for key in self.keys(username, address)
                if not limiter.test(self._lock, LOCKED, key)
            ]
        except Exception as exc:  # noqa: BLE001 - an outage lets the password check decide
            self._warn(exc)
            return None
        return max(ends) if ends else None

    def failed(self, username: str, address: str | None) -> float | None:
        """Count a failure; when it starts a lockout, when that ends (epoch seconds)."""
        if not self.enabled:
            return None
        until = None
        try:
            limiter = self._limiter()
            for key in self.keys(username, address):
                limiter.hit(self._failures, FAILURES, key)
                if not limiter.test(self._failures, FAILURES, key):
                    limiter.hit(self._lock, LOCKED, key)
                    limiter.clear(self._failures, FAILURES, key)  # a new count after the lockout
                    ends = limiter.get_window_stats(self._lock, LOCKED, key).reset_time
                    until = max(until or 0.0, ends)
        except Exception as exc:  # noqa: BLE001
            self._warn(exc)
            return None
        return until

    def succeeded(self, username: str) -> None:
        if not self.enabled:
            return
        try:
            limiter = self._limiter()
            for key in self.keys(username, None):
                limiter.clear(self._failures, FAILURES, key)
        except Exception as exc:  # noqa: BLE001
            self._warn(exc)


def minutes_left(until: float, now: float | None = None) -> int:
    """Whole minutes until ``until`` (epoch seconds), at least 1; 0 once it has passed."""
    left = until - (time.time() if now is None else now)
    return 0 if left <= 0 else max(1, math.ceil(left / 60))
