"""A result cache shared by every process that serves the same data.

The repository keeps what it computed in its own process (a dict per data
version).  A second level, shared, lets another process — another gunicorn
worker on this host, or an app process on another host — reuse a result
instead of recomputing it after an import or a restart:

* embedded default: a ``diskcache`` folder (``KEPU_CACHE_DIR``), shared by
  the processes of one host;
* ``KEPU_REDIS_URL`` set: Redis, shared by every host.

Keys carry the plan's fingerprint and the data version, so a result is never
served for other data: an import changes the version, and every process asks
for the version at the start of each request (see ``Repository.version``).
Old versions are not deleted one by one; they expire (``EXPIRE_SECONDS``) or
are evicted by size.  A cache that is down costs speed, never correctness:
errors are logged once and the value is computed.

``get_or_compute`` adds a lock per key (Redis ``SET NX``, an atomic ``add`` in the
disk cache), so that at most one process computes a given key at a time: after
an import, the first requests of every worker for the same view wait for one
computation and read its result instead of all computing it (no stampede).
"""

from __future__ import annotations

import logging
import pickle
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger("kepu.cache")

EXPIRE_SECONDS = 24 * 3600
# A computation holding a key's lock longer than this is taken to have died: its lock expires and
# whoever waits computes. The longest today is the first page after an import at national scale.
LOCK_SECONDS = 180
DISK_LIMIT_BYTES = 512 * 1024 * 1024
_MISSING = object()


class SharedCache:
    """get/set of picklable values by string key; subclasses store bytes."""

    name = "none"
    stores = False  # whether a value set here can be read back (by this process or another)

    def __init__(self) -> None:
        self._warned = False

    def get(self, key: str) -> Any:
        """The value, or ``MISSING``."""
        try:
            raw = self._get(key)
        except Exception as exc:  # noqa: BLE001 - a cache outage must not break a page
            self._warn(exc)
            return _MISSING
        return _MISSING if raw is None else pickle.loads(raw)

    def set(self, key: str, value: Any) -> None:
        try:
            self._set(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        except Exception as exc:  # noqa: BLE001
            self._warn(exc)

    def get_or_compute(
        self, key: str, compute: Callable[[], Any], *, lock_seconds: float = LOCK_SECONDS, skip_if_busy: bool = False
    ) -> Any:
        """The value under ``key``; if there is none, computed by ``compute`` in at most one process
        at a time and stored. Others asking meanwhile wait for it (polling) and read it; one that has
        waited ``lock_seconds`` computes it itself. ``skip_if_busy``: do not wait, return ``MISSING``
        when another process is computing it (background warming: it is being done)."""
        value = self.get(key)
        if value is not _MISSING or not self.stores:
            return compute() if value is _MISSING else value
        lock, token = f"{key}:lock", uuid.uuid4().hex.encode()
        deadline, pause = time.monotonic() + lock_seconds, 0.02
        while True:
            if self._try_lock(lock, token, lock_seconds):
                try:
                    value = self.get(key)  # finished by another between our look and our lock
                    if value is _MISSING:
                        value = compute()
                        self.set(key, value)
                    return value
                finally:
                    self._unlock(lock, token)
            if skip_if_busy:
                return _MISSING
            time.sleep(pause)
            pause = min(pause * 1.5, 0.25)
            value = self.get(key)
            if value is not _MISSING:
                return value
            if time.monotonic() > deadline:
                value = compute()
                self.set(key, value)
                return value

    def _try_lock(self, lock: str, token: bytes, seconds: float) -> bool:
        try:
            return self._add(lock, token, seconds)
        except Exception as exc:  # noqa: BLE001 - no lock is better than no page
            self._warn(exc)
            return True

    def _unlock(self, lock: str, token: bytes) -> None:
        try:
            self._delete_if(lock, token)
        except Exception as exc:  # noqa: BLE001 - it expires by itself
            self._warn(exc)

    def _add(self, key: str, raw: bytes, seconds: float) -> bool:
        """Set ``key`` unless it exists, atomically; True when set."""
        return True

    def _delete_if(self, key: str, raw: bytes) -> None:
        """Delete ``key`` if it still holds ``raw`` (a lock that expired may be another's now)."""

    def _warn(self, exc: Exception) -> None:
        if not self._warned:
            log.warning("shared cache (%s) unavailable, computing locally: %s", self.name, exc)
            self._warned = True

    def _get(self, key: str) -> bytes | None:
        return None

    def _set(self, key: str, raw: bytes) -> None:
        return None


class DiskCache(SharedCache):
    name = "disk"
    stores = True

    def __init__(self, folder: str | Path):
        super().__init__()
        import diskcache

        Path(folder).mkdir(parents=True, exist_ok=True)
        self._cache = diskcache.Cache(str(folder), size_limit=DISK_LIMIT_BYTES)

    def _get(self, key):
        return self._cache.get(key)

    def _set(self, key, raw):
        self._cache.set(key, raw, expire=EXPIRE_SECONDS)

    def _add(self, key, raw, seconds):
        return bool(self._cache.add(key, raw, expire=seconds))

    def _delete_if(self, key, raw):
        with self._cache.transact():
            if self._cache.get(key) == raw:
                self._cache.delete(key)


class RedisCache(SharedCache):
    name = "redis"
    stores = True
    # Compare and delete in one step: a lock that outlived its holder may belong to another now.
    _RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"

    def __init__(self, url: str):
        super().__init__()
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=2)

    def _get(self, key):
        return self._redis.get(key)

    def _set(self, key, raw):
        self._redis.set(key, raw, ex=EXPIRE_SECONDS)

    def _add(self, key, raw, seconds):
        return bool(self._redis.set(key, raw, nx=True, px=max(1, int(seconds * 1000))))

    def _delete_if(self, key, raw):
        self._redis.eval(self._RELEASE, 1, key, raw)


MISSING = _MISSING


def make_cache(settings) -> SharedCache:
    if settings.redis_url:
        return RedisCache(settings.redis_url)
    if settings.cache_dir:
        return DiskCache(Path(settings.cache_dir) / "results")
    return SharedCache()
