"""The app under test and what it holds, reached the way the app's own code reaches them.

Tests get the repository and the settings from the app context (``context_of(app)``), never from
Flask's config: one place to change if the context changes.
"""

from __future__ import annotations

from pathlib import Path

import dash

from dashboard.app import create_app
from dashboard.context import context_of
from dashboard.repository import Repository
from dashboard.settings import Settings


def make_app(folder: Path, **settings) -> dash.Dash:
    """The app on a SQLite store of its own in ``folder``, created and filled with sample data on first
    use; its disk cache and background-job results in ``folder/cache``. ``settings`` override the rest."""
    values = {"database_url": f"sqlite:///{folder / 'k.sqlite3'}", "cache_dir": str(folder / "cache"), **settings}
    return create_app(Settings.from_env(**values))


def repo_of(app: dash.Dash) -> Repository:
    return context_of(app).repo


def settings_of(app: dash.Dash) -> Settings:
    return context_of(app).settings


def freeze_version(repo: Repository) -> Repository:
    """Read the data version once and keep it: for tests that never change the store.

    Outside a request the repository asks the store for its version on every cached look-up (three
    queries each); rendering every district page that way takes most of a minute.
    """
    repo.freeze_version()
    return repo
