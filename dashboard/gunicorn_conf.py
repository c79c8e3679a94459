"""gunicorn settings for production, read from the KEPU_* environment (docs/production.md).

    gunicorn -c dashboard/gunicorn_conf.py app:server      # from the repository root
    kepu serve                                             # the same, from anywhere

- bind: ``KEPU_HOST:KEPU_PORT`` (127.0.0.1:8050: put a reverse proxy in front,
  or set KEPU_HOST=0.0.0.0 behind a load balancer);
- workers: ``KEPU_WORKERS``, default 2 × cores + 1 at most 8; each is a
  ``gthread`` worker with ``KEPU_THREADS`` threads;
- the app is loaded once in the master and forked (``preload_app``): one store
  check and one sample-data fill instead of one per worker, and the workers
  share the imported libraries' memory. ``create_app`` finishes Dash's server
  setup before it returns, so every worker forked from the master (at start,
  after ``max_requests``, a crash or a HUP reload) is ready for its first
  request (``dashboard.app._finish_server_setup``). Each worker then drops the database
  connections it inherited (``post_fork``): a connection must not be shared
  across processes;
- gunicorn's own access log is off unless ``KEPU_ACCESS_LOG`` names a file
  (or ``-``): the app writes one JSON line per request with the callback's
  output (``dashboard/observability.py``). When on, its lines are JSON too,
  with the request time in ms.
"""

from __future__ import annotations

import os

from dashboard.settings import Settings

MAX_WORKERS = 8


def default_workers(cores: int | None = None) -> int:
    cores = cores or os.cpu_count() or 1
    return min(2 * cores + 1, MAX_WORKERS)


def _bind(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"


_settings = Settings.from_env()

bind = [_bind(_settings.host, _settings.port)]
workers = _settings.workers or default_workers()
worker_class = "gthread"
threads = max(1, _settings.threads)
timeout = _settings.timeout
max_requests = _settings.max_requests
max_requests_jitter = _settings.max_requests // 10
graceful_timeout = 30
keepalive = 5
preload_app = True
accesslog = _settings.access_log or None
errorlog = "-"
loglevel = os.environ.get("KEPU_LOG_LEVEL", "info")
# %(M)s: request time in milliseconds. %(r)s holds the query string, never a secret here.
access_log_format = (
    '{"remote": "%(h)s", "request": "%(r)s", "status": %(s)s, "bytes": "%(B)s", "ms": %(M)s, "agent": "%(a)s"}'
)
proc_name = "kepu-dashboard"
# gunicorn ≥ 25 opens a control socket at one fixed path per user ($HOME/.gunicorn/gunicorn.ctl):
# two servers on one host (two plans, a test run beside production) would take it from each other.
control_socket_disable = True
# Headers from a reverse proxy are trusted only from loopback unless
# FORWARDED_ALLOW_IPS (gunicorn's own variable) says otherwise.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


def post_fork(server, worker) -> None:
    """Each worker opens its own database connections (the master's must not be shared)."""
    from dashboard.context import context_of

    flask_app = server.app.wsgi()  # with preload_app: the Flask server loaded in the master
    extensions = getattr(flask_app, "extensions", {})
    if "kepu_context" in extensions:
        context_of(flask_app).repo.engine.dispose(close=False)
        from dashboard.app import start_warming

        start_warming(flask_app)  # in each worker: the master's threads do not survive the fork


def when_ready(server) -> None:
    """In the master, before the first fork: the static files compressed once, for every worker."""
    from dashboard import static

    flask_app = server.app.wsgi()
    if "kepu_static" in getattr(flask_app, "extensions", {}):
        server.log.info("kepu static files: %s kept in memory, compressed", static.preload(flask_app))
    server.log.info(
        "kepu dashboard: %s workers × %s threads on %s",
        server.cfg.workers,
        server.cfg.threads,
        ", ".join(server.cfg.bind),
    )


def run(settings: Settings, wsgi_app=None) -> None:
    """Start gunicorn with these settings in this process (``kepu serve``)."""
    import sys

    from gunicorn.app.base import BaseApplication

    module = sys.modules[__name__]
    options = {
        k: getattr(module, k)
        for k in (
            "workers",
            "worker_class",
            "threads",
            "timeout",
            "max_requests",
            "max_requests_jitter",
            "graceful_timeout",
            "keepalive",
            "preload_app",
            "accesslog",
            "errorlog",
            "loglevel",
            "access_log_format",
            "proc_name",
            "forwarded_allow_ips",
            "control_socket_disable",
            "post_fork",
            "when_ready",
        )
    }
    options.update(
        bind=[_bind(settings.host, settings.port)],
        workers=settings.workers or default_workers(),
        threads=max(1, settings.threads),
        timeout=settings.timeout,
        accesslog=settings.access_log or None,
        max_requests=settings.max_requests,
        max_requests_jitter=settings.max_requests // 10,
    )

    class KepuApplication(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                if key in self.cfg.settings:  # control_socket_disable is unknown before gunicorn 25
                    self.cfg.set(key, value)

        def load(self):
            if wsgi_app is not None:
                return wsgi_app
            from dashboard.app import create_app

            return create_app(settings).server

    KepuApplication().run()
