"""The Celery worker that runs report exports when KEPU_REDIS_URL is set.

Dash registers each background callback as a Celery task when the callback is
defined, so a worker must build the same app (same settings, same callbacks)
as the web processes: then the task names, which hash the callback's source,
agree.  Start it with ``kepu worker`` (or ``celery -A dashboard.worker worker``).

Threads, not forked processes: the app (with its database engine) is built
once at import, and a forked child would share the parent's connections.  A
report spends its time waiting on Chromium, so threads are enough.
"""

from __future__ import annotations

from dashboard.i18n import bilingual
from dashboard.settings import Settings


def make_celery(settings: Settings | None = None):
    from dashboard.app import create_app

    settings = settings or Settings.from_env()
    if not settings.redis_url:
        raise SystemExit(bilingual("worker_needs_redis"))
    app = create_app(settings)
    from dashboard.context import context_of

    return context_of(app).jobs.handle


def run(settings: Settings | None = None, concurrency: int = 2, loglevel: str = "INFO") -> None:
    make_celery(settings).worker_main(
        [
            "worker",
            f"--loglevel={loglevel}",
            "--pool=threads",
            f"--concurrency={concurrency}",
            "--without-gossip",
            "--without-mingle",
        ]
    )


def __getattr__(name: str):
    # `celery -A dashboard.worker` looks for an attribute named "celery" (or "app"): build it then,
    # not when another module merely imports this one.
    if name in ("celery", "app"):
        return make_celery()
    raise AttributeError(name)
