"""The app context: what every layout, callback and command is handed, explicitly.

One object carries the repository (store + plan + shapes), the settings and the
background-job manager. The app factory builds it once and passes it to every
``register`` and layout; the CLI builds its own from the same settings. Nothing
below the factory reads Flask globals or the environment to find them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dashboard.settings import Settings

if TYPE_CHECKING:
    import dash

    from dashboard.repository import Repository
    from data.plan import Plan

_KEY = "kepu_context"


@dataclass(frozen=True)
class AppContext:
    repo: Repository
    settings: Settings
    jobs: Any = None  # Dash's background-callback manager (dashboard/jobs.py); None outside the web app

    @property
    def plan(self) -> Plan:
        return self.repo.plan


def attach(app: dash.Dash, ctx: AppContext) -> None:
    """Keep the context on the app object (for gunicorn's hooks, the Celery worker and tests)."""
    app.server.extensions[_KEY] = ctx


def context_of(app: dash.Dash) -> AppContext:
    """The context ``create_app`` built for this app."""
    return app.server.extensions[_KEY]
