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
"""

from __future__ import annotations

import logging
import pickle
from pathlib import Path
from typing import Any

log = logging.getLogger("kepu.cache")

EXPIRE_SECONDS = 24 * 3600
DISK_LIMIT_BYTES = 512 * 1024 * 1024
_MISSING = object()


class SharedCache:
    """get/set of picklable values by string key; subclasses store bytes."""

    name = "none"

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

    def __init__(self, folder: str | Path):
        super().__init__()
        import diskcache

        Path(folder).mkdir(parents=True, exist_ok=True)
        self._cache = diskcache.Cache(str(folder), size_limit=DISK_LIMIT_BYTES)

    def _get(self, key):
        return self._cache.get(key)

    def _set(self, key, raw):
        self._cache.set(key, raw, expire=EXPIRE_SECONDS)


class RedisCache(SharedCache):
    name = "redis"

    def __init__(self, url: str):
        super().__init__()
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=2)

    def _get(self, key):
        return self._redis.get(key)

    def _set(self, key, raw):
        self._redis.set(key, raw, ex=EXPIRE_SECONDS)


MISSING = _MISSING


def make_cache(settings) -> SharedCache:
    if settings.redis_url:
        return RedisCache(settings.redis_url)
    if settings.cache_dir:
        return DiskCache(Path(settings.cache_dir) / "results")
    return SharedCache()
