"""The app context: what every layout, callback and command is handed, explicitly.

One object carries the repository (store + plan + shapes), the settings and the
background-job manager. A deployment may serve several plans (dashboard/plans.py):
``context.repo`` is the default plan's, and ``context.for_plan(code)`` (or
``for_search(search)``, by a URL's ``?plan=``) is the same context on another
plan. The app factory builds it once and passes it to every ``register`` and
layout; the CLI builds its own from the same settings. Nothing below the
factory reads Flask globals or the environment to find them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from dashboard.settings import Settings

if TYPE_CHECKING:
    import dash
    from flask import Flask

    from dashboard.plans import PlanSet
    from dashboard.repository import Repository
    from dashboard.services.imports import ImportService
    from data.plan import Plan
    from data.users import User

_KEY = "kepu_context"

# Set while a response that may be shared is computed (dashboard/callback_cache.py): anything that
# asks who is asking marks it, and a response that depends on the user is never shared.
_WHO_ASKED: ContextVar[list[bool] | None] = ContextVar("kepu_who_asked", default=None)


def note_who_asked() -> None:
    """Called by every way of learning the current user (``Viewer.current_user``)."""
    seen = _WHO_ASKED.get()
    if seen is not None:
        seen.append(True)


@contextmanager
def watching_who_asks() -> Iterator[list[bool]]:
    """Within: a non-empty list once anything asked for the current user."""
    seen: list[bool] = []
    token = _WHO_ASKED.set(seen)
    try:
        yield seen
    finally:
        _WHO_ASKED.reset(token)


class Viewer:
    """Who is asking. This default is nobody in particular (the CLI, reports, tests): anonymous,
    no login wall, paths as given. The web app's is ``dashboard.auth.SessionViewer``: the account
    logged in for the current request, under the app's URL prefix."""

    def current_user(self) -> User | None:
        note_who_asked()
        return None

    def login_required(self) -> bool:
        """True when this request must log in before it sees anything."""
        return False

    def can(self, action: str) -> bool:
        """Whether the current user may take ``action`` (to show controls; the write checks again)."""
        user = self.current_user()
        return user is not None and user.can(action)

    def url(self, path: str) -> str:
        return path


@dataclass(frozen=True)
class AppContext:
    repo: Repository
    settings: Settings
    jobs: Any = None  # Dash's background-callback manager (dashboard/jobs.py); None outside the web app
    viewer: Viewer = field(default_factory=Viewer)
    plans: PlanSet | None = None  # every plan served; None: just ``repo``'s

    @property
    def plan_set(self) -> PlanSet:
        from dashboard.plans import PlanSet

        return self.plans if self.plans is not None else PlanSet.single(self.repo)

    def for_plan(self, code: str | None) -> AppContext:
        """This context on plan ``code``: its repository, plan and import service. An unknown or
        missing code gives the default plan (a bad link shows the default, never an error page)."""
        repo = self.plan_set.get(code)
        return self if repo is self.repo else replace(self, repo=repo)

    def for_search(self, search: str | None) -> AppContext:
        """This context on the plan a URL's query names (``?plan=CODE``), else the default plan."""
        from dashboard.viewstate import plan_in

        return self.for_plan(plan_in(search))

    @property
    def plan(self) -> Plan:
        return self.repo.plan

    @property
    def imports(self) -> ImportService:
        """Preview, commit, rollback and clear sample data, checked against the table of actions."""
        from dashboard.services.imports import ImportService

        return ImportService(
            self.repo.engine,
            self.repo.plan,
            self.settings.import_limits(),
            shapes_dir=self.repo.shapes_dir,
            review=self.settings.review_imports,
        )


def attach(app: dash.Dash, ctx: AppContext) -> None:
    """Keep the context on the app object (for gunicorn's hooks, the Celery worker and tests)."""
    app.server.extensions[_KEY] = ctx


def context_of(app: dash.Dash | Flask) -> AppContext:
    """The context ``create_app`` built for this app (the Dash app or its Flask server)."""
    server = getattr(app, "server", app)
    return server.extensions[_KEY]
