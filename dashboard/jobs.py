"""Background jobs (report exports) and where their results wait.

Dash runs a ``background=True`` callback through a *manager*:

* embedded default — ``DiskcacheManager``: the job runs in a forked subprocess
  of the app process and its progress and result wait in a disk cache under
  ``KEPU_CACHE_DIR``; nothing else to start.
* ``KEPU_REDIS_URL`` set — ``CeleryManager``: the job is queued on Redis and
  run by a Celery worker (``kepu worker``) on any host; every app process can
  answer the browser's polls because progress and result live in Redis.

Either way a long export never holds a web worker: the browser polls, the
other users' requests go on.
"""

from __future__ import annotations

from pathlib import Path

from dashboard.settings import Settings

# Results are fetched by the polling browser soon after they are ready; an
# hour is ample and keeps the cache from growing.
RESULT_SECONDS = 3600


def celery_app(settings: Settings):
    """The Celery application of this dashboard (broker and results both in Redis)."""
    from celery import Celery

    app = Celery("kepu", broker=settings.redis_url, backend=settings.redis_url)
    app.conf.update(
        result_expires=RESULT_SECONDS,
        # JSON (Celery's default), never pickle: a worker must not run code a message carries,
        # and Celery refuses pickle under root.
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        worker_prefetch_multiplier=1,  # one report at a time per worker process: they are long
        broker_connection_retry_on_startup=True,
    )
    return app


def make_manager(settings: Settings):
    """The background-callback manager for these settings."""
    if settings.redis_url:
        from dash import CeleryManager

        return CeleryManager(celery_app(settings), expire=RESULT_SECONDS)
    import diskcache
    from dash import DiskcacheManager

    folder = Path(settings.cache_dir) / "jobs"
    folder.mkdir(parents=True, exist_ok=True)
    return DiskcacheManager(diskcache.Cache(str(folder)), expire=RESULT_SECONDS)
